"""The pipeline: read → segment → select → review → anchor → guard, and apply; the library entry point.

Each stage lives in its own module; this one only passes their typed values along, so the CLI and tests can drive
the same path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from revise.document import SourceFile
from revise.edits import Edit
from revise.engines.base import Failure, Review, ReviewContext, Reviewer, Usage
from revise.latex.segment import Paragraph, Segmentation


@dataclass(frozen=True)
class Revision:
    """What a review produced: the renderers' input and the apply stage's input."""

    segmentation: Segmentation
    paragraphs: tuple[Paragraph, ...]
    edits: tuple[Edit, ...]
    engine: str
    model: str | None
    usage: Usage = field(default_factory=Usage)
    notices: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()
    file: str = ""


def load(
    root: SourceFile, sections: Sequence[str] = (), *, allow_outside: bool = False
) -> tuple[Segmentation, tuple[Paragraph, ...]]:
    """Segment a document and select the paragraphs to review (``\\input`` followed inside its folder)."""
    from revise.latex.segment import segment, select

    segmentation = segment(root, allow_outside=allow_outside)
    return segmentation, select(segmentation, sections)


def context_for(
    segmentation: Segmentation,
    *,
    field: str = "",
    versions: int = 3,
    notes_language: str | None = None,
    prompt: str | None = None,
) -> ReviewContext:
    """The review context: user options plus the paper's title and abstract."""
    return ReviewContext(
        field=field,
        versions=versions,
        notes_language=notes_language,
        prompt=prompt,
        title=segmentation.title,
        abstract=segmentation.abstract,
    )


def revise(
    segmentation: Segmentation,
    paragraphs: Sequence[Paragraph],
    reviewer: Reviewer,
    context: ReviewContext,
    *,
    file: str = "",
) -> Revision:
    """Review the paragraphs, anchor every suggestion, and guard every edit."""
    review: Review = reviewer.review(paragraphs, context)
    return finish(segmentation, paragraphs, review, reviewer.name, reviewer.model, file=file)


def finish(
    segmentation: Segmentation,
    paragraphs: Sequence[Paragraph],
    review: Review,
    engine: str,
    model: str | None,
    *,
    file: str = "",
) -> Revision:
    """Anchor and guard a review's suggestions into a Revision."""
    from revise.anchoring import anchor
    from revise.guard import guard
    from revise.inplace import paper_macros

    macros = paper_macros(f.text for f in segmentation.files)
    edits = guard(anchor(review.suggestions, paragraphs), macros=macros)
    return Revision(
        segmentation=segmentation,
        paragraphs=tuple(paragraphs),
        edits=tuple(edits),
        engine=engine,
        model=model,
        usage=review.usage,
        notices=tuple(review.notices),
        failures=tuple(review.failures),
        file=file,
    )


def apply(revision: Revision, pick: int = 1, choices: Mapping[int, int] | None = None) -> dict[str, str]:
    """New text per changed file name, with the chosen version of every ok edit."""
    from revise.apply import apply_edits

    return apply_edits(revision.segmentation.files, revision.edits, pick=pick, choices=choices)
