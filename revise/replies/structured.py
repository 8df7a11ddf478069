"""Saved and pasted model replies → Suggestions.

The contract's JSON (``{"edits": [{"original", "issue", "versions", "paragraph"?}]}``) is read liberally:
a bare list, code fences, prose around it, trailing commas, synonyms for the keys.  A reply holding several
JSON values (revise.replies.pieces) is read whole: each value, and the chat text between them, by
revise.replies.chat.  A reply with nothing usable in it is a ReplyError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from revise.edits import Suggestion, label_index
from revise.errors import ReplyError
from revise.replies import bounds, cutoff
from revise.replies.chat import parse_chat
from revise.replies.pieces import loads, pieces

_ORIGINAL = (
    "original",
    "quote",
    "original_text",
    "excerpt",
    "source",
    "before",
    "text",
    "sentence",
    "old",
    "from",
)
_VERSIONS = (
    "versions",
    "revised",
    "revisions",
    "revision",
    "suggestion",
    "suggestions",
    "suggested",
    "rewrite",
    "rewrites",
    "replacement",
    "replacements",
    "alternatives",
    "after",
    "new",
    "to",
    "correction",
    "corrected",
    "revised_text",
    "edit",
    "fix",
    "options",
)
_ISSUE = ("issue", "reason", "explanation", "comment", "why", "problem", "rationale", "note", "justification")
_PARAGRAPH = ("paragraph", "paragraph_index", "para", "paragraph_id")
_ELLIPSIS = re.compile(r"\.\.\.|…")


def parse_reply(text: str) -> list[Suggestion]:
    """Read a model reply (contract JSON or a pasted chat answer) into suggestions.

    Every piece counts, in order: each JSON value holding edits (bare or in a code fence, with the paragraph
    its heading names) and the chat text around them.  A point given twice is read once.
    """
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ReplyError("the reply is empty")
    if bounds.too_deep(body):  # the JSON decoder would end the run with a RecursionError
        raise ReplyError(bounds.TOO_DEEP)
    whole = loads(body.strip())
    suggestions = list(_from_json(whole, None)) if whole is not None else []
    if not suggestions:
        for piece in pieces(body, _holds_edits):
            if piece.is_json:
                suggestions += _from_json(piece.data, piece.paragraph)
            else:
                suggestions += parse_chat(piece.text)
    if suggestions:
        return _once(cutoff.check(body, suggestions))
    raise ReplyError(
        'the reply holds no usable edits (expected JSON {"edits": [...]} '
        "or numbered Original / Revised points)"
    )


def _holds_edits(data: Any) -> bool:
    return next(_from_json(data, None), None) is not None


def _once(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions without repeats: a point pasted twice, or given both as JSON and in prose."""
    seen: set[tuple[str, tuple[str, ...], int | None]] = set()
    out = []
    for s in suggestions:
        key = (
            " ".join(s.original.split()),
            tuple(" ".join(v.split()) for v in s.versions),
            s.refused is None,
        )
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _from_json(data: Any, paragraph: int | None) -> Iterator[Suggestion]:
    """Walk the value for edit-shaped objects, carrying a paragraph index given by an enclosing object."""
    if isinstance(data, list):
        for item in data:
            yield from _from_json(item, paragraph)
        return
    if not isinstance(data, dict):
        return
    lowered = {str(k).lower(): v for k, v in data.items()}
    hint = _paragraph(lowered, paragraph)
    suggestion = _suggestion(lowered, hint)
    if suggestion is not None:
        yield suggestion
        return
    for value in lowered.values():
        if isinstance(value, (list, dict)):
            yield from _from_json(value, hint)


def _suggestion(item: dict[str, Any], hint: int | None) -> Suggestion | None:
    original = _first_text(item, _ORIGINAL)
    versions = _versions(item)
    if not versions:
        return None
    issue = _first_text(item, _ISSUE) or ""
    if original is None or not original.strip():
        # A rewrite with no quote: a whole-paragraph version (elided or not).
        if hint is None and not any(_ELLIPSIS.search(v) for v in versions):
            return None
        return Suggestion(versions[0], issue, versions, hint, elided=True)
    return Suggestion(original, issue, versions, hint)


def _first_text(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str):
            return value
    return None


def _versions(item: dict[str, Any]) -> tuple[str, ...]:
    for key in _VERSIONS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return (value,)
        if isinstance(value, list):
            texts = [_version_text(v) for v in value]
            found = tuple(dict.fromkeys(t for t in texts if t and t.strip()))
            if found:
                return found
    return ()


def _version_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        lowered = {str(k).lower(): v for k, v in value.items()}
        return _first_text(
            lowered, ("text", "version", "revised", "revision", "rewrite", "suggestion", "value")
        )
    return None


def _paragraph(item: dict[str, Any], inherited: int | None) -> int | None:
    for key in _PARAGRAPH:
        value = item.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        if (labelled := label_index(value)) is not None:
            return labelled  # "P12", as revise's own prompts name paragraphs
    return inherited
