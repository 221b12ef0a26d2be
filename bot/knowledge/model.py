"""What the knowledge base holds, as frozen values: the engine reads these and never the YAML.

Facts that go stale carry their date and their source (`Release`, `Activity`, `Adoption`), so every
answer can say how old a fact is and where it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CATEGORIES = ("full-stack", "micro", "async", "api", "data-app", "ui", "cms")
CATEGORY_LABELS = {"full-stack": "full-stack", "micro": "microframework", "async": "async", "api": "API",
                   "data-app": "data app", "ui": "Python UI", "cms": "CMS"}
CATEGORY_TITLES = {"full-stack": "Full-stack frameworks", "micro": "Microframeworks", "async": "Async frameworks",
                   "api": "API frameworks", "data-app": "Data apps and dashboards", "ui": "Python UIs",
                   "cms": "Content management"}  # headings of a listing, where the ids would read as code
INTERFACES = ("wsgi", "asgi", "wsgi+asgi", "own-server", "own-server+asgi", "own-server+adapters")
ASYNC_SUPPORT = ("native", "partial", "none")
MAINTENANCE = ("active", "maintenance-only", "unmaintained")
SUPPORT_LEVELS = ("builtin", "partial", "extension", "none")
ADOPTION = ("high", "medium", "low")
BACKING_KINDS = ("foundation", "company", "community-org", "single-maintainer", "volunteers")
ACTIVITY_STATUS = ("archived", "deprecated", "legacy", "maintenance-mode")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file, where it is and what to do about it."""

    file: str
    line: int
    message: str
    warning: bool = False  # reported by `kb check`, but the knowledge base is still usable

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {'warning: ' if self.warning else ''}{self.message}"


class KnowledgeError(Exception):
    """The knowledge base cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "unknown problem"
        more = f" (and {len(problems) - 1} more; run `pyframework kb check`)" if len(problems) > 1 else ""
        super().__init__(f"invalid knowledge base: {first}{more}")


@dataclass(frozen=True)
class Feature:
    id: str
    label: str
    description: str
    weight: float
    synonyms: tuple[str, ...]
    missing: str = ""
    generic: bool = False  # its words also name everyday things ("testing", "forms"): no evidence of software
    project: str = ""  # the kind of project a need for it implies (dashboards: a data app)
    unobtrusive: bool = False  # having it costs nothing when unused: ruling it out penalises no framework
    lean: bool = False  # a need for it favours the leaner of equal fits (cold starts, memory): serverless
    ruled_out_by: tuple[str, ...] = ()  # phrases that say it is not wanted: "raw SQL" rules out an ORM
    ruling_out_wants: str = ""  # the feature that ruling this one out asks for: "no asyncio anywhere", sync handlers
    any_framework_via: str = ""  # a standalone library any framework can use for it (an HTTP client: httpx)
    any_framework_source: str = ""
    # Kinds of project whose frameworks carry it for the developer: in a Python UI, the chat that streams tokens
    # rides the toolkit's own connection, so "streaming tokens" there is no need for server-sent events.
    carried_by: tuple[str, ...] = ()
    # Part of how much a framework covers by itself (the tie-break "covers more by itself"): not where it runs
    # (PyPy) nor a restatement of other features (custom styling is its templates or its UI's styling)
    in_breadth: bool = True
    # What an add-on inherits from its base and cannot change (async, where it runs): no reason to pick the add-on
    from_the_base: bool = False

    @property
    def absent(self) -> str:
        """How to say a framework lacks this: `No admin interface`, or the vocabulary's own wording."""
        return self.missing or f"No {lower_first(self.label)}"


@dataclass(frozen=True)
class TraitValue:
    trait: str
    id: str
    label: str
    synonyms: tuple[str, ...]
    outranks: tuple[str, ...] = ()  # values of the same trait it replaces when both are read (data_app: web_app)
    # Values it is read in place of when a cue says the message is about its subject (a cue flagged `refines`):
    # a Python UI in a message that serves a model is that model's demo ("serving a 2GB model, UI is a slider").
    refines: tuple[str, ...] = ()
    # Values whose frameworks also serve this one, as a lesser fit and with no caveat: a data-app framework
    # (Dash, Panel, Shiny) is an interactive UI written in Python too.
    covered_by: tuple[str, ...] = ()
    # A value a measured fact grades (`graded_by_footprint`): the megabytes one process serving one route may take
    # to earn all of the value's weight, and none of it. Memory is a number, not a yes/no: the lightest framework
    # should outrank one that is only light enough to be listed.
    footprint_range: tuple[float, float] | None = None

    def footprint_share(self, footprint: Footprint | None) -> float | None:
        """The share of this value's weight a framework with `footprint` earns, None when the value is not
        graded by footprints or the framework was not measured."""
        if self.footprint_range is None or footprint is None:
            return None
        full, none = self.footprint_range
        return max(0.0, min(1.0, (none - footprint.rss_mb) / (none - full)))


@dataclass(frozen=True)
class Trait:
    id: str
    label: str
    weight: float
    values: dict[str, TraitValue]
    # Said in words of its own, never implied by the first word of a longer phrase: the "intermediate steps" of
    # an agent say nothing of the team's experience, where "minimal dependencies" does say the app is small.
    stated_only: bool = False


@dataclass(frozen=True)
class Support:
    """How a framework provides a feature: builtin, through an extension (`via`), or not at all."""

    level: str
    via: str = ""
    note: str = ""
    source: str = ""
    async_only: bool = False  # works only from async code (FastAPI's WebSocket endpoints): not for a sync wish


@dataclass(frozen=True)
class ArticleClaim:
    claim: str
    correction: str
    source: str


@dataclass(frozen=True)
class Dated:
    """A fact with its text, when it was true and where it is written."""

    text: str
    source: str
    date: str = ""  # YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM or YYYY-MM-DD
    python_requires: str = ""
    free_threaded: bool | None = None
    source: str = ""


@dataclass(frozen=True)
class LtsRelease:
    """A long-term-support series still given fixes beside the latest release, which may run on an older Python
    than the latest ("on 3.11 you stay on Django 5.2 LTS", not "Django is out")."""

    version: str
    python_requires: str
    supported_until: str  # YYYY-MM or YYYY-MM-DD: the end of its security fixes
    source: str


@dataclass(frozen=True)
class Footprint:
    """The memory one process takes serving one JSON route under the server named, after 200 requests
    (`tools/measure_footprint.py`): measured rather than sourced, since no project publishes a comparable figure."""

    rss_mb: float
    served_by: str  # "waitress 3.0.2", "its own server"
    measured: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Backing:
    by: str
    kind: str
    source: str


@dataclass(frozen=True)
class Activity:
    last_release: str
    last_commit: str = ""
    status: str = ""
    source: str = ""


@dataclass(frozen=True)
class Adoption:
    level: str
    as_of: str = ""
    source: str = ""
    pypi_rank: int | None = None
    github_stars: int | None = None
    survey: str = ""
    note: str = ""
    below_pypi_top: int | None = None  # not among the N most downloaded PyPI packages

    def figure(self) -> str:
        """The dated figure behind the level, in words: "PyPI download rank 181 (2026-11)"."""
        parts = []
        if self.pypi_rank:
            parts.append(f"PyPI download rank {self.pypi_rank:,}")
        elif self.below_pypi_top:
            parts.append(f"not among the {self.below_pypi_top:,} most downloaded PyPI packages")
        if self.github_stars:
            parts.append(f"{self.github_stars:,} GitHub stars")
        if self.survey:
            parts.append(self.survey)
        text = "; ".join(parts)
        return f"{text} ({self.as_of})" if text and self.as_of else text


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    aliases: tuple[str, ...]
    common_word: bool
    category: str
    summary: str
    interface: str
    async_support: str
    license: str
    first_release: int
    release: Release
    maintenance: str  # worked out from `activity` as of `checked` (see facts.maintenance_of)
    checked: str
    adoption_facts: Adoption
    features: dict[str, Support]
    traits: dict[str, tuple[str, ...]]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    best_for: tuple[str, ...]
    avoid_when: tuple[str, ...]
    notable_users: tuple[str, ...]
    dependencies: tuple[str, ...]
    docs: str
    repository: str
    sources: tuple[str, ...]
    article_claims: tuple[ArticleClaim, ...]
    extends: str = ""  # the framework this one is an add-on for (Django REST framework -> django)
    succeeds: tuple[str, ...] = ()  # projects it continues (Pyramid: Pylons, repoze.bfg; Litestar: Starlite)
    built_on: tuple[str, ...] = ()  # what it is built on (Quart: werkzeug; NiceGUI: fastapi)
    ecosystem: tuple[str, ...] = ()  # libraries of its own family that it works with first-hand (Panel: holoviews)
    pypi: str = ""  # the PyPI project name
    activity: Activity | None = None
    support_policy: Dated | None = None
    backing: Backing | None = None
    features_source: str = ""
    lts_release: LtsRelease | None = None
    footprint: Footprint | None = None

    @property
    def latest_version(self) -> str:
        return self.release.version

    @property
    def adoption(self) -> str:
        return self.adoption_facts.level

    @property
    def declared_maintenance(self) -> bool:
        """The project itself says it takes fixes only (`activity.status`), not just a quiet release history."""
        return self.activity is not None and self.activity.status in ("legacy", "maintenance-mode")

    @property
    def pypi_name(self) -> str:
        return self.pypi or self.id

    @property
    def prose(self) -> str:
        """Its own description in one string (summary, strengths, what it is best for): where its distinctive
        terms come from, and how they are written."""
        return " ".join((self.summary, *self.strengths, *self.best_for))

    def support(self, feature: str) -> Support:
        return self.features.get(feature, Support("none"))


@dataclass(frozen=True)
class Vocabulary:
    features: dict[str, Feature]
    traits: dict[str, Trait]


def lower_first(text: str) -> str:
    """`Admin interface` -> `admin interface`, but `OpenAPI`, `ORM` and `WebSockets` keep their case."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:] == first[1:].lower() else text


def parse_date(value: object) -> dt.date | None:
    """A YYYY-MM-DD or YYYY-MM value (YAML may already have made it a date); None when it is neither."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "")
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat(text + "-01")
    except ValueError:
        return None
