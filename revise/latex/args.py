"""A command's or environment's arguments, read from the token stream by a pylatexenc-style spec.

The spec has one character per argument: ``{`` mandatory, ``[`` optional, ``*`` an optional star.  Each read is
bounded so damage stays local: an optional ``[…]`` never crosses a blank line or runs past 2,000 characters,
an unclosed ``{`` ends the arguments (``damaged``, reported once), and a blank line ends the space allowed
before the next argument.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from revise.latex import tokens as T

_LENGTH = re.compile(r"\s*=?\s*-?(?:\d+\.?\d*|\.\d+)\s*(?:pt|em|ex|cm|mm|in|bp|sp|pc|mu)\b")


@dataclass(frozen=True)
class Args:
    """Where a command's arguments end, and which of them are braced groups."""

    end: int
    """Source offset after the last argument."""
    next: int
    """Token index after the last argument."""
    groups: tuple[tuple[int, int], ...]
    """(open, close) token indices of each braced mandatory argument."""
    damaged: bool = False


def read_args(
    lexed: T.Lexed,
    k: int,
    spec: str,
    pos: int,
    *,
    greedy: bool = False,
    j: int | None = None,
    warn: Callable[[int, str], None],
) -> Args:
    """The arguments after token ``k`` (ending at source ``pos``) by a pylatexenc-style spec.

    ``j`` bounds the token range; ``warn(token index, message)`` reports a brace that never closes.
    """
    toks, text, match = lexed.tokens, lexed.text, lexed.match
    limit = len(toks) if j is None else j
    n = k + 1
    groups: list[tuple[int, int]] = []
    damaged = False
    for ch in spec + ("{[" * 8 if greedy else ""):
        p = _skip_space(text, pos, tight=greedy and len(groups) >= spec.count("{"))
        if ch == "*":
            if p < len(text) and text[p] == "*":
                pos = p + 1
            continue
        if ch == "[":
            close = _bracket(text, p)
            if close < 0:
                continue
            pos = close + 1
            while n < limit and toks[n].start < pos:
                n += 1
            continue
        # mandatory argument
        if n < limit and toks[n].start == p and toks[n].kind == T.OPEN:
            close = match[n]
            if close < 0 or close >= limit:
                warn(n, "unbalanced '{': its group never closes")
                damaged = True
                break
            groups.append((n, close))
            pos, n = toks[close].end, close + 1
        elif greedy:
            # "\itemsep0em", "\parskip=3pt": a length assignment without braces
            m = _LENGTH.match(text, pos)
            if m:
                pos = m.end()
                while n < limit and toks[n].start < pos:
                    n += 1
            break
        elif n < limit and toks[n].start == p and toks[n].kind == T.CS:
            pos, n = toks[n].end, n + 1
        elif p < len(text) and not text[p].isspace() and text[p] not in "}%\\$":
            pos = p + 1
        else:
            break
    return Args(pos, n, tuple(groups), damaged)


def _skip_space(text: str, pos: int, tight: bool) -> int:
    if tight:
        return pos
    newline = False
    while pos < len(text) and text[pos] in " \t\r\n":
        if text[pos] in "\r\n":
            if newline:
                break
            newline = True
            if text.startswith("\r\n", pos):
                pos += 1
        pos += 1
    return pos


def _bracket(text: str, p: int) -> int:
    """Offset of the ``]`` closing an optional argument at ``p``, or -1 (bounded; braces nest)."""
    if p >= len(text) or text[p] != "[":
        return -1
    depth = 0
    for q in range(p + 1, min(len(text), p + 2000)):
        ch = text[q]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return -1
        elif ch == "]" and depth == 0:
            return q
        elif ch == "\n" and text[q + 1 : q + 2] == "\n":
            return -1
    return -1
