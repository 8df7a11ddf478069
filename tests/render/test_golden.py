"""Every format on the hand-written fixtures, compared with reviewed golden files in tests/golden/.

Regenerate after an intended change with ``REVISE_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py`` and
review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cases import CASES

from revise.render import render

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
OUTPUTS = [
    ("terminal", {"color": False, "width": 60}, "terminal-60.txt"),
    ("terminal", {"color": False, "width": 120}, "terminal-120.txt"),
    ("terminal", {"color": True, "width": 100}, "terminal-color.ansi"),
    ("json", {}, "json"),
    ("gnu", {}, "gnu"),
    ("patch", {}, "patch"),
    ("patch", {"pick": 2}, "pick2.patch"),
    ("latexdiff", {}, "latexdiff.tex"),
]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize(("fmt", "options", "suffix"), OUTPUTS, ids=[o[2] for o in OUTPUTS])
def test_format_matches_golden_file(case: str, fmt: str, options: dict[str, object], suffix: str) -> None:
    out = render(CASES[case](), fmt, **options)  # type: ignore[arg-type]
    data = out.encode("utf-8") if isinstance(out, str) else out
    path = GOLDEN / f"{case}.{suffix}"
    if os.environ.get("REVISE_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path.name}; run with REVISE_UPDATE_GOLDEN=1"
    assert data == path.read_bytes()
