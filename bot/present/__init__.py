"""Lay an Answer out as a small document: the short answer (answers.py), what Details opens (details.py),
and the decision record (record.py). Renderers draw documents; they never see an Answer."""

from bot.present.answers import EXAMPLES, SUBCOMMANDS, present
from bot.present.details import present_details
from bot.present.document import Button, Document, Part
from bot.present.record import present_record

__all__ = ["EXAMPLES", "SUBCOMMANDS", "Button", "Document", "Part", "present", "present_details", "present_record"]
