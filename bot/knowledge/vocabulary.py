"""The vocabulary (`knowledge/features.yaml`): the features frameworks are rated on, the project traits
they suit, and the words people use for each. Everything here is data; the reader derives its matchers
from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.knowledge.model import Feature, Problem, Trait, TraitValue, Vocabulary
from bot.knowledge.reading import Doc, quote

_VOCAB_FIELDS = ("features", "traits")
_FEATURE_KEYS = ("label", "description", "weight", "synonyms", "missing", "generic", "project", "unobtrusive",
                 "lean", "breadth", "ruled_out_by", "ruling_out_wants", "any_framework_via", "any_framework_source",
                 "carried_by", "from_the_base")

Bad = Callable[..., None]


def _synonyms(raw: Any) -> tuple[str, ...]:
    return tuple(str(s).strip().lower() for s in raw) if isinstance(raw, list) else ()


def _feature(fid: str, spec: Any, bad: Bad) -> Feature | None:
    where = ("features", fid)
    if not isinstance(spec, dict):
        bad(f"feature `{quote(fid)}` must be a mapping with label, description, weight, synonyms", *where)
        return None
    for key in spec:
        if key not in _FEATURE_KEYS:
            bad(f"unknown field `{quote(key)}` in feature `{fid}`", *where, key)
    for key in ("label", "description"):
        if not isinstance(spec.get(key), str) or not spec.get(key):
            bad(f"feature `{fid}` needs a `{key}`", *where)
    weight = spec.get("weight", 1.0)
    if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 < weight <= 5:
        bad(f"feature `{fid}` weight must be a number in (0, 5]", *where, "weight")
        weight = 1.0
    if not isinstance(spec.get("synonyms"), list):
        bad(f"feature `{fid}` needs a list of `synonyms`", *where)
    if not isinstance(spec.get("ruled_out_by", []), list):
        bad(f"feature `{fid}`: `ruled_out_by` must be a list of phrases", *where, "ruled_out_by")
    via, via_source = spec.get("any_framework_via") or "", spec.get("any_framework_source") or ""
    if not isinstance(via, str) or not isinstance(via_source, str) or bool(via) != via_source.startswith("https://"):
        bad(f"feature `{fid}`: `any_framework_via` names a library and `any_framework_source` its https:// page, "
            "both or neither", *where, "any_framework_via")
        via = via_source = ""
    for flag in ("generic", "unobtrusive", "lean", "breadth", "from_the_base"):
        if not isinstance(spec.get(flag, False), bool):
            bad(f"feature `{fid}`: `{flag}` must be true or false", *where, flag)
    carried_by = spec.get("carried_by") or []
    if not isinstance(carried_by, list) or not all(isinstance(v, str) for v in carried_by):
        bad(f"feature `{fid}`: `carried_by` must list kinds of project", *where, "carried_by")
        carried_by = []
    return Feature(fid, str(spec.get("label", fid)), str(spec.get("description", "")), float(weight),
                   _synonyms(spec.get("synonyms")), str(spec.get("missing") or ""), spec.get("generic") is True,
                   str(spec.get("project") or ""), spec.get("unobtrusive") is True, spec.get("lean") is True,
                   _synonyms(spec.get("ruled_out_by")), str(spec.get("ruling_out_wants") or ""), via, via_source,
                   tuple(carried_by), spec.get("breadth", True) is not False, spec.get("from_the_base") is True)


_TRAIT_VALUE_FIELDS = ("label", "synonyms", "outranks", "refines", "covered_by", "graded_by_footprint")


def _footprint_range(raw: Any, bad: Bad, *where: str) -> tuple[float, float] | None:
    """`graded_by_footprint: {full_at_mb: 20, none_at_mb: 40}`: the megabytes that earn all of the value, and
    none of it."""
    if raw is None:
        return None
    full, none = (raw.get(k) if isinstance(raw, dict) else None for k in ("full_at_mb", "none_at_mb"))
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (full, none)) or not 0 < full < none:
        bad("`graded_by_footprint` needs full_at_mb and none_at_mb, 0 < full_at_mb < none_at_mb", *where)
        return None
    return float(full), float(none)


def _trait_value(tid: str, vid: str, vspec: Any, bad: Bad) -> TraitValue | None:
    where = ("traits", tid, "values", vid)
    if not isinstance(vspec, dict) or not isinstance(vspec.get("synonyms"), list):
        bad(f"trait value `{tid}.{quote(vid)}` needs a label and synonyms", *where)
        return None
    for key in vspec:
        if key not in _TRAIT_VALUE_FIELDS:
            bad(f"unknown field `{quote(key)}` in trait value `{tid}.{vid}`", *where, key)
    outranks = vspec.get("outranks") or []
    if not isinstance(outranks, list) or not all(isinstance(v, str) for v in outranks):
        bad(f"trait value `{tid}.{vid}`: `outranks` must list other values", *where)
        outranks = []
    refines = vspec.get("refines") or []
    if not isinstance(refines, list) or not all(v in outranks for v in refines):
        bad(f"trait value `{tid}.{vid}`: `refines` must list values it outranks", *where, "refines")
        refines = []
    covered_by = vspec.get("covered_by") or []
    if not isinstance(covered_by, list) or not all(isinstance(v, str) for v in covered_by):
        bad(f"trait value `{tid}.{vid}`: `covered_by` must list other values", *where)
        covered_by = []
    graded = _footprint_range(vspec.get("graded_by_footprint"), bad, *where)
    return TraitValue(tid, vid, str(vspec.get("label", vid)), _synonyms(vspec["synonyms"]), tuple(outranks),
                      tuple(refines), tuple(covered_by), graded)


def _trait(tid: str, spec: Any, bad: Bad) -> Trait | None:
    where = ("traits", tid)
    if not isinstance(spec, dict) or not isinstance(spec.get("values"), dict):
        bad(f"trait `{quote(tid)}` needs a label, a weight and `values`", *where)
        return None
    for key in spec:
        if key not in ("label", "weight", "values", "stated_only"):
            bad(f"unknown field `{quote(key)}` in trait `{tid}`", *where, key)
    values = {}
    for vid, vspec in spec["values"].items():
        value = _trait_value(tid, str(vid), vspec, bad)
        if value is not None:
            values[value.id] = value
    for value in values.values():
        for field_name, others in (("outranks", value.outranks), ("covered_by", value.covered_by)):
            for other in others:
                if other not in values:
                    bad(f"trait value `{tid}.{value.id}`: `{field_name}` names `{quote(other)}`, which is not a value"
                        f" of `{tid}`", *where, "values", value.id)
    weight = spec.get("weight", 1.0)
    if not isinstance(spec.get("stated_only", False), bool):
        bad(f"trait `{tid}`: `stated_only` must be true or false", *where, "stated_only")
    return Trait(tid, str(spec.get("label", tid)), float(weight) if isinstance(weight, int | float) else 1.0, values,
                 spec.get("stated_only") is True)


def parse_vocabulary(doc: Doc) -> tuple[Vocabulary, list[Problem]]:
    problems: list[Problem] = []

    def bad(message: str, *path: str | int) -> None:
        problems.append(Problem(doc.file, doc.line(*path), message))

    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        bad("expected a mapping with `features:` and `traits:`")
    for key in data:
        if key not in _VOCAB_FIELDS:
            bad(f"unknown field `{quote(key)}` (expected {', '.join(_VOCAB_FIELDS)})", key)
    raw_features = data.get("features")
    if not isinstance(raw_features, dict) or not raw_features:
        bad("`features` must be a non-empty mapping of feature ids", "features")
        raw_features = {}
    features = {str(fid): f for fid, spec in raw_features.items() if (f := _feature(str(fid), spec, bad))}
    raw_traits = data.get("traits") or {}
    if not isinstance(raw_traits, dict):
        bad("`traits` must be a mapping", "traits")
        raw_traits = {}
    traits = {str(tid): t for tid, spec in raw_traits.items() if (t := _trait(str(tid), spec, bad))}
    for feature in features.values():
        if feature.project and feature.project not in traits.get("project", Trait("", "", 0, {})).values:
            bad(f"feature `{feature.id}`: project `{quote(feature.project)}` is not a value of the `project` trait",
                "features", feature.id, "project")
        for kind in feature.carried_by:
            if kind not in traits.get("project", Trait("", "", 0, {})).values:
                bad(f"feature `{feature.id}`: `carried_by` names `{quote(kind)}`, which is not a kind of project",
                    "features", feature.id, "carried_by")
        if feature.ruling_out_wants and feature.ruling_out_wants not in features:
            bad(f"feature `{feature.id}`: `ruling_out_wants` names `{quote(feature.ruling_out_wants)}`, which is not "
                "a feature", "features", feature.id, "ruling_out_wants")
    return Vocabulary(features, traits), problems
