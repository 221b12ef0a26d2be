"""Listeners grouped by kind, as in Slack's bolt-python templates."""

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import actions, assistant, commands, events, feedback, views
from bot.slack.services import Services


def register_listeners(app: AsyncApp, services: Services) -> None:
    commands.register(app, services)
    actions.register(app, services)
    feedback.register(app, services)
    views.register(app, services)
    assistant.register(app, services)
    events.register(app, services)
