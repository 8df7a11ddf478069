"""The cache: model replies and offline lint findings on disk (SQLite), one file, never holding a secret.

Replies are keyed by endpoint, model, the full messages and options; lint findings (engines/lintcache.py) by
the offline engine's settings fingerprint and a paragraph's lint-view text.

A rerun after editing one paragraph sends one request, and an interrupted run resumes where it stopped,
because every reply is committed as soon as it arrives. The cache never sees the API key: keys are SHA-256
digests of the request, and values are the model's reply text. A cache that cannot be opened or written turns
itself off with a notice; it never fails the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "replies.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    reply TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS lints (
    key TEXT PRIMARY KEY,
    findings TEXT NOT NULL,
    created REAL NOT NULL
);
"""
_BATCH = 500
"""Keys per SELECT: below SQLite's smallest limit on bound variables (999)."""


@dataclass(frozen=True)
class CachedReply:
    """A stored model reply and the tokens it cost when it was first fetched."""

    reply: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


def cache_dir() -> Path:
    """The folder holding the cache (``$REVISE_CACHE_DIR`` overrides the platform's user cache folder)."""
    folder = os.environ.get("REVISE_CACHE_DIR")
    if folder:
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("revise"))


def request_key(
    endpoint: str, model: str, messages: Sequence[Mapping[str, str]], options: Mapping[str, object]
) -> str:
    """The cache key of one request: a digest of everything that shapes the reply (never the API key)."""
    payload = json.dumps(
        {"endpoint": endpoint, "model": model, "messages": list(messages), "options": dict(options)},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """A thread-safe key → reply store; ``notices`` says why it turned itself off, if it did."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else cache_dir() / FILE_NAME
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def get(self, key: str) -> CachedReply | None:
        """The stored reply for ``key``, if any."""
        with self._lock:
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute(
                    "SELECT reply, prompt_tokens, completion_tokens FROM replies WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as err:
                self._give_up(err)
                return None
        return CachedReply(row[0], row[1], row[2]) if row else None

    def put(self, key: str, model: str, reply: CachedReply) -> None:
        """Store ``reply`` under ``key`` and commit at once (so an interrupted run keeps what it got)."""
        with self._lock:
            db = self._connect()
            if db is None:
                return
            try:
                db.execute(
                    "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?, ?)",
                    (key, model, reply.reply, reply.prompt_tokens, reply.completion_tokens, time.time()),
                )
                db.commit()
            except sqlite3.Error as err:
                self._give_up(err)

    def get_lints(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored lint findings (JSON text) for those of ``keys`` the cache holds."""
        found: dict[str, str] = {}
        with self._lock:
            db = self._connect()
            if db is None:
                return found
            try:
                for at in range(0, len(keys), _BATCH):
                    batch = keys[at : at + _BATCH]
                    marks = ",".join("?" * len(batch))
                    query = f"SELECT key, findings FROM lints WHERE key IN ({marks})"
                    found.update(db.execute(query, batch).fetchall())
            except sqlite3.Error as err:
                self._give_up(err)
        return found

    def put_lints(self, items: Mapping[str, str]) -> None:
        """Store lint findings (key → JSON text) in one transaction."""
        if not items:
            return
        with self._lock:
            db = self._connect()
            if db is None:
                return
            now = time.time()
            try:
                db.executemany(
                    "INSERT OR REPLACE INTO lints VALUES (?, ?, ?)", [(k, v, now) for k, v in items.items()]
                )
                db.commit()
            except sqlite3.Error as err:
                self._give_up(err)

    def close(self) -> None:
        """Close the database (reopened on the next use)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared by the worker threads, serialised by self._lock.
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            db.commit()
        except (OSError, sqlite3.Error) as err:
            self._give_up(err)
            return None
        self._db = db
        return db

    def _give_up(self, err: Exception) -> None:
        self._broken = True
        if self._db is not None:
            self._db.close()
            self._db = None
        self.notices.append(f"revise: reply cache off ({self.path}: {err})")
