"""Following ``\\input``/``\\include``: where a name resolves, and a guard against include cycles.

LaTeX resolves every ``\\input`` against the folder it was run in, which is the root file's folder; papers
that assume the including file's folder (or that moved a file) still work through the fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from revise import document
from revise.document import SourceFile
from revise.errors import InputError

Loader = Callable[[str, SourceFile], "tuple[SourceFile, list[str]] | None"]


def disk_loader(name: str, parent: SourceFile) -> tuple[SourceFile, list[str]] | None:
    """Resolve ``\\input{name}`` relative to ``parent``'s folder (``.tex`` appended when missing)."""
    if parent.path is None:
        return None
    base = parent.path.parent
    for candidate in (name, f"{name}.tex"):
        path = base / candidate
        if path.is_file():
            shown = str(Path(parent.name).parent / candidate) if parent.name != "-" else candidate
            try:
                return document.read(path, shown)
            except InputError:
                return None
    return None


def resolve(
    name: str, root: SourceFile, parent: SourceFile, loader: Loader
) -> tuple[SourceFile, list[str]] | None:
    """Load ``name`` as LaTeX does (the root's folder), falling back to the including file's folder."""
    found = loader(name, root)
    if found is None and parent is not root:
        found = loader(name, parent)
    return found


def identity(source: SourceFile) -> str:
    """What makes two loads the same file, for the cycle guard."""
    if source.path is not None:
        try:
            return str(source.path.resolve())
        except OSError:
            return str(source.path)
    return source.name
