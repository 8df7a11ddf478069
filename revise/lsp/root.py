"""The paper a buffer belongs to: its root file, and the paper segmented with open buffers' text.

A section file alone has no title, abstract or macro definitions; the root file has. The root is named by a
``% !TEX root = main.tex`` line (the convention of TeXShop, TeXstudio, VimTeX and LaTeX Workshop), is the
buffer itself when it has ``\\begin{document}``, or is the nearest ``.tex`` file with ``\\begin{document}``
(same folder first, then up to two parents) whose ``\\input``s reach the buffer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from revise import document
from revise.document import SourceFile
from revise.latex.inputs import Confined, Loader, identity
from revise.latex.segment import Segmentation, segment

_MAGIC = re.compile(r"^[ \t]*%[ \t]*!TEX[ \t]+root[ \t]*=[ \t]*(\S[^\r\n]*?)[ \t]*$", re.I | re.M)
_BEGIN = re.compile(r"\\begin[ \t]*\{document\}")
_PARENTS = 2
_CANDIDATES = 60
"""At most this many candidate files are segmented when looking for the root (a monorepo of papers)."""

Overlay = Mapping[str, str]
"""Resolved path → the text an editor holds for it (unsaved changes win over the disk)."""


def magic_root(text: str, path: Path) -> Path | None:
    """The file a ``% !TEX root`` line in the first 20 lines names, relative to ``path``'s folder."""
    head = "\n".join(text.splitlines()[:20])
    m = _MAGIC.search(head)
    if m is None:
        return None
    return (path.parent / m.group(1).strip().strip('"')).resolve()


def find_root(path: Path, text: str, overlay: Overlay) -> Path:
    """The root file of the paper ``path`` belongs to (``path`` itself when none is found)."""
    named = magic_root(text, path)
    if named is not None and named.is_file():
        return named
    if _BEGIN.search(text):
        return path
    target = str(path.resolve())
    for candidate in _candidates(path):
        body = overlay.get(str(candidate)) or _read(candidate)
        if body is None or not _BEGIN.search(body):
            continue
        source = SourceFile(candidate.name, candidate, body)
        try:
            files = segment(source, _confined(overlay, source)).files
        except Exception:  # a paper we cannot segment cannot be the root we look for
            continue
        if any(identity(f) == target for f in files[1:]):
            return candidate
    return path


def _candidates(path: Path) -> list[Path]:
    found: list[Path] = []
    folder = path.resolve().parent
    for _ in range(_PARENTS + 1):
        found.extend(sorted(p for p in folder.glob("*.tex") if p.resolve() != path.resolve()))
        if folder.parent == folder:
            break
        folder = folder.parent
    return found[:_CANDIDATES]


def _read(path: Path) -> str | None:
    try:
        return document.read(path)[0].text
    except Exception:
        return None


class _Overlaid:
    """A loader that resolves ``\\input`` as ``base`` does, reading an open buffer's text instead of the disk."""

    def __init__(self, overlay: Overlay, base: Loader) -> None:
        self.overlay = overlay
        self.base = base

    def __call__(self, name: str, parent: SourceFile) -> tuple[SourceFile, list[str]] | None:
        found = self.base(name, parent)
        if found is None or found[0].path is None:
            return found
        held = self.overlay.get(str(found[0].path.resolve()))
        if held is None:
            return found
        return found[0].with_text(held), []

    def why_missing(self, name: str) -> str:
        explain = getattr(self.base, "why_missing", None)
        return str(explain(name)) if explain is not None else f"\\input{{{name}}}: file not found"


def _confined(overlay: Overlay, root: SourceFile) -> Loader:
    """``\\input`` followed as the command line follows it: inside the root file's folder tree only."""
    return _Overlaid(overlay, Confined(root))


def segment_paper(
    path: Path | None,
    text: str,
    overlay: Overlay,
    *,
    root: Path | None = None,
    name: Callable[[Path], str] = lambda p: p.name,
) -> tuple[Segmentation, SourceFile]:
    """The whole paper the buffer belongs to (``root`` when already found), and the buffer inside it."""
    if path is None:
        buffer = SourceFile("untitled.tex", None, text)
        return segment(buffer), buffer
    root = root or find_root(path, text, overlay)
    if root.resolve() == path.resolve():
        source = SourceFile(name(path), path, text)
    else:
        body = overlay.get(str(root.resolve())) or _read(root) or ""
        source = SourceFile(name(root), root, body)
    segmentation = segment(source, _confined(overlay, source))
    target = str(path.resolve())
    for f in segmentation.files:
        if identity(f) == target:
            return segmentation, f
    # The root named by a magic line does not include the buffer: review the buffer alone.
    alone = SourceFile(name(path), path, text)
    return segment(alone, _confined(overlay, alone)), alone
