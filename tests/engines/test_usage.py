"""Usage.describe: the one-line cost summary people read after an LLM run."""

from __future__ import annotations

import pytest

from revise.engines.base import Usage


@pytest.mark.parametrize(
    ("usage", "cost", "line"),
    [
        (
            Usage(requests=9, cached=3, prompt_tokens=8412, completion_tokens=2103),
            0.0025,
            "12 requests (3 from cache), 8,412 prompt + 2,103 completion tokens, about $0.0025",
        ),
        (
            Usage(requests=1, prompt_tokens=5, completion_tokens=7),
            None,
            "1 request, 5 prompt + 7 completion tokens",
        ),
        (Usage(cached=1), None, "1 request (1 from cache)"),
        (Usage(), None, "0 requests"),
        (
            Usage(requests=2, prompt_tokens=1, completion_tokens=1),
            0.0123456,
            "2 requests, 1 prompt + 1 completion tokens, about $0.012",
        ),
        (
            Usage(requests=2, prompt_tokens=1, completion_tokens=1),
            1234.5,
            "2 requests, 1 prompt + 1 completion tokens, about $1,234.50",
        ),
        (
            Usage(requests=1, prompt_tokens=1, completion_tokens=1),
            0.0,
            "1 request, 1 prompt + 1 completion tokens, about $0.00",
        ),
    ],
)
def test_describe_reads_as_one_line(usage: Usage, cost: float | None, line: str) -> None:
    assert usage.describe(cost) == line


def test_describe_without_a_cost_leaves_the_cost_out() -> None:
    assert "$" not in Usage(requests=3, prompt_tokens=1, completion_tokens=2).describe()
