"""Engine choice: auto takes a configured endpoint, else the offline engine, and says so in one line."""

from __future__ import annotations

import pytest
from chat_server import ChatServer

from revise.config import Settings
from revise.engines.choose import choose_reviewer, ollama_address, probe_ollama
from revise.errors import ConfigError


@pytest.fixture(autouse=True)
def no_ollama(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChatServer() as server:
        closed = f"127.0.0.1:{server.port}"
    monkeypatch.setenv("OLLAMA_HOST", closed)  # nothing listens there: no real Ollama leaks into tests


def test_auto_without_endpoint_uses_offline_and_says_how_to_get_the_llm() -> None:
    reviewer, notices = choose_reviewer(Settings(), "auto")
    assert reviewer.name == "offline"
    assert len(notices) == 1 and "offline" in notices[0] and "OPENAI_API_KEY" in notices[0]


def test_auto_names_a_local_ollama_server_that_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChatServer(models=["llama3.1:8b"]) as server:
        monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{server.port}")
        reviewer, notices = choose_reviewer(Settings(), "auto")
    assert reviewer.name == "offline"
    assert f"--base-url http://127.0.0.1:{server.port}/v1 --model llama3.1:8b" in notices[0]


@pytest.mark.parametrize(
    "settings",
    [Settings(base_url="http://127.0.0.1:9/v1", model="m"), Settings(api_key="sk-x")],
    ids=["base-url", "api-key"],
)
def test_auto_with_an_endpoint_uses_the_llm_and_says_how_to_go_offline(settings: Settings) -> None:
    reviewer, notices = choose_reviewer(settings, "auto")
    assert reviewer.name == "llm"
    assert len(notices) == 1 and "--engine offline" in notices[0]
    assert "sk-x" not in notices[0]


def test_openai_gets_a_default_model() -> None:
    reviewer, notices = choose_reviewer(Settings(api_key="sk-x"), "llm")
    assert reviewer.model == "gpt-4o-mini" and notices == []


def test_llm_without_endpoint_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        choose_reviewer(Settings(), "llm")


def test_offline_is_chosen_when_asked_even_with_an_endpoint() -> None:
    reviewer, notices = choose_reviewer(Settings(api_key="sk-x"), "offline")
    assert reviewer.name == "offline" and notices == []


def test_enum_values_are_accepted() -> None:
    from enum import Enum

    class Engine(str, Enum):
        offline = "offline"

    assert choose_reviewer(Settings(), Engine.offline)[0].name == "offline"


@pytest.mark.parametrize(
    ("value", "address"),
    [
        (None, ("127.0.0.1", 11434)),
        ("0.0.0.0", ("127.0.0.1", 11434)),
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("http://localhost:11435", ("localhost", 11435)),
        ("0.0.0.0:5000", ("127.0.0.1", 5000)),
    ],
)
def test_ollama_host_is_honoured(monkeypatch: pytest.MonkeyPatch, value: str | None, address) -> None:
    if value is None:
        monkeypatch.delenv("OLLAMA_HOST", raising=False)
    else:
        monkeypatch.setenv("OLLAMA_HOST", value)
    assert ollama_address() == address


def test_probe_gives_up_fast_when_nothing_answers() -> None:
    assert probe_ollama() is None


def test_probe_gives_up_fast_on_a_server_that_never_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # connections queue up, nobody answers
        monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{silent.getsockname()[1]}")
        started = time.monotonic()
        assert probe_ollama() is None
        assert time.monotonic() - started < 1.0
