"""``--format latexdiff``: the root document with every ok edit marked up as ``latexdiff`` marks changes.

The output is the revised document (the text ``--apply --pick N`` writes) with deleted words in
``\\DIFdel{}`` and added words in ``\\DIFadd{}``, between ``\\DIFdelbegin``/``\\DIFaddbegin`` … ``end``
brackets, and latexdiff's own preamble definitions — so it compiles to the marked-up PDF journals ask for, and
latexdiff's styles (``\\renewcommand{\\DIFadd}``) work on it. Changes appear only at ok edits' spans, word
by word inside them. Files reached through ``\\input``/``\\include`` are inlined (as ``latexdiff --flatten``
does), so edits there show. A fragment without ``\\documentclass`` is wrapped in a minimal article.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from revise.render.applied import ok_edits, replacement
from revise.worddiff import Piece, diff, tokens

if TYPE_CHECKING:
    from revise.document import SourceFile
    from revise.edits import Edit
    from revise.pipeline import Revision

# As latexdiff 1.3 emits it for the default UNDERLINE/SAFE/FLOATSAFE styles (listings part left out: we never
# emit DIFverbatim, and it would pull in the listings package).
PREAMBLE = r"""%DIF PREAMBLE EXTENSION ADDED BY LATEXDIFF
%DIF UNDERLINE PREAMBLE %DIF PREAMBLE
\RequirePackage[normalem]{ulem} %DIF PREAMBLE
\RequirePackage{color}\definecolor{RED}{rgb}{1,0,0}\definecolor{BLUE}{rgb}{0,0,1} %DIF PREAMBLE
\providecommand{\DIFadd}[1]{{\protect\color{blue}\uwave{#1}}} %DIF PREAMBLE
\providecommand{\DIFdel}[1]{{\protect\color{red}\sout{#1}}}                      %DIF PREAMBLE
%DIF SAFE PREAMBLE %DIF PREAMBLE
\providecommand{\DIFaddbegin}{} %DIF PREAMBLE
\providecommand{\DIFaddend}{} %DIF PREAMBLE
\providecommand{\DIFdelbegin}{} %DIF PREAMBLE
\providecommand{\DIFdelend}{} %DIF PREAMBLE
\providecommand{\DIFmodbegin}{} %DIF PREAMBLE
\providecommand{\DIFmodend}{} %DIF PREAMBLE
%DIF FLOATSAFE PREAMBLE %DIF PREAMBLE
\providecommand{\DIFaddFL}[1]{\DIFadd{#1}} %DIF PREAMBLE
\providecommand{\DIFdelFL}[1]{\DIFdel{#1}} %DIF PREAMBLE
\providecommand{\DIFaddbeginFL}{} %DIF PREAMBLE
\providecommand{\DIFaddendFL}{} %DIF PREAMBLE
\providecommand{\DIFdelbeginFL}{} %DIF PREAMBLE
\providecommand{\DIFdelendFL}{} %DIF PREAMBLE
%DIF END PREAMBLE EXTENSION ADDED BY LATEXDIFF
"""

_DOCUMENTCLASS = re.compile(r"^[ \t]*\\documentclass\s*(\[[^\]]*\])?\s*\{[^}]*\}[^\n]*\n?", re.M)
_INPUT = re.compile(r"(?<!\\)\\(input|include)\s*\{([^}]+)\}")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
# Commands whose one argument is running text: marked inside, as latexdiff does with \emph{\DIFadd{…}}.
_TEXT_COMMANDS = re.compile(
    r"\\(emph|textbf|textit|textsl|textsc|texttt|textsf|textrm|underline|textup|textmd)\{(.*)\}\Z", re.S
)
# Escapes that typeset as one character and are safe inside ulem's \sout/\uwave.
_SAFE_ESCAPES = {"\\%", "\\&", "\\_", "\\#", "\\$", "\\,", "\\-", "\\ "}


def render(
    revision: Revision, *, pick: int = 1, color: bool | None = None, width: int | None = None
) -> bytes:
    """The marked-up root document, in the root file's encoding."""
    files = revision.segmentation.files
    root = files[0]
    by_file: dict[str, list[tuple[int, int, str]]] = {}
    for edit in ok_edits(revision):
        anchor = edit.anchor
        assert anchor is not None
        marked = markup(edit_pieces(revision, edit, pick))
        by_file.setdefault(anchor.paragraph.file.name, []).append((anchor.start, anchor.end, marked))
    body = _flatten(root, files, by_file, seen=set())
    return root.encode(_with_preamble(body, root.newline))


def edit_pieces(revision: Revision, edit: Edit, pick: int) -> tuple[Piece, ...]:
    """The word diff of an edit's span against what ``--apply`` puts there."""
    assert edit.anchor is not None
    return diff(edit.anchor.text, replacement(revision, edit, pick))


def markup(pieces: tuple[Piece, ...]) -> str:
    """LaTeX for a diff: unchanged text as in the revised document, changes in latexdiff's markup."""
    out: list[str] = []
    for piece in pieces:
        if piece.kind != "change":
            out.append(piece.new)
            continue
        old_body, _ = _split_trailing(piece.old)
        new_body, new_space = _split_trailing(piece.new)
        pair = _same_text_command(old_body, new_body)
        if pair is not None:
            name, inner_old, inner_new = pair
            out.append(f"\\{name}{{{markup(diff(inner_old, inner_new))}}}{new_space}")
            continue
        if old_body:
            out.append("\\DIFdelbegin " + _side(old_body, "DIFdel") + "\\DIFdelend ")
        if new_body:
            out.append("\\DIFaddbegin " + _side(new_body, "DIFadd") + "\\DIFaddend ")
        out.append(new_space if new_body or not old_body else _space_after_deletion(piece))
    return "".join(out)


def _side(text: str, command: str) -> str:
    """One side of a change: runs of plain words wrapped in ``\\DIFdel{}``/``\\DIFadd{}``; commands kept
    whole."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        words = " ".join("".join(run).split())
        if words:
            out.append(f"\\{command}{{{words}}}")
        elif run:
            out.append(" ")
        run.clear()

    for token in tokens(text):
        if token.isspace() or _plain(token):
            run.append(token)
            continue
        flush()
        inner = _TEXT_COMMANDS.match(token)
        if inner:
            out.append(f"\\{inner.group(1)}{{{_side(inner.group(2), command)}}}")
        elif command == "DIFadd":
            out.append(token)
        else:
            # latexdiff comments out deleted commands it cannot strike through, so they vanish from the PDF.
            lines = token.splitlines() or [token]
            out.append("".join(f"%DIFDELCMD < {line}\n" for line in lines) + "%DIFDELCMD < %%%\n")
    flush()
    return "".join(out)


def _plain(token: str) -> bool:
    if token.startswith("\\"):
        return token in _SAFE_ESCAPES
    if token.startswith("$"):
        return not token.startswith("$$")
    return not token.startswith(("{", "}", "%", "&", "#", "^", "_"))


def _same_text_command(old: str, new: str) -> tuple[str, str, str] | None:
    a, b = _TEXT_COMMANDS.match(old), _TEXT_COMMANDS.match(new)
    if a and b and a.group(1) == b.group(1) and len(tokens(old)) == 1 and len(tokens(new)) == 1:
        return a.group(1), a.group(2), b.group(2)
    return None


def _split_trailing(text: str) -> tuple[str, str]:
    body = text.rstrip()
    return body, text[len(body) :]


def _space_after_deletion(piece: Piece) -> str:
    return piece.old[len(piece.old.rstrip()) :]


def _flatten(
    source: SourceFile,
    files: tuple[SourceFile, ...],
    by_file: dict[str, list[tuple[int, int, str]]],
    seen: set[str],
) -> str:
    """``source`` with its edits marked and its ``\\input`` files inlined (each file once, no cycles)."""
    seen = seen | {source.name}
    events: list[tuple[int, int, str]] = list(by_file.get(source.name, []))
    edited = [(s, e) for s, e, _ in events]
    masked = _COMMENT.sub(lambda m: " " * len(m.group(0)), source.text)
    for m in _INPUT.finditer(masked):
        child = _resolve(source, m.group(2).strip(), files)
        if child is None or child.name in seen or any(s < m.end() and m.start() < e for s, e in edited):
            continue
        inlined = _flatten(child, files, by_file, seen)
        if m.group(1) == "include":
            inlined = f"\\clearpage{{}}{inlined}\\clearpage{{}}"
        events.append((m.start(), m.end(), inlined))
    out: list[str] = []
    at = 0
    for start, end, text in sorted(events):
        if start < at:
            continue  # overlapping ok edits are the guard's to reject; never mark one twice
        out.append(source.text[at:start])
        out.append(text)
        at = end
    out.append(source.text[at:])
    return "".join(out)


def _resolve(parent: SourceFile, argument: str, files: tuple[SourceFile, ...]) -> SourceFile | None:
    folder = PurePosixPath(parent.name.replace("\\", "/")).parent
    wanted = {str(folder / argument), str(folder / f"{argument}.tex"), argument, f"{argument}.tex"}
    for candidate in files:
        if candidate.name.replace("\\", "/") in wanted:
            return candidate
    return None


def _with_preamble(body: str, newline: str) -> str:
    preamble = PREAMBLE.replace("\n", newline)
    m = _DOCUMENTCLASS.search(body)
    if m and "\\begin{document}" in body:
        head = body[: m.end()]
        if not head.endswith(("\n", "\r")):
            head += newline
        return head + preamble + body[m.end() :]
    nl = newline
    return (
        f"\\documentclass{{article}}{nl}{preamble}\\begin{{document}}{nl}"
        f"{body}{'' if body.endswith(nl) else nl}\\end{{document}}{nl}"
    )
