"""``--format terminal``: each edit's place, issue and versions as inline word diffs, then a summary.

Colour (rich): deletions red and struck through, insertions green. Without colour (``NO_COLOR``, not a
terminal,
``color=False``) the same diff uses wdiff's markers ``[-old-]{+new+}``, so nothing depends on colour to be
read.
Unchanged text is elided to a few words around each change (``…``); rich wraps by terminal cells, so CJK
and other
wide characters keep the hanging indent aligned.
"""

from __future__ import annotations

import io
import os
import shutil
from collections import Counter
from typing import TYPE_CHECKING

from revise.edits import Status
from revise.render.place import place
from revise.worddiff import Style, diff, elide, runs

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from revise.edits import Edit
    from revise.pipeline import Revision

CONTEXT = 4
_INDENT = 3
"""Unchanged words kept on each side of a change."""

_STYLES: dict[Style, str] = {"same": "", "gap": "dim", "del": "red strike", "add": "green"}
_MARKS: dict[Style, str] = {"same": "{}", "gap": "{}", "del": "[-{}-]", "add": "{{+{}+}}"}
_STATUS_STYLE = {Status.OK: "green", Status.UNSAFE: "red", Status.CONFLICT: "yellow"}


def render(revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None) -> str:
    """The human report as text (ANSI-coloured when ``color``)."""
    use_color = _want_color(color)
    console = _console(use_color, width)
    for edit in revision.edits:
        console.print(_edit(revision, edit, use_color, pick))
    for failure in revision.failures:
        console.print(
            _line(f"paragraph {failure.paragraph}: not reviewed: {failure.message}", "yellow", use_color)
        )
    console.print(_summary(revision, use_color))
    out = str(console.file.getvalue())  # type: ignore[attr-defined]
    # rich pads table cells to the column width; trailing blanks only make copy-paste and goldens noisy.
    return "".join(line.rstrip(" ") + "\n" for line in out.splitlines())


def diff_text(original: str, version: str, color: bool, context: int = CONTEXT) -> Text:
    """One version as an inline word diff against the original, unchanged text elided."""
    from rich.text import Text

    text = Text()
    for chunk, style in runs(elide(diff(original, version), context)):
        if color:
            text.append(chunk, style=_STYLES[style] or None)
        else:
            text.append(_MARKS[style].format(chunk))
    return text


def _want_color(color: bool | None) -> bool:
    if color is not None:
        return color
    # no-color.org: NO_COLOR set to anything non-empty turns colour off; a dumb terminal has none.
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _console(color: bool, width: int | None) -> Console:
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width or shutil.get_terminal_size((100, 24)).columns,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def _edit(revision: Revision, edit: Edit, color: bool, pick: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    where = place(revision, edit)
    status = Status(edit.status)
    head = Text()
    head.append(f"{edit.id}. ", style="bold" if color else None)
    if where.line is not None:
        head.append(f"{where.file}:{where.line}:{where.column}", style="bold" if color else None)
    else:
        head.append(where.file, style="bold" if color else None)
        if where.paragraph is not None:
            head.append(f" (paragraph {where.paragraph})")
    if where.section:
        head.append(f"  § {where.section}", style="dim" if color else None)

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim" if color else None)
    grid.add_column(overflow="fold")
    grid.add_row("", Text(" ".join(edit.issue.split())))
    if status == Status.OK or edit.anchor is not None:
        chosen = pick if 1 <= pick <= len(edit.versions) else 1
        for number, version in enumerate(edit.versions, 1):
            label = f"{number}{'*' if number == chosen and pick != 1 else ''}"
            grid.add_row(label, diff_text(edit.original, version, color))
        if not edit.versions:
            grid.add_row("", Text("(no version)"))
    else:
        grid.add_row("quote", Text(_clip(edit.original)))
        for number, version in enumerate(edit.versions, 1):
            grid.add_row(str(number), Text(_clip(version)))
    if edit.hint:
        grid.add_row("hint", Text(_clip(edit.hint)))
    for note in edit.notes:
        grid.add_row("note", Text(note))
    parts: list[RenderableType] = [head]
    if status != Status.OK:
        style = _STATUS_STYLE.get(status, "yellow") if color else ""
        parts.append(
            Padding(Text(f"{status.value}: {edit.reason or status.value}", style=style), (0, 0, 0, _INDENT))
        )
    return Group(*parts, Padding(grid, (0, 0, 0, _INDENT)), Text(""))


def _summary(revision: Revision, color: bool) -> Text:
    from rich.text import Text

    counts = Counter(Status(e.status) for e in revision.edits)
    parts = [f"{counts[s]} {s.value}" for s in Status if counts[s]]
    n = len(revision.edits)
    text = Text()
    text.append(f"{n} edit{'' if n == 1 else 's'}", style="bold" if color else None)
    if parts:
        text.append(": " + ", ".join(parts))
    engine = revision.engine + (f" {revision.model}" if revision.model else "")
    usage = revision.usage
    text.append(f" · {engine}")
    if usage.requests or usage.cached:
        text.append(
            f" · {usage.requests} request{'' if usage.requests == 1 else 's'} ({usage.cached} cached)"
        )
        text.append(f", {usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion tokens")
    if revision.failures:
        text.append(
            f" · {len(revision.failures)} paragraph(s) not reviewed", style="yellow" if color else None
        )
    return text


def _line(message: str, style: str, color: bool) -> Text:
    from rich.text import Text

    return Text(message, style=style if color else "")


def _clip(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
