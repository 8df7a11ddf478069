"""A reply mutation fuzzer: every dress the parser reads, damaged as copying from a chat window damages text,
replayed through parse → anchor → guard → apply; prints, per kind of damage, what survived.

Usage: python bench/fuzz_replies.py [CORPUS] [--replies N] [--verbose]

The dressed replies are those bench/make_replies.py builds (every generated style, from replies-dev cases and
from revisions-dev.jsonl regrouped into new documents).  Each is damaged once per kind (bench/damage.py), in
rounds with fresh random choices until at least N (10,000 by default) damaged replies were replayed.  For
every replay: ``garbled`` counts ok edits inside an expected span whose applied text is not the exact reply's
version there (whitespace aside), ``misplaced`` ok edits outside every expected span, ``outside`` characters
changed outside ok edits, ``crashes`` anything but a clear ReviseError.  Per kind: expected edits, how many
were written exactly right (``recovered``), how many edits were reported (any status but ok), and replies
refused whole as unusable.  Targets: garbled, misplaced, outside and crashes 0.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import damage
import eval_replies
import make_replies

from revise import document
from revise.apply import replacement
from revise.edits import Edit, Status
from revise.engines.base import Review
from revise.errors import ReviseError
from revise.pipeline import apply, finish, load

DEFAULT = eval_replies.DEFAULT


@dataclass
class Tally:
    replies: int = 0
    expected: int = 0
    recovered: int = 0
    reported: int = 0
    unusable: int = 0
    garbled: int = 0
    misplaced: int = 0
    outside: int = 0
    crashes: int = 0
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    spans: tuple[tuple[int, int], ...]
    versions: tuple[str, ...]
    replies: dict[str, str]


def cases(root: Path) -> list[Case]:
    """Every generated case with its dressed replies and the exact versions per expected span."""
    found = []
    for folder in sorted(root.glob("*/case*")):
        exact = folder / "reply-json-exact.json"
        stated = json.loads(
            (exact if exact.is_file() else folder / "versions.json").read_text(encoding="utf-8")
        )
        meta = json.loads((folder / "meta.json").read_text())
        replies = {r.name: r.read_text(encoding="utf-8") for r in sorted(folder.glob("reply-*"))}
        found.append(
            Case(
                f"{folder.parent.name}/{folder.name}",
                (folder / "doc.tex").read_text(encoding="utf-8"),
                tuple((s, t) for s, t in meta["spans"]),
                tuple(e["versions"][0] for e in stated["edits"]),
                replies,
            )
        )
    return found


def replay(case: Case, loaded: tuple, reply: str, tally: Tally, label: str) -> None:
    """One damaged reply: parse, anchor, guard, apply; tally what it wrote against what the exact reply says."""
    source, segmentation, paragraphs = loaded
    tally.replies += 1
    tally.expected += len(case.spans)
    try:
        suggestions = eval_replies.parse_reply(reply)
    except ReviseError:
        tally.unusable += 1
        return
    except Exception:
        tally.crashes += 1
        tally.failures.append(f"{label}: crash while parsing\n{traceback.format_exc()}")
        return
    try:
        revision = finish(segmentation, paragraphs, Review(tuple(suggestions)), "reply", None, file="doc.tex")
        result = apply(revision).get("doc.tex", source.text)
    except ReviseError as err:
        tally.failures.append(f"{label}: nothing written: {err}")
        return
    except Exception:
        tally.crashes += 1
        tally.failures.append(f"{label}: crash while anchoring or applying\n{traceback.format_exc()}")
        return
    edits = revision.edits
    tally.reported += sum(e.status is not Status.OK for e in edits)
    tally.outside += eval_replies._outside(source.text, result, edits)
    for e in edits:
        placed = e.status is Status.OK and e.anchor is not None
        if placed and not any(s <= e.anchor.start and e.anchor.end <= t for s, t in case.spans):
            tally.misplaced += 1
            tally.failures.append(f"{label}: edit {e.id} misplaced: {e.anchor.text!r} → {e.versions[0]!r}")
    for (s, t), version in zip(case.spans, case.versions, strict=False):
        inside = [e for e in edits if e.anchor is not None and s <= e.anchor.start and e.anchor.end <= t]
        ok = [e for e in inside if e.status is Status.OK]
        if not ok:
            continue
        written = _written(source.text, s, t, ok)
        if written.split() == version.split():
            tally.recovered += 1
        elif len(ok) == len(inside):
            tally.garbled += len(ok)
            tally.failures.append(f"{label}: garbled: wrote {written!r}, the reply says {version!r}")


def _written(text: str, s: int, t: int, ok: list[Edit]) -> str:
    parts, at = [], s
    for e in sorted(ok, key=lambda e: e.anchor.start if e.anchor else 0):
        assert e.anchor is not None
        parts += [text[at : e.anchor.start], replacement(e, e.versions[0])]
        at = e.anchor.end
    parts.append(text[at:t])
    return "".join(parts)


def fuzz(root: Path, target: int) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    with tempfile.TemporaryDirectory(prefix="revise-fuzz-") as tmp:
        make_replies.build(root, Path(tmp), root.parent / "revisions-dev.jsonl")
        found = cases(Path(tmp))
    loaded = {}
    for case in found:
        source, _ = document.decode(case.text.encode(), "doc.tex")
        loaded[case.name] = (source, *load(source))
    rounds = 0
    while sum(t.replies for t in tallies.values()) < target:
        for case in found:
            exact = case.replies.get("reply-json-plain.json") or next(iter(case.replies.values()))
            for name, reply in case.replies.items():
                if sum(t.replies for t in tallies.values()) >= target:
                    break
                rng = random.Random(f"{rounds}/{case.name}/{name}")
                for kind, hurt in damage.KINDS.items():
                    damaged = hurt(reply, rng)
                    if damaged is not None:
                        replay(case, loaded[case.name], damaged, tallies[kind], f"{case.name} {name} {kind}")
                damaged = damage.second_block(reply, rng, exact)
                if damaged is not None:
                    replay(
                        case,
                        loaded[case.name],
                        damaged,
                        tallies["second-block"],
                        f"{case.name} {name} second",
                    )
        rounds += 1
    return dict(tallies)


def report(tallies: dict[str, Tally], verbose: bool) -> int:
    head = (
        "kind",
        "replies",
        "edits",
        "recovered",
        "reported",
        "unusable",
        "garbled",
        "misplaced",
        "outside",
    )
    print(f"{head[0]:16} " + " ".join(f"{h:>9}" for h in head[1:]) + f" {'crashes':>8}")
    total = Tally()
    for kind, t in sorted(tallies.items()):
        share = f"{100 * t.recovered / max(1, t.expected):.1f}%"
        row = (t.replies, t.expected, share, t.reported, t.unusable, t.garbled, t.misplaced, t.outside)
        print(f"{kind:16} " + " ".join(f"{v:>9}" for v in row) + f" {t.crashes:>8}")
        for name in (
            "replies",
            "expected",
            "recovered",
            "reported",
            "unusable",
            "garbled",
            "misplaced",
            "outside",
            "crashes",
        ):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.failures += t.failures
    share = f"{100 * total.recovered / max(1, total.expected):.1f}%"
    row = (
        total.replies,
        total.expected,
        share,
        total.reported,
        total.unusable,
        total.garbled,
        total.misplaced,
        total.outside,
    )
    print(f"{'all':16} " + " ".join(f"{v:>9}" for v in row) + f" {total.crashes:>8}")
    if verbose:
        for line in total.failures:
            print("  ", line)
    return int(bool(total.garbled or total.misplaced or total.outside or total.crashes))


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    if not options.corpus.is_dir():
        print(f"no corpus at {options.corpus}", file=sys.stderr)
        return 1
    return report(fuzz(options.corpus, options.replies), options.verbose)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
