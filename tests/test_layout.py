"""The folders tell the pipeline: no stage imports a later one, and no module grows past 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "revise"
# What each lower stage may never import: the stages after it and the wiring on top.
ABOVE = {
    "replies": (
        "revise.engines",
        "revise.anchoring",
        "revise.guard",
        "revise.render",
        "revise.pipeline",
        "revise.command",
        "revise.cli",
        "revise.interactive",
    ),
    "anchoring": (
        "revise.engines",
        "revise.replies",
        "revise.guard",
        "revise.render",
        "revise.pipeline",
        "revise.command",
        "revise.cli",
        "revise.interactive",
    ),
    "latex": (
        "revise.engines",
        "revise.replies",
        "revise.anchoring",
        "revise.guard",
        "revise.render",
        "revise.pipeline",
        "revise.command",
        "revise.cli",
    ),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", sorted(ABOVE))
def test_a_stage_imports_nothing_from_the_stages_after_it(stage: str) -> None:
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / stage).glob("*.py"))
        for name in sorted(_imports(path))
        if name.startswith(ABOVE[stage])
    ]
    assert offences == []


def test_the_value_types_import_no_stage() -> None:
    assert {n for n in _imports(PACKAGE / "edits.py") if n.startswith("revise.")} <= {"revise.latex.segment"}


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
