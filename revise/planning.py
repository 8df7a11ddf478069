"""Requests: which paragraphs go to the model together, and what it is shown beside them as read-only context.

``section`` scope sends one request per section (consecutive paragraphs under one ``\\section``) so a reviewer
can judge the links between paragraphs; a section longer than the budget is split into windows of consecutive
paragraphs, each shown with the paragraph before and after it as read-only context. ``paragraph`` scope sends
one request per paragraph, with its neighbours as context. Sizes are estimated from characters
(``CHARS_PER_TOKEN``), close enough for budgets and cost previews without a tokenizer download.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from revise.latex.segment import Paragraph

SCOPES = ("section", "paragraph")
DEFAULT_SCOPE = "section"
"""Measured in bench/bench_scope.py: fewer requests and prompt tokens, and the reviewer sees the flow."""
CHARS_PER_TOKEN = 4
"""English prose runs about 4 characters per token in OpenAI's and Llama's tokenizers."""
DEFAULT_MAX_PROMPT_TOKENS = 6000
"""Per request, instructions included: under the 8k context of small local models, leaving room to answer."""
CONTEXT_CHARS = 1200
"""A read-only neighbour is cut to its end (before) or start (after): enough to judge a transition."""


@dataclass(frozen=True)
class Request:
    """One model request: the paragraphs to review, in order, and the read-only neighbours around them."""

    paragraphs: tuple[Paragraph, ...]
    before: Paragraph | None = None
    after: Paragraph | None = None

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(p.index for p in self.paragraphs)

    @property
    def chars(self) -> int:
        """Characters of paper text this request shows (reviewed and context)."""
        shown = sum(len(p.masked.text.strip()) for p in self.paragraphs)
        return shown + sum(len(context_text(p, side)) for p, side in self.context())

    def context(self) -> list[tuple[Paragraph, str]]:
        """The read-only neighbours with the side they are on ("before" or "after")."""
        found = [(self.before, "before"), (self.after, "after")]
        return [(p, side) for p, side in found if p is not None]


def estimate_tokens(chars: int) -> int:
    """Tokens a text of ``chars`` characters is likely to cost."""
    return math.ceil(chars / CHARS_PER_TOKEN) if chars > 0 else 0


def context_text(paragraph: Paragraph, side: str) -> str:
    """What a read-only neighbour shows: its end when it comes before, its start when it comes after."""
    text = paragraph.masked.text.strip()
    if len(text) <= CONTEXT_CHARS:
        return text
    if side == "before":
        cut = text[-CONTEXT_CHARS:]
        return "… " + cut[cut.find(" ") + 1 :] if " " in cut else "… " + cut
    cut = text[:CONTEXT_CHARS]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"


def plan(
    paragraphs: Sequence[Paragraph],
    document: Sequence[Paragraph] = (),
    *,
    scope: str = DEFAULT_SCOPE,
    budget_chars: int,
) -> list[Request]:
    """The requests for ``paragraphs`` (the selection) in ``scope``; ``document`` holds every paragraph, for
    neighbours; ``budget_chars`` is the paper text one request may show."""
    by_index = {p.index: p for p in (document or paragraphs)}
    if scope == "paragraph":
        return [Request((p,), by_index.get(p.index - 1), by_index.get(p.index + 1)) for p in paragraphs]
    requests: list[Request] = []
    for section in _sections(paragraphs):
        requests.extend(_windows(section, by_index, budget_chars))
    return requests


def _sections(paragraphs: Sequence[Paragraph]) -> list[list[Paragraph]]:
    """Runs of consecutive paragraphs under the same section title."""
    runs: list[list[Paragraph]] = []
    for p in paragraphs:
        last = runs[-1][-1] if runs else None
        if last is not None and p.index == last.index + 1 and p.section == last.section:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _windows(section: list[Paragraph], by_index: dict[int, Paragraph], budget: int) -> list[Request]:
    sizes = [len(p.masked.text.strip()) for p in section]
    if sum(sizes) <= budget:
        return [Request(tuple(section))]
    # Windows of about equal size (no small tail), each leaving room for its two neighbours.
    room = max(1, budget - 2 * CONTEXT_CHARS)
    target = sum(sizes) / math.ceil(sum(sizes) / room)
    windows: list[list[Paragraph]] = [[]]
    filled = 0
    for p, size in zip(section, sizes, strict=True):
        if windows[-1] and (filled + size > room or filled >= target):
            windows.append([])
            filled = 0
        windows[-1].append(p)
        filled += size
    return [
        Request(tuple(w), by_index.get(w[0].index - 1), by_index.get(w[-1].index + 1)) for w in windows if w
    ]
