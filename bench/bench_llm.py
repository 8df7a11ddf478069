"""Benchmark: a 40-paragraph paper reviewed against the local Chat Completions server with 1 s latency per
request.

Prints, at the default concurrency C: the time from the first request to the last response against the ideal
ceil(40 / C) x 1 s (target <= 1.15 x); the whole command (``revise paper.tex --engine llm --base-url ...
--format json --no-cache`` as a subprocess) against ideal + 1.5 s; the same library call at concurrency 1 for
comparison; and the prompt size per paragraph. Run: ``.venv/bin/python bench/bench_llm.py
[--skip-sequential]``.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chat_server import ChatServer, Reply  # noqa: E402

from revise.config import DEFAULT_CONCURRENCY, Settings  # noqa: E402
from revise.document import read  # noqa: E402
from revise.engines.base import ReviewContext  # noqa: E402
from revise.engines.llm import LLMReviewer  # noqa: E402
from revise.latex.segment import segment  # noqa: E402
from revise.prompting import build_messages  # noqa: E402

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
        env = {
            **os.environ,
            "REVISE_CACHE_DIR": str(scratch / "cache"),
            "REVISE_CONFIG_DIR": str(scratch / "cfg"),
        }
        env.pop("OPENAI_API_KEY", None)
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
        command = [sys.executable, "-m", "revise", str(paper), *options, "--no-cache"]
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        total = time.monotonic() - started
        if done.returncode != 0:
            return math.nan, total, 0, f"exit {done.returncode}: {done.stderr.strip()[:300]}"
        edits = len(json.loads(done.stdout)["edits"])
        return span(server), total, edits, ""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        paper = write_paper(scratch)
        paragraphs = segment(read(paper)[0]).paragraphs
        count = len(paragraphs)
        c = DEFAULT_CONCURRENCY
        ideal = math.ceil(count / c) * LATENCY
        print(f"paper: {count} paragraphs, {LATENCY:g} s simulated latency per request, concurrency {c}")
        print(f"ideal: ceil({count}/{c}) x {LATENCY:g} s = {ideal:.2f} s")

        first_last, total, peak, found = library_run(paper, c)
        print(f"library, C={c}: first request -> last response {first_last:.2f} s "
              f"({first_last / ideal:.3f} x ideal; target <= 1.15), review() {total:.2f} s, "
              f"peak in flight {peak}, {found} suggestions")  # fmt: skip

        first_last, total, edits, problem = cli_run(paper, scratch)
        if problem:
            print(f"command: failed ({problem})")
        else:
            print(f"command, C={c}: whole run {total:.2f} s against ideal + 1.5 s = {ideal + 1.5:.2f} s "
                  f"({'ok' if total <= ideal + 1.5 else 'over'}); first request -> last response "
                  f"{first_last:.2f} s, "
                  f"{edits} edits reported")  # fmt: skip

        if "--skip-sequential" not in sys.argv:
            first_last, total, peak, _ = library_run(paper, 1)
            print(
                f"library, C=1 (sequential): {first_last:.2f} s first -> last "
                f"({total:.2f} s review()), peak {peak}"
            )

        context = ReviewContext(field="satellite anomaly detection", title="Fast Anomaly Detection")
        sizes = [sum(len(m.content) for m in build_messages(p, context)) for p in paragraphs]
        system = len(build_messages(paragraphs[0], context)[0].content)
        mean = sum(sizes) / len(sizes)
        print(f"prompt per paragraph: {mean:.0f} characters (system {system}), "
              f"about {mean / 4:.0f} tokens at 4 characters per token")  # fmt: skip


if __name__ == "__main__":
    main()
