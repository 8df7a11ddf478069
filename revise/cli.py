"""The ``revise`` command line: options → command.execute; every failure → one stderr line and an exit code."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from revise import __version__
from revise.errors import ExitCode, ReviseError


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    gnu = "gnu"
    patch = "patch"
    latexdiff = "latexdiff"


class Engine(str, Enum):
    auto = "auto"
    llm = "llm"
    offline = "offline"


def _version(value: bool) -> None:
    if value:
        print(f"revise {__version__}")
        raise typer.Exit()


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command(help="Revise a LaTeX paper with a domain-expert reviewer; PATH may be - for stdin.")
def run(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The .tex file to revise, or - to read stdin.")],
    field: Annotated[
        str | None, typer.Option("--field", metavar="TEXT", help="The reviewer's domain of expertise.")
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option("--section", metavar="NAME", help="Only this \\section (repeatable; case-insensitive)."),
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
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect", metavar="NAME", help="Offline engine: american, british, australian, canadian."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notices on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Notices even as an editor filter.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    # Imported here, not at the top: --help and --version need none of the pipeline (issue 16).
    from revise.command import Options, Streams, execute

    opts = Options(
        path=path,
        field=field,
        sections=tuple(section or ()),
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
        stdin_filename=stdin_filename,
        quiet=quiet,
        verbose=verbose,
        prompt=prompt,
        notes_language=notes_language,
        concurrency=concurrency,
        cache=not no_cache,
        timeout=timeout,
        dialect=dialect,
    )
    raise typer.Exit(execute(opts, Streams.system()))


def main(argv: list[str] | None = None) -> None:
    """Console entry point; never lets a traceback reach the user unless --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    code = _main(args)
    sys.exit(code)


def _main(args: list[str]) -> int:
    command = typer.main.get_command(app)
    debug = "--debug" in args
    try:
        result = command.main(args, prog_name="revise", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except ReviseError as err:
        if debug:
            raise
        _say(f"revise: {err}")
        return int(err.exit_code)
    except KeyboardInterrupt:
        _say("revise: interrupted")
        return 130
    except typer.TyperException as err:  # the parser's usage errors
        return _usage_error(args, err)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); quietly stop, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as err:
        if debug:
            raise
        _say(f"revise: internal error: {err!r} (rerun with --debug for the traceback)")
        return int(ExitCode.FAILURE)
    return int(result or 0)


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
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
