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
# Keys of a view's index of first tokens (bot/reading/view.py) that no token can be: the message's first
# position (`^`), and any number (`{NUM}`). A slot's own key is its mark.
START, NUMBER, ANY = "\ue002^", "\ue002#", "\ue002*"
# A name may carry a short aside in brackets, as in a list of options ruled out each with its reason: "django
# (too heavy), flask (no async), or fastapi (politics)". The aside holds no name, so targets stay the names.
_ONE_FW = f"{FW_MARK}\\d+ (?:\\( (?:(?![()] )[^\\s{FW_MARK}{OTHER_MARK}]+ ){{1,6}}\\) )?"
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

Leads = tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]
"""What every match of a pattern begins with: token pairs (a first and a second token) or single tokens
(where the second is not known: a gap, a prefix, the pattern's end), as view tokens or index keys; and the
prefixes (`migrat*`) its first token can have, for a pattern whose first token is only known that way."""


@dataclass(frozen=True)
class Compiled:
    regex: str  # the pattern as a regular expression over a view
    needs: tuple[frozenset[str], ...]  # word sets: one word of each must be in the message, or it cannot match
    targets: bool  # has a {FW} slot
    leads: Leads = ((), ())  # what a match begins with (see leads_of); the reader tries it only there


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
    """(regex, the words one of which it needs or None, optional?) for one element; a group needs, of one of
    its alternatives, the needed words least likely to be in a message by chance (see `_telling`)."""
    optional = element.endswith("?") and len(element) > 1 and element not in ("?",)
    body = element[:-1] if optional else element
    if body.startswith("(") and body.endswith(")") and len(body) > 2:
        options = [compile_sequence(part) for part in _alternatives(body[1:-1])]
        if any(not part.strip() for part in _alternatives(body[1:-1])):
            raise PatternError(f"an empty alternative in `{element}`")
        regex = "(?:" + "|".join(o[0] for o in options) + ")"
        words = None if any(not o[1] for o in options) else frozenset().union(*(_telling(o[1]) for o in options))
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


def _telling(needs: tuple[frozenset[str], ...]) -> frozenset[str]:
    """Of a sequence's needed word sets (one word of each must be there), the one whose shortest word is
    longest: "not" of "is not", "building" of "are building". Any of them is needed; the longer words are
    the rarer ones, and leave more patterns out of a message."""
    return max(needs, key=lambda words: min(map(len, words)))


def compile_sequence(pattern: str) -> tuple[str, tuple[frozenset[str], ...]]:
    """A sequence of elements as a regex, and what it needs of a message: for each element that must match
    a word or a group of them, in order, the words one of which must be among the message's tokens."""
    elements = _split(pattern)
    if not elements:
        raise PatternError("an empty pattern")
    regex, needs = "", []
    for element in elements:
        part, words, optional = _element(element)
        gap = element in ("^", "$") or element.startswith("..")
        regex += f"(?:{part})?" if optional and not gap else part
        if not optional and words is not None:
            needs.append(words)
    return regex, tuple(needs)


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


def _matches_a_token(elements: list[str]) -> bool:
    """Whether every match of these elements has a token in it (something that must match is not a gap)."""
    for element in elements:
        optional = element.endswith("?") and len(element) > 1
        body = element[:-1] if optional else element
        if optional or body in ("^", "$", "...") or re.fullmatch(r"\.\.\d{1,2}", body):
            continue
        if not (body.startswith("(") and body.endswith(")") and len(body) > 2) or all(
                _matches_a_token(_split(part)) for part in _alternatives(body[1:-1])):
            return True
    return False


def starts_of(pattern: str) -> Starts | None:
    """Where a match of `pattern` can begin, so that the reader tries it only there; None: anywhere (a
    pattern that can match nothing at all is tried everywhere too). A pattern from the message's start (`^`)
    begins there alone."""
    elements = _split(pattern)
    if elements[0] == "^" and _matches_a_token(elements[1:]):
        return frozenset({START}), ()
    found = _sequence_starts(pattern)
    if found is None or found[2]:
        return None
    return frozenset(found[0]), tuple(sorted(found[1]))


# What follows a name in a list ("flask, bottle and django"): the second token of a match that begins with {FW}.
_JOINERS = (",", "and", "or", "nor", "&", "/")
_ONE_TOKEN_SLOTS = {"{OTHER}": (OTHER_MARK,), "{NAME}": (FW_MARK, OTHER_MARK), "{NUM}": (NUMBER,)}
Heads = set[tuple[tuple[str, ...], bool]]  # token sequences a match begins with, and whether nothing follows


def _element_leads(element: str) -> Heads | None:
    """The sequences of one or two tokens (or index keys) an element's matches begin with, each with whether
    it is closed (nothing more is known of what follows: a list's joiner); the empty sequence where it can
    match nothing. None: its first token is not known as a token (`_`, a gap, a prefix, `^`, `$`)."""
    optional = element.endswith("?") and len(element) > 1
    body = element[:-1] if optional else element
    heads: Heads
    if body.startswith("(") and body.endswith(")") and len(body) > 2:
        heads = set()
        for part in _alternatives(body[1:-1]):
            heads |= _sequence_leads(_split(part))
    elif body in ("{FW}", "{fw}"):  # one name, or the first of a list
        heads = {((FW_MARK,), False)} | {((FW_MARK, joiner), True) for joiner in _JOINERS}
    elif body in _ONE_TOKEN_SLOTS:
        heads = {((key,), False) for key in _ONE_TOKEN_SLOTS[body]}
    elif body in _PUNCT or (_WORD.match(body) and not body.endswith("*")):
        heads = {((body,), False)}
    else:
        return None
    return heads | {((), False)} if optional else heads


def _sequence_leads(elements: list[str]) -> Heads:
    """What a sequence's matches begin with: the leads of each element in turn, up to two tokens."""
    found: Heads = {((), False)}
    for element in elements:
        if all(closed or len(begun) == 2 for begun, closed in found):
            break
        heads = _element_leads(element)
        grown: Heads = set()
        for begun, closed in found:
            if closed or len(begun) == 2 or heads is None:
                grown.add((begun, True))
            else:
                grown.update(((begun + more)[:2], shut or len(begun + more) >= 2) for more, shut in heads)
        found = grown
    return found


def leads_of(pattern: str) -> Leads:
    """What every match of `pattern` begins with, so that the reader tries it only where a message has that:
    the pair of its first two tokens where both are known ("what (can|do) you" begins "what can" or "what do",
    and a message says "what" far more often than those), else its first token, or the prefixes of it
    (`migrat*`); (ANY,) where it can begin at any token (a leading gap or `_`). A pattern from the message's
    start (`^`) begins there: its leads are START and the pair (or token) after it ("^ what can": START, "what",
    "can"), else START alone. Each lead is made of index keys of a view (bot/reading/view.py)."""
    elements = _split(pattern)
    opening = elements[0] == "^"
    found = {begun for begun, _ in _sequence_leads(elements[1:] if opening else elements)}
    if found and all(found):
        return tuple(sorted((START, *lead) if opening else lead for lead in found)), ()
    starts = starts_of(pattern)
    if starts is None:
        return ((ANY,),), ()
    return tuple(sorted((key,) for key in starts[0])), starts[1]


def compile_pattern(pattern: str, check: bool = True) -> Compiled:
    """One pattern as a regex over a view; with `check`, also compiled once to prove it (`kb check` and the
    tests check every pattern; a process that only answers leaves the compiling to the first message that
    needs the cue, see Cue.regex). The reader tries a pattern only where a token begins (at its leads), so
    the regex needs no look behind for it."""
    if not isinstance(pattern, str):
        raise PatternError("a pattern must be text")
    if pattern.count("{FW}") > 1:
        raise PatternError("at most one {FW} (the framework the cue is about); mark the others {fw}")
    regex, needs = compile_sequence(pattern)
    if not _matches_a_token(_split(pattern)):
        raise PatternError("it can match no word at all: every part of it is optional or a gap")
    try:
        if check:
            re.compile(regex)
    except re.error as exc:
        raise PatternError(f"does not compile: {exc}") from exc
    return Compiled(regex, needs, "{FW}" in pattern, leads_of(pattern))


class Cue:
    """All the patterns of one concept. A message tries only the patterns it has the words for, each where
    its leads are (bot/reading/attempts.py)."""

    def __init__(self, name: str, patterns: list[Compiled]):
        self.name = name
        self.targets = any(p.targets for p in patterns)
        # Each pattern's {FW} group gets its own name (fw0, fw1, ...): what a match sets is read by that prefix.
        self.parts = tuple(f"(?:{p.regex.replace('(?P<fw>', f'(?P<fw{i}>')})" for i, p in enumerate(patterns))
        self.needs = tuple(p.needs for p in patterns)
        self.leads = tuple(p.leads for p in patterns)
        self._regexes: list[re.Pattern[str] | None] = [None] * len(patterns)

    def __getstate__(self) -> dict:
        """A stored cue (bot/warm.py) keeps its patterns, not their compiled expressions (compiled when needed)."""
        state = dict(self.__dict__)
        state["_regexes"] = [None] * len(self.parts)
        return state

    def regex(self, number: int) -> re.Pattern[str]:
        """One pattern's expression, compiled when first needed: compiling all of them is most of the time a
        process takes to start, and most messages need a few."""
        found = self._regexes[number]
        if found is None:
            found = self._regexes[number] = re.compile(self.parts[number])
        return found
