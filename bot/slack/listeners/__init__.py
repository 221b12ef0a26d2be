"""Listeners grouped by kind, as in Slack's bolt-python templates."""

from slack_bolt import App

from bot.engine import Engine
from bot.slack.listeners import actions, assistant, commands, events, views


def register_listeners(app: App, engine: Engine) -> None:
    commands.register(app, engine)
    actions.register(app, engine)
    views.register(app, engine)
    assistant.register(app, engine)
    events.register(app, engine)
