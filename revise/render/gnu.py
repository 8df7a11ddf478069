"""``--format gnu``: one ``file:line:col: severity: [revise] message`` line per edit, as GCC writes them.

Vim's default errorformat, Emacs compile-mode and a VS Code problem matcher all read this shape.
Severities: ``warning`` for an ok edit (a suggested change at an exact place); ``note`` for every other
status —
the edit could not be used (unanchored, ambiguous) or was held back on purpose (unsafe, conflict), which is
information about the review, not a fault in the document. An unplaced edit points at the start of the
paragraph
the reviewer named, else at line 1 of the root file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from revise.edits import Confidence, Status
from revise.render.place import hinted_paragraph, place
from revise.render.visible import visible
from revise.worddiff import diff, elide, plain

if TYPE_CHECKING:
    from revise.edits import Edit
    from revise.pipeline import Revision

# Enough context to recognise the spot in a quickfix list, short enough to stay one readable line.
_CONTEXT = 3


def render(revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None) -> str:
    """The report as GNU-style diagnostics, one line per edit."""
    lines = [_line(revision, edit, pick) for edit in revision.edits]
    return "".join(line + "\n" for line in lines)


def _line(revision: Revision, edit: Edit, pick: int) -> str:
    where = place(revision, edit)
    line, column = where.line, where.column
    if line is None or column is None:
        paragraph = hinted_paragraph(revision, edit)
        line, column = paragraph.file.position(paragraph.start) if paragraph else (1, 1)
    status = Status(edit.status)
    issue = _one_line(edit.issue).rstrip(".:;。") or "suggested change"
    if status == Status.OK:
        message = f"{issue}: {_change(edit, pick)}"
        if edit.confidence != Confidence.HIGH:
            # High is the default and unmarked; anything less says so, since --apply leaves it out.
            message = f"({edit.confidence.value} confidence) {message}"
        more = len(edit.versions) - 1
        if more > 0:
            message += f" (+{more} more version{'s' if more > 1 else ''})"
        severity = "warning"
    else:
        severity = "note"
        message = f"{issue} ({status.value}: {_one_line(edit.reason or status.value)})"
        if edit.anchor is None:
            message += f'; quote: "{_clip(_one_line(edit.original))}"'
        if edit.hint:
            message += f'; nearest: "{_clip(_one_line(edit.hint))}"'
    return visible(f"{where.file}:{line}:{column}: {severity}: [revise] {message}")


def _change(edit: Edit, pick: int) -> str:
    index = pick - 1 if 1 <= pick <= len(edit.versions) else 0
    version = edit.versions[index] if edit.versions else edit.original
    return plain(elide(diff(edit.original, version), _CONTEXT))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
