"""The reader: message text in, an understood Question out, in small stages with one job each:

1. tokens (bot/reading/tokens.py): text to tokens;
2. names (names.py, context.py): frameworks and other names, and which ordinary-word names count;
3. vocabulary (needs.py): needs and traits, and the reach of each negation;
4. roles (roles.yaml): what each named framework is to the message;
5. intent (intent.py): a short decision table over what the earlier stages found;
6. the question (asking.py): what follows from the decision, as the Question the advice answers.

The English comes from knowledge/language/en, everything about frameworks from the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import filterfalse

from bot.knowledge import KnowledgeBase
from bot.knowledge.base import foundation_terms
from bot.knowledge.names import LIKENED_KINDS, UNLISTED
from bot.question import Question
from bot.reading import asides, context
from bot.reading.asking import Asking
from bot.reading.attempts import Family, targets_of
from bot.reading.choices import other_choice
from bot.reading.intent import decide
from bot.reading.language import Language, shorthand_table
from bot.reading.languages import Languages
from bot.reading.names import Mention, Names
from bot.reading.needs import Hit, Vocabulary
from bot.reading.reading import Reading
from bot.reading.tokens import PUNCTUATION, Tokens, covered_by, tokenize, with_shorthand
from bot.reading.view import View, build_view
from bot.slacktext import clean, was_truncated

READ_CACHE_SIZE = 4096
MAX_TERMS = 5


def _inside_longer(span: tuple[int, int], phrases: tuple[tuple[int, int], ...]) -> bool:
    """Whether a cue's span (first and last token) lies inside a longer phrase (start, end exclusive)."""
    first, last = span
    return any(start <= first and last < end and end - start > last - first + 1 for start, end in phrases)


POSITIONAL_CUES = frozenset({"indifferent", "emphasis", "moving_to", "new_framework", "want_more"})
COMPANION_KINDS = frozenset({"front-end", "server", "library", "tool"})  # they go with a Python web framework


class Reader:
    """Reads messages against one knowledge base and one language; build once, call for every message."""

    def __init__(self, kb: KnowledgeBase, language: Language, languages: Languages | None = None):
        self.kb = kb
        self.language = language
        self.languages = languages or Languages(frozenset(), ())
        self.words = language.words
        self.shorthand = shorthand_table(language)
        self.names = Names(kb, language)
        # built here, not on the first comparison, so the engine bot/warm.py keeps on disk carries them
        self.purposes, self.purpose_ignored = kb.purposes, kb.purpose_ignored
        self.vocabulary = Vocabulary(kb, language)
        self.asking = Asking(kb)
        self._read = lru_cache(maxsize=READ_CACHE_SIZE)(self._read_uncached)
        self._cue_family = Family(language.cues)
        # The cues whose every match a stage reads: clauses said indifferently or with emphasis, moves, and
        # flags that a phrase can take back (a field asked only inside a need, a kind inside a feature).
        self._every_span = POSITIONAL_CUES | {name for name, flags in language.flags.items()
                                              if "field" in flags or "category" in flags}
        self._first_only = tuple(name not in self._every_span for name in language.cues)
        # One set for each test a reading makes of every token, so each is one lookup per token.
        self._not_content = PUNCTUATION | self.words["stop_words"] | self.words["cue_words"]
        self._compound_firsts = frozenset(t.split("-", 1)[0] for t in kb.distinctive_terms if "-" in t)
        self._providing = frozenset(w for key, name in kb.names.items() if name.provides
                                    for alias in (key, *name.aliases) for w in alias.split())
        self._role_family = Family(language.roles)
        # Every `unless` pattern in one family, tried once per message: of a cue's, whether one matches; of a
        # role's, every framework its matches take back.
        self._veto_family = Family(language.vetoes)
        self._veto_first = tuple(name in language.cues for name in language.vetoes)
        # What a framework is built on, or who makes it, named inside a need phrase ("our plotly figures") is a
        # hint all the same; a need word is no hint otherwise, and one that is a need by itself ("htmx") is the need.
        self._foundations = frozenset(part for fw in kb.frameworks.values() for part in foundation_terms(fw)
                                      if part in kb.distinctive_terms and (part,) not in self.vocabulary.phrases)
        self._library_features = {key: name.provides for key, name in kb.names.items() if name.kind == "library"}

    def __getstate__(self) -> dict:
        """A stored reader (bot/warm.py) keeps what it knows, not what it remembered of messages."""
        state = dict(self.__dict__)
        del state["_read"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._read = lru_cache(maxsize=READ_CACHE_SIZE)(self._read_uncached)

    def forget(self) -> None:
        """Drop remembered readings (benchmarks measure reading, not remembering)."""
        self._read.cache_clear()

    def read(self, raw: str | None) -> Question:
        return self._read(clean(raw), was_truncated(raw))

    # -- the stages ----------------------------------------------------------------------------------

    def _read_uncached(self, text: str, truncated: bool) -> Question:
        reading = self.reading(text)
        return self.asking.question(reading, decide(reading, self._companions), truncated)

    def reading(self, text: str, about_software: bool = False) -> Reading:
        """What `text` says, stage by stage. `about_software`: it is one message of a thread about software (the
        bot was asked about frameworks there), so "tornado has served us well" names Tornado, not the weather."""
        tokens = with_shorthand(tokenize(text), self.shorthand)
        idioms = self.names.idiom_positions(tokens)
        mentions = self.names.frameworks(tokens, idioms)
        sure = covered_by([m for m in mentions if not m.ambiguous])
        hits = self.vocabulary.hits(tokens, sure | idioms)
        # An ordinary-word name inside a longer need phrase is part of the phrase: "an admin panel" is not Panel.
        inside = covered_by([h for h in hits if h.end - h.start > 1])
        mentions = [m for m in mentions if not (m.ambiguous and inside.intersection(range(m.start, m.end)))]
        taken = covered_by(mentions) | idioms
        hits = [h for h in hits if taken.isdisjoint(range(h.start, h.end))]
        covered = covered_by(hits)
        # "an admin panel" is not Panel; "flask restful" names Flask-RESTful as well as the Flask it extends.
        longer = self.names.longer_names(tokens, mentions)
        others = self.names.other_frameworks(tokens, set((taken | covered) - longer))
        if longer:  # "R Shiny" names R's Shiny, not Shiny for Python; "flask restful" names Flask's extension and Flask
            mentions = self._outside_other_languages(mentions, others)
        view = build_view(tokens, mentions, others)
        cues = self._cues(view)
        kept = self._frameworks_here(tokens, mentions, others, hits, cues, view, about_software)
        if len(kept) != len(mentions):
            mentions = kept
            view = build_view(tokens, mentions, others)
            cues = self._cues(view)
        others = [o for o in others if self._other_counts(tokens, o, mentions, hits, cues)]
        reading = self._assemble(tokens, mentions, others, hits, covered, view, cues, bool(idioms))
        code = self.languages.detect(text) if text else "en"
        return replace(reading, language=code) if code != "en" else reading

    def _outside_other_languages(self, mentions: list[Mention], others: list[Mention]) -> list[Mention]:
        """The mentions not inside the longer name of another language's framework."""
        foreign = [o for o in others if self.kb.names[o.key].kind == "other-language"]
        return [m for m in mentions if not any(o.start <= m.start and m.end <= o.end for o in foreign)]

    def _cues(self, view: View) -> dict[str, list[tuple[int, int]]]:
        """The cues that fire, with where; a cue whose `unless` pattern also matches does not fire
        ("TypeScript" names another language, "our TypeScript frontend" does not). Where: every match for
        the cues whose places a later stage reads (`_every_span`), the first for the others, which are read
        for whether they fire and in which order (a long message repeats its cues)."""
        found = {}
        for cue, matches in self._cue_family.matches(view, self._first_only):
            if cue.name not in self._vetoed(view):
                found[cue.name] = view.spans(matches)
        return found

    def _vetoed(self, view: View) -> dict[str, list[re.Match[str]]]:
        """The cues and roles whose `unless` patterns match the view, with their matches (found once per view)."""
        if "vetoes" not in view.memo:
            view.memo["vetoes"] = {cue.name: found for cue, found in self._veto_family.matches(view, self._veto_first)}
        return view.memo["vetoes"]  # type: ignore[return-value]

    def _software(self, tokens: Tokens) -> bool:
        return not self.names.software_words.isdisjoint(tokens.word_set)

    def _frameworks_here(self, tokens: Tokens, mentions: list[Mention], others: list[Mention], hits: list[Hit],
                         cues: dict[str, list[tuple[int, int]]], view: View, about_software: bool = False
                         ) -> list[Mention]:
        """Ordinary-word names only in a software context; none at all in a plainly off-topic message."""
        if not any(m.ambiguous for m in mentions):
            kept = mentions
        else:
            evidence = context.Evidence(
                software=about_software or self._software(tokens), sure=any(not m.ambiguous for m in mentions),
                cue=any(c in cues for c in ("names_a_framework", "relation", "pick"))
                or any(c.startswith("fact_") for c in cues),
                compared="compare" in cues or "compare_weak" in cues, candidates=len(mentions) + len(others),
                proper_names=len({m.key for m in mentions if tokens.mid_sentence_capital(m.start)}),
                specific_needs=tuple(sorted(h.start for h in hits if h.specific)),
                owned=frozenset(next(iter(ids)) for w in tokens.word_set
                                if len(ids := self.kb.distinctive_terms.get(w, ())) == 1),
                roled=frozenset(self._role_targets(view)),
            )
            kept = context.keep(self.names, tokens, mentions, evidence)
        plainly_software = not self.words["software_words"].isdisjoint(tokens.word_set)
        if kept and not plainly_software and not self.words["off_topic_nouns"].isdisjoint(tokens.word_set):
            return []  # "Django Unchained is a great movie"
        return kept

    def _other_counts(self, tokens: Tokens, other: Mention, mentions: list[Mention], hits: list[Hit],
                      cues: dict[str, list[tuple[int, int]]]) -> bool:
        """Angular, Spring, Express... count when the message is plainly about software."""
        if other.key in self.kb.predecessors:
            return False  # Pylons lives on as Pyramid
        before = tokens.words[other.start - 1] if other.start > 0 else ""
        software = self._software(tokens)
        if before in self.words["determiners"] and not software:
            return False
        plain = " ".join(tokens.words[other.start:other.end]) == other.key  # "express", not "express.js"
        if self.kb.names[other.key].common_word and plain:  # "spring cleaning", "how do we react"
            words = sum(w not in PUNCTUATION for w in tokens.words)
            return software or bool(mentions) or words <= 3 or "compare" in cues or "compare_weak" in cues
        return software or bool(mentions) or bool(hits) or other.end - other.start > 1 or "compare" in cues \
            or "compare_weak" in cues \
            or len(tokens) <= 4

    def _role_targets(self, view: View) -> dict[int, set[str]]:
        """Mention index -> the roles the role patterns give it (less those an `unless` pattern takes back).
        Found once per view (deciding which names count asks too); callers do not change what they get."""
        if "roles" not in view.memo:
            view.memo["roles"] = self._find_role_targets(view)
        return view.memo["roles"]  # type: ignore[return-value]

    def _find_role_targets(self, view: View) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        for cue, matches in self._role_family.matches(view):
            targets = set(targets_of(matches))
            if targets and cue.name in self._vetoed(view):
                targets -= set(targets_of(self._vetoed(view)[cue.name]))
            for index in targets:
                found.setdefault(index, set()).add(cue.name)
        return found

    def _roles(self, view: View, mentions: list[Mention], others: list[Mention]) -> dict[str, set[str]]:
        """The roles of each framework named. A name inside a longer one ("tried flask-restx, feels stale") takes
        only the role of being in use: using an extension is using its framework; criticising, leaving or
        proposing the extension says nothing of the framework."""
        inside = frozenset(i for o in others if o.end - o.start > 1 for i in range(o.start, o.end))
        roles: dict[str, set[str]] = {}
        for index, names in self._role_targets(view).items():
            if index < len(mentions):
                mention = mentions[index]
                kept = names & {"in_use"} if mention.start in inside else names
                roles.setdefault(mention.key, set()).update(kept)
        return roles

    def _assemble(self, tokens: Tokens, mentions: list[Mention], others: list[Mention], hits: list[Hit],
                  covered_positions: frozenset[int], view: View, cues: dict[str, list[tuple[int, int]]],
                  idiomatic: bool) -> Reading:
        """The reading, from what the stages found (`covered_positions`: the tokens inside the phrases `hits`)."""
        roles = self._roles(view, mentions, others)
        self._in_use_on_the_way_out(tokens, mentions, cues, roles)
        self._in_use_elsewhere(cues, roles)
        lacking: tuple[str, ...] = ()
        if aside := asides.of_the_rejected(tokens, mentions, roles, self.words["aside_lacks"]):
            cues = {name: spans for name, spans in cues.items() if asides.outside(spans, aside)}
            hits, lacking = asides.lacks(hits, aside)  # "not flask (no async)": Flask lacks async, async is wanted
        succeeding = () if tokens.word_set.isdisjoint(self.kb.predecessors) else tuple(dict.fromkeys(
            self.kb.predecessors[w] for w in tokens.words if w in self.kb.predecessors))
        for fid in succeeding:  # "still on Starlite 1.x, what should we move to?": the old name is the way forward
            if fid in roles:
                roles[fid] -= {"leaving", "excluded", "criticised", "replaced", "in_use"}
        named = tuple(dict.fromkeys(m.key for m in mentions))
        rejected = tuple(f for f in named if "excluded" in roles.get(f, ()) and f not in succeeding)
        names = covered_by(mentions)
        features = tuple((h.start, h.end) for h in hits if h.feature)
        flags = self._flags(cues, covered_positions, features)
        in_use_at = covered_by([m for m in mentions if "in_use" in roles.get(m.key, ())])
        libraries = self._libraries_used(tokens, others, names)
        needs = self.vocabulary.read(
            tokens, hits, names, in_use_at=in_use_at, covered=covered_positions,
            indifferent=self._clauses(tokens, cues.get("indifferent", ())),
            emphatic=self._clauses(tokens, cues.get("emphasis", ()), last=True),
            wanted=(*flags.get("needs", ()), *lacking), stressed=flags.get("stresses", ()),
            traits_said=tuple((tid, v) for tid in self.kb.vocabulary.traits for v in flags.get(tid, ())),
            dropped=flags.get("drops", ()), refined=flags.get("refines", ()))
        content = sum(len(where) for w, where in tokens.places.items() if w not in self._not_content)
        covered = {tokens.words[i] for i in needs.covered}
        other_names = tuple(dict.fromkeys(o.key for o in others))
        # Another language's framework has Python twins; a front end or a tool only when asked for its likeness
        # ("anything like Next.js but for python?", "something like Retool but python"), not when served
        # ("a Python backend for our Next.js frontend").
        alike = "likens_a_name" in cues
        twins = tuple(dict.fromkeys(f for name in other_names for f in self.kb.names[name].see
                                    if self.kb.names[name].kind == "other-language"
                                    or (alike and self.kb.names[name].kind in LIKENED_KINDS)))
        kin = tuple(dict.fromkeys(f for name in other_names if self.kb.names[name].kind == UNLISTED
                                  for f in self.kb.names[name].see))
        terms = self._terms(tokens, names)
        generic = self.vocabulary.generic
        return Reading(
            text=tokens.text, words=tuple(filterfalse(PUNCTUATION.__contains__, tokens.words)),
            frameworks=tuple(f for f in named if f not in rejected), rejected=rejected,
            roles={k: frozenset(v) for k, v in roles.items()}, cues=frozenset(cues), flags=flags,
            needs=needs.needs, implied=needs.implied, traits=needs.traits, negated=needs.negated,
            emphasized=needs.emphasized,
            avoided=needs.avoided, others=other_names, succeeding=succeeding, software=self._software(tokens),
            idiomatic=idiomatic, content_words=content, covered_words=len(covered),
            specific_needs=any(n not in generic for n in (*needs.needs, *needs.negated)), terms=terms, twins=twins,
            kin=kin, other_kinds=frozenset(self.kb.names[name].kind for name in other_names),
            project_talk=not self.words["project_nouns"].isdisjoint(tokens.word_set),
            off_topic=not self.words["off_topic_nouns"].isdisjoint(tokens.word_set), libraries=libraries,
            other_choice=other_choice(tokens.words, mentions, others, hits, self._library_features, self.words),
            purpose=self.purposes.purpose((w for i, w in enumerate(tokens.words)
                                           if i not in names and i not in needs.covered), self.purpose_ignored)
            if len(named) >= 2 else (),  # only a comparison weighs it, and it names two frameworks or more
        )

    def _terms(self, tokens: Tokens, names: frozenset[int]) -> tuple[str, ...]:
        """The distinctive terms of the message, in the order they come (words first, then compounds), at most
        MAX_TERMS. The words of a need are the need, not a hint towards the framework that happens to describe
        itself with them: "a dashboard" asks for dashboards, "msgspec" and "traversal" point at Litestar and
        Pyramid. Each distinct word is looked at once."""
        words, places, distinctive = tokens.words, tokens.places, self.kb.distinctive_terms
        vocab_words, foundations = self.vocabulary.vocab_words, self._foundations
        providing = self._providing  # a library for a feature is read as one ("without SQLAlchemy" too), not a term
        singles = sorted((first, w) for w, where in places.items() if w in distinctive
                         and (w not in vocab_words or w in foundations) and w not in providing
                         and (first := next((i for i in where if i not in names), None)) is not None)
        firsts = self._compound_firsts  # "object oriented"
        starts = sorted(i for w, where in places.items() if w in firsts for i in where if i + 1 < len(words))
        compounds = (f"{words[i]}-{words[i + 1]}" for i in starts)
        return tuple(dict.fromkeys([*(w for _, w in singles),
                                    *(c for c in compounds if c in distinctive
                                      and tuple(c.split("-")) not in self.vocabulary.phrases)]))[:MAX_TERMS]

    def _libraries_used(self, tokens: Tokens, others: list[Mention], names: frozenset[int]) -> tuple[str, ...]:
        """The libraries named for a feature they provide and not ruled out: "SQLAlchemy models everywhere"
        uses SQLAlchemy for its ORM; "without Pydantic" uses none."""
        found = []
        for other in others:
            name = self.kb.names[other.key]
            if name.provides and not self.vocabulary.negated(tokens, other.start, other.end, frozenset(), names):
                found.append(other.key)
        return tuple(dict.fromkeys(found))

    @staticmethod
    def _in_use_on_the_way_out(tokens: Tokens, mentions: list[Mention], cues: dict[str, list[tuple[int, int]]],
                               roles: dict[str, set[str]]) -> None:
        """"Our Flask app is getting messy. Should we move to something more structured?": the framework in use,
        said in the sentence of a move or the one before it, is the one being left (unless the move is ruled
        out, or another framework is left already). In a long message, other sentences are other matters."""
        if "not_moving" in cues or "weighs_a_move" in cues or "moves_to_python" in cues \
                or any("leaving" in r for r in roles.values()):
            return  # a move ruled out, or only weighed ("stick with Django or migrate?"), or one to Python from
            # another language ("Shiny apps in R all day; the team is moving to Python"), leaves nothing
        moves = {tokens.sentences[start] - back for name in ("moving_to", "new_framework", "want_more")
                 for start, _ in cues.get(name, ()) for back in (0, 1)}
        last = tokens.sentences[-1] if len(tokens) else -1
        asked_last = last in moves and tokens.words[-1] == "?"  # "... rebuild them in what?": the whole message's
        for m in mentions:  # question is the move, so what is in use anywhere in it is what they leave
            fw_roles = roles.get(m.key, set())
            if "in_use" in fw_roles and "destination" not in fw_roles and (
                    asked_last or tokens.sentences[m.start] in moves):
                fw_roles.discard("in_use")
                fw_roles.add("leaving")

    @staticmethod
    def _in_use_elsewhere(cues: dict[str, list[tuple[int, int]]], roles: dict[str, set[str]]) -> None:
        """"Django for the main app; for the new microservice we want something async": asked about a project apart
        from the one it runs on, the framework in use is what the team knows, and the new project is not bound to it."""
        if "separate_project" in cues:
            for fw_roles in roles.values():
                if "in_use" in fw_roles:
                    fw_roles.discard("in_use")
                    fw_roles.add("familiar")

    def _flags(self, cues: dict[str, list[tuple[int, int]]], covered: frozenset[int],
               features: tuple[tuple[int, int], ...]) -> dict[str, tuple[str, ...]]:
        """The values fired cues carry (criterion: performance, field: license, interface: asgi, ...), in the
        order the cues appear in the message. A field asked about only inside a need phrase is the need, not
        the field: "does fastapi have openapi docs" asks about OpenAPI, not the docs; and a kind of framework
        named only inside a longer feature phrase is the feature: "an admin ui built in" lists no UI frameworks
        ("async" and "data app" name a kind and a feature alike, and keep both)."""
        flags: dict[str, list[str]] = {}
        for name in sorted(cues, key=lambda c: cues[c][0][0]):
            for key, value in self.language.flags.get(name, {}).items():
                if key == "field" and all(all(i in covered for i in range(a, b + 1)) for a, b in cues[name]):
                    continue
                if key == "category" and all(_inside_longer(span, features) for span in cues[name]):
                    continue
                flags.setdefault(key, []).append(str(value))
        return {k: tuple(dict.fromkeys(v)) for k, v in flags.items()}

    @staticmethod
    def _clauses(tokens: Tokens, spans, last: bool = False) -> frozenset[int]:
        """The clause numbers the spans fall in (by their first token, or their last with `last`)."""
        return frozenset(tokens.clauses[end if last else start] for start, end in spans if start < len(tokens))

    def _companions(self, r: Reading) -> bool:
        """Front-end frameworks (React, Vue...), servers (gunicorn) and libraries (SQLAlchemy) go with a Python web
        framework; they do not replace it."""
        kinds = r.other_kinds
        # "gunicorn vs uvicorn?" is a choice between them, unless a framework is asked for by that word
        set_against = len(r.others) >= 2 and r.has("compare", "compare_weak") and not r.has("asks_for_a_framework")
        if kinds and kinds <= {"server", "tool"} and r.has("pick", "wants") and not set_against:
            return True  # "moving from gunicorn to uvicorn, what framework should we use?": a server runs one;
            # "what should we run on AWS?": a cloud or a container hosts one
        project = r.states_a_project
        # A server goes with a framework where one is asked for or needs are stated ("gunicorn + sync workers,
        # need request validation"), unless the message moves between servers ("migrate from hypercorn to granian")
        companions_only = kinds <= COMPANION_KINDS and ("server" not in kinds or r.has("pick", "wants") or (
            bool(r.needs or project) and not r.has("alternatives", "moving_to")))
        python = r.has("python")
        return (companions_only or python) and bool(r.needs or project or (python and r.has("alternatives"))) \
            and not set_against
