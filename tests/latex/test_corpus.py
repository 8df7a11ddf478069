"""Acceptance on real papers (../shared/corpus/papers): exact spans, exact unmasking, nothing protected
visible, and most of the paper's prose visible to the reviewer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from corpus_words import reference_words, share, visible_words

from revise.document import read
from revise.latex.segment import segment

# A protected construct leaking into masked text: math, citations, labels, refs, or an unescaped comment sign.
LEAK = re.compile(r"(?<!\\)\$|\\(?:cite\w*|label|ref|eqref|cref|Cref|autoref|pageref)\b|(?<!\\)%")


def papers(corpus: Path) -> list[Path]:
    return sorted((corpus / "papers").rglob("*.tex"))


@pytest.mark.corpus
def test_every_corpus_file_segments_exactly_and_masks_protected_latex(corpus: Path) -> None:
    visible: Counter[str] = Counter()
    reference: Counter[str] = Counter()
    for path in papers(corpus):
        source, _ = read(path, path.name)
        result = segment(source, loader=lambda name, parent: None)  # each file measured once, on its own
        for p in result.paragraphs:
            assert p.text == source.text[p.start : p.end]
            assert p.masked.unmask(p.masked.text) == p.text
            assert not LEAK.search(p.masked.text), f"{path.name}:{p.line}: {p.masked.text[:200]}"
            assert p.masked.text == p.masked.text.strip()
            visible += visible_words(p.masked.text)
        reference += reference_words(source.text)
    assert share(visible, reference) >= 0.85


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("main", "least_files"),
    [("scipy-articles/scipy-1.0/paper.tex", 6), ("sympy-paper/paper.tex", 20), ("nalu/paper/main.tex", 10)],
)
def test_multi_file_papers_follow_inputs_in_reading_order(corpus: Path, main: str, least_files: int) -> None:
    path = corpus / "papers" / main
    source, _ = read(path, path.name)
    result = segment(source)
    assert len(result.files) >= least_files
    assert [p.index for p in result.paragraphs] == list(range(len(result.paragraphs)))
    for p in result.paragraphs:
        assert p.text == p.file.text[p.start : p.end]
    assert all(re.match(r"^[\w./-]+:\d+: ", w) for w in result.warnings)
