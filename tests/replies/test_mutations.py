"""A bounded mutation property: replies in every dress, damaged as a chat window damages them, never make an
ok edit write anything but the version the undamaged reply states, nor change a byte outside ok edits."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from revise import document
from revise.apply import replacement
from revise.edits import Status
from revise.engines.base import Review
from revise.errors import ReplyError
from revise.pipeline import apply, finish, load
from revise.replies import parse_reply

PARAGRAPHS = (
    "The survey covers twelve telescopes on three continents, and the data was reduced with a custom pipeline.",
    "Most of the results is shown in the second table, which list every night of the campaign.",
    "We thanks the staff of both observatories for their patience during the long winter.",
)
EDITS = (  # (quote, version): each quote occurs once in the document
    ("the data was reduced", "the data were reduced"),
    ("the results is shown", "the results are shown"),
    ("which list every night", "which lists every night"),
    ("We thanks the staff", "We thank the staff"),
)
DOC = "\\documentclass{article}\n\\begin{document}\n" + "\n\n".join(PARAGRAPHS) + "\n\\end{document}\n"


def _dresses() -> list[str]:
    labelled = "\n\n".join(
        f'{n}. **Original:** "{o}"\n   **Revised:** "{v}"\n   **Reason:** grammar'
        for n, (o, v) in enumerate(EDITS, 1)
    )
    table = "| Original | Revised | Reason |\n|---|---|---|\n" + "\n".join(
        f"| {o} | {v} | grammar |" for o, v in EDITS
    )
    arrows = "\n".join(f"{n}. “{o}” → “{v}” (grammar)" for n, (o, v) in enumerate(EDITS, 1))
    fenced = "\n\n".join(
        f"Paragraph {n}:\n```json\n"
        + json.dumps({"edits": [{"original": o, "issue": "grammar", "versions": [v]}]})
        + "\n```"
        for n, (o, v) in enumerate(EDITS, 1)
    )
    rewrite = "Paragraph 2, Version 1:\nMost of the results are shown in the second table, which lists every night ..."
    return [labelled, table, arrows, fenced, rewrite]


DRESSES = _dresses()
MARKS = '"“”|'


def _damage(reply: str, kind: str, at: int) -> str:
    spots = {
        "break": [i for i, c in enumerate(reply) if c == " "],
        "drop": [i for i, c in enumerate(reply) if c in MARKS],
        "double": [i for i, c in enumerate(reply) if c in MARKS],
        "cut": list(range(len(reply) // 4, len(reply))),
        "duplicate": [i for i, c in enumerate(reply) if c == "\n"],
        "markdown": [i for i, c in enumerate(reply) if c == "\n"],
    }[kind]
    if not spots:
        return reply
    i = spots[at % len(spots)]
    return {
        "break": lambda: reply[:i] + "\n" + reply[i + 1 :],
        "drop": lambda: reply[:i] + reply[i + 1 :],
        "double": lambda: reply[: i + 1] + reply[i:],
        "cut": lambda: reply[:i],
        "duplicate": lambda: reply + "\n\n" + reply[: i + 1],
        "markdown": lambda: reply[:i] + "\n\n---\n" + reply[i:],
    }[kind]()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(range(len(DRESSES))),
    st.sampled_from(["break", "drop", "double", "cut", "duplicate", "markdown"]),
    st.integers(min_value=0, max_value=10_000),
)
def test_damaged_replies_write_the_stated_versions_or_report_them(dress: int, kind: str, at: int) -> None:
    reply = _damage(DRESSES[dress], kind, at)
    source, _ = document.decode(DOC.encode(), "doc.tex")
    segmentation, paragraphs = load(source)
    try:
        suggestions = parse_reply(reply)
    except ReplyError:
        return  # refused whole, with a clear message
    revision = finish(segmentation, paragraphs, Review(tuple(suggestions)), "reply", None, file="doc.tex")
    result = apply(revision).get("doc.tex", DOC)
    spans = [(DOC.index(o), DOC.index(o) + len(o), v) for o, v in EDITS]
    ok = [e for e in revision.edits if e.status is Status.OK and e.anchor is not None]
    for e in ok:
        assert e.anchor is not None
        start, end = e.anchor.start, e.anchor.end
        [(s, t, version)] = [(s, t, v) for s, t, v in spans if s <= start and end <= t]
        inside = [f for f in ok if f.anchor is not None and s <= f.anchor.start and f.anchor.end <= t]
        parts, cursor = [], s
        for f in sorted(inside, key=lambda f: f.anchor.start if f.anchor else 0):
            assert f.anchor is not None
            parts += [DOC[cursor : f.anchor.start], replacement(f, f.versions[0])]
            cursor = f.anchor.end
        written = "".join([*parts, DOC[cursor:t]])
        assert written.split() == version.split(), (reply, written)
    # Outside the ok edits' spans, the document comes back byte for byte.
    kept, cursor = [], 0
    for e in sorted(ok, key=lambda e: e.anchor.start if e.anchor else 0):
        assert e.anchor is not None
        kept.append(DOC[cursor : e.anchor.start])
        cursor = e.anchor.end
    kept.append(DOC[cursor:])
    position = 0
    for piece in kept:
        found = result.find(piece, position)
        assert found >= position, reply
        position = found + len(piece)
    assert result.startswith(kept[0]) and result.endswith(kept[-1])


def test_a_rewrite_cut_at_a_sentence_end_never_deletes_the_rest_of_its_paragraph() -> None:
    # Found by the property above: "… every night ..." cut after its first dot reads as a rewrite that ends the
    # paragraph at "night .", and applied it deleted "of the campaign".
    reply = DRESSES[4][: DRESSES[4].rindex("...") + 1]
    assert reply.endswith("every night .")
    source, _ = document.decode(DOC.encode(), "doc.tex")
    segmentation, paragraphs = load(source)
    revision = finish(
        segmentation, paragraphs, Review(tuple(parse_reply(reply))), "reply", None, file="doc.tex"
    )
    assert [e.status for e in revision.edits] == [Status.UNANCHORED]
    assert "delete the end of its paragraph" in (revision.edits[0].reason or "")
    assert apply(revision).get("doc.tex", DOC) == DOC
