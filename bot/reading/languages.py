"""Is the message in English? The reader understands only English, so a message in another language gets a
plain "I only understand English" (in that language where it can tell which), never a confident wrong pick.

Three cheap signs, from knowledge/language/others.yaml: the script most of the letters are written in
(Cyrillic, Han, Hangul...); for Latin letters, common function words of another language outnumbering
English ones; and marks only one language writes ("¿" and "¡" are Spanish). Words every language borrows
(framework names, "API", "dashboard") count for none: "necesito hacer un dashboard en python, ¿streamlit o
dash?" is four Spanish words in five, not two in nine.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from bot.knowledge.model import Problem
from bot.knowledge.reading import Doc, label_of, read_yaml

OTHERS_FILE = Path("language") / "others.yaml"
FOREIGN_SCRIPT_SHARE = 0.3  # of the letters
MIN_FOREIGN_WORDS = 2
MARK_WEIGHT = MIN_FOREIGN_WORDS  # one "¿" is as telling as two Spanish words
FOREIGN_SHARE_OF_WORDS = 0.25
FOREIGN_OVER_ENGLISH = 1.5
# A message of content words and names ("Surgiu uma oportunidade de desenvolver um app em CMS: Django CMS, Wagtail")
# has few function words of any language: with none of English's, this many of another's decide.
FOREIGN_WITHOUT_ENGLISH = 3
# One Han, kana or Hangul character carries about a syllable or a word: it weighs like several Latin letters.
_WIDE_SCRIPTS = {"CJK": 3, "HIRAGANA": 3, "KATAKANA": 3, "HANGUL": 3}
_WORDS = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN = re.compile("[^\u0000-\u02ff]")


_LATIN_BEYOND_ASCII = re.compile("[\u0080-\u02ff]")
_NOT_AN_ASCII_LETTER = bytes(c for c in range(256) if not (65 <= c <= 90 or 97 <= c <= 122))


def _latin_count(text: str) -> int:
    """How many letters up to U+02FF (what str.isalpha says of each) a text has: its ASCII letters counted as
    bytes (a UTF-8 sequence has no ASCII byte in it), the few others one distinct character at a time."""
    ascii_letters = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_AN_ASCII_LETTER))
    return ascii_letters + sum(count for c, count in Counter(_LATIN_BEYOND_ASCII.findall(text)).items() if c.isalpha())


@lru_cache(maxsize=4096)
def _script(c: str) -> str:
    """The script a letter is written in, by the first word of its Unicode name."""
    return unicodedata.name(c, "UNKNOWN").split(" ", 1)[0]


_NOT_A_LETTER = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))  # for ASCII lower case


@dataclass(frozen=True)
class OtherLanguage:
    code: str
    name: str
    reply: str
    scripts: frozenset[str]
    words: frozenset[str]
    examples: tuple[tuple[str, int], ...]  # (sentence, line)
    marks: frozenset[str] = frozenset()  # characters only this language writes, each worth MARK_WEIGHT words


@dataclass(frozen=True)
class Languages:
    english: frozenset[str]
    others: tuple[OtherLanguage, ...]
    neutral: frozenset[str] = frozenset()  # words of every language (names, borrowed terms): not counted

    @cached_property
    def foreign_words(self) -> frozenset[str]:
        """Every other language's words, to see at once that a message has none of them."""
        return frozenset().union(*(lang.words for lang in self.others))

    @cached_property
    def _ascii_words(self) -> tuple[frozenset[bytes], frozenset[bytes]]:
        """The other languages' words and the neutral words that are plain ASCII, as bytes (see `_plainly_english`)."""
        return (frozenset(w.encode() for w in self.foreign_words if w.isascii()),
                frozenset(w.encode() for w in self.neutral if w.isascii()))

    def _plainly_english(self, text: str) -> bool:
        """Whether an ASCII text has none of the other languages' words: its words (runs of letters, as _WORDS
        finds them in ASCII) split out as bytes, several times sooner than the expression, which asks Unicode
        of each character."""
        foreign, neutral = self._ascii_words
        return foreign.isdisjoint(set(text.lower().encode().translate(_NOT_A_LETTER).split()) - neutral)

    def by_code(self, code: str) -> OtherLanguage | None:
        return next((lang for lang in self.others if lang.code == code), None)

    def detect(self, text: str) -> str:
        """`en`, or the code of the other language the message is in."""
        ascii_only = text.isascii()
        if not ascii_only and _BEYOND_LATIN.search(text):
            code = self._by_script(text)
            if code:
                return code
        marked = self._marked(text)
        if not marked and ascii_only and self._plainly_english(text):
            return "en"  # as below, for most messages
        # Each distinct word counted in C and looked up once, however often a long message repeats it.
        counts = Counter(_WORDS.findall(text.lower()))
        for word in self.neutral.intersection(counts):
            del counts[word]
        if not marked and self.foreign_words.isdisjoint(counts):
            return "en"  # no other language's word at all, as in most messages: nothing to count
        words = counts.total()
        if not marked and words < MIN_FOREIGN_WORDS:
            return "en"
        english = sum(counts[w] for w in self.english.intersection(counts))
        best, hits = "en", 0
        for lang in self.others:
            count = sum(counts[w] for w in lang.words.intersection(counts)) + marked.get(lang.code, 0)
            if count > hits:
                best, hits = lang.code, count
        if hits >= MIN_FOREIGN_WORDS and hits >= FOREIGN_SHARE_OF_WORDS * words \
                and hits > FOREIGN_OVER_ENGLISH * english:
            return best
        if english == 0 and hits >= FOREIGN_WITHOUT_ENGLISH:
            return best
        return "en"

    @cached_property
    def _marks(self) -> dict[str, str]:
        return {mark: lang.code for lang in self.others for mark in lang.marks}

    def _marked(self, text: str) -> dict[str, int]:
        """The weight of the marks each language alone writes, for the languages whose marks the text has."""
        found: dict[str, int] = {}
        for mark, code in self._marks.items():
            if mark in text:
                found[code] = found.get(code, 0) + MARK_WEIGHT
        return found

    def _by_script(self, text: str) -> str:
        """The language a text's script says, if other letters than Latin ones are the most of it: the Latin
        letters counted as bytes, the others (most texts have few) one distinct letter at a time."""
        latin = _latin_count(text)
        counts: dict[str, int] = {}
        for c, count in Counter(_BEYOND_LATIN.findall(text)).items():  # each distinct letter once, in order
            if not c.isalpha():
                continue
            script = _script(c)
            counts[script] = counts.get(script, 0) + _WIDE_SCRIPTS.get(script, 1) * count
        foreign = sum(counts.values())
        if not foreign or foreign < FOREIGN_SCRIPT_SHARE * (latin + foreign):
            return ""
        for lang in self.others:  # Japanese before Chinese: kana decide, Han alone is Chinese
            if lang.scripts and lang.scripts & {"HIRAGANA", "KATAKANA"} and lang.scripts & counts.keys():
                return lang.code
        top = max(counts, key=lambda s: counts[s])
        return next((lang.code for lang in self.others if top in lang.scripts), "")


def load_languages(root: Path, names: Iterable[str] = ()) -> tuple[Languages, list[Problem]]:
    """The other languages of `root`'s others.yaml; `names` (the frameworks' names) count for no language."""
    path = root / OTHERS_FILE
    label = label_of(path, root)
    doc, problems = read_yaml(path, label)
    if doc is None:
        return Languages(frozenset(), ()), problems
    return _parse(doc, problems, frozenset(w for name in names for w in _WORDS.findall(name.lower())))


def _parse(doc: Doc, problems: list[Problem], names: frozenset[str]) -> tuple[Languages, list[Problem]]:
    def bad(message: str, *where: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*where), message))

    data = doc.data if isinstance(doc.data, dict) else {}
    english = data.get("english_words")
    if not isinstance(english, list):
        bad("`english_words` must list common English words")
        english = []
    neutral = data.get("neutral_words") or []
    if not isinstance(neutral, list):
        bad("`neutral_words` must list words every language borrows", "neutral_words")
        neutral = []
    others = []
    for code, spec in (data.get("languages") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("reply"), str):
            bad(f"language `{code}` needs a `reply` in that language", "languages", code)
            continue
        scripts, words = spec.get("script") or [], spec.get("words") or []
        if not scripts and not words:
            bad(f"language `{code}` needs a `script` or `words` to be told apart", "languages", code)
        examples = spec.get("examples") or []
        if not examples:
            bad(f"language `{code}` needs `examples`: sentences that must be read as {code}", "languages", code)
        others.append(OtherLanguage(
            str(code), str(spec.get("name", code)), spec["reply"], frozenset(map(str, scripts)),
            frozenset(str(w).lower() for w in words),
            tuple((str(e), doc.line("languages", code, "examples", i)) for i, e in enumerate(examples)),
            frozenset(map(str, spec.get("marks") or []))))
    languages = Languages(frozenset(str(w).lower() for w in english), tuple(others),
                          names | frozenset(str(w).lower() for w in neutral))
    for lang in languages.others:
        for sentence, line in lang.examples:
            found = languages.detect(sentence)
            if found != lang.code:
                problems.append(Problem(doc.file, line, f"{lang.code}: example read as `{found}`: \"{sentence[:50]}\""))
    return languages, problems
