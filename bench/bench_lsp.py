"""`revise lsp` on a ~100 KB paper: time from a change to its published diagnostics, and the server's memory.

The paper is built at run time from the corpus papers (bench_offline.build_paper; never committed). A real
client (pygls) drives ``python -m revise lsp`` over stdio: open the paper, then change one word in each of
``CHANGES`` different paragraphs, one change at a time, timing didChange → publishDiagnostics for that version.
The debounce is part of what a user waits for, so it is measured at the default and at 0, each on an empty
lint cache of its own (so every changed paragraph really goes through Harper); a last run reopens the paper on
the cache the first run filled, as a restarted editor would. Prints medians, the load average (the machine is
shared: figures under load are slower) and the server's resident memory after opening.
Run: ``.venv/bin/python bench/bench_lsp.py [PAPER.tex]`` (a paper of your own instead of the built one).
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "lsp"))

from bench_offline import CORPUS, build_paper
from lsp_client import Client
from lsprotocol import types

CHANGES = 12
TARGET_MS = 300


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    m = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(m.group(1)) / 1024 if m else float("nan")


def _variants(text: str) -> list[str]:
    """Successive versions of the paper, each changing one more word (' the ' → ' a ') in a new paragraph."""
    from revise.document import SourceFile
    from revise.latex.segment import segment

    # Only words inside prose paragraphs, so each change changes exactly one paragraph the engine lints.
    spans = [(p.start, p.end) for p in segment(SourceFile("paper.tex", None, text)).paragraphs]
    hits = [
        m.start()
        for m in re.finditer(r" the ", text)
        if any(a <= m.start() and m.end() <= b for a, b in spans)
    ]
    step = max(1, len(hits) // CHANGES)
    out: list[str] = []
    for at in sorted(hits[::step][:CHANGES], reverse=True):  # from the end, so earlier offsets stay valid
        text = text[:at] + " a " + text[at + 5 :]
        out.append(text)
    return out


async def measure(
    paper: Path, debounce_ms: float | None, cache: Path
) -> tuple[float, list[float], float, str]:
    settings = {} if debounce_ms is None else {"debounce": debounce_ms}
    client = Client(settings)
    await client.start(env={"REVISE_CACHE_DIR": str(cache)})
    text = paper.read_text(encoding="utf-8")
    uri = paper.resolve().as_uri()
    started = time.perf_counter()
    item = types.TextDocumentItem(uri, "latex", 1, text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    await client.next_diagnostics(uri, 1, timeout=120)
    opened = time.perf_counter() - started
    assert client._server is not None
    memory = _rss_mb(client._server.pid)
    latencies: list[float] = []
    for k, variant in enumerate(_variants(text), start=2):
        change = types.TextDocumentContentChangeWholeDocument(text=variant)
        identifier = types.VersionedTextDocumentIdentifier(version=k, uri=uri)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(identifier, [change]))
        await client.next_diagnostics(uri, k, timeout=60)
        latencies.append((time.perf_counter() - sent) * 1000)
    await asyncio.sleep(0.2)
    linted = [m.split("linted ")[1].split(" of")[0] for m in client.logs if "linted" in m]
    spent = [m.rsplit(", ", 1)[1].removesuffix(" ms") for m in client.logs if "linted" in m]
    last = (
        f"paragraphs re-linted per change: {', '.join(linted[1:])}\n"
        f"  of which the server's lint took (ms): {', '.join(spent[1:])}"
    )
    await client.finish()
    return opened, latencies, memory, last


def main() -> None:
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if given is None and not CORPUS.is_dir():
        sys.exit("../shared/corpus is absent (or name a paper: bench_lsp.py PAPER.tex)")
    with tempfile.TemporaryDirectory() as tmp:
        paper = given or build_paper(Path(tmp))
        print(f"paper: {paper.stat().st_size / 1000:.1f} KB")
        runs = (
            ("default debounce (100 ms), empty lint cache", None, "first"),
            ("debounce 0, empty lint cache", 0.0, "second"),
            ("default debounce, reopened on the first run's lint cache", None, "first"),
        )
        for label, debounce, cache in runs:
            load = os.getloadavg()[0]
            opened, latencies, memory, last = asyncio.run(measure(paper, debounce, Path(tmp) / cache))
            median = statistics.median(latencies)
            print(f"{label} (load average {load:.2f} on {os.cpu_count()} cores):")
            print(f"  open → first diagnostics: {opened * 1000:.0f} ms")
            print(
                f"  change → diagnostics, one paragraph changed: median {median:.0f} ms, "
                f"max {max(latencies):.0f} ms over {len(latencies)} changes "
                f"(target: median ≤ {TARGET_MS} ms, {'met' if median <= TARGET_MS else 'MISSED'})"
            )
            print(f"  server memory after opening: {memory:.0f} MB resident")
            print(f"  {last}")
            print(f"  each change (ms): {', '.join(f'{x:.0f}' for x in latencies)}")


if __name__ == "__main__":
    main()
