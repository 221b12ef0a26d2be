"""Lay an Answer out as a small document (headings, paragraphs, bullets, a table, buttons).

Both renderers, plain text and Slack Block Kit, draw the same document, so the console, the JSON
output and Slack always say the same thing. Text here is plain; renderers add their own markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.advice import CLEARLY_BETTER, Answer, Recommendation
from bot.knowledge import KnowledgeBase

TOP_RECOMMENDATIONS = 3
MAX_REASONS = 5
MAX_CAVEATS = 3

EXAMPLES = (
    "django vs fastapi",
    "we need a REST API with auth and Swagger docs, team of 5",
    "a dashboard with charts for analysts who only know Python",
    "does bottle support templates?",
    "which async frameworks are there?",
    "list micro",
)


@dataclass(frozen=True)
class Part:
    """One piece of a document. `kind`: heading | text | bullets | table | note | item | actions."""

    kind: str
    text: str = ""
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    buttons: tuple[tuple[str, str, str], ...] = ()  # (label, action_id, value)
    accessory: tuple[str, str, str] | None = None
    title: str = ""


@dataclass(frozen=True)
class Document:
    parts: tuple[Part, ...]
    summary: str = field(default="")


def present(answer: Answer, kb: KnowledgeBase) -> Document:
    """The document for an answer; `summary` is a one-line gist for notifications."""
    intent = answer.question.intent
    if answer.card is not None:  # a comparison with one framework I know is its card
        intent = "info"
    builder = {
        "recommend": _recommend, "compare": _compare, "info": _info, "list": _listing,
        "help": _help, "unknown": _unknown,
    }[intent]
    parts, summary = builder(answer, kb)
    notes = tuple(Part("note", text=n) for n in answer.notes)
    return Document(notes + tuple(parts), summary)


def _recommendation_item(rank: int, rec: Recommendation) -> Part:
    fw = rec.framework
    lines = [f"+ {r}" for r in rec.reasons[:MAX_REASONS]]
    lines += [f"- {c}" for c in rec.caveats[:MAX_CAVEATS]]
    if not lines:
        lines = [fw.summary]
    match = f", {rec.fit}% match" if rec.fit is not None else ""
    return Part("item", title=f"{rank}. {fw.name} ({fw.category}{match})", lines=tuple(lines),
                accessory=("Details", "details", fw.id))


def _recommend(answer: Answer, kb: KnowledgeBase):
    recs = answer.recommendations[:TOP_RECOMMENDATIONS]
    q = answer.question
    if not recs:
        return [Part("text", text="I couldn't find a framework that fits.")], "No recommendation"
    top = recs[0].framework
    heading = f"My pick: {top.name}"
    if q.within:
        project = ", ".join(kb.frameworks[f].name for f in q.within)
        verb = "stay on " if top.id in q.within else ""
        heading = f"For your {project} project: {verb}{top.name}"
    elif q.excluded and set(q.excluded) <= set(q.frameworks):
        heading = f"Alternatives to {', '.join(kb.frameworks[f].name for f in q.excluded)}: {top.name} first"
    parts = [Part("heading", text=heading), Part("text", text=top.summary)]
    parts += [_recommendation_item(i, r) for i, r in enumerate(recs, 1)]
    if len(answer.recommendations) > len(recs):
        rest = ", ".join(r.framework.name for r in answer.recommendations[len(recs):])
        parts.append(Part("note", text=f"Also considered: {rest}."))
    buttons = []
    if len(recs) >= 2:
        buttons.append(("Compare top two", "compare_top_two", f"{recs[0].framework.id},{recs[1].framework.id}"))
    buttons.append(("Decision record", "decision_record", q.to_token()))
    parts.append(Part("actions", buttons=tuple(buttons)))
    ranked = ", ".join(r.framework.name for r in recs)
    return parts, f"Recommendation: {ranked}"


def _compare(answer: Answer, kb: KnowledgeBase):
    comp = answer.comparison
    assert comp is not None
    names = [fw.name for fw in comp.frameworks]
    parts = [Part("heading", text=" vs ".join(names))]
    header = ("", *names)
    parts.append(Part("table", rows=(header, *((label, *cells) for label, cells in comp.rows))))
    parts.append(Part("bullets", lines=comp.choose))
    recs = answer.recommendations
    if answer.question.has_needs and recs:
        best = recs[0]
        if len(recs) > 1 and best.score - recs[1].score < CLEARLY_BETTER:
            tied = " and ".join(r.framework.name for r in recs if best.score - r.score < CLEARLY_BETTER)
            parts.append(Part("text", text=f"For what you described, {tied} fit about equally well: "
                                           "choose on the lines above."))
        else:
            why = "; ".join(best.reasons[:3]) or best.framework.summary
            parts.append(Part("text", text=f"For what you described, {best.framework.name} fits best: {why}."))
    parts.append(Part("actions", buttons=tuple((f"Details: {fw.name}", f"details_{i}", fw.id)
                                               for i, fw in enumerate(comp.frameworks[:4]))
                      + (("Decision record", "decision_record", answer.question.to_token()),)))
    return parts, " vs ".join(names)


def _card_lines(answer: Answer) -> list[Part]:
    fw = answer.card
    assert fw is not None
    facts = (f"Category: {fw.category} · Interface: {fw.interface} · Async: {fw.async_support} · "
             f"License: {fw.license} · {fw.maintenance.capitalize()} · Latest: {fw.latest_version} · "
             f"Since {fw.first_release}")
    parts = [Part("text", text=fw.summary), Part("note", text=facts),
             Part("bullets", title="Strengths", lines=fw.strengths),
             Part("bullets", title="Weaknesses", lines=fw.weaknesses),
             Part("bullets", title="Best for", lines=fw.best_for),
             Part("bullets", title="Avoid when", lines=fw.avoid_when)]
    if fw.article_claims:
        parts.append(Part("bullets", title="Corrections to a popular 2022 article",
                          lines=tuple(f"It said: \"{c.claim}\" In fact: {c.correction}" for c in fw.article_claims)))
    parts.append(Part("note", text="Sources: " + " · ".join(fw.sources[:6])))
    return parts


def _info(answer: Answer, kb: KnowledgeBase):
    fw = answer.card
    assert fw is not None
    parts = [Part("heading", text=fw.name)]
    if answer.direct:
        parts.append(Part("text", text=answer.direct))
    for rec in answer.recommendations:
        lines = [f"+ {r}" for r in rec.reasons] + [f"- {c}" for c in rec.caveats]
        if lines:
            parts.append(Part("bullets", title=f"{fw.name} for what you described", lines=tuple(lines)))
    if answer.alternatives:
        names = ", ".join(r.framework.name for r in answer.alternatives)
        parts.append(Part("text", text=f"{fw.name} is unmaintained; maintained frameworks closest to it: {names}."))
    parts += _card_lines(answer)
    parts.append(Part("actions", buttons=((f"Docs: {fw.name}", "open_docs", fw.docs),)))
    return parts, answer.direct or f"{fw.name}: {fw.summary}"


def _listing(answer: Answer, kb: KnowledgeBase):
    parts = [Part("heading", text=answer.listing_title)]
    if not answer.listing:
        parts.append(Part("text", text="None of the frameworks I know matches that."))
    for category, frameworks in answer.listing:
        parts.append(Part("bullets", title=category,
                          lines=tuple(f"{fw.name}: {fw.summary}" for fw in frameworks)))
    count = sum(len(f) for _, f in answer.listing)
    return parts, f"{answer.listing_title}: {count}"


def _help(answer: Answer, kb: KnowledgeBase):
    names = ", ".join(sorted(fw.name for fw in kb.frameworks.values()))
    parts = [
        Part("heading", text="pyframework helps you choose a Python web framework"),
        Part("text", text="Ask in plain words. I rank frameworks for your needs with reasons and caveats, "
                          "compare them side by side, and answer questions about one framework, with sources."),
        Part("bullets", title="Try", lines=EXAMPLES),
        Part("note", text=f"I know: {names}."),
    ]
    return parts, "How to use pyframework"


def _unknown(answer: Answer, kb: KnowledgeBase):
    q = answer.question
    if answer.message:  # another language: said in it, and in English
        return [Part("text", text=answer.message)], answer.message
    known = ", ".join(sorted(fw.name for fw in kb.frameworks.values()))
    if q.others:
        what = "; ".join(f"{name[:1].upper() + name[1:]} is {kb.names[name].is_}" for name in q.others)
        text = f"{what}. I compare Python web frameworks: {known}."
        return [Part("text", text=text), Part("bullets", title="Try", lines=EXAMPLES[:3])], text
    text = ("I'm not sure that's a question about Python web frameworks. Tell me what you are building "
            "or name a framework.")
    return [Part("text", text=text), Part("bullets", title="Try", lines=EXAMPLES[:4]),
            Part("note", text=f"I know: {known}.")], text
