"""Reading PyPI's JSON: the latest final, unyanked release, its first upload date, Python and license."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import pypi
from bot.knowledge.pypi import PypiError, latest_release


def _file(date: str, yanked: bool = False, requires: str | None = ">=3.9") -> dict[str, Any]:
    return {"filename": "x.whl", "upload_time": date.replace("Z", "")[:19], "upload_time_iso_8601": date,
            "requires_python": requires, "yanked": yanked}


def _project(releases: dict[str, list[dict[str, Any]]], version: str, **info: Any) -> dict[str, Any]:
    return {"info": {"name": "Demo", "version": version, "requires_python": ">=3.9", "license": None,
                     "license_expression": "MIT", "yanked": False, **info},
            "releases": releases, "urls": releases.get(version, [])}


def test_the_latest_final_release_with_its_first_upload_date():
    data = _project({"3.1.9": [_file("2026-01-05T10:00:00Z")],
                     "3.1.10": [_file("2026-02-18T23:59:00.000001Z"), _file("2026-02-17T08:00:00Z")],
                     "2.3.9": [_file("2026-03-01T00:00:00Z")]},  # a backport uploaded later
                    "3.1.10")
    release = latest_release(data, "demo")
    assert (release.project, release.version, release.date) == ("Demo", "3.1.10", "2026-02-17")
    assert (release.python_requires, release.license) == (">=3.9", "MIT")
    assert release.source == "https://pypi.org/project/Demo/3.1.10/"


def test_pre_releases_and_yanked_releases_are_not_the_latest():
    data = _project({"1.0": [_file("2026-01-01T00:00:00Z")],
                     "1.1": [_file("2026-02-01T00:00:00Z", yanked=True)],
                     "2.0rc1": [_file("2026-03-01T00:00:00Z")],
                     "2.0.dev3": [_file("2026-03-02T00:00:00Z")],
                     "3.0": []},  # registered without files
                    "1.1", yanked=True)
    assert latest_release(data, "demo").version == "1.0"


def test_the_python_requirement_comes_from_the_chosen_release_not_the_newest_metadata():
    data = _project({"1.0": [_file("2026-01-01T00:00:00Z", requires=">=3.8")],
                     "1.1": [_file("2026-02-01T00:00:00Z", yanked=True)]}, "1.1", requires_python=">=3.12")
    assert latest_release(data, "demo").python_requires == ">=3.8"
    undeclared = _project({"1.0": [_file("2026-01-01T00:00:00Z", requires=None)]}, "1.0", requires_python=None)
    assert latest_release(undeclared, "demo").python_requires == ""


def test_without_a_release_list_info_version_and_urls_decide():
    data = {"info": {"name": "Demo", "version": "4.2", "requires_python": ">=3.10",
                     "license_expression": "BSD-3-Clause"},
            "urls": [_file("2026-04-02T12:00:00Z", requires=None)]}
    release = latest_release(data, "demo")
    assert (release.version, release.date, release.python_requires, release.license) == \
        ("4.2", "2026-04-02", ">=3.10", "BSD-3-Clause")


@pytest.mark.parametrize(("license_fields", "expected"), [
    ({"license_expression": "Apache-2.0 AND MIT", "license": "whatever"}, "Apache-2.0 AND MIT"),
    ({"license_expression": " MIT\n", "license": None}, "MIT"),
    ({"license_expression": None, "license": "BSD"}, ""),  # free text: no comparable expression
    ({"license_expression": None, "license": "Copyright (c) 2026, the authors.\nAll rights reserved."}, ""),
    ({"license_expression": None, "license": None}, ""),
])
def test_the_license_is_the_license_expression_or_nothing(license_fields, expected):
    data = _project({"1.0": [_file("2026-01-01T00:00:00Z")]}, "1.0", **license_fields)
    assert latest_release(data, "demo").license == expected


@pytest.mark.parametrize(("data", "message"), [
    (_project({"1.0rc1": [_file("2026-01-01T00:00:00Z")]}, "1.0rc1"), "no final release"),
    (_project({"1.0": [_file("2026-01-01T00:00:00Z", yanked=True)]}, "1.0"), "no final release"),
    ({"info": {"version": "2.0b1"}, "urls": [_file("2026-01-01T00:00:00Z")]}, "pre-release or yanked"),
    ({"info": {"version": "2.0", "yanked": True}, "urls": [_file("2026-01-01T00:00:00Z")]}, "pre-release or yanked"),
    ({"info": {"version": "2.0"}, "urls": []}, "no file with an upload time"),
    ({"info": {"version": "2.0"}, "urls": [{"upload_time": "yesterday"}]}, "no file with an upload time"),
    (_project({"1.0": [_file("2026-01-01T00:00:00Z", requires='">=3"; rm -rf /')]}, "1.0"),
     "not a version specifier"),
])
def test_what_cannot_be_read_is_one_clear_error(data, message):
    with pytest.raises(PypiError, match=message) as info:
        latest_release(data, "demo")
    assert "\n" not in str(info.value)


def test_the_project_name_from_the_index_is_used_only_when_valid():
    data = _project({"1.0": [_file("2026-01-01T00:00:00Z")]}, "1.0", name="../evil")
    assert latest_release(data, "demo").source == "https://pypi.org/project/demo/1.0/"


def test_the_index_url_option_then_the_environment_then_pypi(monkeypatch):
    monkeypatch.delenv(pypi.INDEX_ENV, raising=False)
    assert pypi.index_url(None) == "https://pypi.org/pypi"
    monkeypatch.setenv(pypi.INDEX_ENV, "http://127.0.0.1:9/simple-json/")
    assert pypi.index_url(None) == "http://127.0.0.1:9/simple-json"
    assert pypi.index_url("https://mirror.example/pypi") == "https://mirror.example/pypi"
    assert pypi.project_url("https://pypi.org/pypi", "Flask") == "https://pypi.org/pypi/Flask/json"
    for bad in ("ftp://mirror.example/pypi", "pypi.org/pypi", "http://"):
        with pytest.raises(ValueError, match="http"):
            pypi.index_url(bad)
    with pytest.raises(PypiError, match="not a PyPI project name"):
        pypi.project_url("https://pypi.org/pypi", "../etc/passwd")


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                     max_leaves=20)
_files = st.lists(st.fixed_dictionaries({}, optional={
    "upload_time_iso_8601": st.sampled_from(["2026-01-02T00:00:00Z", "bad", ""]) | _json,
    "requires_python": st.sampled_from([">=3.9", None, "", "<4,>=3.10"]) | _json,
    "yanked": st.booleans() | _json}) | _json, max_size=3)
_documents = st.fixed_dictionaries({"info": st.fixed_dictionaries({}, optional={
    "name": st.sampled_from(["Demo", ""]) | _json, "version": st.sampled_from(["1.0", "2.0rc1", "x"]) | _json,
    "requires_python": _json, "license_expression": _json, "yanked": _json})}, optional={
    "releases": st.dictionaries(st.sampled_from(["1.0", "1.1", "2.0b1", "1.0.post1", "junk", ""]), _files,
                                max_size=4) | _json,
    "urls": _files})


@settings(max_examples=300, deadline=None)
@given(_documents)
def test_any_json_is_a_release_or_one_clear_error(data):
    """Whatever an index sends, the answer is a release or a PypiError: never another exception."""
    try:
        release = latest_release(data, "demo")
    except PypiError as exc:
        assert "\n" not in str(exc)
    else:
        assert release.version and len(release.date) == 10
