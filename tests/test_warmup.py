"""The head start: Harper's dictionary build begins at the entry point on runs that will lint, later stages
are imported while it runs, and the console script leaves without the interpreter's teardown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from revise.engines import warmup

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "conclusion.tex"


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["paper.tex"], {}, True),
        (["-"], {}, True),
        (["paper.tex", "--engine", "offline"], {"OPENAI_API_KEY": "k"}, True),
        (["paper.tex", "--engine=offline", "--format", "json"], {}, True),
        (["paper.tex"], {"OPENAI_API_KEY": "k"}, False),  # an endpoint is configured: the LLM reviews
        (["paper.tex"], {"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, False),
        (["paper.tex", "--engine", "llm"], {}, False),
        (["paper.tex", "--engine"], {}, False),  # a usage error follows; an engine named nowhere is no guess
        (["paper.tex", "--reply", "reply.txt"], {}, False),
        (["paper.tex", "--print-prompt"], {}, False),
        (["paper.tex", "--base-url", "http://x/v1"], {}, False),
        (["--help"], {}, False),
        (["paper.tex", "-h"], {}, False),
        (["lsp"], {}, False),
        ([], {}, False),
    ],
)
def test_the_build_is_started_only_where_the_command_line_will_lint(
    args: list[str], env: dict[str, str], expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REVISE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert warmup.likely_offline(args) is expected


def test_a_failed_warm_up_is_silent_and_leaves_the_run_to_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """No harper-py installed: the guess fails quietly (the engine says what is missing, with its own exit)."""
    monkeypatch.delenv("REVISE_NO_WARMUP", raising=False)
    monkeypatch.setitem(sys.modules, "harper", None)  # `import harper` now raises ImportError
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: raised.append(hook.exc_value))
    thread = warmup.start(["paper.tex", "--engine", "offline"])
    assert thread is not None and thread.daemon
    thread.join(30)
    assert not thread.is_alive()
    assert raised == []


def test_the_warm_up_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVISE_NO_WARMUP", "1")
    assert warmup.start(["paper.tex", "--engine", "offline"]) is None


def _console(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    """``revise ARGS`` through the console entry point, as the installed script runs it."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env["REVISE_CACHE_DIR"] = str(cache)
    code = "import sys; from revise.entry import main; sys.argv = ['revise', *sys.argv[1:]]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_leaving_without_teardown_keeps_every_byte_and_every_exit_code(tmp_path: Path) -> None:
    done = _console([str(EXAMPLE), "--engine", "offline", "--format", "json"], tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["edits"]  # the whole report arrived, not a truncated buffer
    # The cache committed what the run found: a rerun reads the same report from it.
    again = _console([str(EXAMPLE), "--engine", "offline", "--format", "json"], tmp_path / "cache")
    assert json.loads(again.stdout) == json.loads(done.stdout)
    missing = _console([str(tmp_path / "absent.tex"), "--engine", "offline"], tmp_path / "cache")
    assert missing.returncode == 1 and "no such file" in missing.stderr
    usage = _console([str(EXAMPLE), "--bogus"], tmp_path / "cache")
    assert usage.returncode == 2 and "--bogus" in usage.stderr


def test_the_later_stages_are_imported_while_the_engine_waits(tmp_path: Path) -> None:
    """What runs under Harper's build: anchoring, the guard and the chosen renderer with rich."""
    code = (
        "import sys\n"
        "from revise.command import _prepare_later_stages\n"
        "from revise.options import Options\n"
        "assert 'rich.console' not in sys.modules and 'revise.anchoring' not in sys.modules\n"
        f"_prepare_later_stages(Options({str(EXAMPLE)!r}, fmt=sys.argv[1]))\n"
        "print(' '.join(m for m in ('revise.anchoring', 'revise.guard', 'rich.console', 'revise.render.json')"
        " if m in sys.modules))\n"
    )
    terminal = subprocess.run([sys.executable, "-c", code, "terminal"], capture_output=True, text=True)
    assert terminal.stdout.split() == ["revise.anchoring", "revise.guard", "rich.console"], terminal.stderr
    as_json = subprocess.run([sys.executable, "-c", code, "json"], capture_output=True, text=True)
    assert as_json.stdout.split() == ["revise.anchoring", "revise.guard", "revise.render.json"], (
        as_json.stderr
    )


def test_a_workers_socket_of_any_version_skips_the_early_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from revise.engines import rundir

    monkeypatch.delenv("REVISE_NO_WARMUP", raising=False)
    monkeypatch.delenv(rundir.OFF, raising=False)
    monkeypatch.setenv(rundir.FOLDER, str(tmp_path))
    (tmp_path / "lint-0123456789abcdef.sock").write_text("a file, not a socket\n")
    (tmp_path / "other.sock").touch()
    assert not rundir.any_socket()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listening:
        listening.bind(str(tmp_path / "lint-fedcba9876543210.sock"))
        assert rundir.any_socket()
        assert warmup.start(["paper.tex", "--engine", "offline"]) is None
        monkeypatch.setenv(rundir.OFF, "1")  # workers off: a socket there is no one's to use
        assert not rundir.any_socket()
    monkeypatch.setenv(rundir.FOLDER, str(tmp_path / "absent"))
    monkeypatch.delenv(rundir.OFF)
    assert not rundir.any_socket()


def test_the_heap_is_kept_for_the_build_on_glibc_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from revise.engines import heap

    glibc = sys.platform.startswith("linux") and bool(os.confstr("CS_GNU_LIBC_VERSION"))
    assert heap.keep_for_build() is glibc
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap.keep_for_build() is False
