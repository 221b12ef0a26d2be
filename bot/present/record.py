"""The decision record as a message: one line saying what it is, then the record as one Markdown document."""

from __future__ import annotations

from bot.present.document import Document, Part

ADR_PATH = "docs/adr/NNNN-web-framework.md"


def present_record(markdown: str) -> Document:
    """`markdown` whole, never cut into pieces: it is meant to be copied into a repository as it is."""
    title = markdown.splitlines()[0].lstrip("# ").strip() if markdown else "Decision record"
    lead = Part("lead", title="Decision record", text=f"Markdown, ready to commit as {ADR_PATH}. The decision is "
                                                      "the team's: edit it before you accept it.")
    return Document((lead, Part("markdown", text=markdown)), f"Decision record: {title}")
