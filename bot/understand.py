"""Understand a question: what the person wants (intent), which frameworks they name, what they need.

Everything domain-specific (framework names, aliases, the words for each need) comes from the
knowledge base; this module only knows English: how people ask for a comparison, how they negate
a need, and when "tornado" is the weather rather than the framework.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.knowledge import KnowledgeBase, iter_phrases
from bot.slacktext import clean, was_truncated

INTENTS = ("recommend", "compare", "info", "list", "help", "unknown")

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")

# Words after which an ordinary-word name ("a flask", "the pyramid") is the thing, not the framework.
_DETERMINERS = frozenset("a an the this that these those my our your their his her its some any every each "
                         "of another one".split())
_OBJECT_PRONOUNS = frozenset("me you him her them us".split())
_NEGATORS = frozenset("no not without don't dont doesn't doesnt never avoid nor skip neither none "
                      "excluding except minus w/o".split())
_NEGATION_SUFFIXES = frozenset({"free", "less"})
_NEGATION_STOPS = frozenset("but however though although yet and plus also with".split())
_NEGATION_WINDOW = 4
_STOP_WORDS = frozenset(
    "a an the and or but if then else for to of in on at by with from as is are was were be been being "
    "it its this that these those there here what which who whom whose when where why how can could "
    "should would will shall may might must do does did done have has had we i you they he she me us "
    "our your their my not no yes so than too very just also into about over under more most less "
    "some any all each every other such only own same both few many much need needs want wants use "
    "using used like good best better vs versus compare".split()
)

_HELP = re.compile(
    r"^(?:help|usage|commands?|\?+|h|hi|hello|hey|yo|howdy|start|menu|examples?|how does this work|"
    r"what (?:can|do) you do|what are you|who are you|how (?:do|can) (?:i|we) use (?:you|this|it)|"
    r"what (?:can|does) (?:this|the) (?:bot|app|thing) do|what is (?:this|the) (?:bot|app) for|"
    r"what (?:can|should) i ask(?: you)?|how do you work|what is this(?: bot)?|what's this)\b",
)
_LIST = re.compile(
    r"^(?:list|ls|catalog(?:ue)?|all|frameworks)\b|"
    r"\b(?:list|show|give|tell|name|enumerate)\b.{0,40}\bframeworks\b|"
    r"\b(?:all|every|each)(?: the| of the)? frameworks?\b|"
    r"\b(?:which|what) (?:\w+[ -]){0,3}frameworks\b.{0,30}\b(?:are there|exist|do you (?:know|have|cover|support)|"
    r"you know|you have|are available|are supported|can you|do you|are in)|"
    r"\bframeworks (?:do )?you (?:know|cover|have|support)\b|\bwhat do you know\b|\bwhat frameworks\b\??$"
)
_COMPARE = re.compile(
    r"\b(?:vs|versus|compare[sd]?|comparing|comparison|difference|differences|differ|against|"
    r"pros and cons|trade-?offs?|better|or|which one|side by side)\b"
)
_RECOMMEND = re.compile(
    r"\b(?:recommend\w*|suggest\w*|advi[cs]e|should (?:we|i|you) (?:use|pick|choose|go)|what to use|"
    r"which (?:framework|one|stack|library|tool)|what (?:framework|stack|library|tool)|best (?:framework|choice|fit)|"
    r"pick|choose|choosing|looking for|we need|i need|we want|i want|need a|want a|building|build|"
    r"go with|start(?:ing)? a|what would you|what do you think|options?|ideas?|help me decide|decide|"
    r"(?:move|moving|switch|switching|migrate|migrating|port|porting) to)\b"
)
# What makes an ordinary-word name ("dash", "tornado") a framework when nothing else says software:
# a question about a framework, never generic words such as "build", "who" or "is".
_NAME_CUES = re.compile(
    r"\b(?:what is|what's|whats|tell me about|info|explain|describe|vs|versus|compare[sd]?|comparing|"
    r"recommend\w*|suggest\w*|alternatives?|instead of|migrat\w*|switch\w*|replac\w*|mov\w* (?:away )?from|"
    r"leaving|ditch\w*|"
    r"still (?:a thing|alive|maintained|relevant|worth it|worth|around|used|supported|active)|"
    r"good (?:for|fit|choice|idea)|suitable|a fit for|worth (?:it|using)|right choice)\b"
)
_SIZE_ADJECTIVES = frozenset("big large huge small tiny simple complex minimal".split())
_PROJECT_NOUNS = frozenset("app apps application applications project projects team teams site sites website webapp "
                           "company companies service services product platform codebase system api apis backend "
                           "startup business monolith shop store marketplace tool tools page pages org "
                           "organisation organization enterprise".split())
_TEAM_SIZE = re.compile(r"\bteam of (\d{1,4})\b|\b(\d{1,4}) (?:person|people|devs?|developers|engineers|programmers)\b")
_TRAIT_REQUEST = re.compile(r"\b(?:need|needs|want|wants|looking for|should we|should i|recommend\w*|suggest\w*|"
                            r"what should|which|what do we use|what to use)\b")
# Features whose words also name ordinary things ("testing", "forms", "sessions"): no evidence of software.
_GENERIC_FEATURES = frozenset({"testing_tools", "forms", "sessions", "security", "caching", "plugins", "cli",
                               "static_files"})
_ALTERNATIVE = re.compile(
    r"\b(?:alternatives?|instead of|replac\w*|migrat\w* (?:off|from|away)|(?:mov|switch|port)\w* (?:away )?from|"
    r"leaving|get(?:ting)? rid of|outgr[eo]w\w*|ditch\w*|similar to|(?:something|anything|framework|one|library) "
    r"like|(?:feels?|looks?|works?) like|\b[a-z]+-like|other than|besides|apart from|successor)\b"
)
_ASKS_FIT = re.compile(r"\b(?:good (?:for|fit|choice|idea|enough)|suitable|a fit for|worth (?:it|using)|right choice|"
                       r"(?:ok|okay|enough|fine) for|should (?:we|i) use|would you use|sane choice|viable|"
                       r"make sense|overkill|a mistake)\b")
_BUILTIN_ONLY = re.compile(r"\bbuilt[- ]?in\b|\bout of the box\b|\bnatively\b|\bbundled\b|\bships with\b")
_YES_NO_ABOUT = re.compile(
    r"^(?:is|does|can|could|will|would|should|has|are|do)\b|\b(?:what is|what's|tell me about)\b")
# A framework is the setting of the question ("our Django app", "the existing flask codebase").
_SETTING_BEFORE = frozenset("our my existing current legacy knows know familiar comfortable experienced".split())
_SETTING_AFTER = frozenset("app apps application applications project projects codebase monolith site backend "
                           "stack code service services team".split())
_FIELDS_OVER_FEATURES = frozenset({"license", "maintenance", "first_release", "notable_users", "people",
                                   "latest_version", "category"})
_RELATION = re.compile(
    r"\b(?:built on(?: top of)?|based on|on top of|depends? on|uses?|runs? on|wraps?|wrapper (?:around|for)|"
    r"powered by|fork of|part of|plugin for|extension (?:of|for)|requires?|compatible with|works? with|"
    r"integrates? with)\b"
)
_FIELD_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("license", re.compile(r"\blicen[cs]e[sd]?\b|\bopen source\b|\bcommercial use\b")),
    ("maintenance", re.compile(r"\bmaintain\w*|\bdead\b|\babandoned\b|\bstill alive\b|"
                               r"\bactive(?:ly)?\b|\bdeprecated\b|\barchived\b|\bunmaintained\b")),
    ("people", re.compile(r"\bwho (?:created|made|maintains|develops|wrote|is behind|owns|builds|runs)\b|"
                          r"\bmaintainers?\b|\bauthors?\b|\bcreators?\b")),
    ("first_release", re.compile(r"\bhow old\b|\bfirst released?\b|\bwhen was\b|\bwhen (?:was|were) \w+ created\b|"
                                 r"\bsince when\b")),
    ("latest_version", re.compile(r"\bversion\b|\blatest\b|\brelease[sd]?\b|\bup to date\b")),
    ("interface", re.compile(r"\bwsgi\b|\basgi\b|\binterface\b|\bserver\b")),
    ("dependencies", re.compile(r"\bdependenc\w+\b|\bbuilt on\b|\bbased on\b|\bon top of\b|\bdepends? on\b|"
                                r"\bpowered by\b|\brequires?\b")),
    ("notable_users", re.compile(r"\bwho uses\b|\bcompanies\b|\bused by\b|\bin production at\b")),
    ("docs", re.compile(r"\bdocs\b|\bdocumentation\b|\btutorial\b")),
    ("repository", re.compile(r"\brepo(?:sitory)?\b|\bgithub\b|\bsource code\b")),
    ("category", re.compile(r"\bcategory\b|\bmicro ?framework\b|\bfull[- ]stack\b|\bwhat kind\b")),
)
_EMPHASIS = re.compile(r"\b(?:above all|most important\w*|priority|crucial|critical|must(?: have)?|key|essential|"
                       r"especially|mainly|primarily|first and foremost|really need)\b")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()]+(?=\s|$)|(?<=\s)[-–—](?=\s)|(?=\bbut\b)")
_INTERFACE_WORDS = {"asgi": re.compile(r"\basgi\b"), "wsgi": re.compile(r"\bwsgi\b")}
_CATEGORY_WORDS = {
    "full-stack": re.compile(r"\bfull[- ]?stack\b|\bbatteries[- ]included\b"),
    "micro": re.compile(r"\bmicro[- ]?frameworks?\b|\bmicro\b|\bminimal\b|\blightweight\b"),
    "async": re.compile(r"\basync\w*\b"),
    "api": re.compile(r"\bapi\b|\brest\b|\bapis\b"),
    "data-app": re.compile(r"\bdata[- ]apps?\b|\bdashboards?\b|\bdata science\b"),
}


@dataclass(frozen=True)
class Question:
    """What was understood from one message (and, for threads, from the discussion before it)."""

    text: str = field(compare=False)  # equal questions are the same question, however they were worded
    intent: str = "unknown"
    frameworks: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    traits: tuple[tuple[str, str], ...] = ()
    negated: tuple[str, ...] = ()
    emphasized: frozenset[str] = frozenset()
    others: tuple[str, ...] = ()
    topic: str | None = None
    category: str | None = None
    excluded: tuple[str, ...] = ()
    within: tuple[str, ...] = ()  # frameworks the project already uses ("our Django app needs an API")
    builtin_only: bool = False  # "a *built-in* admin": extensions are not what was asked for
    asks_fit: bool = False  # "is flask good for a marketplace?": judge the framework against the needs
    truncated: bool = False
    from_discussion: tuple[str, ...] = field(default=())

    @property
    def has_needs(self) -> bool:
        return bool(self.needs or self.traits or self.negated)

    def to_token(self) -> str:
        """A compact, stateless form of what was understood, carried by Slack buttons (≤ 2000 chars)."""
        data = {"i": self.intent, "f": self.frameworks, "n": self.needs, "t": [f"{a}:{b}" for a, b in self.traits],
                "x": self.negated, "e": sorted(self.emphasized), "ex": self.excluded, "c": self.category,
                "p": self.topic, "w": self.within, "b": self.builtin_only}
        return json.dumps({k: v for k, v in data.items() if v}, separators=(",", ":"))[:2000]

    @classmethod
    def from_token(cls, token: str, kb: KnowledgeBase) -> Question | None:
        """Rebuild a question from `to_token`; anything unknown or malformed gives None."""
        try:
            data = json.loads(token)
            traits = tuple(tuple(t.split(":", 1)) for t in data.get("t", ()))
            question = cls(
                text="", intent=str(data.get("i", "recommend")),
                frameworks=tuple(data.get("f", ())), needs=tuple(data.get("n", ())),
                traits=traits, negated=tuple(data.get("x", ())), emphasized=frozenset(data.get("e", ())),
                excluded=tuple(data.get("ex", ())), category=data.get("c"), topic=data.get("p"),
                within=tuple(data.get("w", ())), builtin_only=bool(data.get("b", False)),
            )
        except (ValueError, TypeError, AttributeError):
            return None
        vocab = kb.vocabulary
        valid = (
            question.intent in INTENTS
            and all(f in kb.frameworks for f in (*question.frameworks, *question.excluded, *question.within))
            and all(isinstance(v, str | None) for v in (question.category, question.topic))
            and all(n in vocab.features for n in (*question.needs, *question.negated))
            and all(len(t) == 2 and t[0] in vocab.traits and t[1] in vocab.traits[t[0]].values
                    for t in question.traits)
        )
        return question if valid else None


@dataclass
class _Hit:
    start: int
    end: int
    key: str
    fuzzy: bool = False
    ambiguous: bool = False
    phrase_like: bool = False  # an alias made of ordinary words ("fast api")


class Understander:
    """Reads questions against one knowledge base; build once, call for every message."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.names: dict[tuple[str, ...], str] = {}
        for fw in kb.frameworks.values():
            for alias in (fw.id, fw.name.lower(), *fw.aliases):
                toks = tuple(tokenize(alias))
                if toks:
                    self.names.setdefault(toks, fw.id)
        self.phrases: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for phrase, kind, key in iter_phrases(kb):
            toks = tuple(tokenize(phrase))
            if toks and (kind, key) not in self.phrases.setdefault(toks, []):
                self.phrases[toks].append((kind, key))
        for toks, targets in list(self.phrases.items()):  # "webhook" for "webhooks", "dashboard" for "dashboards"
            last = toks[-1]
            variant = toks[:-1] + ((last[:-1],) if last.endswith("s") and len(last) > 4 else (last + "s",))
            if last.isalpha() and variant not in self.phrases:
                self.phrases[variant] = targets
        self.others = {tuple(tokenize(name)): name for name in kb.vocabulary.other_frameworks}
        self.vocab_tokens = frozenset(t for toks in self.phrases for t in toks)
        self._typo_cache: dict[str, tuple[str, str] | None] = {}
        self.name_lengths = _lengths_by_first_token(self.names)
        self.phrase_lengths = _lengths_by_first_token(self.phrases)
        self.other_lengths = _lengths_by_first_token(self.others)
        self.current_names = frozenset(n for fw in kb.frameworks.values() for n in (fw.id, fw.name.lower()))
        # Typos are matched against one-word names and the first word of longer ones ("django" of "django ninja").
        self.fuzzy_choices = {toks[0]: self.names.get((toks[0],), fid) for toks, fid in self.names.items()
                              if len(toks[0]) >= 5 and toks[0].isalpha()}

    @cached_property
    def software_words(self) -> frozenset[str]:
        words = set(self.kb.vocabulary.software_words)
        for toks, fid in self.names.items():
            if not self.kb.frameworks[fid].common_word:
                words.update(toks)
        return frozenset(words)

    # -- public -------------------------------------------------------------------------------------

    def understand(self, raw: str | None, discussion: list[str] | tuple[str, ...] = ()) -> Question:
        """Read one message; `discussion` is the earlier messages of its thread (needs only)."""
        text = clean(raw)
        question = self._read(text, was_truncated(raw))
        if discussion:
            question = self._with_discussion(question, discussion)
        return question

    # -- reading --------------------------------------------------------------------------------------

    def _read(self, text: str, truncated: bool) -> Question:
        lower = text.lower()
        tokens = tokenize(lower)
        if not tokens:
            return Question(text=text, intent="help", truncated=truncated)

        fw_hits = self._framework_hits(tokens)
        software = bool(self.software_words.intersection(tokens))
        taken = {i for h in fw_hits for i in range(h.start, h.end)}
        vocab_hits = self._scan_vocabulary(tokens, taken)
        taken |= {i for h, _ in vocab_hits for i in range(h.start, h.end)}  # "an admin panel" is not Panel
        other_hits = [_Hit(h.start, h.end, name)
                      for h, name in self._scan(tokens, self.others, self.other_lengths, taken)]
        capitalised = _capitalised_positions(text)
        fw_hits = self._resolve_ambiguous(tokens, lower, fw_hits, vocab_hits, other_hits, software, capitalised)
        other_hits = [h for h in other_hits
                      if self._other_counts(tokens, lower, h, fw_hits, vocab_hits, software, other_hits)]

        clauses, emphatic = _clauses(lower)
        rejected = tuple(dict.fromkeys(h.key for h in fw_hits if _framework_negated(tokens, h)))
        frameworks = tuple(dict.fromkeys(h.key for h in fw_hits if h.key not in rejected))
        needs, traits, negated = self._needs(tokens, vocab_hits, clauses)
        emphasized = self._emphasis(vocab_hits, clauses, emphatic)
        others = tuple(dict.fromkeys(h.key for h in other_hits))
        context = software or bool(frameworks) or bool(needs) or any(t == "project" for t, _ in traits)

        settings = tuple(dict.fromkeys(h.key for h in fw_hits if h.key in frameworks and _is_setting(tokens, h)))
        replaced = tuple(dict.fromkeys(h.key for h in fw_hits if h.key in frameworks and _is_replaced(tokens, h)))
        covered = {i for h, _ in vocab_hits for i in range(h.start, h.end)}
        outside_phrases = " ".join(t for i, t in enumerate(tokens) if i not in covered)
        intent, frameworks, topic, excluded, within = self._intent(
            lower, frameworks, needs, traits, negated, others, context, settings, software, replaced, outside_phrases)
        if rejected:  # "websockets, but not tornado": never recommend what was ruled out
            excluded = tuple(dict.fromkeys((*excluded, *rejected)))
            if intent in ("unknown", "info") and not frameworks:
                intent = "recommend"
        category = self._category(lower) if intent == "list" else None
        if intent == "info" and needs and topic not in _FIELDS_OVER_FEATURES and not (topic or "").startswith("rel"):
            topic = f"feature:{needs[0]}"  # "does litestar have dependency injection" is not about dependencies
        return Question(
            text=text, intent=intent, frameworks=frameworks, needs=needs, traits=traits, negated=negated,
            emphasized=emphasized, others=others, topic=topic, category=category,
            excluded=excluded, within=within, builtin_only=bool(_BUILTIN_ONLY.search(lower)),
            asks_fit=bool(_ASKS_FIT.search(lower)), truncated=truncated,
        )

    @staticmethod
    def _scan(tokens: list[str], index: dict[tuple[str, ...], Any], lengths: dict[str, tuple[int, ...]],
              taken: set[int]) -> list[tuple[_Hit, Any]]:
        """Longest phrases of `index` found in `tokens`, left to right, skipping `taken` positions."""
        hits = []
        i = 0
        while i < len(tokens):
            for size in lengths.get(tokens[i], ()):
                span = tuple(tokens[i:i + size])
                if span in index and not any(j in taken for j in range(i, i + size)):
                    hits.append((_Hit(i, i + size, " ".join(span)), index[span]))
                    i += size
                    break
            else:
                i += 1
        return hits

    def _scan_vocabulary(self, tokens: list[str], taken: set[int]) -> list[tuple[_Hit, list[tuple[str, str]]]]:
        """Like `_scan`, but a long phrase also means what the shorter phrases it starts with mean:
        "CMS-style site" is a large site *and* a CMS (admin, templates)."""
        hits = []
        for hit, targets in self._scan(tokens, self.phrases, self.phrase_lengths, taken):
            words = hit.key.split(" ")
            merged = list(targets)
            for size in range(len(words) - 1, 0, -1):
                for target in self.phrases.get(tuple(words[:size]), ()):
                    if target not in merged:
                        merged.append(target)
            hits.append((hit, merged))
        return hits

    def _framework_hits(self, tokens: list[str]) -> list[_Hit]:
        hits = [_Hit(h.start, h.end, fid, phrase_like=self._phrase_like(h.key, fid))
                for h, fid in self._scan(tokens, self.names, self.name_lengths, set())]
        taken = {i for h in hits for i in range(h.start, h.end)}
        for i, tok in enumerate(tokens):
            if i in taken or len(tok) < 4 or not tok.isalpha() or self._not_a_typo(tok):
                continue
            if len(tok) == 4 and not _next_to_a_connector(tokens, i):
                continue  # four letters are a typo only in "flsk or djngo"; alone they are too often words
            match = self._typo_of(tok)
            if not match:
                continue
            alias, fid = match
            end = i + 1
            for size in self.name_lengths.get(alias, ()):  # "djagno ninja" is Django Ninja, not two names
                longer = (alias, *tokens[i + 1:i + size])
                if size > 1 and longer in self.names:
                    fid, end = self.names[longer], i + size
                    hits = [h for h in hits if h.end <= i or h.start >= end]
                    break
            if end == i + 1 and (alias,) not in self.names:
                continue  # "stream" is only the start of "stream lit"
            hits.append(_Hit(i, end, fid, fuzzy=True))
        for hit in hits:
            hit.ambiguous = hit.fuzzy or hit.phrase_like or self.kb.frameworks[hit.key].common_word
        return sorted(hits, key=lambda h: h.start)

    def _phrase_like(self, alias: str, fid: str) -> bool:
        words = alias.split(" ")
        return len(words) > 1 and alias not in self.current_names and all(
            w in self.vocab_tokens or w in _STOP_WORDS or w in self.kb.vocabulary.software_words for w in words)

    def _typo_of(self, token: str) -> tuple[str, str] | None:
        """(alias, framework) a word is a typo of ("fastpai" -> fastapi): one edit, two for long words."""
        if token not in self._typo_cache:
            if len(self._typo_cache) > 10_000:
                self._typo_cache.clear()
            limit = 1 if len(token) <= 7 else 2
            matches = process.extract(token, self.fuzzy_choices.keys(), scorer=OSA.distance, score_cutoff=limit,
                                      limit=None)
            # Equal distances ("starlete": starlette or the old name starlite): current names first, then
            # the closer spelling.
            ranked = sorted(matches, key=lambda m: (m[1], m[0] not in self.current_names,
                                                    -fuzz.ratio(token, m[0]), m[0]))
            self._typo_cache[token] = (ranked[0][0], self.fuzzy_choices[ranked[0][0]]) if ranked else None
        return self._typo_cache[token]

    def _not_a_typo(self, token: str) -> bool:
        vocab = self.kb.vocabulary
        return (token in _STOP_WORDS or token in vocab.lookalikes or token in self.vocab_tokens
                or token in vocab.software_words or tuple([token]) in self.others)

    def _resolve_ambiguous(self, tokens, lower, fw_hits, vocab_hits, other_hits, software,
                           capitalised: set[int]) -> list[_Hit]:
        """Keep a name that is also an ordinary word ("a tornado is coming") only in a software context."""
        sure = [h for h in fw_hits if not h.ambiguous]
        if not any(h.ambiguous for h in fw_hits):
            return fw_hits
        specific = [h for h, targets in vocab_hits
                    if any(kind == "feature" and key not in _GENERIC_FEATURES for kind, key in targets)]
        candidates = len(fw_hits) + len(other_hits)
        cue = bool(_NAME_CUES.search(lower) or _RELATION.search(lower)
                   or any(pattern.search(lower) for _, pattern in _FIELD_CUES))  # "is pyramid dead?"
        kept = []
        for hit in fw_hits:
            if not hit.ambiguous:
                kept.append(hit)
                continue
            before = tokens[hit.start - 1] if hit.start > 0 else ""
            after = tokens[hit.end] if hit.end < len(tokens) else ""
            reach = 2 if before in _DETERMINERS else 4  # "the flask version" yes; "a hug for the whole dev team" no
            nearby = tokens[max(0, hit.start - reach):hit.start] + tokens[hit.end:hit.end + reach]
            feature_context = any(abs(h.start - hit.start) <= 8 for h in specific)
            strong = (software or bool(sure) or after in _SETTING_AFTER
                      or bool(self.kb.vocabulary.nearby_software_words.intersection(nearby)))
            if hit.phrase_like and before in _DETERMINERS:
                ok = False  # "a fast API server" is an adjective and a noun, not FastAPI
            elif before in _DETERMINERS or after in _OBJECT_PRONOUNS or after == "of":
                ok = strong
            else:
                only_names = len(tokens) <= 2 and not after
                proper_noun = hit.start in capitalised  # "moving away from Tornado"
                two_names = candidates >= 2 and bool(cue or _COMPARE.search(lower))  # "Pyramid or Flask?"
                weak = (feature_context or two_names or only_names or cue
                        or (proper_noun and cue))
                ok = strong or weak
            if hit.fuzzy and not (strong or feature_context or cue or len(tokens) <= 3):
                ok = False
            if ok:
                kept.append(hit)
        return kept

    def _other_counts(self, tokens, lower, hit, fw_hits, vocab_hits, software, others) -> bool:
        """Angular, Spring, Express... count when the message is plainly about software."""
        before = tokens[hit.start - 1] if hit.start > 0 else ""
        if before in _DETERMINERS and not software:
            return False
        if hit.key in self.kb.vocabulary.common_word_others:  # "spring cleaning", "how do we react"
            return (software or bool(fw_hits) or len(tokens) <= 3 or bool(re.search(r"\b(?:vs|versus)\b", lower))
                    or (len(others) >= 2 and bool(_COMPARE.search(lower))))  # "Angular or React?"
        return (software or bool(fw_hits) or bool(vocab_hits) or hit.end - hit.start > 1
                or bool(_COMPARE.search(lower)) or len(tokens) <= 4)

    def _needs(self, tokens, vocab_hits, clauses):
        needs: dict[str, None] = {}
        negated: dict[str, None] = {}
        traits: dict[tuple[str, str], None] = {}
        # Phrases that carry their own negation ("no dependencies") negate nothing after them.
        inside = {j for hit, _ in vocab_hits if tokens[hit.start] in _NEGATORS for j in range(hit.start, hit.end)}
        for hit, targets in vocab_hits:
            is_negated = self._is_negated(tokens, hit, clauses, inside)
            loose_size = hit.key in _SIZE_ADJECTIVES and not _PROJECT_NOUNS.intersection(tokens[hit.end:hit.end + 3])
            for kind, key in targets:
                if kind == "size" and loose_size:
                    continue  # "big frameworks", "big files": not the size of the project
                if kind == "feature":
                    (negated if is_negated else needs)[key] = None
                elif not is_negated:
                    traits[(kind, key)] = None
        for size in _team_sizes(" ".join(tokens)):
            traits.setdefault(("size", size), None)
        for key in needs:  # said both ways ("no ORM... we do need an ORM"): the need wins
            negated.pop(key, None)
        return tuple(needs), tuple(traits), tuple(negated)

    @staticmethod
    def _is_negated(tokens: list[str], hit: _Hit, clauses: list[int], inside: set[int]) -> bool:
        """"no ORM", "without templates", "ORM-free"; a negation never crosses a comma or a "but"."""
        if tokens[hit.start] in _NEGATORS:
            return False  # the phrase carries its own negation: "no dependencies" is a need
        if hit.end < len(tokens) and tokens[hit.end] in _NEGATION_SUFFIXES:
            return True
        clause = clauses[hit.start] if hit.start < len(clauses) else -1
        for j in range(hit.start - 1, max(-1, hit.start - 1 - _NEGATION_WINDOW), -1):
            if (j < len(clauses) and clauses[j] != clause) or j in inside:
                return False  # another clause, or a self-negating phrase ("no dependencies besides stdlib")
            tok = tokens[j]
            if tok in _NEGATORS or (tok == "need" and j > 0 and tokens[j - 1] == "no"):
                return True
            if tok in _NEGATION_STOPS:
                return False
        return False

    @staticmethod
    def _emphasis(vocab_hits, clauses: list[int], emphatic: set[int]) -> frozenset[str]:
        """Needs said to matter most ("reliability and stable interfaces above all") count double.

        The emphasis covers the clause it is said in, so "REST backend, reliability above all" stresses
        reliability, not REST.
        """
        keys = set()
        for hit, targets in vocab_hits:
            if hit.start < len(clauses) and clauses[hit.start] in emphatic:
                keys.update(key for _, key in targets)
        return frozenset(keys)

    # -- intent --------------------------------------------------------------------------------------

    def _intent(self, lower, frameworks, needs, traits, negated, others, context, settings, software, replaced,
                outside_phrases):
        """Decide what is asked; returns (intent, frameworks, topic, excluded, within)."""
        stripped = lower.strip(" ?!.")
        project = any(t == "project" for t, _ in traits)
        if not stripped or (_HELP.match(stripped) and not frameworks and not needs):
            return "help", (), None, (), ()
        companions = self._companions_only(others) and (needs or project) and not (
            len(others) >= 2 and _COMPARE.search(lower))  # "Angular or React for the admin?" is not ours
        if others and not frameworks and not companions:
            return "unknown", (), None, (), ()  # "Angular vs Svelte"; but "a backend for our React SPA" is ours
        if _LIST.search(lower) and len(frameworks) <= 1 and not _RELATION.search(lower):
            return "list", (), None, (), ()
        if len(frameworks) >= 2:
            kept = [f for f in frameworks if f not in replaced and f not in settings]
            if (replaced or settings) and not kept:  # "migrating off DRF, keeping our Django models"
                return "recommend", frameworks, None, replaced, tuple(f for f in settings if f not in replaced)
            if self._relation(lower, frameworks):
                return "info", (frameworks[0],), f"relation:{frameworks[1]}", (), ()
            return "compare", frameworks[:5], None, (), ()
        if len(frameworks) == 1:
            if _ALTERNATIVE.search(lower) and not re.search(r"\bwhat is\b|\btell me about\b", lower):
                return "recommend", frameworks, None, frameworks, ()
            asks_for_advice = needs or project or negated or _RECOMMEND.search(lower)
            if settings and asks_for_advice and not _YES_NO_ABOUT.search(lower):
                return "recommend", frameworks, None, (), frameworks  # "our Django app needs a REST API"
            return "info", frameworks, self._field(outside_phrases), (), ()  # "openapi docs" is not the docs
        specific = [n for n in (*needs, *negated) if n not in _GENERIC_FEATURES]
        if specific or project or ((needs or negated) and (software or frameworks)):
            return "recommend", (), None, (), ()  # but "tornado sirens testing today" is not a question for us
        trait_kinds = {t for t, _ in traits}
        if traits and (context or len(trait_kinds) >= 2 or _TRAIT_REQUEST.search(lower)):
            return "recommend", (), None, (), ()  # "small and flexible, might grow big later"
        if context and _RECOMMEND.search(lower):
            return "recommend", (), None, (), ()
        if _RECOMMEND.search(lower) and not _content_words(lower):
            return "recommend", (), None, (), ()  # "what would you recommend?": needs may come from the thread
        return "unknown", (), None, (), ()

    def _companions_only(self, others: tuple[str, ...]) -> bool:
        """Front-end frameworks (React, Vue...) go with a Python backend; they do not replace it."""
        described = self.kb.vocabulary.other_frameworks
        return all(re.search(r"front-end|\bUI\b", described.get(name, "")) for name in others)

    @staticmethod
    def _relation(lower: str, frameworks: tuple[str, ...]) -> bool:
        """`Is Dash built on Flask?`: a question about the first framework's relation to the second."""
        return bool(_RELATION.search(lower)) and not _COMPARE.search(lower.replace(" or not", ""))

    @staticmethod
    def _field(lower: str) -> str | None:
        for name, pattern in _FIELD_CUES:
            if pattern.search(lower):
                return name
        return None

    @staticmethod
    def _category(lower: str) -> str | None:
        """The filter of a list: an interface ("which asgi frameworks") or a category ("list micro")."""
        for interface, pattern in _INTERFACE_WORDS.items():
            if pattern.search(lower):
                return interface
        for category, pattern in _CATEGORY_WORDS.items():
            if pattern.search(lower):
                return category
        return None

    # -- threads -------------------------------------------------------------------------------------

    def _with_discussion(self, question: Question, discussion) -> Question:
        """Add needs stated earlier in the thread, and say which ones came from there."""
        if question.intent in ("help", "list"):
            return question
        needs = dict.fromkeys(question.needs)
        traits = dict.fromkeys(question.traits)
        negated = dict.fromkeys(question.negated)
        picked: list[str] = []
        earlier_frameworks: list[str] = []
        for message in discussion:
            earlier = self._read(clean(message), False)
            earlier_frameworks.extend(earlier.frameworks)
            for key in earlier.negated:
                if key not in needs and key not in negated:
                    negated[key] = None
                    picked.append(f"no {key}")
            for key in earlier.needs:
                if key not in needs and key not in negated:
                    needs[key] = None
                    picked.append(key)
            for pair in earlier.traits:
                if pair not in traits:
                    traits[pair] = None
                    picked.append(f"{pair[0]}:{pair[1]}")
        intent = question.intent
        frameworks = question.frameworks
        if intent == "unknown" and picked:
            intent = "recommend"
        named = tuple(dict.fromkeys(earlier_frameworks))
        if intent == "recommend" and not frameworks and len(named) >= 2:
            intent, frameworks = "compare", named[:5]  # "django or fastapi?" ... "@pyframework what do you think?"
        if not picked and intent == question.intent and frameworks == question.frameworks:
            return question
        return replace(question, intent=intent, frameworks=frameworks, needs=tuple(needs), traits=tuple(traits),
                       negated=tuple(negated), from_discussion=tuple(picked))


_RULING_OUT = frozenset("not no without except excluding avoid nor besides".split())
_RULING_OUT_VERBS = frozenset("use using want need like choose pick".split())


def _framework_negated(tokens: list[str], hit: _Hit) -> bool:
    """A framework ruled out: "not tornado", "without django", "don't want flask", "anything but hug"."""
    before = tokens[max(0, hit.start - 2):hit.start]
    if before and before[-1] in _RULING_OUT:
        return True
    if len(before) == 2 and before[-1] in _RULING_OUT_VERBS and before[0] in _NEGATORS:
        return True
    return len(before) == 2 and before[-1] == "but" and before[0] in ("anything", "everything", "all")


_MOVING = ("migrat", "mov", "switch", "port")
_DROPPING = ("leaving", "replac", "ditch", "outgr")


def _is_replaced(tokens: list[str], hit: _Hit) -> bool:
    """"migrating from DRF", "moving away from Tornado", "replacing bottle": a framework on its way out."""
    before = [t for t in tokens[max(0, hit.start - 4):hit.start] if t not in ("the", "our", "of", "away")]
    if before[-1:] and before[-1] in ("from", "off"):
        return len(before) >= 2 and before[-2].startswith(_MOVING)
    return bool(before) and before[-1].startswith(_DROPPING) or before[-2:] == ["rid", "of"]


def _next_to_a_connector(tokens: list[str], i: int) -> bool:
    return bool({"or", "vs", "versus", "and"}.intersection(tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]))


def _team_sizes(text: str) -> list[str]:
    """"team of 12", "3 devs", "40 engineers": the project size that a team of that many implies."""
    sizes = []
    for match in _TEAM_SIZE.finditer(text):
        people = int(match.group(1) or match.group(2))
        sizes.append("small" if people <= 3 else "medium" if people <= 9 else "large")
    return sizes


def _is_setting(tokens: list[str], hit: _Hit) -> bool:
    """"our Django app", "the existing flask codebase": the framework the project already uses."""
    before = tokens[max(0, hit.start - 2):hit.start]
    after = tokens[hit.end] if hit.end < len(tokens) else ""
    return bool(_SETTING_BEFORE.intersection(before)) or after in _SETTING_AFTER


def _clauses(lower: str) -> tuple[list[int], set[int]]:
    """The clause number of each token (commas, full stops and "but" separate clauses), and which
    clauses carry emphasis ("above all", "must")."""
    per_token: list[int] = []
    emphatic = set()
    for number, clause in enumerate(_CLAUSE_BREAK.split(lower)):
        per_token.extend([number] * len(tokenize(clause)))
        if _EMPHASIS.search(clause):
            emphatic.add(number)
    return per_token, emphatic


def _lengths_by_first_token(index: dict[tuple[str, ...], Any]) -> dict[str, tuple[int, ...]]:
    """For each first word, the phrase lengths to try, longest first: the scan only tries real phrases."""
    lengths: dict[str, set[int]] = {}
    for toks in index:
        lengths.setdefault(toks[0], set()).add(len(toks))
    return {tok: tuple(sorted(sizes, reverse=True)) for tok, sizes in lengths.items()}


_CUE_WORDS = frozenset("recommend recommendation recommendations suggest suggestion suggestions advice advise "
                       "pick choose decide go options option ideas think something anything please".split())


def _content_words(lower: str) -> list[str]:
    """Words that are neither function words nor asking-for-advice words ("movie" in "recommend a movie")."""
    return [t for t in tokenize(lower) if t not in _STOP_WORDS and t not in _CUE_WORDS]


def _capitalised_positions(text: str) -> set[int]:
    """Token positions written with a capital inside a sentence ("from Tornado"): names, not words."""
    positions = set()
    for i, match in enumerate(_TOKEN.finditer(text.lower())):
        if not i or not text[match.start()].isupper():
            continue
        j = match.start() - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j >= 0 and text[j] not in ".!?:":
            positions.add(i)
    return positions


def tokenize(text: str) -> list[str]:
    """Lower-case words; hyphens and slashes split words, dots and apostrophes inside a word do not."""
    tokens = _TOKEN.findall(text.lower())
    return [t[:-2] if t.endswith("'s") else t for t in tokens]
