"""The English the reader understands, loaded from knowledge/language/en/*.yaml and checked like any
other knowledge: every problem is a `file:line: message`.

Three kinds of entry, one file each:
- `cues.yaml`: what a message asks for ("vs", "what should we use", "license of"); each cue fires or not.
- `roles.yaml`: what a named framework is to the message (in use, being left, ruled out, a model); each
  role is given to the frameworks at the pattern's {FW} slot.
- `words.yaml`: word lists the stages read with (negators and their reach, determiners, project nouns).

Every cue and role carries `examples:` (sentences it must fire on) and `counterexamples:` (sentences it
must not fire on); `pyframework kb check` runs them all through the reader (see bot/reading/selfcheck.py).
A new way of saying something is one line of data plus the sentence that proves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.model import Problem
from bot.knowledge.reading import Doc, label_of, quote, read_yaml
from bot.reading.patterns import Compiled, Cue, PatternError, compile_pattern

LANGUAGE_DIR = Path("language") / "en"
_ENTRY_KEYS = ("says", "patterns", "unless", "examples", "counterexamples", "words", "reach", "flags")


@dataclass(frozen=True)
class Example:
    file: str
    line: int
    kind: str  # cue | role | words
    concept: str
    text: str
    fires: bool  # an example (True) or a counterexample (False)
    intent: str = ""  # optionally, the intent the whole reading must reach


@dataclass
class Language:
    cues: dict[str, Cue] = field(default_factory=dict)
    roles: dict[str, Cue] = field(default_factory=dict)
    vetoes: dict[str, Cue] = field(default_factory=dict)  # `unless:` patterns: they take a cue or a role back
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    reach: dict[str, int] = field(default_factory=dict)
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)
    flag_lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # where each entry's flags are
    examples: list[Example] = field(default_factory=list)
    check: bool = True  # every pattern's regex compiled at load to prove it (see load_language)

    def cue(self, name: str) -> Cue:
        return self.cues[name]

    def word_list(self, name: str) -> frozenset[str]:
        return self.words[name]


# The concepts the reading code asks for by name: a data file that lacks one is reported, not a KeyError later.
# Every word list words.yaml holds is one of these: a list nothing reads is reported too, as dead data misleads.
REQUIRED: dict[str, tuple[str, ...]] = {"cues": (), "roles": (), "words": (
    "stop_words", "cue_words", "determiners", "object_pronouns", "negators", "lack_qualifiers", "labour_gerunds",
    "wish_verbs", "labour_verbs", "aside_lacks",
    "lack_verbs", "negation_softeners", "negation_suffixes", "emphasis_suffixes", "negation_stops", "list_joiners",
    "at_home_with", "size_adjectives", "intensifiers", "name_adjectives", "prepositions", "no_purpose", "project_nouns",
    "people_nouns", "database_names", "data_library_names",
    "option_placeholders", "option_determiners", "framework_words", "part_markers", "part_nouns", "off_topic_nouns",
    "generic_terms", "ordinary_package_names", "python_words", "setting_before", "setting_after", "name_slots",
    "software_words", "nearby_software_words", "lookalikes", "idioms", "shorthand",
)}


def _examples(doc: Doc, kind: str, name: str, entry: dict[str, Any], key: str, fires: bool,
              bad) -> list[Example]:
    raw = entry.get(key, [])
    if not isinstance(raw, list):
        bad(f"`{name}.{key}` must be a list of sentences", name, key)
        return []
    found = []
    for i, item in enumerate(raw):
        intent = ""
        if isinstance(item, dict):
            text, intent = item.get("text"), str(item.get("intent") or "")
            if set(item) - {"text", "intent"}:
                bad(f"`{name}.{key}`: an example is a sentence, or {{text, intent}}", name, key, i)
        else:
            text = item
        if not isinstance(text, str) or not text.strip():
            bad(f"`{name}.{key}` item {i + 1} must be a sentence", name, key, i)
            continue
        found.append(Example(doc.file, doc.line(name, key, i), kind, name, text, fires, intent))
    return found


def _patterns(entry: dict[str, Any], name: str, key: str, bad, check: bool = True) -> list[Compiled]:
    patterns = entry.get(key)
    if not isinstance(patterns, list) or not patterns:
        bad(f"`{name}` needs a list of `{key}`", name)
        return []
    compiled: list[Compiled] = []
    for i, pattern in enumerate(patterns):
        try:
            compiled.append(compile_pattern(pattern, check))
        except PatternError as exc:
            bad(f"pattern `{quote(pattern)}` of `{name}`: {exc}", name, key, i)
    return compiled


def _compile_entry(doc: Doc, kind: str, name: str, entry: Any, language: Language, bad) -> None:
    if not isinstance(entry, dict):
        bad(f"`{quote(name)}` must be a mapping with says, patterns, examples, counterexamples", name)
        return
    for key in entry:
        if key not in _ENTRY_KEYS:
            bad(f"unknown field `{quote(key)}` in `{name}` (expected {', '.join(_ENTRY_KEYS)})", name, key)
    if not isinstance(entry.get("says"), str) or not entry["says"].strip():
        bad(f"`{name}` needs `says:`, a sentence on what it means", name)
    if isinstance(entry.get("flags"), dict):
        language.flags[name] = dict(entry["flags"])
        language.flag_lines[name] = (doc.file, doc.line(name, "flags"))
    if kind == "words":
        _word_list(name, entry, language, bad)
    else:
        _cue_or_role(kind, name, entry, language, bad)
    examples = _examples(doc, kind, name, entry, "examples", True, bad)
    language.examples += examples + _examples(doc, kind, name, entry, "counterexamples", False, bad)


SHORTHAND = "shorthand"  # the one word list of pairs: "u=you"


def shorthand_table(language: Language) -> dict[str, str]:
    """Chat shorthand and what it stands for, one word for one ("u" -> "you")."""
    return dict(pair.split("=", 1) for pair in language.words.get(SHORTHAND, ()))


def _word_list(name: str, entry: dict[str, Any], language: Language, bad) -> None:
    words = entry.get("words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        bad(f"`{name}.words` must be a list of words", name)
        words = []
    if name == SHORTHAND:
        odd = [w for w in words if not re.fullmatch(r"[a-z0-9']+=[a-z0-9']+", str(w).strip().lower())]
        if odd:
            bad(f"`{name}.words` must be pairs of one word each, \"u=you\": not {', '.join(map(str, odd))}", name)
            words = [w for w in words if w not in odd]
    language.words[name] = frozenset(str(w).strip().lower() for w in words)
    reach = entry.get("reach")
    if reach is None:
        return
    if not isinstance(reach, int) or isinstance(reach, bool) or not 0 < reach <= 20:
        bad(f"`{name}.reach` must be a number of words from 1 to 20", name, "reach")
    else:
        language.reach[name] = reach


def _cue_or_role(kind: str, name: str, entry: dict[str, Any], language: Language, bad) -> None:
    compiled = _patterns(entry, name, "patterns", bad, language.check)
    if kind == "roles" and compiled and not all(c.targets for c in compiled):
        bad(f"every pattern of the role `{name}` needs a {{FW}} slot (the framework it is about)", name)
    (language.roles if kind == "roles" else language.cues)[name] = Cue(name, compiled)
    if "unless" in entry:
        vetoes = _patterns(entry, name, "unless", bad, language.check)
        if kind == "roles" and not all(c.targets for c in vetoes):
            bad(f"each `unless` pattern of the role `{name}` needs a {{FW}} slot", name, "unless")
        language.vetoes[name] = Cue(name, vetoes)
    for key in ("examples", "counterexamples"):
        if not entry.get(key):
            bad(f"`{name}` needs at least one of `{key}`: the sentence that proves it", name)


def load_language(root: Path, check: bool = True) -> tuple[Language, list[Problem]]:
    """The compiled language of `root/language/en`, and every problem found in it. Without `check`, the
    patterns' regular expressions are compiled when first needed instead of proved here (see Cue.regex):
    for a process that answers, once `kb check` and the tests have proved them."""
    language = Language(check=check)
    problems: list[Problem] = []
    folder = root / LANGUAGE_DIR
    for kind in ("cues", "roles", "words"):
        path = folder / f"{kind}.yaml"
        label = label_of(path, root)
        doc, read_problems = read_yaml(path, label)
        problems += read_problems
        if doc is None:
            continue

        def bad(message: str, *where: str | int, _doc: Doc = doc, _label: str = label,
                _problems: list[Problem] = problems) -> None:
            _problems.append(Problem(_label, _doc.line(*where), message))

        if not isinstance(doc.data, dict):
            bad("expected a mapping of concept names to entries")
            continue
        for name, entry in doc.data.items():
            _compile_entry(doc, kind, str(name), entry, language, bad)
        have = language.words if kind == "words" else language.roles if kind == "roles" else language.cues
        for name in REQUIRED[kind]:
            if name not in have:
                bad(f"`{name}` is missing: the reader needs it")
        for name in sorted(set(have) - set(REQUIRED[kind])) if kind == "words" else ():
            bad(f"`{name}` is read by nothing: use it in the reading code (and language.REQUIRED) or remove it",
                name)
    return language, problems
