"""Reading a message: tokens, names, vocabulary, roles, intent (see reader.py)."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase, KnowledgeError
from bot.reading.language import load_language
from bot.reading.languages import load_languages
from bot.reading.reader import Reader


def load_reader(kb: KnowledgeBase) -> Reader:
    """The reader for `kb`, with the English of `kb.source_dir/language/en` and the other languages it tells
    apart; KnowledgeError if either is broken. The patterns' expressions are compiled as messages need them
    (`pyframework kb check` and the tests prove every one)."""
    language, problems = load_language(kb.source_dir, check=False)
    names = (alias for fw in kb.frameworks.values() for alias in (fw.id, fw.name, *fw.aliases))
    languages, more = load_languages(kb.source_dir, names)
    if problems or more:
        raise KnowledgeError(problems + more)
    return Reader(kb, language, languages)
