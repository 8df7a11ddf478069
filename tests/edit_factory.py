"""Hand-made edits for guard/apply/interactive tests: a one-paragraph file with chosen protected spans."""

from __future__ import annotations

from collections.abc import Sequence

from revise.document import SourceFile
from revise.edits import Anchor, Edit, Suggestion
from revise.latex.mask import Protected, mask
from revise.latex.segment import Paragraph


def paragraph(
    text: str,
    protected: Sequence[tuple[str, str]] = (),
    *,
    encoding: str = "utf-8",
    newline: str = "\n",
    name: str = "doc.tex",
) -> Paragraph:
    """A paragraph over all of ``text``; ``protected`` lists (substring, kind), found in order."""
    spans: list[Protected] = []
    cursor = 0
    for piece, kind in protected:
        start = text.index(piece, cursor)
        spans.append(Protected(start, start + len(piece), kind))
        cursor = start + len(piece)
    source = SourceFile(name, None, text, encoding=encoding, newline=newline)
    return Paragraph(0, source, 0, len(text), mask(text, 0, spans))


def edit(
    para: Paragraph, quote: str, *versions: str, id: int = 1, occurrence: int = 0, start: int | None = None
) -> Edit:
    """An ok edit over the ``occurrence``-th place of ``quote`` in ``para`` (or at ``start``)."""
    if start is None:
        start = -1
        for _ in range(occurrence + 1):
            start = para.text.index(quote, start + 1)
    anchor = Anchor(para, para.start + start, para.start + start + len(quote), "exact")
    return Edit(id, Suggestion(quote, "why", tuple(versions)), anchor, tuple(versions))
