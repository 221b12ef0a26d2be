"""A question as understood: what is asked, about which frameworks, with which needs.

It is also what Slack buttons carry (as a compact token), so any worker can act on a click
without keeping state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

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
    libraries: tuple[str, ...] = ()  # libraries in use for a feature ("SQLAlchemy models"): those that pair first
    succeeding: tuple[str, ...] = ()  # continues a project named: "our old Pylons app" -> Pyramid
    kind: str | None = None  # "a microframework", "something full-stack": the category asked for
    keep_close: bool = False  # "without rewriting everything": likeness to what is in use counts in full
    asks_fit: bool = False  # "is flask good for a marketplace?": judge the framework against the needs
    shortlist: tuple[str, ...] = ()  # the frameworks the message asks to choose among, the favoured one first
    likeness_asked: bool = False  # the message names its model outright ("FastAPI-style", "like Flask")
    settled: bool = False  # a thread's options narrowed to one it moved towards, with nothing in use to stay on
    truncated: bool = False
    record: bool = False  # "give me an ADR for choosing FastAPI": the answer is the decision record itself
    python: str | None = None  # "stuck on python 3.9": a Python version every framework offered must allow
    licenses: tuple[str, ...] = ()  # "MIT or BSD only": the license families every framework offered must be under
    team_backed: bool = False  # "nothing with a single maintainer": a framework one person keeps ranks lower
    purpose: tuple[str, ...] = ()  # a comparison's unread words few descriptions use ("button", "live", "datashader")
    from_discussion: tuple[str, ...] = field(default=())
    said: tuple[str, ...] = field(default=(), compare=False)  # every framework the words name, kept or not

    @property
    def named(self) -> tuple[str, ...]:
        """Every framework the message's own words name, ruled-out ones included ("anything but Django"); not
        the ones a thread brought in, nor the base of a relation question ("is Dash built on Flask?" is about Dash)."""
        if (self.topic or "").startswith(("relation:", "combine:")):
            return self.frameworks
        return self.said

    @property
    def fact_of_several(self) -> bool:
        """A fact asked of several frameworks ("licenses of django and flask?"): answered of each in turn. A
        topic with a key ("feature:orm", "relation:flask") is asked of the first only."""
        return len(self.frameworks) > 1 and bool(self.topic) and ":" not in (self.topic or "")

    @property
    def has_needs(self) -> bool:
        return bool(self.needs or self.traits or self.negated or self.interfaces or self.avoided or self.succeeding
                    or self.kind)

    def to_token(self) -> str:
        """A compact, stateless form of everything the answer depends on, carried by Slack buttons (under
        Slack's 2,000 characters for a button value): every field but the wording."""
        return self._token

    @cached_property
    def _token(self) -> str:  # an answer's buttons carry it several times; the question never changes
        data = {}
        for name, key in TOKEN_KEYS.items():
            value = getattr(self, name)
            if isinstance(value, frozenset):
                value = sorted(value)
            if value:
                data[key] = value
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_token(cls, token: str, kb: KnowledgeBase) -> Question | None:
        """Rebuild a question from `to_token`; anything unknown or malformed gives None (a button from an
        older version, or a forged click)."""
        try:
            data = json.loads(token)
            if not isinstance(data, dict):
                return None
            values = {name: _field_value(name, data.get(key)) for name, key in TOKEN_KEYS.items()}
        except (ValueError, TypeError, AttributeError):
            return None
        question = cls(text="", **values)
        return question if _valid(question, kb) else None


# Each field a button carries, under a short key. A field added to Question must be added here, or the
# shared answer would differ from the one shown (tests/test_properties.py checks it on the whole corpus).
TOKEN_KEYS = {
    "intent": "i", "frameworks": "f", "needs": "n", "implied": "im", "traits": "t", "negated": "x",
    "emphasized": "e", "others": "o", "topic": "p", "category": "c", "excluded": "ex", "within": "w",
    "similar_to": "s", "builtin_only": "b", "terms": "tm", "interfaces": "if", "avoided": "av", "succeeding": "sc",
    "kind": "k", "keep_close": "kc", "asks_fit": "af", "shortlist": "sl", "likeness_asked": "la",
    "truncated": "tr", "from_discussion": "fd", "said": "sd", "record": "rd", "settled": "st", "python": "py",
    "licenses": "lc", "libraries": "lb", "team_backed": "tb", "purpose": "pu",
}
_BOOLS = {"builtin_only", "keep_close", "asks_fit", "likeness_asked", "truncated", "settled", "record", "team_backed"}
_TEXTS = {"topic", "category", "kind", "python"}


def _field_value(name: str, raw):
    if name in _BOOLS:
        return bool(raw)
    if name in _TEXTS:
        return None if raw is None else str(raw)
    if name == "intent":
        return str(raw) if raw else "unknown"
    if name == "traits":
        return tuple((str(a), str(b)) for a, b in (raw or ()))
    if name == "emphasized":
        return frozenset(str(v) for v in raw or ())
    if not isinstance(raw, list | tuple | type(None)):
        raise TypeError(name)
    return tuple(str(v) for v in raw or ())


def _valid(q: Question, kb: KnowledgeBase) -> bool:
    vocab = kb.vocabulary
    frameworks = (*q.frameworks, *q.excluded, *q.within, *q.similar_to, *q.succeeding, *q.shortlist, *q.said)
    return (
        q.intent in INTENTS
        and all(f in kb.frameworks for f in frameworks)
        and all(n in vocab.features for n in (*q.needs, *q.negated, *q.implied))
        and all(t in vocab.traits and v in vocab.traits[t].values for t, v in q.traits)
        and all(o in kb.names for o in q.others)
        and all(i in ("wsgi", "asgi") for i in q.interfaces)
        and all(t in kb.distinctive_terms for t in q.terms)
        and all(a in kb.libraries for a in q.avoided)
        and all(lib in kb.names and kb.names[lib].provides for lib in q.libraries)
        and q.kind in (None, "micro", "full-stack")
        and (q.python is None or re.fullmatch(r"3\.\d{1,2}", q.python) is not None)
        and all(family.isalpha() for family in q.licenses)
        and all(_discussion_label_ok(label, kb) for label in q.from_discussion)
    )


def _discussion_label_ok(label: str, kb: KnowledgeBase) -> bool:
    """What a thread contributed: a need, "no <need>", "<trait>:<value>" or "not <framework>"."""
    vocab = kb.vocabulary
    if label.startswith("not "):
        return label[4:] in kb.frameworks
    if label.startswith("no "):
        return label[3:] in vocab.features
    if ":" in label:
        trait, _, value = label.partition(":")
        return trait in vocab.traits and value in vocab.traits[trait].values
    return label in vocab.features
