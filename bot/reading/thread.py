"""Reading a thread: the message that mentions the bot, weighed with the messages before it.

Several voices state needs; some rule options out ("hug is dead", "not tornado"); the framework in use
stays unless someone says the team is leaving it; the options put forward are the ones to choose among,
the latest one leaned towards first; and later messages overrule earlier ones: a need ruled out after it
was asked for is ruled out, and the other way round; a trait the message states (the kind of project, the
team's size) replaces the thread's, so a new question about a dashboard is not read as one about an API.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.question import Question
from bot.reading.reader import Reader
from bot.slacktext import clean

MAX_COMPARED = 5
# At most this many messages of a discussion are read: one page of Slack's conversations.replies (a
# thread's first 100), and in the console the question with the 99 before it. It lives here, away from
# slack_sdk, so that the console shares the bound without importing Slack (half a second at start-up).
MAX_THREAD_MESSAGES = 100
LEANING = ("proposed", "destination", "praised")


@dataclass
class _Thread:
    """What the earlier messages said, in order; for each, the latest saying wins."""

    features: dict[str, bool] = field(default_factory=dict)  # feature -> wanted (True) or ruled out (False)
    traits: dict[tuple[str, str], None] = field(default_factory=dict)
    frameworks: dict[str, None] = field(default_factory=dict)
    rejected: dict[str, None] = field(default_factory=dict)
    in_use: dict[str, None] = field(default_factory=dict)
    leaning: list[str] = field(default_factory=list)  # the latest leaned towards last
    replacing: dict[str, tuple[str, ...]] = field(default_factory=dict)  # destination -> what it would replace

    def wants(self, needs: tuple[str, ...], ruled_out: tuple[str, ...]) -> None:
        for key in needs:
            self.features[key] = True
        for key in ruled_out:
            self.features[key] = False

    def read(self, reader: Reader, message: str, about_software: bool = False) -> None:
        reading = reader.reading(clean(message), about_software)
        self.wants(reading.needs, reading.negated)
        self.traits.update(dict.fromkeys(reading.traits))
        for fw in reading.frameworks:
            self.frameworks[fw] = None
            self.rejected.pop(fw, None)  # named again as an option: back in
        against = dict.fromkeys((*reading.rejected, *reading.role("leaving"), *reading.role("criticised")))
        for fw in against:
            self.rejected[fw] = None
            self.in_use.pop(fw, None)
            self._move_dropped(fw)
        leaving = (*reading.role("leaving"), *reading.role("replaced"))
        for fw in reading.role("destination"):
            if fw not in against and leaving:
                self.replacing[fw] = leaving
        # In a discussion, what the team knows counts as what it runs: the thread is about its own project
        known = (*reading.role("in_use"), *reading.role("familiar"))
        self.in_use.update(dict.fromkeys(f for f in known if f not in against))
        for fw in (f for role in LEANING for f in reading.role(role)):
            if fw not in against:
                self.leaning = [f for f in self.leaning if f != fw] + [fw]
        if reading.has("not_moving"):  # "we will consider a switch later, not now": the proposals wait
            self.leaning = [f for f in self.leaning if f in self.in_use]


    def _move_dropped(self, destination: str) -> None:
        """"Replace FastAPI with Litestar" then "Litestar is too fat for this project": the move is off, so
        what it would have replaced is in use again."""
        for fw in self.replacing.pop(destination, ()):
            if fw != destination and fw in self.rejected:
                del self.rejected[fw]
                self.in_use[fw] = None


def with_discussion(reader: Reader, question: Question, discussion: list[str] | tuple[str, ...]) -> Question:
    """`question` with what the thread before it said; `from_discussion` names what came from there."""
    if question.intent in ("help", "list") or question.topic == "thanks" or not discussion:
        return question  # "thanks!" at the end of a thread thanks; it asks nothing again
    thread = _Thread()
    about_software = question.intent != "unknown"  # the bot was asked about frameworks: so is the thread
    for message in discussion:
        thread.read(reader, message, about_software)
    thread.wants(question.needs, question.negated)  # the message itself has the last word
    subject = _subject(question, thread)
    if subject:  # "is it still maintained?", "is it faster than Flask?" after a message about Hug: Hug is "it"
        return replace(question, frameworks=(subject, *question.frameworks))
    return _merged(question, thread, adds=reader.reading(question.text).has("adds_to_thread"))


def _subject(question: Question, thread: _Thread) -> str | None:
    """The framework "it" stands for in a fact question with none named, or in a comparison with one named:
    the one the thread leaned towards last, else the one it named last."""
    if not ((question.intent == "info" and not question.frameworks)
            or (question.intent == "compare" and len(question.frameworks) == 1)):
        return None
    named = [f for f in (*reversed(thread.leaning), *reversed(thread.frameworks)) if f not in question.frameworks]
    return named[0] if named else None


def _merged(question: Question, thread: _Thread, adds: bool = False) -> Question:
    picked = [key for key, wanted in thread.features.items() if wanted and key not in question.needs]
    picked += [f"no {key}" for key, wanted in thread.features.items() if not wanted and key not in question.negated]
    # The message itself has the last word on a trait it states ("a dashboard for analysts" after "a REST API"
    # is a data app now); a message that adds to the thread adds its kind of project ("we are building a
    # marketplace" ... "and it needs websockets for chat": a web app, real-time too).
    stated = {t for t, _ in question.traits if not (adds and t == "project")}
    new_traits = [t for t in thread.traits if t not in question.traits and t[0] not in stated]
    picked += [f"{t}:{v}" for t, v in new_traits]
    rejected, in_use = thread.rejected, thread.in_use
    intent, named = question.intent, question.frameworks
    if intent == "unknown" and (picked or rejected or in_use):
        intent = "recommend"
    excluded = tuple(f for f in rejected if f not in question.frameworks or f in question.excluded)
    within = question.within or tuple(f for f in in_use if f not in rejected)
    shortlist = question.shortlist
    candidates = tuple(f for f in thread.frameworks if f not in rejected and f not in question.excluded
                       and (f not in in_use or f in thread.leaning))
    if intent == "recommend" and not named and candidates:  # "django or fastapi?" ... "which one?"
        leaning = [f for f in reversed(thread.leaning) if f in candidates]
        shortlist = tuple(dict.fromkeys((*leaning, *candidates)))[:MAX_COMPARED]
        named = tuple(dict.fromkeys((*shortlist, *within)))  # what is in use counts as named: it may stay
    elif intent == "recommend" and not named and within != question.within:  # "flask has been fine for 5 years"
        named = within  # ... "thoughts?": named earlier, it may stay as well
    if intent == "compare":
        within = question.within
    new_excluded = tuple(dict.fromkeys((*question.excluded, *excluded))) if intent == "recommend" else \
        question.excluded
    if not picked and intent == question.intent and named == question.frameworks and \
            new_excluded == question.excluded and within == question.within:
        return question
    # "what about flask instead?" after the needs were stated: how it fits them, not its card
    asks_fit = question.asks_fit or (intent == "info" and question.topic is None and bool(picked))
    return replace(
        question, intent=intent, frameworks=named, shortlist=shortlist if intent == "recommend" else (),
        asks_fit=asks_fit,
        needs=tuple(dict.fromkeys((*question.needs, *(k for k, w in thread.features.items() if w)))),
        negated=tuple(k for k, w in thread.features.items() if not w),
        traits=tuple(dict.fromkeys((*question.traits, *new_traits))),
        excluded=new_excluded, within=within if intent == "recommend" else question.within,
        similar_to=question.similar_to or (within if intent == "recommend" and within != question.within else ()),
        from_discussion=tuple(picked) + tuple(f"not {f}" for f in excluded if f not in question.excluded),
        settled=_settled(intent, shortlist, within, thread),
    )


def _settled(intent: str, shortlist: tuple[str, ...], within: tuple[str, ...], thread: _Thread) -> bool:
    """"Replace Flask ... a smooth migration to Tornado" then "so which?": the thread ruled out all but the one
    it moved towards, and nothing in use stays, so that one is the pick (a better fit elsewhere is a note)."""
    return intent == "recommend" and len(shortlist) == 1 and not within and shortlist[0] in thread.leaning
