"""PEP 440 ordering: the latest release is decided by version, never by text or upload order."""

from __future__ import annotations

import pytest

from bot.knowledge.versions import is_prerelease, sort_key


def _sorted(versions: list[str]) -> list[str]:
    return sorted(versions, key=lambda v: sort_key(v) or ())


def test_numbers_compare_as_numbers_not_text():
    assert _sorted(["3.1.9", "3.1.10", "3.2", "3.1"]) == ["3.1", "3.1.9", "3.1.10", "3.2"]


def test_the_pep_440_order_of_pre_post_and_dev_releases():
    order = ["1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0.post1.dev1", "1.0.post1",
             "1.1.dev0", "1.1"]
    assert _sorted(list(reversed(order))) == order


def test_spellings_of_one_version_are_equal():
    assert sort_key("1.0") == sort_key("1.0.0") == sort_key("v1.0") == sort_key("1.0+local")
    assert sort_key("1.0-1") == sort_key("1.0.post1")
    assert sort_key("1.0alpha2") == sort_key("1.0a2") and sort_key("1.0c1") == sort_key("1.0rc1")
    assert sort_key("1!0.5") > sort_key("99.0")  # an epoch outranks any release number


@pytest.mark.parametrize(("version", "pre"), [
    ("4.0.0rc1", True), ("2.0b3", True), ("1.0.dev4", True), ("1.0a1.post1", True),
    ("1.0", False), ("1.0.post2", False), ("25.12.1", False),
])
def test_pre_releases(version, pre):
    assert is_prerelease(version) is pre


@pytest.mark.parametrize("version", ["", "latest", "1..0", "1.0-beta-x", "one"])
def test_what_pep_440_cannot_read_has_no_key(version):
    assert sort_key(version) is None
    assert not is_prerelease(version)
