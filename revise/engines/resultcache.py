"""The offline engine's whole answer for a document, so an unchanged rerun reads one row of the cache.

The per-paragraph lint cache (engines/lintcache.py) already spares an unchanged rerun every linter; what was
left was rebuilding the lint views, the document dictionary and ~400 keys, and re-running the typography rules
(0.1 s of a 0.25 s rerun of a 100 KB paper). The answer is a function of what the key digests: the settings
fingerprint (engine, dialect, rules switched on and off), the files' text, the paragraphs under review with
their indices, the user's own words and the number of versions asked for — so one row keyed by those is the
answer. Harper's rule names are kept beside it, so ``--enable``/``--disable`` can still be checked on a
rerun that builds no linter.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from revise.engines import lintcache

if TYPE_CHECKING:
    from revise.cache import Cache
    from revise.edits import Suggestion


def key(document: str, indices: Iterable[int], words: Iterable[str], versions: int) -> str:
    """The row of a document's answer: its document key (lintcache.document_key), where its paragraphs sit
    (the same texts at other places are another answer), the user's words and the versions asked for."""
    parts = ("result", document, ",".join(map(str, indices)), "\0".join(sorted(words)), str(versions))
    return hashlib.sha256("\f".join(parts).encode("utf-8")).hexdigest()


def load(cache: Cache | None, row: str) -> tuple[Suggestion, ...] | None:
    """The stored answer, or None when there is none (or it cannot be read: then the engine works it out)."""
    if cache is None:
        return None
    text = cache.get_lints([row]).get(row)
    if text is None:
        return None
    from dataclasses import replace

    try:
        stored = json.loads(text)
        found = lintcache.decode_rules(stored["rows"])
        places = [int(p) for p in stored["paragraphs"]]
        if len(places) != len(found):
            raise ValueError("a paragraph index per suggestion")
    except (ValueError, TypeError, KeyError):
        return None
    return tuple(replace(s, paragraph=p) for s, p in zip(found, places, strict=True))


def store(cache: Cache | None, row: str, found: Sequence[Suggestion]) -> None:
    """Keep the answer: the rows the rule cache uses (engines/lintcache.py), with each one's paragraph."""
    if cache is None:
        return
    assert all(s.span is not None and s.paragraph is not None for s in found)  # the offline engine places all
    stored = {"rows": lintcache.encode_rules(found), "paragraphs": [s.paragraph for s in found]}
    cache.put_lints({row: json.dumps(stored)})


def _names_row(engine: str) -> str:
    return hashlib.sha256(f"harper rule names\f{engine}".encode()).hexdigest()


def load_names(cache: Cache | None, engine: str) -> tuple[str, ...]:
    """Harper's rule names as a linter of this engine version listed them (empty when never stored)."""
    if cache is None:
        return ()
    text = cache.get_lints([_names_row(engine)]).get(_names_row(engine))
    try:
        names = json.loads(text) if text else []
    except ValueError:
        return ()
    return tuple(str(n) for n in names) if isinstance(names, list) else ()


def store_names(cache: Cache | None, engine: str, names: Sequence[str]) -> None:
    if cache is not None and names:
        cache.put_lints({_names_row(engine): json.dumps(list(names))})
