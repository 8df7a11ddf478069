"""What the author decided: the Decisions of an interactive review, and rejected edits remembered on disk.

A rejection is keyed by a hash of the anchored original text and the version text, not of the whole file,
so it survives other edits being applied to the same file: a rerun does not propose it again. The store lives
in the user cache dir (``REVISE_CACHE_DIR`` overrides it) as one small JSON file, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from revise.edits import Edit, Status

_STORE = "rejected.json"
_FORMAT = 1


@dataclass(frozen=True)
class Decisions:
    """The outcome of an interactive review."""

    choices: Mapping[int, int] = field(default_factory=dict)
    """Edit id → chosen version counted from 1; 0 = skipped. Undecided edits are absent."""
    edits: tuple[Edit, ...] = ()
    """The edits as reviewed; a version typed in the editor is appended to its edit's versions."""
    write: bool = False
    """True when the author finished with ``w`` (or decided every edit); False when they quit."""
    rejected: tuple[int, ...] = ()
    """Ids the author explicitly skipped (remembered so a rerun does not propose them again)."""


def cache_dir() -> Path:
    """Where revise keeps its memory of rejected edits."""
    override = os.environ.get("REVISE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("revise"))


def edit_keys(edit: Edit) -> list[str]:
    """One key per version: the hash of the anchored original and the version."""
    return [_key(edit.original, version) for version in edit.versions]


def _key(original: str, version: str) -> str:
    digest = hashlib.sha256()
    digest.update(original.encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(version.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load_rejected(directory: Path | None = None) -> set[str]:
    """The remembered keys; an unreadable store counts as empty (it is only a convenience)."""
    path = (directory or cache_dir()) / _STORE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return set()
    keys = data.get("rejected", {})
    return set(keys) if isinstance(keys, dict) else set()


def remember_rejected(edits: Iterable[Edit], directory: Path | None = None) -> None:
    """Remember every version of these anchored edits as rejected."""
    from revise.document import atomic_write

    new = [key for edit in edits if edit.anchor is not None for key in edit_keys(edit)]
    if not new:
        return
    folder = directory or cache_dir()
    path = folder / _STORE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            data = {}
    except (OSError, ValueError):
        data = {}
    stored = data.get("rejected")
    rejected: dict[str, int] = stored if isinstance(stored, dict) else {}
    now = int(time.time())
    for key in new:
        rejected[key] = now
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"format": _FORMAT, "rejected": rejected}, indent=0, sort_keys=True)
        atomic_write(path, payload.encode("utf-8"))
    except OSError:
        # Forgetting a rejection costs the author one more keypress; failing the run over it would cost more.
        return


def filter_remembered(edits: Sequence[Edit], directory: Path | None = None) -> list[Edit]:
    """Drop remembered versions of ok edits; an ok edit with none left is dropped. Other edits pass."""
    rejected = load_rejected(directory)
    if not rejected:
        return list(edits)
    kept: list[Edit] = []
    for edit in edits:
        if edit.status is not Status.OK or edit.anchor is None:
            kept.append(edit)
            continue
        versions = tuple(v for v, k in zip(edit.versions, edit_keys(edit), strict=True) if k not in rejected)
        if versions == edit.versions:
            kept.append(edit)
        elif versions:
            kept.append(replace(edit, versions=versions))
    return kept
