"""The offline lint cache: an unchanged rerun builds no linter, an edit relints only what changed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from revise import document
from revise.cache import Cache
from revise.engines import lintcache
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer, open_reviewer
from revise.latex.segment import Paragraph, segment

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conclusion.tex"


def paragraphs_of(text: str) -> tuple[Paragraph, ...]:
    return segment(document.SourceFile("t.tex", None, text)).paragraphs


class Spy(OfflineReviewer):
    """An offline reviewer that records how many paragraph views each Harper pass was given."""

    linted: list[int]

    def _grammar(self, views, words, linters):  # type: ignore[no-untyped-def]
        self.linted = [*getattr(self, "linted", []), len(views)]
        return super()._grammar(views, words, linters)


def as_tuples(review) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [(s.paragraph, s.span, s.original, s.versions, s.rule, s.issue) for s in review.suggestions]


@pytest.fixture(scope="module")
def example() -> tuple[Paragraph, ...]:
    return segment(document.read(EXAMPLE)[0]).paragraphs


def test_an_unchanged_rerun_builds_no_linter_and_gives_the_same_edits(
    tmp_path: Path, example: tuple[Paragraph, ...]
) -> None:
    path = tmp_path / "cache.sqlite3"
    first = Spy(cache=Cache(path))
    before = first.review(example, ReviewContext())
    again = Spy(cache=Cache(path))
    after = again.review(example, ReviewContext())
    assert first.linted == [len(example)] and first._linters
    assert not hasattr(again, "linted") and again._linters == []
    assert as_tuples(after) == as_tuples(before) and before.suggestions


def test_editing_one_paragraph_relints_only_that_paragraph(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraph {n} says that the results was clear." for n in range(6))
    cache = Cache(tmp_path / "cache.sqlite3")
    Spy(cache=cache).review(paragraphs_of(text), ReviewContext())
    edited = text.replace("Paragraph 3 says that the results was", "Paragraph 3 says that the result was")
    spy = Spy(cache=cache)
    review = spy.review(paragraphs_of(edited), ReviewContext())
    assert spy.linted == [1]
    fresh = OfflineReviewer().review(paragraphs_of(edited), ReviewContext())
    assert as_tuples(review) == as_tuples(fresh)


def test_the_versions_asked_for_apply_to_cached_findings(tmp_path: Path, example) -> None:  # type: ignore[no-untyped-def]
    cache = Cache(tmp_path / "cache.sqlite3")
    OfflineReviewer(cache=cache).review(example, ReviewContext(versions=3))
    one = OfflineReviewer(cache=cache).review(example, ReviewContext(versions=1))
    assert one.suggestions and all(len(s.versions) == 1 for s in one.suggestions)


SETTINGS = lintcache.LintSettings(
    "revise 1, harper-py 2", "american", ("Spaces",), frozenset({"LiDAR", "toroidal"})
)


@pytest.mark.parametrize(
    "changed",
    [
        replace(SETTINGS, engine="revise 1, harper-py 3"),
        replace(SETTINGS, dialect="british"),
        replace(SETTINGS, disabled=("Spaces", "OxfordComma")),
        replace(SETTINGS, words=frozenset({"LiDAR", "toroidal", "GNSS"})),  # a name keys every paragraph
        replace(SETTINGS, words=frozenset({"LiDAR"})),  # a word this paragraph uses
    ],
    ids=["engine", "dialect", "rules", "names", "used-word"],
)
def test_the_key_changes_with_everything_that_shapes_findings(changed: lintcache.LintSettings) -> None:
    text = ["A toroidal field was measured."]
    assert SETTINGS.keys(text, lambda w: ()) != changed.keys(text, lambda w: ())


def test_a_plain_word_keys_only_the_paragraphs_that_use_it() -> None:
    texts = ["A toroidal field.", "Another paragraph."]
    more = replace(SETTINGS, words=SETTINGS.words | {"poloidal"})
    assert SETTINGS.keys(texts, lambda w: ()) == more.keys(texts, lambda w: ())
    # ... or whose words have it as a stem the derivation check looks up.
    assert SETTINGS.keys(["Poloidals."], lambda w: ()) == more.keys(["Poloidals."], lambda w: ())
    assert SETTINGS.keys(["Poloidals."], lambda w: ("poloidal",)) != more.keys(
        ["Poloidals."], lambda w: ("poloidal",)
    )


def test_a_damaged_entry_is_linted_again(tmp_path: Path, example: tuple[Paragraph, ...]) -> None:
    path = tmp_path / "cache.sqlite3"
    before = OfflineReviewer(cache=Cache(path)).review(example, ReviewContext())
    with sqlite3.connect(path) as db:
        db.execute("UPDATE lints SET findings = 'not json'")
    spy = Spy(cache=Cache(path))
    assert as_tuples(spy.review(example, ReviewContext())) == as_tuples(before)
    assert spy.linted == [len(example)]


def test_open_reviewer_follows_the_no_cache_setting() -> None:
    class Settings:
        cache = False
        dialect = None
        words = ()

    assert open_reviewer(Settings()).cache is None
    assert open_reviewer().cache is not None


def test_the_command_fills_the_cache_and_no_cache_leaves_it_alone(tmp_path: Path) -> None:
    def run(*extra: str) -> list[dict[str, object]]:
        env = {"REVISE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "", "REVISE_NO_WORKER": "1"}
        command = [sys.executable, "-m", "revise", str(EXAMPLE), "--engine", "offline", "--format", "json"]
        done = subprocess.run([*command, *extra], capture_output=True, text=True, env=env, check=True)
        return json.loads(done.stdout)["edits"]  # type: ignore[no-any-return]

    uncached = run("--no-cache")
    assert not (tmp_path / "cache").exists()
    assert run() == uncached == run()
    with sqlite3.connect(tmp_path / "cache" / "replies.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM lints").fetchone()[0] > 0


def test_an_edit_the_linter_cannot_see_relints_nothing(tmp_path: Path) -> None:
    text = "The results was clear $x$ here.\n\nA second paragraph say little."
    cache = Cache(tmp_path / "cache.sqlite3")
    before = OfflineReviewer(cache=cache).review(paragraphs_of(text), ReviewContext())
    spy = Spy(cache=cache)
    after = spy.review(paragraphs_of(text.replace("$x$", "$y_1$")), ReviewContext())
    assert not hasattr(spy, "linted")
    assert [s.original for s in after.suggestions] == [s.original for s in before.suggestions]
