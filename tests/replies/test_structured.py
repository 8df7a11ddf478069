"""Reading replies: the contract JSON, liberally, and chat answers pasted in every common dress."""

from __future__ import annotations

import pytest

from revise.edits import Suggestion
from revise.errors import ReplyError
from revise.replies import parse_reply

EDIT = '{"original": "the cat sat", "issue": "tense", "versions": ["the cat sits", "the cat is sitting"]}'


def _points(suggestions: list[Suggestion]) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.original, s.versions) for s in suggestions]


@pytest.mark.parametrize(
    "reply",
    [
        '{"edits": [' + EDIT + "]}",
        "[" + EDIT + "]",
        '```json\n{"edits": [' + EDIT + "]}\n```\n",
        'Sure! Here is my review:\n{"edits": [' + EDIT + "]}\nHope this helps.",
        '{"edits": [{"quote": "the cat sat", "reason": "tense", '
        '"revised": ["the cat sits", "the cat is sitting"]}]}',
        '{"suggestions": [{"original": "the cat sat", "explanation": "tense", '
        '"versions": [{"text": "the cat sits"}, {"text": "the cat is sitting"}]}]}',
    ],
)
def test_contract_json_is_read_in_any_wrapping(reply: str) -> None:
    [suggestion] = parse_reply(reply)
    assert suggestion.original == "the cat sat"
    assert suggestion.versions == ("the cat sits", "the cat is sitting")
    assert suggestion.issue == "tense"


def test_json_suggestion_key_and_paragraph_hint_are_kept() -> None:
    [s] = parse_reply('{"edits": [{"original": "a b", "suggestion": "a c", "paragraph": 4}]}')
    assert s.versions == ("a c",)
    assert s.paragraph == 4


def test_json_rewrite_without_quote_is_an_elided_suggestion() -> None:
    [s] = parse_reply('{"edits": [{"paragraph": 2, "versions": ["... the cat sits ..."]}]}')
    assert s.elided and s.paragraph == 2


POINTS = [("the cat sat on the mat", ("the cat sits on the mat",)), ("a dogs barks", ("a dog barks",))]

CHAT_DRESSES = {
    "bold labels": """Here are my suggestions:

1. **Original:** "the cat sat on the mat"
   **Revised:** "the cat sits on the mat"
   **Reason:** Tense agreement.

2. **Original:** "a dogs barks"
   **Suggested:** "a dog barks"
   **Explanation:** Number.

I hope these help!
""",
    "reason first": """1. **Issue:** Tense agreement.
   **Original:** the cat sat on the mat
   **Revision:** the cat sits on the mat
2. **Issue:** Number.
   **Original:** a dogs barks
   **Revision:** a dog barks
""",
    "block quotes": """### Edit 1
**Original**
> the cat sat on the mat

**Rewrite**
> the cat sits on the mat

*Why:* tense

### Edit 2
**Original**
> a dogs barks

**Rewrite**
> a dog barks
""",
    "code fences": """1. Original:
```latex
the cat sat on the mat
```
Revised:
```
the cat sits on the mat
```
2. Original:
```text
a dogs barks
```
Revised:
```text
a dog barks
```
""",
    "table": """| # | Original | Revised | Reason |
|---|----------|---------|--------|
| 1 | *the cat sat on the mat* | the cat sits on the mat | tense |
| 2 | "a dogs barks" | a dog barks | number |
""",
    "chinese": """以下是修改建议：

1. **原文：**「the cat sat on the mat」
   **修改后：**「the cat sits on the mat」
   **理由：**时态一致。

2. 原句：“a dogs barks”
   建议：“a dog barks”
   原因：单复数。
""",
    "french": """**Texte original :** « the cat sat on the mat »
**Proposition :** « the cat sits on the mat »
**Explication :** le temps.

**Texte original :** « a dogs barks »
**Proposition :** « a dog barks »
""",
    "german and spanish": """1) Original: „the cat sat on the mat“
   Vorschlag: „the cat sits on the mat“
   Begründung: Zeitform
2) Texto original: "a dogs barks"
   Sugerencia: "a dog barks"
   Motivo: número
""",
    "japanese": """1. 原文：「the cat sat on the mat」
   修正案：「the cat sits on the mat」
   理由：時制
2. 原文：「a dogs barks」
   修正案：「a dog barks」
""",
    "arrows": """Quick fixes:
1. "the cat sat on the mat" → "the cat sits on the mat" (tense)
2. “a dogs barks” -> “a dog barks” — number
""",
    "headings and italics": """## Suggestion 1
- *Original:* _the cat sat on the mat_
- *Suggestion:* `the cat sits on the mat`

## Suggestion 2
- *Original:* _a dogs barks_
- *Suggestion:* `a dog barks`
""",
}


@pytest.mark.parametrize("dress", sorted(CHAT_DRESSES))
def test_chat_reply_is_read_in_every_dress(dress: str) -> None:
    assert _points(parse_reply(CHAT_DRESSES[dress])) == POINTS


def test_several_numbered_versions_become_versions_of_one_point() -> None:
    reply = """1. **Original:** "x was done"
   **Revised (version 1):** "we did x"
   **Revised (version 2):** "x is done"
   **Reason:** voice.

Suggestion 2:
- Original: "y are"
- Option A: "y is"
- Option B: "y was"
- Explanation: agreement
"""
    assert _points(parse_reply(reply)) == [
        ("x was done", ("we did x", "x is done")),
        ("y are", ("y is", "y was")),
    ]


def test_multiline_quoted_value_keeps_its_line_break() -> None:
    reply = (
        '1. **Original:** "end of one line and\nthe next"\n   **Revised:** "end of a line and\nthe next"\n'
    )
    [s] = parse_reply(reply)
    assert s.original == "end of one line and\nthe next"
    assert s.versions == ("end of a line and\nthe next",)


def test_paragraph_versions_are_elided_rewrites_with_zero_based_hints() -> None:
    reply = """Paragraph 2, Version 1:
... the cat sits on ...

Paragraph 2, Version 2:
... the cat is sitting on ...

Paragraph 5, Version 1:
The dog barks … loudly.
"""
    suggestions = parse_reply(reply)
    assert [(s.paragraph, s.elided, len(s.versions)) for s in suggestions] == [(1, True, 2), (4, True, 1)]
    assert suggestions[0].versions == ("... the cat sits on ...", "... the cat is sitting on ...")


def test_unnumbered_version_blocks_are_separate_rewrites() -> None:
    reply = "Version 1:\n... the cat sits ...\n\nVersion 1:\n... a dog barks ...\n"
    assert [s.versions for s in parse_reply(reply)] == [("... the cat sits ...",), ("... a dog barks ...",)]


def test_chinese_paragraph_rewrite_is_read() -> None:
    [s] = parse_reply("第3段，版本1：\n…the cat sits…\n")
    assert s.elided and s.paragraph == 2 and s.versions == ("…the cat sits…",)


@pytest.mark.parametrize(
    "reply",
    ["", "   \n", "Thanks, the paper reads well; I have no changes to suggest.", '{"edits": []}'],
)
def test_reply_without_edits_is_a_reply_error(reply: str) -> None:
    with pytest.raises(ReplyError) as err:
        parse_reply(reply)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "reply",
    [
        "❌ Original sentence: the cat sat on the mat\n✅ Corrected sentence: the cat sits on the mat\n",
        'Change "the cat sat on the mat" to "the cat sits on the mat" (tense).',
        "将“the cat sat on the mat”改为“the cat sits on the mat”。",
        '{"edits": [{"original": "the cat sat on the mat", "versions": ["the cat sits on the mat",],},]}',
    ],
)
def test_less_common_dresses_are_read(reply: str) -> None:
    assert _points(parse_reply(reply)) == POINTS[:1]


def test_labels_on_one_line_and_listed_versions_are_split() -> None:
    reply = """1. Original: "the cat sat on the mat" | Revised: "the cat sits on the mat" | Reason: tense
2. **Original:** "a dogs barks"
   **Revised:**
   - "a dog barks"
   - "the dog barks"
"""
    assert _points(parse_reply(reply)) == [POINTS[0], ("a dogs barks", ("a dog barks", "the dog barks"))]


def test_paragraph_named_in_a_version_tag_becomes_the_hint() -> None:
    [s] = parse_reply("Version 1 (paragraph 3):\n... the cat sits ...\n")
    assert s.elided and s.paragraph == 2


def test_a_reply_nested_past_any_review_is_refused_before_a_parser_recurses_into_it() -> None:
    with pytest.raises(ReplyError, match="too deep"):
        parse_reply("[" * 50_000 + "]" * 50_000)
    # The contract's own nesting, with brackets inside strings, is no problem.
    assert parse_reply('{"edits": [{"original": "a [[[ b", "issue": "x", "versions": ["a b"]}]}')
