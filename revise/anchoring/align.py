"""Aligning one version of an elided rewrite to one paragraph: ellipses filled, word diff, evidence counts.

Each ellipsis (``...``/``…``) is filled with the paragraph text it stands for: from where the piece before it
ends in the paragraph to where the piece after it starts, found by the pieces' edge words when they occur
verbatim (this survives reordered sentences), else by a fitting alignment in which ellipses skip words for
free.  The filled version is diffed against the paragraph word by word; each changed run becomes a change
(source ``[start, end)`` → revised text) with one unchanged word of context either side.  The same pass counts
the evidence a paragraph choice rests on (revise.anchoring.choice): words kept in runs, weighted by rarity, and
the ellipsis sides the paragraph holds verbatim.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from revise.anchoring.normalize import normal_form
from revise.anchoring.verify import applied_words, stopped, stray_at
from revise.latex.mask import TOKEN
from revise.latex.segment import Paragraph

_GAP_PATTERN = r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\.{3,}|…)\s*"
_GAP = re.compile(_GAP_PATTERN)
_TOKENS = re.compile(rf"(?P<gap>{_GAP_PATTERN})|\[[A-Z]+\d+\]|\\[A-Za-z]+\*?|``|''|-{{2,3}}|\w+|[^\w\s]")
MIN_RUN = 3
"""Only runs of this many words kept in order count as evidence of where a rewrite belongs."""
MIN_ANCHORED = 3
"""Words of a version, in such runs, needed to place it at all."""
_EDGE = 4
SENTENCE_END = re.compile(r"[.!?:;][\"'’”)\]}]*\s*$|\\\\\s*$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Aligned:
    """A version aligned to a paragraph: ``matched`` tokens kept, edits in source offsets."""

    matched: int
    total: int
    changes: tuple[tuple[int, int, str], ...]
    problem: str | None = None
    similarity: float = 0.0
    """Words kept / (version words + original words it replaces): how much of the touched text survives."""
    edges: int = 0
    weight: float = 0.0
    """The anchored words weighted by their rarity in the document (IDF): what a paragraph choice rests on."""
    sides: int = 0
    sides_found: int = 0
    """Words next to an ellipsis stand for unchanged text: how many such sides the paragraph holds verbatim."""

    @property
    def consistent(self) -> bool:
        """Every ellipsis side is in the paragraph verbatim, as unchanged text must be."""
        return self.sides_found == self.sides


def has_gap(text: str) -> bool:
    """Whether ``text`` holds an ellipsis standing for unchanged text."""
    return _GAP.search(text) is not None


def keys(text: str) -> list[str]:
    """The case-folded match keys of ``text``'s tokens outside ellipses (words, placeholders, commands)."""
    return [t.key.lower() for t in _pieces_tokens(text)]


def words(text: str) -> list[tuple[int, int, str]]:
    """The words the diff compares: whitespace-separated, as (start, end, typographic normal form)."""
    return [(m.start(), m.end(), normal_form(m.group(0))) for m in _WORD.finditer(text)]


def _tokenize(text: str) -> list[_Token]:
    return [
        _Token("…" if m.lastgroup == "gap" else normal_form(m.group(0)), m.start(), m.end())
        for m in _TOKENS.finditer(text)
    ]


def _pieces_tokens(version: str) -> list[_Token]:
    return [t for t in _tokenize(version) if t.key != "…"]


def align(
    version: str, para: Paragraph, weights: Mapping[str, float] | None = None, *, partial: bool = False
) -> Aligned:
    """Fill the version's ellipses with the paragraph's own text, then diff the result against the paragraph.

    Works on the masked text when the version uses placeholder tokens, so offsets map back through them.
    ``weights`` (word → IDF) weigh the anchored words; without them every word weighs 1.  ``partial``: a
    version without ellipses may stand for whole sentences of the paragraph only, as if ``...`` stood before
    and after it; the sentences it stops short of are kept, but words of a sentence it starts or ends
    within are its own to drop.
    """
    if partial and not has_gap(version):
        return _align(f"... {version.strip()} ...", para, weights, implicit=True)
    return _align(version, para, weights, implicit=False)


def _align(version: str, para: Paragraph, weights: Mapping[str, float] | None, implicit: bool) -> Aligned:
    masked = para.masked
    uses_tokens = any(m.group(0) in masked.by_token() for m in TOKEN.finditer(version))
    text = masked.text if uses_tokens else para.text
    ptoks = _tokenize(text)
    filled = _fill(version, text, ptoks, implicit)
    if isinstance(filled, str):
        return Aligned(0, 0, (), filled)
    revised, piece_ranges, sides, found = filled
    diff = _diff(text, revised, piece_ranges, weights)
    if diff.stray is not None:
        return Aligned(diff.anchored, diff.total, (), stopped(revised, diff.stray))
    if diff.anchored < min(MIN_ANCHORED, diff.total):
        return Aligned(diff.anchored, diff.total, (), "too little of it matches the paragraph word for word")

    def source(lo: int, hi: int) -> tuple[int, int]:
        if uses_tokens:
            return masked.to_source(lo), masked.to_source_end(hi) if hi > lo else masked.to_source(hi)
        return para.start + lo, para.start + hi

    placed = tuple((*source(lo, hi), repl) for lo, hi, repl in diff.changes)
    return Aligned(
        diff.anchored, diff.total, placed, None, diff.similarity, diff.edges, diff.weight, sides, found
    )


def _fill(
    version: str, text: str, ptoks: list[_Token], implicit: bool = False
) -> tuple[str, list[tuple[int, int]], int, int] | str:
    """The version with every ellipsis replaced by the paragraph text it stands for, the pieces' ranges, and
    how many ellipsis sides (the piece words next to an ellipsis) there are and how many sit in the text verbatim.

    A gap runs from where the piece before it ends in the paragraph to where the piece after it starts: found
    by the pieces' edge words when they occur there verbatim (which survives reordered sentences), otherwise by
    a fitting alignment of the pieces in order.  Returns the reason when the gaps cannot be placed.
    """
    parts: list[str | None] = []  # piece texts, None for a gap
    cursor = 0
    for m in _GAP.finditer(version):
        if version[cursor : m.start()].strip():
            parts.append(version[cursor : m.start()].strip())
        if not parts or parts[-1] is not None:
            parts.append(None)
        cursor = m.end()
    if version[cursor:].strip():
        parts.append(version[cursor:].strip())
    pieces = [_tokenize(p) for p in parts if p is not None]
    if None not in parts:
        return version.strip(), [(0, len(version.strip()))], 0, 0
    fallback = _dp_bounds(parts, pieces, ptoks)
    if fallback is None:
        return "a piece between ellipses matches nothing in the paragraph"
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    k = 0  # index of the next piece
    low = sides = found_sides = 0
    for part in parts:
        if part is not None:
            ranges.append((len("".join(out)), len("".join(out)) + len(part)))
            out.append(part)
            k += 1
            continue
        before = pieces[k - 1] if k > 0 else None
        after = pieces[k] if k < len(pieces) else None
        start = fallback[k - 1][1] if before else 0
        end = fallback[k][0] if after else len(text)
        if before is not None:
            found = _edge(before[-_EDGE:], ptoks, low, start, tail=True, strict=implicit)
            start = found if found is not None else start
            sides, found_sides = sides + 1, found_sides + (found is not None)
        if after is not None:
            found = _edge(after[:_EDGE], ptoks, start, end, tail=False, strict=implicit)
            end = found if found is not None else end
            sides, found_sides = sides + 1, found_sides + (found is not None)
        if end < start:
            return "its ellipses cannot be placed in order in the paragraph"
        if implicit and not _whole_sentences(text, start, end):
            end = start
        out.append(text[start:end])
        low = end
    return "".join(out), ranges, sides, found_sides


def _whole_sentences(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, the paragraph's start or end, is whole sentences (or nothing)."""
    if not text[start:end].strip():
        return True
    return bool(SENTENCE_END.search(text[:end] if start == 0 else text[:start]))


def _edge(
    edge: list[_Token], ptoks: list[_Token], low: int, near: int, tail: bool, strict: bool = False
) -> int | None:
    """Where ``edge`` (a piece's last or first words) sits verbatim in the paragraph, nearest ``near``.

    ``strict``: the words found must hold two real words, not just punctuation (an implicit ellipsis has no
    author vouching that the text runs on there).
    """
    for size in range(len(edge), 0, -1):
        words = edge[-size:] if tail else edge[:size]
        if size < min(2, len(edge)) or (strict and sum(t.key[:1].isalnum() for t in words) < 2):
            break
        keys = [t.key.lower() for t in words]
        spots = []
        for i in range(len(ptoks) - size + 1):
            if all(ptoks[i + n].key.lower() == keys[n] for n in range(size)):
                spot = ptoks[i + size - 1].end if tail else ptoks[i].start
                if spot >= low:
                    spots.append(spot)
        if spots:
            return min(spots, key=lambda s: abs(s - near))
    return None


def _dp_bounds(
    parts: list[str | None], pieces: list[list[_Token]], ptoks: list[_Token]
) -> list[tuple[int, int]] | None:
    """Each piece's [start, end) in the paragraph by a fitting alignment (ellipses skip words for free)."""
    seq: list[tuple[int, _Token]] = []
    free = [parts[0] is None]
    k = 0
    for pos, part in enumerate(parts):
        if part is None:
            continue
        for tok in pieces[k]:
            seq.append((k, tok))
            free.append(False)
        free[-1] = pos + 1 < len(parts) and parts[pos + 1] is None
        k += 1
    ops = _dp([t.key for _, t in seq], [t.key for t in ptoks], free)
    bounds: list[list[int]] = [[] for _ in pieces]
    last = 0  # a deleted word belongs to the piece whose word was aligned last
    for kind, si, pj in ops:
        if kind == "G":
            continue
        if si >= 0:
            last = seq[si][0]
        if pj >= 0:
            bounds[last].append(pj)
    result = []
    for found in bounds:
        if not found:
            return None
        result.append((ptoks[min(found)].start, ptoks[max(found)].end))
    return result


def _dp(s: list[str], p: list[str], free: list[bool]) -> list[tuple[str, int, int]]:
    """Edit-distance alignment; ``free[i]`` lets paragraph tokens be skipped at no cost before ``s[i]``."""
    m, n = len(s), len(p)
    inf = 10**9
    prev = [0 if free[0] else j for j in range(n + 1)]
    moves: list[bytes] = [bytes([2] * (n + 1))]
    for i in range(1, m + 1):
        row = [inf] * (n + 1)
        move = bytearray(n + 1)
        row[0], move[0] = prev[0] + 1, 1
        skip = 0 if free[i] else 1
        si = s[i - 1]
        for j in range(1, n + 1):
            diag = prev[j - 1] + (0 if si == p[j - 1] else 1)
            up = prev[j] + 1
            left = row[j - 1] + skip
            if diag <= up and diag <= left:
                row[j], move[j] = diag, 0
            elif left <= up:
                row[j], move[j] = left, 2
            else:
                row[j], move[j] = up, 1
        moves.append(bytes(move))
        prev = row
    ops: list[tuple[str, int, int]] = []
    i, j = m, n
    while i > 0 or j > 0:
        step = moves[i][j] if i > 0 else 2
        if i > 0 and j > 0 and step == 0:
            ops.append(("M" if s[i - 1] == p[j - 1] else "S", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and (step == 1 or j == 0):
            ops.append(("I", i - 1, -1))
            i -= 1
        else:
            ops.append(("G" if free[i] else "D", -1, j - 1))
            j -= 1
    ops.reverse()
    return ops


@dataclass(frozen=True)
class _Diff:
    changes: list[tuple[int, int, str]]
    anchored: int
    total: int
    similarity: float
    edges: int
    """Paragraph ends (first or last MIN_RUN words) that a piece's own words reproduce verbatim."""
    weight: float
    stray: int | None = None
    """Where (an offset in the filled version) a change is not the version's own text: see ``_diff``."""


def _diff(
    text: str, revised: str, piece_ranges: list[tuple[int, int]], weights: Mapping[str, float] | None = None
) -> _Diff:
    """Changed regions of ``revised`` against ``text`` as (start, end, replacement), and the evidence counts.

    The diff runs over whitespace-separated words, and each region keeps one unchanged word on either
    side: the whitespace next to a changed word is then the version's own (the apply stage keeps the
    author's spacing only between unchanged words).  Evidence: version words in runs of MIN_RUN unchanged
    words.
    """
    old = words(text)
    new = words(revised)
    in_piece = [any(lo <= w[0] < hi for lo, hi in piece_ranges) for w in new]
    # Each word of the filled version: the reviewer's own (in a piece), the paragraph's (from an ellipsis),
    # or glued from both where a piece meets an ellipsis's text.
    own = [any(lo <= w[0] and w[1] <= hi for lo, hi in piece_ranges) for w in new]
    glued = [
        not o and any(lo < w[1] and w[0] < hi for lo, hi in piece_ranges)
        for o, w in zip(own, new, strict=True)
    ]
    stray: int | None = None
    anchored = kept = replaced = edges = 0
    weight = 0.0
    regions: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, [w[2] for w in old], [w[2] for w in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if i2 - i1 >= MIN_RUN:
                anchored += sum(in_piece[j1:j2])
                weight += sum(_weight(new[j][2], weights) for j in range(j1, j2) if in_piece[j])
                # A piece's own words (not an ellipsis filled in) reproducing the paragraph's first or last words.
                starts = i1 == 0 and all(in_piece[j1 : j1 + MIN_RUN])
                ends = i2 == len(old) and all(in_piece[j2 - MIN_RUN : j2])
                edges += int(starts) + int(ends)
            kept += sum(in_piece[j1:j2])
            continue
        replaced += i2 - i1
        if stray is None:
            stray = stray_at(new, own, glued, j1, j2)
        plo = old[i1 - 1][0] if i1 > 0 else 0
        vlo = new[j1 - 1][0] if j1 > 0 else 0
        phi = old[i2][1] if i2 < len(old) else len(text)
        vhi = new[j2][1] if j2 < len(new) else len(revised)
        if regions and plo < regions[-1][1]:
            regions[-1][1], regions[-1][3] = phi, vhi
        else:
            regions.append([plo, phi, vlo, vhi])
    changes = [(plo, phi, revised[vlo:vhi]) for plo, phi, vlo, vhi in regions]
    if stray is None and applied_words(text, changes) != " ".join(w[2] for w in new):
        stray = 0  # a safety net: the changes must give back the filled version, word for word
    similarity = kept / max(1, sum(in_piece) + replaced)
    return _Diff(changes, anchored, sum(in_piece), similarity, edges, weight, stray)


def _weight(word: str, weights: Mapping[str, float] | None) -> float:
    return 1.0 if weights is None else weights.get(word.lower(), 1.0)
