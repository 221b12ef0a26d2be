"""Score vectors: what ranking needs of every framework, one tuple per feature, trait value, kind, library,
interface and reference, computed once per knowledge base (and kept), so that ranking a question adds a few
precomputed tuples element by element (`map(add, ...)`, at C speed) instead of computing one explained score
per framework in Python. The cost that grows with the number of frameworks is those additions, a rounding
and a threshold; everything done per framework in Python (a Recommendation, a sort key) is done only for the
few that can be shown (ranking.py).

`Vectors.totals` gives, for every framework of `order`, exactly the sums `Scorer.score(fw, question,
explain=False)` computes (the same floating-point operations in the same order: adding a precomputed 0.0 leaves
a sum as it is, and tests/test_advise.py compares the two), for the questions it handles; it returns None for
the rest (a project already in use, built-in features only, a Python version or licenses stated), which the
scorer then scores one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import add

from bot.advice import weights as w
from bot.advice.catalog import Catalog
from bot.advice.model import Recommendation
from bot.advice.scoring import (
    Plan,
    add_on_without_its_base,
    async_only_value,
    counterpart_points,
    term_points,
    twins_named,
)
from bot.knowledge import Framework
from bot.question import Question

Vector = tuple[float, ...]
MAX_KEPT = 4096  # vectors kept per kind of key: a vocabulary's worth, with the few weights emphasis makes


def plus(total: list[float], vector: Vector) -> list[float]:
    return list(map(add, total, vector))


class Totals:
    """Per framework of Vectors.order: the fit's points, and the unrounded sum of points and prior. The score
    ranking sorts by is the sum rounded to two places (as Scorer.score rounds it), taken only for the few that
    can rank high: rounding a float to places costs more than adding it."""

    __slots__ = ("points", "sums")

    def __init__(self, points: list[float], sums: list[float]):
        self.points = points
        self.sums = sums

    def score(self, k: int) -> float:
        return round(self.sums[k], 2)


class Vectors:
    def __init__(self, catalog: Catalog):
        kb = catalog.kb
        self.catalog = catalog
        self.order: tuple[Framework, ...] = tuple(kb.frameworks.values())
        self.index = {fw.id: k for k, fw in enumerate(self.order)}
        # An excluded framework takes its add-ons with it ("not django": no DRF either).
        self.excluding: dict[str, tuple[int, ...]] = {
            fw.id: tuple(k for k, other in enumerate(self.order) if fw.id in (other.id, other.extends))
            for fw in self.order}
        self.prior = tuple(w.prior_points(fw.adoption, fw.maintenance, fw.declared_maintenance) for fw in self.order)
        self.levels = {fid: tuple(catalog.supports[fw.id][fid][0].level for fw in self.order)
                       for fid in catalog.features}
        self.categories = tuple(fw.category for fw in self.order)
        self.add_ons = tuple(k for k, fw in enumerate(self.order) if fw.extends)
        self.project_kinds = tuple(frozenset(fw.traits.get("project", ())) for fw in self.order)
        self._kept: dict[tuple, Vector] = {}

    def __getstate__(self) -> dict:
        """A stored engine (bot/warm.py) keeps what the knowledge says, not the vectors its questions asked for."""
        return {k: v for k, v in self.__dict__.items() if k != "_kept"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._kept = {}

    def _vector(self, key: tuple, make: Callable[[], Iterable]) -> Vector:
        """The vector for `key`, made by `make()` the first time it is asked for."""
        vector = self._kept.get(key)
        if vector is None:
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            vector = self._kept[key] = tuple(make())
        return vector

    # -- the vectors ---------------------------------------------------------------------------------------

    def need(self, fid: str, weight: float, async_only_points: float | None) -> Vector:
        """`weight` times each framework's support points for a feature; for a question that wants sync code
        (as Scorer._needs), what only async code can use counts `async_only_points` at most."""
        def make():
            for fw in self.order:
                support, points = self.catalog.supports[fw.id][fid]
                capped = async_only_points is not None and support.async_only
                yield weight * (min(points, async_only_points) if capped else points)
        return self._vector(("need", fid, weight, async_only_points), make)

    def negated(self, fid: str, weight: float) -> Vector:
        builtin, absent = w.NEGATED_BUILTIN * weight, w.NEGATED_ABSENT * weight
        return self._vector(("negated", fid, weight), lambda: (
            builtin if level == "builtin" else absent if level == "none" and w.NEGATED_ABSENT else 0.0
            for level in self.levels[fid]))

    def kind(self, category: str) -> Vector:
        """The kind of framework asked for by name: its own category gains, a contrary one loses (as
        Scorer._named_preferences)."""
        contrary = w.KIND_CONTRARY.get(category, frozenset())
        stacks = self.catalog.stack_categories
        return self._vector(("kind", category), lambda: (
            w.KIND_WANTED if fw.category == category else w.KIND_CONTRARY_POINTS if stacks[fw.id] & contrary else 0.0
            for fw in self.order))

    def avoided(self, library: str) -> Vector:
        users = self.catalog.kb.libraries.get(library, ())
        return self._vector(("avoided", library), lambda: (
            w.AVOIDED_DEPENDENCY if fw.id in users else 0.0 for fw in self.order))

    def ranks(self, trait_id: str, value_id: str) -> tuple[float | None, ...]:
        """Per framework: the share of a trait's weight it earns (Catalog.trait_rank), None when the value is
        neither one of its own nor covered by them."""
        return self._vector(("ranks", trait_id, value_id), lambda: (
            self.catalog.trait_rank(fw, trait_id, value_id) for fw in self.order))

    def trait(self, trait_id: str, value_id: str, weight: float, mismatch: float) -> Vector:
        """A trait's points (as Scorer._traits): its weight times the framework's share, or the mismatch."""
        return self._vector(("trait", trait_id, value_id, weight, mismatch), lambda: (
            weight * r if r is not None else weight * mismatch if mismatch else 0.0
            for r in self.ranks(trait_id, value_id)))

    def interface(self, interface: str) -> Vector:
        return self._vector(("interface", interface), lambda: (
            w.INTERFACE_WEIGHT if interface in fw.interface.split("+") else -w.INTERFACE_WEIGHT
            for fw in self.order))

    def unfit(self, categories: frozenset[str]) -> Vector:
        """The prior lost by frameworks made for one kind of project the question does not ask for."""
        return self._vector(("unfit", categories), lambda: (
            w.NOT_MADE_FOR_THIS if c in categories else 0.0 for c in self.categories))

    def likeness(self, ref: Framework) -> Vector:
        """Per framework: how close it is to `ref` (Catalog.similarity), kept per framework asked about."""
        return self._vector(("likeness", ref.id), lambda: (self.catalog.similarity(fw, ref) for fw in self.order))

    def weighted_likeness(self, ref: Framework, weight: float) -> Vector:
        return self._vector(("weighted likeness", ref.id, weight),
                            lambda: (like * weight for like in self.likeness(ref)))

    # -- a question ------------------------------------------------------------------------------------------

    def totals(self, question: Question, plan: Plan) -> Totals | None:
        """Every framework's points and score, in `order`; None when the question needs the scorer itself."""
        if question.within or question.builtin_only or question.python or question.licenses or question.libraries \
                or question.team_backed:
            return None  # rare constraints (a Python version, licenses allowed, who keeps it): the scorer, one by one
        points = self._points(question, plan)
        return Totals(points, list(map(add, points, self._prior(question, plan))))

    def scores(self, question: Question, plan: Plan) -> list[Recommendation] | None:
        """Every framework's unexplained Recommendation, in `order` (what ranking would build for each)."""
        totals = self.totals(question, plan)
        if totals is None:
            return None
        return [self.recommendation(k, totals, plan) for k in range(len(self.order))]

    def recommendation(self, k: int, totals: Totals, plan: Plan) -> Recommendation:
        best = plan.best
        fit = max(0, min(100, round(100 * totals.points[k] / best))) if best else None
        return Recommendation(self.order[k], totals.score(k), (), (), fit)

    def _points(self, question: Question, plan: Plan) -> list[float]:
        """What the fit counts, in Scorer.score's order: needs, negated needs, kind, avoided libraries,
        traits, interfaces."""
        points = [0.0] * len(self.order)
        async_only_points = async_only_value(question)
        for fid, _feature, weight in plan.needs:
            points = plus(points, self.need(fid, weight, async_only_points))
        for fid, feature in plan.negated:
            if not feature.unobtrusive or fid in question.emphasized:  # as Scorer._negated
                points = plus(points, self.negated(fid, feature.weight))
        if question.kind:
            points = plus(points, self.kind(question.kind))
        for library in question.avoided:
            points = plus(points, self.avoided(library))
        kinds = {value for trait_id, value, *_ in plan.traits if trait_id == "project"}
        for trait_id, value_id, weight, mismatch, _label in plan.traits:
            vector = self.trait(trait_id, value_id, weight, mismatch)
            if trait_id == "project" and len(kinds) > 1 and mismatch:
                # as Scorer._traits: made for one of several kinds of project asked, no penalty for the others
                vector = tuple(0.0 if value_id not in own and not kinds.isdisjoint(own) else v
                               for v, own in zip(vector, self.project_kinds, strict=True))
            points = plus(points, vector)
        for interface in question.interfaces:
            points = plus(points, self.interface(interface))
        return points

    def _add_ons_without_their_base(self, question: Question) -> list[int]:
        """As Scorer._setting, for a question on no framework: the add-ons neither named nor whose base is."""
        return [k for k in self.add_ons if add_on_without_its_base(self.catalog.kb, self.order[k], question)]

    def _prior(self, question: Question, plan: Plan) -> list[float]:
        """What moves the ranking besides the fit, in Scorer.score's order: adoption and maintenance, being
        the successor, likeness, the shortlist, not being made for the kind of project, distinctive terms."""
        prior = list(self.prior)
        index = self.index
        for fid in dict.fromkeys(question.succeeding):
            if fid in index:
                prior[index[fid]] += w.SUCCESSOR_BONUS
        for ref in plan.references:
            tie_break = question.has_needs and not question.keep_close
            weight = (w.LIKENESS_ASKED if question.likeness_asked else w.LIKENESS_WITH_NEEDS) if tie_break else 1.0
            prior = plus(prior, self.weighted_likeness(ref, weight / len(plan.references) if tie_break else weight))
        for fid in twins_named(self.catalog.kb, question):
            if fid in index:
                prior[index[fid]] += counterpart_points(self.catalog, fid, plan)
        for fid in dict.fromkeys(question.shortlist):
            if fid in index:
                prior[index[fid]] += w.SHORTLISTED + (w.SHORTLIST_FAVOURED if fid == question.shortlist[0] else 0.0)
        for k in self._add_ons_without_their_base(question):
            prior[k] += w.ADD_ON_WITHOUT_ITS_BASE
        if question.has_needs:  # as Scorer.score: Gradio for "something async" is not what it is made for
            unfit = frozenset(c for c, (kinds, _) in w.MADE_FOR_ONE_KIND.items() if plan.kinds.isdisjoint(kinds))
            if unfit:
                prior = plus(prior, self.unfit(unfit))
        if question.terms:
            self._add_term_points(question, prior)
        if question.purpose:
            self._add_purpose_points(question, prior)
        return prior

    def _add_purpose_points(self, question: Question, prior: list[float]) -> None:
        """As Scorer.score: the question's unread words against each description (Purposes.likenesses)."""
        index, weight = self.index, w.DESCRIBED_PURPOSE.get(question.intent, 0.0)
        for fid, likeness in self.catalog.kb.purposes.likenesses(question.purpose).items():
            if fid in index:
                prior[index[fid]] += weight * likeness

    def _add_term_points(self, question: Question, prior: list[float]) -> None:
        """As Scorer._terms: the words of the question only one or two frameworks' descriptions use."""
        terms, index = self.catalog.kb.distinctive_terms, self.index
        mentioned: dict[int, list[str]] = {}
        for term in question.terms:
            for fid in dict.fromkeys(terms[term]):
                if fid in index:
                    mentioned.setdefault(index[fid], []).append(term)
        for k, said in mentioned.items():
            prior[k] += term_points(self.order[k], question, said)
