"""Saved and pasted model replies → Suggestions.

The contract's JSON (``{"edits": [{"original", "issue", "versions", "paragraph"?}]}``) is read liberally:
a bare list, code fences, prose around it, trailing commas, synonyms for the keys.  Anything else is read
as a chat answer by revise.replies.chat.  A reply with nothing usable in it is a ReplyError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from revise.edits import Suggestion, label_index
from revise.errors import ReplyError
from revise.replies.chat import parse_chat

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
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_FENCED = re.compile(r"```[a-zA-Z]*\s*\n(.*?)```", re.S)
_OPENING = re.compile(r"[{\[]")


def parse_reply(text: str) -> list[Suggestion]:
    """Read a model reply (contract JSON or a pasted chat answer) into suggestions."""
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ReplyError("the reply is empty")
    several = _pasted_together(body)
    if several:
        return several
    for data in _json_candidates(body):
        suggestions = list(_from_json(data, None))
        if suggestions:
            return suggestions
    suggestions = parse_chat(body)
    if suggestions:
        return suggestions
    raise ReplyError(
        'the reply holds no usable edits (expected JSON {"edits": [...]} '
        "or numbered Original / Revised points)"
    )


def _pasted_together(text: str) -> list[Suggestion]:
    """Several JSON answers pasted one after another (one per ``--print-prompt`` message): all their edits.

    Each edit names its paragraph (``"P12"``), so answers from different messages need no other matching.
    Empty unless at least two top-level JSON values hold edits.
    """
    decoder = json.JSONDecoder()
    found: list[Suggestion] = []
    answers = tried = at = 0
    while tried < 200 and (m := _OPENING.search(text, at)):
        tried += 1
        try:
            value, end = decoder.raw_decode(text, m.start())
        except ValueError:
            at = m.start() + 1
            continue
        edits = list(_from_json(value, None))
        answers += bool(edits)
        found += edits
        at = end
    return found if answers > 1 else []


def _json_candidates(text: str) -> Iterator[Any]:
    """Every JSON value the reply could be meant as: the whole text, fenced blocks, then embedded values."""
    decoder = json.JSONDecoder()
    chunks = [text.strip(), *(m.group(1).strip() for m in _FENCED.finditer(text))]
    for chunk in chunks:
        for attempt in (chunk, _TRAILING_COMMA.sub(r"\1", chunk)):
            try:
                value = json.loads(attempt)
            except ValueError:
                continue
            yield value
            break
    tried = 0
    for m in re.finditer(r"[{\[]", text):
        if tried > 50:
            break
        tried += 1
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        if isinstance(value, (dict, list)):
            yield value


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
