"""`pyframework kb refresh`: compare each framework file's release facts with PyPI and, on request, update them.

Versions, release dates and Python requirements are the facts that go stale first, and PyPI is their
primary source, so a scheduled job can run this and fail (exit 1) when a file has fallen behind. The
report is one line per difference, `file:line: field: file has X, PyPI has Y`, in the order of the files.

`write` changes only the values that differ (and `checked`), in the file's own text: comments, order and
formatting stay. The license is compared but never written: package metadata can say less than the
project's licence files (aiohttp's "Apache-2.0 AND MIT"), so a person decides.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.knowledge import pypi, versions, yamledit
from bot.knowledge.base import KnowledgeBase, check, describe
from bot.knowledge.frameworks import parse_framework
from bot.knowledge.model import Framework
from bot.knowledge.pypi import PypiError, PypiRelease
from bot.knowledge.reading import Doc, label_of, read_text, read_yaml

WORKERS = 4  # requests in flight at once: quick, and gentle on the index
FIELDS: dict[str, tuple[str, ...]] = {  # what --write may change, and where it lives in the file
    "release.version": ("release", "version"),
    "release.date": ("release", "date"),
    "release.python_requires": ("release", "python_requires"),
    "release.source": ("release", "source"),
    "activity.last_release": ("activity", "last_release"),
}
_INSERT_AFTER = {("release", "python_requires"): "date"}  # a file may lack python_requires (Bottle declares none)


@dataclass(frozen=True)
class Difference:
    """One fact on which a file and the index disagree."""

    file: str
    line: int
    field: str
    ours: str  # "" when the file does not say
    theirs: str
    value: yamledit.Value | None = None  # what `write` puts in the file; None: reported only (the license)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: file has {self.ours or 'nothing'}, PyPI has {self.theirs}"


@dataclass
class Outcome:
    """What refreshing one framework file found and did."""

    framework: Framework
    label: str
    doc: Doc | None = None
    differences: list[Difference] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # complete `file:line: message` lines
    written: tuple[str, ...] = ()


def compare(fw: Framework, doc: Doc, release: PypiRelease) -> list[Difference]:
    """Every fact of the file that the index says otherwise, with the line to look at."""
    activity = fw.activity.last_release if fw.activity else ""
    date = dt.date.fromisoformat(release.date)
    rows: list[tuple[str, str, str, yamledit.Value | None]] = [
        ("release.version", fw.release.version, release.version, release.version),
        ("release.date", fw.release.date, release.date, date),
        ("release.python_requires", fw.release.python_requires, release.python_requires, release.python_requires),
        ("release.source", fw.release.source, release.source, release.source),
        ("activity.last_release", activity, release.date, date),
        ("license", fw.license, release.license, None),
    ]
    return [Difference(doc.file, doc.line(*FIELDS.get(name, (name,))), name, ours, theirs, value)
            for name, ours, theirs, value in rows if theirs and not agrees(name, ours, theirs)]


def agrees(name: str, ours: str, theirs: str) -> bool:
    """Whether the file's value says what the index says, allowing for what is only spelling.

    A month-only date (YYYY-MM, used where only the month was known) agrees with a day in that month:
    it is less precise, not wrong."""
    if name in ("release.date", "activity.last_release"):
        return ours == theirs or (len(ours) == 7 and theirs.startswith(ours + "-"))
    if name == "release.version":
        ours_key, theirs_key = versions.sort_key(ours), versions.sort_key(theirs)
        return ours == theirs or (ours_key is not None and ours_key == theirs_key)
    if name == "release.python_requires":  # a set of clauses: ">=3.10,<4" is "<4, >=3.10"
        return _clauses(ours) == _clauses(theirs)
    if name == "release.source":
        return ours.rstrip("/").casefold() == theirs.rstrip("/").casefold()
    return " ".join(ours.split()).casefold() == " ".join(theirs.split()).casefold()


def _clauses(specifier: str) -> frozenset[str]:
    return frozenset(part for part in specifier.replace(" ", "").split(",") if part)


def _fetch(index: str, fw: Framework, timeout: float) -> PypiRelease | PypiError:
    try:
        return pypi.latest_release(pypi.fetch_project(index, fw.pypi_name, timeout), fw.pypi_name)
    except PypiError as exc:
        return exc


def _where(doc: Doc | None) -> int:
    """The line a whole-file message points at: the PyPI name when the file gives one, else the id."""
    if doc is None or not isinstance(doc.data, dict):
        return 1
    return doc.line("pypi") if "pypi" in doc.data else doc.line("id")


def write(path: Path, outcome: Outcome, kb: KnowledgeBase, today: dt.date) -> str | None:
    """Put the index's values in the file; None when done, else the one-line reason it was left alone.

    The edited text is checked as `kb check` would check it before it replaces the file, and it replaces
    the file in one step, so a file is never left half written or invalid."""
    changes = {FIELDS[d.field]: d.value for d in outcome.differences if d.value is not None}
    if not changes:
        return None
    if outcome.framework.checked != today.isoformat():
        changes[("checked",)] = today
    text, problem = read_text(path, outcome.label)
    if text is None:
        return str(problem)
    try:
        edited = yamledit.set_values(text, changes, _INSERT_AFTER)
    except yamledit.EditError as exc:
        return f"{outcome.label}:{_where(outcome.doc)}: not written: {exc}"
    scratch = path.with_name(f".{path.name}.refresh")
    try:
        scratch.write_text(edited, encoding="utf-8", newline="")
        shutil.copymode(path, scratch)
        doc, problems = read_yaml(scratch, outcome.label)
        if doc is not None:
            problems += parse_framework(doc, kb.vocabulary, path.stem)[1]
        if problems:
            return f"{outcome.label}:{problems[0].line}: not written: the result would not pass `kb check` " \
                   f"({problems[0].message})"
        os.replace(scratch, path)
    except OSError as exc:
        return f"{outcome.label}:1: not written: {exc.strerror or exc}"
    finally:
        scratch.unlink(missing_ok=True)
    outcome.written = tuple(".".join(path) for path in changes)
    return None


def select(kb: KnowledgeBase, only: Iterable[str]) -> list[Framework]:
    """The frameworks to refresh, in file order; an unknown id is a ValueError naming it."""
    wanted = [name.strip().lower() for name in only if name.strip()]
    unknown = [name for name in wanted if name not in kb.frameworks]
    if unknown:
        raise ValueError(f"no framework `{unknown[0]}` in {kb.source_dir / 'frameworks'}")
    return [fw for fid, fw in sorted(kb.frameworks.items(), key=lambda item: f"{item[0]}.yaml")  # file order
            if not wanted or fid in wanted]


def refresh(root: Path | str | None, index: str, out: TextIO, *, write_files: bool = False,
            only: Iterable[str] = (), timeout: float = pypi.TIMEOUT, today: dt.date | None = None) -> int:
    """Compare (and with `write_files`, update) every selected file; 0 when all agree, 1 otherwise.

    Exit 1 also after `write_files` fixed everything: the run found the files behind, which is what a
    scheduled job needs to hear."""
    kb, problems = check(root)
    if kb is None:
        out.write(describe(problems) + "\n")
        return 1
    frameworks = select(kb, only)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda fw: _fetch(index, fw, timeout), frameworks))
    outcomes = [_outcome(kb, fw, answer, write_files, today or dt.date.today())
                for fw, answer in zip(frameworks, answers, strict=True)]
    for outcome in outcomes:
        for line in (*map(str, outcome.differences), *outcome.errors):
            out.write(line + "\n")
        if outcome.written:
            out.write(f"wrote {outcome.label}: {', '.join(outcome.written)}\n")
    out.write(summary(outcomes, index) + "\n")
    return 0 if all(not o.differences and not o.errors for o in outcomes) else 1


def _outcome(kb: KnowledgeBase, fw: Framework, answer: PypiRelease | PypiError, write_files: bool,
             today: dt.date) -> Outcome:
    path = kb.source_dir / "frameworks" / f"{fw.id}.yaml"
    outcome = Outcome(fw, label_of(path, kb.source_dir))
    outcome.doc, problems = read_yaml(path, outcome.label)
    if outcome.doc is None or not isinstance(outcome.doc.data, dict) or "release" not in outcome.doc.data:
        reason = problems[0].message if problems else "it has no `release` block"
        outcome.errors.append(f"{outcome.label}:{_where(outcome.doc)}: cannot refresh: {reason}")
    elif isinstance(answer, PypiError):
        outcome.errors.append(f"{outcome.label}:{_where(outcome.doc)}: cannot refresh from the index: {answer}")
    else:
        outcome.differences = compare(fw, outcome.doc, answer)
        failure = write(path, outcome, kb, today) if write_files else None
        if failure:
            outcome.errors.append(failure)
    return outcome


def summary(outcomes: list[Outcome], index: str) -> str:
    """The last line: how many files agree, differ or failed, and what was written."""
    failed = sum(1 for o in outcomes if o.errors)  # not asked, not read, or not written
    differ = sum(1 for o in outcomes if o.differences and not o.errors)
    agree = len(outcomes) - failed - differ
    if not failed and not differ:
        return f"refresh: {len(outcomes)} frameworks agree with {index}"
    parts = [f"{agree} agree", f"{differ} differ", f"{failed} failed"]
    written = sum(1 for o in outcomes if o.written)
    licenses = sum(1 for o in outcomes if any(d.value is None for d in o.differences))
    text = f"refresh: {len(outcomes)} frameworks against {index}: {', '.join(parts)}"
    if written:
        text += f"; {written} file{'s' * (written != 1)} written"
    if licenses:
        text += f"; {licenses} license difference{'s' * (licenses != 1)} to decide by hand (never written)"
    return text
