"""Reading a pasted chat answer line by line into fields: labels, headings, tables, one-line edits, diffs, rewrites.

The fields (an original, a revised text, a reason, a version of a paragraph rewrite, a point's heading) are
grouped into Suggestions by revise.replies.chat.  One-line edits are read by revise.replies.inline,
diffs and rewrite headings by revise.replies.blocks, tables by revise.replies.tables.  Human
"Paragraph N" numbering is 1-based; the fields' paragraph hints are 0-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revise.replies.blocks import (
    FENCE,
    PARAGRAPH_REF,
    REWRITE_WORD,
    bare_diff,
    blocks,
    fenced,
    heading,
    hunks,
    is_diff,
)
from revise.replies.inline import ARROW, Inline, inline, track_changes
from revise.replies.labels import (
    HEADER,
    ITEM,
    KIND,
    LABEL,
    NUMBER_ALONE,
    ORIGINAL,
    PARAGRAPH,
    REASON,
    REVISED,
    VERSION,
    tag_number,
)
from revise.replies.quotes import clean
from revise.replies.tables import table, table_lines

REWRITE = "rewrite"
_MARKS_ONLY = re.compile(r"[ \t]*[*_~#>|\-=]+[ \t]*")
# A label whose colon (with its tag) a raw line break pushed onto the next line: "**Proposition\n:** « … »".
_PUSHED_COLON = re.compile(
    r"^[ \t]*(?:[*_]{0,2}[ \t]*)?(?:[A-Za-z]|\d{1,2}|\([^)\n]{0,20}\))?[ \t]*[*_]{0,2}[:：][*_]{0,2}[ \t]*"
)
_ARROW_LINE = re.compile(rf"^[ \t]*(?:[-*+][ \t]+)?{ARROW}")
_NUMBERED = re.compile(r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?\(?\d{1,3}[.)、．](?:\s|\*\*|$)")
_INLINE = re.compile(r"\s+(?:\||–|—|;|/)\s+|\s{3,}")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
_TAG_PARAGRAPH = re.compile(r"(?i)(?:paragraph|para\.?|段落|第|paragraphe|absatz|párrafo)\s*(\d{1,4})")
# Label words that only advise ("Suggestion: add a citation"): alone, their text is no rewrite.
_ADVICE = {
    "suggestion",
    "suggested",
    "suggested change",
    "suggested edit",
    "proposal",
    "proposed",
    "fix",
    "edit",
}
_ADVICE |= {
    "better",
    "change to",
    "建议",
    "建議",
    "推荐",
    "vorschlag",
    "proposition",
    "sugerencia",
    "propuesta",
}
_ADVICE |= {"提案", "修改建议", "建议修改为", "new", "after", "nachher", "après", "después", "改善案"}


@dataclass(frozen=True)
class Field:
    """One labelled piece of a chat answer."""

    kind: str
    value: str
    paragraph: int | None = None
    number: int | None = None
    """The number a label gave ("Version 2", "Option B"): tells a new rewrite from the next version."""
    alone: bool = False
    """A revised text that, with no original before it, is a whole-paragraph rewrite."""
    plain: bool = False
    """Text under a heading that only names its paragraph: a rewrite, or the original a Revised label follows."""
    refused: str | None = None
    """Why this piece of the reply does not parse whole (a table row short of cells): its point is refused."""


def read(text: str) -> list[Field]:
    """The fields of a pasted chat answer, in reading order."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    struck = bool(re.search(r"(?<![\w~])~~[^~\n]+~~(?![\w~])|\[-.+?-\]", text))
    return _Reader([piece for line in lines for piece in _split_inline(line)], struck).fields()


def _split_inline(line: str) -> list[str]:
    """``Original: "a" | Revised: "b" — Reason: c`` on one line → one line per label."""
    if line.lstrip().startswith("|") or not _label(line):
        return [line]
    for m in _INLINE.finditer(line):
        if not line[: m.start()].strip():
            continue  # a line's indentation separates no labels
        rest = line[m.end() :]
        if _label(rest) and re.match(r"[^:：]*[:：]", rest):
            return [line[: m.start()], *_split_inline(rest)]
    return [line]


@dataclass(frozen=True)
class _Label:
    kind: str
    word: str
    tag: str
    head: str
    """The line up to the value: the label with its decoration, noun and tag."""
    value: str


def _label(line: str) -> _Label | None:
    """The label a line opens with, if any."""
    m = LABEL.match(line)
    if not m:
        return None
    value = m.group("value")
    if not m.group("colon") and value.strip(" *_#"):
        return None  # a label word starting an ordinary sentence
    word = m.group("label").lower()
    return _Label(KIND[word], word, (m.group("tag") or "").strip(), line[: m.start("value")], value)


def is_break(line: str) -> bool:
    """A line that starts something new: a label, a paragraph or point heading, a numbered item, a table."""
    return bool(
        _label(line)
        or PARAGRAPH.match(line)
        or _NUMBERED.match(line)
        or NUMBER_ALONE.match(line)
        or ITEM.match(line)
        or line.lstrip().startswith("|")
    )


class _Reader:
    """Reads lines into fields, remembering the paragraph a heading named and whether a point is open."""

    def __init__(self, lines: list[str], struck: bool) -> None:
        self.lines = lines
        self.struck = struck
        """The reply strikes text out somewhere: bold marks insertions."""
        self.out: list[Field] = []
        self.paragraph: int | None = None
        self.gap = False
        """A blank line has come since the last field."""
        self.seen = 0

    def fields(self) -> list[Field]:
        i = 0
        while i < len(self.lines):
            i = self._line(i)
        return self.out

    def _open(self) -> bool:
        """An original was given and the point it opened has not ended: what follows belongs to it.

        A blank line after the revised text ends the point for this purpose: what comes next is a new edit,
        not an explanation of the last one.
        """
        for f in reversed(self.out):
            if f.kind == HEADER or (f.kind == REVISED and self.gap):
                return False
            if f.kind == ORIGINAL or (f.kind == REVISED and not self.gap):
                return True
        return False

    def _line(self, i: int) -> int:
        lines, line = self.lines, self.lines[i]
        self.gap = not line.strip() or (self.gap and len(self.out) == self.seen)
        self.seen = len(self.out)
        if line.lstrip().startswith("|"):
            rows, j = table_lines(lines, i)
            self.out += [
                Field(k, v, p if p is not None else self.paragraph, refused=why)
                for k, v, p, why in table(rows)
            ]
            return j
        fence = fenced(lines, i) if FENCE.match(line) else None
        if fence is not None and is_diff(fence[0], fence[1]):
            self._pairs(hunks(fence[1]))
            return fence[2]
        diff = bare_diff(lines, i)
        if diff is not None:
            self._pairs(hunks(diff[0]))
            return diff[1]
        pm = PARAGRAPH.match(line)
        if pm:
            return self._paragraph(i, pm)
        item = ITEM.match(line)
        if item and not (KIND.get(item.group("word").lower()) == REVISED and self._open()):
            self.out.append(Field(HEADER, "", self.paragraph))
            self._rest(item.group("value"), REASON)
            return i + 1
        label = _label(line)
        if label is not None:
            return self._labelled(i, label)
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        generic = j < len(lines) and bool(FENCE.match(lines[j]) or lines[j].lstrip().startswith(">"))
        head = heading(line, generic)
        if head is not None:
            found, j = blocks(lines, i + 1, is_break, head.paragraph is not None)
            if found:
                # A heading naming no paragraph ends what an earlier one named.
                self.paragraph = head.paragraph
                if head.original:
                    self.out += [
                        Field(HEADER, "", self.paragraph),
                        Field(ORIGINAL, found[0], self.paragraph),
                    ]
                else:
                    self._rewrites(found, head.paragraph, plain=not head.rewrite)
                return j
        edits = [] if self._open() else inline(line, self.struck)
        if not edits and i + 1 < len(lines) and _ARROW_LINE.match(lines[i + 1]) and not self._open():
            # "old" on one line, "→ new" on the next.
            edits = inline(f"{line.rstrip()} {lines[i + 1].strip()}", self.struck)
            i += 1 if edits else 0
        if edits:
            return self._inline(edits, i + 1)
        if _NUMBERED.match(line) or NUMBER_ALONE.match(line):
            self.out.append(Field(HEADER, "", self.paragraph))
        return i + 1

    def _paragraph(self, i: int, pm: re.Match[str]) -> int:
        """ "Paragraph N" opens points about paragraph N, or a rewrite of it ("Paragraph N, Version k:")."""
        self.paragraph = int(pm.group("n") or pm.group("nth")) - 1  # people count from 1; hints are 0-based
        if pm.group("vword"):
            value, j = _value(self.lines, i + 1, pm.group("value"))
            self.out.append(Field(VERSION, value, self.paragraph, tag_number(pm.group("v") or "")))
            return j
        rest = pm.group("value").strip()
        if not rest or re.fullmatch(r"[^\"“”«»「」]{0,60}[:：]|[(（][^)）]{0,30}[)）][:：]?", rest):
            found, j = blocks(self.lines, i + 1, is_break, True)
            if found:
                self._rewrites(found, self.paragraph, plain=not REWRITE_WORD.search(rest))
                return j
        self.out.append(Field(HEADER, "", self.paragraph))
        self._rest(rest, None)
        return i + 1

    def _labelled(self, i: int, label: _Label) -> int:
        lines, kind, first = self.lines, label.kind, label.value
        if kind in (REVISED, VERSION) and not self._open():
            edits = inline(first) if first.strip() else []
            if edits:
                self.out.append(Field(HEADER, "", self.paragraph))
                return self._inline(edits, i + 1)
        # "### Edit 2", "Suggestion 2:" head the next point; a bare "Revised:" inside a point lost its text.
        colon = re.search(r"[:：]", label.head) is not None and not lines[i].lstrip().startswith("#")
        colon = colon and not re.fullmatch(r"#?\d{1,3}|[A-Za-z]|[一二三四五六七八九十]+", label.tag)
        if (
            not first.strip()
            and _next_is_label(lines, i + 1)
            and kind in (REVISED, VERSION)
            and colon
            and self._open()
        ):
            # "Revised:" with nothing after it inside a point: the point lost its revised text.
            self.out.append(Field(kind, "", self.paragraph, refused=f"its {label.word} label has no text"))
            return i + 1
        if not first.strip() and _next_is_label(lines, i + 1) and kind != ORIGINAL:
            self.out.append(Field(HEADER, "", self.paragraph))
            return i + 1
        where = _TAG_PARAGRAPH.search(label.tag) or PARAGRAPH_REF.search(label.head)
        hint = int(next(g for g in where.groups() if g)) - 1 if where else self.paragraph
        alone = kind == REVISED and label.word not in _ADVICE and not self._open()
        if alone and not first.strip():
            found, j = blocks(lines, i + 1, is_break, where is not None)
            if len(found) > 1 or (found and _BULLET.match(found[0]) is None):
                self._rewrites(found, hint, labelled=True)
                return j
        if not first.strip(" *_") and ":" not in label.head and "：" not in label.head and i + 1 < len(lines):
            pushed = _PUSHED_COLON.match(lines[i + 1])
            if pushed:
                lines[i + 1] = lines[i + 1][pushed.end() :]
        value, j = _value(lines, i + 1, first)
        bullets = value.split("\n")
        if kind in (REVISED, VERSION) and not first.strip() and all(_BULLET.match(b) for b in bullets):
            # "Revised:" followed by a list: one version per item.
            self.out += [Field(REVISED, clean(_BULLET.sub("", b)), hint) for b in bullets]
        else:
            empty = f"its {label.word} label has no text" if kind == ORIGINAL and not value.strip() else None
            self.out.append(
                Field(kind, value, hint, None if where else tag_number(label.tag), alone, refused=empty)
            )
        return j

    def _rest(self, rest: str, kind: str | None) -> None:
        """What follows a point heading on its line: a one-line edit, else (for ``kind``) its reason."""
        edits = inline(rest) if rest.strip() else []
        if edits:
            self._emit(edits)
        elif kind is not None and clean(rest):
            self.out.append(Field(kind, clean(rest), self.paragraph))

    def _inline(self, edits: list[Inline], i: int) -> int:
        """Fields for one-line edits, with the reason lines written under them."""
        lines = self.lines
        notes = []
        while i < len(lines) and lines[i].strip() and not is_break(lines[i]) and not inline(lines[i]):
            if heading(lines[i]) or FENCE.match(lines[i]):
                break
            notes.append(clean(lines[i]))
            i += 1
        self._emit(edits, " ".join(notes))
        return i

    def _emit(self, edits: list[Inline], note: str = "") -> None:
        for edit in edits:
            self.out += [Field(HEADER, "", self.paragraph), Field(ORIGINAL, edit.old, self.paragraph)]
            self.out += [Field(REVISED, v) for v in edit.versions]
            why = " ".join(r for r in (edit.reason, note) if r)
            self.out += [Field(REASON, why)] if why else []
        self.out.append(Field(HEADER, "", self.paragraph))

    def _pairs(self, pairs: list[tuple[str, str]]) -> None:
        for old, new in pairs:
            if not old and not new:
                why = "its diff has a line without a sign right after a changed line (a raw line break?)"
                self.out += [Field(HEADER, "", self.paragraph), Field(ORIGINAL, "(diff hunk)", refused=why)]
                continue
            self.out += [Field(HEADER, "", self.paragraph), Field(ORIGINAL, old), Field(REVISED, new)]
        self.out.append(Field(HEADER, "", self.paragraph))

    def _rewrites(
        self, found: list[str], start: int | None, labelled: bool = False, plain: bool = False
    ) -> None:
        """Each paragraph of text under a rewrite heading (the first about paragraph ``start``, if known):
        a rewrite, or a change marked up in it.  ``labelled``: the heading is a Revised label, which may
        follow the original it revises; ``plain``: the heading only names a paragraph, so its text may be
        that original."""
        for n, text in enumerate(found):
            marked = track_changes(text) if re.search(r"~~|\[-|\{\+|<del>|<ins>", text) else None
            if marked is not None:
                self._emit([marked])
                continue
            where = None if start is None else start + n
            self.out.append(Field(REWRITE, clean(text), where, alone=labelled and n == 0, plain=plain))


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
        if FENCE.match(line):
            if fenced:
                i += 1
                break
            fenced = True
            i += 1
            continue
        if not fenced and (not line.strip() or is_break(line) or inline(line, bare=False)):
            break  # an edit written under a value explains it; it is no more of the value
        if not fenced and _MARKS_ONLY.fullmatch(line):
            break  # "**", "-", "---" alone: a separator (or the start of a cut-off line), no text
        parts.append(re.sub(r"^[ \t]*>[ \t]?", "", line) if not fenced else line)
        i += 1
    if parts and FENCE.match(parts[0]):
        parts = parts[1:]
    return clean("\n".join(parts)), i
