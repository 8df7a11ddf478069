"""Chat answers in the dresses people paste besides labelled points: one-line edits, prose instructions,
strikethrough, diffs, rewrites under headings, point headings; and prose that carries no edit."""

from __future__ import annotations

import pytest

from revise.edits import Suggestion
from revise.errors import ReplyError
from revise.replies import parse_reply

OLD, NEW = "the cat sat on the mat", "the cat sits on the mat"


def _points(suggestions: list[Suggestion]) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.original, s.versions) for s in suggestions]


@pytest.mark.parametrize(
    "reply",
    [
        f"**1.** ~~{OLD}~~ → **{NEW}**\n*Tense.*",
        f"- ~~{OLD}~~ → {NEW} — tense",
        f"~~{OLD}~~ **{NEW}**",
        f'Replace "{OLD}" with "{NEW}".',
        f"2. Change “{OLD}” to “{NEW}” for tense agreement.",
        f'"{OLD}" should be "{NEW}" (tense)',
        f'I suggest changing "{OLD}" to "{NEW}".',
        f'Instead of "{OLD}", write "{NEW}".',
        f'Use "{NEW}" instead of "{OLD}".',
        f"- `{OLD}` → `{NEW}`",
        f"Replace ``{OLD}'' with ``{NEW}''.",
        f"- {OLD} → {NEW}",
        f"* {OLD} -> {NEW} (Tense)",
        f"1. {OLD} => {NEW}",
        f"将“{OLD}”改为“{NEW}”。",
        f"把{OLD}改成{NEW}",
        f"“{OLD}”应改为“{NEW}”。",
        f"用“{NEW}”代替“{OLD}”",
        f"「{OLD}」を「{NEW}」に変更",
        f"**Suggestion 1:** Replace ‘{OLD}’ with ‘{NEW}’.",
        f"| # | Change | Why |\n|---|---|---|\n| 1 | “{OLD}” → “{NEW}” | tense |",
    ],
)
def test_one_line_edit_is_read(reply: str) -> None:
    assert _points(parse_reply(reply)) == [(OLD, (NEW,))]


def test_track_changes_keep_the_words_around_the_change() -> None:
    reply = "1. the cat ~~sat~~ **sits** on the mat — tense\n2. a [-dogs-]{+dog+} barks\n"
    assert _points(parse_reply(reply)) == [(OLD, (NEW,)), ("a dogs barks", ("a dog barks",))]
    reply = "1. the cat ~~sat~~ **sits** on the mat\n2. a **big** dog barks\n"
    assert _points(parse_reply(reply))[1] == ("a dog barks", ("a big dog barks",))


def test_instruction_lists_its_alternatives_as_versions() -> None:
    [s] = parse_reply(f'Replace "{OLD}" with "{NEW}" or "the cat is sitting on the mat".')
    assert s.versions == (NEW, "the cat is sitting on the mat")


def test_reason_under_a_one_line_edit_is_its_issue() -> None:
    [s] = parse_reply(f"**1.** ~~{OLD}~~ → **{NEW}**\n*Tense agreement.*\n")
    assert s.issue == "Tense agreement."


def test_diff_fence_gives_one_edit_per_hunk() -> None:
    reply = f"```diff\n--- a/paper.tex\n+++ b/paper.tex\n@@ -3 +3 @@\n- {OLD}\n+ {NEW}\n  unchanged\n- a dogs\n- barks\n+ a dog barks\n```\n"
    assert _points(parse_reply(reply)) == [(OLD, (NEW,)), ("a dogs\nbarks", ("a dog barks",))]


def test_diff_insertion_revises_the_line_before_it() -> None:
    [s] = parse_reply("```diff\n  The first line.\n+ An added line.\n```\n")
    assert (s.original, s.versions) == ("The first line.", ("The first line.\nAn added line.",))


REWRITE = "These phrases are then used to assign soft labels to many examples."


@pytest.mark.parametrize(
    ("reply", "hint"),
    [
        (f"Here is a revised version of paragraph 2:\n\n> {REWRITE}\n", 1),
        (f"**Revised paragraph 3:**\n\n{REWRITE}\n", 2),
        (f"### Paragraph 4 (revised)\n```latex\n{REWRITE}\n```\n", 3),
        (f"Revised version of paragraph 5:\n{REWRITE}\n\nThis fixes the typo.\n", 4),
        (f"And paragraph 8:\n\n> {REWRITE}\n", 7),
        (f"第2段修改后：\n\n{REWRITE}\n", 1),
        (f"Polished version:\n\n{REWRITE}\n", None),
        (f"Rewritten:\n\n> {REWRITE}\n", None),
        (f"修改后的段落：\n{REWRITE}\n", None),
        (f"Here is the paragraph with my edits:\n\n```\n{REWRITE}\n```\n", None),
    ],
)
def test_rewrite_under_a_heading_is_a_whole_paragraph_rewrite(reply: str, hint: int | None) -> None:
    [s] = parse_reply(reply)
    assert (s.elided, s.paragraph, s.versions) == (True, hint, (REWRITE,))


def test_several_paragraphs_under_one_heading_are_several_rewrites_and_remarks_are_not() -> None:
    reply = (
        f"Here's a polished version:\n\n{REWRITE}\n\nA second paragraph of the text,\nover two lines.\n\n"
        "**Key changes:**\n- Fixed a typo.\n\nLet me know if you need more.\n"
    )
    assert [s.versions[0] for s in parse_reply(reply)] == [
        REWRITE,
        "A second paragraph of the text,\nover two lines.",
    ]


def test_original_and_revised_paragraph_headings_make_one_point() -> None:
    reply = f"The original paragraph:\n> {OLD}\n\nThe revised paragraph:\n> {NEW}\n"
    assert _points(parse_reply(reply)) == [(OLD, (NEW,))]


@pytest.mark.parametrize(
    "reply",
    [
        f"Point 1:\nOriginal: `{OLD}`\nRevised: `{NEW}`\n\nPoint 2: Number\nOriginal: `a dogs barks`\nRevised: `a dog barks`",
        f"1.\n**Original:** “{OLD}”\n**Revised:** “{NEW}”\n\n2.\n**Original:** “a dogs barks”\n**Revised:** “a dog barks”",
        f"### Issue 1 — tense\n- Current: ``{OLD}''\n- Proposed: ``{NEW}''\n\n### Issue 2 — number\n- Current: "
        "``a dogs barks''\n- Proposed: ``a dog barks''",
        f"Comment 1: tense\n- **Before:** {OLD}\n- **After:** {NEW}\n\nComment 2: number\n- **Before:** a dogs barks\n"
        "- **After:** a dog barks",
        f"（1）原文：{OLD}\n修改后：{NEW}\n（2）原文：a dogs barks\n修改后：a dog barks",
    ],
)
def test_points_under_item_headings_or_bare_numbers_are_read(reply: str) -> None:
    assert _points(parse_reply(reply)) == [(OLD, (NEW,)), ("a dogs barks", ("a dog barks",))]


def test_numbered_versions_after_an_original_are_not_point_headings() -> None:
    [s] = parse_reply(
        f"1. **原文：**「{OLD}」\n   **修改1：**「{NEW}」\n   **修改2：**「the cat is sitting on the mat」"
    )
    assert s.versions == (NEW, "the cat is sitting on the mat")


def test_bold_words_in_a_revised_text_are_its_words() -> None:
    [s] = parse_reply(f"Original: {OLD}\nRevised: the cat **sits** on the mat\n")
    assert s.versions == (NEW,)


def test_explanation_inside_a_point_is_not_another_edit() -> None:
    reply = f"1. Original: {OLD}\n   Revised: {NEW}\n   Changed “sat” to “sits” for tense.\n"
    assert _points(parse_reply(reply)) == [(OLD, (NEW,))]


@pytest.mark.parametrize(
    "reply",
    [
        "You might want to replace the passive constructions with active ones.",
        'Consider replacing "utilize" throughout the paper.',
        f'I would not change "{OLD}" to "{NEW}"; the past tense is right here.',
        "- Input → model → output is a clear pipeline figure.",
        "**Suggestion:** add a citation for the second claim.",
        "Paragraph 3: the second sentence is too long.",
        "Here is my assessment:\n\nThe paper reads well and I have no changes to suggest.",
        "```python\nx = y ** 2\n```",
    ],
)
def test_prose_without_an_edit_is_a_reply_error(reply: str) -> None:
    with pytest.raises(ReplyError):
        parse_reply(reply)


def test_arrow_on_the_next_line_continues_the_edit() -> None:
    [s] = parse_reply(f"1. **“{OLD}”**\n   → **“{NEW}”**\n   *(tense)*\n")
    assert (s.original, s.versions) == (OLD, (NEW,))


def test_quoted_paragraph_then_a_revision_label_is_one_point() -> None:
    [s] = parse_reply(f"**Paragraph 2**\n> {OLD}\n\n**Suggested revision**\n> {NEW}\n")
    assert (s.original, s.versions, s.elided) == (OLD, (NEW,), False)


def test_ellipsis_shared_by_a_shortened_quote_and_its_version_is_dropped() -> None:
    [s] = parse_reply('1. "the cat sat on…" → "the cat sits on…"\n')
    assert (s.original, s.versions) == ("the cat sat on…", ("the cat sits on",))


def test_list_item_under_a_paragraph_heading_is_an_edit_not_a_rewrite() -> None:
    [s] = parse_reply("**Paragraph 2**\n\n- Correct the typo: Theses → These.\n")
    assert (s.original, s.versions, s.elided) == ("Theses", ("These",), False)
