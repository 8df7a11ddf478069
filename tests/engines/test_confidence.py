"""Confidence on every offline edit: the planted errors are found at high, and nothing high is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revise import document, pipeline
from revise.edits import Confidence, Edit
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer
from revise.render import render

ROOT = Path(__file__).resolve().parents[2]
PLANTED = json.loads((ROOT / "tests" / "fixtures" / "conclusion-planted.json").read_text())["errors"]


@pytest.fixture(scope="module")
def reviewer() -> OfflineReviewer:
    return OfflineReviewer()


def revision_of(path: Path, reviewer: OfflineReviewer) -> pipeline.Revision:
    segmentation, paragraphs = pipeline.load(document.read(path)[0])
    return pipeline.revise(segmentation, paragraphs, reviewer, ReviewContext(), file=str(path))


def line_of(edit: Edit) -> int:
    assert edit.anchor is not None
    return edit.anchor.paragraph.file.position(edit.anchor.start)[0]


def test_planted_errors_are_found_at_high_and_no_high_edit_is_wrong(reviewer: OfflineReviewer) -> None:
    revision = revision_of(ROOT / "examples" / "conclusion.tex", reviewer)
    high = {
        (line_of(e), e.original, e.versions[0]) for e in revision.edits if e.confidence == Confidence.HIGH
    }
    planted = {(p["line"], p["original"], p["fixed"]) for p in PLANTED}
    found = planted & high
    assert len(found) >= 0.9 * len(planted), sorted(planted - high)
    assert high <= planted, sorted(high - planted)


def test_well_written_prose_gets_no_high_flag(reviewer: OfflineReviewer) -> None:
    revision = revision_of(ROOT / "tests" / "fixtures" / "well-written.tex", reviewer)
    assert [e.original for e in revision.edits if e.confidence == Confidence.HIGH] == []


def test_a_british_spelling_is_low_and_never_applied_by_default(
    tmp_path: Path, reviewer: OfflineReviewer
) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text("\\section{A}\nThe labelled events were counted by the the team.\n")
    revision = revision_of(paper, reviewer)
    levels = {e.original: e.confidence for e in revision.edits}
    assert levels == {"labelled": Confidence.LOW, "the the": Confidence.HIGH}
    assert pipeline.apply(revision)[str(paper)].count("labelled") == 1  # only the high edit applied
    lowered = pipeline.Revision(**{**revision.__dict__, "min_confidence": Confidence.LOW})
    assert "labeled" in pipeline.apply(lowered)[str(paper)]
    patch = render(revision, "patch")
    assert isinstance(patch, bytes) and b"labeled" not in patch and b"-The labelled" in patch
    report = json.loads(str(render(revision, "json")))
    assert {e["original"]: e["confidence"] for e in report["edits"]} == {"labelled": "low", "the the": "high"}
    gnu = str(render(revision, "gnu"))
    assert "(low confidence)" in gnu and gnu.count("confidence") == 1
    terminal = str(render(revision, "terminal", color=False, width=200))
    assert "low confidence, not applied (--min-confidence high)" in terminal
    assert "1 below --min-confidence high, not applied" in terminal


def test_an_edit_chosen_by_hand_is_applied_whatever_its_confidence(
    tmp_path: Path, reviewer: OfflineReviewer
) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text("\\section{A}\nThe labelled events were counted.\n")
    revision = revision_of(paper, reviewer)
    [low] = [e for e in revision.edits if e.confidence == Confidence.LOW]
    assert "labeled" in pipeline.apply(revision, choices={low.id: 1})[str(paper)]
    assert pipeline.apply(revision, choices={low.id: 0}) == {}


def test_the_command_line_min_confidence_and_disable_reach_apply(tmp_path: Path) -> None:
    import subprocess
    import sys

    paper = tmp_path / "p.tex"
    paper.write_text("\\section{A}\nThe labelled events were counted by the the team.\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "revise", str(paper), "--engine", "offline", "-q", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    default = run("--apply")
    assert "by the team" in default.stdout and "labelled" in default.stdout
    lowered = run("--apply", "--min-confidence", "low", "--disable", "RepeatedWords")
    assert "labeled" in lowered.stdout and "the the team" in lowered.stdout
    wrong = run("--disable", "no-such-rule")
    assert (
        wrong.returncode == 1
        and "unknown rule or category" in wrong.stderr
        and "Traceback" not in wrong.stderr
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The new scheduler reducesthe waiting time of every job.", True),  # a word run into "the"
        ("We discuss the minisymposium on memoryviews and boxsize choices.", False),  # jargon stays whole
    ],
)
def test_a_word_run_into_a_function_word_is_split_and_jargon_is_not(
    text: str, flagged: bool, reviewer: OfflineReviewer, tmp_path: Path
) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(f"\\documentclass{{article}}\n\\begin{{document}}\n{text}\n\\end{{document}}\n")
    splits = [e for e in revision_of(paper, reviewer).edits if e.suggestion.rule == "SplitWords"]
    assert [(e.original, e.versions[0], e.confidence) for e in splits] == (
        [("reducesthe", "reduces the", Confidence.HIGH)] if flagged else []
    )


def test_a_label_in_parentheses_is_no_article(reviewer: OfflineReviewer, tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    body = (
        "The residuals in Figure~\\ref{fig:res}(a) are flat, and panel (a) illustrates a useful trend.\n\n"
        "The HLA-A expression is lower than the HLA-B expression in tumour cells.\n\n"
        "We fit a ellipse to the contour.\n"
    )
    paper.write_text(f"\\documentclass{{article}}\n\\begin{{document}}\n{body}\\end{{document}}\n")
    flagged = [
        (e.original, e.versions[0]) for e in revision_of(paper, reviewer).edits if e.suggestion.rule == "AnA"
    ]
    assert flagged == [("a", "an")]
