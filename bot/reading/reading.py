"""What the stages of reading found in one message, before the intent stage decides what it asks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reading:
    text: str
    words: tuple[str, ...]
    frameworks: tuple[str, ...]  # named and not ruled out, in order of appearance
    rejected: tuple[str, ...]  # ruled out: "not tornado", "tornado is off the table"
    roles: dict[str, frozenset[str]]  # framework id -> roles (in_use, leaving, criticised, model, ...)
    cues: frozenset[str]  # the cues that fired
    flags: dict[str, tuple[str, ...]]  # values the fired cues carry: criterion, field, category, interface, kind
    needs: tuple[str, ...]
    implied: tuple[str, ...]
    traits: tuple[tuple[str, str], ...]
    negated: tuple[str, ...]
    emphasized: frozenset[str]
    avoided: tuple[str, ...]
    others: tuple[str, ...]  # names that are not Python frameworks here (Express, React, gunicorn)
    succeeding: tuple[str, ...]  # frameworks that continue a project named ("our old Pylons app": Pyramid)
    software: bool  # the message plainly talks about software
    idiomatic: bool  # a name used as an ordinary word ("need a hug after that deploy")
    content_words: int  # words that are neither function words nor asking words
    covered_words: int  # of those, words inside need phrases
    specific_needs: bool  # a need that is not an everyday word ("testing", "forms" are everyday)
    project_talk: bool = False  # names what is being built ("team", "monolith", "dashboard", "api")
    off_topic: bool = False  # names things of everyday life ("anime", "dinner", "movie"), not of software
    terms: tuple[str, ...] = ()  # words only one or two frameworks' descriptions use
    language: str = "en"
    twins: tuple[str, ...] = field(default=())  # Python frameworks closest to another one named ("like Express")
    kin: tuple[str, ...] = field(default=())  # frameworks closest to a Python framework named that I have no file on
    other_kinds: frozenset[str] = frozenset()  # what the other names are: server, front-end, other-language...
    libraries: tuple[str, ...] = ()  # libraries it uses for a feature ("SQLAlchemy models everywhere"), not ruled out
    other_choice: bool = False  # sets two things that are not frameworks against each other ("postgres vs mysql?")
    purpose: tuple[str, ...] = ()  # with two frameworks or more named: words outside names and need phrases that
    # frameworks' descriptions use, the purpose the vocabulary has no entry for ("for a robot control panel": "live")

    def role(self, name: str) -> tuple[str, ...]:
        """The frameworks with this role, in order of appearance."""
        return tuple(f for f in (*self.frameworks, *self.rejected) if name in self.roles.get(f, ()))

    def has(self, *cues: str) -> bool:
        return not self.cues.isdisjoint(cues)

    @property
    def states_a_project(self) -> bool:
        """It names what is being built ("a dashboard", "an internal tool"), which makes most messages a request."""
        return any(trait == "project" for trait, _ in self.traits)

    @property
    def has_needs(self) -> bool:
        return bool(self.needs or self.traits or self.negated)

    def trait_kinds(self) -> set[str]:
        return {t for t, _ in self.traits}
