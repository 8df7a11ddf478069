"""The pipeline: read → segment → select → review → anchor → guard, and apply; the library entry point.

Each stage lives in its own module; this one only passes their typed values along, so the CLI and tests can drive
the same path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from revise.document import SourceFile
from revise.edits import Confidence, Edit
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
    details: tuple[str, ...] = ()
    """Notices for ``--verbose`` only."""
    min_confidence: Confidence = Confidence.HIGH
    """``--apply``, ``--format patch``/``latexdiff`` and accept-all take only edits at or above this."""
    later: tuple[Callable[[], str | None], ...] = field(default=(), compare=False, repr=False)
    """The review's work for after the answer is delivered (engines/base.py Review.later)."""

    def takes(self, edit: Edit) -> bool:
        """Whether applying this revision takes ``edit`` (its confidence is high enough)."""
        return edit.confidence.meets(self.min_confidence)


def load(
    root: SourceFile,
    sections: Sequence[str] = (),
    *,
    file: str | None = None,
    lines: tuple[int, int] | None = None,
    commands: Mapping[str, str] | None = None,
    allow_outside: bool = False,
) -> tuple[Segmentation, tuple[Paragraph, ...]]:
    """Segment a document and select the paragraphs to review (sections, one file, a line range).

    ``commands`` is the config's ``[commands]`` table: how to read the user's own macros. ``\\input`` is
    followed only inside the root file's folder unless ``allow_outside``.
    """
    from revise.latex.context import user_rules
    from revise.latex.segment import segment, select

    segmentation = segment(root, commands=user_rules(commands or {}), allow_outside=allow_outside)
    return segmentation, select(segmentation, sections, file=file, lines=lines)


def context_for(
    segmentation: Segmentation,
    *,
    field: str = "",
    versions: int = 3,
    notes_language: str | None = None,
    prompt: str | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> ReviewContext:
    """The review context: user options plus the paper's title and abstract."""
    return ReviewContext(
        field=field,
        versions=versions,
        notes_language=notes_language,
        prompt=prompt,
        title=segmentation.title,
        abstract=segmentation.abstract,
        document=segmentation.paragraphs,
        meanwhile=meanwhile,
    )


def prepare_finish() -> None:
    """Import what ``finish`` uses (anchoring, the guard): an engine calls it while it waits on a native build."""
    import revise.anchoring
    import revise.guard
    import revise.inplace
    import revise.suppress  # noqa: F401


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
    from revise.suppress import suppress

    macros = paper_macros(f.text for f in segmentation.files)
    edits, hidden = suppress(guard(anchor(review.suggestions, paragraphs), macros=macros), segmentation.files)
    details = tuple(review.details)
    if hidden:
        details += (f"revise: {hidden} edit(s) left out inside '% revise: off' or ignore-next-line regions",)
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
        details=details,
        later=review.later,
    )


def apply(revision: Revision, pick: int = 1, choices: Mapping[int, int] | None = None) -> dict[str, str]:
    """New text per changed file name, with the chosen version of every ok edit."""
    from revise.apply import apply_edits

    # An edit the author chose by hand (-i) is taken whatever its confidence; --min-confidence governs the rest.
    chosen = {n for n, k in (choices or {}).items() if k > 0}
    taken = [e for e in revision.edits if revision.takes(e) or e.id in chosen]
    return apply_edits(revision.segmentation.files, taken, pick=pick, choices=choices)
