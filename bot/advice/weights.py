"""The weights of the transparent score (see scoring.py): every number an answer's ranking rests on.

Needs add what a framework offers for them (built in > extension or partial > nothing), traits add or
subtract their fit, and adoption and maintenance nudge the rest.
"""

SUPPORT_POINTS = {"builtin": 1.0, "extension": 0.55, "partial": 0.55, "none": -0.5}
# A need a library in use provides ("SQLAlchemy models everywhere"): a framework that works with it covers it; one
# that leaves it out keeps it as it is; one with its own layer instead means two layers or a rewrite.
WITH_LIBRARY_POINTS = {"pairs": 1.0, "leaves": 0.55, "own": 0.2}
EXTENSION_IS_ANOTHER_FRAMEWORK = 0.15  # "dashboards via Dash": that is choosing Dash, not Flask
EXTENSION_WHEN_BUILTIN_ASKED = 0.1  # "a built-in admin": Flask-Admin is not what was asked for
ASYNC_SUPPORT = {"native": "builtin", "partial": "partial", "none": "none"}
TRAIT_MISMATCH = {"size": -0.6, "experience": -0.3, "priority": 0.0, "project": -0.4}
MAINTENANCE_POINTS = {"active": 0.0, "maintenance-only": -0.1, "unmaintained": -2.0}  # slow is not dead
ADOPTION_POINTS = {"high": 0.45, "medium": 0.2, "low": 0.0}
DECLARED_MAINTENANCE_ADOPTION = "medium"  # a project that says it takes no new features ("maintenance mode")
# keeps the users it has; wide use is no reason for a new project to pick it over an active one that fits as well


def prior_points(adoption: str, maintenance: str, declared_maintenance: bool) -> float:
    """What a framework earns before any need: adoption and maintenance. A declared maintenance mode caps the
    adoption counted (Django REST framework: no more than Django Ninja's); a quiet release history does not
    (Bottle is finished, not frozen)."""
    if declared_maintenance:
        adoption = min(adoption, DECLARED_MAINTENANCE_ADOPTION, key=ADOPTION_POINTS.__getitem__)
    return ADOPTION_POINTS[adoption] + MAINTENANCE_POINTS[maintenance]
EMPHASIS = 2.0
IMPLIED = 0.5  # a need only a broader phrase implies ("CMS-style site": a CMS, perhaps)
SECONDARY_PRIORITY = 0.75
COVERED_KIND = 0.5  # a kind of project the framework's own kinds cover (`covered_by`): Dash for a Python UI
RANKED_TRAITS = frozenset({"priority", "project"})  # listed first = what the framework is for
NEGATED_BUILTIN = -0.3
NEGATED_ABSENT = 0.0  # lacking what nobody asked for earns nothing
KIND_WANTED = 0.5  # the category asked for by name: less than a need
KIND_CONTRARY = {"micro": frozenset({"full-stack", "cms"}), "full-stack": frozenset({"micro"})}  # "a minimal web
# layer" is not Django, nor an add-on that brings Django; "batteries included" is not Bottle
KIND_CONTRARY_POINTS = -0.5
ADDON_OVER_BASE_MARGIN = 0.5  # an add-on only a little ahead of its base: choose the base, then add it
SUCCESSOR_BONUS = 1.0  # the project that continues the one named: a natural first look
COUNTERPART_BONUS = 0.5  # the Python twin of another language's framework named (R Shiny: Shiny for Python)
AVOIDED_DEPENDENCY = -1.0  # "no Pydantic": as strong as a missing need
SIMILAR_CATEGORY = 1.0
SHARED_TRAIT_WEIGHTS = {"project": 0.4, "size": 0.2, "priority": 0.2}  # likeness from the traits in common
BUILDS_ON_IT = 1.5  # built on the framework named: more alike than the same category
SHARED_LIBRARY = 0.4  # per library both are built on (at most two count)
SAME_INTERFACE = 0.2
BUILT_FOR_WHAT_YOU_HAVE = 2.0  # above ALREADY_IN_USE: "our Django app needs an API" is answered by DRF/Ninja
ALREADY_IN_USE = 1.5
ADD_ON_FOR_ANOTHER_BASE = -1.5
# An add-on nobody asked for by name, for a project on no framework: choosing it means adopting its base too, so
# on a near-tie the base (or a framework of its own) goes first: Django before Django Ninja for a new API.
ADD_ON_WITHOUT_ITS_BASE = -0.2
INTERFACE_WEIGHT = 1.0
NOT_MADE_FOR_THIS = -1.0  # Dash, Streamlit, Gradio are not general web frameworks
# Kinds of framework made for one kind of project: the kinds of project that make them fair game, and the
# caveat they get anywhere else.
MADE_FOR_ONE_KIND = {
    "data-app": (frozenset({"data_app", "ml_demo"}),
                 "Built for data apps and dashboards, not general web apps or APIs"),
    "ui": (frozenset({"ui_app", "data_app", "ml_demo"}),
           "Built for interactive UIs written in Python, not general web apps or APIs"),
}
LIKENESS_WITH_NEEDS = 0.3
LIKENESS_ASKED = 0.6  # with needs, when the message names the model outright ("FastAPI-style type hints")
TERM_BONUS = 0.3  # a word only this framework's description uses: a hint, less than any stated need
TERM_WITHOUT_FEATURES_BONUS = 0.6  # with only traits said ("rust-powered, for our API"): more than a kind's
MAX_TERMS = 2
# A comparison's words no need or trait read, against each option's own description (knowledge/purposes.py: their
# weight there, 0 to 1, typically 0.1-0.4): the purpose among the options named ("nicegui or streamlit for a robot
# control panel?"), a tie-break next to needs and traits. Among all frameworks (a recommendation) the words of the
# many descriptions meet by chance ("term", "codebase"): tried at 0.6 and left out.
DESCRIBED_PURPOSE = {"compare": 2.0}
TERM_ONLY_BONUS = 1.0  # with nothing else asked ("rust-powered python web framework?"), the hint is the question
BUILT_ON_TERM_BONUS = 1.0  # a library the framework is built on, named ("our bokeh plots"): close to a need
SHORTLISTED = 1.2  # a framework the message asks about ("explore Litestar instead of FastAPI"): a clearly
SHORTLIST_FAVOURED = 0.3  # better fit elsewhere still wins; among the shortlist, the one leaned towards breaks ties
CLEARLY_BETTER = 0.5  # points; below that, "X fits better" would be noise from adoption
CLEARLY_BETTER_FIT = 15  # fit percentage points: a compared option this much closer to what was asked leads,
# whatever its adoption ("shiny vs streamlit, which handles reactive stuff better?")
SINGLE_MAINTAINER = 1.5  # "we can't use anything with a single maintainer": below every team-kept one that fits
LICENSE_NOT_ALLOWED = 3.0  # "MIT or BSD only": a license the company rules out, below any that it allows
PYTHON_TOO_OLD = 1.0  # "we're on 3.9": a framework whose latest release needs newer Python, below one that runs
FITS_WELL = 75  # "is FastAPI good for big projects?": from this fit, with nothing clearly better, the answer is yes

BATTERIES_WANTED = frozenset({("size", "large"), ("priority", "development_speed"), ("priority", "growth"),
                              ("project", "web_app")})
LEAN_WANTED = frozenset({("size", "tiny"), ("size", "small"), ("project", "api"), ("project", "data_app"),
                         ("priority", "learning_internals")})
LEAN_SIZES = frozenset({"tiny", "small"})  # said outright, these win over what a kind of project suggests
SYNC_NEED = "sync_handlers"  # a need for it makes features only async code can use (`async_only`) partial
ASYNC_ONLY_WHEN_SYNC_STRESSED = 0.2  # "no async please, ... websockets": a feature only async code can use
# is out of reach of the code they will write, close to lacking it (Flask-Sock beats Falcon's ASGI websockets)
DATA_APP_NEED = "dashboards"  # a need for it, or the data_app kind of project, makes data-app frameworks fair game
DATA_APP_PROJECT = ("project", "data_app")

RECOMMENDATIONS_SHOWN = 5
ALTERNATIVES_SHOWN = 3  # with a card about an unmaintained framework
PLAN_CACHE_SIZE = 1024
COMPARE_DEFAULT_FEATURES = ("orm", "admin", "templates", "auth", "websockets", "openapi", "validation",
                            "async", "zero_dependencies")
MAX_COMPARE_ROWS = 14
