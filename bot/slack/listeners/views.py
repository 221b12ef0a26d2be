"""The App Home tab: what the bot does, example questions, and the catalog by category; for workspace
admins and owners, also what to add to the knowledge next (the report of bot/feedback.py).

Publishing is a job like an answer (recorded before the ack, taken over if its worker dies); it needs
no thread check, since publishing the same view twice shows the same thing.
"""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.engine import Engine
from bot.feedback import REPORT_DAYS, Report, build_report, day, votes_line
from bot.knowledge import CATEGORY_TITLES
from bot.present import EXAMPLES
from bot.slack.delivery import error_code
from bot.slack.services import Services
from bot.slacktext import escape
from bot.store import Job

log = logging.getLogger("pyframework.slack")

HOME = "app_home"
HOME_REPORT_LIMIT = 5  # entries per kind on the Home tab; `pyframework report` shows more
USERS_INFO_TIMEOUT = 5.0
MAX_SECTION = 3000


def home_view(engine: Engine, report: Report | None = None) -> dict:
    """The Home tab; with `report` (only ever for an admin or owner), the report at the bottom."""
    blocks: list[Block] = [
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
        text = f"*{CATEGORY_TITLES[category]}*\n" + "\n".join(lines)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
    checked = max(fw.checked for fw in engine.kb.frameworks.values())
    blocks.append(ContextBlock(elements=[MarkdownTextObject(
        text=f"{len(engine.kb.frameworks)} frameworks, facts checked up to {checked}, every fact with a source.")]))
    if report is not None:
        blocks += report_blocks(report)
    return View(type="home", blocks=blocks[:100]).to_dict()


def report_blocks(report: Report) -> list[Block]:
    """The report for the Home tab: one section per kind, most frequent first. Wording people typed is
    escaped, so a question kept with PYFRAMEWORK_STORE_TEXT=1 can never ping or link anyone."""
    blocks: list[Block] = [
        DividerBlock(),
        HeaderBlock(text="What to add to the knowledge next"),
        ContextBlock(elements=[MarkdownTextObject(text=escape(
            f"Shown to workspace admins and owners only. The last {report.days:g} days, {day(report.since)} to "
            f"{day(report.until)} (UTC). {votes_line(report)}."))]),
    ]
    for section in report.sections:
        lines = [f"*{escape(section.title)}*: {section.total}"]
        for e in section.entries:
            detail = f" ({escape(e.detail)})" if e.detail else ""
            lines.append(f"• {e.count}× {escape(e.label)}{detail}, last {day(e.last_seen)}")
        if section.more > 0:
            lines.append(f"… and {section.more} more")
        if section.total:
            lines.append(f"_{escape(section.hint)}_")
        text = "\n".join(lines)
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=text if len(text) <= MAX_SECTION else text[:MAX_SECTION - 1] + "…")))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(
        text="The full report, from the machine that serves me: `pyframework report` (`--since DAYS`, `--json`).")]))
    return blocks


async def is_admin(services: Services, user: str) -> bool:
    """users.info says the person is a workspace admin or owner; False when it can't be asked (no
    users:read scope, an error, a timeout), so the Home tab is still published, without the report."""
    try:
        async with asyncio.timeout(USERS_INFO_TIMEOUT):
            info = await services.outbox.client.users_info(user=user)
    except Exception as exc:
        log.warning("could not tell whether a Home visitor is an admin (%s)", error_code(exc))
        return False
    person = info.get("user") or {}
    return any(person.get(k) is True for k in ("is_admin", "is_owner", "is_primary_owner"))


async def admin_report(services: Services, user: str) -> Report | None:
    """The report for a workspace admin or owner; None for anyone else, or when it can't be read."""
    if services.feedback is None or not await is_admin(services, user):
        return None
    try:
        return await asyncio.to_thread(build_report, services.feedback.store, services.engine.kb,
                                       days=REPORT_DAYS, limit=HOME_REPORT_LIMIT)
    except Exception as exc:  # the store may be down: the Home tab goes out without the report
        log.warning("could not read the report for App Home (%s: %s)", type(exc).__name__, str(exc)[:200])
        return None


async def publish_home(services: Services, job: Job) -> None:
    client = services.outbox.client
    view = home_view(services.engine, await admin_report(services, job.payload["user"]))
    await services.outbox.call("app home", lambda: client.views_publish(user_id=job.payload["user"], view=view))


def register(app: AsyncApp, services: Services) -> None:
    services.worker.handle(HOME, lambda job: publish_home(services, job))

    async def home_tab(event: dict) -> bool:
        return event.get("tab", "home") == "home" and bool(event.get("user"))

    @app.event("app_home_opened", matchers=[home_tab])
    async def accept_home_opened(ack: AsyncAck, body: dict, event: dict) -> None:
        await services.worker.accept(body["event_id"], HOME, {"user": event["user"]})
        await ack()

    @app.event("app_home_opened")
    async def ignore_messages_tab(ack: AsyncAck) -> None:
        await ack()
