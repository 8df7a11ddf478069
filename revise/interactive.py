"""Interactive review: the author decides edit by edit with single keys read from the terminal.

Keys come from the terminal streams the caller passes (``/dev/tty``), never from stdin, so ``revise - -i``
works when the document itself arrives on stdin. Text typed in ``$EDITOR`` is guarded like any reviewer's
version.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from revise.decisions import Decisions, remember_rejected
from revise.edits import Edit, Status
from revise.worddiff import diff, plain

if TYPE_CHECKING:
    from revise.pipeline import Revision

HELP = """\
  1-9  accept that version          s  skip this edit (remembered for this paper: not proposed again)
  A    accept every remaining edit of this rule (first version) that --min-confidence takes
  S    skip every remaining edit of this rule (remembered)
  e    edit the sentence in $EDITOR (only the edit's own span is taken back)
  b    back to the previous edit
  w    finish and write (undecided edits are skipped)
  q    quit without writing         ?  this help
"""
QUIT = "Quit: nothing written.\n"


def review_interactively(
    edits: Sequence[Edit],
    *,
    tty_in: TextIO,
    tty_out: TextIO,
    editor: str | None,
    remember: bool = True,
    show: Callable[[Edit], str] | None = None,
    paper: str | None = None,
    takes: Callable[[Edit], bool] | None = None,
) -> Decisions:
    """Show each ok edit with its versions and read the author's decision; skipped edits are remembered
    for ``paper`` (default: each edit's own file)."""
    reviewed = list(edits)
    order = [
        i for i, e in enumerate(reviewed) if e.status is Status.OK and e.anchor is not None and e.versions
    ]
    choices: dict[int, int] = {}
    rejected: set[int] = set()
    say = _printer(tty_out)
    if not order:
        say("No edits to review.\n")
        return Decisions({}, tuple(reviewed), write=False)
    position = 0
    with _Keys(tty_in) as keys:
        while True:
            if position >= len(order):
                say(f"\nAll {len(order)} edits decided: w write, b back, q quit [w,b,q] ")
                key = keys.read()
                say("\n")
                if key in ("w", "\r", "\n"):
                    break
                if key == "b":
                    position -= 1
                elif key in ("q", ""):
                    say(QUIT)
                    return Decisions(choices, tuple(reviewed), write=False)
                continue
            slot = order[position]
            edit = reviewed[slot]
            _show(edit, position, len(order), choices.get(edit.id), say, show)
            rule = edit.suggestion.rule
            while True:
                count = min(len(edit.versions), 9)
                say(f"[{'1' if count == 1 else f'1-{count}'},s,{'A,S,' if rule else ''}e,b,w,q,?] ")
                key = keys.read()
                say(key if key.isprintable() else "")
                say("\n")
                if key.isdigit() and 1 <= int(key) <= min(len(edit.versions), 9):
                    choices[edit.id] = int(key)
                    rejected.discard(edit.id)
                    position += 1
                elif key == "s":
                    choices[edit.id] = 0
                    rejected.add(edit.id)
                    position += 1
                elif key in ("A", "S"):
                    if rule is None:
                        say("This edit has no rule; A and S decide the edits of one offline rule.\n")
                        continue
                    same = [o for o in order[position:] if reviewed[o].suggestion.rule == rule]
                    if key == "A" and takes is not None:
                        # Accepting all takes the edits --apply would take (--min-confidence); this one was
                        # chosen by hand, the rest below the threshold are still asked about one by one.
                        same = [o for o in same if o == slot or takes(reviewed[o])]
                    for o in same:
                        choices[reviewed[o].id] = 1 if key == "A" else 0
                        (rejected.discard if key == "A" else rejected.add)(reviewed[o].id)
                    verb = "Accepted" if key == "A" else "Skipped"
                    say(f"{verb} {len(same)} edit(s) of rule {rule}.\n")
                    position += 1
                    while position < len(order) and reviewed[order[position]].id in choices:
                        position += 1
                elif key == "e":
                    with keys.cooked():
                        updated = _edit_in_editor(edit, editor, tty_in, tty_out, say)
                    if updated is None:
                        continue
                    reviewed[slot] = edit = updated
                    choices[edit.id] = len(edit.versions)
                    rejected.discard(edit.id)
                    position += 1
                elif key == "b":
                    if position == 0:
                        say("This is the first edit.\n")
                        continue
                    position -= 1
                elif key in ("q", ""):
                    say(QUIT)
                    return Decisions(choices, tuple(reviewed), write=False)
                elif key == "w":
                    position = len(order)
                    break
                elif key == "?":
                    say(HELP)
                    continue
                else:
                    say("Unknown key; ? shows the keys.\n")
                    continue
                break
            if key == "w":
                break
    for slot in order:
        choices.setdefault(reviewed[slot].id, 0)
    skipped = tuple(e for e in reviewed if e.id in rejected)
    if remember:
        remember_rejected(skipped, paper=paper)
    return Decisions(choices, tuple(reviewed), write=True, rejected=tuple(e.id for e in skipped))


def review_on_terminal(revision: Revision) -> Decisions | None:
    """Review a revision on /dev/tty, leaving out this paper's remembered skips; None when the author quit.

    The returned ``edits`` are the revision's, with remembered versions left out and typed versions added,
    so ``choices`` index them; an edit left out entirely is decided as skipped.
    """
    from revise.decisions import hide_remembered, paper_name
    from revise.errors import UsageError
    from revise.render.terminal import render_edit

    root = revision.segmentation.files[0]
    paper = paper_name(root.path, revision.file or root.name)
    proposed, hidden = hide_remembered(revision.edits, paper=paper)
    try:
        tty_in = open("/dev/tty", encoding="utf-8")  # noqa: SIM115 - closed below, around the session
        tty_out = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        raise UsageError("--interactive needs a terminal, and /dev/tty cannot be opened") from None
    try:
        if hidden:
            shown_name = revision.file or root.name
            tty_out.write(
                f"{hidden} remembered skip(s) hidden (revise --skipped {shown_name} lists them, "
                f"--forget clears them)\n"
            )
        color = tty_out.isatty() and not os.environ.get("NO_COLOR")
        decided = review_interactively(
            proposed,
            tty_in=tty_in,
            tty_out=tty_out,
            editor=None,
            takes=revision.takes,
            show=lambda edit: render_edit(revision, edit, color=color),
            paper=paper,
        )
    finally:
        tty_in.close()
        tty_out.close()
    if not decided.write:
        return None
    by_id = {e.id: e for e in decided.edits}
    edits = tuple(by_id.get(e.id, e) for e in revision.edits)
    choices = {e.id: 0 for e in revision.edits if e.id not in by_id}
    choices.update(decided.choices)
    return replace(decided, edits=edits, choices=choices)


def _printer(out: TextIO) -> Callable[[str], None]:
    def say(text: str) -> None:
        out.write(text)
        out.flush()

    return say


def _show(
    edit: Edit,
    position: int,
    total: int,
    chosen: int | None,
    say: Callable[[str], None],
    show: Callable[[Edit], str] | None,
) -> None:
    assert edit.anchor is not None
    source = edit.anchor.paragraph.file
    line, column = source.position(edit.anchor.start)
    say(f"\n── Edit {position + 1}/{total}" + ("" if show else f" · {source.name}:{line}:{column}"))
    if chosen is not None:
        say(f" · decided: {'skip' if chosen == 0 else f'version {chosen}'}")
    say("\n")
    if show is not None:
        # The report's own view: the diff in context, so a one-word edit can be judged where it stands.
        say(show(edit))
        return
    if edit.issue:
        say(f"{edit.issue}\n")
    say(f"  original: {edit.original}\n")
    for number, version in enumerate(edit.versions, 1):
        say(f"  {number}: {plain(diff(edit.original, version))}\n")
    for note in edit.notes:
        say(f"  note: {note}\n")


class _Keys:
    """Single keys from a terminal held in cbreak mode for the session; first characters of lines otherwise.

    Holding cbreak for the whole session (not per read) matters: a key typed just after a prompt must not land
    in the cooked line buffer, where it would wait for Enter.
    """

    def __init__(self, tty_in: TextIO) -> None:
        self.stream = tty_in
        fd = _fileno(tty_in)
        self.fd = fd if fd is not None and os.isatty(fd) else None
        self.saved: list[Any] | None = None

    def __enter__(self) -> _Keys:
        self._raw()
        return self

    def __exit__(self, *exc: object) -> None:
        self._cooked()

    def read(self) -> str:
        if self.fd is None:
            while True:
                line = self.stream.readline()
                if not line:
                    return ""
                if line.strip():
                    return line.strip()[0]
        data = os.read(self.fd, 1)
        return data.decode("utf-8", "replace")

    @contextlib.contextmanager
    def cooked(self) -> Iterator[None]:
        """The terminal as the author's editor expects it."""
        self._cooked()
        try:
            yield
        finally:
            self._raw()

    def _raw(self) -> None:
        if self.fd is None:
            return
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)

    def _cooked(self) -> None:
        if self.fd is None or self.saved is None:
            return
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        self.saved = None


def _fileno(stream: TextIO) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _edit_in_editor(
    edit: Edit, editor: str | None, tty_in: TextIO, tty_out: TextIO, say: Callable[[str], None]
) -> Edit | None:
    """The edit with the author's own text appended as a version (guarded), or None when it is unusable.

    The editor shows the whole sentence with the first version in place, so a one-word fix can be judged and
    rewritten where it stands; only the edit's own span is taken back, and a change to the sentence around
    it is refused rather than silently dropped.
    """
    from revise.decisions import sentence_span
    from revise.guard import guard

    assert edit.anchor is not None
    command = editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    text_of = edit.anchor.paragraph.file.text
    begin, stop = sentence_span(edit)
    before, after = text_of[begin : edit.anchor.start], text_of[edit.anchor.end : stop]
    start = edit.versions[0]
    handle, name = tempfile.mkstemp(prefix="revise-edit-", suffix=".tex")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(before + start + after + "\n")
        tty_out.flush()
        try:
            done = subprocess.run(
                [*shlex.split(command), str(path)],
                stdin=_fileno(tty_in),
                stdout=_fileno(tty_out),
                check=False,
            )
        except OSError as err:
            say(f"Cannot run the editor {command!r}: {err.strerror or err}\n")
            return None
        if done.returncode != 0:
            say(f"The editor exited with status {done.returncode}; the edit is unchanged.\n")
            return None
        text = path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
    for ending in ("\n", "\r"):
        if text.endswith(ending) and not (before + start + after).endswith(ending):
            text = text[: -len(ending)]
    if not (text.startswith(before) and text.endswith(after) and len(text) >= len(before) + len(after)):
        say("You changed the sentence around the edit; only the edit itself can be taken back. Unchanged.\n")
        return None
    text = text[len(before) : len(text) - len(after)]
    trial = guard([replace(edit, versions=(text,), notes=())])
    if not trial:
        say("Your text changes nothing; the edit is unchanged.\n")
        return None
    checked = trial[0]
    if checked.status is not Status.OK:
        say(f"Your text is not safe to write: {checked.reason}\n")
        return None
    version = checked.versions[0]
    for note in checked.notes:
        say(f"  note: {note}\n")
    if version in edit.versions:
        return replace(edit, versions=(*[v for v in edit.versions if v != version], version))
    return replace(edit, versions=(*edit.versions, version), notes=(*edit.notes, *checked.notes))
