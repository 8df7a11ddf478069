"""The warm lint worker (engines/worker.py, engines/warm.py): real processes on real sockets, no mocks.

Every worker started here lives in a fresh short folder under /tmp (REVISE_WORKER_DIR) and is killed by pid
when the test ends; the rest of the suite runs with REVISE_NO_WORKER=1 (tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from revise import document
from revise.engines import view as lintview
from revise.engines import vocabulary, warm
from revise.engines.offline import OfflineReviewer, open_reviewer
from revise.latex.segment import segment

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "conclusion.tex"
STARTED = re.compile(r"started one \(pid (\d+)\)")


class Workers:
    """The folder the workers of one test live in, and the pids to kill when it ends."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.pids: set[int] = set()

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("REVISE_NO_WORKER", "REVISE_NO_WARMUP")}
        return {**env, "REVISE_WORKER_DIR": str(self.where), "NO_COLOR": "1", **extra}

    def revise(
        self, *args: str, stdin: bytes | None = None, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        """``revise ARGS --verbose`` as the user runs it; the worker it starts is remembered."""
        done = subprocess.run(
            [sys.executable, "-m", "revise", *args, "--verbose"],
            input=stdin.decode() if stdin else None,
            capture_output=True,
            text=True,
            env=self.env(**extra),
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        self.pids.update(int(p) for p in STARTED.findall(done.stderr))
        return done

    def start(self, **extra: str) -> int:
        """A worker started directly, once it listens."""
        child = subprocess.Popen([sys.executable, "-m", "revise.engines.worker"], env=self.env(**extra))
        self.pids.add(child.pid)
        self.wait_for(self.listening)
        return child.pid

    def listening(self) -> bool:
        """Whether a worker accepts connections at the socket (not merely a stale file there)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            try:
                conn.connect(os.fspath(self.socket()))
            except OSError:
                return False
        return True

    def socket(self) -> Path:
        path = warm.address()
        assert path is not None and path.parent == self.where
        return path

    def wait_for(self, condition: Callable[[], bool], seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < end, "timed out"
            time.sleep(0.05)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Workers]:
    where = Path(tempfile.mkdtemp(prefix="rw-", dir="/tmp"))  # short: AF_UNIX paths hold 107 bytes
    monkeypatch.delenv("REVISE_NO_WORKER", raising=False)
    monkeypatch.setenv("REVISE_WORKER_DIR", str(where))
    box = Workers(where)
    yield box
    for pid in box.pids | set(warm.running(where)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(where, ignore_errors=True)


def alive(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)  # our own child: reap it, so a dead one reads as dead
    except ChildProcessError:
        done = 0
    if done:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def views_of(path: Path) -> tuple[list[lintview.View], list[str]]:
    paragraphs = segment(document.read(path)[0]).paragraphs
    views = [lintview.bounded(lintview.build(p.masked)) for p in paragraphs]
    return views, vocabulary.words([paragraphs[0].file.text])


def edits(done: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return json.loads(done.stdout)["edits"]  # type: ignore[no-any-return]


def test_the_worker_finds_what_the_process_finds(workers: Workers, corpus: Path) -> None:
    workers.start()
    client = warm.Client.open()
    assert client is not None and client.present()
    served = OfflineReviewer(dialect="american", worker=client)
    here = OfflineReviewer(dialect="american")
    papers = [EXAMPLE, corpus / "papers" / "george/paper/ms.tex", corpus / "papers" / "nalu/paper/main.tex"]
    for path in papers:
        views, words = views_of(path)
        for count in (1, 2):
            expected = here._harper(views, words, count)
            assert served._harper(views, words, count) == expected, path
            assert "the lint worker answered" in client.note
            assert any(expected), path  # the comparison is not of empty lists
    # A British paper's settings and the user's --disable travel with the request: a second configuration.
    british = OfflineReviewer(dialect="british", worker=client, settings=_Disable("SpellCheck"))
    views, words = views_of(EXAMPLE)
    found = british._harper(views, words, 1)
    assert "answered" in client.note
    assert found == OfflineReviewer(dialect="british", settings=_Disable("SpellCheck"))._harper(
        views, words, 1
    )
    assert not any(f.rule == "SpellCheck" for items in found for f in items)


class _Disable:
    def __init__(self, *names: str) -> None:
        self.disable, self.enable, self.dialect, self.words = names, (), None, ()


def test_a_second_run_is_served_by_the_worker_the_first_one_started(workers: Workers, tmp_path: Path) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    args = (str(paper), "--engine", "offline", "--format", "json")
    first = workers.revise(*args, REVISE_CACHE_DIR=str(tmp_path / "c1"))
    assert "no lint worker was running; started one" in first.stderr
    workers.wait_for(workers.listening)
    # A fresh cache: every paragraph goes to the worker, and the findings are the in-process ones.
    second = workers.revise(*args, REVISE_CACHE_DIR=str(tmp_path / "c2"))
    assert "the lint worker answered (request 1" in second.stderr
    assert edits(second) == edits(first)
    # The user edits one paragraph: the worker lints it; the rest comes from the cache.
    paper.write_text(paper.read_text(encoding="utf-8").replace(" the ", " the the ", 1), encoding="utf-8")
    third = workers.revise(*args, REVISE_CACHE_DIR=str(tmp_path / "c2"))
    assert "the lint worker answered (request 2" in third.stderr
    alone = workers.revise(*args, REVISE_CACHE_DIR=str(tmp_path / "c3"), REVISE_NO_WORKER="1")
    assert "lint worker" not in alone.stderr
    assert edits(third) == edits(alone)


def test_a_killed_worker_leaves_a_stale_socket_that_the_next_run_replaces(
    workers: Workers, tmp_path: Path
) -> None:
    pid = workers.start()
    os.kill(pid, signal.SIGKILL)
    workers.wait_for(lambda: not alive(pid))
    assert workers.socket().exists()  # a killed worker cleans nothing up
    args = (str(EXAMPLE), "--engine", "offline", "--format", "json", "--no-cache")
    done = workers.revise(*args)
    assert "stale; started one" in done.stderr
    assert edits(done) == edits(workers.revise(*args, REVISE_NO_WORKER="1"))
    (new,) = STARTED.findall(done.stderr)
    workers.wait_for(lambda: warm.running(workers.where) == [int(new)] and workers.listening())
    assert "the lint worker answered" in workers.revise(*args).stderr


def serve_garbage(path: Path, reply: bytes | None) -> threading.Thread:
    """A socket at the worker's address that takes each request and answers ``reply`` (None: never takes)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(os.fspath(path))
    server.listen(4)

    def run() -> None:
        with server:
            while True:
                conn, _ = server.accept()
                with conn:
                    if reply is None:
                        time.sleep(3)
                        continue
                    conn.sendall(warm.TAKEN)
                    conn.recv(1 << 20)
                    conn.sendall(reply)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    "reply",
    [
        b"\x00\x00\x00\x05hello",
        b"\xff\xff\xff\xff",
        b"\x00\x00\x00\x20cut short at sixteen",
        None,
    ],
    ids=["not-json", "too-long", "cut", "never-takes"],
)
def test_a_socket_answering_garbage_means_linting_here(workers: Workers, reply: bytes | None) -> None:
    serve_garbage(workers.socket(), reply)
    views, words = views_of(EXAMPLE)
    client = warm.Client.open()
    assert client is not None
    began = time.monotonic()
    found = OfflineReviewer(dialect="american", worker=client)._harper(views, words, 1)
    assert time.monotonic() - began < 20
    assert "linted here" in client.note and not client.absent
    assert found == OfflineReviewer(dialect="american")._harper(views, words, 1)


def test_a_reply_for_another_version_or_of_the_wrong_shape_is_refused(workers: Workers) -> None:
    client = warm.Client.open()
    assert client is not None
    views, words = views_of(EXAMPLE)
    for body in (
        {"fingerprint": "0" * 16, "findings": [[] for _ in views]},
        {"fingerprint": client.stamp, "findings": [[]]},
        {
            "fingerprint": client.stamp,
            "findings": [[["SpellCheck", "m", 0, 1, [], "Spelling"]] for _ in views],
        },
    ):
        data = json.dumps(body).encode()
        thread = serve_garbage(workers.socket(), len(data).to_bytes(4, "big") + data)
        found = OfflineReviewer(dialect="american", worker=client)._harper(views, words, 1)
        assert "refused" in client.note
        assert found == OfflineReviewer(dialect="american")._harper(views, words, 1)
        workers.socket().unlink()
        del thread


def test_the_worker_exits_when_idle_when_its_socket_goes_and_on_sigterm(workers: Workers) -> None:
    pid = workers.start(REVISE_WORKER_IDLE="1")
    workers.wait_for(lambda: not alive(pid), 30)
    assert not workers.socket().exists()  # it cleaned up after itself
    pid = workers.start()
    workers.socket().unlink()
    workers.wait_for(lambda: not alive(pid), 30)
    pid = workers.start()
    os.kill(pid, signal.SIGTERM)
    workers.wait_for(lambda: not alive(pid), 30)
    assert not workers.socket().exists()


def test_a_folder_others_may_enter_or_not_ours_is_refused(workers: Workers, tmp_path: Path) -> None:
    workers.where.chmod(0o755)
    assert warm.Client.open() is None
    args = (str(EXAMPLE), "--engine", "offline", "--format", "json", "--no-cache")
    done = workers.revise(*args)
    assert "lint worker" not in done.stderr and not list(workers.where.iterdir())
    workers.where.chmod(0o700)
    link = Path(tempfile.mkdtemp(prefix="rl-", dir="/tmp"))
    try:
        (link / "w").symlink_to(workers.where)
        assert not warm.private(link / "w")
    finally:
        shutil.rmtree(link)
    if os.getuid() == 0:  # only root can hand a folder to another user
        os.chown(workers.where, 12345, 12345)
        assert warm.Client.open() is None
        os.chown(workers.where, 0, 0)
    assert warm.Client.open() is not None


def test_off_by_environment_and_config_and_never_for_the_language_server(
    workers: Workers, tmp_path: Path
) -> None:
    args = (str(EXAMPLE), "--engine", "offline", "--format", "json", "--no-cache")
    assert "lint worker" not in workers.revise(*args, REVISE_NO_WORKER="1").stderr
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("worker = false\n", encoding="utf-8")
    assert "lint worker" not in workers.revise(*args, REVISE_CONFIG_DIR=str(config)).stderr
    assert not list(workers.where.iterdir())
    assert open_reviewer().worker is None  # what the language server opens


def test_an_editor_filter_returns_at_once_while_the_worker_it_started_lives_on(workers: Workers) -> None:
    text = EXAMPLE.read_bytes()
    began = time.monotonic()
    # Pipes on all three streams, read to EOF: a worker holding any of them would hold this call too.
    child = subprocess.Popen(
        [sys.executable, "-m", "revise", "-", "--apply", "--engine", "offline", "--verbose"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=workers.env(REVISE_WORKER_IDLE="120"),
    )
    out, err = child.communicate(text, timeout=60)
    took = time.monotonic() - began
    pids = [int(p) for p in STARTED.findall(err.decode())]
    workers.pids.update(pids)
    assert child.returncode == 0 and out.startswith(b"\\section{Conclusion}")
    assert len(pids) == 1 and took < 30
    workers.wait_for(lambda: warm.running(workers.where) == pids)
    assert alive(pids[0])
    held = Path(f"/proc/{pids[0]}/fd")
    if held.is_dir():  # Linux: the worker holds no pipe at all, so none of the filter's can be among them
        assert not [fd for fd in held.iterdir() if _link(fd).startswith("pipe:")]


def _link(fd: Path) -> str:
    """What a descriptor of a running process points at; "" when it was closed meanwhile (the warming worker
    opens and closes files: an inherited pipe, which it would hold from its start, never vanishes so)."""
    try:
        return os.readlink(fd)
    except FileNotFoundError:
        return ""


def test_no_second_worker_is_started_while_one_warms_up(workers: Workers) -> None:
    import fcntl

    client = warm.Client.open()
    assert client is not None
    with open(client.path.with_suffix(".lock"), "a+b") as lock:  # what a starting worker holds
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        client.start()
        assert "one is starting" in client.note and "started one" not in client.note
    client.start()
    assert "started one" in client.note
    workers.pids.update(int(p) for p in STARTED.findall(client.note))


def test_the_worker_runs_revises_own_rules_too_and_a_served_edit_loads_no_lexicon(
    workers: Workers, corpus: Path, tmp_path: Path
) -> None:
    workers.start()
    client = warm.Client.open()
    assert client is not None and client.present()
    paper = corpus / "papers" / "george/paper/ms.tex"
    paragraphs = segment(document.read(paper)[0]).paragraphs
    views, words = views_of(paper)
    masked = [p.masked for p in paragraphs]
    served = OfflineReviewer(dialect="american", worker=client)
    served._harper(views, words, 1, masked, "american")
    assert "the lint worker answered" in client.note and client.ruled is not None
    # (The paragraph index is the engine's to set, as for cached rule findings.)
    expected = [
        tuple(replace(s, paragraph=None) for s in OfflineReviewer._rules(m, "american")) for m in masked
    ]
    assert client.ruled == expected and any(expected)  # the rules' findings, not empty lists
    # The command line: an edited paragraph's rules come from the worker, so no lexicon is imported here.
    copy = tmp_path / "paper.tex"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    args = [str(copy), "--engine", "offline", "--format", "json", "--verbose"]
    code = (
        "import sys, json\nfrom revise.cli import _main\n"
        f"_main({args!r})\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('lemminflect', 'numpy')))))\n"
    )
    env = workers.env(REVISE_CACHE_DIR=str(tmp_path / "cache"))
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)  # noqa: E731
    run()  # the whole paper into the cache
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("framework learn", "framework learns"), encoding="utf-8"
    )
    edited = run()
    *report, imported = edited.stdout.rstrip("\n").split("\n")
    assert "the lint worker answered" in edited.stderr
    assert json.loads(imported) == []
    alone = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**env, "REVISE_NO_WORKER": "1", "REVISE_CACHE_DIR": str(tmp_path / "alone")},
    )
    assert json.loads("\n".join(report))["edits"] == json.loads(alone.stdout.rsplit("\n", 2)[0])["edits"]


def test_the_worker_is_started_only_once_the_answer_is_written(workers: Workers, tmp_path: Path) -> None:
    """Its start-up on the other core would slow the rendering: the report comes first, then the start."""
    done = subprocess.run(
        [sys.executable, "-m", "revise", str(EXAMPLE), "--engine", "offline", "--no-cache", "--verbose"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream: the order of the two is what is asserted
        text=True,
        env=workers.env(REVISE_CACHE_DIR=str(tmp_path / "cache")),
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
    workers.pids.update(int(p) for p in STARTED.findall(done.stdout))
    summary = done.stdout.index(" edits: ")  # the terminal report's closing line
    started = done.stdout.index("no lint worker was running; started one")
    assert summary < started
    assert done.stdout.count("no lint worker was running") == 1
    workers.wait_for(workers.listening)
