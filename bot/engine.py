"""The engine: one call from raw message text to an Answer. Knows nothing of Slack or consoles."""

from __future__ import annotations

import gc
from dataclasses import replace
from functools import lru_cache

from bot import knowledge
from bot.advice import Advisor, Answer
from bot.decision import decision_record
from bot.question import Question
from bot.reading import load_reader
from bot.reading.thread import with_discussion


class Engine:
    """Understands and answers questions against one validated knowledge base."""

    def __init__(self, kb: knowledge.KnowledgeBase | None = None):
        self.kb = kb or knowledge.load()
        self.reader = load_reader(self.kb)
        replies = {lang.code: (lang.name, lang.reply) for lang in self.reader.languages.others}
        self.advisor = Advisor(self.kb, replies)

    def forget(self) -> None:
        """Drop what was remembered about earlier questions (for benchmarks of unseen questions)."""
        self.reader.forget()
        self.advisor.forget()

    def understand(self, text: str | None, discussion: list[str] | tuple[str, ...] = ()) -> Question:
        """What `text` asks; `discussion` holds the earlier messages of the thread, oldest first."""
        question = self.reader.read(text)
        return with_discussion(self.reader, question, discussion) if discussion else question

    def answer(self, text: str | None, discussion: list[str] | tuple[str, ...] = ()) -> Answer:
        """Answer `text`; `discussion` holds the earlier messages of the thread, oldest first."""
        return self.advise(self.understand(text, discussion))

    def advise(self, question: Question) -> Answer:
        """The answer to an understood question (a button's token gives one too), with the decision record
        when the question asked for one ("write us an ADR")."""
        answer = self.advisor.advise(question)
        if question.record and (answer.recommendations or answer.comparison):
            answer = replace(answer, record=decision_record(answer, self.kb, self.advisor))
        return answer


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine over the default knowledge base, once per process: the copy bot/warm.py keeps on disk when
    there is a usable one, else built (and stored). Each uvicorn worker calls this as it starts: loading the
    stored engine leaves a worker about 6 MB smaller than parsing the knowledge (the YAML documents and the
    checks' garbage leave the heap fragmented), and starts it sooner; it answers byte for byte as a new one
    (tools/dump_answers.py --warm)."""
    from bot.warm import load_engine  # bot.warm imports this module

    return load_engine()[0]


def settle() -> None:
    """For a serving process, once the engine is loaded: collect what loading left, then let the collector leave
    everything alive now out of its full collections (gc.freeze). The engine lives as long as the process, and
    a full collection that walked it took about 25 ms, a pause a request waits through, two or three times per
    5,000 distinct questions as the caches grow; not for `ask`, whose cold start the collection would slow."""
    gc.collect()
    gc.freeze()
