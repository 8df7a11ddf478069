"""The text ``--apply`` writes, for the renderers that show a revised document (patch, latexdiff).

Both must equal what ``--apply`` produces, so they go through ``revise.apply.apply_edits`` — never a second
implementation of applying.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from revise.edits import Status
from revise.render.place import picked

if TYPE_CHECKING:
    from revise.edits import Edit
    from revise.pipeline import Revision


def applied(revision: Revision, pick: int) -> dict[str, str]:
    """New text per changed file name, exactly as ``--apply --pick N`` writes it."""
    from revise.apply import apply_edits

    taken = [e for e in revision.edits if revision.takes(e)]
    return apply_edits(revision.segmentation.files, taken, pick=pick)


def replacement(revision: Revision, edit: Edit, pick: int) -> str:
    """What ``--apply`` puts in place of one ok edit's span (apply may keep the original's spacing)."""
    from revise.apply import apply_edits

    anchor = edit.anchor
    assert anchor is not None and edit.status == Status.OK
    source = anchor.paragraph.file
    new = apply_edits(revision.segmentation.files, (edit,), pick=pick).get(source.name, source.text)
    grown = len(new) - len(source.text)
    tail = anchor.end + grown
    if new[: anchor.start] == source.text[: anchor.start] and new[tail:] == source.text[anchor.end :]:
        return new[anchor.start : tail]
    return picked(edit, pick) or anchor.text  # apply touched more than the span: show the version as given


def ok_edits(revision: Revision) -> list[Edit]:
    """The edits ``--apply`` takes, in source order."""
    chosen = [
        e
        for e in revision.edits
        if e.status == Status.OK and e.anchor is not None and e.versions and revision.takes(e)
    ]
    return sorted(chosen, key=lambda e: e.anchor.start if e.anchor else 0)
