"""Shared fixtures: the real corpus beside the checkout (tests skip when it is absent), an isolated cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# A busy 2-core CI machine must not turn slow example generation into a failure; behaviour is what is tested.
settings.register_profile("revise", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI runs once per submission: there the examples are the same every run, so a verdict never depends on the
# draw; a developer's runs keep drawing new ones (and replay what failed from the example database).
settings.register_profile("ci", parent=settings.get_profile("revise"), derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "revise")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# The root file of each real paper in ../shared/corpus/papers.
PAPERS = (
    "scipy-articles/scipy-1.0/paper.tex",
    "sympy-paper/paper.tex",
    "lightkurve-paper/paper/ms.tex",
    "dynonet/doc/paper/ms.tex",
    "george/paper/ms.tex",
    "nalu/paper/main.tex",
)


@pytest.fixture
def corpus() -> Path:
    """../shared/corpus, or skip: third-party text is read from there, never copied into the repo."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's cache or config, or sees a real API key or endpoint, and no
    command a test runs starts a lint worker (tests/engines/test_worker.py turns it on for its own runs)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REVISE_NO_WORKER", "1")
    monkeypatch.setenv("REVISE_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REVISE_MODEL", "OLLAMA_HOST"):
        monkeypatch.delenv(name, raising=False)
