"""The terminal report: context read from the anchor, short views of long paragraphs, unplaced edits."""

from __future__ import annotations

import pytest
from cases import CASES
from revision_builder import Spec, build

from revise.edits import Status
from revise.engines.base import Usage
from revise.render import render
from revise.render.terminal import diff_text

# Written for this test: 400 distinct words, so every shown word can be traced to the paragraph.
LONG = " ".join(f"word{i}" for i in range(400))


def _terminal(revision: object, width: int = 100) -> str:
    return str(render(revision, "terminal", color=False, width=width))  # type: ignore[arg-type]


def test_a_small_edit_in_a_400_word_paragraph_shows_under_60_of_its_words() -> None:
    revision = build({"long.tex": LONG.encode()}, [Spec("word200", ("changed",), file="long.tex")])
    out = _terminal(revision)
    assert "… word196 word197 word198 word199 [-word200-]{+changed+} word201 word202 word203 word204 …" in out
    shown = [w for w in out.replace("[-", " ").replace("-]", " ").split() if w.startswith("word")]
    assert len(shown) < 60


def test_context_is_read_from_the_anchor_not_searched() -> None:
    # The same quote twice: the second occurrence must show its own neighbours.
    text = b"First the the cat sat here. Then later the the dog ran away."
    revision = build({"twice.tex": text}, [Spec("the the", ("the",), file="twice.tex", occurrence=1)])
    out = _terminal(revision)
    assert "… here. Then later the [-the-] dog ran away." in out
    assert "cat" not in out


def test_context_never_crosses_into_the_next_paragraph() -> None:
    text = b"One two three four five six seven.\n\nNext paragraph here."
    revision = build({"two.tex": text}, [Spec("seven", ("eight",), file="two.tex")])
    out = _terminal(revision)
    assert "Next" not in out
    assert "[-seven-]{+eight+}." in out


def test_colour_dims_the_context_but_not_the_quote() -> None:
    revision = build(
        {"c.tex": b"Before words here we shows it after."}, [Spec("we shows", ("we show",), file="c.tex")]
    )
    out = str(render(revision, "terminal", color=True, width=100))
    assert "\x1b[2mBefore words here\x1b[0m we \x1b[9;31mshows\x1b[0m\x1b[32mshow\x1b[0m" in out


def test_a_removed_space_is_a_visible_struck_mark_in_colour() -> None:
    out = str(render(CASES["spacing"](), "terminal", color=True, width=100))
    assert "7\x1b[9;31m␣\x1b[0m\\%" in out


def test_long_unchanged_tokens_are_cut_but_changed_ones_are_not() -> None:
    note = "\\footnote{" + "very " * 20 + "long}"
    shown = diff_text("a b", "a c", color=False, before=f"x {note} y ", after="").plain
    assert "\\footnote{very very very very…}" in shown
    changed = diff_text(note, note.replace("long", "short"), color=False).plain
    assert "very " * 19 in changed


def test_a_version_equal_to_the_quote_says_so_instead_of_printing_the_paragraph() -> None:
    assert diff_text("same", "same", color=False, before=LONG, after=LONG).plain == "(no change)"


def test_cjk_context_keeps_a_few_characters_each_side() -> None:
    shown = diff_text(
        "了", "", color=False, before="我们今天提出", after="一个新方法，它在真实数据上表现很好。"
    ).plain
    assert shown == "我们今天提出[-了-]一个新方法，它在 …"


@pytest.mark.parametrize(
    ("status", "reason"), [(Status.UNANCHORED, "quote not found"), (Status.AMBIGUOUS, "quote occurs 2 times")]
)
def test_unplaced_edits_show_reason_quote_hint_and_a_diff_against_the_quote(
    status: Status, reason: str
) -> None:
    spec = Spec(
        "the baseline find only",
        ("the baseline finds only",),
        file=None,
        status=status,
        reason=reason,
        hint="while the baseline finds only 60\\%",
        paragraph=0,
    )
    out = _terminal(build({"paper.tex": b"Our method works, while the baseline finds only 60\\%."}, [spec]))
    lines = out.splitlines()
    assert lines[1] == f"   {status.value}: {reason}"
    assert lines[2] == "     Wording."
    assert lines[3] == "   quote the baseline find only"
    assert lines[4] == "   hint  while the baseline finds only 60\\%"
    assert lines[5] == "   1     the baseline [-find-]{+finds+} only"


def test_a_long_unplaced_quote_is_clipped() -> None:
    spec = Spec(
        LONG, (LONG.replace("word7 ", "X "),), file=None, status=Status.UNANCHORED, reason="not found"
    )
    out = _terminal(build({"long.tex": b"Some text."}, [spec]), width=120)
    assert "word20 " in out
    assert "…" in out.split("   1 ")[0]
    assert "word300" not in out


def test_summary_describes_usage_only_for_model_runs() -> None:
    used = build(
        {"a.tex": b"a b"}, [], usage=Usage(requests=2, cached=1, prompt_tokens=10, completion_tokens=5)
    )
    assert "3 requests (1 from cache), 10 prompt + 5 completion tokens" in _terminal(used)
    assert "request" not in _terminal(build({"a.tex": b"a b"}, []))


def test_a_huge_paragraph_still_shows_the_words_next_to_the_edit() -> None:
    text = " ".join(f"w{i}" for i in range(5000)).encode()
    revision = build({"huge.tex": text}, [Spec("w2500", ("X",), file="huge.tex")])
    assert "… w2496 w2497 w2498 w2499 [-w2500-]{+X+} w2501 w2502 w2503 w2504 …" in _terminal(revision)
