"""The one dispatch point from a format name to its renderer; each renderer lives in its own module.

``terminal``, ``json`` and ``gnu`` give text; ``patch`` and ``latexdiff`` give bytes in the files' own
encodings
(a patch must carry the bytes it changes, BOM and CRLF included).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from revise.errors import UsageError

if TYPE_CHECKING:
    from revise.pipeline import Revision

# Module per format, imported on use so `revise --help` never loads rich.
FORMATS: dict[str, str] = {
    "terminal": "revise.render.terminal",
    "json": "revise.render.json",
    "gnu": "revise.render.gnu",
    "patch": "revise.render.patch",
    "latexdiff": "revise.render.latexdiff",
}


def render(
    revision: Revision, fmt: str, *, pick: int = 1, color: bool | None = None, width: int | None = None
) -> str | bytes:
    """The report of ``revision`` in format ``fmt``; ``pick`` chooses the version patch/latexdiff apply."""
    try:
        module = import_module(FORMATS[fmt])
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    result: str | bytes = module.render(revision, pick=pick, color=color, width=width)
    return result
