"""Stage 2 of reading: names. Which frameworks a message names (by alias, documentation site or a
misspelling), which other languages' frameworks it names, and which names are only ordinary words here.

A framework named after an ordinary word ("flask", "bottle", "tornado", "dash", "panel") is kept only
where the message is about software; a misspelling only where it cannot be a word of its own. The words
that decide this come from the language data (knowledge/language/en/words.yaml), the names from the
knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

from bot.knowledge import KnowledgeBase, iter_phrases
from bot.reading.language import Language
from bot.reading.tokens import PUNCTUATION, Tokens, covered_by, words_of

# rapidfuzz is imported where a misspelling is looked up (once per word): most messages have none, and a
# process that only answers "flask vs django" starts faster without it.
_SHARED_HOSTS = frozenset({"github.com", "gitlab.com", "readthedocs.io", "pypi.org", "readthedocs.org"})
TYPO_CACHE_LIMIT = 10_000
COINED_MIN = 6  # the length from which knowledge/language/en/common_words.txt lists the ordinary words
CONNECTORS = frozenset({"or", "vs", "versus", "and", "v", ",", "/", "&"})


@dataclass
class Mention:
    """One name in a message: tokens [start, end) name `key` (a framework id, or another framework's name)."""

    start: int
    end: int
    key: str
    fuzzy: bool = False  # a misspelling ("fastpai")
    phrase_like: bool = False  # an alias made of ordinary words ("fast api")
    site: bool = False  # the framework's documentation site ("bottlepy.org"): never an ordinary word
    ambiguous: bool = False


def lengths_by_first_token(index: dict[tuple[str, ...], Any]) -> dict[str, tuple[int, ...]]:
    """For each first word, the phrase lengths to try, longest first: the scan only tries real phrases."""
    lengths: dict[str, set[int]] = {}
    for toks in index:
        lengths.setdefault(toks[0], set()).add(len(toks))
    return {tok: tuple(sorted(sizes, reverse=True)) for tok, sizes in lengths.items()}


def scan(words: tuple[str, ...], index: dict[tuple[str, ...], Any], lengths: dict[str, tuple[int, ...]],
         taken: set[int] | frozenset[int] = frozenset(), places: dict[str, list[int]] | None = None
         ) -> list[tuple[int, int, Any]]:
    """Longest phrases of `index` in `words`, left to right, skipping `taken` positions: (start, end, value).

    Only the positions of words that start a phrase are visited (found in one pass, or from `places`, the
    positions of each distinct word of `words`: Tokens.places), so a long message costs little more than the
    names in it."""
    found = []
    end = 0
    starts = [i for i, word in enumerate(words) if word in lengths] if places is None else \
        sorted(chain.from_iterable([where for word, where in places.items() if word in lengths]))
    count = len(words)
    for i in starts:
        if i < end:
            continue
        for size in lengths[words[i]]:
            if i + size <= count and (value := index.get(words[i:i + size])) is not None \
                    and taken.isdisjoint(range(i, i + size)):
                found.append((i, i + size, value))
                end = i + size
                break
    return found


def site_names(url: str) -> tuple[str, ...]:
    """A framework's documentation site as names: "<https://bottlepy.org|bottlepy.org> what is this?"."""
    from urllib.parse import urlsplit  # only while the names are built (and then kept: bot/warm.py)

    host = urlsplit(url).hostname or ""
    bare = host.removeprefix("www.").removeprefix("docs.")
    return tuple(dict.fromkeys(h for h in (host, bare) if "." in h and h not in _SHARED_HOSTS))


class Names:
    """Everything needed to find names, built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase, language: Language):
        self.kb = kb
        self.words = language.words
        w = self.words  # words that, between a determiner and an ordinary-word name, keep it the framework
        self.describers = (w["stop_words"] | w["cue_words"] | w["setting_before"] | w["software_words"]
                           | w["nearby_software_words"] | w["name_adjectives"] | w["size_adjectives"]
                           | w["prepositions"])
        self.aliases: dict[tuple[str, ...], str] = {}
        sites: set[tuple[str, ...]] = set()
        for fw in kb.frameworks.values():
            fw_sites = site_names(fw.docs)
            sites.update(words_of(site) for site in fw_sites)
            for alias in (fw.id, fw.name.lower(), *fw.aliases, *fw_sites):
                toks = words_of(alias)
                if toks:
                    self.aliases.setdefault(toks, fw.id)
        self.sites = frozenset(sites)
        self.alias_lengths = lengths_by_first_token(self.aliases)
        self.long_aliases: dict[tuple[str, int], list[tuple[str, str]]] = {}  # (first word, length) -> aliases
        for toks, fid in self.aliases.items():
            if len(toks) > 1:
                self.long_aliases.setdefault((toks[0], len(toks)), []).append((" ".join(toks), fid))
        self.others: dict[tuple[str, ...], str] = {}
        for name in kb.names.values():
            for alias in (name.key, *name.aliases):
                if words_of(alias):
                    self.others.setdefault(words_of(alias), name.key)
        self.other_lengths = lengths_by_first_token(self.others)
        self.current_names = frozenset(n for fw in kb.frameworks.values() for n in (fw.id, fw.name.lower()))
        self.plain_names = frozenset(w for fw in kb.frameworks.values() if not fw.common_word
                                     for n in (fw.id, fw.name.lower()) for w in words_of(n))
        self.vocab_words = frozenset(w for phrase, _, _ in iter_phrases(kb) for w in words_of(phrase))
        # Phrases of the vocabulary longer than one word: where one begins inside an alias and runs past it
        # ("django rest" + "rest api"), the phrase wins and the name is the shorter alias ("django").
        self.vocab_phrases = {toks: True for phrase, _, _ in iter_phrases(kb) if len(toks := words_of(phrase)) > 1}
        self.vocab_lengths = lengths_by_first_token(self.vocab_phrases)
        # Typos are matched against one-word names and the first word of longer ones ("django" of "django ninja").
        self.fuzzy_choices = {toks[0]: self.aliases.get((toks[0],), fid) for toks, fid in self.aliases.items()
                              if len(toks[0]) >= 5 and toks[0].isalpha()}
        # Four-letter names ("dash") only for four-letter words between names ("dsah vs flask").
        self.short_choices = {toks[0]: fid for toks, fid in self.aliases.items()
                              if len(toks) == 1 and len(toks[0]) == 4 and toks[0].isalpha()}
        # A name that is never an ordinary word says software ("django", "fastapi"); the words of a longer alias
        # do not when they are ordinary words or another framework's common-word name ("api flask").
        ordinary = self.words["stop_words"] | frozenset(
            w for toks, fid in self.aliases.items() if kb.frameworks[fid].common_word for w in toks)
        self.software_words = self.words["software_words"] | frozenset(
            w for toks, fid in self.aliases.items() if not kb.frameworks[fid].common_word for w in toks
            if w not in ordinary)
        idioms = [words_of(phrase) for phrase in self.words["idioms"]]
        self.idioms_by_first: dict[str, list[tuple[str, ...]]] = {}
        for idiom in idioms:
            if idiom:
                self.idioms_by_first.setdefault(idiom[0], []).append(idiom)
        self._typos: dict[str, tuple[str, str] | None] = {}
        self._longer: dict[tuple[str, int, tuple[str, ...]], tuple[int, str] | None] = {}  # see _longer_misspelt
        # The words an alias may be made of and still be only ordinary words: one set, built here, because
        # building it for each name found cost more than the rest of finding names.
        self.ordinary_words = (self.words["stop_words"] | self.vocab_words | self.words["software_words"]) \
            - self.plain_names
        # Words never read as a misspelt name outside a list of names (see _misspelling): most of a message.
        self.never_typos = frozenset(w for w in self.words["stop_words"] | self.vocab_words
                                     | self.words["software_words"] | {k[0] for k in self.others if len(k) == 1}
                                     | PUNCTUATION if w not in self.words["lookalikes"])

    # -- finding ------------------------------------------------------------------------------------

    def idiom_positions(self, tokens: Tokens) -> frozenset[int]:
        """Positions inside an idiom ("the test pyramid", "dash off"), where a name is only a word."""
        positions: set[int] = set()
        words, idioms = tokens.words, self.idioms_by_first
        for word in idioms.keys() & tokens.places.keys():
            for i in tokens.places[word]:
                for idiom in idioms[word]:
                    if words[i:i + len(idiom)] == idiom:
                        positions.update(range(i, i + len(idiom)))
        return frozenset(positions)

    def frameworks(self, tokens: Tokens, idioms: frozenset[int]) -> list[Mention]:
        """Every framework name and misspelling, before deciding which ordinary-word names count."""
        words = tokens.words
        found = [Mention(start, end, fid, phrase_like=self._phrase_like(words[start:end]),
                         site=words[start:end] in self.sites)
                 for start, end, fid in scan(words, self.aliases, self.alias_lengths, places=tokens.places)]
        taken = covered_by(found)
        listed = bool(found)  # "compare quart, sanic and starlet": in a list of names, a look-alike is a name
        never, lookalikes = self.never_typos, self.words["lookalikes"]
        # A word that is no look-alike and no four-letter word is a misspelling wherever it stands or nowhere
        # (typo_of), so each distinct word is looked at once; and only where it stands outside a name, as the
        # look is the first to need rapidfuzz ("flask vs django" imports none).
        maybe = sorted(i for word, where in tokens.places.items() if not (
            word in never or len(word) < 4 or not word.isalpha() or taken.issuperset(where)
            or (word not in lookalikes and len(word) != 4 and self.typo_of(word) is None)) for i in where)
        for i in maybe:
            if i in taken:
                continue
            mention = self._misspelling(words, i, listed)
            if mention is not None:
                found = [m for m in found if m.end <= mention.start or m.start >= mention.end] + [mention]
        found = [self._yield_to_phrase(words, self._longer_misspelt(words, m)) for m in found]
        if idioms:
            found = [m for m in found if not idioms.intersection(range(m.start, m.end))]
        for m in found:
            common = self.kb.frameworks[m.key].common_word and not self._coined(words[m.start:m.end], m.key)
            m.ambiguous = not m.site and (m.fuzzy or m.phrase_like or common)
        return sorted(found, key=attrgetter("start"))

    def _yield_to_phrase(self, words: tuple[str, ...], m: Mention) -> Mention:
        """The name cut back to its longest shorter alias where a vocabulary phrase starts inside it and runs
        past its end: "a Django REST API" is Django and a REST API; "Django REST or FastAPI" is Django REST
        framework."""
        if m.end - m.start < 2:
            return m  # no phrase starts inside a one-word name
        typo = self.typo_of(words[m.start]) if m.fuzzy else None
        first = typo[0] if typo else words[m.start]  # "djagno rest api": the name it misspells
        for k in range(m.start + 1, min(m.end, len(words))):
            runs_past = any(k + size > m.end and words[k:k + size] in self.vocab_phrases
                            for size in self.vocab_lengths.get(words[k], ()))
            shorter = (first, *words[m.start + 1:k])
            if runs_past and shorter in self.aliases:
                return Mention(m.start, k, self.aliases[shorter], fuzzy=m.fuzzy,
                               phrase_like=self._phrase_like(shorter), site=shorter in self.sites)
        return m

    def _coined(self, alias: tuple[str, ...], fid: str) -> bool:
        """An alias of a framework named after an ordinary word that is itself no word: an old or joined-up
        name ("pynecone" for Reflex, "tornadoweb"). Only words of six letters or more can be told apart from
        English by the list of common words, so "ninja" stays as doubtful as "reflex" itself."""
        fw = self.kb.frameworks[fid]
        word = alias[0] if len(alias) == 1 else ""
        return (len(word) >= COINED_MIN and word.isalpha() and word not in (fw.id, fw.name.lower())
                and word not in self.kb.words.get("common_words", frozenset()) and not self._not_a_typo(word))

    def _misspelling(self, words: tuple[str, ...], i: int, listed: bool) -> Mention | None:
        word = words[i]
        in_a_list = listed and word in self.words["lookalikes"] and self._next_to_connector(words, i)
        if self._not_a_typo(word) and not in_a_list:
            return None
        if len(word) == 4 and not (self._next_to_connector(words, i) or words[i - 1:i] and
                                   words[i - 1] in self.words["name_slots"]):
            return None  # four letters are a typo only in "flsk or djngo", "we use flsk"; alone, too often words
        match = self.typo_of(word) or (self._cut_short(word) if in_a_list else None)
        if not match:
            return None
        alias, fid = match
        end = i + 1
        for size in self.alias_lengths.get(alias, ()):  # "djagno ninja" is Django Ninja, not two names
            longer = (alias, *words[i + 1:i + size])
            if size > 1 and longer in self.aliases:
                return Mention(i, i + size, self.aliases[longer], fuzzy=True)
        if (alias,) not in self.aliases:
            return None  # "stream" is only the start of "stream lit"
        return Mention(i, end, fid, fuzzy=True)

    def _longer_misspelt(self, words: tuple[str, ...], m: Mention) -> Mention:
        """A longer name with a slip after its first word: "Django Rest Framwork" is Django REST framework,
        not Django followed by two words; "djagno rest framwork" too, its first word read as the name it
        misspells. What it finds depends on the words alone, so it is kept for them (a long message names the
        same frameworks in the same words again and again)."""
        typo = self.typo_of(words[m.start]) if m.fuzzy else None
        first = typo[0] if typo else words[m.start]
        sizes = self.alias_lengths.get(first, ())
        if not sizes or sizes[0] <= m.end - m.start:
            return m  # no longer name begins with it
        key = (first, m.end - m.start, words[m.start:m.start + sizes[0]])
        if key not in self._longer:
            if len(self._longer) > TYPO_CACHE_LIMIT:
                self._longer.clear()
            self._longer[key] = self._longer_slip(first, m.end - m.start, key[2])
        found = self._longer[key]
        return m if found is None else Mention(m.start, m.start + found[0], found[1], fuzzy=True)

    def _longer_slip(self, first: str, length: int, words: tuple[str, ...]) -> tuple[int, str] | None:
        """(size, framework) of the longer name with a slip after `first` that `words` begin with, if any, longer
        than `length` words."""
        for size in self.alias_lengths.get(first, ()):
            if size <= length:
                break
            span = words[:size]
            if len(span) < size:
                continue
            typed = " ".join((first, *span[1:]))
            for alias, fid in self.long_aliases.get((first, size), ()):
                limit = 1 if len(alias) < 12 else 2
                if abs(len(typed) - len(alias)) > limit:
                    continue  # the distance is at least the difference in length
                from rapidfuzz.distance import OSA

                if OSA.distance(typed, alias) <= limit and not self._slip_is_a_word(span, alias):
                    return size, fid
        return None

    def _slip_is_a_word(self, span: tuple[str, ...], alias: str) -> bool:
        """Whether a word after the first that differs from the alias is a word of its own: "django's best" is
        not a slip of "django rest"."""
        known = self.kb.words.get("common_words", frozenset())
        return any(w != a and (w in known or self._not_a_typo(w))
                   for w, a in zip(span[1:], alias.split(" ")[1:], strict=False))

    @staticmethod
    def _next_to_connector(words: tuple[str, ...], i: int) -> bool:
        return bool(CONNECTORS.intersection(words[max(0, i - 1):i] + words[i + 1:i + 2]))

    def _cut_short(self, word: str) -> tuple[str, str] | None:
        """A current name that the word starts and falls just short of ("starlet" in a list: Starlette)."""
        for alias, fid in self.fuzzy_choices.items():
            if alias in self.current_names and alias.startswith(word) and len(alias) - len(word) <= 2:
                return alias, fid
        return None

    def _phrase_like(self, alias: tuple[str, ...]) -> bool:
        """An alias made only of ordinary words ("fast api"); one with a plain name in it ("django framework")
        is not."""
        ordinary = self.ordinary_words
        return len(alias) > 1 and " ".join(alias) not in self.current_names and all(w in ordinary for w in alias)

    def typo_of(self, word: str) -> tuple[str, str] | None:
        """(alias, framework) a word is a misspelling of ("fastpai" -> fastapi): one edit, two for long words."""
        if word not in self._typos:
            from rapidfuzz import fuzz, process
            from rapidfuzz.distance import OSA

            if len(self._typos) > TYPO_CACHE_LIMIT:
                self._typos.clear()
            limit = 1 if len(word) <= 7 else 2
            choices = {**self.fuzzy_choices, **self.short_choices} if len(word) == 4 else self.fuzzy_choices
            matches = process.extract(word, choices.keys(), scorer=OSA.distance, score_cutoff=limit, limit=None)
            # Equal distances ("starlete": starlette or the old name starlite): current names first, then the
            # closer spelling.
            ranked = sorted(matches, key=lambda m: (m[1], m[0] not in self.current_names,
                                                    -fuzz.ratio(word, m[0]), m[0]))
            self._typos[word] = (ranked[0][0], choices[ranked[0][0]]) if ranked else None
        return self._typos[word]

    def _not_a_typo(self, word: str) -> bool:
        return (word in self.words["stop_words"] or word in self.words["lookalikes"] or word in self.vocab_words
                or word in self.words["software_words"] or (word,) in self.others or word in PUNCTUATION)

    def longer_names(self, tokens: Tokens, mentions: list[Mention]) -> frozenset[int]:
        """The positions of longer names that hold a framework's name: "flask restful" (Flask-RESTful, an
        extension of the Flask also named), "django channels"."""
        found = scan(tokens.words, self.others, self.other_lengths, places=tokens.places)
        return frozenset(i for start, end, _ in found if end - start > 1
                         if any(start <= m.start and m.end <= end and end - start > m.end - m.start for m in mentions)
                         for i in range(start, end))

    def other_frameworks(self, tokens: Tokens, taken: set[int]) -> list[Mention]:
        """Frameworks of other languages and non-framework names ("Express", "React", "gunicorn")."""
        return [Mention(start, end, name) for start, end, name in
                scan(tokens.words, self.others, self.other_lengths, taken, tokens.places)]
