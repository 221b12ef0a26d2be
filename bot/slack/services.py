"""What listeners need beyond Bolt's arguments, handed to each listener module's `register`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine import Engine
from bot.feedback import Feedback
from bot.slack.delivery import Outbox
from bot.slack.jobs import Worker


@dataclass(frozen=True)
class Services:
    engine: Engine  # synchronous and Slack-free; answers in about a millisecond, so called directly
    worker: Worker  # accepted answers as jobs in the store
    outbox: Outbox  # posts to Slack exactly once, within the answer's time budget
    feedback: Feedback | None = None  # logs what answers lacked (the gap log); None: nothing is logged
