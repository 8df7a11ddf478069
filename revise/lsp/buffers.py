"""An open buffer and what the server knows about it: the paper it belongs to, its lints and its edits.

Everything here is synchronous and protocol-free (no pygls), so the server can run it in a worker thread and
tests can reason about it as values.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from revise import pipeline
from revise.document import SourceFile
from revise.edits import Edit, Suggestion
from revise.engines.base import Review, Reviewer
from revise.latex.segment import Paragraph, Segmentation
from revise.lsp import memo
from revise.lsp.diagnostics import Filter, shown
from revise.lsp.root import find_root, segment_paper


@dataclass
class Buffer:
    """One open document: its text as the editor holds it, and the last review of it."""

    uri: str
    path: Path | None
    text: str
    version: int | None = None
    root: Path | None = None
    lints: memo.Memo = field(default_factory=memo.Memo)
    asked: dict[memo.Key, tuple[Suggestion, ...]] = field(default_factory=dict)
    """The reviewer's suggestions per paragraph ("Ask the reviewer"), kept while the paragraph is unchanged."""
    source: SourceFile | None = None
    segmentation: Segmentation | None = None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Refreshed:
    """The outcome of one lint of a buffer, for publishing and the log line."""

    version: int | None
    source: SourceFile
    segmentation: Segmentation
    edits: tuple[Edit, ...]
    paragraphs: int
    relinted: int
    seconds: float
    notices: tuple[str, ...] = ()


def own_paragraphs(segmentation: Segmentation, source: SourceFile) -> tuple[Paragraph, ...]:
    """The paragraphs of the paper that live in the buffer's file."""
    return tuple(
        p for p in segmentation.paragraphs if p.file.path == source.path and p.file.name == source.name
    )


def _still_stands(last: Segmentation, held: SourceFile, text: str, root: Path | None) -> bool:
    """Whether the buffer's last segmentation is still its paper's: on a lint with the text unchanged (a save,
    new settings, "Ask the reviewer"). Segmenting is a pure function of the file's text only when the paper is
    that one file, read without a warning (an ``\\input`` not found may be found now), and still its own root;
    a file of a multi-file paper is segmented again, as another file on disk may have changed how it reads."""
    if held.text != text or len(last.files) != 1 or last.warnings:
        return False
    own = last.files[0].path
    return root is None or (own is not None and own.resolve() == root.resolve())


def refresh(
    buffer: Buffer,
    overlay: Mapping[str, str],
    reviewer_for: Callable[[Segmentation], Reviewer],
    keep: Filter,
    *,
    field_name: str = "",
    versions: int = 3,
) -> Refreshed:
    """Segment the buffer's paper, lint the buffer's changed paragraphs, and anchor every suggestion.

    Only the memo (and the root, once found) is updated here; the caller installs the result in the buffer,
    so a lint that lost the race with a newer change never replaces what the editor is shown.

    ``reviewer_for`` picks the offline reviewer for the paper (one per spelling variety: Harper's dialect is
    fixed when its linter is built); a paper that changes variety has its memo cleared.
    """
    started = time.perf_counter()
    text, version = buffer.text, buffer.version
    if buffer.path is not None and buffer.root is None:
        buffer.root = find_root(buffer.path, text, overlay)
    last, held = buffer.segmentation, buffer.source
    if last is not None and held is not None and _still_stands(last, held, text, buffer.root):
        segmentation, source = last, held
    else:
        segmentation, source = segment_paper(buffer.path, text, overlay, root=buffer.root)
    mine = own_paragraphs(segmentation, source)
    reviewer = reviewer_for(segmentation)
    if buffer.lints.owner is not reviewer:
        buffer.lints.clear()
        buffer.lints.owner = reviewer
    context = pipeline.context_for(segmentation, field=field_name, versions=versions)
    linted = memo.lint(reviewer, mine, context, buffer.lints)
    # Lints and the reviewer's edits are guarded apart: where they overlap, both stay offered as fixes (the
    # editor applies one, and the other is re-checked against the new text) instead of both turning "conflict".
    linted_edits = pipeline.finish(segmentation, mine, Review(linted.suggestions), reviewer.name, None).edits
    asked = memo.reindex(dict(buffer.asked), mine)  # a copy: "Ask the reviewer" may be adding to it
    asked_edits = pipeline.finish(segmentation, mine, Review(asked), "llm", None).edits if asked else ()
    numbered = (*linted_edits, *(replace(e, id=len(linted_edits) + e.id) for e in asked_edits))
    edits = tuple(shown(numbered, source, keep))
    return Refreshed(
        version,
        source,
        segmentation,
        edits,
        len(mine),
        linted.relinted,
        time.perf_counter() - started,
        linted.notices,
    )
