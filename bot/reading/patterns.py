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
from dataclasses import dataclass

GAP_DEFAULT = 4
# One word of a view: any token but a lone punctuation mark ("5.2" and "node.js" are words; "." is not).
_ANY_WORD = r"(?![,;:.!?()] )[^\s]+ "
_WORD = re.compile(r"^[a-z0-9][a-z0-9.'&/+#-]*\*?$")
_PUNCT = frozenset(",;:.!?()-")
# Slot tokens in a view: one private-use character and a number, never produced by the tokenizer.
FW_MARK, OTHER_MARK = "\ue000", "\ue001"
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


@dataclass(frozen=True)
class Compiled:
    regex: str  # the pattern as a regular expression over a view
    triggers: frozenset[str] | None  # words one of which must be in the message; None: always try
    targets: bool  # has a {FW} slot


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


def compile_pattern(pattern: str) -> Compiled:
    if not isinstance(pattern, str):
        raise PatternError("a pattern must be text")
    if pattern.count("{FW}") > 1:
        raise PatternError("at most one {FW} (the framework the cue is about); mark the others {fw}")
    regex, triggers = compile_sequence(pattern)
    regex = "(?<![^ ])" + regex  # a match starts at a token
    try:
        re.compile(regex)
    except re.error as exc:
        raise PatternError(f"does not compile: {exc}") from exc
    return Compiled(regex, triggers, "{FW}" in pattern)


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
        merged = "|".join(f"(?:{p.regex.replace('(?P<fw>', f'(?P<fw{i}>')})" for i, p in enumerate(patterns))
        self.regex = re.compile(merged) if patterns else None

    def may_match(self, words: frozenset[str]) -> bool:
        return self.regex is not None and (self.triggers is None or not self.triggers.isdisjoint(words))

    def search(self, view: str, words: frozenset[str]) -> re.Match[str] | None:
        return self.regex.search(view) if self.may_match(words) else None

    def finditer(self, view: str, words: frozenset[str]):
        return self.regex.finditer(view) if self.may_match(words) else iter(())

    def targets_of(self, view: str, words: frozenset[str]) -> list[int]:
        """The indices of the frameworks at the {FW} slot of every match (lists count each of theirs)."""
        found: list[int] = []
        for match in self.finditer(view, words):
            for name, value in match.groupdict().items():
                if value and name.startswith("fw"):
                    found.extend(int(slot[1:]) for slot in value.split() if slot.startswith(FW_MARK))
        return found
