"""What the author decided: the Decisions of an interactive review, and skipped edits remembered on disk.

A skip is remembered for one paper and one place: it is keyed by the paper (the root file's resolved path, or
the reported name for stdin), the sentence around the edit (whitespace normalised), the anchored original and
the version. Other edits applied to the same paper leave the key alone, so a rerun does not propose it again;
the same correction in another paper, or in another sentence, is still proposed (skipping one ``~`` tie must not
hide every tie in an unrelated thesis). The store lives in the user cache dir (``REVISE_CACHE_DIR`` overrides
it) as one small JSON file, written atomically; ``revise --skipped PATH`` lists a paper's skips and
``--forget`` clears them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from revise.edits import Edit, Status

_STORE = "rejected.json"
_FORMAT = 2
_SENTENCE_END = re.compile(r"[.!?][)\]'\"’”]*(?=\s|$)")


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


def paper_of(edit: Edit) -> str:
    """The paper an edit belongs to when no root is known: its file's resolved path, else its name."""
    assert edit.anchor is not None
    source = edit.anchor.paragraph.file
    return paper_name(source.path, source.name)


def paper_name(path: Path | None, name: str) -> str:
    """How the store names a paper: the resolved path of its root file, else the reported name."""
    if path is not None:
        try:
            return str(path.resolve())
        except OSError:
            return str(path)
    return str(Path(name).resolve()) if name not in ("", "-") else "-"


def sentence_span(edit: Edit) -> tuple[int, int]:
    """Source offsets of the sentence(s) holding the edit's span, within its paragraph."""
    assert edit.anchor is not None
    anchor = edit.anchor
    paragraph = anchor.paragraph
    text = paragraph.text
    start, end = anchor.start - paragraph.start, anchor.end - paragraph.start
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            break
        begin = m.end()
    while begin < start and text[begin].isspace():
        begin += 1
    after = _SENTENCE_END.search(text, max(end - 1, start, 0))
    stop = max(after.end() if after else len(text), end)
    return paragraph.start + begin, paragraph.start + stop


def context_of(edit: Edit) -> str:
    """The sentence(s) holding the edit's span, whitespace normalised."""
    assert edit.anchor is not None
    begin, stop = sentence_span(edit)
    return " ".join(edit.anchor.paragraph.file.text[begin:stop].split())


def edit_keys(edit: Edit, paper: str | None = None) -> list[str]:
    """One key per version: the paper, the sentence around the edit, the anchored original and the version."""
    where = paper or paper_of(edit)
    context = context_of(edit)
    return [_key(where, context, edit.original, version) for version in edit.versions]


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _read(directory: Path | None) -> dict[str, dict[str, object]]:
    path = (directory or cache_dir()) / _STORE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("skips"), dict):
        return {}  # an older store's keys named no paper: they cannot be honoured per paper
    return {k: v for k, v in data["skips"].items() if isinstance(v, dict)}


def _write(skips: Mapping[str, Mapping[str, object]], directory: Path | None) -> None:
    from revise.document import atomic_write

    folder = directory or cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"format": _FORMAT, "skips": skips}, indent=0, sort_keys=True, ensure_ascii=False
        )
        atomic_write(folder / _STORE, payload.encode("utf-8"))
    except OSError:
        # Forgetting a skip costs the author one more keypress; failing the run over it would cost more.
        return


def load_rejected(directory: Path | None = None) -> set[str]:
    """The remembered keys; an unreadable store counts as empty (it is only a convenience)."""
    return set(_read(directory))


def remember_rejected(edits: Iterable[Edit], directory: Path | None = None, paper: str | None = None) -> None:
    """Remember every version of these anchored edits as skipped in ``paper`` (default: each edit's file)."""
    new = {}
    now = int(time.time())
    for edit in edits:
        if edit.anchor is None:
            continue
        where = paper or paper_of(edit)
        context = context_of(edit)
        for key, version in zip(edit_keys(edit, where), edit.versions, strict=True):
            new[key] = {
                "paper": where,
                "original": edit.original,
                "version": version,
                "context": context,
                "time": now,
            }
    if not new:
        return
    skips = _read(directory)
    skips.update(new)
    _write(skips, directory)


def hide_remembered(
    edits: Sequence[Edit], directory: Path | None = None, paper: str | None = None
) -> tuple[list[Edit], int]:
    """Drop remembered versions of ok edits (an ok edit with none left is dropped) and count the hidden
    versions. Other edits pass."""
    rejected = load_rejected(directory)
    if not rejected:
        return list(edits), 0
    kept: list[Edit] = []
    hidden = 0
    for edit in edits:
        if edit.status is not Status.OK or edit.anchor is None:
            kept.append(edit)
            continue
        keys = edit_keys(edit, paper)
        versions = tuple(v for v, k in zip(edit.versions, keys, strict=True) if k not in rejected)
        hidden += len(edit.versions) - len(versions)
        if versions == edit.versions:
            kept.append(edit)
        elif versions:
            kept.append(replace(edit, versions=versions))
    return kept, hidden


def filter_remembered(edits: Sequence[Edit], directory: Path | None = None) -> list[Edit]:
    """The edits without their remembered versions (see hide_remembered)."""
    return hide_remembered(edits, directory)[0]


@dataclass(frozen=True)
class Skipped:
    """One remembered skip, as ``--skipped`` lists it."""

    original: str
    version: str
    time: int
    context: str = ""
    """The sentence the edit sat in (whitespace normalised)."""


def skipped(paper: str, directory: Path | None = None) -> list[Skipped]:
    """The skips remembered for ``paper``, oldest first."""
    found = [
        Skipped(
            str(v.get("original", "")),
            str(v.get("version", "")),
            int(str(v.get("time", 0)) or 0),
            str(v.get("context", "")),
        )
        for v in _read(directory).values()
        if v.get("paper") == paper
    ]
    return sorted(found, key=lambda s: (s.time, s.original, s.version))


def forget(paper: str, directory: Path | None = None) -> int:
    """Clear the skips remembered for ``paper``; how many there were."""
    skips = _read(directory)
    kept = {k: v for k, v in skips.items() if v.get("paper") != paper}
    if len(kept) != len(skips):
        _write(kept, directory)
    return len(skips) - len(kept)
