"""The anchoring ladder: one quote → the source spans it may stand for, and how they were found.

Per quote it stops at the first level with a hit: exact (source text, then masked text mapped back through the
placeholders) → typographic normal form → plain form (formatting commands dropped, case folded) → pieces of a
quote shortened with ``...``/``…`` → a guarded fuzzy match.  Nothing is guessed: a fuzzy hit needs a high score
and a clear margin over the runner-up.  Several hits are settled by the paragraph hint or the edit's own
versions (by_versions) or stay several; revise.anchoring.place turns the outcome into Edits.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from revise.anchoring.normalize import Normalised, normal_form, normalise
from revise.latex.segment import Paragraph

ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\.{3,}|…|\(\s*(?:\.{3}|…)\s*\))\s*")
# Fuzzy acceptance (rapidfuzz ratios, 0..100): below these a window is offered only as a hint.
FUZZY_SCORE = 90.0
FUZZY_MARGIN = 6.0
FUZZY_MIN_LENGTH = 16
VERSION_MARGIN = 2
"""Words more of a span's edges a version must keep, than of any other span's, to settle an ambiguous quote."""


@dataclass(frozen=True)
class Hit:
    """A candidate place: source ``[start, end)`` in ``paragraph.file``."""

    paragraph: Paragraph
    start: int
    end: int
    gaps: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    """For a quote shortened with ``...``: the source spans its ellipses stand for."""


@dataclass(frozen=True)
class Placement:
    """The outcome of the ladder for one quote."""

    hits: tuple[Hit, ...]
    method: str
    hint: str | None = None


def locate(quote: str, paragraphs: Sequence[Paragraph], hint: int | None = None) -> Placement:
    """Run the ladder for one quote; ``hint`` (a paragraph index) only breaks ties."""
    levels: tuple[tuple[str, Callable[[Paragraph], list[Hit]]], ...] = (
        ("exact", lambda p: _exact(quote, p)),
        ("normalised", lambda p: _normalised(quote, p, plain=False)),
        ("normalised", lambda p: _normalised(quote, p, plain=True)),
    )
    for method, find in levels:
        hits = _unique([h for p in paragraphs for h in find(p)])
        if hits:
            return Placement(_settle(hits, hint), method)
    pieces = [piece for piece in ELLIPSIS.split(quote) if piece.strip()]
    if len(pieces) > 1 or (pieces and pieces[0] != quote):
        if len(pieces) == 1:
            inner = locate(pieces[0], paragraphs, hint)
            return Placement(inner.hits, "ellipsis" if inner.hits else inner.method, inner.hint)
        hits = _unique([h for p in paragraphs for h in _pieces(pieces, p)])
        if hits:
            return Placement(_settle(hits, hint), "ellipsis")
    return _fuzzy(quote, paragraphs, hint)


def by_versions(hits: Sequence[Hit], versions: Sequence[str]) -> Hit | None:
    """The one span, among several a quote may stand for, that the edit's own versions point at; else None.

    A version revises its span, so the words it keeps at its start and end are the span's: the span whose
    edges a version reproduces furthest (common leading plus trailing words) wins, by VERSION_MARGIN words over
    every other.  Spans of one text, or versions that keep no more of one than of another, settle nothing: an
    elided quote whose last piece recurs is then still ambiguous.
    """
    if len(hits) < 2 or not versions:
        return None
    texts = [normal_form(v, plain=True).split() for v in versions]
    scored = sorted(
        ((max(_kept_edges(_words(h), words) for words in texts), n) for n, h in enumerate(hits)), reverse=True
    )
    (best, n), (runner_up, _) = scored[0], scored[1]
    return hits[n] if best - runner_up >= VERSION_MARGIN else None


def _words(hit: Hit) -> list[str]:
    return normal_form(hit.paragraph.file.text[hit.start : hit.end], plain=True).split()


def _kept_edges(span: list[str], version: list[str]) -> int:
    """Leading plus trailing words ``version`` shares with ``span``, each word counted once."""
    limit = min(len(span), len(version))
    lead = next((k for k in range(limit) if span[k] != version[k]), limit)
    trail = next((k for k in range(limit) if span[-1 - k] != version[-1 - k]), limit)
    return min(limit, lead + trail)


def _settle(hits: list[Hit], hint: int | None) -> tuple[Hit, ...]:
    if len(hits) > 1 and hint is not None:
        hinted = [h for h in hits if h.paragraph.index == hint]
        if len(hinted) == 1:
            return (hinted[0],)
    return tuple(hits)


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: dict[tuple[int, int, int], Hit] = {}
    for h in hits:
        seen.setdefault((h.paragraph.index, h.start, h.end), h)
    return list(seen.values())


def _find_all(needle: str, haystack: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0 and needle:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _exact(quote: str, para: Paragraph) -> list[Hit]:
    hits = [Hit(para, para.start + at, para.start + at + len(quote)) for at in _find_all(quote, para.text)]
    masked = para.masked
    if masked.placeholders:
        hits += [
            Hit(para, masked.to_source(at), masked.to_source_end(at + len(quote)))
            for at in _find_all(quote, masked.text)
        ]
    return hits


def _views(para: Paragraph, plain: bool) -> list[tuple[Normalised, bool]]:
    """The paragraph's normalised source view, and its masked view when it has placeholders."""
    views = [(normalise(para.text, plain), False)]
    if para.masked.placeholders:
        views.append((normalise(para.masked.text, plain), True))
    return views


def _to_source(para: Paragraph, view: Normalised, masked: bool, start: int, end: int) -> tuple[int, int]:
    lo, hi = view.span(start, end)
    if masked:
        return para.masked.to_source(lo), para.masked.to_source_end(hi)
    return para.start + lo, para.start + hi


def _normalised(quote: str, para: Paragraph, plain: bool) -> list[Hit]:
    needle = normal_form(quote, plain)
    hits = []
    for view, masked in _views(para, plain):
        for at in _find_all(needle, view.text):
            hits.append(Hit(para, *_to_source(para, view, masked, at, at + len(needle))))
    return hits


def _pieces(pieces: list[str], para: Paragraph) -> list[Hit]:
    """Spans from the first piece's start to the last piece's end, pieces in order within one paragraph.

    Every start of the first piece and every end of the last piece that completes a chain is a candidate, so a
    last piece that occurs twice after the others makes the quote ambiguous rather than silently shortest.
    """
    for plain in (False, True):
        needles = [normal_form(p, plain) for p in pieces]
        hits = []
        for view, masked in _views(para, plain):
            for first in _find_all(needles[0], view.text):
                cursor = first + len(needles[0])
                bounds = [(first, cursor)]
                for needle in needles[1:-1]:
                    at = view.text.find(needle, cursor)
                    if at < 0:
                        break
                    cursor = at + len(needle)
                    bounds.append((at, cursor))
                else:
                    for at in _find_all(needles[-1], view.text):
                        if at >= cursor:
                            end = at + len(needles[-1])
                            pieces_at = [*bounds, (at, end)]
                            gaps = tuple(
                                _to_source(para, view, masked, left[1], right[0])
                                for left, right in itertools.pairwise(pieces_at)
                            )
                            hits.append(Hit(para, *_to_source(para, view, masked, first, end), gaps))
        if hits:
            return hits
    return []


def _fuzzy(quote: str, paragraphs: Sequence[Paragraph], hint: int | None) -> Placement:
    """A fuzzy hit, accepted only with a high score and a clear margin over every other candidate."""
    from rapidfuzz import fuzz

    needle = normal_form(quote, plain=True)
    if not needle:
        return Placement((), "fuzzy")
    scored: list[tuple[float, Hit]] = []
    for para in paragraphs:
        view = normalise(para.text, plain=True)
        text = view.text
        for _ in range(2):  # the best window, then the best one elsewhere in the paragraph (the runner-up)
            if len(text.strip()) == 0:
                break
            found = fuzz.partial_ratio_alignment(needle, text, score_cutoff=40)
            if found is None:
                break
            lo, hi = _refine(needle, view.text, found.dest_start, found.dest_end)
            score = fuzz.ratio(needle, view.text[lo:hi])
            scored.append((score, Hit(para, *_to_source(para, view, False, lo, hi))))
            text = text[:lo] + "\0" * (hi - lo) + text[hi:]
    if not scored:
        return Placement((), "fuzzy")
    scored.sort(key=lambda item: -item[0])
    best_score, best = scored[0]
    hint_text = best.paragraph.file.text[best.start : best.end]
    rivals = [s for s, h in scored[1:] if not _overlaps(h, best)]
    runner_up = rivals[0] if rivals else 0.0
    if (
        best_score >= FUZZY_SCORE
        and len(needle) >= FUZZY_MIN_LENGTH
        and best_score - runner_up >= FUZZY_MARGIN
    ):
        return Placement((best,), "fuzzy")
    if best_score >= FUZZY_SCORE and len(needle) >= FUZZY_MIN_LENGTH and hint is not None:
        close = [h for s, h in scored if best_score - s < FUZZY_MARGIN and not _overlaps(h, best)]
        if best.paragraph.index == hint and all(h.paragraph.index != hint for h in close):
            return Placement((best,), "fuzzy")
    return Placement((), "fuzzy", hint_text if best_score >= 50 else None)


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.paragraph.index == b.paragraph.index and a.start < b.end and b.start < a.end


def _refine(needle: str, text: str, lo: int, hi: int) -> tuple[int, int]:
    """Snap a fuzzy window to word boundaries, choosing the nearby boundaries that match the quote best."""
    from rapidfuzz import fuzz

    slack = max(8, len(needle) // 5)
    starts = [i for i in range(max(0, lo - slack), min(len(text), lo + slack) + 1) if _word_start(text, i)]
    ends = [i for i in range(max(0, hi - slack), min(len(text), hi + slack) + 1) if _word_end(text, i)]
    best = (-1.0, lo, hi)
    for s in starts or [lo]:
        for e in ends or [hi]:
            if e - s >= max(1, len(needle) // 2):
                score = fuzz.ratio(needle, text[s:e])
                if score > best[0] or (score == best[0] and e - s < best[2] - best[1]):
                    best = (score, s, e)
    return best[1], best[2]


def _word_start(text: str, i: int) -> bool:
    return i < len(text) and text[i] != " " and (i == 0 or text[i - 1] == " ")


def _word_end(text: str, i: int) -> bool:
    return i > 0 and text[i - 1] != " " and (i == len(text) or text[i] == " ")
