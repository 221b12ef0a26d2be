"""Stage 3 of reading: the vocabulary. The needs (features) and project traits a message states, which
of them it rules out ("no ORM", "without templates", "ORM-free") and how far each negation reaches,
which it says do not matter, which it stresses, and the packages it rules out ("without Pydantic").

Phrases come from knowledge/features.yaml; negators, their reach and the words that stop them from
knowledge/language/en/words.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.knowledge import KnowledgeBase, iter_phrases
from bot.knowledge.base import RULED_OUT
from bot.reading.language import Language
from bot.reading.names import lengths_by_first_token, scan
from bot.reading.spelling import Speller
from bot.reading.tokens import PUNCTUATION, Tokens, any_between, covered_by, words_of

PART_SIZES = ((5, "tiny"), (40, "small"), (150, "medium"), (10**9, "large"))  # routes, endpoints -> project size
NEXT_TO_NAME = 3  # tokens between a framework's name and a kind of project said of it ("our backend is FastAPI")
_TEAM = re.compile(r"^\d{1,4}$")


class Hit(NamedTuple):
    """A phrase of the vocabulary in a message (a named tuple: a long message makes many)."""

    start: int
    end: int
    targets: tuple[tuple[str, str], ...]  # (kind, key): ("feature", "orm") or (trait id, value)
    implied: frozenset[tuple[str, str]] = frozenset()  # of those, the ones only a shorter phrase inside it means
    specific: bool = False  # it means a feature that is not an everyday word ("testing", "forms" are everyday)
    feature: bool = False  # it means a feature at all


_Meaning = tuple[tuple[tuple[str, str], ...], frozenset[tuple[str, str]], bool, bool]
"""What a phrase means: a Hit's targets, implied, specific and feature."""


@dataclass(frozen=True)
class Needs:
    needs: tuple[str, ...]
    traits: tuple[tuple[str, str], ...]
    negated: tuple[str, ...]
    emphasized: frozenset[str]
    avoided: tuple[str, ...]
    implied: tuple[str, ...]  # needs only implied by a broader phrase ("CMS-style site" implies a CMS, weakly)
    hits: tuple[Hit, ...]
    covered: frozenset[int]  # token positions inside vocabulary phrases


def _kinds_said(traits) -> set[str]:
    """The kinds of project among the traits read."""
    return {value for trait, value in traits if trait == "project"}


BIG_SIZES = frozenset({"medium", "large"})


def _settle_sizes(found: _Found) -> None:
    """Words of both ends ("our streamlit prototype ... now a real multi-tenant SaaS", "an MVP in 2 weeks for
    a marketplace"): the project grows into the larger size, so the small end goes. A team's head count,
    counted afterwards, is no such word: "a prototype over the weekend, team of 5" stays a prototype."""
    sizes = {value for kind, value in found.traits if kind == "size"}
    if sizes & BIG_SIZES and sizes - BIG_SIZES:
        for value in sizes - BIG_SIZES:
            del found.traits[("size", value)]


@dataclass
class _Found:
    """What the phrases of one message say, gathered before settling conflicts."""

    needs: dict[str, None] = field(default_factory=dict)
    negated: dict[str, None] = field(default_factory=dict)
    traits: dict[tuple[str, str], None] = field(default_factory=dict)
    emphasized: set[str] = field(default_factory=set)
    stated: set[str] = field(default_factory=set)  # needs some phrase names directly
    named_off: set[str] = field(default_factory=set)  # features whose own name was last said ruled out ("no templates")

    def stated_needs(self) -> list[str]:
        """The needs some phrase names directly, in the order they were read."""
        return [key for key in self.needs if key in self.stated]

    def settle(self) -> None:
        """Said both ways: a need only implied loses ("a CMS-style site ... but no templates"); a need said
        outright wins ("no social logins" is one kind of auth), unless the feature's own name is what was ruled
        out, last ("functions returning html tags, no templates"; but "no ORM... we do need an ORM")."""
        for key in list(self.needs):
            if key in self.negated:
                if key in self.stated and key not in self.named_off:
                    self.negated.pop(key)
                else:
                    self.needs.pop(key)


def _own_names(fid: str, synonyms: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """What names a feature itself, not a kind or a part of it: its id and its first synonym, in the singular
    and the plural ("templates", "template"; "orm"; "auth"), as the reader's tokens spell them."""
    names = {words_of(fid.replace("_", " "))}
    if synonyms:
        names.add(words_of(synonyms[0]))
    singular = {(*n[:-1], n[-1][:-1]) for n in names if n[-1].endswith("s")}
    return frozenset(names | singular | {(*n[:-1], n[-1] + "s") for n in names if not n[-1].endswith("s")})


class Vocabulary:
    """The phrases of the knowledge base's vocabulary, indexed once."""

    def __init__(self, kb: KnowledgeBase, language: Language):
        self.kb = kb
        self.words = language.words
        self.reach = language.reach
        self.phrases: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
        determiners = self.words["determiners"]
        for phrase, kind, key in iter_phrases(kb):
            toks = words_of(phrase)
            if len(toks) > 2 and toks[0] in determiners:  # "a single file" is read as "single file": the
                toks = toks[1:]  # article would hide a longer phrase after it ("a single-file app"); but
                # "one-off" stays whole, or every "moving off Flask" would be a tiny app
            if toks and (kind, key) not in self.phrases.get(toks, ()):
                self.phrases[toks] = (*self.phrases.get(toks, ()), (kind, key))
        for toks, targets in list(self.phrases.items()):  # "webhook" for "webhooks", "dashboard" for "dashboards"
            last = toks[-1]
            variant = toks[:-1] + ((last[:-1],) if last.endswith("s") and len(last) > 4 else (last + "s",))
            if last.isalpha() and variant not in self.phrases:
                self.phrases[variant] = targets
        self.lengths = lengths_by_first_token(self.phrases)
        self.vocab_words = frozenset(t for toks in self.phrases for t in toks)
        self.speller = Speller(self.vocab_words, self.words["stop_words"], self.words["software_words"])
        self.generic = frozenset(f.id for f in kb.vocabulary.features.values() if f.generic)
        self._own_names = {f.id: _own_names(f.id, f.synonyms) for f in kb.vocabulary.features.values()}
        self.feature_projects = {f.id: f.project for f in kb.vocabulary.features.values() if f.project}
        self.stated_only = frozenset(t.id for t in kb.vocabulary.traits.values() if t.stated_only)
        self._merged: dict[tuple[str, ...], _Meaning] = {}

    # -- phrases ---------------------------------------------------------------------------------------

    def hits(self, tokens: Tokens, taken: frozenset[int]) -> list[Hit]:
        """The vocabulary phrases of a message, longest first; a long phrase also means what the shorter
        phrases it starts with mean ("CMS-style site" is a large site *and* a CMS), unless it says what is
        being built otherwise ("chat bubbles" in a data app are not a real-time chat service)."""
        words = self.speller.spelled(tokens, taken)
        found = []
        merged_of = self._merged
        places = tokens.places if words is tokens.words else None
        for start, end, _ in scan(words, self.phrases, self.lengths, taken, places):
            phrase = words[start:end]
            if phrase not in merged_of:
                merged_of[phrase] = self._merge(phrase)
            found.append(Hit(start, end, *merged_of[phrase]))
        return found

    def _merge(self, phrase: tuple[str, ...]) -> _Meaning:
        """What a phrase of the vocabulary means, the shorter phrases it starts with included, and which of that
        only those mean: worked out once per phrase (`_merged`), as it depends on the phrase's words alone."""
        targets = self.phrases[phrase]
        merged = list(targets)
        # The kinds of project the phrase means, its features' included: "chat style" UI is not a chat service
        own = self.feature_projects
        projects = {value for kind, value in targets if kind == "project"} | {
            own[key] for kind, key in targets if kind == "feature" and key in own}
        said = {kind for kind, _ in targets if kind not in ("feature", RULED_OUT)}  # the traits it sets itself
        if any(kind == "feature" for kind, _ in targets):  # "schema per tenant" is the database's, not also
            said.add("feature")  # the validation "schema" alone would be
        for size in range(len(phrase) - 1, 0, -1):
            shorter = self.phrases.get(phrase[:size], ())
            if projects and any(kind == "project" and value not in projects for kind, value in shorter):
                continue
            shorter = tuple(t for t in shorter if t[0] not in self.stated_only)  # "intermediate steps"
            # "fastest way" is speed of development: not also the raw performance that "fastest" alone is
            merged += [t for t in shorter if t not in merged and t[0] not in said]
        generic = self.generic
        specific = any(kind == "feature" and key not in generic for kind, key in merged)
        return tuple(merged), frozenset(merged[len(targets):]), specific, any(kind == "feature" for kind, _ in merged)

    # -- negation ------------------------------------------------------------------------------------

    def negated(self, tokens: Tokens, start: int, end: int, self_negating: frozenset[int],
                names: frozenset[int], negators_at: list[int] | None = None) -> bool:
        """"no ORM", "without templates", "ORM-free": a negator a few words back in the same clause. A
        negation never crosses a comma, a "but" or a framework's name ("anything except hug for a typed api"
        rules out Hug, not typing); "or" lists carry it further ("no opinions about validation or DI").
        `negators_at`: the positions of the message's negators, in order, when known: without one in reach,
        nothing is negated, and the words back need no look (most phrases of a long message)."""
        words, clauses, w = tokens.words, tokens.clauses, self.words
        negators = w["negators"]
        if words[start] in negators:
            return False  # the phrase carries its own negation: "no dependencies" is a need
        if end < len(words) and words[end] in w["negation_suffixes"]:
            return True
        if negators_at == []:
            return False  # no negator in the message at all
        before = start - 1 if start > 1 and words[start - 1] in w["determiners"] else start  # "or any routes"
        listed = before > 0 and words[before - 1] in w["list_joiners"]
        window = self.reach["negators"] * (2 if listed else 1)
        if negators_at is not None and not any_between(negators_at, start - window, start):
            return False
        for j in range(start - 1, max(-1, start - 1 - window), -1):
            if clauses[j] != clauses[start] or j in self_negating or j in names:
                return False
            word = words[j]
            if word in negators:  # but "hate writing validation by hand" wants it done for them, and "our app
                # doesn't support websockets" wants what it lacks
                return not (j + 1 < start and (words[j + 1] in w["labour_gerunds"] or words[j + 1] in w["lack_verbs"]
                                               or words[j + 1] in w["lack_qualifiers"]  # "no real async story"
                                               or self._labour_left(words, j + 1, start)))
            if word in w["negation_stops"] and not (j > 0 and words[j - 1] in w["at_home_with"]):
                return False  # but "not comfortable with asyncio" carries on to "asyncio"
        return False

    def _labour_left(self, words: tuple[str, ...], after: int, start: int) -> bool:
        """"do NOT want to write auth from scratch": a wish not to do the work, which leaves it to the framework."""
        return words[after] in self.words["wish_verbs"] \
            and any(words[k] in self.words["labour_verbs"] for k in range(after + 1, start))

    # -- the whole stage ----------------------------------------------------------------------------------

    def read(self, tokens: Tokens, hits: list[Hit], names: frozenset[int], indifferent: frozenset[int],
             emphatic: frozenset[int], wanted: tuple[str, ...] = (), stressed: tuple[str, ...] = (),
             traits_said: tuple[tuple[str, str], ...] = (), dropped: tuple[str, ...] = (),
             refined: tuple[str, ...] = (), in_use_at: frozenset[int] = frozenset(),
             covered: frozenset[int] | None = None) -> Needs:
        """Needs, traits and negations from the phrases found. `indifferent` and `emphatic` are clause
        numbers ("sync or async doesn't matter", "reliability above all"). `wanted` and `traits_said` are needs
        and traits cues state in words no phrase lists ("a simple synchronous framework": sync handlers; "a demo
        front end for our model": an interactive UI; "512MB of RAM": a small memory footprint); `stressed` are
        those a cue states as a constraint, which count double ("no async please"); `dropped` are needs a cue
        says are not wanted, whatever phrase names them ("NOT async please, we got burned by asyncio bugs").
        `refined` are kinds of project a cue says the message is about, read in place of the broader kinds
        they refine ("serving a 2GB model, UI is a textbox and a slider": the model's demo). `in_use_at` are the
        positions of the frameworks in use, whose own kind ("our backend is FastAPI") is not what is asked for
        when the message wants another ("... we'd like a Python-only frontend that talks to it"). `covered`: the
        positions inside the phrases, when known."""
        found = _Found()
        places = tokens.places
        negators_at = sorted(i for word in self.words["negators"] & places.keys() for i in places[word])
        self_negating = covered_by([h for h in hits if tokens.words[h.start] in self.words["negators"]]) \
            if negators_at else frozenset()  # a phrase that begins with a negator
        for hit in hits:
            if tokens.clauses[hit.start] not in indifferent:
                self._read_hit(tokens, hit, names, self_negating, tokens.clauses[hit.start] in emphatic, found,
                               negators_at)
        self._drop_the_kind_in_use(tokens, hits, in_use_at, found)
        _settle_sizes(found)
        for size in self._counted_sizes(tokens):
            found.traits.setdefault(("size", size), None)
        if not any(kind == "project" for kind, _ in found.traits):  # "dashboards with callbacks": a data app
            for project in self._kinds_implied(found.stated_needs()):
                found.traits.setdefault(("project", project), None)
        for feature in wanted:  # a cue's need is said in so many words: no phrase's negation overrules it
            found.needs.setdefault(feature, None)
            found.stated.add(feature)
            found.named_off.discard(feature)
        found.emphasized.update(stressed)
        for feature in dropped:
            found.needs.pop(feature, None)
        if traits_said:  # a constraint a cue states ("512MB ram") leads: it is what the message stresses
            found.traits = {**dict.fromkeys(traits_said), **found.traits}
        found.settle()
        needs = found.needs
        self._refine(found.traits, needs, refined)
        self._drop_the_carried(found)
        return Needs(tuple(needs), self._outranked(tuple(found.traits), needs), tuple(found.negated),
                     frozenset(found.emphasized), self._avoided(tokens, names),
                     tuple(k for k in needs if k not in found.stated), tuple(hits),
                     covered_by(hits) if covered is None else covered)

    def _more_than(self, tokens: Tokens, start: int, negators_at: list[int]) -> bool:
        """"A full web app, not just a dashboard": what comes after "not just" is neither asked for nor ruled
        out; the message wants more than it. `negators_at`: as for `negated`."""
        words, clauses, w = tokens.words, tokens.clauses, self.words
        if not any_between(negators_at, start - 1 - self.reach["negators"], start):
            return False
        for j in range(start - 1, max(0, start - 1 - self.reach["negators"]), -1):
            if clauses[j] != clauses[start]:
                return False
            if words[j] in w["negation_softeners"] and words[j - 1] in w["negators"]:
                return True
        return False

    def _read_hit(self, tokens: Tokens, hit: Hit, names: frozenset[int], self_negating: frozenset[int],
                  emphatic: bool, found: _Found, negators_at: list[int]) -> None:
        """One phrase's needs and traits into `found`. The tests that cannot hold are not made: without a
        negator in the message only a suffix negates ("ORM-free"), and a size or a stress needs its word."""
        words, w, start, end = tokens.words, self.words, hit.start, hit.end
        if negators_at:
            if self._more_than(tokens, start, negators_at):
                return
            is_negated = self.negated(tokens, start, end, self_negating, names, negators_at)
        else:
            is_negated = end < len(words) and words[end] in w["negation_suffixes"]
        emphatic = emphatic or (end < len(words) and words[end] in w["emphasis_suffixes"]
                                and self._stressed_by_suffix(tokens, hit))
        phrase = words[start:end]
        if is_negated and " ".join(phrase) in self.kb.libraries:
            return  # "without Pydantic" rules out a package, not validation (see `avoided`)
        loose_size = words[start] in w["size_adjectives"] and self._loose_size(tokens, hit)
        counted = start > 0 and words[start - 1][:1].isdigit() \
            and words[start] in w["people_nouns"]  # "3 backend, 1 designer": people
        for kind, key in hit.targets:
            if kind == "size" and loose_size:
                continue  # "big frameworks", "big files": not the size of the project
            if kind == "project" and counted:
                continue
            if kind == RULED_OUT:  # "we write raw SQL": no ORM ("not raw SQL" says nothing either way)
                if not is_negated:
                    found.negated[key] = None
            elif kind == "feature":
                (found.negated if is_negated else found.needs)[key] = None
                if is_negated and phrase in self._own_names[key]:
                    found.named_off.add(key)
                elif not is_negated and (kind, key) not in hit.implied:
                    found.stated.add(key)
                    if phrase in self._own_names[key]:
                        found.named_off.discard(key)
            elif not is_negated:
                found.traits[(kind, key)] = None
            if emphatic:
                found.emphasized.add(key)

    def _stressed_by_suffix(self, tokens: Tokens, hit: Hit) -> bool:
        """"htmx-first", "async-first": a need with a stressing word joined to it by a hyphen."""
        end = hit.end
        return end < len(tokens.words) and tokens.words[end] in self.words["emphasis_suffixes"] \
            and tokens.text[tokens.starts[end] - 1:tokens.starts[end]] == "-"

    def _loose_size(self, tokens: Tokens, hit: Hit) -> bool:
        """A size word that is not about the project: "big frameworks", or one more part's ("but also a tiny json
        api"); but "a big app", "..., very small", or a clause of its own ("verify the signature, drop it onto a
        queue. tiny.")."""
        words, w = tokens.words, self.words
        if words[hit.start] not in w["size_adjectives"] or hit.end - hit.start > 1:
            return False
        if not w["part_markers"].isdisjoint(words[max(0, hit.start - 3):hit.start]):
            return True  # "want admin + auth, but also a tiny json api": one part is tiny, not the project
        after = words[hit.end:hit.end + 3]
        before = words[hit.start - 1:hit.start]
        alone = (not before or before[0] in PUNCTUATION) and (not after or after[0] in PUNCTUATION)
        return w["project_nouns"].isdisjoint(after) and not (before and before[0] in w["intensifiers"]) and not alone

    def _counted_sizes(self, tokens: Tokens) -> list[str]:
        """"team of 12", "3 devs", "40 engineers": the project size that a team of that many implies; "3
        routes", "~30 endpoints", "60 resources": the size an app of that many parts is."""
        words, people, parts = tokens.words, self.words["people_nouns"], self.words["part_nouns"]
        sizes = []
        for i in sorted(i for word, where in tokens.places.items() if word[:1].isdigit() for i in where):
            word = words[i]
            if not _TEAM.match(word):
                continue
            team_of = i >= 2 and words[i - 2] == "team" and words[i - 1] == "of"
            count = int(word)
            after = words[i + 1] if i + 1 < len(words) else ""
            if team_of or after in people:
                sizes.append("small" if count <= 3 else "medium" if count <= 9 else "large")
            elif after in parts:
                sizes.append(next(size for most, size in PART_SIZES if count <= most))
        return sizes

    def _drop_the_kind_in_use(self, tokens: Tokens, hits: list[Hit], in_use_at: frozenset[int], found: _Found) -> None:
        """A kind of project said only of the framework in use, next to its name in the same clause ("our
        backend is FastAPI", "our Django app"), goes when a need stated elsewhere asks for another kind: the
        message adds a layer beside what it has. Said alone ("our Flask API needs OpenAPI docs"), it stays."""
        if not in_use_at:
            return
        clauses = tokens.clauses
        projects = [(hit.start, hit.end, value) for hit in hits for kind, value in hit.targets if kind == "project"]
        if not projects:
            return  # nothing said beside it
        near = sorted(in_use_at)  # the positions in use within reach of each, by bisection
        beside = {("project", value) for start, end, value in projects
                  if any(clauses[j] == clauses[start] for j in
                         near[bisect_left(near, start - NEXT_TO_NAME):bisect_left(near, end + NEXT_TO_NAME)])}
        elsewhere = {("project", value) for _, _, value in projects if ("project", value) not in beside}
        wanted = {("project", kind) for kind in self._kinds_implied(found.stated_needs())}
        if beside and (wanted | elsewhere) - beside:
            for trait in beside - elsewhere - wanted:
                found.traits.pop(trait, None)

    def _drop_the_carried(self, found: _Found) -> None:
        """A need the kind of project carries by itself goes, unless it was stressed ("streaming tokens" in a
        chat UI written in Python is the toolkit's business, not a need for server-sent events)."""
        features = self.kb.vocabulary.features
        kinds = _kinds_said(found.traits) | set(self._kinds_implied(found.stated_needs()))
        for key in [k for k in found.needs if not kinds.isdisjoint(features[k].carried_by)]:
            if key not in found.emphasized:
                found.needs.pop(key)

    def _refine(self, traits: dict[tuple[str, str], None], needs: dict[str, None], refined: tuple[str, ...]) -> None:
        """A kind of project a cue refines, when the message reads one it refines (then `_outranked` drops that)."""
        values = self.kb.vocabulary.traits["project"].values
        present = _kinds_said(traits) | set(self._kinds_implied(needs))
        for value in refined:
            if not present.isdisjoint(values[value].refines):
                traits.setdefault(("project", value), None)

    def _kinds_implied(self, needs) -> list[str]:
        """The kinds of project the needs imply, in their order (dashboards: a data app)."""
        own = self.feature_projects
        return [own[key] for key in needs if key in own]

    def _outranked(self, traits: tuple[tuple[str, str], ...], needs: dict[str, None]) -> tuple[tuple[str, str], ...]:
        """A trait value another one stated outranks goes: "an analytics web app with charts" is a data app."""
        present = set(traits) | {("project", kind) for kind in self._kinds_implied(needs)}
        dropped = {(tid, other) for tid, vid in present
                   for other in self.kb.vocabulary.traits[tid].values[vid].outranks}
        return tuple(t for t in traits if t not in dropped)

    def _avoided(self, tokens: Tokens, names: frozenset[int]) -> tuple[str, ...]:
        """Packages ruled out by name: "no Pydantic dependency", "without werkzeug"."""
        if tokens.word_set.isdisjoint(self.kb.libraries):
            return ()  # most messages name none
        return tuple(dict.fromkeys(
            word for i, word in enumerate(tokens.words)
            if word in self.kb.libraries and i not in names and word not in PUNCTUATION
            and self.negated(tokens, i, i + 1, frozenset(), frozenset())))
