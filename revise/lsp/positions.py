"""Positions between the contract (code points) and the protocol (0-based lines, columns in code units).

The contract counts code points; LSP clients count UTF-16 units unless they negotiate UTF-8 or UTF-32, so a
character outside the Basic Multilingual Plane (an emoji, a mathematical letter such as 𝑥) is one column to
revise and two to most editors. Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` on both sides.
"""

from __future__ import annotations

from collections.abc import Callable

from revise.document import SourceFile

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


def _unit_counter(encoding: str) -> Callable[[str], int]:
    if encoding == UTF32:
        return lambda ch: 1
    if encoding == UTF8:
        return lambda ch: len(ch.encode("utf-8", "surrogatepass"))
    return lambda ch: 2 if ord(ch) > 0xFFFF else 1


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    count = _unit_counter(encoding)
    return sum(count(ch) for ch in text)


def to_protocol(source: SourceFile, offset: int, encoding: str = UTF16) -> tuple[int, int]:
    """A code-point offset as the protocol's (line, character)."""
    line, column = source.position(offset)
    return line - 1, units(source.text[offset - (column - 1) : offset], encoding)


def from_protocol(source: SourceFile, line: int, character: int, encoding: str = UTF16) -> int:
    """The code-point offset of a protocol position; past a line's end means its end, as the protocol says."""
    if line < 0:
        return 0
    if line + 1 > source.position(len(source.text))[0]:
        return len(source.text)
    start = _line_start(source, line + 1)
    count = _unit_counter(encoding)
    seen = 0
    for k, ch in enumerate(source.line_text(line + 1)):
        if seen >= character:
            return start + k
        seen += count(ch)
    return start + len(source.line_text(line + 1))


def _line_start(source: SourceFile, line: int) -> int:
    """The offset where 1-based ``line`` starts, by bisection over SourceFile.position (itself a bisection)."""
    lo, hi = 0, len(source.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if source.position(mid)[0] < line:
            lo = mid + 1
        else:
            hi = mid
    return lo
