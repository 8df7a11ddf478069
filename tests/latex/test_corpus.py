"""Acceptance on real papers (../shared/corpus/papers): exact spans, exact unmasking, nothing protected
visible, and most of the paper's prose visible to the reviewer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import PAPERS
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


_ORCID_OR_EMAIL = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b|[\w.+-]+@[\w-]+\.[a-z]{2,}")
# A word-like macro right before a paragraph's start on the same line: the paragraph would lose its subject.
_MACRO_BEFORE = re.compile(r"(?:^|\n)[ \t]*\\([A-Za-z]+)(?:\{\})?[ \t]+$")
_NOT_WORDS = {"noindent", "item", "par", "centering", "maketitle", "medskip", "bigskip", "smallskip", "and"}


@pytest.mark.corpus
@pytest.mark.parametrize("main", PAPERS)
def test_corpus_papers_read_as_papers(corpus: Path, main: str) -> None:
    """Issue 10's acceptance on each whole paper: sentences keep their macros, no front matter is prose, and the
    words a reviewer is shown (paragraphs, title and section titles) are >= 95 % of latex2text's."""
    path = corpus / "papers" / main
    source, _ = read(path, path.name)
    result = segment(source)
    visible: Counter[str] = Counter()
    for title in [result.title or "", *(s.title for s in result.sections)]:
        visible += visible_words(title)
    for p in result.paragraphs:
        text = p.file.text
        assert p.masked.unmask(p.masked.text) == p.text == text[p.start : p.end]
        assert not _ORCID_OR_EMAIL.search(p.masked.text), f"{p.file.name}:{p.line}: {p.masked.text[:120]}"
        line_start = text.rfind("\n", 0, p.start) + 1
        before = _MACRO_BEFORE.search(text, max(line_start - 1, 0), p.start)
        assert before is None or before.group(1) in _NOT_WORDS, f"{p.file.name}:{p.line}"
        visible += visible_words(p.masked.text)
    with_prose = {p.file.name for p in result.paragraphs}
    reference: Counter[str] = Counter()
    for f in result.files:
        if f.name in with_prose:
            reference += reference_words(f.text)
    assert share(visible, reference) >= 0.95
