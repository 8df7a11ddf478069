"""Rewrites are verified, not trusted: an elided rewrite becomes edits only when, outside its changes, it
reproduces the paragraph exactly; otherwise it is reported with the place where it stopped matching."""

from __future__ import annotations

import pytest

from revise import document
from revise.anchoring.rewrites import expand
from revise.edits import Status, Suggestion
from revise.engines.base import Review
from revise.latex.segment import Paragraph
from revise.pipeline import apply, finish, load

PARAGRAPH = "With a single command, users can reproduce the paper's out-of-the-box results and figures."
DOC = (
    "\\documentclass{article}\n\\begin{document}\n"
    f"{PARAGRAPH}\n\nAnother paragraph entirely about the weather, which has nothing to do with it.\n"
    "\\end{document}\n"
)


@pytest.fixture(scope="module")
def paragraphs() -> tuple[Paragraph, ...]:
    source, _ = document.decode(DOC.encode(), "doc.tex")
    return load(source)[1]


def _rewritten(paragraphs: tuple[Paragraph, ...], version: str) -> tuple[str | None, str]:
    expansion = expand(Suggestion(version, "", (version,), 0, elided=True), paragraphs)
    para = paragraphs[0]
    text, cursor, parts = para.file.text, para.start, []
    for change in expansion.changes:
        parts += [text[cursor : change.start], change.versions[0]]
        cursor = change.end
    return expansion.reason, "".join([*parts, text[cursor : para.end]])


@pytest.mark.parametrize(
    ("version", "stopped"),
    [
        ("With one command, users can reproduce the paper's results. ...", "results.of-the-box"),
        ("With a single command, users can reproduce the paper's results ...", "results-of-the-box"),
    ],
)
def test_a_rewrite_whose_ellipsis_would_begin_inside_a_word_is_reported_where_it_stops_matching(
    paragraphs: tuple[Paragraph, ...], version: str, stopped: str
) -> None:
    reason, revised = _rewritten(paragraphs, version)
    assert revised == PARAGRAPH
    assert reason is not None and "does not reproduce the paragraph" in reason and stopped in reason


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (
            "With one command, users can ... results and figures.",
            PARAGRAPH.replace("a single", "one"),
        ),
        (
            "... users can now reproduce the paper's ...",
            PARAGRAPH.replace("can reproduce", "can now reproduce"),
        ),
        (
            "With a single command, ... out-of-the-box results and all figures.",
            PARAGRAPH.replace("and figures", "and all figures"),
        ),
    ],
)
def test_a_rewrite_that_reproduces_the_paragraph_outside_its_changes_becomes_edits(
    paragraphs: tuple[Paragraph, ...], version: str, expected: str
) -> None:
    reason, revised = _rewritten(paragraphs, version)
    assert (reason, revised) == (None, expected)


def test_applying_a_refused_rewrite_writes_nothing_and_says_why() -> None:
    source, _ = document.decode(DOC.encode(), "doc.tex")
    segmentation, paragraphs = load(source)
    version = "With one command, users can reproduce the paper's results. ..."
    review = Review((Suggestion(version, "", (version,), 0, elided=True),))
    revision = finish(segmentation, paragraphs, review, "reply", None, file="doc.tex")
    [edit] = revision.edits
    assert edit.status is Status.UNANCHORED and "stops matching" in (edit.reason or "")
    assert apply(revision) == {}
