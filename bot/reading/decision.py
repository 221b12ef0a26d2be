"""What the intent stage decides, and the tests of a reading its rules share (stage 5 of reading).

A Decision is the intent with what follows from it for the frameworks named; the constants name the cues and roles
several rules weigh alike.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.reading.reading import Reading


class Decision(NamedTuple):
    """What a message asks (the intent) and what that means for the frameworks it names."""

    intent: str
    frameworks: tuple[str, ...] = ()
    topic: str | None = None
    excluded: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    similar_to: tuple[str, ...] = ()  # frameworks named as the model of what is wanted ("like FastAPI")
    shortlist: tuple[str, ...] = ()  # the frameworks to choose among, the favoured one first


ADVICE = ("pick", "wants")  # asking for a pick, or saying what is wanted
LEANING = ("proposed", "destination", "praised")  # roles of a framework the message leans towards
PUTS_FORWARD = ("proposed", "destination")  # of those, the roles that ask whether to move to it
NOT_RIVALS = frozenset({"library", "extension", "server"})  # kinds of other name that are no alternative to a
# framework: "does flask include an orm or do i need sqlalchemy" asks about Flask


def requests_support(r: Reading) -> bool:
    """An issue-tracker request ("please implement websockets", "any plans to support Quart?") asks what a
    framework supports; the frameworks it names are what it is about, not options to choose among."""
    return r.has("feature_request") and not r.has("pick", "why_choice")


def criterion(r: Reading) -> str | None:
    criteria = r.flags.get("criterion", ())
    return f"criterion:{criteria[0]}" if criteria else None


def tells_its_project(r: Reading) -> bool:
    """The writer's own project, not the framework, is the subject: what they build, need or move to."""
    return r.has("wants", "moving_to", "new_framework") or r.states_a_project


def asks(r: Reading) -> bool:
    """The message asks something about what it names: a question mark, or a question's opening words."""
    return "?" in r.text or r.has("yes_no_about", "about", "about_it")


def states_plans(r: Reading) -> bool:
    """"we want to use a hardened, robust micro framework like Flask": the words of a fact (a microframework)
    describe what is wanted, in a message that states plans and asks nothing about the framework."""
    return r.has("plans_to_use") and not asks(r)
