"""Turn text as Slack delivers it into plain words, and make text safe to send back to Slack.

Slack wraps mentions, channels and links in angle brackets, escapes `&`, `<` and `>` as HTML
entities, and people add emoji codes and mrkdwn markers. The engine wants none of that: it wants the
words. Going the other way, anything a user typed that we echo must never turn into a live
@channel/@here/@everyone or a link, so it is escaped here too.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 4000
"""Longer messages are read up to this many characters; nobody asks a question that long."""

_SPECIAL = re.compile(r"<([^<>]*)>")
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "codeberg.org", "bitbucket.org"})
_REPOSITORY = re.compile(r"^https?://(?:www\.)?([^/\s]+)/[^/\s]+/([^/\s#?]+)")
# Text pasted from GitHub or a README keeps its Markdown links, "[FastAPI's](https://github.com/...)": the reader
# sees the label, as it does for Slack's own <url|label> links.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,300})\]\((?:https?://|www\.)[^\s()]*\)")
_EMOJI = re.compile(r":[a-z0-9_+'-]{1,60}:")
_CODE_FENCE = re.compile(r"```")
_MARKERS = re.compile(r"(?<![\w])[*_~`]+|[*_~`]+(?![\w])")
_MARKER_RUN = re.compile(r"[*_~`]+")  # every match of _MARKERS is inside one of these
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
COMMAND = "/pyframework"
"""The app's slash command (manifest.json): the Slack layer routes it, and the reader drops it from a message."""
# The slash command typed into a message where Slack did not run it (a thread, a DM to the bot, a quote):
# "/pyframework list" asks what "list" asks.
_OWN_COMMAND = re.compile(r"^\s*" + re.escape(COMMAND) + r"\b", re.IGNORECASE)
_MASS_MENTION = re.compile(r"([@!])(channel|here|everyone)\b", re.IGNORECASE)


def _repository(target: str) -> str:
    """The repository a code-host link points at ("https://github.com/tiangolo/fastapi" -> "fastapi"), or "":
    a project's name, where the host says nothing."""
    found = _REPOSITORY.match(target)
    return found.group(2).removesuffix(".git") if found and found.group(1).lower() in _CODE_HOSTS else ""


def _special(match: re.Match[str]) -> str:
    """Render one `<...>` Slack entity as the words a reader sees; a link to a repository also names it
    ("tell me about <https://github.com/tiangolo/fastapi|this>" is about FastAPI)."""
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@") or target.startswith("!"):
        return " "  # user mentions, @here and friends carry no question
    if target.startswith("#"):
        return f" #{label or 'channel'} "
    repository = _repository(target)
    if label:
        return f" {label} {repository} " if repository and repository.lower() not in label.lower() else f" {label} "
    host = re.sub(r"^[a-z]+://(www\.)?", "", target).split("/")[0]
    return f" {repository or host} "


def clean(text: str | None) -> str:
    """Slack message text -> readable plain text (case kept, one line, at most MAX_QUESTION_CHARS)."""
    if not text:
        return ""
    text = str(text)[: MAX_QUESTION_CHARS * 2]
    if "/" in text:
        text = _OWN_COMMAND.sub(" ", text)
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    text = _SPECIAL.sub(_special, text)
    text = _MARKDOWN_LINK.sub(lambda m: f" {m.group(1)} ", text)
    if "&" in text:  # html.unescape changes nothing else; most messages need neither it nor its import
        import html

        text = html.unescape(text)
    text = _EMOJI.sub(" ", text)
    text = _CODE_FENCE.sub(" ", text)
    # The markers' expression tries every character: most of reading a long message; the four characters are
    # looked for one at a time, each at C speed, sooner than a class of them.
    if "*" in text or "_" in text or "~" in text or "`" in text:
        text = _drop_markers(text)
    if not text.isprintable():  # every character _CONTROL replaces is unprintable (so are tabs and new lines)
        text = _CONTROL.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    # What re.sub(r"\s+", " ", text).strip() gives (str.split and re's \s both split at str.isspace characters),
    # without replacing each single space by a new one.
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def _drop_markers(text: str) -> str:
    """What `_MARKERS.sub(" ", text)` gives, its expression tried only at the runs of marker characters (found at
    C speed) instead of at every character with its look behind: each match is inside a run, and the one
    character on each side of a run is all its look behind and look ahead see."""
    pieces: list[str] = []
    last = 0
    for run in _MARKER_RUN.finditer(text):
        for marker in _MARKERS.finditer(text, run.start(), run.end() + 1):
            pieces += (text[last:marker.start()], " ")
            last = marker.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def was_truncated(text: str | None) -> bool:
    return bool(text) and len(str(text)) > MAX_QUESTION_CHARS


def escape(text: str) -> str:
    """Make user-provided text inert in Slack mrkdwn: no links, no mentions, no mass pings."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MASS_MENTION.sub(lambda m: f"{m.group(1)}\u200b{m.group(2)}", text)


_LIVE_BRACKET = re.compile(r"<(?=[!@#]|https?:|mailto:)", re.IGNORECASE)


def inert_plain(text: str) -> str:
    """Make text safe where Slack shows it verbatim (table cells, plain_text): no entities to unescape,
    but no mass mention or `<...>` that a client or a copy-paste could bring back to life either."""
    text = _LIVE_BRACKET.sub("<\u200b", text)
    return _MASS_MENTION.sub(lambda m: f"{m.group(1)}\u200b{m.group(2)}", text)
