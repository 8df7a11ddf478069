"""The ``revise`` command line: options → command.execute; every failure → one stderr line and an exit code."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from enum import Enum
from typing import Annotated

import typer

from revise import __version__
from revise.errors import ExitCode, Interrupted, ReviseError
from revise.signals import ignore_signals


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    gnu = "gnu"
    patch = "patch"
    latexdiff = "latexdiff"


class Level(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


class Engine(str, Enum):
    auto = "auto"
    llm = "llm"
    offline = "offline"


class Scope(str, Enum):
    section = "section"
    paragraph = "paragraph"


def _version(value: bool) -> None:
    if value:
        print(f"revise {__version__}")
        raise typer.Exit()


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command(
    help="Revise a LaTeX paper with a domain-expert reviewer; PATH may be - for stdin. "
    "`revise lsp` runs the language server on stdio instead."
)
def run(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The .tex file to revise, or - to read stdin.")],
    field: Annotated[
        str | None, typer.Option("--field", metavar="TEXT", help="The reviewer's domain of expertise.")
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            metavar="NAME",
            help="Only this section: a number (2.1), a Chapter/Section title path, a title or a unique prefix "
            "(repeatable; case-insensitive).",
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file", metavar="PATH", help="Only the paragraphs of this file of a multi-file paper."
        ),
    ] = None,
    lines: Annotated[
        str | None,
        typer.Option("--lines", metavar="A:B", help="Only the paragraphs overlapping lines A to B."),
    ] = None,
    versions: Annotated[
        int | None, typer.Option("--versions", metavar="N", help="Alternative versions per edit (default 3).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="auto: the LLM when configured, else offline.")
    ] = (Engine.auto),
    model: Annotated[
        str | None, typer.Option("--model", metavar="NAME", help="Model name (REVISE_MODEL).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="OpenAI-compatible endpoint (OPENAI_BASE_URL)."),
    ] = None,
    reply: Annotated[
        str | None,
        typer.Option(
            "--reply", metavar="FILE", help="Use a saved model reply or pasted chat answer (FILE or -)."
        ),
    ] = None,
    print_prompt: Annotated[
        bool, typer.Option("--print-prompt", help="Print the prompts that would be sent.")
    ] = (False),
    inspect: Annotated[
        bool, typer.Option("--inspect", help="Show the segmentation instead of revising.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="The report's format.")] = Format.terminal,
    apply: Annotated[bool, typer.Option("--apply", help="Accept every anchored, safe edit.")] = False,
    pick: Annotated[
        int, typer.Option("--pick", metavar="N", help="With --apply: take version N (from 1).")
    ] = 1,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Decide edit by edit.")] = False,
    output: Annotated[
        str | None, typer.Option("--output", metavar="PATH", help="Write the revised document here.")
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite the changed files atomically.")
    ] = False,
    allow_outside: Annotated[
        bool, typer.Option("--allow-outside", help="Follow \\input files outside the paper's folder.")
    ] = False,
    no_backup: Annotated[
        bool, typer.Option("--no-backup", help="With --in-place: keep no .bak copy.")
    ] = False,
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", metavar="NAME", help="The name to report for -.")
    ] = None,
    prompt: Annotated[
        str | None, typer.Option("--prompt", metavar="NAME|FILE", help="Prompt template: a name or a file.")
    ] = None,
    notes_language: Annotated[
        str | None,
        typer.Option("--notes-language", metavar="LANG", help="Language of the reviewer's explanations."),
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", metavar="N", help="Parallel requests.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the reply cache.")
    ] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", metavar="SECONDS", help="Seconds per request.")
    ] = None,
    deadline: Annotated[
        float | None,
        typer.Option(
            "--deadline", metavar="SECONDS", help="Seconds for all requests together (default 900)."
        ),
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect", metavar="NAME", help="Offline engine: american, british, australian, canadian."
        ),
    ] = None,
    scope: Annotated[
        Scope | None,
        typer.Option("--scope", help="LLM: one request per section (or window of it), or per paragraph."),
    ] = None,
    max_prompt_tokens: Annotated[
        int | None,
        typer.Option("--max-prompt-tokens", metavar="N", help="LLM: estimated tokens per request (6000)."),
    ] = None,
    chunk_chars: Annotated[
        int | None,
        typer.Option("--chunk-chars", metavar="N", help="--print-prompt: characters per message (12000)."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the requests, tokens and cost a run would take; send nothing."),
    ] = False,
    batch: Annotated[
        bool, typer.Option("--batch", help="Submit the job through the OpenAI Batch API (or collect it).")
    ] = False,
    batch_results: Annotated[
        str | None,
        typer.Option("--batch-results", metavar="ID", help="Collect a finished batch and continue the run."),
    ] = None,
    min_confidence: Annotated[
        Level,
        typer.Option(
            "--min-confidence",
            help="--apply, patch and accept-all take edits this sure or surer (default high).",
        ),
    ] = Level.high,
    enable: Annotated[
        list[str] | None,
        typer.Option("--enable", metavar="RULE|CATEGORY", help="Offline engine: turn a rule or category on."),
    ] = None,
    disable: Annotated[
        list[str] | None,
        typer.Option(
            "--disable", metavar="RULE|CATEGORY", help="Offline engine: turn a rule or category off."
        ),
    ] = None,
    skipped: Annotated[
        bool, typer.Option("--skipped", help="List the edits remembered as skipped for PATH (from -i).")
    ] = False,
    forget: Annotated[
        bool, typer.Option("--forget", help="Forget the edits remembered as skipped for PATH.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notices on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Notices even as an editor filter.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    # Imported here, not at the top: --help and --version need none of the pipeline (issue 16).
    from revise.command import execute
    from revise.options import Options, Streams

    opts = Options(
        path=path,
        field=field,
        sections=tuple(section or ()),
        file=file,
        lines=lines,
        versions=versions,
        engine=engine.value,
        model=model,
        base_url=base_url,
        reply=reply,
        print_prompt=print_prompt,
        inspect=inspect,
        fmt=fmt.value,
        apply=apply,
        pick=pick,
        interactive=interactive,
        output=output,
        in_place=in_place,
        backup=not no_backup,
        allow_outside=allow_outside,
        stdin_filename=stdin_filename,
        quiet=quiet,
        verbose=verbose,
        prompt=prompt,
        notes_language=notes_language,
        concurrency=concurrency,
        cache=not no_cache,
        timeout=timeout,
        deadline=deadline,
        dialect=dialect,
        scope=scope.value if scope is not None else None,
        max_prompt_tokens=max_prompt_tokens,
        chunk_chars=chunk_chars,
        dry_run=dry_run,
        batch=batch,
        batch_results=batch_results,
        min_confidence=min_confidence.value,
        enable=tuple(enable or ()),
        disable=tuple(disable or ()),
        skipped=skipped,
        forget=forget,
    )
    try:
        code = execute(opts, Streams.system())
    except (KeyboardInterrupt, Interrupted) as stop:
        # Handled here, before click turns Ctrl-C into Abort with a blank line of its own.
        _ignore_signals()
        if not opts.is_filter or verbose:
            _say("revise: interrupted")
        code = stop.exit_code if isinstance(stop, Interrupted) else 130
    raise typer.Exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console entry point; never lets a traceback reach the user unless --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    _catch_signals()
    code = _main(args)
    _leave(code)


def _catch_signals() -> None:
    """TERM and HUP unwind like Ctrl-C (temp files removed, a filter's buffer given back) instead of killing."""

    def stop(signum: int, _frame: object) -> None:
        _ignore_signals()
        raise Interrupted(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _ignore_signals() -> None:
    """A second Ctrl-C (or TERM) while stopping must not print a traceback from the middle of the unwinding."""
    ignore_signals()


def _leave(code: int) -> None:
    """Exit now: flush what is written, and do not wait for workers still blocked on a silent endpoint."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        # The reader went away: point stdout at /dev/null so the interpreter's own flush stays quiet.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        os._exit(code)
    sys.exit(code)


def _main(args: list[str]) -> int:
    if args[:1] == ["lsp"]:
        return _lsp(args[1:])
    command = typer.main.get_command(app)
    debug = "--debug" in args
    if sys.stdout is None or (sys.stdin is None and "-" in args):
        # Started with a closed stdout or stdin (`>&-`): there is nowhere to put a document or a report.
        if not _looks_like_filter(args) or "--verbose" in args:
            _say(f"revise: standard {'output' if sys.stdout is None else 'input'} is closed")
        return int(ExitCode.FAILURE)
    try:
        result = command.main(args, prog_name="revise", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except ReviseError as err:
        if debug:
            raise
        _say(f"revise: {err}")
        return int(err.exit_code)
    except (KeyboardInterrupt, Interrupted) as stop:
        _ignore_signals()
        _say("revise: interrupted")
        return stop.exit_code if isinstance(stop, Interrupted) else 130
    except typer.TyperException as err:  # the parser's usage errors
        return _usage_error(args, err)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); quietly stop, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as err:
        if debug:
            raise
        if _looks_like_filter(args) and "--verbose" not in args:
            return int(ExitCode.FAILURE)
        _say(f"revise: internal error: {err!r} (rerun with --debug for the traceback)")
        return int(ExitCode.FAILURE)
    return int(result or 0)


def _lsp(args: list[str]) -> int:
    """``revise lsp``: the language server on stdio (editors may pass ``--stdio``). A file named ``lsp`` is
    ``./lsp``."""
    unknown = [a for a in args if a != "--stdio"]
    if unknown:
        _say(f"revise lsp: unknown option {unknown[0]!r} (it takes only --stdio)")
        return int(ExitCode.USAGE)
    from revise.lsp import main as serve

    return serve()


def _usage_error(args: list[str], err: Exception) -> int:
    """A parse error; as an editor filter, the buffer must still come back whole and stderr stay quiet."""
    code = int(getattr(err, "exit_code", ExitCode.USAGE))
    if _looks_like_filter(args):
        sys.stdout.buffer.write(sys.stdin.buffer.read())
        sys.stdout.flush()
        if "--verbose" in args:
            _say(f"revise: {_message(err)}")
        return code
    _say(f"revise: {_message(err)} (see revise --help)")
    return code


def _looks_like_filter(args: list[str]) -> bool:
    writes = any(a in ("--apply", "--interactive", "-i") for a in args)
    redirected = any(a.startswith(("--output", "--in-place")) for a in args)
    return "-" in args and writes and not redirected


def _message(err: Exception) -> str:
    formatter = getattr(err, "format_message", None)
    text = formatter() if callable(formatter) else str(err)
    return " ".join(str(text).split())


def _say(line: str) -> None:
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
