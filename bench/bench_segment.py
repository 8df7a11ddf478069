"""Segmentation speed on a ~1 MB (or, with --big, ~20 MB) document built from ../shared/corpus/papers at run
time.

Prints seconds for a full segmentation, seconds per MB, and the median of five times to segment one section with
``segment(..., sections=[...])`` (named by its number path, as ``--section 2.1`` does). Target: ≤ 1 s/MB in full and ≤ 0.2 s for one section of the 1 MB document.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from revise.document import SourceFile
from revise.latex.segment import Segmentation, segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "papers"
_BODY = re.compile(r"\\begin\{document\}(.*?)\\end\{document\}", re.S)


def build(size: int) -> str:
    """A single-file paper of about ``size`` characters: corpus bodies repeated under numbered sections."""
    bodies = []
    for path in sorted(CORPUS.rglob("*.tex")):
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


def _median(run: Callable[[], Segmentation], repeat: int = 5) -> tuple[float, Segmentation]:
    """The median of ``repeat`` timings (the machine is shared: one timing is noise) and the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(megabytes: float) -> None:
    text = build(int(megabytes * 1_000_000))
    root = SourceFile("bench.tex", None, text)
    segment(SourceFile("warm.tex", None, text[:20000]))
    full, result = _median(lambda: segment(root))
    masks = sum(len(p.masked.placeholders) for p in result.paragraphs)
    size = len(text) / 1e6
    print(
        f"{size:.2f} MB: {len(result.paragraphs)} paragraphs, {masks} placeholders, "
        f"{len(result.warnings)} warnings"
    )
    print(f"  full segmentation: {full:.3f} s ({full / size:.3f} s/MB)")
    # The titles repeat in this built document, so the section is named by its number path (issue 10).
    middle = result.sections[len(result.sections) // 2 :]
    wanted = next(s.number for s in middle if s.number)
    one, only = _median(lambda: segment(root, sections=[wanted]))
    print(f"  one section (--section {wanted}, {len(only.paragraphs)} paragraphs): {one:.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true", help="also measure a ~20 MB document")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    measure(1.0)
    if args.big:
        measure(20.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
