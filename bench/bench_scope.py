"""Benchmark: section scope against paragraph scope, on the example and two corpus papers.

For each paper and scope: the requests a run sends, and their prompt and completion tokens (prompt tokens
estimated from the exact messages at 4 characters per token, the static instructions counted once per request;
completion tokens by revise.engines.estimate), then the wall time of the review against the local Chat
Completions server answering each request after 1 s, at concurrency 8: first request to last answer against
the ideal ceil(requests / 8) x 1 s (target <= 1.15 x). A real model's latency grows with its answer, so a
second timed run ("paced") answers each request after 1 s plus 10 ms per estimated completion token (about
100 tokens/s, a hosted small model's pace). Run: ``.venv/bin/python bench/bench_scope.py`` (``--no-wall``
skips the timed runs).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chat_server import ChatServer, Reply  # noqa: E402

from revise import pipeline  # noqa: E402
from revise.config import DEFAULT_CONCURRENCY, Settings  # noqa: E402
from revise.document import read  # noqa: E402
from revise.engines.estimate import estimate  # noqa: E402
from revise.engines.llm import LLMReviewer  # noqa: E402
from revise.planning import estimate_tokens  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "papers"
PAPERS = (
    ROOT / "examples" / "conclusion.tex",
    CORPUS / "scipy-articles" / "scipy-1.0" / "paper.tex",
    CORPUS / "lightkurve-paper" / "paper" / "ms.tex",
)
LATENCY = 1.0
SECONDS_PER_TOKEN = 0.01


def paced(body: dict) -> Reply:
    """An empty answer after 1 s plus the time a model would take to write this request's estimated answer."""
    import re

    from revise.engines.estimate import QUOTED_SHARE, REPLY_OVERHEAD

    text = body["messages"][-1]["content"]
    reviewed = sum(len(p) for p in re.findall(r'<paragraph id="P\d+">\n(.*?)\n</paragraph>', text, re.S))
    tokens = estimate_tokens(int(reviewed * QUOTED_SHARE * 4)) + REPLY_OVERHEAD
    return Reply('{"edits": []}', delay=LATENCY + SECONDS_PER_TOKEN * tokens)


def figures(path: Path, scope: str) -> dict[str, float]:
    segmentation, paragraphs = pipeline.load(read(path)[0])
    context = pipeline.context_for(segmentation, field="astronomy", versions=3)
    with ChatServer(default=Reply('{"edits": []}', delay=LATENCY)) as server:
        settings = Settings(
            base_url=server.base_url, model="test-model", scope=scope, concurrency=DEFAULT_CONCURRENCY
        )
        reviewer = LLMReviewer(settings, None)
        jobs = reviewer.jobs(paragraphs, context)
        found = estimate(jobs, settings, "test-model", 3)
        system = sum(estimate_tokens(len(job.messages[0].content)) for job in jobs)
        result = {
            "paragraphs": len(paragraphs),
            "requests": len(jobs),
            "prompt": found.prompt_tokens,
            "instructions": system,
            "completion": found.completion_tokens,
        }
        if "--no-wall" not in sys.argv:
            started = time.monotonic()
            reviewer.review(paragraphs, context)
            result["review"] = time.monotonic() - started
            result["span"] = max(e for _, e in server.timings) - min(s for s, _ in server.timings)
            result["ideal"] = math.ceil(len(jobs) / DEFAULT_CONCURRENCY) * LATENCY
            result["peak"] = server.max_active
    if "--no-wall" not in sys.argv:
        with ChatServer(respond=paced) as server:
            settings = Settings(base_url=server.base_url, model="test-model", scope=scope)
            LLMReviewer(settings, None).review(paragraphs, context)
            result["paced"] = max(e for _, e in server.timings) - min(s for s, _ in server.timings)
    return result


def main() -> None:
    print(
        f"latency {LATENCY:g} s per request, concurrency {DEFAULT_CONCURRENCY}; tokens estimated at 4 characters per token"
    )
    header = f"{'paper':28} {'scope':9} {'paras':>5} {'requests':>8} {'prompt tok':>10} {'of which instr.':>15} {'completion':>10}"
    if "--no-wall" not in sys.argv:
        header += f" {'first→last':>10} {'ideal':>6} {'ratio':>6} {'paced':>7}"
    print(header)
    for path in PAPERS:
        if not path.is_file():
            print(f"{path}: absent, skipped")
            continue
        name = "/".join(path.relative_to(ROOT.parent).parts[-3:])[-28:]
        rows = {scope: figures(path, scope) for scope in ("section", "paragraph")}
        for scope, r in rows.items():
            line = (
                f"{name:28} {scope:9} {r['paragraphs']:5.0f} {r['requests']:8.0f} {r['prompt']:10,.0f} "
                f"{r['instructions']:15,.0f} {r['completion']:10,.0f}"
            )
            if "span" in r:
                line += (
                    f" {r['span']:9.2f}s {r['ideal']:5.0f}s {r['span'] / r['ideal']:6.3f} {r['paced']:6.1f}s"
                )
            print(line)
        s, p = rows["section"], rows["paragraph"]
        print(
            f"{'':28} section / paragraph: requests {s['requests'] / p['requests']:.2f}, "
            f"prompt tokens {s['prompt'] / p['prompt']:.2f}, completion tokens {s['completion'] / p['completion']:.2f}"
            + (
                f", wall time {s['span'] / p['span']:.2f} (paced {s['paced'] / p['paced']:.2f})"
                if "span" in s
                else ""
            )
        )


if __name__ == "__main__":
    main()
