"""HTTP details of the LLM engine: what openai errors say (message, cause, Retry-After); the progress bar."""

from __future__ import annotations

import time
from typing import Any

from revise.engines.endpoint import redact


def names_response_format(err: Any) -> bool:
    text = f"{error_message(err)} {getattr(err, 'param', '') or ''} {getattr(err, 'body', '')}".lower()
    return any(word in text for word in ("response_format", "json_schema", "json_object", "structured"))


def error_message(err: Any, secret: str | None = None) -> str:
    """The server's error message on one line, the key redacted *before* it is cut to length (a key cut
    in half would no longer be found)."""
    body = getattr(err, "body", None)
    text = str(getattr(err, "message", err))
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            text = inner["message"]
        elif isinstance(inner, str):
            text = inner
    return " ".join(redact(text, secret).split())[:300]


def cause(err: BaseException, secret: str | None = None) -> str:
    cause = err.__cause__ or err.__context__
    text = redact(str(cause), secret) if cause is not None else ""
    return " ".join(text.split())[:200] or type(cause or err).__name__


def retry_after(err: Any) -> float | None:
    """The server's Retry-After (``retry-after-ms`` or ``retry-after`` seconds or HTTP date), if any."""
    headers = getattr(getattr(err, "response", None), "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        import email.utils

        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, when.timestamp() - time.time()) if when is not None else None


class Progress:
    """A rich progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        import sys

        self._bar: Any = None
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("reviewing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("review", total=total)
        self._bar.start()

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
