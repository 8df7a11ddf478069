"""Segmentation: a LaTeX document → paragraphs of prose with exact source spans and masked text.

This module owns the public values (Paragraph, Section, Segmentation) and wires the stages: lex each file
(tokens.py), read the paper's definitions (context.py), walk the body (walk.py), follow ``\\input``
(inputs.py), then number and mask the paragraphs in reading order.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from revise.document import SourceFile
from revise.latex import context as C
from revise.latex import inputs, sections
from revise.latex import tokens as T
from revise.latex.build import Builder, Draft
from revise.latex.definitions import register_definitions
from revise.latex.inputs import Loader, disk_loader
from revise.latex.mask import Masked, mask
from revise.latex.walk import DocState, FileWalk, Heading

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
    heading: int = -1
    """Index in ``Segmentation.sections`` of the innermost sectioning command above it (-1: none)."""

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
    number: str | None = None
    """LaTeX's number (``2.1``, ``A``); None for starred sections and parts."""
    depth: int = 9
    path: tuple[str, ...] = ()
    """The titles of the sections enclosing it, outermost first, and its own."""


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

    def __init__(self, root: SourceFile, loader: Loader, commands: Mapping[str, C.Rule]) -> None:
        self.root = root
        self.loader = loader
        self.ctx = C.default_context()
        self.ctx.user.update(commands)
        self.state = DocState(self.ctx, include=self.include)
        self.files: list[SourceFile] = [root]
        self.open: list[str] = []
        self.notices: list[str] = []
        self.before_document = False
        self.body_only = False

    def why_missing(self, name: str) -> str:
        explain = getattr(self.loader, "why_missing", None)
        return str(explain(name)) if explain is not None else f"\\input{{{name}}}: file not found"

    def lex(self, source: SourceFile) -> T.Lexed:
        register_definitions(self.ctx, source.text)
        return T.lex(source.text, self.ctx.verbatim_envs())

    def run(self) -> None:
        self.open.append(inputs.identity(self.root))
        lexed = self.lex(self.root)
        # A root with \documentclass whose \begin{document} lives in an \input file (thesis.tex → main.tex): what
        # comes before it is preamble, read for definitions only, never prose.
        names = {t.name for t in lexed.tokens if t.kind == T.CS}
        self.before_document = not self.body_only and "documentclass" in names and not _has_document(lexed)
        self.walk_file(self.root, lexed)

    def walk_file(self, source: SourceFile, lexed: T.Lexed) -> None:
        walker = FileWalk(self.state, source, lexed)
        toks = lexed.tokens
        begin = _document_begin(lexed)
        b = walker.builder("text")
        if begin < 0 and self.before_document:
            self.preamble(walker, len(toks))
        elif begin < 0:
            walker.prose(0, len(toks), b, 0, len(source.text))
        else:
            self.preamble(walker, begin)
            self.before_document = False
            walker.environment(begin, len(toks), b)
        b.close()

    def preamble(self, walker: FileWalk, stop: int) -> None:
        """Before ``\\begin{document}`` only the title and the definitions in ``\\input`` files matter."""
        sink = Builder(walker.file, "text", [])
        for k in range(stop):
            tok = walker.toks[k]
            if tok.kind != T.CS:
                continue
            rule = self.ctx.macro(tok.name)
            if rule.role == C.TITLE:
                walker.command(k, stop, sink)
            elif rule.role == C.INPUT:
                args = walker.args(k, rule.spec, tok.end, j=stop)
                if args.groups:
                    was = self.before_document
                    self.before_document = True
                    self.include(walker.group_text(args.groups[-1]), walker, tok.start)
                    self.before_document = was and self.before_document

    def include(self, name: str, parent: FileWalk, offset: int) -> None:
        if not name:
            return
        found = inputs.resolve(name, self.root, parent.file, self.loader)
        if found is None:
            parent.warn(offset, self.why_missing(name))
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


def _document_begin(lexed: T.Lexed) -> int:
    toks = lexed.tokens
    return next(
        (k for k, (name, _) in sorted(lexed.envs.items()) if name == "document" and toks[k].name == "begin"),
        -1,
    )


def _has_document(lexed: T.Lexed) -> bool:
    return _document_begin(lexed) >= 0


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
    root: SourceFile,
    loader: Loader | None = None,
    sections: Sequence[str] | None = None,
    commands: Mapping[str, C.Rule] | None = None,
    *,
    allow_outside: bool = False,
) -> Segmentation:
    """Split ``root`` (and the files it ``\\input``s) into paragraphs with masked text.

    With ``sections`` (resolved as ``select`` does), only the paragraphs under them are masked and returned;
    indices stay the document-wide ones. ``commands`` are the user's declarations (config ``[commands]``).
    """
    loader = loader or inputs.Confined(root, allow_outside=allow_outside)
    doc = _Document(root, loader, commands or {})
    doc.run()
    if doc.before_document:  # \documentclass, but no \begin{document} in any file: read it all as body
        doc = _Document(root, loader, commands or {})
        doc.body_only = True
        doc.run()
    state = doc.state
    heads = _sections(state.headings)
    wanted = _wanted(heads, sections) if sections else None
    paragraphs: list[Paragraph] = []
    abstract: list[str] = []
    drafts, overlaps = _once(state.drafts)
    for index, draft in enumerate(drafts):
        chosen = wanted is None or draft.heading in wanted
        if chosen or draft.kind == "abstract":
            paragraph = _paragraph(index, draft)
            if draft.kind == "abstract":
                abstract.append(paragraph.masked.text)
            if chosen:
                paragraphs.append(paragraph)
    return Segmentation(
        paragraphs=tuple(paragraphs),
        files=tuple(doc.files),
        sections=heads,
        warnings=tuple(doc.notices + state.warnings + overlaps),
        title=state.title,
        abstract="\n\n".join(abstract) or None,
    )


def _sections(headings: Sequence[Heading]) -> tuple[Section, ...]:
    numbers = sections.numbers([sections.Heading(h.title, h.depth, h.starred, h.appendix) for h in headings])
    paths = sections.paths([h.title for h in headings], [h.depth for h in headings])
    return tuple(
        Section(h.title, h.level, h.file, h.line, n, h.depth, p)
        for h, n, p in zip(headings, numbers, paths, strict=True)
    )


def _wanted(heads: Sequence[Section], names: Sequence[str]) -> set[int]:
    titles = [s.title for s in heads]
    numbers = [s.number for s in heads]
    paths = [s.path for s in heads]
    depths = [s.depth for s in heads]
    wanted: set[int] = set()
    for name in names:
        wanted.update(sections.subtree(depths, sections.resolve(name, titles, numbers, paths)))
    return wanted


def _once(drafts: Sequence[Draft]) -> tuple[list[Draft], list[str]]:
    """Each stretch of source in one paragraph at most: a walk confused by broken LaTeX (an environment left
    unclosed) can reach the same text twice, and two paragraphs over one span would be reviewed and edited
    twice. A repeated span, or one that crosses an earlier paragraph's end, is dropped with a warning; a
    segment nested whole inside another (a footnote) is kept."""
    kept: list[Draft] = []
    seen: set[tuple[str, int, int]] = set()
    reached: dict[str, int] = {}
    warnings: list[str] = []
    for draft in drafts:
        name = draft.file.name
        crosses = draft.start < reached.get(name, -1) < draft.end
        if (name, draft.start, draft.end) in seen or crosses:
            line, _ = draft.file.position(draft.start)
            warnings.append(f"{name}:{line}: text read twice (an unclosed environment?); reviewed once")
            continue
        seen.add((name, draft.start, draft.end))
        reached[name] = max(reached.get(name, -1), draft.end)
        kept.append(draft)
    return kept, warnings


def _paragraph(index: int, draft: Draft) -> Paragraph:
    text = draft.file.text[draft.start : draft.end]
    masked = mask(text, draft.start, draft.spans)
    return Paragraph(
        index,
        draft.file,
        draft.start,
        draft.end,
        masked,
        draft.section,
        draft.kind,
        draft.headings,
        draft.heading,
    )


def select(
    segmentation: Segmentation,
    names: Sequence[str],
    *,
    file: str | None = None,
    lines: tuple[int, int] | None = None,
) -> tuple[Paragraph, ...]:
    """The paragraphs to review: under the named sections, in one file, overlapping a line range.

    A name is a number path (``2.1``), a title path (``Methods/Data``), a title or a unique title prefix
    (case-insensitive); a section includes its subsections. ``lines`` counts in ``file`` (default: the root).
    """
    chosen = segmentation.paragraphs
    if names:
        wanted = _wanted(segmentation.sections, names)
        chosen = tuple(p for p in chosen if p.heading in wanted)
    target = None
    if file is not None:
        target = sections.match_file(file, [f.name for f in segmentation.files])
        chosen = tuple(p for p in chosen if p.file.name == target)
    if lines is not None:
        first, last = lines
        target = target or segmentation.files[0].name
        chosen = tuple(
            p
            for p in chosen
            if p.file.name == target and p.line <= last and p.file.position(p.end)[0] >= first
        )
    return chosen
