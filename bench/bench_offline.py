"""Speed of the offline engine, each figure a median of several runs and a ratio to an anchor of the same run.

Prints:
- the main job on examples/conclusion.tex (``revise examples/conclusion.tex --engine offline``, cold: a fresh
  process and no cache) against Harper alone on the example's plain text (a fresh process that imports harper,
  builds one linter and lints the text pylatexenc's latex2text makes of the document); target <= 1.0 x;
- a ~100 KB paper built from the corpus papers: the first run (empty cache) against Harper alone on its plain
  text, an unchanged rerun (target <= 0.1 x the first run) and a rerun after editing one paragraph (<= 0.2 x),
  that one with the lint worker a first run starts warm (engines/warm.py) and with REVISE_NO_WORKER=1;
- cold figures (the example, the first run) have no worker alive: each run gets a fresh worker folder, and the
  worker it starts is killed at once; every worker the bench started is stopped at its end;
- the two linters' finishing times on that paper against the ideal concurrency time (their busy time / 2);
- with ``--big``: the first run on ~1 MB and ~10 MB documents (one run each, minutes long), their time per
  MB against each other (1.00 = linear) and the peak memory of the command (target under 2 GB).
Run from the repository root: ``python bench/bench_offline.py [--big]`` (needs ../shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import (
    CORPUS,
    ROOT,
    SCRATCH,
    run_revise,
    seconds,
    stop_started,
    wait_listening,
    where_revise_comes_from,
    worker_folder,
)

EXAMPLE = ROOT / "examples" / "conclusion.tex"
SOURCES = (
    "scipy-articles/scipy-1.0/paper.tex",
    "lightkurve-paper/paper/ms.tex",
    "dynonet/doc/paper/ms.tex",
    "george/paper/ms.tex",
)
TARGET = 100_000
_BODY = re.compile(r"\\begin\{document\}(.*)\\end\{document\}", re.S)
HARPER_ALONE = (
    "import sys, harper\n"
    "linter = harper.Linter(harper.Dialect.AMERICAN)\n"
    "linter.lint(open(sys.argv[1], encoding='utf-8').read(), language='plaintext')\n"
)


def build_paper(folder: Path, target: int = TARGET) -> Path:
    """Concatenate corpus papers' bodies into one document of about ``target`` characters (read at run
    time, never committed); above the corpus's size the bodies repeat under numbered sections."""
    bodies = []
    for name in SOURCES:
        text = (CORPUS / "papers" / name).read_text(encoding="utf-8")
        m = _BODY.search(text)
        bodies.append(m.group(1) if m else text)
    parts: list[str] = []
    size, n = 0, 0
    while size < target:
        body = bodies[n % len(bodies)]
        parts.append(body if n < len(bodies) else f"\\section{{Part {n}}}\n{body}")
        size += len(parts[-1])
        n += 1
    body = "\n\n".join(parts)[:target]
    body = body[: body.rfind("\n\n")]
    paper = folder / f"paper-{target // 1000}k.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n", encoding="utf-8"
    )
    return paper


def plain_text(paper: Path) -> Path:
    """The document as plain text by pylatexenc's latex2text (in the scratch folder): the anchor's input."""
    from pylatexenc.latex2text import LatexNodes2Text

    text = paper.read_text(encoding="utf-8")
    m = _BODY.search(text)
    out = SCRATCH / f"{paper.stem}.txt"
    out.write_text(LatexNodes2Text().latex_to_text(m.group(1) if m else text), encoding="utf-8")
    return out


def harper_alone(text: Path) -> None:
    subprocess.run([sys.executable, "-c", HARPER_ALONE, str(text)], check=True)


def offline(
    paper: Path, cache: Path | None, *extra: str, workers: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """One run; ``workers``: the lint workers' folder (None: REVISE_NO_WORKER=1)."""
    args = [str(paper), "--engine", "offline", *extra, "--verbose"]
    done = run_revise([*args, "--no-cache"] if cache is None else args, cache=cache, workers=workers)
    if done.returncode != 0:
        raise SystemExit(f"revise failed: {done.stderr.decode()[-500:]}")
    return done


def cold(paper: Path, cache: Path | None, *extra: str) -> subprocess.CompletedProcess[bytes]:
    """A run as a user's first: no worker alive (a fresh folder), so it lints in-process and starts one,
    which is killed at once so its warm-up takes no core from the next measurement."""
    done = offline(paper, cache, *extra, workers=worker_folder())
    stop_started(done)
    return done


def timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = action()
    return time.perf_counter() - start, out


def edits(done: subprocess.CompletedProcess[bytes]) -> int:
    return len(json.loads(done.stdout)["edits"])


def example_job(runs: int) -> None:
    text = plain_text(EXAMPLE)
    ours, anchors = [], []
    for _ in range(runs):
        ours.append(timed(lambda: cold(EXAMPLE, None, "--field", "satellite anomaly detection"))[0])
        anchors.append(seconds(lambda: harper_alone(text)))
    times = {"revise": statistics.median(ours), "harper": statistics.median(anchors)}
    count = edits(cold(EXAMPLE, None, "--format", "json"))
    print(f"example, main job (revise examples/conclusion.tex --engine offline, cold): {times['revise']:.2f} s, "
          f"{count} edits; Harper alone on its plain text {times['harper']:.2f} s: "
          f"{times['revise'] / times['harper']:.2f} x (target <= 1.0), median of {runs}")  # fmt: skip
    # Not cold: the same job while a worker started by an earlier run (of any paper) is alive, as for a user's
    # second run within the worker's idle time. No lint cache either way.
    folder = worker_folder()
    offline(EXAMPLE, None, "--format", "json", workers=folder)
    wait_listening(folder)
    warm_times = [
        seconds(lambda: offline(EXAMPLE, None, "--field", "satellite anomaly detection", workers=folder))
        for _ in range(runs)
    ]
    served = statistics.median(warm_times)
    print(f"  the same with a lint worker alive from an earlier run (no lint cache): {served:.2f} s, "
          f"{served / times['harper']:.2f} x Harper alone, median of {runs}")  # fmt: skip


def paper_runs(runs: int) -> float:
    paper = build_paper(SCRATCH)
    text = plain_text(paper)
    print(f"paper: {paper.stat().st_size / 1000:.1f} KB")
    first_times, anchors = [], []
    warm = SCRATCH / "warm-cache"
    for _ in range(runs):
        shutil.rmtree(warm, ignore_errors=True)
        first_times.append(seconds(lambda: cold(paper, warm, "--format", "json")))
        anchors.append(seconds(lambda: harper_alone(text)))
    first, anchor = statistics.median(first_times), statistics.median(anchors)
    count = edits(offline(paper, warm, "--format", "json"))
    print(f"  first run (empty cache): {first:.2f} s, {count} edits; Harper alone on its plain text "
          f"{anchor:.2f} s: {first / anchor:.2f} x, median of {runs}")  # fmt: skip

    # The lint worker a user's first run leaves behind, warm (it binds its socket once it is).
    workers = worker_folder()
    shutil.rmtree(SCRATCH / "start-cache", ignore_errors=True)
    started = offline(paper, SCRATCH / "start-cache", "--format", "json", workers=workers)
    assert b"started one" in started.stderr, started.stderr
    wait_listening(workers)
    rerun = statistics.median(
        seconds(lambda: offline(paper, warm, "--format", "json", workers=workers)) for _ in range(2 * runs)
    )
    print(f"  unchanged rerun: {rerun:.2f} s = {rerun / first:.3f} x the first run "
          f"(target <= 0.1), median of {2 * runs}")  # fmt: skip

    source = paper.read_text(encoding="utf-8")
    at = prose_edit_point(paper)
    edited = paper.with_name("edited.tex")
    edited.write_text(source[:at] + " the very" + source[at + 4 :], encoding="utf-8")
    times: dict[str, list[float]] = {"worker": [], "none": []}
    for _ in range(2 * runs):
        for name, chosen in (("worker", workers), ("none", None)):
            copy = SCRATCH / "edit-cache"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(warm, copy)
            took, done = timed(lambda c=copy, w=chosen: offline(edited, c, "--format", "json", workers=w))
            times[name].append(took)
            if chosen is not None and b"lint worker answered" not in done.stderr:
                raise SystemExit(f"the warm worker did not answer: {done.stderr.decode()[-300:]}")
    again, alone = (statistics.median(times[name]) for name in ("worker", "none"))
    print(f"  after editing one paragraph, the worker warm: {again:.2f} s = {again / first:.3f} x the first run "
          f"(target <= 0.2); with REVISE_NO_WORKER=1 {alone:.2f} s = {alone / first:.3f} x; "
          f"median of {2 * runs} each")  # fmt: skip
    return first


def prose_edit_point(paper: Path) -> int:
    """The source offset of a " the " in a prose paragraph past the middle of the paper (not in a table or a
    comment, where an edit would change nothing the linter reads)."""
    from revise import document
    from revise.latex.segment import segment

    paragraphs = segment(document.read(paper)[0]).paragraphs
    for p in paragraphs[len(paragraphs) // 2 :]:
        at = p.masked.text.find(" the ")
        if p.kind == "text" and len(p.masked.text) > 400 and at > 0:
            return p.masked.to_source(at)
    raise SystemExit("no prose paragraph to edit")


class Timed:
    """A Harper linter whose calls record, per thread, when they end and how long they ran."""

    def __init__(self, linter: Any, start: float, log: dict[int, list[float]]) -> None:
        self._linter, self._start, self._log = linter, start, log

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._linter, name)
        if name not in ("lint", "organized_lints"):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            out = method(*args, **kwargs)
            ended = time.perf_counter()
            busy = self._log.setdefault(id(self), [0.0, 0.0])[0]
            self._log[id(self)] = [busy + ended - began, ended - self._start]
            return out

        return call


def balance(runs: int) -> None:
    """Each linter's finishing time against the ideal: the two linters' busy time shared evenly."""
    paper = build_paper(SCRATCH)
    ratios, finishes = [], []
    for _ in range(runs):
        # A fresh process each time: the spell checker's start-up happens once per process.
        code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_offline as b; "
        code += f"b._balance_once({str(paper)!r})"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=SCRATCH
        )
        a, b, ideal = (float(x) for x in out.stdout.split())
        finishes.append((a, b))
        ratios.append(max(a, b) / ideal)
    ratio = statistics.median(ratios)
    a, b = finishes[min(range(runs), key=lambda n: abs(ratios[n] - ratio))]
    print(f"  two linters finish {a:.2f} s and {b:.2f} s after linting starts; the slower one at {ratio:.2f} x "
          f"the ideal concurrency time (busy time / 2), median of {runs}")  # fmt: skip


def _balance_once(paper: str) -> None:
    from revise import document
    from revise.engines import view as lintview
    from revise.engines import vocabulary
    from revise.engines.offline import OfflineReviewer
    from revise.latex.segment import segment

    paragraphs = segment(document.read(Path(paper))[0]).paragraphs
    reviewer = OfflineReviewer()
    linters = reviewer._lint_engines(2)
    views = [lintview.build(p.masked) for p in paragraphs]
    words = vocabulary.words([paragraphs[0].file.text])
    log: dict[int, list[float]] = {}
    start = time.perf_counter()
    reviewer._grammar(views, words, [Timed(linter, start, log) for linter in linters])
    (busy_a, end_a), (busy_b, end_b) = log.values()
    print(end_a, end_b, (busy_a + busy_b) / 2)


def big() -> None:
    per_mb = []
    for megabytes in (1, 10):
        paper = build_paper(SCRATCH, megabytes * 1_000_000)
        start = time.perf_counter()
        done = offline(paper, None, "--format", "json")
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = paper.stat().st_size / 1e6
        per_mb.append(elapsed / size)
        print(f"{size:.1f} MB document, first run: {elapsed:.1f} s ({elapsed / size:.1f} s/MB), {edits(done)} edits, "
              f"peak memory of the command {peak:.0f} MB (target under 2 GB), one run")  # fmt: skip
    print(f"10 MB against 1 MB: {per_mb[1] / per_mb[0]:.2f} x the time per MB (1.00 = linear)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--big", action="store_true", help="also run ~1 MB and ~10 MB documents (minutes)")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    args = parser.parse_args()
    if not (CORPUS / "papers").is_dir():
        sys.exit("../shared/corpus is absent")
    print(f"revise imported from {where_revise_comes_from()}")
    example_job(args.runs)
    paper_runs(max(3, args.runs // 2 + 1))
    balance(args.runs)
    if args.big:
        big()


if __name__ == "__main__":
    main()
