"""Settings: defaults < user config < project file < environment < command line; bad keys are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise.config import DEFAULT_CONCURRENCY, Price, Settings, estimate_cost, project_config_path
from revise.engines.base import Usage
from revise.errors import ConfigError


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("REVISE_CONFIG_DIR", str(folder))
    return folder / "config.toml"


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    doc = tmp_path / "project" / "chapters" / "paper.tex"
    doc.parent.mkdir(parents=True)
    doc.write_text("Hello.\n")
    return doc


def test_defaults_without_any_configuration(user_config: Path, paper: Path) -> None:
    settings = Settings.load(paper, {})
    assert settings.concurrency == DEFAULT_CONCURRENCY and settings.model is None and settings.cache
    assert not settings.endpoint_configured and settings.sources == ()


def test_project_file_is_found_upward_and_overrides_the_user_file(user_config: Path, paper: Path) -> None:
    user_config.write_text('model = "gpt-4o"\nconcurrency = 4\nwords = ["LiDAR"]\n')
    project = paper.parents[1] / ".revise.toml"
    project.write_text('model = "llama3.1"\nwords = ["GNSS"]\nfield = "remote sensing"\n')
    settings = Settings.load(paper, {})
    assert (settings.model, settings.concurrency, settings.field) == ("llama3.1", 4, "remote sensing")
    assert settings.words == ("LiDAR", "GNSS")
    assert settings.sources == (user_config, project)
    assert project_config_path(paper) == project


def test_environment_beats_files_and_overrides_beat_environment(user_config, paper, monkeypatch) -> None:
    user_config.write_text('model = "from-file"\nbase_url = "http://file:1/v1"\n')
    monkeypatch.setenv("REVISE_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env:2/v1/")
    settings = Settings.load(paper, {"concurrency": 2, "model": None})
    assert (settings.model, settings.base_url, settings.concurrency) == ("from-env", "http://env:2/v1", 2)
    assert Settings.load(paper, {"model": "from-cli"}).model == "from-cli"


def test_api_key_comes_from_the_named_variable_and_is_never_shown(user_config, paper, monkeypatch) -> None:
    user_config.write_text('api_key_env = "MY_LLM_KEY"\n')
    monkeypatch.setenv("MY_LLM_KEY", "sk-hidden-12345")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-other")
    settings = Settings.load(paper, {})
    assert settings.api_key == "sk-hidden-12345" and settings.endpoint_configured
    assert "sk-hidden" not in repr(settings)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('modle = "x"', "unknown key 'modle'"),
        ('api_key = "sk-123"', "unknown key 'api_key'"),
        ("concurrency = 0", "concurrency must be a positive integer"),
        ('concurrency = "8"', "concurrency must be a positive integer"),
        ("timeout = -1", "timeout must be a positive number"),
        ('dialect = "klingon"', "dialect must be one of"),
        ('base_url = "localhost:11434"', "base_url must be a URL"),
        ('prices = { "m" = { input = 1 } }', "prices must be a table"),
        ('words = ["ok", 3]', "words must be a list"),
        ('worker = "no"', "worker must be true or false"),
        ("model = ", "not valid TOML"),
    ],
)
def test_bad_config_is_a_one_line_error_naming_the_file(
    user_config: Path, paper: Path, toml: str, message: str
) -> None:
    user_config.write_text(toml + "\n")
    with pytest.raises(ConfigError) as caught:
        Settings.load(paper, {})
    assert message in str(caught.value) and str(user_config) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_command_line_value_is_a_config_error(user_config: Path, paper: Path) -> None:
    with pytest.raises(ConfigError, match="the command line: concurrency"):
        Settings.load(paper, {"concurrency": 0})


def test_dialect_spellings_are_normalised(user_config: Path, paper: Path) -> None:
    user_config.write_text('dialect = "en-GB"\n')
    assert Settings.load(paper, {}).dialect == "british"


def test_prices_merge_per_model_and_give_a_cost(user_config: Path, paper: Path) -> None:
    user_config.write_text(
        '[prices]\n"gpt-4o-mini" = { input = 0.15, output = 0.6 }\n"big" = { input = 5, output = 15 }\n'
    )
    (paper.parent / ".revise.toml").write_text("[prices.big]\ninput = 2.5\noutput = 10\n")
    settings = Settings.load(paper, {})
    assert settings.price("gpt-4o-mini") == Price(0.15, 0.6)
    assert settings.price("big") == Price(2.5, 10.0)
    assert settings.price("unknown") is None
    usage = Usage(requests=3, prompt_tokens=2_000_000, completion_tokens=100_000)
    assert estimate_cost(usage, settings.price("big")) == pytest.approx(6.0)
    assert estimate_cost(usage, None) is None


def test_the_lint_worker_is_on_unless_a_file_says_false(user_config: Path, paper: Path) -> None:
    assert Settings.load(paper, {}).worker is True
    (paper.parent / ".revise.toml").write_text("worker = false\n")
    assert Settings.load(paper, {}).worker is False


def test_no_cache_override(user_config: Path, paper: Path) -> None:
    assert Settings.load(paper, {"cache": False}).cache is False


def test_stdin_looks_for_the_project_file_from_the_working_folder(user_config, paper, monkeypatch) -> None:
    (paper.parent / ".revise.toml").write_text('notes_language = "French"\n')
    monkeypatch.chdir(paper.parent)
    assert Settings.load(None, {}).notes_language == "French"
