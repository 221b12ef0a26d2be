"""Advice a user would notice: who comes first, why, what the comparison shows, direct answers."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot.advice import Advisor
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, Support
from bot.present import present
from bot.question import Question
from bot.render_text import render_text

ASYNC_FIRST_CHOICES = {"tornado", "fastapi", "aiohttp", "sanic", "starlette", "litestar", "quart"}


def top(engine, text: str, n: int = 3) -> list[str]:
    answer = engine.answer(text)
    assert answer.question.intent == "recommend", answer.question
    return [r.framework.id for r in answer.recommendations[:n]]


# --- rankings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We are building a big e-commerce site with a database ORM, an admin back office and user accounts",
        "we need a big CMS-style site with user management and an ORM",
        "<@U0PYFW> we are a team of 12 building a marketplace with payments, accounts, an admin back office. "
        "What should we use?",
    ],
)
def test_big_site_with_orm_admin_auth_gets_django(engine, text):
    ranked = top(engine, text)
    assert ranked[0] == "django"
    assert not {"bottle", "hug", "falcon"} & set(ranked)


@pytest.mark.parametrize(
    "text",
    [
        "we need websockets for thousands of open connections",
        "a websocket server for live sports scores with many open connections",
        "a chat app with real-time updates and many open connections",
    ],
)
def test_many_websocket_connections_get_an_async_framework(engine, kb, text):
    ranked = top(engine, text)
    assert ranked[0] in ASYNC_FIRST_CHOICES
    assert kb.frameworks[ranked[0]].async_support == "native"
    assert kb.frameworks[ranked[0]].support("websockets").level != "none"
    assert not {"bottle", "cherrypy", "dash"} & set(ranked)


@pytest.mark.parametrize(
    "text",
    [
        "dashboard with plots for analysts who only know Python",
        "a dashboard for analysts",
        "interactive charts for our data scientists",
    ],
)
def test_dashboards_get_dash_or_streamlit(engine, text):
    ranked = top(engine, text)
    assert ranked[0] in {"dash", "streamlit"}
    assert {"dash", "streamlit"} <= set(ranked)


def test_single_file_zero_dependencies_gets_bottle(engine):
    ranked = top(engine, "single file micro app, zero dependencies")
    assert ranked[0] == "bottle"
    assert not {"django", "dash"} & set(ranked)


@pytest.mark.parametrize("text", ["a single-file app with zero dependencies", "one file, no third-party packages"])
def test_single_file_zero_dependencies_paraphrased_keeps_bottle_in_top3(engine, text):
    assert "bottle" in top(engine, text)


@pytest.mark.parametrize(
    "text",
    ["a typed JSON API with validation and Swagger docs", "a typed API with swagger docs",
     "REST API with type hints, validation and OpenAPI"],
)
def test_typed_api_with_swagger_gets_fastapi_in_top3(engine, text):
    ranked = top(engine, text)
    assert "fastapi" in ranked
    assert ranked[0] in {"fastapi", "litestar", "django-ninja"}


HUG_FRIENDLY = [
    "a tiny API that is also a command line tool, single file, ship fast",
    "quick prototype api with cli commands in one file, rapid development",
    "api versioning, dependency injection, validation, cli, a single file",
    "what would you recommend?",
    "an api",
]


@pytest.mark.parametrize("text", HUG_FRIENDLY)
def test_unmaintained_hug_never_first(engine, text):
    answer = engine.answer(text)
    assert answer.recommendations
    assert answer.recommendations[0].framework.maintenance != "unmaintained"


def _hug_favouring_kb(kb: KnowledgeBase) -> KnowledgeBase:
    """hug plus one maintained framework that has none of the features: hug outscores it on any need."""
    hug = kb.frameworks["hug"]
    rival = dataclasses.replace(
        kb.frameworks["bottle"], features={f: Support("none") for f in kb.vocabulary.features}, traits={})
    return KnowledgeBase(kb.vocabulary, {"hug": hug, "bottle": rival}, kb.source_dir)


def test_unmaintained_is_demoted_even_when_it_scores_highest(kb):
    small = _hug_favouring_kb(kb)
    advisor = Advisor(small)
    needs = ("auth", "validation", "cli", "single_file", "dependency_injection", "api_versioning")
    question = Question(text="x", intent="recommend", needs=needs, emphasized=frozenset(needs))
    scores = {r.framework.id: r.score for r in (advisor.score(fw, question) for fw in small.frameworks.values())}
    assert scores["hug"] > scores["bottle"], "test setup: hug should score highest"
    assert [r.framework.id for r in advisor.rank(question)] == ["bottle", "hug"]


def test_unmaintained_may_come_first_when_named(kb):
    small = _hug_favouring_kb(kb)
    advisor = Advisor(small)
    needs = ("auth", "validation", "cli", "single_file", "dependency_injection", "api_versioning")
    question = Question(text="hug vs bottle", intent="compare", frameworks=("hug", "bottle"), needs=needs)
    assert advisor.rank(question, list(small.frameworks.values()))[0].framework.id == "hug"


def test_alternatives_exclude_the_named_framework(engine):
    answer = engine.answer("alternatives to hug")
    ids = [r.framework.id for r in answer.recommendations]
    assert ids and "hug" not in ids


@pytest.mark.parametrize(
    "text",
    ["a REST API with auth and Swagger docs, team of 5", "what would you recommend?", "dashboard for analysts",
     "an api", "login"],
)
def test_same_question_same_answer(engine, kb, text):
    first = [(r.framework.id, r.score, r.reasons, r.caveats) for r in engine.answer(text).recommendations]
    second = [(r.framework.id, r.score, r.reasons, r.caveats) for r in engine.answer(text).recommendations]
    fresh = [(r.framework.id, r.score, r.reasons, r.caveats) for r in Engine(kb).answer(text).recommendations]
    assert first == second == fresh


def test_ties_are_broken_by_a_stable_rule(engine):
    """Equal scores: the framework that covers more by itself first, then by name."""
    breadth = engine.advisor.catalog.breadth
    recs = engine.answer("login").recommendations
    for a, b in zip(recs[1:], recs[2:], strict=False):
        assert (-a.score, -breadth[a.framework.id], a.framework.id) <= (-b.score, -breadth[b.framework.id],
                                                                         b.framework.id)


def test_ranking_is_by_score(engine):
    for text in ("a REST API with auth and Swagger docs", "dashboard for analysts", "websockets and an orm"):
        scores = [r.score for r in engine.answer(text).recommendations]
        # the first place may be given to a maintained framework over an unmaintained one; the rest is sorted
        assert scores[1:] == sorted(scores[1:], reverse=True)


def test_negated_orm_lowers_django(engine, kb):
    plain = engine.answer("we need an admin site")
    negated = engine.answer("we need an admin site, no ORM")
    assert "orm" in negated.question.negated

    def score(answer, fid):
        return engine.advisor.score(kb.frameworks[fid], answer.question).score

    assert score(negated, "django") < score(plain, "django")
    # relative to a framework whose ORM is an extension, Django loses ground
    assert score(negated, "django") - score(negated, "flask") < score(plain, "django") - score(plain, "flask")
    # and frameworks without any ORM gain
    assert score(negated, "starlette") >= score(plain, "starlette")
    django = next(r for r in negated.recommendations if r.framework.id == "django")
    assert any("don't need" in c and "orm" in c.lower() for c in django.caveats)


# --- reasons and caveats ----------------------------------------------------------------------------


def test_reasons_and_caveats_follow_the_knowledge_base(engine, kb):
    answer = engine.answer("a REST API with auth, an admin back office and swagger docs")
    assert set(answer.question.needs) >= {"auth", "admin", "openapi"}
    for rec in answer.recommendations:
        fw = rec.framework
        for fid in answer.question.needs:
            label = kb.vocabulary.features[fid].label
            level = fw.support(fid).level
            if level == "builtin":
                assert f"{label}: built in" in rec.reasons, (fw.id, fid)
            elif level == "extension":
                assert any(r.startswith(label) and fw.support(fid).via in r for r in rec.reasons), (fw.id, fid)
            elif level == "partial":
                assert any(r.startswith(f"{label}: partial") for r in rec.reasons), (fw.id, fid)
            else:
                assert any(label.lower() in c.lower() for c in rec.caveats), (fw.id, fid)


CASED_LABELS_QUESTIONS = [
    "bottle vs flask for an api with swagger docs and an orm and websockets",
    "we need an admin site, no ORM",
    "an api without websockets or swagger, with graphql and api versioning",
    "a small api, no orm",
]


@pytest.mark.parametrize("text", CASED_LABELS_QUESTIONS)
def test_reasons_and_caveats_keep_the_case_of_feature_names(engine, kb, text):
    """ "No openAPI / Swagger docs" or "Ships orm / database layer" reads as a typo to the user."""
    cased = [f.label.split(" / ")[0].split()[0] for f in kb.vocabulary.features.values()]
    cased = [word for word in cased if any(ch.isupper() for ch in word[1:])]  # ORM, OpenAPI, WebSockets, API...
    assert {"ORM", "OpenAPI", "WebSockets"} <= set(cased)
    answer = engine.answer(text)
    lines = [line for r in answer.recommendations for line in (*r.reasons, *r.caveats)]
    assert lines
    for line in lines:
        for word in cased:
            # whole words only: "strawberry-graphql" is a package name, not the label
            for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line, re.IGNORECASE):
                assert match.group() == word, f"{line!r} writes {word} as {match.group()!r}"


def test_django_reasons_name_what_it_brings(engine):
    answer = engine.answer("we need a big CMS-style site with user management and an ORM")
    django = answer.recommendations[0]
    assert django.framework.id == "django"
    assert "ORM / database layer: built in" in django.reasons
    assert "Authentication and users: built in" in django.reasons


def test_extension_reason_names_the_extension(engine):
    answer = engine.answer("flask vs django with an ORM")
    flask = next(r for r in answer.recommendations if r.framework.id == "flask")
    assert any("Flask-SQLAlchemy" in r for r in flask.reasons)


def test_unmaintained_gets_a_caveat(engine):
    question = engine.understand("hug vs falcon for an api")  # scored, though not recommended (no new work)
    hug = engine.advisor.score(engine.kb.frameworks["hug"], question)
    assert hug.caveats and hug.caveats[0].startswith("Unmaintained")


def test_general_ranking_says_it_is_general(engine):
    answer = engine.answer("what would you recommend?")
    assert answer.recommendations
    assert any("general ranking" in n for n in answer.notes)


# --- compare --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("flask vs django", 2),
        ("compare bottle, flask and falcon", 3),
        ("django vs flask vs fastapi vs bottle", 4),
        ("compare django, flask, fastapi, bottle and pyramid", 5),
        ("fastapi vs flask vs django vs bottle vs pyramid vs tornado vs sanic", 5),
    ],
)
def test_compare_two_to_five(engine, text, count):
    answer = engine.answer(text)
    comp = answer.comparison
    assert answer.question.intent == "compare"
    assert comp is not None
    assert len(comp.frameworks) == count
    assert {r.framework.id for r in answer.recommendations} == {fw.id for fw in comp.frameworks}
    assert len(comp.choose) == count
    for fw, line in zip(comp.frameworks, comp.choose, strict=True):
        assert line.startswith(f"Choose {fw.name} ")
    for _label, cells in comp.rows:
        assert len(cells) == count


@pytest.mark.parametrize(
    ("text", "first_rows"),
    [
        ("flask vs django with websockets and no orm", [("WebSockets",), ("ORM / database layer",)]),
        ("compare django, flask, fastapi, bottle and pyramid for auth, an orm and websockets",
         [("Authentication and users",), ("ORM / database layer",), ("WebSockets",)]),
        ("falcon or fastapi for an api with swagger docs", [("OpenAPI / Swagger docs",)]),
        ("flask vs quart without async", [("Async / asyncio", "Async")]),
    ],
)
def test_compare_table_puts_asked_features_first(engine, text, first_rows):
    comp = engine.answer(text).comparison
    assert comp is not None
    labels = [label for label, _ in comp.rows]
    for i, accepted in enumerate(first_rows):
        assert labels[i] in accepted, f"row {i} is {labels[i]!r}, expected one of {accepted}; rows {labels}"


def test_compare_table_cells_follow_the_knowledge_base(engine):
    comp = engine.answer("flask vs django with an orm").comparison
    orm = dict(comp.rows)["ORM / database layer"]
    assert orm == ("Flask-SQLAlchemy", "built in")
    assert dict(comp.rows)["License"] == ("BSD-3-Clause", "BSD-3-Clause")


def test_compare_ranks_for_the_needs_given(engine):
    answer = engine.answer("flask vs django for a big site with an admin, an orm and user accounts")
    assert answer.recommendations[0].framework.id == "django"


def test_a_comparisons_purpose_the_vocabulary_lacks_is_weighed_against_each_description(engine):
    text = "nicegui or streamlit for a robot control panel (buttons, joystick, live camera feed) on a jetson?"
    answer = engine.answer(text)
    assert answer.question.needs == () and answer.question.traits == ()  # no need names what decides it
    assert "button" in answer.question.purpose and "live" in answer.question.purpose
    assert [r.framework.id for r in answer.recommendations] == ["nicegui", "streamlit"]


def test_a_purpose_is_only_words_few_descriptions_use(engine, kb):
    question = engine.understand("dash or panel for a new project with lots of data?")
    assert question.intent == "compare"
    assert question.purpose == ()  # "data" is in many descriptions; "new", "project", "lots" say nothing
    assert engine.understand("we need a robot control panel with a live camera feed").purpose == ()  # no comparison


# --- info -------------------------------------------------------------------------------------------


def test_does_bottle_support_templates(engine):
    answer = engine.answer("does bottle support templates?")
    assert answer.question.intent == "info"
    assert answer.card is not None and answer.card.id == "bottle"
    assert answer.direct and answer.direct.startswith("Yes")
    assert "template" in answer.direct.lower()


def test_feature_through_an_extension_names_it(engine):
    direct = engine.answer("does flask have an admin?").direct
    assert direct and "Flask-Admin" in direct and not direct.startswith(("Yes", "No"))


def test_feature_missing_says_no(engine, kb):
    missing = next(f for f, s in kb.frameworks["bottle"].features.items() if s.level == "none"
                   and f in ("admin", "orm", "websockets", "openapi"))
    label = kb.vocabulary.features[missing].synonyms[0]
    direct = engine.answer(f"does bottle have {label}?").direct
    assert direct and direct.startswith("No")


@pytest.mark.parametrize("text", ["license of falcon", "what's the license of falcon", "falcon licence?"])
def test_license_question(engine, kb, text):
    answer = engine.answer(text)
    assert answer.question.intent == "info" and answer.card.id == "falcon"
    assert answer.direct and kb.frameworks["falcon"].license in answer.direct
    assert "licen" in answer.direct.lower()


def test_is_dash_built_on_flask(engine):
    answer = engine.answer("Is Dash built on Flask?")
    assert answer.question.intent == "info"
    assert answer.card.id == "dash"
    assert answer.direct and answer.direct.startswith("Yes") and "Flask" in answer.direct


def test_is_django_built_on_flask_says_no(engine):
    answer = engine.answer("is django built on flask?")
    assert answer.direct and answer.direct.startswith("No") and "Flask" in answer.direct


def test_is_hug_maintained(engine):
    answer = engine.answer("is hug still maintained?")
    assert answer.direct and "unmaintained" in answer.direct


def test_info_card_is_complete(engine):
    answer = engine.answer("tell me about falcon")
    fw = answer.card
    assert fw is not None and fw.id == "falcon"
    assert fw.summary and fw.sources and fw.strengths and fw.weaknesses and fw.best_for


def test_alternatives_rank_frameworks_built_on_the_named_one_first(engine):
    """Quart depends on Flask and keeps its API: the closest alternative to Flask."""
    answer = engine.answer("alternatives to flask")
    assert answer.question.intent == "recommend"
    ids = [r.framework.id for r in answer.recommendations]
    assert "flask" not in ids
    assert ids[0] == "quart"


def test_equal_scores_prefer_the_framework_that_covers_more(engine):
    answer = engine.answer("a json api")
    top = answer.recommendations[:2]
    assert top[0].score >= top[1].score
    assert top[0].framework.id != "aiohttp"  # an HTTP client library is not the general pick for an API


def test_pypy_support_is_a_sourced_need_that_adds_nothing_to_breadth(engine):
    """Only the projects that declare or test PyPy lead for a PyPy deployment; and where a framework runs is not
    something it covers by itself, so PyPy support never breaks a tie between two fits."""
    answer = engine.answer("we deploy on pypy for cpu reasons. which web framework plays best with it")
    assert "pypy" in answer.question.needs
    for rec in answer.recommendations[:3]:
        assert engine.advisor.catalog.supports[rec.framework.id]["pypy"][0].level == "builtin"
    from bot.present import present
    from bot.render_text import render_text

    fact = render_text(present(engine.answer("does fastapi run on pypy?"), engine.kb))
    assert fact.startswith("No: FastAPI declares no PyPy support")
    catalog = engine.advisor.catalog
    assert not engine.kb.vocabulary.features["pypy"].in_breadth
    tornado = engine.kb.frameworks["tornado"]
    assert catalog.breadth["tornado"] == sum((1.0 if s.level == "builtin" else 0.5) for key, s in
                                             tornado.features.items()
                                             if key not in ("pypy", "custom_styling") and s.level != "none")


def test_a_branded_customer_facing_data_app_goes_to_the_framework_that_gives_full_control_of_the_look(engine):
    """Streamlit and Gradio theme within their own layout; Dash and Reflex style every component."""
    answer = engine.answer("streamlit or dash for a client-facing dashboard that must look polished")
    assert "custom_styling" in answer.question.needs and answer.recommendations[0].framework.id == "dash"
    answer = engine.answer("gradio vs reflex for something customer facing with our branding")
    assert answer.recommendations[0].framework.id == "reflex"


def test_an_add_on_nobody_named_means_adopting_its_base_too(engine):
    """For a project on no framework, Django Ninja is Django as well: on a near-tie Django leads and names its
    add-ons, and an add-on shown says what choosing it brings along. Naming a sibling add-on ("wiring up DRF")
    says Django is there already: no such caveat."""
    answer = engine.answer("backend for a mobile app: auth, push tokens, REST, postgres. 2 person startup")
    ids = [r.framework.id for r in answer.recommendations]
    assert ids[0] == "django" and "django-ninja" not in ids[1:3]
    assert any("Django Ninja" in reason for reason in answer.recommendations[0].reasons)
    ninja = engine.advisor.score(engine.kb.frameworks["django-ninja"], answer.question)
    assert "An add-on for Django: choosing it means adopting Django too" in ninja.caveats
    on_drf = engine.understand("every file I write to wire up DRF is boilerplate; I need OpenAPI and typed schemas")
    ninja = engine.advisor.score(engine.kb.frameworks["django-ninja"], on_drf)
    assert not any("adopting Django" in caveat for caveat in ninja.caveats)


def test_add_ons_of_the_winner_are_not_listed_as_its_alternatives(engine):
    """Django REST framework and Django Ninja build on Django: named on Django, ranked after real alternatives."""
    answer = engine.answer("a marketplace with accounts, payments and an admin back office, team of 12")
    ids = [r.framework.id for r in answer.recommendations]
    assert ids[0] == "django"
    assert not {"djangorestframework", "django-ninja"} & set(ids[1:3])
    assert any("Django REST framework" in reason for reason in answer.recommendations[0].reasons)


def test_fit_is_a_percentage_of_what_was_asked(engine):
    answer = engine.answer("a typed JSON API with validation and Swagger docs")
    fits = [r.fit for r in answer.recommendations]
    assert all(f is not None and 0 <= f <= 100 for f in fits)
    assert fits == sorted(fits, reverse=True)
    assert engine.answer("what should we use?").recommendations[0].fit is None


def test_async_need_is_scored_from_how_deep_async_goes(engine, kb):
    """Flask's `async def` views run in a thread: partial, below frameworks with a native event loop."""
    answer = engine.answer("an async service")
    ranked = [r.framework.id for r in answer.recommendations]
    assert all(kb.frameworks[f].async_support == "native" for f in ranked[:3])
    flask = engine.advisor.score(kb.frameworks["flask"], answer.question)
    assert "Async / asyncio: partial" in " ".join(flask.reasons)


def test_an_extension_that_is_another_framework_counts_little(engine, kb):
    """"Dashboards via Dash" means choosing Dash, not Flask."""
    q = engine.understand("dashboards")
    flask = engine.advisor.score(kb.frameworks["flask"], q)
    dash = engine.advisor.score(kb.frameworks["dash"], q)
    assert dash.score - flask.score > 1.0


def test_built_in_means_built_in(engine, kb):
    """Flask-Admin is an answer to "an admin", much less to "a built-in admin"."""
    builtin = engine.understand("we want a built-in admin interface")
    plain = engine.understand("we want an admin interface")
    assert builtin.builtin_only and not plain.builtin_only
    flask = kb.frameworks["flask"]
    assert engine.advisor.score(flask, builtin).score < engine.advisor.score(flask, plain).score
    assert engine.advisor.advise(builtin).recommendations[0].framework.id == "django"


def test_a_missing_feature_is_said_plainly(engine):
    answer = engine.answer("does django have zero dependencies?")
    assert answer.direct.startswith("No: Django needs third-party packages")
    assert "No no" not in answer.direct


def test_fit_ignores_adoption_and_maintenance(engine):
    """Bottle covers everything asked for; maintenance mode moves it in the ranking, not its fit."""
    bottle = next(r for r in engine.answer("single file app, zero dependencies").recommendations
                  if r.framework.id == "bottle")
    assert bottle.fit == 100


def test_a_filtered_list_counts_what_it_shows(engine):
    answer = engine.answer("list frameworks with websockets")
    shown = sum(len(f) for _, f in answer.listing)
    assert answer.listing_title.endswith(f"({shown})") and shown < len(engine.kb.frameworks)


def test_a_list_asked_by_a_quality_keeps_those_that_make_it_a_priority(engine, kb):
    """"the ones with the smallest memory footprint" lists those whose cards state it, not all 32; a list asked
    for whole ("the full catalog, sorted by popularity") or filtered already ("websockets out of the box") is
    not narrowed by a quality."""
    answer = engine.answer("give me the ones with the smallest memory footprint")
    shown = [fw for _, group in answer.listing for fw in group]
    assert answer.question.topic == "priority:low_memory" and 0 < len(shown) < len(kb.frameworks)
    assert all("low_memory" in fw.traits["priority"] for fw in shown)
    assert answer.listing_title.endswith(f"strong on a small memory footprint ({len(shown)})")
    whole = engine.answer("give me the full catalog, sorted by popularity")
    assert sum(len(group) for _, group in whole.listing) == len(kb.frameworks)
    assert not engine.understand("which frameworks support websockets out of the box").topic


def test_who_made_a_framework_points_to_its_repository(engine):
    answer = engine.answer("who created fastapi")
    assert answer.question.topic == "people"
    assert "github.com/fastapi/fastapi" in answer.direct and "2018" not in answer.direct


def test_asgi_and_wsgi_lists_filter_on_the_interface(engine, kb):
    answer = engine.answer("what asgi frameworks are supported")
    shown = {fw.id for _, fws in answer.listing for fw in fws}
    assert shown == {fw.id for fw in kb.frameworks.values() if "asgi" in fw.interface.split("+")}
    assert "aiohttp" not in shown and "django" in shown


def test_a_feature_question_does_not_compare_unasked(engine):
    answer = engine.answer("does falcon have websockets?")
    assert answer.direct.startswith("Yes") and "fits better" not in answer.direct
    asked = engine.answer("is falcon good for a chat app with an admin and templates?")
    assert "fits better" in asked.direct


def test_openapi_docs_is_a_feature_not_the_documentation(engine):
    assert engine.answer("does django ninja generate openapi docs?").direct.startswith("Yes")
    assert engine.answer("where are the docs of django ninja").question.topic == "docs"


def test_data_app_frameworks_are_not_offered_for_web_pages(engine):
    ids = [r.framework.id for r in engine.answer("simple landing page with a contact form").recommendations[:3]]
    assert "streamlit" not in ids and "dash" not in ids


def test_a_small_api_tie_does_not_go_to_a_full_stack_framework(engine):
    assert engine.answer("best python framework for microservices?").recommendations[0].framework.id != "django"


def test_wsgi_and_asgi_questions_are_answered_from_the_interface(engine):
    assert engine.answer("does tornado run on asgi?").direct.startswith("No: Tornado is not ASGI")
    assert engine.answer("is falcon asgi?").direct.startswith("Yes: Falcon runs as")
    ranked = engine.answer("we'd like to move our tornado app to something asgi-based").recommendations[:3]
    assert all("asgi" in r.framework.interface for r in ranked)


def test_a_feature_for_the_framework_in_use_comes_from_its_extensions(engine):
    answer = engine.answer("our Django site needs a websocket notifications feature")
    assert answer.recommendations[0].framework.id == "django"
    assert any("Channels" in reason for reason in answer.recommendations[0].reasons)


def test_add_ons_for_a_framework_not_in_use_are_not_offered(engine):
    ids = [r.framework.id for r in engine.answer(
        "we've got a Flask codebase and want an admin back office for it without rewriting").recommendations[:3]]
    assert ids[0] == "flask" and "django-ninja" not in ids and "djangorestframework" not in ids


def test_a_compare_tie_names_no_winner(engine, kb):
    from bot.present import present
    from bot.render_text import render_text
    text = render_text(present(engine.answer("tornado or fastapi for websockets?"), kb))
    assert "fit about equally well" in text and "fits best" not in text


def test_not_needing_something_only_costs_frameworks_that_ship_it(engine, kb):
    q = engine.understand("a blog with templates and a database, no need for an admin")
    flask = engine.advisor.score(kb.frameworks["flask"], q)   # admin as an extension: not a burden
    quart = engine.advisor.score(kb.frameworks["quart"], q)   # no admin at all: not a merit either
    assert not any("carry around" in r for r in quart.reasons)
    assert engine.advisor.score(kb.frameworks["django"], q).caveats  # ships an admin: said so
    assert flask.fit >= quart.fit


def test_leaving_for_something_different_does_not_rank_by_likeness(engine):
    moving = engine.answer("Our Flask app is getting huge and messy. Should we move to something more structured?")
    assert moving.question.similar_to == ()
    assert {"django", "pyramid"} & {r.framework.id for r in moving.recommendations[:3]}
    like = engine.answer("something like flask but async")
    assert like.question.similar_to == ("flask",)
    assert like.recommendations[0].framework.id == "quart"


def test_a_prototype_with_an_admin_by_the_weekend_gets_the_built_in_admin(engine):
    answer = engine.answer("prototype a CRUD app with an admin over a weekend")
    assert answer.recommendations[0].framework.id == "django"


@pytest.mark.parametrize("text, expected", [("async API, we prefer msgspec over pydantic", "litestar"),
                                            ("REST API on top of existing django models, with a browsable api",
                                             "djangorestframework")])
def test_words_only_one_framework_describes_itself_with_point_to_it(engine, text, expected):
    answer = engine.answer(text)
    assert answer.recommendations[0].framework.id == expected
    assert any("description mentions" in r for r in answer.recommendations[0].reasons)


def test_distinctive_terms_are_rare_and_not_names(kb):
    terms = kb.distinctive_terms
    assert terms["msgspec"] == {"litestar"}
    assert all(len(ids) <= 2 for ids in terms.values())
    assert "django" not in terms and "flask" not in terms


def test_words_any_framework_could_use_are_not_hints(engine, kb):
    """"the best documentation" is a question about docs, not a pointer to the two descriptions that say it."""
    assert "documentation" not in kb.distinctive_terms and "performance" not in kb.distinctive_terms
    answer = engine.answer("Which framework has the best documentation?")
    assert not answer.question.terms
    assert all(not any("description mentions" in r for r in rec.reasons) for rec in answer.recommendations)


def test_own_production_server_is_a_need(engine):
    ids = [r.framework.id for r in engine.answer("need something with its own production-grade web server, "
                                                 "no gunicorn").recommendations[:3]]
    assert set(ids) <= {"cherrypy", "tornado", "aiohttp", "sanic"}


def test_data_scientists_without_web_expertise_get_a_data_app(engine):
    top = engine.answer("which framework for data scientists without web expertise?").recommendations[0]
    assert top.framework.id in ("dash", "streamlit")


@pytest.mark.parametrize("text", ["something for data scientists without much web development expertise",
                                  "I'm a newbie and want to learn the internals of how a web framework works"])
def test_a_full_stack_does_not_fill_the_podium_by_default(engine, text):
    assert "django" not in [r.framework.id for r in engine.answer(text).recommendations[:3]]


@pytest.mark.parametrize("text", [
    "LLM chatbot UI for an internal demo, want chat bubbles and a text box, zero frontend work",
    "best framework for a machine learning demo with a chat-style UI?",
    "quick internal tool: upload an excel, run some pandas on it, download the result. no frontend devs available",
])
def test_a_data_tool_or_chat_demo_for_python_people_is_a_data_app(engine, text):
    answer = engine.answer(text)
    assert answer.recommendations[0].framework.id in ("streamlit", "dash", "gradio", "chainlit", "nicegui", "panel")
    assert "websockets" not in answer.question.needs, "a chat UI in a demo is not a real-time chat service"


@pytest.mark.parametrize("text", [
    "no async please - just a simple synchronous framework for server-rendered pages",
    "performance is my only concern, but no async - which framework?",
])
def test_wanting_sync_code_keeps_async_only_frameworks_out_of_the_top(engine, kb, text):
    answer = engine.answer(text)
    assert "sync_handlers" in answer.question.needs
    top3 = [kb.frameworks[r.framework.id] for r in answer.recommendations[:3]]
    assert all(fw.support("sync_handlers").level == "builtin" for fw in top3), [fw.id for fw in top3]


def test_what_does_not_matter_is_not_a_need(engine):
    q = engine.understand("high-traffic JSON API; sync or async doesn't matter, but it must be fast")
    assert "async" not in q.needs and "async" not in q.negated
    assert ("priority", "performance") in q.traits


def test_a_package_ruled_out_by_name_ranks_the_frameworks_built_on_it_lower(engine, kb):
    """"without Pydantic" still wants validation; it rules out FastAPI and Django Ninja, not typed APIs."""
    assert {"fastapi", "django-ninja"} <= kb.libraries["pydantic"]
    answer = engine.answer("typed request validation and OpenAPI docs, but without Pydantic")
    assert answer.question.avoided == ("pydantic",) and "validation" in answer.question.needs
    top3 = [r.framework.id for r in answer.recommendations[:3]]
    assert "fastapi" not in top3 and "django-ninja" not in top3 and top3[0] == "litestar"
    plain = engine.answer("typed request validation and OpenAPI docs")
    assert plain.recommendations[0].framework.id == "fastapi"


def test_an_add_on_never_wins_by_a_hair_over_the_base_nobody_runs_yet(engine):
    answer = engine.answer("We're building a big content-heavy site and want an ORM plus an auto-generated admin "
                           "out of the box. What fits?")
    assert answer.recommendations[0].framework.id == "django"
    assert any("Add-ons that also fit" in r for r in answer.recommendations[0].reasons)


@pytest.mark.parametrize(("text", "first"), [
    ("small JSON API, no third-party dependencies, must run on Python 3.12", {"falcon", "bottle", "tornado"}),
    ("looking for a minimalist, object-oriented framework that comes with its own multi-threaded server",
     {"cherrypy"}),
    ("REST API where correctness and predictability beat convenience - we hate magic", {"falcon"}),
])
def test_plainly_worded_needs_pick_the_framework_made_for_them(engine, text, first):
    assert engine.answer(text).recommendations[0].framework.id in first


def test_a_full_stack_framework_does_not_win_a_data_app_tie(engine):
    answer = engine.answer("our data scientists don't do web dev but need analytical dashboards")
    assert [r.framework.category for r in answer.recommendations[:3]] == ["data-app"] * 3


def test_a_framework_made_for_apis_beats_one_that_also_serves_them(engine):
    """Tornado (made for long-lived connections) and Falcon (made for APIs) both ship no dependencies."""
    answer = engine.answer("small api no deps")
    assert answer.recommendations[0].framework.id in ("falcon", "bottle")


@pytest.mark.parametrize(("text", "expected"), [
    ("dashboards with reactive callbacks", "dash"),
    ("dashboards with callbacks between components, for analysts", "dash"),
])
def test_a_need_for_dashboards_is_answered_by_frameworks_made_for_data_apps(engine, text, expected):
    ids = [r.framework.id for r in engine.answer(text).recommendations[:3]]
    assert expected in ids


@pytest.mark.parametrize("text", ["We're a DRF shop, anything quicker for typed APIs?",
                                  "something like Django REST framework but not DRF, it's maintenance-only now"])
def test_leaving_an_add_on_stays_on_its_base(engine, text):
    answer = engine.answer(text)
    assert "django" in answer.question.within and "djangorestframework" in answer.question.excluded
    assert answer.recommendations[0].framework.id == "django-ninja"
    assert "django" not in answer.question.frameworks, "Django is implied, not named"


def test_the_framework_in_use_brings_its_nearest_alternatives_up(engine):
    ids = [r.framework.id for r in engine.answer("we use flask now and need websockets").recommendations[:3]]
    assert ids[0] == "flask" and "quart" in ids


def test_an_add_on_that_brings_what_was_asked_keeps_the_first_place(engine):
    answer = engine.answer("CRUD-heavy REST API with auth, permissions, throttling and a browsable API")
    assert answer.recommendations[0].framework.id == "djangorestframework"


def test_leaving_a_framework_that_is_too_minimal_asks_for_room_to_grow(engine):
    answer = engine.answer("Flask is too minimal for us, what's next?")
    assert ("priority", "growth") in answer.question.traits
    assert answer.recommendations[0].framework.id in ("django", "pyramid")


@pytest.mark.parametrize("text", ["what's the most popular python web framework?",
                                  "I care most about community size - the most answers on Stack Overflow"])
def test_popularity_is_a_priority_the_big_three_meet(engine, text):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and ("priority", "community") in answer.question.traits
    assert [r.framework.id for r in answer.recommendations[:3]] and \
        {r.framework.id for r in answer.recommendations[:3]} == {"django", "flask", "fastapi"}


def test_staying_close_to_what_runs_puts_its_twin_next(engine):
    ids = [r.framework.id for r in engine.answer("we have a big flask codebase and want async without rewriting "
                                                 "everything").recommendations[:2]]
    assert set(ids) == {"flask", "quart"}  # the framework in use and its async twin, nothing in between
    assert engine.understand("we have a big flask codebase and want async without rewriting everything").keep_close


@pytest.mark.parametrize(("text", "first"), [
    ("we have an old Pylons intranet app and want something in the same family for the rewrite", "pyramid"),
    ("still on Starlite 1.x. what should we move to?", "litestar"),
])
def test_the_project_that_continues_a_named_one_comes_first(engine, text, first):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and first not in answer.question.excluded
    top = answer.recommendations[0]
    assert top.framework.id == first and any(r.startswith("The successor of") for r in top.reasons)


def test_a_kind_of_framework_asked_for_by_name_counts(engine):
    answer = engine.answer("a microframework my juniors can learn in a day, with a giant ecosystem of extensions")
    assert answer.question.kind == "micro"
    assert answer.recommendations[0].framework.id == "flask"


def test_a_kpi_wall_is_a_dashboard(engine):
    answer = engine.answer("Dash vs Streamlit vs Flask + Chart.js for a colour-heavy KPI wall")
    assert answer.recommendations[0].framework.id in ("dash", "streamlit")


def test_a_mature_micro_framework_with_an_ecosystem_is_flask(engine):
    answer = engine.answer("mature, well-documented sync micro framework with a big extension ecosystem")
    assert answer.recommendations[0].framework.id == "flask"


def test_a_data_table_with_charts_is_a_data_app_not_a_database(engine):
    answer = engine.answer("scraper results viewer, just a quick table & a few charts for me")
    assert "orm" not in answer.question.needs
    assert answer.recommendations[0].framework.id in ("streamlit", "dash")


def test_choosing_its_own_orm_is_flexibility_not_an_orm(engine):
    q = engine.understand("server-rendered site, medium size, team knows Jinja well and wants to choose its own ORM")
    assert "orm" not in q.needs and ("priority", "flexibility") in q.traits


def test_the_framework_in_use_gets_no_bonus_for_a_need_it_cannot_meet(engine):
    answer = engine.answer("We already use FastAPI for the API but the research team wants a quick dashboard on top "
                           "of the same data")
    assert answer.recommendations[0].framework.id != "fastapi"
    assert "streamlit" in [r.framework.id for r in answer.recommendations[:5]]


def test_the_framework_in_use_is_not_called_the_same_kind_as_itself(engine):
    flask = engine.answer("we use flask now and need websockets").recommendations[0]
    assert flask.framework.id == "flask" and "You already use it" in flask.reasons
    assert not any(r.startswith("Same kind of framework as Flask") for r in flask.reasons)


def test_answers_say_what_they_are_based_on(engine):
    """A ranking by likeness says so; the twin of another language's framework is named; sync picks say why."""
    express = engine.answer("python equivalent of Express?")
    assert any("closest here: Flask and Bottle" in n for n in express.notes)
    assert any("how close each is to Flask and Bottle" in n for n in express.notes)
    assert not any("general ranking" in n for n in engine.answer("alternatives to flask").notes)
    sync = engine.answer("no async please - just a simple synchronous framework for server-rendered pages")
    assert "Plain sync handlers: built in" in sync.recommendations[0].reasons


def shown(engine: Engine, text: str) -> str:
    """The answer as the console shows it."""
    from bot.present import present
    from bot.render_text import render_text
    return render_text(present(engine.answer(text), engine.kb))


@pytest.mark.parametrize("text, written, instead", [
    ("flask-restx", "Flask-RESTX is", "info apiflask"),
    ("what is flask restful", "Flask-RESTful is", None),
    ("is flask-restplus maintained?", "Flask-RESTPlus is", None),
    ("what is django channels", "Django Channels is", None),
    ("tell me about sqlalchemy", "SQLAlchemy is", None),
])
def test_a_name_that_is_not_a_framework_is_written_as_its_project_writes_it(engine, text, written, instead):
    """`Flask-restx is…` reads as a typo; and an extension's answer suggests the framework to look at instead."""
    reply = shown(engine, text)
    assert reply.startswith(written), reply
    if instead:
        assert f"- {instead}" in reply, reply


def test_a_question_about_an_extension_is_answered_about_the_extension(engine):
    """Not "Flask is active" to "is flask-restplus maintained?": the extension leads, the framework it extends
    follows, and where another framework has it built in, the answer says which."""
    reply = shown(engine, "is flask-restplus maintained?")
    assert reply.startswith("Flask-RESTPlus is") and "unmaintained" in reply.split("\n")[0], reply
    assert "The closest framework here: APIFlask." in reply and "It extends Flask" in reply, reply


def test_an_extension_named_in_a_recommendation_points_to_the_framework_with_it_built_in(engine):
    reply = shown(engine, "should we use flask-restx for our new api?")
    assert "Flask-RESTX is" in reply and "The closest here: APIFlask." in reply, reply


def test_a_display_name_must_be_the_same_name(tmp_path):
    """`name:` is how the project writes its name, never another name: a typo there would mislabel every answer."""
    from bot.knowledge.names import _parse
    from bot.knowledge.reading import Doc
    doc = Doc("names.yaml", {"names": {"flask-restx": {"name": "Flask-Admin", "kind": "extension", "is": "x",
                                                       "source": "https://example.org"}}}, None)
    names, problems = _parse(doc, {}, [])
    assert any("flask-restx.name" in p.message for p in problems), problems


@pytest.mark.parametrize("text", [
    "we want server-rendered pages with htmx and a small footprint",  # the size said beats what pages suggest
    "recommend a framework for serverless on AWS Lambda",  # cold starts: a need that is better lean
    "serverless functions behind API gateway, what framework?",
])
def test_a_lean_need_gives_an_equal_fit_to_the_leaner_framework(engine, text):
    first = engine.answer(text).recommendations[0].framework
    assert first.category != "full-stack", (text, first.id)


def test_a_feature_flag_must_be_true_or_false(tmp_path):
    from bot.knowledge.vocabulary import _feature
    problems = []
    _feature("serverless", {"label": "Serverless", "description": "x", "synonyms": ["lambda"], "lean": "yes"},
             lambda message, *where: problems.append(message))
    assert problems == ["feature `serverless`: `lean` must be true or false"], problems


@pytest.mark.parametrize("text", ["something async", "migrating off flask to something async, ideas?",
                                  "an async framework with websockets and auth"])
def test_frameworks_made_for_python_uis_do_not_compete_for_general_needs(engine, kb, text):
    """Gradio and NiceGUI have async built in, but nobody asking for "something async" wants a demo UI."""
    top = [r.framework for r in engine.answer(text).recommendations[:3]]
    assert all(fw.category not in ("ui", "data-app") for fw in top), (text, [fw.id for fw in top])


@pytest.mark.parametrize("text, kind", [
    ("desktop and mobile app from the same python code", "ui"),  # a need only UI frameworks have
    ("a chatbot ui for our llm", "ui"),
    ("dashboard with plots for analysts who only know Python", "data-app"),
])
def test_a_ui_or_data_app_asked_for_still_gets_one(engine, text, kind):
    assert engine.answer(text).recommendations[0].framework.category == kind


def test_a_comparison_on_popularity_leads_with_the_dated_figures(engine, kb):
    """"which is more popular?" is answered first, from the cards' PyPI ranks with their date and source."""
    reply = shown(engine, "which is more popular, flask or django?")
    first = reply.split("\n")[0]
    flask, django = kb.frameworks["flask"].adoption_facts, kb.frameworks["django"].adoption_facts
    more, less = ("Flask", "Django") if flask.pypi_rank < django.pypi_rank else ("Django", "Flask")
    assert f"By PyPI downloads, {more} is used more than {less}" in first, first
    assert f"rank {flask.pypi_rank:,} ({flask.as_of})" in first and flask.source in first, first


def test_a_popularity_figure_inflated_by_other_uses_says_so(engine):
    first = shown(engine, "aiohttp or tornado, which is more widely used?").split("\n")[0]
    assert "HTTP client" in first and "Jupyter" in first, first


@pytest.mark.parametrize("text, aims", [
    ("which one is faster, sanic or falcon?", "Both make speed a stated priority"),
    ("benchmark fastapi vs django vs flask", "Of these, FastAPI makes speed a stated priority"),
])
def test_a_comparison_on_speed_says_honestly_that_no_benchmark_settles_it(engine, text, aims):
    first = shown(engine, text).split("\n")[0]
    assert "No benchmark I can vouch for" in first and aims in first, first


@pytest.mark.parametrize("text", ["spec-first API with OpenAPI yaml", "api-first development, contract first",
                                  "we write the OpenAPI spec first and generate routes from it"])
def test_a_spec_first_api_gets_the_spec_first_framework(engine, text):
    """Generated docs (FastAPI) are code-first; an API designed as an OpenAPI document first is Connexion's."""
    assert engine.answer(text).recommendations[0].framework.id == "connexion"


def test_two_frameworks_set_against_each_other_are_compared_not_related(engine):
    """"support in django vs fastapi" compares them; it does not ask whether Django depends on FastAPI."""
    assert engine.understand("async ORM support in django vs fastapi").intent == "compare"


def test_can_it_handle_one_feature_is_answered_with_the_feature(engine):
    first = shown(engine, "can gradio handle authentication?").split("\n")[0]
    assert first.startswith("Yes: Gradio has authentication"), first


def test_overkill_for_a_landing_page_says_a_lighter_framework_fits_better(engine):
    first = shown(engine, "is django overkill for a landing page?").split("\n")[0]
    assert "fits better than Django" in first, first


@pytest.mark.parametrize("text, said", [
    ("django vs flask for websockets",
     "WebSockets: Django through Django Channels, Flask through Flask-SocketIO / flask-sock."),
    ("Litestar vs FastAPI — which has better dependency injection?",
     "Dependency injection: Litestar built in, FastAPI built in."),
])
def test_a_tie_on_one_need_says_how_each_covers_it(engine, text, said):
    """Not "choose on the table below" for the one thing asked; and a need's own words ("dependency-injection")
    are no hint that one of the two is made for it."""
    first = shown(engine, text).split("\n")[0]
    assert "fit about equally well" in first and first.endswith(said), first


def test_a_kind_asked_for_counts_in_the_fit_so_a_partial_need_is_never_a_full_fit(engine):
    """"batteries-included but async-first": Django's async is partial, so its fit is below 100%."""
    recs = engine.answer("looking for something batteries-included but async-first").recommendations
    django = next(r for r in recs if r.framework.id == "django")
    assert django.fit < 100, django.fit


def test_an_unmaintained_framework_is_left_out_of_a_choice_with_a_note(engine):
    """"replace hug with fastapi?": hug is only the one to leave, never the second option."""
    answer = engine.answer("replace hug with fastapi? hug hasn't been updated in years")
    assert [r.framework.id for r in answer.recommendations] == ["fastapi"]
    assert any("hug is unmaintained, so I left it out" in note for note in answer.notes)
    from bot.present import present
    from bot.render_text import render_text
    assert render_text(present(answer, engine.kb)).startswith("My pick: FastAPI")  # no "Of FastAPI, hug"


@pytest.mark.parametrize(("text", "left"), [("hug vs falcon for a new project?", ["falcon"]),
                                           ("compare FastAPI, starlette and hug", ["fastapi", "starlette"])])
def test_an_unmaintained_framework_stays_in_a_comparison_table_but_is_not_recommended(engine, text, left):
    answer = engine.answer(text)
    assert [r.framework.id for r in answer.recommendations] == left
    assert "hug" in [fw.id for fw in answer.comparison.frameworks]
    first = shown(engine, text).split("\n")[0]
    if len(left) == 1:  # the one left is the verdict, first
        assert first.endswith("Falcon: hug is unmaintained, so no choice for new work."), first
    else:
        assert answer.notes == ("hug is unmaintained, so I left it out of the choice.",)


def test_a_support_policy_answer_names_its_framework_first(engine):
    """A thread about several projects must not get "Feature releases come roughly every..." with no subject."""
    assert shown(engine, "does django have an lts release?").startswith("Django's support policy: feature releases")


MARKETPLACE = ("we are building a marketplace with payments and an admin, team of 8",)


def test_a_web_app_that_also_needs_a_chat_stays_with_the_web_framework(engine):
    """A marketplace that adds websockets for chat is a web app with real-time parts: Django (with Channels)
    is not penalised for not being a real-time server, in one message or across a thread."""
    assert top(engine, MARKETPLACE[0] + " and it needs websockets for chat", 1) == ["django"]
    assert engine.answer("and it needs websockets for chat", MARKETPLACE).recommendations[0].framework.id == "django"


def test_what_about_another_framework_in_a_thread_judges_it_against_the_needs(engine):
    """"what about flask instead?" after the needs were stated: how Flask fits them, not Flask's card."""
    first = shown_in_thread(engine, "what about flask instead?", MARKETPLACE).split("\n")[0]
    assert first.startswith("For what you described, Django fits better than Flask"), first


def test_thanks_at_the_end_of_a_thread_is_not_asked_again(engine):
    assert engine.answer("thanks!", MARKETPLACE).message.startswith("You're welcome")


def shown_in_thread(engine: Engine, text: str, discussion: tuple[str, ...]) -> str:
    from bot.present import present
    from bot.render_text import render_text
    return render_text(present(engine.answer(text, discussion), engine.kb))


def test_score_vectors_rank_as_scoring_each_framework_does(engine: Engine) -> None:
    """Ranking from the score vectors gives every framework exactly the score and fit it gets alone."""
    import json
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpus" / "questions.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["alternatives to flask for a REST API", "no pydantic please, an async API", "something ASGI-based",
              "we prefer msgspec", "a microframework for a webhook", "choose between django, flask and fastapi",
              "still on Starlite 1.x, what should we move to?", "a dashboard for analysts, no ORM needed",
              "no async please, we need an API with websockets", "no asyncio: an API with websockets and auth"]
    advisor, checked = engine.advisor, 0
    for text in texts:
        question = engine.understand(text)
        every = advisor.ranker.vectors.scores(question, advisor.scorer.plan(question))
        if every is None:
            continue
        alone = [advisor.score(fw, question, explain=False) for fw in engine.kb.frameworks.values()]
        assert every == alone, text
        checked += 1
    assert checked > len(texts) // 2


def test_the_first_few_of_many_frameworks_are_the_start_of_the_full_ranking(engine: Engine) -> None:
    """Ranking with a limit sorts only the frameworks whose score can reach the first few. With 200 cards
    (copies of the real ones under new names, so that scores tie a lot), they are exactly the first few of
    the full ranking, whatever is excluded and however close the scores."""
    import dataclasses

    from bot.advice import Advisor
    from bot.knowledge.base import KnowledgeBase

    real = list(engine.kb.frameworks.values())
    frameworks = {fw.id: fw for fw in real}
    for i in range(200 - len(real)):
        copy = dataclasses.replace(real[i % len(real)], id=f"{real[i % len(real)].id}-copy{i}", aliases=())
        frameworks[copy.id] = copy
    kb = engine.kb
    advisor = Advisor(KnowledgeBase(vocabulary=kb.vocabulary, frameworks=frameworks, source_dir=kb.source_dir,
                                    names=kb.names, words=kb.words))
    texts = ["a REST API with auth and OpenAPI docs", "not django: an async API with websockets",
             "alternatives to hug", "a dashboard for analysts", "anything like bottle?", "a CMS for editors",
             "no flask, no fastapi, a small webhook receiver", "something ASGI-based", "what should we use?"]
    checked = 0
    for text in texts:
        question = dataclasses.replace(engine.understand(text), terms=())  # copies make no term distinctive
        full = advisor.rank(question, explained=0)
        assert len(full) > 150, text
        for limit in (1, 3, 8):
            assert advisor.rank(question, explained=0, limit=limit) == full[:limit], (text, limit)
        checked += 1
    assert checked == len(texts)


@pytest.mark.parametrize("text", ["chat UI for our LLM prototype", "chat ui for a support bot"])
def test_a_chat_ui_is_a_python_ui_app_not_a_realtime_server(engine, text):
    assert top(engine, text, 1)[0] in ("chainlit", "gradio", "streamlit")
    assert engine.answer(text).question.traits == (("project", "ui_app"),)


@pytest.mark.parametrize("text", ["Django vs Wagtail for a marketing site with editors",
                                  "our editors need to publish pages themselves"])
def test_editors_publishing_pages_want_a_cms(engine, text):
    answer = engine.answer(text)
    assert "cms" in answer.question.needs
    assert answer.recommendations[0].framework.id == "wagtail"


def test_a_package_a_framework_is_built_on_points_at_it(engine, kb):
    assert "bokeh" in kb.frameworks["panel"].built_on
    text = "notebook-style data apps with widgets, we already use bokeh"
    assert top(engine, text, 1) == ["panel"]
    assert "“Bokeh”" in engine.answer(text).recommendations[0].standing  # the tie is explained by the hint


def test_a_query_param_is_no_hint_towards_panel(engine, kb):
    assert "param" in kb.frameworks["panel"].built_on
    assert "panel" not in top(engine, "query param validation for a JSON API")


@pytest.mark.parametrize("text", ["django-ninja or fastapi if we already have a big django codebase?",
                                  "we run a large django monolith: DRF or litestar for the new API?"])
def test_an_add_on_named_as_an_option_for_the_base_in_use_comes_first(engine, text):
    answer = engine.answer(text)
    assert "django" in answer.question.within
    assert answer.recommendations[0].framework.extends == "django"


@pytest.mark.parametrize("text", ["we already use flask, want async + websockets with a minimal rewrite",
                                  "our flask app needs websockets, minimal rewrite please"])
def test_leaving_with_a_minimal_rewrite_ranks_by_likeness_to_what_is_left(engine, text):
    answer = engine.answer(text)
    assert answer.question.similar_to == ("flask",) and "flask" in answer.question.excluded
    assert answer.recommendations[0].framework.id == "quart"


def test_the_company_behind_a_framework_points_at_it(engine, kb):
    assert kb.distinctive_terms["plotly"] == {"dash"} and kb.distinctive_terms["posit"] == {"shiny"}
    text = "interactive plotly charts with callbacks for our execs"
    assert top(engine, text, 1) == ["dash"]
    assert "dashboards" in engine.understand(text).needs  # the charts are still the need
    assert "shiny" in top(engine, "we're a posit shop, reactive dashboards please")


@pytest.mark.parametrize(("requires", "version", "allowed"), [
    (">=3.10", "3.14", True), (">=3.12", "3.11", False), (">=3.10,<3.14.0", "3.14", False),
    (">=3.10,<3.14.0", "3.13", True), (">=3.8,<4.0", "3.14", True), ("", "3.14", True),
])
def test_a_python_requirement_admits_a_version(requires, version, allowed):
    from bot.advice.facts import allows_python

    assert allows_python(requires, version) is allowed


@pytest.mark.parametrize(("text", "start"), [
    ("is FastAPI good for big projects?", "Yes: FastAPI fits what you described (100% fit): suits a large"),
    ("is bottle ok for a tiny script", "Yes: Bottle fits what you described"),
    ("is flask good for a marketplace?", "For what you described, Django fits better than Flask"),
])
def test_whether_a_framework_is_good_for_something_is_answered_first(engine, text, start):
    from bot.present import present
    from bot.render_text import render_text

    assert render_text(present(engine.answer(text), engine.kb)).strip().startswith(start)


def test_a_low_level_toolkit_to_build_on_wants_flexibility(engine):
    text = "low-level ASGI toolkit to build our own framework on"
    assert ("priority", "flexibility") in engine.understand(text).traits
    assert "starlette" in top(engine, text)


@pytest.mark.parametrize("text", [
    "i need a framework that does everything (auth, admin, orm, forms) but isn't django",
    "something that isn't flask for websockets",
])
def test_a_framework_ruled_out_with_isnt_is_never_picked(engine, text):
    answer = engine.answer(text)
    ruled_out = answer.question.excluded[0]
    assert all(r.framework.id != ruled_out and r.framework.extends != ruled_out
               for r in answer.recommendations[:3])


def test_frontend_and_backend_in_python_is_a_python_ui(engine):
    text = "a framework where I can write both frontend and backend in python"
    assert "python_ui" in engine.understand(text).needs
    assert {"nicegui", "reflex"} & set(top(engine, text))


def test_a_python_version_stated_demotes_frameworks_that_need_a_newer_one(engine):
    text = "stuck on python 3.9, recommendations for a REST API?"
    answer = engine.answer(text)
    assert answer.question.python == "3.9"
    first = answer.recommendations[0]
    assert not any("latest release needs Python" in c for c in first.caveats)
    ninja = engine.advisor.score(engine.kb.frameworks["django-ninja"], answer.question)
    assert any("Django's latest release needs Python" in c for c in ninja.caveats)  # held back by its base


def test_the_python_version_travels_in_the_button_token(engine):
    q = engine.understand("stuck on python 3.9, recommendations for a REST API?")
    assert Question.from_token(q.to_token(), engine.kb).python == "3.9"


def test_what_runs_on_an_old_python_is_a_list_of_those_that_allow_it(engine):
    answer = engine.answer("we're on python 3.8 and can't upgrade, what works?")
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert answer.question.intent == "list" and "bottle" in listed and "django" not in listed


def test_a_two_word_company_named_in_its_description_points_at_it(engine, kb):
    assert kb.distinctive_terms["hugging-face"] == {"gradio"}
    assert top(engine, "ML team wants to share a model demo on hugging face spaces", 1) == ["gradio"]
    assert "zauberzeug-gmbh" not in kb.distinctive_terms  # a company its description does not name is no hint


def test_licenses_allowed_hold_back_frameworks_under_others(engine):
    text = "async API with websockets, apache license only"
    answer = engine.answer(text)
    assert answer.question.licenses == ("apache",)
    assert all("Apache" in r.framework.license for r in answer.recommendations[:3])
    assert Question.from_token(answer.question.to_token(), engine.kb).licenses == ("apache",)


def test_a_license_policy_alone_lists_the_frameworks_under_it(engine):
    answer = engine.answer("company policy: only BSD or MIT licensed")
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert answer.question.intent == "list" and {"django", "fastapi"} <= listed and "tornado" not in listed
    assert answer.listing_title.startswith("The Python web frameworks I know under BSD or MIT licenses")


@pytest.mark.parametrize("text", ["url shortener, tiny, 1 dev", "a slack bot backend receiving events"])
def test_small_services_named_in_words_are_apis(engine, text):
    assert ("project", "api") in engine.understand(text).traits
    assert top(engine, text, 1)[0] not in ("django", "wagtail", "dash", "streamlit")


def test_a_general_ranking_leads_with_what_the_first_pick_is_not_its_add_ons(engine):
    """"which framework?" with no needs: "My pick: Django — Add-ons that also fit: …" gave no reason at all."""
    first = shown(engine, "which framework").split("\n")[0]
    assert first.startswith("My pick: Django — The batteries-included") and "Add-ons" not in first, first


def test_a_wish_for_sync_code_is_not_answered_with_a_feature_only_async_code_can_use(engine):
    """ "no async please" with websockets: FastAPI's WebSocket endpoints must be async, so it cannot lead,
    and where it shows its websockets are said to be for async code only."""
    answer = engine.answer("no async please, we need an API with websockets")
    picks = [r.framework.id for r in answer.recommendations]
    assert picks[0] not in {"fastapi", "falcon", "starlette", "sanic", "quart", "blacksheep", "aiohttp"}, picks
    first = engine.kb.frameworks[picks[0]].features  # its websockets work from the plain sync code they will write
    assert first["sync_handlers"].level == "builtin" and not first["websockets"].async_only, picks
    question = engine.understand("we need websockets and plain sync code")
    fastapi = engine.advisor.scorer.score(engine.kb.frameworks["fastapi"], question)
    assert any(reason.startswith("WebSockets: from async code only") for reason in fastapi.reasons), fastapi.reasons


def test_websockets_in_a_project_are_a_feature_not_a_kind_of_project(engine):
    """"an API with websockets" is an API that needs websockets; a server whose job is the connections is a
    real-time project, so a framework made for those leads only then."""
    assert ("project", "realtime") not in engine.understand("we need an API with websockets").traits
    assert ("project", "realtime") in engine.understand("a websocket fanout server for 50k concurrent clients").traits


def test_a_sync_wish_counts_double(engine):
    """Stated as a constraint, sync code outweighs an implied kind of project: a sync-first framework leads."""
    question = engine.understand("no async please, we need an API with websockets")
    assert "sync_handlers" in question.emphasized
    assert "sync_handlers" not in engine.understand("we need an API with websockets").emphasized


def test_a_library_in_use_ranks_the_frameworks_that_work_with_it_first(engine):
    """"SQLAlchemy models everywhere": the frameworks whose docs use SQLAlchemy come first, and Django, whose
    ORM would replace it, says so; "without SQLAlchemy" keeps nothing."""
    answer = engine.answer("We're migrating off Pyramid. ~80k LOC, SQLAlchemy models everywhere. Where would you go?")
    first = answer.recommendations[0]
    assert answer.question.libraries == ("sqlalchemy",) and "Works with SQLAlchemy, which you use" in first.reasons
    assert first.framework.id not in ("django", "django-ninja", "djangorestframework")
    django = engine.advisor.score(engine.kb.frameworks["django"], answer.question)
    assert "Has its own ORM / database layer instead of SQLAlchemy" in django.caveats
    assert engine.understand("a REST API without sqlalchemy please").libraries == ()
    marshmallow = engine.answer("stuck on flask-restful. 60 resources, marshmallow schemas everywhere, need swagger")
    assert marshmallow.recommendations[0].framework.id == "apiflask"


def test_names_left_out_are_one_or_several(engine):
    """One name I have no file on is "it"; several are "them"."""
    one = engine.answer("express vs flask for a small api")
    several = engine.answer("express, koa or flask for a small api?")
    assert any("so I left it out" in note for note in one.notes)
    assert any("so I left them out" in note for note in several.notes)


def test_a_declared_maintenance_mode_does_not_win_on_adoption(engine):
    """Django REST framework says it takes fixes only: for a new API on Django, the active add-on that fits as
    well goes first, and the answer says why; a quiet release history (CherryPy's) is not such a declaration."""
    answer = engine.answer("our django app needs a REST API for the mobile app")
    first, second = answer.recommendations[:2]
    assert (first.framework.id, second.framework.id) == ("django-ninja", "djangorestframework")
    assert first.fit == second.fit and "more actively developed" in first.standing
    assert engine.kb.frameworks["djangorestframework"].declared_maintenance
    quiet = engine.kb.frameworks["cherrypy"]
    assert quiet.maintenance == "maintenance-only" and not quiet.declared_maintenance
    assert engine.answer("single file micro app, zero dependencies").recommendations[0].framework.id == "bottle"


def test_a_compared_option_that_covers_the_need_clearly_better_leads_whatever_its_adoption(engine):
    """Shiny's reactivity is built in and Streamlit reruns the script: the wider use of Streamlit breaks ties,
    it does not make the two 'fit about equally well'."""
    answer = engine.answer("shiny for python vs streamlit, which handles reactive stuff better?")
    first, second = answer.recommendations[:2]
    assert (first.framework.id, second.framework.id) == ("shiny", "streamlit")
    assert first.fit - second.fit >= 15 and second.score >= first.score  # adoption alone would put it second
    lead = render_text(present(answer, engine.kb)).splitlines()[0]
    assert "Shiny for Python fits best" in lead and "equally" not in lead


def test_the_python_twin_of_a_framework_named_leads_when_it_covers_the_needs(engine):
    """R users get Shiny for Python, whose reactivity they know, rather than a data-app framework merely like it;
    Flask, Express's twin, earns nothing for it when async is asked and it has async only in part."""
    for text in ("our R folks are moving to python and want something that feels like Shiny for their reactive apps",
                 "team knows R Shiny really well, we're moving to python for a reactive app. closest equivalent?"):
        first = engine.answer(text).recommendations[0]
        assert first.framework.id == "shiny" and "closest Python counterpart" in first.reasons[0]
    assert engine.answer("something like Express but for python? minimal, middleware-y, async"
                         ).recommendations[0].framework.id != "flask"


def test_a_policy_against_single_maintainer_projects_puts_team_kept_ones_first(engine):
    """"Nothing with a single maintainer": the frameworks one person keeps (Starlette, BlackSheep, Tornado) drop
    out of the first places and say why; without the policy the same need ranks Starlette among them."""
    need = "async json api, what's left?"
    assert "starlette" in top(engine, f"we need an {need}", 5)
    answer = engine.answer(f"we can't use anything with a single maintainer, corporate policy. {need}")
    ranked = [r.framework.id for r in answer.recommendations[:3]]
    kinds = {fid: engine.kb.frameworks[fid].backing.kind for fid in ranked}
    assert "single-maintainer" not in kinds.values(), kinds
    everyone = engine.advisor.rank(answer.question, explained=40, limit=40)
    starlette = next(r for r in everyone if r.framework.id == "starlette")
    assert any("one maintainer" in c for c in starlette.caveats), starlette.caveats


def test_an_older_python_is_served_by_a_long_term_support_series(engine):
    """Django 6 needs Python 3.12, but 5.2 LTS runs on 3.11 with fixes until 2028: on 3.11 Django is still an
    answer, said with the series to use, and the fact question says which release runs."""
    direct = engine.answer("does django support python 3.11?").direct
    assert direct.startswith("Not its latest") and "5.2 LTS" in direct and "runs on Python 3.11" in direct, direct
    assert engine.answer("does django support python 3.9?").direct.startswith("No:")
    answer = engine.answer("we're stuck on python 3.11. which framework for a big web app with an admin and an ORM?")
    first = answer.recommendations[0]
    assert first.framework.id == "django", [r.framework.id for r in answer.recommendations]
    assert any("5.2 LTS release runs on Python 3.11" in reason for reason in first.reasons), first.reasons
    assert not any("latest release needs Python" in caveat for caveat in first.caveats), first.caveats


def test_an_extension_that_is_another_framework_by_a_longer_name_is_that_frameworks_win(engine):
    # Django's API versioning is "via Django REST framework": choosing DRF, not a feature Django has
    answer = engine.answer("building a public api with api keys, rate limits, versioning, browsable docs. django "
                           "already runs the website")
    assert answer.question.within == ("django",)
    assert answer.recommendations[0].framework.id in ("djangorestframework", "django-ninja")
    django = next(r for r in answer.recommendations if r.framework.id == "django")
    assert django.fit is not None and django.fit < answer.recommendations[0].fit


def test_analysts_and_data_scientists_are_not_beginners(engine):
    """People who live in notebooks know Python well; what they lack is web development, which every data-app
    framework spares them. "analysts" is no reason to mark Panel (made for experienced Python users) down."""
    answer = engine.answer("geospatial dashboard with maps and huge datasets (datashader). analysts live in notebooks")
    assert ("experience", "beginner") not in answer.question.traits
    assert answer.recommendations[0].framework.id == "panel"


def test_a_list_described_by_a_rare_word_keeps_the_frameworks_whose_description_uses_it(engine, kb):
    """"what are the rust-accelerated python web frameworks": the ones whose own description says Rust, not all
    32; a word no description uses leaves the list whole, and a list already filtered by a fact keeps its filter."""
    rust = engine.answer("what are the rust-accelerated python web frameworks")
    shown = [fw for _, group in rust.listing for fw in group]
    assert rust.question.intent == "list" and shown
    assert all("rust" in fw.prose.lower() for fw in shown) and len(shown) < len(kb.frameworks)
    assert "mentions “Rust”" in rust.listing_title
    dead = engine.answer("which of the frameworks you know are unmaintained?")
    assert "mentions" not in dead.listing_title
    assert engine.understand("what are the async python web frameworks").intent == "list"


@pytest.mark.parametrize("text", [
    "we need a REST API with an ORM and an admin", "django rest api with auth and swagger docs",
    "alternatives to flask", "a big site with an orm admin and auth",
    "a typed JSON API with validation and Swagger docs", "a dashboard for analysts", "we're on Django and need an API",
    "something like Express but python", "a blog with templates and a database, team of 5", "order a pizza",
    "websockets but not tornado", "we need a REST API with auth, no ORM, a team of 40 engineers",
])
def test_a_recommendation_explains_only_what_it_shows_and_says_the_same(engine, text):
    """Ranking explains (scores with reasons) only the options shown, after add-ons moved aside: the answer is
    the one every considered option explained would give."""
    from bot.advice import weights as w

    question = engine.understand(text)
    advisor = engine.advisor
    if question.intent != "recommend" or len(question.shortlist) >= 2 or (question.settled and question.shortlist):
        question = dataclasses.replace(question, intent="recommend", shortlist=(), settled=False)
    considered = w.RECOMMENDATIONS_SHOWN + 3
    ranked = advisor.rank(question, explained=considered, limit=considered)  # every considered one explained
    if not question.within:
        ranked = advisor.ranker.addons_after_their_base(ranked, question)
    shown = advisor._worth_showing(ranked[:w.RECOMMENDATIONS_SHOWN])
    shown = advisor.ranker.why_above(advisor.ranker.why_first(shown, question), question)
    assert advisor.recommend(question).recommendations == tuple(shown)


@pytest.mark.parametrize("text", ["python backend for a react SPA: JWT auth, postgres, ~30 endpoints",
                                  "REST API for our mobile app with bearer tokens and api keys, postgres"])
def test_token_auth_for_api_clients_is_not_a_login_system(engine, text):
    """A JWT or an API key is how API clients authenticate, not user accounts with login pages: Django's
    session auth does not provide it (DRF or simplejwt does), so plain Django is no first pick for it."""
    answer = engine.answer(text)
    assert "token_auth" in answer.question.needs and "auth" not in answer.question.needs
    first = answer.recommendations[0]
    assert first.framework.id != "django"
    assert any(reason.startswith("Token / JWT auth for API clients: built in") for reason in first.reasons)
