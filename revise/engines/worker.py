"""The lint worker: ``python -m revise.engines.worker``, the lint cache's live twin (client: engines/warm.py).

A small per-user background process that keeps Harper's linters (and lemminflect's tables, which grade typos)
warm between command-line runs, and answers exactly what the lint cache answers: (lint settings, document
words, lint-view texts) → findings per view. It lints with the offline engine's own code
(OfflineReviewer._grammar on views of the same texts), so its findings are the in-process ones.

It serves one request at a time (a second command waits up to warm.TAKE_TIMEOUT, then lints itself), one
configured reviewer per (dialect, enabled, disabled) settings, the last few kept. It writes to no terminal
(its descriptors 0-2 are /dev/null), binds its socket only once warm (a socket present means a fast answer),
and exits after REVISE_WORKER_IDLE seconds without a request (600 by default), when its socket file is
removed or replaced, and on SIGTERM. A lock held for its life (the pid inside) keeps it alone per code
version; a socket file left by a killed worker is replaced.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from revise.engines import lintcache, warm

DEFAULT_IDLE = 600.0
POLL = 0.5
"""Seconds between looks at the idle time and the socket file while no request comes."""
READ_TIMEOUT = 30.0
"""Seconds a taken client may take to send its request."""
KEPT = 4
"""Configured reviewers kept (each holds one or two linters)."""


class Worker:
    def __init__(self, stamp: str) -> None:
        self.stamp = stamp
        self.served = 0
        self.reviewers: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Any] = {}

    def reviewer(self, dialect: str, enable: list[str], disable: list[str]) -> Any:
        from revise.engines.offline import OfflineReviewer

        key = (dialect, tuple(sorted(enable)), tuple(sorted(disable)))
        found = self.reviewers.pop(key, None)
        if found is None:
            chosen = SimpleNamespace(dialect=dialect, enable=enable, disable=disable, words=())
            found = OfflineReviewer(chosen, cache=None)
        self.reviewers[key] = found  # the most recent last: the oldest is dropped past KEPT
        while len(self.reviewers) > KEPT:
            del self.reviewers[next(iter(self.reviewers))]
        return found

    def warm_up(self) -> None:
        """Harper's dictionary, a first lint (the spell checker's start-up) and the typo grades' tables."""
        from revise.engines import balance, lexicon

        lexicon.warm()  # first: the warm-up lint grades typos with the tables
        self.lint(self.reviewer("american", [], []), [balance.WARM_UP], [], 1)

    def lint(self, reviewer: Any, texts: list[str], words: list[str], count: int) -> list[list[Any]]:
        from revise.engines.view import View

        views = [View(text, ()) for text in texts]
        found = reviewer._grammar(views, words, reviewer._lint_engines(count))
        return [lintcache.encode(items) for items in found]

    def answer(self, request: Any) -> dict[str, Any]:
        """The reply to one request; anything unexpected is an error reply (the client then lints itself)."""
        if not isinstance(request, dict) or request.get("fingerprint") != self.stamp:
            return {"error": "another version", "fingerprint": self.stamp}
        try:
            texts, words = _strings(request["texts"]), _strings(request["words"])
            enable, disable = _strings(request["enable"]), _strings(request["disable"])
            count = request["linters"]
            if not (isinstance(count, int) and 1 <= count <= 2 and isinstance(request["dialect"], str)):
                raise TypeError("linters is 1 or 2, dialect a name")
            reviewer = self.reviewer(request["dialect"], enable, disable)
            if reviewer.lint_settings().fingerprint() != request["settings"]:
                raise ValueError("the lint settings came out otherwise here")
            found = self.lint(reviewer, texts, words, count)
            ruled = self.rules(reviewer, request.get("rules"), request.get("rule_dialect"))
        except Exception as err:  # a bad request or a failing linter must not end the worker
            return {"error": f"{type(err).__name__}: {err}", "fingerprint": self.stamp}
        self.served += 1
        reply = {"fingerprint": self.stamp, "served": self.served, "pid": os.getpid(), "findings": found}
        if ruled is not None:
            reply["rules"] = ruled
        return reply

    def rules(self, reviewer: Any, paragraphs: Any, dialect: Any) -> list[list[Any]] | None:
        """revise's own rules on masked paragraphs sent as [text, [[start, end] of each placeholder]]: they
        read no more of a paragraph than that, and their lexicon is warm here (the command line would load it
        for the one edited paragraph: ~0.17 s)."""
        if paragraphs is None:
            return None
        from revise.latex.mask import Masked, Placeholder

        if not isinstance(paragraphs, list) or not isinstance(dialect, str):
            raise TypeError("rules are a list of [text, spans], with a dialect")
        out = []
        for text, spans in paragraphs:
            if not isinstance(text, str):
                raise TypeError("a paragraph's masked text is a string")
            held = tuple(Placeholder(text[a:b], "", 0, 0, "", a) for a, b in spans if 0 <= a < b <= len(text))
            out.append(lintcache.encode_rules(reviewer._rules(Masked(text, held, 0, text), dialect)))
        return out

    def handle(self, conn: socket.socket) -> None:
        if not _same_user(conn):
            return
        try:
            conn.sendall(warm.TAKEN)
            conn.settimeout(READ_TIMEOUT)
            request = warm.receive(conn)  # cut short when the client gave up before we took it
            warm.send(conn, self.answer(request))
        except (OSError, ValueError):
            return

    def serve(self, server: socket.socket, path: Path, idle: float) -> None:
        ours = os.lstat(path).st_ino
        server.settimeout(POLL)
        last = time.monotonic()
        while True:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                if time.monotonic() - last > idle or not _still(path, ours):
                    return
                continue
            with conn:
                conn.setblocking(True)
                self.handle(conn)
            last = time.monotonic()
            if not _still(path, ours):
                return


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("a list of strings was expected")
    return value


def _same_user(conn: socket.socket) -> bool:
    """The peer runs as this user (the folder's mode already says so; Linux lets us check)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    try:
        raw = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return False
    _pid, uid, _gid = struct.unpack("3i", raw)
    return bool(uid == os.getuid())


def _still(path: Path, inode: int) -> bool:
    """Whether our socket file is still there: removing it (or another worker's replacing it) ends us."""
    try:
        return os.lstat(path).st_ino == inode
    except OSError:
        return False


def _quiet() -> None:
    """Descriptors 0-2 on /dev/null: nothing (Harper's own prints included) reaches a terminal or a pipe."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if null > 2:
        os.close(null)


def _idle() -> float:
    try:
        value = float(os.environ.get(warm.IDLE, "") or DEFAULT_IDLE)
    except ValueError:
        return DEFAULT_IDLE
    return value if value > 0 else DEFAULT_IDLE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m revise.engines.worker", description=__doc__)
    parser.add_argument("--fingerprint", help="exit unless this is the code's fingerprint")
    args = parser.parse_args(argv)
    _quiet()
    stamp = warm.fingerprint()
    path = warm.address(stamp)
    if (args.fingerprint and args.fingerprint != stamp) or path is None or not warm.private(path.parent):
        return 2
    import fcntl

    lock = open(path.with_suffix(".lock"), "a+b")  # noqa: SIM115 - held open (and locked) for the whole life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # another worker of this version is alive (starting or serving)
    lock.truncate(0)
    lock.write(str(os.getpid()).encode())
    lock.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    worker = Worker(stamp)
    worker.warm_up()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # a socket file left by a worker that was killed: we hold the lock now
        server.bind(os.fspath(path))
        inode = os.lstat(path).st_ino
        try:
            server.listen(8)
            worker.serve(server, path, _idle())
        finally:
            if _still(path, inode):
                path.unlink()
    return 0


if __name__ == "__main__":
    try:
        status = main()
    except SystemExit as stop:  # SIGTERM, after the socket file is removed
        status = stop.code if isinstance(stop.code, int) else 0
    os._exit(status)  # no teardown of the linters and tables: a stopped worker is gone at once
