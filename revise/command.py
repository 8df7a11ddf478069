"""One run of the ``revise`` command: where input comes from and where each artefact goes.

The contract fixes the streams: stdout carries exactly one artefact (the report, or the revised document),
notices go to stderr, and a document that came on stdin and goes back to stdout is never lost (filter safety).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from revise import document, pipeline
from revise.edits import Confidence
from revise.errors import ExitCode, InputError, Interrupted, ReviseError, UsageError
from revise.options import Options, Streams, validate
from revise.signals import ignore_signals

if TYPE_CHECKING:
    from revise.apply import Written
    from revise.config import Settings
    from revise.decisions import Decisions
    from revise.engines.base import Reviewer


def execute(opts: Options, streams: Streams) -> int:
    """Run the command; returns the exit code. Expected failures raise ReviseError (the CLI prints them)."""
    if opts.is_filter:
        return _as_filter(opts, streams)
    validate(opts)
    if opts.skipped or opts.forget:
        return _skips(opts, streams)
    notices = _Notices(streams.stderr, quiet=opts.quiet)
    return _run(opts, streams, notices, _read_input(opts, streams, notices))


def _as_filter(opts: Options, streams: Streams) -> int:
    """Filter safety: whatever happens, stdout gets a whole document, and stderr stays silent unless --verbose."""
    raw = streams.stdin.read()
    notices = _Notices(streams.stderr, quiet=not opts.verbose)
    try:
        # Validation runs inside: an editor would otherwise replace the buffer with a usage error.
        validate(opts)
        source, decode_notices = document.decode(raw, opts.display_name)
        notices.extend(decode_notices)
        return _run(opts, streams, notices, source, raw)
    except BaseException as err:  # the buffer must survive any failure, even a bug or a signal
        if isinstance(err, (KeyboardInterrupt, Interrupted)):
            ignore_signals()  # a second Ctrl-C must not cut the buffer short while it is written back
        with contextlib.suppress(OSError, ValueError):  # a reader that went away cannot get it back
            streams.stdout.write(raw)
            streams.stdout.flush()
        if opts.verbose:
            notices.say(_describe(err))
        if isinstance(err, Interrupted):
            return err.exit_code
        if isinstance(err, KeyboardInterrupt):
            return 130
        return int(err.exit_code) if isinstance(err, ReviseError) else int(ExitCode.FAILURE)


def _describe(err: BaseException) -> str:
    if isinstance(err, ReviseError):
        return f"revise: {err}"
    if isinstance(err, (KeyboardInterrupt, Interrupted)):
        return "revise: interrupted; the input was given back unchanged"
    return f"revise: internal error: {err!r}"


class _Notices:
    def __init__(self, stream: TextIO, *, quiet: bool) -> None:
        self.stream = stream
        self.quiet = quiet

    def say(self, line: str) -> None:
        if not self.quiet:
            from revise.render.visible import visible

            # Notices carry text from servers and models (error bodies, refusals): never obeyed by the terminal.
            print(visible(line), file=self.stream, flush=True)

    def extend(self, lines: object) -> None:
        for line in lines:  # type: ignore[attr-defined]
            self.say(str(line))


def _read_input(opts: Options, streams: Streams, notices: _Notices) -> document.SourceFile:
    if opts.path == "-":
        source, found = document.decode(streams.stdin.read(), opts.display_name)
    else:
        source, found = document.read(Path(opts.path))
    notices.extend(found)
    return source


def _run(
    opts: Options,
    streams: Streams,
    notices: _Notices,
    source: document.SourceFile,
    raw: bytes | None = None,
) -> int:
    from revise.config import Settings
    from revise.latex.sections import parse_lines

    # Settings first: the config's [commands] table says how the paper's macros read.
    settings = Settings.load(None if opts.path == "-" else Path(opts.path), _overrides(opts))
    segmentation, paragraphs = pipeline.load(
        source,
        opts.sections,
        file=opts.file,
        lines=parse_lines(opts.lines) if opts.lines is not None else None,
        commands=settings.commands,
        allow_outside=opts.allow_outside,
    )
    notices.extend(segmentation.warnings)

    if opts.inspect:
        from revise.render.inspect import render_inspect

        _emit(streams.stdout, render_inspect(segmentation, paragraphs, opts.fmt))
        return ExitCode.OK
    context = pipeline.context_for(
        segmentation,
        field=settings.field or "",
        versions=settings.versions or 3,
        notes_language=settings.notes_language,
        prompt=settings.prompt,
        meanwhile=lambda: _prepare_later_stages(opts),
    )
    if opts.print_prompt:
        from revise.chat_prompts import render_prompts

        printed = render_prompts(paragraphs, context, settings)
        notices.extend(printed.warnings)
        _emit(streams.stdout, printed.text)
        return ExitCode.OK
    if opts.dry_run:
        from revise.engines.preview import preview

        _emit(streams.stdout, preview(paragraphs, context, settings, opts.engine, batch=opts.batch))
        return ExitCode.OK

    if opts.batch or opts.batch_results:
        from revise.engines.batch import run_batch

        outcome = run_batch(paragraphs, context, settings, batch_id=opts.batch_results, say=notices.say)
        if outcome.reviewer is None:
            if opts.is_filter and raw is not None:  # the editor's buffer comes back whole, not as a batch id
                streams.stdout.write(raw)
                notices.say(f"revise: batch {(outcome.printed or '').strip()}")
            else:
                _emit(streams.stdout, outcome.printed or "")
            return ExitCode.OK
        reviewer: Reviewer = outcome.reviewer
    else:
        reviewer = _reviewer(opts, settings, streams, notices, quiet=opts.quiet or opts.is_filter)
    revision = pipeline.revise(segmentation, paragraphs, reviewer, context, file=opts.display_name)
    revision = replace(revision, min_confidence=Confidence(opts.min_confidence))
    try:
        return _conclude(opts, streams, notices, settings, revision, raw)
    finally:
        _afterwards(revision, opts, streams, notices)


def _afterwards(revision: pipeline.Revision, opts: Options, streams: Streams, notices: _Notices) -> None:
    """The review's work for once the answer is out (engines/base.py Review.later); it only ever saves time
    later, so it never fails the run."""
    if not revision.later:
        return
    with contextlib.suppress(OSError, ValueError):
        streams.stdout.flush()
    for later in revision.later:
        try:
            said = later()
        except Exception as err:  # a shortcut for the next run must never cost this one
            said = f"revise: {err!r}"
        if said and opts.verbose:
            notices.say(said)


def _conclude(
    opts: Options,
    streams: Streams,
    notices: _Notices,
    settings: Settings,
    revision: pipeline.Revision,
    raw: bytes | None,
) -> int:
    """Report, or decide and write, a finished revision."""
    notices.extend(revision.notices)
    if opts.verbose:
        notices.extend(revision.details)
    for failure in revision.failures:
        notices.say(f"revise: paragraph {failure.paragraph}: {failure.message}")
    usage = revision.usage
    if usage.requests or usage.cached:
        from revise.config import estimate_cost

        notices.say(f"revise: {usage.describe(estimate_cost(usage, settings.price(revision.model)))}")

    if not opts.writes_document:
        _emit(streams.stdout, _report(revision, opts, streams.stdout))
        return ExitCode.OK

    choices: Mapping[int, int] | None = None
    if opts.interactive:
        decided = _decide(revision)
        if decided is None:  # the session itself said "Quit: nothing written." on the terminal
            if opts.is_filter and raw is not None:
                streams.stdout.write(raw)
            return ExitCode.OK
        # Versions typed in $EDITOR live in the decided edits; choices index those.
        revision = replace(revision, edits=decided.edits)
        choices = decided.choices
    new_texts = pipeline.apply(revision, pick=opts.pick, choices=choices)
    return _deliver(opts, streams, notices, revision, new_texts, choices)


def _overrides(opts: Options) -> dict[str, object]:
    values: dict[str, object] = {
        "field": opts.field,
        "versions": opts.versions,
        "prompt": opts.prompt,
        "model": opts.model,
        "base_url": opts.base_url,
        "concurrency": opts.concurrency,
        "timeout": opts.timeout,
        "deadline": opts.deadline,
        "dialect": opts.dialect,
        "notes_language": opts.notes_language,
        "cache": None if opts.cache else False,
        "scope": opts.scope,
        "max_prompt_tokens": opts.max_prompt_tokens,
        "chunk_chars": opts.chunk_chars,
    }
    settings_lists = {"enable": opts.enable, "disable": opts.disable}
    values.update({k: v for k, v in settings_lists.items() if v})
    return {k: v for k, v in values.items() if v is not None}


def _reviewer(
    opts: Options, settings: Settings, streams: Streams, notices: _Notices, *, quiet: bool
) -> Reviewer:
    if opts.reply is not None:
        from revise.engines.saved import SavedReply

        return SavedReply(_read_reply(opts.reply, streams))
    from revise.engines.choose import choose_reviewer

    reviewer, found = choose_reviewer(settings, opts.engine, progress=not quiet)
    notices.extend(found)
    return reviewer


def _read_reply(name: str, streams: Streams) -> str:
    if name == "-":
        data = streams.stdin.read()
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as err:
            raise InputError(f"{name}: cannot read reply ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _prepare_later_stages(opts: Options) -> None:
    """Import anchoring, the guard and this run's renderer (rich, for the terminal): ~0.1 s an offline run
    would otherwise spend after Harper's dictionary is built instead of while it is being built."""
    from importlib import import_module

    from revise.render import FORMATS

    pipeline.prepare_finish()
    if opts.fmt in FORMATS:
        prepare = getattr(import_module(FORMATS[opts.fmt]), "prepare", None)
        if prepare is not None:
            prepare()


def _report(revision: pipeline.Revision, opts: Options, stream: object) -> str | bytes:
    from revise.render import render

    color = None if _isatty(stream) else False
    return render(revision, opts.fmt, pick=opts.pick, color=color)


def _deliver(
    opts: Options,
    streams: Streams,
    notices: _Notices,
    revision: pipeline.Revision,
    new_texts: Mapping[str, str],
    choices: Mapping[int, int] | None,
) -> int:
    root = revision.segmentation.files[0]
    if opts.in_place or _writes_reviewed_file(opts, streams):
        from revise.apply import write_files

        written = write_files(revision.segmentation.files, new_texts, backup=opts.backup)
        if opts.in_place and not opts.quiet:
            _emit(streams.stdout, _report(revision, opts, streams.stdout))
        notices.say(_wrote(written))
        return ExitCode.OK
    others = sorted(name for name in new_texts if name != root.name)
    if others:
        raise UsageError(f"edits in {', '.join(others)} cannot go to one output; use --in-place")
    revised = root.encode(new_texts.get(root.name, root.text))
    if opts.output:
        _write_output(Path(opts.output), revised)
        if not opts.quiet:
            _emit(streams.stdout, _report(revision, opts, streams.stdout))
        return ExitCode.OK
    streams.stdout.write(revised)
    streams.stdout.flush()
    if not (opts.is_filter and not opts.verbose) and not opts.quiet:
        report = _report(replace(revision), replace(opts, fmt="terminal"), streams.stderr)
        streams.stderr.write(report if isinstance(report, str) else report.decode())
    return ExitCode.OK


def _writes_reviewed_file(opts: Options, streams: Streams) -> bool:
    """``-i`` on a file, with stdout a terminal: ``w`` writes the file back (as ``--in-place``), because
    printing the whole document to the author's terminal is never what they meant. With stdout redirected
    the revised document still goes there, as the contract says."""
    return opts.interactive and opts.path != "-" and not opts.output and _isatty(streams.stdout)


def _wrote(written: Sequence[Written]) -> str:
    if not written:
        return "revise: nothing to change"
    names = ", ".join(str(w.path) for w in written)
    backups = [w.backup.name for w in written if w.backup is not None]
    kept = f" (the old text is in {', '.join(backups)})" if backups else ""
    return f"revise: wrote {names}{kept}"


def _skips(opts: Options, streams: Streams) -> int:
    """``--skipped`` lists and ``--forget`` clears the edits remembered as skipped for the paper at PATH."""
    from revise.decisions import forget, paper_name, skipped

    paper = paper_name(None if opts.path == "-" else Path(opts.path), opts.display_name)
    if opts.forget:
        count = forget(paper)
        _emit(streams.stdout, f"revise: forgot {count} skipped edit(s) of {opts.display_name}\n")
        return ExitCode.OK
    found = skipped(paper)
    lines = [f"{len(found)} skipped edit(s) remembered for {opts.display_name}"]
    for s in found:
        where = s.context if len(s.context) <= 70 else s.context[:69] + "…"
        lines.append(f"  {s.original!r} → {s.version!r}" + (f"  in “{where}”" if where else ""))
    _emit(streams.stdout, "\n".join(lines) + "\n")
    return ExitCode.OK


def _write_output(path: Path, data: bytes) -> None:
    """--output: a file name (a symlink is written through); a folder or a read-only file is one line."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; --output needs a file name")
    target = Path(os.path.realpath(path))
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
        raise InputError(f"{path}: is read-only; nothing written")
    try:
        document.atomic_write(target, data)
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None


def _decide(revision: pipeline.Revision) -> Decisions | None:
    """Ask the author edit by edit on the terminal (not stdin, which may hold the document)."""
    from revise.interactive import review_on_terminal

    return review_on_terminal(revision)


def _emit(stream: BinaryIO, artefact: str | bytes) -> None:
    stream.write(artefact.encode("utf-8") if isinstance(artefact, str) else artefact)
    stream.flush()


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
