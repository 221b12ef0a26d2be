"""Names people ask about that are not frameworks here (`knowledge/names.yaml`): servers, extensions,
libraries, other languages' frameworks, front ends, Python projects not covered. The bot says what each
one is, and where another language's framework has a close Python twin here, names it (`see`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.model import Problem
from bot.knowledge.reading import Doc, label_of, quote, read_yaml

NAMES_FILE = "names.yaml"
UNLISTED = "python-framework"  # the kind of a Python web framework the knowledge base has no file on
KINDS = ("server", "extension", "library", "tool", "other-language", "front-end", UNLISTED)
# Kinds of name whose `see` are Python takes on them, offered when a message asks for one ("anything like
# Next.js but for python?"); another language's framework has Python twins whatever is asked.
LIKENED_KINDS = frozenset({"front-end", "tool"})
_KEYS = ("name", "kind", "is", "aliases", "common_word", "source", "see", "provides")


@dataclass(frozen=True)
class Name:
    key: str
    kind: str
    is_: str  # "a Node.js web framework"
    aliases: tuple[str, ...]
    common_word: bool  # an ordinary word too ("spring", "echo", "celery"): only in a software context
    source: str
    see: tuple[str, ...]  # framework ids here that are its closest twins or the usual pick instead
    title: str = ""  # "Flask-RESTX", as its project writes it; the key with a capital when the file gives none
    # A library's feature ("sqlalchemy": orm): a message that says it uses the library wants a framework that
    # works with it ("SQLAlchemy models everywhere"), not one with its own layer for that instead.
    provides: str = ""

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", self.key[:1].upper() + self.key[1:])

    @property
    def front_end(self) -> bool:
        """React, Vue...: they go with a Python backend rather than replace it."""
        return self.kind == "front-end"


def _entry(key: str, spec: Any, bad, where: tuple[str, ...]) -> Name | None:
    if not isinstance(spec, dict):
        bad(f"name `{quote(key)}` must be a mapping with kind, is, source", *where)
        return None
    for field in spec:
        if field not in _KEYS:
            bad(f"unknown field `{quote(field)}` in `{key}` (expected {', '.join(_KEYS)})", *where, field)
    kind, is_, source = spec.get("kind"), spec.get("is"), spec.get("source")
    if kind not in KINDS:
        bad(f"`{key}.kind` `{quote(kind)}` is not one of {', '.join(KINDS)}", *where, "kind")
    if not isinstance(is_, str) or not is_.strip():
        bad(f"`{key}` needs `is`: what it is, in a few words", *where)
        is_ = ""
    if not isinstance(source, str) or not source.startswith(("http://", "https://")):
        bad(f"`{key}.source` must be the http(s) URL of its own page", *where)
    title = spec.get("name", "")
    if not isinstance(title, str) or (title and title.lower().replace(" ", "-") != key.lower()
                                      and title.lower() not in [str(a).lower() for a in spec.get("aliases") or []]):
        bad(f"`{key}.name` must be the same name as written by its project, e.g. `{key[:1].upper() + key[1:]}`",
            *where, "name")
        title = ""
    aliases, see = spec.get("aliases") or [], spec.get("see") or []
    if not isinstance(aliases, list) or not isinstance(see, list):
        bad(f"`{key}`: aliases and see must be lists", *where)
        aliases, see = [], []
    provides = spec.get("provides", "")
    if provides and (kind != "library" or not isinstance(provides, str)):
        bad(f"`{key}.provides` names the feature a library provides; only a library has one", *where, "provides")
        provides = ""
    return Name(key.lower(), str(kind), " ".join(str(is_).split()), tuple(str(a).lower() for a in aliases),
                spec.get("common_word") is True, str(source), tuple(str(s) for s in see), title, str(provides))


def load_names(root: Path, frameworks: dict[str, Any], features: Any = ()) -> tuple[dict[str, Name], list[Problem]]:
    """The names of `root/names.yaml`; `see` and aliases are checked against the frameworks here, and what a
    library `provides` against the `features` of the vocabulary."""
    path = root / NAMES_FILE
    if not path.exists():
        return {}, []
    label = label_of(path, root)
    doc, problems = read_yaml(path, label)
    if doc is None:
        return {}, problems
    return _parse(doc, frameworks, problems, features)


def _parse(doc: Doc, frameworks: dict[str, Any], problems: list[Problem],
           features: Any = ()) -> tuple[dict[str, Name], list[Problem]]:
    def bad(message: str, *where: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*where), message))

    raw = doc.data.get("names") if isinstance(doc.data, dict) else None
    if not isinstance(raw, dict):
        bad("expected `names:`, a mapping of names to what they are")
        return {}, problems
    taken = {alias: fw.id for fw in frameworks.values() for alias in (fw.id, fw.name.lower(), *fw.aliases)}
    names: dict[str, Name] = {}
    for key, spec in raw.items():
        where = ("names", str(key))
        name = _entry(str(key), spec, bad, where)
        if name is None:
            continue
        for alias in (name.key, *name.aliases):
            if alias in taken:
                bad(f"`{alias}` is also a name of the framework `{taken[alias]}`: a name means one thing", *where)
        for fid in name.see:
            if fid not in frameworks:
                bad(f"`{name.key}.see` names `{quote(fid)}`, which is not a framework here", *where, "see")
        if name.provides and name.provides not in features:
            bad(f"`{name.key}.provides` names `{quote(name.provides)}`, which is not a feature", *where, "provides")
        names[name.key] = name
    return names, problems
