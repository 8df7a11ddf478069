"""Elided rewrites: a whole-paragraph "Version k" where ``...``/``…`` stands for unchanged text → edits.

Each ellipsis is filled with the paragraph text it stands for: from where the piece before it ends in the
paragraph to where the piece after it starts, found by the pieces' edge words when they occur verbatim (this
survives reordered sentences), else by a fitting alignment in which ellipses skip words for free.  The filled
version is diffed against the paragraph word by word; each changed run becomes an edit (original span →
revised text) with one unchanged word of context either side.  Overlapping edits of several versions become
one edit with several versions.  A rewrite that cannot be placed with confidence (too little of it matches
word for word, or several paragraphs fit) yields a reason instead of a guess.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from revise.engines.base import Suggestion
from revise.latex.mask import TOKEN
from revise.latex.segment import Paragraph
from revise.normalize import normal_form

_TOKENS = re.compile(
    r"(?P<gap>\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\.{3,}|…)\s*)"
    r"|\[[A-Z]+\d+\]|\\[A-Za-z]+\*?|``|''|-{2,3}|\w+|[^\w\s]"
)
MIN_RUN = 3
"""Only runs of this many words kept in order count as evidence of where a rewrite belongs."""
MIN_ANCHORED = 3
"""Words of a version, in such runs, needed to place it at all."""
RIVAL_SHARE = 0.5
"""A paragraph is chosen only when every other one has less than this share of its evidence."""
_CANDIDATES = 4
UNHINTED_ANCHORED = 6
UNHINTED_SIMILARITY = 0.5
"""Evidence a rewrite needs when no paragraph number points at its paragraph."""
HINT_SHARE = 0.8
"""The hinted paragraph wins when it has this share of the best paragraph's evidence."""
_EDGE = 4
_WORD = re.compile(r"\S+")
_GAP = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\.{3,}|…)\s*")


@dataclass(frozen=True)
class Change:
    """One concrete edit derived from a rewrite: source ``[start, end)`` → each version's text."""

    paragraph: Paragraph
    start: int
    end: int
    versions: tuple[str, ...]


@dataclass(frozen=True)
class Expansion:
    """The edits a rewrite stands for, or the reason it could not be expanded."""

    changes: tuple[Change, ...]
    reason: str | None = None


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class _Aligned:
    """A version aligned to a paragraph: ``matched`` tokens kept, edits in source offsets."""

    matched: int
    total: int
    changes: tuple[tuple[int, int, str], ...]
    problem: str | None = None
    similarity: float = 0.0
    """Words kept / (version words + original words it replaces): how much of the touched text survives."""
    edges: int = 0


def expand(suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> Expansion:
    """Turn a (possibly elided) whole-paragraph rewrite into concrete changes."""
    versions = [v for v in suggestion.versions if v.strip() and _pieces_tokens(v)]
    if not versions or not paragraphs:
        return Expansion((), "the rewrite is empty")
    para, problem = _choose(versions[0], paragraphs, suggestion.paragraph)
    if para is None:
        return Expansion((), problem)
    per_version: list[tuple[tuple[int, int, str], ...]] = []
    for version in versions:
        aligned = _align(version, para)
        if aligned.problem:
            if not per_version:
                return Expansion((), f"rewrite of paragraph {para.index + 1}: {aligned.problem}")
            continue
        per_version.append(aligned.changes)
    return Expansion(_cluster(para, per_version))


def _choose(version: str, paragraphs: Sequence[Paragraph], hint: int | None) -> tuple[Paragraph | None, str]:
    """The paragraph a rewrite belongs to: the hinted one when it fits, else the best one, clearly ahead."""
    keys = Counter(t.key.lower() for t in _pieces_tokens(version))
    total = max(1, sum(keys.values()))

    def overlap(p: Paragraph) -> float:
        return sum((keys & Counter(t.key.lower() for t in _tokenize(p.text))).values()) / total

    ranked = sorted(paragraphs, key=lambda p: -overlap(p))
    candidates = list(ranked[:_CANDIDATES])
    candidates += [p for p in paragraphs if p.index == hint and p not in candidates]
    scored: list[tuple[int, Paragraph, _Aligned]] = []
    for para in candidates:
        aligned = _align(version, para)
        if aligned.problem is None:
            scored.append((aligned.matched, para, aligned))
    scored.sort(key=lambda item: -item[0])
    if not scored:
        return None, "the rewrite matches no paragraph closely enough"
    best, para, aligned = scored[0]
    hinted = [(p, a) for score, p, a in scored if p.index == hint and score >= HINT_SHARE * best]
    if hinted:
        return hinted[0][0], ""
    if any(score > RIVAL_SHARE * best for score, _, _ in scored[1:]):
        return None, "the rewrite fits several paragraphs about equally well"
    # Without the author's paragraph number, a few shared words are not enough to rewrite a paragraph.
    if aligned.matched < UNHINTED_ANCHORED and aligned.similarity < UNHINTED_SIMILARITY and not aligned.edges:
        return None, f"too little of the rewrite matches paragraph {para.index + 1} to place it safely"
    return para, ""


def _tokenize(text: str) -> list[_Token]:
    return [
        _Token("…" if m.lastgroup == "gap" else normal_form(m.group(0)), m.start(), m.end())
        for m in _TOKENS.finditer(text)
    ]


def _pieces_tokens(version: str) -> list[_Token]:
    return [t for t in _tokenize(version) if t.key != "…"]


def _align(version: str, para: Paragraph) -> _Aligned:
    """Fill the version's ellipses with the paragraph's own text, then diff the result against the paragraph.

    Works on the masked text when the version uses placeholder tokens, so offsets map back through them.
    """
    masked = para.masked
    uses_tokens = any(m.group(0) in masked.by_token() for m in TOKEN.finditer(version))
    text = masked.text if uses_tokens else para.text
    ptoks = _tokenize(text)
    filled = _fill(version, text, ptoks)
    if isinstance(filled, str):
        return _Aligned(0, 0, (), filled)
    revised, piece_ranges = filled
    diff = _diff(text, revised, piece_ranges)
    if diff.anchored < min(MIN_ANCHORED, diff.total):
        return _Aligned(diff.anchored, diff.total, (), "too little of it matches the paragraph word for word")

    def source(lo: int, hi: int) -> tuple[int, int]:
        if uses_tokens:
            return masked.to_source(lo), masked.to_source_end(hi) if hi > lo else masked.to_source(hi)
        return para.start + lo, para.start + hi

    placed = tuple((*source(lo, hi), repl) for lo, hi, repl in diff.changes)
    return _Aligned(diff.anchored, diff.total, placed, similarity=diff.similarity, edges=diff.edges)


def _fill(version: str, text: str, ptoks: list[_Token]) -> tuple[str, list[tuple[int, int]]] | str:
    """The version with every ellipsis replaced by the paragraph text it stands for, and the pieces' ranges.

    A gap runs from where the piece before it ends in the paragraph to where the piece after it starts:
    found by
    the pieces' edge words when they occur there verbatim (which survives reordered sentences), otherwise by a
    fitting alignment of the pieces in order.  Returns the reason when the gaps cannot be placed.
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
        return version.strip(), [(0, len(version.strip()))]
    fallback = _dp_bounds(parts, pieces, ptoks)
    if fallback is None:
        return "a piece between ellipses matches nothing in the paragraph"
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    k = 0  # index of the next piece
    low = 0
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
            found = _edge(before[-_EDGE:], ptoks, low, start, tail=True)
            start = found if found is not None else start
        if after is not None:
            found = _edge(after[:_EDGE], ptoks, start, end, tail=False)
            end = found if found is not None else end
        if end < start:
            return "its ellipses cannot be placed in order in the paragraph"
        out.append(text[start:end])
        low = end
    return "".join(out), ranges


def _edge(edge: list[_Token], ptoks: list[_Token], low: int, near: int, tail: bool) -> int | None:
    """Where ``edge`` (a piece's last or first words) sits verbatim in the paragraph, nearest ``near``."""
    for size in range(len(edge), 0, -1):
        words = edge[-size:] if tail else edge[:size]
        if size < min(2, len(edge)):
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
    """Paragraph ends (first or last MIN_RUN words) that a piece without an ellipsis there reproduces."""


def _diff(text: str, revised: str, piece_ranges: list[tuple[int, int]]) -> _Diff:
    """Changed regions of ``revised`` against ``text`` as (start, end, replacement), and the evidence counts.

    The diff runs over whitespace-separated words, and each region keeps one unchanged word on either
    side: the whitespace next to a changed word is then the version's own (the apply stage keeps the
    author's spacing only between unchanged words).  Evidence: version words in runs of MIN_RUN unchanged
    words.
    """
    old = [(m.start(), m.end(), normal_form(m.group(0))) for m in _WORD.finditer(text)]
    new = [(m.start(), m.end(), normal_form(m.group(0))) for m in _WORD.finditer(revised)]
    in_piece = [any(lo <= w[0] < hi for lo, hi in piece_ranges) for w in new]
    anchored = kept = replaced = edges = 0
    regions: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, [w[2] for w in old], [w[2] for w in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if i2 - i1 >= MIN_RUN:
                anchored += sum(in_piece[j1:j2])
                starts = i1 == j1 == 0 and in_piece[0]
                ends = i2 == len(old) and j2 == len(new) and in_piece[-1]
                edges += int(starts) + int(ends)
            kept += sum(in_piece[j1:j2])
            continue
        replaced += i2 - i1
        plo = old[i1 - 1][0] if i1 > 0 else 0
        vlo = new[j1 - 1][0] if j1 > 0 else 0
        phi = old[i2][1] if i2 < len(old) else len(text)
        vhi = new[j2][1] if j2 < len(new) else len(revised)
        if regions and plo < regions[-1][1]:
            regions[-1][1], regions[-1][3] = phi, vhi
        else:
            regions.append([plo, phi, vlo, vhi])
    changes = [(plo, phi, revised[vlo:vhi]) for plo, phi, vlo, vhi in regions]
    return _Diff(changes, anchored, sum(in_piece), kept / max(1, sum(in_piece) + replaced), edges)


def _cluster(para: Paragraph, per_version: list[tuple[tuple[int, int, str], ...]]) -> tuple[Change, ...]:
    """Overlapping changes of several versions → one Change whose versions are each version's text there."""
    spans = sorted((lo, hi) for changes in per_version for lo, hi, _ in changes)
    groups: list[list[int]] = []
    for lo, hi in spans:
        if groups and lo <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], hi)
        else:
            groups.append([lo, hi])
    source = para.file.text
    result = []
    for lo, hi in groups:
        texts: list[str] = []
        for changes in per_version:
            inside = [c for c in changes if lo <= c[0] and c[1] <= hi]
            if not inside:
                continue
            parts, cursor = [], lo
            for clo, chi, repl in sorted(inside):
                parts += [source[cursor:clo], repl]
                cursor = chi
            parts.append(source[cursor:hi])
            text = "".join(parts)
            if text != source[lo:hi] and text not in texts:
                texts.append(text)
        if texts:
            result.append(Change(para, lo, hi, tuple(texts)))
    return tuple(result)
