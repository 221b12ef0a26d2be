"""Slips in the vocabulary's words put right ("dashbaord", "dependancies", "singel"), for stage 3 of reading
(bot/reading/needs.py): each distinct word of a message looked up once, and its spelling kept."""

from __future__ import annotations

from bot.reading.tokens import Tokens

SPELLING_MIN = 6  # shorter words are too often other words ("cache" / "catch")
SPELLING_ANY_EDIT = 8  # from this length on, any one edit; below it, only two letters swapped
SPELLING_CACHE_LIMIT = 10_000


class Speller:
    """The vocabulary's words, and the spellings of the words of messages found so far."""

    def __init__(self, vocab_words: frozenset[str], stop_words: frozenset[str], software_words: frozenset[str]):
        self.vocab_words = vocab_words
        self.stop_words = stop_words
        self.software_words = software_words
        self.spellable = tuple(sorted(t for t in vocab_words if len(t) >= SPELLING_MIN and t.isalpha()))
        self._spelling: dict[str, str] = {}

    def spelled(self, tokens: Tokens, taken: frozenset[int]) -> tuple[str, ...]:
        """The words with slips in vocabulary words put right ("dashbaord", "dependancies", "singel"); the
        tokens' own words when there is none. Each distinct word is looked at once."""
        words = tokens.words
        fixed: list[str] | None = None
        stop, software = self.stop_words, self.software_words
        for word, where in tokens.places.items():
            if (len(word) < SPELLING_MIN or word in self.vocab_words or not word.isalpha()
                    or word in stop or word in software or taken.issuperset(where)):
                continue
            if word not in self._spelling:
                if len(self._spelling) > SPELLING_CACHE_LIMIT:
                    self._spelling.clear()
                self._spelling[word] = self._spelling_of(word)
            spelled = self._spelling[word]
            if spelled:
                fixed = list(words) if fixed is None else fixed
                for i in where:
                    if i not in taken:
                        fixed[i] = spelled
        return words if fixed is None else tuple(fixed)

    def _spelling_of(self, word: str) -> str:
        from rapidfuzz import process  # here, not at the top: see bot/reading/names.py
        from rapidfuzz.distance import OSA

        long_word = len(word) >= SPELLING_ANY_EDIT
        for candidate, _distance, _ in process.extract(word, self.spellable, scorer=OSA.distance, score_cutoff=1,
                                                       limit=None):
            if candidate[0] != word[0] or candidate.startswith(word) or candidate.endswith(word) \
                    or word.startswith(candidate) or word.endswith(candidate):
                continue  # another first letter, or a letter more at an end, makes another word: "fallback",
                # "callback"; "synchronous", "asynchronous"
            if long_word and len(candidate) >= SPELLING_ANY_EDIT:
                return candidate  # "dashbaord", "dependancies"
            if len(candidate) == len(word) and sorted(candidate) == sorted(word):
                return candidate  # a swapped pair: "singel"
        return ""
