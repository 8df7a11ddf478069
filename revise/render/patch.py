"""``--format patch``: a unified diff of every file ``--apply`` would change, for ``patch -p1`` / ``git
apply``.

Paths get ``a/`` and ``b/`` prefixes and are relative to the git work tree's root when the file is inside one
(so ``git apply`` and ``patch -p1`` work from the root, wherever revise ran), else to where revise ran. Lines
keep their own endings (CRLF stays CRLF), a UTF-8 BOM stays on line 1, and the bytes are in each file's
encoding — a patch must carry exactly the bytes it changes, so this renderer returns bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from revise.errors import InputError
from revise.render.applied import applied
from revise.render.place import file_name

if TYPE_CHECKING:
    from revise.document import SourceFile
    from revise.pipeline import Revision

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_CONTEXT = 3
_NO_NEWLINE = b"\\ No newline at end of file\n"


def render(
    revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None
) -> bytes:
    """The unified diff of the changed files (empty when nothing would change)."""
    new_texts = applied(revision, pick)
    out: list[bytes] = []
    for source in revision.segmentation.files:
        new = new_texts.get(source.name)
        if new is not None and new != source.text:
            out.append(file_diff(source, new, _patch_path(file_name(revision, source), source.path)))
    return b"".join(out)


def file_diff(source: SourceFile, new: str, path: str) -> bytes:
    """One file's unified diff from ``source.text`` to ``new``, in the file's encoding."""
    if not source.can_encode(new):
        raise InputError(f"{source.name}: the revised text has characters {source.encoding} cannot write")
    bom = "\ufeff" if source.bom else ""
    old_lines = _lines(bom + source.text)
    new_lines = _lines(bom + new)
    encoding = source.encoding
    out = [f"--- a/{path}\n+++ b/{path}\n".encode()]
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(_CONTEXT):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n".encode())
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out.extend(_emit(b" ", line, encoding) for line in old_lines[a1:a2])
                continue
            out.extend(_emit(b"-", line, encoding) for line in old_lines[a1:a2])
            out.extend(_emit(b"+", line, encoding) for line in new_lines[b1:b2])
    return b"".join(out)


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _emit(prefix: bytes, line: str, encoding: str) -> bytes:
    data = prefix + line.encode(encoding)
    return data if line.endswith(("\n", "\r")) else data + b"\n" + _NO_NEWLINE


def _range(start: int, stop: int) -> str:
    # The unified format: a one-line range drops its length; an empty range names the line before it.
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if length == 0 else start + 1},{length}"


def _patch_path(name: str, path: Path | None = None) -> str:
    """The path a patch names: from the git work tree's root when inside one, else from the working folder."""
    where = path if path is not None else Path(name)
    absolute = Path(os.path.abspath(where))
    root = _work_tree(absolute.parent)
    if root is not None:
        with contextlib.suppress(ValueError):
            return absolute.relative_to(root).as_posix()
    shown = Path(name)
    if shown.is_absolute():
        try:
            shown = shown.relative_to(Path.cwd())
        except ValueError:
            return shown.as_posix().lstrip("/")
    return os.path.normpath(shown).replace(os.sep, "/")


def _work_tree(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a file in a linked worktree)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
