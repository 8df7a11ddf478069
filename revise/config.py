"""Settings: the user's config file, an optional project ``.revise.toml``, the environment and overrides.

Precedence, lowest first: built-in defaults < ``user_config_dir("revise")/config.toml`` (or
``$REVISE_CONFIG_DIR/config.toml``) < the nearest ``.revise.toml`` above the document < environment
(``OPENAI_BASE_URL``, ``REVISE_MODEL``) < overrides (command-line options). The API key is never read from a
file: ``api_key_env`` names the environment variable that holds it (``OPENAI_API_KEY`` by default).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from revise.engines.base import Usage
from revise.errors import ConfigError

PROJECT_FILE = ".revise.toml"
DEFAULT_CONCURRENCY = 8
DEFAULT_TIMEOUT = 120.0
"""Seconds per request; generous because a local model may take a minute for one paragraph."""
DEFAULT_DEADLINE = 900.0
"""Seconds for the whole run's requests: past it, paragraphs still waiting are reported as failed, so a
server that answers one byte a second (never tripping the per-request timeout) cannot hold the run."""

_DIALECTS = {
    "american": "american",
    "en-us": "american",
    "british": "british",
    "en-gb": "british",
    "australian": "australian",
    "en-au": "australian",
    "canadian": "canadian",
    "en-ca": "canadian",
    "indian": "indian",
    "en-in": "indian",
}


@dataclass(frozen=True)
class Price:
    """US dollars per one million tokens."""

    input: float
    output: float


@dataclass(frozen=True)
class Limit:
    """A spending limit: ``tokens`` (prompt + completion, estimated) or ``dollars``."""

    amount: float
    dollars: bool = False

    def describe(self) -> str:
        return f"${self.amount:,.2f}" if self.dollars else f"{int(self.amount):,} tokens"


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a run, merged from files, environment and options."""

    model: str | None = None
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    api_key: str | None = dataclass_field(default=None, repr=False, compare=False)
    """Read from the environment variable named by ``api_key_env``; never printed, stored or hashed."""
    prices: Mapping[str, Price] = dataclass_field(default_factory=dict)
    concurrency: int = DEFAULT_CONCURRENCY
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    notes_language: str | None = None
    words: tuple[str, ...] = ()
    """The user's own words, accepted as correctly spelled by the offline engine."""
    dialect: str | None = None
    """american | british | australian | canadian | indian (offline engine)."""
    field: str | None = None
    """Default for ``--field``."""
    prompt: str | None = None
    """Default for ``--prompt`` (a template name or file)."""
    versions: int | None = None
    """Default for ``--versions``."""
    cache: bool = True
    worker: bool = True
    """The command line asks a warm lint worker, kept between runs, before building Harper's linter
    (revise/engines/warm.py); ``REVISE_NO_WORKER=1`` turns it off as well."""
    scope: str = "section"
    """What one LLM request reviews: a ``section`` (or a window of it) or one ``paragraph`` (revise.planning)."""
    max_prompt_tokens: int = 6000
    """The estimated size one request may reach, instructions included (revise.planning)."""
    chunk_chars: int = 12000
    """``--print-prompt``: the largest message to paste into a chat window."""
    confirm_above: Limit | None = None
    """Ask on the terminal before sending more than this (tokens, or dollars where prices are set)."""
    commands: Mapping[str, str] = dataclass_field(default_factory=dict)
    """How to read the user's macros, in LTeX's spelling: ``"\\edited{}"`` → ``text`` | ``ignore`` | ``dummy``."""
    enable: tuple[str, ...] = ()
    """Offline rules or categories to turn on (``--enable``), added to the config file's."""
    disable: tuple[str, ...] = ()
    """Offline rules or categories to turn off (``--disable``), added to the config file's."""
    sources: tuple[Path, ...] = ()
    """The config files that were read, for error messages and ``--verbose``."""

    @classmethod
    def load(cls, doc_path: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
        """Merge defaults, config files, environment and ``overrides`` (``None`` values are ignored)."""
        values: dict[str, Any] = {}
        sources: list[Path] = []
        for path in (user_config_path(), project_config_path(doc_path)):
            if path is not None and path.is_file():
                _merge(values, _read_toml(path))
                sources.append(path)
        env = os.environ
        for variable, key in (("OPENAI_BASE_URL", "base_url"), ("REVISE_MODEL", "model")):
            if env.get(variable, "").strip():
                values[key] = _check(key, env[variable], variable)
        for key, value in (overrides or {}).items():
            if key not in _KEYS and key != "cache":
                raise ValueError(f"unknown settings override {key!r}")
            if value is not None:
                checked: Any = _check(key, value, "the command line") if key != "cache" else bool(value)
                # The command line's --enable/--disable add to the config file's lists.
                if key in ("enable", "disable"):
                    checked = (*values.get(key, ()), *checked)
                values[key] = checked
        settings = cls(**values, sources=tuple(sources))
        return replace(settings, api_key=env.get(settings.api_key_env) or None)

    @property
    def endpoint_configured(self) -> bool:
        """Whether the user pointed revise at a model endpoint (a key or a base URL, from anywhere)."""
        return bool(self.api_key or self.base_url)

    def price(self, model: str | None) -> Price | None:
        """The configured price of ``model``, if any."""
        return self.prices.get(model) if model else None


def estimate_cost(usage: Usage, price: Price | None) -> float | None:
    """US dollars the tokens in ``usage`` cost at ``price``; ``None`` when no price is configured."""
    if price is None:
        return None
    return (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1_000_000


def user_config_path() -> Path:
    """Where the user's config file lives (``$REVISE_CONFIG_DIR`` overrides, for tests and odd setups)."""
    folder = os.environ.get("REVISE_CONFIG_DIR")
    if folder:
        return Path(folder) / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir("revise")) / "config.toml"


def project_config_path(doc_path: Path | None) -> Path | None:
    """The nearest ``.revise.toml`` in the document's folder or above it (the working folder for stdin)."""
    start = doc_path.resolve().parent if doc_path is not None else Path.cwd().resolve()
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None
    return {key: _check(key, value, str(path)) for key, value in data.items()}


def _merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if key == "prices":
            into[key] = {**into.get(key, {}), **value}
        elif key in ("words", "enable", "disable"):
            into[key] = (*into.get(key, ()), *value)
        elif key == "commands":
            into[key] = {**into.get(key, {}), **value}
        else:
            into[key] = value


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


_KEYS: dict[str, str] = {
    "model": "a model name",
    "base_url": "a URL such as http://localhost:11434/v1",
    "api_key_env": "the name of an environment variable",
    "prices": 'a table such as { "gpt-4o-mini" = { input = 0.15, output = 0.6 } } (dollars per 1M tokens)',
    "concurrency": "a positive integer",
    "timeout": "a positive number of seconds",
    "deadline": "a positive number of seconds",
    "notes_language": "a language name such as German",
    "words": "a list of words",
    "dialect": "one of american, british, australian, canadian, indian",
    "field": "a research field",
    "prompt": "a prompt name or file",
    "versions": "a positive integer",
    "scope": "section or paragraph",
    "max_prompt_tokens": "a positive integer (tokens per request, estimated)",
    "chunk_chars": "a positive integer (characters per printed message)",
    "confirm_above": 'a number of tokens such as 200000, or dollars such as "$1.50"',
    "commands": 'a table such as { "\\\\edited{}" = "text", "\\\\todo{}" = "ignore" }',
    "enable": "a list of offline rule ids or categories",
    "disable": "a list of offline rule ids or categories",
    "worker": "true or false",
}
# LTeX's latex.commands values, so users can copy theirs; each is read as one of ours.
_COMMAND_ACTIONS = {
    "text": "text",
    "default": "text",
    "ignore": "ignore",
    "dummy": "dummy",
    "pluraldummy": "dummy",
    "voweldummy": "dummy",
}
_COMMAND_KEY = re.compile(r"\\[A-Za-z@]+\*?(?:\{\}|\[\])*")


def _check(key: str, value: Any, where: str) -> Any:
    """``value`` converted to its Settings type, or a one-line ConfigError naming ``where`` it came from."""
    if key not in _KEYS:
        raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(_KEYS)})")
    if key == "commands":
        return _commands(value, where)
    ok, converted = _convert(key, value)
    if not ok:
        raise ConfigError(f"{where}: {key} must be {_KEYS[key]}")
    return converted


def _convert(key: str, value: Any) -> tuple[bool, Any]:
    if key in ("concurrency", "versions", "max_prompt_tokens", "chunk_chars"):
        return _positive_int(value), value
    if key == "worker":
        return isinstance(value, bool), value
    if key == "scope":
        return value in ("section", "paragraph"), value
    if key == "confirm_above":
        return _limit(value)
    if key in ("timeout", "deadline"):
        number = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        return number, float(value) if number else value
    if key in ("words", "enable", "disable"):
        ok = isinstance(value, (list, tuple)) and all(_text(w) for w in value)
        return ok, tuple(w.strip() for w in value) if ok else value
    if key == "dialect":
        name = _DIALECTS.get(value.strip().lower()) if isinstance(value, str) else None
        return name is not None, name
    if key == "base_url":
        ok = _text(value) and value.strip().startswith(("http://", "https://"))
        return ok, value.strip().rstrip("/") if ok else value
    if key == "prices":
        return _prices(value)
    return _text(value), value.strip() if isinstance(value, str) else value


def _commands(value: Any, where: str) -> dict[str, str]:
    """The ``[commands]`` table checked entry by entry: a bad one is a one-line error naming file and key."""
    if isinstance(value, Mapping) and value and all(isinstance(v, str) for v in value.values()):
        known = ", ".join(sorted(set(_COMMAND_ACTIONS.values())))
        table: dict[str, str] = {}
        for name, action in value.items():
            if not _COMMAND_KEY.fullmatch(name):
                raise ConfigError(f"{where}: commands: {name!r} is not a command such as \\edited{{}}")
            found = _COMMAND_ACTIONS.get(action.strip().lower())
            if found is None:
                raise ConfigError(f"{where}: commands: {name!r} = {action!r}: must be one of {known}")
            table[name] = found
        return table
    if isinstance(value, Mapping) and not value:
        return {}
    if isinstance(value, Mapping):
        bad = next(k for k, v in value.items() if not isinstance(v, str))
        raise ConfigError(f"{where}: commands: {bad!r} must be a string (text, ignore or dummy)")
    raise ConfigError(f"{where}: commands must be {_KEYS['commands']}")


def _prices(value: Any) -> tuple[bool, Any]:
    if not isinstance(value, Mapping):
        return False, value
    prices: dict[str, Price] = {}
    for model, entry in value.items():
        if isinstance(entry, Price):
            prices[model] = entry
            continue
        if not isinstance(entry, Mapping) or set(entry) != {"input", "output"}:
            return False, value
        numbers = [entry["input"], entry["output"]]
        if not all(isinstance(n, (int, float)) and not isinstance(n, bool) and n >= 0 for n in numbers):
            return False, value
        prices[model] = Price(float(numbers[0]), float(numbers[1]))
    return True, prices


def _limit(value: Any) -> tuple[bool, Any]:
    if isinstance(value, Limit):
        return True, value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return True, Limit(float(value))
    if isinstance(value, str) and value.strip().startswith("$"):
        try:
            amount = float(value.strip()[1:].replace(",", ""))
        except ValueError:
            return False, value
        return amount > 0, Limit(amount, dollars=True)
    return False, value
