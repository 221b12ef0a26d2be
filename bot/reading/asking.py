"""Stage 6 of reading: the question as asked. The intent stage decides what a message asks; this stage adds
what follows from that decision and the reading together (the topic of a fact question, what ruling out a
framework keeps, the likeness to rank by, the filters of a list) and builds the Question the advice answers."""

from __future__ import annotations

import re

from bot.knowledge import KnowledgeBase
from bot.knowledge.names import LIKENED_KINDS
from bot.question import Question
from bot.reading.decision import Decision
from bot.reading.reading import Reading
from bot.reading.tokens import words_of

PYTHON_VERSION = re.compile(r"3\.\d{1,2}")  # a token: "run on python 3.14", "py3.14" (tokens split it off)
RELEASE = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}")  # "6", "5.2", "4.2.1": a release named after a framework


def python_version(r: Reading) -> str | None:
    """The first Python version the message names ("3.14"), if any: none where its text has no "3." (a
    version's digits come from the text as they are), as in most messages."""
    if "3." not in r.text:
        return None
    return next((w for w in r.words if PYTHON_VERSION.fullmatch(w)), None)


class Asking:
    """Builds Questions from readings and decisions, against one knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        # License families by the first word of each part of the frameworks' own licenses ("BSD-3-Clause",
        # "Apache-2.0 AND MIT"): "which ones are BSD licensed" filters a list by them.
        self.license_families = frozenset(words_of(part)[0] for fw in kb.frameworks.values()
                                          for part in re.split(r" (?:AND|OR) ", fw.license) if words_of(part))
        self.python_words = kb.words.get("python_words", frozenset())

    def release_named(self, r: Reading) -> str | None:
        """The release a relation question names ("does Ninja support Django 6?"), unless it is Python's."""
        return next((w for i, w in enumerate(r.words) if RELEASE.fullmatch(w) and i
                     and r.words[i - 1] not in self.python_words), None)

    def question(self, r: Reading, decision: Decision, truncated: bool) -> Question:
        """The question as understood, with what follows from the decision (topic, filters, likeness)."""
        intent, frameworks, topic, excluded, within, similar, shortlist = decision
        if r.rejected:  # "websockets, but not tornado": never recommend what was ruled out
            excluded = tuple(dict.fromkeys((*excluded, *r.rejected)))
            if intent in ("unknown", "info") and not frameworks:
                intent = "recommend"
        if intent == "recommend":  # leaving DRF means staying on Django: what replaces it is built for Django
            bases = (self.kb.frameworks[f].extends for f in excluded if f in self.kb.frameworks)
            within = tuple(dict.fromkeys((*within, *(b for b in bases if b and b not in excluded))))
        interfaces = r.flags.get("interface", ()) if "not_moving" not in r.cues else ()
        if intent == "unknown" and interfaces and r.has("pick", "wants", "trait_request"):
            intent = "recommend"  # "we'd like something ASGI-based"
        topic = self._topic(r, intent, topic, interfaces)
        version = python_version(r)
        python = version if version and intent in ("recommend", "compare") and \
            "python" in r.flags.get("field", ()) else None  # "stuck on python 3.9, what for a REST API?"
        recommending = intent == "recommend"
        # a comparison that leaves out the framework in use, and wants to stay close to it ("quart vs sanic, we'd
        # like to reuse parts of our flask codebase"), ranks by likeness to it, as a recommendation does
        judged = recommending or (intent == "compare" and r.has("keep_close") and not set(within) & set(frameworks))
        # "our bottle app works fine, should we move to flask?": content with what is in use, no need stated; the
        # move is weighed on its own terms, not by likeness to what it would leave
        staying_put = bool(shortlist) and shortlist[0] in within and not (r.needs or r.negated)
        kinds = r.flags.get("kind", ())
        twinned = bool(r.twins) and set(similar) == set(r.twins)
        return Question(
            text=r.text, intent=intent, frameworks=frameworks, traits=r.traits, implied=r.implied,
            needs=tuple(dict.fromkeys((*r.needs, *self._asked_by_ruling_out(r), *self._provided(r))))
            if recommending else r.needs,
            negated=r.negated,
            emphasized=r.emphasized, others=r.others, topic=topic,
            category=(r.flags.get("interface") or r.flags.get("category") or (None,))[0] if intent == "list" else None,
            excluded=excluded, within=within, builtin_only=r.has("builtin_only"),
            similar_to=similar or self._similar_to(r, intent, frameworks, excluded) or (
                within if judged and not staying_put else ()), terms=r.terms,
            interfaces=interfaces if recommending else (), asks_fit=r.has("asks_fit"), truncated=truncated,
            avoided=r.avoided if recommending else (), libraries=r.libraries if recommending else (),
            keep_close=judged and r.has("keep_close"),
            succeeding=r.succeeding if recommending else (),
            said=tuple(dict.fromkeys((*r.frameworks, *r.rejected))),
            kind=kinds[0] if recommending and kinds and not r.has("not_a_kind") else None,
            # "the Python equivalent of R Shiny": its one twin is the framework asked about, unless needs are
            # stated ("the python equivalent of express, with websockets"): then likeness only weighs in
            shortlist=(shortlist or (r.twins if twinned and (len(r.twins) == 1 or self._takes_on(r))
                                     and not (r.needs or r.negated) else ())) if recommending else (),
            likeness_asked=recommending and bool(r.role("model") or r.role("style_liked") or r.role("familiar")),
            record=intent in ("recommend", "compare") and r.has("asks_record"), python=python,
            licenses=self._licenses(r) if intent in ("recommend", "compare") and r.has("fact_license") else (),
            team_backed=intent in ("recommend", "compare") and r.has("rules_out_single_maintainer"),
            purpose=r.purpose if intent == "compare" else (),
        )

    def _topic(self, r: Reading, intent: str, topic: str | None, interfaces: tuple[str, ...]) -> str | None:
        """The topic of the answer, made precise by what the message names: the interface, the feature, the
        release or Python version asked about, or the filter of a list."""
        if intent == "info" and topic == "interface" and len(interfaces) == 1:
            return f"interface:{interfaces[0]}"  # "does tornado run on asgi?"
        one_need = len(r.needs) == 1 and not r.traits and not r.negated  # "can gradio handle auth?" asks for
        if intent == "info" and r.needs and (not r.has("asks_fit") or one_need) and topic is None:  # the feature
            return f"feature:{r.needs[0]}"  # "does litestar have dependency injection" is not about dependencies
        if intent == "info" and topic is None and not r.needs and len(r.frameworks) == 1 and r.libraries:
            return f"feature:{self._provided(r)[0]}"  # "does litestar support sqlalchemy?": its ORM, and how
        if intent == "list" and topic is None:
            return self._list_filter(r)
        if intent == "info" and topic and topic.startswith("relation:") and (release := self.release_named(r)):
            return f"{topic}@{release}"  # "is DRF compatible with django 5.2?": that release of Django
        version = python_version(r)
        if intent == "info" and topic and "python" in topic.split("+") and version:  # "is hug compatible with
            return "+".join(f"python:{version}" if t == "python" else t for t in topic.split("+"))  # python 3.12?"
        return topic

    def _asked_by_ruling_out(self, r: Reading) -> tuple[str, ...]:
        """The needs a recommendation's negations state (features.yaml `ruling_out_wants`): "no asyncio anywhere"
        asks for sync handlers, unless the need it rules out is wanted too, which means the negation was about
        something else ("Flask does not support async ... we need async")."""
        features = self.kb.vocabulary.features
        return tuple(dict.fromkeys(
            want for key in r.negated if (want := features[key].ruling_out_wants) and key not in r.needs
            and want not in r.needs))

    def _list_filter(self, r: Reading) -> str | None:
        """A fact a list is filtered by, besides kinds and features: a license family named ("which ones are
        BSD licensed"), a Python version ("which run on python 3.14?") or a state of maintenance ("which of them
        are unmaintained?"). Listing every framework under such a question answers something else."""
        fields = r.flags.get("field", ())
        families = self._licenses(r)
        if "license" in fields and families:
            return f"license:{'+'.join(families)}"
        version = python_version(r)
        if "python" in fields and version:
            return f"python:{version}"
        states = r.flags.get("state", ())
        if states:
            return f"maintenance:{states[0]}"
        # "give me the ones with the smallest memory footprint": those that make it a priority; not when the
        # list already has a filter ("websockets out of the box") or is asked for whole ("full catalog, sorted")
        priorities = [value for trait, value in r.traits if trait == "priority"]
        if priorities and not (r.needs or r.flags.get("category") or r.flags.get("interface")
                               or r.has("list_everything")):
            return f"priority:{'+'.join(priorities)}"
        return None

    def _licenses(self, r: Reading) -> tuple[str, ...]:
        """The license families a message names ("only BSD or MIT licensed"), as the cards' licenses spell them."""
        return tuple(dict.fromkeys(w for w in r.words if w in self.license_families))

    def _takes_on(self, r: Reading) -> bool:
        """The twins are Python takes on a front end or a tool ("something like Retool but python"): the options
        its `see` lists, in that order, rather than whatever is most like all of them."""
        return any(self.kb.names[name].kind in LIKENED_KINDS and self.kb.names[name].see for name in r.others)

    def _provided(self, r: Reading) -> tuple[str, ...]:
        """What the libraries a message uses provide: advice for "SQLAlchemy models everywhere" needs an ORM (one
        that works with SQLAlchemy); asking what SQLAlchemy is needs nothing."""
        return tuple(self.kb.names[lib].provides for lib in r.libraries)

    @staticmethod
    def _similar_to(r: Reading, intent: str, frameworks: tuple[str, ...], excluded: tuple[str, ...]) -> tuple[str, ...]:
        """The frameworks to rank likeness against: "something like Flask", leaving Hug with nothing else
        said, or leaving Flask "with a minimal rewrite" (staying close to it is the point); not when leaving
        Flask for "something more structured"."""
        leaving = tuple(f for f in excluded if f in frameworks or f in r.rejected)  # "like DRF but not DRF"
        if intent != "recommend" or not leaving:
            return ()
        likeness = r.has("likeness", "keep_close") or set(leaving) & set(r.role("model"))
        return leaving if likeness or not r.has_needs else ()
