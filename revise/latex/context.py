"""The macro and environment database: what each LaTeX name means to segmentation, and its argument spec.

Argument specs come from pylatexenc's default context (``*`` star, ``[`` optional, ``{`` mandatory),
corrected where its defaults are wrong for prose (\\caption, \\footnote, \\href, \\SI, \\cref, natbib …),
and extended with the paper's own
``\\newcommand``/``\\def``/``\\DeclareMathOperator``/``\\newtheorem``/``\\newenvironment``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from revise.latex.commands import FILE_REFERENCES, FRONT_ENVIRONMENTS, FRONT_MATTER, IGNORED, PROSE_ARGUMENTS

# What a macro does to the prose around it.
VISIBLE = "visible"  # stays as LaTeX; its arguments are prose (\emph, \textbf, \LaTeX, \%)
PROTECT = "protect"  # the macro and its arguments become one placeholder of the rule's kind
SECTION = "section"  # ends the paragraph; its title is recorded
BREAK = "break"  # ends the paragraph (\par, \item, \bibliography …)
NOTE = "note"  # \footnote: a placeholder in the outer paragraph and its own segment
CAPTION = "caption"  # \caption: its own segment
INPUT = "input"  # \input / \include
TITLE = "title"
TEXTARG = (
    "textarg"  # one argument is prose (\\textcolor{red}{TEXT}); the command and other arguments are masked
)
SKIPBLOCK = "skipblock"  # \iffalse … \fi

# What an environment does.
DESCEND = "descend"  # its body is prose (document, quote, theorem …)
LIST = "list"  # prose split at \item
ABSTRACT = "abstract"
SKIP = "skip"  # no prose except \caption (figure, tabular, thebibliography …)
MATH = "math"  # a display-math placeholder, inside the paragraph it interrupts
VERBATIM = "verbatim"


@dataclass(frozen=True)
class Rule:
    role: str
    spec: str = ""
    kind: str = "CMD"
    """Placeholder kind for PROTECT."""
    greedy: bool = False
    """Unknown macros (and citation lists) take every adjacent ``{…}``/``[…]`` group."""
    prose: int = -1
    """TEXTARG: the index, among the braced arguments, of the one that is prose."""
    reads_as: str | None = None
    """TERM: the words the macro stands for, where the paper defines them (``\\newcommand{\\ours}{OurNet}``)."""
    unknown: bool = False
    """Nothing is known about the macro: a placeholder that reads as a word where it stands as a noun."""


_VISIBLE_ARG = (
    "emph textit textbf textsc textsl textup textrm textsf textmd textnormal underline uline hl enquote "
    "mbox textsuperscript textsubscript foreignlanguage textsf"
)
_VISIBLE_WORD = (
    "LaTeX TeX LaTeXe BibTeX eg ie etc etal cf vs ldots dots textellipsis dag ddag S P copyright pounds euro "
    "textdegree textendash textemdash textquoteleft textquoteright textquotedblleft textquotedblright "
    "textbackslash textasciitilde textbar textless textgreater textregistered texttrademark ss o O aa AA ae "
    "AE oe OE l L i j em it bf sc sl rm sf tt itshape bfseries scshape upshape slshape normalfont mdseries "
    "rmfamily sffamily small footnotesize scriptsize tiny large Large LARGE huge Huge normalsize today "
    "xspace newline linebreak slash"
)
_LAYOUT = {
    "noindent": "",
    "indent": "",
    "centering": "",
    "raggedright": "",
    "raggedleft": "",
    "newpage": "",
    "clearpage": "",
    "cleardoublepage": "",
    "pagebreak": "[",
    "nopagebreak": "[",
    "smallskip": "",
    "medskip": "",
    "bigskip": "",
    "vspace": "*{",
    "hspace": "*{",
    "vfill": "",
    "hfill": "",
    "maketitle": "",
    "tableofcontents": "",
    "appendix": "",
    "FloatBarrier": "",
    "protect": "",
    "relax": "",
    "phantomsection": "",
    "hypertarget": "{{",
    "marginpar": "[{",
    "color": "[{",
    "ensuremath": "{",
    "acresetall": "",
}
_PROTECT = {
    "LABEL": ("label", "{"),
    "REF": (
        "ref eqref cref Cref cref* Cref* autoref Autoref pageref vref Vref nameref cpageref Cpageref "
        "crefrange Crefrange labelcref namecref Namecref",
        "*{",
    ),
    "URL": ("url path nolinkurl", "{"),
    "CODE": ("texttt code lstinline verb", "{"),
    "QTY": ("si num unit ang numlist", "[{"),
    "TERM": (
        "gls Gls GLS ac Ac acs acl Acl acf Acf acsu aclu acrshort acrlong acrfull Acrlong Acrshort "
        "glsentryshort glsentrylong",
        "*[{",
    ),
    "TERMS": ("glspl Glspl GLSpl acp Acp acsp aclp Aclp acfp Acfp acrshortpl acrlongpl", "*[{"),
}
_CITE = re.compile(r"(?i).*cite.*")
_SECTION_LEVELS = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "subsection": 3,
    "subsubsection": 4,
    "paragraph": 5,
    "subparagraph": 6,
}
_ENVS: dict[str, tuple[str, str]] = {
    "document": (DESCEND, ""),
    "abstract": (ABSTRACT, ""),
    "quote": (DESCEND, ""),
    "quotation": (DESCEND, ""),
    "verse": (DESCEND, ""),
    "center": (DESCEND, ""),
    "flushleft": (DESCEND, ""),
    "flushright": (DESCEND, ""),
    "minipage": (DESCEND, "[[[{"),
    "multicols": (DESCEND, "{"),
    "proof": (DESCEND, "["),
    "thebibliography": (SKIP, "{"),
    "tabbing": (SKIP, ""),
    # Babel's passage in another language (a thesis's German abstract): an English reviewer has no say.
    "otherlanguage": (SKIP, "{"),
    "filecontents": (VERBATIM, "{"),
}
_THEOREMS = (
    "theorem lemma corollary proposition conjecture definition remark example examples note notation claim "
    "fact assumption hypothesis observation problem exercise question answer solution property axiom "
    "criterion case"
)
_LISTS = (
    "itemize enumerate description compactitem compactenum compactdesc inparaenum asparaenum list trivlist"
)
_FLOATS = (
    "figure table wrapfigure wraptable sidewaysfigure sidewaystable subfigure subtable algorithm listing "
    "SCfigure deluxetable deluxetable* longtable supertabular tabular tabular* tabularx tabulary array "
    "tikzpicture picture pgfpicture algorithmic algorithm2e tikzcd forest dirtree figwindow "
    "table-sidewaysfigure"
)
_MATH_ENVS = (
    "equation align gather multline eqnarray flalign alignat displaymath math dmath dgroup darray "
    "subequations"
)
_VERBATIM_ENVS = "verbatim Verbatim BVerbatim LVerbatim lstlisting minted comment alltt spverbatim"


@dataclass
class Context:
    """Mutable while the paper's definitions are read, then only looked up."""

    macros: dict[str, Rule] = field(default_factory=dict)
    envs: dict[str, tuple[str, str]] = field(default_factory=dict)
    section_levels: dict[str, int] = field(default_factory=lambda: dict(_SECTION_LEVELS))
    terms: dict[str, str] = field(default_factory=dict)
    """Glossary and acronym keys → the short form the paper defines (``\\newacronym{svm}{SVM}{…}``)."""
    user: dict[str, Rule] = field(default_factory=dict)
    """The user's ``[commands]`` declarations: they win over the paper's definitions and the defaults."""

    def macro(self, name: str) -> Rule:
        rule = self.user.get(name) or self.macros.get(name)
        if rule is not None:
            return rule
        if _CITE.fullmatch(name):
            return Rule(PROTECT, "*[[{", "CITE", greedy=True)
        return _UNKNOWN

    def env(self, name: str) -> tuple[str, str]:
        found = self.envs.get(name) or self.envs.get(name.rstrip("*"))
        return found if found is not None else (DESCEND, "")

    def verbatim_envs(self) -> tuple[str, ...]:
        return tuple(sorted(n for n, (role, _) in self.envs.items() if role == VERBATIM))


_UNKNOWN = Rule(PROTECT, "", "CMD", greedy=True, unknown=True)


def default_context() -> Context:
    """A fresh context: pylatexenc's specs corrected and extended for segmentation."""
    ctx = Context()
    for name, spec in _pylatexenc_specs().items():
        ctx.macros[name] = Rule(PROTECT, spec, "CMD")
    for name in _VISIBLE_ARG.split():
        ctx.macros[name] = Rule(VISIBLE, "{" if name != "foreignlanguage" else "[{")
    for name in _VISIBLE_WORD.split():
        ctx.macros[name] = Rule(VISIBLE)
    for symbol in "%&_#${} ,;:!/@-\\'`\"^~=.|":
        ctx.macros[symbol] = Rule(VISIBLE)
    for symbol in "\n\r\t":  # a control space at the end of a line ("\\celerite\\" + newline)
        ctx.macros[symbol] = Rule(VISIBLE)
    for symbol in "cvuHdbtrk":  # accents taking a letter: \c{c}, \v{s} …
        ctx.macros[symbol] = Rule(VISIBLE)
    for name, spec in _LAYOUT.items():
        ctx.macros[name] = Rule(PROTECT, spec, "CMD")
    for kind, (names, spec) in _PROTECT.items():
        for name in names.split():
            ctx.macros[name] = Rule(PROTECT, spec, kind)
    for table in (IGNORED, FRONT_MATTER, FILE_REFERENCES):
        for name, spec in table.items():
            ctx.macros[name] = Rule(PROTECT, spec, "CMD")
    for name, (spec, prose) in PROSE_ARGUMENTS.items():
        ctx.macros[name] = Rule(TEXTARG, spec, prose=prose)
    ctx.macros["href"] = Rule(PROTECT, "[{{", "URL")
    for name in ("SI", "qty", "SIrange", "numrange", "qtyrange"):
        ctx.macros[name] = Rule(PROTECT, "[{{" if "range" not in name else "[{{{", "QTY")
    for name in ("itemsep", "parskip", "parindent", "baselineskip", "setlength", "addtolength", "setcounter"):
        ctx.macros[name] = Rule(PROTECT, "{{" if name[:3] in ("set", "add") else "", "CMD", greedy=True)
    for name in (
        "cite",
        "citep",
        "citet",
        "citealp",
        "citealt",
        "citeauthor",
        "citeyear",
        "parencite",
        "textcite",
    ):
        ctx.macros[name] = Rule(PROTECT, "*[[{", "CITE", greedy=True)
    for name in _SECTION_LEVELS:
        ctx.macros[name] = Rule(SECTION, "*[{")
    ctx.macros.update(
        {
            "par": Rule(BREAK),
            "item": Rule(BREAK, "["),
            "bibliography": Rule(BREAK, "{"),
            "printbibliography": Rule(BREAK, "["),
            "footnote": Rule(NOTE, "[{", "NOTE"),
            "footnotetext": Rule(CAPTION, "[{"),
            "caption": Rule(CAPTION, "*[{"),
            "abstract": Rule(CAPTION, "{", "abstract"),  # Springer Nature's sn-jnl: \abstract{…}
            "captionof": Rule(CAPTION, "*{[{"),
            "subcaption": Rule(CAPTION, "*[{"),
            "input": Rule(INPUT, "{"),
            "include": Rule(INPUT, "{"),
            "subfile": Rule(INPUT, "{"),
            "title": Rule(TITLE, "[{"),
            "iffalse": Rule(SKIPBLOCK),
            "begin": Rule(PROTECT, "{", "CMD"),
            "end": Rule(PROTECT, "{", "CMD"),
        }
    )
    ctx.envs.update(_ENVS)
    for name in _THEOREMS.split():
        ctx.envs[name] = (DESCEND, "[")
    for name in _LISTS.split():
        ctx.envs[name] = (LIST, "[")
    for name in _FLOATS.split():
        ctx.envs[name] = (SKIP, "")
    for name in _MATH_ENVS.split():
        ctx.envs[name] = (MATH, "")
    for name in _VERBATIM_ENVS.split():
        ctx.envs[name] = (VERBATIM, "")
    for name in FRONT_ENVIRONMENTS.split():
        ctx.envs[name] = (SKIP, "")
    return ctx


@lru_cache(maxsize=1)
def _pylatexenc_specs() -> dict[str, str]:
    from pylatexenc.latexwalker import get_default_latex_context_db

    specs: dict[str, str] = {}
    for spec in get_default_latex_context_db().iter_macro_specs():
        argspec = getattr(spec.args_parser, "argspec", None)
        if isinstance(argspec, str) and set(argspec) <= set("*[{"):
            specs[spec.macroname] = argspec
    return specs


_DECLARED = re.compile(r"\\([A-Za-z@]+\*?)((?:\{\}|\[\])*)")


def user_rules(declarations: Mapping[str, str]) -> dict[str, Rule]:
    """Rules for the user's ``[commands]`` table (LTeX's spelling: ``"\\\\edited{}" = "text"``).

    ``text``: the last braced argument is prose, reviewed in place (the others stay masked); ``ignore``: the
    command and its arguments are one placeholder, never reviewed; ``dummy``: one placeholder read as a word.
    """
    rules: dict[str, Rule] = {}
    for key, action in declarations.items():
        m = _DECLARED.fullmatch(key)
        if m is None:
            continue  # config.py refuses such keys; a library caller's typo is not a reason to crash
        name, args = m.group(1), m.group(2)
        spec = ("*" if name.endswith("*") else "") + args.replace("{}", "{").replace("[]", "[")
        name = name.rstrip("*")
        braced = spec.count("{")
        if action == "text":
            rules[name] = Rule(TEXTARG, spec, prose=braced - 1) if braced else Rule(VISIBLE)
        elif action == "dummy":
            rules[name] = Rule(PROTECT, spec, "TERM")
        else:
            rules[name] = Rule(PROTECT, spec, "CMD")
    return rules
