"""The first line of a comparison asked on one criterion: "which is more popular, flask or django?",
"which one is faster, sanic or falcon?".

A comparison that answers with a feature table when the question was "which is faster?" ignores what
was asked. Popularity has a dated figure in every card (PyPI download rank, with its source), so it gets
a straight answer. Speed has none that deserves the name: published benchmarks time hello-world and
JSON endpoints on tuned set-ups, where the server, the database and the code around the framework
decide more than the framework does. Saying so, and what each project itself aims for, is the honest
answer; a ranking made up from such numbers would not be.
"""

from __future__ import annotations

from bot.advice.model import names
from bot.knowledge import Framework, KnowledgeBase

UNRANKED = 10**9  # "not among the 15,000 most downloaded": below every ranked package


def criterion_answer(kb: KnowledgeBase, frameworks: list[Framework], criterion: str) -> str | None:
    """One or two sentences that answer the comparison on `criterion`, or None for a criterion without one."""
    if criterion == "popularity":
        return _popularity(kb, frameworks)
    if criterion == "performance":
        return _performance(kb, frameworks)
    if criterion == "learning":
        return _learning(kb, frameworks)
    if criterion == "age":
        return _age(frameworks)
    if criterion == "docs":
        return _docs(frameworks)
    return None


def _rank(fw: Framework) -> int:
    return fw.adoption_facts.pypi_rank or UNRANKED


def _popularity(kb: KnowledgeBase, frameworks: list[Framework]) -> str | None:
    if not all(fw.adoption_facts.pypi_rank or fw.adoption_facts.below_pypi_top for fw in frameworks):
        return None
    ordered = sorted(frameworks, key=lambda fw: (_rank(fw), fw.name))
    first, rest = ordered[0], tuple(fw.id for fw in ordered[1:])
    than = f"used more than {names(kb, rest)}" if len(rest) == 1 else f"the most used of these {len(ordered)}"
    figures = "; ".join(f"{fw.name}: {fw.adoption_facts.figure()}" for fw in ordered)
    sources = sorted({fw.adoption_facts.source for fw in ordered if fw.adoption_facts.source})
    where = f", from {', '.join(sources)}" if sources else ""
    notes = "".join(f" {fw.name}: {fw.adoption_facts.note}" for fw in ordered if fw.adoption_facts.note)
    return (f"By PyPI downloads, {first.name} is {than} ({figures}{where}). Downloads also count CI runs and "
            f"installs as a dependency: read them as reach, not preference.{notes}")


def _performance(kb: KnowledgeBase, frameworks: list[Framework]) -> str:
    aiming = tuple(fw.id for fw in frameworks if "performance" in fw.traits.get("priority", ()))
    both = len(frameworks) == 2
    if aiming and len(aiming) < len(frameworks):
        aims = f" Of these, {names(kb, aiming)} {'makes' if len(aiming) == 1 else 'make'} speed a stated priority."
    elif aiming:
        aims = f" {'Both' if both else 'All of them'} make speed a stated priority."
    else:
        aims = f" {'Neither' if both else 'None of them'} makes raw speed a stated priority."
    return ("No benchmark I can vouch for settles which is faster for your app: published ones time hello-world "
            "and JSON endpoints on tuned set-ups, where the server (and the database) matter more than the "
            f"framework. Measure your own hot path on {'both' if both else 'each'}.{aims}")


def _learning(kb: KnowledgeBase, frameworks: list[Framework]) -> str:
    """"Which is easier to learn?": the ones whose cards say they suit beginners, and what the rest expect. There
    is no measure of it beyond that judgement, so the choice still goes by what is being built."""
    easy = tuple(fw.id for fw in frameworks if "beginner" in fw.traits.get("experience", ()))
    both = len(frameworks) == 2
    if easy and len(easy) < len(frameworks):
        rest = tuple(fw.id for fw in frameworks if fw.id not in easy)
        return (f"Of these, {names(kb, easy)} {'suits' if len(easy) == 1 else 'suit'} beginners; "
                f"{names(kb, rest)} {'expects' if len(rest) == 1 else 'expect'} some experience with web frameworks.")
    if easy:
        return (f"{'Both' if both else 'All of them'} suit beginners: which is easier depends on what you build "
                "(a small app starts smaller on a microframework, a site with users and an admin on a full stack).")
    return (f"{'Neither' if both else 'None of them'} is aimed at beginners: "
            f"{'both' if both else 'all'} expect some experience with web frameworks.")


def _age(frameworks: list[Framework]) -> str | None:
    """"Which is older?": the years of first release, oldest first; age says how long a project has been out,
    not how well it has aged (maintenance is on each card)."""
    if not all(fw.first_release for fw in frameworks):
        return None
    ordered = sorted(frameworks, key=lambda fw: (fw.first_release, fw.name))
    years = ", ".join(f"{fw.name} {fw.first_release}" for fw in ordered)
    if ordered[0].first_release == ordered[-1].first_release:
        return f"They first came out the same year ({years})."
    older = "older" if len(ordered) == 2 else "the oldest"
    return f"{ordered[0].name} is {older}: first releases {years}."


def _docs(frameworks: list[Framework]) -> str:
    """"Which has better docs?": no card measures documentation, and a verdict from nothing would be made up;
    the honest answer says so and gives each one's documentation to judge on the task at hand."""
    links = "; ".join(f"{fw.name}: {fw.docs}" for fw in frameworks)
    return (f"I have no measure of documentation quality to rank them on: read each on the task you have in "
            f"mind ({links}).")
