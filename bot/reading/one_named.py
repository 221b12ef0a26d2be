"""Stage 5 of reading, for a message that names one framework: a question about it, or advice that starts from it
(in use, left, criticised, proposed, liked, missed). Part of the decision table of intent.py.
"""

from __future__ import annotations

from bot.knowledge.names import UNLISTED
from bot.reading.decision import (
    ADVICE,
    LEANING,
    NOT_RIVALS,
    Decision,
    asks,
    criterion,
    requests_support,
    states_plans,
    tells_its_project,
)
from bot.reading.reading import Reading


def one_named(r: Reading) -> Decision | None:
    """One framework: a question about it, or advice that starts from it."""
    if len(r.frameworks) != 1:
        return None
    named = r.frameworks
    fw = named[0]
    asks_advice = r.has_needs or r.has(*ADVICE) or r.states_a_project
    about_it = r.has("yes_no_about", "about_it", "how_to") and not r.has("pick")
    fields = r.flags.get("field", ())
    asked = _asked_about_one(r, named) or _using_it(r)
    if asked is not None:
        return asked
    servers_compared = r.other_kinds == {"server"} and len(r.others) >= 2 and r.has("compare", "compare_weak")
    if "server" in r.other_kinds and (r.has("alternatives", "moving_to") or servers_compared) and not r.has("pick") \
            and not any(fw in r.role(role) for role in ("leaving", "replaced", "criticised")):
        return Decision("info", named, "interface")  # "replace Gunicorn with Granian for our Flask app", "uvicorn
        # vs hypercorn for running quart?": the server changes, the framework stays; how it is served is asked
    continued = _one_continues(r, asks_advice, about_it)
    if continued is not None:
        return continued
    if r.other_kinds - NOT_RIVALS and r.has("compare", "compare_weak"):  # "NiceGUI or Textual for a UI?": the
        return Decision("recommend", named, shortlist=named)  # one that is ours ("Flask or SQLAlchemy" is not it)
    if r.has("why_choice"):
        return Decision("compare", named, topic=criterion(r))
    if fw in r.role("leaving") or (fw in r.role("replaced") and not r.has("about")):
        return Decision("recommend", named, excluded=named)  # "alternatives to flask", "moving off Tornado"
    if fw in r.role("model") and states_plans(r):  # "we want to use a robust micro framework like Flask"
        return Decision("recommend", named, similar_to=named)
    if r.has("alternatives", "better_than") and not r.has("about") and fw not in (
            *r.role("in_use"), *r.role("destination"), *r.role("proposed"), *r.role("missed")):  # "anything
        # else. Flask?"; but "they miss shiny's reactive model. any suggestion?" asks for what they miss
        return Decision("recommend", named, excluded=named)
    if fw in r.role("variant"):  # "basically an async Flask": like it, but another one
        return Decision("recommend", named, excluded=named, similar_to=named)
    if fw in r.role("criticised") and not about_it:
        return Decision("recommend", named, excluded=named)  # "Django feels slow for this", "Flask seems overkill"
    replaces_an_add_on = "extension" in r.other_kinds and r.has("alternatives")  # "Flask-RESTX is getting crusty,
    # replacement that stays in flask land?": another add-on, the framework stays
    if fw in r.role("in_use") and ((asks_advice and not about_it and len(r.words) > 3) or replaces_an_add_on
                                   or r.has("weighs_a_move")):
        return Decision("recommend", named, within=named)  # "our Django app needs a REST API"; "should we keep
        # CherryPy or move?": staying is one of the options
    known = None if about_it else _what_they_know(r, named, asks_advice)
    if known is not None:
        return known
    liked = fw in r.role("style_liked")
    if not about_it and (r.has("pick") or (liked and asks_advice)):
        return Decision("recommend", named, similar_to=named if liked else ())
    return _one_otherwise(r, named, fields, about_it)


def _what_they_know(r: Reading, named: tuple[str, ...], asks_advice: bool) -> Decision | None:
    """The one framework named is what the team knows or misses. "The team knows Flask; a new service needs
    async": close to what they know, not bound to it; as to what they miss ("moving from R; they miss shiny's
    reactive model"); but "Django for the main app; for the new microservice we want something async" asks for
    something else."""
    fw = named[0]
    if fw in r.role("familiar") and r.has("separate_project"):
        return Decision("recommend", named, excluded=named)
    if fw in r.role("missed") or (fw in r.role("familiar") and asks_advice):
        return Decision("recommend", named, similar_to=named, shortlist=named if fw in r.role("missed") else ())
    return None


def _using_it(r: Reading) -> Decision | None:
    """"how do I make my streamlit app faster", "what's the recommended way to do pagination in DRF": how to do
    a thing with the one framework named, no feature asked of it and no move weighed, is a question of using
    it, which its documentation answers, not of choosing a framework."""
    fw = r.frameworks[0]
    if not r.has("how_to") or r.needs or r.negated or r.has(*ADVICE, "alternatives", "compare", "moving_to",
                                                           "new_framework", "weighs_a_move"):
        return None
    if any(fw in r.role(role) for role in ("leaving", "replaced", "criticised", "proposed", "destination")):
        return None
    return Decision("unknown", r.frameworks, "how_to")


def _one_continues(r: Reading, asks_advice: bool, about_it: bool) -> Decision | None:
    """The one framework named carries on what the team had, so it is the first option, not a model to avoid:
    the Python port of another language's framework named ("our R folks want something that feels like Shiny":
    the Shiny they know is R's), or the successor of one ("Pylons is no longer developed; Pyramid offers...")."""
    named = r.frameworks
    if named[0] in r.twins and (asks_advice or r.has("alternatives", "likeness")) and not about_it \
            and not r.has("compare", "compare_weak"):  # "shiny for python: reactive like R shiny, or different?"
        return Decision("recommend", named, similar_to=named, shortlist=named)
    if named[0] in r.succeeding and not about_it and (asks_advice or r.has_needs
                                                      or any(r.role(x) for x in LEANING)):
        return Decision("recommend", named, shortlist=named)
    return None


def _one_otherwise(r: Reading, named: tuple[str, ...], fields: tuple[str, ...], about_it: bool) -> Decision:
    """One framework the message neither leaves nor asks a pick about: leaning towards it, setting it against
    another, telling what its own project needs, or else asking about it."""
    if any(named[0] in r.role(role) for role in LEANING) and not (fields and asks(r)):
        return Decision("recommend", named, shortlist=named)  # "consider moving to FastAPI", "why not Quart?"
    if r.has("compared_to") and not about_it:
        return Decision("compare", named, topic=criterion(r))  # "how is this different from Gradio?"
    if (r.needs or "project" in r.trait_kinds()) and tells_its_project(r) and not asks(r):  # a post that tells
        # what its project is and needs ("a sidecar with two endpoints, 64MB of RAM. django was my first thought")
        return Decision("recommend", named)  # and asks nothing of the framework it names: "I needed an OpenAPI
        # contract"
    if r.needs and r.has("wants") and asks(r) and not (
            about_it or fields or r.has("about", "leaves_python", "asks_fit")):
        return Decision("recommend", named)  # its question is of the project, not of the framework: "the team
        # says 'just use flask'. me: we need websockets + typed schemas. who's right?"
    return Decision("info", named, fields[0] if fields else None)


def _asked_about_one(r: Reading, named: tuple[str, ...]) -> Decision | None:
    """What a message asks about the one framework it names, whatever else it says: a fact ("clarify the
    licensing for Dash"), what it supports ("do you plan on supporting websockets?"), or how it compares
    ("is it faster than Flask?")."""
    fields = r.flags.get("field", ())
    decisive = r.flags.get("decides", ())  # a license, a version, whether it is maintained: asked for itself
    like_it = r.has("alternatives") and r.has("likeness")  # "anything similar with more of a team behind it?"
    if decisive and not r.has("pick", "asks_instead", "weighs_a_move") and not like_it \
            and not (r.role("leaving") or r.role("replaced")) and not states_plans(r) \
            and not (r.has("wants") and r.has_needs):  # "hug seems dead, what replaces
        # it?" asks for what to use instead; "burned by hug going dead. next time I want a typed API" too
        return Decision("info", named, "+".join(decisive[:2]))  # "how old is django, and who funds it?": both
    if requests_support(r):
        return Decision("info", named, fields[0] if fields else None)
    if len(r.others) >= 2 and r.other_kinds <= {"front-end"} and r.has("compare", "compare_weak") \
            and not r.has("asks_for_a_framework"):  # "React or jQuery for front end parts with Django? Which one
        return Decision("unknown", named)  # do you prefer?": a choice between the front ends, not of ours
    if r.has("asks_fit") and named[0] in r.role("proposed") and (r.has_needs or fields) and not r.has(
            "alternatives", "compare", "compare_weak", "moving_to", "weighs_a_move", "asks_instead"):  # "should we
        return Decision("info", named, fields[0] if fields else None)  # use litestar for a large team?": its fit
    if UNLISTED in r.other_kinds and r.has("compare") and not r.has("pick", "moving_to", "weighs_a_move"):
        return Decision("compare", named, topic=criterion(r))  # "web2py vs django": a Python framework I have
        # no file on, set against one I do; "web2py vs django, worth migrating?" weighs a move to the one I know
    moving = any(named[0] in r.role(role) for role in ("leaving", "replaced", "variant"))
    if r.has("set_against") and not (moving or r.has(*ADVICE, "want_more", "better_than")):
        return Decision("compare", named, topic=criterion(r))  # with what the thread named, or its card
    return None
