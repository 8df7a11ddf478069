"""Engine choice: ``--engine auto|llm|offline`` → a Reviewer, and one notice line saying what was chosen.

``auto`` takes the LLM when an endpoint is configured (an API key, ``--base-url``, ``OPENAI_BASE_URL`` or the
config file), else the offline engine. Choosing offline, it asks a local Ollama server (``OLLAMA_HOST`` or
127.0.0.1:11434, 0.3 s) whether it is there, so the notice can name the ``--base-url`` that would use it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from revise.engines.endpoint import endpoint_host
from revise.errors import ConfigError, EngineError

if TYPE_CHECKING:
    from revise.cache import Cache
    from revise.config import Settings
    from revise.engines.base import Reviewer

ENGINES = ("auto", "llm", "offline")
OLLAMA_DEFAULT = "127.0.0.1:11434"
PROBE_TIMEOUT = 0.3


@dataclass(frozen=True)
class Ollama:
    """A local Ollama server that answered: its OpenAI-compatible base URL and the models it has."""

    base_url: str
    models: tuple[str, ...]

    def hint(self) -> str:
        model = self.models[0] if self.models else "NAME"
        return f"--base-url {self.base_url} --model {model}"


def choose_reviewer(
    settings: Settings,
    engine: str,
    *,
    progress: bool = False,
    notify: Callable[[str], None] | None = None,
    cache: Cache | None = None,
) -> tuple[Reviewer, list[str]]:
    """The reviewer for ``engine`` and the notices to print (one line for ``auto``)."""
    name = str(getattr(engine, "value", engine)).lower()
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (choose auto, llm or offline)")
    if name == "offline":
        return _offline(settings), []
    if name == "llm" or settings.endpoint_configured:
        if not settings.endpoint_configured:
            ollama = probe_ollama()
            hint = f", or use the local Ollama server: {ollama.hint()}" if ollama else ""
            raise ConfigError(f"no model endpoint: set {settings.api_key_env} or pass --base-url URL{hint}")
        reviewer = _llm(settings, progress=progress, notify=notify, cache=cache)
        notices = []
        if name == "auto":
            where = endpoint_host(settings.base_url)
            model = reviewer.model or "the server's model"
            notices.append(
                f"revise: reviewing with {model} at {where} (--engine offline for the offline checker)"
            )
        return reviewer, notices
    ollama = probe_ollama()
    if ollama is not None:
        how = f"a local Ollama server answers: add {ollama.hint()} for the expert LLM reviewer"
    else:
        how = f"set {settings.api_key_env} or pass --base-url URL (e.g. Ollama) for the LLM reviewer"
    return _offline(settings), [f"revise: no model endpoint configured, using the offline checker; {how}"]


def _llm(
    settings: Settings, *, progress: bool, notify: Callable[[str], None] | None, cache: Cache | None
) -> Reviewer:
    from revise.cache import Cache
    from revise.engines.llm import LLMReviewer

    if cache is None and settings.cache:
        cache = Cache()
    if notify is None and progress:
        # The "sending N paragraphs to HOST" line must come before the requests, not with the results.
        notify = _to_stderr
    return LLMReviewer(settings, cache, progress, notify=notify)


def _to_stderr(line: str) -> None:
    import sys

    print(line, file=sys.stderr, flush=True)


def _offline(settings: Settings) -> Reviewer:
    try:
        from revise.engines.offline import open_reviewer
    except ImportError as err:
        raise EngineError(f"the offline engine is not available ({err})") from None
    # The lint cache shares the reply cache's file and its --no-cache switch.
    return open_reviewer(settings, worker=True)  # a fresh process each run: the warm worker saves a build


def ollama_address() -> tuple[str, int]:
    """Where a local Ollama server would listen (``OLLAMA_HOST`` honoured; 0.0.0.0 means this machine)."""
    raw = os.environ.get("OLLAMA_HOST", "").strip() or OLLAMA_DEFAULT
    parts = urlsplit(raw if "://" in raw else f"http://{raw}")
    host = parts.hostname or "127.0.0.1"
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    try:
        port = parts.port or 11434
    except ValueError:
        port = 11434
    return host, port


def probe_ollama(timeout: float = PROBE_TIMEOUT) -> Ollama | None:
    """The local Ollama server, if one answers within ``timeout`` seconds."""
    import http.client

    host, port = ollama_address()
    try:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request("GET", "/api/tags")
            response = connection.getresponse()
            if response.status != 200:
                return None
            data = json.loads(response.read(1_000_000) or b"{}")
        finally:
            connection.close()
    except (OSError, ValueError, http.client.HTTPException):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        return None
    models = tuple(
        str(m.get("name")) for m in data["models"] if isinstance(m, dict) and isinstance(m.get("name"), str)
    )
    shown = "localhost" if (host, port) == ("127.0.0.1", 11434) else (f"[{host}]" if ":" in host else host)
    return Ollama(f"http://{shown}:{port}/v1", models)
