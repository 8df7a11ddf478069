"""Markdown tables in a chat answer: a header row naming the columns (Original / Revised / Reason / Paragraph),
one edit per row; or, without an Original column, rows whose cells write one-line edits (``"old" → "new"``).
"""

from __future__ import annotations

import re

from revise.replies.inline import inline
from revise.replies.labels import HEADER, KIND, LABEL, ORIGINAL, REASON, REVISED, VERSION
from revise.replies.quotes import clean

_PARAGRAPH = re.compile(r"(?i)\W*(?:paragraph|para|段落|paragraphe|absatz|párrafo)\W*")


def table(block: list[str]) -> list[tuple[str, str, int | None]]:
    """(kind, value, paragraph hint or None) fields for the rows of a table, each row one point."""
    rows = [[c.strip() for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))] for row in block]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?|", c) for c in r)]
    if len(rows) < 2:
        return []
    kinds = [_kind(cell) for cell in rows[0]]
    if ORIGINAL not in kinds:
        return _edit_cells(rows[1:], kinds)
    fields: list[tuple[str, str, int | None]] = []
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
        # The original first, whatever the column order: the versions belong to it.
        fields.append((HEADER, "", hint))
        fields += [(ORIGINAL, v, hint) for v in original[:1]]
        fields += [(REVISED, v, hint) for v in versions]
        fields += [(REASON, " ".join(r for r in reasons if r), hint)] if any(reasons) else []
    fields.append((HEADER, "", None))
    return fields


def _kind(cell: str) -> str | None:
    if _PARAGRAPH.fullmatch(cell):
        return "paragraph"
    m = LABEL.match(clean(cell) + ":")
    if m is None or m.group("value").strip():
        return None
    return KIND[m.group("label").lower()]


def _edit_cells(rows: list[list[str]], kinds: list[str | None]) -> list[tuple[str, str, int | None]]:
    """Rows whose cells write one-line edits; the row's other cells are the reason."""
    fields: list[tuple[str, str, int | None]] = []
    for row in rows:
        edits, others = [], []
        for kind, cell in zip(kinds + [None] * len(row), row, strict=False):
            found = inline(cell)
            edits += found
            if not found and kind == REASON and clean(cell):
                others.append(clean(cell))
        for edit in edits:
            fields += [(HEADER, "", None), (ORIGINAL, edit.old, None)]
            fields += [(REVISED, v, None) for v in edit.versions]
            why = " ".join(r for r in (edit.reason, *others) if r)
            fields += [(REASON, why, None)] if why else []
    if fields:
        fields.append((HEADER, "", None))
    return fields
