"""Judging a version where it lands: the paragraph with the version spliced in, read the way TeX reads it.

A version checked on its own misses what it forms with its neighbours: ``\\def`` glued before a restored
``\\ref{…}`` redefines it, and ``\\in`` at the end of a quote that stops mid-word meets ``put`` after it and
becomes ``\\input``. So the guard splices the version (placeholders restored) into its paragraph, lexes control
sequences as TeX does (``\\`` + letters, or ``\\`` + one other character; ``^^5c`` is a backslash too), and
compares with the paragraph as it was: every control sequence the edit *adds* must be on an allowlist of
prose-formatting commands or be one of the paper's own text macros (defined from allowed commands only).
An allowlist, because every denylist of TeX primitives has had gaps (``\\InputIfFileExists``, ``\\UseName``,
``\\csdef``, ``\\everypar`` …). Braces, ``$`` and comments must come out as they were around the edit.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable


def _names(text: str) -> list[str]:
    return text.split()


PROSE_COMMANDS = frozenset(
    _names(
        # Emphasis and font switches that only change how words look.
        "emph textbf textit textsl textsc textup textmd textrm textsf texttt textnormal underline em bf it sl sc"
        " rm sf tt normalfont itshape bfseries scshape upshape mdseries rmfamily sffamily ttfamily"
        " textsuperscript textsubscript mbox enquote"
        # Named characters, dashes, quotes, ellipses and logos.
        " ldots dots textellipsis textendash textemdash textquoteleft textquoteright textquotedblleft"
        " textquotedblright textasciitilde textbackslash textbar textless textgreater textunderscore"
        " textdegree texttimes slash ss o O aa AA ae AE oe OE l L i j S P dag ddag copyright pounds"
        " textregistered texttrademark LaTeX TeX LaTeXe xspace nobreakdash"
        # Spacing and line breaking inside prose.
        " quad qquad enspace thinspace nobreak linebreak newline noindent"
        # Accents written as letters (\c{c}, \v{s}, \H{o}, \u{g} ...).
        " c d b t r k u v H"
    )
) | frozenset(
    # One-character commands: spacing (\, \; \: \! \  \/ \@), hyphenation (\-), the escapes and accents.
    [*_names(", ; : ! / @ - % & # $ _ { } ' ` ^ \" ~ = . \\"), " ", "\t", "\n"]
)
NEVER = frozenset(
    _names(
        # What reads or writes files, (re)defines, changes catcodes, branches or ends the input: never created,
        # even by a paper macro of the same name.
        "input include includeonly InputIfFileExists IfFileExists openin openout read readline write immediate"
        " write18 special directlua luaexec input@path endinput end stop bye dump enddocument everypar everyjob"
        " output def edef gdef xdef let futurelet csname expandafter catcode uccode lccode newcommand"
        " renewcommand providecommand DeclareRobustCommand csdef UseName ExplSyntaxOn makeatletter iffalse"
        " iftrue ifx if fi else usepackage RequirePackage documentclass"
    )
)
_CONTROL = re.compile(r"\\(?:([A-Za-z@]+)|(.))|\^\^", re.DOTALL)
_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\\([A-Za-z@]+)\}?\s*(?:\[\d\])?"
    r"(?:\[[^\]]*\])?\s*\{|\\def\\([A-Za-z@]+)(?:#\d)*\{"
)


class Unsafe(ValueError):
    """The version, where it lands, creates something TeX would do more with than print."""


def check_in_place(before: str, version: str, after: str, original: str, macros: frozenset[str]) -> None:
    """Raise Unsafe unless ``before + version + after`` adds only allowed control sequences to
    ``before + original + after`` and keeps its braces, ``$`` and comments as they were."""
    old = _read(before + original + after)
    new = _read(before + version + after)
    allowed = PROSE_COMMANDS | (macros - NEVER)
    if new.carets > old.carets:
        raise Unsafe("writes a character as ^^, which TeX may read as a command")
    for name, count in new.commands.items():
        if count > old.commands.get(name, 0) and name not in allowed:
            raise Unsafe(f"forms \\{name} where it lands, which is not a prose-formatting command")
    if new.dollars % 2 != old.dollars % 2 or new.dollars > old.dollars:
        raise Unsafe("opens or closes math with $ where it lands")
    if new.depth != old.depth or new.lowest < old.lowest:
        raise Unsafe("leaves braces unbalanced where it lands")
    if new.commented != old.commented:
        raise Unsafe("comments out or uncovers text where it lands")


class _Reading:
    """What TeX would see in a stretch of text: control sequences, unescaped ``$``, brace depth, comments."""

    def __init__(self) -> None:
        self.commands: Counter[str] = Counter()
        self.dollars = 0
        self.depth = 0
        self.lowest = 0
        self.commented = ""
        self.carets = 0


def _read(text: str) -> _Reading:
    reading = _Reading()
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" or text.startswith("^^", i):
            m = _CONTROL.match(text, i)
            if m is None:  # a backslash that ends the window: the same on both sides of the comparison
                i += 1
                continue
            name = m.group(1) or m.group(2)
            if name is None:
                reading.carets += 1
            else:
                reading.commands[name] += 1
            i = m.end() if m.end() > i else i + 1
            continue
        if ch == "%":
            end = text.find("\n", i)
            end = n if end < 0 else end
            reading.commented += text[i:end] + "\n"
            i = end
            continue
        if ch == "$":
            reading.dollars += 1
        elif ch == "{":
            reading.depth += 1
        elif ch == "}":
            reading.depth -= 1
            reading.lowest = min(reading.lowest, reading.depth)
        i += 1
    return reading


def paper_macros(texts: Iterable[str]) -> frozenset[str]:
    """The text macros the paper defines (``\\newcommand{\\method}{\\textsc{Foo}\\xspace}``): those whose
    body uses only prose commands or other such macros, so writing one prints words and does nothing else."""
    bodies: dict[str, str] = {}
    for text in texts:
        bodies.update(_definitions(text))
    safe: set[str] = set()
    changed = True
    while changed:  # a macro built on another text macro is a text macro too
        changed = False
        for name, body in bodies.items():
            if name in safe or name in NEVER:
                continue
            used = set(_read(body).commands)
            if used <= PROSE_COMMANDS | safe:
                safe.add(name)
                changed = True
    return frozenset(safe)


@functools.lru_cache(maxsize=16)
def _definitions(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        end = _closing_brace(text, m.end())
        if end is not None:
            found[m.group(1) or m.group(2)] = text[m.end() : end]
    return found


def _closing_brace(text: str, start: int) -> int | None:
    depth = 1
    i = start
    limit = min(len(text), start + 2000)  # a text macro is short; a long body is not one
    while i < limit:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
