"""Choosing the paragraph of an elided rewrite: ellipsis sides held verbatim, evidence weighed by rarity."""

from __future__ import annotations

from revise import document
from revise.anchoring.align import align
from revise.anchoring.choice import choose, rarity
from revise.latex.segment import Paragraph
from revise.pipeline import load


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    source, _ = document.decode(text.encode(), "doc.tex")
    return load(source)[1]


REVISED = r"""\documentclass{article}
\begin{document}
In 2015 the team added a routine for sparse distances. By default a dictionary of keys is the
returned structure. Earlier results had suggested that hashing is seven times faster.

In 2015 the team added the routine for sparse distances. By default the returned structure is a
dictionary of keys matrix, which is very efficient for construction. Hashing is faster.
\end{document}
"""


def test_paragraph_holding_every_ellipsis_side_beats_one_sharing_more_words() -> None:
    paras = _paragraphs(REVISED)
    version = (
        "In 2015 the team added ... By default the returned structure is a dictionary of keys matrix, which is "
        "very efficient for construction. Earlier results had ..."
    )
    weights = rarity(paras)
    # The second paragraph shares more of the version's words, but lacks "Earlier results had": the
    # version cannot be reproduced there (its last ellipsis would begin inside a word), or weighs less.
    wrong = align(version, paras[1], weights)
    assert wrong.problem is not None or wrong.weight > align(version, paras[0], weights).weight
    choice = choose(version, paras)
    assert choice.paragraph is not None and choice.paragraph.index == paras[0].index and not choice.weak


def test_rarity_weighs_a_word_of_one_paragraph_above_a_word_of_all() -> None:
    weights = rarity(_paragraphs(REVISED))
    # "seven" is in the first paragraph only, "the" in both.
    assert weights["seven"] > weights["the"] > 0
