"""Nothing is lost silently, through the whole command and the local chat server: a reply cut off, stopped at
the length limit or nested absurdly deep fails its own paragraph (reported, not cached, asked again next run)
while the other paragraphs count; a silent endpoint meets the total deadline; a run where every request failed
exits 1; the key never shows, not even cut in half, and a reply that echoes it is refused."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from chat_server import ChatServer, Error, Reply

KEY = "sk-test-broken-replies-0123456789abcdef"
DOC = (
    "\\documentclass{article}\n\\begin{document}\n"
    "Bad paragraph is here and it is long enough.\n\n"
    "Good paragraph has a error in it.\n\\end{document}\n"
)
GOOD = json.dumps({"edits": [{"original": "a error", "issue": "article", "versions": ["an error"]}]})


def _paragraph(body: dict[str, Any]) -> str:
    """The paragraphs a request asks to review (not the neighbours it shows as read-only context)."""
    return "\n".join(
        re.findall(r'<paragraph id="P\d+">\n(.*?)\n</paragraph>', body["messages"][-1]["content"], re.S)
    )


def _run(tmp_path: Path, server: ChatServer, *extra: str) -> subprocess.CompletedProcess[bytes]:
    (tmp_path / "p.tex").write_text(DOC)
    env = {**os.environ, "OPENAI_API_KEY": KEY, "NO_COLOR": "1"}
    # One request per paragraph, so that one broken reply costs one paragraph.
    args = ["p.tex", "--base-url", server.base_url, "--format", "json", "--scope", "paragraph", *extra]
    return subprocess.run(
        [sys.executable, "-m", "revise", *args], capture_output=True, cwd=tmp_path, env=env, timeout=60
    )


BROKEN = [
    Reply('{"edits": [{"original": "Bad paragraph", "issue": "x", "versions": ["Good"]}, {"orig'),
    Reply(
        '{"edits": [{"original": "Bad paragraph", "issue": "x", "versions": ["Good"]}]}',
        finish_reason="length",
    ),
    Reply("[" * 50_000 + "]" * 50_000),
]


@pytest.mark.parametrize("bad", BROKEN, ids=["truncated-json", "finish-length", "nested"])
def test_a_broken_reply_fails_its_paragraph_only_and_is_asked_again(tmp_path: Path, bad: Reply) -> None:
    with ChatServer(respond=lambda body: bad if "Bad" in _paragraph(body) else Reply(GOOD)) as server:
        first = _run(tmp_path, server)
        second = _run(tmp_path, server)
        asked = [("Bad" in _paragraph(r.body or {})) for r in server.chat_requests]
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert [e["original"] for e in report["edits"]] == ["a error"]  # nothing of the broken reply kept
    assert "paragraph 0" in first.stderr.decode()
    assert "internal error" not in first.stderr.decode()
    # The good reply was cached; the broken one was not, so the rerun asks for paragraph 0 only.
    assert asked.count(True) == 2 and asked.count(False) == 1
    assert second.returncode == 0 and "paragraph 0" in second.stderr.decode()


def test_the_total_deadline_reports_what_never_answered_and_exits_1(tmp_path: Path) -> None:
    with ChatServer(default=Reply(GOOD, delay=30)) as server:
        started = time.monotonic()
        result = _run(tmp_path, server, "--deadline", "1", "--no-cache")
        took = time.monotonic() - started
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "deadline" in err and "Traceback" not in err
    assert took < 10, f"took {took:.1f} s"


def test_some_requests_failing_is_not_the_whole_run_failing(tmp_path: Path) -> None:
    respond = lambda body: Error(400, "nope") if "Bad" in _paragraph(body) else Reply(GOOD)  # noqa: E731
    with ChatServer(respond=respond) as server:
        result = _run(tmp_path, server, "--no-cache")
    assert result.returncode == 0
    assert "paragraph 0" in result.stderr.decode()


def test_a_long_error_body_never_shows_any_part_of_the_key(tmp_path: Path) -> None:
    # The key sits across the 300th character, where the message used to be cut before it was redacted.
    message = "x" * 290 + f" {KEY} " + "y" * 100
    with ChatServer(default=Error(400, message)) as server:
        result = _run(tmp_path, server, "--no-cache")
    seen = result.stdout + result.stderr
    assert result.returncode == 1
    assert KEY[:12].encode() not in seen and b"endpoint" in seen


def test_a_reply_that_echoes_the_key_is_refused_and_not_cached(tmp_path: Path) -> None:
    leaky = json.dumps({"edits": [{"original": "Bad paragraph", "issue": "x", "versions": [f"Bad {KEY}"]}]})
    respond = lambda body: Reply(leaky) if "Bad" in _paragraph(body) else Reply(GOOD)  # noqa: E731
    with ChatServer(respond=respond) as server:
        first = _run(tmp_path, server)
        _run(tmp_path, server)
        asked_bad = sum("Bad" in _paragraph(r.body or {}) for r in server.chat_requests)
    assert first.returncode == 0
    assert KEY.encode() not in first.stdout + first.stderr
    assert "API key" in first.stderr.decode()
    assert asked_bad == 2
    cache = Path(os.environ["REVISE_CACHE_DIR"])
    assert all(KEY.encode() not in f.read_bytes() for f in cache.rglob("*") if f.is_file())


def test_a_saved_reply_nested_absurdly_deep_is_one_line_not_a_recursion_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from revise.cli import _main

    (tmp_path / "p.tex").write_text(DOC)
    (tmp_path / "deep.json").write_text('{"edits": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "deep.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too deep" in err and "internal error" not in err


def test_a_refusal_with_terminal_sequences_is_shown_escaped(tmp_path: Path) -> None:
    sneaky = Reply(refusal="\x1b]52;c;aGk=\x07\x1b[2J no")
    with ChatServer(respond=lambda body: sneaky if "Bad" in _paragraph(body) else Reply(GOOD)) as server:
        result = _run(tmp_path, server, "--no-cache")
    err = result.stderr.decode()
    assert result.returncode == 0
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]52" in err
