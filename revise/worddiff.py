"""LaTeX-aware word diff: what changed between an original span and a version, with unchanged text elided.

Tokens come from ``revise.tokens.tokenize`` (a command with its braced arguments is one token), so a diff
never
cuts through ``\\cite{a,b}`` or ``$x^2$``. Whitespace is never a change on its own: only non-space tokens are
compared, the spacing rides along with the token before it. Every renderer that shows a change (terminal, gnu,
latexdiff) reads the same ``Piece`` sequence, so they mark the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Kind = Literal["same", "change", "gap"]
ELLIPSIS = "…"

# A run of unchanged text this small between two changes reads better as part of one change
# ("[-in the-]{+at a+}" rather than "[-in-]{+at+} the ..."), as latexdiff and wdiff users expect.
_ABSORB_CHARS = 4
_ABSORB_TOKENS = 2


@dataclass(frozen=True)
class Piece:
    """A stretch of the diff: ``old`` is a slice of the original, ``new`` of the version (``gap``: elided
    text)."""

    kind: Kind
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.kind == "change"


def tokens(text: str) -> list[str]:
    """``text`` as LaTeX-aware tokens whose concatenation is ``text`` (whitespace runs are tokens too).

    Runs of CJK characters are split per character: those scripts put no spaces between words, so a
    character is the unit a reader sees change.
    """
    from revise.tokens import tokenize

    out: list[str] = []
    for token in tokenize(text):
        if token.kind == "word" and _CJK_CHAR.search(token.text):
            out.extend(m.group(0) for m in _CJK_SPLIT.finditer(token.text))
        else:
            out.append(token.text)
    return out


def diff(original: str, version: str) -> tuple[Piece, ...]:
    """The word diff of ``version`` against ``original``; ``old``/``new`` of the pieces concatenate to
    each."""
    a, b = tokens(original), tokens(version)
    a_at, a_words = _content(a)
    b_at, b_words = _content(b)
    matcher = SequenceMatcher(None, [_key(w) for w in a_words], [_key(w) for w in b_words], autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old = original[_begin(a_at, i1, len(original)) : _cut(a_at, i2, len(original))]
        new = version[_begin(b_at, j1, len(version)) : _cut(b_at, j2, len(version))]
        if not old and not new:
            continue
        pieces.append(Piece("same" if tag == "equal" else "change", old, new))
    if not pieces and (original or version):
        pieces.append(Piece("same", original, version))
    return tuple(_absorb(pieces))


def elide(pieces: Sequence[Piece], context: int = 4) -> tuple[Piece, ...]:
    """Keep ``context`` words of unchanged text around each change; the rest becomes ``gap`` pieces
    (``…``)."""
    if not any(p.changed for p in pieces):
        return tuple(pieces)
    out: list[Piece] = []
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        if piece.kind != "same":
            out.append(piece)
            continue
        words = _words(piece.old)
        keep_head = 0 if i == 0 else context
        keep_tail = 0 if i == last else context
        if len(words) <= keep_head + keep_tail + 1:
            out.append(piece)
            continue
        if keep_head:
            head = piece.old[: words[keep_head - 1][1]]
            out.append(Piece("same", head, head))
        out.append(Piece("gap", "", ""))
        if keep_tail:
            tail = piece.old[words[-keep_tail][0] :]
            out.append(Piece("same", tail, tail))
    return tuple(out)


Style = Literal["same", "del", "add", "gap"]


def runs(pieces: Sequence[Piece]) -> Iterator[tuple[str, Style]]:
    """Display runs for one line of output: whitespace collapsed, deletions before insertions, ``…`` for
    gaps."""
    space_old = space_new = False
    first = True
    for piece in pieces:
        if piece.kind == "gap":
            if not first:
                yield " ", "same"
            yield ELLIPSIS, "gap"
            space_old = space_new = True
            first = False
            continue
        old, new = " ".join(piece.old.split()), " ".join(piece.new.split())
        if not old and not new:
            continue
        # The space before a pure insertion is the version's, before a pure deletion the original's.
        lead_old = space_old or piece.old[:1].isspace()
        lead_new = space_new or piece.new[:1].isspace()
        if piece.kind == "change" and not old:
            lead = lead_new
        elif piece.kind == "change" and not new:
            lead = lead_old
        else:
            lead = lead_old or lead_new
        if lead and not first:
            yield " ", "same"
        if piece.kind == "same":
            yield old, "same"
        else:
            if old:
                yield old, "del"
            if new:
                yield new, "add"
        first = False
        space_old = piece.old[-1:].isspace() if piece.old else space_old
        space_new = piece.new[-1:].isspace() if piece.new else space_new


def plain(pieces: Sequence[Piece]) -> str:
    """The diff on one line with wdiff markers: ``[-old-]{+new+}``."""
    marks = {"same": "{}", "gap": "{}", "del": "[-{}-]", "add": "{{+{}+}}"}
    return "".join(marks[style].format(text) for text, style in runs(pieces))


def changed_words(pieces: Sequence[Piece]) -> tuple[list[str], list[str]]:
    """The non-space tokens deleted and inserted, for comparing markups."""
    deleted: list[str] = []
    inserted: list[str] = []
    for piece in pieces:
        if piece.changed:
            deleted.extend(t for t in tokens(piece.old) if not t.isspace())
            inserted.extend(t for t in tokens(piece.new) if not t.isspace())
    return deleted, inserted


def _content(toks: list[str]) -> tuple[list[int], list[str]]:
    """Start offsets and texts of the non-space tokens; the first start is moved to 0 to keep leading
    space."""
    starts: list[int] = []
    words: list[str] = []
    at = 0
    for tok in toks:
        if not tok.isspace():
            starts.append(at)
            words.append(tok)
        at += len(tok)
    if starts:
        starts[0] = 0
    return starts, words


def _cut(starts: list[int], index: int, length: int) -> int:
    return starts[index] if index < len(starts) else length


def _begin(starts: list[int], index: int, length: int) -> int:
    # Text of only whitespace has no tokens; it still belongs to the first piece.
    return 0 if index == 0 else _cut(starts, index, length)


def _key(token: str) -> str:
    # A command written across lines is the same command: compare with whitespace runs collapsed.
    return " ".join(token.split())


def _absorb(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if (
            piece.changed
            and len(out) >= 2
            and out[-1].kind == "same"
            and out[-2].changed
            and _tiny(out[-1].old)
        ):
            same = out.pop()
            prev = out.pop()
            piece = Piece("change", prev.old + same.old + piece.old, prev.new + same.new + piece.new)
        out.append(piece)
    return out


def _tiny(text: str) -> bool:
    content = [t for t in tokens(text) if not t.isspace()]
    return len(content) <= _ABSORB_TOKENS and sum(len(t) for t in content) <= _ABSORB_CHARS


def _words(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = 0
    for tok in tokens(text):
        if not tok.isspace():
            spans.append((at, at + len(tok)))
        at += len(tok)
    return spans


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SPLIT = re.compile(f"[{_CJK}]|[^{_CJK}]+")
