"""Placeholders: protected LaTeX (math, citations, refs, labels, comments …) hidden behind typed tokens.

Masking never deletes: each placeholder remembers the exact source slice it stands for, so unmasking restores the
bytes, and every offset in the masked text maps back to a source offset (vale's lesson: positions must survive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A token reads as a noun phrase to a model ("as shown in [EQ1]", "see [CITE2]"); one regex finds them all.
TOKEN = re.compile(r"\[([A-Z]+)(\d+)\]")


@dataclass(frozen=True)
class Protected:
    """A source span that must not change, found by the segmenter: ``kind`` names the placeholder type."""

    start: int
    end: int
    kind: str
    reads_as: str | None = None
    """For a placeholder a sentence reads as a word (TERM): the words it stands for."""


@dataclass(frozen=True)
class Placeholder:
    """One masked span: ``token`` in the masked text stands for ``original`` == source[start:end]."""

    token: str
    kind: str
    start: int
    end: int
    original: str
    masked_start: int
    reads_as: str | None = None
    """What a TERM placeholder reads as (the paper's definition of the macro, or its name), for the prompt."""

    @property
    def masked_end(self) -> int:
        return self.masked_start + len(self.token)


@dataclass(frozen=True)
class Masked:
    """A paragraph's masked text with the map back to source offsets."""

    text: str
    placeholders: tuple[Placeholder, ...]
    base: int
    """Source offset of the paragraph's first character."""
    source: str
    """The paragraph's exact source text (source[base:base+len(source)])."""

    def to_source(self, offset: int) -> int:
        """Source offset of a masked offset; offsets inside a token snap to the token's start."""
        shift = 0
        for ph in self.placeholders:
            if offset < ph.masked_start:
                break
            if offset < ph.masked_end:
                return ph.start
            shift += (ph.end - ph.start) - len(ph.token)
        return self.base + offset + shift

    def to_source_end(self, offset: int) -> int:
        """Source offset for an exclusive end offset; an end inside a token snaps to the token's end."""
        for ph in self.placeholders:
            if ph.masked_start < offset < ph.masked_end:
                return ph.end
        return self.to_source(offset)

    def to_masked(self, source_offset: int) -> int:
        """Masked offset of a source offset; offsets inside a protected span snap to its token's start."""
        shift = 0
        for ph in self.placeholders:
            if source_offset < ph.start:
                break
            if source_offset < ph.end:
                return ph.masked_start
            shift += (ph.end - ph.start) - len(ph.token)
        return source_offset - self.base - shift

    def by_token(self) -> dict[str, Placeholder]:
        return {ph.token: ph for ph in self.placeholders}

    def unmask(self, text: str) -> str:
        """Replace every known token in ``text`` by the source it stands for; unknown tokens stay."""
        table = self.by_token()
        return TOKEN.sub(lambda m: table[m.group(0)].original if m.group(0) in table else m.group(0), text)


def mask(source: str, base: int, protected: Iterable[Protected]) -> Masked:
    """Build the masked view of ``source`` (which starts at source offset ``base``).

    ``protected`` spans are in source offsets, sorted, non-overlapping and inside the paragraph.
    Tokens are numbered per kind within the paragraph ([MATH1], [MATH2], [CITE1] …).
    """
    counts: dict[str, int] = {}
    parts: list[str] = []
    placeholders: list[Placeholder] = []
    cursor = base
    length = 0
    for span in protected:
        if span.start < cursor or span.end > base + len(source) or span.end <= span.start:
            raise ValueError(f"protected span {span} overlaps or leaves the paragraph")
        gap = source[cursor - base : span.start - base]
        parts.append(gap)
        length += len(gap)
        counts[span.kind] = counts.get(span.kind, 0) + 1
        token = f"[{span.kind}{counts[span.kind]}]"
        original = source[span.start - base : span.end - base]
        placeholders.append(
            Placeholder(token, span.kind, span.start, span.end, original, length, span.reads_as)
        )
        parts.append(token)
        length += len(token)
        cursor = span.end
    parts.append(source[cursor - base :])
    return Masked("".join(parts), tuple(placeholders), base, source)
