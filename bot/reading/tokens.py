"""Stage 1 of reading: text to tokens.

A message becomes lower-case words and the punctuation between them, each with its place in the text,
whether it was written with a capital, and the clause it belongs to. Every later stage works on these
tokens and nothing else, so positions always line up with the words a person wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain, compress, count, repeat
from operator import attrgetter
from typing import Any

# Words (dots and apostrophes inside a word keep it whole: "node.js", "don't"), and the punctuation that
# separates clauses. Hyphens and slashes split words: "flask-like" is "flask like".
_TOKEN = re.compile(r"(?<![a-z0-9])w/o?(?![a-z0-9])|(?<![a-z0-9])w/(?=[a-z])|[a-z0-9]+(?:[.'][a-z0-9]+)*|[,;:.!?()&]"
                    r"|(?<=\s)[-–—](?=\s)")
# The same without its "w/" alternatives, for the text that has no "w/" (most): the same tokens, a third sooner,
# as the alternatives that start with a look behind are no longer tried at every character.
_PLAIN_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|[,;:.!?()&]|(?<=\s)[-–—](?=\s)")
# "w/", "w/o" and "&", written out: "big flask app w/ flask-sqlalchemy", "docs w/o a rewrite", "new & shiny".
_SLASHED = {"w/": "with", "w/o": "without", "&": "and"}
PUNCTUATION = frozenset(",;:.!?()-–—")
CLAUSE_BREAKS = PUNCTUATION | {"but", "however", "although", "though", "whereas"}
SENTENCE_ENDS = frozenset(".!?")
# Words whose "'s" is "is", not a possessive: "what's pyramid like" asks what Pyramid is like, as "what is"
# would. (Elsewhere "'s" is dropped: "Flask's admin" is Flask.)
_S_IS_IS = frozenset({"what", "how", "who", "where", "when", "why", "it", "that", "there", "here", "which"})
# A version written onto the name of the language ("py3.13", "python3.12", "cpython3"): the name and the number,
# as if a space were between them ("py" written out).
_JOINED_VERSION = re.compile(r"(py|python|cpython)(\d+(?:\.\d+)*)")
# Where a token can be one: at a token's start (no letter or digit before it), the name and a digit. Most messages
# that say "py" ("python", "happy") have none, and are spared a look at each token.
_MAY_JOIN_VERSION = re.compile(r"(?<![a-z0-9])(?:py|python|cpython)\d")
# An exception named as Python spells it ("RuntimeError", "IntegrityError: duplicate key"): its words, so that
# "throws RuntimeError" reads as throwing an error.
_EXCEPTION = re.compile(r"(?:[A-Z][a-z0-9]*)+?(Error|Exception)")
# A size written onto its unit ("512MB", "1.5gb"): the number and the unit, as if a space were between them.
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)([kmgt]i?b)")
_HAS_QUANTITY = re.compile(r"\d[kmgt]i?b\b")


def fold_case(text: str) -> str:
    """Lower case, one character for one ("İ".lower() is two), so positions in it are positions in `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class Tokens:
    """A message as tokens: `words[i]` is the i-th token (a word or a punctuation mark)."""

    text: str
    words: tuple[str, ...]
    starts: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    def capitalised(self, i: int) -> bool:
        """Whether token i is written with a capital letter ("Tornado", "FastAPI"): asked of a few tokens (the
        names), so no token is looked at before it is asked about."""
        return self.text[self.starts[i]].isupper()

    def mid_sentence_capital(self, i: int) -> bool:
        """Whether token i is capitalised and does not start a sentence: "moving away from Tornado" names
        something."""
        return i not in self._sentence_starts and self.capitalised(i)

    @cached_property
    def _sentence_starts(self) -> frozenset[int]:
        places = self.places
        return frozenset({0} | {i + 1 for w in SENTENCE_ENDS & places.keys() for i in places[w]})

    @cached_property
    def clauses(self) -> tuple[int, ...]:
        """The clause number of each token: punctuation and "but" start a new clause (a running count of
        the breaks up to and including the token)."""
        return tuple(accumulate(map(CLAUSE_BREAKS.__contains__, self.words), initial=0))[1:]

    @cached_property
    def sentences(self) -> tuple[int, ...]:
        """The sentence number of each token (a full stop, "!" or "?" ends a sentence): the sentence ends
        before it."""
        return tuple(accumulate(map(SENTENCE_ENDS.__contains__, self.words), initial=0))[:-1]

    @cached_property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def places(self) -> dict[str, list[int]]:
        """Each distinct token and its positions, in order: a stage that looks for a few words looks them up
        here instead of stepping through every token of a long message, which repeats most of its words."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        for i, word in enumerate(self.words):
            found[word].append(i)
        return dict(found)


_START, _END = attrgetter("start"), attrgetter("end")


def covered_by(spans: list[Any]) -> frozenset[int]:
    """Every position inside the spans (anything with a start and an end: names, phrases), at C speed."""
    return frozenset(chain.from_iterable(map(range, map(_START, spans), map(_END, spans))))


def any_between(positions: list[int] | tuple[int, ...], low: int, high: int) -> bool:
    """Whether one of `positions` (in order) is in [low, high): by bisection, where a long message has many."""
    i = bisect_left(positions, low)
    return i < len(positions) and positions[i] < high


def tokenize(text: str) -> Tokens:
    """Split `text` (already cleaned of Slack markup) into tokens; a trailing "'s" is dropped ("Flask's"),
    or read as "is" after a question word or pronoun ("what's", "it's")."""
    lower = fold_case(text)
    slashed = "w/" in lower
    matches = list((_TOKEN if slashed else _PLAIN_TOKEN).finditer(lower))
    words = list(map(re.Match.group, matches))  # map over the methods: no Python step per token
    if slashed or "&" in lower:
        words = [_SLASHED.get(w, w) for w in words]
    starts = list(map(re.Match.start, matches))
    if "'s" in lower:
        words, starts = _split(words, starts, _split_s, str.endswith, "'s")
    if "py" in lower and _MAY_JOIN_VERSION.search(lower):
        words, starts = _split(words, starts, _split_version, str.startswith, ("py", "cpython"))
    if any(digit in lower for digit in "0123456789") and _HAS_QUANTITY.search(lower):
        words, starts = _split(words, starts, _split_quantity, str.startswith, tuple("0123456789"))
    if "error" in lower or "exception" in lower:
        words, starts = _split(words, starts, lambda word, start: _split_exception(text, word, start),
                               str.endswith, ("error", "exception"))
    return Tokens(text, tuple(words), tuple(starts))


def _split(words: list[str], starts: list[int], split: Callable[[str, int], list[tuple[str, int]] | None],
           test: Callable[[str, Any], bool], arg: Any) -> tuple[list[str], list[int]]:
    """The tokens with each one `split` rewrites (into one or more tokens, each with its start) replaced.
    `split` is asked only of the tokens `test(word, arg)` holds for (str.startswith, str.endswith: tested at C
    speed), which must be all it can rewrite: a long message has a few, among many tokens."""
    marked = list(compress(count(), map(test, words, repeat(arg))))
    if not marked:
        return words, starts
    out_words: list[str] = []
    out_starts: list[int] = []
    last = 0
    for i in marked:
        pieces = split(words[i], starts[i])
        if pieces:
            out_words += words[last:i]
            out_starts += starts[last:i]
            for piece, at in pieces:
                out_words.append(piece)
                out_starts.append(at)
            last = i + 1
    out_words += words[last:]
    out_starts += starts[last:]
    return out_words, out_starts


def _split_s(word: str, start: int) -> list[tuple[str, int]] | None:
    """A trailing "'s" dropped ("Flask's"), or read as "is" after a question word ("what's": "what", "is", the
    "is" placed at the apostrophe)."""
    if not (word.endswith("'s") and len(word) > 2):
        return None
    word = word[:-2]
    return [(word, start), ("is", start + len(word))] if word in _S_IS_IS else [(word, start)]


def _split_version(word: str, start: int) -> list[tuple[str, int]] | None:
    """"py3.13" as "python" and "3.13" (the number placed where its digits start)."""
    joined = _JOINED_VERSION.fullmatch(word)
    if not joined:
        return None
    return [("python" if joined[1] == "py" else joined[1], start), (joined[2], start + len(joined[1]))]


def _split_quantity(word: str, start: int) -> list[tuple[str, int]] | None:
    """"512mb" as "512" and "mb" (the unit placed where its letters start)."""
    sized = _QUANTITY.fullmatch(word)
    if not sized:
        return None
    return [(sized[1], start), (sized[2], start + len(sized[1]))]


def _split_exception(text: str, word: str, start: int) -> list[tuple[str, int]] | None:
    """"RuntimeError" as "runtime" and "error" (each where it starts in the text)."""
    named = _EXCEPTION.fullmatch(text, start, start + len(word))
    if not named:
        return None
    cut = named.start(1) - start
    return [(word[:cut], start), (word[cut:], start + cut)]


def with_shorthand(tokens: Tokens, table: dict[str, str]) -> Tokens:
    """The tokens with chat shorthand written out ("u" -> "you", "pls" -> "please"), one word for one, so
    positions still line up with the text."""
    if table.keys().isdisjoint(tokens.word_set):
        return tokens
    return Tokens(tokens.text, tuple(table.get(w, w) for w in tokens.words), tokens.starts)


def words_of(text: str) -> tuple[str, ...]:
    """The words of a phrase as the tokenizer makes them (for matching data against messages)."""
    return tuple(w for w in tokenize(text).words if w not in PUNCTUATION)
