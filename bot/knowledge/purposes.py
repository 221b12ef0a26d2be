"""What each framework's own description says it is for, as weighted words.

A comparison often gives its purpose in words the vocabulary of needs has no entry for ("nicegui or streamlit
for a robot control panel with a live camera feed?"). A reader weighs that purpose against what each option
is made for; this does the same with the words themselves: each framework's description (summary, strengths,
what it is best for) becomes a TF-IDF vector over the frameworks, and a purpose is scored by its weight in
each. A word many descriptions use ("data", "apps"), a function word or a framework's name says nothing and is
left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_PURPOSE_WORDS = 24  # a button's token carries them: enough for a long comparison's purpose
RARE = 6  # a word counts only where few descriptions use it ("datashader", "plugin"), not "data" or "apps"
_WORD = re.compile(r"[a-z][a-z0-9]*")
_KEEPS_ITS_S = ("ss", "us", "is")  # "class", "status", "analysis": no plural to undo


def base_form(word: str) -> str:
    """The word without a plural "s" ("dashboards" -> "dashboard"), so a question and a description that
    inflect it differently still meet."""
    if len(word) >= 5 and word.endswith("s") and not word.endswith(_KEEPS_ITS_S):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Purposes:
    """For each word the descriptions weigh, the frameworks whose description uses it and its weight in each
    one's unit TF-IDF vector: the postings alone, as few objects as the engine bot/warm.py keeps can hold."""

    postings: Mapping[str, tuple[tuple[str, ...], tuple[float, ...]]]  # word -> (framework ids, their weights)

    @classmethod
    def build(cls, descriptions: Mapping[str, str], ignored: frozenset[str]) -> Purposes:
        """From each framework's description text; `ignored` words (function words, names) never count."""
        counts = {fid: Counter(_content(_WORD.findall(text.lower()), ignored)) for fid, text in descriptions.items()}
        used_by = Counter(word for words in counts.values() for word in words)
        total = len(counts)
        weights = {word: math.log(total / n) for word, n in used_by.items() if n <= RARE}
        postings: dict[str, tuple[list[str], list[float]]] = {}
        for fid, words in counts.items():
            vector = _unit({word: (1 + math.log(n)) * weights[word] for word, n in words.items() if word in weights})
            for word, weight in vector.items():
                fids, values = postings.setdefault(word, ([], []))
                fids.append(fid)
                values.append(weight)
        return cls({word: (tuple(fids), tuple(values)) for word, (fids, values) in postings.items()})

    def purpose(self, words: Iterable[str], ignored: frozenset[str]) -> tuple[str, ...]:
        """The words of a message that some description weighs, in base form, each once, in their order: the
        first MAX_PURPOSE_WORDS of them, so a long message is read only as far as it takes to find them."""
        found: dict[str, None] = {}
        for word in words:
            if len(word) < 3 or word in ignored or not word.isalpha():
                continue
            base = base_form(word)
            if base in self.postings and base not in ignored:
                found[base] = None
                if len(found) == MAX_PURPOSE_WORDS:
                    break
        return tuple(found)

    def likenesses(self, purpose: tuple[str, ...]) -> dict[str, float]:
        """How much of each framework's description the purpose's words carry, 0 (none of them) to 1: the sum
        of their weights in its unit vector, so a purpose of many words is not diluted by the ones no description
        uses ("massive", "jetson"), and one word counts for what it weighs there, no more. Frameworks whose
        description has none of the words are left out."""
        totals: dict[str, float] = {}
        for word in purpose:
            for fid, weight in zip(*self.postings.get(word, ((), ())), strict=True):
                totals[fid] = totals.get(fid, 0.0) + weight
        return {fid: min(1.0, total) for fid, total in totals.items()}


def _content(words: Iterable[str], ignored: frozenset[str]) -> list[str]:
    return [base for w in words if len(w) >= 3 and w.isalpha() and w not in ignored
            and (base := base_form(w)) not in ignored]


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {word: x / norm for word, x in vector.items()} if norm else {}
