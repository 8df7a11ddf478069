"""Every block of a reply is read, in order: several JSON objects or fenced blocks (each under its own
paragraph heading or with its own ``"paragraph"``), and points, tables and rewrites mixed with them."""

from __future__ import annotations

import json

from revise.edits import Suggestion
from revise.replies import parse_reply


def _edit(original: str, version: str, **extra: object) -> str:
    return json.dumps({"edits": [{"original": original, "issue": "why", "versions": [version], **extra}]})


def _read(reply: str) -> list[tuple[str, tuple[str, ...], int | None]]:
    return [(s.original, s.versions, s.paragraph) for s in parse_reply(reply)]


def test_several_fenced_json_blocks_are_read_each_with_its_headings_paragraph() -> None:
    reply = (
        f"Paragraph 1:\n```json\n{_edit('the cat sat', 'the cat sits')}\n```\n\n"
        f"**Paragraph 3**\n```json\n{_edit('a dogs barks', 'a dog barks')}\n```\n\n"
        f"```json\n{_edit('the moon', 'the Moon', paragraph=5)}\n```\n"
    )
    assert _read(reply) == [
        ("the cat sat", ("the cat sits",), 0),
        ("a dogs barks", ("a dog barks",), 2),
        ("the moon", ("the Moon",), 5),
    ]


def test_several_bare_json_objects_are_read_in_order() -> None:
    reply = f"{_edit('the cat sat', 'the cat sits')}\n{_edit('a dogs barks', 'a dog barks', paragraph=7)}\n"
    assert _read(reply) == [("the cat sat", ("the cat sits",), None), ("a dogs barks", ("a dog barks",), 7)]


def test_json_points_tables_and_rewrites_mixed_in_one_reply_all_count() -> None:
    reply = (
        f"```json\n{_edit('the cat sat', 'the cat sits')}\n```\n\n"
        '1. Original: "a dogs barks"\n   Revised: "a dog barks"\n\n'
        '3. "the moon" → "the Moon"\n\n'
        "| Original | Revised | Reason |\n|---|---|---|\n| teh end | the end | typo |\n\n"
        "Paragraph 4, Version 1:\nThe results ... are shown in the second table.\n"
    )
    found = parse_reply(reply)
    assert [(s.original, s.versions) for s in found[:4]] == [
        ("the cat sat", ("the cat sits",)),
        ("a dogs barks", ("a dog barks",)),
        ("the moon", ("the Moon",)),
        ("teh end", ("the end",)),
    ]
    rewrite: Suggestion = found[4]
    assert rewrite.elided and rewrite.paragraph == 3 and len(found) == 5


def test_json_that_holds_no_edit_stays_part_of_the_text() -> None:
    reply = 'The vector [1, 2] and {"a": 1} are fine.\nOriginal: "the cat sat"\nRevised: "the cat sits"'
    assert _read(reply) == [("the cat sat", ("the cat sits",), None)]


def test_a_point_pasted_twice_is_read_once() -> None:
    point = 'Original: "the cat sat"\nRevised: "the cat sits"\n\n'
    assert _read(point + point) == [("the cat sat", ("the cat sits",), None)]
    assert _read(f"{_edit('the cat sat', 'the cat sits')}\n\n{point}") == [
        ("the cat sat", ("the cat sits",), None)
    ]
