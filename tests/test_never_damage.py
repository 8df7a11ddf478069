"""The product's promise end to end on real papers: applying every edit changes bytes only inside ok edits' spans
and never touches math, citations, references, labels or comments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from revise import document
from revise.cli import _main
from revise.latex.segment import segment

PAPERS = ("george/paper/ms.tex", "dynonet/doc/paper/ms.tex")


@pytest.mark.corpus
@pytest.mark.parametrize("name", PAPERS)
def test_applying_every_offline_edit_changes_nothing_outside_the_edits(
    corpus: Path, tmp_path: Path, name: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    paper = tmp_path / "paper.tex"
    shutil.copy(corpus / "papers" / name, paper)
    paper.chmod(0o644)  # the corpus is read-only, and --in-place refuses read-only files
    before, _ = document.read(paper)

    assert _main([str(paper), "--engine", "offline", "--format", "json", "-q"]) == 0
    report = json.loads(capsysbinary.readouterr().out)
    ok = sorted((e["start"], e["end"], e["versions"][0]) for e in report["edits"] if e["status"] == "ok")
    assert ok, "the offline engine found nothing to test with"

    assert _main([str(paper), "--engine", "offline", "--apply", "--in-place", "--no-backup", "-q"]) == 0
    after, _ = document.decode(paper.read_bytes(), "paper.tex")
    after = after.text

    # The text outside the ok spans must come back in order and whole: only the spans were replaced.
    kept, cursor = [], 0
    for start, end, _ in ok:
        kept.append(before.text[cursor:start])
        cursor = end
    kept.append(before.text[cursor:])
    assert after.startswith(kept[0]) and after.endswith(kept[-1])
    position = len(kept[0])
    for gap in kept[1:]:
        found = after.find(gap, position) if gap else position
        assert found >= position, f"text outside the edits changed near offset {position}"
        position = found + len(gap)
    assert position == len(after)

    # A footnote is masked in its paragraph but reviewed as a paragraph of its own, so its words may change.
    protected = [
        ph.original for p in segment(before).paragraphs for ph in p.masked.placeholders if ph.kind != "NOTE"
    ]
    assert any(ph.startswith(("$", "\\cite", "\\ref", "%")) for ph in protected)
    for original in protected:
        assert after.count(original) == before.text.count(original), original
