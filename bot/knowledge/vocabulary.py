"""The vocabulary (`knowledge/features.yaml`): the features frameworks are rated on, the project traits
they suit, and the words people use for each. Everything here is data; the reader derives its matchers
from it."""

from __future__ import annotations

from typing import Any

from bot.knowledge.model import Feature, Problem, Trait, TraitValue, Vocabulary
from bot.knowledge.reading import Doc, quote

_VOCAB_FIELDS = ("features", "traits", "software_words", "nearby_software_words", "lookalikes", "idioms",
                 "common_word_others", "other_frameworks", "closest_python")


def _synonyms(raw: Any) -> tuple[str, ...]:
    return tuple(str(s).strip().lower() for s in raw) if isinstance(raw, list) else ()


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

