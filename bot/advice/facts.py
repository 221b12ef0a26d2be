"""Direct answers to questions about one framework: a feature, a relation, an interface, or a fact with
the date it was true and where it is written."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.advice.catalog import Catalog
from bot.knowledge import CATEGORY_LABELS, Framework, Support, lower_first
from bot.knowledge.model import LtsRelease, Release
from bot.question import Question

_INTERFACES = {"wsgi": "a WSGI app", "asgi": "an ASGI app", "wsgi+asgi": "a WSGI or an ASGI app",
               "own-server": "its own server", "own-server+asgi": "its own server or an ASGI app",
               "own-server+adapters": "its own server, or through WSGI/ASGI adapters"}


def interface_text(interface: str) -> str:
    return _INTERFACES[interface]


def interface_cell(interface: str) -> str:
    """`WSGI+ASGI`, `own server+ASGI`."""
    words = {"own-server": "own server", "adapters": "adapters"}
    return "+".join(words.get(part, part.upper()) for part in interface.split("+"))


def cell(support: Support) -> str:
    if support.level == "builtin":
        return "built in"
    if support.level == "partial":
        return "partial"
    if support.level == "extension":
        return support.via
    return "-"


def _relation_answer(catalog: Catalog, fw: Framework, other: Framework, *, yes_no: bool, verdict: bool = True) -> str:
    """Whether one is built on the other, the other way round, or neither ("is Dash built on Flask?"); for
    neither, the add-on of `fw` closest to `other`, if one is closer than `fw` itself (Django Ninja for Django with
    FastAPI). Without `yes_no` ("can I use the Django ORM with FastAPI?" asks no yes or no) a "neither" answer
    does not open with "No"; without `verdict` no answer opens with "Yes" or "No" (the relation is not what
    was asked)."""
    if other.id in catalog.bases[fw.id]:
        return f"{'Yes: ' if verdict else ''}{fw.name} is built on {other.name} (a core dependency)."
    if fw.id in catalog.bases[other.id]:
        return f"{'No: ' if verdict else ''}{fw.name} does not depend on {other.name}; it is the other way round: " \
               f"{other.name} is built on {fw.name}."
    deps = f" {fw.name}'s core dependencies: {', '.join(fw.dependencies)}." if fw.dependencies else ""
    addons = [a for a in catalog.kb.frameworks.values() if a.extends == fw.id]
    closest = max(addons, key=lambda a: (catalog.similarity(a, other), a.id), default=None)
    tail = (f" Built on {fw.name} and closest to {other.name} here: {closest.name}." if closest is not None
            and catalog.similarity(closest, other) > catalog.similarity(fw, other) else "")
    opening = "No: neither" if yes_no and verdict else "Neither"
    return f"{opening} {fw.name} nor {other.name} is built on the other.{deps}{tail}"


def _release_answer(catalog: Catalog, fw: Framework, other: Framework, release: str) -> str:
    """"Is DRF compatible with Django 5.2?": how the two relate, and where the supported releases are written, not a
    "Yes" that would claim a compatibility the cards do not record."""
    relation = _relation_answer(catalog, fw, other, yes_no=False, verdict=False)
    notes = fw.activity.source if fw.activity and fw.activity.source else fw.docs
    return (f"{relation} I don't record which {other.name} releases each {fw.name} release "
            f"supports, so I can't confirm {other.name} {release}: see its release notes, {notes}")


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def direct_answer(catalog: Catalog, fw: Framework, question: Question) -> str | None:
    """The first line of an answer about `fw`, for the topic the question asks about; two facts asked at once
    ("first_release+people") are both answered."""
    if "+" in (question.topic or ""):
        parts = (direct_answer(catalog, fw, replace(question, topic=topic)) for topic in question.topic.split("+"))
        return " ".join(part for part in parts if part) or None
    kind, _, key = (question.topic or "").partition(":")
    if kind == "feature" and key in catalog.features:
        return _feature_answer(catalog, fw, key)
    key, _, release = key.partition("@")
    if kind == "adds" and key in catalog.kb.frameworks:  # "what does APIFlask add on top of Flask?"
        other = catalog.kb.frameworks[key]
        basis = f"{fw.name} is built on {other.name}" if other.id in catalog.bases[fw.id] else \
            f"{fw.name} is not built on {other.name}"
        return f"{basis}. {fw.summary}"
    if kind == "relation" and release and key in catalog.kb.frameworks:
        return _release_answer(catalog, fw, catalog.kb.frameworks[key], release)
    if kind in ("relation", "combine") and key in catalog.kb.frameworks:
        return _relation_answer(catalog, fw, catalog.kb.frameworks[key], yes_no=kind == "relation")
    if kind == "interface" and key in ("wsgi", "asgi"):
        runs = interface_text(fw.interface)
        if key in fw.interface.split("+"):
            return f"Yes: {fw.name} runs as {runs}."
        return f"No: {fw.name} is not {key.upper()}; it runs as {runs} (async support: {fw.async_support})."
    if kind == "python" and key:
        return _python_version_answer(fw, key)
    return field_answer(fw, kind) if kind else None


def _python_version_answer(fw: Framework, version: str) -> str:
    """"is hug compatible with python 3.12": yes or no from the latest release's stated requirement, and, for
    a framework nobody maintains, that a requirement written years ago says nothing about newer Pythons."""
    release = fw.release
    stated = f"requires Python {release.python_requires}" if release.python_requires else \
        "declares no Python requirement"
    source = f"({release.source}; checked {fw.checked})"
    if not allows_python(release.python_requires, version):
        lts = release_for_python(fw, version)
        if isinstance(lts, LtsRelease):
            return (f"Not its latest: {fw.name} {release.version} {stated}, but {fw.name} {lts.version} LTS "
                    f"requires Python {lts.python_requires} and gets security fixes until {lts.supported_until}, "
                    f"so it runs on Python {version} ({lts.source}; checked {fw.checked}).")
        return f"No: {fw.name} {release.version} {stated}, which rules out Python {version} {source}."
    line = f"Yes, by its metadata: {fw.name} {release.version} {stated} {source}."
    if fw.maintenance == "unmaintained":
        last = fw.activity.last_release if fw.activity else release.date
        line += (f" But {fw.name} is unmaintained (last release {last}): nothing tests it on newer Pythons, "
                 "so check before relying on it.")
    return line


def _feature_answer(catalog: Catalog, fw: Framework, key: str) -> str:
    support = catalog.supports[fw.id][key][0]
    feature = catalog.features[key]
    label = lower_first(feature.label)
    extra = f" ({support.note})" if support.note else ""
    if support.level == "builtin":
        return f"Yes: {fw.name} has {label} built in{extra}."
    if support.level == "extension":
        return f"Through an extension: {fw.name} gets {label} via {support.via}{extra}."
    if support.level == "partial":
        return f"Partly: {fw.name}'s support for {label} is partial{extra}."
    if feature.missing:
        return f"No: {fw.name} {lower_first(feature.missing)}{extra}."
    return f"No: {fw.name} has no {label}{extra}."


def field_answer(fw: Framework, field: str) -> str | None:
    """One or two lines that answer a fact question, with the date the fact was true and where it is written."""
    answer = _dated_answer(fw, field)
    if answer is not None:
        return answer
    kind = CATEGORY_LABELS[fw.category]
    answers = {
        "first_release": f"{fw.name} was first released in {fw.first_release}.",
        "interface": f"{fw.name} runs as {interface_text(fw.interface)}; async support: {fw.async_support}.",
        "dependencies": (f"{fw.name}'s run-time dependencies: {', '.join(fw.dependencies)}." if fw.dependencies
                         else f"{fw.name} has no run-time dependencies outside the standard library."),
        "notable_users": (f"Known users of {fw.name}: {', '.join(fw.notable_users)}." if fw.notable_users
                          else f"{fw.name}'s own pages name no users I can cite."),
        "docs": f"{fw.name}'s documentation: {fw.docs}",
        "repository": f"{fw.name}'s repository: {fw.repository}",
        "category": f"{fw.name} is {article(kind)} {kind}{'' if kind.endswith('framework') else ' framework'}.",
        "strengths": f"{fw.name} is best for {lower_first(fw.best_for[0]).rstrip('.')}.",
    }
    return answers.get(field)


def _dated_answer(fw: Framework, field: str) -> str | None:
    """The facts that go stale, each with its date and source (knowledge/SCHEMA.md, dated facts)."""
    release = fw.release
    checked = f"checked {fw.checked}"
    if field == "license":
        return f"{fw.name} is licensed under {fw.license} (per its package metadata; {checked})."
    if field == "latest_version":
        return f"The latest {fw.name} release is {release.version}, from {release.date} ({release.source}; {checked})."
    if field == "python":
        threaded = {True: " It states free-threaded support.", False: " It states no free-threaded support.",
                    None: ""}[release.free_threaded]
        needs = f"requires Python {release.python_requires}" if release.python_requires else \
            "declares no Python requirement in its metadata"
        return f"{fw.name} {release.version} {needs} ({release.source}; {checked}).{threaded}"
    if field == "free_threaded":
        said = {True: "states that it supports", False: "states that it does not support",
                None: "does not state whether it supports"}[release.free_threaded]
        return f"{fw.name} {release.version} {said} free-threaded Python (no GIL) ({release.source}; {checked})."
    if field == "maintenance":
        return _maintenance_answer(fw, checked)
    if field == "production":
        return _production_answer(fw, checked)
    if field == "scale":
        return _scale_answer(fw, checked)
    if field == "support_policy" and fw.support_policy:
        policy = lower_first(fw.support_policy.text)  # "Django's support policy: feature releases come..."
        return f"{fw.name}'s support policy: {policy} ({fw.support_policy.source}; {checked})"
    if field == "people" and fw.backing:
        return (f"{fw.name} is backed by {fw.backing.by} ({fw.backing.kind.replace('-', ' ')}; {fw.backing.source}); "
                f"its contributors are at {fw.repository}.")
    return None


def _maintenance_answer(fw: Framework, checked: str) -> str:
    activity = fw.activity
    evidence = f"last release {activity.last_release}" if activity else f"latest {fw.release.version}"
    if activity and activity.last_commit:
        evidence += f", last commit seen {activity.last_commit}"
    if activity and activity.status:
        evidence += f"; the project says it is {activity.status.replace('-', ' ')}"
    return f"{fw.name} is {fw.maintenance.replace('-', ' ')}: {evidence} ({checked})."


def _production_answer(fw: Framework, checked: str) -> str:
    """"Can it be used in production?": no one fact says so, so the three a senior engineer would look at: how
    long it has been out, whether it is maintained, and who runs it."""
    users = (f" Known users: {', '.join(fw.notable_users[:4])}." if fw.notable_users
             else " Its own pages name no production users I can cite.")
    maintained = lower_first(_maintenance_answer(fw, checked).removeprefix(f"{fw.name} is "))
    return f"{fw.name} has been out since {fw.first_release} and is {maintained}{users}"


_LOAD_WORDS = re.compile(r"\b(concurren\w*|scal\w*|traffic|load|many users|throughput|heavy)\b", re.IGNORECASE)


def _scale_answer(fw: Framework, checked: str) -> str:
    """"Does Django scale?": who runs it in production, and what its own card says about load, if anything;
    then the part no framework decides (how it is deployed)."""
    weak = next((line for line in fw.weaknesses if _LOAD_WORDS.search(line)), None)
    avoid = next((line for line in fw.avoid_when if _LOAD_WORDS.search(line)), None)
    limit = (f" A known limit: {lower_first(weak).rstrip('.')}." if weak else
             f" It is not the pick when {lower_first(avoid).rstrip('.')}." if avoid else "")
    return (f"{_production_answer(fw, checked)}{limit} Past that, how far an app scales depends mostly on how it is "
            "deployed: more workers and processes behind a load balancer, the database and caching.")


def needing_newer_python(catalog: Catalog, fw: Framework, version: str) -> Framework | None:
    """`fw`, or the framework it extends, when no supported release of it (the latest, or a long-term-support
    one) admits that Python ("stuck on 3.9"); None when both run on it."""
    base = catalog.kb.frameworks.get(fw.extends) if fw.extends else None
    return next((f for f in (fw, base) if f is not None and release_for_python(f, version) is None), None)


def release_for_python(fw: Framework, version: str) -> Release | LtsRelease | None:
    """The newest supported release of `fw` that runs on that Python: the latest, else its long-term-support
    series (Django 6 needs 3.12, Django 5.2 LTS runs on 3.11), else None."""
    if allows_python(fw.release.python_requires, version):
        return fw.release
    lts = fw.lts_release
    return lts if lts is not None and allows_python(lts.python_requires, version) else None


def allows_python(requires: str, version: str) -> bool:
    """Whether a `python_requires` such as ">=3.10,<3.14.0" admits `version` ("3.14"); none declared admits all.
    Versions compare as numbers padded to three parts, so "<3.14.0" rules out 3.14."""
    def parts(text: str) -> tuple[int, ...]:
        numbers = [int(n) for n in re.findall(r"\d+", text)[:3]]
        return tuple(numbers + [0] * (3 - len(numbers)))

    wanted = parts(version)
    tests = {">=": wanted.__ge__, ">": wanted.__gt__, "<=": wanted.__le__, "<": wanted.__lt__,
             "==": wanted.__eq__, "!=": wanted.__ne__}
    for spec in filter(None, (s.strip() for s in requires.split(","))):
        op = next((o for o in (">=", "<=", "==", "!=", ">", "<") if spec.startswith(o)), None)
        if op is not None and not tests[op](parts(spec[len(op):])):
            return False
    return True


def under_licenses(fw: Framework, families: list[str] | tuple[str, ...]) -> bool:
    """Whether a framework's license is of one of the families ("bsd" for BSD-3-Clause, "mit" in "Apache-2.0
    AND MIT")."""
    return any(t.lower() in families for t in re.split(r"[^A-Za-z]+", fw.license) if t)
