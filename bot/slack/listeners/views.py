"""The App Home tab: what the bot does, example questions, and the catalog by category."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.engine import Engine
from bot.present import EXAMPLES
from bot.slack.replies import deliver
from bot.slacktext import escape

CATEGORY_TITLES = {"full-stack": "Full-stack", "micro": "Microframeworks", "async": "Async",
                   "api": "API frameworks", "data-app": "Data apps and dashboards"}


def home_view(engine: Engine) -> dict:
    blocks = [
        HeaderBlock(text="Choose a Python web framework"),
        SectionBlock(text=MarkdownTextObject(text=(
            "Ask me with `/pyframework`, in a direct message, or mention me in a design thread: I read the "
            "thread's needs and answer there. I rank frameworks with reasons and caveats, compare them side by "
            "side, and write a decision record you can commit."))),
        SectionBlock(text=MarkdownTextObject(text="*Try*\n" + "\n".join(f"• `{escape(e)}`" for e in EXAMPLES))),
        DividerBlock(),
    ]
    for category, frameworks in engine.kb.by_category().items():
        if not frameworks:
            continue
        lines = [f"• *{escape(fw.name)}* ({fw.maintenance}, {fw.latest_version}): {escape(fw.summary)}"
                 for fw in sorted(frameworks, key=lambda f: f.name.lower())]
        text = f"*{CATEGORY_TITLES.get(category, category)}*\n" + "\n".join(lines)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
    checked = max(fw.checked for fw in engine.kb.frameworks.values())
    blocks.append(ContextBlock(elements=[MarkdownTextObject(
        text=f"{len(engine.kb.frameworks)} frameworks, facts checked up to {checked}, every fact with a source.")]))
    return View(type="home", blocks=blocks[:100]).to_dict()


def register(app: App, engine: Engine) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def publish_home(client: WebClient, event: dict) -> None:
        if event.get("tab", "home") != "home":
            return
        deliver(lambda **kw: client.views_publish(**kw), {"view": home_view(engine)}, what="app home",
                user_id=event["user"])

    app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])
