"""The grammar of replies pasted from a chat window: labelled points, tables, arrows, "Version k" rewrites.

People paste whatever the chat showed: numbered points with Original / Revised / Reason labels (in English
or the language the notes were asked in), markdown emphasis, block quotes, code fences, tables, headings,
intro and closing remarks, several versions per point, and whole-paragraph "Paragraph N, Version k"
rewrites with ``...`` for unchanged text.  This module reads them all into Suggestions; it never looks at
the document.  Human "Paragraph N" numbering is 1-based; Suggestion.paragraph hints are 0-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from revise.engines.base import Suggestion
from revise.engines.chat_labels import (
    DECOR,
    HEADER,
    KIND,
    LABEL,
    ORIGINAL,
    PARAGRAPH,
    REASON,
    REVISED,
    VERSION,
)

_NUMBERED = re.compile(r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?\(?\d{1,3}[.)、．](?:\s|\*\*|$)")
_FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(```|~~~)")
_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "「": "」", "『": "』", "‘": "’", "„": "“", "'": "'", "‹": "›"}
_INLINE = re.compile(r"\s+(?:\||–|—|;|/)\s+|\s{3,}")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
_TAG_PARAGRAPH = re.compile(r"(?i)(?:paragraph|para\.?|段落|第|paragraphe|absatz|párrafo)\s*(\d{1,4})")
_ARROW = re.compile(r"\s+(?:→|->|=>|⟶|⇒|➔|➜)\s+")
# 'Change "old" to "new"', 'Replace “old” with “new”', '将“old”改为“new”'.
_CHANGE = re.compile(
    r"^(?:change|replace|rewrite|revise|ändere|ersetze|remplacer|remplacez|cambiar|cambie|将|把)\s*"
    r"(?P<a>\"[^\"\n]+\"|“[^”\n]+”|«[^»\n]+»|„[^“\n]+“|「[^」\n]+」|`[^`\n]+`)\s*"
    r"(?:to|with|into|by|in|durch|par|por|改为|改成|替换为|换成|→)\s*(?P<b>.+)$",
    re.IGNORECASE,
)
# What may follow a quoted value: punctuation, a reason in parentheses or after a dash.
_REST = re.compile(r"[.,;:。，；]?\s*(?:\(.{0,200}\)|（.{0,200}）|[-–—:：].{0,200})?\s*[.。]?")
_WRAPS = {**_QUOTE_PAIRS, "~~": "~~", "**": "**", "`": "`"}


@dataclass(frozen=True)
class _Field:
    kind: str
    value: str
    paragraph: int | None = None
    number: int | None = None
    """The number a label gave ("Version 2", "Option B"): tells a new rewrite from the next version."""


@dataclass
class _Point:
    original: str | None = None
    versions: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    rewrite: bool = False
    paragraph: int | None = None
    last_number: int = 0


def parse_chat(text: str) -> list[Suggestion]:
    """Suggestions from a pasted chat answer (empty when it holds none)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return _group(_fields([piece for line in lines for piece in _split_inline(line)]))


def _split_inline(line: str) -> list[str]:
    """``Original: "a" | Revised: "b" — Reason: c`` on one line → one line per label."""
    if line.lstrip().startswith("|") or not _label(line):
        return [line]
    for m in _INLINE.finditer(line):
        rest = line[m.end() :]
        if _label(rest) and re.match(r"[^:：]*[:：]", rest):
            return [line[: m.start()], *_split_inline(rest)]
    return [line]


def _label(line: str) -> tuple[str, str, str] | None:
    """(kind, tag, value) when the line opens with a label."""
    m = LABEL.match(line)
    if not m:
        return None
    value = m.group("value")
    if not m.group("colon") and value.strip(" *_#"):
        return None  # a label word starting an ordinary sentence
    return KIND[m.group("label").lower()], (m.group("tag") or "").strip(), value


def _is_break(line: str) -> bool:
    return bool(
        _label(line) or PARAGRAPH.match(line) or _NUMBERED.match(line) or line.lstrip().startswith("|")
    )


def _fields(lines: list[str]) -> list[_Field]:
    fields: list[_Field] = []
    paragraph: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|"):
            block = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                block.append(lines[i])
                i += 1
            fields += _table(block, paragraph)
            continue
        pm = PARAGRAPH.match(line)
        label = None if pm else _label(line)
        if pm:
            paragraph = int(pm.group("n")) - 1  # people count paragraphs from 1; hints are 0-based indices
            if pm.group("vword"):
                value, i = _value(lines, i + 1, pm.group("value"))
                fields.append(_Field(VERSION, value, paragraph, _number(pm.group("v") or "")))
            else:
                fields.append(_Field(HEADER, "", paragraph))
                i += 1
            continue
        if label is None:
            arrow = _arrow(_undecorate(line))
            if arrow:
                fields += [
                    _Field(HEADER, "", paragraph),
                    _Field(ORIGINAL, arrow[0]),
                    _Field(REVISED, arrow[1]),
                    _Field(REASON, arrow[2]),
                    _Field(HEADER, "", paragraph),
                ]
            elif _NUMBERED.match(line):
                fields.append(_Field(HEADER, "", paragraph))
            i += 1
            continue
        kind, tag, first = label
        if not first.strip() and _next_is_label(lines, i + 1) and kind != ORIGINAL:
            fields.append(_Field(HEADER, "", paragraph))
            i += 1
            continue
        value, i = _value(lines, i + 1, first)
        where = _TAG_PARAGRAPH.search(tag)
        hint = int(where.group(1)) - 1 if where else paragraph
        bullets = value.split("\n")
        if kind in (REVISED, VERSION) and not first.strip() and all(_BULLET.match(b) for b in bullets):
            # "Revised:" followed by a list: one version per item.
            fields += [_Field(REVISED, _clean(_BULLET.sub("", b)), hint) for b in bullets]
        else:
            fields.append(_Field(kind, value, hint, None if where else _number(tag)))
    return fields


def _arrow(line: str) -> tuple[str, str, str] | None:
    """(old, new, reason) from a line like ``"old" → "new" (reason)``; both sides must be quoted."""
    change = _CHANGE.match(line)
    if change:
        line = f"{change.group('a')} → {change.group('b')}"
    for m in _ARROW.finditer(line):
        left, right = line[: m.start()], line[m.end() :]
        opener = next((w for w in _WRAPS if left.startswith(w)), None)
        if opener is None or not left.endswith(_WRAPS[opener]) or len(left) <= 2 * len(opener):
            continue
        start = next((w for w in _WRAPS if right.startswith(w)), None)
        if start is None:
            continue
        close = _WRAPS[start]
        # The last closing mark before a reason in parentheses or after a dash ends the new text.
        for end in sorted(
            (i for i in range(len(start), len(right)) if right.startswith(close, i)), reverse=True
        ):
            rest = right[end + len(close) :].strip()
            if not rest or _REST.fullmatch(rest):
                reason = rest.strip(" \t()-–—:;,.")
                return (
                    left[len(opener) : -len(_WRAPS[opener])].strip(),
                    right[len(start) : end].strip(),
                    reason,
                )
    return None


def _number(tag: str) -> int | None:
    """1 for "1", "(version 1)", "A", "一"; None when the tag holds no number."""
    digits = re.search(r"\d+", tag)
    if digits:
        return int(digits.group(0))
    letter = re.fullmatch(r"[(（\[]?\s*([A-Za-z])\s*[)）\]]?", tag.strip())
    if letter:
        return ord(letter.group(1).upper()) - ord("A") + 1
    chinese = "一二三四五六七八九十"
    if tag.strip() and tag.strip()[0] in chinese:
        return chinese.index(tag.strip()[0]) + 1
    return None


def _undecorate(line: str) -> str:
    return re.sub(DECOR, "", line).strip()


def _next_is_label(lines: list[str], i: int) -> bool:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and bool(_label(lines[i]) or PARAGRAPH.match(lines[i]))


def _value(lines: list[str], i: int, first: str) -> tuple[str, int]:
    """A label's value: the rest of its line and its continuation lines, without fences and quote marks."""
    parts = [first] if first.strip() else []
    fenced = False
    if not parts:
        while i < len(lines) and not lines[i].strip():
            i += 1
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            if fenced:
                i += 1
                break
            fenced = True
            i += 1
            continue
        if not fenced and (not line.strip() or _is_break(line)):
            break
        parts.append(re.sub(r"^[ \t]*>[ \t]?", "", line) if not fenced else line)
        i += 1
    if parts and _FENCE.match(parts[0]):
        parts = parts[1:]
    return _clean("\n".join(parts)), i


def _clean(value: str) -> str:
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
        text = _unquote(text)
        if text == before:
            break
    return text


def _unquote(text: str) -> str:
    if len(text) < 2 or text[0] not in _QUOTE_PAIRS:
        return text
    close = _QUOTE_PAIRS[text[0]]
    end = text.rfind(close)
    if end <= 0:
        return text
    inner, rest = text[1:end], text[end + 1 :].strip()
    if text[0] in "\"'" and close in inner:
        return text  # "a" and "b": two quotations, not one wrapped value
    if text[0] not in "\"'" and text[0] in inner:
        return text
    if rest and not _REST.fullmatch(rest):
        return text
    return inner.strip()


def _table(block: list[str], paragraph: int | None) -> list[_Field]:
    rows = [[c.strip() for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))] for row in block]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?|", c) for c in r)]
    if len(rows) < 2:
        return []
    kinds: list[str | None] = []
    for cell in rows[0]:
        label = _label(_clean(cell) + ":")
        para = re.fullmatch(r"(?i)\W*(?:paragraph|para|段落|paragraphe|absatz|párrafo)\W*", cell)
        kinds.append("paragraph" if para else label[0] if label else None)
    if ORIGINAL not in kinds:
        return []
    fields: list[_Field] = []
    for row in rows[1:]:
        hint = paragraph
        row_fields = [_Field(HEADER, "", paragraph)]
        for kind, cell in zip(kinds, row, strict=False):
            value = _clean(cell)
            if kind == "paragraph" and value.isdigit():
                hint = int(value) - 1
            elif kind in (ORIGINAL, REASON):
                row_fields.append(_Field(kind, value))
            elif kind in (REVISED, VERSION) and value:
                row_fields.append(_Field(REVISED, value))
        fields += [_Field(f.kind, f.value, hint) for f in row_fields]
    fields.append(_Field(HEADER, "", paragraph))
    return fields


def _group(fields: list[_Field]) -> list[Suggestion]:
    suggestions: list[Suggestion] = []
    point = _Point()

    def flush() -> None:
        nonlocal point
        versions = tuple(dict.fromkeys(v for v in point.versions if v))
        issue = " ".join(r for r in point.reasons if r)
        if point.rewrite and versions:
            suggestions.append(Suggestion(versions[0], issue, versions, point.paragraph, elided=True))
        elif point.original and versions:
            suggestions.append(Suggestion(point.original, issue, versions, point.paragraph))
        point = _Point()

    for f in fields:
        if f.kind == HEADER:
            if point.original or point.versions:
                flush()
            point.paragraph = f.paragraph
        elif f.kind == ORIGINAL:
            if point.original is not None or point.rewrite or (point.versions and not point.original):
                flush()
            point.original = f.value
            point.paragraph = f.paragraph
        elif f.kind == REASON:
            if point.reasons and (point.original or point.versions):
                flush()
            point.reasons.append(f.value)
        elif f.kind == VERSION and point.original is None:
            restarts = f.number is not None and f.number <= point.last_number
            if point.versions and (not point.rewrite or point.paragraph != f.paragraph or restarts):
                flush()
            point.last_number = f.number or point.last_number + 1
            point.rewrite = True
            point.paragraph = f.paragraph
            point.versions.append(f.value)
        else:
            point.versions.append(f.value)
    flush()
    return suggestions
