"""The dated facts of a framework file: release, support policy, backing, activity and adoption.

Maintenance is worked out from dated evidence rather than declared, so a label can never outlive the
facts behind it; the day of reference is the file's `checked` date, so answers do not drift between
checks (and `kb check` warns when a check is old).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bot.knowledge.model import (
    ACTIVITY_STATUS,
    ADOPTION,
    BACKING_KINDS,
    Activity,
    Adoption,
    Backing,
    Dated,
    Footprint,
    LtsRelease,
    Release,
    parse_date,
)
from bot.knowledge.reading import quote

Bad = Callable[..., None]  # bad(message, *path)

ACTIVE_RELEASE_MONTHS = 12
ACTIVE_WITH_COMMITS_MONTHS = 24
RECENT_COMMIT_MONTHS = 6
MAINTAINED_RELEASE_MONTHS = 36
MAINTAINED_COMMIT_MONTHS = 12
STALE_CHECK_DAYS = 183  # about six months

_RELEASE_KEYS = ("version", "date", "python_requires", "free_threaded", "free_threaded_source", "source")
_ACTIVITY_KEYS = ("last_release", "last_commit", "status", "source")
_LTS_KEYS = ("version", "python_requires", "supported_until", "source")
_ADOPTION_KEYS = ("level", "pypi_rank", "below_pypi_top", "github_stars", "survey", "as_of", "source", "note")


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def maintenance_of(activity: Activity, checked: dt.date) -> str:
    """active, maintenance-only or unmaintained, from what the project says and when it last released."""
    if activity.status in ("archived", "deprecated"):
        return "unmaintained"
    if activity.status in ("legacy", "maintenance-mode"):
        return "maintenance-only"
    released = parse_date(activity.last_release)
    committed = parse_date(activity.last_commit)
    since_release = months_between(released, checked) if released else 10**6
    since_commit = months_between(committed, checked) if committed else 10**6
    if since_release <= ACTIVE_RELEASE_MONTHS or (since_release <= ACTIVE_WITH_COMMITS_MONTHS
                                                  and since_commit <= RECENT_COMMIT_MONTHS):
        return "active"
    if since_release <= MAINTAINED_RELEASE_MONTHS or since_commit <= MAINTAINED_COMMIT_MONTHS:
        return "maintenance-only"
    return "unmaintained"


def _mapping(raw: Any, name: str, keys: tuple[str, ...], bad: Bad) -> dict[str, Any]:
    if not isinstance(raw, dict):
        bad(f"`{name}` must be a mapping ({', '.join(keys)})", name)
        return {}
    for key in raw:
        if key not in keys:
            bad(f"unknown field `{quote(key)}` in `{name}` (expected {', '.join(keys)})", name, key)
    return raw


def _date_text(raw: dict[str, Any], key: str, name: str, bad: Bad, required: bool = True) -> str:
    value = raw.get(key)
    if value in (None, ""):
        if required:
            bad(f"`{name}.{key}` is required (YYYY-MM-DD or YYYY-MM)", name)
        return ""
    date = parse_date(value)
    if date is None or date > dt.date.today() + dt.timedelta(days=1):
        bad(f"`{name}.{key}` must be a past date (YYYY-MM-DD or YYYY-MM), got `{quote(value)}`", name, key)
        return ""
    text = str(value)
    return text if len(text) in (7, 10) else date.isoformat()


def _source(raw: dict[str, Any], name: str, bad: Bad, is_url: Callable[[Any], bool], key: str = "source") -> str:
    value = raw.get(key)
    if not is_url(value):
        bad(f"`{name}.{key}` must be the http(s) URL the fact comes from", name)
        return ""
    return str(value)


def parse_release(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> Release:
    raw = _mapping(raw, "release", _RELEASE_KEYS, bad)
    version = raw.get("version")
    if not isinstance(version, str | int | float) or not str(version).strip():
        bad("`release.version` must be the latest version, quoted (\"3.1.3\")", "release")
        version = "?"
    requires = raw.get("python_requires", "")
    if requires and not isinstance(requires, str):
        bad("`release.python_requires` must be text such as \">=3.9\"", "release", "python_requires")
        requires = ""
    threaded = raw.get("free_threaded")
    if threaded is not None and not isinstance(threaded, bool):
        bad("`release.free_threaded` must be true, false or null", "release", "free_threaded")
        threaded = None
    if threaded is not None:
        _source(raw, "release", bad, is_url, "free_threaded_source")
    return Release(str(version), _date_text(raw, "date", "release", bad), str(requires or ""), threaded,
                   _source(raw, "release", bad, is_url))


def parse_lts_release(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> LtsRelease | None:
    """The optional `lts_release`: a long-term-support series still supported, with the Python it needs."""
    if raw is None:
        return None
    raw = _mapping(raw, "lts_release", _LTS_KEYS, bad)
    version, requires, until = (str(raw.get(k) or "") for k in ("version", "python_requires", "supported_until"))
    if not version or not requires:
        bad("`lts_release` needs its `version` (quoted) and `python_requires`", "lts_release")
    if parse_date(until) is None:
        bad("`lts_release.supported_until` must be the end of its security fixes (YYYY-MM)", "lts_release",
            "supported_until")
        until = ""
    return LtsRelease(version, requires, until, _source(raw, "lts_release", bad, is_url))


def parse_activity(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> Activity:
    raw = _mapping(raw, "activity", _ACTIVITY_KEYS, bad)
    status = raw.get("status") or ""
    if status and status not in ACTIVITY_STATUS:
        bad(f"`activity.status` `{quote(status)}` is not one of {', '.join(ACTIVITY_STATUS)}", "activity", "status")
        status = ""
    return Activity(_date_text(raw, "last_release", "activity", bad),
                    _date_text(raw, "last_commit", "activity", bad, required=False), str(status),
                    _source(raw, "activity", bad, is_url))


def parse_adoption(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> Adoption:
    raw = _mapping(raw, "adoption", _ADOPTION_KEYS, bad)
    level = raw.get("level")
    if level not in ADOPTION:
        bad(f"`adoption.level` `{quote(level)}` is not one of {', '.join(ADOPTION)}", "adoption")
        level = "medium"
    numbers = {}
    for key in ("pypi_rank", "below_pypi_top", "github_stars"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            bad(f"`adoption.{key}` must be a positive whole number", "adoption", key)
            value = None
        numbers[key] = value
    figures = numbers["pypi_rank"] or numbers["below_pypi_top"] or numbers["github_stars"] or raw.get("survey")
    if not figures:
        bad("`adoption` needs a dated figure: pypi_rank (or below_pypi_top: 15000), github_stars or survey",
            "adoption")
    return Adoption(level, _date_text(raw, "as_of", "adoption", bad), _source(raw, "adoption", bad, is_url),
                    numbers["pypi_rank"], numbers["github_stars"], str(raw.get("survey") or ""),
                    " ".join(str(raw.get("note") or "").split()), numbers["below_pypi_top"])


def parse_policy(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> Dated:
    raw = _mapping(raw, "support_policy", ("text", "source"), bad)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        bad("`support_policy.text` must say how long releases get fixes", "support_policy")
        text = ""
    return Dated(" ".join(str(text).split()), _source(raw, "support_policy", bad, is_url))


def parse_backing(raw: Any, bad: Bad, is_url: Callable[[Any], bool]) -> Backing:
    raw = _mapping(raw, "backing", ("by", "kind", "source"), bad)
    kind = raw.get("kind")
    if kind not in BACKING_KINDS:
        bad(f"`backing.kind` `{quote(kind)}` is not one of {', '.join(BACKING_KINDS)}", "backing")
        kind = "volunteers"
    by = raw.get("by")
    if not isinstance(by, str) or not by.strip():
        bad("`backing.by` must name who backs the project", "backing")
        by = ""
    return Backing(str(by), str(kind), _source(raw, "backing", bad, is_url))


def parse_footprint(raw: Any, bad: Bad) -> Footprint | None:
    """`footprint: {rss_mb: 24.9, served_by: waitress 3.0.2, measured: 2026-12-04}`, or None when not measured."""
    if raw is None:
        return None
    raw = _mapping(raw, "footprint", ("rss_mb", "served_by", "measured"), bad)
    rss = raw.get("rss_mb")
    if isinstance(rss, bool) or not isinstance(rss, int | float) or not 0 < rss < 10_000:
        bad("`footprint.rss_mb` must be the megabytes measured, a positive number", "footprint")
        rss = 0.0
    served_by = raw.get("served_by")
    if not isinstance(served_by, str) or not served_by.strip():
        bad("`footprint.served_by` must name the server the route was served by", "footprint")
        served_by = ""
    return Footprint(float(rss), str(served_by), _date_text(raw, "measured", "footprint", bad))
