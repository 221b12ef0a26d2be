"""Reading a thread: the message that mentions the bot, weighed with the messages before it.

Several voices state needs; some rule options out ("hug is dead", "not tornado"); the framework in use
stays unless someone says the team is leaving it; and later messages overrule earlier ones: a need
ruled out after it was asked for is ruled out, and the other way round.
"""

from __future__ import annotations

from dataclasses import replace

from bot.question import Question
from bot.reading.reader import Reader
from bot.slacktext import clean

MAX_COMPARED = 5


def _later_wins(state: dict[str, bool], wanted: tuple[str, ...], ruled_out: tuple[str, ...]) -> None:
    for key in wanted:
        state[key] = True
    for key in ruled_out:
        state[key] = False


def with_discussion(reader: Reader, question: Question, discussion: list[str] | tuple[str, ...]) -> Question:
    """`question` with what the thread before it said; `from_discussion` names what came from there."""
    if question.intent in ("help", "list") or not discussion:
        return question
    features: dict[str, bool] = {}  # feature -> wanted (True) or ruled out (False), the latest saying wins
    traits: dict[tuple[str, str], None] = {}
    frameworks: dict[str, None] = {}
    rejected: dict[str, None] = {}
    in_use: dict[str, None] = {}
    for message in discussion:
        reading = reader.reading(clean(message))
        _later_wins(features, reading.needs, reading.negated)
        traits.update(dict.fromkeys(reading.traits))
        for fw in reading.frameworks:
            frameworks[fw] = None
            rejected.pop(fw, None)  # named again as an option: back in
        against = dict.fromkeys((*reading.rejected, *reading.role("leaving"), *reading.role("criticised")))
        for fw in against:
            rejected[fw] = None
            in_use.pop(fw, None)
        in_use.update(dict.fromkeys(f for f in reading.role("in_use") if f not in against))
    _later_wins(features, question.needs, question.negated)  # the message itself has the last word
    return _merged(question, features, traits, frameworks, rejected, in_use)


def _merged(question: Question, features: dict[str, bool], traits: dict[tuple[str, str], None],
            frameworks: dict[str, None], rejected: dict[str, None], in_use: dict[str, None]) -> Question:
    picked = [key for key, wanted in features.items() if wanted and key not in question.needs]
    picked += [f"no {key}" for key, wanted in features.items() if not wanted and key not in question.negated]
    new_traits = [t for t in traits if t not in question.traits]
    picked += [f"{t}:{v}" for t, v in new_traits]
    intent, named = question.intent, question.frameworks
    if intent == "unknown" and (picked or rejected or in_use):
        intent = "recommend"
    excluded = tuple(f for f in rejected if f not in question.frameworks or f in question.excluded)
    candidates = tuple(f for f in frameworks if f not in rejected and f not in in_use and f not in question.excluded)
    shortlist = question.shortlist
    if intent == "recommend" and not named and len(candidates) >= 2:  # "django or fastapi?" ... "which one?"
        named, shortlist = candidates[:MAX_COMPARED], candidates[:MAX_COMPARED]
    within = question.within or tuple(f for f in in_use if f not in rejected)
    if intent == "compare":
        within = question.within
    new_excluded = tuple(dict.fromkeys((*question.excluded, *excluded))) if intent == "recommend" else \
        question.excluded
    if not picked and intent == question.intent and named == question.frameworks and \
            new_excluded == question.excluded and within == question.within:
        return question
    return replace(
        question, intent=intent, frameworks=named, shortlist=shortlist if intent == "recommend" else (),
        needs=tuple(dict.fromkeys((*question.needs, *(k for k, w in features.items() if w)))),
        negated=tuple(k for k, w in features.items() if not w),
        traits=tuple(dict.fromkeys((*question.traits, *new_traits))),
        excluded=new_excluded, within=within if intent == "recommend" else question.within,
        similar_to=question.similar_to or (within if intent == "recommend" and within != question.within else ()),
        from_discussion=tuple(picked) + tuple(f"not {f}" for f in excluded if f not in question.excluded),
    )
