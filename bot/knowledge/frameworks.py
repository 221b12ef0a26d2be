"""One framework file (`knowledge/frameworks/<id>.yaml`): every field checked, every problem reported
with its line, never an exception."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from bot.knowledge import facts
from bot.knowledge.model import (
    ASYNC_SUPPORT,
    CATEGORIES,
    INTERFACES,
    SUPPORT_LEVELS,
    ArticleClaim,
    Footprint,
    Framework,
    Problem,
    Support,
    Vocabulary,
)
from bot.knowledge.reading import Doc, quote

_REQUIRED = (
    "id", "name", "aliases", "category", "summary", "interface", "async_support", "license",
    "first_release", "checked", "features", "traits", "strengths",
    "weaknesses", "best_for", "avoid_when", "dependencies", "docs", "repository", "sources",
    "release", "support_policy", "backing", "activity", "adoption",
)
_DATED = ("release", "support_policy", "backing", "activity", "adoption")
_OPTIONAL = ("notable_users", "article_claims", "common_word", "extends", "succeeds", "built_on", "ecosystem", "pypi",
             "features_source", "lts_release", "footprint")
_SPDX = re.compile(r"^[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*$")
_URL = re.compile(r"^https?://\S+$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# What `features.async` must say for each `async_support`: the two fields describe one fact.
_ASYNC_AGREES = {"native": ("builtin",), "partial": ("partial", "extension"), "none": ("none",)}

Bad = Callable[..., None]


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_framework(doc: Doc, vocab: Vocabulary, expected_id: str) -> tuple[Framework | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(message: str, *path: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*path), message))

    data = doc.data
    if not isinstance(data, dict):
        bad("expected a mapping of framework fields")
        return None, problems
    _check_presence(data, bad)
    if problems:
        return None, problems
    _check_identity(data, expected_id, bad)
    checked = _checked(data, bad)
    release, maintenance, adoption, extra = _dated_facts(data, checked, bad)
    features = _parse_features(data["features"], vocab, bad, str(data.get("features_source") or ""))
    async_level = features.get("async", Support("none")).level
    if async_level not in _ASYNC_AGREES.get(data["async_support"], (async_level,)):
        bad(f"async_support `{data['async_support']}` contradicts the `async` feature ({async_level}): one fact, "
            f"said two ways", "async_support")
    traits = _parse_traits(data["traits"], vocab, bad)
    _check_graded_traits(traits, extra["footprint"], vocab, bad)
    claims = _parse_claims(data.get("article_claims") or [], bad)
    if problems:
        return None, problems
    return Framework(
        id=data["id"], name=str(data["name"]),
        aliases=tuple(dict.fromkeys(a.strip().lower() for a in data["aliases"])),
        common_word=bool(data.get("common_word", False)), category=data["category"],
        summary=" ".join(str(data["summary"]).split()), interface=data["interface"],
        async_support=data["async_support"], license=data["license"], first_release=data["first_release"],
        release=release, maintenance=maintenance, checked=checked.isoformat(), adoption_facts=adoption,
        features=features, traits=traits,
        strengths=tuple(data["strengths"]), weaknesses=tuple(data["weaknesses"]),
        best_for=tuple(data["best_for"]), avoid_when=tuple(data["avoid_when"]),
        notable_users=tuple(data.get("notable_users") or ()), dependencies=tuple(data["dependencies"]),
        docs=data["docs"], repository=data["repository"], sources=tuple(data["sources"]), article_claims=claims,
        extends=str(data.get("extends") or ""),
        succeeds=tuple(str(name) for name in data.get("succeeds") or ()),
        built_on=tuple(str(name).lower() for name in data.get("built_on") or ()),
        ecosystem=tuple(str(name).lower() for name in data.get("ecosystem") or ()),
        pypi=str(data.get("pypi") or ""), features_source=str(data.get("features_source") or ""), **extra,
    ), problems


def _check_presence(data: dict[str, Any], bad: Bad) -> None:
    for key in data:
        if key not in _REQUIRED and key not in _OPTIONAL:
            bad(f"unknown field `{quote(key)}`", key)
    for key in _REQUIRED:
        if key not in data:
            bad(f"missing required field `{key}`")
        elif data[key] in (None, "", [], {}) and key != "dependencies":  # a stdlib-only framework has none
            bad(f"required field `{key}` is empty", key)


def _check_identity(data: dict[str, Any], expected_id: str, bad: Bad) -> None:
    if data["id"] != expected_id:
        bad(f"id `{quote(data['id'])}` does not match the file name `{expected_id}.yaml`", "id")
    if not isinstance(data["id"], str) or not _ID.match(data["id"]):
        bad("id must be the lower-case PyPI name", "id")
    for key, allowed in (("category", CATEGORIES), ("interface", INTERFACES), ("async_support", ASYNC_SUPPORT)):
        if data[key] not in allowed:
            bad(f"{key} `{quote(data[key])}` is not one of {', '.join(allowed)}", key)
    if not isinstance(data.get("common_word", False), bool):
        bad("common_word must be true or false", "common_word")
    if not isinstance(data["license"], str) or not _SPDX.match(data["license"]):
        bad(f"license `{quote(data['license'])}` is not an SPDX identifier", "license")
    year = data["first_release"]
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= dt.date.today().year:
        bad("first_release must be a year", "first_release")
    _check_texts(data, bad)
    _check_links(data, bad)


def _check_texts(data: dict[str, Any], bad: Bad) -> None:
    if not isinstance(data["name"], str | int | float) or not isinstance(data["summary"], str):
        bad("name and summary must be text", "name")
    if not _str_list(data["aliases"]):
        bad("aliases must be a list of spellings", "aliases")
    for key in ("strengths", "weaknesses", "best_for", "avoid_when"):
        if not _str_list(data[key]):
            bad(f"{key} must be a list of short sentences (quote a sentence that has a colon in it)", key)
    if not isinstance(data["dependencies"], list) or not all(isinstance(d, str) for d in data["dependencies"]):
        bad("dependencies must list the run-time requirements ([] for none)", "dependencies")
    for key in ("notable_users", "succeeds", "built_on", "ecosystem"):
        if key in data and not _str_list(data[key]):
            bad(f"`{key}` must be a list of names", key)


def _check_links(data: dict[str, Any], bad: Bad) -> None:
    for key in ("docs", "repository"):
        if not is_url(data[key]):
            bad(f"{key} must be an http(s) URL", key)
    if "features_source" in data and not is_url(data["features_source"]):
        bad("features_source must be an http(s) URL", "features_source")
    sources = data["sources"]
    if not isinstance(sources, list) or not sources:
        bad("sources must list the pages the facts came from", "sources")
        return
    for i, url in enumerate(sources):
        if not is_url(url):
            bad(f"source `{quote(url)}` is not an http(s) URL", "sources", i)


def _checked(data: dict[str, Any], bad: Bad) -> dt.date:
    checked = data["checked"]
    if isinstance(checked, str):
        try:
            checked = dt.date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, dt.date) or checked > dt.date.today() + dt.timedelta(days=1):
        bad("checked must be a past date (YYYY-MM-DD)", "checked")
        return dt.date.today()
    return checked


def _dated_facts(data: dict[str, Any], checked: dt.date, bad: Bad):
    """(release, maintenance worked out from the activity, adoption, the other dated facts as Framework
    keyword arguments)."""
    release = facts.parse_release(data["release"], bad, is_url)
    activity = facts.parse_activity(data["activity"], bad, is_url)
    adoption = facts.parse_adoption(data["adoption"], bad, is_url)
    extra = {"activity": activity, "support_policy": facts.parse_policy(data["support_policy"], bad, is_url),
             "backing": facts.parse_backing(data["backing"], bad, is_url),
             "lts_release": facts.parse_lts_release(data.get("lts_release"), bad, is_url),
             "footprint": facts.parse_footprint(data.get("footprint"), bad)}
    return release, facts.maintenance_of(activity, checked), adoption, extra


def _parse_features(raw: Any, vocab: Vocabulary, bad: Bad, fallback_source: str) -> dict[str, Support]:
    """Each rating; every rating but `none` must name the page that documents it."""
    if not isinstance(raw, dict):
        bad("features must map each feature id to builtin, partial, extension or none", "features")
        return {}
    features: dict[str, Support] = {}
    for fid, value in raw.items():
        where = ("features", fid)
        if fid not in vocab.features:
            bad(f"feature `{quote(fid)}` is not in knowledge/features.yaml", *where)
            continue
        if isinstance(value, str):
            value = {"support": value}
        if not isinstance(value, dict):
            bad(f"feature `{fid}` must be builtin, none, or a mapping with support/via/note/source", *where)
            continue
        for key in value:
            if key not in ("support", "via", "note", "source", "async_only"):
                bad(f"unknown field `{quote(key)}` in feature `{fid}`", *where, key)
        level = value.get("support")
        if level not in SUPPORT_LEVELS:
            bad(f"feature `{fid}` support `{quote(level)}` is not one of {', '.join(SUPPORT_LEVELS)}", *where)
            continue
        if level == "extension" and not value.get("via"):
            bad(f"feature `{fid}` is an extension: name it with `via`", *where)
        async_only = value.get("async_only", False)
        if not isinstance(async_only, bool):
            bad(f"feature `{fid}` async_only must be true or false", *where, "async_only")
        elif async_only and level == "none":
            bad(f"feature `{fid}` is not offered, so it cannot be async_only", *where, "async_only")
        source = value.get("source") or ""
        if source and not is_url(source):
            bad(f"feature `{fid}` source must be an http(s) URL", *where, "source")
        elif level != "none" and not source:
            bad(f"feature `{fid}` is rated {level}: give the `source` that documents it", *where)
        features[fid] = Support(level, str(value.get("via") or ""), str(value.get("note") or ""),
                                str(source or fallback_source), async_only is True)
    missing = [f for f in vocab.features if f not in raw]
    if missing:
        bad(f"features not rated: {', '.join(missing)}", "features")
    return features


def _check_graded_traits(traits: dict[str, tuple[str, ...]], footprint: Footprint | None, vocab: Vocabulary,
                         bad: Bad) -> None:
    """A measured framework lists a value its footprint grades exactly when it earns at least half of it: the
    list (what a "which frameworks are light?" answer shows) and the measure say one thing."""
    if footprint is None:
        return
    for tid, trait in vocab.traits.items():
        for value in trait.values.values():
            share = value.footprint_share(footprint)
            if share is None or (share >= 0.5) == (value.id in traits.get(tid, ())):
                continue
            verb = "lists" if value.id in traits.get(tid, ()) else "does not list"
            bad(f"traits.{tid} {verb} `{value.id}`, but the footprint measured ({footprint.rss_mb:g} MB) earns "
                f"{share:.0%} of it: list it exactly when that is 50% or more", "traits", tid)


def _parse_traits(raw: Any, vocab: Vocabulary, bad: Bad) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        bad("traits must map trait ids (size, experience, ...) to lists of values", "traits")
        return {}
    traits: dict[str, tuple[str, ...]] = {}
    for tid, values in raw.items():
        if tid not in vocab.traits:
            bad(f"trait `{quote(tid)}` is not in knowledge/features.yaml", "traits", tid)
            continue
        if not _str_list(values):
            bad(f"trait `{tid}` must be a list of values", "traits", tid)
            continue
        for v in values:
            if v not in vocab.traits[tid].values:
                bad(f"trait `{tid}` value `{quote(v)}` is not one of {', '.join(vocab.traits[tid].values)}",
                    "traits", tid)
        traits[tid] = tuple(values)
    return traits


def _parse_claims(raw: Any, bad: Bad) -> tuple[ArticleClaim, ...]:
    if not isinstance(raw, list):
        bad("article_claims must be a list of {claim, correction, source}", "article_claims")
        return ()
    claims = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"claim", "correction", "source"}:
            bad("each article claim needs exactly claim, correction and source", "article_claims", i)
            continue
        if not is_url(item["source"]):
            bad("an article claim's source must be an http(s) URL", "article_claims", i)
            continue
        claims.append(ArticleClaim(str(item["claim"]), str(item["correction"]), str(item["source"])))
    return tuple(claims)
