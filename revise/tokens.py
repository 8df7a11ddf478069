"""A LaTeX-aware tokenizer with exact offsets, for word diffs (apply.merge, renderers) and the guard.

Tokens tile the text: ``"".join(t.text for t in tokenize(s)) == s`` and ``s[t.start:t.end] == t.text``.
A command with its arguments (``\\cite[p.~3]{a,b}``, ``\\emph{two words}``), inline or display math and a
comment are each one token, so a diff never splits them and whitespace inside them is never re-spaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MATH_ENVS = (
    "equation",
    "align",
    "alignat",
    "gather",
    "multline",
    "flalign",
    "eqnarray",
    "displaymath",
    "math",
)
_MATH_ENV = re.compile(r"\\begin\{(" + "|".join(_MATH_ENVS) + r")(\*?)\}")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[A-Za-z@]+")


@dataclass(frozen=True)
class Token:
    """One piece of LaTeX: ``kind`` is space | word | punct | command | math | comment | group."""

    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens that tile it exactly."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        kind, end = _next(text, i)
        tokens.append(Token(kind, text[i:end], i, end))
        i = end
    return tokens


def _next(text: str, i: int) -> tuple[str, int]:
    ch = text[i]
    m = _SPACE.match(text, i)
    if m:
        return "space", m.end()
    if ch == "%":
        end = text.find("\n", i)
        if end < 0:
            end = len(text)
        # A comment ends before "\r\n" as well as "\n".
        if end > i and text[end - 1] == "\r":
            end -= 1
        return "comment", end
    if ch == "$":
        end = _dollar_math(text, i)
        return ("math", end) if end > i + 1 else ("punct", i + 1)
    if ch == "\\":
        return _backslash(text, i)
    if ch == "{":
        end = _group_end(text, i, "{", "}")
        return ("group", end) if end > 0 else ("punct", i + 1)
    m = _WORD.match(text, i)
    if m:
        return "word", m.end()
    return "punct", i + 1


def _dollar_math(text: str, i: int) -> int:
    """End of ``$...$`` or ``$$...$$`` starting at ``i``; ``i + 1`` when it is not closed."""
    delim = "$$" if text.startswith("$$", i) else "$"
    j = i + len(delim)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delim, j):
            return j + len(delim)
        if delim == "$" and text[j] == "$":
            return i + 1
        j += 1
    return i + 1


def _backslash(text: str, i: int) -> tuple[str, int]:
    if text.startswith("\\(", i) or text.startswith("\\[", i):
        close = "\\)" if text[i + 1] == "(" else "\\]"
        end = text.find(close, i + 2)
        if end >= 0:
            return "math", end + 2
    m = _MATH_ENV.match(text, i)
    if m:
        close = f"\\end{{{m.group(1)}{m.group(2)}}}"
        end = text.find(close, m.end())
        if end >= 0:
            return "math", end + len(close)
    if i + 1 >= len(text):
        return "punct", i + 1
    m = _LETTERS.match(text, i + 1)
    name_end = m.end() if m else i + 2
    if m and m.group(0) == "verb":
        return "command", _verb_end(text, name_end)
    j = name_end
    if j < len(text) and text[j] == "*" and m:
        j += 1
    # Arguments follow without a space: \cite[p.~3]{key}, \\[2pt], \href{url}{text}.
    while j < len(text) and text[j] in "[{":
        end = _group_end(text, j, text[j], "]" if text[j] == "[" else "}")
        if end < 0:
            break
        j = end
    return "command", j


def _verb_end(text: str, j: int) -> int:
    if j < len(text) and text[j] == "*":
        j += 1
    if j >= len(text):
        return j
    end = text.find(text[j], j + 1)
    return end + 1 if end >= 0 else j


def _group_end(text: str, i: int, open_: str, close: str) -> int:
    """Index after the group opened at ``i``, honouring escapes and nesting; -1 when unclosed."""
    depth = 0
    j = i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "%" and open_ == "{":
            nl = text.find("\n", j)
            if nl < 0:
                return -1
            j = nl + 1
            continue
        # An optional argument never spans a paragraph break or runs long: "[" is then just a bracket.
        if open_ == "[" and (j - i > 300 or text.startswith("\n\n", j)):
            return -1
        if ch == open_:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def words(text: str) -> tuple[str, list[str], list[str], str]:
    """Whitespace-delimited chunks of tokens: (leading space, chunks, gaps between chunks, trailing space).

    A chunk is a maximal run of non-space tokens, so ``\\emph{a b}.`` is one chunk and its inner space is
    never a gap. ``len(gaps) == len(chunks) - 1`` (no chunks: no gaps, all text is leading space).
    """
    lead, trail = "", ""
    chunks: list[str] = []
    gaps: list[str] = []
    current: list[str] = []
    pending = ""
    for tok in tokenize(text):
        if tok.kind == "space":
            if current:
                chunks.append("".join(current))
                current = []
                pending = tok.text
            elif not chunks:
                lead += tok.text
            else:
                pending += tok.text
        else:
            if not current and chunks:
                gaps.append(pending)
                pending = ""
            current.append(tok.text)
    if current:
        chunks.append("".join(current))
    else:
        trail = pending
    return lead, chunks, gaps, trail
