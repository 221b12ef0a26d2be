"""A message's view for the cue patterns: its tokens joined by spaces, each name replaced by one slot
token, plus where every token starts, so a match maps back to token positions, and where each token and each
token follows it, so a pattern is tried only where what it begins with is (bot/reading/attempts.py)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add

from bot.reading.names import Mention
from bot.reading.patterns import FW_MARK, NUMBER, OTHER_MARK, START
from bot.reading.tokens import Tokens

# A try of a pattern at a place of a view is the place shifted left by SHIFT bits, or'ed with the pattern's
# number (bot/reading/attempts.py), made at C speed from these: every view shares them, none computes its own.
SHIFT = 12
_SHIFTED = [place << SHIFT for place in range(4096)]
_KINDS = frozenset({FW_MARK, OTHER_MARK, NUMBER})  # the keys of what a slot or a number is


@dataclass(frozen=True)
class View:
    text: str
    offsets: tuple[int, ...]  # where each view token starts in `text`
    positions: tuple[int, ...]  # the message token each view token stands for (a slot: the name's first token)
    words: frozenset[str]
    follows: tuple[str, ...] = ()  # the token after each place ("" after the last)
    follows_kind: tuple[str, ...] = ()  # the kind's key of a slot or number after each place ("" for any other)
    opening: tuple[tuple[str, ...], ...] = ()  # the first token and the first two, as keys (see `_opening`)
    index: dict[str, list[int]] = field(default_factory=dict, compare=False)  # token (or key) -> its places
    shifted: list[int] = field(default_factory=list, compare=False)  # each place, shifted by SHIFT (and more)
    memo: dict[str, object] = field(default_factory=dict, compare=False)  # what the reader found in this view
    _after: dict[str, set[str]] = field(default_factory=dict, compare=False)
    _where: dict[tuple[str, str], list[int]] = field(default_factory=dict, compare=False)

    def after(self, first: str) -> set[str]:
        """The tokens (and kinds' keys) that follow `first` (a token or a key) somewhere in the view. Worked out
        once per view, at C speed, for the first tokens some pattern pairs with a second: the families of
        patterns ask for the same common ones ("we", a name's slot)."""
        found = self._after.get(first)
        if found is None:
            places = self.index[first]
            found = self._after[first] = {*map(self.follows.__getitem__, places),
                                          *map(self.follows_kind.__getitem__, places)}
        return found

    def where(self, first: str, second: str) -> list[int]:
        """The places, shifted, where `second` follows `first` (one of `after(first)`)."""
        found = self._where.get((first, second))
        if found is None:
            places = self.index[first]
            nexts = self.follows_kind if second in _KINDS else self.follows
            found = self._where[(first, second)] = list(compress(map(self.shifted.__getitem__, places),
                                                                 map(second.__eq__, map(nexts.__getitem__, places))))
        return found

    def spans(self, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
        """(first token, last token) of each match, in message positions."""
        spans = []
        offsets, positions = self.offsets, self.positions
        for match in matches:  # the token each offset falls in, inline: a long message has many matches
            start = match.start()
            end = max(start, match.end() - 2)  # the last character before the closing space
            spans.append((positions[max(0, bisect_right(offsets, start) - 1)],
                          positions[max(0, bisect_right(offsets, end) - 1)]))
        return spans


def build_view(tokens: Tokens, frameworks: list[Mention], others: list[Mention]) -> View:
    """Slots `\\ue000<i>` for frameworks[i] and `\\ue001<i>` for others[i]; every other token as it is.

    The index lists each token's places, and under the keys of patterns.py the places of every slot of a
    kind, of every number and of the message's start; its lists need not be in order (the
    tries are sorted). The words between names are copied a run at a time, not a token at a time."""
    starts: dict[int, tuple[str, int]] = {}
    for i, m in enumerate(frameworks):
        starts[m.start] = (f"{FW_MARK}{i}", m.end)
    for i, m in enumerate(others):
        starts.setdefault(m.start, (f"{OTHER_MARK}{i}", m.end))
    words = tokens.words
    if starts:
        parts: list[str] = []
        positions: list[int] = []
        i = 0
        for start in sorted(starts):
            if start < i:
                continue  # inside the name before it
            token, end = starts[start]
            parts += words[i:start]
            positions += range(i, start)
            parts.append(token)
            positions.append(start)
            i = end
        parts += words[i:]
        positions += range(i, len(words))
    else:
        parts, positions = list(words), list(range(len(words)))
    if not parts:
        return View("", (), (), tokens.word_set, (), (), (), {START: [0]}, _SHIFTED)
    offsets = list(accumulate(map(add, map(len, parts[:-1]), repeat(1)), initial=0))  # each part and its space
    grouped: defaultdict[str, list[int]] = defaultdict(list)
    for place, part in enumerate(parts):
        grouped[part].append(place)
    index = dict(grouped)
    if len(parts) > len(_SHIFTED):  # longer than any message the reader reads (4,000 characters)
        _SHIFTED.extend(place << SHIFT for place in range(len(_SHIFTED), len(parts)))
    kinds = [""] * len(parts)  # before each slot or number, its kind's key
    for key in list(index):
        first = key[0]
        kind = first if first in (FW_MARK, OTHER_MARK) else NUMBER if first.isdigit() else None
        if kind is not None:
            index.setdefault(kind, []).extend(index[key])
            for place in index[key]:
                if place:
                    kinds[place - 1] = kind
    index[START] = [0]
    return View(" ".join(parts) + " ", tuple(offsets), tuple(positions), tokens.word_set, (*parts[1:], ""),
                tuple(kinds), _opening(parts, kinds), index, _SHIFTED)


def _opening(parts: list[str], kinds: list[str]) -> tuple[tuple[str, ...], ...]:
    """The keys a view opens with, each first token alone and with each second: ("what",), ("what", "can");
    a slot or a number also as its kind's key."""
    first = parts[0][0]
    kind = first if first in (FW_MARK, OTHER_MARK) else NUMBER if first.isdigit() else ""
    firsts = (parts[0], kind) if kind else (parts[0],)
    seconds = tuple(key for key in (parts[1] if len(parts) > 1 else "", kinds[0]) if key)
    return tuple((one, *more) for one in firsts for more in ((), *((second,) for second in seconds)))
