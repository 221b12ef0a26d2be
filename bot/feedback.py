"""The feedback loop, without Slack: which answers show what the knowledge lacks, and the report that tells
maintainers what to add to it next.

Every answered question is classified once, off the event loop, into the gaps it shows (none, mostly):

- `not_understood`: the intent is unknown and the bot had nothing better to say than "I'm not sure that's a
  question about Python web frameworks" (a message in another language, a library question or a tool it
  can name are answered properly, so they are not gaps);
- `unknown_framework`: the message names a Python web framework that knowledge/names.yaml knows of but that
  has no file in knowledge/frameworks/, so it was left out of the answer;
- `low_coverage`: a recommendation for stated needs whose best pick covers less of them than
  LOW_COVERAGE_FIT, logged once per need the pick leaves unmet.

The gap log and the votes are read back as one report (`pyframework report`, and the admins' App Home):
grouped by kind, most frequent first, with counts and the day each was last seen.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.advice import Answer
from bot.advice.model import title
from bot.advice.weights import SUPPORT_POINTS
from bot.engine import Engine
from bot.knowledge import KnowledgeBase
from bot.knowledge.names import UNLISTED
from bot.question import Question
from bot.store import Gap, GapGroup, Store, VoteGroup

log = logging.getLogger("pyframework.feedback")

# A pick that offered every need through an extension would score SUPPORT_POINTS["extension"] per need, a
# 55% fit. Below that, the best framework the knowledge knows leaves at least one need entirely unmet (or
# only through another framework): a gap a maintainer can act on, by checking that feature's ratings or
# adding a framework that has it. On the question corpus 7 of 88 recommendations with needs fall below it.
LOW_COVERAGE_FIT = round(100 * SUPPORT_POINTS["extension"])

# Gaps and votes are kept 90 days: the report is read when someone plans the next knowledge update, and a
# quarter shows what keeps coming up across a few of them; beyond that, what was missing has usually been
# added, and wording kept by opting in (PYFRAMEWORK_STORE_TEXT=1) should not be kept for ever.
RETENTION_DAYS = 90
PURGE_EVERY = 3600.0  # seconds between purges by one process
REPORT_DAYS = 30  # what `pyframework report` and the App Home show unless told otherwise
REPORT_LIMIT = 10  # entries per kind in the report (the App Home shows fewer)

INTENT_WORDS = {"recommend": "a recommendation", "compare": "a comparison", "info": "facts about one framework",
                "list": "a list of frameworks", "help": "help", "unknown": "nothing I could place"}
VOTE_WORDS = {"down": "👎", "not_what_i_asked": "not what I asked", "up": "👍"}
NOT_KEPT = "(wording not kept: PYFRAMEWORK_STORE_TEXT=1 keeps it)"

# --------------------------------------------------------------------------- classifying answers


def understood(question: Question) -> dict[str, Any]:
    """The understood question as stored with votes and gaps: what was asked, about what, needing what."""
    return {"intent": question.intent, "frameworks": list(question.frameworks), "needs": list(question.needs)}


def could_show_a_gap(question: Question) -> bool:
    """Cheap test on the question alone, so that most answers are never advised a second time."""
    return question.intent == "unknown" or bool(question.others) or (
        question.intent == "recommend" and bool(question.needs))


def unmet_needs(answer: Answer, engine: Engine) -> list[str]:
    """The stated needs the top recommendation offers less than an extension would (nothing, or only by
    being another framework), in the order they were asked."""
    if not answer.recommendations:
        return []
    q, supports = answer.question, engine.advisor.catalog.supports[answer.recommendations[0].framework.id]
    unmet = []
    for need in q.needs:
        support, points = supports[need]
        if points < SUPPORT_POINTS["extension"] or (q.builtin_only and support.level != "builtin"):
            unmet.append(need)
    return unmet


def classify(answer: Answer, engine: Engine) -> list[Gap]:
    """The gaps one answer shows (see the module's docstring); most answers show none."""
    q, kb = answer.question, engine.kb
    gaps = [Gap("unknown_framework", name, understood(q)) for name in q.others
            if name in kb.names and kb.names[name].kind == UNLISTED]
    if q.intent == "unknown" and not q.others and not answer.message:
        gaps.append(Gap("not_understood", "", understood(q)))
    if q.intent == "recommend" and q.needs and answer.recommendations:
        top = answer.recommendations[0]
        if top.fit is not None and top.fit < LOW_COVERAGE_FIT:
            unmet = unmet_needs(answer, engine)
            detail = {**understood(q), "pick": top.framework.id, "fit": top.fit, "unmet": unmet}
            gaps += [Gap("low_coverage", need, detail) for need in unmet or [""]]
    return gaps


class Feedback:
    """Logs the gaps of answered questions in the store, and purges old feedback now and then.

    `note` is synchronous (the store is) and meant to run in a thread off the event loop; it never raises,
    so that logging a gap can never fail or hold up the answer it is about.
    """

    def __init__(self, engine: Engine, store: Store, *, retention_days: float = RETENTION_DAYS,
                 clock: Any = time.time) -> None:
        self.engine = engine
        self.store = store
        self.retention = retention_days * 86400
        self.clock = clock
        self._last_purge = 0.0
        self._purge_lock = threading.Lock()

    def note(self, answer_id: str, question: Question, text: str = "") -> list[Gap]:
        """Classify the answer to `question` and log its gaps under `answer_id`; the gaps found, [] on error."""
        try:
            gaps = classify(self.engine.advisor.advised(question), self.engine) if could_show_a_gap(question) else []
            if gaps:
                self.store.record_gaps(answer_id, gaps, intent=question.intent, text=text or question.text,
                                       now=self.clock())
            self.purge_now_and_then()
            return gaps
        except Exception as exc:  # the store may be down: the answer went out all the same
            log.warning("could not log an answer's gaps (%s: %s)", type(exc).__name__, str(exc)[:200])
            return []

    def has_work(self, question: Question) -> bool:
        """Whether `note` would do anything for `question`: look for gaps, or purge. Cheap, for the event
        loop, so that most answers cost the gap log nothing at all."""
        return could_show_a_gap(question) or self.clock() - self._last_purge >= PURGE_EVERY

    def purge_now_and_then(self) -> int:
        """Forget feedback older than the retention, at most once every PURGE_EVERY seconds per process."""
        now = self.clock()
        with self._purge_lock:
            if now - self._last_purge < PURGE_EVERY:
                return 0
            self._last_purge = now
        return self.store.purge_feedback(before=now - self.retention)


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Entry:
    """One line of the report: what came up, how often, when last, and what was understood."""

    subject: str
    label: str  # what a maintainer reads: the need, the framework and what it is, or the question
    count: int
    last_seen: float
    detail: str = ""
    question: dict[str, Any] = field(default_factory=dict)
    text: str | None = None


@dataclass(frozen=True)
class Section:
    kind: str  # not_understood | low_coverage | unknown_framework | voted_down
    title: str
    hint: str  # what to do about it
    total: int  # occurrences in the period, shown or not
    entries: tuple[Entry, ...] = ()
    more: int = 0  # subjects left out by the limit


@dataclass(frozen=True)
class Report:
    since: float
    until: float
    days: float
    votes: dict[str, int]
    sections: tuple[Section, ...]

    @property
    def empty(self) -> bool:
        return not any(s.total for s in self.sections)


TITLES = {  # each kind's heading, and what a maintainer does about it
    "not_understood": (
        "Questions not understood",
        "teach the reader their words: synonyms in knowledge/features.yaml, cues in knowledge/language/"),
    "low_coverage": (
        "Answers with low coverage, by need",
        "no framework here covers these well: check the features' ratings, or add a framework that has them"),
    "unknown_framework": (
        "Python frameworks asked about that have no file",
        "add knowledge/frameworks/<pypi-name>.yaml (README: Adding a framework)"),
    "voted_down": (
        "Answers voted down",
        "ask it again (`pyframework ask`) and fix what misled: the reading, a rating or a reason"),
}


def build_report(store: Store, kb: KnowledgeBase, *, days: float = REPORT_DAYS, limit: int = REPORT_LIMIT,
                 now: float | None = None) -> Report:
    """The report of the last `days` days: gaps by kind and votes down, most frequent first."""
    until = time.time() if now is None else now
    since = until - days * 86400
    gaps = store.gap_summary(since=since, limit=limit)
    votes = store.vote_summary(since=since)
    sections = []
    for kind in ("not_understood", "low_coverage", "unknown_framework"):
        entries = tuple(_gap_entry(g, kb) for g in gaps.groups if g.kind == kind)
        sections.append(Section(kind, *TITLES[kind], total=gaps.totals.get(kind, 0), entries=entries,
                                more=gaps.subjects.get(kind, 0) - len(entries)))
    down = store.voted_down(since=since, limit=limit)
    total_down = sum(n for vote, n in votes.total.items() if vote != "up")
    sections.append(Section("voted_down", *TITLES["voted_down"], total=total_down,
                            entries=tuple(_vote_entry(v, kb) for v in down)))
    return Report(since, until, days, {v: votes.total.get(v, 0) for v in VOTE_WORDS}, tuple(sections))


def describe(question: dict[str, Any], kb: KnowledgeBase) -> str:
    """`a recommendation · needs ORM / database layer, Admin interface`: an understood question in words."""
    parts = [INTENT_WORDS.get(str(question.get("intent")), str(question.get("intent")))]
    frameworks = [kb.frameworks[f].name if f in kb.frameworks else str(f) for f in question.get("frameworks") or ()]
    if frameworks:
        parts.append("about " + ", ".join(frameworks))
    if question.get("needs"):
        parts.append("needs " + need_labels(question["needs"], kb))
    return " · ".join(parts)


def need_labels(needs: list[str] | tuple[str, ...], kb: KnowledgeBase) -> str:
    features = kb.vocabulary.features
    return ", ".join(features[n].label if n in features else str(n) for n in needs)


def _gap_entry(group: GapGroup, kb: KnowledgeBase) -> Entry:
    q = group.question
    if group.kind == "not_understood":
        label = (group.text or group.subject) if group.subject else NOT_KEPT
        detail = "picked up: " + need_labels(q["needs"], kb) if q.get("needs") else ""
    elif group.kind == "unknown_framework":
        name = kb.names.get(group.subject)
        label = title(group.subject)
        detail = name.is_ if name else ""
    else:
        features = kb.vocabulary.features
        label = features[group.subject].label if group.subject in features else "(no single need left unmet)"
        pick = kb.frameworks[q["pick"]].name if q.get("pick") in kb.frameworks else str(q.get("pick", "?"))
        detail = f"best pick {pick} at {q.get('fit', '?')}%, asked for {need_labels(q.get('needs') or [], kb)}"
    return Entry(group.subject, label, group.count, group.last_seen, detail, q, group.text)


def _vote_entry(group: VoteGroup, kb: KnowledgeBase) -> Entry:
    label = f"{VOTE_WORDS.get(group.vote, group.vote)} on {describe(group.question, kb)}"
    detail = f"asked: {group.text}" if group.text else ""
    return Entry(f"{group.vote} {group.intent}", label, group.count, group.last_seen, detail, group.question,
                 group.text)


def day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def votes_line(report: Report) -> str:
    v = report.votes
    return f"Votes: {v['up']} 👍, {v['down']} 👎, {v['not_what_i_asked']} not what I asked"


def report_text(report: Report) -> str:
    """The report for a terminal: one block per kind, one line per entry, most frequent first."""
    days = f"{report.days:g} day" + ("" if report.days == 1 else "s")
    lines = [f"pyframework report: the last {days}, {day(report.since)} to {day(report.until)} (UTC)",
             votes_line(report)]
    for section in report.sections:
        lines += ["", f"{section.title}: {section.total}"]
        if not section.entries:
            lines.append("  none")
        for e in section.entries:
            lines.append(f"  {e.count:>4}×  last {day(e.last_seen)}  {e.label}")
            if e.detail:
                lines.append(f"{'':16}{e.detail}")
        if section.more > 0:
            lines.append(f"  … and {section.more} more")
        if section.total:
            lines.append(f"  → {section.hint}")
    if report.empty:
        lines += ["", "Nothing to add: no gaps or votes down in this period."]
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, Any]:
    """The report as data: dates as YYYY-MM-DD (UTC), every entry with its understood question."""
    return {
        "since": day(report.since), "until": day(report.until), "days": report.days, "votes": report.votes,
        "sections": [{
            "kind": s.kind, "title": s.title, "hint": s.hint, "total": s.total, "more": s.more,
            "entries": [{"subject": e.subject, "label": e.label, "count": e.count, "last_seen": day(e.last_seen),
                         "detail": e.detail, "question": e.question, "text": e.text} for e in s.entries],
        } for s in report.sections],
    }


# --------------------------------------------------------------------------- `pyframework report`


def report_command(since: str | None, as_json: bool, out: TextIO, err: TextIO) -> int:
    """`pyframework report [--since DAYS] [--json]` against the store serving uses (DATABASE_URL, else the
    SQLite file); 0 on success, 1 when the store or the knowledge can't be read, 2 for a bad option.

    It never creates a store: a report run from the wrong folder says where it looked instead of
    reporting an empty new file.
    """
    import json

    from bot import config, knowledge
    from bot.store import StoreError, default_sqlite_path, open_store

    days = _days(since)
    if days is None:
        print(f"pyframework report: --since must be a number of days between 0 and 3650, got `{since}`", file=err)
        return 2
    settings = config.load_settings()
    path = Path(settings.db_path) if settings.db_path else default_sqlite_path()
    if not settings.database_url and not path.exists():
        print(f"pyframework report: no store at {path} (set PYFRAMEWORK_DB to the serving app's file, "
              "or DATABASE_URL)", file=err)
        return 1
    try:
        kb = knowledge.load()
        store = open_store(settings.database_url, path)
    except (knowledge.KnowledgeError, StoreError) as exc:
        print(f"pyframework report: {exc}", file=err)
        return 1
    try:
        report = build_report(store, kb, days=days)
    finally:
        store.close()
    out.write((json.dumps(report_json(report), ensure_ascii=False) if as_json else report_text(report)) + "\n")
    return 0


def _days(text: str | None) -> float | None:
    if text is None:
        return float(REPORT_DAYS)
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value <= 3650 else None
