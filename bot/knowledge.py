"""Load and validate the knowledge base: `knowledge/features.yaml` and `knowledge/frameworks/*.yaml`.

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
from typing import Any

import yaml

# PyYAML's C loader is the same safe loader, only faster; fall back to the pure-Python one.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge"

CATEGORIES = ("full-stack", "micro", "async", "api", "data-app")
INTERFACES = ("wsgi", "asgi", "wsgi+asgi", "own-server", "own-server+asgi")
ASYNC_SUPPORT = ("native", "partial", "none")
MAINTENANCE = ("active", "maintenance-only", "unmaintained")
SUPPORT_LEVELS = ("builtin", "partial", "extension", "none")
ADOPTION = ("high", "medium", "low")

_REQUIRED = (
    "id", "name", "aliases", "category", "summary", "interface", "async_support", "license",
    "first_release", "latest_version", "maintenance", "checked", "features", "traits", "strengths",
    "weaknesses", "best_for", "avoid_when", "dependencies", "docs", "repository", "sources",
)
_VOCAB_FIELDS = ("features", "traits", "software_words", "nearby_software_words", "lookalikes", "idioms",
                 "common_word_others", "other_frameworks", "closest_python")
_OPTIONAL = ("notable_users", "article_claims", "common_word", "adoption", "extends", "succeeds")
_SPDX = re.compile(r"^[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*$")
_URL = re.compile(r"^https?://\S+$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file, where it is and what to do about it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "unknown problem"
        more = f" (and {len(problems) - 1} more; run `pyframework kb check`)" if len(problems) > 1 else ""
        super().__init__(f"invalid knowledge base: {first}{more}")


@dataclass(frozen=True)
class Feature:
    id: str
    label: str
    description: str
    weight: float
    synonyms: tuple[str, ...]
    missing: str = ""

    @property
    def absent(self) -> str:
        """How to say a framework lacks this: `No admin interface`, or the vocabulary's own wording."""
        return self.missing or f"No {lower_first(self.label)}"


@dataclass(frozen=True)
class TraitValue:
    trait: str
    id: str
    label: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Trait:
    id: str
    label: str
    weight: float
    values: dict[str, TraitValue]


@dataclass(frozen=True)
class Support:
    """How a framework provides a feature: builtin, through an extension (`via`), or not at all."""

    level: str
    via: str = ""
    note: str = ""


@dataclass(frozen=True)
class ArticleClaim:
    claim: str
    correction: str
    source: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    aliases: tuple[str, ...]
    common_word: bool
    category: str
    summary: str
    interface: str
    async_support: str
    license: str
    first_release: int
    latest_version: str
    maintenance: str
    checked: str
    adoption: str
    features: dict[str, Support]
    traits: dict[str, tuple[str, ...]]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    best_for: tuple[str, ...]
    avoid_when: tuple[str, ...]
    notable_users: tuple[str, ...]
    dependencies: tuple[str, ...]
    docs: str
    repository: str
    sources: tuple[str, ...]
    article_claims: tuple[ArticleClaim, ...]
    extends: str = ""  # the framework this one is an add-on for (Django REST framework -> django)
    succeeds: tuple[str, ...] = ()  # projects it continues (Pyramid: Pylons, repoze.bfg; Litestar: Starlite)

    def support(self, feature: str) -> Support:
        return self.features.get(feature, Support("none"))


@dataclass(frozen=True)
class Vocabulary:
    features: dict[str, Feature]
    traits: dict[str, Trait]
    software_words: frozenset[str] = frozenset()
    nearby_software_words: frozenset[str] = frozenset()
    lookalikes: frozenset[str] = frozenset()
    idioms: frozenset[str] = frozenset()  # "the test pyramid", "dash off a prototype": names as ordinary words
    common_word_others: frozenset[str] = frozenset()
    other_frameworks: dict[str, str] = field(default_factory=dict)
    # "the Python equivalent of Express": the frameworks of this knowledge base closest to another one
    closest_python: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class KnowledgeBase:
    vocabulary: Vocabulary
    frameworks: dict[str, Framework]
    source_dir: Path = field(default=DEFAULT_DIR)

    @cached_property
    def distinctive_terms(self) -> dict[str, frozenset[str]]:
        """Words that only one or two frameworks' own descriptions use ("msgspec", "traversal", "browsable"):
        a question that uses them points at those frameworks, even where the vocabulary has no need for it."""
        from bot.phrasing import GENERIC_TERMS, STOP_WORDS, tokenize

        names = {t for fw in self.frameworks.values()
                 for alias in (fw.id, fw.name, *fw.aliases) for t in tokenize(alias)}
        users: dict[str, set[str]] = {}
        for fw in self.frameworks.values():
            prose = " ".join((fw.summary, *fw.strengths, *fw.best_for))
            for token in set(tokenize(prose)):
                if (len(token) >= 6 and token.isalpha() and token not in STOP_WORDS and token not in names
                        and token not in GENERIC_TERMS):
                    users.setdefault(token, set()).add(fw.id)
        return {token: frozenset(ids) for token, ids in users.items() if len(ids) <= 2}

    @cached_property
    def libraries(self) -> dict[str, frozenset[str]]:
        """Each third-party package some framework depends on (lower case, "pydantic") and the frameworks
        that do, so "without Pydantic" can rule out FastAPI and Django Ninja. Framework names are left out
        (ruling out a framework is a different question), and so are names that are also a feature or an
        ordinary word."""
        from bot.phrasing import ORDINARY_PACKAGE_NAMES

        names = {alias.lower() for fw in self.frameworks.values() for alias in (fw.id, fw.name, *fw.aliases)}
        names |= set(self.vocabulary.features) | ORDINARY_PACKAGE_NAMES  # "no websockets" is the feature
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


# --- reading YAML with line numbers -------------------------------------------------------------


@dataclass
class _Doc:
    """A parsed YAML file that can tell the line of any key path, for error messages."""

    file: str
    data: Any
    node: yaml.Node | None

    def line(self, *path: str | int) -> int:
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        line, node = k.start_mark.line + 1, v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def _read(path: Path, label: str) -> tuple[_Doc | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(label, 1, f"cannot read file: {exc}")]
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except ValueError as exc:  # a well-formed but impossible value, e.g. the date 2026-02-30
        return None, [Problem(label, _line_of_bad_value(text, exc), f"impossible value: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(label, line, f"not valid YAML: {reason}")]
    finally:
        loader.dispose()
    return _Doc(label, data, node), []


def _line_of_bad_value(text: str, exc: ValueError) -> int:
    """PyYAML does not say where a constructor failed; find the first date-like value that is not a date."""
    for number, line in enumerate(text.splitlines(), 1):
        match = re.search(r":\s*(\d{4}-\d{1,2}-\d{1,2})\s*$", line)
        if match:
            try:
                dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in match.group(1).split("-")))
            except ValueError:
                return number
    return 1


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


# --- the vocabulary -----------------------------------------------------------------------------


def _synonyms(raw: Any) -> tuple[str, ...]:
    return tuple(str(s).strip().lower() for s in raw) if isinstance(raw, list) else ()


def _parse_vocabulary(doc: _Doc) -> tuple[Vocabulary, list[Problem]]:
    problems: list[Problem] = []

    def bad(message: str, *path: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*path), message))

    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        bad("expected a mapping with `features:` and `traits:`")
    for key in data:
        if key not in _VOCAB_FIELDS:
            bad(f"unknown field `{key}` (expected {', '.join(_VOCAB_FIELDS)})", key)

    features: dict[str, Feature] = {}
    raw_features = data.get("features")
    if not isinstance(raw_features, dict) or not raw_features:
        bad("`features` must be a non-empty mapping of feature ids", "features")
        raw_features = {}
    for fid, spec in raw_features.items():
        where = ("features", fid)
        if not isinstance(spec, dict):
            bad(f"feature `{fid}` must be a mapping with label, description, weight, synonyms", *where)
            continue
        for key in spec:
            if key not in ("label", "description", "weight", "synonyms", "missing"):
                bad(f"unknown field `{key}` in feature `{fid}`", *where, key)
        for key in ("label", "description"):
            if not isinstance(spec.get(key), str) or not spec.get(key):
                bad(f"feature `{fid}` needs a `{key}`", *where)
        weight = spec.get("weight", 1.0)
        if not isinstance(weight, int | float) or not 0 < weight <= 5:
            bad(f"feature `{fid}` weight must be a number in (0, 5]", *where, "weight")
            weight = 1.0
        if not isinstance(spec.get("synonyms"), list):
            bad(f"feature `{fid}` needs a list of `synonyms`", *where)
        features[str(fid)] = Feature(str(fid), str(spec.get("label", fid)), str(spec.get("description", "")),
                                     float(weight), _synonyms(spec.get("synonyms")), str(spec.get("missing") or ""))

    traits: dict[str, Trait] = {}
    raw_traits = data.get("traits") or {}
    if not isinstance(raw_traits, dict):
        bad("`traits` must be a mapping", "traits")
        raw_traits = {}
    for tid, spec in raw_traits.items():
        where = ("traits", tid)
        if not isinstance(spec, dict) or not isinstance(spec.get("values"), dict):
            bad(f"trait `{tid}` needs a label, a weight and `values`", *where)
            continue
        for key in spec:
            if key not in ("label", "weight", "values"):
                bad(f"unknown field `{key}` in trait `{tid}`", *where, key)
        values = {}
        for vid, vspec in spec["values"].items():
            if not isinstance(vspec, dict) or not isinstance(vspec.get("synonyms"), list):
                bad(f"trait value `{tid}.{vid}` needs a label and synonyms", *where, "values", vid)
                continue
            values[str(vid)] = TraitValue(str(tid), str(vid), str(vspec.get("label", vid)),
                                          _synonyms(vspec["synonyms"]))
        weight = spec.get("weight", 1.0)
        traits[str(tid)] = Trait(str(tid), str(spec.get("label", tid)),
                                 float(weight) if isinstance(weight, int | float) else 1.0, values)
    for key in ("software_words", "nearby_software_words", "lookalikes", "idioms", "common_word_others"):
        if not isinstance(data.get(key, []), list):
            bad(f"`{key}` must be a list of words", key)
    closest_raw = data.get("closest_python") or {}
    closest: dict[str, tuple[str, ...]] = {}
    if not isinstance(closest_raw, dict) or not all(isinstance(v, list) for v in closest_raw.values()):
        bad("`closest_python` must map another framework to a list of framework ids", "closest_python")
    else:
        closest = {str(k).lower(): tuple(str(v) for v in vs) for k, vs in closest_raw.items()}
    others = data.get("other_frameworks") or {}
    if not isinstance(others, dict) or not all(isinstance(v, str) for v in others.values()):
        bad("`other_frameworks` must map a name to what it is", "other_frameworks")
        others = {}
    return Vocabulary(
        features, traits,
        software_words=frozenset(_synonyms(data.get("software_words"))),
        nearby_software_words=frozenset(_synonyms(data.get("nearby_software_words"))),
        lookalikes=frozenset(_synonyms(data.get("lookalikes"))),
        idioms=frozenset(_synonyms(data.get("idioms"))),
        common_word_others=frozenset(_synonyms(data.get("common_word_others"))),
        other_frameworks={str(k).lower(): v for k, v in others.items()},
        closest_python=closest,
    ), problems


# --- one framework file --------------------------------------------------------------------------


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _parse_framework(doc: _Doc, vocab: Vocabulary, expected_id: str) -> tuple[Framework | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(message: str, *path: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*path), message))

    data = doc.data
    if not isinstance(data, dict):
        bad("expected a mapping of framework fields")
        return None, problems
    for key in data:
        if key not in _REQUIRED and key not in _OPTIONAL:
            bad(f"unknown field `{key}`", key)
    for key in _REQUIRED:
        if key not in data:
            bad(f"missing required field `{key}`")
        elif data[key] in (None, "", [], {}):
            bad(f"required field `{key}` is empty", key)
    if problems:
        return None, problems

    if data["id"] != expected_id:
        bad(f"id `{data['id']}` does not match the file name `{expected_id}.yaml`", "id")
    if not isinstance(data["id"], str) or not _ID.match(data["id"]):
        bad("id must be the lower-case PyPI name", "id")
    for key, allowed in (("category", CATEGORIES), ("interface", INTERFACES),
                         ("async_support", ASYNC_SUPPORT), ("maintenance", MAINTENANCE)):
        if data[key] not in allowed:
            bad(f"{key} `{data[key]}` is not one of {', '.join(allowed)}", key)
    adoption = data.get("adoption", "medium")
    if adoption not in ADOPTION:
        bad(f"adoption `{adoption}` is not one of {', '.join(ADOPTION)}", "adoption")
    if not isinstance(data.get("common_word", False), bool):
        bad("common_word must be true or false", "common_word")
    if not isinstance(data["license"], str) or not _SPDX.match(data["license"]):
        bad(f"license `{data['license']}` is not an SPDX identifier", "license")
    year = data["first_release"]
    if not isinstance(year, int) or not 1990 <= year <= dt.date.today().year:
        bad("first_release must be a year", "first_release")
    checked = data["checked"]
    if isinstance(checked, str):
        try:
            checked = dt.date.fromisoformat(checked)
        except ValueError:
            bad("checked must be a date (YYYY-MM-DD)", "checked")
    elif not isinstance(checked, dt.date):
        bad("checked must be a date (YYYY-MM-DD)", "checked")
    for key in ("name", "summary", "latest_version"):
        if not isinstance(data[key], str | int | float):
            bad(f"{key} must be text", key)
    if not _str_list(data["aliases"]):
        bad("aliases must be a list of spellings", "aliases")
    for key in ("strengths", "weaknesses", "best_for", "avoid_when", "dependencies"):
        if not _str_list(data[key]):
            bad(f"{key} must be a list of short sentences", key)
    if "notable_users" in data and not _str_list(data["notable_users"]):
        bad("notable_users must be a list of names", "notable_users")
    for key in ("docs", "repository"):
        if not isinstance(data[key], str) or not _URL.match(data[key]):
            bad(f"{key} must be an http(s) URL", key)
    sources = data["sources"]
    if not isinstance(sources, list) or not sources:
        bad("sources must list the pages the facts came from", "sources")
        sources = []
    succeeds = data.get("succeeds") or []
    if not isinstance(succeeds, list) or not all(isinstance(name, str) and name.strip() for name in succeeds):
        bad("`succeeds` must be a list of project names", "succeeds")
    for i, url in enumerate(sources):
        if not isinstance(url, str) or not _URL.match(url):
            bad(f"source `{url}` is not an http(s) URL", "sources", i)

    features = _parse_features(data["features"], vocab, bad)
    async_level = features.get("async", Support("none")).level
    if (data["async_support"], async_level) in (("native", "none"), ("none", "builtin")):
        bad(f"async_support `{data['async_support']}` contradicts the `async` feature ({async_level})", "async_support")
    traits = _parse_traits(data["traits"], vocab, bad)
    claims = _parse_claims(data.get("article_claims") or [], bad)
    if problems:
        return None, problems
    return Framework(
        id=data["id"], name=str(data["name"]),
        aliases=tuple(dict.fromkeys(a.strip().lower() for a in data["aliases"])),
        common_word=bool(data.get("common_word", False)), category=data["category"],
        summary=" ".join(str(data["summary"]).split()), interface=data["interface"],
        async_support=data["async_support"], license=data["license"], first_release=year,
        latest_version=str(data["latest_version"]), maintenance=data["maintenance"], checked=str(checked),
        adoption=adoption, features=features, traits=traits,
        strengths=tuple(data["strengths"]), weaknesses=tuple(data["weaknesses"]),
        best_for=tuple(data["best_for"]), avoid_when=tuple(data["avoid_when"]),
        notable_users=tuple(data.get("notable_users") or ()), dependencies=tuple(data["dependencies"]),
        docs=data["docs"], repository=data["repository"], sources=tuple(sources), article_claims=claims,
        extends=str(data.get("extends") or ""),
        succeeds=tuple(str(name) for name in data.get("succeeds") or ()),
    ), problems


def _parse_features(raw: Any, vocab: Vocabulary, bad) -> dict[str, Support]:
    if not isinstance(raw, dict):
        bad("features must map each feature id to builtin, partial, extension or none", "features")
        return {}
    features: dict[str, Support] = {}
    for fid, value in raw.items():
        where = ("features", fid)
        if fid not in vocab.features:
            bad(f"feature `{fid}` is not in knowledge/features.yaml", *where)
            continue
        if isinstance(value, str):
            value = {"support": value}
        if not isinstance(value, dict):
            bad(f"feature `{fid}` must be builtin, none, or a mapping with support/via/note", *where)
            continue
        for key in value:
            if key not in ("support", "via", "note"):
                bad(f"unknown field `{key}` in feature `{fid}`", *where, key)
        level = value.get("support")
        if level not in SUPPORT_LEVELS:
            bad(f"feature `{fid}` support `{level}` is not one of {', '.join(SUPPORT_LEVELS)}", *where)
            continue
        if level == "extension" and not value.get("via"):
            bad(f"feature `{fid}` is an extension: name it with `via`", *where)
        features[fid] = Support(level, str(value.get("via") or ""), str(value.get("note") or ""))
    missing = [f for f in vocab.features if f not in raw]
    if missing:
        bad(f"features not rated: {', '.join(missing)}", "features")
    return features


def _parse_traits(raw: Any, vocab: Vocabulary, bad) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        bad("traits must map trait ids (size, experience, ...) to lists of values", "traits")
        return {}
    traits: dict[str, tuple[str, ...]] = {}
    for tid, values in raw.items():
        if tid not in vocab.traits:
            bad(f"trait `{tid}` is not in knowledge/features.yaml", "traits", tid)
            continue
        if not _str_list(values):
            bad(f"trait `{tid}` must be a list of values", "traits", tid)
            continue
        for v in values:
            if v not in vocab.traits[tid].values:
                allowed = ", ".join(vocab.traits[tid].values)
                bad(f"trait `{tid}` value `{v}` is not one of {allowed}", "traits", tid)
        traits[tid] = tuple(values)
    return traits


def _parse_claims(raw: Any, bad) -> tuple[ArticleClaim, ...]:
    if not isinstance(raw, list):
        bad("article_claims must be a list of {claim, correction, source}", "article_claims")
        return ()
    claims = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"claim", "correction", "source"}:
            bad("each article claim needs exactly claim, correction and source", "article_claims", i)
            continue
        if not _URL.match(str(item["source"])):
            bad("an article claim's source must be an http(s) URL", "article_claims", i)
            continue
        claims.append(ArticleClaim(str(item["claim"]), str(item["correction"]), str(item["source"])))
    return tuple(claims)


# --- the whole knowledge base -------------------------------------------------------------------


def check(root: Path | str | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and validate everything under `root`; return the knowledge base (or None) and all problems."""
    root = Path(root or os.environ.get("PYFRAMEWORK_KNOWLEDGE") or DEFAULT_DIR)
    vocab_path = root / "features.yaml"
    doc, problems = _read(vocab_path, _label(vocab_path, root))
    if doc is None:
        return None, problems
    vocab, vocab_problems = _parse_vocabulary(doc)
    problems += vocab_problems

    frameworks: dict[str, Framework] = {}
    alias_owner: dict[str, tuple[str, str, int]] = {}
    extends_line: dict[str, tuple[str, int]] = {}
    files = sorted((root / "frameworks").glob("*.yaml")) if (root / "frameworks").is_dir() else []
    if not files:
        problems.append(Problem(_label(root / "frameworks", root), 1, "no framework files found"))
    for path in files:
        label = _label(path, root)
        fdoc, read_problems = _read(path, label)
        problems += read_problems
        if fdoc is None:
            continue
        fw, fw_problems = _parse_framework(fdoc, vocab, path.stem)
        problems += fw_problems
        if fw is None:
            continue
        for i, alias in enumerate((fw.id, fw.name.lower(), *fw.aliases)):
            owner = alias_owner.get(alias)
            if owner and owner[0] != fw.id:
                line = fdoc.line("aliases", i - 2) if i >= 2 else fdoc.line("aliases")
                problems.append(Problem(label, line, f"alias `{alias}` is already used by {owner[1]}:{owner[2]}"))
            elif not owner:
                alias_owner[alias] = (fw.id, label, fdoc.line("aliases"))
        frameworks[fw.id] = fw
        extends_line[fw.id] = (label, fdoc.line("extends"))
    for fw in frameworks.values():
        if fw.extends and (fw.extends not in frameworks or fw.extends == fw.id):
            label, line = extends_line[fw.id]
            problems.append(Problem(label, line, f"extends `{fw.extends}`, which is not another framework here"))
    vocab_label = _label(vocab_path, root)
    for other, ids in vocab.closest_python.items():
        for fid in ids:
            if fid not in frameworks:
                problems.append(Problem(vocab_label, doc.line("closest_python"),
                                        f"closest_python: `{other}` names `{fid}`, which is not a framework here"))
    if problems:
        return None, problems
    return KnowledgeBase(vocab, frameworks, root), []


def load(root: Path | str | None = None) -> KnowledgeBase:
    """The validated knowledge base; raises KnowledgeError listing every problem otherwise."""
    kb, problems = check(root)
    if kb is None:
        raise KnowledgeError(problems)
    return kb


def iter_phrases(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """Every vocabulary phrase as (phrase, kind, key): kind is `feature` or a trait id."""
    for feature in kb.vocabulary.features.values():
        for phrase in feature.synonyms:
            yield phrase, "feature", feature.id
    for trait in kb.vocabulary.traits.values():
        for value in trait.values.values():
            for phrase in value.synonyms:
                yield phrase, trait.id, value.id


def lower_first(text: str) -> str:
    """`Admin interface` -> `admin interface`, but `OpenAPI`, `ORM` and `WebSockets` keep their case."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:] == first[1:].lower() else text


def describe(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
