"""A dress parses whole or not at all: emphasis around labels and numbers, table rows continued or refused,
quotes stripped only when they pair, cut-off values refused with a reason and never applied."""

from __future__ import annotations

import pytest

from revise import document
from revise.edits import Status, Suggestion
from revise.engines.base import Review
from revise.pipeline import apply, finish, load
from revise.replies import parse_reply

OLD, NEW = "the cat sat on the mat", "the cat sits on the mat"
DOC = (
    "\\documentclass{article}\n\\begin{document}\nWe saw that the cat sat on the mat today.\n\n"
    "Later a dogs barks at the moon.\n\\end{document}\n"
)


def _points(suggestions: list[Suggestion]) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(s.original, s.versions, s.refused) for s in suggestions]


@pytest.mark.parametrize(
    "reply",
    [
        f'**1. Original:** "{OLD}"\n**Revised:** "{NEW}"\n**Reason:** tense',
        f'1. **Original**: "{OLD}"\n   **Revised**: "{NEW}"',
        f'**Original (1):** "{OLD}"\n**Revised (1):** "{NEW}"',
        f'__Original__: "{OLD}"\n__Revised__: "{NEW}"',
        f'**2) Original**: "{OLD}"\n**Revised**: "{NEW}"',
        f'**1.** Original: "{OLD}"\nRevised: "{NEW}"',
    ],
)
def test_emphasis_around_or_inside_labels_and_numbers_is_read(reply: str) -> None:
    assert _points(parse_reply(reply)) == [(OLD, (NEW,), None)]


def test_a_table_cell_broken_by_a_line_break_joins_the_cell_it_continues() -> None:
    reply = (
        "| Original | Revised | Reason |\n|---|---|---|\n"
        f"| {OLD} | the cat sits\non the mat | tense |\n| a dogs barks | a dog barks | agreement |\n"
    )
    assert _points(parse_reply(reply)) == [(OLD, (NEW,), None), ("a dogs barks", ("a dog barks",), None)]


def test_a_table_row_short_of_cells_is_refused_and_the_next_rows_still_read() -> None:
    reply = (
        "| Original | Revised | Reason |\n|---|---|---|\n"
        f"| {OLD} | the cat sits |\n| a dogs barks | a dog barks | agreement |\n"
    )
    refused, kept = parse_reply(reply)
    assert refused.versions == () and "2 cells where the header has 3" in (refused.refused or "")
    assert (kept.original, kept.versions, kept.refused) == ("a dogs barks", ("a dog barks",), None)


def test_outer_quotes_are_stripped_only_when_the_inner_ones_pair() -> None:
    [s] = parse_reply('Original: "he said "hi" to me"\nRevised: "he said "hello" to me"')
    assert (s.original, s.versions) == ('he said "hi" to me', ('he said "hello" to me',))
    [s] = parse_reply('Original: "a" and "b"\nRevised: "a" or "b"')
    assert (s.original, s.versions) == ('"a" and "b"', ('"a" or "b"',))


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (f'Original: "{OLD}"\nRevised: "the cat sits on', "pairs with no other"),
        (f'Original: "{OLD}"\nRevised: “the cat sits on', "never closed"),
        (f'Original: "{OLD}"\nRevised: the cat sits on the mat”', "never opened"),
        (f'Original: "{OLD}\nRevised: "{NEW}"', "pairs with no other"),
        (f'1. Original: "{OLD}"\n   Revised:\n   Reason: tense', "no text"),
        (f'Original:\nRevised: "{NEW}"', "no text"),
    ],
)
def test_a_cut_off_or_empty_value_refuses_its_point_with_a_reason(reply: str, why: str) -> None:
    [s] = parse_reply(reply)
    assert s.versions == () and why in (s.refused or "")


def test_a_refused_point_does_not_take_the_next_points_reason() -> None:
    reply = f'1. Original: "{OLD}"\n   Revised:\n   Reason: tense\n\n2. Original: "a dogs barks"\n   Revised: "a dog barks"'
    refused, kept = parse_reply(reply)
    assert refused.refused and (kept.original, kept.versions, kept.issue) == (
        "a dogs barks",
        ("a dog barks",),
        "",
    )


def test_a_block_quote_line_without_its_marker_continues_the_quote() -> None:
    reply = "Revised paragraph 2:\n> Later a dog barks at\nthe moon.\n\nThanks!"
    [s] = parse_reply(reply)
    assert s.versions == ("Later a dog barks at\nthe moon.",) and s.paragraph == 1


def test_a_refused_point_is_reported_unanchored_and_never_applied() -> None:
    source, _ = document.decode(DOC.encode(), "doc.tex")
    segmentation, paragraphs = load(source)
    reply = f'1. Original: "{OLD}"\n   Revised: "the cat sits on\n\n2. Original: "a dogs barks"\n   Revised: "a dog barks"'
    revision = finish(
        segmentation, paragraphs, Review(tuple(parse_reply(reply))), "reply", None, file="doc.tex"
    )
    first, second = revision.edits
    assert first.status is Status.UNANCHORED and "does not parse whole" in (first.reason or "")
    assert second.status is Status.OK
    assert apply(revision)["doc.tex"] == DOC.replace("a dogs barks", "a dog barks")


@pytest.mark.parametrize(
    "reply",
    [
        f"Original: {OLD}\nRevised: the cat sits on",
        f"1. Original:\n```latex\n{OLD}\n```\nRevised:\n```latex\nthe cat sits o",
        f"| Original | Revised |\n|---|---|\n| {OLD} | the cat sits on th",
        f"**1.** ~~{OLD}~~ → **the cat sits on",
        "1. a ~~dogs~~ **dog** barks at the mo",
    ],
)
def test_a_reply_cut_off_inside_its_last_revised_text_refuses_that_point(reply: str) -> None:
    *_, last = parse_reply(reply)
    assert last.versions == () and last.refused


@pytest.mark.parametrize(
    "reply",
    [
        f"Original: {OLD}\nRevised: {NEW}\n",
        f'Original: "{OLD}"\nRevised: "the cat sits on a mat, purring"',
        f"Original: {OLD}\nRevised: the cat sits on the mat\nReason: tense",
    ],
)
def test_a_reply_ending_with_a_whole_revised_text_keeps_it(reply: str) -> None:
    [s] = parse_reply(reply)
    assert s.versions and s.refused is None


def test_a_rewrite_the_reply_ends_inside_is_kept_only_when_it_ends_whole() -> None:
    source, _ = document.decode(DOC.encode(), "doc.tex")
    segmentation, paragraphs = load(source)

    def edits(reply: str) -> list[tuple[Status, str | None]]:
        review = Review(tuple(parse_reply(reply)))
        revision = finish(segmentation, paragraphs, review, "reply", None, file="doc.tex")
        return [(e.status, e.reason) for e in revision.edits]

    [(status, reason)] = edits("Paragraph 2, Version 1:\nLater a dog barks at the mo")
    assert status is Status.UNANCHORED and "cut off" in (reason or "")
    assert edits("Paragraph 2, Version 1:\nLater a dog barks at the ...") == [(Status.OK, None)]
    assert edits("Paragraph 2, Version 1:\nLater a dog barks at the moon.") == [(Status.OK, None)]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (f"**Texte original :** « {OLD} »\n**Proposition\n:** « {NEW} »", (OLD, (NEW,))),
        (f"- Original: “{OLD}”\n- Option\nA: “{NEW}”", (OLD, (NEW,))),
        (f"Original: „{OLD}“\n_Vorschlag: „{NEW}“_", (OLD, (NEW,))),
        (f'Original: "{OLD}"\nRevised: "{NEW}"\n**', (OLD, (NEW,))),
    ],
)
def test_damage_a_stated_rule_repairs_is_read_whole(
    reply: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    [s] = parse_reply(reply)
    assert (s.original, s.versions, s.refused) == (*expected, None)


@pytest.mark.parametrize(
    "reply",
    [
        f"Original: {OLD}\nRevised: the cat sits” on the mat",
        f"Original: {OLD}\nRevised: the cat **sits on the mat",
        f"Original: {OLD}\nRevised: `the cat sits` on the mat",
    ],
)
def test_a_value_with_a_stray_mark_inside_is_refused(reply: str) -> None:
    [s] = parse_reply(reply)
    assert s.versions == () and s.refused


def test_a_diff_line_broken_by_a_raw_line_break_refuses_its_hunk_only() -> None:
    reply = f"```diff\n- {OLD}\n+ the cat sits on\nthe mat\n- a dogs barks\n+ a dog barks\n```\n"
    refused, kept = parse_reply(reply)
    assert refused.refused and "without a sign" in refused.refused
    assert (kept.original, kept.versions) == ("a dogs barks", ("a dog barks",))
