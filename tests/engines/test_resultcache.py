"""The whole answer kept per document: an unchanged rerun reads one row, and only what the row was made from
can serve it (the versions asked for, where the paragraphs sit, the user's words, the rules chosen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from revise import document
from revise.cache import Cache
from revise.engines import lintcache, resultcache
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer
from revise.latex.segment import Paragraph, segment

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conclusion.tex"
# Two identical paragraphs, each with a repeated word and a misspelling.
TWINS = (
    "We measured the the drift of the seperate channels.\n\n"
    "We measured the the drift of the seperate channels.\n"
)


class Counting(OfflineReviewer):
    """An offline reviewer that counts how often it worked an answer out instead of reading it."""

    worked = 0

    def _work(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.worked += 1
        return super()._work(*args, **kwargs)


def paragraphs_of(text: str) -> tuple[Paragraph, ...]:
    return segment(document.SourceFile("t.tex", None, text)).paragraphs


def answer(review) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [
        (s.paragraph, s.span, s.original, s.versions, s.rule, s.confidence, s.category)
        for s in review.suggestions
    ]


@pytest.fixture(scope="module")
def example() -> tuple[Paragraph, ...]:
    return segment(document.read(EXAMPLE)[0]).paragraphs


def test_an_unchanged_rerun_is_read_whole_and_equals_the_answer_worked_out(
    tmp_path: Path, example: tuple[Paragraph, ...]
) -> None:
    path = tmp_path / "cache.sqlite3"
    first = Counting(cache=Cache(path))
    worked_out = first.review(example, ReviewContext())
    again = Counting(cache=Cache(path))
    read = again.review(example, ReviewContext())
    assert first.worked == 1 and again.worked == 0
    assert answer(read) == answer(worked_out) and len(worked_out.suggestions) >= 15
    uncached = OfflineReviewer().review(example, ReviewContext())
    assert answer(read) == answer(uncached)


def test_another_number_of_versions_is_another_answer(tmp_path: Path, example: tuple[Paragraph, ...]) -> None:
    path = tmp_path / "cache.sqlite3"
    three = Counting(cache=Cache(path)).review(example, ReviewContext(versions=3))
    reviewer = Counting(cache=Cache(path))
    one = reviewer.review(example, ReviewContext(versions=1))
    assert reviewer.worked == 1  # not served from the three-version row
    assert max(len(s.versions) for s in three.suggestions) > 1
    assert all(len(s.versions) == 1 for s in one.suggestions)


def test_the_same_text_at_another_place_is_another_answer(tmp_path: Path) -> None:
    first, second = paragraphs_of(TWINS)
    assert first.masked.text == second.masked.text
    path = tmp_path / "cache.sqlite3"
    on_first = Counting(cache=Cache(path)).review([first], ReviewContext())
    on_second = Counting(cache=Cache(path)).review([second], ReviewContext())
    assert {s.paragraph for s in on_first.suggestions} == {first.index}
    assert {s.paragraph for s in on_second.suggestions} == {second.index}


def test_the_users_words_are_part_of_the_answer(tmp_path: Path) -> None:
    paragraphs = paragraphs_of(TWINS)[:1]
    path = tmp_path / "cache.sqlite3"
    plain = Counting(cache=Cache(path)).review(paragraphs, ReviewContext())
    taught = Counting(cache=Cache(path), words=["seperate"]).review(paragraphs, ReviewContext())
    assert "seperate" in {s.original for s in plain.suggestions}
    assert "seperate" not in {s.original for s in taught.suggestions}


def test_a_damaged_row_is_worked_out_again(tmp_path: Path, example: tuple[Paragraph, ...]) -> None:
    path = tmp_path / "cache.sqlite3"
    worked_out = OfflineReviewer(cache=Cache(path)).review(example, ReviewContext())
    cache = Cache(path)
    reviewer = Counting(cache=cache, dialect="american")
    settings = reviewer.lint_settings()
    whole = lintcache.document_key(settings, [example[0].file.text], [p.masked.text for p in example])
    row = resultcache.key(whole, [p.index for p in example], (), 3)
    assert resultcache.load(cache, row) is not None  # the row this test damages is the one the run wrote
    cache.put_lints({row: json.dumps([["only", "three", "fields"]])})
    again = reviewer.review(example, ReviewContext())
    assert reviewer.worked == 1 and answer(again) == answer(worked_out)


def _run(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env.update(REVISE_CACHE_DIR=str(cache), REVISE_NO_WORKER="1")
    code = "from revise.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)


def test_harpers_rule_names_are_known_on_a_rerun_that_builds_no_linter(tmp_path: Path) -> None:
    """`--disable RepeatedWords` on an unchanged rerun once failed: no linter, so no Harper names to check."""
    args = [str(EXAMPLE), "--engine", "offline", "--format", "json", "--disable", "RepeatedWords"]
    first = _run(args, tmp_path)
    again = _run(args, tmp_path)
    assert first.returncode == again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert "RepeatedWords" not in {e["rule"] for e in json.loads(first.stdout)["edits"]}
    # A name that is no rule is still refused on a rerun, as on a first run.
    wrong = _run([*args[:-1], "RepeatedWordz"], tmp_path)
    fresh = _run([*args[:-1], "RepeatedWordz"], tmp_path / "fresh")
    assert wrong.returncode == fresh.returncode != 0
    assert "'repeatedwordz'" in wrong.stderr and wrong.stderr == fresh.stderr
