"""A bounded fuzzer: mutated real papers (../shared/corpus/papers) through segmentation, and a sample through
the offline engine and the guard; prints the figures.

Usage: python bench/fuzz_hostile.py [--cases 20000] [--seconds 900] [--offline-every 200] [--seed 15]

Mutations are what broken or hostile LaTeX looks like: runs of unclosed ``{``, stray ``$``, environments
opened and never closed (or closed twice), paragraphs glued into one huge paragraph, deep ``{{{…}}}`` nesting,
deleted or duplicated stretches, comment and verbatim markers, control characters, ``\\input`` of paths
outside the folder. Every 1,000th case is a ~1 MB paper built from the corpus and mutated the same way.

Each case must hold: no exception but a ReviseError (an internal error otherwise); every paragraph's ``text``
is its source slice and its masked text unmasks back to it; no two paragraphs of one file have the same span
or cross (a footnote nested inside its paragraph is fine). Peak RSS is the process's ``ru_maxrss`` after all
cases (inputs are under 1 MB). Targets: 0 internal errors, 0 duplicate or crossing paragraphs, peak RSS under
500 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from pathlib import Path

from revise.document import SourceFile
from revise.errors import ReviseError
from revise.latex.segment import Segmentation, segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "papers"
SPECIALS = [
    "{",
    "}",
    "$",
    "$$",
    "\\",
    "%",
    "&",
    "#",
    "^",
    "_",
    "~",
    "\\[",
    "\\]",
    "\\(",
    "\\)",
    "\x00",
    "\x1b",
]
ENVIRONMENTS = ["quote", "itemize", "figure", "equation", "verbatim", "abstract", "table", "align", "comment"]


def mutate(text: str, rng: random.Random) -> str:
    """One to four mutations of ``text``, each at a random place."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(11)
        if kind == 0:
            text = text[:at] + "{" * rng.choice((1, 50, 500, 4400)) + text[at:]
        elif kind == 1:
            text = text[:at] + "$" + text[at:]
        elif kind == 2:
            env = rng.choice(ENVIRONMENTS)
            text = text[:at] + f"\\begin{{{env}}}\n" + text[at:]
        elif kind == 3:
            text = text[:at] + f"\\end{{{rng.choice(ENVIRONMENTS)}}}" + text[at:]
        elif kind == 4:
            text = text.replace("\n\n", "\n")  # every paragraph glued into one
        elif kind == 5:
            depth = rng.choice((10, 200, 3000))
            text = text[:at] + "{" * depth + "deep" + "}" * depth + text[at:]
        elif kind == 6:
            end = min(len(text), at + rng.randint(1, 400))
            text = text[:at] + text[end:]
        elif kind == 7:
            end = min(len(text), at + rng.randint(1, 2000))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == 8:
            text = text[:at] + "".join(rng.choice(SPECIALS) for _ in range(rng.randint(1, 30))) + text[at:]
        elif kind == 9:
            target = rng.choice(("../outside/notes", "/etc/hostname", "missing", "ms"))
            text = text[:at] + f"\\input{{{target}}}" + text[at:]
        else:
            text = (
                text[:at] + rng.choice(("\\verb|", "\\verb", "%", "\\iffalse", "\\makeatletter")) + text[at:]
            )
    return text


def check(seg: Segmentation, source: SourceFile) -> list[str]:
    """What is wrong with a segmentation: slices that are not the source, masks that do not unmask, overlaps."""
    problems: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in seg.paragraphs:
        if not 0 <= p.start <= p.end <= len(p.file.text) or p.file not in seg.files:
            problems.append(f"paragraph {p.index}: span outside its file")
        if p.masked.unmask(p.masked.text) != p.file.text[p.start : p.end]:
            problems.append(f"paragraph {p.index}: masked text does not unmask to its source")
        spans.setdefault(p.file.name, []).append((p.start, p.end))
    for name, found in spans.items():
        if len(set(found)) != len(found):
            problems.append(f"{name}: duplicate paragraph spans")
        ordered = sorted(found, key=lambda s: (s[0], -s[1]))
        open_: list[tuple[int, int]] = []
        for start, end in ordered:
            while open_ and open_[-1][1] <= start:
                open_.pop()
            if open_ and end > open_[-1][1]:
                problems.append(f"{name}: paragraphs {open_[-1]} and {(start, end)} cross")
                break
            open_.append((start, end))
    return problems


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.rglob("*.tex"))]


def big_paper(texts: list[str], rng: random.Random, size: int = 1_000_000) -> str:
    parts, length = [], 0
    while length < size - 50_000:
        piece = rng.choice(texts)
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[: size - 1000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=900.0)
    parser.add_argument("--offline-every", type=int, default=200, help="0 turns the offline engine off")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--save", metavar="DIR", help="write each case that raises the peak memory here")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent")
    texts = corpus_texts()
    rng = random.Random(args.seed)
    offline = None
    if args.offline_every:
        from revise.anchoring import anchor
        from revise.engines.base import ReviewContext
        from revise.engines.offline import OfflineReviewer
        from revise.guard import guard

        offline = OfflineReviewer()
    started = time.monotonic()
    cases = expected = internal = bad = offline_cases = edits = 0
    slowest = (0.0, 0)
    largest = 0
    peak_seen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    failures: list[str] = []
    while cases < args.cases and time.monotonic() - started < args.seconds:
        cases += 1
        big = cases % 1000 == 0
        text = mutate(big_paper(texts, rng) if big else rng.choice(texts), rng)
        largest = max(largest, len(text.encode("utf-8", "replace")))
        source = SourceFile("fuzz.tex", None, text)
        t0 = time.monotonic()
        try:
            seg = segment(source)
            problems = check(seg, source)
            # The ~1 MB cases stay out of the offline sample: Harper alone takes 80 s on one of them (its
            # memory on a 1 MB paper is measured on its own, see the README).
            if offline is not None and not big and cases % args.offline_every == 0:
                offline_cases += 1
                review = offline.review(seg.paragraphs, ReviewContext(versions=2))
                edits += len(guard(anchor(review.suggestions, seg.paragraphs)))
        except ReviseError:
            expected += 1
            problems = []
        except Exception:
            internal += 1
            problems = [traceback.format_exc(limit=3)]
        took = time.monotonic() - t0
        slowest = max(slowest, (took, cases))
        now = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if now > peak_seen + 50:
            # Which case raised the peak, kept for replaying it on its own.
            print(f"… case {cases}: peak {peak_seen:,.0f} → {now:,.0f} MB in {took:.1f} s", flush=True)
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                (Path(args.save) / f"case-{cases}.tex").write_text(text, errors="replace")
            peak_seen = now
        if cases % 2000 == 0:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"… {cases:,} cases, {internal} internal errors, {bad} bad, peak {rss:,.0f} MB", flush=True)
        if problems:
            bad += 1
            if len(failures) < 5:
                failures.append(f"case {cases} (seed {args.seed}): " + "; ".join(problems)[:600])
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cases                 {cases:,} ({cases / seconds:,.0f}/s, {seconds:,.0f} s, seed {args.seed})")
    print(f"through offline+guard {offline_cases:,} ({edits:,} edits)")
    print(f"expected errors       {expected:,}")
    print(f"internal errors       {internal:,}")
    print(
        f"bad cases             {bad:,} (internal errors, duplicate/crossing paragraphs, wrong slices or masks)"
    )
    print(f"slowest case          {slowest[0]:.2f} s (case {slowest[1]})")
    print(f"largest input         {largest / 1e6:.2f} MB")
    print(f"peak RSS              {peak:,.0f} MB")
    for failure in failures:
        print(failure)


if __name__ == "__main__":
    main()
