"""The error hierarchy: every expected failure is a ReviseError with a message written for users.

cli.py catches them once, at the edge, and turns each into one stderr line and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The contract's exit codes."""

    OK = 0
    FAILURE = 1
    USAGE = 2


class ReviseError(Exception):
    """An expected failure; ``str(err)`` is the whole one-line message."""

    exit_code = ExitCode.FAILURE


class InputError(ReviseError):
    """The document cannot be read, decoded or written."""


class LatexError(ReviseError):
    """The LaTeX cannot be segmented as asked (e.g. an unknown section)."""


class EngineError(ReviseError):
    """The reviewer (model endpoint or offline engine) failed as a whole."""


class ReplyError(ReviseError):
    """A saved or pasted reply cannot be used."""


class ConfigError(ReviseError):
    """A configuration file or option is wrong."""


class UsageError(ReviseError):
    """Options that cannot go together."""

    exit_code = ExitCode.USAGE


class Interrupted(BaseException):
    """A terminating signal (TERM, HUP) arrived: unwind like Ctrl-C so temp files go and a filter's buffer
    comes back; the exit code is 128 + the signal number, as shells report it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum
