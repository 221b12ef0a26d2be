"""A message's view for the cue patterns: its tokens joined by spaces, each name replaced by one slot
token, plus where every token starts, so a match maps back to token positions, and where each token and each
pair of tokens is, so a pattern is tried only where what it begins with is (bot/reading/attempts.py)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add

from bot.reading.names import Mention
from bot.reading.patterns import ANY, FW_MARK, NUMBER, OTHER_MARK, START
from bot.reading.tokens import Tokens

# A view keeps each offset also shifted left by SHIFT bits, so that a try of a pattern there is the offset or'ed
# with the pattern's number (bot/reading/attempts.py), made at C speed.
SHIFT = 12


@dataclass(frozen=True)
class View:
    text: str
    offsets: tuple[int, ...]  # where each view token starts in `text`
    positions: tuple[int, ...]  # the message token each view token stands for (a slot: the name's first token)
    words: frozenset[str]
    parts: tuple[str, ...] = ()  # the view's tokens
    index: dict[str, list[int]] = field(default_factory=dict, compare=False)  # token (or key) -> its places
    shifted: list[int] = field(default_factory=list, compare=False)  # each place's offset, shifted by SHIFT
    pairs: dict[str, dict[str, list[int]]] = field(default_factory=dict, compare=False)  # see `seconds`
    memo: dict[str, object] = field(default_factory=dict, compare=False)  # what the reader found in this view

    def seconds(self, first: str) -> dict[str, list[int]]:
        """The tokens that follow `first` (a token or an index key), each with the shifted offsets of the
        places of `first` it follows. Worked out once per view, for the first tokens that begin a pattern's
        pair: a long message has fewer of those than tokens."""
        found = self.pairs.get(first)
        if found is None:
            found = self.pairs[first] = {}
            parts, shifted, last = self.parts, self.shifted, len(self.parts) - 1
            for place in self.index[first]:
                if place < last:
                    second = parts[place + 1]
                    if second in found:  # a test, not a defaultdict: faster where most are new
                        found[second].append(shifted[place])
                    else:
                        found[second] = [shifted[place]]
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
    kind, of every number, of the message's start and of every token; its lists need not be in order (the
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
        return View("", (), (), tokens.word_set, (), {START: [0]}, [0])
    offsets = list(accumulate(map(add, map(len, parts[:-1]), repeat(1)), initial=0))  # each part and its space
    grouped: defaultdict[str, list[int]] = defaultdict(list)
    for place, part in enumerate(parts):
        grouped[part].append(place)
    index = dict(grouped)
    for key in list(index):
        first = key[0]
        kind = first if first in (FW_MARK, OTHER_MARK) else NUMBER if first.isdigit() else None
        if kind is not None:
            index.setdefault(kind, []).extend(index[key])
    index[START] = [0]
    index[ANY] = list(range(len(parts)))
    return View(" ".join(parts) + " ", tuple(offsets), tuple(positions), tokens.word_set, tuple(parts), index,
                [offset << SHIFT for offset in offsets])
