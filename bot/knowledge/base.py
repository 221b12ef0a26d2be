"""The knowledge base as a whole: the vocabulary and every framework file, loaded and cross-checked.

The knowledge base is data written by people, so every load checks it and reports each problem as
``file:line: message``. The engine only ever sees a knowledge base that passed; the bot refuses to
start on one that did not, rather than answering from half-understood facts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.knowledge.model import CATEGORIES, Framework, KnowledgeError, Problem, Vocabulary
from bot.knowledge.names import Name, load_names
from bot.knowledge.purposes import Purposes
from bot.knowledge.reading import Doc, label_of, read_yaml

# The parsers of framework and vocabulary files (bot/knowledge/frameworks.py, vocabulary.py, facts.py) are
# imported by `check`, which alone needs them: a process whose engine comes built (bot/warm.py) starts
# without them.

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge"


_COMPOUND = re.compile(r"\b([a-z]{3,})-([a-z]{4,})\b")
_PROPER_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")  # a capitalised word mid-sentence: a name
_INFLECTED = re.compile(r"^([a-z]+?)(?:ing|ed)$")  # "migrating", "configured": an everyday verb's forms


def stems(word: str) -> tuple[str, ...]:
    """The words an inflected form may come from: "migrating" -> "migrat", "migrate"; "rerunning" -> "rerun"."""
    inflected = _INFLECTED.match(word)
    if not inflected:
        return ()
    stem = inflected[1]
    undoubled = (stem[:-1],) if len(stem) > 2 and stem[-1] == stem[-2] else ()
    return (stem, f"{stem}e", *undoubled)


def backer_terms(fw: Framework) -> tuple[str, ...]:
    """The company or organisation behind a framework as a term: one word ("Plotly", "Posit, PBC", "HoloViz")
    or two joined by a hyphen, as the reader joins neighbouring words ("Hugging Face": "hugging-face"). Its
    ecosystem is what a team already uses ("we're an R shop on Posit Connect"); a person's name, volunteers,
    or a longer name, is no hint."""
    if fw.backing is None or fw.backing.kind not in ("company", "community-org", "foundation"):
        return ()
    words = [w.lower() for w in fw.backing.by.split("(")[0].split(",")[0].split() if w.isalpha()]
    return ("-".join(words),) if 1 <= len(words) <= 2 else ()


def foundation_terms(fw: Framework) -> tuple[str, ...]:
    """The names that point at a framework more than any word of its description: what it is built on, the
    libraries of its own family ("we already use holoviews": Panel) and the organisation behind it."""
    return (*fw.built_on, *fw.ecosystem, *backer_terms(fw))


@dataclass(frozen=True)
class KnowledgeBase:
    vocabulary: Vocabulary
    frameworks: dict[str, Framework]
    source_dir: Path = field(default=DEFAULT_DIR)
    names: dict[str, Name] = field(default_factory=dict)  # what is not a framework here (knowledge/names.yaml)
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # the word lists of language/en/words.yaml

    @cached_property
    def distinctive_terms(self) -> dict[str, frozenset[str]]:
        """Words that only one or two frameworks' own descriptions use ("msgspec", "traversal", "browsable"):
        a question that uses them points at those frameworks, even where the vocabulary has no need for it."""
        from bot.reading.tokens import words_of

        stop, generic = self.words.get("stop_words", frozenset()), self.words.get("generic_terms", frozenset())
        generic = generic | self.words.get("common_words", frozenset())  # everyday English points nowhere
        # A name the reader finds is no term; a word of a longer alias alone is ("holoviz" of "holoviz panel").
        names = {t for fw in self.frameworks.values()
                 for alias in (fw.id, fw.name, *fw.aliases) if len(words_of(alias)) == 1 for t in words_of(alias)}
        names |= set(self.predecessors)  # "our old Pylons app" names what Pyramid continues: the successor's rule
        users: dict[str, set[str]] = {}
        prose_of = {fw.id: fw.prose for fw in self.frameworks.values()}
        # Short words count when they are names: always written with a capital ("Rust", "Tokio"), never as the
        # everyday word some product name also uses ("Teams", "Cloud").
        lower_case = {word for prose in prose_of.values() for word in re.findall(r"\b[a-z]+\b", prose)}
        for fw in self.frameworks.values():
            prose = prose_of[fw.id]
            proper = {word.lower() for word in _PROPER_NAME.findall(prose)} - lower_case
            for token in set(words_of(prose)):
                if ((len(token) >= 6 or token in proper) and token.isalpha() and token not in stop
                        and token not in names and token not in generic and generic.isdisjoint(stems(token))):
                    users.setdefault(token, set()).add(fw.id)
            # What it is built on and is not a framework of its own ("bokeh", "flutter"), and the company behind it
            # ("plotly", "hugging-face"), where its description names them: "we already use bokeh" points at
            # Panel, "our charts are plotly" at Dash, whatever length the name has.
            for part in foundation_terms(fw):
                if part not in self.frameworks and part.replace("-", "").isalpha() and part not in stop \
                        and part not in generic and part.replace("-", " ") in prose.lower():
                    users.setdefault(part, set()).add(fw.id)
            # Everyday words can make a technical compound: "object-oriented", "multi-threaded".
            for first, second in set(_COMPOUND.findall(prose.lower())):
                if first not in stop and second not in stop and not {first, second} & names:
                    users.setdefault(f"{first}-{second}", set()).add(fw.id)
        return {token: frozenset(ids) for token, ids in users.items() if len(ids) <= 2}

    @cached_property
    def purpose_ignored(self) -> frozenset[str]:
        """Words that say nothing of what a framework is for: function words, words of asking, "framework",
        "python", "project" and the like, and every word of a framework's name ("dash vs flask":
        Dash's description says it is built on Flask, which is no purpose)."""
        from bot.reading.tokens import words_of

        lists = ("stop_words", "cue_words", "framework_words", "python_words", "no_purpose")
        names = {t for fw in self.frameworks.values() for alias in (fw.id, fw.name, *fw.aliases)
                 for t in words_of(alias)}
        return frozenset().union(*(self.words.get(name, frozenset()) for name in lists), names)

    @cached_property
    def purposes(self) -> Purposes:
        """Each framework's description as weighted words, to weigh a comparison's stated purpose against."""
        return Purposes.build({fid: fw.prose for fid, fw in self.frameworks.items()}, self.purpose_ignored)

    @cached_property
    def libraries(self) -> dict[str, frozenset[str]]:
        """Each third-party package some framework depends on (lower case, "pydantic") and the frameworks
        that do, so "without Pydantic" can rule out FastAPI and Django Ninja. Framework names are left out
        (ruling out a framework is a different question), and so are names that are also a feature or an
        ordinary word."""
        names = {alias.lower() for fw in self.frameworks.values() for alias in (fw.id, fw.name, *fw.aliases)}
        names |= set(self.vocabulary.features) | self.words.get("ordinary_package_names", frozenset())
        users: dict[str, set[str]] = {}
        for fw in self.frameworks.values():
            for dependency in fw.dependencies:
                name = dependency.split("(")[0].strip().lower()
                if name and name != "none" and name not in names:
                    users.setdefault(name, set()).add(fw.id)
        return {name: frozenset(ids) for name, ids in users.items()}

    @cached_property
    def predecessors(self) -> dict[str, str]:
        """Lower-case names of projects a framework continues, to that framework: "pylons" -> "pyramid"."""
        return {name.lower(): fw.id for fw in self.frameworks.values() for name in fw.succeeds}

    def by_category(self) -> dict[str, list[Framework]]:
        grouped: dict[str, list[Framework]] = {c: [] for c in CATEGORIES}
        for fw in self.frameworks.values():
            grouped[fw.category].append(fw)
        return grouped


def _cross_check(frameworks: dict[str, Framework], lines: dict[str, tuple[str, Doc]], vocab: Vocabulary,
                 vocab_doc: Doc) -> list[Problem]:
    """What no single file can check: an add-on names another framework here, and no phrase of the
    vocabulary names a framework (the reader would take the name for a need: "mount a flask app")."""
    problems = []
    names = {alias for fw in frameworks.values() if not fw.common_word  # "admin panel" may say panel
             for alias in (fw.id, fw.name.lower(), *fw.aliases)}
    for feature in vocab.features.values():
        for phrase in feature.synonyms:
            if names.intersection(phrase.replace("-", " ").split()):
                where = vocab_doc.line("features", feature.id, "synonyms")
                problems.append(Problem(vocab_doc.file, where,
                                        f"`{feature.id}` phrase \"{phrase}\" names a framework: say it without it"))
    for fw in frameworks.values():
        if fw.extends and (fw.extends not in frameworks or fw.extends == fw.id):
            label, doc = lines[fw.id]
            problems.append(Problem(label, doc.line("extends"),
                                    f"extends `{fw.extends}`, which is not another framework here"))
    return problems


def _alias_problems(fw: Framework, label: str, doc: Doc, owners: dict[str, tuple[str, str, int]]) -> list[Problem]:
    problems = []
    for i, alias in enumerate((fw.id, fw.name.lower(), *fw.aliases)):
        owner = owners.get(alias)
        if owner and owner[0] != fw.id:
            line = doc.line("aliases", i - 2) if i >= 2 else doc.line("aliases")
            problems.append(Problem(label, line, f"alias `{alias}` is already used by {owner[1]}:{owner[2]}"))
        elif not owner:
            owners[alias] = (fw.id, label, doc.line("aliases"))
    return problems


def stale_checks(frameworks: dict[str, Framework], lines: dict[str, tuple[str, Doc]],
                 today: dt.date | None = None) -> list[Problem]:
    """Warnings for files whose facts were last checked more than about six months ago."""
    from bot.knowledge.facts import STALE_CHECK_DAYS

    today = today or dt.date.today()
    warnings = []
    for fw in frameworks.values():
        age = (today - dt.date.fromisoformat(fw.checked)).days
        if age > STALE_CHECK_DAYS:
            label, doc = lines[fw.id]
            warnings.append(Problem(label, doc.line("checked"), f"last checked {fw.checked}, {age} days ago: "
                                    "check it against its sources (`pyframework kb refresh` helps)", warning=True))
    return warnings


def knowledge_dir(root: Path | str | None = None) -> Path:
    """The folder the knowledge is read from: `root`, else $PYFRAMEWORK_KNOWLEDGE, else the bundled one."""
    return Path(root or os.environ.get("PYFRAMEWORK_KNOWLEDGE") or DEFAULT_DIR)


def check(root: Path | str | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and validate everything under `root`; return the knowledge base (or None) and all problems.

    Warnings (stale checks) come after the problems and do not stop the knowledge base from loading."""
    from bot.knowledge.frameworks import parse_framework
    from bot.knowledge.vocabulary import parse_vocabulary

    root = knowledge_dir(root)
    vocab_path = root / "features.yaml"
    vocab_doc, problems = read_yaml(vocab_path, label_of(vocab_path, root))
    if vocab_doc is None:
        return None, problems
    vocab, vocab_problems = parse_vocabulary(vocab_doc)
    problems += vocab_problems
    frameworks: dict[str, Framework] = {}
    lines: dict[str, tuple[str, Doc]] = {}
    owners: dict[str, tuple[str, str, int]] = {}
    files = sorted((root / "frameworks").glob("*.yaml")) if (root / "frameworks").is_dir() else []
    if not files:
        problems.append(Problem(label_of(root / "frameworks", root), 1, "no framework files found"))
    for path in files:
        label = label_of(path, root)
        doc, read_problems = read_yaml(path, label)
        problems += read_problems
        if doc is None:
            continue
        fw, fw_problems = parse_framework(doc, vocab, path.stem)
        problems += fw_problems
        if fw is None:
            continue
        problems += _alias_problems(fw, label, doc, owners)
        frameworks[fw.id] = fw
        lines[fw.id] = (label, doc)
    problems += _cross_check(frameworks, lines, vocab, vocab_doc)
    names, name_problems = load_names(root, frameworks, vocab.features)
    problems += name_problems
    if problems:
        return None, problems
    return KnowledgeBase(vocab, frameworks, root, names, _word_lists(root)), stale_checks(frameworks, lines)


def _word_lists(root: Path) -> dict[str, frozenset[str]]:
    """The word lists of the language data, which some derived facts need ("stop words" are never a
    framework's distinctive term); the reader loads and checks the same file in full."""
    path = root / "language" / "en" / "words.yaml"
    doc, _problems = read_yaml(path, label_of(path, root)) if path.exists() else (None, [])
    if doc is None or not isinstance(doc.data, dict):
        return {}
    lists = {str(name): frozenset(str(w).lower() for w in entry["words"]) for name, entry in doc.data.items()
             if isinstance(entry, dict) and isinstance(entry.get("words"), list)}
    common = root / "language" / "en" / "common_words.txt"
    if common.is_file():  # plain lines, one word each, `#` comments: generated by tools/common_words.py
        lines = common.read_text(encoding="utf-8").splitlines()
        lists["common_words"] = frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
    return lists


def load(root: Path | str | None = None) -> KnowledgeBase:
    """The validated knowledge base; raises KnowledgeError listing every problem otherwise."""
    kb, problems = check(root)
    if kb is None:
        raise KnowledgeError(problems)
    return kb


RULED_OUT = "ruled_out"


def iter_phrases(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """Every vocabulary phrase as (phrase, kind, key): kind is `feature`, `ruled_out` (a phrase that says a
    feature is not wanted) or a trait id."""
    for feature in kb.vocabulary.features.values():
        for phrase in feature.synonyms:
            yield phrase, "feature", feature.id
        for phrase in feature.ruled_out_by:
            yield phrase, RULED_OUT, feature.id
    for trait in kb.vocabulary.traits.values():
        for value in trait.values.values():
            for phrase in value.synonyms:
                yield phrase, trait.id, value.id


def describe(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
