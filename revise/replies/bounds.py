"""What a reply must be before any parser reads it: whole, not nested absurdly deep, free of the API key.

A reply cut off mid-JSON still holds its first complete edits, and the lenient reply parser would keep them
and drop the rest without a word; cached, the rerun would never ask again. So a reply that opens JSON and does
not close it is a failure of its paragraph (reported, not cached, asked again next time). A reply nested
thousands of levels deep (``[[[[…``) would end the whole run with a RecursionError in the JSON decoder; it is
refused by a linear scan before any parser sees it.
"""

from __future__ import annotations

MAX_DEPTH = 64
"""The contract's JSON nests three levels; anything past this is not a review."""
TOO_DEEP = f"the reply nests brackets too deep (past {MAX_DEPTH} levels) to be a review; refused"


def unusable(text: str, secret: str | None = None) -> str | None:
    """Why a live model's ``text`` cannot be used as a reply, or None when it may be parsed."""
    if secret and len(secret) >= 4 and secret in text:
        return "the reply contains the API key; refused and not cached"
    body = _unfenced(text)
    deep, still_open = _scan(body)
    if deep:
        return TOO_DEEP
    if body.startswith(("{", "[")) and still_open:
        return "the reply's JSON is cut off (it never closes); not cached, asked again next run"
    return None


def too_deep(text: str) -> bool:
    """Whether brackets in ``text`` nest past MAX_DEPTH (strings ignored): no JSON parser may see it."""
    return _scan(text)[0]


def _scan(body: str) -> tuple[bool, bool]:
    """(nested past MAX_DEPTH, a bracket or string still open at the end), in one linear pass."""
    depth = 0
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
            if depth > MAX_DEPTH:
                return True, True
        elif ch in "]}":
            depth -= 1
    return False, depth > 0 or in_string


def _unfenced(text: str) -> str:
    body = text.strip()
    if body.startswith("```"):
        first = body.find("\n")
        body = body[first + 1 :] if first >= 0 else ""
        if body.rstrip().endswith("```"):
            body = body.rstrip()[:-3]
    return body.strip()
