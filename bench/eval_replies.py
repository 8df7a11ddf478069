"""Replay every replies-dev case through parse → anchor → guard → apply in every reply style; print a table.

Usage: python bench/eval_replies.py [CORPUS] [--extra] [--verbose]

For each style: share of edits anchored automatically (status ok), share of documents byte-equal to
expected.tex (or expected-<style>.tex) after applying first versions, edits applied at a wrong place (span
not inside any meta.json span), characters changed outside accepted edits, and garbled edits: ok edits placed
inside a span whose applied text differs from the reply's version there (whitespace aside).  ``--extra`` also
builds more reply styles with bench/make_replies.py into a temporary folder and reports them too.
Targets: ≥98 %, ≥98 %, 0, 0, 0 for every style.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from revise import document
from revise.apply import replacement
from revise.edits import Status
from revise.engines.base import Review
from revise.errors import ReviseError
from revise.pipeline import apply, finish, load
from revise.replies import parse_reply

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "replies-dev"


@dataclass
class Tally:
    edits: int = 0
    ok: int = 0
    docs: int = 0
    equal: int = 0
    wrong: int = 0
    outside: int = 0
    garbled: int = 0
    failures: list[str] = field(default_factory=list)


def run_case(case: Path, reply: Path, tally: Tally) -> None:
    """One case in one style: anchor, apply first versions, compare with expected.tex and meta.json spans."""
    meta = json.loads((case / "meta.json").read_text())
    source, _ = document.decode((case / "doc.tex").read_bytes(), "doc.tex", case / "doc.tex")
    style = reply.name.removeprefix("reply-").rsplit(".", 1)[0]
    own = case / f"expected-{style}.tex"
    expected = (own if own.is_file() else case / "expected.tex").read_text(encoding="utf-8")
    segmentation, paragraphs = load(source)
    tally.docs += 1
    try:
        suggestions = parse_reply(reply.read_text(encoding="utf-8"))
    except ReviseError as err:
        tally.edits += meta["edits"]
        tally.failures.append(f"{case.parent.name}/{case.name} {reply.name}: {err}")
        return
    revision = finish(segmentation, paragraphs, Review(tuple(suggestions)), "reply", None, file="doc.tex")
    spans = [tuple(s) for s in meta["spans"]]
    # Elided rewrites may become several edits per expected edit: count expected edits, not produced ones.
    tally.edits += meta["edits"]
    bad = [e for e in revision.edits if e.status is not Status.OK]
    covered = set()
    for e in revision.edits:
        if e.status is Status.OK and e.anchor is not None:
            inside = [k for k, (s, t) in enumerate(spans) if s <= e.anchor.start and e.anchor.end <= t]
            if not inside:
                tally.wrong += 1
                tally.failures.append(
                    f"{case.parent.name}/{case.name} {reply.name}: edit {e.id} at wrong place "
                    f"[{e.anchor.start},{e.anchor.end}) {e.anchor.text!r}"
                )
            covered.update(inside)
    tally.ok += min(meta["edits"], len(covered))
    exact = case / "reply-json-exact.json"
    stated = json.loads((exact if exact.is_file() else case / "versions.json").read_text(encoding="utf-8"))
    for k, e in _garbled(source.text, [x["versions"][0] for x in stated["edits"]], spans, revision.edits):
        tally.garbled += 1
        tally.failures.append(
            f"{case.parent.name}/{case.name} {reply.name}: edit {e.id} garbled: span {k} does not read as expected"
        )
    for e in bad:
        tally.failures.append(
            f"{case.parent.name}/{case.name} {reply.name}: edit {e.id} {e.status.value}: {e.reason} "
            f"quote={e.suggestion.original[:70]!r}"
        )
    try:
        result = apply(revision).get("doc.tex", source.text)
    except ReviseError as err:
        tally.failures.append(f"{case.parent.name}/{case.name} {reply.name}: apply failed: {err}")
        return
    tally.outside += _outside(source.text, result, revision.edits)
    if result == expected:
        tally.equal += 1
    else:
        tally.failures.append(
            f"{case.parent.name}/{case.name} {reply.name}: result differs from expected.tex"
        )


def _garbled(before: str, stated: list[str], spans: list, edits: tuple) -> list[tuple[int, object]]:
    """Ok edits placed inside an expected span whose applied text differs from the reply's (whitespace aside).

    ``stated[k]`` is the first version the exact reply gives for span k; the ok edits inside the span, applied,
    must write it (a rewrite may cover a span with several edits).  A span holding an edit that is not ok (a
    conflict, an unsafe version) is not judged.
    """
    garbled = []
    for k, ((s, t), version) in enumerate(zip(spans, stated, strict=False)):
        inside = [e for e in edits if e.anchor is not None and s <= e.anchor.start and e.anchor.end <= t]
        if not inside or any(e.status is not Status.OK for e in inside):
            continue
        parts, at = [], s
        for e in sorted(inside, key=lambda e: e.anchor.start):
            parts += [before[at : e.anchor.start], replacement(e, e.versions[0])]
            at = e.anchor.end
        parts.append(before[at:t])
        if "".join(parts).split() != version.split():
            garbled += [(k, e) for e in inside]
    return garbled


def _outside(before: str, after: str, edits: tuple) -> int:
    """Characters changed outside the accepted edits' spans (0 when only those spans changed)."""
    spans = sorted((e.anchor.start, e.anchor.end) for e in edits if e.status is Status.OK and e.anchor)
    keep, cursor = [], 0
    for start, end in spans:
        keep.append(before[cursor:start])
        cursor = max(cursor, end)
    keep.append(before[cursor:])
    if re.fullmatch("(.*?)".join(re.escape(k) for k in keep), after, re.S):
        return 0
    changed = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        inside = any(s <= i1 and i2 <= e for s, e in spans)
        if not inside:
            changed += max(i2 - i1, j2 - _j1)
    return changed


def evaluate(root: Path) -> dict[str, Tally]:
    """Tallies per reply style over every case under ``root/{text,latex}``."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in sorted(root.glob("*/case*")):
        for reply in sorted(case.glob("reply-*")):
            style = reply.name.removeprefix("reply-").rsplit(".", 1)[0]
            run_case(case, reply, tallies[style])
    return dict(tallies)


def report(title: str, tallies: dict[str, Tally], verbose: bool) -> None:
    print(f"\n{title}")
    print(
        f"{'style':28} {'edits':>6} {'anchored':>9} {'docs':>5} {'byte-equal':>11} {'wrong':>6} "
        f"{'outside':>8} {'garbled':>8}"
    )
    for style, t in sorted(tallies.items()):
        anchored = 100 * t.ok / max(1, t.edits)
        equal = 100 * t.equal / max(1, t.docs)
        print(
            f"{style:28} {t.edits:6} {anchored:8.1f}% {t.docs:5} {equal:10.1f}% {t.wrong:6} {t.outside:8} {t.garbled:8}"
        )
    if verbose:
        for style, t in sorted(tallies.items()):
            for line in t.failures:
                print("  ", style, "|", line)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0]) if args else DEFAULT
    if not root.is_dir():
        print(f"no corpus at {root}", file=sys.stderr)
        return 1
    verbose = "--verbose" in argv
    report(f"replies-dev styles ({root})", evaluate(root), verbose)
    if "--extra" in argv:
        import make_replies

        with tempfile.TemporaryDirectory(prefix="revise-replies-") as tmp:
            made = make_replies.build(root, Path(tmp), root.parent / "revisions-dev.jsonl")
            report(f"generated styles ({made} cases)", evaluate(Path(tmp)), verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
