"""What advice produces, for the presenter: answers, ranked recommendations, comparisons. No Slack, no text
layout; the wording of reasons and caveats lives here so every surface says the same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge import Feature, Framework, KnowledgeBase, Support
from bot.knowledge.model import Footprint
from bot.question import Question


@dataclass(frozen=True)
class Recommendation:
    framework: Framework
    score: float
    reasons: tuple[str, ...]
    caveats: tuple[str, ...]
    fit: int | None = None  # percent of the best score possible for the stated needs; None without needs
    standing: str = ""  # why it ranks where it does against its neighbours ("Fits as well as X and is more used")


@dataclass(frozen=True)
class Comparison:
    frameworks: tuple[Framework, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    choose: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """Everything a renderer needs; no Slack, no formatting."""

    question: Question
    recommendations: tuple[Recommendation, ...] = ()
    comparison: Comparison | None = None
    card: Framework | None = None
    direct: str | None = None
    listing: tuple[tuple[str, tuple[Framework, ...]], ...] = ()
    listing_title: str = ""
    message: str | None = None
    notes: tuple[str, ...] = ()
    from_thread: str = ""  # what earlier messages of the thread added to the question, in words
    alternatives: tuple[Recommendation, ...] = ()  # where to go instead, with a card about an unmaintained one
    record: str = ""  # the decision record (Markdown) when the question asked for one


def support_phrase(feature: Feature, support: Support) -> str:
    """`Admin interface: built in`, `ORM via Flask-SQLAlchemy`, `Async / asyncio: partial`, `No WebSockets`."""
    if support.level == "builtin":
        return f"{feature.label}: built in"
    if support.level == "extension":
        return f"{feature.label} via {support.via}"
    if support.level == "partial":
        return f"{feature.label}: partial" + (f" ({support.note})" if support.note else "")
    return feature.absent


def sync_phrase(feature: Feature, support: Support) -> str:
    """For a question that wants sync code, a feature only async code can use: `WebSockets: async code only`."""
    return f"{feature.label}: from async code only" + (f" ({support.note})" if support.note else "")


def as_written(fw: Framework, term: str) -> str:
    """A distinctive term as the framework's own description writes it: “Rust”, “Hugging Face”, “msgspec”."""
    found = re.search(r"\b" + re.escape(term).replace(r"\-", "[- ]") + r"\b", fw.prose, re.IGNORECASE)
    return found[0] if found else term


def trait_reason(trait_id: str, label: str) -> str:
    return {"size": f"Suits {label}", "experience": f"Works well for {label}",
            "priority": f"Strong on {label}", "project": f"Made for {label}"}[trait_id]


def footprint_text(footprint: Footprint) -> str:
    return f"{footprint.rss_mb:g} MB serving one route ({footprint.served_by}; measured {footprint.measured})"


def trait_caveat(trait_id: str, label: str) -> str:
    return {"size": f"Less suited to {label}", "experience": f"Harder going for {label}",
            "priority": f"Not known for {label}", "project": f"Not aimed at {label}"}[trait_id]


def title(name: str) -> str:
    """`Express`, `Next.js`, `Flask-RESTX`: a name as people write it at the start of a sentence."""
    return name[:1].upper() + name[1:]


def names(kb: KnowledgeBase, ids: tuple[str, ...]) -> str:
    """`Flask and Bottle`, `Django, Flask and Bottle`."""
    found = [kb.frameworks[f].name for f in ids]
    return " and ".join(found) if len(found) <= 2 else ", ".join(found[:-1]) + " and " + found[-1]


MAINTENANCE_CAVEATS = {
    "maintenance-only": "In maintenance mode: fixes rather than new features (latest {fw.latest_version}, "
                        "checked {fw.checked})",
    "unmaintained": "Unmaintained: no active development (latest {fw.latest_version}, checked {fw.checked})",
}
