"""The App Home tab: what the bot does, example questions, and the catalog by category.

Publishing is a job like an answer (recorded before the ack, taken over if its worker dies); it needs
no thread check, since publishing the same view twice shows the same thing.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.engine import Engine
from bot.present import EXAMPLES
from bot.slack.services import Services
from bot.slacktext import escape
from bot.store import Job

HOME = "app_home"
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


async def publish_home(services: Services, job: Job) -> None:
    client = services.outbox.client
    view = home_view(services.engine)
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
