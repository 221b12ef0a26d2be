"""The transparent score of one framework for one question, as a sum of small parts, each with the reasons
that raised it and the caveats that lowered it, so every point can be explained to the person asking.

`points` are what the fit measures (how much of what was asked a framework covers); `prior` moves the
ranking without changing the fit (adoption, maintenance, likeness to a framework named, what is in use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from bot.advice import weights as w
from bot.advice.catalog import Catalog
from bot.advice.facts import needing_newer_python, release_for_python, under_licenses
from bot.advice.model import (
    MAINTENANCE_CAVEATS,
    Recommendation,
    as_written,
    footprint_text,
    names,
    support_phrase,
    sync_phrase,
    trait_caveat,
    trait_reason,
)
from bot.knowledge import Feature, Framework, KnowledgeBase, lower_first
from bot.knowledge.base import foundation_terms
from bot.knowledge.model import LtsRelease
from bot.knowledge.names import LIKENED_KINDS
from bot.question import Question


@dataclass(frozen=True)
class Plan:
    """What scoring needs from a question, looked up once rather than once per framework."""

    needs: tuple[tuple[str, Feature, float], ...]  # feature id, feature, weight with emphasis
    negated: tuple[tuple[str, Feature], ...]
    traits: tuple[tuple[str, str, float, float, str], ...]  # trait, value, weight, mismatch, label
    references: tuple[Framework, ...]  # "alternatives to X": the X
    kinds: frozenset[str]  # the kinds of project asked for, said or implied by a need ("data_app", "ui_app")
    best: float  # the score of an imaginary framework with everything asked for built in


@dataclass
class Tally:
    """The running score of one framework; reasons and caveats only when the score is to be explained."""

    explain: bool
    points: float = 0.0
    prior: float = 0.0
    need_points: float = 0.0
    reasons: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)

    def reason(self, text: str, first: bool = False) -> None:
        if self.explain:
            self.reasons.insert(0, text) if first else self.reasons.append(text)

    def caveat(self, text: str, first: bool = False) -> None:
        if self.explain:
            self.caveats.insert(0, text) if first else self.caveats.append(text)


def async_only_value(question: Question) -> float | None:
    """The most a feature only async code can use earns, when sync code is wanted (None when it is not):
    partial when sync handlers are one need among others ("websockets and plain sync code"), next to nothing
    when the sync wish is stressed ("no async please"), since the code they will write cannot use it."""
    if w.SYNC_NEED not in question.needs:
        return None
    stressed = w.SYNC_NEED in question.emphasized
    return w.ASYNC_ONLY_WHEN_SYNC_STRESSED if stressed else w.SUPPORT_POINTS["partial"]


def wants_data_app(question: Question) -> bool:
    return w.DATA_APP_NEED in question.needs or w.DATA_APP_PROJECT in question.traits


def kinds_of_project(question: Question, features: dict[str, Feature]) -> frozenset[str]:
    """The kinds of project a question asks for: said ("a demo for our model") or implied by a need (a
    chat UI is a UI app, a dashboard a data app)."""
    said = {value for trait, value in question.traits if trait == "project"}
    implied = {features[f].project for f in question.needs if f in features and features[f].project}
    return frozenset(said | implied | ({w.DATA_APP_PROJECT[1]} if wants_data_app(question) else set()))


class Scorer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.kb = catalog.kb
        self._last_plan: tuple[Question | None, Plan | None] = (None, None)
        self._plan = lru_cache(maxsize=w.PLAN_CACHE_SIZE)(self._make_plan)

    def __getstate__(self) -> dict:
        """A stored scorer (bot/warm.py) keeps the catalog, not the plans it remembered."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_plan", "_last_plan")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._last_plan = (None, None)
        self._plan = lru_cache(maxsize=w.PLAN_CACHE_SIZE)(self._make_plan)

    def forget(self) -> None:
        """Drop remembered scoring plans (benchmarks measure advising, not remembering)."""
        self._plan.cache_clear()
        self._last_plan = (None, None)

    def plan(self, question: Question) -> Plan:
        last_question, plan = self._last_plan  # ranking scores every framework for the same question:
        if last_question is not question or plan is None:  # skip hashing the question once per framework
            plan = self._plan(question)
            self._last_plan = (question, plan)  # one tuple, swapped atomically: safe across threads
        return plan

    def _make_plan(self, question: Question) -> Plan:
        features, traits = self.catalog.features, self.catalog.traits

        def emphasis(key: str) -> float:
            if key in question.emphasized:
                return w.EMPHASIS
            return w.IMPLIED if key in question.implied else 1.0

        needs = tuple((f, features[f], features[f].weight * emphasis(f)) for f in question.needs)
        negated = tuple((f, features[f]) for f in question.negated)
        planned = tuple((t, v, traits[t].weight * emphasis(v), w.TRAIT_MISMATCH[t], traits[t].values[v].label)
                        for t, v in question.traits)
        best = (sum(weight for _, _, weight in needs) + sum(f.weight * w.NEGATED_ABSENT for _, f in negated)
                + sum(weight for _, _, weight, _, _ in planned) + w.INTERFACE_WEIGHT * len(question.interfaces)
                + (w.KIND_WANTED if question.kind else 0.0))  # "a full-stack framework" counts in the fit too
        return Plan(needs=needs, negated=negated, traits=planned,
                    references=tuple(self.kb.frameworks[f] for f in question.similar_to),
                    kinds=kinds_of_project(question, features), best=best if question.has_needs else 0.0)

    def score(self, fw: Framework, question: Question, *, explain: bool = True) -> Recommendation:
        """Points for `fw`; with `explain`, also the reasons and caveats (ranking explains only what it shows)."""
        plan = self.plan(question)
        tally = Tally(explain, prior=w.prior_points(fw.adoption, fw.maintenance, fw.declared_maintenance))
        # Adding an extension to what you run beats switching frameworks; but a base only implied by leaving
        # its add-on ("a DRF shop") is not itself an answer: its other add-ons are.
        in_use = fw.id in question.within and fw.id in question.frameworks
        self._needs(fw, question, plan, in_use, tally)
        self._negated(fw, question, plan, tally)
        self._named_preferences(fw, question, tally)
        self._traits(fw, plan, in_use, tally)
        self._likeness(fw, question, plan, in_use, tally)
        if fw.id in question.shortlist:  # the frameworks the question asks to choose among
            tally.prior += w.SHORTLISTED + (w.SHORTLIST_FAVOURED if fw.id == question.shortlist[0] else 0.0)
        self._setting(fw, question, plan, in_use, tally)
        self._interfaces(fw, question, tally)
        made_for = w.MADE_FOR_ONE_KIND.get(fw.category)  # Gradio for "something async": not what it is for
        if made_for is not None and question.has_needs and plan.kinds.isdisjoint(made_for[0]):
            tally.prior += w.NOT_MADE_FOR_THIS
            tally.caveat(made_for[1])
        self._terms(fw, question, tally)
        if question.purpose:  # "nicegui or streamlit for a robot control panel?": what each is described for
            tally.prior += w.DESCRIBED_PURPOSE.get(question.intent, 0.0) * self.kb.purposes.likenesses(
                question.purpose).get(fw.id, 0.0)
        self._python(fw, question, tally)
        if question.licenses and not under_licenses(fw, question.licenses):  # "MIT or BSD only"
            tally.prior -= w.LICENSE_NOT_ALLOWED
            tally.caveat(f"Licensed {fw.license}, not under the licenses you allow", first=True)
        if question.team_backed and fw.backing is not None and fw.backing.kind == "single-maintainer":
            tally.prior -= w.SINGLE_MAINTAINER  # "corporate policy: nothing with a single maintainer"
            tally.caveat(f"Kept by one maintainer: {fw.backing.by}", first=True)
        if fw.maintenance != "active":
            tally.caveat(MAINTENANCE_CAVEATS[fw.maintenance].format(fw=fw), first=True)
        best = plan.best
        points_for_fit = tally.points
        if in_use and plan.needs:  # what you already run: judged on the features asked for, not on its kind
            points_for_fit, best = tally.need_points, sum(weight for _, _, weight in plan.needs)
        fit = max(0, min(100, round(100 * points_for_fit / best))) if best else None
        return Recommendation(fw, round(tally.points + tally.prior, 2), tuple(tally.reasons), tuple(tally.caveats),
                              fit)

    # -- the parts ---------------------------------------------------------------------------------------

    def _needs(self, fw: Framework, question: Question, plan: Plan, in_use: bool, tally: Tally) -> None:
        supports = self.catalog.supports[fw.id]
        async_only_points = async_only_value(question)
        kept = {self.kb.names[lib].provides: lib for lib in question.libraries}
        for fid, feature, weight in plan.needs:
            support, value = supports[fid]
            if fid in kept:  # "SQLAlchemy models everywhere": works with it, leaves it be, or brings its own
                self._with_library(fw, feature, kept[fid], weight, tally)
                continue
            # "no async, with websockets": not FastAPI's, whose websocket endpoints must be async
            async_only = async_only_points is not None and support.async_only
            if async_only:
                value = min(value, async_only_points)
            if question.builtin_only and support.level == "extension":
                value = min(value, w.EXTENSION_WHEN_BUILTIN_ASKED)
            elif in_use and value == w.SUPPORT_POINTS["extension"]:
                value = w.SUPPORT_POINTS["builtin"]  # (an extension that is another framework is that framework's win)
            tally.points += weight * value
            tally.need_points += weight * value
            if tally.explain:
                phrase = sync_phrase(feature, support) if async_only else support_phrase(feature, support)
                (tally.caveats if support.level == "none" else tally.reasons).append(phrase)

    def _with_library(self, fw: Framework, feature: Feature, library: str, weight: float, tally: Tally) -> None:
        """A need the project meets with a library it uses: the framework's fit is how it goes with that library."""
        relation = self.catalog.with_library[fw.id][library]
        value = w.WITH_LIBRARY_POINTS[relation]
        tally.points += weight * value
        tally.need_points += weight * value
        title = self.kb.names[library].title
        if relation == "pairs":
            tally.reason(f"Works with {title}, which you use")
        elif relation == "own":
            tally.caveat(f"Has its own {lower_first(feature.label)} instead of {title}")

    def _negated(self, fw: Framework, question: Question, plan: Plan, tally: Tally) -> None:
        supports = self.catalog.supports[fw.id]
        for fid, feature in plan.negated:
            if feature.unobtrusive and fid not in question.emphasized:  # "no async please": sync handlers are
                continue  # the need and async support costs nothing; "no asyncio anywhere" rules its runtime out
            level = supports[fid][0].level
            if level == "builtin":
                tally.points += w.NEGATED_BUILTIN * feature.weight
                tally.caveat(f"Ships {lower_first(feature.label)}, which you said you don't need")
            elif level == "none" and w.NEGATED_ABSENT:
                tally.points += w.NEGATED_ABSENT * feature.weight

    def _named_preferences(self, fw: Framework, question: Question, tally: Tally) -> None:
        """What a question names rather than needs: a project the framework continues ("our old Pylons app"),
        a kind of framework ("a microframework"), a package to avoid ("no Pydantic")."""
        if fw.id in question.succeeding:
            tally.prior += w.SUCCESSOR_BONUS
            tally.reason(f"The successor of {' and '.join(fw.succeeds)}", first=True)
        if question.kind and fw.category == question.kind:
            tally.points += w.KIND_WANTED
            tally.reason(f"A {question.kind} framework, as asked")
        elif question.kind and self.catalog.stack_categories[fw.id] & w.KIND_CONTRARY.get(question.kind, frozenset()):
            tally.points += w.KIND_CONTRARY_POINTS
            tally.caveat(f"Not a {question.kind} framework, which you asked for")
        for library in question.avoided:
            if fw.id in self.kb.libraries.get(library, ()):
                tally.points += w.AVOIDED_DEPENDENCY
                tally.caveat(f"Depends on {library}, which you want to avoid")

    def _traits(self, fw: Framework, plan: Plan, in_use: bool, tally: Tally) -> None:
        # Of several kinds of project ("a marketplace with a chat": a web app and real-time), a framework made
        # for one of them is not penalised for the other; it only misses that one's points.
        kinds = {value for trait_id, value, *_ in plan.traits if trait_id == "project"}
        fits_a_kind = len(kinds) > 1 and not kinds.isdisjoint(fw.traits.get("project", ()))
        for trait_id, value_id, weight, mismatch, label in plan.traits:
            suited = fw.traits.get(trait_id, ())
            if trait_id == "project" and fits_a_kind and value_id not in suited:
                continue
            rank = self.catalog.trait_rank(fw, trait_id, value_id)
            if rank is not None:
                tally.points += weight * rank
                if value_id in suited:  # a kind only covered ("a Python UI" for Dash) earns points, no reason
                    tally.reason(self._trait_reason(fw, trait_id, value_id, label))
            elif mismatch and not in_use:
                tally.points += weight * mismatch
                tally.caveat(trait_caveat(trait_id, label))

    def _trait_reason(self, fw: Framework, trait_id: str, value_id: str, label: str) -> str:
        """"Strong on a small memory footprint", with the figure measured when the value is graded by one."""
        graded = self.catalog.traits[trait_id].values[value_id].footprint_range is not None
        if graded and fw.footprint is not None:
            return f"{trait_reason(trait_id, label)}: {footprint_text(fw.footprint)}"
        return trait_reason(trait_id, label)

    def _likeness(self, fw: Framework, question: Question, plan: Plan, in_use: bool, tally: Tally) -> None:
        """"Alternatives to X": likeness ranks them when nothing else was asked; with needs, it only breaks
        near-ties, and several models count as one ("like Express" is Flask and Bottle: the mean likeness, not the
        sum, or two models would outweigh any need). The framework in use is like itself, which only counts as a
        tie-break: it has its own bonus."""
        kin = []
        for ref in plan.references:
            tie_break = (question.has_needs and not question.keep_close) or (in_use and ref.id == fw.id)
            weight = (w.LIKENESS_ASKED if question.likeness_asked else w.LIKENESS_WITH_NEEDS) if tie_break else 1.0
            if tie_break:
                weight /= len(plan.references)
            tally.prior += self.catalog.similarity(fw, ref) * weight
            if fw.category == ref.category and fw.id != ref.id:
                kin.append(ref.id)
        if kin:  # one reason for all of them: "as Flask and Bottle (micro)", not the same sentence twice
            tally.reason(f"Same kind of framework as {names(self.kb, tuple(kin))} ({fw.category})", first=True)
        twin_of = counterpart_of(self.kb, fw, question)  # "the Python equivalent of R Shiny": say so, first
        if twin_of:
            tally.prior += counterpart_points(self.catalog, fw.id, plan)
            tally.reason(twin_of, first=True)

    def _setting(self, fw: Framework, question: Question, plan: Plan, in_use: bool, tally: Tally) -> None:
        """The framework the project already uses: extend it rather than replace it, and prefer an add-on for
        it when the add-on brings what was asked (a CMS for a Django app, not GraphQL), or when the message names
        the add-on as an option ("django-ninja or fastapi, we already have a big django codebase")."""
        if fw.extends and fw.extends in question.within:
            base = self.kb.frameworks[fw.extends]
            # Ninja for a team on DRF replaces the API layer it runs: that is a move, not an addition
            rival_in_use = any(f != fw.id and f in self.kb.frameworks and self.kb.frameworks[f].extends == fw.extends
                               and self.kb.frameworks[f].category == fw.category for f in question.within)
            if not rival_in_use and (not question.has_needs or self.catalog.adds_what_was_asked(fw, base, question)
                                     or fw.id in question.similar_to or fw.id in question.frameworks):
                tally.prior += w.BUILT_FOR_WHAT_YOU_HAVE
            tally.reason(f"Built for {base.name}, which you already use", first=True)
        elif in_use:  # switching frameworks costs more than adding an extension, if it can do the job at all
            supports = self.catalog.supports[fw.id]  # a dashboard for a FastAPI shop: FastAPI cannot draw one
            if all(supports[f][0].level != "none" for f, _, _ in plan.needs):
                tally.prior += w.ALREADY_IN_USE
            tally.reason("You already use it", first=True)
        elif fw.extends and question.within:  # Django Ninja for a Flask project means moving to Django
            tally.prior += w.ADD_ON_FOR_ANOTHER_BASE
            tally.caveat(f"An add-on for {self.kb.frameworks[fw.extends].name}, which you don't use")
        elif add_on_without_its_base(self.kb, fw, question):  # "a new API": Django Ninja is Django too
            tally.prior += w.ADD_ON_WITHOUT_ITS_BASE
            base_name = self.kb.frameworks[fw.extends].name
            tally.caveat(f"An add-on for {base_name}: choosing it means adopting {base_name} too")

    @staticmethod
    def _interfaces(fw: Framework, question: Question, tally: Tally) -> None:
        from bot.advice.facts import article, interface_text

        for interface in question.interfaces:  # "something ASGI-based"
            if interface in fw.interface.split("+"):
                tally.points += w.INTERFACE_WEIGHT
                tally.reason(f"Runs as {article(interface)} {interface.upper()} app")  # "a WSGI", "an ASGI"
            else:
                tally.points -= w.INTERFACE_WEIGHT
                tally.caveat(f"Not {interface.upper()} ({interface_text(fw.interface)})")

    def _python(self, fw: Framework, question: Question, tally: Tally) -> None:
        """"We're stuck on Python 3.9": a framework whose latest release, or its base's, needs a newer Python
        ranks lower, and says so; it is not ruled out, since an older release (Django 5.2 LTS on 3.10) may
        still be the answer."""
        if not question.python:
            return
        needing = needing_newer_python(self.catalog, fw, question.python)
        if needing is not None:
            tally.prior -= w.PYTHON_TOO_OLD
            whose = "Its" if needing is fw else f"{needing.name}'s"
            tally.caveat(f"{whose} latest release needs Python {needing.release.python_requires}: on "
                         f"{question.python} you would stay on an older release", first=True)
        elif isinstance(release := release_for_python(fw, question.python), LtsRelease):
            tally.reason(f"Its {release.version} LTS release runs on Python {question.python} (requires "
                         f"{release.python_requires}; security fixes until {release.supported_until})", first=True)
        elif fw.release.python_requires:  # the constraint the whole question rests on, met: said first
            tally.reason(f"Its latest release runs on Python {question.python} (requires "
                         f"{fw.release.python_requires})", first=True)

    def _terms(self, fw: Framework, question: Question, tally: Tally) -> None:
        """Words only a framework's own description uses: a hint beside needs, the question without them."""
        mentioned = [t for t in question.terms if fw.id in self.kb.distinctive_terms[t]]
        if mentioned:  # "we prefer msgspec": Litestar's own description says msgspec
            tally.prior += term_points(fw, question, mentioned)
            tally.reason("Its own description mentions "
                         + ", ".join(f"“{as_written(fw, t)}”" for t in mentioned[:w.MAX_TERMS]))


def term_bonus(question: Question) -> float:
    """The points for each distinctive term a framework's description shares with the question: more when no
    feature is asked for, where the term is the most specific thing said ("something rust-powered for our
    API": the kind of project is broad, Rust is what they want to try)."""
    if not question.has_needs:
        return w.TERM_ONLY_BONUS
    return w.TERM_BONUS if question.needs or question.negated else w.TERM_WITHOUT_FEATURES_BONUS


def term_points(fw: Framework, question: Question, mentioned: list[str]) -> float:
    """The points for the distinctive terms of `fw` a question names, at most MAX_TERMS of them: a library the
    framework is built on, or the organisation behind it, counts more than a word of its description ("reusing
    the bokeh stuff we already have": Panel is built on Bokeh; "our holoviz stuff": HoloViz makes Panel)."""
    foundations = foundation_terms(fw)
    ranked = sorted(mentioned, key=lambda t: t not in foundations)[:w.MAX_TERMS]
    return sum(w.BUILT_ON_TERM_BONUS if t in foundations else term_bonus(question) for t in ranked)


TWINNED_KINDS = LIKENED_KINDS | {"other-language"}  # names with Python takes on them (`see`)


def twins_named(kb: KnowledgeBase, question: Question) -> dict[str, list[str]]:
    """The Python twins of the names the question gives, each with those names' titles, in one pass over them:
    another language's framework (R Shiny, Rails), or a front end or tool likened to ("something like Retool but
    python")."""
    twins: dict[str, list[str]] = {}
    for name in (kb.names[n] for n in question.others):
        for fid in name.see:
            if name.kind == "other-language" or (name.kind in TWINNED_KINDS and fid in question.similar_to):
                twins.setdefault(fid, []).append(name.title)
    return twins


def add_on_without_its_base(kb: KnowledgeBase, fw: Framework, question: Question) -> bool:
    """An add-on for a project on no framework that names neither it, its base nor another add-on of that base
    ("we need a REST API": Django Ninja means adopting Django too; "wiring up DRF is boilerplate": Django is
    there already)."""
    if not fw.extends:
        return False
    named = {fid for f in question.frameworks for fid in (f, kb.frameworks[f].extends if f in kb.frameworks else f)}
    return fw.id not in named and fw.extends not in named


def counterpart_points(catalog: Catalog, fid: str, plan: Plan) -> float:
    """The Python twin of a framework named is a natural first look when it covers every need stated (R
    Shiny's reactivity: Shiny for Python); one that covers a need only in part (Flask for "like Express, but
    async") earns nothing for it: likeness already counts how close it is."""
    supports = catalog.supports[fid]
    covered = all(supports[need][0].level in ("builtin", "extension") for need, _, _ in plan.needs)
    return w.COUNTERPART_BONUS if covered else 0.0


def counterpart_of(kb: KnowledgeBase, fw: Framework, question: Question) -> str:
    """"The closest Python counterpart of Rails" when the question names another language's framework whose
    Python twin `fw` is; "" otherwise."""
    twins = twins_named(kb, question).get(fw.id)
    return f"The closest Python counterpart of {' and '.join(twins)}" if twins else ""
