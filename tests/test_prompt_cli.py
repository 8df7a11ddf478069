"""``--print-prompt`` in chat-sized messages, answers pasted back together, and ``--dry-run`` (nothing sent)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

import pytest
from chat_server import ChatServer

from revise.cli import _main
from revise.options import Streams

PARAGRAPHS = [
    f"Paragraph number {i} has " + "several plain words " * (8 + 9 * (i % 4)) + "in it." for i in range(30)
]
DOC = (
    "\\documentclass{article}\n\\begin{document}\n\\section{Results}\n"
    + "\n\n".join(PARAGRAPHS[:20])
    + "\n\\section{Conclusion}\n"
    + "\n\n".join(PARAGRAPHS[20:])
    + "\n\\end{document}\n"
)
KEY = "sk-test-dry-run-secret-77"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def revise(*args: str, cwd: Path, key: bool = False) -> Result:
    """One run of the command in this process (the whole CLI path, without a new interpreter per run)."""
    out, err = io.BytesIO(), io.StringIO()
    streams = Streams(io.BytesIO(), out, err)
    with pytest.MonkeyPatch.context() as env:
        env.chdir(cwd)
        env.setenv("NO_COLOR", "1")
        if key:
            env.setenv("OPENAI_API_KEY", KEY)
        with contextlib.redirect_stderr(err), patch("revise.options.Streams.system", return_value=streams):
            code = _main(list(args))
    return Result(code, out.getvalue().decode(), err.getvalue())


def messages(printed: str) -> list[tuple[str, str]]:
    """(header, body) of each printed block."""
    parts = re.split(r"^(===== .* =====)\n", printed, flags=re.M)
    return [(parts[i], parts[i + 1].rstrip("\n")) for i in range(1, len(parts), 2)]


def test_print_prompt_gives_instructions_once_and_numbered_messages_under_the_chunk_size(
    tmp_path: Path,
) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    result = revise("p.tex", "--print-prompt", "--chunk-chars", "3000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    blocks = messages(result.stdout)
    assert blocks[0][0].startswith("===== instructions") and sum("instructions" in h for h, _ in blocks) == 1
    assert "never instructions to you" in blocks[0][1]
    sent = blocks[1:]
    total = len(sent)
    assert total > 2
    labels: list[int] = []
    for n, (header, body) in enumerate(sent, 1):
        assert header.startswith(f"===== message {n} of {total}: ")
        assert body.startswith(f"Message {n} of {total}.")
        assert len(body) <= 3000
        assert "You are an experienced" not in body  # the shared instructions are not repeated
        labels += [int(x) for x in re.findall(r'<paragraph id="P(\d+)">', body)]
    assert labels == list(range(30))  # every paragraph reviewed once, in order
    for i, text in enumerate(PARAGRAPHS):
        assert result.stdout.count(text) >= 1
        assert f'<paragraph id="P{i}">\n{text}\n</paragraph>' in result.stdout


def test_a_larger_chunk_gives_one_message_per_section(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    result = revise(
        "p.tex", "--print-prompt", "--chunk-chars", "100000", "--max-prompt-tokens", "100000", cwd=tmp_path
    )
    headers = [h for h, _ in messages(result.stdout)][1:]
    assert headers == [
        "===== message 1 of 2: paragraphs P0–P19 (p.tex:4) =====",
        f"===== message 2 of 2: paragraphs P20–P29 (p.tex:{DOC[: DOC.index(PARAGRAPHS[20])].count(chr(10)) + 1}) =====",
    ]


def test_answers_pasted_back_together_are_matched_to_their_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    first = {
        "edits": [
            {
                "paragraph": "P3",
                "original": "Paragraph number 3 has",
                "issue": "x",
                "versions": ["Paragraph 3 has"],
            }
        ]
    }
    second = {
        "edits": [
            {
                "paragraph": "P25",
                "original": "Paragraph number 25 has",
                "issue": "y",
                "versions": ["Item 25 has"],
            }
        ]
    }
    (tmp_path / "answers.md").write_text(f"{json.dumps(first)}\n\n{json.dumps(second)}\n")
    result = revise("p.tex", "--reply", "answers.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    edits = json.loads(result.stdout)["edits"]
    assert [(e["paragraph"], e["status"]) for e in edits] == [(3, "ok"), (25, "ok")]


def test_dry_run_sends_nothing_and_counts_what_a_real_run_sends(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    (tmp_path / ".revise.toml").write_text('[prices."test-model"]\ninput = 1.0\noutput = 2.0\n')
    with ChatServer() as server:
        base = [
            "p.tex",
            "--base-url",
            server.base_url,
            "--model",
            "test-model",
            "--max-prompt-tokens",
            "1500",
        ]
        dry = revise(*base, "--dry-run", cwd=tmp_path, key=True)
        assert server.requests == []  # not a chat request, not even the model list
        real = revise(*base, "--no-cache", cwd=tmp_path, key=True)
        sent = len(server.chat_requests)
    assert dry.returncode == 0, dry.stderr
    assert "nothing was sent" in dry.stdout
    assert re.search(rf"requests +{sent} to send", dry.stdout), dry.stdout
    assert "paragraphs  30" in dry.stdout
    prompt, completion = (
        int(x.replace(",", ""))
        for x in re.search(r"about ([\d,]+) prompt \+ ([\d,]+) completion", dry.stdout).groups()
    )
    assert prompt > 30 * 20 and completion > 0
    from revise.engines.base import _dollars

    cost = (prompt * 1.0 + completion * 2.0) / 1e6
    assert f"cost        about ${_dollars(cost)} (about ${_dollars(cost / 2)} through --batch)" in dry.stdout
    assert "through --batch" in dry.stdout
    assert real.returncode == 0, real.stderr
    assert KEY not in dry.stdout + dry.stderr


def test_dry_run_with_the_offline_engine_says_nothing_is_sent(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    result = revise("p.tex", "--dry-run", "--engine", "offline", cwd=tmp_path)
    assert result.returncode == 0 and "nothing is sent" in result.stdout and "30 paragraphs" in result.stdout


def test_a_paragraph_longer_than_the_chunk_size_is_printed_whole_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    result = revise("p.tex", "--print-prompt", "--chunk-chars", "600", cwd=tmp_path)
    assert result.returncode == 0
    assert "above --chunk-chars 600: one paragraph cannot be split" in result.stderr
    assert all(f"{text}\n</paragraph>" in result.stdout for text in PARAGRAPHS)
