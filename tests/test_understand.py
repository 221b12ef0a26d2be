"""Understanding a question as Slack delivers it: cleanup, intent, names, needs, negation, threads."""

from __future__ import annotations

import pytest

from bot.slacktext import MAX_QUESTION_CHARS, clean

# --- Slack text cleanup -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U123> flask vs django", "flask vs django"),
        ("<@U123|alice> help", "help"),
        ("<#C1|general> which framework?", "#general which framework?"),
        ("see <https://x.example|the docs> please", "see the docs please"),
        ("Flask &amp; FastAPI &lt;- which?", "Flask & FastAPI <- which?"),
        ("a &gt; b", "a > b"),
        (":rocket: fastapi vs flask :tada:", "fastapi vs flask"),
        ("*Flask* vs _Django_ or `bottle`", "Flask vs Django or bottle"),
        ("```flask vs django```", "flask vs django"),
        ("~sanic~", "sanic"),
        ("flask\x00 vs\x1b django\x7f\u200b\u202e", "flask vs django"),
        ("  FLASK\n\tVS\r\nDJANGO  ", "FLASK VS DJANGO"),
        ("<!channel> <!here> <!everyone> hi", "hi"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_slack_text(raw, expected):
    assert clean(raw) == expected


def test_clean_bare_link_leaves_no_markup():
    cleaned = clean("see <https://fastapi.tiangolo.com/tutorial/> please")
    assert cleaned.startswith("see ") and cleaned.endswith(" please")
    assert "<" not in cleaned and ">" not in cleaned and "|" not in cleaned


def test_clean_keeps_snake_case_words():
    assert clean("django_ninja and some_word") == "django_ninja and some_word"


def test_clean_caps_length():
    assert len(clean("flask " * 20_000)) <= MAX_QUESTION_CHARS


@pytest.mark.parametrize(
    "raw",
    [
        "<@U0PYFW> *Flask* vs `Django`?",
        "<#C42|backend> :snake: _flask_ versus <https://www.djangoproject.com|Django> :tada:",
        "Flask &amp; Django &lt;- which?",
        "flask\x00\x07 vs\u200b django\x1b[0m",
    ],
)
def test_slack_markup_does_not_hide_the_frameworks(engine, raw):
    q = engine.answer(raw).question
    assert q.intent == "compare"
    assert set(q.frameworks) == {"flask", "django"}


def test_mentions_and_links_are_not_read_as_frameworks(engine):
    # a link whose *target* names a framework is not a mention of it; only the label is read
    q = engine.answer("<@U1> read <https://flask.palletsprojects.com|this page> about django").question
    assert q.frameworks == ("django",)


# --- intents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("", "help"),
        ("   ", "help"),
        ("help", "help"),
        ("HELP!", "help"),
        ("what can you do?", "help"),
        ("<@U0PYFW> what can you do?", "help"),
        ("halp", "help"),
        ("<@U0PYFW> I'm new here, what does this bot do?", "help"),
        ("can you explain what you do?", "help"),
        ("show me the help / examples", "help"),
        ("list", "list"),
        ("show me every framework you know", "list"),
        ("what frameworks are covered?", "list"),
        ("what are my options? just the names", "list"),
        ("show me the microframeworks", "list"),
        ("what are my options for a REST API?", "recommend"),
        ("show all", "list"),
        ("which frameworks are unmaintained?", "list"),
        ("<@U0PYFW> instructions pls", "help"),
        ("pyramd maintenance status", "info"),
        ("tell me abt tornadoo", "info"),
        ("tornado: best for what?", "info"),
        ("Can Tornado really keep 10,000+ connections open at once?", "info"),
        ("our lead says Pyramid, I say Flask. settle this pls", "compare"),
        ("how does Litestar stack up against FastAPI and Sanic", "compare"),
        ("need to keep thousands of long-lived client connections open without blocking", "recommend"),
        ("flask vs django", "compare"),
        ("compare bottle, flask and falcon", "compare"),
        ("tell me about falcon", "info"),
        ("what is tornado", "info"),
        ("which framework should we use for a REST API with auth?", "recommend"),
        ("we need an admin back office and an ORM", "recommend"),
        ("order a pizza", "unknown"),
        ("what time is it in Tokyo", "unknown"),
        ("recommend a movie", "unknown"),
    ],
)
def test_intent(engine, text, intent):
    assert engine.answer(text).question.intent == intent


def test_help_and_unknown_name_no_frameworks(engine):
    for text in ("", "help", "what can you do?", "order a pizza"):
        assert engine.answer(text).question.frameworks == ()


def test_list_with_a_category_filter(engine, kb):
    answer = engine.answer("which async frameworks are there?")
    assert answer.question.intent == "list"
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert listed, "an async listing should not be empty"
    assert all(kb.frameworks[f].async_support == "native" for f in listed)
    assert "bottle" not in listed and "django" not in listed


def test_plain_list_names_every_framework(engine, kb):
    answer = engine.answer("list")
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert listed == set(kb.frameworks)


# --- framework names: aliases and typos ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "framework"),
    [
        ("fastpai", "fastapi"),
        ("tell me about djangoo", "django"),
        ("drf", "djangorestframework"),
        ("django rest framework", "djangorestframework"),
        ("tell me about Django REST framework", "djangorestframework"),
        ("starlite", "litestar"),
        ("what is CherryPy", "cherrypy"),
        ("django-ninja", "django-ninja"),
        ("FASTAPI", "fastapi"),
    ],
)
def test_single_framework_by_alias_or_typo(engine, text, framework):
    q = engine.answer(text).question
    assert q.frameworks == (framework,)
    assert q.intent == "info"


@pytest.mark.parametrize(
    ("text", "frameworks"),
    [
        ("fastpai vs djangoo", ("fastapi", "django")),
        ("drf or django-ninja?", ("djangorestframework", "django-ninja")),
        ("starlite versus sanic", ("litestar", "sanic")),
    ],
)
def test_compare_by_alias_or_typo(engine, text, frameworks):
    q = engine.answer(text).question
    assert q.intent == "compare"
    assert q.frameworks == frameworks


# --- word-sense traps ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a tornado is coming, where should I hide?",
        "a bottle of water",
        "I need a bottle of water",
        "hug me",
        "can you hug me?",
        "the dash key",
        "press the dash key twice",
        "a flask in the lab",
        "the pyramid of needs",
        "maslow's pyramid of needs",
    ],
)
def test_ordinary_words_are_not_frameworks(engine, text):
    q = engine.answer(text).question
    assert q.frameworks == ()
    assert q.intent == "unknown"


@pytest.mark.parametrize(
    ("text", "frameworks"),
    [
        ("we use the Flask framework", ("flask",)),
        ("tornado vs sanic", ("tornado", "sanic")),
        ("is the pyramid web framework still maintained?", ("pyramid",)),
        ("deploy a dash app for analysts", ("dash",)),
        ("hug vs falcon", ("hug", "falcon")),
        ("a flask app with websockets", ("flask",)),
    ],
)
def test_ordinary_word_names_count_in_a_software_context(engine, text, frameworks):
    q = engine.answer(text).question
    assert q.frameworks == frameworks
    assert q.intent != "unknown"


# --- frameworks outside the knowledge base ------------------------------------------------------


@pytest.mark.parametrize("text", ["Angular vs Svelte", "Rails or Spring?", "is rails good?"])
def test_non_python_frameworks_are_unknown(engine, text):
    answer = engine.answer(text)
    assert answer.question.intent == "unknown"
    assert answer.question.frameworks == ()
    assert answer.question.others, "the reply should say what those frameworks are"


# --- needs, traits, negation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("an API with swagger", {"openapi"}),
        ("live updates for our users", {"websockets", "async"}),
        ("we need a back office", {"admin"}),
        ("users must login", {"auth"}),
        ("charts for the sales team", {"dashboards"}),
        ("a REST API with auth and Swagger docs", {"auth", "openapi"}),
        ("many open connections", {"websockets", "async"}),
        ("postgres and migrations", {"orm"}),
    ],
)
def test_needs_from_everyday_words(engine, text, needs):
    q = engine.answer(text).question
    assert needs <= set(q.needs), q.needs
    assert not set(q.negated) & needs


@pytest.mark.parametrize(
    ("text", "trait"),
    [
        ("we are a team of 12 building a marketplace", ("size", "large")),
        ("a quick prototype for a hackathon", ("size", "tiny")),
        ("our team are beginners", ("experience", "beginner")),
        ("raw performance matters, high throughput", ("priority", "performance")),
    ],
)
def test_traits(engine, text, trait):
    assert trait in engine.answer(text).question.traits


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("no ORM", "orm"),
        ("without templates", "templates"),
        ("we don't need an admin", "admin"),
        ("we dont need an admin", "admin"),
        ("an API, no ORM please", "orm"),
        ("a site without an admin", "admin"),
        # the feature ruled out by its own name, after a looser word for it: the negation is what they mean
        ("pages are python functions returning html tags, no templates", "templates"),
        ("a blog with a database, no ORM needed", "orm"),
    ],
)
def test_negated_needs(engine, text, negated):
    q = engine.answer(text).question
    assert negated in q.negated
    assert negated not in q.needs


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("do NOT want to write auth from scratch", "auth"),  # the work is left to the framework
        ("we don't want to build the admin ourselves", "admin"),
        ("no ORM please. actually scratch that, we do need an ORM", "orm"),  # its own name, last
        ("login for customers, not social logins though", "auth"),  # one kind of it ruled out, not the need
    ],
)
def test_a_need_said_outright_outlasts_a_negation_that_is_not_of_it(engine, text, needed):
    q = engine.answer(text).question
    assert needed in q.needs and needed not in q.negated, q


@pytest.mark.parametrize(
    ("text", "needed", "negated"),
    [
        ("no ORM, but we need auth", "auth", "orm"),
        ("we don't need an admin but need templates", "templates", "admin"),
        # a negation does not reach over a clause boundary into the next need
        ("no database, just templates", "templates", "orm"),
        ("without templates, we need websockets", "websockets", "templates"),
    ],
)
def test_negation_stays_in_its_clause(engine, text, needed, negated):
    q = engine.answer(text).question
    assert negated in q.negated, q
    assert needed in q.needs, q
    assert needed not in q.negated, q


@pytest.mark.parametrize(
    "text",
    [
        "tiny single-file app, no dependencies, standard library only",
        "an app with no dependencies",
        "without dependencies",
        "no third-party packages, one file",
    ],
)
def test_no_dependencies_is_a_need_not_a_negation(engine, text):
    q = engine.answer(text).question
    assert "zero_dependencies" in q.needs, q
    assert "zero_dependencies" not in q.negated, q


# --- discussion context -------------------------------------------------------------------------


def test_needs_from_the_discussion(engine):
    discussion = ["we are building a REST API with auth", "it needs swagger docs"]
    answer = engine.answer("what would you recommend?", discussion=discussion)
    q = answer.question
    assert q.intent == "recommend"
    assert {"auth", "openapi"} <= set(q.needs)
    assert {"auth", "openapi"} <= set(q.from_discussion)
    note = answer.from_thread
    assert "discussion" in note.lower()
    assert "Swagger" in note and "Authentication" in note
    assert answer.recommendations[0].framework.id in {"fastapi", "litestar", "django-ninja"}


def test_without_discussion_no_picked_up_note(engine):
    answer = engine.answer("what would you recommend?")
    assert answer.question.from_discussion == ()
    assert not any("discussion" in n.lower() for n in answer.notes) and not answer.from_thread


def test_needs_stated_now_are_not_credited_to_the_discussion(engine):
    answer = engine.answer("we need auth, what do you suggest?", discussion=["we need auth and an orm"])
    q = answer.question
    assert "orm" in q.from_discussion
    assert "auth" not in q.from_discussion
    assert {"auth", "orm"} <= set(q.needs)


def test_negation_from_the_discussion(engine):
    answer = engine.answer("what do you think?", discussion=["we don't need an ORM", "an API with swagger"])
    q = answer.question
    assert "orm" in q.negated and "orm" not in q.needs
    assert "openapi" in q.needs
    assert "no ORM" in answer.from_thread


def test_current_message_overrides_the_discussion(engine):
    answer = engine.answer("actually we don't need an admin", discussion=["we need an admin and an orm"])
    q = answer.question
    assert "admin" in q.negated and "admin" not in q.needs
    assert "orm" in q.needs


def test_a_trait_the_current_message_states_overrides_the_discussion(engine):
    """A new kind of project or team size replaces the thread's; the needs stated before still count."""
    answer = engine.answer("a dashboard with charts for analysts", discussion=["we need a REST API with auth"])
    q = answer.question
    assert ("project", "data_app") in q.traits and ("project", "api") not in q.traits
    assert "auth" in q.needs and "project:api" not in q.from_discussion
    assert answer.recommendations[0].framework.category == "data-app"
    sized = engine.understand("actually it's a big team of 50", ["a small REST API for a team of 3"])
    assert ("size", "large") in sized.traits and ("size", "small") not in sized.traits
    assert ("project", "api") in sized.traits, "a trait the message does not state still comes from the thread"


def test_a_pick_after_a_comparison_chooses_among_the_frameworks_of_the_discussion(engine):
    answer = engine.answer("which one is better?", discussion=["flask vs django", "we need websockets"])
    q = answer.question
    assert q.intent == "recommend"
    assert set(q.frameworks) == {"flask", "django"} and set(q.shortlist) == {"flask", "django"}
    assert "websockets" in q.needs
    assert answer.recommendations[0].framework.id in {"flask", "django"}


def test_help_ignores_the_discussion(engine):
    q = engine.answer("help", discussion=["we need websockets"]).question
    assert q.intent == "help"
    assert q.needs == () and q.from_discussion == ()


def test_a_trait_after_a_negated_clause_is_kept(engine):
    q = engine.answer("no orm, no swagger, no websockets, an api").question
    assert {"orm", "openapi", "websockets"} <= set(q.negated)
    assert ("project", "api") in q.traits
    assert q.intent == "recommend"


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("a REST API with pydantic validation and OpenAPI", {"validation", "openapi"}),
        ("an app with celery background jobs and a database", {"background_tasks", "orm"}),
    ],
)
def test_libraries_named_as_needs_do_not_make_the_question_unknown(engine, text, needs):
    """Pydantic and Celery are not web frameworks, but naming them states a need, not an off-topic question."""
    q = engine.answer(text).question
    assert needs <= set(q.needs)
    assert q.intent == "recommend", q


@pytest.mark.parametrize("text, ruled_out", [
    ("websockets but not tornado", "tornado"),
    ("a json api without django", "django"),
    ("we don't want flask, something for a small api", "flask"),
])
def test_a_framework_ruled_out_is_excluded_not_asked_about(engine, text, ruled_out):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend"
    assert ruled_out not in answer.question.frameworks
    assert ruled_out not in [r.framework.id for r in answer.recommendations]


def test_wording_is_not_part_of_a_questions_identity(engine):
    """Two wordings of one question are equal, so their rendered answer can be shared."""
    a = engine.understand("flask vs django")
    b = engine.understand("<@U1> Flask   versus *Django*")
    assert a == b and hash(a) == hash(b) and a.text != b.text


def test_a_long_phrase_keeps_the_meaning_of_the_phrase_it_starts_with(engine):
    """"CMS-style site" is a large site and, weakly, a CMS."""
    q = engine.understand("we need a big CMS-style site with user management")
    assert {"cms", "auth"} <= set(q.needs) and q.implied == ("cms",)
    assert ("size", "large") in q.traits


@pytest.mark.parametrize("text", [
    "our Django monolith needs a REST API for the mobile app",
    "recommend an API layer for our existing django project",
])
def test_a_framework_the_project_already_uses_is_the_setting_not_the_subject(engine, text):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend"
    assert answer.question.frameworks == ("django",) and answer.question.within == ("django",)
    assert answer.recommendations[0].framework.id in ("djangorestframework", "django-ninja")


@pytest.mark.parametrize("text", ["we're moving away from Tornado, what else?", "switching from flask to something"
                                  " async", "replacing bottle in our stack"])
def test_leaving_a_framework_asks_for_alternatives(engine, text):
    q = engine.understand(text)
    assert q.intent == "recommend" and q.excluded == q.frameworks and len(q.frameworks) == 1


@pytest.mark.parametrize(("text", "within"), [
    ("We're on Flask today and need websockets for a live feed. Rewriting everything isn't an option", "flask"),
    ("we want to keep the Django admin and ORM but want an API layer with pydantic. what goes on top?", "django"),
    ("realtime chat feature but we don't want to leave Django", "django"),
    ("we have a flask app with ~200 routes and want to add async endpoints for some slow IO calls", "flask"),
    ("We're a Django shop and want type-hinted endpoints like FastAPI without leaving Django", "django"),
])
def test_the_framework_in_use_said_with_a_verb_is_the_setting(engine, text, within):
    q = engine.understand(text)
    assert q.intent == "recommend" and q.within == (within,) and not q.excluded


@pytest.mark.parametrize(("text", "left"), [
    ("What should we use for a public REST API with heavy caching? Django feels slow for this.", "django"),
    ("Which async framework would you pick for class-based controllers? Something more opinionated than fastapi.",
     "fastapi"),
    ("We tried Streamlit but it reruns the whole script on every click. what now?", "streamlit"),
    ("Pyramid is in maintenance mode and our devs want off it. The app is server-rendered HTML with SQLAlchemy. "
     "where should we move?", "pyramid"),
    ("We run Tornado today, want a modern async API framework with openapi for new services", "tornado"),
    ("i really like flask's API but we need native asyncio everywhere. what's the closest thing?", "flask"),
])
def test_a_framework_spoken_of_as_the_problem_is_left_out_of_the_advice(engine, text, left):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and answer.question.excluded == (left,)
    assert left not in [r.framework.id for r in answer.recommendations]


@pytest.mark.parametrize("text", ["Is Django slow?", "does flask support async views?", "is hug dead?"])
def test_a_question_about_one_framework_stays_about_it(engine, text):
    assert engine.understand(text).intent == "info"


def test_liking_a_frameworks_style_ranks_by_likeness_without_ruling_it_out(engine):
    answer = engine.answer("async web app with Jinja templates and sessions - we love Flask's API")
    assert answer.question.intent == "recommend" and answer.question.similar_to == ("flask",)
    assert answer.recommendations[0].framework.id == "quart"


def test_a_front_end_framework_goes_with_a_python_backend(engine):
    answer = engine.answer("backend for our React SPA: JSON endpoints, login and Postgres")
    assert answer.question.intent == "recommend"
    assert any("React" in note for note in answer.notes)
    assert engine.understand("Angular vs Svelte").intent == "unknown"


@pytest.mark.parametrize("text", ["a bottle of champagne for the release party",
                                  "the flask in the lab needs a new license sticker",
                                  "a hug for the whole dev team",
                                  "a fast API server would be nice"])
def test_software_words_far_from_an_ordinary_word_do_not_make_it_a_framework(engine, text):
    assert engine.understand(text).frameworks == ()


@pytest.mark.parametrize("text", ["what's the tallest pyramid in egypt?",
                                  "a side panel with filters and a chart for our internal dashboard app",
                                  "building a home automation panel for the raspberry pi, a nice UI without js",
                                  "blazing fast api, latency is everything, 5 endpoints"])
def test_an_ordinary_word_name_at_the_head_of_a_noun_phrase_is_the_thing(engine, text):
    assert engine.understand(text).frameworks == ()


@pytest.mark.parametrize("text, named", [("we picked panel for our dashboards, now we need auth", ("panel",)),
                                         ("is the plain flask enough for a small api?", ("flask",)),
                                         ("the boring bottle way or fastapi?", ("bottle", "fastapi")),
                                         ("our existing bottle app needs websockets", ("bottle",)),
                                         ("a simple flask app with a login page", ("flask",))])
def test_a_framework_described_or_set_in_software_stays_the_framework(engine, text, named):
    assert engine.understand(text).frameworks == named


def test_software_words_next_to_the_name_do(engine):
    q = engine.understand("when was flask first released")
    assert q.intent == "info" and q.frameworks == ("flask",) and q.topic == "first_release"


def test_a_typo_between_a_name_and_an_old_name_picks_the_current_name(engine):
    assert engine.understand("starlete vs flask").frameworks == ("starlette", "flask")


def test_plural_and_singular_phrasings_mean_the_same_need(engine):
    assert ("project", "api") in engine.understand("a webhook receiver").traits


def test_a_self_negating_phrase_negates_nothing_after_it(engine):
    q = engine.understand("no dependencies besides stdlib, tiny app")
    assert "zero_dependencies" in q.needs and "zero_dependencies" not in q.negated


def test_a_feature_question_is_not_read_as_a_field_question(engine):
    answer = engine.answer("does litestar have dependency injection?")
    assert answer.question.topic == "feature:dependency_injection"
    assert answer.direct.startswith("Yes: Litestar has dependency injection")


def test_wanting_something_is_not_wanting_an_alternative(engine):
    q = engine.understand("I'd like to use flask with an orm, is that a sane choice?")
    assert q.intent == "info" and q.excluded == ()


def test_migrating_off_one_named_framework_while_keeping_another(engine):
    answer = engine.answer("we're migrating from django rest framework to something async, keep our django models")
    q = answer.question
    assert q.intent == "recommend"
    assert q.excluded == ("djangorestframework",) and q.within == ("django",)
    assert "djangorestframework" not in [r.framework.id for r in answer.recommendations]


@pytest.mark.parametrize("text", ["tornado sirens testing today at noon",
                                  "our test pyramid is upside down, way too many e2e tests",
                                  "5k dash on saturday, who's in?", "dash it, the build failed again"])
def test_ordinary_words_with_ordinary_needs_stay_off_topic(engine, text):
    assert engine.understand(text).intent == "unknown"


@pytest.mark.parametrize("text", ["is pyramid still a thing in 2025", "is pyramid dead?", "how old is Tornado",
                                  "does bottle have any dependencies", "Is Dash open source?"])
def test_questions_about_an_ordinary_word_framework(engine, text):
    assert engine.understand(text).intent == "info"


@pytest.mark.parametrize("text, size", [("team of 2 seniors building an api", "small"),
                                        ("we are 40 engineers", "large"), ("6 devs, a json api", "medium")])
def test_team_sizes_become_project_sizes(engine, text, size):
    assert ("size", size) in engine.understand(text).traits


def test_big_only_sizes_projects(engine):
    assert ("size", "large") not in engine.understand("we hate magic and big frameworks, want an api").traits
    assert ("size", "large") in engine.understand("a big app with an api").traits


@pytest.mark.parametrize("text", ["small and flexible, might grow big later", "we need something rock solid for "
                                  "10+ years, boring tech, big team"])
def test_project_facts_alone_ask_for_a_recommendation(engine, text):
    assert engine.understand(text).intent == "recommend"


def test_front_end_choices_are_not_ours(engine):
    assert engine.understand("Angular or React for the admin panel?").intent == "unknown"
    assert engine.understand("we need an admin panel for support staff").intent == "recommend"


@pytest.mark.parametrize("text, named", [("flsk or djngo", ("flask", "django")),
                                         ("fastapi or djagno ninja", ("fastapi", "django-ninja"))])
def test_typos_short_words_between_names_and_in_longer_names(engine, text, named):
    assert engine.understand(text).frameworks == named


@pytest.mark.parametrize("text", ["SSE endpoint to stream LLM tokens to the browser", "the flak was heavy or light"])
def test_words_near_a_name_are_not_typos_of_it(engine, text):
    assert engine.understand(text).frameworks == ()


@pytest.mark.parametrize("text, intent", [
    ("falcon v flask", "compare"), ("what kinds of questions can I ask you?", "help"),
    ("how does this thing work", "help"), ("what's in your catalog?", "list"),
    ("which of your frameworks are WSGI", "list"),
])
def test_more_ways_of_asking(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_leaving_the_framework_in_use_for_something_else(engine):
    q = engine.understand("our tornado app is old; we'd like to move to something asgi-based")
    assert q.intent == "recommend" and q.excluded == ("tornado",) and q.within == () and q.interfaces == ("asgi",)


def test_other_languages_are_not_ours_unless_python_is_the_target(engine):
    assert engine.understand("Koa vs Hono for a TypeScript backend?").intent == "unknown"
    answer = engine.answer("Rewriting a Node/Express API in Python, want something async with validation")
    assert answer.question.intent == "recommend" and any("Express" in note for note in answer.notes)


@pytest.mark.parametrize("text, ruled_out", [
    ("we dont want fastapi or flask, need an async api", {"fastapi", "flask"}),
    ("REST API with swagger, avoid anything Django-based", {"django"}),
    ("anything but flask for a small json api", {"flask"}),
])
def test_ruling_out_several_frameworks_at_once(engine, text, ruled_out):
    q = engine.understand(text)
    assert q.intent == "recommend" and ruled_out <= set(q.excluded) and not ruled_out & set(q.frameworks)


def test_names_in_plainly_off_topic_messages_are_not_frameworks(engine):
    assert engine.understand("Django Unchained is a great movie").intent == "unknown"
    assert engine.understand("what's a good ninja movie").intent == "unknown"


@pytest.mark.parametrize("text, intent", [
    ("a dashboard for analysts, no javascript please", "recommend"),
    ("backend API for our TypeScript frontend with auth", "recommend"),
    ("a team of 20 building a large monolith with many features", "recommend"),
    ("pros and cons of flask vs quart", "compare"),
    ("How is Quart different from Sanic?", "compare"),
    ("name every python web framework you know about", "list"),
    ("wat is fastpi", "info"),
    ("Sanic the hedgehog meme lol", "unknown"),
])
def test_fifth_round_of_phrasings(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize("text, intent", [
    ("hi, what should I use for a small site?", "recommend"),
    ("start a new project for a high traffic API", "recommend"),
    ("swift web API backend with no dependencies outside the standard library", "recommend"),
    ("object-oriented framework with its own multi-threaded web server", "recommend"),
    ("drop-in async version of Flask", "recommend"),
    ("latest version of django?", "info"),
    ("dsah vs flask", "compare"),
    ("Does Hug have a CLI?", "info"),
    ("which microframeworks are there?", "list"),
    ("I need to dash to a meeting, brb", "unknown"),
])
def test_sixth_round_of_phrasings(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_does_a_need_b_is_about_a(engine):
    q = engine.understand("does dash need flask?")
    assert q.intent == "info" and q.frameworks == ("dash",) and q.topic == "relation:flask"


@pytest.mark.parametrize("text", ["a framework like Bottle, but async", "something like flask but async"])
def test_the_but_after_like_x_is_the_point(engine, text):
    answer = engine.answer(text)
    assert "async" in answer.question.emphasized
    assert answer.recommendations[0].framework.async_support == "native"


@pytest.mark.parametrize(("text", "needs"), [
    ("something minimal and ASGI, no opinions about validation or DI please", {"validation", "dependency_injection"}),
    ("a UI for our model, would rather not write any JS or any routes", {"routing"}),  # a determiner after "or"
])
def test_a_negation_carries_along_an_or_list(engine, text, needs):
    q = engine.understand(text)
    assert needs <= set(q.negated) and not needs & set(q.needs)


@pytest.mark.parametrize(("text", "need"), [
    ("Hackathon this weekend, need a JSON API with docs our frontend can click through, fastest path?", "openapi"),
    ("Q&A knowledge base: user logins, voting, moderation tools, email notifications", "admin"),
])
def test_everyday_wording_of_needs(engine, text, need):
    q = engine.understand(text)
    assert need in q.needs
    assert ("project", "realtime") not in q.traits, "email notifications are not a real-time service"


def test_diff_between_two_frameworks_is_a_comparison(engine):
    q = engine.understand("diff between starlette and fastapi?")
    assert q.intent == "compare" and set(q.frameworks) == {"starlette", "fastapi"}


@pytest.mark.parametrize(("text", "names"), [
    ("compare quart, sanic and starlet", {"quart", "sanic", "starlette"}),
    ("we use flsk, need async", {"flask"}),
])
def test_misspelt_names_in_a_list_or_after_use(engine, text, names):
    assert set(engine.understand(text).frameworks) == names
    assert engine.understand("a starlet in hollywood").frameworks == ()


@pytest.mark.parametrize(("text", "left"), [
    ("websocket chat backend, skip aiohttp", "aiohttp"),
    ("we dropped sanic, need another async framework with its own server", "sanic"),
])
def test_skipping_or_dropping_a_framework_rules_it_out(engine, text, left):
    q = engine.understand(text)
    assert q.intent == "recommend" and left in q.excluded


def test_a_negation_stops_at_the_framework_it_rules_out(engine):
    q = engine.understand("anything except hug for a typed api")
    assert q.excluded == ("hug",) and "validation" in q.needs and "validation" not in q.negated


@pytest.mark.parametrize(("text", "intent"), [
    ("we follow the test pyramid; which framework has the best test client for APIs?", "recommend"),
    ("I'll dash off a quick api prototype, which framework?", "recommend"),
    ("I need a hug after that deploy", "unknown"),
])
def test_a_name_inside_an_idiom_is_an_ordinary_word(engine, text, intent):
    q = engine.understand(text)
    assert q.frameworks == () and q.intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("which frameworks have an admin?", "list"),
    ("which frameworks support websockets and async?", "list"),
    ("which frameworks have an admin and an orm for a big app, recommend one", "recommend"),
    ("what about Tornado?", "info"),
])
def test_listing_by_feature_and_asking_about_one(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize(("text", "intent", "names"), [
    ("Is Quart made by the same people as Flask?", "info", {"quart"}),
    ("is falcon faster than flask?", "compare", {"falcon", "flask"}),
    ("who originally created tornado", "info", {"tornado"}),
    ("*Tornado*: is anyone still using it in 2026?", "info", {"tornado"}),
    ("what does sanic's LTS policy look like", "info", {"sanic"}),
    ("my thermos flask leaks, any recommendations for a new one?", "unknown", set()),
])
def test_short_questions_about_one_or_two_frameworks(engine, text, intent, names):
    q = engine.understand(text)
    assert q.intent == intent and set(q.frameworks) == names


@pytest.mark.parametrize(("text", "within", "first"), [
    ("our monolith is Django + Postgres and the mobile team now needs a REST API on the same models. "
     "what should we add?", "django", {"djangorestframework", "django-ninja"}),
    ("We're a Django shop and we love FastAPI-style type hints. What should we use for the new API?", "django",
     {"django-ninja"}),
])
def test_the_stack_in_use_said_plainly_gets_its_add_on(engine, text, within, first):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and within in answer.question.within
    assert answer.recommendations[0].framework.id in first


def test_a_yes_no_question_about_the_framework_in_use_stays_about_it(engine):
    q = engine.understand("the backend is flask, is it good for websockets?")
    assert q.intent == "info" and q.frameworks == ("flask",)


@pytest.mark.parametrize(("text", "intent"), [
    ("pls reset my jira password", "unknown"),
    ("what's the guest wifi password", "unknown"),
    ("jwt auth", "recommend"),
    ("reporting dashboard for the finance team, data is in pandas", "recommend"),
])
def test_one_need_word_in_passing_is_not_a_question_for_us(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize(("text", "need"), [
    ("need a dashbaord for our analysts, they only know pyhton", "dashboards"),
    ("singel file web app, no dependancies", "zero_dependencies"),
    ("websokets and authentcation", "websockets"),
])
def test_slips_in_need_words_are_read_through(engine, text, need):
    assert need in engine.understand(text).needs


@pytest.mark.parametrize("text", ["a simple synchronous framework for pages", "catching bugs early matters"])
def test_real_words_next_to_need_words_are_not_corrected(engine, text):
    q = engine.understand(text)
    assert "async" not in q.needs and "caching" not in q.needs


@pytest.mark.parametrize(("text", "intent"), [
    ("ViewSets + routers + OAuth2 on top of our existing Django models, what's the standard choice?", "recommend"),
    ("what's Dash running on under the hood, flask?", "info"),
    ("Is Quart just Flask rewritten for asyncio?", "info"),
    ("who makes Dash", "info"),
    ("lsit frameworks", "list"),
    ("<@U0PYFW> what's on your *framework list*?", "list"),
    ("can you give me some example questions?", "help"),
    ("help pls, how do I ask for a recommendation?", "help"),
    ("Next.js or Remix for a marketing site?", "unknown"),
    ("has anyone watched Django Unchained?", "unknown"),
])
def test_more_everyday_phrasings(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_not_comfortable_with_asyncio_wants_sync_code(engine):
    answer = engine.answer("our team isn't comfortable with asyncio. we need a simple synchronous JSON API")
    assert "async" in answer.question.negated
    assert answer.recommendations[0].framework.id not in ("fastapi", "starlette", "litestar", "aiohttp", "sanic")


def test_a_word_only_one_framework_uses_makes_an_ordinary_name_that_framework(engine):
    q = engine.understand("pyrmaid traversal, how does it work?")
    assert q.intent == "info" and q.frameworks == ("pyramid",)


def test_a_real_word_with_another_first_letter_is_not_a_slip(engine):
    q = engine.understand("chat server: thousands of long-lived connections, long polling as a fallback")
    assert "dashboards" not in q.needs


@pytest.mark.parametrize(("text", "first", "left_out"), [
    ("which framework is basically an async Flask?", "quart", "flask"),
    ("Flask is getting messy for our growing team of 15, what should we move to?", None, "flask"),
])
def test_a_variant_of_a_framework_asks_for_another_one(engine, text, first, left_out):
    answer = engine.answer(text)
    assert left_out in answer.question.excluded
    if first:
        assert answer.recommendations[0].framework.id == first


def test_an_async_flask_app_is_a_flask_app(engine):
    q = engine.understand("an async flask app with websockets")
    assert "flask" not in q.excluded and q.frameworks == ("flask",)


def test_a_slip_in_tell_me_about(engine):
    q = engine.understand("tel me about starlete")
    assert q.intent == "info" and q.frameworks == ("starlette",)


@pytest.mark.parametrize(("text", "names"), [
    ("typed, fast API on top of the existing Django ORM models, async views welcome", ("django",)),
    ("fast api vs django", ("fastapi", "django")),
    ("difference between starlette and fast api", ("starlette", "fastapi")),
])
def test_fast_api_in_a_row_of_adjectives_is_not_fastapi(engine, text, names):
    assert engine.understand(text).frameworks == names


@pytest.mark.parametrize(("text", "intent", "excluded", "within"), [
    ("something Flask-ish but async pls", "recommend", ("flask",), ()),
    ("on Django 5.2, want FastAPI-style type hints for the API layer", "recommend", (), ("django",)),
    ("greenfield async API, 6 devs, can't use FastAPI (policy), want typed validation + docs", "recommend",
     ("fastapi",), ()),
    ("team already runs Starlette, we want validation + OpenAPI without a rewrite", "recommend", (),
     ("starlette",)),
    ("is flask ok for 10k rps?", "info", (), ()),
    ("is there an Express-like minimal framework in Python?", "recommend", (), ()),
])
def test_terse_team_messages(engine, text, intent, excluded, within):
    q = engine.understand(text)
    assert (q.intent, q.excluded, q.within) == (intent, excluded, within)


@pytest.mark.parametrize(("text", "intent"), [
    ("gimme the list", "list"), ("which of them are unmaintained", "list"),
    ("what frameworks can I ask you about?", "list"), ("hlep me", "help"),
    ("my flask of coffee went cold during standup", "unknown"),
    ("our flask monolith can't do websockets well, what should we move to?", "recommend"),
])
def test_terse_lists_help_and_everyday_flasks(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_a_framework_named_only_as_the_model_of_a_comparison_is_not_compared(engine):
    q = engine.understand("quart or sanic — both flask-like, which is easier for a flask dev")
    assert q.intent == "compare" and q.frameworks == ("quart", "sanic") and q.similar_to == ("flask",)
    assert "flask" in q.named


def test_compare_the_bottle_and_flask(engine):
    assert engine.understand("compare the bottle and flask licences").frameworks == ("bottle", "flask")


@pytest.mark.parametrize(("text", "first"), [
    ("python equivalent of Ruby's Sinatra?", {"flask", "bottle"}),
    ("I'd like something like Express.js, minimal and unopinionated", {"flask", "bottle"}),
    ("<@U0PYFW> Laravel dev here, what's the python equivalent?", {"django"}),
    ("is there a python framework like NestJS?", {"fastapi", "litestar"}),
])
def test_the_python_twin_of_another_languages_framework(engine, text, first):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and answer.recommendations[0].framework.id in first
    assert "dash" not in [r.framework.id for r in answer.recommendations[:3]]


@pytest.mark.parametrize(("text", "intent"), [
    ("best python web framework in 2026?", "recommend"),
    ("best Go web framework?", "unknown"),
    ("what should a coding bootcamp teach for python web dev", "recommend"),
    ("pros and cons of pyramid", "info"),
    ("djnago orm?", "info"),
    ("<https://bottlepy.org|bottlepy.org> what is this?", "info"),
    ("which frameworks are MIT licensed", "list"),
    ("which frameworks are still actively maintained?", "list"),
    ("what questions can I ask you?", "help"),
    ("something like flask", "recommend"),
    ("JSON API on Django with a browsable API, viewsets and permission classes", "recommend"),
])
def test_more_sample_like_questions(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_hating_boilerplate_is_not_hating_the_framework(engine):
    q = engine.understand("REST API for a Django shop where the team hates boilerplate")
    assert "django" not in q.excluded and q.within == ("django",)


@pytest.mark.parametrize(("text", "intent", "names"), [
    ("is <https://www.starlette.io/> nicer than <https://quart.palletsprojects.com/>?", "compare",
     {"starlette", "quart"}),
    ("hey bot, what do you know how to do?", "help", set()),
    ("microservice with dependency injection, DTOs and strict typing; the team likes NestJS", "recommend", set()),
    ("Is Laravel better than Symfony for a CMS?", "unknown", set()),
    ("Express vs Gin for a REST API", "unknown", set()),
])
def test_documentation_sites_fond_comparisons_and_other_languages(engine, text, intent, names):
    q = engine.understand(text)
    assert q.intent == intent and set(q.frameworks) == names


def test_an_idiom_asks_for_none_of_its_words(engine):
    assert "testing_tools" not in engine.understand("should we follow the test pyramid for our python services?").needs


def test_a_framework_ruled_out_now_is_not_shortlisted_from_the_thread(engine):
    """Found by the property test: the thread named Flask and Sanic, the message rules Sanic out."""
    answer = engine.answer("no sanic", discussion=["flask sanic"])
    assert "sanic" in answer.question.excluded and "sanic" not in answer.question.shortlist
    assert "sanic" not in [r.framework.id for r in answer.recommendations]


def test_clean_reads_a_markdown_link_as_its_label():
    assert clean("use [Quart](https://github.com/pallets/quart) (maybe?)") == "use Quart (maybe?)"


@pytest.mark.parametrize("text", ["thanks!", "thank you, that helps", "awesome, thanks"])
def test_thanks_gets_a_word_back_not_a_shrug(engine, text):
    """A reply of thanks in the thread is common after an answer; "I'm not sure that's a question" reads rude."""
    answer = engine.answer(text)
    assert answer.question.intent == "unknown" and answer.message.startswith("You're welcome"), answer.message


def test_thanks_followed_by_a_question_answers_the_question(engine):
    assert engine.understand("thanks, but what about websockets with django?").frameworks == ("django",)


@pytest.mark.parametrize("text", ["fastest way to build an api",
                                  "which framework is fastest to build a crud app with?"])
def test_fastest_to_build_is_speed_of_development_not_raw_speed(engine, text):
    """"Fastest to get something on screen" is about time to build; only "fastest" alone is run-time speed."""
    traits = engine.understand(text).traits
    assert ("priority", "development_speed") in traits and ("priority", "performance") not in traits, traits


def test_a_python_ui_in_a_message_about_a_model_is_the_model_demo(engine):
    """The model and the UI are in different clauses; a model in the message makes the UI its demo, and Gradio
    or Streamlit (made for that) come first rather than a general Python UI toolkit."""
    answer = engine.answer("serving a 2GB model, UI is a textbox and a slider")
    assert ("project", "ml_demo") in answer.question.traits and ("project", "ui_app") not in answer.question.traits
    assert answer.recommendations[0].framework.id in ("gradio", "streamlit")
    plain = engine.understand("an internal ui with a textbox and a slider for our data model")
    assert ("project", "ui_app") in plain.traits and ("project", "ml_demo") not in plain.traits
    api = engine.understand("serving a 2GB model behind a REST API")
    assert ("project", "ml_demo") not in api.traits, "a model behind an API is no demo: nothing to refine"


def test_a_memory_budget_asks_for_a_lean_framework(engine):
    """"512MB ram" (a size written onto its unit) and "image as small as possible" are a memory budget: the
    frameworks measured lightest come first, not the most used API framework."""
    edge = engine.answer("edge box, arm64, 512MB ram. needs a small local REST api + a config page")
    assert ("priority", "low_memory") in edge.question.traits
    assert "low_memory" in engine.kb.frameworks[edge.recommendations[0].framework.id].traits["priority"]
    budget = engine.answer("tiny json api on a box with only 512mb ram")
    first = budget.recommendations[0]  # one measured at 30 MB or less (Starlette with uvicorn takes 33)
    assert first.framework.footprint is not None and first.framework.footprint.rss_mb <= 30, first.framework.id
    assert any(f"{first.framework.footprint.rss_mb:g} MB serving one route" in reason for reason in first.reasons)
    sidecar = engine.answer("tiny http svc for /healthz as a sidecar, image should be as small as possible")
    assert sidecar.recommendations[0].framework.category != "full-stack"
    plenty = engine.understand("we have 64 GB of RAM, memory is not an issue. a REST api please")
    assert ("priority", "low_memory") not in plenty.traits


def test_the_kind_of_the_framework_in_use_is_not_the_kind_asked_for(engine):
    """"Our backend is FastAPI" says what they have; the Python-only frontend is what they ask for."""
    answer = engine.answer("Our backend is FastAPI. We'd like a Python-only frontend for ops that talks to it")
    assert ("project", "api") not in answer.question.traits
    assert answer.recommendations[0].framework.category == "ui"
    kept = engine.understand("our Flask API needs OpenAPI docs")
    assert ("project", "api") in kept.traits, "said alone, the kind in use is still the project's"


def test_a_question_of_the_project_beside_one_framework_asks_for_a_pick(engine):
    """One framework named, what the project needs stated, and a question that asks nothing of the framework:
    advice, not the framework's card; a question of the framework stays one."""
    answer = engine.answer('the team says "just use flask". me: we need websockets + typed schemas. who is right?')
    assert answer.question.intent == "recommend" and answer.recommendations[0].framework.id != "flask"
    assert engine.understand("does flask support websockets? we need them").intent == "info"
    assert engine.understand("LLM playground with a few sliders. gradio, or something nicer?").intent == "recommend"


def test_streaming_in_a_python_chat_ui_is_the_toolkit_s_business(engine):
    """"Streaming tokens" in a chat UI written in Python needs no server-sent events of its own (the toolkit
    carries it), so the chat toolkit is not marked down for lacking them; in an API it is a need."""
    ui = engine.answer("need a chat UI for our LLM agent: streaming tokens, show the tool calls")
    assert "sse" not in ui.question.needs and ui.recommendations[0].framework.id == "chainlit"
    assert "sse" in engine.understand("a REST API that streams tokens from our LLM: streaming tokens").needs


def test_a_need_joined_to_first_is_stressed_and_instead_of_rules_one_out(engine):
    """"htmx-first" stresses HTMX (the hyphen joins them; "htmx first, then auth" is an order, not stress);
    "X instead of Y" wants X and rules out the need Y."""
    stressed = engine.understand("looking for something htmx-first for a small internal site")
    assert "htmx" in stressed.emphasized
    assert "htmx" not in engine.understand("we need htmx first, then auth").emphasized
    swapped = engine.understand("we want sync handlers instead of async")
    assert "async" in swapped.negated and "sync_handlers" in swapped.needs


def test_sync_said_in_a_list_of_adjectives_rules_out_async(engine):
    answer = engine.answer("I want to avoid async entirely. sync, threaded, boring. json api + some html pages")
    assert "async" not in answer.question.needs and "sync_handlers" in answer.question.needs
    assert answer.recommendations[0].framework.category != "async", "not an async-first framework like Quart"


@pytest.mark.parametrize(("text", "size"), [
    ("backend for a browser extension. 3 routes", "tiny"),
    ("a REST API for our mobile app, ~40 endpoints, postgres", "small"),
    ("60 resources, marshmallow schemas everywhere", "medium"),
])
def test_a_count_of_routes_sizes_the_api(engine, text, size):
    """A number of routes or endpoints is the size of the API (pages are left out: a 30-page dashboard is
    not small); a browser extension is the product, not a need for plugins."""
    question = engine.understand(text)
    assert ("size", size) in question.traits
    assert "plugins" not in question.needs
    dash = engine.understand("we built everything in Dash but the callbacks are getting insane for a 30-page app")
    assert not any(trait == "size" for trait, _ in dash.traits)


def test_what_something_lacks_is_wanted(engine):
    """"Our flask app doesn't support websockets" wants websockets; "reject requests that don't match our
    openapi contract, no hand written validation" wants a spec-first API that validates; "no ORM" still rules
    one out."""
    lacking = engine.understand("our flask app doesn't support websockets, what should we move to?")
    assert "websockets" in lacking.needs and "websockets" not in lacking.negated
    contract = engine.answer("reject any request that doesn't match our openapi contract, no hand written validation")
    assert {"spec_first", "validation"} <= set(contract.question.needs)
    assert contract.recommendations[0].framework.id == "connexion"
    assert "orm" in engine.understand("we don't need an orm, just a small api").negated


def test_an_aside_on_a_framework_ruled_out_is_its_reason_not_a_wish(engine):
    """"NOT going to use: flask (no async)": Flask is out for lacking async, so async is wanted and no wish for
    sync code is read; said in the asker's own words, "no async please" still wants sync code."""
    aside = engine.answer("we are NOT going to use: django (too heavy), flask (no async), or fastapi (politics). "
                          "need openapi + validation.")
    assert "async" in aside.question.needs and "sync_handlers" not in aside.question.needs
    assert aside.recommendations[0].framework.id in {"litestar", "blacksheep", "sanic"}
    own = engine.understand("no async please (flask is fine), we need an api")
    assert "sync_handlers" in own.needs and "async" in own.negated


def test_editors_who_edit_pages_ask_for_a_cms(engine):
    answer = engine.answer("docs + blog + careers pages that marketing can edit. devs add django apps later")
    assert "cms" in answer.question.needs and answer.recommendations[0].framework.id == "wagtail"
    few = engine.answer("serve a handful of jinja pages + a couple of forms, sqlite. i'd rather not pull in 40 deps")
    assert "zero_dependencies" in few.question.needs and few.recommendations[0].framework.category != "full-stack"


def test_a_python_take_on_a_front_end_or_a_tool(engine):
    """"Anything like Next.js but for python?" asks for Reflex, "something like Retool but python" for the
    internal-tool UIs, each said to be the closest counterpart; a Python backend *for* a Next.js frontend is an
    API, not a UI toolkit."""
    nextjs = engine.answer("Is there anything like Next.js but for python?")
    assert nextjs.recommendations[0].framework.id == "reflex"
    assert "The closest Python counterpart of Next.js" in nextjs.recommendations[0].reasons
    retool = engine.answer('boss wants "something like Retool but python" for our internal ops tools')
    assert retool.recommendations[0].framework.category == "ui"
    backend = engine.answer("a python backend for our next.js frontend")
    assert backend.question.similar_to == () and backend.recommendations[0].framework.category != "ui"


def test_people_in_a_project_are_not_a_question_about_who_makes_a_framework(engine):
    magazine = engine.understand("django shop, new project is basically a magazine site with editors, authors")
    assert magazine.intent == "recommend" and "cms" in magazine.needs
    left = engine.understand("we're on pyramid. the guy who wrote it left. worth staying on it? if we move, where to")
    assert left.intent == "recommend"
    assert engine.understand("who maintains flask these days").intent == "info"


@pytest.mark.parametrize(("text", "intent"), [
    ("are your recommendations up to date?", "help"),
    ("Which ones generate OpenAPI docs automatically?", "list"),
    ("django migrations failing with InconsistentMigrationHistory after a rebase, help", "unknown"),
    ("voice-assistant demo for a conference booth: mic in, llm reply out. python only, we have 2 days", "recommend"),
    ("we have an old tornado svc w/ callbacks everywhere. whats a more modern async option if we rewrite?",
     "recommend"),
])
def test_tenth_blind_set_intents(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_the_lightest_option_for_a_personal_site_is_no_full_stack(engine):
    answer = engine.answer("I'm building a personal site, a few blog posts and a contact form. lightest option?")
    assert ("size", "tiny") in answer.question.traits
    assert answer.recommendations[0].framework.category != "full-stack"
    tornado = engine.answer("we have an old tornado svc w/ callbacks everywhere. whats a more modern async option?")
    assert "tornado" in tornado.question.excluded


def test_a_whole_app_in_python_only_asks_for_a_python_ui(engine):
    """A full web app "in pure python" that "ends up as a real react frontend" is what Reflex does; an API in
    Python, or a backend in pure Python, is no Python UI. A library kept is not noted as left out."""
    answer = engine.answer("a full web app (auth, db, pages) in pure python that ends up as a real react frontend")
    assert "python_ui" in answer.question.needs and answer.recommendations[0].framework.id == "reflex"
    assert "python_ui" not in engine.understand("the backend is pure python, no C extensions. need a REST API").needs
    kept = engine.answer("migrating off Pyramid, SQLAlchemy models everywhere. where would you go?")
    assert not any("SQLAlchemy" in note and "left it out" in note for note in kept.notes)


def test_a_move_to_python_from_another_language_leaves_no_framework(engine):
    """"Shiny apps in R all day; the team is moving to Python": Shiny is what they know, not what they leave;
    "they miss shiny's reactive model" liked it; "moving to python 3.12" is a version, not a move."""
    r_user = engine.understand("I build Shiny apps in R all day. Our team is moving to Python, what should I use?")
    assert "shiny" not in r_user.excluded
    missed = engine.understand("moving from R to python and they miss shiny's reactive model. any suggestion?")
    assert "shiny" not in missed.excluded and "shiny" in missed.similar_to
    assert "moves_to_python" not in engine.reader.reading("our flask app is moving to python 3.12").cues


def test_people_counted_by_role_are_the_team_and_a_saas_is_a_web_app(engine):
    """"3 backend, 1 designer" are people, not a backend to build; a customer-facing SaaS is a web app (Django,
    not an API add-on); "the team is django-only. stay or switch?" weighs a move from Django, which stays."""
    saas = engine.answer("small team (3 backend, 1 designer) building a customer-facing SaaS: accounts, i18n, admin")
    assert ("project", "api") not in saas.question.traits and ("project", "web_app") in saas.question.traits
    assert saas.recommendations[0].framework.id == "django"
    stay = engine.answer("we need SSE + websockets + ORM... and the team is django-only. stay or switch?")
    assert stay.question.within == ("django",) and stay.recommendations[0].framework.id == "django"


def test_a_vendor_is_a_company_and_vendoring_is_copying_the_framework_in(engine):
    assert "vendorable" not in engine.understand("the vendor asks whether we keep cherrypy or move").needs
    assert "vendorable" in engine.understand("we want to vendor the framework into our package").needs
