"""What one run of ``revise`` was asked to do: the parsed options, the three streams, and the option
combinations the contract calls usage errors."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from revise.errors import UsageError


@dataclass(frozen=True)
class Options:
    """Everything the command line said, already parsed."""

    path: str
    field: str | None = None
    sections: tuple[str, ...] = ()
    file: str | None = None
    lines: str | None = None
    versions: int | None = None
    engine: str = "auto"
    model: str | None = None
    base_url: str | None = None
    reply: str | None = None
    print_prompt: bool = False
    inspect: bool = False
    fmt: str = "terminal"
    apply: bool = False
    pick: int = 1
    interactive: bool = False
    output: str | None = None
    in_place: bool = False
    backup: bool = True
    stdin_filename: str | None = None
    quiet: bool = False
    verbose: bool = False
    prompt: str | None = None
    notes_language: str | None = None
    concurrency: int | None = None
    cache: bool = True
    timeout: float | None = None
    deadline: float | None = None
    allow_outside: bool = False
    dialect: str | None = None
    scope: str | None = None
    max_prompt_tokens: int | None = None
    chunk_chars: int | None = None
    dry_run: bool = False
    batch: bool = False
    batch_results: str | None = None
    min_confidence: str = "high"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    skipped: bool = False
    """List the edits remembered as skipped for PATH, instead of revising."""
    forget: bool = False
    """Clear the edits remembered as skipped for PATH, instead of revising."""

    @property
    def writes_document(self) -> bool:
        return self.apply or self.interactive

    @property
    def is_filter(self) -> bool:
        """Document from stdin and revised document to stdout: the editor-filter case."""
        return self.path == "-" and self.writes_document and not (self.output or self.in_place)

    @property
    def display_name(self) -> str:
        return (self.stdin_filename or "-") if self.path == "-" else self.path


@dataclass(frozen=True)
class Streams:
    stdin: BinaryIO
    stdout: BinaryIO
    stderr: TextIO

    @classmethod
    def system(cls) -> Streams:
        # A closed stdin (`<&-`) reads as empty: only a document or reply read from `-` needs it.
        stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
        return cls(stdin, sys.stdout.buffer, sys.stderr)


def validate(opts: Options) -> None:
    """Reject option combinations the contract calls usage errors."""
    if opts.reply == "-" and opts.path == "-":
        raise UsageError("--reply - reads the reply from stdin, so the document cannot come from stdin too")
    if (opts.output or opts.in_place) and not opts.writes_document:
        raise UsageError("--output and --in-place only go with --apply or --interactive")
    if opts.output and opts.in_place:
        raise UsageError("--output and --in-place cannot go together")
    if opts.in_place and opts.path == "-":
        raise UsageError("--in-place needs a file, not stdin")
    if opts.pick < 1:
        raise UsageError("--pick counts versions from 1")
    if opts.versions is not None and opts.versions < 1:
        raise UsageError("--versions must be at least 1")
    if opts.apply and opts.interactive:
        raise UsageError("--apply and --interactive cannot go together")
    if opts.scope is not None and opts.scope not in ("section", "paragraph"):
        raise UsageError("--scope is section or paragraph")
    for name, value in (("--max-prompt-tokens", opts.max_prompt_tokens), ("--chunk-chars", opts.chunk_chars)):
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1")
    if (opts.dry_run or opts.batch or opts.batch_results) and opts.reply is not None:
        raise UsageError("--dry-run, --batch and --batch-results ask a model; --reply uses a saved answer")
    if opts.batch and opts.batch_results:
        raise UsageError("--batch submits a job and --batch-results collects one; give one of them")
    if opts.lines is not None:
        from revise.latex.sections import parse_lines

        parse_lines(opts.lines)
