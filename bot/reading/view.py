"""A message's view for the cue patterns: its tokens joined by spaces, each name replaced by one slot
token, plus where every token starts, so a match maps back to token positions."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate, islice, repeat
from operator import add

from bot.reading.attempts import Attempt, attempt
from bot.reading.names import Mention
from bot.reading.patterns import FW_MARK, NUMBER, OTHER_MARK, START, Cue
from bot.reading.tokens import Tokens


@dataclass(frozen=True)
class View:
    text: str
    offsets: tuple[int, ...]  # where each view token starts in `text`
    positions: tuple[int, ...]  # the message token each view token stands for (a slot: the name's first token)
    words: frozenset[str]
    index: dict[str, list[int]] = field(default_factory=dict, compare=False)  # token (or key) -> its offsets
    memo: dict[str, object] = field(default_factory=dict, compare=False)  # what the reader found in this view

    def matches(self, tried: Attempt, first: bool = False) -> list[tuple[int, int]]:
        """(first token, last token) of each match of a cue's attempt (with `first`, of the first match only),
        in message positions."""
        spans = []
        offsets, positions = self.offsets, self.positions
        found = tried.finditer(self.text)
        if first:
            found = islice(found, 1)
        if not positions:
            return [(0, 0) for _ in found]
        for match in found:  # the token each offset falls in, inline: a long message has many matches
            start = match.start()
            end = max(start, match.end() - 2)  # the last character before the closing space
            spans.append((positions[max(0, bisect_right(offsets, start) - 1)],
                          positions[max(0, bisect_right(offsets, end) - 1)]))
        return spans

    def fires(self, cue: Cue) -> bool:
        tried = attempt(cue, self.index, self.words)
        return tried is not None and next(iter(tried.finditer(self.text)), None) is not None

    def targets_of(self, cue: Cue) -> list[int]:
        """The indices of the frameworks at the {FW} slot of every match of `cue`."""
        tried = attempt(cue, self.index, self.words)
        return [] if tried is None else tried.targets_of(self.text)


def build_view(tokens: Tokens, frameworks: list[Mention], others: list[Mention]) -> View:
    """Slots `\\ue000<i>` for frameworks[i] and `\\ue001<i>` for others[i]; every other token as it is.

    The index lists each token's offsets, and under the keys of patterns.py the offsets of every slot of a
    kind, of every number and of the message's start; its lists need not be in order (StartIndex sorts).
    The words between names are copied a run at a time, not a token at a time."""
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
        return View("", (), (), tokens.word_set, {START: [0]})
    offsets = list(accumulate(map(add, map(len, parts[:-1]), repeat(1)), initial=0))  # each part and its space
    grouped: defaultdict[str, list[int]] = defaultdict(list)
    for offset, part in zip(offsets, parts, strict=True):
        grouped[part].append(offset)
    index = dict(grouped)
    for key in list(index):
        first = key[0]
        kind = first if first in (FW_MARK, OTHER_MARK) else NUMBER if first.isdigit() else None
        if kind is not None:
            index.setdefault(kind, []).extend(index[key])
    index[START] = [0]
    return View(" ".join(parts) + " ", tuple(offsets), tuple(positions), tokens.word_set, index)
