"""``--batch`` / ``--batch-results`` through the real openai client against the test server's Files and
Batches endpoints: a batch that completes, one that partly fails and is resubmitted, one that expires; the key
in no uploaded file and no output."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from chat_server import ChatServer, Error, Reply

from revise.cli import _main
from revise.options import Streams

KEY = "sk-test-batch-SECRET-0c7e1f"
DOC = (
    "\\documentclass{article}\n\\begin{document}\n\\section{Results}\n"
    "Our detector find most faults.\n\nIt run in real time.\n"
    "\\section{Conclusion}\nWe has concluded.\n\\end{document}\n"
)
FIXED = (
    DOC.replace("detector find", "detector finds").replace("It run", "It runs").replace("We has", "We have")
)


def respond(body: dict[str, Any]) -> Reply:
    """A reviewer answering each section's request with edits for its paragraphs."""
    text = body["messages"][-1]["content"]
    edits = []
    for label, old, new in (
        ("P0", "detector find", "detector finds"),
        ("P1", "It run", "It runs"),
        ("P2", "We has", "We have"),
    ):
        if f'<paragraph id="{label}">' in text:
            edits.append({"paragraph": label, "original": old, "issue": "Agreement.", "versions": [new]})
    return Reply(json.dumps({"edits": edits}), prompt_tokens=300, completion_tokens=40)


def failing_conclusion(body: dict[str, Any]) -> Reply | Error:
    if '<paragraph id="P2">' in body["messages"][-1]["content"]:
        return Error(500, "boom")
    return respond(body)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("NO_COLOR", "1")


def revise(server: ChatServer, cwd: Path, *args: str) -> Result:
    """One run of the command in this process (the whole CLI path, without a new interpreter per run)."""
    out, err = io.BytesIO(), io.StringIO()
    streams = Streams(io.BytesIO(), out, err)
    argv = ["p.tex", "--base-url", server.base_url, "--model", "test-model", *args]
    with contextlib.redirect_stderr(err), patch("revise.options.Streams.system", return_value=streams):
        code = _main(argv)
    result = Result(code, out.getvalue().decode(), err.getvalue())
    assert KEY not in result.stdout + result.stderr
    return result


def uploads(server: ChatServer) -> list[list[dict[str, Any]]]:
    inputs = [f for f in server.files.values() if f["purpose"] == "batch"]
    return [[json.loads(line) for line in f["data"].decode().splitlines()] for f in inputs]


def assert_key_absent(server: ChatServer) -> None:
    for stored in server.files.values():
        assert KEY.encode() not in stored["data"]
    for path in Path(os.environ["REVISE_CACHE_DIR"]).rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes()


def test_a_batch_that_completes_feeds_the_report_and_apply_with_no_chat_request(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(respond=respond) as server:
        submitted = revise(server, tmp_path, "--batch")
        assert submitted.returncode == 0, submitted.stderr
        batch_id = submitted.stdout.strip()
        assert re.fullmatch(r"batch_test\d+", batch_id)
        (lines,) = uploads(server)
        assert [line["url"] for line in lines] == ["/v1/chat/completions"] * 2  # one request per section
        assert all(line["body"]["model"] == "test-model" and line["body"]["messages"] for line in lines)
        assert len({line["custom_id"] for line in lines}) == 2
        assert "at the batch discount" not in submitted.stderr  # no price configured
        waiting = revise(server, tmp_path, "--batch")
        assert waiting.returncode == 0 and waiting.stdout.strip() == batch_id
        assert "is in_progress" in waiting.stderr
        report = revise(server, tmp_path, "--batch-results", batch_id, "--format", "json")
        assert report.returncode == 0, report.stderr
        edits = json.loads(report.stdout)["edits"]
        assert sorted((e["paragraph"], e["status"]) for e in edits) == [(0, "ok"), (1, "ok"), (2, "ok")]
        applied = revise(server, tmp_path, "--apply")
        assert applied.returncode == 0 and applied.stdout == FIXED
        assert server.chat_requests == []  # every answer came through the batch
        assert_key_absent(server)


def test_requests_that_fail_in_the_batch_are_reported_and_resubmitted(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(respond=failing_conclusion, batch_statuses=("validating", "completed")) as server:
        first = revise(server, tmp_path, "--batch").stdout.strip()
        again = revise(server, tmp_path, "--batch")
        assert again.returncode == 0, again.stderr
        second = again.stdout.strip()
        assert second != first
        assert "paragraph 2: failed in the batch (500: boom); resubmitted" in again.stderr
        assert [len(u) for u in uploads(server)] == [2, 1]  # only the failed request went again
        assert '<paragraph id="P2">' in uploads(server)[1][0]["body"]["messages"][-1]["content"]
        server.respond = respond
        done = revise(server, tmp_path, "--batch", "--apply")
        assert done.returncode == 0, done.stderr
        assert done.stdout == FIXED
        assert server.chat_requests == []
        assert_key_absent(server)


def test_a_batch_that_expires_reports_the_unanswered_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(
        respond=respond, batch_statuses=("validating", "completed"), batch_expire_after=1
    ) as server:
        batch_id = revise(server, tmp_path, "--batch").stdout.strip()
        report = revise(server, tmp_path, "--batch-results", batch_id, "--format", "json")
        assert report.returncode == 0, report.stderr
        assert f"batch {batch_id} expired" in report.stderr
        answered = {e["paragraph"] for e in json.loads(report.stdout)["edits"]}
        unanswered = {0, 1, 2} - answered
        assert answered and unanswered
        for index in unanswered:
            assert re.search(
                rf"paragraph {index}: .*batch_expired.*the next --batch resubmits it", report.stderr
            )
        server.batch_expire_after = None
        resubmitted = revise(server, tmp_path, "--batch")
        assert resubmitted.returncode == 0 and len(uploads(server)) == 2 and len(uploads(server)[1]) == 1
        assert server.chat_requests == []


def test_batch_without_the_cache_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer() as server:
        result = revise(server, tmp_path, "--batch", "--no-cache")
        assert result.returncode == 2 and "--no-cache" in result.stderr
        assert server.files == {}


def test_as_an_editor_filter_a_submitted_batch_leaves_the_buffer_whole(tmp_path: Path) -> None:
    with ChatServer(respond=respond) as server:
        out, err = io.BytesIO(), io.StringIO()
        streams = Streams(io.BytesIO(DOC.encode()), out, err)
        argv = ["-", "--apply", "--batch", "--base-url", server.base_url, "--model", "test-model"]
        with contextlib.redirect_stderr(err), patch("revise.options.Streams.system", return_value=streams):
            code = _main(argv)
        assert code == 0 and out.getvalue() == DOC.encode() and err.getvalue() == ""
        assert len(uploads(server)) == 1
