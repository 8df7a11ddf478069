"""The reply engine: a saved model reply or a chat answer pasted by the author, instead of a live model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revise.engines.base import Review, ReviewContext

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph


@dataclass
class SavedReply:
    """A Reviewer whose answer is already written: it parses the text and asks nobody."""

    text: str
    name: str = "reply"
    model: str | None = None

    def review(self, paragraphs: Sequence[Paragraph], context: ReviewContext) -> Review:
        from revise.replies import parse_reply

        return Review(suggestions=tuple(parse_reply(self.text)))
