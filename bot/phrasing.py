"""How people phrase questions about web frameworks, in English: the cues behind each intent,
negation, emphasis, project sizes and the words that make an ordinary word a framework's name.

Nothing here knows a framework or a feature; those come from the knowledge base. This is the
language the understanding stage reads the knowledge base's phrases in.
"""

from __future__ import annotations

import re
from functools import lru_cache

TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")

# Words after which an ordinary-word name ("a flask", "the pyramid") is the thing, not the framework.
DETERMINERS = frozenset("a an the this that these those my our your their his her its some any every each "
                        "another one".split())
OBJECT_PRONOUNS = frozenset("me you him her them us".split())
NEGATORS = frozenset("no not without don't dont doesn't doesnt never avoid nor skip neither none "
                     "excluding except minus w/o isn't aren't unfamiliar uncomfortable".split())
NEGATION_SUFFIXES = frozenset({"free", "less"})
NEGATION_STOPS = frozenset("but however though although yet and plus also with".split())
NEGATION_WINDOW = 4
STOP_WORDS = frozenset(
    "a an the and or but if then else for to of in on at by with from as is are was were be been being "
    "it its this that these those there here what which who whom whose when where why how can could "
    "should would will shall may might must do does did done have has had we i you they he she me us "
    "our your their my not no yes so than too very just also into about over under more most less "
    "some any all each every other such only own same both few many much need needs want wants use "
    "using used like good best better vs versus compare".split()
)

HELP = re.compile(
    r"^(?:help|halp|hlep|hepl|instructions?|usage|commands?|\?+|h|hi|hello|hey|yo|howdy|start|menu|examples?|"
    r"how does this work|"
    r"what (?:can|do) you do|what are you|who are you|how (?:do|can) (?:i|we) use (?:you|this|it)|"
    r"what (?:can|does) (?:this|the) (?:bot|app|thing) do|what is (?:this|the) (?:bot|app) for|"
    r"what (?:can|should) i ask(?: you)?|how do you work|what is this(?: bot)?|what's this|"
    r"what (?:kinds?|sorts?|types?) of (?:questions|things)|how does (?:this|the) (?:thing|bot|app) work|"
    r"what (?:are|is) (?:your|the) commands?|what commands)\b",
)
# Asking about the bot itself, anywhere in a message: "I'm new here, what does this bot do?"
HELP_ANYWHERE = re.compile(
    r"\bwhat (?:can|do|does) (?:you|this bot|the bot|this app|this thing|pyframework) do\b|"
    r"\bwhat do you know how to do\b|\bhow can you help\b|"
    r"\b(?:explain|tell me) what you (?:do|are|can do)\b|"
    r"\bhow (?:do|can|should) (?:i|we) use (?:you|this bot|the bot)\b|"
    r"\bshow (?:me )?(?:the |some )?(?:help|examples|commands|usage)\b|\bwhat are (?:your|the) commands\b|"
    r"\bexample questions\b|\bexamples of questions\b|\bwhat (?:can|should) (?:i|we) ask\b|"
    r"\bwhat (?:questions|things|kinds? of questions|sort of questions) (?:can|should|could) (?:i|we) ask\b|"
    r"\bhow (?:do|can|should) (?:i|we) ask\b"
)
LIST = re.compile(
    r"^(?:list|lsit|lits|lst|ls|catalog(?:ue)?|all|frameworks|show all|show everything)\b|"
    r"^(?:which|what) (?:python )?(?:web )?frameworks (?:are|is) (?:[\w-]+ ){0,3}[\w-]+\W*$|"
    r"^(?:which|what) (?:python )?(?:web )?frameworks (?:have|has|support|ship|include|come with|offer)\b|"
    r"\b(?:list|show|give|tell|name|enumerate)\b.{0,40}\b(?:micro[- ]?)?frameworks\b|"
    r"\b(?:all|every|each)(?: \w+){0,3} frameworks?\b|"
    r"\b(?:which|what) (?:\w+[ -]){0,3}(?:micro[- ]?)?frameworks\b.{0,30}\b"
    r"(?:are there|exist|do you (?:know|have|cover|support)|"
    r"you know|you have|are available|are supported|are covered|are included|can you|do you|are in)|"
    r"\bframeworks (?:do )?you (?:know|cover|have|support)\b|\bwhat do you know\b|\bwhat frameworks\b\??$|"
    r"\byour (?:frameworks?|catalog(?:ue)?|knowledge base|(?:framework )?list)\b|\bwhich of (?:the|your) frameworks\b|"
    r"\b(?:show|list|give)\b.{0,30}\b(?:options|choices)\b|\b(?:full|whole|complete) list\b|"
    r"\bjust (?:the )?names\b|^what are (?:my|our|the|your) options\W*$|"
    r"^(?:gimme|give me|show me|send me) (?:the |your )?(?:full )?list\b|\bwhich of them\b|"
    r"\bframeworks (?:can|could|may) (?:i|we) ask\b"
)
COMPARE = re.compile(
    r"\b(?:vs|v|versus|compare[sd]?|comparing|comparison|difference|differences|differ|different|against|diff|"
    r"pros and cons|trade-?offs?|better|or|which one|side by side)\b|"
    r"\b(?:faster|slower|better|worse|lighter|heavier|simpler|easier|harder|nicer|cleaner|safer|smaller|bigger|"
    r"more \w+|less \w+) than\b"
)
RECOMMEND = re.compile(
    r"\b(?:recommend\w*|suggest\w*|advi[cs]e|should (?:we|i|you) (?:use|pick|choose|go)|what to use|"
    r"which (?:framework|one|stack|library|tool)|what (?:framework|stack|library|tool)|best (?:framework|choice|fit)|"
    r"(?:best|top|greatest|recommended) (?:[\w-]+ ){0,3}frameworks?|"
    r"pick|choose|choosing|looking for|we need|i need|we want|i want|need a|want a|building|build|"
    r"go with|start(?:ing)? a|what would you|what do you think|options?|ideas?|help me decide|decide|"
    r"(?:move|moving|switch|switching|migrate|migrating|port|porting) to|need something|needs? its own|"
    r"requires?|required)\b"
)
# What makes an ordinary-word name ("dash", "tornado") a framework when nothing else says software:
# a question about a framework, never generic words such as "build", "who" or "is".
NAME_CUES = re.compile(
    r"\b(?:what is|what's|whats|what does|what about|how about|tell? me about|tell? me abt|info|explain|describe|"
    r"vs|v|versus|"
    r"compare[sd]?|comparing|"
    r"recommend\w*|suggest\w*|alternatives?|instead of|migrat\w*|switch\w*|replac\w*|mov\w* (?:away )?from|"
    r"leaving|ditch\w*|too \w+ for (?:us|our|my|me)|getting too \w+|outgr[eo]w\w*|"
    r"still (?:a thing|alive|maint\w*|relevant|worth it|worth|around|used|using|supported|active)|"
    r"anyone (?:still )?(?:using|use|uses)|"
    r"good (?:for|fit|choice|idea)|suitable|a fit for|worth (?:it|using)|right choice|best (?:for|at|used for)|"
    r"(?:ok|okay|fine|enough) for|[a-z]+-(?:ish|style|like|esque)|(?:something|anything|framework|one) like|"
    r"similar to|go(?:ing)? with|stick(?:ing)? with|switch(?:ing)? to|mov(?:e|ing) to|"
    r"good at|used for|strengths?|weakness(?:es)?|when (?:to|should (?:i|we)) use|pros and cons of|"
    r"(?:dis)?advantages of|downsides of|upsides of|"
    r"how (?:mature|stable|popular|fast|good|old|active|big|widely used) is)\b|"
    r"^(?:does|do|is|can|will) \w+(?: \w+)? (?:have|support|ship|include|come with|need|use|require|run|do|keep|"
    r"handle|scale|serve|cope with)\b"
)
SIZE_ADJECTIVES = frozenset("big large huge small tiny simple complex minimal".split())
PROJECT_NOUNS = frozenset("app apps application applications project projects team teams site sites website webapp "
                          "company companies service services product platform codebase system api apis backend "
                          "startup business monolith shop store marketplace tool tools page pages org "
                          "organisation organization enterprise webhook webhooks receiver endpoint endpoints bot bots "
                          "script scripts prototype prototypes dashboard dashboards gateway wrapper ui portal wiki "
                          "course viewer viewers explorer report reports".split())
DIGIT = re.compile(r"\d")
TEAM_SIZE = re.compile(r"\bteam of (\d{1,4})\b|\b(\d{1,4}) (?:person|people|devs?|developers|engineers|programmers)\b")
TRAIT_REQUEST = re.compile(r"\b(?:need|needs|want|wants|looking for|should we|should i|recommend\w*|suggest\w*|"
                            r"what should|which|what do we use|what to use|care (?:most )?about|matters? most|"
                            r"most important|(?:our|my) (?:top )?priority)\b")
# Words any framework's description may use, so they say nothing about which one is meant
# ("the best documentation", "performance matters"); not hints, even when only one description has them.
GENERIC_TERMS = frozenset(
    "documentation tutorial tutorials application applications performance security support "
    "developers developed designed libraries packages extensions function functions classes methods "
    "requests responses response handling configuration default simple stable system things together "
    "working written tested required needed several multiple others inside around rather enough everything "
    "expected explore normal reading moving switching changes breaking started choose control complete directly "
    "larger medium process processes separate source adding afternoon attack behind bottom finish knowledge leaves "
    "installing interfaces official products operations powerful readable straightforward thorough proven "
    "widespread established extend".split()
)
# Package names that are also ordinary words ("no outgoing requests", "one click"): never a package ruled out.
ORDINARY_PACKAGE_NAMES = frozenset("requests click rich packaging comm multipart retrying watchdog janus".split())
# Features whose words also name ordinary things ("testing", "forms", "sessions"): no evidence of software.
GENERIC_FEATURES = frozenset({"testing_tools", "forms", "sessions", "security", "caching", "plugins",
                              "static_files"})
# Asking for something like a named framework: a cue both for alternatives and for ranking by likeness.
_LIKE_IT = (r"alternatives?|instead of|(?:something|anything|framework|one|library) like|(?:feels?|looks?|works?) like|"
            r"[a-z]+-(?:like|ish|style|esque)|like [\w']+(?: \w+)? but|successor|drop-in|keeps? the \w+ api|"
            r"[a-z]+-compatible|"
            r"(?:async|asynchronous|modern|typed|faster|lighter|newer) (?:version|port) of")
ALTERNATIVE = re.compile(
    r"\b(?:" + _LIKE_IT + r"|replac\w*|migrat\w* (?:off|from|away)|(?:mov|switch|port)\w* (?:away )?from|leaving|"
    r"get(?:ting)? rid of|outgr[eo]w\w*|ditch\w*|similar to|other than|besides|apart from|too \w+ for (?:us|our|my)|"
    r"what's next|what next|(?:move|moving|go|going|grow|grown|growing) beyond)\b"
)
ASKS_FIT = re.compile(r"\b(?:good (?:for|fit|choice|idea|enough)|suitable|a fit for|worth (?:it|using)|right choice|"
                       r"(?:ok|okay|enough|fine) for|should (?:we|i) use|would you use|sane choice|viable|"
                       r"make sense|overkill|a mistake)\b")
# "something like Flask", "alternatives to Flask": likeness ranks the answer. Leaving a framework
# because it is "too minimal" or "getting messy" asks for something different instead.
# Keeping the code one has: a cue for likeness to the framework in use, and for weighing it in full.
_LITTLE_REWRITING = (r"without rewriting|minimal changes|little rewriting|minimal rewriting|least rewriting|"
                     r"less rewriting|keep (?:our|the|most of our) code")
LIKENESS = re.compile(
    r"\b(?:" + _LIKE_IT + r"|similar|closest|same (?:api|style|feel|spirit)|" + _LITTLE_REWRITING + r")\b"
)
# Liking a framework's way of doing things while asking for more: "we love Flask's API", "Django-style admin".
LIKES_ITS_STYLE = re.compile(r"\b(?:like|likes|love|loves|prefer|prefers|enjoy|enjoys|used to) [\w']+[ -]"
                             r"(?:api|style|syntax|simplicity|design|ergonomics|approach|way of doing things)\b")
# Liking or coming from another framework: "the team likes NestJS", "coming from Rails".
FONDNESS = re.compile(r"\b(?:likes?|loves?|prefers?|used to|coming from|familiar with|knows?|background in)\b")
# Asking for a pick, whatever else the message names: "what should we use?", "suggestions?", "where do we go?"
PICK_REQUEST = re.compile(
    r"\b(?:what|which)(?: [\w-]+){0,3} (?:should|would|could|do|can) (?:we|i|you) (?:use|pick|choose|suggest|recommend|"
    r"go with|move to|switch to|take)\b|\bwhat do you (?:suggest|recommend|think we should)\b|\bsuggestions?\b|"
    r"\brecommendations?\b|\bwhat now\b|\bwhere (?:should|do|can|would) (?:we|i) (?:go|move|migrate|switch|turn)\b|"
    r"\bwhat goes on top\b|\bclosest thing\b|\bequivalent\b|\bwhat fits\b|"
    r"\bwhat should (?:the|our|this|a|my) [\w -]{1,30}? (?:use|teach|learn|pick|choose)\b|"
    r"\b(?:best|safest|right|smartest|safe|standard|usual|default|obvious|go-to|recommended) (?:long-term )?"
    r"(?:bet|choice|option|pick|move)\b|\bwhat should we add\b"
)
# A framework spoken of as the problem, in its own clause: "Django feels slow for this", "hug looks dead".
CRITICISM = re.compile(
    r"\b(?:slow|slower|sluggish|(?:is|feels|too|so|bit|very|quite|rather) heavy|heavyweight|bloated|clunky|messy|"
    r"painful|wrong|dead|abandoned|unmaintained|"
    r"outdated|old-fashioned|maintenance mode|too \w+|limited|limiting|frustrat\w*|struggl\w*|annoying|regret\w*|"
    r"tired of|fed up|want off|get off|dying|doesn't scale|does not scale|can't keep up)\b"
)
# Wanting more than the framework in use gives: "anything quicker for typed APIs?", "but we need more layout control".
WANT_MORE = re.compile(r"\b(?:something|anything|a framework|one)(?: [\w-]+){0,2} (?:more|else|quicker|faster|lighter|"
                       r"simpler|newer|better|different)\b|\bbut (?:we |i )?(?:need|want) more\b")
# Wanting another framework than the one in use: "a modern async API framework for new services".
NEW_FRAMEWORK = re.compile(r"\b(?:new|modern|different|another|better)(?: [\w-]+){0,3} (?:framework|stack)\b")
# A clause that says something does not matter names no need: "sync or async doesn't matter".
INDIFFERENT = re.compile(r"\b(?:doesn't matter|does not matter|doesnt matter|don't care|do not care|dont care|"
                         r"either way|not important|irrelevant|not a concern|whatever works)\b")
# Wanting synchronous code: the same as ruling out async ("a simple synchronous framework", "sync is fine").
SYNC_WANTED = re.compile(r"\b(?:synchronous|sync[- ]only|sync code|plain sync|sync is (?:fine|enough|ok)|"
                         r"sync (?:\w+ )?(?:framework|handlers|views|python|wsgi)|no need for async|"
                         r"(?:don't|do not) need async)\b")
# Staying close to what exists: likeness to the framework in use ranks fully, not just as a tie-break.
KEEP_CLOSE = re.compile(r"\b(?:" + _LITTLE_REWRITING + r"|without a rewrite|minimal (?:churn|rewrite)|"
                        r"least (?:painful|churn)|drop-in|closest|same api|gradually|incrementally|"
                        r"(?:rewrite|rewriting)(?: \w+)? (?:isn't|is not) an option)\b")
BUILTIN_ONLY = re.compile(r"\bbuilt[- ]?in\b|\bout of the box\b|\bnatively\b|\bbundled\b|\bships with\b")
YES_NO_ABOUT = re.compile(
    r"^(?:is|does|can|could|will|would|should|has|are|do|what is|what's|tell? me about|tell? me abt)\b")
# A yes/no question about a framework named earlier: "the backend is flask, is it good for websockets?"
ABOUT_IT = re.compile(r"\b(?:is|does|can|will|would|could) it\b")
# A framework is the setting of the question ("our Django app", "the existing flask codebase").
SETTING_BEFORE = frozenset("our my existing current legacy knows know familiar comfortable experienced".split())
SETTING_AFTER = frozenset("app apps application applications project projects codebase monolith site backend "
                          "code service services shop developers devs engineers orm models admin ecosystem".split())
# "we're on Flask", "we run Tornado", "stay with Django", "keep the Django admin": what is in use, said by a verb.
SETTING_VERBS = {
    "on": frozenset("we're were are currently still i'm am already in".split()),  # "all-in on Flask"
    "use": frozenset("we i currently already still".split()),
    "run": frozenset("we i currently already still".split()),
    "runs": frozenset("team company already currently still everyone".split()),
    "using": frozenset("we're are i'm am currently already still".split()),
    "uses": frozenset("team company everyone org shop".split()),
    "running": frozenset("we're are i'm am currently already still".split()),
    "with": frozenset("stay staying stick sticking".split()),
    "in": frozenset("stay staying".split()),
}
SETTING_KEEP = frozenset("keep keeping leave leaving".split())  # "keep the Django admin"; "without leaving Django"
# "our Tornado app ... move to something ASGI-based": the framework in use is the one being left.
MOVING_TO = re.compile(r"(?<!without )(?<!without a )(?<!not )(?<!no )(?<!avoid )"
                       r"\b(?:move|moving|switch|switching|migrate|migrating|port|porting|rewrite|rewriting|"
                       r"stop using|drop|dropping|phase out|phasing out|get off|getting off)\b"
                       r"(?!(?: \w+){0,2} (?:isn't|is not|isnt|aren't|are not|not) (?:an option|possible|feasible))")
# "a framework with its own server", "library for developing web APIs": a description of what is wanted.
DESCRIBES_A_FRAMEWORK = re.compile(r"\b(?:framework|library|microframework|toolkit|stack)s? (?:with|that|which|for|"
                                   r"where|to)\b")
# Words that make a message plainly not about software ("what's a good ninja movie", "Django Unchained").
OFF_TOPIC_NOUNS = frozenset("movie movies film films song songs album recipe recipes restaurant restaurants weather "
                            "holiday vacation dinner lunch breakfast actor actress novel book soundtrack meme "
                            "memes hedgehog".split())
# Other languages: "Koa vs Hono for a TypeScript backend" is not about Python.
OTHER_LANGUAGES = re.compile(r"\b(?:typescript|javascript|node\.?js|node (?:backend|api|app|service|server)|deno|"
                             r"go (?:web |http )?(?:frameworks?|backend|services?|api|server)|"
                             r"golang|java|kotlin|scala|ruby|php|c#|rust|elixir|erlang)\b|\.net\b")
FIELDS_OVER_FEATURES = frozenset({"license", "maintenance", "first_release", "notable_users", "people",
                                  "latest_version", "category"})
RELATION = re.compile(
    r"\b(?:built on(?: top of)?|based on|on top of|depends? on|uses?|runs? on|wraps?|wrapper (?:around|for)|"
    r"powered by|fork of|part of|plugin for|extension (?:of|for)|requires?|compatible with|works? with|"
    r"^(?:does|do|will) \w+(?: \w+)? (?:need|needs)\b|"
    r"integrates? with|made by|by the same|same (?:people|team|authors|maintainers|company)|"
    r"is (?:just |basically )?like|running on|under the hood)\b|"
    r"^(?:is|isn't) [\w-]+ (?:just|basically|simply|essentially)\b"
)
FIELD_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("people", re.compile(r"\bwho (?:\w+ )?(?:created|made|makes|maintains|develops|wrote|writes|is behind|owns|"
                          r"builds|built|runs|funds|sponsors|backs)\b|"
                          r"\bmaintainers?\b|\bauthors?\b|\bcreators?\b")),
    ("license", re.compile(r"\blicen[cs]e[sd]?\b|\bopen source\b|\bcommercial use\b")),
    ("maintenance", re.compile(r"\bmaint\w*|\bdead\b|\babandoned\b|\bstill alive\b|"
                               r"\bactive(?:ly)?\b|\bdeprecated\b|\barchived\b|\bunmaintained\b")),
    ("first_release", re.compile(r"\bhow old\b|\bfirst released?\b|\bwhen was\b|\bwhen (?:was|were) \w+ created\b|"
                                 r"\bsince when\b")),
    ("latest_version", re.compile(r"\bversion\b(?! of)|\blatest\b|\brelease[sd]?\b|\bup to date\b")),
    ("interface", re.compile(r"\bwsgi\b|\basgi\b|\binterface\b|\bserver\b")),
    ("dependencies", re.compile(r"\bdependenc\w+\b|\bbuilt on\b|\bbased on\b|\bon top of\b|\bdepends? on\b|"
                                r"\bpowered by\b|\brequires?\b")),
    ("notable_users", re.compile(r"\bwho uses\b|\bcompanies\b|\bused by\b|\bin production at\b")),
    ("docs", re.compile(r"\bdocs\b|\bdocumentation\b|\btutorial\b")),
    ("repository", re.compile(r"\brepo(?:sitory)?\b|\bgithub\b|\bsource code\b")),
    ("category", re.compile(r"\bcategory\b|\bmicro ?framework\b|\bfull[- ]stack\b|\bwhat kind\b")),
)
EMPHASIS = re.compile(r"\b(?:above all|most important\w*|priority|crucial|critical|must(?: have)?|key|essential|"
                       r"especially|mainly|primarily|first and foremost|really need)\b")
CLAUSE_BREAK = re.compile(r"[,;:.!?()]+(?=\s|$)|(?<=\s)[-–—](?=\s)|(?=\bbut\b)")
INTERFACE_WORDS = {"asgi": re.compile(r"\basgi\b"), "wsgi": re.compile(r"\bwsgi\b")}
# The kinds of framework a recommendation may ask for by name (the other categories are needs).
KIND_WORDS = {
    "micro": re.compile(r"\bmicro[- ]?frameworks?\b"),
    "full-stack": re.compile(r"\bfull[- ]?stack (?:web )?frameworks?\b|\bbatteries[- ]included\b"),
}
CATEGORY_WORDS = {
    "full-stack": re.compile(r"\bfull[- ]?stack\b|\bbatteries[- ]included\b"),
    "micro": re.compile(r"\bmicro[- ]?frameworks?\b|\bmicro\b|\bminimal\b|\blightweight\b"),
    "async": re.compile(r"\basync\w*\b"),
    "api": re.compile(r"\bapi\b|\brest\b|\bapis\b"),
    "data-app": re.compile(r"\bdata[- ]apps?\b|\bdashboards?\b|\bdata science\b"),
}


def next_to_a_connector(tokens: list[str], i: int) -> bool:
    return bool({"or", "vs", "versus", "and"}.intersection(tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]))


def team_sizes(text: str) -> list[str]:
    """"team of 12", "3 devs", "40 engineers": the project size that a team of that many implies."""
    sizes: list[str] = []
    if not DIGIT.search(text):
        return sizes
    for match in TEAM_SIZE.finditer(text):
        people = int(match.group(1) or match.group(2))
        sizes.append("small" if people <= 3 else "medium" if people <= 9 else "large")
    return sizes


def clauses_of(lower: str) -> tuple[list[int], set[int]]:
    """The clause number of each token (commas, full stops and "but" separate clauses), and which
    clauses carry emphasis ("above all", "must", or the "but..." after "like X")."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(lower)]
    per_token: list[int] = []
    clause = 0
    for match in TOKEN.finditer(lower):
        while clause < len(breaks) and breaks[clause] <= match.start():
            clause += 1
        per_token.append(clause)
    parts = CLAUSE_BREAK.split(lower)
    emphatic = {number for number, text in enumerate(parts) if EMPHASIS.search(text)} if EMPHASIS.search(lower) \
        else set()
    previous = ""
    for number, text in enumerate(parts if "like" in lower or "similar" in lower else ()):  # "like Bottle,
        if text.lstrip().startswith("but ") and re.search(r"\b(?:like|similar)\b", previous):  # but async"
            emphatic.add(number)
        if text.strip():
            previous = text
    return per_token, emphatic


CUE_WORDS = frozenset("recommend recommendation recommendations suggest suggestion suggestions advice advise "
                      "pick choose decide go options option ideas think something anything please".split())


def content_words(lower: str) -> list[str]:
    """Words that are neither function words nor asking-for-advice words ("movie" in "recommend a movie")."""
    return [t for t in tokenize(lower) if t not in STOP_WORDS and t not in CUE_WORDS]


def fold_case(text: str) -> str:
    """Lower case, one character for one ("İ".lower() is two), so positions in it are positions in `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=256)
def capitalised_positions(text: str) -> frozenset[int]:
    """Token positions written with a capital inside a sentence ("from Tornado"): names, not words."""
    positions = set()
    for i, match in enumerate(TOKEN.finditer(fold_case(text))):
        if not i or not text[match.start()].isupper():
            continue
        j = match.start() - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j >= 0 and text[j] not in ".!?:":
            positions.add(i)
    return frozenset(positions)


@lru_cache(maxsize=256)
def written_with_capitals(text: str) -> frozenset[int]:
    """Token positions written with a capital anywhere, sentence starts included ("Fast API vs Django")."""
    return frozenset(i for i, match in enumerate(TOKEN.finditer(fold_case(text))) if text[match.start()].isupper())


def tokenize(text: str) -> list[str]:
    """Lower-case words; hyphens and slashes split words, dots and apostrophes inside a word do not."""
    tokens = TOKEN.findall(fold_case(text))
    return [t[:-2] if t.endswith("'s") else t for t in tokens]
