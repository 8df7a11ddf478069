"""Where an edit is, in the words every report uses: file name as reported, paragraph, line and column.

One place for this so json, gnu, terminal and patch can never disagree about a position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revise.document import SourceFile
    from revise.edits import Edit
    from revise.latex.segment import Paragraph
    from revise.pipeline import Revision


@dataclass(frozen=True)
class Place:
    """An edit's reported position; the offsets are ``None`` when the quote could not be placed."""

    file: str
    paragraph: int | None
    section: str | None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


def file_name(revision: Revision, source: SourceFile) -> str:
    """The name to report for ``source``: the root takes ``revision.file`` (e.g. ``--stdin-filename``)."""
    files = revision.segmentation.files
    if revision.file and files and source is files[0]:
        return revision.file
    if revision.file and files and source.name == files[0].name:
        return revision.file
    return source.name


def root_name(revision: Revision) -> str:
    files = revision.segmentation.files
    return revision.file or (files[0].name if files else "-")


def hinted_paragraph(revision: Revision, edit: Edit) -> Paragraph | None:
    """The paragraph an unplaced edit was meant for, when the reviewer said which."""
    index = edit.suggestion.paragraph
    if index is None:
        return None
    for paragraph in revision.segmentation.paragraphs:
        if paragraph.index == index:
            return paragraph
    return None


def place(revision: Revision, edit: Edit) -> Place:
    """The edit's position; only an anchored edit gets offsets, line and column."""
    anchor = edit.anchor
    if anchor is None:
        paragraph = hinted_paragraph(revision, edit)
        if paragraph is None:
            return Place(root_name(revision), None, None)
        return Place(file_name(revision, paragraph.file), paragraph.index, paragraph.section)
    source = anchor.paragraph.file
    line, column = source.position(anchor.start)
    end_line, end_column = source.position(anchor.end)
    return Place(
        file=file_name(revision, source),
        paragraph=anchor.paragraph.index,
        section=anchor.paragraph.section,
        start=anchor.start,
        end=anchor.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def picked(edit: Edit, pick: int) -> str | None:
    """Version ``pick`` (from 1) of an edit, falling back to the first when it has fewer; None without any."""
    if not edit.versions:
        return None
    return edit.versions[pick - 1] if 1 <= pick <= len(edit.versions) else edit.versions[0]
