"""Paragraph drafts: collecting one run of prose and its protected spans, then trimming its edges.

A paragraph must start and end with something a reviewer may touch, so an edit of its first or last words
can never swallow a ``\\label``, a comment or a layout command: those are trimmed off the edges together
with whitespace. Placeholders a sentence reads through (math, citations, references …) may stay at the
edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from revise.document import SourceFile
from revise.latex.mask import Protected

# Kinds that are not part of the sentence: never the first or last thing in a paragraph.
# MARK is the command around a prose argument (``\\textcolor{red}{`` and its ``}``): an argument that is a whole
# paragraph is reviewed without it. Word-like macros (TERM) are part of the sentence and are never trimmed.
TRIMMED = frozenset({"LABEL", "COMMENT", "CMD", "NOTE", "MARK"})
Where = tuple[str | None, tuple[str, ...], int]
"""(section, headings, index of the innermost sectioning command or -1) in force at a paragraph."""


@dataclass(frozen=True)
class Draft:
    """A finished paragraph before it is numbered and masked."""

    file: SourceFile
    start: int
    end: int
    spans: tuple[Protected, ...]
    kind: str
    section: str | None
    headings: tuple[str, ...]
    heading: int = -1


@dataclass
class Builder:
    """Accumulates one paragraph at a time; ``close`` trims it and hands it to ``out``."""

    file: SourceFile
    kind: str
    out: list[Draft]
    where: Where = (None, (), -1)
    """(section, headings) in force; the walker updates it at sectioning commands."""
    start: int = -1
    end: int = -1
    spans: list[Protected] = field(default_factory=list)
    deferred: list[Draft] = field(default_factory=list)
    """Footnote paragraphs, emitted after the paragraph that holds them (reading order)."""

    def visible(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self.start < 0:
            self.start = start
        self.end = end

    def protect(self, start: int, end: int, kind: str, reads_as: str | None = None) -> None:
        if end <= start:
            return
        if self.spans and start < self.spans[-1].end:
            return  # already inside a protected span (defensive: the walker never overlaps)
        self.visible(start, end)
        self.spans.append(Protected(start, end, kind, reads_as))

    def close(self) -> None:
        if self.start >= 0:
            draft = _trim(self.file, self.start, self.end, self.spans, self.kind, self.where)
            if draft is not None:
                self.out.append(draft)
        self.out.extend(self.deferred)
        self.start = self.end = -1
        self.spans = []
        self.deferred = []


def _trim(
    file: SourceFile,
    start: int,
    end: int,
    spans: list[Protected],
    kind: str,
    where: Where,
) -> Draft | None:
    text = file.text
    first, last = 0, len(spans)
    while True:
        while start < end and text[start].isspace():
            start += 1
        if first < last and spans[first].start <= start and spans[first].kind in TRIMMED:
            start = max(start, spans[first].end)
            first += 1
            continue
        break
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        if last > first and spans[last - 1].end >= end and spans[last - 1].kind in TRIMMED:
            end = min(end, spans[last - 1].start)
            last -= 1
            continue
        break
    kept = tuple(s for s in spans[first:last] if start <= s.start and s.end <= end)
    if end <= start or not _has_words(text, start, end, kept):
        return None
    return Draft(file, start, end, kept, kind, where[0], where[1], where[2])


def _has_words(text: str, start: int, end: int, spans: tuple[Protected, ...]) -> bool:
    cursor = start
    for span in (*spans, Protected(end, end, "")):
        if any(ch.isalnum() for ch in text[cursor : span.start]):
            return True
        cursor = span.end
    return False
