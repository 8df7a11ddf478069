"""A pasted reply cut into its pieces, in reading order: JSON values (in code fences or bare) and the chat text
between them.

An answer to a prompt of several paragraphs comes back as several JSON objects or ```json blocks, often each
under a heading naming its paragraph ("Paragraph 3:", "**For paragraph 4**"); every one is a piece, and the
heading's number (people count from 1) is the hint for the edits in it that carry no ``"paragraph"`` of
their own.  Text that is no JSON is left for the chat grammar (revise.replies.chat).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from revise.replies.blocks import PARAGRAPH_REF

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_FENCED = re.compile(r"^[ \t]*(```|~~~)[ \t]*[A-Za-z]*[ \t]*\n(.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
_OPENING = re.compile(r"[{\[]")
_TRIES = 400
"""Bare ``{``/``[`` positions tried as the start of a JSON value: bounds the work on a hostile reply."""
_HEADING_WORDS = 16


@dataclass(frozen=True)
class Piece:
    """One piece of a reply: a JSON value (``data``) with the paragraph its heading names, or chat text."""

    text: str
    data: Any = None
    is_json: bool = False
    paragraph: int | None = None


def loads(text: str) -> Any:
    """``text`` as JSON (trailing commas forgiven), or None."""
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt)
        except ValueError:
            continue
    return None


def pieces(text: str, wanted: Callable[[Any], bool]) -> list[Piece]:
    """The reply's ``wanted`` JSON values (those holding edits) and the text between them, in order.

    Other JSON (``[1, 2]`` in a formula, a settings object) stays in the text around it.
    """
    found: list[tuple[int, int, Any]] = []
    for m in _FENCED.finditer(text):
        value = loads(m.group(2).strip())
        if isinstance(value, (dict, list)) and wanted(value):
            found.append((m.start(), m.end(), value))
    decoder = json.JSONDecoder()
    tries, cursor = 0, 0
    for m in _OPENING.finditer(text):
        if m.start() < cursor or any(lo <= m.start() < hi for lo, hi, _ in found):
            continue
        tries += 1
        if tries > _TRIES:
            break
        try:
            value, end = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        if isinstance(value, (dict, list)) and wanted(value):
            found.append((m.start(), end, value))
            cursor = end
    found.sort(key=lambda item: item[0])
    out: list[Piece] = []
    cursor = 0
    for start, end, value in found:
        if start < cursor:
            continue
        before = text[cursor:start]
        if before.strip():
            out.append(Piece(before))
        out.append(Piece(text[start:end], value, True, _heading_hint(before)))
        cursor = end
    if text[cursor:].strip():
        out.append(Piece(text[cursor:]))
    return out


def _heading_hint(before: str) -> int | None:
    """The paragraph (0-based) that the short line right above a JSON value names, if any."""
    lines = [line for line in before.split("\n") if line.strip()]
    if not lines or len(lines[-1].split()) > _HEADING_WORDS:
        return None
    ref = PARAGRAPH_REF.search(lines[-1])
    return int(ref.group(1) or ref.group(2)) - 1 if ref else None
