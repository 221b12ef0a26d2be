"""What PyPI says about a project's latest release, through its JSON API (https://pypi.org/pypi/<name>/json).

Only the standard library is used (urllib), so `kb refresh` adds no dependency. Every request has one
deadline for the whole exchange (a server that drips a byte a second cannot hold a run for hours), a size
cap, and a User-Agent that says who is asking, as PyPI asks of automated clients. Every failure is a
`PypiError` with a one-line message, so one broken project never stops the others.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from bot import __version__
from bot.knowledge import versions
from bot.knowledge.reading import quote

DEFAULT_INDEX = "https://pypi.org/pypi"
INDEX_ENV = "PYFRAMEWORK_PYPI_URL"
TIMEOUT = 10.0  # seconds for one project's whole request
MAX_BYTES = 32 * 1024 * 1024  # Django's JSON, with every release, is a few MiB
USER_AGENT = f"pyframework/{__version__} (kb refresh; Python urllib)"
_PROJECT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")  # a valid PyPI project name
_SPECIFIER = re.compile(r"^[<>=!~]{0,3} ?[0-9A-Za-z.*+]+(?: ?, ?[<>=!~]{1,3} ?[0-9A-Za-z.*+]+)*$")


class PypiError(Exception):
    """Why one project's metadata could not be had; the message is one line."""


@dataclass(frozen=True)
class PypiRelease:
    """The facts of a framework file that PyPI is the source for."""

    project: str  # PyPI's spelling of the name ("Flask")
    version: str
    date: str  # YYYY-MM-DD: the first upload of the version's files
    python_requires: str  # "" when the release declares none
    license: str  # the metadata's license_expression; "" when it has none

    @property
    def source(self) -> str:
        """The public page of this very release: what `release.source` cites."""
        return f"https://pypi.org/project/{self.project}/{self.version}/"


def index_url(given: str | None) -> str:
    """The index to ask: `--index-url`, else $PYFRAMEWORK_PYPI_URL, else PyPI; a bad one is a ValueError."""
    url = (given or os.environ.get(INDEX_ENV) or DEFAULT_INDEX).strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the index URL must be http(s)://host/..., got `{quote(url)}`")
    return url.rstrip("/")


def project_url(index: str, name: str) -> str:
    if not _PROJECT.match(name):
        raise PypiError(f"`{quote(name)}` is not a PyPI project name")
    return f"{index}/{urllib.parse.quote(name)}/json"


def fetch_project(index: str, name: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    """The project's JSON document, read within `timeout` seconds in all."""
    url = project_url(index, name)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the scheme is checked)
            body = _read_within(response, deadline)
    except urllib.error.HTTPError as exc:
        hint = " (no such project on the index)" if exc.code == 404 else ""
        raise PypiError(f"HTTP {exc.code} from {url}{hint}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise PypiError(f"no answer from {url} within {timeout:g} s") from None
        raise PypiError(f"cannot reach {url}: {quote(exc.reason)}") from None
    except TimeoutError:
        raise PypiError(f"no answer from {url} within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # connection reset, malformed HTTP, ...
        raise PypiError(f"reading {url} failed: {quote(exc)}") from None
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise PypiError(f"{url} did not answer with UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise PypiError(f"{url} did not answer with valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("info"), dict):
        raise PypiError(f"{url} is not shaped like PyPI's JSON API (no `info` object)")
    return data


def _read_within(response: Any, deadline: float) -> bytes:
    """The body, in chunks, checking the deadline between them: each read waits at most the timeout, so a
    drip-feeding server is cut off within about twice the timeout."""
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > MAX_BYTES:
            raise PypiError(f"the answer is over {MAX_BYTES // (1024 * 1024)} MiB")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def latest_release(data: dict[str, Any], name: str) -> PypiRelease:
    """The latest final release of project `name` that is not yanked, with its date, Python requirement
    and license."""
    info = data["info"]
    releases = data.get("releases") if isinstance(data.get("releases"), dict) else {}
    version, files = _latest(info, releases, data.get("urls"))
    live = [f for f in files if isinstance(f, dict) and not f.get("yanked")]
    date = _first_upload(live)
    if date is None:
        raise PypiError(f"release {quote(version)} has no file with an upload time")
    requires = next((str(f["requires_python"]) for f in live if f.get("requires_python")), "")
    if not requires and version == info.get("version"):
        requires = str(info.get("requires_python") or "")
    requires = " ".join(requires.split())
    if requires and (len(requires) > 200 or not _SPECIFIER.match(requires)):
        raise PypiError(f"requires_python `{quote(requires)}` is not a version specifier")
    project = str(info.get("name") or "")
    return PypiRelease(project if _PROJECT.match(project) else name, version, date, requires, _license(info))


def _latest(info: dict[str, Any], releases: dict[str, Any], urls: Any) -> tuple[str, list[Any]]:
    """The highest final version with a file that is not yanked.

    PyPI's `info.version` is already the latest non-prerelease, but a mirror or an older index may not
    skip yanked releases, and a project with only pre-releases reports one; so the release list decides,
    and `info.version` only when the index sends no list."""
    candidates = []
    for version, files in releases.items():
        key = versions.sort_key(str(version)) if len(str(version)) <= 64 else None
        if key is None or versions.is_prerelease(str(version)) or not isinstance(files, list):
            continue
        if any(isinstance(f, dict) and not f.get("yanked") for f in files):
            candidates.append((key, str(version), files))
    if candidates:
        _key, version, files = max(candidates)
        return version, files
    version = str(info.get("version") or "")
    if releases or versions.sort_key(version) is None:
        raise PypiError("no final release that is not yanked (only pre-releases, yanked or file-less ones)")
    if versions.is_prerelease(version) or info.get("yanked"):
        raise PypiError(f"the latest version {quote(version)} is a pre-release or yanked, and no release list came")
    return version, urls if isinstance(urls, list) else []


def _first_upload(files: list[dict[str, Any]]) -> str | None:
    dates = []
    for f in files:
        stamp = str(f.get("upload_time_iso_8601") or f.get("upload_time") or "")[:10]
        try:
            dates.append(dt.date.fromisoformat(stamp))
        except ValueError:
            continue
    return min(dates).isoformat() if dates else None


def _license(info: dict[str, Any]) -> str:
    """PEP 639's `license_expression`, the one metadata field that is an SPDX expression by definition.

    The older `license` field is free text (often the whole licence, or a word such as "BSD" that names
    no particular licence), so comparing it with a file's SPDX expression would only report noise."""
    return " ".join(str(info.get("license_expression") or "").split())
