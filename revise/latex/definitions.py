"""The paper's own definitions: what each ``\\newcommand``/``\\NewDocumentCommand``/``\\def`` means to segmentation.

A zero-argument macro whose body is words (``\\newcommand{\\ours}{OurNet}``) is a word of the sentence: a TERM
placeholder that reads as its expansion. A macro whose body puts an argument where text goes
(``\\newcommand{\\edited}[1]{\\textcolor{red}{#1}}``) has a prose argument, reviewed in place. Anything else
stays one protected placeholder. Glossary and acronym definitions give the words their keys stand for.
"""

from __future__ import annotations

import re

from revise.latex import context as C
from revise.latex.commands import FILE_REFERENCES, FRONT_MATTER, IGNORED

# A paper that defines its notes (\\newcommand{\\todo}[1]{\\textcolor{blue}{#1}}) still means them as notes, and
# its front matter and file references stay what the class makes them; only the user's [commands] say otherwise.
_FIXED = frozenset({*IGNORED, *FRONT_MATTER, *FILE_REFERENCES})

_DEFINE = re.compile(
    r"\\(?:(?P<cmd>newcommand|renewcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\s*\\(?P<cname>[A-Za-z@]+)\s*\}?"
    r"\s*(?:\[(?P<nargs>\d)\])?(?P<opt>\s*\[)?"
    r"|def\s*\\(?P<dname>[A-Za-z@]+)(?P<params>(?:#\d|[^{#\s])*)\{"
    r"|(?:New|Renew|Provide|Declare)DocumentCommand\s*\{?\s*\\(?P<xname>[A-Za-z@]+)\s*\}?\s*\{(?P<xspec>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
    r"|DeclareMathOperator\*?\s*\{?\s*\\(?P<oname>[A-Za-z@]+)"
    r"|newtheorem\*?\s*\{(?P<tname>[A-Za-z@*]+)\}"
    r"|(?:newenvironment|renewenvironment)\*?\s*\{(?P<ename>[A-Za-z@*]+)\}\s*(?:\[(?P<enargs>\d)\])?(?P<eopt>\s*\[)?"
    r"|lstnewenvironment\s*\{(?P<vname>[A-Za-z@*]+)\}"
    r"|newacronym\s*(?:\[[^\]]*\])?\s*\{(?P<akey>[^{}]+)\}\s*\{(?P<ashort>[^{}]+)\}"
    r"|newglossaryentry\s*\{(?P<gkey>[^{}]+)\}\s*\{[^{}]*?\bname\s*=\s*\{?(?P<gname>[^,{}]+)"
    r"|(?:acro|acrodef|newabbreviation)\s*\{(?P<rkey>[^{}]+)\}\s*(?:\[(?P<rshort>[^\]]+)\])?"
    r"|DeclareAcronym\s*\{(?P<ckey>[^{}]+)\}\s*\{[^{}]*?\bshort\s*=\s*\{?(?P<cshort>[^,{}]+))"
)
_BODY_TOKEN = re.compile(r"\\[A-Za-z@]+|\\.|[{}]|#\d|\$|\[|\]")
_MATHY = re.compile(r"\$|\\(?:ensuremath|math[a-z]+|operatorname|frac|left|right|mathbb|boldsymbol)\b|[\^_]")
_LEFTOVER = re.compile(r"\\[A-Za-z@]+\*?|\\[,;: ]|[{}~]")
# What is left of a body once declarations (\\color{red}, \\bfseries) and parameters are gone: a bare ``#1`` is
# prose only in a body that is nothing else (``{\\color{red}#1}``), not in ``(#1,#2)``.
_RESIDUE = re.compile(r"\\[A-Za-z@]+\*?(?:\[[^\]]*\])*(?:\{[^{}]*\})*|#\d|[{}\s]")
# Commands whose arguments are lengths, files or keys: ``\\newcommand{\\gap}{\\vspace{1em}}`` is layout, not a word.
_NOT_WORDS = re.compile(
    r"\\(?:[vh]space|[vh]skip|kern|setlength|addtolength|rule|includegraphics|label|[a-z]*ref|[a-z]*cite[a-z]*"
    r"|color|hypersetup|setcounter|addtocounter)\*?(?:\s*\[[^\]]*\])*(?:\s*\{[^{}]*\})*"
)
_MAX_BODY = 2000


def register_definitions(ctx: C.Context, text: str) -> None:
    """Record the paper's own macros, theorems, environments and glossary terms found in ``text``."""
    for m in _DEFINE.finditer(text):
        if m.group("cname"):
            name = m.group("cname")
            nargs = int(m.group("nargs") or 0)
            opt = bool(m.group("opt") and nargs)
            spec = ("[" + "{" * (nargs - 1)) if opt else "{" * nargs
            known = ctx.macros.get(name)
            if name in _FIXED:
                continue
            if known is None or known.role in (C.PROTECT, C.TEXTARG):
                start = _skip_optional(text, m.end() - 1) if m.group("opt") else m.end()
                ctx.macros[name] = _classify(ctx, spec, _body(text, start), first_braced=1 + opt)
        elif m.group("dname"):
            nargs = m.group("params").count("#")
            ctx.macros[m.group("dname")] = _classify(ctx, "{" * nargs, _body(text, m.end() - 1), 1)
        elif m.group("xname"):
            xspec = _xparse_spec(m.group("xspec"))
            if xspec is None:
                ctx.macros[m.group("xname")] = C.Rule(C.PROTECT, "", "CMD", greedy=True)
            else:
                first = 1 + len(xspec) - len(xspec.lstrip("*["))
                ctx.macros[m.group("xname")] = _classify(ctx, xspec, _body(text, m.end()), first)
        elif m.group("oname"):
            ctx.macros[m.group("oname")] = C.Rule(C.PROTECT, "", "MATH")
        elif m.group("tname"):
            ctx.envs[m.group("tname")] = (C.DESCEND, "[")
        elif m.group("ename"):
            nargs = int(m.group("enargs") or 0)
            spec = ("[" + "{" * (nargs - 1)) if m.group("eopt") and nargs else "{" * nargs
            ctx.envs.setdefault(m.group("ename"), (C.DESCEND, spec))
        elif m.group("vname"):
            ctx.envs[m.group("vname")] = (C.VERBATIM, "")
        elif m.group("akey"):
            ctx.terms[m.group("akey").strip()] = _plain(m.group("ashort"))
        elif m.group("gkey"):
            ctx.terms[m.group("gkey").strip()] = _plain(m.group("gname"))
        elif m.group("ckey"):
            ctx.terms[m.group("ckey").strip()] = _plain(m.group("cshort"))
        elif m.group("rkey"):
            ctx.terms[m.group("rkey").strip()] = _plain(m.group("rshort") or m.group("rkey"))


def _classify(ctx: C.Context, spec: str, body: str | None, first_braced: int) -> C.Rule:
    """The rule for a macro with argument ``spec`` and definition ``body``.

    ``first_braced`` is the parameter number (``#n``) of the first braced argument.
    """
    braced = spec.count("{")
    if body is None:
        return C.Rule(C.PROTECT, spec, "CMD")
    if not braced and "[" not in spec:
        if _MATHY.search(body):
            return C.Rule(C.PROTECT, "", "MATH")
        words = _plain(_NOT_WORDS.sub(" ", body))
        if re.search(r"[^\W\d_]", words) and "#" not in body:
            return C.Rule(C.PROTECT, "", "TERM", reads_as=words)
        return C.Rule(C.PROTECT, "", "CMD")
    number = _prose_parameter(ctx, body)
    if number is not None and first_braced <= number < first_braced + braced:
        return C.Rule(C.TEXTARG, spec, prose=number - first_braced)
    return C.Rule(C.PROTECT, spec, "CMD")


def _prose_parameter(ctx: C.Context, body: str) -> int | None:
    """The first ``#n`` of ``body`` that stands where text goes: every group around it is bare or prose."""
    stack: list[tuple[str, int] | None] = []
    last: tuple[str, int] | None = None  # the command (and argument number) a ``{`` here would open
    math = False
    prev = 0
    for m in _BODY_TOKEN.finditer(body):
        tok = m.group(0)
        gap = body[prev : m.start()].strip()
        prev = m.end()
        if gap and not gap.startswith("["):
            last = None
        if tok == "$":
            math, last = not math, None
        elif tok == "{":
            stack.append(last)
            last = None
        elif tok == "}":
            frame = stack.pop() if stack else None
            last = (frame[0], frame[1] + 1) if frame is not None else None
        elif tok.startswith("#"):
            inside = all(f is not None and _is_prose(ctx, f) for f in stack)
            bare = all(f is None or _is_prose(ctx, f) for f in stack) and not _RESIDUE.sub("", body)
            if not math and ((stack and inside) or bare):
                return int(tok[1])
            last = None
        elif tok.startswith("\\") and tok[1:2].isalpha():
            last = (tok[1:], 0)
        elif tok not in "[]":
            last = None
    return None


def _is_prose(ctx: C.Context, frame: tuple[str, int]) -> bool:
    name, index = frame
    rule = ctx.macro(name)
    if rule.role == C.VISIBLE:
        return True
    return rule.role == C.TEXTARG and rule.prose == index


def _xparse_spec(xspec: str) -> str | None:
    """A pylatexenc-style spec for an xparse argument spec (``s o m``), or None when it has exotic kinds."""
    spec = []
    for m in re.finditer(r"\+?([smoO])(?:\{[^{}]*\})?|\s+", xspec):
        kind = m.group(1)
        if kind is None:
            continue
        spec.append({"s": "*", "m": "{", "o": "[", "O": "["}[kind])
    rest = re.sub(r"\+?[smoO](?:\{[^{}]*\})?|\s+", "", xspec)
    return None if rest else "".join(spec)


def _skip_optional(text: str, pos: int) -> int:
    """After a ``[default]`` that starts at or after ``pos``."""
    close = text.find("]", pos)
    return pos if close < 0 else close + 1


def _body(text: str, pos: int) -> str | None:
    """The braced body starting at ``pos`` (after spaces), without its braces; None when there is none."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    if pos >= len(text) or text[pos] != "{":
        return None
    depth = 0
    for i in range(pos, min(len(text), pos + _MAX_BODY)):
        ch = text[i]
        if ch == "\\":
            continue
        if ch == "{" and text[i - 1] != "\\":
            depth += 1
        elif ch == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[pos + 1 : i]
    return None


def _plain(body: str) -> str:
    """The words a definition's body reads as: commands and braces dropped (``\\textsc{OurNet}\\xspace``)."""
    return " ".join(_LEFTOVER.sub(" ", body).split())
