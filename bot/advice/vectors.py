"""Score vectors: what ranking needs of every framework, one tuple per feature and per trait value, computed
once per knowledge base, so that ranking a question is a few list passes instead of one full explained-score
computation per framework.

`Vectors.scores` gives, for every framework of `order`, exactly what `Scorer.score(fw, question, explain=False)`
gives (the same floating-point sums, added in the same order: tests/test_advise.py compares them), for
the questions it handles; it returns None for the rest (a project already in use, built-in features only, a
Python version or licenses stated),
which the scorer then scores one by one.
"""

from __future__ import annotations

from bot.advice import weights as w
from bot.advice.catalog import Catalog
from bot.advice.model import Recommendation
from bot.advice.scoring import Plan, term_points
from bot.knowledge import Framework
from bot.question import Question


class Vectors:
    def __init__(self, catalog: Catalog):
        kb = catalog.kb
        self.catalog = catalog
        self.order: tuple[Framework, ...] = tuple(kb.frameworks.values())
        self.prior = tuple(w.ADOPTION_POINTS[fw.adoption] + w.MAINTENANCE_POINTS[fw.maintenance] for fw in self.order)
        self.points = {fid: tuple(catalog.supports[fw.id][fid][1] for fw in self.order) for fid in catalog.features}
        # As Scorer._needs, for a question that wants sync code: what only async code can use counts as partial.
        self.sync_points = {fid: tuple(min(points, w.SUPPORT_POINTS["partial"]) if support.async_only else points
                                       for support, points in (catalog.supports[fw.id][fid] for fw in self.order))
                            for fid in catalog.features}
        self.levels = {fid: tuple(catalog.supports[fw.id][fid][0].level for fw in self.order)
                       for fid in catalog.features}
        self._ranks: dict[tuple[str, str], tuple[float | None, ...]] = {}
        self._likeness: dict[str, tuple[float, ...]] = {}
        self.categories = tuple(fw.category for fw in self.order)
        self.project_kinds = tuple(frozenset(fw.traits.get("project", ())) for fw in self.order)

    def ranks(self, trait_id: str, value_id: str) -> tuple[float | None, ...]:
        """Per framework: the share of a trait's weight it earns (1, or less when the value is not its first),
        None when the value is not one of its own."""
        key = (trait_id, value_id)
        if key not in self._ranks:
            ranked = trait_id in w.RANKED_TRAITS
            self._ranks[key] = tuple(
                (1.0 if not ranked or fw.traits[trait_id][0] == value_id else w.SECONDARY_PRIORITY)
                if value_id in fw.traits.get(trait_id, ()) else None for fw in self.order)
        return self._ranks[key]

    def likeness(self, ref: Framework) -> tuple[float, ...]:
        """Per framework: how close it is to `ref` (Catalog.similarity), kept per framework asked about."""
        if ref.id not in self._likeness:
            self._likeness[ref.id] = tuple(self.catalog.similarity(fw, ref) for fw in self.order)
        return self._likeness[ref.id]

    def scores(self, question: Question, plan: Plan) -> list[Recommendation] | None:
        """Every framework's unexplained score, in `order`; None when the question needs the scorer itself."""
        if question.within or question.builtin_only or question.python or question.licenses:
            return None  # rare constraints (a Python version, licenses allowed): the scorer, one by one
        points = self._points(question, plan)
        prior = self._prior(question, plan)
        best = plan.best
        return [Recommendation(fw, round(p + q, 2), (), (), max(0, min(100, round(100 * p / best))) if best else None)
                for fw, p, q in zip(self.order, points, prior, strict=True)]

    def _points(self, question: Question, plan: Plan) -> list[float]:
        """What the fit counts, in Scorer.score's order: needs, negated needs, kind, avoided libraries,
        traits, interfaces."""
        points = [0.0] * len(self.order)
        table = self.sync_points if w.SYNC_NEED in question.needs else self.points
        for fid, _feature, weight in plan.needs:
            points = [p + weight * v for p, v in zip(points, table[fid], strict=True)]
        for fid, feature in plan.negated:
            if feature.unobtrusive:
                continue
            builtin, absent = w.NEGATED_BUILTIN * feature.weight, w.NEGATED_ABSENT * feature.weight
            points = [p + builtin if level == "builtin" else p + absent if level == "none" and w.NEGATED_ABSENT else p
                      for p, level in zip(points, self.levels[fid], strict=True)]
        if question.kind:
            points = [p + w.KIND_WANTED if fw.category == question.kind else p
                      for p, fw in zip(points, self.order, strict=True)]
        for library in question.avoided:
            users = self.catalog.kb.libraries.get(library, ())
            points = [p + w.AVOIDED_DEPENDENCY if fw.id in users else p
                      for p, fw in zip(points, self.order, strict=True)]
        kinds = {value for trait_id, value, *_ in plan.traits if trait_id == "project"}
        fits_a_kind = [len(kinds) > 1 and not kinds.isdisjoint(own) for own in self.project_kinds]
        for trait_id, value_id, weight, mismatch, _label in plan.traits:
            # as Scorer._traits: made for one of several kinds of project asked, no penalty for the others
            spared = fits_a_kind if trait_id == "project" else [False] * len(points)
            points = [p + weight * r if r is not None else p if skip else p + weight * mismatch if mismatch else p
                      for p, r, skip in zip(points, self.ranks(trait_id, value_id), spared, strict=True)]
        for interface in question.interfaces:
            points = [p + w.INTERFACE_WEIGHT if interface in fw.interface.split("+") else p - w.INTERFACE_WEIGHT
                      for p, fw in zip(points, self.order, strict=True)]
        return points

    def _prior(self, question: Question, plan: Plan) -> list[float]:
        """What moves the ranking besides the fit, in Scorer.score's order: adoption and maintenance, being
        the successor, likeness, the shortlist, not being made for the kind of project, distinctive terms."""
        prior = list(self.prior)
        order, catalog = self.order, self.catalog
        if question.succeeding:
            prior = [q + w.SUCCESSOR_BONUS if fw.id in question.succeeding else q
                     for q, fw in zip(prior, order, strict=True)]
        for ref in plan.references:
            tie_break = question.has_needs and not question.keep_close
            weight = (w.LIKENESS_ASKED if question.likeness_asked else w.LIKENESS_WITH_NEEDS) if tie_break else 1.0
            prior = [q + like * weight for q, like in zip(prior, self.likeness(ref), strict=True)]
        if question.shortlist:
            first = question.shortlist[0]
            prior = [q + (w.SHORTLISTED + (w.SHORTLIST_FAVOURED if fw.id == first else 0.0))
                     if fw.id in question.shortlist else q for q, fw in zip(prior, order, strict=True)]
        if question.has_needs:  # as Scorer.score: Gradio for "something async" is not what it is made for
            unfit = {c for c, (kinds, _) in w.MADE_FOR_ONE_KIND.items() if plan.kinds.isdisjoint(kinds)}
            prior = [q + w.NOT_MADE_FOR_THIS if category in unfit else q
                     for q, category in zip(prior, self.categories, strict=True)]
        if question.terms:
            terms = catalog.kb.distinctive_terms
            for k, fw in enumerate(order):
                mentioned = [t for t in question.terms if fw.id in terms[t]]
                if mentioned:
                    prior[k] += term_points(fw, question, mentioned)
        return prior
