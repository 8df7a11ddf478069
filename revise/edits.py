"""The values the review stages pass along: a Suggestion (what a reviewer said, in its own words) and the
Edit it becomes once anchoring has placed it in the source (or honestly not), with its status.

A Suggestion speaks the paragraph's *masked* text (or, for pasted replies, whatever the reviewer quoted); only
revise.anchoring turns it into source offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph


class Confidence(str, Enum):
    """How sure the evidence for an edit is; ``--apply`` takes edits at or above ``--min-confidence``.

    The offline engine grades its own findings (a typography rule or a certain grammar rule is high, a
    spelling guess only when one candidate clearly wins). A model's edit starts high; anchoring lowers it to
    medium when the quote was only found by fuzzy matching, and the guard when it had to drop a version.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 2, "medium": 1, "low": 0}[self.value]

    def meets(self, threshold: Confidence) -> bool:
        """Whether this level is at or above ``threshold``."""
        return self.rank >= threshold.rank

    def capped(self, ceiling: Confidence) -> Confidence:
        """The lower of this level and ``ceiling``."""
        return self if self.rank <= ceiling.rank else ceiling


@dataclass(frozen=True)
class Suggestion:
    """One point of a review: a quote, what is wrong with it, and alternative replacements."""

    original: str
    """The quoted excerpt, verbatim or as imperfectly as the reviewer gave it."""
    issue: str
    versions: tuple[str, ...]
    paragraph: int | None = None
    """Document paragraph index (0-based, as --inspect lists) when the reviewer said which paragraph."""
    span: tuple[int, int] | None = None
    """Exact [start, end) offsets in the paragraph's masked text, when the engine knows them (offline)."""
    rule: str | None = None
    """The offline rule that produced it, for suppression and reporting."""
    elided: bool = False
    """True when ``versions`` are whole-paragraph rewrites in which ``...``/``…`` stands for unchanged text."""
    request: tuple[int, ...] | None = None
    """The paragraphs a model was asked to review in the request that produced this point: it may be placed
    only there (text of one paragraph must not steer edits to another, issue 15). ``None``: anywhere."""
    confidence: Confidence = Confidence.HIGH
    """The engine's own grade of its evidence (a model's edits are high)."""
    category: str | None = None
    """The offline rule's family (typography, grammar, agreement, spelling, register…) for --enable/--disable."""
    refused: str | None = None
    """Why the reply's point could not be read whole (a cut-off quote, a broken table row): reported, never
    applied."""
    cut: bool = False
    """The reply ends inside this rewrite's last version: it may be cut off (see revise.replies.cutoff)."""


LABEL = re.compile(r"\s*[Pp](\d{1,6})\s*")
"""How prompts name a paragraph (``P12`` is document paragraph 12, as ``--inspect`` lists it): a label that
cannot be mistaken for a 1-based "paragraph 12" a reviewer writes in prose."""


def paragraph_label(index: int) -> str:
    """The label a prompt gives document paragraph ``index``."""
    return f"P{index}"


def label_index(value: object) -> int | None:
    """The paragraph index a label such as ``"P12"`` names, else None."""
    match = LABEL.fullmatch(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


class Status(str, Enum):
    """The contract's edit statuses."""

    OK = "ok"
    UNANCHORED = "unanchored"
    AMBIGUOUS = "ambiguous"
    CONFLICT = "conflict"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits: ``[start, end)`` source offsets in ``paragraph.file``, and how it was found."""

    paragraph: Paragraph
    start: int
    end: int
    method: str
    """exact | normalised | ellipsis | fuzzy | span (engine-given) | rewrite (expanded elided version)"""
    gaps: tuple[tuple[int, int], ...] = ()
    """For a quote shortened with ``...``: the source spans its ellipses stand for, in order."""

    @property
    def text(self) -> str:
        return self.paragraph.file.text[self.start : self.end]


@dataclass(frozen=True)
class Edit:
    """A suggestion with its place and its source-ready versions."""

    id: int
    suggestion: Suggestion
    anchor: Anchor | None
    versions: tuple[str, ...]
    """Replacements for ``anchor.text`` as source LaTeX (placeholders restored, guarded)."""
    status: Status = Status.OK
    reason: str | None = None
    hint: str | None = None
    """For an unplaced quote: the nearest real text, to help the author find it."""
    notes: tuple[str, ...] = ()
    """What the guard fixed on the way (e.g. ``50%`` → ``50\\%``)."""
    confidence: Confidence = Confidence.HIGH
    """The suggestion's confidence, lowered by fuzzy anchoring or a version the guard dropped."""

    @property
    def original(self) -> str:
        return self.anchor.text if self.anchor else self.suggestion.original

    @property
    def issue(self) -> str:
        return self.suggestion.issue

    def with_status(self, status: Status, reason: str) -> Edit:
        return replace(self, status=status, reason=reason)
