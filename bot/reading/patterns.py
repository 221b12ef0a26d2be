"""The pattern language of the English cues (knowledge/language/en/*.yaml), compiled to regular expressions
over a message's *view*: its tokens joined by spaces, with every name replaced by a slot token.

A pattern is a sequence of elements separated by spaces:
- `word`: that token; `migrat*`: a token starting with "migrat";
- `(a|b c|d)`: one of several sequences; `x?` or `(a|b)?`: optional;
- `_`: any one word; `...`: up to 4 words, `..7`: up to 7 words (gaps never cross punctuation);
- `{FW}`: a framework named in the message (a list of them, "Flask and Bottle", counts as one) whose role
  the pattern sets; `{fw}`: a framework that must be there but is not the one meant; `{OTHER}`: another
  language's framework; `{NAME}`: either; `{NUM}`: a number;
- `^` and `$`: the start and the end of the message; punctuation marks stand for themselves.

In the spirit of spaCy's Matcher, but written as text, so a cue reads like the phrase it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

GAP_DEFAULT = 4
# One word of a view: any token but a lone punctuation mark ("5.2" and "node.js" are words; "." is not).
_ANY_WORD = r"(?![,;:.!?()] )[^\s]+ "
_WORD = re.compile(r"^[a-z0-9][a-z0-9.'&/+#-]*\*?$")
_PUNCT = frozenset(",;:.!?()-")
# Slot tokens in a view: one private-use character and a number, never produced by the tokenizer.
FW_MARK, OTHER_MARK = "\ue000", "\ue001"
# Keys of a view's index of first tokens (bot/reading/view.py) that no token can be: the message's first
# position (`^`), and any number (`{NUM}`). A slot's own key is its mark.
START, NUMBER = "\ue002^", "\ue002#"
_ONE_FW = f"{FW_MARK}\\d+ "
_LIST_JOIN = r"(?:(?:, )?(?:and |or |nor |& |/ )|, )"
SLOTS = {
    "{FW}": f"(?P<fw>{_ONE_FW}(?:{_LIST_JOIN}{_ONE_FW})*)",
    "{fw}": f"(?:{_ONE_FW}(?:{_LIST_JOIN}{_ONE_FW})*)",
    "{OTHER}": f"{OTHER_MARK}\\d+ ",
    "{NAME}": f"(?:{_ONE_FW}|{OTHER_MARK}\\d+ )",
    "{NUM}": r"\d+(?:\.\d+)* ",  # "3", "3.12", "6.0.1": a count or a version
}


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says what is wrong in it."""


Starts = tuple[frozenset[str], tuple[str, ...]]
"""The tokens a match can begin with: exact tokens (or the keys START, NUMBER, FW_MARK, OTHER_MARK), and
prefixes (`migrat*`)."""


@dataclass(frozen=True)
class Compiled:
    regex: str  # the pattern as a regular expression over a view
    triggers: frozenset[str] | None  # words one of which must be in the message; None: always try
    targets: bool  # has a {FW} slot
    starts: Starts | None = None  # where a match can begin; None: at any word (a leading gap or `_`)


def _split(pattern: str) -> list[str]:
    """Top-level elements: words, slots, gaps and parenthesised groups (with their ? suffix)."""
    elements, depth, current = [], 0, ""
    for char in pattern.strip():
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise PatternError("a `)` without its `(`")
        if char == " " and depth == 0:
            if current:
                elements.append(current)
            current = ""
        else:
            current += char
    if depth:
        raise PatternError("a `(` without its `)`")
    if current:
        elements.append(current)
    return elements


def _alternatives(group: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in group:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _element(element: str) -> tuple[str, frozenset[str] | None, bool]:
    """(regex, the words that can start it or None, optional?) for one element."""
    optional = element.endswith("?") and len(element) > 1 and element not in ("?",)
    body = element[:-1] if optional else element
    if body.startswith("(") and body.endswith(")") and len(body) > 2:
        options = [compile_sequence(part) for part in _alternatives(body[1:-1])]
        if any(not part.strip() for part in _alternatives(body[1:-1])):
            raise PatternError(f"an empty alternative in `{element}`")
        regex = "(?:" + "|".join(o[0] for o in options) + ")"
        words = None if any(o[1] is None for o in options) else frozenset().union(*(o[1] for o in options))
        return regex, words, optional
    if body in SLOTS:
        return SLOTS[body], None, optional
    if body == "_":
        return _ANY_WORD, None, optional
    if body == "...":
        return f"(?:{_ANY_WORD}){{0,{GAP_DEFAULT}}}", None, True
    if re.fullmatch(r"\.\.\d{1,2}", body):
        return f"(?:{_ANY_WORD}){{0,{int(body[2:])}}}", None, True
    if body in ("^", "$"):
        return ("^" if body == "^" else "$"), None, True
    if body in _PUNCT:
        return re.escape(body) + " ", frozenset({body}), optional
    if not _WORD.match(body):
        raise PatternError(f"`{element}` is not a word, a group, a gap or a slot (words are lower case)")
    if body.endswith("*"):
        return re.escape(body[:-1]) + r"[^\s]* ", None, optional
    return re.escape(body) + " ", frozenset({body}), optional


def compile_sequence(pattern: str) -> tuple[str, frozenset[str] | None]:
    """A sequence of elements as a regex, and the words one of which must appear (its first mandatory word)."""
    elements = _split(pattern)
    if not elements:
        raise PatternError("an empty pattern")
    regex, triggers = "", None
    found = False
    for element in elements:
        part, words, optional = _element(element)
        gap = element in ("^", "$") or element.startswith("..")
        regex += f"(?:{part})?" if optional and not gap else part
        if not found and not optional and words is not None:
            triggers, found = words, True
    return regex, triggers


_SLOT_STARTS = {"{FW}": {FW_MARK}, "{fw}": {FW_MARK}, "{OTHER}": {OTHER_MARK}, "{NAME}": {FW_MARK, OTHER_MARK},
                "{NUM}": {NUMBER}}


def _element_starts(element: str) -> tuple[set[str], set[str], bool] | None:
    """(exact first tokens, prefixes, can it match nothing?) of one element; None: it can begin anywhere."""
    optional = element.endswith("?") and len(element) > 1
    body = element[:-1] if optional else element
    if body.startswith("(") and body.endswith(")") and len(body) > 2:
        exact: set[str] = set()
        prefixes: set[str] = set()
        for part in _alternatives(body[1:-1]):
            found = _sequence_starts(part)
            if found is None:
                return None
            exact |= found[0]
            prefixes |= found[1]
            optional = optional or found[2]
        return exact, prefixes, optional
    if body in _SLOT_STARTS:
        return set(_SLOT_STARTS[body]), set(), optional
    if body == "^":
        return {START}, set(), True
    if body.endswith("*") and _WORD.match(body):
        return set(), {body[:-1]}, optional
    if body in _PUNCT or _WORD.match(body):
        return {body}, set(), optional
    return None  # `_`, a gap, `$`: a match may begin at any word


def _sequence_starts(pattern: str) -> tuple[set[str], set[str], bool] | None:
    """The first tokens of a sequence: those of each element up to the first that must match something."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for element in _split(pattern):
        found = _element_starts(element)
        if found is None:
            return None
        exact |= found[0]
        prefixes |= found[1]
        if not found[2]:
            return exact, prefixes, False
    return exact, prefixes, True


def starts_of(pattern: str) -> Starts | None:
    """Where a match of `pattern` can begin, so that the reader tries it only there; None: anywhere (a
    pattern that can match nothing at all is tried everywhere too)."""
    found = _sequence_starts(pattern)
    if found is None or found[2]:
        return None
    return frozenset(found[0]), tuple(sorted(found[1]))


def compile_pattern(pattern: str, check: bool = True) -> Compiled:
    """One pattern as a regex over a view; with `check`, also compiled once to prove it (`kb check` and the
    tests check every pattern; a process that only answers leaves the compiling to the first message that
    needs the cue, see Cue.regex)."""
    if not isinstance(pattern, str):
        raise PatternError("a pattern must be text")
    if pattern.count("{FW}") > 1:
        raise PatternError("at most one {FW} (the framework the cue is about); mark the others {fw}")
    regex, triggers = compile_sequence(pattern)
    regex = "(?<![^ ])" + regex  # a match starts at a token
    try:
        if check:
            re.compile(regex)
    except re.error as exc:
        raise PatternError(f"does not compile: {exc}") from exc
    return Compiled(regex, triggers, "{FW}" in pattern, starts_of(pattern))


class Cue:
    """All the patterns of one concept, merged into one regular expression, tried only when one of their
    trigger words is in the message."""

    def __init__(self, name: str, patterns: list[Compiled]):
        self.name = name
        self.triggers: frozenset[str] | None = frozenset()
        for compiled in patterns:
            if compiled.triggers is None:
                self.triggers = None
                break
            self.triggers = self.triggers | compiled.triggers
        self.targets = any(p.targets for p in patterns)
        # One expression for the concept; each pattern's {FW} group gets its own name (fw0, fw1, ...).
        self.merged = "|".join(f"(?:{p.regex.replace('(?P<fw>', f'(?P<fw{i}>')})" for i, p in enumerate(patterns)) \
            if patterns else None
        starts = [p.starts for p in patterns]
        self.starts: Starts | None = None if any(s is None for s in starts) else (
            frozenset().union(*(s[0] for s in starts)), tuple(sorted({x for s in starts for x in s[1]})))

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """The merged expression, compiled when first needed: compiling all of them is most of the time a
        process takes to start, and most messages need a few."""
        return re.compile(self.merged) if self.merged is not None else None

    def may_match(self, words: frozenset[str]) -> bool:
        return self.merged is not None and (self.triggers is None or not self.triggers.isdisjoint(words))

    def search(self, view: str, words: frozenset[str], starts: list[int] | None = None) -> re.Match[str] | None:
        """The first match, trying only the offsets `starts` when given (see `finditer`)."""
        return next(iter(self.finditer(view, words, starts)), None)

    def finditer(self, view: str, words: frozenset[str], starts: list[int] | None = None) -> Iterator[re.Match[str]]:
        """The matches `re.finditer` gives, left to right and not overlapping.

        With `starts` (every offset where a match can begin, in order: View.starts_for) the expression is
        tried there alone instead of at each character: the same matches, in one step per likely token.
        """
        if not self.may_match(words):
            return iter(())
        if starts is None:
            return self.regex.finditer(view)
        return self._at(view, starts)

    def _at(self, view: str, starts: list[int]) -> Iterator[re.Match[str]]:
        match_at, end = self.regex.match, 0
        for offset in starts:
            if offset >= end and (match := match_at(view, offset)) is not None:
                end = match.end()
                yield match

    def targets_of(self, view: str, words: frozenset[str], starts: list[int] | None = None) -> list[int]:
        """The indices of the frameworks at the {FW} slot of every match (lists count each of theirs)."""
        found: list[int] = []
        for match in self.finditer(view, words, starts):
            for name, value in match.groupdict().items():
                if value and name.startswith("fw"):
                    found.extend(int(slot[1:]) for slot in value.split() if slot.startswith(FW_MARK))
        return found


class StartIndex:
    """Which cues of a family (the cues, or the roles) can begin at which token, compiled once.

    A message's view lists its tokens once (View.index); looking each up here gives every cue the offsets
    where it can match, and the cues that cannot match anywhere are never tried. So reading costs one step
    per token and one per likely match, not one per cue and character.
    """

    def __init__(self, cues: dict[str, Cue]):
        self.cues = list(cues.values())
        self.by_key: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        for number, cue in enumerate(self.cues):
            if cue.starts is None:
                self.anywhere.append(number)
                continue
            exact, prefixes = cue.starts
            for key in exact:
                self.by_key.setdefault(key, []).append(number)
            for prefix in prefixes:
                self.by_prefix.setdefault(prefix, []).append(number)
        self.prefixes = tuple(self.by_prefix)

    def offsets(self, index: dict[str, list[int]], words: frozenset[str] | None = None
                ) -> list[tuple[Cue, list[int] | None]]:
        """(cue, the offsets where it can begin, in order; None: anywhere) for each cue that can match, in
        the family's order; with the message's `words`, only the cues whose trigger words it has."""
        found: dict[int, list[int] | None] = {}
        by_key, prefixes = self.by_key, self.prefixes
        for key, offsets in index.items():
            for number in by_key.get(key, ()):
                found.setdefault(number, []).extend(offsets)  # type: ignore[union-attr]
            if prefixes and key.startswith(prefixes):
                for prefix in prefixes:
                    if key.startswith(prefix):
                        for number in self.by_prefix[prefix]:
                            found.setdefault(number, []).extend(offsets)  # type: ignore[union-attr]
        for number in self.anywhere:
            found[number] = None
        cues = self.cues
        return [(cues[n], None if found[n] is None else sorted(found[n])) for n in sorted(found)
                if words is None or cues[n].may_match(words)]
