"""Stage 5 of reading: the intent, as a short decision table over what the earlier stages found.

Each rule looks at the reading and either decides or passes; the first rule that decides wins. The
rules name cues and roles (knowledge/language/en), never a framework or a feature. The rules for a message
that names one framework are in one_named.py; what a rule decides, and the tests several share, in decision.py.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.reading.decision import (
    ADVICE,
    LEANING,
    NOT_RIVALS,
    PUTS_FORWARD,
    Decision,
    asks,
    criterion,
    requests_support,
)
from bot.reading.one_named import one_named
from bot.reading.reading import Reading


def _help(r: Reading) -> Decision | None:
    """"help", "what can you do?": but "hi, what should I use for a small site?" is a question."""
    if not r.words:  # an empty mention, or one in a script the tokenizer keeps no words of (another language)
        return Decision("help") if r.language == "en" else None
    asks_something = r.has_needs or r.has("pick", "wants", "compare", "list")
    if not r.has("help", "about_the_bot"):
        return None
    if r.frameworks and not (r.has("about_the_bot") and not r.has_needs and not r.has("wants", "compare", "list")):
        return None  # "hi, flask or django?" asks; "are your picks secretly biased toward fastapi?" is about me
    project = r.states_a_project  # "are your picks biased towards popular ones?" is
    if not asks_something or (r.has("about_the_bot") and not (r.needs or project)):  # about the bot, a quality
        return Decision("help")  # named or not
    return None


def _thanks(r: Reading) -> Decision | None:
    """"thanks!" after an answer: a word back, unless the same message goes on to ask something."""
    if r.has("thanks") and not (r.frameworks or r.has_needs or r.has("pick", "wants", "compare", "list", "help")):
        return Decision("unknown", topic="thanks")
    return None


def _not_for_us(r: Reading) -> Decision | None:
    """Other languages, other frameworks, idioms: not a question about Python web frameworks."""
    if r.language != "en":
        return Decision("unknown", topic=f"language:{r.language}")
    python = r.has("python")
    elsewhere = r.has("builds_elsewhere") and (not r.specific_needs or r.has("builds_in_another_language"))
    if not r.frameworks and not python and elsewhere and not r.twins:  # "Koa vs Hono for a TypeScript backend?";
        return Decision("unknown")  # not "the team used to write Go, now we need websockets and an ORM"
    if r.other_choice and not (r.frameworks or r.idiomatic or r.off_topic) and not r.has("asks_for_a_framework"):
        return Decision("unknown", topic="library")  # "black or ruff?", "postgres vs mysql for the new service?"
    if r.has("about_python_itself") and not (r.frameworks or r.has("asks_for_a_framework", "list", *ADVICE)):
        return Decision("unknown")  # "best way to learn python?", "how do I hash passwords in python"
    if r.has("leaves_python") and not r.has("pick", "compare", "alternatives", "wants"):
        return Decision("unknown", r.frameworks[:1], "leaves_python")  # "migrate the Django backend to Go"
    if r.idiomatic and not (r.frameworks or r.has_needs or (python and r.has(*ADVICE))):
        return Decision("unknown")  # "I need a hug after that deploy"; not "want to learn something new and
        # shiny in python web land"
    return None


def _twins(r: Reading) -> Decision | None:
    """"the Python equivalent of Express", "the team likes NestJS": its Python twins, ranked by likeness."""
    wants_its_kind = r.has("wants") and r.has_needs and not r.has("builds_elsewhere")  # "our analysts come from
    # R and want a dashboard tool": what they know, in Python
    if r.twins and not r.frameworks and (r.has("pick", "alternatives", "likeness", "python", "fondness")
                                         or wants_its_kind) \
            and not (len(r.others) >= 2 and r.has("compare", "compare_weak")):
        return Decision("recommend", similar_to=r.twins)
    return None


def _unlisted(r: Reading) -> Decision | None:
    """"alternatives to web2py?", "Zope has lost its momentum; I was asked to select a new framework", "we tried
    masonite; need a mature framework with user accounts": a Python framework I have no file on, left for another
    or set beside what is wanted: the ones I know that are closest to it. A comparison of two
    such names, or why one was chosen, is not for me to answer."""
    asks = r.has("alternatives", "pick", "new_framework", "moving_to") or (r.has("wants") and bool(r.needs or r.traits))
    if r.kin and not r.frameworks and asks \
            and not r.has("why_choice") and not (len(r.others) >= 2 and r.has("compare", "compare_weak")):
        return Decision("recommend", similar_to=r.kin)
    return None


def _others_only(r: Reading, companions: Callable[[Reading], bool]) -> Decision | None:
    """"Angular vs Svelte" is not ours; "a backend for our React SPA" is; so is "which ones can run without a
    server like uvicorn?", a list of frameworks."""
    if r.has("asks_about_other") and not r.frameworks and not r.has("pick", "list", "alternatives"):
        return Decision("unknown")  # "is kubernetes overkill for 3 services": about the tool
    if r.has("list") and r.other_kinds <= NOT_RIVALS:
        return None
    if r.others and not r.frameworks and not companions(r):
        return Decision("unknown")
    return None


def _library(r: Reading) -> Decision | None:
    """"Which http client should I use with FastAPI?": a library choice; about the framework named, if any."""
    if not r.has("asks_for_a_library"):
        return None
    if len(r.frameworks) == 1:
        return Decision("info", r.frameworks, f"feature:{r.needs[0]}" if r.needs else None)
    return Decision("unknown", r.frameworks[:1], "library") if not r.frameworks else None


def _debugging(r: Reading) -> Decision | None:
    """"my flask app returns 500 on every POST, how do i fix it": a bug to fix, not a framework to choose."""
    if r.has("asks_to_debug") and not r.has("pick", "compare", "list", "alternatives"):
        return Decision("unknown", r.frameworks[:1], "debugging")
    return None


def _listing(r: Reading) -> Decision | None:
    """"which ones have an ORM?", "which ones run on python 3.14?": a relation ("built on", "run on") asks about
    a framework only when one is named ("is Dash built on Flask?"), unless it asks which are built on it."""
    if r.has("list_built_on") and len(r.frameworks) == 1:  # "which frameworks are built on starlette?"
        return Decision("list", r.frameworks, topic=f"built_on:{r.frameworks[0]}")
    if r.has("list") and len(r.frameworks) <= 1 and not (r.has("relation") and r.frameworks) \
            and not r.has("pick"):
        return Decision("list")
    return None


def _several(r: Reading) -> Decision | None:
    """Two or more frameworks: a comparison, or a choice among them, unless the roles say otherwise."""
    named = r.frameworks
    if len(named) < 2:
        return None
    # Among several named, the one the team knows is where it stands ("experience with Django. Stick with it or
    # migrate to FastAPI?")
    running = r.role("in_use")  # run, not only known: "the team knows Django" keeps nothing in place
    # "more familiar with Flask but"; not "Django for the main app; for the new microservice, something async":
    # what a project apart from it should run on is open
    known = () if r.has("separate_project") else tuple(f for f in r.role("familiar") if f not in r.role("replaced"))
    in_use = tuple(dict.fromkeys((*running, *known)))
    # Of two in use, the one spoken of as the problem is the one to replace: "we're on DRF and it's getting slow
    # to write serializers, but keep the django project" leaves DRF and stays on Django
    sore = tuple(f for f in running if f in r.role("criticised"))
    leaving = (*r.role("leaving"), *sore) if sore and len(sore) < len(running) else r.role("leaving")
    staying = tuple(f for f in in_use if f not in leaving)
    kept = tuple(f for f in named if f not in leaving and f not in in_use)
    asked = _asked_of_the_named(r, named)
    if asked is not None:
        return asked
    if r.has("separate_project") and not r.has("compare"):  # "we run Django + DRF ... part of the django app or
        return Decision("recommend", named)  # something separate?": the named are what it would be apart from
    if (leaving or in_use) and not kept:  # "migrating off DRF, keeping our Django models"
        return Decision("recommend", named, excluded=leaving, within=staying)
    if staying and all(f in r.role("criticised") for f in kept):  # "our Django monolith needs a typed API
        return Decision("recommend", named, excluded=kept, within=staying)  # layer. DRF feels heavy"
    models = r.role("model")
    if in_use and len(kept) == 1 and (kept[0] in models or r.has("likeness")):
        return Decision("recommend", named, within=staying, similar_to=kept)  # "a Django shop wanting FastAPI-like"
    if in_use and len(kept) >= 2:  # "litestar or django ninja, we already use the django orm"; "quart or fastapi
        # if the team knows flask": the closer to what they know breaks a tie
        return Decision("compare", kept[:5], within=staying, similar_to=tuple(f for f in known if f not in running))
    compared = tuple(f for f in named if f not in models)  # "quart or sanic, both flask-like"
    if models and len(compared) >= 2 and not (leaving or in_use):
        return Decision("compare", compared[:5], similar_to=models)
    if models and not compared and not (leaving or in_use):  # "a Flask-like API but FastAPI-level perf": models
        return Decision("recommend", named, similar_to=models)  # of what is wanted, none of them the question
    if r.has("middle_ground"):  # "something between bottle and django in size": like both, neither of them
        return Decision("recommend", named, excluded=named, similar_to=named)
    if all(f in r.role("criticised") for f in named):  # "lighter than Django, more structure than Flask"
        return Decision("recommend", named, excluded=named)
    moving_off = (*leaving, *r.role("replaced"))
    if moving_off and any(f not in moving_off for f in named):  # "explore Litestar instead of FastAPI"
        return Decision("recommend", named, within=staying, shortlist=_favoured(r, named))
    if not r.has("compare") and (r.has("pick", "weighs_a_move") or any(r.role(role) for role in PUTS_FORWARD)):
        return Decision("recommend", named, within=staying, shortlist=_favoured(r, named))  # "which should we
        # go with?"; what the team already uses counts ("stick with Django or migrate to FastAPI?")
    return Decision("compare", named[:5], topic=criterion(r))


MAX_FACT_WORDS = 16  # a fact asked of several is a short question; a long post that names a fact weighs them


def _asked_of_the_named(r: Reading, named: tuple[str, ...]) -> Decision | None:
    """What a message naming several frameworks asks of them, before any advice: how they relate, why one was
    chosen, or something of the first of them."""
    if r.has("alike_or_not"):  # "is Tornado a replacement to Django or are they complementary?"
        return Decision("compare", named[:5], topic=criterion(r))
    if r.has("adds_to_another"):  # "what does APIFlask add on top of Flask?": what it is, on what
        return Decision("info", named[:1], f"adds:{named[1]}")
    if r.has("relates_two_reversed"):  # "any timelines to support Django 6 in Django Ninja?"
        return Decision("info", named[1:2], f"relation:{named[0]}")
    if r.has("relates_two"):  # "is Dash built on Flask?", "does Ninja support Django 6?"; "can I use the
        kind = "combine" if r.has("combines_two") else "relation"  # Django ORM with FastAPI?" asks no yes or no
        return Decision("info", named[:1], f"{kind}:{named[1]}")
    if r.has("why_choice"):  # "why does Perplexity use FastAPI over Django?": the reasons, side by side
        return Decision("compare", named[:5], topic=criterion(r))
    asked = _asked_of_one(r)
    if asked is not None:
        return asked
    moved_on = any(r.role(role) for role in (*PUTS_FORWARD, "leaving", "replaced"))  # a move, not a question
    decisive = r.flags.get("decides", ())  # "licenses of django and flask?", "who maintains flask and quart?":
    if decisive and len(r.words) <= MAX_FACT_WORDS and not moved_on \
            and not r.has("compare", "compare_weak", "pick", "why_choice", "weighs_a_move", "alternatives"):
        return Decision("info", named[:5], "+".join(decisive[:2]))  # the fact, of each
    about_first = r.has("yes_no_about", "how_to") and not r.has("compare", "compare_weak", "pick", "why_choice")
    if about_first and not moved_on:
        fields = r.flags.get("field", ())  # "when will Flask support ASGI, like Django and FastAPI?"
        return Decision("info", named[:1], fields[0] if fields else None)
    return None


def _asked_of_one(r: Reading) -> Decision | None:
    """Of the frameworks a message names, the one it asks something of: what the first of them supports ("any
    plans to provide fastapi support instead of flask?"), or how to do a thing with one ("we'd like to migrate
    to falcon. is there an example of how to use falcon with async?")."""
    if requests_support(r):
        return Decision("info", r.frameworks[:1])
    if r.role("asked_how") and not r.has("pick", "compare", "why_choice"):
        return Decision("info", r.role("asked_how")[:1])
    return None


def _favoured(r: Reading, named: tuple[str, ...]) -> tuple[str, ...]:
    """The frameworks to choose among, the ones the message leans towards first and those it moves off last;
    but the one in use it is content with, when it gives no need the move would meet ("our bottle app works
    fine, should we move to flask?"), first of all: staying is the answer to a move without a reason."""
    leaning = {f for role in LEANING for f in r.role(role)}
    forward = {f for role in PUTS_FORWARD for f in r.role(role)}  # "continue with Streamlit or move to Flask?"
    moving_off = {*r.role("leaving"), *r.role("replaced"), *r.role("criticised")}
    content = set() if r.needs or r.negated else set(r.role("in_use")) & set(r.role("praised")) - moving_off
    ranked = sorted(named, key=lambda f: (f not in content, f not in forward, f not in leaning, f in moving_off))
    staying = [f for f in ranked if f not in moving_off]
    # "Flask seems overkill, I suggest we switch to Bottle or Falcon": a move leaves the one it criticises
    return tuple(staying if r.has("moving_to") and staying else ranked)


def _none_named(r: Reading) -> Decision | None:
    """No framework named: advice when the message states needs or asks for a pick about software."""
    if r.frameworks:
        return None
    if r.rejected or r.succeeding:
        return Decision("recommend")  # "websockets but not tornado", "our old Pylons app needs a rewrite"
    if r.has("asks_how_to_run") and not r.has("pick", "wants", "alternatives", "list", "compare"):
        return Decision("unknown", topic="operations")  # "how do I configure nginx as a reverse proxy for my app"
    if _passing_mention(r) or (r.off_topic and not r.software and not r.has("pick")):
        return Decision("unknown")  # "reset my jira password", "any good streaming services for anime?"
    decisive = r.flags.get("decides", ())
    if decisive and r.has("about_it") and not (r.needs or r.negated or r.has(*ADVICE, "trait_request")):
        return Decision("info", topic=decisive[0])  # "is this project abandoned?": about the one the thread
        # names, or one to ask for; "the current status of hugo" names something else, not ours
    if r.has("python_version_named") and not r.has_needs and asks(r):
        return Decision("list")  # "we're on python 3.8 and can't upgrade, what works?": those that allow it
    if r.has("license_named") and r.has("fact_license") and not r.has_needs:
        return Decision("list")  # "company policy: only BSD or MIT licensed": those under them
    if r.flags.get("state") and not (r.has_needs or r.others) and not r.has("pick", "alternatives", "wants"):
        return Decision("list")  # "any python web frameworks that are basically dead?": those in that state
    project = r.states_a_project
    if r.specific_needs or project or ((r.needs or r.negated) and r.software):
        return Decision("recommend")
    context = r.software or bool(r.needs) or project
    asked = context and not (r.idiomatic and not (r.needs or project or asks(r) or r.has(*ADVICE)))  # not "got
    # a shiny new laptop today, the M5 is fast": a name's ordinary word, a quality, no project, nothing asked
    if r.traits and (asked or len(r.trait_kinds()) >= 2 or r.has("trait_request")
                     or (r.project_talk and r.has(*ADVICE))):
        return Decision("recommend")  # "small and flexible, might grow big later"
    if context and r.has(*ADVICE):
        return Decision("recommend")
    if r.has("pick") and not r.content_words:
        return Decision("recommend")  # "what would you recommend?": needs may come from the thread
    if (r.software or r.has(*ADVICE)) and r.has("describes_a_framework", "describes_a_project"):
        return Decision("recommend")  # "object-oriented framework with its own web server"
    if r.others and r.has("python") and r.has("alternatives"):
        return Decision("recommend")  # "is there an Express-like minimal framework in Python?"
    return Decision("unknown")


def _passing_mention(r: Reading) -> bool:
    """One need word in a message mostly about something else, with no sign of software or of asking for a
    pick: a password to reset is not a need for authentication."""
    if len(r.needs) != 1 or r.traits or r.negated or r.software or r.has("pick", "trait_request") \
            or r.project_talk:
        return False
    return r.content_words >= 3 and 3 * r.covered_words <= r.content_words


def decide(r: Reading, companions: Callable[[Reading], bool]) -> Decision:
    """The first rule that decides, in order."""
    for rule in (_help, _thanks, _not_for_us, _library, _debugging, _twins, _unlisted,
                 lambda x: _others_only(x, companions), _listing, _several, one_named):
        decision = rule(r)
        if decision is not None:
            return decision
    return _none_named(r) or Decision("unknown")
