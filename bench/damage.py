"""The ways copying from a chat window damages a reply, as functions of (reply, random) → damaged reply.

Used by bench/fuzz_replies.py.  Each kind imitates one accident: a raw line break inside a table cell or a
quotation, a quotation mark dropped or doubled, a point cut off at a random place, a point pasted twice, stray
markdown around lines, a second block appended.  A function returns None when the reply offers it nothing to
damage (no quotation mark to drop).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_QUOTE_MARKS = '"“”«»„「」'
_SPACE_IN_VALUE = re.compile(r"(?<=\S) (?=\S)")


def _valued(line: str) -> bool:
    """A line holding a quoted value or table cells: where a raw line break does harm."""
    return "|" in line or any(m in line for m in _QUOTE_MARKS) or ":" in line


def line_break(reply: str, rng: random.Random) -> str | None:
    """A raw line break at a space inside a value (a table cell, a quotation, a labelled text)."""
    lines = reply.split("\n")
    spots = [
        (n, m.start())
        for n, line in enumerate(lines)
        if _valued(line)
        for m in _SPACE_IN_VALUE.finditer(line)
    ]
    if not spots:
        return None
    n, at = rng.choice(spots)
    lines[n] = lines[n][:at] + "\n" + lines[n][at + 1 :]
    return "\n".join(lines)


def drop_quote(reply: str, rng: random.Random) -> str | None:
    """One quotation mark lost."""
    spots = [i for i, c in enumerate(reply) if c in _QUOTE_MARKS]
    if not spots:
        return None
    at = rng.choice(spots)
    return reply[:at] + reply[at + 1 :]


def double_quote(reply: str, rng: random.Random) -> str | None:
    """One quotation mark pasted twice."""
    spots = [i for i, c in enumerate(reply) if c in _QUOTE_MARKS]
    if not spots:
        return None
    at = rng.choice(spots)
    return reply[: at + 1] + reply[at:]


def cut_off(reply: str, rng: random.Random) -> str | None:
    """The reply cut off at a random place (a point copied only in part)."""
    if len(reply) < 20:
        return None
    return reply[: rng.randrange(len(reply) // 4, len(reply) - 1)]


def duplicate_point(reply: str, rng: random.Random) -> str | None:
    """One block of the reply (a point, a row, a rewrite) pasted twice."""
    blocks = reply.split("\n\n")
    if len(blocks) < 2:
        lines = reply.split("\n")
        n = rng.randrange(len(lines))
        return "\n".join(lines[: n + 1] + lines[n:])
    n = rng.randrange(len(blocks))
    return "\n\n".join(blocks[: n + 1] + blocks[n:])


_LABEL_LINE = re.compile(r"^[ \t]*(?:\d{1,2}[.)][ \t]*)?[^\W\d][\w()]*(?:[ \t]+[\w()]+){0,2}[ \t]*[:：]")


def stray_markdown(reply: str, rng: random.Random) -> str | None:
    """Markdown a chat window adds between or around the lines of an answer, never inside a code block: a
    horizontal rule or a heading between blocks, bold or italics around a label line, a trailing hard break."""
    lines = reply.split("\n")
    inside, blank, labelled = False, [], []
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            inside = not inside
        elif not inside and not line.strip():
            blank.append(n)
        elif not inside and _LABEL_LINE.match(line) and "**" not in line and "_" not in line:
            follows = lines[n + 1] if n + 1 < len(lines) else ""
            if not follows.strip() or _LABEL_LINE.match(follows):  # a label line holding its whole value
                labelled.append(n)
    choices = [kind for kind, spots in (("rule", blank), ("heading", blank), ("bold", labelled)) if spots]
    choices += ["italic", "break"] if labelled else []
    if not choices:
        return None
    kind = rng.choice(choices)
    if kind in ("rule", "heading"):
        n = rng.choice(blank)
        lines[n] = "\n---\n" if kind == "rule" else "\n### More suggestions\n"
    else:
        n = rng.choice(labelled)
        line = lines[n]
        indent = line[: len(line) - len(line.lstrip())]
        if kind == "bold":
            lines[n] = f"{indent}**{line.strip()}**"
        elif kind == "italic":
            lines[n] = f"{indent}_{line.strip()}_"
        else:
            lines[n] = line + "  "
    return "\n".join(lines)


def second_block(reply: str, rng: random.Random, other: str) -> str | None:
    """A second block appended: the same edits in another dress, as a chat answer repeats itself."""
    return (
        f"{reply.rstrip()}\n\nOr, as JSON:\n\n{other}"
        if rng.random() < 0.5
        else f"{reply.rstrip()}\n\n{other}"
    )


KINDS: dict[str, Callable[[str, random.Random], str | None]] = {
    "line-break": line_break,
    "drop-quote": drop_quote,
    "double-quote": double_quote,
    "cut-off": cut_off,
    "duplicate": duplicate_point,
    "stray-markdown": stray_markdown,
}
"""Kinds that need only the reply; ``second-block`` also needs another dress of the same edits."""
