"""Markdown tables in a chat answer: a header row naming the columns (Original / Revised / Reason / Paragraph),
one edit per row; or, without an Original column, rows whose cells write one-line edits (``"old" → "new"``).

A row parses whole or not at all.  Repair rule: in a table whose rows end with ``|``, a line that does not
start with ``|`` but follows a row short of its header's cells and of its closing ``|`` continues that row's
last cell (a raw line break pasted into a cell), and is joined to it
with a space.  A row that still has fewer (or more) cells than its header is refused with that reason; it
never yields a cut-off version, and the rows after it are read as usual.
"""

from __future__ import annotations

import re

from revise.replies.inline import inline
from revise.replies.labels import HEADER, KIND, LABEL, ORIGINAL, REASON, REVISED, VERSION
from revise.replies.quotes import clean

_PARAGRAPH = re.compile(r"(?i)\W*(?:paragraph|para|段落|paragraphe|absatz|párrafo)\W*")
_RULE = re.compile(r":?-{2,}:?|")
_PIPE = re.compile(r"(?<!\\)\|")

Row = tuple[str, str, int | None, str | None]
"""(kind, value, paragraph hint or None, why the row is refused or None)."""


def _cells(row: str) -> list[str]:
    text = row.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [c.strip() for c in _PIPE.split(text)]


def table_lines(lines: list[str], i: int) -> tuple[list[str], int]:
    """The rows of a table starting at ``lines[i]`` (continuation lines joined) and the index after it."""
    rows: list[str] = []
    width, closed = len(_cells(lines[i])), _closed(lines[i])
    j = i
    while j < len(lines):
        line = lines[j]
        if line.lstrip().startswith("|"):
            rows.append(line.rstrip())
        elif (
            line.strip()
            and len(rows) > 1
            and closed
            and not _closed(rows[-1])
            and len(_cells(rows[-1])) < width
        ):
            rows[-1] = f"{rows[-1]} {line.strip()}"  # a raw line break inside the last cell
        else:
            break
        j += 1
    return rows, j


def _closed(row: str) -> bool:
    """A row written with a closing ``|``: in a table whose rows close, one without it was cut by a break."""
    text = row.rstrip()
    return text.endswith("|") and not text.endswith("\\|")


def table(block: list[str]) -> list[Row]:
    """Fields for the rows of a table, each row one point."""
    rows = [_cells(row) for row in block]
    rows = [r for r in rows if not all(_RULE.fullmatch(c) for c in r)]
    if len(rows) < 2:
        return []
    kinds = [_kind(cell) for cell in rows[0]]
    if ORIGINAL not in kinds:
        return _edit_cells(rows[1:], kinds)
    fields: list[Row] = []
    for row in rows[1:]:
        hint = None
        original: list[str] = []
        versions: list[str] = []
        reasons: list[str] = []
        for kind, cell in zip(kinds, row, strict=False):
            value = clean(cell)
            if kind == "paragraph" and value.isdigit():
                hint = int(value) - 1
            elif kind == ORIGINAL:
                original.append(value)
            elif kind == REASON:
                reasons.append(value)
            elif kind in (REVISED, VERSION) and value:
                versions.append(value)
        why = _misfit(row, kinds)
        # The original first, whatever the column order: the versions belong to it.
        fields.append((HEADER, "", hint, None))
        fields += [
            (ORIGINAL, v, hint, why) for v in (original[:1] or [" | ".join(row)] if why else original[:1])
        ]
        fields += [(REVISED, v, hint, None) for v in versions]
        fields += [(REASON, " ".join(r for r in reasons if r), hint, None)] if any(reasons) else []
    fields.append((HEADER, "", None, None))
    return fields


def _misfit(row: list[str], kinds: list[str | None]) -> str | None:
    if len(row) != len(kinds):
        return f"its table row has {len(row)} cells where the header has {len(kinds)}"
    return None


def _kind(cell: str) -> str | None:
    if _PARAGRAPH.fullmatch(cell):
        return "paragraph"
    m = LABEL.match(clean(cell) + ":")
    if m is None or m.group("value").strip():
        return None
    return KIND[m.group("label").lower()]


def _edit_cells(rows: list[list[str]], kinds: list[str | None]) -> list[Row]:
    """Rows whose cells write one-line edits; the row's other cells are the reason."""
    fields: list[Row] = []
    for row in rows:
        edits, others = [], []
        for kind, cell in zip(kinds + [None] * len(row), row, strict=False):
            found = inline(cell)
            edits += found
            if not found and kind == REASON and clean(cell):
                others.append(clean(cell))
        why = _misfit(row, kinds)
        for edit in edits:
            fields += [(HEADER, "", None, None), (ORIGINAL, edit.old, None, why)]
            fields += [(REVISED, v, None, None) for v in edit.versions]
            reason = " ".join(r for r in (edit.reason, *others) if r)
            fields += [(REASON, reason, None, None)] if reason else []
    if fields:
        fields.append((HEADER, "", None, None))
    return fields
