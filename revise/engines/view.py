"""The lint-view: a paragraph's masked LaTeX as plain prose for a grammar checker, with an offset map.

Harper reads plain English, so placeholders become neutral stand-in words (``[MATH1]`` → "value",
``[CITE1]`` → "[1]"), markup such as ``\\emph{…}`` is reduced to its text, ``~`` becomes a space and
````…''`` a quote. Every view character remembers the masked offset it was copied from, or ``-1`` when it
was synthesised; a lint maps back only when it covers copied characters that are contiguous in the masked
text, so no edit can reach into a placeholder or across deleted markup (vale's lesson: positions must
survive the conversion).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from revise.latex.mask import TOKEN, Masked


def _names(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Commands whose braced arguments are not prose: the command and all its arguments vanish from the view.
_DROP_ARGS = _names(
    """begin end label includegraphics hspace vspace input include bibliography bibliographystyle usepackage
    documentclass newcommand renewcommand providecommand def setlength addtolength setcounter vskip hskip
    color definecolor pagestyle thispagestyle url email orcid footnote footnotemark footnotetext thanks
    affiliation altaffiliation correspondingauthor keywords cite citep citet ref eqref cref Cref autoref
    pageref nocite fontsize rule raisebox multicolumn multirow cline hline toprule midrule bottomrule
    addplot node draw path graphicspath DeclareMathOperator newenvironment renewenvironment"""
)
# The first argument is not prose, the second is (\href{url}{text}, \textcolor{red}{text}).
_DROP_FIRST = frozenset({"href", "textcolor", "colorbox"})
# Commands whose argument is code or a path: the whole command reads as one noun.
_CODE = frozenset({"texttt", "verb", "lstinline", "path", "code", "mintinline", "inlinecode", "pkg", "file"})
# Environments whose body is code, drawing or layout rather than sentences.
_NON_PROSE = _names(
    """verbatim Verbatim minted lstlisting tikzpicture axis pgfplots algorithmic algorithm2e tabular tabular*
    tabularx longtable table* thebibliography filecontents comment code"""
)
# Text-producing macros without arguments, read as what they typeset.
_WORDS = {
    "eg": "e.g.",
    "ie": "i.e.",
    "etal": "et al.",
    "etc": "etc.",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "ldots": "...",
    "dots": "...",
    "textendash": "–",
    "textemdash": "—",
    "textpercent": "%",
    "S": "section",
}
# Declarations and spacing commands that typeset no words.
_SILENT = _names(
    """item noindent centering raggedright raggedleft small footnotesize scriptsize tiny large Large LARGE
    huge normalsize bf it em rm sf tt sc sloppy sloppypar raggedbottom frenchspacing nonfrenchspacing
    maketitle newline linebreak pagebreak newpage clearpage par quad qquad medskip smallskip bigskip relax
    protect xspace null hfill vfill indent appendix tableofcontents onecolumn twocolumn
    ignorespaces"""
)
_ACCENTS = "'`^\"~=.uvHcdbtr"
_COMMAND = re.compile(r"\\([A-Za-z@]+)\*?")
_TEXTUAL_CITE = re.compile(r"\\(?:[Cc]itet|[Cc]iteauthor|citealt|[Tt]extcite|[Cc]itename)\b")
_NAMED_REF = re.compile(r"\\(?:[Cc]ref|autoref|[Vv]ref|nameref)\b")
_TRAILING = re.compile(r"(?:\s|\\end\{[^}]*\}|\\nonumber|\\notag|\\\\|\\[\])]|\$|\}|\\label\{[^}]*\})+$")


@dataclass(frozen=True)
class View:
    """Plain prose for a grammar checker; ``origin[i]`` is the masked offset of ``text[i]`` or -1 if
    synthetic."""

    text: str
    origin: tuple[int, ...]

    def to_masked(self, start: int, end: int) -> tuple[int, int] | None:
        """The masked span a view span was copied from, or None if it touches synthetic or deleted text."""
        if not 0 <= start < end <= len(self.text):
            return None
        first = self.origin[start]
        if first < 0:
            return None
        for i in range(start + 1, end):
            if self.origin[i] != first + (i - start):
                return None
        return first, first + (end - start)


# Characters build() copies as they are: anything but the starts of tokens, commands, groups and ligatures.
_PLAIN = re.compile(r"[^\[\\{}~`'\-]+")


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.copied: list[bool] = []
        self.origin: list[int] = []

    def copy(self, text: str, at: int) -> None:
        self.chars.append(text)
        self.copied.append(True)
        self.origin.extend(range(at, at + len(text)))

    def synth(self, text: str) -> None:
        self.chars.append(text)
        self.copied.append(False)
        self.origin.extend([-1] * len(text))

    def last_char(self) -> str:
        return next((c[-1] for c in reversed(self.chars) if c), "")

    def last_word(self) -> str:
        # The last four pieces, a copied run counting one piece per character (as when each was copied
        # alone): runs are copied whole for speed, and the stand-ins chosen must not change with it.
        pieces: list[str] = []
        need = 4
        for chunk, copied in zip(reversed(self.chars), reversed(self.copied), strict=True):
            if need <= 0:
                break
            if copied:
                pieces.append(chunk[-need:])
                need -= min(need, len(chunk))
            else:
                pieces.append(chunk)
                need -= 1
        tail = "".join(reversed(pieces))
        m = re.search(r"(\w+)\W*$", tail)
        return m.group(1) if m else ""

    def build(self) -> View:
        return View("".join(self.chars), tuple(self.origin))


def stand_in(kind: str, original: str, previous_word: str, following: str = "") -> str:
    """The words a placeholder reads as, chosen so the grammar around it stays right.

    ``following`` is the masked text right after the placeholder: a stand-in never brings punctuation the
    sentence already has there (a footnote or display equation that ends in a full stop, before the
    source's own full stop, read as "value.." and set off Harper's slow spelling search, issue 16).
    """
    # A footnote mark typesets a superscript, not a word; its text is reviewed as its own paragraph.
    if kind in {"LABEL", "COMMENT", "INDEX", "NOTE", "MARK"}:  # MARK: the command around a prose argument
        return ""
    if kind.startswith("CITE"):
        return "Smith" if _TEXTUAL_CITE.match(original) else "[1]"
    if kind.endswith("REF"):
        if _NAMED_REF.match(original):
            return "Figure 1"
        return "(1)" if original.startswith("\\eqref") else "1"
    if kind in {"URL", "HREF"}:
        return "website"
    # Math and anything unknown reads as a noun; after "an" a vowel-initial one, so the article never trips
    # Harper (the article-before-math rule judges the real symbol instead).
    word = "item" if previous_word.lower() == "an" else "value"
    # Display math often carries the sentence's full stop or comma inside it.
    stripped = _TRAILING.sub("", original)
    if kind in {"MATH", "EQ"} and stripped.endswith((".", ",", ";")) and following.lstrip()[:1] not in _STOPS:
        word += stripped[-1]
    return word


_STOPS = frozenset(".,;:!?")


def _skip_optional(text: str, i: int) -> int:
    while i < len(text) and text[i] == "[":
        close = text.find("]", i)
        if close < 0:
            return i
        i = close + 1
    return i


def _skip_group(text: str, i: int) -> int:
    """Index after the balanced ``{…}`` starting at ``i`` (or ``i`` when there is none)."""
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    if j >= len(text) or text[j] != "{":
        return i
    depth = 0
    for k in range(j, len(text)):
        if text[k] == "{" and (k == 0 or text[k - 1] != "\\"):
            depth += 1
        elif text[k] == "}" and text[k - 1] != "\\":
            depth -= 1
            if depth == 0:
                return k + 1
    return len(text)


def build(masked: Masked) -> View:
    """The lint-view of one masked paragraph."""
    text = masked.text
    tokens = {ph.token: ph for ph in masked.placeholders}
    out = _Builder()
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "[":
            m = TOKEN.match(text, i)
            if m and m.group(0) in tokens:
                ph = tokens[m.group(0)]
                following = TOKEN.sub("", text[m.end() : m.end() + 40])  # the punctuation after any tokens
                word = stand_in(ph.kind, ph.original, out.last_word(), following)
                # A stand-in is a word of its own, and an empty one keeps its neighbours apart: nothing glues.
                after = text[m.end() : m.end() + 1]
                if (word[:1] or after).isalnum() and out.last_char().isalnum():
                    word = " " + word
                if word[-1:].isalnum() and after.isalnum():
                    word += " "
                out.synth(word)
                i = m.end()
                continue
        if ch == "\\":
            i = _command(text, i, out)
            continue
        if ch in "{}":
            i += 1
            continue
        if ch == "~":
            out.synth(" ")
        elif text.startswith("``", i) or text.startswith("''", i):
            out.synth('"')
            i += 2
            continue
        elif text.startswith("---", i):
            out.synth("—")
            i += 3
            continue
        elif text.startswith("--", i):
            out.synth("–")
            i += 2
            continue
        elif ch == "`":
            out.synth("'")
        else:
            # A run of plain characters is copied at once (per character, this loop was most of a rerun's view).
            run = _PLAIN.match(text, i)
            end = run.end() if run else i + 1
            out.copy(text[i:end], i)
            i = end
            continue
        i += 1
    return out.build()


def _command(text: str, i: int, out: _Builder) -> int:
    """Render the command starting at ``text[i] == '\\'`` into ``out``; return the index after it."""
    m = _COMMAND.match(text, i)
    if m is None:
        nxt = text[i + 1 : i + 2]
        if nxt in "%&#$_{}":
            out.synth(nxt or "")
        elif nxt in " ,;:!\\\n":
            out.synth(" ")
        elif nxt and nxt in _ACCENTS:
            j = i + 2
            if j < len(text) and text[j] == "{":
                j = _skip_group(text, j)
            elif j < len(text):
                j += 1
            # An accented letter: synthetic, so a lint on the word is dropped rather than mis-mapped.
            out.synth("e")
            return j
        return i + 2
    name = m.group(1)
    j = m.end()
    if name == "begin":
        env = re.match(r"\s*\{([^}]*)\}", text[j:])
        if env and env.group(1) in _NON_PROSE:
            close = text.find("\\end{" + env.group(1) + "}", j)
            return len(text) if close < 0 else close + len(env.group(1)) + 6
    if name in _DROP_ARGS:
        j = _skip_optional(text, j)
        while True:
            k = _skip_group(text, j)
            if k == j:
                break
            j = _skip_optional(text, k)
        return j
    if name in _CODE:
        end = _skip_group(text, _skip_optional(text, j))
        if end == _skip_optional(text, j) and name == "verb" and j < len(text):
            close = text.find(text[j], j + 1)
            end = close + 1 if close > j else len(text)
        out.synth("code")
        return end
    if name in _DROP_FIRST:
        return _skip_group(text, _skip_optional(text, j))
    if name in _WORDS:
        out.synth(_WORDS[name])
        return j + 2 if text.startswith("{}", j) else j
    if name in _SILENT:
        return _skip_optional(text, j)
    after = _skip_optional(text, j)
    if after < len(text) and text[after] == "{":
        # \emph{…}, \textbf{…}, user macros wrapping prose: keep the argument's text (braces vanish later).
        return after
    # An unknown text macro (\sympy, \method): read as its name so the sentence keeps a word there.
    out.synth(name)
    return j + 2 if text.startswith("{}", j) else j


def join(views: Sequence[View]) -> tuple[str, list[int]]:
    """One text for a single linter call: views separated by blank lines; returns it and each view's start."""
    starts: list[int] = []
    parts: list[str] = []
    at = 0
    for v in views:
        starts.append(at)
        parts.append(v.text)
        at += len(v.text) + 2
    return "\n\n".join(parts), starts


_LONG_RUN = re.compile(r"\S{100,}")
_LONG = 100


def bounded(view: View) -> View:
    """The view with every run of 100+ non-space characters, and every run of 100+ characters of stand-ins
    (synthetic text and the spaces between), blanked and mapped to nothing.

    No prose word is that long, and Harper's spelling suggestions on one grow past all bounds: 4,400 unclosed
    ``{`` became a 27,000-character "word" of stand-ins that took 10 GB of memory. Spaced stand-ins instead
    make one 26,000-character "sentence" on which Harper reports only its length, hiding the errors before it.
    """
    text = view.text
    if view.origin.count(-1) < _LONG and not _LONG_RUN.search(text):
        return view  # the common case, decided at C speed: too few stand-ins for a run, no long word
    blank = [False] * len(text)
    for m in _LONG_RUN.finditer(text):
        blank[m.start() : m.end()] = [True] * (m.end() - m.start())
    start = None
    for i in range(len(text) + 1):
        filler = i < len(text) and (view.origin[i] < 0 or text[i].isspace())
        if filler and start is None:
            start = i
        elif not filler and start is not None:
            if i - start >= _LONG and sum(view.origin[k] < 0 for k in range(start, i)) >= _LONG:
                blank[start:i] = [True] * (i - start)
            start = None
    if not any(blank):
        return view
    chars = [" " if b else c for c, b in zip(text, blank, strict=True)]
    origin = tuple(-1 if b else o for o, b in zip(view.origin, blank, strict=True))
    return View("".join(chars), origin)
