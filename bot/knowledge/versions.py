"""Version numbers as PEP 440 orders them, with the standard library only.

`kb refresh` must pick the latest final release from every version PyPI lists, and neither text order
("3.1.10" < "3.1.9") nor upload order (a 5.2 backport uploaded after 6.1) gets that right. The project
pins no `packaging`, so this is the part of PEP 440 that ordering and "is it a pre-release" need.
"""

from __future__ import annotations

import re

_PEP440 = re.compile(
    r"""^\s*v?
    (?:(?P<epoch>\d+)!)?
    (?P<release>\d+(?:\.\d+)*)
    (?:[-_.]?(?P<pre_l>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?P<pre_n>\d+)?)?
    (?:-(?P<post_n1>\d+)|[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>\d+)?)?
    (?:[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>\d+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PRE_RANK = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "c": 2, "rc": 2, "pre": 2, "preview": 2}

VersionKey = tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def sort_key(version: str) -> VersionKey | None:
    """A key that sorts versions as PEP 440 does; None for a version PEP 440 cannot read.

    Local labels (`+ubuntu1`) are ignored: PyPI refuses them, so they never decide the latest release."""
    match = _PEP440.match(version)
    if match is None:
        return None
    release = [int(part) for part in match["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:  # 1.0 == 1.0.0
        release.pop()
    is_post = match["post_n1"] is not None or match["post_l"] is not None
    is_dev = match["dev_l"] is not None
    if match["pre_l"] is not None:
        pre: tuple[int, ...] = (1, _PRE_RANK[match["pre_l"].lower()], int(match["pre_n"] or 0))
    elif is_dev and not is_post:
        pre = (0,)  # 1.0.dev1 comes before 1.0a1
    else:
        pre = (2,)  # no pre-release segment: after every pre-release of the same release
    post = (1, int(match["post_n1"] or match["post_n2"] or 0)) if is_post else (0,)
    dev = (0, int(match["dev_n"] or 0)) if is_dev else (1,)
    return int(match["epoch"] or 0), tuple(release), pre, post, dev


def is_prerelease(version: str) -> bool:
    """Alpha, beta, release candidate or development release (a post-release is final)."""
    match = _PEP440.match(version)
    return match is not None and (match["pre_l"] is not None or match["dev_l"] is not None)
