"""Filter safety on every exit path: as an editor filter (document on stdin, revised document to stdout), usage
errors, signals, a reader that goes away, a closed stdout and internal errors all give the buffer back unchanged
and keep stderr silent; each case is a real subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chat_server import ChatServer, Reply

DOC = (
    b"\\documentclass{article}\n\\begin{document}\nOur detector find most anomalies.\n\n"
    b"It run in real time.\n\\end{document}\n"
)
REPLY = b'{"edits": [{"original": "detector find", "issue": "agreement", "versions": ["detector finds"]}]}'


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVISE_"))}
    return {**env, "NO_COLOR": "1", "REVISE_NO_WORKER": "1", **extra}


def _run(args: list[str], cwd: Path, stdin: bytes = DOC) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "revise", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=_env(),
        timeout=60,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--reply", "reply.json", "--pick", "0"],
        ["--reply", "reply.json", "--versions", "0"],
        ["--reply", "-"],
        ["--reply", "reply.json", "-i"],
        ["--reply", "reply.json", "--pick", "x"],
    ],
    ids=["pick-0", "versions-0", "reply-stdin", "apply-and-interactive", "pick-not-a-number"],
)
def test_a_usage_error_in_a_filter_gives_the_buffer_back_silently(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "reply.json").write_bytes(REPLY)
    result = _run(["-", "--apply", *args], tmp_path)
    assert result.returncode == 2
    assert result.stdout == DOC
    assert result.stderr == b""


def test_a_usage_error_in_a_filter_is_told_with_verbose(tmp_path: Path) -> None:
    (tmp_path / "reply.json").write_bytes(REPLY)
    result = _run(["-", "--apply", "--reply", "reply.json", "--pick", "0", "--verbose"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == DOC
    assert b"--pick" in result.stderr


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP), (signal.SIGINT, 130)],
    ids=["TERM", "HUP", "INT"],
)
def test_a_signal_during_a_filter_run_gives_the_buffer_back_at_once(
    tmp_path: Path, signum: int, code: int
) -> None:
    with ChatServer(default=Reply(delay=30)) as server:
        proc = subprocess.Popen(
            [sys.executable, "-m", "revise", "-", "--apply", "--no-cache", "--base-url", server.base_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=_env(),
        )
        assert proc.stdin is not None
        proc.stdin.write(DOC)
        proc.stdin.close()
        deadline = time.monotonic() + 30
        while not server.chat_requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.chat_requests, "the request never reached the server"
        sent = time.monotonic()
        proc.send_signal(signum)
        proc.wait(timeout=20)
        took = time.monotonic() - sent
        assert proc.stdout is not None and proc.stderr is not None
        out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.returncode == code
    assert out == DOC
    assert err == b""
    assert took < 5, f"took {took:.1f} s to stop"


def test_a_reader_that_goes_away_costs_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "reply.json").write_bytes(REPLY)
    big = DOC.replace(b"It run", b"It run " + b"word " * 200_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "revise", "-", "--apply", "--reply", "reply.json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(big)
    proc.stdin.close()
    proc.stdout.read(10)
    proc.stdout.close()  # the pipe's reader is gone: SIGPIPE / EPIPE on the next write
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in err
    assert err == b""


@pytest.mark.parametrize("filter_mode", [True, False], ids=["filter", "report"])
def test_a_closed_stdout_is_one_line_or_silence_never_an_internal_error(
    tmp_path: Path, filter_mode: bool
) -> None:
    (tmp_path / "reply.json").write_bytes(REPLY)
    (tmp_path / "p.tex").write_bytes(DOC)
    args = ["-", "--apply"] if filter_mode else ["p.tex"]
    # The shell's `>&-`: file descriptor 1 is closed before the program starts.
    script = f'exec "$0" -m revise {" ".join(args)} --reply reply.json >&-'
    result = subprocess.run(
        ["sh", "-c", script, sys.executable],
        input=DOC,
        capture_output=False,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=_env(),
        timeout=60,
    )
    assert result.returncode == 1
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
    if filter_mode:
        assert result.stderr == b""
    else:
        assert result.stderr.decode().strip() == "revise: standard output is closed"


def test_an_internal_error_in_a_filter_gives_the_buffer_back_silently(tmp_path: Path) -> None:
    (tmp_path / "reply.json").write_bytes(REPLY)
    # A bug planted in one stage (the program itself unchanged otherwise) stands for any internal error.
    bug = "import revise.pipeline as p; p.revise = lambda *a, **k: 1 / 0; from revise.cli import main; main()"
    args = [sys.executable, "-c", bug, "-", "--apply", "--reply", "reply.json"]
    result = subprocess.run(args, input=DOC, capture_output=True, cwd=tmp_path, env=_env(), timeout=60)
    assert result.returncode == 1
    assert result.stdout == DOC
    assert result.stderr == b""


def test_ctrl_c_against_a_silent_endpoint_stops_at_once_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_bytes(DOC)
    with ChatServer(default=Reply(delay=30)) as server:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "revise",
                "p.tex",
                "--no-cache",
                "--concurrency",
                "2",
                "--base-url",
                server.base_url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=_env(),
        )
        deadline = time.monotonic() + 30
        while len(server.chat_requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        took = time.monotonic() - sent
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
    assert proc.returncode == 130
    lines = err.strip().splitlines()
    assert lines[-1] == "revise: interrupted"
    assert lines.count("revise: interrupted") == 1 and "Traceback" not in err
    assert took < 5, f"took {took:.1f} s to stop"
