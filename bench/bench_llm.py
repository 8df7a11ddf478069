"""Benchmark: a 40-paragraph paper reviewed against the local Chat Completions server with 1 s latency per
request.

Prints medians of RUNS, each against its ideal measured in the same run: at the default concurrency C, the time
from the first request to the last response against the ideal ceil(40 / C) x 1 s (target <= 1.15 x); the whole
command (the installed ``revise paper.tex --engine llm --base-url ... --format json --no-cache``, started in a
scratch folder) against ideal + 1.5 s; with ``--sequential`` the same library call at concurrency 1; and the
prompt size per paragraph. Run from the repository root: ``python bench/bench_llm.py [--sequential]``.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, run_revise, where_revise_comes_from

sys.path.insert(0, str(ROOT / "tests"))

from chat_server import ChatServer, Reply

from revise.config import DEFAULT_CONCURRENCY, Settings
from revise.document import read
from revise.engines.base import ReviewContext
from revise.engines.llm import LLMReviewer
from revise.latex.segment import segment
from revise.prompting import build_messages

PARAGRAPHS = 40
LATENCY = 1.0
SENTENCES = (
    "The proposed detector flags anomalies in satellite telemetry by comparing each channel with a forecast.",
    "We has evaluated it on three missions, where the false alarm rate drop considerably against thresholds.",
    "Its runtime is linear in the number of channels, which make it suitable for onboard deployment.",
)


def write_paper(folder: Path) -> Path:
    body = []
    for i in range(PARAGRAPHS):
        if i % 8 == 0:
            body.append(f"\\section{{Part {i // 8 + 1}}}")
        text = " ".join(SENTENCES)
        body.append(f"Paragraph {i}: {text} We cite \\cite{{k{i}}} and use $x_{i}$.")
    doc = (
        "\\documentclass{article}\n\\title{Fast Anomaly Detection}\n\\begin{document}\n\\maketitle\n"
        + "\n\n".join(body)
        + "\n\\end{document}\n"
    )
    path = folder / "paper.tex"
    path.write_text(doc, encoding="utf-8")
    return path


def reply_for(body: dict) -> Reply:
    paragraph = body["messages"][-1]["content"].split('<paragraph id="', 1)[-1].split("</paragraph>", 1)[0]
    quote = "We has evaluated it" if "We has evaluated it" in paragraph else paragraph[:20]
    edit = {
        "original": quote,
        "issue": "Subject-verb agreement.",
        "versions": ["We have evaluated it", "We evaluated it"],
    }
    return Reply(json.dumps({"edits": [edit]}), delay=LATENCY)


def span(server: ChatServer) -> float:
    return max(end for _, end in server.timings) - min(start for start, _ in server.timings)


def library_run(paper: Path, concurrency: int) -> tuple[float, float, int, int]:
    paragraphs = segment(read(paper)[0]).paragraphs
    with ChatServer(respond=reply_for) as server:
        # One request per paragraph, as this benchmark has always measured (bench/bench_scope.py compares scopes).
        settings = Settings(
            base_url=server.base_url, model="test-model", concurrency=concurrency, scope="paragraph"
        )
        started = time.monotonic()
        review = LLMReviewer(settings, None).review(
            paragraphs, ReviewContext(field="satellite anomaly detection")
        )
        total = time.monotonic() - started
        return span(server), total, server.max_active, len(review.suggestions)


def cli_run(paper: Path, scratch: Path) -> tuple[float, float, int, str]:
    with ChatServer(respond=reply_for) as server:
        options = [
            "--engine",
            "llm",
            "--base-url",
            server.base_url,
            "--model",
            "test-model",
            "--format",
            "json",
            "--scope",
            "paragraph",
        ]
        started = time.monotonic()
        done = run_revise([str(paper), *options, "--no-cache"], cache=scratch / "cache")
        total = time.monotonic() - started
        if done.returncode != 0:
            return math.nan, total, 0, f"exit {done.returncode}: {done.stderr.decode().strip()[:300]}"
        edits = len(json.loads(done.stdout)["edits"])
        return span(server), total, edits, ""


RUNS = 3


def main() -> None:
    print(f"revise imported from {where_revise_comes_from()}")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        paper = write_paper(scratch)
        paragraphs = segment(read(paper)[0]).paragraphs
        count = len(paragraphs)
        c = DEFAULT_CONCURRENCY
        ideal = math.ceil(count / c) * LATENCY
        print(f"paper: {count} paragraphs, {LATENCY:g} s simulated latency per request, concurrency {c}")
        print(f"ideal: ceil({count}/{c}) x {LATENCY:g} s = {ideal:.2f} s")

        runs = [library_run(paper, c) for _ in range(RUNS)]
        first_last = statistics.median(r[0] for r in runs)
        total = statistics.median(r[1] for r in runs)
        print(f"library, C={c}: first request -> last response {first_last:.2f} s "
              f"({first_last / ideal:.3f} x ideal; target <= 1.15), review() {total:.2f} s, "
              f"peak in flight {runs[0][2]}, {runs[0][3]} suggestions, median of {RUNS}")  # fmt: skip

        commands = [cli_run(paper, scratch) for _ in range(RUNS)]
        problem = next((r[3] for r in commands if r[3]), "")
        if problem:
            print(f"command: failed ({problem})")
        else:
            total = statistics.median(r[1] for r in commands)
            first_last = statistics.median(r[0] for r in commands)
            print(f"command, C={c}: whole run {total:.2f} s = {total / ideal:.2f} x ideal, against ideal + 1.5 s = "
                  f"{ideal + 1.5:.2f} s ({'ok' if total <= ideal + 1.5 else 'over'}); first request -> last "
                  f"response {first_last:.2f} s, {commands[0][2]} edits reported, median of {RUNS}")  # fmt: skip

        if "--sequential" in sys.argv:
            first_last, total, peak, _ = library_run(paper, 1)
            print(f"library, C=1 (sequential): {first_last:.2f} s first -> last = {first_last / (count * LATENCY):.3f} x "
                  f"its ideal {count * LATENCY:.0f} s ({total:.2f} s review()), peak {peak}, one run")  # fmt: skip

        context = ReviewContext(field="satellite anomaly detection", title="Fast Anomaly Detection")
        sizes = [sum(len(m.content) for m in build_messages(p, context)) for p in paragraphs]
        system = len(build_messages(paragraphs[0], context)[0].content)
        mean = sum(sizes) / len(sizes)
        print(f"prompt per paragraph: {mean:.0f} characters (system {system}), "
              f"about {mean / 4:.0f} tokens at 4 characters per token")  # fmt: skip


if __name__ == "__main__":
    main()
