"""What a live model's reply must be before it is read: whole, not nested absurdly deep, free of the API key.

A reply cut off mid-JSON still holds its first complete edits, and the lenient reply parser would keep them
and drop the rest without a word; cached, the rerun would never ask again. So a reply that opens JSON and does
not close it is a failure of its paragraph (reported, not cached, asked again next time). A reply nested
thousands of levels deep (``[[[[…``) would end the whole run with a RecursionError in the JSON decoder; it is
refused by a linear scan before any parser sees it.
"""

from __future__ import annotations

MAX_DEPTH = 64
"""The contract's JSON nests three levels; anything past this is not a review."""


def unusable(text: str, secret: str | None = None) -> str | None:
    """Why ``text`` cannot be used as a reply, or None when it may be parsed."""
    if secret and len(secret) >= 4 and secret in text:
        return "the reply contains the API key; refused and not cached"
    body = _unfenced(text)
    depth = deepest = 0
    in_string = escaped = False
    for ch in body:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return f"the reply nests deeper than {MAX_DEPTH} levels; refused"
        elif ch in "]}":
            depth -= 1
    if body.startswith(("{", "[")) and (depth > 0 or in_string):
        return "the reply's JSON is cut off (it never closes); not cached, asked again next run"
    return None


def nested_too_deep(text: str) -> bool:
    """Whether brackets in ``text`` nest past MAX_DEPTH (strings ignored), for replies read from a file."""
    reason = unusable(text)
    return reason is not None and "deeper" in reason


def _unfenced(text: str) -> str:
    body = text.strip()
    if body.startswith("```"):
        first = body.find("\n")
        body = body[first + 1 :] if first >= 0 else ""
        if body.rstrip().endswith("```"):
            body = body.rstrip()[:-3]
    return body.strip()
