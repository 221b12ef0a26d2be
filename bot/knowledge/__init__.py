"""Load and validate the knowledge base: `knowledge/features.yaml` and `knowledge/frameworks/*.yaml`.

See knowledge/SCHEMA.md for the format. `load()` returns a checked KnowledgeBase or raises
KnowledgeError; `check()` returns every problem (`file:line: message`) for `pyframework kb check`.
"""

from bot.knowledge.base import DEFAULT_DIR, KnowledgeBase, check, describe, iter_phrases, knowledge_dir, load
from bot.knowledge.model import (
    ADOPTION,
    ASYNC_SUPPORT,
    CATEGORIES,
    CATEGORY_LABELS,
    CATEGORY_TITLES,
    INTERFACES,
    MAINTENANCE,
    SUPPORT_LEVELS,
    Adoption,
    ArticleClaim,
    Feature,
    Framework,
    KnowledgeError,
    Problem,
    Release,
    Support,
    Trait,
    TraitValue,
    Vocabulary,
    lower_first,
)

__all__ = [
    "ADOPTION", "ASYNC_SUPPORT", "CATEGORIES", "CATEGORY_LABELS", "CATEGORY_TITLES", "DEFAULT_DIR", "INTERFACES",
    "MAINTENANCE", "SUPPORT_LEVELS", "Adoption", "ArticleClaim", "Feature", "Framework", "KnowledgeBase",
    "KnowledgeError", "Problem", "Release", "Support", "Trait", "TraitValue", "Vocabulary", "check", "describe",
    "iter_phrases", "knowledge_dir", "load", "lower_first",
]
