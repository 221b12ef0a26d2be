"""Whether a message sets two things that are not web frameworks against each other ("black or ruff?",
"postgres vs mysql for the new service?", "celery or rq for background jobs?"): a choice of tool, database or
library, which the words around it ("for the new service") do not turn into a choice of framework.

Only the words either side of "vs", "versus", a question's "or" or "between X and Y" are looked at, in a
message that does not ask for a framework by that word: two words that name nothing I know, a
library and another library or such a word, or two phrases of the same feature (PostgreSQL and MySQL are both a
database; Celery and RQ both a task queue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.reading.names import Mention
from bot.reading.needs import Hit

SETTING_WORDS = frozenset({"vs", "versus", "or"})
SENTENCE_ENDS = frozenset({".", "!", "?"})


def _asked(words: tuple[str, ...], i: int) -> bool:
    """An "or" sets options against each other in a question ("celery or rq for background jobs?"), not in a
    statement ("as soon as you try to scale or add complexity, it falls short")."""
    end = next((j for j in range(i, len(words)) if words[j] in SENTENCE_ENDS), len(words))
    return end < len(words) and words[end] == "?"


def other_choice(words: tuple[str, ...], mentions: Iterable[Mention], others: Iterable[Mention], hits: list[Hit],
                 provides: Mapping[str, str], lists: Mapping[str, frozenset[str]]) -> bool:
    """True when a "vs" or "or" stands between two options neither of which is a web framework. `provides` maps
    the names of libraries to the feature each provides; `lists` are the word lists of words.yaml: stop words
    and option placeholders are never an option, option determiners are skipped to reach one, a database name
    is a library of its own ("postgres or mongo?"), and framework words mean a question about frameworks."""
    if SETTING_WORDS.isdisjoint(words) and "between" not in words:
        return False  # most messages: nothing set against anything
    stop, placeholders = lists["stop_words"], lists["option_placeholders"]
    databases, determiners = lists["database_names"], lists["option_determiners"]
    data_libraries = lists["data_library_names"]
    named = {i for m in mentions for i in range(m.start, m.end)}
    libraries = {i: provides.get(o.key, "") for o in others for i in range(o.start, o.end)}
    foreign = {i for o in others if o.key not in provides for i in range(o.start, o.end)}
    features = {i: frozenset(key for kind, key in h.targets if kind == "feature") for h in hits
                for i in range(h.start, h.end)}
    traits = {i for h in hits if any(kind != "feature" for kind, _ in h.targets) for i in range(h.start, h.end)}

    def side(i: int) -> tuple[str, frozenset[str]] | None:
        """What stands at position i: an unknown word, the features a phrase or library gives, or None for a
        framework, another known name, a trait, a placeholder or punctuation."""
        if 0 <= i < len(words) and words[i] in data_libraries:  # "pandas vs polars": pandas alone is a data app
            return ("library", frozenset())
        if not 0 <= i < len(words) or i in named or i in foreign or i in traits:
            return None
        if words[i] in databases:
            return ("library", frozenset())
        if i in libraries:
            return ("library", frozenset({libraries[i]}) - {""})
        if i in features:
            return ("phrase", features[i])
        word = words[i]
        if word in stop or word in placeholders or not word.isalpha():  # "esp8266 or esp32": models, versions
            return None
        return ("word", frozenset())

    if not lists["framework_words"].isdisjoint(words):  # "which of the frameworks you track are unmaintained or
        # deprecated?"
        return False
    for i, word in enumerate(words):
        between = word == "and" and i >= 2 and words[i - 2] == "between"  # "the difference between asyncio and
        # threading?"
        if not (between or word in SETTING_WORDS) or (word != "vs" and word != "versus" and not _asked(words, i)):
            continue
        right = i + 2 if i + 1 < len(words) and words[i + 1] in determiners else i + 1
        left, after = side(i - 1), side(right)
        if left is None or after is None:
            continue
        kinds = {left[0], after[0]}
        if kinds == {"word"} or "library" in kinds and kinds <= {"library", "word"} \
                or (left[1] and left[1] == after[1]):
            return True
    return False
