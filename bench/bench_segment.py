"""Segmentation speed on a ~1 MB document (with ``--big`` also ~10 MB) built from ../shared/corpus/papers at
run time, against pylatexenc's own walker on the same text.

Prints medians of RUNS: a full segmentation (s/MB and the ratio to ``LatexWalker.get_latex_nodes``), one
``--section`` named by its number path (titles repeat in the built document) (``segment(..., sections=[...])``, and its share of a full segmentation), the garbage
collector's share of segmenting, and with ``--big`` the 10 MB figures, their ratio to the 1 MB ones (1.0 =
linear) and the process's peak memory. Targets: <= 1 s/MB, one section <= 0.2 s. Run from the repository
root: ``python bench/bench_segment.py [--big]``.
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import statistics
import sys
import time

from common import CORPUS, seconds

from revise.document import SourceFile
from revise.latex.segment import segment

PAPERS = CORPUS / "papers"
RUNS = 5
_BODY = re.compile(r"\\begin\{document\}(.*?)\\end\{document\}", re.S)


def build(size: int) -> str:
    """A single-file paper of about ``size`` characters: corpus bodies repeated under numbered sections."""
    bodies = []
    for path in sorted(PAPERS.rglob("*.tex")):
        text = path.read_text(encoding="utf-8", errors="replace")
        m = _BODY.search(text)
        bodies.append(m.group(1) if m else text)
    parts = ["\\documentclass{article}\n\\begin{document}\n"]
    length, n = 0, 0
    while length < size:
        for body in bodies:
            n += 1
            chunk = f"\\section{{Part {n}}}\n{body}\n"
            parts.append(chunk)
            length += len(chunk)
            if length >= size:
                break
    parts.append("\\end{document}\n")
    return "".join(parts)


class CollectorClock:
    """Seconds the cyclic garbage collector ran while it was installed."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.spent += time.perf_counter() - self._start


def walker(text: str) -> None:
    from pylatexenc.latexwalker import LatexWalker

    LatexWalker(text, tolerant_parsing=True).get_latex_nodes()


def measure(megabytes: float, runs: int) -> float:
    text = build(int(megabytes * 1_000_000))
    root = SourceFile("bench.tex", None, text)
    size = len(text) / 1e6
    segment(SourceFile("warm.tex", None, text[:20000]))
    result = segment(root)
    masks = sum(len(p.masked.placeholders) for p in result.paragraphs)
    print(
        f"{size:.2f} MB: {len(result.paragraphs)} paragraphs, {masks} placeholders, {len(result.warnings)} warnings"
    )
    # The titles repeat in this built document, so the section is named by its number path (issue 10).
    middle = result.sections[len(result.sections) // 2 :]
    wanted = next(s.number for s in middle if s.number)
    del result
    clock = CollectorClock()
    gc.callbacks.append(clock)
    full, anchor, one = [], [], []
    collecting = 0.0
    for n in range(runs):
        before = clock.spent
        full.append(seconds(lambda: segment(root)))
        collecting += clock.spent - before
        one.append(seconds(lambda: segment(root, sections=[wanted])))
        if n < 3:  # pylatexenc's walker is the slow one: three runs are enough for its median
            anchor.append(seconds(lambda: walker(text)))
    gc.callbacks.remove(clock)
    f, a, o = statistics.median(full), statistics.median(anchor), statistics.median(one)
    print(f"  full segmentation: {f:.3f} s = {f / size:.3f} s/MB, median of {runs} "
          f"({f / a:.2f} x pylatexenc's walker on the same text, {a:.3f} s)")  # fmt: skip
    print(f"  one section (--section {wanted}): {o:.3f} s ({o / f:.0%} of a full segmentation)")
    print(f"  garbage collection: {collecting / sum(full):.0%} of the full segmentations' time")
    return f / size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true", help="also measure a ~10 MB document")
    args = parser.parse_args()
    if not PAPERS.is_dir():
        print(f"corpus not found at {PAPERS}", file=sys.stderr)
        return 1
    per_mb = measure(1.0, RUNS)
    if args.big:
        big = measure(10.0, 3)
        print(f"10 MB against 1 MB: {big / per_mb:.2f} x the time per MB (1.00 = linear)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
