"""The answer as posted: the answer first, then what backs it, the rest one tap away.

A thread answer competes with a busy discussion, so its first line is the answer (the pick, the
verdict, or the fact asked for) with the one reason that decided it; at most three options follow
with two reasons each. The full ranking, caveats, sources and what was read from the thread wait
behind "Details" (see details.py); every answer ends with the buttons and the feedback votes.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.advice import CLEARLY_BETTER, CLEARLY_BETTER_FIT, Answer, Recommendation
from bot.knowledge import CATEGORY_TITLES, KnowledgeBase
from bot.present.document import Button, Document, Part
from bot.present.record import present_record
from bot.present.wording import deciding_reason, facts_line, option_row, sentence, short

TOP_RECOMMENDATIONS = 3
CHOICES_SHOWN = 3
FRAMEWORK_BUTTONS = 3

SUBCOMMANDS = (  # (what to type, what it gives): the slash command's help
    ("help", "this list"),
    ("list micro", "the frameworks I know, or one kind (micro, api, async, full-stack, data-app)"),
    ("info litestar", "one framework: what it is, how current, what it is best for"),
    ("compare django fastapi", "two to five frameworks side by side"),
    ("recommend REST API with auth, team of 5", "a ranked pick for what you describe"),
    ("does bottle support templates?", "or just ask in plain words"),
)
EXAMPLES = tuple(example for example, _ in SUBCOMMANDS[1:])

Layout = Callable[[Answer, KnowledgeBase], Document]


def present(answer: Answer, kb: KnowledgeBase) -> Document:
    """The document for an answer; its `summary` is the notification sentence."""
    if answer.record:  # asked for in so many words: the record is the answer, not a button away
        return present_record(answer.record)
    intent = "info" if answer.card is not None else answer.question.intent  # a comparison with one I know
    if answer.message:  # said plainly: another language, a library question, "which framework do you mean?"
        intent = "unknown"
    layouts: dict[str, Layout] = {"recommend": _recommend, "compare": _compare, "info": _info, "list": _listing,
                                  "help": _help}
    return layouts.get(intent, _unknown)(answer, kb)


def closing(answer: Answer, buttons: list[Button]) -> list[Part]:
    """Notes, the buttons and the votes every answered question ends with."""
    token = answer.question.to_token()
    parts = [Part("note", text=note) for note in answer.notes]
    parts.append(Part("actions", buttons=(*buttons, ("Not what I asked", "not_what_i_asked", token))))
    parts.append(Part("feedback", text=token))
    return parts


def _pick_title(answer: Answer, kb: KnowledgeBase) -> str:
    q, top = answer.question, answer.recommendations[0].framework
    if q.within:
        project = ", ".join(kb.frameworks[f].name for f in q.within)
        return f"For your {project} project: {'stay on ' if top.id in q.within else ''}{top.name}"
    if len(q.excluded) == 2 and set(q.similar_to) == set(q.excluded):  # both bounds of what is wanted
        return f"Between {' and '.join(kb.frameworks[f].name for f in q.excluded)}: {top.name}"
    if q.excluded and set(q.excluded) <= set(q.frameworks):
        return f"Instead of {', '.join(kb.frameworks[f].name for f in q.excluded)}: {top.name}"
    offered = {r.framework.id for r in answer.recommendations}
    choices = [f for f in q.shortlist if f in offered]  # an unmaintained one left out is no longer a choice
    if len(choices) >= 2:
        return f"Of {', '.join(kb.frameworks[f].name for f in choices)}: {top.name}"
    return f"My pick: {top.name}"


def _recommend(answer: Answer, kb: KnowledgeBase) -> Document:
    recs = answer.recommendations[:TOP_RECOMMENDATIONS]
    if not recs:
        text = "I couldn't find a framework that fits. Tell me more about what you're building."
        return Document((Part("text", text=text), *closing(answer, [])), text)
    title, reason = _pick_title(answer, kb), sentence(deciding_reason(recs))
    parts = [Part("lead", title=title, text=reason)]
    if len(recs) > 1:  # the first option's standing is already the lead's reason
        rows = (option_row(recs[0], standing=not recs[0].standing), *(option_row(r) for r in recs[1:]))
        parts.append(Part("ranked", rows=rows))
    else:
        parts.append(Part("bullets", lines=tuple(f"+ {r}" for r in recs[0].reasons[:3])))
    buttons: list[Button] = [("Details", "answer_details", answer.question.to_token())]
    if len(recs) >= 2:
        buttons.append(("Compare top two", "compare_top_two", f"{recs[0].framework.id},{recs[1].framework.id}"))
    buttons.append(("Decision record", "decision_record", answer.question.to_token()))
    others = ", ".join(r.framework.name for r in recs[1:])
    summary = f"{title}. {reason}" + (f" Also worth a look: {others}." if others else "")
    return Document((*parts, *closing(answer, buttons)), short(summary))


def _asked_rows(answer: Answer) -> str:
    """"WebSockets: Django through Django Channels, Flask through Flask-SocketIO": the one or two needs
    asked about, from the comparison's own rows (they come first); empty for more."""
    q, comp = answer.question, answer.comparison
    asked = len(q.needs)  # their rows come first; a need ruled out reads wrong as "Falcon none"
    if comp is None or not 1 <= asked <= 2 or any(t != "project" for t, _ in q.traits):
        return ""
    return "; ".join(f"{label}: " + ", ".join(f"{fw.name} {_cell_words(cell)}" for fw, cell in zip(
        comp.frameworks, cells, strict=False)) for label, cells in comp.rows[:asked])


def _cell_words(cell: str) -> str:
    """A comparison cell as words: "built in", "partial", "none", "through Django Channels"."""
    return cell if cell in ("built in", "partial") else "none" if cell == "-" else f"through {cell}"


def _verdict(answer: Answer) -> str:
    """For what was described, which of the compared fits best, or that they fit alike."""
    recs = answer.recommendations
    if not (answer.question.has_needs and recs):
        return "Which one depends on what you are building:"
    best = recs[0]
    tied = [r for r in recs if best.score - r.score < CLEARLY_BETTER
            and (best.fit is None or r.fit is None or best.fit - r.fit < CLEARLY_BETTER_FIT)]
    if len(tied) > 1:
        *others, last = (r.framework.name for r in tied)
        names = f"{', '.join(others)} and {last}"  # "Flask, FastAPI and Django"
        asked = _asked_rows(answer)
        if asked:  # the need itself, side by side, rather than "see the table" for the one thing asked
            return f"For what you described, {names} fit about equally well. {asked}."
        return f"For what you described, {names} fit about equally well: choose on the table below."
    why = "; ".join(best.reasons[:2]) or best.framework.summary
    return f"For what you described, {best.framework.name} fits best: {sentence(why)}"


def _compare(answer: Answer, kb: KnowledgeBase) -> Document:
    comp = answer.comparison
    assert comp is not None
    title = " vs ".join(fw.name for fw in comp.frameworks)
    verdict = answer.direct or _verdict(answer)  # the criterion asked ("which is faster?") before the table
    parts = [Part("lead", title=title, text=verdict)]
    parts.append(Part("bullets", lines=comp.choose[:CHOICES_SHOWN]))
    parts.append(Part("table", rows=(("Feature", *(fw.name for fw in comp.frameworks)),
                                     *((label, *cells) for label, cells in comp.rows))))
    buttons: list[Button] = [(f"Details: {fw.name}", f"details_{i}", fw.id)
                             for i, fw in enumerate(comp.frameworks[:FRAMEWORK_BUTTONS])]
    buttons.append(("Decision record", "decision_record", answer.question.to_token()))
    summary = f"{title}: {verdict}" if answer.question.has_needs or answer.direct \
        else f"{title}: " + "; ".join(comp.choose[:2])
    return Document((*parts, *closing(answer, buttons)), short(summary))


def _fit_lines(rec: Recommendation) -> tuple[str, ...]:
    return (*(f"+ {r}" for r in rec.reasons[:2]), *(f"- {c}" for c in rec.caveats[:2]))


def _info(answer: Answer, kb: KnowledgeBase) -> Document:
    fw = answer.card
    assert fw is not None
    # A fact question is answered by its sentence alone ("Bottle is licensed under MIT (…)").
    parts = [Part("lead", text=answer.direct) if answer.direct else Part("lead", title=fw.name, text=fw.summary)]
    for rec in answer.recommendations:  # "is flask good for a marketplace?": how it fits, both ways
        label = f"{rec.fit}% fit for what you described" if rec.fit is not None else "For what you described"
        parts.append(Part("bullets", title=label, lines=_fit_lines(rec)))
    if answer.alternatives:
        names = ", ".join(r.framework.name for r in answer.alternatives)
        parts.append(Part("text", text=f"{fw.name} is unmaintained; maintained frameworks closest to it: {names}."))
    if not answer.direct and not answer.recommendations:
        parts.append(Part("bullets", lines=(f"Best for: {fw.best_for[0]}", f"Avoid when: {fw.avoid_when[0]}")))
    if not (answer.direct and answer.question.fact_of_several):  # answered of each, each with its source
        parts.append(Part("note", text=facts_line(fw)))
    buttons: list[Button] = [("Details", "details", fw.id), (f"Docs: {fw.name}", "open_docs", fw.docs)]
    summary = answer.direct or f"{fw.name}: {fw.summary}"
    return Document((*parts, *closing(answer, buttons)), short(summary))


def _listing(answer: Answer, kb: KnowledgeBase) -> Document:
    parts = [Part("lead", title=answer.listing_title)]
    if not answer.listing:
        parts.append(Part("text", text="None of the frameworks I know matches that."))
    lines = tuple(f"{CATEGORY_TITLES[category]}: {', '.join(fw.name for fw in frameworks)}"
                  for category, frameworks in answer.listing)
    if lines:
        parts.append(Part("bullets", lines=lines))
    buttons: list[Button] = [("Details", "answer_details", answer.question.to_token())] if lines else []
    return Document((*parts, *closing(answer, buttons)), short(f"{answer.listing_title}. " + "; ".join(lines)))


# What people ask of the bot itself ("do you store my messages?", "how do you rank them?", "are you an LLM?"):
# true of bot/store (votes and gaps keep the question's text; jobs are deleted once posted) and of the logs
# (no message text).
HOW_I_WORK = ("How I work: every answer comes from a knowledge base of framework facts, each with its source and "
              "the date it was checked, ranked by a transparent score of the needs you state; no AI model writes "
              "them, and the same question gets the same answer. I read messages to answer them and keep their "
              "text only for answers someone rates and questions I could not answer well, so the team can "
              "improve me.")


def _help(answer: Answer, kb: KnowledgeBase) -> Document:
    names = ", ".join(sorted(fw.name for fw in kb.frameworks.values()))
    commands = tuple(f"/pyframework {example}: {what}" for example, what in SUBCOMMANDS)
    parts = (
        Part("lead", title="pyframework helps you choose a Python web framework",
             text="Ask in plain words, in a direct message, or mention me in a design thread: I read the needs "
                  "the thread stated and answer there, with reasons, caveats and sources."),
        Part("bullets", title="Commands", lines=commands),
        Part("note", text=f"I know {len(kb.frameworks)} frameworks: {names}."),
        Part("note", text=HOW_I_WORK),
    )
    return Document(parts, "How to use pyframework: help, list, info, compare, recommend, or any question.")


def _unknown(answer: Answer, kb: KnowledgeBase) -> Document:
    q = answer.question
    if answer.message:  # another language, or a library question: said plainly
        return Document((Part("text", text=answer.message),), short(answer.message))
    examples = EXAMPLES[:4]
    if q.others:
        what = "; ".join(f"{kb.names[name].title} is {kb.names[name].is_}" for name in q.others)
        summary = f"{what}. I compare Python web frameworks."
        text = f"{what}. I compare Python web frameworks; try one of these:"
        closest = tuple(dict.fromkeys(f for name in q.others for f in kb.names[name].see if f in kb.frameworks))
        examples = (*(f"info {fid}" for fid in closest[:2]), *examples)[:4]  # the framework to look at instead
    else:
        summary = "I'm not sure that's a question about Python web frameworks."
        text = f"{summary} Tell me what you are building or name a framework, for example:"
    parts = (Part("text", text=text), Part("bullets", lines=examples),
             Part("note", text="/pyframework help lists everything I can do."))
    return Document(parts, short(summary))
