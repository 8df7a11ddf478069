"""The lint worker's client: find the warm worker (engines/worker.py), ask it, start one, or say no.

Any process that lints builds Harper's curated dictionary first (~0.45 s, once per process), so a command-line
rerun after editing one paragraph paid more for that build than for the lint. A worker left running by the
previous run answers the one question the lint cache answers, (lint settings, document words, lint-view texts)
→ findings per view, with linters it built once. Every failure here (no worker, a refused or garbled reply, a
timeout, another version) returns None and the engine lints in-process exactly as before: the worker is only
ever a shortcut to the same findings.

The socket lives in a private folder (0700, the user's own: checked before every use, refused otherwise) and
its name carries a fingerprint of everything that decides findings, so a new version, a new harper-py or an
edited engine module never talks to an old worker. Off with ``REVISE_NO_WORKER=1`` or ``worker = false``.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from revise.engines import lintcache, rundir

if TYPE_CHECKING:
    from revise.edits import Suggestion
    from revise.latex.mask import Masked

OFF, FOLDER = rundir.OFF, rundir.FOLDER
IDLE = "REVISE_WORKER_IDLE"
"""Seconds a worker waits for a request before it exits (default 600)."""
MAX_PATH = 107
"""AF_UNIX addresses hold at most 108 bytes with the terminating zero."""
TAKE_TIMEOUT = 1.0
"""Seconds to wait for the worker to take a request. It serves one at a time; a second command that finds it
busy lints in-process after this, at most ~1 s later than without any worker, rather than queue behind a long
first run of another paper."""
LINT_TIMEOUT = 10.0
"""Seconds a taken request may take, plus LINT_PER_KB per KB of text: the worker lints at the in-process speed
with no dictionary to build, so only a stuck worker reaches this (the engine then lints in-process)."""
LINT_PER_KB = 0.2
_HEADER = struct.Struct(">I")
MAX_MESSAGE = 256 * 1024 * 1024
TAKEN = b"\x01"
"""The byte a worker sends when it takes a connection: from then on it is working for this client."""


def wanted(settings: object | None) -> bool:
    """Whether the command line should use the worker: AF_UNIX exists, and neither the environment nor the
    config (``worker = false``) turned it off."""
    if not (hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")):
        return False  # Windows: the feature is simply off
    if rundir.switched_off():
        return False
    return bool(getattr(settings, "worker", True))


def folder() -> Path:
    """Where sockets live (engines/rundir.py)."""
    return Path(rundir.folder())


def private(where: Path, create: bool = True) -> bool:
    """Whether ``where`` is a real folder (no symbolic link) owned by this user that no one else may enter;
    created so when missing. Anything else is refused: another user's socket could feed us findings."""
    if create:
        try:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
    try:
        info = os.lstat(where)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def fingerprint() -> str:
    """A digest of everything that decides findings besides the request: revise's version, harper-py's
    compiled core (size and time, as OfflineReviewer.lint_settings), the lint cache's FORMAT, and the size
    and time of every engine module (a code change during development never talks to an old worker)."""
    import harper._harper

    from revise import __version__

    core = os.stat(harper._harper.__file__)
    parts = [__version__, str(lintcache.FORMAT), sys.executable, f"{core.st_size} {core.st_mtime_ns}"]
    parts.append(lintcache.code_fingerprint())  # the size and time of every engine module
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def address(stamp: str | None = None) -> Path | None:
    """The socket path of the worker for this code, or None when it would be too long for AF_UNIX."""
    path = folder() / f"lint-{stamp or fingerprint()}.sock"
    return path if len(os.fsencode(path)) <= MAX_PATH else None


@dataclass
class Client:
    """One command's dealings with the worker; ``note`` says for --verbose what happened."""

    path: Path
    stamp: str
    note: str = ""
    absent: bool = False
    """No worker listens (no socket file, or a stale one): the engine starts one once it has linted."""
    ruled: list[tuple[Suggestion, ...]] | None = None
    """revise's own rules' findings from the last ``lint`` that asked for them and was answered."""

    @classmethod
    def open(cls, settings: object | None = None) -> Client | None:
        """A client when the worker is wanted and its folder is safe to use, else None."""
        if not wanted(settings):
            return None
        try:
            stamp = fingerprint()
        except (ImportError, OSError):
            return None
        path = address(stamp)
        if path is None or not private(path.parent):
            return None
        return cls(path, stamp)

    def present(self) -> bool:
        """Whether a socket file is there (a live worker is likely: the engine then builds no linter early)."""
        try:
            return stat.S_ISSOCK(os.lstat(self.path).st_mode)
        except OSError:
            return False

    def lint(
        self,
        reviewer: Any,
        texts: list[str],
        words: list[str],
        count: int,
        rules: list[Masked] | None = None,
        dialect: str = "american",
    ) -> list[tuple[lintcache.Finding, ...]] | None:
        """The worker's findings on ``texts`` with ``count`` linters configured as ``reviewer``'s (an
        OfflineReviewer: its dialect and --enable/--disable travel, and its settings' fingerprint, which the
        worker checks against the reviewer it configures), or None (``note`` says why). With ``rules``, the
        worker also runs revise's own rules on those masked paragraphs: their findings are in ``ruled``
        (None when it did not)."""
        self.ruled = None
        request: dict[str, Any] = {
            "fingerprint": self.stamp,
            "dialect": reviewer.dialect or "american",
            "enable": sorted(reviewer.selection.enable),
            "disable": sorted(reviewer.selection.disable),
            "settings": reviewer.lint_settings().fingerprint(),
            "words": list(words),
            "texts": texts,
            "linters": count,
        }
        if rules is not None:
            request["rules"] = [
                [m.text, [[h.masked_start, h.masked_end] for h in m.placeholders]] for m in rules
            ]
            request["rule_dialect"] = dialect
        size = sum(len(t) for t in texts)
        try:
            reply = self._ask(request, LINT_TIMEOUT + LINT_PER_KB * size / 1000)
        except FileNotFoundError:
            self.note, self.absent = "revise: no lint worker was running", True
            return None
        except ConnectionRefusedError:
            self.note, self.absent = "revise: the lint worker's socket was stale", True
            return None
        except (OSError, ValueError) as err:
            self.note = f"revise: the lint worker did not answer ({err or type(err).__name__}); linted here"
            return None
        try:
            if "error" in reply:
                raise ValueError(reply["error"])
            rows = reply["findings"]
            if (
                reply.get("fingerprint") != self.stamp
                or not isinstance(rows, list)
                or len(rows) != len(texts)
            ):
                raise ValueError("another version or a reply of the wrong length")
            found = [lintcache.decode(r) for r in rows]
            if rules is not None:
                ruled = reply["rules"]
                if not isinstance(ruled, list) or len(ruled) != len(rules):
                    raise ValueError("rule findings of the wrong length")
                self.ruled = [lintcache.decode_rules(r) for r in ruled]
        except (KeyError, TypeError, ValueError) as err:
            self.note = f"revise: the lint worker's reply was refused ({err}); linted here"
            return None
        self.note = (
            f"revise: the lint worker answered (request {reply.get('served')}, pid {reply.get('pid')})"
        )
        return found

    def _ask(self, request: dict[str, Any], timeout: float) -> Any:
        if not private(self.path.parent, create=False):
            raise ValueError("its folder is no longer private")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(TAKE_TIMEOUT)
            conn.connect(os.fspath(self.path))
            if conn.recv(1) != TAKEN:
                raise ValueError("it did not take the request")
            conn.settimeout(timeout)
            send(conn, request)
            return receive(conn)

    def start(self) -> str:
        """Start a worker for the next run, detached: its own session, no descriptor of ours (an editor
        filter waits for EOF on the pipes this command holds), and not waited for. Returns ``note``."""
        import subprocess

        self.note = self.note or "revise: no lint worker was running"
        if _locked(self.path.with_suffix(".lock")):
            self.note += "; one is starting (it binds its socket once warm)"
            return self.note
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "revise.engines.worker", "--fingerprint", self.stamp],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
                cwd=self.path.parent,  # -m puts the folder first on sys.path: it holds only sockets
            )
        except OSError as err:
            self.note += f"; could not start one ({err})"
            return self.note
        self.note += f"; started one (pid {child.pid}) for the next run"
        return self.note


def send(conn: socket.socket, message: object) -> None:
    """One length-prefixed JSON message."""
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    conn.sendall(_HEADER.pack(len(body)) + body)


def receive(conn: socket.socket) -> Any:
    """One length-prefixed JSON message (ValueError when it is cut, too long or not JSON)."""
    (length,) = _HEADER.unpack(_exactly(conn, _HEADER.size))
    if length > MAX_MESSAGE:
        raise ValueError("a message past the size bound")
    return json.loads(_exactly(conn, length).decode("utf-8"))


def _exactly(conn: socket.socket, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = conn.recv(min(size, 1 << 20))
        if not chunk:
            raise ValueError("the message was cut short")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def running(where: Path) -> list[int]:
    """The pids of the workers alive in ``where`` (each holds a lock on its pid file): for tests and benches,
    which stop the workers they started."""
    pids = []
    for lock in sorted(where.glob("lint-*.lock")):
        if _locked(lock):
            try:
                pids.append(int(lock.read_bytes().strip() or 0))
            except (OSError, ValueError):
                continue
    return [p for p in pids if p > 0]


def _locked(lock: Path) -> bool:
    """Whether a live worker holds ``lock`` (the lock goes with its process, however it ends)."""
    import fcntl

    try:
        with open(lock, "rb") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
    except OSError:
        return False
    return False
