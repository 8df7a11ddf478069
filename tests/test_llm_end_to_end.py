"""The whole command against a local Chat Completions server: masked quotes come back as source edits, the key
stays secret, and a failing endpoint never costs the author a byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from chat_server import ChatServer, Error, Reply

KEY = "sk-test-end-to-end-secret"
DOC = (
    "\\documentclass{article}\n\\begin{document}\n\\section{Results}\n"
    "The residual $r_t$ exceed the threshold~\\cite{smith} in most orbit.\n\n"
    "We reports the F1 score in Table~\\ref{tab:f1}.\n\\end{document}\n"
)


def respond(body: dict[str, Any]) -> Reply:
    """A reviewer that quotes the masked paragraphs, placeholders and all, as the prompt asks."""
    paragraph = body["messages"][-1]["content"].split("Placeholders to keep:", 1)[-1]
    edits = []
    if "[MATH1] exceed" in paragraph:
        edits.append(
            {
                "original": "The residual [MATH1] exceed the threshold~[CITE1] in most orbit.",
                "issue": "Agreement, and 'orbit' must be plural.",
                "versions": ["The residual [MATH1] exceeds the threshold~[CITE1] in most orbits."],
            }
        )
    if "We reports" in paragraph:
        edits.append({"original": "We reports", "issue": "Agreement.", "versions": ["We report", "We give"]})
    return Reply(json.dumps({"edits": edits}), prompt_tokens=500, completion_tokens=60)


def run(args: list[str], *, stdin: bytes = b"", cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "OPENAI_API_KEY": KEY, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "revise", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_masked_quotes_from_the_model_are_applied_to_the_source(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(respond=respond) as server:
        result = run(["p.tex", "--base-url", server.base_url, "--apply", "--no-cache"], cwd=tmp_path)
        sent = [r.body for r in server.chat_requests]
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == DOC.replace("exceed", "exceeds").replace(
        "most orbit", "most orbits"
    ).replace("We reports", "We report")
    assert len(sent) == 1  # one section, one request (the default scope)
    assert all(
        "\\cite{smith}" not in json.dumps(body) for body in sent
    )  # protected LaTeX never left the machine
    assert KEY.encode() not in result.stdout + result.stderr


def test_json_report_counts_usage_and_a_rerun_is_served_from_the_cache(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(respond=respond) as server:
        first = run(["p.tex", "--base-url", server.base_url, "--format", "json"], cwd=tmp_path)
        again = run(["p.tex", "--base-url", server.base_url, "--format", "json"], cwd=tmp_path)
        requests = len(server.chat_requests)
    report, rerun = json.loads(first.stdout), json.loads(again.stdout)
    assert report["engine"] == "llm" and report["model"] == "test-model"
    assert report["usage"] == {"requests": 1, "cached": 0, "prompt_tokens": 500, "completion_tokens": 60}
    assert rerun["usage"]["requests"] == 0 and rerun["usage"]["cached"] == 1
    assert requests == 1
    assert [e["original"] for e in rerun["edits"]] == [
        "The residual $r_t$ exceed the threshold~\\cite{smith} in most orbit.",
        "We reports",
    ]
    assert "1 request" in first.stderr.decode()
    for cache in (Path(os.environ["REVISE_CACHE_DIR"])).rglob("*"):
        if cache.is_file():
            assert KEY.encode() not in cache.read_bytes()


@pytest.mark.parametrize("failure", ["server error", "unreachable"])
def test_a_failing_endpoint_leaves_the_editor_buffer_whole_and_silent(tmp_path: Path, failure: str) -> None:
    with ChatServer(default=Error(500, "boom")) as server:
        url = server.base_url if failure == "server error" else "http://127.0.0.1:9/v1"
        result = run(
            ["-", "--base-url", url, "--model", "m", "--apply", "--no-cache"],
            stdin=DOC.encode(),
            cwd=tmp_path,
        )
    assert result.stdout == DOC.encode()
    assert result.stderr == b""


def test_an_unreachable_endpoint_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    result = run(["p.tex", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--no-cache"], cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert lines[-1].startswith("revise: ") and "127.0.0.1:9" in lines[-1]
    assert "Traceback" not in result.stderr.decode()
    assert (tmp_path / "p.tex").read_text() == DOC
