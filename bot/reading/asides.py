"""What a message says of a framework it rules out, in an aside: "we are NOT going to use: flask (no async)".

The bracketed words after the name give the reason the framework is out. They describe that framework, not the
asker's wishes: "(no async)" there is no wish for synchronous code, and the lack it names is what the asker wants
instead (Flask is out for having no async: async is wanted). Said outside brackets, the same words are the asker's
own ("no async please, we need websockets").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.reading.names import Mention
from bot.reading.needs import Hit
from bot.reading.tokens import Tokens

MAX_ASIDE_WORDS = 8  # a reason in passing ("too heavy", "team had a bad time with it"), not a parenthesised paragraph
REJECTING_ROLES = frozenset({"excluded", "leaving", "criticised", "replaced"})


def of_the_rejected(tokens: Tokens, mentions: Iterable[Mention], roles: Mapping[str, set[str]],
                    lack_words: frozenset[str]) -> frozenset[int]:
    """The positions of the bracketed asides that say what a framework the message rules out, leaves or criticises
    lacks ("flask (no async)"), brackets included. Other asides keep their words: "fastapi (single-maintainer bus
    factor worries)" is a worry of the asker's own. Most messages have no bracket at all and are spared the look."""
    words = tokens.words
    if "(" not in tokens.places:
        return frozenset()
    found: set[int] = set()
    for mention in mentions:
        if mention.end >= len(words) or words[mention.end] != "(" \
                or REJECTING_ROLES.isdisjoint(roles.get(mention.key, ())):
            continue
        last = min(len(words), mention.end + MAX_ASIDE_WORDS + 2)
        close = next((i for i in range(mention.end + 1, last) if words[i] == ")"), None)
        if close is not None and not lack_words.isdisjoint(words[mention.end:close]):
            found.update(range(mention.end, close + 1))
    return frozenset(found)


def outside(spans: list[tuple[int, int]], aside: frozenset[int]) -> bool:
    """Whether some span (first and last token) is not wholly inside the asides: a cue said there only is the
    framework's, not the asker's."""
    return any(not aside.issuperset(range(first, last + 1)) for first, last in spans)


def lacks(hits: list[Hit], aside: frozenset[int]) -> tuple[list[Hit], tuple[str, ...]]:
    """The hits less the needs the asides say a rejected framework lacks ("flask (no async)"), and those needs:
    what the framework is out for lacking is wanted, so no negation of it reaches the asker's needs."""
    kept, lacking = [], []
    for hit in hits:
        if hit.feature and aside.issuperset(range(hit.start, hit.end)):
            lacking.extend(key for kind, key in hit.targets if kind == "feature")
        else:
            kept.append(hit)
    return kept, tuple(dict.fromkeys(lacking))
