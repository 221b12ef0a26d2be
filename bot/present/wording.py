"""Phrases several layouts share: an option's line, a framework's facts in one line, what was understood."""

from __future__ import annotations

from bot.advice import Recommendation
from bot.advice.facts import interface_cell
from bot.knowledge import CATEGORY_LABELS, Framework, KnowledgeBase
from bot.question import Question

REASONS_SHOWN = 2
SUMMARY_CHARS = 280  # a notification shows about two lines; the rest of the answer is one tap away


def sentence(text: str) -> str:
    """`text` ending in a full stop (reasons are written without one)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def short(text: str, limit: int = SUMMARY_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


BRIEF_REASON = 70


def brief(reason: str) -> str:
    """A reason without its long parenthetical note ("partial (AuthenticationMiddleware with a backend…)"):
    the short answer names what counts, Details keeps the note."""
    if len(reason) > BRIEF_REASON and reason.endswith(")") and " (" in reason:
        return reason[: reason.index(" (")]
    return reason


def option_row(rec: Recommendation, *, reasons: int = REASONS_SHOWN, standing: bool = True) -> tuple[str, str, str]:
    """(name, what it is, why) for one ranked option: `API, 92% fit`, two reasons, why it ranks there."""
    fw = rec.framework
    what = CATEGORY_LABELS[fw.category] + (f", {rec.fit}% fit" if rec.fit is not None else "")
    why = "; ".join(brief(r) for r in rec.reasons[:reasons]) or fw.summary
    if standing and rec.standing:
        why = f"{sentence(why)} {sentence(rec.standing)}"
    return fw.name, what, why


def deciding_reason(recs: tuple[Recommendation, ...]) -> str:
    """The one reason that put the first option first: what tells it apart from the runner-up.

    The tie-break or rank explanation when there is one ("Fits as well as Litestar and is more widely
    used"), else the first reason the runner-up lacks, else its first reason, else what it is.
    """
    top = recs[0]
    if top.standing:
        return top.standing
    others = set(recs[1].reasons) if len(recs) > 1 else set()
    own = [r for r in top.reasons if r not in others]
    return brief((own or list(top.reasons) or [top.framework.summary])[0])


def facts_line(fw: Framework) -> str:
    """What it is and how current, in one line, dated: the card's small print."""
    release = fw.release
    kind = CATEGORY_LABELS[fw.category]
    return (f"{kind[:1].upper() + kind[1:]} · {interface_cell(fw.interface)} · async: {fw.async_support}"
            f" · {fw.license} · {fw.maintenance.replace('-', ' ')} · latest {release.version} ({release.date})"
            f" · facts checked {fw.checked}")


def understood(question: Question, kb: KnowledgeBase) -> str:
    """What the ranking rests on, in the vocabulary's words: `auth, OpenAPI docs; not needed: an ORM`."""
    vocab = kb.vocabulary
    parts = [", ".join(vocab.features[f].label for f in question.needs)]
    parts.append(", ".join(f"{vocab.traits[t].values[v].label}" for t, v in question.traits))
    if question.negated:
        parts.append("not needed: " + ", ".join(vocab.features[f].label for f in question.negated))
    if question.avoided:
        parts.append("avoiding " + ", ".join(question.avoided))
    if question.libraries:
        parts.append("keeping " + ", ".join(kb.names[lib].title for lib in question.libraries))
    if question.excluded:
        parts.append("ruled out: " + ", ".join(kb.frameworks[f].name for f in question.excluded))
    return "; ".join(p for p in parts if p)
