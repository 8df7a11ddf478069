"""The dress around a quoted value in a pasted chat answer: quotation marks of every language, code spans,
LaTeX ``…'' quotes, markdown emphasis, strikethrough and the reason people write after a quotation.

revise.replies.chat and revise.replies.inline read values with these; nothing here knows labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "「": "」", "『": "』", "‘": "’", "„": "“", "'": "'", "‹": "›"}
# What may follow a quoted value: punctuation, a reason in parentheses or after a dash.
REST = re.compile(r"[.,;:。，；]?\s*(?:\(.{0,200}\)?|（.{0,200}）?|[-–—:：].{0,200})?\s*[.。]?")
# Openers tried at one position, longest first; "~~" and "**" wrap values in chat answers as quotes do.
_OPENERS = (
    ("``", ("''", "”")),
    ("~~", ("~~",)),
    ("**", ("**",)),
    ("„", ("“", "”")),
    ("“", ("”",)),
    ("«", ("»",)),
    ("「", ("」",)),
    ("『", ("』",)),
    ("‘", ("’",)),
    ("‹", ("›",)),
    ('"', ('"',)),
    ("`", ("`",)),
    ("*", ("*",)),
    ("'", ("'",)),
)
_SYMMETRIC = {'"', "'", "`", "*", "**", "~~"}
_BOLD = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch of a line: ``line[start:end]`` with the marks, ``text`` without them."""

    start: int
    end: int
    text: str
    mark: str


def quotations(line: str) -> list[Quoted]:
    """The quoted stretches of ``line``, left to right, never nested or overlapping."""
    found: list[Quoted] = []
    i = 0
    while i < len(line):
        hit = _quoted_at(line, i)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def _quoted_at(line: str, i: int) -> Quoted | None:
    for opener, closers in _OPENERS:
        if not line.startswith(opener, i):
            continue
        if opener in _SYMMETRIC and i > 0 and (line[i - 1].isalnum() or line[i - 1] in "*~`"):
            continue  # an apostrophe, a product x**2, a LaTeX ~~ tie: not an opening mark
        body = i + len(opener)
        if body >= len(line) or (line[body].isspace() and opener in _SYMMETRIC):
            continue
        for closer in closers:
            end = _closing(line, body, closer, symmetric=opener in _SYMMETRIC)
            if end is not None:
                text = line[body:end].strip()
                if text:
                    return Quoted(i, end + len(closer), text, opener)
    return None


def _closing(line: str, start: int, closer: str, symmetric: bool) -> int | None:
    """Where ``closer`` ends a quotation begun at ``start``; a symmetric mark must not sit inside a word."""
    at = line.find(closer, start)
    while at != -1:
        after = line[at + len(closer) : at + len(closer) + 1]
        inside_word = after.isalnum() or (after != "" and after in "*~")
        if at > start and (not symmetric or (not inside_word and not line[at - 1].isspace())):
            return at
        at = line.find(closer, at + 1)
    return None


def clean(value: str) -> str:
    """Strip markdown dress and one pair of wrapping quotation marks, keeping the quoted text verbatim."""
    text = value.strip()
    text = re.sub(r"^(?:```|~~~)\w*\n?|\n?(?:```|~~~)$", "", text).strip()
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    for _ in range(3):
        before = text
        for mark in ("**", "__", "~~", "`", "*", "_"):
            if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
                inner = text[len(mark) : -len(mark)]
                if mark not in inner and not (mark in "*_" and inner[:1].isspace()):
                    text = inner.strip()
        text = unquote(text)
        # Emphasis closing the line after a quoted value ("_Vorschlag: „text“_") is the line's, not the value's.
        trailing = re.match(r"(?s)(.*?)(?:\*\*|__|\*|_)$", text)
        if trailing and text[:1] in QUOTE_PAIRS and unquote(trailing.group(1)) != trailing.group(1):
            text = unquote(trailing.group(1))
        if text == before:
            break
    # Chats bold the words they changed; LaTeX never writes ** or __ around a word.
    return _BOLD.sub(r"\2", text)


def unquote(text: str) -> str:
    """``text`` without one pair of wrapping quotation marks (with punctuation or a reason after them)."""
    if text.startswith("``"):
        end = max(text.rfind("''"), text.rfind("”"))
        rest = text[end + 2 :].strip() if end > 0 else ""
        if end > 2 and "``" not in text[2:end] and (not rest or REST.fullmatch(rest)):
            return text[2:end].strip()
        return text
    if len(text) < 2 or text[0] not in QUOTE_PAIRS:
        return text
    close = QUOTE_PAIRS[text[0]]
    end = text.rfind(close)
    if end <= 0:
        return text
    inner, rest = text[1:end], text[end + 1 :].strip()
    if text[0] in "\"'" and close in inner and not (text[0] == '"' and not rest and _pairs(inner)):
        return text  # "a" and "b": two quotations, not one wrapped value
    if text[0] not in "\"'" and text[0] in inner:
        return text
    if rest and not REST.fullmatch(rest):
        return text
    return inner.strip()


def reason(rest: str) -> str:
    """The reason written after a quotation: ``(reason)``, ``— reason``, ``: reason`` → ``reason``."""
    text = rest.strip()
    text = re.sub(r"^[.,;:。，；]\s*", "", text)
    text = re.sub(r"^[-–—:：]+\s*", "", text)
    if text[:1] in "(（" and text[-1:] in ")）":
        text = text[1:-1]
    return clean(text.strip(" \t()-–—:;,."))


_OPENERS_TYPO = {"“": "”", "«": "»", "「": "」", "『": "』", "„": "“", "‹": "›"}
_CLOSERS_TYPO = {"”": "“„", "»": "«", "」": "「", "』": "『", "“": "„", "›": "‹"}
_EMPHASIS = ("**", "__", "~~")


def _pairs(inner: str) -> bool:
    """Whether the ``"`` marks inside a wrapped value pair among themselves: each opening one (not after a
    letter) closed by the next (not before one), as in ``"he said "hi" to me"``; ``"a" and "b"`` does not."""
    marks = [i for i, c in enumerate(inner) if c == '"']
    if len(marks) % 2:
        return False
    for k, i in enumerate(marks):
        before, after = inner[i - 1 : i], inner[i + 1 : i + 2]
        if k % 2 == 0 and (before.isalnum() or not after or after.isspace()):
            return False
        if k % 2 == 1 and (after.isalnum() or not before or before.isspace()):
            return False
    return True


def unpaired(value: str) -> str | None:
    """Why a value read off a reply is cut off or damaged at a quotation mark, or None when it is whole.

    ``clean`` strips one pair of marks wrapping a value; a mark left at its edge is damage.  A value opening
    with a typographic mark (“ « 「 „ …) that closes nowhere inside it (a quote cut off, its closing mark lost,
    or a mark doubled), one ending with a closing mark opened nowhere inside it, one with an odd ``"`` at an
    edge, and one opening with ``**``/``__``/``~~`` never closed (LaTeX writes none of them) is no text to
    write.  Apostrophes are not quotation marks here.
    """
    text = value.strip()
    if not text:
        return None
    first, last = text[0], text[-1]
    closer = _OPENERS_TYPO.get(first)
    if closer is not None and closer not in text[1:-1] and not (first == "„" and "”" in text[1:-1]):
        return f"an opening {first} that is never closed"
    openers = _CLOSERS_TYPO.get(last)
    if openers is not None and not any(o in text[1:-1] for o in openers):
        return f"a closing {last} that was never opened"
    if text.count('"') % 2 and (first == '"' or last == '"'):
        return 'a " at its edge that pairs with no other'
    for mark in _EMPHASIS:
        if text.startswith(mark) and mark not in text[2:]:
            return f"a {mark} that is never closed"
    if text.startswith("*") and not text.startswith("**") and "*" not in text[1:]:
        return "a * that is never closed"
    for mark in ("**", "__", "~~"):
        if text.count(mark) % 2:
            return f"a {mark} inside it that is never closed"
    for one, other in (("«", "»"), ("「", "」"), ("『", "』"), ("‹", "›")):
        if (one in text) != (other in text):
            return f"a {one if one in text else other} inside it with no partner"
    if "”" in text and not ("“" in text or "„" in text):
        return "a ” inside it that was never opened"
    if text.startswith("`") and not text.startswith("``") and "`" in text[1:]:
        return "a code span around part of it"
    if not re.search(r"\w", text) and re.search(r"[*_~`#>|]", text):
        return "nothing but markdown in it"
    return None
