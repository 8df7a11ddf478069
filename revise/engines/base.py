"""The reviewer interface: what every engine (llm, offline, reply) takes and gives back.

Suggestion, the value an engine returns, lives in revise.edits beside the Edit it becomes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from dataclasses import field as _field
from typing import TYPE_CHECKING, Protocol

from revise.edits import Suggestion

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph


@dataclass(frozen=True)
class Usage:
    """What the review cost."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.requests + other.requests,
            self.cached + other.cached,
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )

    def describe(self, cost: float | None = None) -> str:
        """What the review cost, as one line for people.

        E.g. ``12 requests (3 from cache), 8,412 prompt + 2,103 completion tokens, about $0.0025``.
        Replies the cache answered count among the requests here (``requests`` itself counts only calls
        that went to the endpoint). The token part is left out when there are no tokens, the cost part
        when ``cost`` is ``None``.
        """
        total = self.requests + self.cached
        line = f"{total:,} request{'' if total == 1 else 's'}"
        if self.cached:
            line += f" ({self.cached:,} from cache)"
        if self.prompt_tokens or self.completion_tokens:
            line += f", {self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion tokens"
        if cost is not None:
            line += f", about ${_dollars(cost)}"
        return line


def _dollars(cost: float) -> str:
    """Two significant figures below a dollar (``0.0025``), cents above (``1,234.50``)."""
    if cost <= 0:
        return "0.00"
    decimals = min(max(2, 1 - math.floor(math.log10(cost))), 6)
    return f"{cost:,.{decimals}f}"


@dataclass(frozen=True)
class Failure:
    """A paragraph the reviewer could not review (endpoint error, unusable reply), reported, not fatal."""

    paragraph: int
    message: str


@dataclass(frozen=True)
class ReviewContext:
    """What a reviewer needs beyond the paragraphs themselves."""

    field: str = ""
    versions: int = 3
    notes_language: str | None = None
    prompt: str | None = None
    title: str | None = None
    abstract: str | None = None
    document: tuple[Paragraph, ...] = ()
    """Every paragraph of the document, so a request can show the neighbours of its own as context."""
    meanwhile: Callable[[], object] | None = _field(default=None, compare=False, repr=False)
    """Work of the later stages (their imports) an engine may run while it waits on something that holds no
    GIL, such as Harper's dictionary build: the main thread is idle then, and that work is off the critical path."""


@dataclass(frozen=True)
class Review:
    """An engine's answer for a set of paragraphs."""

    suggestions: tuple[Suggestion, ...]
    usage: Usage = field(default_factory=Usage)
    failures: tuple[Failure, ...] = ()
    notices: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    """Lines shown only with ``--verbose`` (e.g. what a native library printed and was kept off stdout)."""
    later: tuple[Callable[[], str | None], ...] = _field(default=(), compare=False, repr=False)
    """Work for once the answer is delivered, each returning a ``--verbose`` line or None: starting the lint
    worker, whose start-up on the other core slowed the rendering of a first run (engines/warm.py)."""


class Reviewer(Protocol):
    """An engine: reviews paragraphs and returns suggestions."""

    name: str
    model: str | None

    def review(self, paragraphs: Sequence[Paragraph], context: ReviewContext) -> Review: ...
