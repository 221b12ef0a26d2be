"""Trying a family of cues (the cues, or the roles) on one message: which patterns can match it at all, where
each can begin, and their matches as the cue's patterns merged into one alternation would give them.

A pattern needs some of its words in the message (patterns.Compiled.needs), and a message has few of them:
most of a family is left out by looking up the message's own words (StartIndex). A pattern that begins with a
name's slot is searched for in C (the slot's mark is a literal, and marks begin tokens only); any other is
tried at the tokens it can begin with. Leaving out what cannot match changes no match, and is most of the
saving: a failing pattern with a gap costs `re` a try at every word of the gap, at every place it could begin.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from bot.reading.patterns import FW_MARK, Cue, Starts


class Attempt:
    """One cue tried on one message: for each pattern that can match, its expression and the offsets where
    it can begin, in order (None: searched for). Its matches are those the cue's patterns, merged into one
    alternation, would give with `re.finditer`: left to right, not overlapping, and at one offset the first
    pattern that matches."""

    __slots__ = ("cue", "regexes", "starts")

    def __init__(self, cue: Cue, regexes: list[re.Pattern[str]], starts: list[list[int] | None]):
        self.cue, self.regexes, self.starts = cue, regexes, starts

    def finditer(self, view: str) -> Iterator[re.Match[str]]:
        if len(self.regexes) > 1:
            return self._merged(view)
        regex, starts = self.regexes[0], self.starts[0]
        return regex.finditer(view) if starts is None else self._at(view, regex, starts)

    @staticmethod
    def _at(view: str, regex: re.Pattern[str], starts: list[int]) -> Iterator[re.Match[str]]:
        match_at, end = regex.match, 0
        for offset in starts:
            if offset >= end and (match := match_at(view, offset)) is not None:
                end = match.end()
                yield match

    def _merged(self, view: str) -> Iterator[re.Match[str]]:
        """Each pattern's next match at or after the end of the last one, the first of them yielded (at one
        offset, the pattern that comes first): what the alternation finds from there. No match is empty (each
        pattern must match a token where its starts are known, or a name's slot where it is searched for)."""
        count = len(self.regexes)
        ahead: list[re.Match[str] | None | bool] = [None] * count  # False: no match left
        cursors = [None if starts is None else iter(starts) for starts in self.starts]  # each resumes where it was
        end = 0
        while True:
            best: re.Match[str] | None = None
            for k in range(count):
                found = ahead[k]
                if found is False:
                    continue
                if found is None or found.start() < end:  # type: ignore[union-attr]
                    found = ahead[k] = self._next(view, k, end, cursors)
                    if found is False:
                        continue
                if best is None or found.start() < best.start():  # type: ignore[union-attr]
                    best = found  # type: ignore[assignment]
            if best is None:
                return
            yield best
            end = best.end()

    def _next(self, view: str, k: int, pos: int, cursors: list[Iterator[int] | None]) -> re.Match[str] | bool:
        """Pattern k's first match beginning at or after `pos` (False: none); its offsets before `pos` are behind
        its cursor already, or behind `pos`."""
        cursor = cursors[k]
        if cursor is None:
            return self.regexes[k].search(view, pos) or False
        match_at = self.regexes[k].match
        for offset in cursor:
            if offset >= pos and (match := match_at(view, offset)) is not None:
                return match
        return False

    def targets_of(self, view: str) -> list[int]:
        """The indices of the frameworks at the {FW} slot of every match (lists count each of theirs)."""
        found: list[int] = []
        for match in self.finditer(view):
            for name, value in match.groupdict().items():
                if value and name.startswith("fw"):
                    found.extend(int(slot[1:]) for slot in value.split() if slot.startswith(FW_MARK))
        return found


def attempt(cue: Cue, index: dict[str, list[int]], words: frozenset[str], alive: tuple[int, ...] | None = None,
            prefixed: dict[str, list[int]] | None = None, gathered: dict[Starts, list[int]] | None = None
            ) -> Attempt | None:
    """How to try `cue` on a message (its view's `index` and its `words`): None when no pattern can match.
    `alive`: the patterns that can, when known; `prefixed`: the offsets of each prefix's tokens, when known;
    `gathered`: the offsets found for each start set so far (patterns often begin alike), kept for the next."""
    alive = cue.alive(words) if alive is None else alive
    if not alive:
        return None
    starts = [cue.pattern_starts[i] for i in alive]
    if any(s is None for s in starts):  # one can begin anywhere: all of them merged, searched for at once
        return Attempt(cue, [cue.expression(alive)], [None])
    if prefixed is None:
        prefixed = prefix_offsets(index, tuple({p for s in starts for p in s[1]}))  # type: ignore[index]
    regexes: list[re.Pattern[str]] = []
    where: list[list[int] | None] = []
    gathered = {} if gathered is None else gathered
    for number, begins in zip(alive, starts, strict=True):
        exact, prefixes = begins  # type: ignore[misc]
        if cue.searchable[number]:
            offsets = None if not index.keys().isdisjoint(exact) else []
        elif (offsets := gathered.get(begins)) is None:  # type: ignore[arg-type]
            offsets = gathered[begins] = sorted(  # type: ignore[index]
                [offset for key in index.keys() & exact for offset in index[key]]  # in C: few of the keys are there
                + [offset for prefix in prefixes for offset in prefixed.get(prefix, ())])
        if offsets != []:
            regexes.append(cue.regex(number))
            where.append(offsets)
    return Attempt(cue, regexes, where) if regexes else None


def prefix_offsets(index: dict[str, list[int]], prefixes: tuple[str, ...]) -> dict[str, list[int]]:
    """The offsets of the tokens each prefix begins (`migrat*`), in one pass over a view's tokens."""
    found: dict[str, list[int]] = {}
    if not prefixes:
        return found
    for token, offsets in index.items():
        if token.startswith(prefixes):
            for prefix in prefixes:
                if token.startswith(prefix):
                    found.setdefault(prefix, []).extend(offsets)
    return found


class StartIndex:
    """Which patterns of a family (the cues, or the roles) a message can match, indexed once by a word each
    needs, so a message looks up its own words instead of testing every pattern."""

    def __init__(self, cues: dict[str, Cue]):
        self.cues = list(cues.values())
        self.by_word: dict[str, list[tuple[int, int]]] = {}  # a word -> (cue, pattern) that need it (or another)
        self.always: list[tuple[int, int]] = []  # patterns that need no word
        # Each pattern is indexed by the set of its needed words that the fewest patterns need ("too", not "to"
        # or "for"): fewer patterns to check for the rest of what they need.
        needed = Counter(word for cue in self.cues for needs in cue.needs for words in needs for word in words)
        for number, cue in enumerate(self.cues):
            for pattern, needs in enumerate(cue.needs):
                if not needs:
                    self.always.append((number, pattern))
                else:
                    for word in min(needs, key=lambda words: sum(needed[w] for w in words)):
                        self.by_word.setdefault(word, []).append((number, pattern))

    def attempts(self, index: dict[str, list[int]], words: frozenset[str]) -> list[Attempt]:
        """How to try each cue that can match a message (its view's `index` and its `words`), in the family's
        order."""
        candidates = set(self.always)
        by_word = self.by_word
        for word in words:
            if word in by_word:
                candidates.update(by_word[word])
        alive: dict[int, list[int]] = {}
        cues = self.cues
        for number, pattern in sorted(candidates):
            for needs in cues[number].needs[pattern]:
                if needs.isdisjoint(words):
                    break
            else:
                alive.setdefault(number, []).append(pattern)
        wanted = tuple({prefix for number, patterns in alive.items() for pattern in patterns
                        if (starts := cues[number].pattern_starts[pattern]) for prefix in starts[1]})
        prefixed = prefix_offsets(index, wanted) if wanted else {}
        found = []
        gathered: dict[Starts, list[int]] = {}
        for number, patterns in alive.items():
            tried = attempt(cues[number], index, words, tuple(patterns), prefixed, gathered)
            if tried is not None:
                found.append(tried)
        return found
