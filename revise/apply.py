"""Applying accepted edits: merge each chosen version into its span, re-verify, and write atomically.

merge() keeps the author's layout: between words the version leaves unchanged, the original whitespace (line
breaks of hard-wrapped or one-sentence-per-line sources, double spaces) is kept, and so is a line break before
a kept word that follows a change; elsewhere around changed words the version's own whitespace is written,
because that is where the reviewer (or the human author) re-spaced on purpose. A version equal to the
original yields the original.
"""

from __future__ import annotations

import contextlib
import difflib
import itertools
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from revise import document
from revise.document import SourceFile
from revise.edits import Edit, Status
from revise.errors import InputError
from revise.tokens import words

_BOS, _EOS = "\x00<start>", "\x00<end>"
_NEWLINE = re.compile(r"\r\n|\r|\n")


def merge(original: str, version: str) -> str:
    """The text to write over ``original``: ``version``, its unchanged words keeping the original spacing."""
    if original == version:
        return original
    o_lead, o_chunks, o_gaps, o_trail = words(original)
    v_lead, v_chunks, v_gaps, v_trail = words(version)
    if o_chunks == v_chunks and o_chunks:
        # The same words: the edit is about whitespace at the span's edges (` ,` → `,`). Its presence follows
        # the version; its form (line break or space) stays the original's.
        lead = o_lead if bool(o_lead) == bool(v_lead) else v_lead
        trail = o_trail if bool(o_trail) == bool(v_trail) else v_trail
        gaps = [v if _breaks(v) >= 2 > _breaks(o) else o for o, v in zip(o_gaps, v_gaps, strict=True)]
        return lead + "".join(c + g for c, g in zip(o_chunks, [*gaps, ""], strict=True)) + trail
    # Sentinels make the span's own leading and trailing whitespace gaps like any other.
    o_seq = [_BOS, *o_chunks, _EOS]
    v_seq = [_BOS, *v_chunks, _EOS]
    o_all = [o_lead, *o_gaps, o_trail] if o_chunks else [o_lead + o_trail]
    v_all = [v_lead, *v_gaps, v_trail] if v_chunks else [v_lead + v_trail]
    # Which original chunk each version chunk is the same word as (equal blocks only).
    same: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, o_seq, v_seq, autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                same[j1 + k] = i1 + k
    out: list[str] = []
    for j in range(len(v_seq) - 1):
        if j > 0:
            out.append(v_seq[j])
        gap = v_all[j]
        left, right = same.get(j), same.get(j + 1)
        if left is not None and right == left + 1:
            kept = o_all[left]
            # A paragraph break the version adds between unchanged words is deliberate, not re-wrapping.
            if not (_breaks(gap) >= 2 > _breaks(kept)):
                gap = kept
        elif right is not None and 0 < j < len(v_seq) - 2 and not _breaks(gap) and _breaks(o_all[right - 1]):
            # The line break before a word the version keeps survives a change just before it, so a
            # one-sentence-per-line or hard-wrapped source stays so; a break *after* a kept word is the
            # reviewer's (human revisions move those freely, as the replies-dev corpus shows).
            gap = o_all[right - 1]
        out.append(gap)
    return "".join(out)


def _breaks(space: str) -> int:
    return len(_NEWLINE.findall(space))


def chosen_version(edit: Edit, pick: int = 1, choices: Mapping[int, int] | None = None) -> str | None:
    """The version to write for an ok edit: counted from 1, 0 skips, past the last falls back to the first."""
    if edit.status is not Status.OK or edit.anchor is None or not edit.versions:
        return None
    k = (choices or {}).get(edit.id, pick)
    if k < 0:
        raise ValueError(f"version number {k} for edit {edit.id} is negative")
    if k == 0:
        return None
    return edit.versions[k - 1] if k <= len(edit.versions) else edit.versions[0]


def apply_edits(
    files: Sequence[SourceFile],
    edits: Sequence[Edit],
    pick: int = 1,
    choices: Mapping[int, int] | None = None,
) -> dict[str, str]:
    """New text per file name, for the files that change; only ok edits, each span re-verified first."""
    by_name = {f.name: f for f in files}
    planned: dict[str, list[tuple[int, int, str, Edit]]] = {}
    for edit in edits:
        version = chosen_version(edit, pick, choices)
        if version is None or edit.anchor is None:
            continue
        anchor = edit.anchor
        name = anchor.paragraph.file.name
        source = by_name.get(name)
        if source is None:
            raise InputError(f"{name}: edit {edit.id} belongs to a file that is not being written")
        if source.text[anchor.start : anchor.end] != anchor.text:
            line, column = source.position(min(anchor.start, len(source.text)))
            raise InputError(
                f"{name}:{line}:{column}: the text of edit {edit.id} changed since it was reviewed; "
                "nothing written"
            )
        new_span = replacement(edit, version)
        planned.setdefault(name, []).append((anchor.start, anchor.end, new_span, edit))
    result: dict[str, str] = {}
    for name, spans in planned.items():
        spans.sort(key=lambda s: (s[0], s[1]))
        for (s1, e1, _, a), (s2, e2, _, b) in itertools.pairwise(spans):
            if s2 < e1 or (s1 == s2 and (s1 == e1 or s2 == e2)):
                raise InputError(f"{name}: edits {a.id} and {b.id} overlap; nothing written")
        text = by_name[name].text
        pieces: list[str] = []
        cursor = 0
        for start, end, new_span, _ in spans:
            pieces.append(text[cursor:start])
            pieces.append(new_span)
            cursor = end
        pieces.append(text[cursor:])
        new = "".join(pieces)
        if new != text:
            result[name] = new
    return result


def replacement(edit: Edit, version: str) -> str:
    """What apply writes over the edit's span: merge(), or the guarded version itself should re-spacing ever
    touch a protected element's bytes."""
    assert edit.anchor is not None
    merged = merge(edit.anchor.text, version)
    anchor = edit.anchor
    inside = [
        ph.original
        for ph in anchor.paragraph.masked.placeholders
        if anchor.start <= ph.start and ph.end <= anchor.end
    ]
    cursor = 0
    for original in inside:
        found = merged.find(original, cursor)
        if found < 0:
            return version
        cursor = found + len(original)
    return merged


@dataclass(frozen=True)
class Written:
    """A file ``--in-place`` wrote: the path as it was read (a symlink stays one), and its backup if any."""

    path: Path
    backup: Path | None


def write_files(
    files: Sequence[SourceFile], new_texts: Mapping[str, str], *, backup: bool = True
) -> list[Written]:
    """Write each changed file atomically in its own encoding and BOM, all or none.

    Every target is checked before the first byte is written (on disk as it was read, encodable, not
    read-only); a symlink is written through to its target. ``name.bak`` keeps the old bytes and mode, and a
    backup already there is never overwritten (the next is ``name.bak.1`` …), so the pristine original
    survives a second run. Should a write still fail, the files already written get their old bytes back.
    """
    targets: list[tuple[SourceFile, Path, bytes]] = []
    unknown = set(new_texts) - {f.name for f in files}
    if unknown:
        raise InputError(f"{sorted(unknown)[0]}: not one of the files read; nothing written")
    for source in files:
        if source.name not in new_texts:
            continue
        if source.path is None:
            raise InputError(f"{source.name}: has no file on disk to write; use --output")
        if not document.unchanged_on_disk(source):
            raise InputError(f"{source.name}: changed since it was read; nothing written")
        try:
            data = source.encode(new_texts[source.name])
        except UnicodeEncodeError as err:
            raise InputError(
                f"{source.name}: the revised text has {err.object[err.start]!r}, which {source.encoding} "
                "cannot hold; nothing written"
            ) from None
        target = Path(os.path.realpath(source.path))
        if not target.stat().st_mode & stat.S_IWUSR:
            raise InputError(f"{source.name}: is read-only; nothing written")
        targets.append((source, target, data))
    written: list[tuple[Path, bytes, int]] = []
    done: list[Written] = []
    try:
        for source, target, data in targets:
            assert source.path is not None
            old = target.read_bytes()
            mode = stat.S_IMODE(target.stat().st_mode)
            kept = _free_backup_name(source.path) if backup else None
            if kept is not None:
                document.atomic_write(kept, old, mode=mode)
            document.atomic_write(target, data)
            written.append((target, old, mode))
            done.append(Written(source.path, kept))
    except OSError as err:
        for target, old, mode in written:  # all or none
            with contextlib.suppress(OSError):
                document.atomic_write(target, old, mode=mode)
        raise InputError(
            f"{err.filename or 'a file'}: cannot write ({err.strerror or err}); nothing written"
        ) from None
    return done


def _free_backup_name(path: Path) -> Path:
    """``name.bak``, or the first free ``name.bak.N``: a backup is never overwritten."""
    candidate = path.with_name(path.name + ".bak")
    number = 0
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    return candidate
