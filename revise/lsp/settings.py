"""The server's settings, read from the client's ``workspace/configuration`` section ``revise``.

Editors spell settings in camelCase (``minConfidence``); snake_case is accepted too. Unknown or ill-typed
values are dropped with a message rather than failing the server. The API key is never a setting: it comes
from the environment (``OPENAI_API_KEY``) or the config file, as for the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from revise.lsp.diagnostics import Filter

ENGINES = ("auto", "llm", "offline")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True)
class ServerSettings:
    """What the editor configured; ``None`` leaves the value to the config files and environment."""

    field: str | None = None
    engine: str = "auto"
    """The engine "Ask the reviewer" uses; diagnostics while typing are always the offline engine's."""
    model: str | None = None
    base_url: str | None = None
    versions: int | None = None
    dialect: str | None = None
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    min_confidence: str | None = None
    debounce: float = 0.1
    """Seconds of quiet after a change before the buffer is linted."""

    @property
    def filter(self) -> Filter:
        return Filter(self.enable, self.disable, self.min_confidence)

    def overrides(self) -> dict[str, object]:
        """The CLI's settings overrides these amount to (revise.config.Settings.load)."""
        values = {
            "field": self.field,
            "model": self.model,
            "base_url": self.base_url,
            "versions": self.versions,
            "dialect": self.dialect,
        }
        return {k: v for k, v in values.items() if v is not None}


def parse(raw: object) -> tuple[ServerSettings, list[str]]:
    """Settings from the client's answer, and one problem line per value that was dropped."""
    if not isinstance(raw, Mapping):
        return ServerSettings(), [] if raw is None else ["revise: settings must be an object; ignored"]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in raw.items():
        key = _snake(str(name))
        ok, converted = _convert(key, value)
        if ok:
            values[key] = converted
        else:
            problems.append(f"revise: setting {name!r} = {value!r} is not usable; ignored")
    return ServerSettings(**values), problems


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _convert(key: str, value: Any) -> tuple[bool, Any]:
    if value is None:
        return key in ServerSettings.__dataclass_fields__, None
    if key in ("field", "model", "base_url", "dialect"):
        return (True, value.strip() or None) if isinstance(value, str) else (False, None)
    if key == "engine":
        return (True, value) if value in ENGINES else (False, None)
    if key == "min_confidence":
        return (True, value) if value in CONFIDENCES else (False, None)
    if key in ("enable", "disable"):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return True, tuple(value)
        return False, None
    if key == "versions":
        return (
            (True, value)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0
            else (False, None)
        )
    if key == "debounce":
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 10_000:
            return True, value / 1000  # milliseconds, as editors' other debounce settings are
        return False, None
    return False, None
