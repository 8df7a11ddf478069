"""Speed of the offline engine on a ~100 KB paper built at run time from the corpus papers.

Prints: the size of the paper, the wall time of the full CLI (``revise paper.tex --engine offline --format
json``, start-up included) when the CLI is wired, and the library-level split: import, segment, reviewer
construction and review. Run: ``.venv/bin/python bench/bench_offline.py`` (needs ../shared/corpus).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "papers"
SOURCES = (
    "scipy-articles/scipy-1.0/paper.tex",
    "lightkurve-paper/paper/ms.tex",
    "dynonet/doc/paper/ms.tex",
    "george/paper/ms.tex",
)
TARGET = 100_000


def build_paper(folder: Path) -> Path:
    """Concatenate the corpus papers' bodies into one ~100 KB document (read at run time, never committed)."""
    bodies: list[str] = []
    size = 0
    for name in SOURCES:
        text = (CORPUS / name).read_text(encoding="utf-8")
        m = re.search(r"\\begin\{document\}(.*)\\end\{document\}", text, re.S)
        body = m.group(1) if m else text
        bodies.append(body)
        size += len(body)
        if size >= TARGET:
            break
    body = "\n\n".join(bodies)[:TARGET]
    body = body[: body.rfind("\n\n")]
    paper = folder / "paper.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n", encoding="utf-8"
    )
    return paper


def time_cli(paper: Path) -> tuple[float, int, str]:
    exe = Path(sys.executable).with_name("revise")
    start = time.perf_counter()
    done = subprocess.run(
        [str(exe), str(paper), "--engine", "offline", "--format", "json"], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    try:
        edits = len(json.loads(done.stdout)["edits"])
    except (ValueError, KeyError):
        edits = -1
    return elapsed, done.returncode, done.stderr.strip()[-300:] if edits < 0 else str(edits)


def time_library(paper: Path) -> None:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", "import revise.cli"], capture_output=True, text=True)
    print(
        f"  start-up (python -c 'import revise.cli'): {time.perf_counter() - start:.2f} s rc={out.returncode}"
    )
    from revise import document
    from revise.engines.base import ReviewContext
    from revise.engines.offline import OfflineReviewer
    from revise.latex.segment import segment

    t0 = time.perf_counter()
    seg = segment(document.read(paper)[0])
    t1 = time.perf_counter()
    reviewer = OfflineReviewer()
    reviewer._lint_engines(2)  # the one-off Harper builds, timed apart
    t2 = time.perf_counter()
    review = reviewer.review(seg.paragraphs, ReviewContext())
    t3 = time.perf_counter()
    print(f"  segment: {t1 - t0:.2f} s ({len(seg.paragraphs)} paragraphs)")
    print(f"  Harper linter build: {t2 - t1:.2f} s")
    print(f"  review: {t3 - t2:.2f} s ({len(review.suggestions)} suggestions)")
    print(f"  library total: {t3 - t0:.2f} s")


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit("../shared/corpus is absent")
    with tempfile.TemporaryDirectory() as tmp:
        paper = build_paper(Path(tmp))
        print(f"paper: {paper.stat().st_size / 1000:.1f} KB")
        elapsed, rc, detail = time_cli(paper)
        cli = "revise paper.tex --engine offline --format json"
        print(f"CLI {cli}: {elapsed:.2f} s (exit {rc}, edits {detail})")
        print("library split:")
        time_library(paper)


if __name__ == "__main__":
    main()
