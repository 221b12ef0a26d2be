"""What advice knows about each framework before any question: every feature's support and its points,
how much a framework covers by itself, what it is built on, and how alike two frameworks are. Computed
once per knowledge base, so scoring a question is only lookups and sums."""

from __future__ import annotations

import re

from bot.advice import weights as w
from bot.knowledge import Framework, KnowledgeBase, Support


class Catalog:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.features = kb.vocabulary.features
        self.traits = kb.vocabulary.traits
        self.bases = {fw.id: self._bases(fw) for fw in kb.frameworks.values()}
        self.libraries_of = {fw.id: frozenset(lib for lib, users in kb.libraries.items() if fw.id in users)
                             for fw in kb.frameworks.values()}
        # every framework's names, spaced as an extension's `via` is compared with them: made once, not per feature
        spaced = tuple(dict.fromkeys((f" {_spaced(alias)} ", other.id) for other in kb.frameworks.values()
                                     for alias in (other.id, other.name.lower(), *other.aliases)))
        self.supports = {fw.id: self._supports(fw, spaced) for fw in kb.frameworks.values()}
        self.breadth = {fw.id: self._breadth(fw) for fw in kb.frameworks.values()}
        self.stack_categories = {fw.id: self._stack_categories(fw) for fw in kb.frameworks.values()}
        providing = {key: name for key, name in kb.names.items() if name.provides}
        self.with_library = {fw.id: {key: self._with_library(fw, key, lib.provides) for key, lib in providing.items()}
                             for fw in kb.frameworks.values()}

    def _with_library(self, fw: Framework, library: str, feature: str) -> str:
        """How `fw` goes with a library a team uses for `feature`: "pairs" when its own support of the feature
        is that library or its docs show it (Flask's ORM via Flask-SQLAlchemy, FastAPI: "SQLAlchemy works
        directly", a dependency such as Pydantic); "own" when it has a layer of its own instead (Django's
        ORM); "leaves" when it has nothing for it, so the library stays as it is."""
        support = self.supports[fw.id][feature][0]
        text = f"{support.via} {support.note}".lower()
        dependencies = {d.split("(")[0].strip().lower() for d in fw.dependencies}
        if re.search(rf"\b{re.escape(library)}\b", text) or library in dependencies:
            return "pairs"
        via_base = support.level == "extension" and any(
            base in re.split(r"[\s/+()-]+", support.via.lower()) for base in self.bases[fw.id])  # Wagtail: Django's
        return "own" if support.level in ("builtin", "partial") or via_base else "leaves"

    def _stack_categories(self, fw: Framework) -> frozenset[str]:
        """What a framework brings along: its own category, and that of the one it extends (DRF brings Django)."""
        base = self.kb.frameworks.get(fw.extends) if fw.extends else None
        return frozenset({fw.category, base.category} if base else {fw.category})

    def _bases(self, fw: Framework) -> frozenset[str]:
        """The frameworks here that `fw` is built on (`built_on`, and the one it extends)."""
        return frozenset(f for f in (*fw.built_on, fw.extends) if f in self.kb.frameworks and f != fw.id)

    def _supports(self, fw: Framework, spaced_names: tuple[tuple[str, str], ...]) -> dict[str, tuple[Support, float]]:
        """Each feature's support and its points: async comes from `async_support` (Flask's `async def` views
        are not an event loop), and an extension that is itself another framework here counts little."""
        builds_on = {fw.id, fw.extends, *self.bases[fw.id]}  # Flask-Caching for Dash extends its own base
        supports = {}
        for fid in self.features:
            support = fw.support(fid)
            if fid == "async":
                support = Support(w.ASYNC_SUPPORT[fw.async_support], support.via, support.note, support.source)
            elif support.level == "none" and (library := self.features[fid].any_framework_via):
                # a standalone library any framework can use (httpx for an HTTP client): an extension away
                support = Support("extension", library, "a standalone library any framework can use",
                                  self.features[fid].any_framework_source)
            points = w.SUPPORT_POINTS[support.level]
            if support.level == "extension" and _names_another(support.via, spaced_names, builds_on):
                points = w.EXTENSION_IS_ANOTHER_FRAMEWORK
            supports[fid] = (support, points)
        return supports

    def _breadth(self, fw: Framework) -> float:
        """How much a framework covers by itself: built-in features count 1, extensions 0.5; where it runs
        (PyPy support) and what restates other features (custom styling) count nothing (`breadth: false`)."""
        return sum(w.SUPPORT_POINTS[s.level] > 0 and (1.0 if s.level == "builtin" else 0.5)
                   for key, s in fw.features.items() if key not in self.features or self.features[key].in_breadth)

    def similarity(self, fw: Framework, ref: Framework) -> float:
        """How close `fw` is to a framework someone wants an alternative to."""
        common = {t: set(fw.traits.get(t, ())) & set(ref.traits.get(t, ())) for t in w.SHARED_TRAIT_WEIGHTS}
        shared = sum(len(common[t]) * weight for t, weight in w.SHARED_TRAIT_WEIGHTS.items())
        # Quart re-implements Flask's API: the closest move there is. Dash is built on Flask too, but for
        # another kind of project, so that says nothing about likeness;
        # NiceGUI is built on FastAPI and serves real-time pages, but it is made for UIs: what it is made for
        # (its first kind of project) must be something the base is for.
        made_for = fw.traits.get("project", ())[:1]
        builds_on = ref.id in self.bases[fw.id] and bool(made_for) and made_for[0] in ref.traits.get("project", ())
        # Two frameworks on the same libraries work alike: Django Ninja and FastAPI both take Pydantic models.
        libraries = len(self.libraries_of[fw.id] & self.libraries_of[ref.id]) if fw.id != ref.id else 0
        return (w.SIMILAR_CATEGORY * (fw.category == ref.category) + w.BUILDS_ON_IT * builds_on + shared
                + w.SAME_INTERFACE * (fw.interface == ref.interface) + w.SHARED_LIBRARY * min(libraries, 2))

    def trait_rank(self, fw: Framework, trait_id: str, value_id: str) -> float | None:
        """The share of a trait's weight `fw` earns: 1 for a value that is its own (less when a ranked trait's
        value is not its first: Tornado serves APIs, but it is made for long-lived connections), a lesser share
        for a value its own kinds cover (a data-app framework for an interactive Python UI), None otherwise. A
        value graded by a measure (memory) earns what the framework's measured figure earns, when it was measured."""
        suited = fw.traits.get(trait_id, ())
        value = self.traits[trait_id].values[value_id]
        measured = value.footprint_share(fw.footprint)  # "only 512 MB of RAM": Microdot's 21 MB beats Flask's 32
        if measured is not None:
            return measured or None
        if value_id in suited:
            return 1.0 if trait_id not in w.RANKED_TRAITS or suited[0] == value_id else w.SECONDARY_PRIORITY
        return w.COVERED_KIND if not set(value.covered_by).isdisjoint(suited) else None

    def adds_what_was_asked(self, addon: Framework, base: Framework, question) -> bool:
        """Whether an add-on beats its base on something asked for: a need the base lacks or does less
        well ("throttling"), the kind of project it is made for and the base is not ("an API layer"), or a
        word only the add-on's description uses ("browsable")."""
        better = any(self.supports[addon.id][n][1] > self.supports[base.id][n][1] for n in question.needs)
        if not better and any(self.features[n].from_the_base for n in question.needs):
            return False  # "async endpoints for our Flask monolith": APIFlask runs on Flask's async as it is
        made_for = any(trait == "project" and addon.traits.get("project", ())[:1] == (value,)
                       and base.traits.get("project", ())[:1] != (value,) for trait, value in question.traits)
        return better or made_for or any(self.kb.distinctive_terms[t] == {addon.id} for t in question.terms)


def _names_another(via: str, spaced_names: tuple[tuple[str, str], ...], builds_on: set[str | None]) -> bool:
    """Whether an extension's `via` is another framework here, by a one-word name ("drf-spectacular") or a
    longer one ("Django REST framework" for Django's API versioning): that is choosing it, not extending this
    one. The framework itself and its own base do not count (Flask-Caching for Dash is an extension of Flask,
    which Dash runs on)."""
    joined = f" {_spaced(via)} "
    return any(fid not in builds_on and name in joined for name, fid in spaced_names)


def _spaced(text: str) -> str:
    """Lower case, its words joined by single spaces ("Flask-Caching / Redis" -> "flask caching redis")."""
    return " ".join(w for w in re.split(r"[\s/+-]+", text.lower()) if w)
