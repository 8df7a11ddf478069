"""The walk: one file's tokens → paragraph drafts, sections and warnings.

Prose between tokens is visible by default; each token either stays visible, becomes a protected span, ends
a paragraph, opens a nested segment (footnote, caption) or skips a block (floats, verbatim, bibliography).
Every construct is bounded: math may not cross a blank line, an argument whose braces never close takes
nothing, an unclosed block environment skips only to the next blank line. So damage stays local and is
reported as ``file:line: …`` instead of turning the rest of the paper into "math". Arguments are read by
args.py under the same bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from revise.document import SourceFile
from revise.latex import context as C
from revise.latex import tokens as T
from revise.latex.args import Args, read_args
from revise.latex.build import Builder, Draft, Where

# A word follows on the same line: "\\showyourwork was", "\\ours, and", "(\\name)".
_NOUN_FOLLOWS = re.compile(r"[ \t]*[\w(]|[.,;:!?)'’\-]")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
# Not words of a title the prompt shows as context: spacing, line breaks, thanks notes.
_LAYOUT = re.compile(
    r"\\(?:[vh]space\*?\s*\{[^{}]*\}|thanks\s*\{[^{}]*\}|\\(?:\[[^\]]*\])?|newline\b|linebreak\b)"
)


@dataclass(frozen=True)
class Heading:
    title: str
    level: str
    file: str
    line: int
    depth: int = 9
    """0 part, 1 chapter, 2 section … (the paper's own sectioning commands included)."""
    starred: bool = False
    appendix: bool = False
    """After ``\\appendix``: numbered A, B … at the top level."""


@dataclass
class DocState:
    """What the walks of all files of one document share."""

    ctx: C.Context
    drafts: list[Draft] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    path: dict[int, str] = field(default_factory=dict)
    """Sectioning level → current title."""
    include: Callable[[str, FileWalk, int], None] | None = None
    appendix: bool = False

    def where(self) -> Where:
        titles = tuple(self.path[level] for level in sorted(self.path))
        top = self.path.get(2) or self.path.get(1) or self.path.get(0)
        return top, titles, len(self.headings) - 1


class FileWalk:
    """Walks one file; nested segments get their own builders."""

    def __init__(self, doc: DocState, file: SourceFile, lexed: T.Lexed) -> None:
        self.doc = doc
        self.file = file
        self.lexed = lexed
        self.text = lexed.text
        self.toks = lexed.tokens
        self.match = lexed.match
        self.envs = lexed.envs
        self.warned: set[int] = set()
        self.closers: dict[int, tuple[int, int]] = {}
        """The ``}`` of a prose argument → (source end, next token) of the command's remaining arguments."""

    # -- reporting ------------------------------------------------------------------------------------------
    def warn(self, offset: int, message: str) -> None:
        line = self.file.position(min(offset, len(self.text)))[0]
        self.doc.warnings.append(f"{self.file.name}:{line}: {message}")

    def builder(self, kind: str) -> Builder:
        return Builder(self.file, kind, self.doc.drafts, self.doc.where())

    # -- the prose walk -------------------------------------------------------------------------------------
    def prose(self, i: int, j: int, b: Builder, start: int, stop: int) -> None:
        """Walk tokens ``[i, j)`` covering source ``[start, stop)`` as prose into ``b``."""
        toks, _text = self.toks, self.text
        cur = start
        k = i
        while k < j:
            t = toks[k]
            if t.start > cur:
                b.visible(cur, t.start)
            kind = t.kind
            nxt = k + 1
            end = t.end
            if kind == T.PAR:
                b.close()
            elif kind == T.COMMENT:
                b.protect(t.start, t.end, "COMMENT")
            elif kind == T.VERB:
                b.protect(t.start, t.end, "CODE")
            elif kind == T.URL:
                b.protect(t.start, t.end, "URL")
            elif kind == T.HREF:
                # The whole link is one URL placeholder: its text is usually a name or the address itself, and
                # a visible "{…}" after a placeholder invites edits that break the braces.
                args = self.args(k, "{", t.end)
                b.protect(t.start, args.end, "URL")
                end, nxt = args.end, args.next
            elif kind == T.VERBENV:
                b.close()
            elif kind == T.OPEN:
                if self.match[k] < 0 or self.match[k] >= j:
                    self.warn_once(k, "unbalanced '{': its group never closes")
                    b.protect(t.start, t.end, "CMD")
                else:
                    b.visible(t.start, t.end)
            elif kind == T.CLOSE and k in self.closers:
                end, nxt = self.closers.pop(k)
                b.protect(t.start, end, "MARK")
            elif kind == T.CLOSE:
                if self.match[k] == -2 and k != j:
                    b.visible(t.start, t.end)
                else:
                    self.warn_once(k, "unbalanced '}': nothing to close")
                    b.protect(t.start, t.end, "CMD")
            elif kind in (T.DOLLAR, T.DDOLLAR):
                end, nxt = self.math(k, j, b)
            else:
                end, nxt = self.command(k, j, b)
            cur = max(cur, end)
            k = max(nxt, k + 1)
        if stop > cur:
            b.visible(cur, stop)

    def warn_once(self, k: int, message: str) -> None:
        if k not in self.warned:
            self.warned.add(k)
            self.warn(self.toks[k].start, message)

    def math(self, k: int, j: int, b: Builder) -> tuple[int, int]:
        """``$…$`` / ``$$…$$`` as a placeholder; a lone ``$`` that does not close before a blank line."""
        t = self.toks[k]
        want = t.kind
        for n in range(k + 1, j):
            kind = self.toks[n].kind
            if kind == T.PAR:
                break
            if kind == want or (want == T.DOLLAR and kind == T.DDOLLAR):
                b.protect(t.start, self.toks[n].end, "MATH" if want == T.DOLLAR else "EQ")
                return self.toks[n].end, n + 1
        self.warn_once(
            k, f"'{'$' if want == T.DOLLAR else '$$'}' opens math that does not close before a blank line"
        )
        b.protect(t.start, t.end, "MATH")
        return t.end, k + 1

    def closing_symbol(self, k: int, j: int, name: str) -> int:
        for n in range(k + 1, j):
            tok = self.toks[n]
            if tok.kind == T.PAR:
                return -1
            if tok.kind == T.CS and tok.name == name:
                return n
        return -1

    def next_par(self, k: int, j: int) -> int:
        for n in range(k + 1, j):
            if self.toks[n].kind == T.PAR:
                return n
        return j

    # -- commands -------------------------------------------------------------------------------------------
    def command(self, k: int, j: int, b: Builder) -> tuple[int, int]:
        t = self.toks[k]
        name = t.name
        if name in ("(", "["):
            close = self.closing_symbol(k, j, ")" if name == "(" else "]")
            if close < 0:
                self.warn_once(k, f"'\\{name}' opens math that does not close before a blank line")
                b.protect(t.start, t.end, "MATH")
                return t.end, k + 1
            b.protect(t.start, self.toks[close].end, "MATH" if name == "(" else "EQ")
            return self.toks[close].end, close + 1
        if name == "begin":
            return self.environment(k, j, b)
        if name == "end":
            self.warn_once(k, f"\\end{{{self.envs.get(k, ('?', 0))[0]}}} without a matching \\begin")
            b.close()
            after = self.envs.get(k, ("", k + 1))[1]
            return self.toks[after - 1].end, after
        rule = self.doc.ctx.macro(name)
        role = rule.role
        if role == C.VISIBLE:
            b.visible(t.start, t.end)
            return t.end, k + 1
        if name == "appendix":
            self.doc.appendix = True
        args = self.args(k, rule.spec, t.end, greedy=rule.greedy, j=j)
        if role == C.PROTECT:
            kind, reads_as = self.reading(k, rule, args)
            if not args.groups and self.text.startswith("{}", args.end):  # "\name{}" keeps the space after
                return self.command_with_empty_group(k, args, kind, b, reads_as)
            b.protect(t.start, args.end, kind, reads_as)
        elif role == C.TEXTARG:
            if len(args.groups) <= rule.prose:
                b.protect(t.start, args.end, "CMD")
                return args.end, args.next
            o, c = args.groups[rule.prose]
            b.protect(t.start, self.toks[o].end, "MARK")
            self.closers[c] = (args.end, args.next)
            return self.toks[o].end, o + 1
        elif role == C.NOTE:
            b.protect(t.start, args.end, "NOTE")
            if args.groups:
                inner = Builder(self.file, "footnote", b.deferred, self.doc.where())
                self.segment_group(args.groups[-1], inner)
        elif role == C.CAPTION:
            b.close()
            if args.groups:
                kind = "abstract" if rule.kind == "abstract" else "caption"
                self.segment_group(args.groups[-1], self.builder(kind))
        elif role == C.SECTION:
            b.close()
            self.heading(k, name, args)
            b.where = self.doc.where()
        elif role == C.BREAK:
            b.close()
        elif role == C.INPUT:
            b.close()
            if args.groups and self.doc.include is not None:
                o, c = args.groups[-1]
                self.doc.include(self.text[self.toks[o].end : self.toks[c].start].strip(), self, t.start)
                b.where = self.doc.where()
        elif role == C.TITLE:
            b.close()
            if args.groups:
                self.doc.title = _LAYOUT.sub(" ", self.group_text(args.groups[-1])).strip() or None
        elif role == C.SKIPBLOCK:
            return self.skip_if(k, j, b)
        return args.end, args.next

    def command_with_empty_group(
        self, k: int, args: Args, kind: str, b: Builder, reads_as: str | None
    ) -> tuple[int, int]:
        n = args.next
        while n < len(self.toks) and self.toks[n].start < args.end:
            n += 1
        if kind == "CMD" and self.doc.ctx.macro(self.toks[k].name).unknown:
            kind, reads_as = "TERM", self.toks[k].name  # "\ours{} are": written to be read as a word
        b.protect(self.toks[k].start, args.end + 2, kind, reads_as)
        return args.end + 2, n + 2

    def reading(self, k: int, rule: C.Rule, args: Args) -> tuple[str, str | None]:
        """The placeholder kind of a protected command, and what a word-like one reads as.

        Issue 10: ``\\showyourwork was designed`` must reach the model with its subject, so an unknown command
        without arguments that stands where a noun does becomes a TERM, not a layout command trimmed away.
        """
        name = self.toks[k].name
        if rule.kind == "TERM":
            if rule.reads_as is not None:
                return "TERM", rule.reads_as
            key = self.group_text(args.groups[-1]) if args.groups else name
            return "TERM", self.doc.ctx.terms.get(key, key)
        if rule.kind == "TERMS" and args.groups:
            key = self.group_text(args.groups[-1])
            return "TERMS", self.doc.ctx.terms.get(key, key)
        if rule.unknown and args.end == self.toks[k].end and _NOUN_FOLLOWS.match(self.text, args.end):
            return "TERM", name
        return rule.kind, None

    def segment_group(self, group: tuple[int, int], b: Builder) -> None:
        o, c = group
        self.prose(o + 1, c, b, self.toks[o].end, self.toks[c].start)
        b.close()

    def group_text(self, group: tuple[int, int]) -> str:
        o, c = group
        inner = self.text[self.toks[o].end : self.toks[c].start]
        return " ".join(_COMMENT.sub("", inner).split())

    def heading(self, k: int, name: str, args: Args) -> None:
        if not args.groups:
            return
        title = self.group_text(args.groups[-1])
        level = self.doc.ctx.section_levels.get(name, 9)
        for deeper in [lv for lv in self.doc.path if lv >= level]:
            del self.doc.path[deeper]
        self.doc.path[level] = title
        starred = self.text[self.toks[k].end : self.toks[k].end + 3].lstrip().startswith("*")
        line = self.file.position(self.toks[k].start)[0]
        self.doc.headings.append(
            Heading(title, name, self.file.name, line, level, starred, self.doc.appendix)
        )

    def skip_if(self, k: int, j: int, b: Builder) -> tuple[int, int]:
        """``\\iffalse … \\fi`` is the usual way to comment out a block: protect it whole."""
        depth = 0
        for n in range(k + 1, j):
            tok = self.toks[n]
            if tok.kind != T.CS:
                continue
            if tok.name.startswith("if"):
                depth += 1
            elif tok.name == "fi":
                if depth == 0:
                    b.protect(self.toks[k].start, tok.end, "COMMENT")
                    return tok.end, n + 1
                depth -= 1
        self.warn_once(k, "\\iffalse without \\fi")
        b.protect(self.toks[k].start, self.toks[k].end, "CMD")
        return self.toks[k].end, k + 1

    # -- environments ---------------------------------------------------------------------------------------
    def environment(self, k: int, j: int, b: Builder) -> tuple[int, int]:
        t = self.toks[k]
        if k not in self.envs:
            self.warn_once(k, "\\begin without an environment name")
            b.protect(t.start, t.end, "CMD")
            return t.end, k + 1
        name, after = self.envs[k]
        role, spec = self.doc.ctx.env(name)
        close = self.match[k]
        if close < 0 or close >= j:
            close = -1
            self.warn_once(k, f"\\begin{{{name}}} is never closed")
        body_start = self.toks[after - 1].end
        if role == C.MATH:
            if close < 0:
                stop = self.next_par(k, j)
                end = self.toks[stop].start if stop < j else self.toks[j - 1].end
                b.protect(t.start, max(end, body_start), "EQ")
                return max(end, body_start), stop
            end_after = self.envs[close][1]
            end = self.toks[end_after - 1].end
            b.protect(t.start, end, "EQ")
            return end, end_after
        b.close()
        if close < 0:
            if role in (C.SKIP, C.VERBATIM):
                stop = self.next_par(k, j)  # an unclosed float must not swallow the rest of the file
                self.skip(after, stop)
                return (self.toks[stop].start if stop < j else self.toks[j - 1].end), stop
            inner_end, end, end_after = j, (self.toks[j - 1].end if j else body_start), j
        else:
            inner_end = close
            end_after = self.envs[close][1]
            end = self.toks[end_after - 1].end
        args = self.args(after - 1, spec, body_start, j=inner_end)
        if role in (C.SKIP, C.VERBATIM):
            self.skip(args.next, inner_end)
            return end, end_after
        kind = {C.LIST: "item", C.ABSTRACT: "abstract"}.get(role, b.kind if b.kind != "text" else "text")
        inner = self.builder(kind)
        stop = self.toks[inner_end].start if inner_end < len(self.toks) else len(self.text)
        self.prose(args.next, inner_end, inner, max(args.end, body_start), stop)
        inner.close()
        b.where = self.doc.where()
        return end, end_after

    def skip(self, i: int, j: int) -> None:
        """A block without prose: only its captions are segments."""
        k = i
        while k < j:
            t = self.toks[k]
            if t.kind == T.CS:
                rule = self.doc.ctx.macro(t.name)
                if rule.role == C.CAPTION:
                    args = self.args(k, rule.spec, t.end, j=j)
                    if args.groups:
                        self.segment_group(args.groups[-1], self.builder("caption"))
                    k = max(args.next, k + 1)
                    continue
            k += 1

    # -- arguments ------------------------------------------------------------------------------------------
    def args(self, k: int, spec: str, pos: int, greedy: bool = False, j: int | None = None) -> Args:
        """Parse arguments after token ``k`` (ending at source ``pos``) by a pylatexenc-style spec."""
        return read_args(self.lexed, k, spec, pos, greedy=greedy, j=j, warn=self.warn_once)
