"""``--format json``: the contract's JSON report, one object for the whole run."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from revise.edits import Status
from revise.render.place import place, root_name

if TYPE_CHECKING:
    from revise.edits import Edit
    from revise.pipeline import Revision


def render(revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None) -> str:
    """The JSON report (contract keys first; ``hint``, ``section``, ``notes``, ``method`` and more are
    extras)."""
    usage = revision.usage
    report: dict[str, Any] = {
        "file": root_name(revision),
        "engine": revision.engine,
        "model": revision.model,
        "edits": [_edit(revision, edit) for edit in revision.edits],
        "usage": {
            "requests": usage.requests,
            "cached": usage.cached,
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
        },
        "warnings": list(revision.segmentation.warnings),
        "notices": list(revision.notices),
        "failures": [{"paragraph": f.paragraph, "message": f.message} for f in revision.failures],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _edit(revision: Revision, edit: Edit) -> dict[str, Any]:
    where = place(revision, edit)
    item: dict[str, Any] = {
        "id": edit.id,
        "file": where.file,
        "paragraph": where.paragraph if edit.anchor else None,
        "start": where.start,
        "end": where.end,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "original": edit.original,
        "issue": edit.issue,
        "versions": list(edit.versions),
        "status": Status(edit.status).value,
        "reason": None if edit.status == Status.OK else (edit.reason or Status(edit.status).value),
        "section": where.section,
        "hint": edit.hint,
        "notes": list(edit.notes),
        "method": edit.anchor.method if edit.anchor else None,
        "confidence": edit.confidence.value,
        "applied_by_default": revision.takes(edit),
    }
    if edit.anchor is None and edit.suggestion.paragraph is not None:
        item["paragraph_hint"] = edit.suggestion.paragraph
    if edit.suggestion.rule:
        item["rule"] = edit.suggestion.rule
    return item
