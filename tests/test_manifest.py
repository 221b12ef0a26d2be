"""The app asks a workspace for the scopes its code uses, and no others: an unused scope is a permission
an admin is asked to grant for nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_API_CALL = re.compile(r"\.(chat_[a-zA-Z]+|conversations_[a-zA-Z]+|views_[a-zA-Z]+|users_[a-zA-Z]+|"
                          r"assistant_threads_[a-zA-Z]+|files_[a-zA-Z0-9_]+)\(")

# Each bot scope and why the app needs it (events it receives or Web API methods it calls).
WHY = {
    "app_mentions:read": "app_mention events: answering a mention",
    "assistant:write": "assistant.threads.setStatus / setSuggestedPrompts in the assistant pane",
    "channels:history": "conversations.replies in public channels: the thread's earlier needs",
    "groups:history": "conversations.replies in private channels",
    "im:history": "message.im events and conversations.replies in DMs",
    "mpim:history": "conversations.replies in group DMs",
    "chat:write": "chat.postMessage: answers in threads and DMs",
    "commands": "the /pyframework slash command",
    "users:read": "users.info: App Home shows the feedback summary to workspace admins",
}
METHOD_SCOPES = {  # Web API methods the code calls -> the scope each needs
    "chat_postMessage": "chat:write", "conversations_replies": "channels:history", "views_publish": None,
    "assistant_threads_setStatus": "assistant:write", "assistant_threads_setSuggestedPrompts": "assistant:write",
    "users_info": "users:read",
}


def scopes() -> set[str]:
    return set(json.loads((ROOT / "manifest.json").read_text())["oauth_config"]["scopes"]["bot"])


def called_methods() -> set[str]:
    return {m for path in (ROOT / "bot").rglob("*.py") for m in WEB_API_CALL.findall(path.read_text())}


def test_every_scope_is_one_the_code_needs() -> None:
    unexplained = scopes() - set(WHY)
    assert not unexplained, f"scopes nothing uses (or add why to WHY): {sorted(unexplained)}"


def test_every_web_api_method_the_code_calls_has_its_scope() -> None:
    called = called_methods()
    assert "chat_postMessage" in called  # the pattern still finds calls
    unknown = called - set(METHOD_SCOPES)
    assert not unknown, f"methods with no known scope: {sorted(unknown)}"
    missing = {METHOD_SCOPES[m] for m in called if METHOD_SCOPES[m]} - scopes()
    assert not missing, f"the manifest lacks {sorted(missing)}"


def test_direct_messages_need_no_im_write() -> None:
    """Answers go to the DM channel the message came from (chat:write); the app never opens a DM."""
    assert not {"im:read", "im:write"} & scopes()
    assert not {"conversations_open"} & called_methods()


def test_the_slash_command_the_code_routes_is_the_one_the_manifest_declares():
    from bot.slacktext import COMMAND

    declared = [c["command"] for c in json.loads((ROOT / "manifest.json").read_text())["features"]["slash_commands"]]
    assert declared == [COMMAND]
