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


class Confined:
    """A disk loader that follows ``\\input`` only inside the root file's folder tree, unless allowed.

    TeX itself refuses to *write* outside the working folder by default (``openout_any = p``); revise may
    rewrite every file it follows (``--in-place``) and sends their text to a model, so a file outside, named
    by ``../`` or an absolute path (or reached through a symlink), is skipped and said so (``--allow-outside``).
    """

    def __init__(self, root: SourceFile, *, allow_outside: bool = False) -> None:
        self.folder = root.path.resolve().parent if root.path is not None else None
        self.allow_outside = allow_outside
        self.skipped: set[str] = set()

    def __call__(self, name: str, parent: SourceFile) -> tuple[SourceFile, list[str]] | None:
        if parent.path is None or self.folder is None or self.allow_outside:
            return disk_loader(name, parent)
        for candidate in (name, f"{name}.tex"):
            path = parent.path.parent / candidate
            if path.is_file() and not path.resolve().is_relative_to(self.folder):
                self.skipped.add(name)
                return None
        return disk_loader(name, parent)

    def why_missing(self, name: str) -> str:
        """The warning for an ``\\input`` that was not followed."""
        if name in self.skipped:
            return f"\\input{{{name}}}: outside the paper's folder, not followed (--allow-outside follows it)"
        return f"\\input{{{name}}}: file not found"


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
