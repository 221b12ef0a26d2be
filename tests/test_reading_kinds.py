"""Kinds of question the corpus showed the reader getting wrong, each with the mechanism that reads it now:
asked as a user would ask it, checked by what the user would see first."""

from __future__ import annotations

import pytest

from bot.present import present
from bot.render_text import render_text


def first_line(engine, text: str, discussion: tuple[str, ...] = ()) -> str:
    answer = engine.answer(text, discussion)
    return render_text(present(answer, engine.kb)).strip().splitlines()[0]


# --- is it maintained, is it ready for production -------------------------------------------------------


@pytest.mark.parametrize(("text", "fw"), [
    ("Is falcon still under active development?", "falcon"),
    ("Is Bottle pending on some work like a major release? It'll be good to know about its current condition.",
     "bottle"),
    ("is Py-Shiny still in development? is there a public roadmap?", "shiny"),
])
def test_a_question_about_maintenance_answers_how_maintained_it_is(engine, text, fw):
    q = engine.understand(text)
    assert q.intent == "info" and q.frameworks == (fw,) and q.topic == "maintenance"
    assert f"{engine.kb.frameworks[fw].name} is " in first_line(engine, text)


def test_production_readiness_is_answered_with_age_maintenance_and_users(engine):
    line = first_line(engine, "Can NiceGUI be used in a production environment?")
    assert line.startswith("NiceGUI has been out since 2021 and is active")


def test_a_framework_with_known_users_names_them_when_asked_about_production(engine, kb):
    line = first_line(engine, "is django production ready?")
    assert kb.frameworks["django"].notable_users[0] in line


def test_a_production_grade_need_is_still_a_need(engine):
    assert engine.understand("we need a production-grade admin and auth").intent == "recommend"


@pytest.mark.parametrize("text", ["Is this project abandoned?", "Can it be used in a production environment?"])
def test_it_with_no_framework_named_asks_which_one(engine, text):
    q = engine.understand(text)
    assert q.intent == "info" and not q.frameworks
    assert first_line(engine, text).startswith("Which framework do you mean?")


def test_it_in_a_thread_is_the_framework_the_thread_named(engine):
    line = first_line(engine, "is it still maintained?", ("we are thinking about hug for the api",))
    assert line.lower().startswith("hug is unmaintained")


def test_the_status_of_something_else_named_is_not_ours(engine):
    assert engine.understand("what is the current status of hugo as an open source project?").intent == "unknown"


# --- a request for support is a question about what a framework supports ------------------------------------


@pytest.mark.parametrize(("text", "fw", "start"), [
    ("do you plan on supporting websockets in bottle?", "bottle", "No: Bottle has no WebSockets"),
    ("django ninja is great, but i would like to request to have websockets like in fastapi. please implement this!",
     "django-ninja", "Through an extension: Django Ninja gets WebSockets"),
])
def test_a_request_for_support_answers_whether_it_is_supported(engine, text, fw, start):
    q = engine.understand(text)
    assert q.intent == "info" and q.frameworks[0] == fw
    assert first_line(engine, text).startswith(start)


def test_plans_to_support_another_framework_are_not_a_pick(engine):
    q = engine.understand("Any plans to provide fastapi backend support instead of flask?")
    assert q.intent == "info" and q.frameworks == ("fastapi",)


def test_plans_to_move_off_a_framework_still_ask_where_to(engine):
    answer = engine.answer("Are there any plans to move off hug?")
    assert answer.question.intent == "recommend" and "hug" in answer.question.excluded
    assert "hug" not in [r.framework.id for r in answer.recommendations]


# --- one framework set against something: a comparison, "it" from the thread ----------------------------------


@pytest.mark.parametrize(("text", "fw"), [
    ("Is it faster than Flask configured with nginx over wsgi?", "flask"),
    ("Is Django easier than Mern?", "django"),
    ("lilya is almost 5x slower compared to blacksheep", "blacksheep"),
])
def test_one_framework_set_against_another_is_a_comparison(engine, text, fw):
    q = engine.understand(text)
    assert q.intent == "compare" and q.frameworks == (fw,)


@pytest.mark.parametrize("text", ["we need something faster than flask", "anything lighter than django?"])
def test_wanting_something_faster_than_a_framework_still_asks_for_a_pick(engine, text):
    assert engine.understand(text).intent == "recommend"


def test_it_set_against_a_framework_in_a_thread_compares_the_two(engine):
    answer = engine.answer("is it faster than flask?", ("we are looking at hug for our api",))
    assert answer.question.intent == "compare" and set(answer.question.frameworks) == {"hug", "flask"}
    assert answer.comparison is not None


def test_it_in_a_thread_is_the_framework_leaned_towards_last(engine):
    discussion = ("django is what we use today", "we are considering falcon for the new api")
    q = engine.answer("is it still maintained?", discussion).question
    assert q.intent == "info" and q.frameworks == ("falcon",)


# --- a Python framework I have no file on ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kin"), [
    ("alternatives to web2py?", "django"),
    ("Zope has lost all its momentum, and I was asked to select a new web application framework", "pyramid"),
])
def test_leaving_a_python_framework_i_have_no_file_on_ranks_its_closest_kin(engine, text, kin):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and kin in answer.question.similar_to
    assert kin in [r.framework.id for r in answer.recommendations[:3]]


@pytest.mark.parametrize("text", ["web2py vs zope", "Why prefer FastUI over HTMX?"])
def test_comparing_names_i_have_no_file_on_says_what_they_are(engine, text):
    assert engine.understand(text).intent == "unknown"


@pytest.mark.parametrize(("text", "known"), [("web2py vs django", "django"), ("tornado vs twisted", "tornado")])
def test_one_i_have_no_file_on_set_against_one_i_know_is_a_comparison_not_a_ranking(engine, text, known):
    """The user asked how the two differ: the card of the one I know and a line on the other, not a general
    ranking that happens to start with it."""
    answer = engine.answer(text)
    assert answer.question.intent == "compare" and answer.card.id == known and not answer.recommendations
    assert any("no file on it yet" in note for note in answer.notes)


def test_one_i_have_no_file_on_weighed_against_moving_is_advice(engine):
    assert engine.understand("web2py vs django, we've got an old web2py app, worth migrating?").intent == "recommend"


@pytest.mark.parametrize("text", ["we are moving off flask, what now?", "we're off to build an api"])
def test_off_is_not_a_one_off(engine, text):
    assert ("size", "tiny") not in engine.understand(text).traits


# --- asking for a pick, or why one was picked, in other words -------------------------------------------------


@pytest.mark.parametrize(("text", "intent"), [
    ("I keep getting asked this question: Which Python framework do you prefer and why?", "recommend"),
    ("If we do need a backend API, what technology should it use? Flask? Django?", "recommend"),
    ("I was asked to select a new web application framework for our intranet", "recommend"),
    # why one was chosen over another, asked mid-sentence: the two side by side
    ("I'm curious why the team picked Litestar rather than FastAPI", "compare"),
    ("Can you share the rationale behind the decision to change the backend from Flask to FastAPI?", "compare"),
    ("when should we use Falcon over Flask?", "compare"),
])
def test_other_ways_of_asking_for_a_pick_or_the_reasons_for_one(engine, text, intent):
    answer = engine.answer(text)
    assert answer.question.intent == intent
    assert answer.recommendations if intent == "recommend" else answer.comparison is not None


def test_a_markdown_link_pasted_from_github_reads_as_its_label(engine):
    q = engine.understand("[FastAPI's](https://github.com/tiangolo/fastapi) been trending and is a pleasure to use. "
                          "It generates an OpenAPI spec automatically.")
    assert q.frameworks == ("fastapi",) and q.intent == "recommend"


# --- a plan stated, not a question asked -------------------------------------------------------------------------


def test_a_framework_named_as_the_model_of_a_plan_is_in_the_running(engine):
    answer = engine.answer("we want to use a hardened, robust micro framework like Flask for our JSON API")
    assert answer.question.intent == "recommend" and "flask" not in answer.question.excluded
    assert answer.recommendations[0].framework.id == "flask"


def test_a_proposal_to_switch_is_advice_even_with_a_fact_word_in_it(engine):
    text = ("Since we want to build an API that is easily used by others, I would like to propose to switch to "
            "connexion as the web framework. Opinions very welcome")
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and answer.recommendations[0].framework.id == "connexion"


def test_a_fact_asked_next_to_a_plan_is_still_the_fact(engine):
    q = engine.understand("we want to use flask, is it still maintained?")
    assert q.intent == "info" and q.topic == "maintenance"


# --- a thread that settled -----------------------------------------------------------------------------------


def test_a_thread_that_moved_off_everything_but_one_framework_picks_that_one(engine):
    discussion = ("Just replace Flask in server.py.",
                  "We will refactor various components to allow a smooth migration to tornado from flask.")
    answer = engine.answer("so which should we go with?", discussion)
    assert answer.question.settled and answer.recommendations[0].framework.id == "tornado"
    assert first_line(engine, "so which should we go with?", discussion).startswith("My pick: Tornado")


def test_a_thread_that_keeps_what_it_uses_has_not_settled_on_the_proposal(engine):
    discussion = ("FastAPI is a nice tool to build API services with documentation.", "Ok, so let's keep Flask")
    answer = engine.answer("so which should we go with?", discussion)
    assert not answer.question.settled


def test_settled_survives_the_buttons(engine, kb):
    from bot.question import Question
    discussion = ("Just replace Flask in server.py.", "a smooth migration to tornado from flask")
    q = engine.answer("so which should we go with?", discussion).question
    assert Question.from_token(q.to_token(), kb) == q


@pytest.mark.parametrize(("discussion", "pick"), [
    (("I think using sanic instead of flask can make such server run faster",
      "I feel like Flask is more battle-tested, but that's something I could consider if speed become an issue. "
      "But project is designed with caching in mind. Closing the issue."),
     "flask"),
    (("Was Flask considered? For a project that isn't massive I think Flask is a better choice.",
      "Flask may have been a viable alternative. However, Django provides more out-the-box."), "django"),
])
def test_the_last_word_in_a_thread_speaks_well_of_the_pick(engine, discussion, pick):
    answer = engine.answer("so which should we go with?", discussion)
    assert answer.recommendations[0].framework.id == pick


def test_i_feel_like_is_an_opinion_not_a_model(engine):
    roles = engine.reader.reading("I feel like Flask is more battle-tested").roles["flask"]
    assert "model" not in roles and "praised" in roles


# --- another language, in a message of names and content words ------------------------------------------------


def test_a_message_with_no_english_function_word_is_read_as_its_language(engine):
    text = "Temos um novo projeto de desenvolver um portal em CMS. Propostas: Django CMS, Wagtail."
    assert engine.understand(text).intent == "unknown"
    assert first_line(engine, text).startswith("Desculpe, só entendo inglês.")


@pytest.mark.parametrize(("text", "reply"), [
    ("necesito hacer un dashboard en python, ¿streamlit o dash?", "Lo siento, solo entiendo inglés."),
    ("¿Django o Flask?", "Lo siento, solo entiendo inglés."),  # the mark alone tells
    ("meglio django o flask per un progetto nuovo?", "Mi dispiace, capisco solo l'inglese."),
])
def test_names_and_borrowed_terms_count_for_no_language(engine, text, reply):
    assert engine.understand(text).intent == "unknown"
    assert first_line(engine, text).startswith(reply)


@pytest.mark.parametrize("text", ["Django CMS or Wagtail for a news site?",
                                  "is django the de facto standard for a cms?",
                                  "django o flask", "fastapi vs django en prod?",
                                  "is it ok to use la django admin for a rest api"])
def test_english_with_names_stays_english(engine, text):
    assert engine.understand(text).intent != "unknown"


# --- a post about its own project, not a question about the framework it names ---------------------------------


def test_a_post_about_what_its_project_needs_is_advice(engine):
    answer = engine.answer("We needed auto-generated OpenAPI docs and request validation for the frontend; "
                           "wiring up DRF was too much ceremony.")
    assert answer.question.intent == "recommend"
    assert answer.recommendations[0].framework.id == "django-ninja"


@pytest.mark.parametrize("text", ["Django is currently only listed under synchronous frameworks but it can use both.",
                                  "flask has good docs and a huge ecosystem of extensions"])
def test_a_statement_about_the_framework_itself_is_about_it(engine, text):
    assert engine.understand(text).intent == "info"


def test_changing_the_framework_to_one_is_a_move(engine):
    assert engine.understand("any plans of changing the framework to one with Swagger UI?").intent == "recommend"


# --- choosing among the frameworks a message names --------------------------------------------------------


def test_a_move_leaves_the_framework_it_criticises_off_the_shortlist(engine):
    q = engine.understand("Flask seems overkill. I suggest we switch to something lighter like Bottle or Falcon.")
    assert q.intent == "recommend" and set(q.shortlist) == {"bottle", "falcon"}


def test_the_destination_of_a_move_is_weighed_before_the_one_praised(engine):
    text = ("While Streamlit is great to get things out quickly, it has limitations: cookie handling, navigation. "
            "Should we continue with Streamlit or move over to Flask?")
    assert engine.understand(text).shortlist[0] == "flask"


def test_replacing_something_with_a_framework_moves_to_it(engine):
    answer = engine.answer("Replace the GUI framework with flet: it builds the Linux and MacOS versions natively")
    assert "flet" not in answer.question.excluded and answer.recommendations[0].framework.id == "flet"


def test_liking_a_framework_better_is_a_preference_not_a_model(engine):
    roles = engine.reader.reading("we still like Django better").roles["django"]
    assert "praised" in roles and "model" not in roles


# --- a thread that dropped the move it discussed ------------------------------------------------------------


def test_a_move_the_thread_turned_down_leaves_the_framework_in_use(engine):
    discussion = ("Replace Flask with Sanic for the scheduler API", "Sanic is too heavy for this small service.")
    answer = engine.answer("so which should we go with?", discussion)
    assert "flask" in answer.question.within and "flask" not in answer.question.excluded
    first = answer.recommendations[0].framework
    assert "flask" in (first.id, first.extends)  # stay on Flask, or add to it


def test_the_framework_a_thread_has_run_for_years_stays_when_a_rewrite_is_out(engine):
    """Named in an earlier message only, the framework in use counts as named: it may stay, with an extension."""
    discussion = ("flask has been fine for 5 years", "but we now need websockets for live updates",
                  "rewriting is not an option")
    answer = engine.answer("@pyframework thoughts?", discussion)
    assert answer.question.within == ("flask",) and answer.recommendations[0].framework.id == "flask"
    assert any("Flask-SocketIO" in reason for reason in answer.recommendations[0].reasons)


def test_an_ordinary_word_name_in_a_thread_about_frameworks_is_the_framework(engine):
    """"tornado has served us well" alone could be the weather; in a thread the bot is asked about frameworks
    in, it is Tornado, in use, then criticised ("hiring tornado people is impossible"); what candidates know
    are the options, not what the team runs."""
    discussion = ("tornado has served us well", "but hiring tornado people is impossible",
                  "most candidates know fastapi or django")
    answer = engine.answer("should we migrate, and to what?", discussion)
    assert answer.question.excluded == ("tornado",) and not answer.question.within
    assert [r.framework.id for r in answer.recommendations] == ["fastapi", "django"]
    assert engine.understand("the tornado hit our town hard").frameworks == ()  # alone, with no software: weather


def test_rather_not_using_a_framework_again_rules_it_out(engine):
    discussion = ("we need to rebuild the partner portal", "must have SSO and an admin for support",
                  "I'd rather not use django again, it was painful")
    answer = engine.answer("so what should we use?", discussion)
    assert "django" in answer.question.excluded
    assert not {"django", "django-ninja", "djangorestframework", "wagtail"} & {
        r.framework.id for r in answer.recommendations}


def test_deciding_not_to_move_keeps_the_framework(engine):
    r = engine.reader.reading("we decided not to move, keeping the shop on Django")
    assert r.roles["django"] == {"in_use"} and r.has("not_moving")


def test_candidates_that_include_a_framework_ask_for_a_pick(engine):
    q = engine.understand("we must research technologies for the backend; first candidates include Node and FastAPI")
    assert q.intent == "recommend"


# --- code that is hard to maintain is not a project that is unmaintained ------------------------------------


@pytest.mark.parametrize("text", ["Our Flask codebase has become difficult to maintain as the team grew",
                                  "is django easy to maintain for a small team?"])
def test_maintainable_code_is_not_a_maintenance_question(engine, text):
    assert engine.understand(text).topic != "maintenance"


def test_code_grown_hard_to_maintain_asks_for_more_structure(engine):
    answer = engine.answer("Our Flask codebase has become difficult to maintain as the team grew")
    assert answer.question.intent == "recommend" and "flask" in answer.question.excluded
    assert answer.recommendations[0].framework.id == "django"


# --- two frameworks and how they relate --------------------------------------------------------------------


def test_whether_one_framework_replaces_another_compares_them(engine):
    answer = engine.answer("Is Tornado a replacement to Django or are they complementary to each other?")
    assert answer.question.intent == "compare" and answer.comparison is not None


def test_support_for_one_framework_in_another_is_about_the_second(engine):
    q = engine.understand("Are there any timelines to support Django 6 in Django Ninja?")
    assert q.intent == "info" and q.frameworks == ("django-ninja",) and q.topic == "relation:django@6"
    line = first_line(engine, q.text)
    assert line.startswith("Django Ninja is built on Django") and "can't confirm Django 6" in line


def test_a_how_to_about_one_of_the_frameworks_named_is_about_that_one(engine):
    text = ("We have an app in Quart and would like to migrate to falcon. "
            "Is there any example of how to use falcon with async?")
    q = engine.understand(text)
    assert q.intent == "info" and q.frameworks == ("falcon",)
    assert first_line(engine, text).startswith("Yes: Falcon")


def test_a_framework_described_as_synchronous_is_no_wish_for_sync_code(engine):
    answer = engine.answer("We push live updates over websockets, but Flask is synchronous and is not actively "
                           "updated. Switch to an ASGI framework?")
    q = answer.question
    assert "sync_handlers" not in q.needs and "flask" in q.excluded
    assert answer.recommendations[0].framework.interface != "wsgi"


# --- servers are not frameworks ---------------------------------------------------------------------------


def test_swapping_the_server_of_a_framework_is_about_how_it_is_served(engine):
    answer = engine.answer("Replace Gunicorn with Granian for our Flask app?")
    assert answer.question.intent == "info" and answer.question.topic == "interface"
    assert first_line(engine, answer.question.text).startswith("Flask runs as")
    assert any("Granian is" in note for note in answer.notes)


def test_two_servers_set_against_each_other_for_one_framework_ask_how_it_is_served(engine):
    answer = engine.answer("uvicorn vs hypercorn for running quart?")
    assert answer.question.intent == "info" and answer.question.topic == "interface"
    assert first_line(engine, answer.question.text).startswith("Quart runs as an ASGI app")
    assert engine.understand("flask vs quart on hypercorn").intent == "compare"  # the frameworks are compared


def test_a_pick_asked_next_to_server_names_is_still_a_pick(engine):
    assert engine.understand("we are moving from gunicorn to uvicorn, what framework should we use?").intent \
        == "recommend"


def test_a_ui_built_using_a_framework_is_the_framework_in_use(engine):
    answer = engine.answer("I enhanced our CLI app to add a web UI, using NiceGUI. I want to do the same for "
                           "another app I'm working on.")
    assert "nicegui" in answer.question.within and answer.recommendations[0].framework.id == "nicegui"


def test_whether_to_move_at_all_keeps_the_framework_in_use_in_the_choice(engine):
    answer = engine.answer("We're building a platform with a REST API, admin dashboard, and background jobs. "
                           "Team has experience with Django. Should we stick with Django or migrate to FastAPI?")
    q = answer.question
    assert "django" not in q.excluded and "django" in q.within and set(q.shortlist) == {"django", "fastapi"}
    assert answer.recommendations[0].framework.id == "django"


# --- kinds found by trying the bot as a new user (corpus/tryout.jsonl) -----------------------------------


@pytest.mark.parametrize("text", [
    "team of 30, long-lived enterprise app, stability matters more than shiny features",
    "we don't chase shiny new tech, we need something boring and stable",
])
def test_shiny_as_an_adjective_names_no_framework(engine, text):
    q = engine.understand(text)
    assert "shiny" not in q.frameworks and "shiny" not in q.excluded
    assert not first_line(engine, text).startswith("My pick: Shiny")


@pytest.mark.parametrize("text", [
    "which ones are BSD licensed", "which ones run on python 3.14?", "which frameworks run on python 3.14?",
    "which ones have an ORM",
])
def test_which_ones_with_no_framework_named_is_a_list(engine, text):
    assert engine.understand(text).intent == "list"
    assert first_line(engine, text).startswith("The Python web frameworks I know")


def test_which_one_singular_is_still_a_pick(engine):
    assert engine.understand("which one should we use for a REST API?").intent == "recommend"


@pytest.mark.parametrize(("text", "named"), [
    ("djnago or flask for a beginner team", {"django", "flask"}),
    ("flsak or djnago?", {"flask", "django"}),
    ("bottel, flsk or pyramd", {"bottle", "flask", "pyramid"}),
])
def test_misspelt_names_joined_by_or_are_the_frameworks(engine, text, named):
    q = engine.understand(text)
    assert set(q.frameworks) == named and q.intent in ("compare", "recommend")


def test_a_lookalike_word_next_to_or_is_still_a_word(engine):
    assert engine.understand("flash or panic, what a day").frameworks == ()


@pytest.mark.parametrize("text", ["hug seems dead, what replaces it?", "tornado is dead, what should replace it"])
def test_asking_what_replaces_a_dead_framework_is_a_pick_without_it(engine, text):
    q = engine.understand(text)
    assert q.intent == "recommend" and q.frameworks[0] in q.excluded
    name = engine.kb.frameworks[q.frameworks[0]].name
    assert first_line(engine, text).startswith(f"Instead of {name}: ")


def test_whether_it_is_dead_is_still_answered_with_its_maintenance(engine):
    q = engine.understand("is hug dead?")
    assert q.intent == "info" and q.topic == "maintenance"


@pytest.mark.parametrize("text", ["is there a framework with a rust runtime for speed?",
                                  "a python framework with a rust-based core"])
def test_a_python_framework_built_in_another_language_is_still_ours(engine, text):
    assert engine.understand(text).intent == "recommend"


def test_a_rust_runtime_for_speed_gets_robyn(engine):
    assert first_line(engine, "is there a framework with a rust runtime for speed?").startswith("My pick: Robyn")


def test_a_project_in_another_language_is_still_not_ours(engine):
    assert engine.understand("best rust web framework").intent == "unknown"


@pytest.mark.parametrize(("text", "start"), [
    ("what's easier to learn, flask or django", "Flask vs Django — Both suit beginners"),
    ("is flask easier to learn than django?", "Flask vs Django — Both suit beginners"),
    ("which is easier to learn, starlette or django", "Starlette vs Django — Of these, Django suits beginners"),
    ("tornado vs aiohttp, which is easiest to pick up", "Tornado vs aiohttp — Neither is aimed at beginners"),
])
def test_which_is_easier_to_learn_is_answered_on_that_criterion(engine, text, start):
    q = engine.understand(text)
    assert q.intent == "compare" and q.topic == "criterion:learning"
    assert first_line(engine, text).startswith(start)


def test_a_kind_named_inside_a_feature_phrase_is_the_feature(engine):
    text = "which frameworks have an admin ui built in"
    q = engine.understand(text)
    assert q.intent == "list" and q.category is None and q.needs == ("admin",)
    assert first_line(engine, text).startswith("The Python web frameworks I know with Admin interface")


@pytest.mark.parametrize(("text", "category"), [("list the python ui frameworks", "ui"),
                                                ("list async frameworks", "async")])
def test_a_kind_named_for_itself_still_filters_the_list(engine, text, category):
    assert engine.understand(text).category == category


@pytest.mark.parametrize(("text", "start"), [
    ("min python for django 6?", "Django 6.1.3 requires Python"),
    ("minimum python for fastapi", "FastAPI "),
    ("is dash free?", "Dash is licensed under"),
    ("is streamlit free for commercial use", "Streamlit is licensed under"),
])
def test_short_fact_questions_get_the_fact_first(engine, text, start):
    assert engine.understand(text).intent == "info"
    assert first_line(engine, text).startswith(start)


@pytest.mark.parametrize(("text", "start", "inside", "outside"), [
    ("which ones are BSD licensed", "The Python web frameworks I know under BSD licenses", "django", "fastapi"),
    ("list mit licensed frameworks", "The Python web frameworks I know under MIT licenses", "fastapi", "django"),
    ("which ones run on python 3.14?", "The Python web frameworks I know whose latest release allows Python 3.14",
     "django", "chainlit"),
    ("which frameworks are unmaintained?", "The Python web frameworks I know that are unmaintained", "hug", "flask"),
    ("which ones are still maintained?", "The Python web frameworks I know that are maintained", "flask", "hug"),
    ("which async frameworks are apache licensed", "Frameworks with native async support under Apache licenses",
     "tornado", "sanic"),
])
def test_a_list_asked_by_a_fact_lists_only_the_frameworks_with_it(engine, text, start, inside, outside):
    answer = engine.answer(text)
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert answer.question.intent == "list" and inside in listed and outside not in listed
    assert first_line(engine, text).startswith(start)


def test_a_kind_and_a_feature_of_the_same_words_keep_the_kind(engine):
    assert engine.understand("which data app frameworks are still maintained").category == "data-app"


@pytest.mark.parametrize(("text", "start"), [
    ("is hug compatible with python 3.12", "Yes, by its metadata: hug 2.6.1 requires Python >=3.5"),
    ("does flask support python 3.13", "Yes, by its metadata: Flask"),
    ("does chainlit run on python 3.14?", "No: Chainlit"),
])
def test_a_python_version_asked_is_answered_yes_or_no(engine, text, start):
    q = engine.understand(text)
    assert q.intent == "info" and q.topic.startswith("python:3.")
    assert first_line(engine, text).startswith(start)


def test_an_unmaintained_framework_allowed_by_old_metadata_says_so(engine):
    assert "unmaintained" in first_line(engine, "is hug compatible with python 3.12")


@pytest.mark.parametrize(("text", "start"), [
    ("is fastapi owned by a company?", "FastAPI is backed by"),
    ("which company is behind gradio", "Gradio is backed by Hugging Face"),
    ("is bottle maintained by a single person?", "Bottle is backed by Marcel Hellkamp"),
])
def test_asking_whether_a_company_backs_it_answers_who_does(engine, text, start):
    assert first_line(engine, text).startswith(start)


@pytest.mark.parametrize(("text", "start"), [
    ("which is older, flask or bottle", "Flask vs Bottle — Bottle is older: first releases Bottle 2009, Flask 2010"),
    ("is django older than flask?", "Django vs Flask — Django is older"),
    ("which came out first, sanic, tornado or aiohttp?", "Sanic vs Tornado vs aiohttp — Tornado is the oldest"),
])
def test_which_is_older_is_answered_from_first_releases(engine, text, start):
    assert engine.understand(text).topic == "criterion:age"
    assert first_line(engine, text).startswith(start)


@pytest.mark.parametrize(("text", "start"), [
    ("is there something like django admin for fastapi?", "Through an extension: FastAPI gets admin interface"),
    ("anything like flask-login for quart?", "Through an extension: Quart gets authentication"),
])
def test_a_feature_modelled_on_one_framework_for_another_is_about_the_other(engine, text, start):
    assert first_line(engine, text).startswith(start)


def test_which_has_better_docs_says_there_is_no_measure_and_links_them(engine, kb):
    line = first_line(engine, "which has better docs, fastapi or litestar?")
    assert line.startswith("FastAPI vs Litestar — I have no measure of documentation quality")
    assert kb.frameworks["fastapi"].docs in line and kb.frameworks["litestar"].docs in line


def test_a_name_next_to_a_programming_language_is_the_framework(engine):
    q = engine.understand("is robyn written in rust")
    assert q.intent == "info" and q.frameworks == ("robyn",)
    assert "written in Rust" in first_line(engine, "is robyn written in rust")
    assert engine.understand("my car has rust").intent == "unknown"


@pytest.mark.parametrize(("text", "fw"), [("is reflex the same thing as pynecone", "reflex"),
                                          ("is pynecone dead?", "reflex"), ("tornadoweb docs?", "tornado")])
def test_a_coined_alias_of_an_ordinary_word_name_is_the_framework(engine, text, fw):
    assert engine.understand(text).frameworks == (fw,)


def test_an_ordinary_word_alias_still_needs_a_software_context(engine):
    assert engine.understand("falconry club meets on friday").frameworks == ()


@pytest.mark.parametrize("text", ["djagno rest framwork or fastapi", "djagno rest framework vs fastapi"])
def test_a_long_name_misspelt_in_its_first_word_and_after_is_one_name(engine, text):
    assert set(engine.understand(text).frameworks) == {"djangorestframework", "fastapi"}


@pytest.mark.parametrize(("text", "start"), [
    ("is gradio made by hugging face", "Gradio is backed by Hugging Face"),
    ("who's behind streamlit", "Streamlit is backed by Snowflake"),
    ("which python does wagtail require", "Wagtail 8.0.1 requires Python"),
])
def test_who_makes_it_and_which_python_it_needs_in_other_words(engine, text, start):
    assert first_line(engine, text).startswith(start)


@pytest.mark.parametrize(("text", "base", "member"), [
    ("which frameworks are built on starlette?", "starlette", "fastapi"),
    ("what frameworks use fastapi under the hood", "fastapi", "nicegui"),
])
def test_which_frameworks_are_built_on_one_lists_them(engine, text, base, member):
    answer = engine.answer(text)
    listed = {fw.id for _, fws in answer.listing for fw in fws}
    assert answer.question.intent == "list" and member in listed and base not in listed
    assert first_line(engine, text).startswith(f"Frameworks built on {engine.kb.frameworks[base].name}")


def test_whether_one_is_built_on_another_is_still_a_relation(engine):
    assert first_line(engine, "is dash built on flask?").startswith("Yes: Dash is built on Flask")


@pytest.mark.parametrize(("text", "title"), [
    ("what UI frameworks are there for python", "Python UIs (5)"),
    ("show me the data app frameworks", "Data apps and dashboards (4)"),
    ("which async frameworks are there?", "Frameworks with native async support (20)"),
])
def test_a_list_of_a_kind_is_titled_in_words_without_needs_that_filter_nothing(engine, text, title):
    assert first_line(engine, text) == title


@pytest.mark.parametrize(("text", "fw"), [("what's tornado?", "tornado"), (":wave: what's shiny?", "shiny"),
                                          ("what's panel", "panel")])
def test_whats_and_an_ordinary_word_name_asks_what_it_is(engine, text, fw):
    assert engine.understand(text).intent == "info" and engine.understand(text).frameworks == (fw,)


@pytest.mark.parametrize("text", ["what's a tornado?", "what's the weather"])
def test_whats_and_an_ordinary_word_is_still_ordinary(engine, text):
    assert engine.understand(text).intent == "unknown"


@pytest.mark.parametrize(("text", "start"), [
    ("which version of fastapi is latest", "The latest FastAPI release is"),
    ("is there a new release of litestar", "The latest Litestar release is"),
    ("django 6 release date", "The latest Django release is"),
])
def test_the_latest_release_asked_in_other_words(engine, text, start):
    assert first_line(engine, text).startswith(start)


@pytest.mark.parametrize(("text", "fw"), [
    ("tell me about <https://github.com/tiangolo/fastapi|this>", "fastapi"),
    ("<https://github.com/vitalik/django-ninja>?", "django-ninja"),
])
def test_a_link_to_a_repository_names_the_framework(engine, text, fw):
    assert engine.understand(text).frameworks == (fw,)


def test_a_link_labelled_with_the_name_names_it_once(engine):
    from bot.slacktext import clean

    assert clean("<https://github.com/pallets/flask|Flask> vs bottle") == "Flask vs bottle"


@pytest.mark.parametrize(("text", "fw", "topic", "lead"), [
    ("my flask app returns 500 on every POST, how do i fix it", "flask", "debugging", "That sounds like a bug to fix"),
    ("django admin throws CSRF error", "django", "debugging", "That sounds like a bug to fix"),
    # how to do a thing with the one framework named, no feature asked of it and no move weighed
    ("how do I make my streamlit app faster", "streamlit", "how_to",
     "That sounds like a question of how to do something with Streamlit"),
    ("what's the recommended way to do pagination in DRF", "djangorestframework", "how_to",
     "That sounds like a question of how to do something with Django REST framework"),
])
def test_a_bug_to_fix_or_a_how_to_is_for_the_frameworks_documentation(engine, kb, text, fw, topic, lead):
    q = engine.understand(text)
    assert q.intent == "unknown" and q.topic == topic
    line = first_line(engine, text)
    assert line.startswith(lead) and kb.frameworks[fw].docs in line


@pytest.mark.parametrize(("text", "intent"), [
    ("how do I add websockets in flask?", "info"),  # a feature asked of it: what it offers
    ("how do we make our flask app faster, or should we move to fastapi?", "recommend"),  # a move weighed
    ("what's the best way to build a REST API in python?", "recommend"),  # no framework: a pick
    ("which python web framework handles graceful shutdown best?", "recommend"),
])
def test_how_to_with_a_feature_a_move_or_no_framework_is_still_ours(engine, text, intent):
    assert engine.understand(text).intent == intent


def test_asking_which_framework_handles_errors_best_is_no_bug_report(engine):
    assert engine.understand("which framework has the best error handling?").topic != "debugging"


# --- kinds found in the blind set (corpus/tryout2-dev.jsonl) ------------------------------------------------

@pytest.mark.parametrize("text", ["what's the pyramid web framework like", "what's tornadoo? &lt;3"])
def test_whats_is_what_is(engine, text):
    """ "'s" after a question word is "is": "what's X like" asks about X, not for something like X."""
    q = engine.understand(text)
    assert q.intent == "info" and len(q.frameworks) == 1


def test_a_possessive_s_is_still_dropped():
    from bot.reading.tokens import tokenize

    assert tokenize("what's Flask's admin like").words == ("what", "is", "flask", "admin", "like")


def test_a_size_written_onto_its_unit_is_the_number_and_the_unit():
    from bot.reading.tokens import tokenize

    tokens = tokenize("512MB ram, 1.5gb, arm64")
    assert tokens.words == ("512", "mb", "ram", ",", "1.5", "gb", ",", "arm64")
    assert [tokens.text[s:s + 2] for s in tokens.starts[:2]] == ["51", "MB"], "each piece where it is written"


@pytest.mark.parametrize("text", ["what's a good python library for parsing pdfs",
                                  "best library for sending emails in python"])
def test_a_library_for_something_else_is_not_a_framework_question(engine, text):
    assert engine.understand(text).intent == "unknown"


@pytest.mark.parametrize("text", ["a library for developing web APIs", "python library for building websites"])
def test_a_library_for_the_web_is_still_a_framework_question(engine, text):
    assert engine.understand(text).intent == "recommend"


def test_a_library_named_beside_a_framework_is_no_rival(engine):
    """ "does flask include an orm or do i need sqlalchemy": about Flask's ORM, not Flask against SQLAlchemy."""
    q = engine.understand("does flask include an orm or do i need sqlalchemy")
    assert (q.intent, q.frameworks, q.needs) == ("info", ("flask",), ("orm",))


def test_a_demo_of_a_model_asked_the_other_way_round(engine):
    """ "expose a model ... as a web demo": the code comes first and the UI after; still a UI for code."""
    q = engine.understand("expose a model with a few knobs as a web demo, ideally hosted on hugging face spaces")
    assert q.intent == "recommend" and "python_ui" in q.needs
    answer = engine.answer("expose a model with a few knobs as a web demo, ideally hosted on hugging face spaces")
    assert answer.recommendations[0].framework.id == "gradio"


def test_callbacks_in_general_are_not_dashboards(engine):
    q = engine.understand("we want to move off tornado, the callback-era code is painful. modern async replacement?")
    assert "dashboards" not in q.needs and q.excluded == ("tornado",)


@pytest.mark.parametrize("text", ["marketing wants a blog section with an editor UI",
                                  "server-rendered multi page site, small content team editing pages"])
def test_editors_of_content_need_content_management(engine, text):
    assert "cms" in engine.understand(text).needs


def test_a_short_proper_name_in_a_description_is_a_hint_shown_as_written(engine):
    answer = engine.answer("rust-speed python web framework?")
    assert answer.recommendations[0].framework.id == "robyn"
    assert any("“Rust”" in reason for reason in answer.recommendations[0].reasons)
    assert "teams" not in engine.kb.distinctive_terms and "home" not in engine.kb.distinctive_terms


@pytest.mark.parametrize("text", ["lightweight web framework for a small service, without an ORM, we write raw sql",
                                  "no ORM, just raw SQL", "ORM-free, we write raw SQL, need a small JSON API"])
def test_raw_sql_rules_out_an_orm(engine, text):
    """ "sql" alone is a database need; "raw SQL" is the wish to have no ORM (features.yaml `ruled_out_by`)."""
    q = engine.understand(text)
    assert "orm" in q.negated and "orm" not in q.needs
    assert engine.answer(text).recommendations[0].framework.id not in ("django", "wagtail", "django-ninja")


@pytest.mark.parametrize(("text", "fw"), [
    ("django migrations failing with 'relation already exists', help", "django"),
    ("fastapi keeps giving 422 Unprocessable Entity when I POST json", "fastapi"),
])
def test_an_error_symptom_is_a_bug_to_fix(engine, text, fw):
    q = engine.understand(text)
    assert (q.intent, q.topic, q.frameworks) == ("unknown", "debugging", (fw,))


def test_a_crash_that_prompts_a_move_is_still_a_choice(engine):
    text = "our flask app keeps crashing under load, should we move to fastapi?"
    assert engine.understand(text).intent == "recommend"


def test_the_rest_of_the_company_runs_on_it(engine):
    q = engine.understand("django-ninja vs fastapi when the rest of the company runs on django")
    assert q.within == ("django",) and q.frameworks == ("django-ninja", "fastapi")


@pytest.mark.parametrize(("text", "fw"), [("<@U0PYFW> quick rundown on Falcon?", "falcon"),
                                          ("overview of litestar", "litestar")])
def test_a_rundown_of_one_framework_is_its_card(engine, text, fw):
    q = engine.understand(text)
    assert (q.intent, q.frameworks) == ("info", (fw,))


# --- a name whose last word starts a phrase of the vocabulary ---------------------------------------------------


@pytest.mark.parametrize(("text", "names"), [
    ("Django REST or FastAPI for a new API?", ("djangorestframework", "fastapi")),
    ("django rest vs ninja", ("djangorestframework", "django-ninja")),
    ("Django Rest Framwork or ninja", ("djangorestframework", "django-ninja")),
    ("we run a Django REST API and need websockets now", ("django",)),  # Django, and a REST API
    ("djagno rest api with auth", ("django",)),
    ("hug vs tornado vs django's best option?", ("hug", "tornado", "django")),  # a word, not a slip of "rest"
])
def test_a_phrase_that_runs_past_a_name_keeps_its_words(engine, text, names):
    assert engine.understand(text).frameworks == names


@pytest.mark.parametrize(("text", "need"), [
    ("we need to stream LLM tokens to the browser", "sse"),
    ("backend that streams the response token by token from openai", "sse"),
])
def test_streaming_a_models_tokens_is_server_sent_events(engine, text, need):
    question = engine.understand(text)
    assert question.intent == "recommend" and need in question.needs


@pytest.mark.parametrize("text", ["what's the fastest way to get something on screen?",
                                  "need something clickable by friday for the sales team"])
def test_something_on_screen_soon_is_a_python_ui(engine, text):
    question = engine.understand(text)
    assert question.intent == "recommend" and ("project", "ui_app") in question.traits


@pytest.mark.parametrize("text", [
    "building an LLM agent playground for the team: chat, streaming, show tool calls",
    "a chat UI for our RAG bot with streaming answers",
])
def test_a_python_ui_that_streams_is_not_a_realtime_service(engine, text):
    """Chainlit and NiceGUI keep their own connection open; "streaming" in a chat UI does not ask for a
    real-time service, which would rank a general UI toolkit above the chat one."""
    question = engine.understand(text)
    assert ("project", "ui_app") in question.traits and ("project", "realtime") not in question.traits
    assert engine.answer(text).recommendations[0].framework.id == "chainlit"


@pytest.mark.parametrize("text", [
    "i want to build a full-stack web app in pure python, no JS at all. reactive state, components",
    "want a full web app, frontend and backend, without touching JS",
])
def test_a_web_app_in_pure_python_is_what_reflex_is_for(engine, text):
    """A web app written only in Python is Reflex's (or Flet's, FastHTML's) first purpose, not Gradio's, whose
    wide use had decided the tie when the Python UI dropped the web app."""
    assert engine.answer(text).recommendations[0].framework.id in ("reflex", "flet", "python-fasthtml")


@pytest.mark.parametrize("text", ["we want something like express.js but in python. minimal, async",
                                  "something like Express but for python? minimal, middleware-y, async"])
def test_a_model_named_by_two_twins_counts_once(engine, text):
    """"Like Express" stands for Flask and Bottle: with needs, likeness to them is one tie-break, not two that
    outweigh the async asked for (Flask's async views still hold a worker)."""
    assert engine.answer(text).recommendations[0].framework.id != "flask"


@pytest.mark.parametrize(("text", "left"), [
    ("our analysts built 25 streamlit apps and they're popular. security wants proper auth now. "
     "we have 2 engineers who could help. rebuild them in what?", "streamlit"),
    ("inherited a legacy pyramid app, nobody here understands traversal. it serves pages and a REST api. "
     "we'd like to rewrite it incrementally. what's the rewrite target?", "pyramid"),
])
def test_a_move_asked_at_the_end_leaves_what_is_in_use(engine, text, left):
    """The message's own question is the move, so the framework in use sentences earlier is the one left."""
    answer = engine.answer(text)
    assert left in answer.question.excluded
    assert left not in [r.framework.id for r in answer.recommendations[:3]]


@pytest.mark.parametrize("text", ["our flask app works fine. we want to add websockets. how?",
                                  "our django app works well. we also run some scripts. can we add a chat page to it?"])
def test_a_question_that_is_not_a_move_keeps_what_is_in_use(engine, text):
    assert not engine.answer(text).question.excluded


@pytest.mark.parametrize(("text", "not_read"), [
    ("a websocket backend with redis pubsub between the nodes", "caching"),  # messaging, not a cache
    ("jobs go through a redis queue", "caching"),
    ("we need a websocket backend that scales horizontally", ("priority", "growth")),  # more servers, not code
])
def test_infrastructure_words_are_not_needs(engine, text, not_read):
    question = engine.understand(text)
    assert not_read not in question.needs and not_read not in question.traits


# --- kinds found in the second blind set (corpus/tryout3-dev.jsonl) ---------------------------------------------


@pytest.mark.parametrize(("text", "intent"), [
    ("what frameworks do u know about", "list"),  # chat shorthand
    ("which fws are maintained", "list"),
    ("/pyframework list", "list"),  # the slash command typed where Slack did not run it
    ("/pyframework help", "help"),
    ("give me the full catalog, sorted by popularity", "list"),
    ("how do you decide what to recommend?", "help"),
])
def test_shorthand_typed_commands_and_questions_about_the_bot(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize("text", ["does bottle work on py3.13", "is bottle ok on python3.13"])
def test_a_version_joined_to_the_language_is_that_version(engine, text):
    question = engine.understand(text)
    assert question.frameworks == ("bottle",) and question.topic == "python:3.13"


def test_r_shiny_is_not_shiny_for_python(engine):
    question = engine.understand("our data scientists live in R Shiny, what's the python equivalent")
    assert question.frameworks == () and question.others == ("r-shiny",)


def test_a_description_ending_in_framework_asks_for_one(engine):
    answer = engine.answer("rust-powered python web framework?")
    assert answer.question.intent == "recommend" and answer.recommendations[0].framework.id == "robyn"


def test_a_feature_phrase_says_nothing_of_the_teams_experience(engine):
    question = engine.understand("want a UI that shows the intermediate steps of our agent, chat style")
    assert not any(trait == "experience" for trait, _ in question.traits)
    assert ("project", "realtime") not in question.traits  # a chat-style UI is not a chat service


def test_a_server_swap_names_no_framework_to_pick(engine):
    text = "Migrate from hypercorn app server to granian - a rust based web server with 4-18x the performance"
    assert engine.understand(text).intent == "unknown"


def test_what_the_team_knows_is_kept_close_not_kept(engine):
    """Knowing Flask is no Flask codebase: a new service that needs async and websockets goes to its async twin;
    a big Flask codebase that wants async may stay."""
    new = engine.answer("team knows flask well. new service needs async + websockets. minimal retraining pls")
    assert new.recommendations[0].framework.id == "quart" and new.question.within == ()
    running = engine.answer("we have a big flask codebase and want async without rewriting everything")
    assert running.question.within == ("flask",)


@pytest.mark.parametrize(("text", "first", "not_first"), [
    ("i want something between bottle and django in size", "flask", ("bottle", "django")),  # bounds, not answers
    ("ok so we've ruled out django, flask and fastapi for political reasons, what's left for a REST api?", None,
     ("django", "flask", "fastapi")),
    ("a friend said 'just use django' for my REST api. i find it huge. anything lighter that still has validation?",
     None, ("django",)),
    ("looking at *Sanic* or something like it — fast async + built-in production server", "sanic", ()),
    ("we want to replace our jupyter+voila dashboards with something more robust, keep widgets", None,
     ("django", "flask", "fastapi")),
    ("we want to prototype a geospatial data explorer, maps + filters, for internal analysts", "streamlit", ()),
])
def test_bounds_exclusions_and_what_a_data_app_is(engine, text, first, not_first):
    answer = engine.answer(text)
    picks = [r.framework.id for r in answer.recommendations[:3]]
    assert answer.question.intent == "recommend" and picks
    assert first is None or picks[0] == first
    assert not set(not_first) & set(picks)


def test_a_sync_wish_drops_the_async_it_names(engine):
    question = engine.understand("anything that is NOT async please, we got burned by asyncio bugs last year")
    assert "async" not in question.needs and "sync_handlers" in question.emphasized


@pytest.mark.parametrize(("text", "intent"), [
    ("any good streaming services for anime?", "unknown"),  # everyday life, no software
    ("gunicorn + sync workers, ~10 endpoints, need request validation and openapi", "recommend"),
    ("best thing for a quick form -> email contact page, hosted on a shared host", "recommend"),
    ("LLM playground for our prompt engineers: models side by side, sliders for temperature", "recommend"),
    ("tornado or twisted?", "recommend"),  # Twisted is a Python framework without a file here
])
def test_everyday_words_servers_with_needs_and_small_web_things(engine, text, intent):
    assert engine.understand(text).intent == intent


# --- kinds found in the third blind set (corpus/tryout4-dev.jsonl) ----------------------------------------------


@pytest.mark.parametrize(("text", "intent"), [
    ("Which CMSes do you know?", "list"),
    ("pydantic v2 migration broke our validators, any tips?", "unknown"),  # a bug to fix
    ("ML model serving: single endpoint, pydantic in/out, gets called from a java service", "recommend"),
])
def test_third_blind_set_intents(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize(("text", "first", "not_top3"), [
    ("we want a Flask-like API but FastAPI-level perf, and we do NOT want pydantic baked in", None,
     ("fastapi", "django-ninja")),
    ("wagtail vs plain django for a marketing site + blog", "wagtail", ()),
    ("gunicorn + nginx shop, no appetite for uvicorn/ASGI. simple internal API", None,
     ("starlette", "fastapi", "litestar", "sanic", "quart", "blacksheep", "robyn", "aiohttp")),
    ("CPU-bound image processing behind an API, we'll run it under gunicorn with sync workers. async buys us nothing",
     None, ("starlette", "litestar", "sanic", "quart", "blacksheep", "robyn", "aiohttp")),
    ("Teaching an intro web dev module to undergrads (python basics only). I want minimal magic so they see "
     "request/response clearly.", None, ("reflex", "wagtail", "connexion", "django")),
])
def test_third_blind_set_picks(engine, text, first, not_top3):
    picks = [r.framework.id for r in engine.answer(text).recommendations[:3]]
    assert first is None or picks[0] == first
    assert picks and not set(not_top3) & set(picks)


def test_an_idiom_in_a_wish_for_python_web_things_is_still_a_wish(engine):
    question = engine.understand("company hackweek, want to learn something new &amp; shiny in python web land")
    assert question.intent == "recommend" and question.frameworks == ()  # "&" is "and": "new and shiny" is no Shiny
    assert engine.understand("I need a hug after that deploy").intent == "unknown"


def test_perf_is_performance(engine):
    question = engine.understand("a small api with solid perf")
    assert ("priority", "performance") in question.traits


@pytest.mark.parametrize(("text", "first", "said"), [
    ("our data scientists live in R Shiny, what's the python equivalent", "shiny", "R Shiny"),
    ("Python equivalent of Rails for a big team, with an admin", "django", "Rails"),
])
def test_the_python_counterpart_says_so_first(engine, text, first, said):
    line = first_line(engine, text)
    assert line == f"My pick: {engine.kb.frameworks[first].name} — The closest Python counterpart of {said}."


def test_a_page_that_fans_out_wants_async(engine):
    assert "async" in engine.understand("flask vs quart for a service that fans out to 5 microservices").needs


def test_english_words_other_languages_share_count_for_english(engine):
    assert engine.understand("server-rendered app with htmx, as little js as possible").intent == "recommend"


def test_an_add_on_that_brings_a_full_stack_wins_no_tie_for_a_lean_api(engine):
    picks = [r.framework.id for r in engine.answer("what should we use for a small JSON API?").recommendations[:3]]
    assert not {"djangorestframework", "django-ninja", "django"} & set(picks)


@pytest.mark.parametrize(("text", "first"), [
    ("our data scientists live in R Shiny, what's the python equivalent", "shiny"),  # R's Shiny names no Python one
    ("what's the python equivalent of express with websockets and async", "quart"),  # needs: likeness only weighs in
    ("company website + blog that marketing edits themselves. drafts, scheduled publishing", "wagtail"),
    ("websocket fanout server, ~50k concurrent clients, no html", "tornado"),  # no pages, not a UI in Python
    ("big flask app w/ flask-sqlalchemy + marshmallow, want auto-generated openapi docs w/o a rewrite", "apiflask"),
    ("our flask app works fine. should we move to fastapi?", "flask"),  # a move weighed, not made: stay by default
    ("RAG prototype over our docs with file upload, for internal users", "chainlit"),
    ("we'd like to try something built on rust for our REST API", "robyn"),  # the term: more specific than the kind
    ("htmx for the interactivity, and we'd write html in python instead of using a template engine",
     "python-fasthtml"),  # HTML as Python functions rules a template engine out
    ("we need an admin over our existing mysql tables. is django the sensible choice, or is there something lighter?",
     "django"),  # put forward as the option to weigh, not ruled out by asking for something lighter
    ("we have lots of plotly charts and want an interactive app with a few dropdowns", "dash"),  # a data app is
    # an interactive Python UI too, and Dash is Plotly's
    ("a large flask codebase that now wants async endpoints, without a rewrite. ideas?", "quart"),  # APIFlask is
    # Flask's async as it is: an add-on brings nothing to what its base decides
    ("internal CRUD admin over an existing postgres schema (~40 tables). want the admin UI for free", "django"),
    ("box has no internet, no pypi mirror. ideally one .py file I can scp over", "bottle"),
    ("sync is fine, we're all-in on gunicorn + sqlalchemy. just want a solid minimal web layer", "flask"),
    ("want a UI that shows the intermediate steps/tool calls of our langchain agent, chat style", "chainlit"),
    ("ML model demo with image upload and a shareable link for the client", "gradio"),
    ("ML folks want to show a text classifier to the PMs by friday. no frontend people on the team. fastest path?",
     "gradio"),
    ("StorePredict needs a web UI for file upload, data review, and PDF download. The team is Python-focused",
     "nicegui"),  # a UI in Python that is no model's demo
    ("server-side rendered pages + a bit of API, jinja templates, small team, no admin needed", "flask"),
    ("an LLM playground for internal users: pick a model, tweak temperature", "gradio"),
    ("we have a pandas-heavy reporting script. boss wants it as a web page with filters by tmrw morning", "streamlit"),
    ("need to serve a PyTorch model + a simple page where ppl upload an image and see the prediction", "gradio"),
    ("quick internal UI for our chatbot so QA can poke at it, don't want to write any html", "chainlit"),
    ("Which framework for an API where the contract is owned by another team (they hand us swagger.yaml)?",
     "connexion"),
])
def test_the_first_pick_for_kinds_found_in_the_blind_sets(engine, text, first):
    assert engine.answer(text).recommendations[0].framework.id == first


def test_a_library_a_framework_is_built_on_counts_more_than_a_word_of_its_description(engine):
    from bot.advice import weights as w
    from bot.advice.scoring import term_points

    question = engine.understand("interactive apps with widgets, reusing the bokeh plots we already have")
    panel = engine.kb.frameworks["panel"]
    assert "bokeh" in question.terms and question.has_needs
    assert term_points(panel, question, ["bokeh"]) == w.BUILT_ON_TERM_BONUS > w.TERM_BONUS
    assert term_points(panel, question, ["pyodide"]) == w.TERM_BONUS  # a word of its description, not a base
    assert term_points(panel, question, ["holoviz"]) == w.BUILT_ON_TERM_BONUS  # the organisation that makes it


def test_does_it_scale_gets_facts_not_the_card(engine):
    django = first_line(engine, "Does Django Scale?")
    assert django.startswith("Django has been out since") and "Instagram" in django and "deployed" in django
    streamlit = first_line(engine, "How well does Streamlit scale?")
    assert "many concurrent users" in streamlit  # its own card's caveat about load
    assert engine.understand("does django or flask scale better?").intent == "compare"
    assert engine.understand("we need something that scales").intent == "recommend"


def test_using_one_framework_with_another_gets_no_yes_or_no_of_dependency(engine):
    combined = engine.answer("can I use django orm with fastapi")
    assert combined.direct.startswith("Neither Django nor FastAPI is built on the other")
    assert combined.direct.endswith("Built on Django and closest to FastAPI here: Django Ninja.")
    assert engine.answer("does flask depend on quart?").direct == \
        "No: Flask does not depend on Quart; it is the other way round: Quart is built on Flask."
    assert engine.answer("is django built on flask?").direct.startswith("No: neither Django nor Flask")


def test_a_hosting_constraint_asks_for_a_pick_and_our_own_x_is_no_need(engine):
    assert engine.understand("hosting is cpanel with passenger, WSGI only").intent == "recommend"
    question = engine.understand("want a bare ASGI toolkit, zero opinions, we bring our own validation")
    assert "validation" not in question.needs


def test_a_middle_ground_answer_names_its_bounds(engine):
    assert first_line(engine, "i want something between bottle and django in size").startswith(
        "Between Bottle and Django: Flask")
    assert first_line(engine, "basically an async Flask, please").startswith("Instead of Flask:")


@pytest.mark.parametrize(("text", "intent", "topic"), [
    ("our Starlite 1.x service needs an upgrade, what do most teams use now?", "recommend", None),
    ("what are folks using for async APIs these days?", "recommend", None),
    ("gunicorn vs uvicorn workers, which one should we run?", "unknown", None),  # servers, not frameworks
    ("django keeps throwing IntegrityError on save, any idea?", "unknown", "debugging"),
    ("falcon 9 lifts off tonight, who's watching?", "unknown", None),
])
def test_fifth_blind_set_intents(engine, text, intent, topic):
    """What people use is a pick; two servers set against each other are a server choice; an exception named
    as Python spells it is a bug report; the rocket is no framework."""
    question = engine.understand(text)
    assert (question.intent, question.topic) == (intent, topic)


def test_an_exception_name_is_its_words():
    from bot.reading.tokens import tokenize

    assert tokenize("it throws RuntimeError: no app").words[2:4] == ("runtime", "error")
    assert tokenize("an HTTPException handler").words[1:3] == ("http", "exception")
    assert tokenize("terror and Error").words == ("terror", "and", "error")


@pytest.mark.parametrize(("text", "first"), [
    ("we need a typed api like fastapi, with no asyncio anywhere", None),  # ruling out async asks for sync
    ("we built the whole product in Dash and the callbacks got messy, what are our options", None),
    ("a REST API on top of Flask with generated openapi docs, what do people use?", "apiflask"),
    ("litestar or sanic for a websocket backend? we want to reuse most of our flask code", "sanic"),
    ("something Flask-ish but async, keeping our extensions", "quart"),  # a variant of Flask, not Flask
    ("everything here is already Django; the new service is a typed API with OpenAPI docs", "django-ninja"),
])
def test_fifth_blind_set_picks(engine, text, first):
    answer = engine.answer(text)
    question, picks = answer.question, [r.framework.id for r in answer.recommendations]
    if first:
        assert picks[0] == first
    if "asyncio" in text:
        assert "sync_handlers" in question.needs and picks[0] != "fastapi"
        assert engine.kb.frameworks[picks[0]].async_support != "native"
    if "Dash" in text:
        assert "dash" in question.excluded and engine.kb.frameworks[picks[0]].category == "data-app"


@pytest.mark.parametrize(("text", "need", "first"), [
    ("can one python codebase run as desktop and mobile apps?", "native_app", "flet"),
    ("a tiny sidecar with health checks for a low-mem pod", "low_memory", None),
    ("our stack is async (aiohttp client, asyncpg). need the server side too", "async", None),
])
def test_fifth_blind_set_needs_ask_for_a_pick(engine, text, need, first):
    """Desktop and mobile from one codebase, a sidecar's health checks, "need the server side": each asks for a
    pick, not for a fact and not for nothing."""
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and answer.recommendations
    if need == "low_memory":  # a priority of the project, not a feature a framework has or lacks
        assert ("priority", need) in answer.question.traits
    elif need != "async":
        assert need in answer.question.needs
    if first:
        assert answer.recommendations[0].framework.id == first


def test_a_kind_asked_for_keeps_its_contrary_out(engine):
    """"A solid minimal web layer" asks for a microframework: Django, or an add-on that brings it, is the
    contrary and says so; "batteries included" keeps Bottle down the same way."""
    answer = engine.answer("sync is fine, we run gunicorn + sqlalchemy. just want a solid minimal web layer")
    picks = [r.framework for r in answer.recommendations[:3]]
    assert answer.question.kind == "micro" and all(fw.category != "full-stack" and not fw.extends for fw in picks)
    django = engine.advisor.score(engine.kb.frameworks["djangorestframework"], answer.question)
    assert "Not a micro framework, which you asked for" in django.caveats
    full = engine.understand("we need a batteries included framework for an online shop")
    assert full.kind == "full-stack"
    assert "Not a full-stack framework, which you asked for" in engine.advisor.score(engine.kb.frameworks["bottle"],
                                                                                     full).caveats


def test_the_fastest_route_is_a_way_not_url_routing(engine):
    answer = engine.answer("a demo for our image classifier model, what's the quickest route?")
    assert "routing" not in answer.question.needs and answer.recommendations[0].framework.id == "gradio"
    assert "routing" in engine.understand("we need fast url routing for an api").needs


def test_few_concepts_to_learn_is_a_small_thing(engine):
    answer = engine.answer("teaching students web dev in python over a term: simple, few concepts, good docs")
    assert ("size", "small") in answer.question.traits and answer.recommendations[0].framework.id == "flask"


def test_a_release_of_the_base_gets_no_yes_the_cards_cannot_back(engine):
    """"Is DRF compatible with Django 5.2?": built on Django, yes, but no card records which Django releases a DRF
    release supports, so the answer says where that is written instead of "Yes"."""
    answer = engine.answer("is DRF compatible with django 5.2?")
    assert answer.question.topic == "relation:django@5.2"
    assert answer.direct.startswith("Django REST framework is built on Django") and "can't confirm Django 5.2" in \
        answer.direct and "release-notes" in answer.direct
    assert engine.answer("is dash built on flask?").direct.startswith("Yes: Dash is built on Flask")
    assert engine.understand("is hug compatible with python 3.12?").topic == "python:3.12"


def test_a_python_constraint_met_is_said_first_and_explains_the_order(engine):
    """"Stuck on Python 3.8": the first line says the pick runs on it, and a lower fit ranked above FastAPI says
    that FastAPI's latest release needs a newer Python, not that it "matches more of the rest"."""
    answer = engine.answer("stuck on python 3.8 and can't upgrade. need an API framework that still supports it")
    first = answer.recommendations[0]
    assert first.reasons[0].startswith("Its latest release runs on Python 3.8")
    above = [r.standing for r in answer.recommendations if "FastAPI" in (r.standing or "")]
    assert above and all("FastAPI's latest release needs a newer Python than 3.8" in s for s in above)


def test_what_one_framework_adds_to_another_is_what_it_is(engine):
    line = first_line(engine, "what does APIFlask add on top of Flask")
    assert line.startswith("APIFlask is built on Flask. ") and "OpenAPI" in line and not line.startswith("Yes")


def test_two_facts_asked_at_once_are_both_answered(engine):
    line = first_line(engine, "How old is django, and who funds it?")
    assert "first released in 2005" in line and "Django Software Foundation" in line
    assert engine.understand("is robyn maintained and does it run on python 3.14?").topic in (
        "maintenance+python:3.14", "python:3.14+maintenance")


def test_a_built_in_server_and_no_uvicorn_is_no_wish_for_wsgi(engine):
    answer = engine.answer("fast async with a built-in production server, no uvicorn")
    assert answer.question.interfaces == () and "own_server" in answer.question.needs
    assert "own-server" in answer.recommendations[0].framework.interface
    assert engine.understand("gunicorn shop, no appetite for ASGI. simple internal API").interfaces == ("wsgi",)


def test_a_size_said_as_a_clause_of_its_own_is_the_projects(engine):
    assert ("size", "tiny") in engine.understand("webhook receiver: verify the signature, queue it. tiny.").traits
    assert not any(t == "size" for t, _ in engine.understand("the files are big. which framework?").traits)


def test_moving_off_python_is_said_to_be_outside_what_is_compared(engine):
    answer = engine.answer("we're rewriting the flask service in rust")
    assert answer.question.intent == "unknown" and answer.message.startswith("Moving off Python is a choice of")
    assert engine.understand("we're moving from node to python, which framework?").intent == "recommend"
    assert engine.understand("should we rewrite the flask service in rust or move to fastapi?").intent != "unknown"


def test_an_operating_system_next_to_a_name_is_software_talk(engine):
    assert engine.understand("does robyn work on windows?").frameworks == ("robyn",)


def test_a_name_asked_as_a_sentence_of_its_own_is_put_forward(engine):
    """"Move off web.py. Anything else. Flask?": Flask is proposed, not the thing to replace."""
    answer = engine.answer("we have to move from web.py to something else. anything else. Flask?")
    assert "flask" not in answer.question.excluded and answer.recommendations[0].framework.id == "flask"
    assert "flask" in engine.understand("alternatives to flask?").excluded


@pytest.mark.parametrize(("text", "intent"), [
    ("gunicorn vs uvicorn? I mean... which framework should I pair with uvicorn for a new async api", "recommend"),
    ("can you compare more than two frameworks at once?", "help"),
    ("does the bot remember what I said earlier in this thread?", "help"),
])
def test_sixth_blind_set_intents(engine, text, intent):
    assert engine.understand(text).intent == intent


@pytest.mark.parametrize(("text", "first", "not_top3"), [
    ("we're on Flask and need websockets for notifications. really don't want a rewrite", "flask", ()),
    ("our flask api is fine but we want openapi docs + validation w/o rewriting. tried flask-restx, feels stale",
     "apiflask", ()),
    ("dont suggest fastapi or flask, we've done both to death. what else is solid for REST?", None,
     ("fastapi", "flask")),
    ("a quick UI around a python function so non-devs can run it with a few inputs", None, ("flask", "django")),
    ("streamlit keeps rerunning the whole script on every slider move. what should I move to?", None, ("streamlit",)),
])
def test_sixth_blind_set_picks(engine, text, first, not_top3):
    """Not wanting a rewrite keeps the framework in use; criticising its extension is no criticism of it;
    "don't suggest X" rules X out; a UI around a function is a Python UI; rerunning is Streamlit's problem."""
    picks = [r.framework.id for r in engine.answer(text).recommendations[:3]]
    assert picks and (first is None or picks[0] == first) and not set(not_top3) & set(picks), picks


def test_a_control_panel_is_no_panel(engine):
    assert "panel" not in engine.understand("nicegui or streamlit for a robot control panel?").frameworks


def test_whether_to_keep_the_framework_in_use_weighs_it_with_the_rest(engine):
    """"Should we keep CherryPy or move?" asks for a choice in which staying is an option, not a yes or no about
    one of CherryPy's features."""
    question = engine.understand("should we keep CherryPy or move? it's a small appliance, runs for years")
    assert question.intent == "recommend" and question.within == ("cherrypy",)


def test_a_feature_phrase_means_no_other_feature_its_first_word_would(engine):
    """"schema per tenant in postgres" is the database's schema, not also the validation "schema" alone means;
    a longer phrase still brings the traits of its first words ("CMS-style site": a large one)."""
    question = engine.understand("a multi-tenant SaaS, schema per tenant in postgres, with an admin and auth")
    assert "orm" in question.needs and "validation" not in question.needs
    assert ("size", "large") in engine.understand("we need a CMS-style site for the marketing team").traits


def test_boring_tech_is_a_wish_for_stability_but_years_of_use_are_not(engine):
    assert ("priority", "stability") in engine.understand("an xml endpoint, low traffic, boring tech preferred").traits
    assert ("priority", "stability") not in engine.understand(
        "after using Django for 10 years I moved to FastAPI, how do they compare?").traits


def test_wanting_something_typed_leaves_the_framework_just_named(engine):
    """"We use aiohttp and it works, but new hires hate the lack of docs. Want something typed": another
    framework; "our django app needs something with an admin" stays on Django."""
    left = engine.understand("we use aiohttp and it works, but new hires hate the lack of docs. want something "
                             "typed with generated docs")
    assert "aiohttp" in left.excluded
    assert engine.understand("our django app needs something with an admin for the ops team").within == ("django",)


# --- kinds found in the sixth blind set (corpus/tryout7-dev.jsonl) ---------------------------------------------


@pytest.mark.parametrize(("text", "left"), [
    ("anything nicer than Tornado for a new async service?", "tornado"),
    ("what is better than fastapi", "fastapi"),
    ("what beats django for a marketplace?", "django"),
])
def test_something_better_than_the_one_named_asks_for_alternatives(engine, text, left):
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and left in answer.question.excluded
    assert answer.recommendations and answer.recommendations[0].framework.id != left


@pytest.mark.parametrize("text", ["what makes django better than flask?", "is sanic faster than flask?"])
def test_one_framework_better_than_another_is_a_comparison(engine, text):
    assert engine.understand(text).intent == "compare"


def test_an_add_on_criticised_beside_its_base_in_use_is_left(engine):
    """"DRF feels heavy" on a Django monolith: another API layer for Django, not Django against DRF."""
    answer = engine.answer("our Django monolith needs a fast, typed API layer. DRF feels heavy")
    assert answer.question.intent == "recommend" and "djangorestframework" in answer.question.excluded
    assert answer.recommendations[0].framework.id == "django-ninja"


@pytest.mark.parametrize("text", ["alternatives to fastapi", "something like fastapi but not fastapi"])
def test_a_ui_framework_built_on_an_api_framework_is_not_like_it(engine, text):
    """NiceGUI runs on FastAPI, but it is made for UIs: no alternative to FastAPI."""
    assert "nicegui" not in [r.framework.id for r in engine.answer(text).recommendations[:3]]


def test_a_team_coming_from_r_that_wants_a_dashboard_gets_shiny_for_python(engine):
    """Said without "python": the language they know, and what they want of its kind, is a request."""
    answer = engine.answer("our analysts come from R and want a dashboard tool")
    assert answer.question.intent == "recommend" and answer.recommendations[0].framework.id == "shiny"


def test_the_one_python_twin_of_another_languages_framework_leads(engine):
    answer = engine.answer("long time R Shiny user moving to python. want something with the same reactive model")
    assert answer.recommendations[0].framework.id == "shiny"


@pytest.mark.parametrize(("text", "first"), [
    ("we want to turn notebooks into interactive apps with widgets, reusing the holoviz stuff we have", "panel"),
    ("we are an R shop on posit connect, want a python dashboard tool that fits in", "shiny"),
])
def test_a_word_of_a_longer_alias_points_at_its_framework(engine, text, first):
    """"holoviz" alone is no name the reader finds (the alias is "holoviz panel"), so it is a hint towards Panel."""
    assert engine.answer(text).recommendations[0].framework.id == first


@pytest.mark.parametrize(("text", "not_negated"), [
    ("a full web app in pure python, not just a dashboard", "dashboards"),
    ("not only auth but also an admin", "auth"),
])
def test_not_just_rules_nothing_out(engine, text, not_negated):
    """"Not just a dashboard" wants more than one, not none; "no templates, just JSON" still rules templates out."""
    assert not_negated not in engine.understand(text).negated
    assert "templates" in engine.understand("no templates, just json").negated


def test_a_long_message_that_ends_asking_for_a_pick_gets_one(engine):
    text = ("wait, fastapi with plain def endpoints doesn't block the event loop, it runs them in a threadpool "
            "right? anyway. all our code is sync SQLAlchemy. is an async framework even right for us or should we "
            "just go WSGI?")
    answer = engine.answer(text)
    assert answer.question.intent == "recommend" and answer.recommendations


def test_a_framework_used_as_a_client_is_in_use(engine):
    """"aiohttp client" says the team runs aiohttp: its server side is the natural next step."""
    answer = engine.answer("our team is async-everything (aiohttp client, asyncpg, aioredis). need the server side too")
    assert "aiohttp" in answer.question.within and answer.recommendations[0].framework.id == "aiohttp"


def test_any_framework_has_an_http_client_through_httpx(engine):
    """An HTTP client is a library any handler can call: lacking one of its own is no reason to rank a little-used
    framework first for a proxy that wants validation and docs."""
    fastapi = next(r for r in engine.answer("an async proxy service that calls other services, with pydantic "
                                            "validation and generated docs").recommendations
                   if r.framework.id == "fastapi")
    assert "HTTP client via httpx" in fastapi.reasons
    answer = engine.answer("we use aiohttp for a proxy service, but new hires hate the lack of validation and docs. "
                           "want something async with pydantic models and generated docs")
    assert answer.recommendations[0].framework.id in ("fastapi", "litestar")


def test_a_handful_of_routes_is_a_tiny_app(engine):
    answer = engine.answer("AWS Lambda behind API Gateway, a handful of routes, cold starts matter a lot")
    assert ("size", "tiny") in answer.question.traits
    assert "django" not in [r.framework.id for r in answer.recommendations[:3]]


@pytest.mark.parametrize("text", ["we are productive with DRF. we will consider a switch later, not before the end of "
                                  "the year",
                                  "Rewriting our entire app in django at this point does not seem productive"])
def test_a_move_put_off_or_judged_unproductive_is_no_move(engine, text):
    assert "not_moving" in engine.reader.reading(text).cues


def test_a_thread_that_puts_the_move_off_stays_on_what_it_runs(engine):
    """The team runs DRF, likes the idea of Ninja, and puts the switch off: the answer stays on DRF, and Ninja,
    the API layer it would replace, gets no bonus for being built for the Django underneath."""
    messages = ["We rely on DRF serializers. Django Ninja uses Pydantic models and supports async out of the box. "
                "What motivated choosing DRF?",
                "We already consider ninja and would like to experiment. The main reason we are using DRF is that we "
                "are productive with it. We will consider a switch later, not before the end of the year. "
                "Is there a community around the Django Ninja project?"]
    answer = engine.answer("so which should we go with?", tuple(messages))
    assert answer.recommendations[0].framework.id == "djangorestframework"
    assert "django-ninja" not in answer.question.within


def test_sticking_with_one_or_restarting_with_another_weighs_the_move(engine):
    """"Should we stick with flask and refactor, or restart with django?": Flask is what the team runs, and
    staying on it is one of the options, as in "stick with Django or migrate to FastAPI?"."""
    answer = engine.answer("Should we stick with flask and refactor, or should we restart with django?")
    assert answer.question.intent == "recommend" and "flask" in answer.question.within
    assert answer.recommendations[0].framework.id == "flask"


# --- a choice between things that are not frameworks ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "postgres vs mysql for the new service?",  # two phrases of one feature: a database
    "celery or rq for background jobs?",  # a library and a phrase of the feature it provides
    "which CI should we use, github actions or gitlab ci?",  # two words that name nothing I know
    "black or ruff format?",
    "which LLM should we use for the chatbot, claude or gpt?",
])
def test_two_options_that_are_not_frameworks_are_not_answered_with_frameworks(engine, text):
    """The words around the choice ("for the chatbot", "for background jobs") say what the options are for;
    they do not make it a choice of framework."""
    assert engine.understand(text).intent == "unknown"
    assert first_line(engine, text).startswith("That sounds like a choice of library, server or tool")


@pytest.mark.parametrize("text", [
    "flask or django?",
    "sync or async for a new api?",  # two needs: a framework is chosen by them
    "should we use graphql or rest for the mobile api?",
    "fastapi or something else for our api?",
    "which of the frameworks you track are unmaintained or deprecated?",  # asks about frameworks by that word
    "as soon as you try to scale or add complexity, it falls short. we need auth for our ML UI",  # no question
])
def test_a_choice_that_involves_frameworks_or_their_needs_is_still_ours(engine, text):
    assert engine.understand(text).intent != "unknown"


@pytest.mark.parametrize("text", [
    "how do I configure nginx as a reverse proxy for my app",
    "how to deploy a python web app to heroku?",
    "what's the difference between celery and rq?",
])
def test_operations_and_other_choices_are_said_plainly(engine, text):
    """Running an app, or choosing a library, is not choosing a framework: the answer says which it is."""
    assert engine.understand(text).intent == "unknown"
    assert first_line(engine, text).startswith("That sounds like a ")


def test_building_something_is_still_a_request_for_a_framework(engine):
    assert engine.understand("how do we build a realtime dashboard in python?").intent == "recommend"


def test_three_ordinary_word_names_in_a_row_are_the_frameworks(engine):
    """"falcon, bottle, flask" side by side are frameworks even with no other sign of software; the same words
    with articles between them are things on a lab bench."""
    q = engine.understand("which of falcon, bottle, flask has the smallest memory footprint per worker?")
    assert set(q.frameworks) == {"falcon", "bottle", "flask"}
    assert engine.understand("I bought a bottle, a flask and a panel for the lab").frameworks == ()


def test_a_message_in_a_script_with_no_english_words_is_told_so_not_given_help(engine):
    text = "Какой фреймворк выбрать для вебсокетов на питоне?"
    assert engine.understand(text).intent == "unknown"
    assert "I only understand English" in first_line(engine, text)


def test_an_ordinary_use_of_a_name_with_a_quality_is_no_request(engine):
    assert engine.understand("got a shiny new laptop today, the M5 is fast :sunglasses:").intent == "unknown"


def test_a_legacy_app_weighing_an_upgrade_against_a_move_is_advice_not_a_python_version_fact(engine):
    q = engine.understand("tornado 4 app from 2016, still on py3.6. how do we modernize without a big bang "
                          "rewrite? half the team wants to jump ship entirely, other half says just upgrade")
    assert q.intent == "recommend" and q.within == ("tornado",)


@pytest.mark.parametrize("text", [
    "who made this bot", "do you store my messages?", "is this bot open source", "how do I give you feedback",
    "can you explain your scoring?", "any docs for this bot?", "are your recommendations biased towards popular "
    "frameworks?", "does the bot work in DMs?", "how do i make you post in the channel",
    "do your picks secretly favour litestar?", "is this bot itself written in python?",  # a framework named, still me
])
def test_questions_about_the_bot_itself_get_the_help_and_how_it_works(engine, text):
    assert engine.understand(text).intent == "help"
    body = render_text(present(engine.answer(text), engine.kb))
    assert "no AI model writes them" in body and "keep their text only" in body


@pytest.mark.parametrize(("text", "title"), [
    ("show me everything async", "Frameworks with native async support"),
    ("gimme all the api-focused ones", "API frameworks"),
    ("what are the micro ones", "Microframeworks"),
    ("what do you have for dashboards", "Data apps and dashboards"),
    ("which are built on starlette", "Frameworks built on Starlette"),
])
def test_more_ways_of_asking_for_a_list(engine, text, title):
    assert engine.understand(text).intent == "list"
    assert first_line(engine, text).startswith(title)


def test_an_opinion_asked_of_an_ordinary_word_name_is_about_that_framework(engine):
    assert engine.understand("what do you think about flask?").frameworks == ("flask",)


def test_what_a_framework_being_left_has_no_real_version_of_is_wanted(engine):
    """"no real async story" says what Flask lacks: async is wanted, not ruled out."""
    q = engine.understand("ok we're finally leaving flask :sob: no real async story, blueprints turned into "
                          "spaghetti, and we want typed request bodies. where do we go")
    assert "async" in q.needs and "async" not in q.negated and q.excluded == ("flask",)


def test_two_databases_set_against_each_other_are_a_database_choice(engine):
    assert engine.understand("postgres or mongo for user sessions?").intent == "unknown"
    assert engine.understand("REST api on postgres or mysql, which framework?").intent == "recommend"


def test_a_pasted_traceback_is_a_bug_to_fix(engine):
    text = ("Traceback (most recent call last):\n  File \"app.py\", line 1, in <module>\n    from flask import "
            "Flask\nModuleNotFoundError: No module named 'flask'   works on my machine??")
    assert engine.understand(text).intent == "unknown"
    assert first_line(engine, text).startswith("That sounds like a bug to fix")


def test_content_with_what_is_in_use_and_no_need_stated_means_staying(engine):
    answer = engine.answer("our bottle app works fine, should we move to flask?")
    assert answer.question.within == ("bottle",) and answer.question.shortlist[0] == "bottle"
    assert answer.recommendations[0].framework.id == "bottle"
    with_a_reason = engine.understand("our bottle app works fine but now we need websockets, should we move to flask?")
    assert with_a_reason.shortlist[:1] != ("bottle",)  # a need the move would meet: the move is weighed on it


@pytest.mark.parametrize(("text", "intent"), [
    # what the project is and must meet, the one framework named only in passing: advice for the project
    ("the container gets 64MB RAM max and it's a sidecar exposing health + a couple of config endpoints. "
     "django was my first thought lol", "recommend"),
    # a priority read from a quotation, no project told: about the framework
    ('Flet is "The fastest way to build Flutter apps in Python" - it\'s not :(', "info"),
])
def test_a_project_told_beside_one_framework_asks_for_advice(engine, text, intent):
    q = engine.understand(text)
    assert q.intent == intent
    if intent == "recommend":
        first = engine.answer(text).recommendations[0].framework
        assert "low_memory" in first.traits["priority"], f"{first.id} for a 64MB sidecar"


def test_a_project_said_at_both_ends_of_size_grows_into_the_larger(engine):
    """"our streamlit prototype ... now a real multi-tenant SaaS": what is built is the SaaS, so a tiny app's
    framework is no fit; a team's head count is no size word ("a prototype over the weekend, team of 5")."""
    grown = engine.answer("we have a streamlit prototype the team built, but now product wants a real multi-tenant "
                          "SaaS with billing and user accounts. not streamlit. what do we build it on?")
    assert ("size", "tiny") not in grown.question.traits and ("size", "medium") in grown.question.traits
    assert grown.recommendations[0].framework.category == "full-stack"
    weekend = engine.understand("we need a prototype over the weekend, team of 5")
    assert ("size", "tiny") in weekend.traits


@pytest.mark.parametrize(("text", "intent", "topic"), [
    ("pandas vs polars for 10GB csv", "unknown", "library"),  # two data libraries: pandas alone is a data app
    ("my flask app throws 'working outside of application context' in a thread, how fix", "unknown", "debugging"),
    ("pyframework usage?", "help", None),
])
def test_libraries_bugs_and_usage_are_not_a_pick(engine, text, intent, topic):
    q = engine.understand(text)
    assert (q.intent, q.topic) == (intent, topic)


# --- a state asked for, with no list word --------------------------------------------------------------


@pytest.mark.parametrize("text", ["any python web frameworks that are basically dead?",
                                  "are there python web frameworks that are dead?"])
def test_asking_which_are_in_a_state_lists_those_in_it(engine, text):
    """No "list" or "which" in it, but what it asks for is the frameworks in a state: hug, not a pick."""
    q = engine.understand(text)
    assert q.intent == "list"
    answer = engine.answer(text)
    shown = render_text(present(answer, engine.kb))
    assert "unmaintained" in shown.splitlines()[0] and "hug" in shown and "Django" not in shown


# --- a fact asked of several frameworks --------------------------------------------------------------------


def test_a_fact_asked_of_two_frameworks_is_answered_for_each(engine, kb):
    """"licenses of django and flask?" asks the license of each, not which to choose: both, each with its
    source, and no facts line of the first alone."""
    text = "licenses of django and flask?"
    assert engine.understand(text).intent == "info"
    shown = render_text(present(engine.answer(text), engine.kb))
    first = shown.strip().splitlines()[0]
    assert first.startswith(f"Django is licensed under {kb.frameworks['django'].license}")
    assert f"Flask is licensed under {kb.frameworks['flask'].license}" in first
    assert "Full-stack ·" not in shown


def test_what_kind_of_framework_reads_as_english(engine):
    assert first_line(engine, "what kind of framework is cherrypy") == "CherryPy is a microframework."
