"""Sharing the lint work between linters by measured cost, so they finish together.

Harper's spell checker starts up once per process, on the first long unknown word, for about 1.2 s
(measured on the 100 KB paper of bench/bench_offline.py): the time linting 25,000 view characters takes.
Left to chance it lands on whichever linter meets such a word first, and that linter finishes a second
after the other (4.1 s against 6.0 s, issue 16). With two linters the first pays it up front, on purpose,
and takes that much less text.
"""

from __future__ import annotations

SPELL_START = 25_000
"""The spell checker's start-up, in view characters of linting."""
WARM_UP = "Zyxwvutsrqponm"
"""A long non-word: linting it sets off the start-up."""
BATCH = 100_000
"""View characters per Harper call at most: a 10 MB paper is linted as many bounded texts, never as one text
of megabytes (whose memory Harper holds until the call returns); calls this long cost nothing extra."""


def runs(sizes: list[int], count: int) -> list[list[int]]:
    """Indices of ``sizes`` cut into ``count`` consecutive runs of about equal cost; the first run's linter
    pays SPELL_START first when there are several. A run may be empty."""
    items = list(range(len(sizes)))
    if count <= 1:
        return [items]
    head = SPELL_START
    total = sum(sizes) + head
    out: list[list[int]] = [[] for _ in range(count)]
    seen = head
    for item, size in zip(items, sizes, strict=True):
        # An item goes to the run its midpoint falls in.
        out[min(count - 1, (seen + size // 2) * count // total)].append(item)
        seen += size
    return out


def batches(items: list[int], sizes: list[int], limit: int = BATCH) -> list[list[int]]:
    """``items`` (indices into ``sizes``) cut into consecutive runs of at most ``limit`` characters (a
    longer item is a run of its own)."""
    out: list[list[int]] = []
    total = 0
    for item in items:
        if not out or (out[-1] and total + sizes[item] > limit):
            out.append([])
            total = 0
        out[-1].append(item)
        total += sizes[item]
    return out
