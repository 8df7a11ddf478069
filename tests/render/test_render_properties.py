"""Properties every format keeps, on the fixtures and on real corpus documents and revisions.

The patch must apply with ``patch -p1`` and ``git apply`` and give exactly what ``--apply`` writes; json
and gnu
must report the same positions; the latexdiff output must compile and mark the words real latexdiff marks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cases import CASES, PAPER
from revision_builder import Spec, build

from revise.apply import apply_edits
from revise.document import decode
from revise.edits import Anchor, Edit, Status, Suggestion
from revise.latex.mask import mask
from revise.latex.segment import Paragraph, Segmentation
from revise.pipeline import Revision
from revise.render import render
from revise.render.terminal import diff_text

_GNU = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>warning|error|note): \[revise\] (?P<msg>.+)$"
)


def corpus_revisions(corpus: Path) -> list[tuple[str, Revision, bytes]]:
    """Each replies-dev case as a Revision built from its exact spans and exact reply (no anchor in the
    loop)."""
    found = []
    for case in sorted((corpus / "replies-dev").glob("*/case*")):
        meta = json.loads((case / "meta.json").read_text())
        reply = json.loads((case / "reply-json-exact.json").read_text())
        data = (case / "doc.tex").read_bytes()
        source, _ = decode(data, "doc.tex", case / "doc.tex")
        edits = []
        paragraphs = []
        for number, ((start, end), item) in enumerate(zip(meta["spans"], reply["edits"], strict=False), 1):
            text = source.text[start:end]
            para = Paragraph(number - 1, source, start, end, mask(text, start, []))
            paragraphs.append(para)
            suggestion = Suggestion(item["original"], item["issue"], tuple(item["versions"]))
            anchor = Anchor(para, start, end, "exact")
            edits.append(Edit(number, suggestion, anchor, tuple(item["versions"])))
        segmentation = Segmentation(tuple(paragraphs), (source,), (), ())
        revision = Revision(segmentation, tuple(paragraphs), tuple(edits), "reply", None)
        found.append((f"{case.parent.name}/{case.name}", revision, data))
    return found


def _patch_applies(revision: Revision, folder: Path, pick: int = 1) -> None:
    files = revision.segmentation.files
    for f in files:
        (folder / f.name).parent.mkdir(parents=True, exist_ok=True)
        (folder / f.name).write_bytes(f.encode())
    patch = render(revision, "patch", pick=pick)
    assert isinstance(patch, bytes)
    (folder / "edits.patch").write_bytes(patch)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
        check = subprocess.run(["git", "apply", "--check", "edits.patch"], cwd=folder, capture_output=True)
        assert check.returncode == 0, check.stderr.decode()
    done = subprocess.run(["patch", "-p1", "--binary", "-i", "edits.patch"], cwd=folder, capture_output=True)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    expected = apply_edits(files, revision.edits, pick=pick)
    for f in files:
        assert (folder / f.name).read_bytes() == f.encode(expected.get(f.name, f.text)), f.name


def _positions_agree(revision: Revision) -> None:
    report = json.loads(render(revision, "json"))  # type: ignore[arg-type]
    lines = render(revision, "gnu").splitlines()  # type: ignore[union-attr]
    assert len(lines) == len(report["edits"])
    for item, line in zip(report["edits"], lines, strict=False):
        m = _GNU.match(line)
        assert m, line
        assert m["file"] == item["file"]
        if item["line"] is not None:
            assert (int(m["line"]), int(m["col"])) == (item["line"], item["column"])
            assert m["sev"] == ("warning" if item["status"] == "ok" else "note")
            source = next(f for f in revision.segmentation.files if f.name == item["file"])
            assert source.text[item["start"] : item["end"]] == item["original"]


needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")


@needs_patch
@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture_patch_applies_and_equals_apply_output(case: str, tmp_path: Path) -> None:
    _patch_applies(CASES[case](), tmp_path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture_json_and_gnu_positions_agree(case: str) -> None:
    _positions_agree(CASES[case]())


@needs_patch
@pytest.mark.corpus
def test_corpus_patches_apply_and_positions_agree(corpus: Path, tmp_path: Path) -> None:
    cases = corpus_revisions(corpus)
    assert cases
    for name, revision, _ in cases:
        folder = tmp_path / name
        folder.mkdir(parents=True)
        _patch_applies(revision, folder)
        _positions_agree(revision)
        for fmt in ("terminal", "latexdiff"):
            assert render(revision, fmt, color=False, width=80)


@pytest.mark.corpus
def test_terminal_shows_few_words_of_a_long_paragraph_with_one_small_edit(corpus: Path) -> None:
    words: list[str] = []
    for line in (corpus / "revisions-dev.jsonl").read_text().splitlines():
        words.extend(json.loads(line)["before"].split())
        if len(words) >= 400:
            break
    original = " ".join(words[:400])
    changed = list(words[:400])
    changed[200] = "REPLACED"
    version = " ".join(changed)
    shown = diff_text(original, version, color=False).plain.split()
    assert "[-" + words[200] + "-]{+REPLACED+}" in " ".join(shown)
    assert len(shown) < 60
    revision = build({"long.tex": original.encode()}, [Spec(original, (version,), file="long.tex")])
    out = render(revision, "terminal", color=False, width=100)
    assert len(str(out).split()) < 80  # the diff line plus header, issue and summary
    # The same change anchored on the one word: the paragraph around it is context, still elided.
    at = len(" ".join(words[:200])) + 1
    small = build(
        {"long.tex": original.encode()},
        [Spec(words[200], ("REPLACED",), file="long.tex", occurrence=original[:at].count(words[200]))],
    )
    assert small.edits[0].anchor is not None and small.edits[0].anchor.start == at
    out = str(render(small, "terminal", color=False, width=100))
    assert "[-" + words[200] + "-]{+REPLACED+}" in out
    assert len(out.split()) < 60


@pytest.mark.parametrize("width", [60, 120])
@pytest.mark.parametrize("case", sorted(CASES))
def test_terminal_lines_fit_the_width_in_cells(case: str, width: int) -> None:
    from rich.cells import cell_len

    out = render(CASES[case](), "terminal", color=False, width=width)
    assert all(cell_len(line) <= width for line in str(out).splitlines())


def test_no_color_uses_wdiff_markers_and_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = str(render(CASES["paper"](), "terminal", width=80))
    assert "\x1b[" not in out
    assert "[-are-]{+is+}" in out


def test_color_marks_deletions_struck_red_and_insertions_green() -> None:
    out = str(render(CASES["paper"](), "terminal", color=True, width=80))
    assert "\x1b[9;31mare\x1b[0m\x1b[32mis\x1b[0m" in out
    assert "[-" not in out


def test_patch_is_empty_when_no_edit_is_ok() -> None:
    revision = build(
        {"paper.tex": PAPER}, [Spec("labels is rare", ("labels are rare",), status=Status.UNSAFE, reason="x")]
    )
    assert render(revision, "patch") == b""


# ---- latexdiff -------------------------------------------------------------------------------------------


def _has_ulem() -> bool:
    # latexdiff's markup (ours and the real one) needs ulem.sty: Debian's texlive-plain-generic.
    if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
        return False
    return subprocess.run(["kpsewhich", "ulem.sty"], capture_output=True).returncode == 0


needs_tex = pytest.mark.skipif(not _has_ulem(), reason="pdflatex with ulem.sty is not installed")
_MARKED = re.compile(r"\\DIF(add|del)\{([^{}]*)\}")


def _compiles(tex: bytes, folder: Path, name: str = "doc") -> bool:
    (folder / f"{name}.tex").write_bytes(tex)
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=folder,
        capture_output=True,
        timeout=120,
    )
    return run.returncode == 0 and (folder / f"{name}.pdf").exists()


def _marked_words(tex: str) -> dict[str, list[str]]:
    marked: dict[str, list[str]] = {"add": [], "del": []}
    for m in _MARKED.finditer(tex):
        marked[m.group(1)].extend(re.findall(r"\w+", m.group(2)))
    return marked


@needs_tex
@pytest.mark.parametrize("case", sorted(CASES))
def test_latexdiff_output_compiles_where_the_original_does(case: str, tmp_path: Path) -> None:
    revision = CASES[case]()
    root = revision.segmentation.files[0]
    for f in revision.segmentation.files:
        (tmp_path / f.name).write_bytes(f.encode())
    fragment = "\\documentclass" not in root.text  # a region or section file: we wrap it in an article
    if not fragment and not _compiles(root.encode(), tmp_path, "original"):
        assert case == "unicode"  # CJK needs xelatex or CJK packages; pdflatex fails on the original too
        return
    tex = render(revision, "latexdiff")
    assert isinstance(tex, bytes)
    assert _compiles(tex, tmp_path)


@needs_tex
@pytest.mark.skipif(shutil.which("latexdiff") is None, reason="latexdiff is not installed")
def test_latexdiff_marks_the_same_words_as_real_latexdiff(tmp_path: Path) -> None:
    revision = CASES["paper"]()
    ours = render(revision, "latexdiff")
    assert isinstance(ours, bytes)
    root = revision.segmentation.files[0]
    (tmp_path / "old.tex").write_bytes(PAPER)
    (tmp_path / "new.tex").write_bytes(root.encode(apply_edits((root,), revision.edits)[root.name]))
    real = subprocess.run(
        ["latexdiff", "old.tex", "new.tex"], cwd=tmp_path, capture_output=True, check=True, timeout=120
    ).stdout
    assert _marked_words(ours.decode()) == _marked_words(real.decode())
    assert _compiles(real, tmp_path, "real")
    assert _compiles(ours, tmp_path, "ours")


@needs_tex
@pytest.mark.corpus
def test_corpus_latexdiff_compiles_where_the_original_does(corpus: Path, tmp_path: Path) -> None:
    compiled = 0
    for name, revision, data in corpus_revisions(corpus)[:6]:
        folder = tmp_path / name
        folder.mkdir(parents=True)
        if not _compiles(data, folder, "original"):
            continue
        tex = render(revision, "latexdiff")
        assert isinstance(tex, bytes)
        assert _compiles(tex, folder), name
        compiled += 1
    assert compiled
