"""``--format terminal``: each edit's place, issue and versions as inline word diffs, then a summary.

Colour (rich): deletions red and struck through, insertions green, the paragraph's text around the quoted
span dim. Without colour (``NO_COLOR``, not a terminal, ``color=False``) the same diff uses wdiff's markers
``[-old-]{+new+}``, so nothing depends on colour to be read. A few words of the paragraph are shown on either
side of each change, the rest elided (``…``), so a one-character edit reads in place; rich wraps by terminal
cells, so CJK and other wide characters keep the hanging indent aligned.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections import Counter
from typing import TYPE_CHECKING

from revise.edits import Confidence, Status
from revise.render.place import place
from revise.render.visible import visible
from revise.worddiff import Style, diff, elide, runs, tokens, with_context

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from revise.edits import Anchor, Edit
    from revise.pipeline import Revision

CONTEXT = 4
"""Unchanged words kept on each side of a change (inside the quote and around it)."""
_INDENT = 3
_LONG_TOKEN = 40
"""Unchanged tokens longer than this (a footnote, a long citation list) are cut to ``_KEEP`` characters."""
_KEEP = 30
_QUOTE = 160
_WINDOW = 2000

_STYLES: dict[Style, str] = {"same": "", "context": "dim", "gap": "dim", "del": "red strike", "add": "green"}
_MARKS: dict[Style, str] = {"same": "{}", "context": "{}", "gap": "{}", "del": "[-{}-]", "add": "{{+{}+}}"}
_STATUS_STYLE = {Status.OK: "green", Status.UNSAFE: "red", Status.CONFLICT: "yellow"}
GROUP = 3
"""Edits of one rule shown in full; the rest are counted (198 of 382 edits on four papers were one rule)."""


def prepare() -> None:
    """Import rich ahead of rendering (~40 ms): the offline engine calls it while Harper's dictionary builds."""
    import rich.console
    import rich.padding
    import rich.table
    import rich.text  # noqa: F401


def render(revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None) -> str:
    """The human report as text (ANSI-coloured when ``color``)."""
    use_color = _want_color(color)
    console = _console(use_color, width)
    totals = Counter(e.suggestion.rule for e in revision.edits if e.suggestion.rule)
    shown: Counter[str] = Counter()
    for edit in revision.edits:
        rule = edit.suggestion.rule
        if rule is not None:
            shown[rule] += 1
            if shown[rule] > GROUP:
                continue
        console.print(_edit(revision, edit, use_color, pick))
        if rule is not None and shown[rule] == GROUP and totals[rule] > GROUP:
            more = totals[rule] - GROUP
            console.print(
                _line(
                    f"   … and {more} more of this kind ({rule}; --format gnu lists every one)",
                    "dim",
                    use_color,
                )
            )
            console.print()
    for failure in revision.failures:
        console.print(
            _line(f"paragraph {failure.paragraph}: not reviewed: {failure.message}", "yellow", use_color)
        )
    console.print(_summary(revision, use_color))
    out = str(console.file.getvalue())  # type: ignore[attr-defined]
    # rich pads table cells to the column width; trailing blanks only make copy-paste and goldens noisy.
    return "".join(line.rstrip(" ") + "\n" for line in out.splitlines())


def render_edit(
    revision: Revision, edit: Edit, *, color: bool | None = None, width: int | None = None
) -> str:
    """One edit as the report shows it (place, issue, each version's diff in context), for interactive review."""
    use_color = _want_color(color)
    console = _console(use_color, width)
    console.print(_edit(revision, edit, use_color, 1))
    out = str(console.file.getvalue())  # type: ignore[attr-defined]
    return "".join(line.rstrip(" ") + "\n" for line in out.splitlines())


def diff_text(
    original: str,
    version: str,
    color: bool,
    context: int = CONTEXT,
    *,
    before: str = "",
    after: str = "",
) -> Text:
    """One version as an inline word diff against the original, between the source text ``before`` and
    ``after`` it; unchanged text elided to ``context`` words around each change."""
    from rich.text import Text

    text = Text()
    if original == version:
        text.append("(no change)", style="dim" if color else None)
        return text
    for chunk, style in runs(elide(with_context(diff(original, version), before, after), context)):
        if style in ("same", "context"):
            chunk = _shorten(chunk)
        chunk = visible(chunk)
        if color:
            text.append(chunk, style=_STYLES[style] or None)
        else:
            text.append(_MARKS[style].format(chunk))
    return text


def surroundings(anchor: Anchor) -> tuple[str, str]:
    """The paragraph's source text before and after the anchored span (read by offset, never searched)."""
    paragraph = anchor.paragraph
    text = paragraph.file.text
    before = text[min(paragraph.start, anchor.start) : anchor.start]
    after = text[anchor.end : max(paragraph.end, anchor.end)]
    # Only a few words are shown; a window keeps a huge paragraph from being tokenized for every version.
    # It starts and ends at whitespace, so a word is never cut (a long command may be, far from the edit).
    if len(before) > _WINDOW:
        window = before[-_WINDOW:]
        cut = re.search(r"\s", window)
        before = window[cut.start() :] if cut else window
    if len(after) > _WINDOW:
        window = after[:_WINDOW]
        cut = re.search(r"\s\S*\Z", window)
        after = window[: cut.start() + 1] if cut else window
    return before, after


def _shorten(chunk: str) -> str:
    """Unchanged text with each overlong token cut, so a footnote in the context stays one short word."""
    if len(chunk) <= _LONG_TOKEN:
        return chunk
    return "".join(t if len(t) <= _LONG_TOKEN else _cut(t) for t in tokens(chunk))


def _cut(token: str) -> str:
    # Keep the closing delimiter, so "\footnote{Reaction wheel…}." still reads as one whole command.
    close = token[-1] if token[-1] in "})]$" else ""
    return token[:_KEEP].rstrip() + "…" + close


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

    bold = "bold" if color else None
    dim = "dim" if color else None
    where = place(revision, edit)
    status = Status(edit.status)
    head = Text()
    head.append(f"{edit.id}. ", style=bold)
    if where.line is not None:
        head.append(visible(f"{where.file}:{where.line}:{where.column}"), style=bold)
    else:
        head.append(visible(where.file), style=bold)
        if where.paragraph is not None:
            head.append(f" (paragraph {where.paragraph})")
    if where.section:
        head.append(visible(f"  § {where.section}"), style=dim)
    if edit.confidence != Confidence.HIGH:
        note = f"  {edit.confidence.value} confidence"
        if not revision.takes(edit):
            note += f", not applied (--min-confidence {revision.min_confidence.value})"
        head.append(note, style="yellow" if color else None)

    parts: list[RenderableType] = [head]
    if status != Status.OK:
        style = _STATUS_STYLE.get(status, "yellow") if color else ""
        parts.append(
            Padding(
                Text(visible(f"{status.value}: {edit.reason or status.value}"), style=style),
                (0, 0, 0, _INDENT),
            )
        )
    parts.append(Padding(Text(visible(" ".join(edit.issue.split()))), (0, 0, 0, _INDENT + 2)))

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=dim)
    grid.add_column(overflow="fold")
    before, after = surroundings(edit.anchor) if edit.anchor is not None else ("", "")
    if edit.anchor is None:
        # Unplaced: the quote as given and the nearest real text, so the author can find the place by hand.
        grid.add_row("quote", Text(visible(_clip(edit.original))))
        if edit.hint:
            grid.add_row("hint", Text(visible(_clip(edit.hint))))
    chosen = pick if 1 <= pick <= len(edit.versions) else 1
    for number, version in enumerate(edit.versions, 1):
        label = f"{number}{'*' if number == chosen and pick != 1 else ''}"
        grid.add_row(label, diff_text(edit.original, version, color, before=before, after=after))
    if not edit.versions:
        grid.add_row("", Text("(no version)"))
    if edit.anchor is not None and edit.hint:
        grid.add_row("hint", Text(visible(_clip(edit.hint))))
    for note in edit.notes:
        grid.add_row("note", Text(visible(note)))
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
    text.append(visible(f" · {engine}"))
    usage = revision.usage
    if usage.requests or usage.cached:
        text.append(f" · {usage.describe()}")
    if revision.failures:
        text.append(
            f" · {len(revision.failures)} paragraph(s) not reviewed", style="yellow" if color else None
        )
    below = sum(1 for e in revision.edits if e.status == Status.OK and not revision.takes(e))
    if below:
        text.append(f" · {below} below --min-confidence {revision.min_confidence.value}, not applied")
    rules = Counter(e.suggestion.rule for e in revision.edits if e.suggestion.rule)
    if rules:
        text.append("\nby rule: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common()))
    return text


def _line(message: str, style: str, color: bool) -> Text:
    from rich.text import Text

    return Text(message, style=style if color else "")


def _clip(text: str, limit: int = _QUOTE) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
