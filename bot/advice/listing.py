"""The filters of a list of frameworks ("the async ones", "BSD licensed", "unmaintained", "rust-accelerated"),
each with the words its title adds, so the listing says what it shows."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.advice.facts import allows_python, release_for_python, under_licenses
from bot.advice.model import as_written
from bot.knowledge import CATEGORY_TITLES, Framework, Trait


def by_category(frameworks: list[Framework], category: str | None) -> tuple[list[Framework], str]:
    """The frameworks of the kind asked for ("list micro", "which are asgi", "async frameworks"), and a title."""
    if category in ("asgi", "wsgi"):
        return [fw for fw in frameworks if category in fw.interface.split("+")], f"{category.upper()} frameworks"
    if category == "async":
        return [fw for fw in frameworks if fw.async_support == "native"], "Frameworks with native async support"
    if category:
        title = CATEGORY_TITLES.get(category, f"{category.capitalize()} frameworks")
        return [fw for fw in frameworks if fw.category == category], title
    return frameworks, "The Python web frameworks I know"


def by_fact(frameworks: list[Framework], title: str, topic: str | None, traits: Mapping[str, Trait]
             ) -> tuple[list[Framework], str]:
    """A list filtered by a fact of each card: a license family ("license:bsd"), a Python version the latest
    release allows ("python:3.14"), a state of maintenance, or priorities the card states ("priority:low_memory":
    the fastest, the leanest); any other topic leaves the list as it is."""
    kind, _, value = (topic or "").partition(":")
    if kind == "priority":
        wanted = [v for v in value.split("+") if v in traits["priority"].values]
        kept = [fw for fw in frameworks if all(v in fw.traits.get("priority", ()) for v in wanted)]
        labels = " and ".join(traits["priority"].values[v].label for v in wanted)
        return kept, f"{title}, strong on {labels}"
    if kind == "license":
        families = value.split("+")
        kept = [fw for fw in frameworks if under_licenses(fw, families)]
        shown = " or ".join(spelled(frameworks, family) for family in families)
        return kept, f"{title} under {shown} licenses"
    if kind == "python":
        kept = [fw for fw in frameworks if release_for_python(fw, value) is not None]
        by_lts = any(not allows_python(fw.release.python_requires, value) for fw in kept)
        return kept, f"{title} whose latest release{' (or a long-term-support one)' if by_lts else ''} allows " \
            f"Python {value}"
    if kind == "maintenance":
        dead = value == "unmaintained"
        return [fw for fw in frameworks if (fw.maintenance == "unmaintained") == dead], \
            f"{title} that {'are unmaintained' if dead else 'are maintained'}"
    return frameworks, title


def by_terms(frameworks: list[Framework], title: str, terms: tuple[str, ...],
              distinctive: Mapping[str, frozenset[str]]) -> tuple[list[Framework], str]:
    """"the rust-accelerated ones": the frameworks whose own description uses a word the question does and
    few others use; the list unfiltered when none does (a word is no reason to answer with nothing)."""
    kept = [fw for fw in frameworks if any(fw.id in distinctive[t] for t in terms)]
    if not kept:
        return frameworks, title
    said = ", ".join(f"“{as_written(kept[0], t)}”" for t in terms if kept[0].id in distinctive[t])
    return kept, f"{title} whose own description mentions {said}"


def spelled(frameworks: list[Framework], family: str) -> str:
    """A license family as the cards spell it ("BSD", "Apache")."""
    return next((t for fw in frameworks for t in re.split(r"[^A-Za-z]+", fw.license) if t.lower() == family),
                family)
