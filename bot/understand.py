"""Understand a question: what the person wants (intent), which frameworks they name, what they need.

Everything domain-specific (framework names, aliases, the words for each need) comes from the
knowledge base; this module only knows English: how people ask for a comparison, how they negate
a need, and when "tornado" is the weather rather than the framework.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.knowledge import KnowledgeBase, iter_phrases
from bot.phrasing import (
    ABOUT_IT,
    ALTERNATIVE,
    ASKS_FIT,
    BUILTIN_ONLY,
    CATEGORY_WORDS,
    COMPARE,
    CRITICISM,
    DESCRIBES_A_FRAMEWORK,
    DETERMINERS,
    FIELD_CUES,
    FIELDS_OVER_FEATURES,
    FONDNESS,
    GENERIC_FEATURES,
    HELP,
    HELP_ANYWHERE,
    INDIFFERENT,
    INTERFACE_WORDS,
    KEEP_CLOSE,
    KIND_WORDS,
    LIKENESS,
    LIKES_ITS_STYLE,
    LIST,
    MOVING_TO,
    NAME_CUES,
    NEGATION_STOPS,
    NEGATION_SUFFIXES,
    NEGATION_WINDOW,
    NEGATORS,
    NEW_FRAMEWORK,
    OBJECT_PRONOUNS,
    OFF_TOPIC_NOUNS,
    OTHER_LANGUAGES,
    PICK_REQUEST,
    PROJECT_NOUNS,
    RECOMMEND,
    RELATION,
    SETTING_AFTER,
    SETTING_BEFORE,
    SETTING_KEEP,
    SETTING_VERBS,
    SIZE_ADJECTIVES,
    STOP_WORDS,
    SYNC_WANTED,
    TRAIT_REQUEST,
    WANT_MORE,
    YES_NO_ABOUT,
    capitalised_positions,
    clauses_of,
    content_words,
    fold_case,
    next_to_a_connector,
    team_sizes,
    tokenize,
    written_with_capitals,
)
from bot.question import Question
from bot.slacktext import clean, was_truncated

READ_CACHE_SIZE = 4096
MAX_TERMS = 5


class _Decision(NamedTuple):
    intent: str
    frameworks: tuple[str, ...] = ()
    topic: str | None = None
    excluded: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    similar_to: tuple[str, ...] = ()  # a framework named as the model of what is wanted ("like FastAPI")


@dataclass(frozen=True)
class _Reading:
    """What one message says, before deciding what it asks."""

    text: str
    lower: str
    tokens: tuple[str, ...]
    frameworks: tuple[str, ...]  # named and not ruled out
    rejected: tuple[str, ...]  # "not tornado"
    settings: tuple[str, ...]  # "our Django app"
    replaced: tuple[str, ...]  # "migrating off DRF"
    criticised: tuple[str, ...]  # "Django feels slow for this", "we tried Streamlit but..."
    models: tuple[str, ...]  # "endpoints like FastAPI", "a Flask-like API"
    avoided: tuple[str, ...]  # packages ruled out: "without Pydantic"
    idiomatic: bool  # a name used as an ordinary word ("need a hug after that deploy")
    succeeding: tuple[str, ...]  # frameworks that continue a project named ("our old Pylons app": Pyramid)
    needs: tuple[str, ...]
    traits: tuple[tuple[str, str], ...]
    negated: tuple[str, ...]
    emphasized: frozenset[str]
    others: tuple[str, ...]  # frameworks that are not Python web frameworks
    software: bool  # the message plainly talks about software
    names: frozenset[int]  # token positions of framework names
    covered: frozenset[int]  # token positions of vocabulary phrases


@dataclass
class _Hit:
    start: int
    end: int
    key: str
    fuzzy: bool = False
    ambiguous: bool = False
    phrase_like: bool = False  # an alias made of ordinary words ("fast api")
    site: bool = False  # the framework's documentation site ("bottlepy.org"): never an ordinary word


class Understander:
    """Reads questions against one knowledge base; build once, call for every message."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.names: dict[tuple[str, ...], str] = {}
        sites: set[tuple[str, ...]] = set()
        for fw in kb.frameworks.values():
            fw_sites = _site_names(fw.docs)
            sites.update(tuple(tokenize(site)) for site in fw_sites)
            for alias in (fw.id, fw.name.lower(), *fw.aliases, *fw_sites):
                toks = tuple(tokenize(alias))
                if toks:
                    self.names.setdefault(toks, fw.id)
        self.site_aliases = frozenset(sites)  # a docs site names one framework
        self.phrases: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for phrase, kind, key in iter_phrases(kb):
            toks = tuple(tokenize(phrase))
            if toks and (kind, key) not in self.phrases.setdefault(toks, []):
                self.phrases[toks].append((kind, key))
        for toks, targets in list(self.phrases.items()):  # "webhook" for "webhooks", "dashboard" for "dashboards"
            last = toks[-1]
            variant = toks[:-1] + ((last[:-1],) if last.endswith("s") and len(last) > 4 else (last + "s",))
            if last.isalpha() and variant not in self.phrases:
                self.phrases[variant] = targets
        self.others = {tuple(tokenize(name)): name for name in kb.vocabulary.other_frameworks}
        self.vocab_tokens = frozenset(t for toks in self.phrases for t in toks)
        # Words of the vocabulary long enough that a one-letter slip is still recognisable ("dashbaord").
        self.spellable = tuple(sorted(t for t in self.vocab_tokens if len(t) >= SPELLING_MIN and t.isalpha()))
        self._spelling_cache: dict[str, str] = {}
        self._typo_cache: dict[str, tuple[str, str] | None] = {}
        # The same words always read the same way: people repeat questions, threads are re-read on every reply.
        self._read = lru_cache(maxsize=READ_CACHE_SIZE)(self._read)
        self.name_lengths = _lengths_by_first_token(self.names)
        self.phrase_lengths = _lengths_by_first_token(self.phrases)
        self.other_lengths = _lengths_by_first_token(self.others)
        self.idioms_by_first: dict[str, list[tuple[str, ...]]] = {}
        for idiom in kb.vocabulary.idioms:
            words = tuple(tokenize(idiom))
            if words:
                self.idioms_by_first.setdefault(words[0], []).append(words)
        self.current_names = frozenset(n for fw in kb.frameworks.values() for n in (fw.id, fw.name.lower()))
        # Typos are matched against one-word names and the first word of longer ones ("django" of "django ninja").
        self.fuzzy_choices = {toks[0]: self.names.get((toks[0],), fid) for toks, fid in self.names.items()
                              if len(toks[0]) >= 5 and toks[0].isalpha()}
        # Four-letter names ("dash") only for four-letter words between names ("dsah vs flask").
        self.short_choices = {toks[0]: fid for toks, fid in self.names.items()
                              if len(toks) == 1 and len(toks[0]) == 4 and toks[0].isalpha()}

    @cached_property
    def software_words(self) -> frozenset[str]:
        words = set(self.kb.vocabulary.software_words)
        for toks, fid in self.names.items():
            if not self.kb.frameworks[fid].common_word:
                words.update(toks)
        return frozenset(words)

    def forget(self) -> None:
        """Drop remembered readings (benchmarks measure reading, not remembering)."""
        self._read.cache_clear()

    # -- public -------------------------------------------------------------------------------------

    def understand(self, raw: str | None, discussion: list[str] | tuple[str, ...] = ()) -> Question:
        """Read one message; `discussion` is the earlier messages of its thread (needs only)."""
        text = clean(raw)
        question = self._read(text, was_truncated(raw))
        if discussion:
            question = self._with_discussion(question, discussion)
        return question

    # -- reading --------------------------------------------------------------------------------------

    def _read(self, text: str, truncated: bool) -> Question:
        reading = self._spot(text)
        if reading is None:
            return Question(text=text, intent="help", truncated=truncated)
        return self._question(reading, self._intent(reading), truncated)

    def _spot(self, text: str) -> _Reading | None:
        """Find the names, phrases and roles in a message; None when it has no words at all."""
        lower = fold_case(text)
        tokens = tokenize(lower)
        if not tokens:
            return None
        idioms = self._idiom_positions(tokens)
        fw_hits = self._framework_hits(tokens, idioms)
        software = bool(self.software_words.intersection(tokens))
        taken = {i for h in fw_hits for i in range(h.start, h.end)} | idioms  # "the test pyramid" asks no tests
        vocab_hits = self._scan_vocabulary(self._spelled(tokens, taken), taken)
        covered = frozenset(i for h, _ in vocab_hits for i in range(h.start, h.end))
        other_hits = [_Hit(h.start, h.end, name)  # after the vocabulary: "an admin panel" is not Panel
                      for h, name in self._scan(tokens, self.others, self.other_lengths, taken | covered)]
        fw_hits = self._resolve_ambiguous(tokens, lower, fw_hits, vocab_hits, other_hits, software, text)
        plainly_software = self.kb.vocabulary.software_words.intersection(tokens) - {"django"}
        if fw_hits and not plainly_software and OFF_TOPIC_NOUNS.intersection(tokens):
            fw_hits = []  # "Django Unchained is a great movie"
        succeeding = tuple(dict.fromkeys(self.kb.predecessors[t] for t in tokens if t in self.kb.predecessors))
        other_hits = [h for h in other_hits if h.key not in self.kb.predecessors  # Pylons lives on as Pyramid
                      and self._other_counts(tokens, lower, h, fw_hits, vocab_hits, software, other_hits)]

        clauses, emphatic = clauses_of(lower)
        names = frozenset(i for h in fw_hits for i in range(h.start, h.end))
        rejected = tuple(dict.fromkeys(h.key for h in fw_hits if _framework_negated(tokens, h, names)
                                       and h.key not in succeeding))  # leaving Starlite is moving up to Litestar
        frameworks = tuple(dict.fromkeys(h.key for h in fw_hits if h.key not in rejected))
        needs, traits, negated = self._needs(tokens, vocab_hits, clauses, names)
        avoided = self._avoided(tokens, clauses, names)
        if "sync" in lower and "async" not in needs and "async" in self.kb.vocabulary.features \
                and SYNC_WANTED.search(lower):
            negated = tuple(dict.fromkeys((*negated, "async")))
        settings, replaced, criticised, models = _roles(tokens, lower, fw_hits, frameworks, clauses, succeeding)
        return _Reading(
            text=text, lower=lower, tokens=tuple(tokens), frameworks=frameworks, rejected=rejected,
            settings=settings, replaced=replaced, criticised=criticised, models=models, avoided=avoided,
            idiomatic=bool(idioms), succeeding=succeeding,
            needs=needs, traits=traits, negated=negated,
            emphasized=self._emphasis(vocab_hits, clauses, emphatic),
            others=tuple(dict.fromkeys(h.key for h in other_hits)), software=software, names=names, covered=covered,
        )

    def _question(self, r: _Reading, decision: _Decision, truncated: bool) -> Question:
        """The question as understood, with what follows from the decision (topic, filters, likeness)."""
        intent, frameworks, topic, excluded, within, _ = decision
        if r.rejected:  # "websockets, but not tornado": never recommend what was ruled out
            excluded = tuple(dict.fromkeys((*excluded, *r.rejected)))
            if intent in ("unknown", "info") and not frameworks:
                intent = "recommend"
        if intent == "recommend":  # leaving DRF means staying on Django: what replaces it is built for Django
            bases = (self.kb.frameworks[f].extends for f in excluded if f in self.kb.frameworks)
            within = tuple(dict.fromkeys((*within, *(b for b in bases if b and b not in excluded))))
        interfaces = tuple(name for name, pattern in INTERFACE_WORDS.items()
                           if any(not _said_without(r.lower, m.start()) for m in pattern.finditer(r.lower)))
        if intent == "unknown" and interfaces and (RECOMMEND.search(r.lower) or TRAIT_REQUEST.search(r.lower)):
            intent = "recommend"  # "we'd like something ASGI-based"
        if intent == "info" and topic == "interface" and len(interfaces) == 1:
            topic = f"interface:{interfaces[0]}"  # "does tornado run on asgi?"
        asks_fit = bool(ASKS_FIT.search(r.lower))
        if intent == "info" and r.needs and not asks_fit and topic not in FIELDS_OVER_FEATURES and not (
                topic or "").startswith(("rel", "interface")):  # "is streamlit good for X" is not a feature question
            topic = f"feature:{r.needs[0]}"  # "does litestar have dependency injection" is not about dependencies
        terms = tuple(dict.fromkeys(t for i, t in enumerate(r.tokens) if t in self.kb.distinctive_terms
                                    and i not in r.names))[:MAX_TERMS]
        return Question(
            text=r.text, intent=intent, frameworks=frameworks, needs=r.needs, traits=r.traits, negated=r.negated,
            emphasized=r.emphasized, others=r.others, topic=topic,
            category=self._category(r.lower) if intent == "list" else None,
            excluded=excluded, within=within, builtin_only=bool(BUILTIN_ONLY.search(r.lower)),
            similar_to=decision.similar_to or _similar_to(r, intent, frameworks, excluded) or (
                within if intent == "recommend" else ()), terms=terms,  # what is in use: the nearest move first
            interfaces=interfaces if intent == "recommend" else (), asks_fit=asks_fit, truncated=truncated,
            avoided=r.avoided if intent == "recommend" else (),
            keep_close=intent == "recommend" and bool(KEEP_CLOSE.search(r.lower)),
            succeeding=r.succeeding if intent == "recommend" else (),
            said=tuple(dict.fromkeys((*r.frameworks, *r.rejected))),
            kind=self._kind(r.lower) if intent == "recommend" else None,
        )

    @staticmethod
    def _scan(tokens: list[str], index: dict[tuple[str, ...], Any], lengths: dict[str, tuple[int, ...]],
              taken: set[int]) -> list[tuple[_Hit, Any]]:
        """Longest phrases of `index` found in `tokens`, left to right, skipping `taken` positions."""
        hits = []
        i = 0
        while i < len(tokens):
            for size in lengths.get(tokens[i], ()):
                span = tuple(tokens[i:i + size])
                if span in index and not any(j in taken for j in range(i, i + size)):
                    hits.append((_Hit(i, i + size, " ".join(span)), index[span]))
                    i += size
                    break
            else:
                i += 1
        return hits

    def _spelled(self, tokens: list[str], taken: set[int]) -> list[str]:
        """The tokens with slips in vocabulary words put right ("dashbaord", "dependancies", "singel"), for
        reading needs only: one edit in long words, a swapped pair of letters in shorter ones."""
        fixed = list(tokens)
        for i, token in enumerate(tokens):
            if i in taken or len(token) < SPELLING_MIN or token in self.vocab_tokens or not token.isalpha() \
                    or token in STOP_WORDS or token in self.kb.vocabulary.software_words:
                continue
            if token not in self._spelling_cache:
                if len(self._spelling_cache) > 10_000:
                    self._spelling_cache.clear()
                self._spelling_cache[token] = self._spelling_of(token)
            fixed[i] = self._spelling_cache[token] or token
        return fixed

    def _spelling_of(self, token: str) -> str:
        long_word = len(token) >= SPELLING_ANY_EDIT
        for word, _distance, _ in process.extract(token, self.spellable, scorer=OSA.distance, score_cutoff=1,
                                                 limit=None):
            if word[0] != token[0] or word.startswith(token) or word.endswith(token) or token.startswith(word) \
                    or token.endswith(word):
                continue  # another first letter, or a letter more at an end, makes another word: "fallback",
                # "callback"; "synchronous", "asynchronous"
            if long_word and len(word) >= SPELLING_ANY_EDIT:
                return word  # "dashbaord", "dependancies"
            if len(word) == len(token) and sorted(word) == sorted(token):
                return word  # a swapped pair: "singel"
        return ""

    def _scan_vocabulary(self, tokens: list[str], taken: set[int]) -> list[tuple[_Hit, list[tuple[str, str]]]]:
        """Like `_scan`, but a long phrase also means what the shorter phrases it starts with mean:
        "CMS-style site" is a large site *and* a CMS (admin, templates). Unless the long phrase says what is
        being built otherwise: "chat bubbles" in a data app are not a real-time chat service."""
        hits = []
        for hit, targets in self._scan(tokens, self.phrases, self.phrase_lengths, taken):
            words = hit.key.split(" ")
            merged = list(targets)
            projects = {value for kind, value in targets if kind == "project"}
            for size in range(len(words) - 1, 0, -1):
                shorter = self.phrases.get(tuple(words[:size]), ())
                if projects and any(kind == "project" and value not in projects for kind, value in shorter):
                    continue
                for target in shorter:
                    if target not in merged:
                        merged.append(target)
            hits.append((hit, merged))
        return hits

    def _framework_hits(self, tokens: list[str], idioms: set[int]) -> list[_Hit]:
        hits = [_Hit(h.start, h.end, fid, phrase_like=self._phrase_like(h.key),
                     site=tuple(h.key.split(" ")) in self.site_aliases)
                for h, fid in self._scan(tokens, self.names, self.name_lengths, set())]
        taken = {i for h in hits for i in range(h.start, h.end)}
        listed = bool(hits)  # "compare quart, sanic and starlet": in a list of names, a look-alike is a name
        for i, tok in enumerate(tokens):
            if i in taken or len(tok) < 4 or not tok.isalpha():
                continue
            in_a_list = listed and tok in self.kb.vocabulary.lookalikes and next_to_a_connector(tokens, i)
            if self._not_a_typo(tok) and not in_a_list:
                continue
            if len(tok) == 4 and not (next_to_a_connector(tokens, i) or tokens[i - 1:i] in _NAME_SLOTS):
                continue  # four letters are a typo only in "flsk or djngo", "we use flsk"; alone, too often words
            match = self._typo_of(tok) or (self._cut_short(tok) if in_a_list else None)
            if not match:
                continue
            alias, fid = match
            end = i + 1
            for size in self.name_lengths.get(alias, ()):  # "djagno ninja" is Django Ninja, not two names
                longer = (alias, *tokens[i + 1:i + size])
                if size > 1 and longer in self.names:
                    fid, end = self.names[longer], i + size
                    hits = [h for h in hits if h.end <= i or h.start >= end]
                    break
            if end == i + 1 and (alias,) not in self.names:
                continue  # "stream" is only the start of "stream lit"
            hits.append(_Hit(i, end, fid, fuzzy=True))
        hits = [h for h in hits if not idioms.intersection(range(h.start, h.end))]
        for hit in hits:
            hit.ambiguous = not hit.site and (hit.fuzzy or hit.phrase_like or self.kb.frameworks[hit.key].common_word)
        return sorted(hits, key=lambda h: h.start)

    def _idiom_positions(self, tokens: list[str]) -> set[int]:
        """Token positions inside an idiom ("the test pyramid"), where a name is only a word."""
        positions: set[int] = set()
        for i, token in enumerate(tokens):
            for idiom in self.idioms_by_first.get(token, ()):
                if tuple(tokens[i:i + len(idiom)]) == idiom:
                    positions.update(range(i, i + len(idiom)))
        return positions

    def _cut_short(self, token: str) -> tuple[str, str] | None:
        """A current name that the word starts and falls just short of ("starlet" in a list: Starlette)."""
        for alias, fid in self.fuzzy_choices.items():
            if alias in self.current_names and alias.startswith(token) and len(alias) - len(token) <= 2:
                return alias, fid
        return None

    def _phrase_like(self, alias: str) -> bool:
        words = alias.split(" ")
        return len(words) > 1 and alias not in self.current_names and all(
            w in self.vocab_tokens or w in STOP_WORDS or w in self.kb.vocabulary.software_words for w in words)

    def _typo_of(self, token: str) -> tuple[str, str] | None:
        """(alias, framework) a word is a typo of ("fastpai" -> fastapi): one edit, two for long words."""
        if token not in self._typo_cache:
            if len(self._typo_cache) > 10_000:
                self._typo_cache.clear()
            limit = 1 if len(token) <= 7 else 2
            choices = {**self.fuzzy_choices, **self.short_choices} if len(token) == 4 else self.fuzzy_choices
            matches = process.extract(token, choices.keys(), scorer=OSA.distance, score_cutoff=limit, limit=None)
            # Equal distances ("starlete": starlette or the old name starlite): current names first, then
            # the closer spelling.
            ranked = sorted(matches, key=lambda m: (m[1], m[0] not in self.current_names,
                                                    -fuzz.ratio(token, m[0]), m[0]))
            self._typo_cache[token] = (ranked[0][0], choices[ranked[0][0]]) if ranked else None
        return self._typo_cache[token]

    def _not_a_typo(self, token: str) -> bool:
        vocab = self.kb.vocabulary
        return (token in STOP_WORDS or token in vocab.lookalikes or token in self.vocab_tokens
                or token in vocab.software_words or tuple([token]) in self.others)

    def _resolve_ambiguous(self, tokens, lower, fw_hits, vocab_hits, other_hits, software,
                           text: str) -> list[_Hit]:
        """Keep a name that is also an ordinary word ("a tornado is coming") only in a software context."""
        sure = [h for h in fw_hits if not h.ambiguous]
        if not any(h.ambiguous for h in fw_hits):
            return fw_hits
        specific = [h for h, targets in vocab_hits
                    if any(kind == "feature" and key not in GENERIC_FEATURES for kind, key in targets)]
        candidates = len(fw_hits) + len(other_hits)
        cue = bool(NAME_CUES.search(lower) or RELATION.search(lower) or PICK_REQUEST.search(lower)
                   or any(pattern.search(lower) for _, pattern in FIELD_CUES))  # "is pyramid dead?"
        proper_names = len({h.key for h in fw_hits if h.start in capitalised_positions(text)})
        compared = bool(COMPARE.search(lower))  # once: a long message has many names to decide
        owned = {next(iter(ids)) for t in tokens  # words only one framework's description uses: "pyramid traversal"
                 if len(ids := self.kb.distinctive_terms.get(t, ())) == 1}
        kept = []
        for hit in fw_hits:
            if not hit.ambiguous:
                kept.append(hit)
                continue
            before = tokens[hit.start - 1] if hit.start > 0 else ""
            after = tokens[hit.end] if hit.end < len(tokens) else ""
            reach = 2 if before in DETERMINERS else 4  # "the flask version" yes; "a hug for the whole dev team" no
            nearby = tokens[max(0, hit.start - reach):hit.start] + tokens[hit.end:hit.end + reach]
            feature_context = any(abs(h.start - hit.start) <= 8 for h in specific)
            strong = (software or bool(sure) or after in SETTING_AFTER or hit.key in owned
                      or (before in SETTING_BEFORE and before not in DETERMINERS)
                      or bool(self.kb.vocabulary.nearby_software_words.intersection(nearby)))
            stacked = (before in self.vocab_tokens and before not in STOP_WORDS) or before in SIZE_ADJECTIVES
            lowered = hit.start not in written_with_capitals(text)  # "typed, fast API": adjectives in a row
            if hit.phrase_like and (before in DETERMINERS or (stacked and lowered)):
                ok = False  # "a fast API server", "typed, fast API" are an adjective and a noun, not FastAPI
            elif before in DETERMINERS or after in OBJECT_PRONOUNS or after == "of":
                ok = strong or (compared and candidates >= 2 and after != "of")  # "compare the bottle and flask"
            else:
                only_names = (len(tokens) <= 2 and not after) or (  # "wat is fastpi": a misspelt real name
                    hit.fuzzy and len(tokens) <= 4 and not self.kb.frameworks[hit.key].common_word)
                proper_noun = hit.start in capitalised_positions(text)  # "moving away from Tornado"
                two_names = candidates >= 2 and bool(cue or compared or (  # "Pyramid or Flask?"
                    proper_noun and proper_names >= 2))  # "our lead says Pyramid, I say Flask"
                weak = feature_context or two_names or only_names or cue
                ok = strong or weak
            if hit.fuzzy and not (strong or feature_context or cue or len(tokens) <= 3):
                ok = False
            if ok:
                kept.append(hit)
        return kept

    def _other_counts(self, tokens, lower, hit, fw_hits, vocab_hits, software, others) -> bool:
        """Angular, Spring, Express... count when the message is plainly about software."""
        before = tokens[hit.start - 1] if hit.start > 0 else ""
        if before in DETERMINERS and not software:
            return False
        if hit.key in self.kb.vocabulary.common_word_others:  # "spring cleaning", "how do we react"
            return (software or bool(fw_hits) or len(tokens) <= 3 or bool(re.search(r"\b(?:vs|versus)\b", lower))
                    or (len(others) >= 2 and bool(COMPARE.search(lower))))  # "Angular or React?"
        return (software or bool(fw_hits) or bool(vocab_hits) or hit.end - hit.start > 1
                or bool(COMPARE.search(lower)) or len(tokens) <= 4)

    def _needs(self, tokens, vocab_hits, clauses, names: frozenset[int] = frozenset()):
        needs: dict[str, None] = {}
        negated: dict[str, None] = {}
        traits: dict[tuple[str, str], None] = {}
        # Phrases that carry their own negation ("no dependencies") negate nothing after them.
        inside = {j for hit, _ in vocab_hits if tokens[hit.start] in NEGATORS for j in range(hit.start, hit.end)}
        indifferent = set()
        if INDIFFERENT.search(" ".join(tokens)):  # rare: only then find the clauses that say it
            words_by_clause: dict[int, list[str]] = {}
            for token, number in zip(tokens, clauses, strict=False):
                words_by_clause.setdefault(number, []).append(token)
            indifferent = {n for n, words in words_by_clause.items() if INDIFFERENT.search(" ".join(words))}
        for hit, targets in vocab_hits:
            if hit.start < len(clauses) and clauses[hit.start] in indifferent:
                continue  # "sync or async doesn't matter"
            is_negated = self._is_negated(tokens, hit, clauses, inside, names)
            if is_negated and hit.key in self.kb.libraries:
                continue  # "without Pydantic" rules out a package, not validation (see _avoided)
            loose_size = hit.key in SIZE_ADJECTIVES and not PROJECT_NOUNS.intersection(tokens[hit.end:hit.end + 3]) \
                and tokens[hit.start - 1:hit.start] not in ([w] for w in _INTENSIFIERS)  # "..., very small"
            for kind, key in targets:
                if kind == "size" and loose_size:
                    continue  # "big frameworks", "big files": not the size of the project
                if kind == "feature":
                    (negated if is_negated else needs)[key] = None
                elif not is_negated:
                    traits[(kind, key)] = None
        for size in team_sizes(" ".join(tokens)):
            traits.setdefault(("size", size), None)
        if "dashboards" in needs or ("project", "data_app") in traits:
            traits.pop(("project", "web_app"), None)  # "an analytics web app with charts" is a data app
        for key in needs:  # said both ways ("no ORM... we do need an ORM"): the need wins
            negated.pop(key, None)
        return tuple(needs), tuple(traits), tuple(negated)

    def _avoided(self, tokens: list[str], clauses: list[int], names: frozenset[int]) -> tuple[str, ...]:
        """Packages ruled out by name: "no Pydantic dependency", "without werkzeug"."""
        return tuple(dict.fromkeys(
            token for i, token in enumerate(tokens)
            if token in self.kb.libraries and i not in names and self._is_negated(tokens, _Hit(i, i + 1, token),
                                                                                clauses, set())))

    @staticmethod
    def _is_negated(tokens: list[str], hit: _Hit, clauses: list[int], inside: set[int],
                    names: frozenset[int] = frozenset()) -> bool:
        """"no ORM", "without templates", "ORM-free"; a negation never crosses a comma, a "but" or a
        framework's name ("anything except hug for a typed api" rules out Hug, not typing)."""
        if tokens[hit.start] in NEGATORS:
            return False  # the phrase carries its own negation: "no dependencies" is a need
        if hit.end < len(tokens) and tokens[hit.end] in NEGATION_SUFFIXES:
            return True
        clause = clauses[hit.start] if hit.start < len(clauses) else -1
        listed = hit.start > 0 and tokens[hit.start - 1] in ("or", "nor")  # "no opinions about validation or DI"
        window = 2 * NEGATION_WINDOW if listed else NEGATION_WINDOW
        for j in range(hit.start - 1, max(-1, hit.start - 1 - window), -1):
            if (j < len(clauses) and clauses[j] != clause) or j in inside or j in names:
                return False  # another clause, or a self-negating phrase ("no dependencies besides stdlib")
            tok = tokens[j]
            if tok in NEGATORS or (tok == "need" and j > 0 and tokens[j - 1] == "no"):
                return True
            if tok in NEGATION_STOPS and not (tok == "with" and tokens[j - 1:j] and tokens[j - 1] in _AT_HOME_WITH):
                return False  # but "not comfortable with asyncio" carries on to "asyncio"
        return False

    @staticmethod
    def _emphasis(vocab_hits, clauses: list[int], emphatic: set[int]) -> frozenset[str]:
        """Needs said to matter most ("reliability and stable interfaces above all") count double.

        The emphasis covers the clause it is said in, so "REST backend, reliability above all" stresses
        reliability, not REST.
        """
        keys = set()
        for hit, targets in vocab_hits:
            if hit.start < len(clauses) and clauses[hit.start] in emphatic:
                keys.update(key for _, key in targets)
        return frozenset(keys)

    # -- intent --------------------------------------------------------------------------------------

    def _intent(self, r: _Reading) -> _Decision:
        """Decide what is asked: intent, the frameworks it is about, topic, excluded and in-use frameworks."""
        lower, frameworks, needs, traits, negated = r.lower, r.frameworks, r.needs, r.traits, r.negated
        stripped = lower.strip(" ?!.")
        project = any(t == "project" for t, _ in traits)
        asks_something = needs or traits or RECOMMEND.search(lower) or COMPARE.search(lower) or LIST.search(lower)
        about_the_bot = HELP.match(stripped) or HELP_ANYWHERE.search(stripped)
        plainly_about_the_bot = HELP_ANYWHERE.search(stripped) and not (needs or traits)  # "how do I ask for
        # a recommendation?" names a recommendation but asks about the bot
        if not stripped or (about_the_bot and not frameworks and (not asks_something or plainly_about_the_bot)):
            return _Decision("help")  # but "hi, what should I use for a small site?" is a question
        python = "python" in lower
        pick = bool(PICK_REQUEST.search(lower))  # "what should we use?", "suggestions?"
        companions = (self._companions_only(r.others) or python) and (
            needs or project or (python and ALTERNATIVE.search(lower))) and not (  # "an Express-like one in Python"
            len(r.others) >= 2 and COMPARE.search(lower))  # "Angular or React for the admin?" is not ours
        if not frameworks and not python and _builds_in_another_language(lower):
            return _Decision("unknown")  # "Koa vs Hono for a TypeScript backend?"
        if r.idiomatic and not (frameworks or needs or traits or negated):
            return _Decision("unknown")  # "I need a hug after that deploy"
        twins = tuple(dict.fromkeys(f for other in r.others for f in self.kb.vocabulary.closest_python.get(other, ())
                                    if f in self.kb.frameworks))
        if twins and not frameworks and (pick or ALTERNATIVE.search(lower) or LIKENESS.search(lower) or python
                                         or FONDNESS.search(lower)):
            return _Decision("recommend", similar_to=twins)  # "the Python equivalent of Express"
        if r.others and not frameworks and not companions:
            return _Decision("unknown")  # "Angular vs Svelte"; but "a backend for our React SPA" is ours
        if LIST.search(lower) and len(frameworks) <= 1 and not RELATION.search(lower) and not (
                pick or "recommend" in lower):  # "which have an admin? recommend one"
            return _Decision("list")
        if len(frameworks) >= 2:
            kept = [f for f in frameworks if f not in r.replaced and f not in r.settings]
            staying = tuple(f for f in r.settings if f not in r.replaced)
            if (r.replaced or r.settings) and not kept:  # "migrating off DRF, keeping our Django models"
                return _Decision("recommend", frameworks, excluded=r.replaced, within=staying)
            if r.settings and len(kept) >= 2:  # "litestar or django ninja, we already use the django orm"
                return _Decision("compare", tuple(kept[:5]), within=staying)
            if staying and len(kept) == 1 and (kept[0] in r.models or LIKENESS.search(lower)):  # "a Django shop
                # wanting endpoints like FastAPI's": the add-on for what is in use, ranked by likeness
                return _Decision("recommend", frameworks, within=staying, similar_to=tuple(kept))
            compared_ones = [f for f in frameworks if f not in r.models]  # "quart or sanic, both flask-like"
            if r.models and len(compared_ones) >= 2 and not (r.replaced or r.settings):
                return _Decision("compare", tuple(compared_ones[:5]), similar_to=tuple(r.models))
            if all(f in r.criticised for f in frameworks):  # "lighter than Django, more structure than Flask"
                return _Decision("recommend", frameworks, excluded=frameworks)
            if self._relation(lower, frameworks):
                return _Decision("info", (frameworks[0],), f"relation:{frameworks[1]}")
            return _Decision("compare", frameworks[:5])
        if len(frameworks) == 1:
            if r.replaced or (ALTERNATIVE.search(lower)
                              and not re.search(r"\bwhat (?:is|does|do)\b|\btell me about\b", lower)):
                return _Decision("recommend", frameworks, excluded=frameworks)
            asks_for_advice = needs or project or negated or pick or RECOMMEND.search(lower)
            about_it = (YES_NO_ABOUT.search(lower) or ABOUT_IT.search(lower)) and not pick
            # "is Django slow?", "the backend is flask, is it good for websockets?"
            if r.criticised and asks_for_advice and not about_it:
                return _Decision("recommend", frameworks, excluded=frameworks)  # "Django feels slow for this"
            if r.settings and asks_for_advice and not about_it and len(r.tokens) > 3:  # but "django orm?" asks
                return _Decision("recommend", frameworks, within=frameworks)  # "our Django app needs a REST API"
            likes_its_style = bool(LIKES_ITS_STYLE.search(lower))
            if not about_it and (pick or (likes_its_style and (needs or project))):
                similar = frameworks if likes_its_style else ()
                return _Decision("recommend", frameworks, similar_to=similar)  # "we love Flask's API; async, jinja"
            outside = " ".join(t for i, t in enumerate(r.tokens) if i not in r.covered)
            return _Decision("info", frameworks, self._field(outside))  # "openapi docs" is not the docs
        if self._passing_mention(r):
            return _Decision("unknown")  # "reset my jira password", "what's the guest wifi password"
        specific = [n for n in (*needs, *negated) if n not in GENERIC_FEATURES]
        if specific or project or ((needs or negated) and r.software):
            return _Decision("recommend")  # but "tornado sirens testing today" is not a question for us
        trait_kinds = {t for t, _ in traits}
        project_talk = bool(PROJECT_NOUNS.intersection(lower.split())) and bool(RECOMMEND.search(lower))
        context = r.software or bool(needs) or project
        if traits and (context or len(trait_kinds) >= 2 or TRAIT_REQUEST.search(lower) or project_talk):
            return _Decision("recommend")  # "small and flexible, might grow big later"
        if context and RECOMMEND.search(lower):
            return _Decision("recommend")
        if RECOMMEND.search(lower) and not content_words(lower):
            return _Decision("recommend")  # "what would you recommend?": needs may come from the thread
        if r.software and DESCRIBES_A_FRAMEWORK.search(lower):
            return _Decision("recommend")  # "object-oriented framework with its own web server"
        if r.succeeding:
            return _Decision("recommend")  # "our old Pylons app needs a rewrite"
        if r.others and python and ALTERNATIVE.search(lower):
            return _Decision("recommend")  # "is there an Express-like minimal framework in Python?"
        return _Decision("unknown")

    @staticmethod
    def _passing_mention(r: _Reading) -> bool:
        """One need word in a message mostly about something else, with no sign of software or of asking
        for a pick: a password to reset is not a need for authentication."""
        if len(r.needs) != 1 or r.traits or r.negated or r.software or PROJECT_NOUNS.intersection(r.tokens):
            return False
        if RECOMMEND.search(r.lower) or TRAIT_REQUEST.search(r.lower):
            return False
        words = content_words(r.lower)
        covered = {t for i, t in enumerate(r.tokens) if i in r.covered}
        return len(words) >= 3 and 3 * len(covered) <= len(words)

    def _companions_only(self, others: tuple[str, ...]) -> bool:
        """Front-end frameworks (React, Vue...) go with a Python backend; they do not replace it."""
        described = self.kb.vocabulary.other_frameworks
        return all(re.search(r"front-end|\bUI\b", described.get(name, "")) for name in others)

    @staticmethod
    def _relation(lower: str, frameworks: tuple[str, ...]) -> bool:
        """`Is Dash built on Flask?`: a question about the first framework's relation to the second."""
        return bool(RELATION.search(lower)) and not COMPARE.search(lower.replace(" or not", ""))

    @staticmethod
    def _field(lower: str) -> str | None:
        for name, pattern in FIELD_CUES:
            if pattern.search(lower):
                return name
        return None

    @staticmethod
    def _kind(lower: str) -> str | None:
        """The kind of framework asked for by name: a microframework or a full-stack one (the other
        categories are needs: an API, async, a data app)."""
        for category, pattern in KIND_WORDS.items():
            if pattern.search(lower) and not re.search(r"\b(?:no|not|without|avoid)(?: a)? (?:micro|full|batteries)",
                                                       lower):
                return category
        return None

    @staticmethod
    def _category(lower: str) -> str | None:
        """The filter of a list: an interface ("which asgi frameworks") or a category ("list micro")."""
        for interface, pattern in INTERFACE_WORDS.items():
            if pattern.search(lower):
                return interface
        for category, pattern in CATEGORY_WORDS.items():
            if pattern.search(lower):
                return category
        return None

    # -- threads -------------------------------------------------------------------------------------

    def _with_discussion(self, question: Question, discussion) -> Question:
        """Add needs stated earlier in the thread, and say which ones came from there."""
        if question.intent in ("help", "list"):
            return question
        needs = dict.fromkeys(question.needs)
        traits = dict.fromkeys(question.traits)
        negated = dict.fromkeys(question.negated)
        picked: list[str] = []
        earlier_frameworks: list[str] = []
        for message in discussion:
            earlier = self._read(clean(message), False)
            earlier_frameworks.extend(earlier.frameworks)
            for key in earlier.negated:
                if key not in needs and key not in negated:
                    negated[key] = None
                    picked.append(f"no {key}")
            for key in earlier.needs:
                if key not in needs and key not in negated:
                    needs[key] = None
                    picked.append(key)
            for pair in earlier.traits:
                if pair not in traits:
                    traits[pair] = None
                    picked.append(f"{pair[0]}:{pair[1]}")
        intent = question.intent
        frameworks = question.frameworks
        if intent == "unknown" and picked:
            intent = "recommend"
        named = tuple(dict.fromkeys(earlier_frameworks))
        if intent == "recommend" and not frameworks and len(named) >= 2:
            intent, frameworks = "compare", named[:5]  # "django or fastapi?" ... "@pyframework what do you think?"
        if not picked and intent == question.intent and frameworks == question.frameworks:
            return question
        return replace(question, intent=intent, frameworks=frameworks, needs=tuple(needs), traits=tuple(traits),
                       negated=tuple(negated), from_discussion=tuple(picked))



_RULING_OUT = frozenset("not no without except excluding avoid nor neither besides skip minus".split())
_VARIANT_WORDS = frozenset("async asynchronous typed faster lighter modern newer".split())
_INTENSIFIERS = frozenset("very really super quite pretty fairly extremely".split())
_AT_HOME_WITH = frozenset("comfortable familiar experienced experience unfamiliar uncomfortable happy".split())
SPELLING_MIN = 6  # shorter words are too often other words ("cache" / "catch")
SPELLING_ANY_EDIT = 8  # from this length on, any one edit; below it, only two letters swapped
_NAME_SLOTS = [["use"], ["using"], ["with"], ["about"], ["abt"], ["from"], ["than"], ["like"], ["on"]]


_CANNOT = frozenset("can't cannot cant won't shouldn't mustn't".split())  # "can't use FastAPI (policy)"
_RULING_OUT_VERBS = frozenset("use using want need like choose pick".split())
_LIST_FILLERS = frozenset("or nor and any anything something the a an of".split())


def _framework_negated(tokens: list[str], hit: _Hit, names: set[int]) -> bool:
    """A framework ruled out: "not tornado", "without django", "don't want fastapi or flask",
    "avoid anything Django-based", "anything but hug". `names` are the positions of framework names,
    so a negation carries across a list of them."""
    before = [t for i, t in enumerate(tokens[max(0, hit.start - 8):hit.start], max(0, hit.start - 8))
              if t not in _LIST_FILLERS and i not in names][-2:]
    if before and before[-1] in _RULING_OUT:
        return True
    if len(before) == 2 and before[-1] in _RULING_OUT_VERBS and (before[0] in NEGATORS or before[0] in _CANNOT):
        return True
    return tokens[max(0, hit.start - 2):hit.start] in (["anything", "but"], ["everything", "but"], ["all", "but"])


_COMPANION_WORDS = frozenset("frontend front-end front spa client ui ux".split())
_NOT_BUILDING = frozenset("no not nobody without don't dont doesn't knows know never avoid".split())


def _similar_to(r: _Reading, intent: str, frameworks: tuple[str, ...], excluded: tuple[str, ...]) -> tuple[str, ...]:
    """The frameworks to rank likeness against: "something like Flask", or leaving Hug with nothing
    else said; not when leaving Flask for "something more structured"."""
    leaving = tuple(f for f in excluded if f in frameworks)
    if intent != "recommend" or not leaving:
        return ()
    likeness = LIKENESS.search(r.lower) or set(leaving) & set(r.models)  # "an async Flask": like Flask, but...
    return leaving if likeness or not (r.needs or r.traits or r.negated) else ()


def _said_without(lower: str, at: int) -> bool:
    """"no separate WSGI/ASGI server": a word said after a negation a few words back is not asked for."""
    before = lower[max(0, at - 30):at].split()[-3:]
    return bool(NEGATORS.intersection(before))


def _site_names(url: str) -> tuple[str, ...]:
    """A framework's documentation site as names: "<https://bottlepy.org|bottlepy.org> what is this?"."""
    host = urlsplit(url).hostname or ""
    bare = host.removeprefix("www.").removeprefix("docs.")
    return tuple(dict.fromkeys(h for h in (host, bare) if "." in h and h not in _SHARED_HOSTS))


_SHARED_HOSTS = frozenset({"github.com", "gitlab.com", "readthedocs.io", "pypi.org", "readthedocs.org"})


def _builds_in_another_language(lower: str) -> bool:
    """"a TypeScript backend" is not ours; "no javascript please" or "our TypeScript frontend" are."""
    for match in OTHER_LANGUAGES.finditer(lower):
        before = lower[:match.start()].split()[-3:]
        after = lower[match.end():].split()[:1]
        if _NOT_BUILDING.intersection(before) or _COMPANION_WORDS.intersection(w.strip(",.;:!?") for w in after):
            continue
        return True
    return False


_MOVING = ("migrat", "mov", "switch", "port")


_DROPPING = ("leaving", "replac", "ditch", "outgr", "dropped", "dropping", "abandon")


def _roles(tokens: list[str], lower: str, fw_hits: list[_Hit], frameworks: tuple[str, ...], clauses: list[int],
           succeeding: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """What each named framework is to the message: the one in use ("our Django app"), the one being left
    ("migrating off DRF"), one spoken of as the problem ("Django feels slow"), one named as a model ("like
    FastAPI"). Returns (settings, replaced, criticised, models)."""
    def named(test) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.key for h in fw_hits if h.key in frameworks and test(h)))

    settings = named(lambda h: _is_setting(tokens, h))
    replaced = named(lambda h: _is_replaced(tokens, h) and h.key not in succeeding)
    if settings and not replaced and not set(settings) & set(succeeding) and (
            MOVING_TO.search(lower) or NEW_FRAMEWORK.search(lower) or WANT_MORE.search(lower)):
        replaced, settings = settings, ()  # "our tornado app ... move to something asgi"
    criticised = named(lambda h: _is_criticised(tokens, h, clauses)) if frameworks else ()
    models = named(lambda h: tokens[h.start - 1:h.start] == ["like"]
                   or tokens[h.end:h.end + 1] in (["like"], ["style"]))
    variant = named(lambda h: h.start >= 2 and tokens[h.start - 2] in ("a", "an")  # "basically an async Flask"
                    and tokens[h.start - 1] in _VARIANT_WORDS
                    and tokens[h.end:h.end + 1] not in ([n] for n in PROJECT_NOUNS))  # not "an async Flask app"
    if variant and not replaced:
        replaced, models = variant, tuple(dict.fromkeys((*models, *variant)))
    return settings, replaced, criticised, models


def _is_replaced(tokens: list[str], hit: _Hit) -> bool:
    """"migrating from DRF", "moving away from Tornado", "replacing bottle": a framework on its way out
    (but not "without leaving Django")."""
    before = [t for t in tokens[max(0, hit.start - 4):hit.start] if t not in ("the", "our", "of", "away")]
    if before[-1:] and before[-1] in ("from", "off"):
        return len(before) >= 2 and before[-2].startswith(_MOVING)
    if before[-1:] and before[-1].startswith(_DROPPING):
        return not NEGATORS.intersection(tokens[max(0, hit.start - 4):hit.start])
    return before[-2:] == ["rid", "of"]


def _is_setting(tokens: list[str], hit: _Hit) -> bool:
    """"our Django app", "the existing flask codebase", "we're on Flask", "keep the Django admin",
    "without leaving Django": the framework the project already uses."""
    before = tokens[max(0, hit.start - 2):hit.start]
    after = tokens[hit.end] if hit.end < len(tokens) else ""
    if SETTING_BEFORE.intersection(before) or after in SETTING_AFTER:
        return True
    words = [t for t in tokens[max(0, hit.start - 5):hit.start] if t not in ("the", "our", "my", "a", "today")]
    if words == ["on"] and hit.start == 1:
        return True  # "on Django 5.2, want ..."
    if len(words) >= 2 and words[-1] == "on" and words[-2] in PROJECT_NOUNS:
        return True  # "JSON API on Django", "a service on Tornado"
    if len(words) >= 2 and words[-2] in SETTING_VERBS.get(words[-1], ()):
        return len(words) < 3 or words[-3] not in MODALS  # but "should we use Flask?" asks
    if len(words) >= 2 and words[-1] in ("is", "uses", "runs") and (words[-2] in PROJECT_NOUNS or words[-2] == "stack"):
        return True  # "our monolith is Django + Postgres", "the backend runs Flask"
    if words[-1:] and words[-1] in SETTING_KEEP:
        return words[-1].startswith("keep") or bool(NEGATORS.intersection(words[-4:]) or "want" in words[-3:-1])
    return False


MODALS = frozenset("should could would can shall may might must".split())
CRITICISM_REACH = 6  # words after a framework's name that can still be about it


def _is_criticised(tokens: list[str], hit: _Hit, clauses: list[int]) -> bool:
    """"Django feels slow for this", "more opinionated than FastAPI", "we tried Streamlit but...": the framework
    named is the problem, said right next to it or in a "but it..." right after."""
    before = tokens[max(0, hit.start - 2):hit.start]
    if before[-1:] == ["than"] or "tried" in before:
        return True
    if hit.start >= len(clauses):
        return False
    mine = clauses[hit.start]
    near = range(max(0, hit.start - 2), min(len(tokens), hit.end + CRITICISM_REACH))  # not "...for some slow IO"
    words = [tokens[i] for i in near if clauses[i] == mine and not hit.start <= i < hit.end]
    start = hit.end
    while start < len(tokens) and clauses[start] == mine:
        start += 1
    end = start
    while end < len(tokens) and clauses[end] == mine + 1:
        end += 1
    if tokens[start:start + 2] in (["but", "it"], ["but", "that"], ["but", "its"]):
        words += tokens[start:end]
    return bool(CRITICISM.search(" ".join(words)))


def _lengths_by_first_token(index: dict[tuple[str, ...], Any]) -> dict[str, tuple[int, ...]]:
    """For each first word, the phrase lengths to try, longest first: the scan only tries real phrases."""
    lengths: dict[str, set[int]] = {}
    for toks in index:
        lengths.setdefault(toks[0], set()).add(len(toks))
    return {tok: tuple(sorted(sizes, reverse=True)) for tok, sizes in lengths.items()}
