"""Re-linting only what changed: the offline engine's suggestions remembered per paragraph.

A paragraph is known by its kind, its source text and its masked text, never by its index: a line typed in
paragraph 3 moves every later index but leaves their text alone, so they are not linted again. The memo sits
in front of the engine's lint cache (engines/lintcache.py, which the server's reviewer is opened on): the cache
spares Harper across sessions, the memo spares each change even the cache's per-paragraph work (lint views,
keys, look-ups over the whole paper), and it is what the log's "linted N of M paragraphs" counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from revise.edits import Suggestion
from revise.engines.base import ReviewContext, Reviewer
from revise.latex.segment import Paragraph

Key = tuple[str, str, str]


def key(paragraph: Paragraph) -> Key:
    """What decides a paragraph's lints: its kind, source text and masked text."""
    return paragraph.kind, paragraph.text, paragraph.masked.text


@dataclass
class Memo:
    """Suggestions per paragraph key, with their paragraph index left out (it is the current one's)."""

    found: dict[Key, tuple[Suggestion, ...]] = field(default_factory=dict)
    owner: object | None = None
    """The reviewer whose suggestions these are; another reviewer's memo is not reused."""

    def clear(self) -> None:
        self.found.clear()


@dataclass(frozen=True)
class Linted:
    """The suggestions for every paragraph asked about, and how many of them had to be linted anew."""

    suggestions: tuple[Suggestion, ...]
    relinted: int
    notices: tuple[str, ...] = ()


def lint(reviewer: Reviewer, paragraphs: Sequence[Paragraph], context: ReviewContext, memo: Memo) -> Linted:
    """The reviewer's suggestions for ``paragraphs``, reviewing only those the memo does not know."""
    fresh = [p for p in paragraphs if key(p) not in memo.found]
    notices: tuple[str, ...] = ()
    if fresh:
        review = reviewer.review(fresh, context)
        notices = review.notices
        by_index: dict[int, list[Suggestion]] = {p.index: [] for p in fresh}
        for s in review.suggestions:
            if s.paragraph in by_index:
                by_index[s.paragraph].append(s)
        for p in fresh:
            memo.found[key(p)] = tuple(by_index[p.index])
    wanted = {key(p) for p in paragraphs}
    for stale in [k for k in memo.found if k not in wanted]:
        del memo.found[stale]  # deleted or rewritten paragraphs: the memo stays the size of the paper
    return Linted(reindex(memo.found, paragraphs), len(fresh), notices)


def reindex(
    found: dict[Key, tuple[Suggestion, ...]], paragraphs: Sequence[Paragraph]
) -> tuple[Suggestion, ...]:
    """The remembered suggestions of ``paragraphs``, each pointing at its paragraph's current index."""
    out: list[Suggestion] = []
    for p in paragraphs:
        out.extend(replace(s, paragraph=p.index) for s in found.get(key(p), ()))
    return tuple(out)
