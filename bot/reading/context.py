"""Whether a name that is also an ordinary word is a framework here: "a tornado is coming" is weather,
"tornado vs sanic" is software. Evidence for the framework is weighed against signs of the ordinary word,
with every word list taken from the language data.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.reading.names import CONNECTORS, Mention, Names
from bot.reading.tokens import Tokens, any_between

FEATURE_NEAR = 8  # tokens between a name and a specific need that make it the framework ("flask ... websockets")
NEAR_DETERMINER = 2  # after "the"/"a", only software words this close count ("the flask version")
NEAR = 4
MODIFIERS = 2  # everyday words between a determiner and a name that make a noun phrase of it


@dataclass(frozen=True)
class Evidence:
    """What the rest of the message says about software, computed once for all the names in it."""

    software: bool  # software words anywhere ("app", "api", "pip")
    sure: bool  # another name that is plainly a framework
    cue: bool  # a question about frameworks ("what is", "vs", "alternatives to", "license of")
    compared: bool
    candidates: int  # names of frameworks and of other languages' frameworks
    proper_names: int  # names written with a capital mid-sentence
    specific_needs: tuple[int, ...]  # positions of needs that are not everyday words, in order
    owned: frozenset[str]  # frameworks a word only their own description uses points at ("traversal")
    roled: frozenset[int]  # mentions a role pattern is about ("we want to stop using Tornado")


LISTED = 3  # names in a row ("which of falcon, bottle, flask has the smallest footprint?"): frameworks together


def keep(names: Names, tokens: Tokens, mentions: list[Mention], evidence: Evidence) -> list[Mention]:
    """The mentions that are frameworks; plain names are always kept."""
    listed = _in_long_lists(tokens, mentions)
    return [m for i, m in enumerate(mentions) if not m.ambiguous or i in listed
            or _misspelt_in_a_list(names, tokens, m, mentions) or _framework_here(names, tokens, m, i, evidence)]


def _in_long_lists(tokens: Tokens, mentions: list[Mention]) -> frozenset[int]:
    """The mentions in a run of LISTED or more names joined by commas, "or", "and" or "vs": three ordinary
    words that are all framework names, side by side, are the frameworks ("falcon, bottle, flask")."""
    words, runs, run = tokens.words, [], [0] if mentions else []
    for k in range(1, len(mentions)):
        gap = words[mentions[k - 1].end:mentions[k].start]
        if gap and len(gap) <= 2 and all(w in CONNECTORS for w in gap):
            run.append(k)
        else:
            runs.append(run)
            run = [k]
    runs.append(run)
    return frozenset(k for r in runs if len(r) >= LISTED for k in r)


def _misspelt_in_a_list(names: Names, tokens: Tokens, m: Mention, mentions: list[Mention]) -> bool:
    """"djnago or flask for a beginner team", "flsak or djnago?": a misspelling set next to another name by
    "or", "vs" or a comma is that framework, as "fastpai vs djangoo" is. The misspelt word is no ordinary word
    (look-alikes such as "dango" or "flash" never become misspellings), whatever the name it stands for."""
    if not m.fuzzy:
        return False
    words = tokens.words
    return any(other is not m and ((other.end + 1 == m.start and words[other.end] in CONNECTORS)
                                   or (m.end + 1 == other.start and words[m.end] in CONNECTORS))
               for other in mentions)


def _framework_here(names: Names, tokens: Tokens, m: Mention, index: int, ev: Evidence) -> bool:
    """Whether an ordinary-word name is the framework here; each test is made only when the ones before it
    leave the answer open (a long message asks this of many names)."""
    words, w = tokens.words, names.words
    before = _previous_word(tokens, m.start)
    after = words[m.end] if m.end < len(words) else ""
    if m.phrase_like:
        stacked = ((before in names.vocab_words and before not in w["stop_words"]) or before in w["size_adjectives"]
                   or before in w["intensifiers"])  # "blazing fast api"
        lowered = not tokens.capitalised(m.start)  # "typed, fast API": adjectives in a row, not FastAPI
        if before in w["determiners"] or (stacked and lowered):
            return False  # "a fast API server" is an adjective and a noun
    if not ev.sure and _head_of_a_noun_phrase(names, tokens, m, after):
        return False
    if _strong(names, tokens, m, ev, before, after):
        return True
    roled = index in ev.roled
    feature_context = any_between(ev.specific_needs, m.start - FEATURE_NEAR, m.start + FEATURE_NEAR + 1)
    if m.fuzzy and not (feature_context or ev.cue or roled or len(words) <= 3):
        return False
    if before in w["determiners"] or after in w["object_pronouns"] or after == "of":
        return ev.compared and ev.candidates >= 2 and after != "of"  # "compare the bottle and flask"
    only_names = (len(words) <= 2 and not after) or (  # "wat is fastpi": a misspelt real name
        m.fuzzy and len(words) <= 4 and not names.kb.frameworks[m.key].common_word)
    proper = tokens.mid_sentence_capital(m.start)  # "moving away from Tornado"
    two_names = ev.candidates >= 2 and (ev.cue or ev.compared or (proper and ev.proper_names >= 2))
    return feature_context or two_names or only_names or ev.cue or roled


def _head_of_a_noun_phrase(names: Names, tokens: Tokens, m: Mention, after: str) -> bool:
    """"the tallest pyramid", "a side panel", "a home automation panel": an ordinary-word name written in
    lower case after a determiner and one or two everyday words is the head of a noun phrase, the thing
    itself, whatever software the rest of the message talks about (the caller asks only where no other
    framework is plainly named: "the boring flask way or fastapi?"). A word between them that is software ("a
    python flask app"), a framework's adjective ("a plain flask"), a setting ("our existing bottle") or a
    preposition, or a word after the name that makes it software ("a simple flask app"), keeps it the framework."""
    w, words = names.words, tokens.words
    if tokens.mid_sentence_capital(m.start) or after in w["setting_after"] or after in w["software_words"] \
            or after in w["nearby_software_words"]:
        return False
    for j in range(m.start - 1, max(-1, m.start - MODIFIERS - 2), -1):
        word = words[j]
        if not tokens.text[tokens.starts[j] + len(word):tokens.starts[j + 1]].isspace():
            return False  # 'your statement "panel can do ...': a quote, a backtick or a joined word between
        if word in w["determiners"]:
            return j < m.start - 1
        if not word.isalpha() or word in names.describers or (word,) in names.aliases:
            return False
    return False


def _previous_word(tokens: Tokens, start: int) -> str:
    """The word before a name, over a comma ("typed, fast API"), but not over the end of a sentence."""
    for j in range(start - 1, -1, -1):
        word = tokens.words[j]
        if word in (",", ";", ":"):
            continue
        return "" if word in (".", "!", "?") else word
    return ""


def _strong(names: Names, tokens: Tokens, m: Mention, ev: Evidence, before: str, after: str) -> bool:
    w = names.words
    if ev.software or ev.sure or after in w["setting_after"] or m.key in ev.owned:
        return True
    if before in w["setting_before"] and before not in w["determiners"]:
        return True
    reach = NEAR_DETERMINER if before in w["determiners"] else NEAR
    nearby = tokens.words[max(0, m.start - reach):m.start] + tokens.words[m.end:m.end + reach]
    return not w["nearby_software_words"].isdisjoint(nearby)
