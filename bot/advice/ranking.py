"""Ranking: every framework scored cheaply, sorted with deterministic tie-breaks, and only the ones shown
explained. Add-ons are placed after their base, and a tie is explained ("fits as well and is more used")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import compress, repeat
from math import inf
from operator import ge
from typing import TypeVar

from bot.advice import weights as w
from bot.advice.catalog import Catalog
from bot.advice.facts import needing_newer_python
from bot.advice.model import Recommendation, as_written
from bot.advice.scoring import Scorer, add_on_without_its_base, counterpart_of, wants_data_app
from bot.advice.vectors import Totals, Vectors
from bot.knowledge import Feature, Framework
from bot.question import Question


def lean_wanted(question: Question, features: dict[str, Feature]) -> bool:
    """Whether a tie should go to the leaner framework. A size said in words, or a need that is better
    lean (serverless), decides ("a small footprint" beats the batteries that server-rendered pages suggest);
    otherwise lean kinds of project do, unless something asks for batteries."""
    size = dict(question.traits).get("size")
    if size in w.LEAN_SIZES or any(features[n].lean for n in question.needs if n in features):
        return True
    return bool(w.LEAN_WANTED.intersection(question.traits) or wants_data_app(question)) and not (
        w.BATTERIES_WANTED.intersection(question.traits))


T = TypeVar("T")
ROUNDING_SLACK = 0.01  # a sum that rounds (to two places) to a score lies less than 0.005 below it


class Ranker:
    def __init__(self, catalog: Catalog, scorer: Scorer):
        self.catalog = catalog
        self.scorer = scorer
        self.kb = catalog.kb
        self.vectors = Vectors(catalog)

    def rank(self, question: Question, candidates: list[Framework] | None = None,
             explained: int | None = None, limit: int | None = None) -> list[Recommendation]:
        """The first `limit` frameworks (default: all), best first; only the first `explained` (default: all of
        them) carry reasons and caveats. A limit keeps ranking every framework cheap: only the ones that can
        be among the first `limit` are sorted, and only those shown become Recommendations."""
        plan = self.scorer.plan(question)
        totals = self.vectors.totals(question, plan) if candidates is None else None
        lean = question.has_needs and lean_wanted(question, self.kb.vocabulary.features)
        breadth, stacks = self.catalog.breadth, self.catalog.stack_categories

        # Equal scores: the framework that covers more by itself first, except that a full-stack framework (or
        # an add-on that brings one) does not win a tie for a small app or an API on batteries nobody asked
        # for. Then by name.
        def order(score: float, fw: Framework) -> tuple[float, float, str]:
            return -score, -(0.0 if lean and "full-stack" in stacks[fw.id] else breadth[fw.id]), fw.id

        if totals is not None:  # every framework at once, from the score vectors
            frameworks = self.vectors.order
            best = self._best_of_all(question, totals, lambda k: order(totals.score(k), frameworks[k]), limit)
            ranked = [self.vectors.recommendation(k, totals, plan) for k in best[:limit]]
        else:
            pool = candidates if candidates is not None else [
                fw for fw in self.kb.frameworks.values()
                if fw.id not in question.excluded and fw.extends not in question.excluded]
            every = explained is None  # explained as they are scored: the reasons change no score or order
            scored = sorted((self.scorer.score(fw, question, explain=every) for fw in pool),
                            key=lambda r: order(r.score, r.framework))
            ranked = _maintained_first(scored, lambda r: r.framework, question)[:limit]
            if every:
                return ranked
        shown = len(ranked) if explained is None else explained
        return [self.scorer.score(r.framework, question) for r in ranked[:shown]] + ranked[shown:]

    def _best_of_all(self, question: Question, totals: Totals, order: Callable[[int], tuple],
                     limit: int | None) -> list[int]:
        """The positions (in Vectors.order) of the frameworks that can be among the first `limit`, in ranking
        order: every one whose score reaches the `limit`-th best (ties included), so the first `limit` are
        exactly those of a full sort."""
        vectors = self.vectors
        sums = list(totals.sums)
        for fid in question.excluded:  # an excluded framework takes its add-ons along
            for k in vectors.excluding.get(fid, ()):
                sums[k] = -inf
        alive = len(sums) - sums.count(-inf)
        if limit is None or limit >= alive:
            indices: Iterable[int] = (k for k, s in enumerate(sums) if s != -inf)
        else:  # rounding keeps order, so the limit-th best score is the limit-th best sum, rounded
            bar = round(sorted(sums, reverse=True)[limit - 1], 2)
            near = compress(range(len(sums)), map(ge, sums, repeat(bar - ROUNDING_SLACK)))
            indices = [k for k in near if totals.score(k) >= bar]
        best = _maintained_first(sorted(indices, key=order), vectors.order.__getitem__, question)
        if limit is not None and limit < alive and best and not _leads_rightly(vectors.order[best[0]], question):
            return self._best_of_all(question, totals, order, None)  # none of them maintained: look further
        return best

    def why_first(self, ranked: list[Recommendation], question: Question) -> list[Recommendation]:
        """When the runner-up covers the needs just as well, say what put the winner first: a word of the
        question that points at it ("we already use bokeh": Panel) before adoption, maintenance or breadth."""
        if len(ranked) < 2 or ranked[0].fit is None or ranked[0].fit != ranked[1].fit:
            return ranked
        first, second = ranked[0].framework, ranked[1].framework
        breadth = self.catalog.breadth
        terms = self.kb.distinctive_terms
        hint = next((t for t in question.terms if first.id in terms[t] and second.id not in terms[t]), None)
        counterpart = counterpart_of(self.kb, first, question)
        if counterpart and not counterpart_of(self.kb, second, question):
            why = counterpart  # "Shiny for Python: the closest Python counterpart of R Shiny"
        elif hint is not None:
            why = f"Fits as well as {second.name}, and its own description mentions “{as_written(first, hint)}”"
        elif w.ADOPTION_POINTS[first.adoption] > w.ADOPTION_POINTS[second.adoption]:
            why = f"Fits as well as {second.name} and is more widely used"
        elif w.MAINTENANCE_POINTS[first.maintenance] > w.MAINTENANCE_POINTS[second.maintenance]:
            why = f"Fits as well as {second.name} and is more actively developed"
        elif breadth[first.id] > breadth[second.id]:
            why = f"Fits as well as {second.name} and covers more by itself"
        elif breadth[first.id] < breadth[second.id] and second.category == "full-stack":
            why = f"Fits as well as {second.name} without a full stack you did not ask for"
        else:
            return ranked
        return [replace(ranked[0], standing=why), *ranked[1:]]

    def why_above(self, ranked: list[Recommendation], question: Question) -> list[Recommendation]:
        """A lower fit ranked above a higher one reads like a mistake unless the answer says why: adoption,
        maintenance, the shortlist or the project in use count besides the fit (see weights.py)."""
        explained = []
        for i, rec in enumerate(ranked):
            better = [r for r in ranked[i + 1:] if rec.fit is not None and r.fit is not None and r.fit > rec.fit]
            if better and not rec.standing:
                because = self._because(rec.framework, better[0].framework, question)
                fits = ", ".join(f"{r.framework.name} ({r.fit}% fit)" for r in better[:2])
                rec = replace(rec, standing=f"Ranked above {fits} because {because}")
            explained.append(rec)
        return explained

    def _because(self, first: Framework, other: Framework, question: Question) -> str:
        if first.id in question.within:
            return "you already use it"
        if first.extends in question.within and other.extends not in question.within:
            return f"it is built for {self.kb.frameworks[first.extends].name}, which you already use"
        if first.id in question.shortlist and other.id not in question.shortlist:
            return "it is one of the options you are choosing among"
        if first.id in question.succeeding:
            return f"it continues {' and '.join(first.succeeds)}"
        if question.python and not needing_newer_python(self.catalog, first, question.python) \
                and needing_newer_python(self.catalog, other, question.python):
            return f"{other.name}'s latest release needs a newer Python than {question.python}"
        if w.MAINTENANCE_POINTS[first.maintenance] > w.MAINTENANCE_POINTS[other.maintenance]:
            return f"{other.name} is {'unmaintained' if other.maintenance == 'unmaintained' else 'in maintenance mode'}"
        if add_on_without_its_base(self.kb, other, question):
            if other.extends == first.id:
                return f"{other.name} is an add-on for it"
            return f"{other.name} is an add-on: choosing it means adopting {self.kb.frameworks[other.extends].name} too"
        if w.ADOPTION_POINTS[first.adoption] > w.ADOPTION_POINTS[other.adoption]:
            return "it is more widely used"
        references = [self.kb.frameworks[f] for f in question.similar_to if f in self.kb.frameworks]
        if references and sum(self.catalog.similarity(first, ref) for ref in references) > sum(
                self.catalog.similarity(other, ref) for ref in references):
            return f"it is closer to {' and '.join(ref.name for ref in references)}"
        return "it matches more of the rest of what you said (the fit counts stated needs and traits only)"

    def addons_after_their_base(self, ranked: list[Recommendation], question: Question) -> list[Recommendation]:
        """When the winner is Django, Django REST framework is an add-on, not an alternative: list real
        alternatives first, and say on the winner which of its add-ons also fit. An add-on that wins by
        a hair over its own base (which nobody runs yet) gives the first place to the base."""
        if not ranked:
            return ranked
        base = ranked[0]
        if base.framework.extends:  # Django Ninja first for an ORM and an admin: those are Django's to give
            under = next((r for r in ranked[1:] if r.framework.id == base.framework.extends), None)
            if under is None and base.framework.extends in self.kb.frameworks:  # below the first few ranked
                under = self.scorer.score(self.kb.frameworks[base.framework.extends], question)
            if under is not None and not self.catalog.adds_what_was_asked(base.framework, under.framework, question) \
                    and under.score >= base.score - w.ADDON_OVER_BASE_MARGIN:
                ranked = [under, *(r for r in ranked if r is not under)]
                base = under
        addons = [r for r in ranked[1:] if r.framework.extends == base.framework.id]  # all considered: one just
        # below the first five is no alternative either
        if not addons:
            return ranked
        pairs = ", ".join(r.framework.name for r in addons)
        base = self.scorer.score(base.framework, question)  # with its reasons, whether ranking explained it or not
        own = base.reasons or (base.framework.summary,)  # with no needs, what it is comes before its add-ons
        base = replace(base, reasons=(*own[:3], f"Add-ons that also fit: {pairs}", *own[3:]))
        return [base, *(r for r in ranked[1:] if r not in addons), *addons]


def _leads_rightly(fw: Framework, question: Question) -> bool:
    """An unmaintained framework leads only when the question names it."""
    return fw.maintenance != "unmaintained" or fw.id in question.frameworks


def _maintained_first(ranked: list[T], framework: Callable[[T], Framework], question: Question) -> list[T]:
    """An unmaintained framework nobody named does not lead: the first maintained one goes before it."""
    if ranked and not _leads_rightly(framework(ranked[0]), question):
        first_ok = next((i for i, r in enumerate(ranked) if framework(r).maintenance != "unmaintained"), 0)
        ranked.insert(0, ranked.pop(first_ok))
    return ranked
