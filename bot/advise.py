"""Turn an understood question into advice: ranked recommendations, comparisons, cards and lists.

Scoring is a transparent sum so every point can be explained to the person asking: each stated need
adds what the framework offers for it (built in > extension > nothing), each project trait adds or
subtracts its fit, and maintenance and adoption nudge the rest. Equal scores are broken by name, so
the same question always gets the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge import CATEGORY_LABELS, Feature, Framework, KnowledgeBase, Support, lower_first
from bot.question import Question

SUPPORT_POINTS = {"builtin": 1.0, "extension": 0.55, "partial": 0.55, "none": -0.5}
EXTENSION_IS_ANOTHER_FRAMEWORK = 0.15  # "dashboards via Dash": that is choosing Dash, not Flask
EXTENSION_WHEN_BUILTIN_ASKED = 0.1  # "a built-in admin": Flask-Admin is not what was asked for
ASYNC_SUPPORT = {"native": "builtin", "partial": "partial", "none": "none"}
TRAIT_MISMATCH = {"size": -0.6, "experience": -0.3, "priority": 0.0, "project": -0.4}
MAINTENANCE_POINTS = {"active": 0.0, "maintenance-only": -0.1, "unmaintained": -2.0}  # slow is not dead
ADOPTION_POINTS = {"high": 0.45, "medium": 0.2, "low": 0.0}
EMPHASIS = 2.0
IMPLIED = 0.5  # a need only a broader phrase implies ("CMS-style site": a CMS, perhaps)
SECONDARY_PRIORITY = 0.75
RANKED_TRAITS = frozenset({"priority", "project"})  # listed first = what the framework is for
NEGATED_BUILTIN = -0.3
KIND_WANTED = 0.5  # the category asked for by name: less than a need
ADDON_OVER_BASE_MARGIN = 0.5  # an add-on only a little ahead of its base: choose the base, then add it
SUCCESSOR_BONUS = 1.0  # the project that continues the one named: a natural first look
AVOIDED_DEPENDENCY = -1.0  # "no Pydantic": as strong as a missing need
NEGATED_ABSENT = 0.0  # lacking what nobody asked for earns nothing
SIMILAR_CATEGORY = 1.0
SHARED_TRAIT_WEIGHTS = {"project": 0.4, "size": 0.2, "priority": 0.2}  # likeness from the traits in common
BUILDS_ON_IT = 1.5  # built on the framework named: more alike than the same category
SHARED_LIBRARY = 0.4  # per library both are built on (at most two count)
RECOMMENDATIONS_SHOWN = 5
PLAN_CACHE_SIZE = 1024
BUILT_FOR_WHAT_YOU_HAVE = 2.0  # above ALREADY_IN_USE: "our Django app needs an API" is answered by DRF/Ninja
ALREADY_IN_USE = 1.5
ADD_ON_FOR_ANOTHER_BASE = -1.5
INTERFACE_WEIGHT = 1.0
NOT_A_DATA_APP = -1.0  # Dash and Streamlit are not general web frameworks
LIKENESS_WITH_NEEDS = 0.3
LIKENESS_ASKED = 0.6  # with needs, when the message names the model outright ("FastAPI-style type hints")
BATTERIES_WANTED = frozenset({("size", "large"), ("priority", "development_speed"), ("priority", "growth"),
                              ("project", "web_app")})
LEAN_WANTED = frozenset({("size", "tiny"), ("size", "small"), ("project", "api"), ("project", "data_app"),
                         ("priority", "learning_internals")})
TERM_BONUS = 0.3  # a word only this framework's description uses: a hint, less than any stated need
SHORTLISTED = 1.2  # a framework the message asks about ("explore Litestar instead of FastAPI"): a clearly
SHORTLIST_FAVOURED = 0.3  # better fit elsewhere still wins; among the shortlist, the one leaned towards breaks ties
ALTERNATIVES_SHOWN = 3  # with a card about an unmaintained framework
MAX_TERMS = 2
CLEARLY_BETTER = 0.5  # points; below that, "X fits better" would be noise from adoption

MAINTENANCE_CAVEATS = {
    "maintenance-only": "In maintenance mode: fixes rather than new features (latest {fw.latest_version}, "
                        "checked {fw.checked})",
    "unmaintained": "Unmaintained: no active development (latest {fw.latest_version}, checked {fw.checked})",
}

COMPARE_DEFAULT_FEATURES = ("orm", "admin", "templates", "auth", "websockets", "openapi", "validation",
                            "async", "zero_dependencies")
MAX_COMPARE_ROWS = 14


@dataclass(frozen=True)
class _Plan:
    needs: tuple[tuple[str, Feature, float], ...]  # feature id, feature, weight with emphasis
    negated: tuple[tuple[str, Feature], ...]
    traits: tuple[tuple[str, str, float, float, str], ...]  # trait, value, weight, mismatch, label
    references: tuple[Framework, ...]  # "alternatives to X": the X
    wants_data_app: bool
    best: float


@dataclass(frozen=True)
class Recommendation:
    framework: Framework
    score: float
    reasons: tuple[str, ...]
    caveats: tuple[str, ...]
    fit: int | None = None  # percent of the best score possible for the stated needs; None without needs


@dataclass(frozen=True)
class Comparison:
    frameworks: tuple[Framework, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    choose: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """Everything a renderer needs; no Slack, no formatting."""

    question: Question
    recommendations: tuple[Recommendation, ...] = ()
    comparison: Comparison | None = None
    card: Framework | None = None
    direct: str | None = None
    listing: tuple[tuple[str, tuple[Framework, ...]], ...] = ()
    listing_title: str = ""
    message: str | None = None
    notes: tuple[str, ...] = ()
    alternatives: tuple[Recommendation, ...] = ()  # where to go instead, with a card about an unmaintained one


def support_phrase(feature: Feature, support: Support) -> str:
    """`Admin interface: built in`, `ORM via Flask-SQLAlchemy`, `Async / asyncio: partial`, `No WebSockets`."""
    if support.level == "builtin":
        return f"{feature.label}: built in"
    if support.level == "extension":
        return f"{feature.label} via {support.via}"
    if support.level == "partial":
        return f"{feature.label}: partial" + (f" ({support.note})" if support.note else "")
    return feature.absent


class Advisor:
    """Answers understood questions from one knowledge base."""

    def __init__(self, kb: KnowledgeBase, replies: dict[str, tuple[str, str]] | None = None):
        self.kb = kb
        self.replies = replies or {}  # language code -> (name, "I only understand English" in that language)
        self.features = kb.vocabulary.features
        self.traits = kb.vocabulary.traits
        self.breadth = {fw.id: self._breadth(fw) for fw in kb.frameworks.values()}
        self.bases = {fw.id: _bases(fw, kb) for fw in kb.frameworks.values()}
        self.libraries_of = {fw.id: frozenset(lib for lib, users in kb.libraries.items() if fw.id in users)
                             for fw in kb.frameworks.values()}
        self.supports = {fw.id: self._supports(fw) for fw in kb.frameworks.values()}
        self._last_plan: tuple[Question | None, _Plan | None] = (None, None)


    def advise(self, question: Question) -> Answer:
        notes = self._notes(question)
        handler = {
            "recommend": self.recommend,
            "compare": self.compare,
            "info": self.info,
            "list": self.listing,
        }.get(question.intent)
        answer = handler(question) if handler else self._not_understood(question)
        if notes:
            answer = Answer(**{**answer.__dict__, "notes": notes + answer.notes})
        return answer

    def _supports(self, fw: Framework) -> dict[str, tuple[Support, float]]:
        """Each feature's support and its points, computed once: async comes from `async_support`
        (Flask's `async def` views are not an event loop), and an extension that is itself another
        framework of the knowledge base counts little."""
        names = {alias: other.id for other in self.kb.frameworks.values() if other.id != fw.id
                 for alias in (other.id, other.name.lower(), *other.aliases)}
        supports = {}
        for fid in self.features:
            support = fw.support(fid)
            if fid == "async":
                support = Support(ASYNC_SUPPORT[fw.async_support], support.via, support.note)
            points = SUPPORT_POINTS[support.level]
            via_words = re.split(r"[\s/+-]+", support.via.lower())
            builds_on = {fw.extends, *self.bases[fw.id]}  # Flask-Caching for Dash is an extension of its own base
            if support.level == "extension" and any(w in names and names[w] not in builds_on for w in via_words):
                points = EXTENSION_IS_ANOTHER_FRAMEWORK
            supports[fid] = (support, points)
        return supports

    def forget(self) -> None:
        """Drop remembered scoring plans (benchmarks measure advising, not remembering)."""
        self._plan.cache_clear()
        self._last_plan = (None, None)

    # -- scoring -------------------------------------------------------------------------------------

    def score(self, fw: Framework, question: Question, *, explain: bool = True) -> Recommendation:
        """Points for `fw`; with `explain`, also the reasons that raised it and the caveats that lowered it.

        Ranking scores every framework but explains only the few it shows, so the text is built lazily.
        `fit` measures only how much of what was asked the framework covers; maintenance, adoption and
        likeness to a named framework move the ranking but not the fit.
        """
        last_question, plan = self._last_plan  # ranking scores every framework for the same question:
        if last_question is not question:  # skip hashing the question eighteen times
            plan = self._plan(question)
            self._last_plan = (question, plan)  # one tuple, swapped atomically: safe across threads
        prior = ADOPTION_POINTS[fw.adoption] + MAINTENANCE_POINTS[fw.maintenance]
        points = need_points = 0.0
        reasons: list[str] = []
        caveats: list[str] = []
        supports = self.supports[fw.id]
        # Adding an extension to what you run beats switching frameworks; but a base only implied by leaving
        # its add-on ("a DRF shop") is not itself an answer: its other add-ons are.
        in_use = fw.id in question.within and fw.id in question.frameworks
        for fid, feature, weight in plan.needs:
            support, value = supports[fid]
            if question.builtin_only and support.level == "extension":
                value = min(value, EXTENSION_WHEN_BUILTIN_ASKED)
            elif in_use and value == SUPPORT_POINTS["extension"]:
                value = SUPPORT_POINTS["builtin"]  # (an extension that is another framework is that framework's win)
            points += weight * value
            need_points += weight * value
            if explain:
                phrase = support_phrase(feature, support)
                (caveats if support.level == "none" else reasons).append(phrase)
        for fid, feature in plan.negated:
            level = supports[fid][0].level
            if feature.unobtrusive:  # "no async please": sync handlers are the need; async support costs nothing
                continue
            if level == "builtin":
                points += NEGATED_BUILTIN * feature.weight
                if explain:
                    caveats.append(f"Ships {lower_first(feature.label)}, which you said you don't need")
            elif level == "none" and NEGATED_ABSENT:
                points += NEGATED_ABSENT * feature.weight
        more_points, more_prior = self._named_preferences(fw, question, reasons if explain else None,
                                                          caveats if explain else None)
        points += more_points
        prior += more_prior
        for trait_id, value_id, weight, mismatch, label in plan.traits:
            suited = fw.traits.get(trait_id, ())
            if value_id in suited:
                # A framework's first priority (or kind of project) is what it is for; the rest it also does:
                # Tornado serves APIs, but it is made for long-lived connections.
                rank = 1.0 if trait_id not in RANKED_TRAITS or suited[0] == value_id else SECONDARY_PRIORITY
                points += weight * rank
                if explain:
                    reasons.append(_trait_reason(trait_id, label))
            elif mismatch and not in_use:
                points += weight * mismatch
                if explain:
                    caveats.append(_trait_caveat(trait_id, label))
        for ref in plan.references:  # "alternatives to X"
            # Likeness ranks alternatives when nothing else was asked; with needs, it only breaks near-ties.
            # The framework in use is like itself, which only counts as a tie-break: it has its own bonus.
            tie_break = (question.has_needs and not question.keep_close) or (in_use and ref.id == fw.id)
            weight = (LIKENESS_ASKED if question.likeness_asked else LIKENESS_WITH_NEEDS) if tie_break else 1.0
            prior += self._similarity(fw, ref) * weight
            if explain and fw.category == ref.category and fw.id != ref.id:
                reasons.insert(0, f"Same kind of framework as {ref.name} ({ref.category})")
        if fw.id in question.shortlist:  # the frameworks the question asks to choose among
            prior += SHORTLISTED + (SHORTLIST_FAVOURED if fw.id == question.shortlist[0] else 0.0)
        if fw.extends and fw.extends in question.within:  # "our Django app needs an API": built for it, when it
            base = self.kb.frameworks[fw.extends]  # brings what was asked (a CMS for a Django app, not for GraphQL)
            if not question.has_needs or self._adds_what_was_asked(fw, base, question) or fw.id in question.similar_to:
                prior += BUILT_FOR_WHAT_YOU_HAVE
            if explain:
                reasons.insert(0, f"Built for {base.name}, which you already use")
        elif in_use:  # switching frameworks costs more than adding an extension, if it can do the job at all
            prior += ALREADY_IN_USE if all(supports[f][0].level != "none" for f, _, _ in plan.needs) \
                else 0.0  # a dashboard for a FastAPI shop: FastAPI cannot draw one
            if explain:
                reasons.insert(0, "You already use it")
        elif fw.extends and question.within:  # Django Ninja for a Flask project means moving to Django
            prior += ADD_ON_FOR_ANOTHER_BASE
            if explain:
                caveats.append(f"An add-on for {self.kb.frameworks[fw.extends].name}, which you don't use")
        for interface in question.interfaces:  # "something ASGI-based"
            if interface in fw.interface.split("+"):
                points += INTERFACE_WEIGHT
                if explain:
                    reasons.append(f"Runs as an {interface.upper()} app")
            else:
                points -= INTERFACE_WEIGHT
                if explain:
                    caveats.append(f"Not {interface.upper()} ({_interface(fw.interface)})")
        if fw.category == "data-app" and question.has_needs and not plan.wants_data_app:
            prior += NOT_A_DATA_APP
            if explain:
                caveats.append("Built for data apps and dashboards, not general web apps or APIs")
        mentioned = [t for t in question.terms if fw.id in self.kb.distinctive_terms[t]]
        if mentioned:  # "we prefer msgspec": Litestar's own description says msgspec
            prior += min(len(mentioned), MAX_TERMS) * TERM_BONUS
            if explain:
                reasons.append("Its own description mentions " + ", ".join(f"“{t}”" for t in mentioned[:MAX_TERMS]))
        if explain and fw.maintenance != "active":
            caveats.insert(0, MAINTENANCE_CAVEATS[fw.maintenance].format(fw=fw))
        best = plan.best
        if in_use and plan.needs:  # what you already run: judged on the features asked for, not on its kind
            points_for_fit, best = need_points, sum(weight for _, _, weight in plan.needs)
        else:
            points_for_fit = points
        fit = max(0, min(100, round(100 * points_for_fit / best))) if best else None
        return Recommendation(fw, round(points + prior, 2), tuple(reasons), tuple(caveats), fit)

    def _named_preferences(self, fw: Framework, question: Question, reasons: list[str] | None,
                           caveats: list[str] | None) -> tuple[float, float]:
        """(points, prior) for what a question names rather than needs: a project the framework continues
        ("our old Pylons app"), a kind of framework ("a microframework"), a package to avoid ("no Pydantic").
        Reasons and caveats are added to the lists given, when given."""
        points = prior = 0.0
        if fw.id in question.succeeding:
            prior += SUCCESSOR_BONUS
            if reasons is not None:
                reasons.insert(0, f"The successor of {' and '.join(fw.succeeds)}")
        if question.kind and fw.category == question.kind:
            points += KIND_WANTED
            if reasons is not None:
                reasons.append(f"A {question.kind} framework, as asked")
        for library in question.avoided:
            if fw.id in self.kb.libraries.get(library, ()):
                points += AVOIDED_DEPENDENCY
                if caveats is not None:
                    caveats.append(f"Depends on {library}, which you want to avoid")
        return points, prior

    @lru_cache(maxsize=PLAN_CACHE_SIZE)  # noqa: B019 (one advisor per process, kept for its lifetime)
    def _plan(self, question: Question) -> _Plan:
        """What scoring needs from a question, looked up once rather than once per framework, and the
        score of an imaginary framework that has everything asked for built in (`best`, for the fit)."""
        def emphasis(key: str) -> float:
            if key in question.emphasized:
                return EMPHASIS
            return IMPLIED if key in question.implied else 1.0

        needs = tuple((f, self.features[f], self.features[f].weight * emphasis(f)) for f in question.needs)
        negated = tuple((f, self.features[f]) for f in question.negated)
        traits = tuple((t, v, self.traits[t].weight * emphasis(v), TRAIT_MISMATCH[t], self.traits[t].values[v].label)
                       for t, v in question.traits)
        best = (sum(weight for _, _, weight in needs) + sum(f.weight * NEGATED_ABSENT for _, f in negated)
                + sum(weight for _, _, weight, _, _ in traits) + INTERFACE_WEIGHT * len(question.interfaces))
        return _Plan(
            needs=needs, negated=negated, traits=traits,
            references=tuple(self.kb.frameworks[f] for f in question.similar_to),
            wants_data_app=self._wants_data_app(question),
            best=best if question.has_needs else 0.0,
        )

    def rank(self, question: Question, candidates: list[Framework] | None = None,
             explained: int | None = None) -> list[Recommendation]:
        """Frameworks best first; only the first `explained` (default: all) carry reasons and caveats."""
        pool = candidates if candidates is not None else [
            fw for fw in self.kb.frameworks.values()
            if fw.id not in question.excluded and fw.extends not in question.excluded]
        scored = [self.score(fw, question, explain=False) for fw in pool]
        # Equal scores: the framework that covers more by itself first, except that a full-stack framework
        # does not win a tie for a small app or an API on batteries nobody asked for. Then by name.
        lean = question.has_needs and bool(LEAN_WANTED.intersection(question.traits)
                                           or self._wants_data_app(question)) and not (
            BATTERIES_WANTED.intersection(question.traits))

        def coverage(fw: Framework) -> float:
            return 0.0 if lean and fw.category == "full-stack" else self.breadth[fw.id]

        ranked = sorted(scored, key=lambda r: (-r.score, -coverage(r.framework), r.framework.id))
        named = set(question.frameworks)
        if ranked and ranked[0].framework.maintenance == "unmaintained" and ranked[0].framework.id not in named:
            first_ok = next((i for i, r in enumerate(ranked) if r.framework.maintenance != "unmaintained"), 0)
            ranked.insert(0, ranked.pop(first_ok))
        shown = len(ranked) if explained is None else explained
        return [self.score(r.framework, question) for r in ranked[:shown]] + ranked[shown:]

    def _wants_data_app(self, question: Question) -> bool:
        return "dashboards" in question.needs or ("project", "data_app") in question.traits

    def _similarity(self, fw: Framework, ref: Framework) -> float:
        """How close `fw` is to a framework someone wants an alternative to."""
        common = {t: set(fw.traits.get(t, ())) & set(ref.traits.get(t, ())) for t in SHARED_TRAIT_WEIGHTS}
        shared = sum(len(common[t]) * w for t, w in SHARED_TRAIT_WEIGHTS.items())
        # Quart re-implements Flask's API: the closest move there is. Dash is built on Flask too, but for
        # another kind of project, so that says nothing about likeness.
        builds_on = ref.id in self.bases[fw.id] and bool(common["project"])
        # Two frameworks on the same libraries work alike: Django Ninja and FastAPI both take Pydantic models.
        libraries = len(self.libraries_of[fw.id] & self.libraries_of[ref.id]) if fw.id != ref.id else 0
        return (SIMILAR_CATEGORY * (fw.category == ref.category) + BUILDS_ON_IT * builds_on + shared
                + 0.2 * (fw.interface == ref.interface) + SHARED_LIBRARY * min(libraries, 2))

    def _breadth(self, fw: Framework) -> float:
        """How much a framework covers by itself: built-in features count 1, extensions 0.5."""
        return sum(SUPPORT_POINTS[s.level] > 0 and (1.0 if s.level == "builtin" else 0.5)
                   for s in fw.features.values())

    # -- intents -------------------------------------------------------------------------------------

    def recommend(self, question: Question) -> Answer:
        if len(question.shortlist) >= 2:
            return self._choose_among(question)
        ranked = self.rank(question, explained=RECOMMENDATIONS_SHOWN + 3)  # add-ons may move up to 3 aside
        notes: tuple[str, ...] = ()
        if not question.has_needs:
            basis = (f"ranked by how close each is to {_names(self.kb, question.similar_to)}" if question.similar_to
                     else "a general ranking")  # "alternatives to Flask", "the Python equivalent of Express"
            notes = (f"You didn't say what you're building, so this is {basis}. Tell me your needs "
                     "(e.g. \"REST API with auth and Swagger docs\" or \"dashboard for analysts\") for a sharper "
                     "answer.",)
        if not question.within:
            ranked = self._addons_after_their_base(ranked, question)
        shown = self._why_first(ranked[:RECOMMENDATIONS_SHOWN])
        return Answer(question, recommendations=tuple(shown), notes=notes)

    def _choose_among(self, question: Question) -> Answer:
        """"Which should we go with?" after a thread that named Flask and Django: the pick is one of them, and a
        framework outside the shortlist that clearly fits better is mentioned, not slipped in first."""
        shortlist = [self.kb.frameworks[f] for f in question.shortlist if f in self.kb.frameworks]
        ranked = self.rank(question, shortlist)
        outsiders = [r for r in self.rank(question, explained=1)[:1] if r.framework.id not in question.shortlist]
        notes: tuple[str, ...] = ()
        if outsiders and ranked and outsiders[0].score >= ranked[0].score + CLEARLY_BETTER and question.has_needs:
            out = outsiders[0]
            notes = (f"Outside the ones named, {out.framework.name} fits what you described better "
                     f"({'; '.join(out.reasons[:2])}).",)
        return Answer(question, recommendations=tuple(self._why_first(ranked)), notes=notes)

    def _why_first(self, ranked: list[Recommendation]) -> list[Recommendation]:
        """When the runner-up covers the needs just as well, say what put the winner first."""
        if len(ranked) < 2 or ranked[0].fit is None or ranked[0].fit != ranked[1].fit:
            return ranked
        first, second = ranked[0].framework, ranked[1].framework
        if ADOPTION_POINTS[first.adoption] > ADOPTION_POINTS[second.adoption]:
            why = f"Fits as well as {second.name} and is more widely used"
        elif MAINTENANCE_POINTS[first.maintenance] > MAINTENANCE_POINTS[second.maintenance]:
            why = f"Fits as well as {second.name} and is more actively developed"
        elif self.breadth[first.id] > self.breadth[second.id]:
            why = f"Fits as well as {second.name} and covers more by itself"
        elif self.breadth[first.id] < self.breadth[second.id] and second.category == "full-stack":
            why = f"Fits as well as {second.name} without a full stack you did not ask for"
        else:
            return ranked
        top = ranked[0]
        return [Recommendation(top.framework, top.score, (*top.reasons, why), top.caveats, top.fit), *ranked[1:]]

    def _addons_after_their_base(self, ranked: list[Recommendation], question: Question) -> list[Recommendation]:
        """When the winner is Django, Django REST framework is an add-on, not an alternative: list real
        alternatives first, and say on the winner which of its add-ons also fit. An add-on that wins by
        a hair over its own base (which nobody runs yet) gives the first place to the base."""
        if not ranked:
            return ranked
        base = ranked[0]
        if base.framework.extends:  # Django Ninja first for an ORM and an admin: those are Django's to give
            under = next((r for r in ranked[1:] if r.framework.id == base.framework.extends), None)
            if under is not None and not self._adds_what_was_asked(base.framework, under.framework, question) \
                    and under.score >= base.score - ADDON_OVER_BASE_MARGIN:
                ranked = [under, *(r for r in ranked if r is not under)]
                base = under
        shown = ranked[1:RECOMMENDATIONS_SHOWN]
        addons = [r for r in shown if r.framework.extends == base.framework.id]
        if not addons:
            return ranked
        pairs = ", ".join(r.framework.name for r in addons)
        base = Recommendation(base.framework, base.score, (*base.reasons[:3], f"Add-ons that also fit: {pairs}",
                                                           *base.reasons[3:]), base.caveats, base.fit)
        return [base, *(r for r in ranked[1:] if r not in addons), *addons]

    def _adds_what_was_asked(self, addon: Framework, base: Framework, question: Question) -> bool:
        """Whether an add-on beats its base on something asked for: a need the base lacks or does less
        well ("throttling"), the kind of project it is made for and the base is not ("an API layer"), or a
        word only the add-on's description uses ("browsable")."""
        better = any(self.supports[addon.id][n][1] > self.supports[base.id][n][1] for n in question.needs)
        made_for = any(trait == "project" and addon.traits.get("project", ())[:1] == (value,)
                       and base.traits.get("project", ())[:1] != (value,) for trait, value in question.traits)
        return better or made_for or any(self.kb.distinctive_terms[t] == {addon.id} for t in question.terms)

    def compare(self, question: Question) -> Answer:
        if len(question.frameworks) < 2:  # "how is this different from Gradio?": what I know is its card
            return self.info(question)
        frameworks = [self.kb.frameworks[fid] for fid in question.frameworks]
        ranked = self.rank(question, frameworks)
        feature_ids = list(dict.fromkeys([*question.needs, *question.negated, *COMPARE_DEFAULT_FEATURES]))
        rows: list[tuple[str, tuple[str, ...]]] = [
            ("Category", tuple(fw.category for fw in frameworks)),
            ("Interface", tuple(_interface_cell(fw.interface) for fw in frameworks)),
            ("Async", tuple(fw.async_support for fw in frameworks)),
            ("Maintenance", tuple(fw.maintenance for fw in frameworks)),
            ("Latest version", tuple(fw.latest_version for fw in frameworks)),
            ("License", tuple(fw.license for fw in frameworks)),
        ]
        feature_rows = [
            (self.features[fid].label, tuple(_cell(self.supports[fw.id][fid][0]) for fw in frameworks))
            for fid in feature_ids
            if fid != "async" or fid in question.needs or fid in question.negated
        ]
        asked = len(question.needs) + len(question.negated)
        rows = feature_rows[:asked] + rows + feature_rows[asked:]
        choose = tuple(f"Choose {fw.name} for {lower_first(fw.best_for[0]).rstrip('.')}" for fw in frameworks)
        comparison = Comparison(tuple(frameworks), tuple(rows[:MAX_COMPARE_ROWS]), choose)
        return Answer(question, recommendations=tuple(ranked), comparison=comparison)

    def info(self, question: Question) -> Answer:
        fw = self.kb.frameworks[question.frameworks[0]]
        direct = self._direct(fw, question)
        recommendations: tuple[Recommendation, ...] = ()
        topic_feature = (question.topic or "").removeprefix("feature:")
        other_needs = question.traits or question.negated or any(n != topic_feature for n in question.needs)
        if question.asks_fit and other_needs:  # "is flask good for a marketplace with an admin?"
            recommendations = (self.score(fw, question),)
            best = self.rank(Question(text=question.text, intent="recommend", needs=question.needs,
                                      traits=question.traits, negated=question.negated), explained=0)[0]
            if best.framework.id != fw.id and best.score >= recommendations[0].score + CLEARLY_BETTER:
                mine = recommendations[0]
                match = (f" ({best.fit}% vs {mine.fit}% match)" if best.fit is not None and mine.fit is not None
                         and best.fit != mine.fit else "")
                better = f"For what you described, {best.framework.name} fits better{match}."
                direct = f"{direct} {better}" if direct else better
        alternatives: tuple[Recommendation, ...] = ()
        if fw.maintenance == "unmaintained":  # "is hug dead?": yes, and where to go instead
            alternatives = tuple(self.rank(Question(
                text=question.text, intent="recommend", needs=question.needs, traits=question.traits,
                excluded=(fw.id,), similar_to=(fw.id,)), explained=ALTERNATIVES_SHOWN)[:ALTERNATIVES_SHOWN])
        return Answer(question, card=fw, direct=direct, recommendations=recommendations, alternatives=alternatives)

    def listing(self, question: Question) -> Answer:
        frameworks = sorted(self.kb.frameworks.values(), key=lambda f: f.name.lower())
        title = "The Python web frameworks I know"
        if question.category in ("asgi", "wsgi"):
            frameworks = [fw for fw in frameworks if question.category in fw.interface.split("+")]
            title = f"{question.category.upper()} frameworks"
        elif question.category == "async":
            frameworks = [fw for fw in frameworks if fw.async_support == "native"]
            title = "Frameworks with native async support"
        elif question.category:
            frameworks = [fw for fw in frameworks if fw.category == question.category]
            title = f"{question.category.capitalize()} frameworks"
        needs = [f for f in question.needs if not (f == "async" and question.category in ("async", "asgi"))]
        if needs:
            labels = ", ".join(self.features[f].label for f in needs)
            wanted = ("builtin",) if question.builtin_only else ("builtin", "extension", "partial")
            frameworks = [fw for fw in frameworks
                          if all(self.supports[fw.id][f][0].level in wanted for f in needs)]
            title += f" with {labels}"
        groups: dict[str, list[Framework]] = {}
        for fw in frameworks:
            groups.setdefault(fw.category, []).append(fw)
        return Answer(question, listing=tuple((c, tuple(fws)) for c, fws in groups.items()),
                      listing_title=f"{title} ({len(frameworks)})")

    # -- details ---------------------------------------------------------------------------------------

    def _direct(self, fw: Framework, question: Question) -> str | None:
        topic = question.topic or ""
        kind, _, key = topic.partition(":")
        if kind == "feature" and key in self.features:
            support = self.supports[fw.id][key][0]
            feature = self.features[key]
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
        if kind == "relation" and key in self.kb.frameworks:
            other = self.kb.frameworks[key]
            if other.id in self.bases[fw.id]:
                return f"Yes: {fw.name} is built on {other.name} (a core dependency)."
            deps = ", ".join(fw.dependencies)
            return f"No: {fw.name} does not depend on {other.name}. Its core dependencies: {deps}."
        if kind == "interface" and key in ("wsgi", "asgi"):
            runs = _interface(fw.interface)
            if key in fw.interface.split("+"):
                return f"Yes: {fw.name} runs as {runs}."
            return f"No: {fw.name} is not {key.upper()}; it runs as {runs} (async support: {fw.async_support})."
        return _field_answer(fw, kind) if kind else None

    def _not_understood(self, question: Question) -> Answer:
        """Unknown questions; one in another language is told so in that language, then in English."""
        if question.topic == "library":
            return Answer(question, message="That sounds like a choice of library or server rather than of a web "
                                            "framework, which is what I compare. Tell me what you're building and "
                                            "I'll suggest a framework, or name one and ask what it ships with.")
        code = (question.topic or "").removeprefix("language:")
        if code in self.replies:
            name, reply = self.replies[code]
            return Answer(question, message=f"{reply} I only understand English: please ask again in English "
                                            f"(your message looks like {name}).")
        return Answer(question)

    def _notes(self, question: Question) -> tuple[str, ...]:
        notes = []
        if question.truncated:
            notes.append("Your message was very long; I read the first 4,000 characters.")
        if question.others and question.intent != "unknown":
            about = "; ".join(f"{_title(name)} is {self.kb.names[name].is_}" for name in question.others)
            twins = [f for name in question.others for f in self.kb.names[name].see
                     if f in question.similar_to]  # "the Python equivalent of Express"
            closest = f" The closest here: {_names(self.kb, tuple(dict.fromkeys(twins)))}." if twins else ""
            notes.append(f"{about}: I only cover Python web frameworks, so I left it out.{closest}")
        if question.from_discussion:
            picked = ", ".join(self._need_label(k) for k in question.from_discussion)
            notes.append(f"Picked up from the discussion: {picked}.")
        return tuple(notes)

    def _need_label(self, key: str) -> str:
        if key.startswith("no "):
            return "no " + self._need_label(key[3:])
        if key.startswith("not "):  # a framework the thread ruled out
            fw = self.kb.frameworks.get(key[4:])
            return f"not {fw.name if fw else key[4:]}"
        if ":" in key:
            trait_id, value_id = key.split(":", 1)
            return self.traits[trait_id].values[value_id].label
        return self.features[key].label


def _title(name: str) -> str:
    """`Express`, `Next.js`, `Flask-RESTX`: a name as people write it at the start of a sentence."""
    return name[:1].upper() + name[1:]


def _names(kb: KnowledgeBase, ids: tuple[str, ...]) -> str:
    """`Flask and Bottle`, `Django, Flask and Bottle`."""
    names = [kb.frameworks[f].name for f in ids]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _bases(fw: Framework, kb: KnowledgeBase) -> frozenset[str]:
    """The frameworks of the knowledge base that `fw` is built on (`built_on`, and the one it extends)."""
    return frozenset(f for f in (*fw.built_on, fw.extends) if f in kb.frameworks and f != fw.id)


def _field_answer(fw: Framework, field: str) -> str | None:
    """One or two lines that answer a fact question, with the date the fact was true and where it is written."""
    answer = _dated_answer(fw, field)
    if answer is not None:
        return answer
    answers = {
        "first_release": f"{fw.name} was first released in {fw.first_release}.",
        "interface": f"{fw.name} runs as {_interface(fw.interface)}; async support: {fw.async_support}.",
        "dependencies": (f"{fw.name}'s run-time dependencies: {', '.join(fw.dependencies)}." if fw.dependencies
                         else f"{fw.name} has no run-time dependencies outside the standard library."),
        "notable_users": (f"Known users of {fw.name}: {', '.join(fw.notable_users)}." if fw.notable_users
                          else f"{fw.name}'s own pages name no users I can cite."),
        "docs": f"{fw.name}'s documentation: {fw.docs}",
        "repository": f"{fw.name}'s repository: {fw.repository}",
        "category": f"{fw.name} is {_article(CATEGORY_LABELS[fw.category])} {CATEGORY_LABELS[fw.category]} framework.",
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
        activity = fw.activity
        evidence = f"last release {activity.last_release}" if activity else f"latest {release.version}"
        if activity and activity.last_commit:
            evidence += f", last commit seen {activity.last_commit}"
        if activity and activity.status:
            evidence += f"; the project says it is {activity.status.replace('-', ' ')}"
        return f"{fw.name} is {fw.maintenance.replace('-', ' ')}: {evidence} ({checked})."
    if field == "support_policy" and fw.support_policy:
        return f"{fw.support_policy.text} ({fw.support_policy.source}; {checked})"
    if field == "people" and fw.backing:
        return (f"{fw.name} is backed by {fw.backing.by} ({fw.backing.kind.replace('-', ' ')}; {fw.backing.source}); "
                f"its contributors are at {fw.repository}.")
    return None


def _interface_cell(interface: str) -> str:
    """`WSGI+ASGI`, `own server+ASGI`."""
    return "+".join("own server" if part == "own-server" else part.upper() for part in interface.split("+"))


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _interface(interface: str) -> str:
    return {"wsgi": "a WSGI app", "asgi": "an ASGI app", "wsgi+asgi": "a WSGI or an ASGI app",
            "own-server": "its own server", "own-server+asgi": "its own server or an ASGI app",
            "own-server+adapters": "its own server, or through WSGI/ASGI adapters"}[interface]


def _cell(support: Support) -> str:
    if support.level == "builtin":
        return "built in"
    if support.level == "partial":
        return "partial"
    if support.level == "extension":
        return support.via
    return "-"





def _trait_reason(trait_id: str, label: str) -> str:
    return {"size": f"Suits {label}", "experience": f"Works well for {label}",
            "priority": f"Strong on {label}", "project": f"Made for {label}"}[trait_id]


def _trait_caveat(trait_id: str, label: str) -> str:
    return {"size": f"Less suited to {label}", "experience": f"Harder going for {label}",
            "priority": f"Not known for {label}", "project": f"Not aimed at {label}"}[trait_id]
