"""LaTeX-aware word diff: what changed between an original span and a version, with unchanged text elided.

Tokens come from ``revise.tokens.tokenize`` (a command with its braced arguments is one token), so a diff never
cuts through ``\\cite{a,b}`` or ``$x^2$``. Whitespace is not a change on its own inside a larger edit: only
non-space tokens are compared, the spacing rides along with the token before it. When a version differs only
in whitespace (``7 \\%`` → ``7\\%``), or an insertion swallows a space (`` `` → ``~``), the whitespace is the
change and is shown with a visible mark (``␣``). Every renderer that shows a change (terminal, gnu, latexdiff)
reads the same ``Piece`` sequence, so they mark the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Kind = Literal["same", "context", "change", "gap"]
Style = Literal["same", "context", "del", "add", "gap"]
ELLIPSIS = "…"
SPACE = "␣"
"""How a space that is itself the change is shown."""

# A run of unchanged text this small between two changes reads better as part of one change
# ("[-in the-]{+at a+}" rather than "[-in-]{+at+} the ..."), as latexdiff and wdiff users expect.
_ABSORB_CHARS = 4
_ABSORB_TOKENS = 2
_VISIBLE = {"\r\n": "↵", "\n": "↵", "\r": "↵", "\t": "⇥", "\u00a0": "⍽"}


@dataclass(frozen=True)
class Piece:
    """A stretch of the diff: ``old`` is a slice of the original, ``new`` of the version.

    ``context`` pieces are source text around the quoted span (the same on both sides), shown but not part
    of the edit; ``gap`` pieces stand for elided text.
    """

    kind: Kind
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.kind == "change"


GAP = Piece("gap", "", "")


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
    """The word diff of ``version`` against ``original``; ``old``/``new`` of the pieces concatenate to each.

    Some piece is a change exactly when the two texts differ.
    """
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
    if not any(p.changed for p in pieces) and original != version:
        return _spacing(a, b)
    if not pieces and original:
        pieces.append(Piece("same", original, version))
    return tuple(_absorb(pieces))


def with_context(pieces: Sequence[Piece], before: str, after: str) -> tuple[Piece, ...]:
    """``pieces`` between the source text ``before`` and ``after`` the span, as ``context`` pieces."""
    head = (Piece("context", before, before),) if before else ()
    tail = (Piece("context", after, after),) if after else ()
    return (*head, *pieces, *tail)


def elide(pieces: Sequence[Piece], context: int = 4) -> tuple[Piece, ...]:
    """Keep ``context`` words of unchanged text around each change; the rest becomes ``gap`` pieces (``…``).

    A word is a run of tokens written without spaces (``it's``, ``sets~\\cite{x}``); in CJK text, which has
    no spaces, two characters count as a word. Unchanged text inside the span and the context around it
    count together.
    """
    if not any(p.changed for p in pieces):
        return tuple(pieces)
    out: list[Piece] = []
    i, n = 0, len(pieces)
    while i < n:
        if pieces[i].kind not in ("same", "context"):
            out.append(pieces[i])
            i += 1
            continue
        j = i
        while j < n and pieces[j].kind in ("same", "context"):
            j += 1
        out.extend(_elide_run(pieces[i:j], 0 if i == 0 else context, 0 if j == n else context))
        i = j
    return tuple(out)


def runs(pieces: Sequence[Piece]) -> Iterator[tuple[str, Style]]:
    """Display runs for one line of output: whitespace collapsed, deletions before insertions, ``…`` for gaps.

    A space removed or added next to a pure insertion or deletion (`` `` → ``~``), and whitespace changed
    on its own, come out as visible marks (``␣``, ``↵``) instead of disappearing into the spacing.
    """
    ws_old = ws_new = False  # whitespace pending on each side since the last text shown
    first = True
    last_changed = False
    for piece in _lead_to_trail(pieces):
        changed_before, last_changed = last_changed, piece.kind == "change"
        if piece.kind == "gap":
            if not first:
                yield " ", "same"
            yield ELLIPSIS, "gap"
            ws_old = ws_new = True
            first = False
            continue
        old, new = " ".join(piece.old.split()), " ".join(piece.new.split())
        lead_old = ws_old or piece.old[:1].isspace()
        lead_new = ws_new or piece.new[:1].isspace()
        trail_old, trail_new = piece.old[-1:].isspace(), piece.new[-1:].isspace()
        if not old and not new:
            if piece.kind != "change":
                ws_old, ws_new = lead_old or bool(piece.old), lead_new or bool(piece.new)
                continue
            # Whitespace is the whole change: show both sides of it (after any space both sides keep).
            if ws_old and ws_new and not first:
                yield " ", "same"
            if piece.old:
                yield _visible(piece.old), "del"
            if piece.new:
                yield _visible(piece.new), "add"
            ws_old = ws_new = first = False
            continue
        if piece.kind != "change":
            # Unchanged text is shown spaced as it will be written: a space the version dropped next to a
            # change (`data sets \cite` → `datasets~\cite`) is gone from the result, so from the view too.
            if (lead_new if changed_before else lead_old or lead_new) and not first:
                yield " ", "same"
            yield old, "context" if piece.kind == "context" else "same"
            ws_old, ws_new = trail_old, trail_new
        elif old and new:
            if (lead_old or lead_new) and not first:
                yield " ", "same"
            yield old, "del"
            yield new, "add"
            ws_old, ws_new = trail_old, trail_new
        elif new:  # a pure insertion; the version's spacing decides, unless it dropped the original's space
            space_old = lead_old or bool(piece.old)
            if space_old and not lead_new and not trail_new:
                yield SPACE, "del"
                yield new, "add"
                ws_old = ws_new = False
            else:
                if lead_new and not first:
                    yield " ", "same"
                yield new, "add"
                ws_old, ws_new = space_old, trail_new
        else:  # a pure deletion; the original's spacing decides, unless the version put a space in its place
            space_new = lead_new or bool(piece.new)
            if space_new and not lead_old and not trail_old:
                yield old, "del"
                yield SPACE, "add"
                ws_old = ws_new = False
            else:
                if lead_old and not first:
                    yield " ", "same"
                yield old, "del"
                ws_old, ws_new = trail_old, space_new
        first = False


def plain(pieces: Sequence[Piece]) -> str:
    """The diff on one line with wdiff markers: ``[-old-]{+new+}``."""
    marks = {"same": "{}", "context": "{}", "gap": "{}", "del": "[-{}-]", "add": "{{+{}+}}"}
    return "".join(marks[style].format(text) for text, style in runs(pieces))


def _content(toks: list[str]) -> tuple[list[int], list[str]]:
    """Start offsets and texts of the non-space tokens; the first start is moved to 0 to keep leading space."""
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


def _spacing(a: list[str], b: list[str]) -> tuple[Piece, ...]:
    """Pieces for texts with the same words: each whitespace run (or token) that differs is a change."""
    old_items, new_items = _slots(a), _slots(b)
    pieces: list[Piece] = []
    old_same = new_same = ""
    for x, y in zip(old_items, new_items, strict=True):
        if x == y:
            old_same += x
            new_same += y
            continue
        if old_same or new_same:
            pieces.append(Piece("same", old_same, new_same))
            old_same = new_same = ""
        pieces.append(Piece("change", x, y))
    if old_same or new_same:
        pieces.append(Piece("same", old_same, new_same))
    return tuple(pieces)


def _slots(toks: list[str]) -> list[str]:
    """Whitespace, word, whitespace, word, …, whitespace (whitespace may be ``""``): 2n+1 items for n words."""
    slots = [""]
    for tok in toks:
        if tok.isspace():
            slots[-1] += tok
        else:
            slots.extend((tok, ""))
    return slots


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


@dataclass(frozen=True)
class _Word:
    piece: int
    old: tuple[int, int]
    new: tuple[int, int]


def _elide_run(run: Sequence[Piece], keep_head: int, keep_tail: int) -> list[Piece]:
    """One stretch of unchanged pieces with all but its first ``keep_head`` and last ``keep_tail`` words cut."""
    pieces = list(run)
    words: list[_Word] = []
    for index, piece in enumerate(pieces):
        old, new = _spans(piece.old), _spans(piece.new)
        if len(new) != len(old):  # not expected for unchanged text; show the original's spacing then
            pieces[index] = piece = Piece(piece.kind, piece.old, piece.old)
            new = old
        first = 0
        for k in range(1, len(old) + 1):
            if k == len(old) or not _glued(piece.old, old, first, k):
                words.append(_Word(index, (old[first][0], old[k - 1][1]), (new[first][0], new[k - 1][1])))
                first = k
    if len(words) <= keep_head + keep_tail + 1:
        return pieces
    out: list[Piece] = []
    if keep_head:
        w = words[keep_head - 1]
        piece = pieces[w.piece]
        out.extend(pieces[: w.piece])
        out.append(Piece(piece.kind, piece.old[: w.old[1]], piece.new[: w.new[1]]))
    out.append(GAP)
    if keep_tail:
        w = words[-keep_tail]
        piece = pieces[w.piece]
        out.append(Piece(piece.kind, piece.old[w.old[0] :], piece.new[w.new[0] :]))
        out.extend(pieces[w.piece + 1 :])
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-space tokens of ``text``."""
    spans: list[tuple[int, int]] = []
    at = 0
    for tok in tokens(text):
        if not tok.isspace():
            spans.append((at, at + len(tok)))
        at += len(tok)
    return spans


def _glued(text: str, spans: list[tuple[int, int]], first: int, k: int) -> bool:
    """Whether token ``k`` belongs to the word of tokens ``first..k-1``: nothing between them, and either
    neither is CJK or the word holds a single CJK character (two characters read about as one word)."""
    left, right = spans[k - 1], spans[k]
    if left[1] != right[0]:
        return False
    left_cjk, right_cjk = _CJK_CHAR.match(text, *left), _CJK_CHAR.match(text, *right)
    if left_cjk and right_cjk:
        return k - first < 2
    return not left_cjk and not right_cjk


def _lead_to_trail(pieces: Sequence[Piece]) -> list[Piece]:
    """Move each piece's leading whitespace to the end of the piece before (per side), for display only.

    Then a piece's trailing whitespace alone says whether its side has a space before the next piece.
    """
    out: list[Piece] = []
    for piece in pieces:
        if out and _takes_space(out[-1]) and _takes_space(piece):
            old_cut = len(piece.old) - len(piece.old.lstrip())
            new_cut = len(piece.new) - len(piece.new.lstrip())
            if old_cut or new_cut:
                prev = out.pop()
                out.append(Piece(prev.kind, prev.old + piece.old[:old_cut], prev.new + piece.new[:new_cut]))
                piece = Piece(piece.kind, piece.old[old_cut:], piece.new[new_cut:])
        out.append(piece)
    return out


def _takes_space(piece: Piece) -> bool:
    # A gap stands for a space already; a change made only of whitespace must keep its own.
    return piece.kind != "gap" and not (piece.changed and not piece.old.strip() and not piece.new.strip())


def _visible(space: str) -> str:
    out = space
    for raw, mark in _VISIBLE.items():
        out = out.replace(raw, mark)
    return re.sub(r"\s", SPACE, out)


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SPLIT = re.compile(f"[{_CJK}]|[^{_CJK}]+")
