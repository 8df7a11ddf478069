"""The batches a user submitted (``--batch``), remembered beside the reply cache so a rerun finds them.

One SQLite table: the batch id, the endpoint and model, the cache keys of its requests, whether its results
were collected, and the error of each request that failed inside it (reported until the next ``--batch``
resubmits it). No key, prompt or reply text is stored here; replies go to the reply cache.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from revise.cache import cache_dir

FILE_NAME = "batches.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    keys TEXT NOT NULL,
    collected INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL
)
"""


@dataclass(frozen=True)
class Submitted:
    """A batch as remembered: its id, the cache keys of its requests, and the errors found when collected."""

    id: str
    endpoint: str
    model: str
    keys: tuple[str, ...]
    collected: bool = False
    errors: Mapping[str, str] | None = None


class BatchStore:
    """Submitted batches on disk (``$REVISE_CACHE_DIR`` or the user cache folder)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else cache_dir() / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10)
        self._db.execute(_SCHEMA)
        self._db.commit()

    def record(self, batch_id: str, endpoint: str, model: str, keys: Sequence[str]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO batches (id, endpoint, model, keys, created) VALUES (?, ?, ?, ?, ?)",
            (batch_id, endpoint, model, json.dumps(list(keys)), time.time()),
        )
        self._db.commit()

    def collected(self, batch_id: str, errors: Mapping[str, str]) -> None:
        self._db.execute(
            "UPDATE batches SET collected = 1, errors = ? WHERE id = ?", (json.dumps(dict(errors)), batch_id)
        )
        self._db.commit()

    def get(self, batch_id: str) -> Submitted | None:
        rows = self._rows("WHERE id = ?", (batch_id,))
        return rows[0] if rows else None

    def touching(self, endpoint: str, keys: Sequence[str]) -> list[Submitted]:
        """Batches for ``endpoint`` holding any of ``keys``, oldest first."""
        wanted = set(keys)
        return [
            b for b in self._rows("WHERE endpoint = ? ORDER BY created", (endpoint,)) if wanted & set(b.keys)
        ]

    def close(self) -> None:
        self._db.close()

    def _rows(self, where: str, args: tuple[object, ...]) -> list[Submitted]:
        query = f"SELECT id, endpoint, model, keys, collected, errors FROM batches {where}"
        return [
            Submitted(row[0], row[1], row[2], tuple(json.loads(row[3])), bool(row[4]), json.loads(row[5]))
            for row in self._db.execute(query, args).fetchall()
        ]
