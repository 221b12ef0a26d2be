"""What "Details" opens: everything the short answer leaves out, for the person who wants to check it.

The full ranking with every reason and caveat and a chart of the fits, what the ranking rests on
(including what was read from the thread and why an option ranks where it does), a framework's whole
card with its corrections to the 2022 article, and the sources with the date they were checked.
"""

from __future__ import annotations

from bot.advice import Answer, Recommendation
from bot.knowledge import CATEGORY_TITLES, Framework, KnowledgeBase
from bot.present.answers import Layout, present
from bot.present.document import Button, Document, Part
from bot.present.wording import facts_line, understood

DETAIL_REASONS = 4
DETAIL_CAVEATS = 3
SOURCES_PER_FRAMEWORK = 3


def present_details(answer: Answer, kb: KnowledgeBase) -> Document:
    """The follow-up behind an answer's Details button (help and unknown have none: they are the answer)."""
    intent = "info" if answer.card is not None else answer.question.intent
    if answer.message:  # said plainly, with no details behind it
        intent = "unknown"
    layouts: dict[str, Layout] = {"recommend": _ranking, "compare": _comparison, "info": _card, "list": _listing}
    return layouts.get(intent, present)(answer, kb)


def _basis(answer: Answer, kb: KnowledgeBase) -> str:
    stated = understood(answer.question, kb)
    return f"For {stated}." if stated else "No needs were stated, so this is a general ranking."


def _sources(fw: Framework) -> str:
    return f"Sources for {fw.name} (checked {fw.checked}): " + " · ".join(fw.sources[:SOURCES_PER_FRAMEWORK])


def _ranking(answer: Answer, kb: KnowledgeBase) -> Document:
    recs = answer.recommendations
    if not recs:
        return present(answer, kb)
    rows = tuple((r.framework.name, f"{r.fit}%" if r.fit is not None else "-",
                  "; ".join(r.reasons[:DETAIL_REASONS]) or r.framework.summary,
                  "; ".join(r.caveats[:DETAIL_CAVEATS]) or "none found") for r in recs)
    parts = [Part("lead", title="How I ranked them", text=_basis(answer, kb)),
             Part("table", rows=(("Framework", "Fit", "Why", "Watch out"), *rows))]
    fits = tuple((r.framework.name, str(r.fit)) for r in recs if r.fit is not None)
    if len(fits) >= 2:
        parts.append(Part("chart", title="Fit for what you described (%)", rows=fits))
    order = tuple(f"{r.framework.name}: {r.standing}" for r in recs if r.standing)
    if order:
        parts.append(Part("bullets", title="Why this order", lines=order))
    parts += [Part("note", text=text) for text in (answer.from_thread, *answer.notes) if text]
    parts.append(Part("note", text=_sources(recs[0].framework)))
    buttons: list[Button] = [("Decision record", "decision_record", answer.question.to_token())]
    if len(recs) >= 2:
        buttons.insert(0, ("Compare top two", "compare_top_two", f"{recs[0].framework.id},{recs[1].framework.id}"))
    parts.append(Part("actions", buttons=tuple(buttons)))
    return Document(tuple(parts), f"How I ranked them: {', '.join(r.framework.name for r in recs)}.")


def _lines(rec: Recommendation | None, fw: Framework) -> tuple[str, ...]:
    if rec is not None and (rec.reasons or rec.caveats):
        return (*(f"+ {r}" for r in rec.reasons[:DETAIL_REASONS]), *(f"- {c}" for c in rec.caveats[:DETAIL_CAVEATS]))
    return (*(f"+ {s}" for s in fw.strengths[:2]), *(f"- {w}" for w in fw.weaknesses[:2]))


def _comparison(answer: Answer, kb: KnowledgeBase) -> Document:
    comp = answer.comparison
    if comp is None:
        return present(answer, kb)
    title = " vs ".join(fw.name for fw in comp.frameworks)
    ranked = {r.framework.id: r for r in answer.recommendations}
    parts = [Part("lead", title=f"{title}: details", text=_basis(answer, kb) if answer.question.has_needs else "")]
    for fw in comp.frameworks:
        rec = ranked.get(fw.id)
        fit = f" ({rec.fit}% fit)" if rec is not None and rec.fit is not None else ""
        parts.append(Part("bullets", title=f"{fw.name}{fit}", lines=_lines(rec, fw)))
    parts += [Part("note", text=text) for text in (answer.from_thread, *answer.notes) if text]
    parts += [Part("note", text=_sources(fw)) for fw in comp.frameworks]
    parts.append(Part("actions", buttons=(("Decision record", "decision_record", answer.question.to_token()),)))
    return Document(tuple(parts), f"{title}: details.")


def _card(answer: Answer, kb: KnowledgeBase) -> Document:
    fw = answer.card
    assert fw is not None
    parts = [Part("lead", title=fw.name, text=fw.summary), Part("note", text=facts_line(fw)),
             Part("bullets", title="Strengths", lines=fw.strengths),
             Part("bullets", title="Weaknesses", lines=fw.weaknesses),
             Part("bullets", title="Best for", lines=fw.best_for),
             Part("bullets", title="Avoid when", lines=fw.avoid_when)]
    if fw.article_claims:
        parts.append(Part("bullets", title="Corrections to a popular 2022 article",
                          lines=tuple(f"It said: \"{c.claim}\" In fact: {c.correction}" for c in fw.article_claims)))
    parts.append(Part("note", text=f"Sources (checked {fw.checked}): " + " · ".join(fw.sources)))
    parts.append(Part("actions", buttons=((f"Docs: {fw.name}", "open_docs", fw.docs),)))
    return Document(tuple(parts), f"{fw.name}: {fw.summary}")


def _listing(answer: Answer, kb: KnowledgeBase) -> Document:
    parts = [Part("lead", title=answer.listing_title)]
    for category, frameworks in answer.listing:
        parts.append(Part("bullets", title=CATEGORY_TITLES[category],
                          lines=tuple(f"{fw.name}: {fw.summary}" for fw in frameworks)))
    return Document(tuple(parts), f"{answer.listing_title}.")
