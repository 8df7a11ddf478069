"""Placing suggestions: each becomes Edits with an Anchor from the ladder or the rewrite expansion, or an
honest failure status (``ambiguous``, ``unanchored``).

Several hits are ``ambiguous`` unless the paragraph hint, or the edit's own versions (which keep the edges of the
span they revise), settle it; no hit is ``unanchored``, with the nearest real text as a hint.  Elided
whole-paragraph rewrites are expanded into concrete edits by revise.anchoring.rewrites; one that fits a paragraph
best on too little evidence alone is placed only when the reply's other placed edits follow the paper's order and
put it there.
"""

from __future__ import annotations

from collections.abc import Sequence

from revise.anchoring import rewrites, scope
from revise.anchoring.choice import rarity
from revise.anchoring.ladder import Placement, by_versions, locate
from revise.edits import Anchor, Confidence, Edit, Status, Suggestion
from revise.latex.segment import Paragraph

_QUOTES = "\"'“”‘’«»「」『』`"


def anchor(suggestions: Sequence[Suggestion], paragraphs: Sequence[Paragraph]) -> list[Edit]:
    """Place every suggestion; edits are numbered from 1 in suggestion order."""
    weights = rarity(paragraphs) if any(s.elided and s.span is None for s in suggestions) else None
    placed: list[list[Edit]] = []
    pending: dict[int, int] = {}
    for n, suggestion in enumerate(suggestions):
        allowed = scope.pool(suggestion, paragraphs)
        if suggestion.span is None and suggestion.elided and suggestion.refused is None:
            expansion = rewrites.expand(suggestion, allowed, weights=weights)
            if expansion.pending is not None:
                pending[n] = expansion.pending
            placed.append(_rewritten(suggestion, expansion))
        else:
            placed.append(_place(suggestion, allowed, paragraphs))
    last = max((p.index for p in paragraphs), default=0)
    for n, within in _windows(placed, pending, last).items():
        allowed = scope.pool(suggestions[n], paragraphs)
        expansion = rewrites.expand(suggestions[n], allowed, weights=weights, within=within)
        placed[n] = _rewritten(suggestions[n], expansion)
    edits: list[Edit] = []
    for made in placed:
        for edit in made:
            edits.append(_numbered(edit, len(edits) + 1))
    return edits


def _windows(placed: list[list[Edit]], pending: dict[int, int], last: int) -> dict[int, tuple[int, int]]:
    """Where the reply's order puts each pending rewrite: between the paragraphs of the placed edits around it.

    Replies go through a paper in order.  When the placed suggestions (at least two) and the pending rewrites'
    best paragraphs all follow the paragraph order, a pending rewrite may take its paragraph if it lies between
    its placed neighbours' paragraphs (``last`` is the document's last paragraph index).  Otherwise nothing is
    inferred.
    """
    where = {n: index for n, edits in enumerate(placed) if (index := _placed_in(edits)) is not None}
    order = [where.get(n, pending.get(n)) for n in range(len(placed))]
    sequence = [index for index in order if index is not None]
    if not pending or len(where) < 2 or sequence != sorted(sequence):
        return {}
    windows = {}
    for n in pending:
        before = [index for m, index in where.items() if m < n]
        after = [index for m, index in where.items() if m > n]
        windows[n] = (max(before, default=0), min(after, default=last))
    return windows


def _placed_in(edits: list[Edit]) -> int | None:
    """The paragraph index of a suggestion whose edits are all placed, else None."""
    anchors = [e.anchor for e in edits if e.status is Status.OK]
    if not edits or len(anchors) < len(edits) or anchors[0] is None or None in anchors:
        return None
    return anchors[0].paragraph.index


def _numbered(edit: Edit, number: int) -> Edit:
    # A quote found only by fuzzy matching may sit a little off what the reviewer meant: never applied unasked.
    fuzzy = edit.anchor is not None and edit.anchor.method == "fuzzy"
    confidence = edit.suggestion.confidence.capped(Confidence.MEDIUM if fuzzy else Confidence.HIGH)
    return Edit(
        number,
        edit.suggestion,
        edit.anchor,
        edit.versions,
        edit.status,
        edit.reason,
        edit.hint,
        edit.notes,
        confidence,
    )


def _place(
    suggestion: Suggestion, paragraphs: Sequence[Paragraph], document: Sequence[Paragraph] = ()
) -> list[Edit]:
    """Place one quoted suggestion in ``paragraphs`` (those it may touch; ``document`` is every one, for the
    reason an out-of-request quote is refused)."""
    if suggestion.refused is not None:
        return [
            _failed(
                suggestion, Status.UNANCHORED, f"the reply's point does not parse whole: {suggestion.refused}"
            )
        ]
    if suggestion.span is not None:
        return [_from_span(suggestion, paragraphs)]
    if suggestion.elided:
        return _from_rewrite(suggestion, paragraphs)
    quote = clean_quote(suggestion.original)
    if not quote:
        return [_failed(suggestion, Status.UNANCHORED, "the suggestion quotes no text")]
    placement = scope.in_named(quote, suggestion, paragraphs) or locate(
        quote, paragraphs, suggestion.paragraph
    )
    chosen = by_versions(placement.hits, suggestion.versions) if len(placement.hits) > 1 else None
    if chosen is not None:
        placement = Placement((chosen,), placement.method)
    if len(placement.hits) == 1:
        hit = placement.hits[0]
        start, end = snap(hit.paragraph, hit.start, hit.end)
        anchor = Anchor(hit.paragraph, start, end, placement.method, hit.gaps)
        return [Edit(0, suggestion, anchor, suggestion.versions)]
    if placement.hits:
        where = ", ".join(
            f"{h.paragraph.file.name}:{h.paragraph.file.position(h.start)[0]}" for h in placement.hits
        )
        return [
            _failed(suggestion, Status.AMBIGUOUS, f"the quote occurs {len(placement.hits)} times ({where})")
        ]
    reason = scope.unplaced_reason(quote, suggestion, document) or "the quote was not found in the document"
    return [_failed(suggestion, Status.UNANCHORED, reason, placement.hint)]


def _failed(suggestion: Suggestion, status: Status, reason: str, hint: str | None = None) -> Edit:
    return Edit(0, suggestion, None, suggestion.versions, status, reason, hint)


def _from_span(suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> Edit:
    assert suggestion.span is not None
    para = next((p for p in paragraphs if p.index == suggestion.paragraph), None)
    if para is None:
        return _failed(
            suggestion, Status.UNANCHORED, f"paragraph {suggestion.paragraph} is not among those reviewed"
        )
    lo, hi = suggestion.span
    if not 0 <= lo <= hi <= len(para.masked.text):
        return _failed(suggestion, Status.UNANCHORED, "the engine's span lies outside its paragraph")
    start, end = para.masked.to_source(lo), para.masked.to_source_end(hi)
    return Edit(0, suggestion, Anchor(para, start, end, "span"), suggestion.versions)


def _from_rewrite(suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> list[Edit]:
    return _rewritten(suggestion, rewrites.expand(suggestion, paragraphs))


def _rewritten(suggestion: Suggestion, expansion: rewrites.Expansion) -> list[Edit]:
    if not expansion.changes:
        return [_failed(suggestion, Status.UNANCHORED, expansion.reason or "the rewrite changes nothing")]
    edits = []
    for change in expansion.changes:
        start, end = snap(change.paragraph, change.start, change.end)
        edits.append(Edit(0, suggestion, Anchor(change.paragraph, start, end, "rewrite"), change.versions))
    return edits


def clean_quote(text: str) -> str:
    """The quote without surrounding whitespace and quotation marks."""
    quote = text.strip()
    while len(quote) >= 2 and quote[0] in _QUOTES and quote[-1] in _QUOTES:
        quote = quote[1:-1].strip()
    return quote


def snap(para: Paragraph, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it never covers part of a protected span."""
    for ph in para.masked.placeholders:
        if ph.start < start < ph.end:
            start = ph.start
        if ph.start < end < ph.end:
            end = ph.end
    return start, end
