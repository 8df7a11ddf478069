"""Applying edits: merge keeps the layout, only accepted spans change, writes are atomic and checked."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PAPERS
from edit_factory import edit, paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise import document
from revise.apply import apply_edits, merge, replacement, write_files
from revise.document import SourceFile
from revise.edits import Anchor, Edit, Status, Suggestion
from revise.errors import InputError
from revise.guard import guard
from revise.latex.segment import Paragraph, segment

# --- merge ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "version", "merged"),
    [
        ("on  neural", "on the  neural", "on the  neural"),
        ("on  neural nets", "on the neural nets", "on the neural nets"),
        ("a b\nc d", "a B c d", "a B\nc d"),
        ("a b\nc d", "a b c D", "a b\nc D"),
        (
            "First one.\nSecond one.\nThird.",
            "First one. Second two. Third.",
            "First one.\nSecond two.\nThird.",
        ),
        ("First one.\nSecond one.\nThird.", "First one. Third.", "First one.\nThird."),
        ("the library\nnarrows, while", "the library narrowed, while", "the library narrowed, while"),
        ("so that\nmultiple", "so that\nseveral", "so that\nseveral"),
        ("a b c", "a b\nc X", "a b c X"),
        ("a b c", "a b\n\nc", "a b\n\nc"),
        ("  indented\n  lines here", "indented lines there", "  indented\n  lines there"),
        (r"see \emph{two  words} now", r"see \emph{two  words} then", r"see \emph{two  words} then"),
        ("x y z", "", ""),
        ("", "new", "new"),
        ("a\r\nb c", "a b C", "a\r\nb C"),
    ],
)
def test_merge_keeps_original_spacing_between_unchanged_words(
    original: str, version: str, merged: str
) -> None:
    assert merge(original, version) == merged


@pytest.mark.parametrize(
    ("original", "version", "merged"),
    [
        ("word ,", "word,", "word,"),
        (" ,", ",", ","),
        ("7 \\%", "7\\%", "7\\%"),
        (" ", "~", "~"),
        ("sets \\cite{x}", "sets~\\cite{x}", "sets~\\cite{x}"),
        ("a\nb", "a b", "a\nb"),
    ],
)
def test_merge_applies_an_edit_whose_point_is_whitespace(original: str, version: str, merged: str) -> None:
    assert merge(original, version) == merged


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c.", "\\x{y z}", " ", "  ", "\n", "\r\n", "\n\n", "%c\n"])).map(
        "".join
    ),
    st.lists(st.sampled_from(["a", "b", "d,", "\\x{y z}", " ", "\n", "\n\n"])).map("".join),
)
def test_merge_changes_only_whitespace_of_the_version_and_is_identity_on_the_original(
    original: str, version: str
) -> None:
    assert merge(original, original) == original
    merged = merge(original, version)
    assert merged.split() == version.split() or "".join(merged.split()) == "".join(version.split())


def _replies_dev_cases(corpus: Path) -> list[Path]:
    cases = sorted((corpus / "replies-dev").glob("*/case*"))
    if not cases:
        pytest.skip("no replies-dev cases")
    return cases


def test_merge_reproduces_every_expected_span_of_the_exact_replies(corpus: Path) -> None:
    failures = []
    count = 0
    for case in _replies_dev_cases(corpus):
        doc = (case / "doc.tex").read_bytes().decode("utf-8")
        expected = (case / "expected.tex").read_bytes().decode("utf-8")
        spans = json.loads((case / "meta.json").read_text())["spans"]
        edits = json.loads((case / "reply-json-exact.json").read_text())["edits"]
        out = doc
        for (start, end), e in sorted(zip(spans, edits, strict=True), key=lambda p: -p[0][0]):
            assert doc[start:end] == e["original"]
            out = out[:start] + merge(doc[start:end], e["versions"][0]) + out[end:]
            count += 1
        if out != expected:
            failures.append(case.name)
    assert count > 50
    assert failures == []


def test_guard_and_apply_reproduce_expected_tex_byte_for_byte(corpus: Path) -> None:
    failures = []
    for case in _replies_dev_cases(corpus):
        source, _ = document.read(case / "doc.tex", "doc.tex")
        spans = json.loads((case / "meta.json").read_text())["spans"]
        reply = json.loads((case / "reply-json-exact.json").read_text())["edits"]
        paragraphs = segment(source).paragraphs
        edits = []
        for number, ((start, end), e) in enumerate(zip(spans, reply, strict=True), 1):
            para = next((p for p in paragraphs if p.start <= start and end <= p.end), None)
            if para is None:  # the segmenter's business; apply is judged on a span of its own
                para = paragraph(source.text[start:end])
                para = replace(
                    para, file=source, start=start, end=end, masked=replace(para.masked, base=start)
                )
            versions = tuple(e["versions"])
            anchor = Anchor(para, start, end, "exact")
            edits.append(Edit(number, Suggestion(e["original"], e["issue"], versions), anchor, versions))
        checked = guard(edits)
        assert all(e.status is Status.OK for e in checked), case
        new = apply_edits([source], checked).get("doc.tex", source.text)
        if source.encode(new) != (case / "expected.tex").read_bytes():
            failures.append(f"{case.parent.name}/{case.name}")
    assert failures == []


# --- apply_edits ------------------------------------------------------------------------------------------

TEXT = "Alpha beta gamma. Delta $x$ epsilon. Zeta eta."


def _edits() -> tuple[SourceFile, list[Edit]]:
    para = paragraph(TEXT, [("$x$", "MATH")])
    return para.file, [
        edit(para, "beta", "BETA", "Beta2", id=1),
        edit(para, "Delta [MATH1]"[:5], "DELTA", id=2),
        edit(para, "eta.", "ETA.", "eta!", "eta?", id=3),
    ]


@pytest.mark.parametrize(
    ("pick", "choices", "expected"),
    [
        (1, None, "Alpha BETA gamma. DELTA $x$ epsilon. Zeta ETA."),
        (2, None, "Alpha Beta2 gamma. DELTA $x$ epsilon. Zeta eta!"),
        (3, None, "Alpha BETA gamma. DELTA $x$ epsilon. Zeta eta?"),
        (1, {1: 0, 3: 3}, "Alpha beta gamma. DELTA $x$ epsilon. Zeta eta?"),
        (1, {1: 0, 2: 0, 3: 0}, None),
    ],
)
def test_apply_edits_takes_the_chosen_version_falling_back_to_the_first(
    pick: int, choices: dict[int, int] | None, expected: str | None
) -> None:
    source, edits = _edits()
    result = apply_edits([source], edits, pick=pick, choices=choices)
    assert result == ({} if expected is None else {"doc.tex": expected})


def test_apply_edits_applies_only_ok_edits() -> None:
    source, edits = _edits()
    edits[0] = edits[0].with_status(Status.CONFLICT, "overlaps edit 9")
    edits[1] = edits[1].with_status(Status.UNSAFE, "no")
    assert apply_edits([source], edits) == {"doc.tex": "Alpha beta gamma. Delta $x$ epsilon. Zeta ETA."}


def test_apply_edits_refuses_a_span_whose_text_changed() -> None:
    source, edits = _edits()
    moved = source.with_text("X" + source.text)
    with pytest.raises(InputError, match="changed since it was reviewed"):
        apply_edits([moved], edits)


def test_apply_edits_refuses_overlapping_edits_even_unguarded() -> None:
    source, edits = _edits()
    para = edits[0].anchor.paragraph  # type: ignore[union-attr]
    with pytest.raises(InputError, match="overlap"):
        apply_edits([source], [edits[0], edit(para, "Alpha beta", "A B", id=7)])


def test_apply_edits_with_no_edits_changes_no_file() -> None:
    source, _ = _edits()
    assert apply_edits([source], []) == {}


# --- write_files ------------------------------------------------------------------------------------------


def _on_disk(tmp_path: Path, data: bytes) -> SourceFile:
    path = tmp_path / "paper.tex"
    path.write_bytes(data)
    source, _ = document.read(path, "paper.tex")
    return source


@pytest.mark.parametrize(
    ("data", "new", "written"),
    [
        (b"Caf\xc3\xa9 one\r\ntwo\r\n", "Café uno\r\ntwo\r\n", b"Caf\xc3\xa9 uno\r\ntwo\r\n"),
        (b"\xef\xbb\xbfHello there\n", "Hello here\n", b"\xef\xbb\xbfHello here\n"),
        (
            b"\\usepackage[latin1]{inputenc}\nCaf\xe9\n",
            "\\usepackage[latin1]{inputenc}\nCafé!\n",
            b"\\usepackage[latin1]{inputenc}\nCaf\xe9!\n",
        ),
    ],
)
def test_write_files_keeps_encoding_bom_and_a_backup(
    tmp_path: Path, data: bytes, new: str, written: bytes
) -> None:
    source = _on_disk(tmp_path, data)
    assert [w.path for w in write_files([source], {"paper.tex": new})] == [source.path]
    assert (tmp_path / "paper.tex").read_bytes() == written
    assert (tmp_path / "paper.tex.bak").read_bytes() == data


def test_write_files_without_backup_leaves_no_backup(tmp_path: Path) -> None:
    source = _on_disk(tmp_path, b"one two\n")
    write_files([source], {"paper.tex": "one three\n"}, backup=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.tex"]


def test_write_files_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    source = _on_disk(tmp_path, b"one two\n")
    (tmp_path / "paper.tex").write_bytes(b"someone else\n")
    with pytest.raises(InputError, match="changed since it was read"):
        write_files([source], {"paper.tex": "one three\n"})
    assert (tmp_path / "paper.tex").read_bytes() == b"someone else\n"
    assert not (tmp_path / "paper.tex.bak").exists()


def test_write_files_refuses_text_the_encoding_cannot_hold_before_writing(tmp_path: Path) -> None:
    source = _on_disk(tmp_path, b"\\usepackage[latin1]{inputenc}\nx\n")
    with pytest.raises(InputError, match="cannot hold"):
        write_files([source], {"paper.tex": "\\usepackage[latin1]{inputenc}\n“x”\n"})
    assert (tmp_path / "paper.tex").read_bytes() == b"\\usepackage[latin1]{inputenc}\nx\n"


# --- properties on real papers ----------------------------------------------------------------------------


@functools.cache
def _paragraphs(root: Path) -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    for name in PAPERS:
        source, _ = document.read(root / "papers" / name, name)
        found.extend(p for p in segment(source).paragraphs if p.end > p.start)
    return tuple(found)


def test_reading_and_applying_nothing_reproduces_every_corpus_file_byte_for_byte(corpus: Path) -> None:
    for name in PAPERS:
        source, _ = document.read(corpus / "papers" / name, name)
        seg = segment(source)
        assert apply_edits(seg.files, []) == {}
        for f in seg.files:
            assert f.path is not None
            assert f.encode() == f.path.read_bytes()


_INSERTS = [
    "new",
    "50%",
    "R&D",
    "\\input{x}",
    "$y$",
    "[MATH1]",
    "[CITE1]",
    "{",
    "“q”",
    "\n",
    "  ",
    "\\emph{w}",
]


@st.composite
def _edit_sets(draw: st.DrawFn, paragraphs: tuple[Paragraph, ...]) -> list[Edit]:
    para = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
    edits: list[Edit] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        start = draw(st.integers(para.start, para.end))
        end = draw(st.integers(start, min(para.end, start + 200)))
        original = para.file.text[start:end]
        versions = []
        for _ in range(draw(st.integers(1, 3))):
            pieces = original.split(" ")
            for _ in range(draw(st.integers(0, 3))):
                at = draw(st.integers(0, len(pieces)))
                action = draw(st.sampled_from(["insert", "delete", "flatten"]))
                if action == "insert":
                    pieces.insert(at, draw(st.sampled_from(_INSERTS)))
                elif action == "delete" and at < len(pieces):
                    del pieces[at]
                elif at < len(pieces):
                    pieces[at] = " ".join(pieces[at].split())
            versions.append(" ".join(pieces))
        anchor = Anchor(para, start, end, "exact")
        edits.append(Edit(number, Suggestion(original, "why", tuple(versions)), anchor, tuple(versions)))
    return edits


@settings(
    max_examples=int(os.environ.get("REVISE_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_edits_never_touch_bytes_outside_their_spans_or_a_placeholder(
    corpus: Path, data: st.DataObject
) -> None:
    paragraphs = _paragraphs(corpus)
    edits = guard(data.draw(_edit_sets(paragraphs)))
    choices = {e.id: data.draw(st.integers(0, 3)) for e in edits}
    para_file = next(e.anchor.paragraph.file for e in edits if e.anchor) if edits else None
    if para_file is None:
        return
    result = apply_edits([para_file], edits, choices=choices)
    applied = sorted(
        (e for e in edits if e.status is Status.OK and choices[e.id] != 0),
        key=lambda e: (e.anchor.start, e.anchor.end),  # type: ignore[union-attr]
    )
    text = para_file.text
    expected, cursor = [], 0
    for e in applied:
        assert e.anchor is not None
        version = e.versions[choices[e.id] - 1] if choices[e.id] <= len(e.versions) else e.versions[0]
        new_span = replacement(e, version)
        expected += [text[cursor : e.anchor.start], new_span]
        cursor = e.anchor.end
        inside = [
            ph.original
            for ph in e.anchor.paragraph.masked.placeholders
            if e.anchor.start <= ph.start < e.anchor.end
        ]
        at = 0
        for original in inside:
            found = new_span.find(original, at)
            assert found >= 0, (original, new_span)
            at = found + len(original)
    expected.append(text[cursor:])
    assert result.get(para_file.name, text) == "".join(expected)
    assert para_file.can_encode(result.get(para_file.name, text))


def test_merge_restores_the_layout_of_every_corpus_paragraph_from_a_flattened_copy(corpus: Path) -> None:
    from revise.tokens import tokenize, words

    checked = 0
    for para in _paragraphs(corpus):
        _lead, chunks, _gaps, _trail = words(para.text)
        # Every gap becomes one space, except the line break that ends a comment (flattening that changes
        # the meaning, and the guard restores it before merge ever sees it).
        pieces = [chunks[0]] if chunks else []
        for chunk, before in zip(chunks[1:], chunks[:-1], strict=True):
            ends_comment = any(t.kind == "comment" for t in tokenize(before))
            pieces += ["\n" if ends_comment else " ", chunk]
        flattened = "".join(pieces)
        assert merge(para.text, flattened) == para.text
        assert merge(para.text, para.text) == para.text
        checked += 1
    assert checked > 500
