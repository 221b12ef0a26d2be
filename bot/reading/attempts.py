"""Trying a family of cues (the cues, the roles, or every cue's `unless` patterns) on one message: where each
pattern can match, and each cue's matches as its patterns merged into one alternation would give them.

Every pattern knows what its matches begin with (patterns.leads_of): mostly the pair of their first two tokens
("what can", "what do", "our {FW}"), else their first token or a prefix of it; a `^` pattern, what the message
must open with. A family is indexed by those once; a message looks up its own tokens, and what follows each
first token that begins some pattern (bot/reading/view.py), so a pattern is tried only where its first two
tokens are, and only when the message has the other words it needs (patterns.Compiled.needs). A long message
says "what", "is" or "we" dozens of times, and a pattern indexed by its first token alone was tried at each;
by its first two, at the few places that begin with both. A pattern that begins with a name's slot and nothing
known after it is searched for first, in C: none of its tries come before its first match.

Each try is one number (its place in the view and its pattern), and all the family's tries are sorted once: in
that order, each cue takes, at an offset past the end of its last match, the first of its patterns that matches
there, which is what `re.finditer` over the cue's patterns merged in their order gives (no match is empty:
every pattern matches a token). A cue that needs one match stops at its first. tests/test_attempts.py checks
this against the merged alternation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from bot.reading.patterns import ANY, FW_MARK, OTHER_MARK, START, Cue
from bot.reading.view import SHIFT, View

MASK = (1 << SHIFT) - 1  # a try: its place in the view shifted by SHIFT bits, or'ed with its pattern's number
DONE = 1 << 62  # a cue that needs no more matches: every offset is before it
SLOTS = frozenset({FW_MARK, OTHER_MARK})
Needs = tuple[frozenset[str], ...]
Entry = tuple[int, Needs]  # a pattern's number in the family, and the words it needs besides its lead's
Matches = list[tuple[Cue, list[re.Match[str]]]]


def _besides(needs: Needs, lead: tuple[str, ...]) -> Needs:
    """What a pattern needs of a message that its lead, found there, does not give already."""
    return tuple(words for words in needs if words.isdisjoint(lead))


class Family:
    """A family's patterns indexed by their leads; build once, ask for every message's matches."""

    def __init__(self, cues: dict[str, Cue]):
        self.cues = list(cues.values())
        self._cue_of: list[int] = []  # pattern number -> its cue's number
        self._pattern_of: list[tuple[Cue, int]] = []  # pattern number -> its cue, and its place there
        self._pairs: dict[str, dict[str, list[Entry]]] = {}  # a first token -> a second one -> its patterns
        self._singles: dict[str, list[Entry]] = {}
        self._prefixed: list[tuple[str, Entry]] = []
        # Patterns that begin with a name's slot and nothing more known of the token after it ("{fw} ..3 uses"):
        # searched for, as their first match in C skips the slots where they cannot match.
        self._searched: list[tuple[int, Needs, tuple[str, ...]]] = []
        self._opening: dict[tuple[str, ...], list[Entry]] = {}  # `^` patterns by the token (or two) they open with
        # Equal needs are one object: thousands of entries share a few hundred, and the engine bot/warm.py keeps
        # on disk loads each object it holds (a cold start loaded ~3,600 copies of ~500 values)
        shared: dict[Needs, Needs] = {}

        def besides(needs: Needs, lead: tuple[str, ...]) -> Needs:
            rest = _besides(needs, lead)
            return shared.setdefault(rest, rest)

        for number, cue in enumerate(self.cues):
            for place, (leads, prefixes) in enumerate(cue.leads):
                code = len(self._cue_of)
                self._cue_of.append(number)
                self._pattern_of.append((cue, place))
                needs = cue.needs[place]
                alone = {lead[0] for lead in leads if len(lead) == 1}  # a token alone covers its pairs
                if not prefixes and alone and alone <= SLOTS and all(lead[0] in alone for lead in leads):
                    self._searched.append((code, needs, tuple(sorted(alone))))
                    continue
                for lead in leads:
                    if lead[0] == START and len(lead) > 1:  # at the message's start: tried if it opens so
                        self._opening.setdefault(lead[1:], []).append((code, besides(needs, lead[1:])))
                    elif len(lead) == 1:
                        self._singles.setdefault(lead[0], []).append((code, besides(needs, lead)))
                    elif lead[0] not in alone:
                        seconds = self._pairs.setdefault(lead[0], {})
                        seconds.setdefault(lead[1], []).append((code, besides(needs, lead)))
                self._prefixed += [(prefix, (code, needs)) for prefix in prefixes]
        if len(self._cue_of) > MASK:
            raise ValueError(f"{len(self._cue_of)} patterns in one family: SHIFT is too small")
        self._prefixes = tuple(prefix for prefix, _ in self._prefixed)
        self._anywhere = self._singles.pop(ANY, [])  # patterns that can begin at any token (none so far)
        self._match: list[Callable[[str, int], re.Match[str] | None] | None] = [None] * len(self._cue_of)

    def __getstate__(self) -> dict:
        """A stored family (bot/warm.py) keeps its index, not the compiled expressions (compiled when needed)."""
        state = dict(self.__dict__)
        state["_match"] = [None] * len(self._cue_of)
        return state

    def matches(self, view: View, first: Sequence[bool] | None = None) -> Matches:
        """Each cue that matches, in the family's order, with its matches in order; with `first`, only the
        first match of each cue i for which first[i] holds."""
        if not view.text:
            return []
        tries = self._tries(view)
        if self._searched and not SLOTS.isdisjoint(view.index):
            tries += self._searched_tries(view, first)
        tries.sort()
        return self._scan(view, tries, first)

    def _tries(self, view: View) -> list[int]:
        """Every (offset, pattern) where a pattern's lead is and the message has what else it needs."""
        lacks = view.words.isdisjoint  # lacks(needed): none of those words is in the message
        index, shifted, pairs = view.index, view.shifted, self._pairs
        tries: list[int] = []
        for first in index.keys() & pairs.keys():  # in C: a message has few of the tokens that begin a pattern
            table = pairs[first]
            for second in table.keys() & view.after(first):  # in C: the pairs that are here
                for code, needs in table[second]:
                    if not needs or not any(map(lacks, needs)):
                        tries += map(code.__or__, view.where(first, second))
        for lead in view.opening:  # in C: the `^` patterns the message opens with, tried at place 0 alone
            for code, needs in self._opening.get(lead, ()):
                if not needs or not any(map(lacks, needs)):
                    tries.append(code)
        singles = [(index[key], self._singles[key]) for key in index.keys() & self._singles.keys()]
        if self._anywhere:
            singles.append((range(len(view.offsets)), self._anywhere))
        for where, entries in singles:  # the places, and the patterns that can begin there
            for code, needs in entries:
                if not needs or not any(map(lacks, needs)):
                    tries += map(code.__or__, map(shifted.__getitem__, where))
        if self._prefixed:
            tries += self._prefixed_tries(view)
        return tries

    def _prefixed_tries(self, view: View) -> list[int]:
        """The tries of the patterns whose first token is known by a prefix (`migrat*`)."""
        lacks, shifted, prefixes = view.words.isdisjoint, view.shifted, self._prefixed
        tries: list[int] = []
        for token, where in view.index.items():
            if token.startswith(self._prefixes):
                for prefix, (code, needs) in prefixes:
                    if token.startswith(prefix) and not any(map(lacks, needs)):
                        tries += map(code.__or__, map(shifted.__getitem__, where))
        return tries

    def _searched_tries(self, view: View, first: Sequence[bool] | None) -> list[int]:
        """The tries of the searched patterns: none before a pattern's first match (none at all without one),
        only that one where its cue needs one match, else every slot from there."""
        lacks, index, shifted_of = view.words.isdisjoint, view.index, view.shifted.__getitem__
        tries: list[int] = []
        for code, needs, keys in self._searched:
            if needs and any(map(lacks, needs)):
                continue
            cue, place = self._pattern_of[code]
            found = cue.regex(place).search(view.text)
            if found is None:
                continue
            start = bisect_left(view.offsets, found.start()) << SHIFT
            if first is not None and first[self._cue_of[code]]:
                tries.append(start | code)
            else:
                tries += [shifted | code for key in keys for shifted in map(shifted_of, index.get(key, ()))
                          if shifted >= start]
        return tries

    def _scan(self, view: View, tries: list[int], first: Sequence[bool] | None) -> Matches:
        """The matches of the sorted tries: each cue's, left to right, none overlapping the one before it."""
        cue_of, match_of, text, offsets = self._cue_of, self._match, view.text, view.offsets
        ends = [0] * len(self.cues)  # no match of cue i may begin before ends[i]
        found: dict[int, list[re.Match[str]]] = {}
        for code in tries:
            number = cue_of[code & MASK]
            offset = offsets[code >> SHIFT]
            if offset < ends[number]:
                continue
            match = (match_of[code & MASK] or self._compile(code & MASK))(text, offset)
            if match is not None:
                found.setdefault(number, []).append(match)
                ends[number] = DONE if first is not None and first[number] else match.end()
        return [(self.cues[number], found[number]) for number in sorted(found)]

    def _compile(self, code: int) -> Callable[[str, int], re.Match[str] | None]:
        """A pattern's `match`, compiled when a message first tries it (Cue.regex: most messages need a few)."""
        cue, place = self._pattern_of[code]
        match = self._match[code] = cue.regex(place).match
        return match


def targets_of(matches: Iterable[re.Match[str]]) -> list[int]:
    """The indices of the frameworks at the {FW} slot of each match (lists count each of theirs)."""
    found: list[int] = []
    for match in matches:
        for name, value in match.groupdict().items():
            if value and name.startswith("fw"):
                found.extend(int(slot[1:]) for slot in value.split() if slot.startswith(FW_MARK))
    return found
