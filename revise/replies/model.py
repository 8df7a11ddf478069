"""A live model's reply → Suggestions: the contract's JSON, checked strictly, else the pasted-reply parser.

Models asked for JSON still wrap it in a code fence, add a sentence before it, or answer in numbered prose;
the first two are handled here, the last by ``revise.replies.structured.parse_reply``. Every Suggestion carries the
index of the paragraph it was asked about, so anchoring searches the right paragraph.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from revise.edits import Suggestion, label_index
from revise.errors import ReplyError

_FENCE = re.compile(r"^\s*```[A-Za-z]*\s*\n(.*?)\n\s*```\s*$", re.S)


def parse_model_reply(
    text: str, paragraph: int | Sequence[int], versions: int | None = None
) -> tuple[Suggestion, ...]:
    """The suggestions in ``text`` for the request about ``paragraph`` (one index, or the request's several);
    at most ``versions`` versions each.

    Every suggestion carries the request's paragraphs (it may be placed only there) and, as its hint, the
    paragraph its edit names (``"paragraph": "P12"``) when that is one of them, else the request's only one.
    Raises ReplyError when the reply is neither the contract's JSON nor anything the pasted-reply parser
    reads.
    """
    request = (paragraph,) if isinstance(paragraph, int) else tuple(paragraph)
    data = _json(text)
    found = _suggestions(data) if data is not None else None
    if found is None:
        found = _pasted(text, data is None)
    limit = versions if versions and versions > 0 else None
    only = request[0] if len(request) == 1 else None
    return tuple(
        replace(
            s,
            paragraph=s.paragraph if s.paragraph in request else only,
            versions=s.versions[:limit] if limit else s.versions,
            request=request,
        )
        for s in found
    )


def _json(text: str) -> Any:
    body = text.strip()
    fenced = _FENCE.match(body)
    if fenced:
        body = fenced.group(1).strip()
    try:
        return json.loads(body)
    except ValueError:
        pass
    start = body.find("{")
    if start < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(body[start:])
    except ValueError:
        return None
    return value


def _suggestions(data: Any) -> tuple[Suggestion, ...] | None:
    """Suggestions from the contract's shape, or None when ``data`` is not that shape."""
    edits = data.get("edits") if isinstance(data, dict) else data
    if not isinstance(edits, list):
        return None
    found: list[Suggestion] = []
    for edit in edits:
        if not isinstance(edit, dict):
            return None
        original, issue, versions = edit.get("original"), edit.get("issue", ""), edit.get("versions")
        if isinstance(versions, str):
            versions = [versions]
        if not isinstance(original, str) or not isinstance(issue, str) or not isinstance(versions, list):
            return None
        kept = tuple(v for v in versions if isinstance(v, str))
        if not original.strip() or not kept:
            continue  # an empty quote or no version cannot become an edit
        named = edit.get("paragraph")
        hint = label_index(named) if not isinstance(named, int) or isinstance(named, bool) else named
        found.append(Suggestion(original=original, issue=issue.strip(), versions=kept, paragraph=hint))
    return tuple(found)


def _pasted(text: str, invalid_json: bool) -> tuple[Suggestion, ...]:
    what = "not valid JSON" if invalid_json else "JSON of another shape"
    # Imported here: the chat grammar is only needed when a model ignores the JSON it was asked for.
    from revise.replies.structured import parse_reply

    try:
        return tuple(parse_reply(text))
    except ReplyError as err:
        raise ReplyError(f"the model's reply is {what}, nor a readable review ({err})") from None
