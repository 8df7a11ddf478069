"""Normalised views of text with an offset map back to the text they came from.

A reviewer quotes the paragraph imperfectly: line breaks flattened, curly quotes for ``...'', en dashes for
``--``, ``%`` for ``\\%``, a space for ``~``.  Anchoring compares a quote and a paragraph in the same
normalised view and maps a hit back through ``starts``/``ends`` to exact offsets.

Two strengths: ``typographic`` (whitespace, quotes, dashes, escapes, NFKC) and ``plain`` (also
case-folded, with LaTeX formatting commands and braces dropped, for quotes copied from a rendered PDF).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Order matters: longer spellings first (``---`` before ``--``, ``\\%`` before ``%``).
_RULES: tuple[tuple[str, str], ...] = (
    (r"---|--|[\u2010-\u2015\u2212]", "-"),
    (r"``|''|[\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\u2033]", '"'),
    (r"[\u2018\u2019\u201a\u201b`\u00b4\u2032]", "'"),
    (r"\\[%&_$#{}]", "\\1"),
    (r"\\[ ,;:!]|~|\s+|\u00a0|\u202f|\u2009|\u3000", " "),
)
_TYPO = re.compile("|".join(f"(?P<r{i}>{rule})" for i, (rule, _) in enumerate(_RULES)))
# Formatting commands whose argument is visible prose: ``\emph{be open}`` reads as "be open" once rendered.
_FORMAT = re.compile(
    r"\\?(?:emph|textbf|textit|texttt|textsc|textrm|textsf|textsl|underline|mbox|text|code|url|"
    r"textup|textmd|textnormal)\*?\{|\\[A-Za-z]+\*?|[{}]|\\"
)


@dataclass(frozen=True)
class Normalised:
    """``text`` derived from an original string: its char ``i`` came from ``original[starts[i]:ends[i]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised ``[start, end)`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]


def _replacement(match: re.Match[str]) -> str:
    index = int(match.lastgroup[1:]) if match.lastgroup else 0
    repl = _RULES[index][1]
    return match.group(0)[1] if repl == "\\1" else repl


@lru_cache(maxsize=4096)
def normalise(text: str, plain: bool = False) -> Normalised:
    """The normalised view of ``text``; ``plain`` also drops formatting commands and braces and folds case."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        if plain:
            fm = _FORMAT.match(text, i)
            if fm and fm.end() > i:
                i = fm.end()
                continue
        m = _TYPO.match(text, i)
        if m and m.end() > i:
            chars, stop = _replacement(m), m.end()
        else:
            chars, stop = unicodedata.normalize("NFKC", text[i]), i + 1
            if plain:
                chars = chars.lower()
        for ch in chars:
            if ch == " " and out and out[-1] == " ":
                ends[-1] = stop
                continue
            out.append(ch)
            starts.append(i)
            ends.append(stop)
        i = stop
    return Normalised("".join(out), tuple(starts), tuple(ends))


def normal_form(text: str, plain: bool = False) -> str:
    """The normalised text of a quote, trimmed: what gets searched for."""
    return normalise(text, plain).text.strip()
