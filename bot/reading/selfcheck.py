"""Run every example and counterexample of the language data through the reader (`pyframework kb check`).

A cue must fire on its examples and stay silent on its counterexamples; a role must be given to some
framework in its examples and to none in its counterexamples; an example that names an intent must be
read with that intent. Each failure is reported at the example's own line.
"""

from __future__ import annotations

from bot.knowledge.model import Problem
from bot.reading.intent import decide
from bot.reading.language import Example
from bot.reading.reader import Reader
from bot.slacktext import clean


def _fired(reader: Reader, example: Example) -> bool | None:
    """Whether the example's concept shows in its reading; None where the concept has no reading of its own."""
    reading = reader.reading(clean(example.text))
    if example.kind == "cues":
        return example.concept in reading.cues
    if example.kind == "roles":
        return any(example.concept in roles for roles in reading.roles.values())
    if example.concept == "negators":
        return bool(reading.negated)
    return None


def check_flags(reader: Reader) -> list[Problem]:
    """Every feature or trait value a cue's flags name exists in the knowledge base (a flag named after a trait
    sets that trait: `project: ui_app`, `priority: low_memory`): a misspelt one would silently add nothing."""
    vocabulary = reader.kb.vocabulary
    ids = {"needs": ("feature", vocabulary.features), "stresses": ("feature", vocabulary.features),
           "drops": ("feature", vocabulary.features),
           **{tid: (f"value of the `{tid}` trait", trait.values) for tid, trait in vocabulary.traits.items()},
           "refines": ("kind of project that refines another", {
               vid: v for vid, v in vocabulary.traits["project"].values.items() if v.refines})}
    problems = []
    for name, flags in reader.language.flags.items():
        file, line = reader.language.flag_lines[name]
        for key, value in flags.items():
            what, known = ids.get(key, ("", None))
            if known is not None and str(value) not in known:
                problems.append(Problem(file, line, f"{name}: flag `{key}: {value}` names no {what} in the knowledge"))
        if "stresses" in flags and flags["stresses"] != flags.get("needs"):
            problems.append(Problem(file, line, f"{name}: `stresses` must name the need the cue adds (`needs`)"))
    return problems


def check_examples(reader: Reader) -> list[Problem]:
    problems = []
    for example in reader.language.examples:
        fired = _fired(reader, example)
        what = "example" if example.fires else "counterexample"
        if fired is not None and fired != example.fires:
            verb = "does not fire" if example.fires else "fires"
            problems.append(Problem(example.file, example.line,
                                    f"{example.concept}: {verb} on its {what} \"{example.text[:60]}\""))
        if example.intent:
            reading = reader.reading(clean(example.text))
            intent = reader.asking.question(reading, decide(reading, reader._companions), False).intent
            if (intent == example.intent) != example.fires:
                problems.append(Problem(example.file, example.line,
                                        f"{example.concept}: \"{example.text[:60]}\" is read as {intent}"))
    return problems
