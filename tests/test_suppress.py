"""Suppression comments, --enable/--disable and the grouped terminal view (issue 9, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise import document, pipeline
from revise.config import Settings
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer
from revise.errors import ConfigError
from revise.render import render
from revise.suppress import regions

WRONG = "The framework learn a code."


@pytest.fixture(scope="module")
def reviewer() -> OfflineReviewer:
    return OfflineReviewer()


def review(tmp_path: Path, latex: str, reviewer: OfflineReviewer) -> pipeline.Revision:
    paper = tmp_path / "p.tex"
    paper.write_text(latex)
    segmentation, paragraphs = pipeline.load(document.read(paper)[0])
    return pipeline.revise(segmentation, paragraphs, reviewer, ReviewContext())


def flagged_lines(revision: pipeline.Revision) -> list[int]:
    return sorted(e.anchor.paragraph.file.position(e.anchor.start)[0] for e in revision.edits if e.anchor)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("% revise: off", "% revise: on"),
        ("% LTeX: enabled=false", "% LTeX: enabled=true"),
        ("% textidote: ignore begin", "% textidote: ignore end"),
    ],
)
def test_a_region_switched_off_gets_no_edit_and_the_text_after_it_does(
    tmp_path: Path, reviewer: OfflineReviewer, opening: str, closing: str
) -> None:
    latex = f"\\section{{A}}\n{WRONG}\n{opening}\n{WRONG}\n{WRONG}\n{closing}\n{WRONG}\n"
    revision = review(tmp_path, latex, reviewer)
    assert flagged_lines(revision) == [2, 7]
    assert any("left out" in d for d in revision.details)


def test_ignore_next_line_hides_only_that_line(tmp_path: Path, reviewer: OfflineReviewer) -> None:
    latex = f"\\section{{A}}\n% revise: ignore-next-line\n{WRONG}\n{WRONG}\n"
    assert flagged_lines(review(tmp_path, latex, reviewer)) == [4]


def test_off_without_on_runs_to_the_end_and_an_escaped_percent_is_no_comment() -> None:
    source = document.SourceFile("t.tex", None, "a\n% revise: off\nb\nc \\% revise: on\nd\n")
    [region] = regions(source)
    assert (region.start, region.end) == (2, len(source.text))


def test_disable_a_category_and_enable_one_rule_of_it(tmp_path: Path) -> None:
    latex = "\\section{A}\nThe framework learn a code, e.g. a vector; see pages 10-20 and the the end.\n"
    settings = Settings(disable=("typography", "RepeatedWords"), enable=("number-range-dash",))
    revision = review(tmp_path, latex, OfflineReviewer(settings))
    assert sorted(e.suggestion.rule or "" for e in revision.edits) == [
        "number-range-dash",
        "verb-after-singular",
    ]


def test_an_unknown_rule_name_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown rule or category 'no-such-rule'"):
        review(tmp_path, "\\section{A}\nText.\n", OfflineReviewer(Settings(disable=("no-such-rule",))))


def test_config_file_lists_and_command_line_add_up(tmp_path: Path) -> None:
    (tmp_path / ".revise.toml").write_text('disable = ["typography"]\n')
    settings = Settings.load(tmp_path / "p.tex", {"disable": ("register",)})
    assert settings.disable == ("typography", "register")


def test_terminal_view_groups_repeated_edits_of_one_rule_and_counts_them(
    tmp_path: Path, reviewer: OfflineReviewer
) -> None:
    latex = "\\section{A}\n" + "".join(f"As shown in \\cite{{k{i}}} it holds.\n" for i in range(6))
    revision = review(tmp_path, latex, reviewer)
    assert len(revision.edits) == 6
    terminal = str(render(revision, "terminal", color=False, width=200))
    assert terminal.count("Use a non-breaking space") == 3
    assert "… and 3 more of this kind (tie-before-reference" in terminal
    assert "by rule: tie-before-reference 6" in terminal
    assert str(render(revision, "gnu")).count("non-breaking") == 6  # machine formats keep every edit
