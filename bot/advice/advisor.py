"""Advice: an understood question in, an Answer out (a ranking, a comparison, a card, a listing, or a plain
message). Scoring lives in scoring.py, ranking in ranking.py, fact answers in facts.py."""

from __future__ import annotations

import threading
from collections import OrderedDict

from bot.advice import weights as w
from bot.advice.catalog import Catalog
from bot.advice.criteria import criterion_answer
from bot.advice.facts import (
    cell,
    direct_answer,
    interface_cell,
)
from bot.advice.listing import by_category, by_fact, by_terms
from bot.advice.model import Answer, Comparison, Recommendation, names
from bot.advice.ranking import Ranker
from bot.advice.scoring import Scorer
from bot.knowledge import Framework, KnowledgeBase, lower_first
from bot.knowledge.names import UNLISTED, Name
from bot.question import Question

WHICH_FRAMEWORK = ("Which framework do you mean? Name it and I'll answer, for example \"is bottle still maintained?\" "
                   "or \"can nicegui be used in production?\".")
RECENT_ANSWERS = 64  # enough for the gap log's batches to find the answers they are about

LIBRARY_QUESTION = ("That sounds like a choice of library, server or tool rather than of a web framework, which "
                    "is what I compare. Tell me what you're building and I'll suggest a framework, or name one and ask "
                    "what it ships with.")
THANKS_REPLY = ("You're welcome. Ask again whenever the team weighs a framework: mention me in the thread, "
                "or use /pyframework.")
LEAVING_PYTHON = ("Moving off Python is a choice of language, which is outside what I compare: I help choose among "
                  "Python web frameworks. If the move is about speed or deployment, tell me what the service needs "
                  "(e.g. \"high-throughput JSON API, simple deployment\") and I'll suggest the Python options.")
DEBUGGING = ("That sounds like a bug to fix rather than a framework to choose, which is what I help with: the "
             "framework's own documentation, its issue tracker or a colleague will serve you better.")
HOW_TO = ("That sounds like a question of how to do something with {fw} rather than of which framework to choose, "
          "which is what I help with: its documentation or a colleague will serve you better.")
OPERATIONS = ("That sounds like a question of setting up or running an app (servers, deployment, tuning) rather "
              "than of choosing a framework, which is what I help with. Tell me what you're building and I'll "
              "suggest a framework, or name one and ask how it is served.")


class Advisor:
    """Answers understood questions from one knowledge base."""

    def __init__(self, kb: KnowledgeBase, replies: dict[str, tuple[str, str]] | None = None):
        self.kb = kb
        self.replies = replies or {}  # language code -> (name, "I only understand English" in that language)
        self.catalog = Catalog(kb)
        self.features = kb.vocabulary.features
        self.traits = kb.vocabulary.traits
        self.scorer = Scorer(self.catalog)
        self.ranker = Ranker(self.catalog, self.scorer)
        self._recent: OrderedDict[Question, Answer] = OrderedDict()
        self._recent_lock = threading.Lock()

    def __getstate__(self) -> dict:
        """A stored advisor (bot/warm.py) keeps what it knows, not the answers it gave."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_recent", "_recent_lock")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._recent = OrderedDict()
        self._recent_lock = threading.Lock()

    def forget(self) -> None:
        """Drop remembered scoring plans and answers (benchmarks measure advising, not remembering)."""
        self.scorer.forget()
        with self._recent_lock:
            self._recent.clear()

    def advised(self, question: Question) -> Answer:
        """The answer just given to an equal question, or a new one: the gap log reads, a moment later and
        in another thread, the answer a listener has just sent, which took as long as the rest of the request."""
        with self._recent_lock:
            answer = self._recent.get(question)
        return answer if answer is not None else self.advise(question)

    def _remember(self, question: Question, answer: Answer) -> None:
        with self._recent_lock:
            self._recent[question] = answer
            self._recent.move_to_end(question)
            if len(self._recent) > RECENT_ANSWERS:
                self._recent.popitem(last=False)

    def score(self, fw: Framework, question: Question, *, explain: bool = True) -> Recommendation:
        return self.scorer.score(fw, question, explain=explain)

    def rank(self, question: Question, candidates: list[Framework] | None = None,
             explained: int | None = None, limit: int | None = None) -> list[Recommendation]:
        return self.ranker.rank(question, candidates, explained, limit)

    def advise(self, question: Question) -> Answer:
        # An info question about an extension ("what is flask restful?") leads with it, so its note goes:
        # found once, for both.
        extension = self._extension_of(question) if question.intent == "info" else None
        notes = self._notes(question, extension)
        handler = {"recommend": self.recommend, "compare": self.compare,
                   "info": lambda q: self.info(q, extension=extension), "list": self.listing}.get(question.intent)
        answer = handler(question) if handler else self._not_understood(question)
        from_thread = self._from_thread(question)
        if notes or from_thread:
            answer = Answer(**{**answer.__dict__, "notes": notes + answer.notes, "from_thread": from_thread})
        self._remember(question, answer)
        return answer

    # -- intents -------------------------------------------------------------------------------------

    def recommend(self, question: Question) -> Answer:
        if len(question.shortlist) >= 2 or (question.settled and question.shortlist):
            return self._choose_among(question)
        considered = w.RECOMMENDATIONS_SHOWN + 3  # add-ons may move up to 3 aside
        ranked = self.rank(question, explained=0, limit=considered)  # explained below: only the ones shown
        unexplained = {id(r): r for r in ranked}  # holding them: no other object can take one of their ids
        notes: tuple[str, ...] = ()
        if not question.has_needs:
            basis = (f"ranked by how close each is to {names(self.kb, question.similar_to)}" if question.similar_to
                     else "a general ranking")  # "alternatives to Flask", "the Python equivalent of Express"
            notes = (f"You didn't say what you're building, so this is {basis}. Tell me your needs "
                     "(e.g. \"REST API with auth and Swagger docs\" or \"dashboard for analysts\") for a sharper "
                     "answer.",)
        if not question.within:
            ranked = self.ranker.addons_after_their_base(ranked, question)
        shown = [self.score(r.framework, question) if id(r) in unexplained else r
                 for r in ranked[:w.RECOMMENDATIONS_SHOWN]]
        shown = self._worth_showing(shown)
        shown = self.ranker.why_above(self.ranker.why_first(shown, question), question)
        return Answer(question, recommendations=tuple(shown), notes=notes)

    @staticmethod
    def _worth_showing(shown: list[Recommendation]) -> list[Recommendation]:
        """Options that cover little of what was asked are not recommendations: "Flask (0% match)" as third
        choice reads as a suggestion. Keep the first, and the rest that reach half the best fit."""
        best = max((r.fit for r in shown if r.fit is not None), default=None)
        if best is None:
            return shown
        return shown[:1] + [r for r in shown[1:] if r.fit is None or (r.fit > 0 and r.fit * 2 >= best)]

    def _choose_among(self, question: Question) -> Answer:
        """"Which should we go with?" after a thread that named Flask and Django: the pick is one of them, and a
        framework outside the shortlist that clearly fits better is mentioned, not slipped in first."""
        shortlist = [self.kb.frameworks[f] for f in question.shortlist if f in self.kb.frameworks]
        # "replace hug with fastapi?": an unmaintained framework is no option to pick, only one to leave
        dead = [fw for fw in shortlist if fw.maintenance == "unmaintained"]
        live = [fw for fw in shortlist if fw not in dead]
        ranked = self.rank(question, live or shortlist)
        outsiders = [r for r in self.rank(question, limit=1) if r.framework.id not in question.shortlist]
        notes: tuple[str, ...] = ()
        if outsiders and ranked and outsiders[0].score >= ranked[0].score + w.CLEARLY_BETTER and question.has_needs:
            out = outsiders[0]
            notes = (f"Outside the ones named, {out.framework.name} fits what you described better "
                     f"({'; '.join(out.reasons[:2])}).",)
        if live and dead:
            notes += (self._unmaintained(dead),)
        ranked = self.ranker.why_above(self.ranker.why_first(ranked, question), question)
        return Answer(question, recommendations=tuple(ranked), notes=notes)

    def compare(self, question: Question) -> Answer:
        if len(question.frameworks) < 2:  # "how is this different from Gradio?": what I know is its card
            return self.info(question, extension=self._extension_of(question))
        frameworks = [self.kb.frameworks[fid] for fid in question.frameworks]
        ranked = self.rank(question, frameworks)
        feature_ids = list(dict.fromkeys([*question.needs, *question.negated, *w.COMPARE_DEFAULT_FEATURES]))
        rows: list[tuple[str, tuple[str, ...]]] = [
            ("Category", tuple(fw.category for fw in frameworks)),
            ("Interface", tuple(interface_cell(fw.interface) for fw in frameworks)),
            ("Async", tuple(fw.async_support for fw in frameworks)),
            ("Maintenance", tuple(fw.maintenance for fw in frameworks)),
            ("Latest version", tuple(fw.latest_version for fw in frameworks)),
            ("License", tuple(fw.license for fw in frameworks)),
        ]
        supports = self.catalog.supports
        feature_rows = [
            (self.features[fid].label, tuple(cell(supports[fw.id][fid][0]) for fw in frameworks))
            for fid in feature_ids
            if fid != "async" or fid in question.needs or fid in question.negated
        ]
        asked = len(question.needs) + len(question.negated)
        unasked = [row for row in feature_rows[asked:] if any(c != "-" for c in row[1])]  # nobody has it: noise
        rows = feature_rows[:asked] + rows + unasked
        choose = tuple(f"Choose {fw.name} for {lower_first(fw.best_for[0]).rstrip('.')}" for fw in frameworks)
        comparison = Comparison(tuple(frameworks), tuple(rows[:w.MAX_COMPARE_ROWS]), choose)
        kind, _, criterion = (question.topic or "").partition(":")  # "which is more popular?" answered first
        direct = criterion_answer(self.kb, frameworks, criterion) if kind == "criterion" else None
        ranked, verdict, notes = self._without_the_dead(_clearly_better_fit_first(ranked), question)
        return Answer(question, recommendations=tuple(ranked), comparison=comparison, direct=direct or verdict,
                      notes=notes)

    def _without_the_dead(self, ranked: list[Recommendation], question: Question
                          ) -> tuple[list[Recommendation], str | None, tuple[str, ...]]:
        """"hug vs falcon for a new project?": an unmaintained framework stays in the table, but it is no
        choice for new work, so it is not recommended; when one live framework is left, that is the verdict.
        One the team runs stays: leaving it is what the comparison weighs."""
        dead = [r.framework for r in ranked if r.framework.maintenance == "unmaintained" and r.framework.id not in
                question.within]
        live = [r for r in ranked if r.framework not in dead]
        if not (dead and live):
            return ranked, None, ()
        if len(live) == 1:
            return live, f"{live[0].framework.name}: {self._unmaintained(dead, 'so no choice for new work')}", ()
        return live, None, (self._unmaintained(dead),)

    def _unmaintained(self, dead: list[Framework], so: str = "so I left it out of the choice") -> str:
        """"hug is unmaintained, so I left it out of the choice.": the one wording for every answer that leaves
        an unmaintained framework out of the ones it offers."""
        return f"{names(self.kb, tuple(fw.id for fw in dead))} {'is' if len(dead) == 1 else 'are'} unmaintained, {so}."

    def info(self, question: Question, *, extension: Name | None) -> Answer:
        """The card of the framework asked about; `extension` is the extension of it the question names
        (`_extension_of`), which the answer leads with."""
        if not question.frameworks:  # "is it still maintained?" with no framework named here or in the thread
            return Answer(question, message=WHICH_FRAMEWORK)
        fw = self.kb.frameworks[question.frameworks[0]]
        direct = direct_answer(self.catalog, fw, question)
        if direct and question.fact_of_several:  # the fact asked, of each framework named, in the order named
            each = (direct_answer(self.catalog, self.kb.frameworks[f], question) for f in question.frameworks[1:])
            direct = " ".join((direct, *(line for line in each if line)))
        recommendations: tuple[Recommendation, ...] = ()
        topic_feature = (question.topic or "").removeprefix("feature:")
        other_needs = question.traits or question.negated or any(n != topic_feature for n in question.needs)
        if question.asks_fit and other_needs:  # "is flask good for a marketplace with an admin?"
            recommendations = (self.score(fw, question),)
            direct = self._fits_better(fw, question, recommendations[0], direct)
        if not recommendations and extension:
            instead = tuple(f for f in extension.see if f != fw.id)  # what was asked about, not Flask
            closest = self._closest(instead, "framework here")
            direct = f"{extension.title} is {extension.is_}.{closest} It extends {fw.name}:"
        alternatives: tuple[Recommendation, ...] = ()
        if fw.maintenance == "unmaintained":  # "is hug dead?": yes, and where to go instead
            alternatives = tuple(self.rank(Question(
                text=question.text, intent="recommend", needs=question.needs, traits=question.traits,
                excluded=(fw.id,), similar_to=(fw.id,)), limit=w.ALTERNATIVES_SHOWN))
        return Answer(question, card=fw, direct=direct, recommendations=recommendations, alternatives=alternatives)

    def _fits_better(self, fw: Framework, question: Question, mine: Recommendation, direct: str | None) -> str | None:
        best = self.rank(Question(text=question.text, intent="recommend", needs=question.needs,
                                  traits=question.traits, negated=question.negated), explained=0, limit=1)[0]
        if best.framework.id == fw.id or best.score < mine.score + w.CLEARLY_BETTER:
            if direct or mine.fit is None or mine.fit < w.FITS_WELL:
                return direct
            why = "; ".join(lower_first(r) for r in mine.reasons[:2])
            return f"Yes: {fw.name} fits what you described ({mine.fit}% fit){': ' + why if why else ''}."
        match = (f" ({best.fit}% vs {mine.fit}% fit)" if best.fit is not None and mine.fit is not None
                 and best.fit != mine.fit else "")
        better = f"For what you described, {best.framework.name} fits better than {fw.name}{match}."
        return f"{direct} {better}" if direct else better

    def listing(self, question: Question) -> Answer:
        frameworks, title_text = by_category(sorted(self.kb.frameworks.values(), key=lambda f: f.name.lower()),
                                              question.category)
        frameworks, title_text = by_fact(frameworks, title_text, question.topic, self.catalog.traits)
        base = (question.topic or "").removeprefix("built_on:")
        if base in self.kb.frameworks:  # "which frameworks are built on starlette?"
            frameworks = [fw for fw in frameworks if base in self.catalog.bases[fw.id] or fw.extends == base]
            title_text = f"Frameworks built on {self.kb.frameworks[base].name}"
        if not question.topic:  # "which ones are unmaintained?" says its filter already
            frameworks, title_text = by_terms(frameworks, title_text, question.terms, self.kb.distinctive_terms)
        supports = self.catalog.supports
        # A need every framework of the kind has built in filters nothing ("data app frameworks": dashboards).
        needs = [f for f in question.needs if not (question.category and all(
            supports[fw.id][f][0].level == "builtin" for fw in frameworks))]
        if needs:
            labels = ", ".join(self.features[f].label for f in needs)
            wanted = ("builtin",) if question.builtin_only else ("builtin", "extension", "partial")
            frameworks = [fw for fw in frameworks if all(supports[fw.id][f][0].level in wanted for f in needs)]
            title_text += f" with {labels}"
        groups: dict[str, list[Framework]] = {}
        for fw in frameworks:
            groups.setdefault(fw.category, []).append(fw)
        return Answer(question, listing=tuple((c, tuple(fws)) for c, fws in groups.items()),
                      listing_title=f"{title_text} ({len(frameworks)})")

    def _not_understood(self, question: Question) -> Answer:
        """Unknown questions; one in another language is told so in that language, then in English."""
        if question.topic == "library":
            return Answer(question, message=LIBRARY_QUESTION)
        if question.topic == "thanks":
            return Answer(question, message=THANKS_REPLY)
        if question.topic == "leaves_python":
            return Answer(question, message=LEAVING_PYTHON)
        if question.topic == "operations":
            return Answer(question, message=OPERATIONS)
        if question.topic in ("debugging", "how_to"):
            named = [self.kb.frameworks[f] for f in question.frameworks if f in self.kb.frameworks]
            docs = "".join(f" {fw.name}'s documentation: {fw.docs}" for fw in named)
            used = " and ".join(fw.name for fw in named) or "it"
            lead = DEBUGGING if question.topic == "debugging" else HOW_TO.format(fw=used)
            return Answer(question, message=lead + docs)
        code = (question.topic or "").removeprefix("language:")
        if code in self.replies:
            name, reply = self.replies[code]
            return Answer(question, message=f"{reply} I only understand English: please ask again in English "
                                            f"(your message looks like {name}).")
        return Answer(question)

    def _extension_of(self, question: Question) -> Name | None:
        """The extension of the one framework a question names that it also names ("what is flask restful?"):
        what it asks about."""
        if len(question.frameworks) != 1:
            return None
        fid = question.frameworks[0]
        found = (self.kb.names[key] for key in question.others)
        return next((name for name in found if name.kind == "extension" and name.key.split("-")[0] == fid), None)

    # -- notes -----------------------------------------------------------------------------------------

    def _closest(self, ids: tuple[str, ...], what: str) -> str:
        """" The closest framework here: APIFlask.": what to look at instead of a name I have no file on."""
        return f" The closest {what}: {names(self.kb, ids)}." if ids else ""

    def _notes(self, question: Question, asked: Name | None) -> tuple[str, ...]:
        """Notes on what the question names that I leave out; `asked` leads the answer instead."""
        notes = []
        if question.truncated:
            notes.append("Your message was very long; I read the first 4,000 characters.")
        # A library the ranking keeps ("SQLAlchemy models everywhere") is not left out: the reasons name it
        others = tuple(key for key in question.others if (asked is None or key != asked.key)
                       and key not in question.libraries)
        if others and question.intent != "unknown":
            about = "; ".join(f"{self.kb.names[name].title} is {self.kb.names[name].is_}" for name in others)
            twins = [f for name in others for f in self.kb.names[name].see  # "the Python twin of Express",
                     if f in question.similar_to or self.kb.names[name].kind == "extension"]  # or APIFlask for RESTX
            closest = self._closest(tuple(dict.fromkeys(twins)), "here")
            python = all(self.kb.names[name].kind == UNLISTED for name in others)
            them = "them" if len(others) > 1 else "it"
            why = f"my knowledge base has no file on {them} yet" if python else "I only cover Python web frameworks"
            notes.append(f"{about}: {why}, so I left {them} out.{closest}")
        return tuple(notes)

    def _from_thread(self, question: Question) -> str:
        if not question.from_discussion:
            return ""
        picked = ", ".join(self._need_label(k) for k in question.from_discussion)
        return f"Picked up from the discussion: {picked}."

    def _need_label(self, key: str) -> str:
        if key.startswith("no "):
            return "no " + self._need_label(key[3:])
        if key.startswith("not "):  # a framework the thread ruled out
            fw = self.kb.frameworks.get(key[4:])
            return f"not {fw.name if fw else key[4:]}"
        if ":" in key:
            trait_id, value_id = key.split(":", 1)
            return self.traits[trait_id].values[value_id].label
        return self.features[key].label


def _clearly_better_fit_first(ranked: list[Recommendation]) -> list[Recommendation]:
    """Among the frameworks compared, one that covers what was asked clearly better than the first by score
    leads: adoption breaks near-ties, it does not outvote a need ("shiny vs streamlit, which handles reactive
    stuff better?": Shiny's reactivity is built in, Streamlit's partial)."""
    if not ranked or ranked[0].fit is None:
        return ranked
    best = max(ranked, key=lambda r: r.fit if r.fit is not None else -1)
    if best.fit is None or best.fit - ranked[0].fit < w.CLEARLY_BETTER_FIT:
        return ranked
    return [best, *(r for r in ranked if r is not best)]

