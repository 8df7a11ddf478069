"""Segmentation: a LaTeX document → paragraphs of prose with exact source spans and masked text.

This module owns the public values (Paragraph, Section, Segmentation) and wires the stages: lex each file
(tokens.py), read the paper's definitions (context.py), walk the body (walk.py), follow ``\\input``
(inputs.py), then number and mask the paragraphs in reading order.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from revise.document import SourceFile
from revise.errors import LatexError
from revise.latex import context as C
from revise.latex import inputs
from revise.latex import tokens as T
from revise.latex.build import Builder, Draft
from revise.latex.inputs import Loader, disk_loader
from revise.latex.mask import Masked, mask
from revise.latex.walk import DocState, FileWalk

__all__ = ["Loader", "Paragraph", "Section", "Segmentation", "disk_loader", "segment", "select"]

_MAX_DEPTH = 16


@dataclass(frozen=True)
class Paragraph:
    """A run of prose: ``text == file.text[start:end]``; ``masked`` is what a reviewer is shown."""

    index: int
    file: SourceFile
    start: int
    end: int
    masked: Masked
    section: str | None = None
    kind: str = "text"
    """text | abstract | item | footnote | caption"""
    headings: tuple[str, ...] = ()
    """Titles of every enclosing sectioning command, outermost first (chapter, section, subsection …)."""

    @property
    def text(self) -> str:
        return self.file.text[self.start : self.end]

    @property
    def line(self) -> int:
        return self.file.position(self.start)[0]


@dataclass(frozen=True)
class Section:
    """A sectioning command: its title as written (braces stripped) and where it starts."""

    title: str
    level: str
    file: str
    line: int


@dataclass(frozen=True)
class Segmentation:
    """Everything the segmenter learned about a document."""

    paragraphs: tuple[Paragraph, ...]
    files: tuple[SourceFile, ...]
    """The root first, then every file reached through ``\\input``/``\\include``, in reading order."""
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]
    title: str | None = None
    abstract: str | None = None

    def file(self, name: str) -> SourceFile:
        for f in self.files:
            if f.name == name:
                return f
        raise KeyError(name)


class _Document:
    """One segmentation run: the shared walk state, the files seen and the include guard."""

    def __init__(self, root: SourceFile, loader: Loader) -> None:
        self.root = root
        self.loader = loader
        self.ctx = C.default_context()
        self.state = DocState(self.ctx, include=self.include)
        self.files: list[SourceFile] = [root]
        self.open: list[str] = []
        self.notices: list[str] = []

    def lex(self, source: SourceFile) -> T.Lexed:
        C.register_definitions(self.ctx, source.text)
        return T.lex(source.text, self.ctx.verbatim_envs())

    def run(self) -> None:
        self.open.append(inputs.identity(self.root))
        self.walk_file(self.root, self.lex(self.root))

    def walk_file(self, source: SourceFile, lexed: T.Lexed) -> None:
        walker = FileWalk(self.state, source, lexed)
        toks = lexed.tokens
        begin = next(
            (
                k
                for k, (name, _) in sorted(lexed.envs.items())
                if name == "document" and toks[k].name == "begin"
            ),
            -1,
        )
        b = walker.builder("text")
        if begin < 0:
            walker.prose(0, len(toks), b, 0, len(source.text))
        else:
            self.preamble(walker, begin)
            walker.environment(begin, len(toks), b)
        b.close()

    def preamble(self, walker: FileWalk, begin: int) -> None:
        """Before ``\\begin{document}`` only the title and definitions in ``\\input`` files matter."""
        sink = Builder(walker.file, "text", [])
        for k in range(begin):
            tok = walker.toks[k]
            if tok.kind != T.CS:
                continue
            rule = self.ctx.macro(tok.name)
            if rule.role == C.TITLE:
                walker.command(k, begin, sink)
            elif rule.role == C.INPUT:
                args = walker.args(k, rule.spec, tok.end, j=begin)
                if args.groups:
                    name = walker.group_text(args.groups[-1])
                    found = inputs.resolve(name, self.root, walker.file, self.loader)
                    if found is None:
                        walker.warn(tok.start, f"\\input{{{name}}}: file not found")
                    else:
                        C.register_definitions(self.ctx, found[0].text)

    def include(self, name: str, parent: FileWalk, offset: int) -> None:
        if not name:
            return
        found = inputs.resolve(name, self.root, parent.file, self.loader)
        if found is None:
            parent.warn(offset, f"\\input{{{name}}}: file not found")
            return
        source, notices = found
        key = inputs.identity(source)
        if key in self.open:
            parent.warn(offset, f"\\input{{{name}}}: include cycle, not followed")
            return
        if len(self.open) >= _MAX_DEPTH:
            parent.warn(offset, f"\\input{{{name}}}: includes nested too deeply, not followed")
            return
        self.notices.extend(notices)
        if all(inputs.identity(f) != key for f in self.files):
            self.files.append(source)
        self.open.append(key)
        try:
            self.walk_file(source, self.lex(source))
        finally:
            self.open.pop()


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cyclic garbage collector off.

    Segmenting allocates millions of small objects that all stay alive until it returns, so every collection
    in between is wasted work: 28 % of segmenting a 10 MB document (5.8 s against 2.3 s, same peak memory;
    bench/bench_segment.py prints the share). Reference counting still frees everything as usual.
    """

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_collector_paused
def segment(
    root: SourceFile, loader: Loader = disk_loader, sections: Sequence[str] | None = None
) -> Segmentation:
    """Split ``root`` (and the files it ``\\input``s) into paragraphs with masked text.

    With ``sections``, only paragraphs under those section titles are masked and returned; indices stay the
    document-wide ones.
    """
    doc = _Document(root, loader)
    doc.run()
    state = doc.state
    wanted = {s.strip().lower() for s in sections} if sections else None
    paragraphs: list[Paragraph] = []
    for index, draft in enumerate(state.drafts):
        if wanted is not None and not wanted & {h.lower() for h in draft.headings}:
            continue
        paragraphs.append(_paragraph(index, draft))
    abstract = [p.masked.text for p in paragraphs if p.kind == "abstract"] if wanted is None else []
    heads = tuple(Section(h.title, h.level, h.file, h.line) for h in state.headings)
    return Segmentation(
        paragraphs=tuple(paragraphs),
        files=tuple(doc.files),
        sections=heads,
        warnings=tuple(doc.notices + state.warnings),
        title=state.title,
        abstract="\n\n".join(abstract) or None,
    )


def _paragraph(index: int, draft: Draft) -> Paragraph:
    text = draft.file.text[draft.start : draft.end]
    masked = mask(text, draft.start, draft.spans)
    return Paragraph(
        index, draft.file, draft.start, draft.end, masked, draft.section, draft.kind, draft.headings
    )


def select(segmentation: Segmentation, names: Sequence[str]) -> tuple[Paragraph, ...]:
    """The paragraphs under the named sectioning titles (case-insensitive; any level)."""
    if not names:
        return segmentation.paragraphs
    wanted = {n.strip().lower() for n in names}
    found = {s.title.strip().lower() for s in segmentation.sections}
    missing = [n.strip() for n in names if n.strip().lower() not in found]
    if missing:
        listing = ", ".join(s.title for s in segmentation.sections) or "none"
        raise LatexError(f"no section named {missing[0]!r}; sections found: {listing}")
    return tuple(
        p
        for p in segmentation.paragraphs
        if wanted & {h.strip().lower() for h in (p.headings or ((p.section,) if p.section else ()))}
    )
