"""Choosing what to review on a long document: sections by number, title path or prefix, a file, a line range.

Issue 10: in a thesis ``--section Introduction`` matched six introductions and an unknown name printed every
title on one line. A query is resolved, in order, as a number path (``3``, ``2.1``, ``A.2``), a title path
(``Methods/Data``: the last titles of a section's path), a title, then a unique title prefix; a query that
matches several sections or none is a one-line error naming the three closest candidates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from revise.errors import LatexError, UsageError

_NUMBER = re.compile(r"(?i)[A-Z]|\d+|[A-Z]?\d*(?:\.\d+)+|[A-Z](?:\.\d+)*")
# LaTeX's default secnumdepth numbers three levels from the top: section to subsubsection in article,
# chapter to subsection in book and report; \paragraph (and a book's \subsubsection) stay unnumbered.
_NUMBERED_LEVELS = 2
_LINES = re.compile(r"\s*(\d*)\s*[:-]\s*(\d*)\s*|\s*(\d+)\s*")


@dataclass(frozen=True)
class Heading:
    """What numbering needs of a sectioning command."""

    title: str
    depth: int
    starred: bool
    appendix: bool


def numbers(headings: Sequence[Heading]) -> list[str | None]:
    """LaTeX's numbers for ``headings`` (``2.1``; ``A.1`` after ``\\appendix``); starred ones, parts and levels
    LaTeX does not number by default (``\\paragraph``) get None.

    The top level is the chapter when the document has chapters, else the section.
    """
    top = 1 if any(h.depth == 1 for h in headings) else 2
    counters: dict[int, int] = {}
    lettered = False
    out: list[str | None] = []
    for h in headings:
        if h.depth < top or h.starred or h.depth - top > _NUMBERED_LEVELS:
            out.append(None)
            continue
        if h.appendix and not lettered and h.depth == top:
            lettered = True
            counters = {}
        counters[h.depth] = counters.get(h.depth, 0) + 1
        for deeper in [d for d in counters if d > h.depth]:
            del counters[deeper]
        parts = [counters.get(d, 0) for d in range(top, h.depth + 1)]
        first = chr(ord("A") + parts[0] - 1) if lettered and 0 < parts[0] <= 26 else str(parts[0])
        out.append(".".join([first, *(str(n) for n in parts[1:])]))
    return out


def paths(titles: Sequence[str], depths: Sequence[int]) -> list[tuple[str, ...]]:
    """Each heading's title path: the titles of the headings enclosing it, outermost first, and its own."""
    stack: list[tuple[int, str]] = []
    out: list[tuple[str, ...]] = []
    for title, depth in zip(titles, depths, strict=True):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack.append((depth, title))
        out.append(tuple(t for _, t in stack))
    return out


def subtree(depths: Sequence[int], index: int) -> range:
    """The heading ``index`` and every heading under it (the ones after it until one as high or higher)."""
    end = index + 1
    while end < len(depths) and depths[end] > depths[index]:
        end += 1
    return range(index, end)


def resolve(
    query: str, titles: Sequence[str], numbered: Sequence[str | None], titled: Sequence[tuple[str, ...]]
) -> int:
    """The index of the one heading ``query`` names; a LatexError with the closest candidates otherwise."""
    q = " ".join(query.split())
    low = q.lower()
    if _NUMBER.fullmatch(q):
        found = [i for i, n in enumerate(numbered) if n is not None and n.lower() == low]
        if len(found) == 1:
            return found[0]
    labels = [_label(i, titles, numbered, titled) for i in range(len(titles))]
    if "/" in q:
        want = tuple(part.strip().lower() for part in q.split("/") if part.strip())
        found = [i for i, p in enumerate(titled) if _lower(p)[-len(want) :] == want] if want else []
    else:
        found = [i for i, t in enumerate(titles) if _norm(t) == low]
        if not found:
            found = [i for i, t in enumerate(titles) if _norm(t).startswith(low)]
    if len(found) == 1:
        return found[0]
    if found:
        shown = ", ".join(labels[i] for i in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        raise LatexError(
            f"section {q!r} is ambiguous: {shown}{more}; give its number or its Chapter/Section path"
        )
    if not titles:
        raise LatexError(f"no section named {q!r}: the document has no sectioning commands")
    closest = _closest(q, titles, labels)
    raise LatexError(f"no section named {q!r}; did you mean {', '.join(closest)}?")


def _closest(query: str, titles: Sequence[str], labels: Sequence[str]) -> list[str]:
    low = query.lower().rsplit("/", 1)[-1]
    scored = sorted(
        range(len(titles)),
        key=lambda i: (-difflib.SequenceMatcher(None, low, _norm(titles[i])).ratio(), i),
    )
    return [labels[i] for i in scored[:3]]


def _label(
    i: int, titles: Sequence[str], numbered: Sequence[str | None], titled: Sequence[tuple[str, ...]]
) -> str:
    path = "/".join(titled[i]) if len(titled[i]) > 1 else titles[i]
    return f"{numbered[i]} {path}" if numbered[i] else path


def _norm(title: str) -> str:
    return " ".join(title.split()).lower()


def _lower(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_norm(p) for p in path)


def parse_lines(spec: str) -> tuple[int, int]:
    """``A:B`` (or ``A-B``, ``A:``, ``:B``, ``A``) as an inclusive 1-based line range; a UsageError if malformed."""
    m = _LINES.fullmatch(spec)
    if not m:
        raise UsageError(f"--lines {spec!r}: give a line range such as 10:20")
    if m.group(3):
        first = last = int(m.group(3))
    else:
        first = int(m.group(1) or 1)
        last = int(m.group(2)) if m.group(2) else 10**9
    if first < 1 or last < first:
        raise UsageError(f"--lines {spec!r}: lines count from 1 and the range must not be empty")
    return first, last


def match_file(query: str, names: Sequence[str]) -> str:
    """The one file of the paper ``query`` names (its path as the paper includes it, or a unique suffix)."""
    q = query.strip().replace("\\", "/")
    while q.startswith("./"):
        q = q[2:]
    exact = [n for n in names if n == q or n == q + ".tex"]
    if exact:
        return exact[0]
    found = [n for n in names if n.endswith("/" + q) or n.endswith("/" + q + ".tex")]
    if len(found) == 1:
        return found[0]
    if found:
        raise LatexError(f"--file {query!r} is ambiguous: {', '.join(found[:3])}")
    closest = sorted(names, key=lambda n: -difflib.SequenceMatcher(None, q, n).ratio())[:3]
    raise LatexError(f"no file {query!r} in this paper; did you mean {', '.join(closest)}?")
