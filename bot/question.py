"""A question as understood: what is asked, about which frameworks, with which needs.

It is also what Slack buttons carry (as a compact token), so any worker can act on a click
without keeping state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.knowledge import KnowledgeBase

INTENTS = ("recommend", "compare", "info", "list", "help", "unknown")


@dataclass(frozen=True)
class Question:
    """What was understood from one message (and, for threads, from the discussion before it)."""

    text: str = field(compare=False)  # equal questions are the same question, however they were worded
    intent: str = "unknown"
    frameworks: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    implied: tuple[str, ...] = ()  # of the needs, those only implied by a broader phrase: they count for less
    traits: tuple[tuple[str, str], ...] = ()
    negated: tuple[str, ...] = ()
    emphasized: frozenset[str] = frozenset()
    others: tuple[str, ...] = ()
    topic: str | None = None
    category: str | None = None
    excluded: tuple[str, ...] = ()  # ruled out: "not django", "alternatives to hug"
    within: tuple[str, ...] = ()  # frameworks the project already uses ("our Django app needs an API")
    similar_to: tuple[str, ...] = ()  # "something like Flask", "alternatives to Flask": rank by likeness
    builtin_only: bool = False  # "a *built-in* admin": extensions are not what was asked for
    terms: tuple[str, ...] = ()  # words only one or two frameworks' descriptions use ("msgspec")
    interfaces: tuple[str, ...] = ()  # "something ASGI-based": wsgi / asgi required
    avoided: tuple[str, ...] = ()  # packages not wanted ("without Pydantic"): frameworks needing them rank lower
    succeeding: tuple[str, ...] = ()  # continues a project named: "our old Pylons app" -> Pyramid
    kind: str | None = None  # "a microframework", "something full-stack": the category asked for
    keep_close: bool = False  # "without rewriting everything": likeness to what is in use counts in full
    asks_fit: bool = False  # "is flask good for a marketplace?": judge the framework against the needs
    shortlist: tuple[str, ...] = ()  # the frameworks the message asks to choose among, the favoured one first
    truncated: bool = False
    from_discussion: tuple[str, ...] = field(default=())
    said: tuple[str, ...] = field(default=(), compare=False)  # every framework the words name, kept or not

    @property
    def named(self) -> tuple[str, ...]:
        """Every framework the message's own words name, ruled-out ones included ("anything but Django"); not
        the ones a thread brought in, nor the base of a relation question ("is Dash built on Flask?" is about Dash)."""
        if (self.topic or "").startswith("relation:"):
            return self.frameworks
        return self.said

    @property
    def has_needs(self) -> bool:
        return bool(self.needs or self.traits or self.negated or self.interfaces or self.avoided or self.succeeding
                    or self.kind)

    def to_token(self) -> str:
        """A compact, stateless form of what was understood, carried by Slack buttons (≤ 2000 chars)."""
        data = {"i": self.intent, "f": self.frameworks, "n": self.needs, "t": [f"{a}:{b}" for a, b in self.traits],
                "x": self.negated, "e": sorted(self.emphasized), "ex": self.excluded, "c": self.category,
                "p": self.topic, "w": self.within, "s": self.similar_to, "b": self.builtin_only, "tm": self.terms,
                "if": self.interfaces, "av": self.avoided, "kc": self.keep_close, "k": self.kind, "sc": self.succeeding}
        return json.dumps({k: v for k, v in data.items() if v}, separators=(",", ":"))[:2000]

    @classmethod
    def from_token(cls, token: str, kb: KnowledgeBase) -> Question | None:
        """Rebuild a question from `to_token`; anything unknown or malformed gives None."""
        try:
            data = json.loads(token)
            traits = tuple(tuple(t.split(":", 1)) for t in data.get("t", ()))
            question = cls(
                text="", intent=str(data.get("i", "recommend")),
                frameworks=tuple(data.get("f", ())), needs=tuple(data.get("n", ())),
                traits=traits, negated=tuple(data.get("x", ())), emphasized=frozenset(data.get("e", ())),
                excluded=tuple(data.get("ex", ())), category=data.get("c"), topic=data.get("p"),
                within=tuple(data.get("w", ())), similar_to=tuple(data.get("s", ())),
                builtin_only=bool(data.get("b", False)),
                interfaces=tuple(i for i in data.get("if", ()) if i in ("wsgi", "asgi")),
                terms=tuple(t for t in data.get("tm", ()) if t in kb.distinctive_terms),
                avoided=tuple(a for a in data.get("av", ()) if a in kb.libraries),
                keep_close=bool(data.get("kc", False)),
                kind=data.get("k") if data.get("k") in ("micro", "full-stack") else None,
                succeeding=tuple(f for f in data.get("sc", ()) if f in kb.frameworks),
            )
        except (ValueError, TypeError, AttributeError):
            return None
        vocab = kb.vocabulary
        valid = (
            question.intent in INTENTS
            and all(f in kb.frameworks for f in (*question.frameworks, *question.excluded, *question.within,
                                                 *question.similar_to))
            and all(isinstance(v, str | None) for v in (question.category, question.topic))
            and all(n in vocab.features for n in (*question.needs, *question.negated))
            and all(len(t) == 2 and t[0] in vocab.traits and t[1] in vocab.traits[t[0]].values
                    for t in question.traits)
        )
        return question if valid else None
