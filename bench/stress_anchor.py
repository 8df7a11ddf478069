"""Stress anchoring with replies applied to the WRONG document; print false placements per reply style.

Usage: python bench/stress_anchor.py [CORPUS] [--shifts N] [--dev-only] [--verbose]

Every case's reply (every style, replies-dev and the styles bench/make_replies.py generates) is anchored
against the documents of the next N cases (N = 2 by default).  None of its quotes belongs there, so each edit
placed with status ok is a false placement — unless the other document holds the same passage: the corpus
reuses paper fragments and holds successive revisions of one paper, so a quote may really be there, verbatim
or as revised since.  An edit that lands on the same offsets of an identical paragraph counts as ``same text``;
one whose span reads like the span the same edit takes in its own document (rapidfuzz ratio >= SAME_SPAN, at
least SAME_SPAN_LENGTH characters), or whose span with its surroundings does (up to CONTEXT characters of its
paragraph either side, ratio >= SAME_PASSAGE), or a rewrite whose paragraph reads like the one it rewrites in
its own document (ratio >= SAME_PARAGRAPH), counts as ``same passage``: the quoted text is there.  ``--verbose`` lists every false placement, to be read.  Target: false ~0.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from revise import document
from revise.anchoring import anchor
from revise.edits import Edit, Status, Suggestion
from revise.errors import ReviseError
from revise.latex.segment import Paragraph
from revise.pipeline import load
from revise.replies import parse_reply

CONTEXT = 100
SAME_PASSAGE = 70.0
SAME_SPAN = 85.0
SAME_SPAN_LENGTH = 16
SAME_PARAGRAPH = 60.0
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "replies-dev"


@dataclass
class Tally:
    suggestions: int = 0
    placed: int = 0
    same: int = 0
    passage: int = 0
    false: int = 0
    lines: list[str] = field(default_factory=list)


def _paragraphs(case: Path) -> tuple[Paragraph, ...]:
    source, _ = document.decode((case / "doc.tex").read_bytes(), "doc.tex", case / "doc.tex")
    return load(source)[1]


def _key(edit: Edit) -> tuple[str, int, int] | None:
    if edit.status is not Status.OK or edit.anchor is None:
        return None
    para = edit.anchor.paragraph
    return para.text, edit.anchor.start - para.start, edit.anchor.end - para.start


def run_pair(
    own: Path, other: Path, reply: Path, paras: dict[Path, tuple[Paragraph, ...]], tally: Tally
) -> None:
    """Anchor ``own``'s reply against ``other``'s document and classify every ok edit."""
    try:
        suggestions: list[Suggestion] = parse_reply(reply.read_text(encoding="utf-8"))
    except ReviseError:
        return
    tally.suggestions += len(suggestions)
    placed_home = [e for e in anchor(suggestions, paras[own]) if _key(e) is not None]
    home = {(id(e.suggestion), _key(e)) for e in placed_home}
    for edit in anchor(suggestions, paras[other]):
        key = _key(edit)
        if key is None:
            continue
        assert edit.anchor is not None
        tally.placed += 1
        if (id(edit.suggestion), key) in home:
            tally.same += 1
            continue
        mine = [e for e in placed_home if e.suggestion is edit.suggestion]
        if any(_similar(edit, e) for e in mine):
            tally.passage += 1
            continue
        tally.false += 1
        tally.lines.append(
            f"{own.parent.name}/{own.name} {reply.name} on {other.parent.name}/{other.name}: "
            f"{edit.anchor.method} {edit.anchor.text[:80]!r} for {edit.suggestion.original[:80]!r}"
        )


def _surroundings(edit: Edit) -> str:
    assert edit.anchor is not None
    para = edit.anchor.paragraph
    lo, hi = max(para.start, edit.anchor.start - CONTEXT), min(para.end, edit.anchor.end + CONTEXT)
    return para.file.text[lo:hi]


def _similar(edit: Edit, home: Edit) -> bool:
    """The span with its surroundings reads like the place the same edit takes in its own document."""
    from rapidfuzz import fuzz

    assert edit.anchor is not None and home.anchor is not None
    there, here = " ".join(edit.anchor.text.split()), " ".join(home.anchor.text.split())
    if min(len(there), len(here)) >= SAME_SPAN_LENGTH and fuzz.ratio(there, here) >= SAME_SPAN:
        return True
    if (
        fuzz.ratio(" ".join(_surroundings(edit).split()), " ".join(_surroundings(home).split()))
        >= SAME_PASSAGE
    ):
        return True
    # A rewrite stands for its whole paragraph: the same passage when the paragraphs read alike.
    there, here = (" ".join(e.anchor.paragraph.text.split()) for e in (edit, home) if e.anchor is not None)
    return edit.anchor.method == "rewrite" and fuzz.ratio(there, here) >= SAME_PARAGRAPH


def stress(root: Path, shifts: int) -> dict[str, Tally]:
    """Tallies per reply style over every case under ``root/*/case*`` against the next ``shifts`` cases."""
    cases = sorted(root.glob("*/case*"))
    paras = {case: _paragraphs(case) for case in cases}
    tallies: dict[str, Tally] = defaultdict(Tally)
    for n, case in enumerate(cases):
        for shift in range(1, shifts + 1):
            other = cases[(n + shift) % len(cases)]
            if other == case:
                continue
            for reply in sorted(case.glob("reply-*")):
                style = reply.name.removeprefix("reply-").rsplit(".", 1)[0]
                run_pair(case, other, reply, paras, tallies[style])
    return dict(tallies)


def report(title: str, tallies: dict[str, Tally], verbose: bool) -> None:
    print(f"\n{title}")
    print(
        f"{'style':28} {'suggestions':>11} {'placed':>7} {'same text':>10} {'same passage':>13} {'false':>6}"
    )
    total = Tally()
    for style, t in sorted(tallies.items()):
        print(f"{style:28} {t.suggestions:11} {t.placed:7} {t.same:10} {t.passage:13} {t.false:6}")
        total.suggestions += t.suggestions
        total.placed += t.placed
        total.same += t.same
        total.passage += t.passage
        total.false += t.false
    print(
        f"{'all':28} {total.suggestions:11} {total.placed:7} {total.same:10} {total.passage:13} {total.false:6}"
    )
    if verbose:
        for style, t in sorted(tallies.items()):
            for line in t.lines:
                print("  ", style, "|", line)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    shifts = 2
    if "--shifts" in argv:
        shifts = int(argv[argv.index("--shifts") + 1])
        args = [a for a in args if a != str(shifts)]
    root = Path(args[0]) if args else DEFAULT
    if not root.is_dir():
        print(f"no corpus at {root}", file=sys.stderr)
        return 1
    verbose = "--verbose" in argv
    report(
        f"replies-dev styles on the wrong document ({root}, {shifts} shifts)", stress(root, shifts), verbose
    )
    if "--dev-only" not in argv:
        import make_replies

        with tempfile.TemporaryDirectory(prefix="revise-stress-") as tmp:
            made = make_replies.build(root, Path(tmp), root.parent / "revisions-dev.jsonl")
            report(
                f"generated styles on the wrong document ({made} cases)", stress(Path(tmp), shifts), verbose
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
