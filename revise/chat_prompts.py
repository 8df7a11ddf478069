"""``--print-prompt``: the requests as messages to paste into a chat window, the shared instructions once.

Chat windows take messages of limited size, so each section or window becomes one message under
``--chunk-chars`` characters (a section longer than that is split by paragraphs, as the model budget splits
it). The instructions and the paper's title and abstract come first, once; each message is numbered, and its
paragraphs carry their ``P12`` labels, which the answers name in every edit, so answers pasted back together
(``--reply``) are matched to their paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revise.edits import paragraph_label
from revise.prompting import load_template, paper_part, plan_requests

if TYPE_CHECKING:
    from revise.config import Settings
    from revise.engines.base import ReviewContext
    from revise.latex.segment import Paragraph


@dataclass(frozen=True)
class Printed:
    """The text to print and what to warn about (a paragraph alone above the size)."""

    text: str
    warnings: tuple[str, ...] = ()


def render_prompts(paragraphs: Sequence[Paragraph], context: ReviewContext, settings: Settings) -> Printed:
    """The instructions once, then one numbered message per section or window."""
    if context.notes_language is None and settings.notes_language:
        from dataclasses import replace

        context = replace(context, notes_language=settings.notes_language)
    template = load_template(context.prompt)
    planned = plan_requests(
        paragraphs,
        context,
        scope=settings.scope,
        max_prompt_tokens=settings.max_prompt_tokens,
        template=template,
        message_chars=settings.chunk_chars,
        paper=False,
    )
    if not planned:
        return Printed("")
    system = planned[0][1][0].content
    paper = paper_part(context)
    total = len(planned)
    parts = [
        "===== instructions: paste these first; they apply to every message below =====\n"
        + system
        + (f"\n\n{paper}" if paper else "")
        + f"\n\nI will send {total} message{'s' if total > 1 else ''}, numbered; answer each one on its own."
        + "\n"
    ]
    warnings: list[str] = []
    for n, (request, messages) in enumerate(planned, 1):
        labels = [paragraph_label(i) for i in request.indices]
        which = labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"
        first = request.paragraphs[0]
        where = f"{first.file.name}:{first.line}"
        body = f"Message {n} of {total}.\n\n{messages[-1].content}"
        parts.append(
            f"===== message {n} of {total}: paragraph{'s' if len(labels) > 1 else ''} {which} ({where}) =====\n{body}\n"
        )
        if len(body) > settings.chunk_chars:
            warnings.append(
                f"revise: message {n} ({which}) has {len(body):,} characters, above --chunk-chars "
                f"{settings.chunk_chars:,}: one paragraph cannot be split"
            )
    return Printed("\n".join(parts), tuple(warnings))
