"""Regions the author marked as checked: edits there are left out, whichever engine made them.

Comments in the source, read by position (not by revise/latex, so segmentation stays the same):

- ``% revise: ignore-next-line`` — the line after the comment;
- ``% revise: off`` … ``% revise: on`` — everything between (to the end of the file when never switched on);
- LTeX's ``% LTeX: enabled=false`` … ``% LTeX: enabled=true`` and TeXtidote's ``% textidote: ignore begin``
  … ``% textidote: ignore end``, so papers prepared for those checkers keep working.

An edit is left out when its anchored span touches a region; an unplaced edit has no position and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from revise.document import SourceFile
from revise.edits import Edit

_DIRECTIVE = re.compile(
    r"(?<!\\)%[ \t]*(?:"
    r"(?P<next>revise:[ \t]*ignore-next-line)"
    r"|(?P<off>revise:[ \t]*off|ltex:[ \t]*enabled[ \t]*=[ \t]*false|textidote:[ \t]*ignore[ \t]+begin)"
    r"|(?P<on>revise:[ \t]*on|ltex:[ \t]*enabled[ \t]*=[ \t]*true|textidote:[ \t]*ignore[ \t]+end)"
    r")\b[^\n]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Region:
    """``[start, end)`` offsets of one file's text where no edit is proposed."""

    file: str
    start: int
    end: int


def regions(source: SourceFile) -> list[Region]:
    """The suppressed regions of one file, in order."""
    text = source.text
    found: list[Region] = []
    off_at: int | None = None
    for m in _DIRECTIVE.finditer(text):
        if m.group("next"):
            line_end = text.find("\n", m.end())
            if line_end >= 0:
                following = text.find("\n", line_end + 1)
                found.append(Region(source.name, line_end + 1, len(text) if following < 0 else following + 1))
        elif m.group("off"):
            if off_at is None:
                off_at = m.start()
        elif off_at is not None:
            found.append(Region(source.name, off_at, m.end()))
            off_at = None
    if off_at is not None:
        found.append(Region(source.name, off_at, len(text)))
    return found


def suppress(edits: Sequence[Edit], files: Sequence[SourceFile]) -> tuple[list[Edit], int]:
    """The edits outside every suppressed region, and how many were left out."""
    by_file: dict[str, list[Region]] = {}
    for source in files:
        if "%" in source.text:
            by_file[source.name] = regions(source)
    kept: list[Edit] = []
    for edit in edits:
        anchor = edit.anchor
        marked = by_file.get(anchor.paragraph.file.name, []) if anchor is not None else []
        if anchor is not None and any(
            r.start < max(anchor.end, anchor.start + 1) and anchor.start < r.end for r in marked
        ):
            continue
        kept.append(edit)
    return kept, len(edits) - len(kept)
