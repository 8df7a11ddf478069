"""Issue 10 through the whole command and a local Chat Completions server: a sentence that begins with a word-like
macro keeps its macro, and an edit inside ``\\textcolor{red}{…}`` changes only the argument."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from chat_server import ChatServer, Reply

DOC = (
    "\\documentclass{aastex631}\n\\newcommand{\\ours}{OurNet}\n\\begin{document}\n"
    "\\author[0000-0002-0296-3826]{Ada Lovelace}\n\\affiliation{Analytical Engine Institute}\n"
    "\\section{Introduction}\n"
    "\\showyourwork was designed to make papers reproducible. \\ours{} are fast.\n\n"
    "We keep the old text. \\textcolor{red}{This new sentences is red.} The rest stays.\n"
    "\\end{document}\n"
)


_PARAGRAPH = re.compile(r'<paragraph id="(P\d+)">\n(.*?)\n</paragraph>', re.S)


def shown(body: dict[str, Any]) -> list[tuple[str, str]]:
    """The (label, masked text) of each paragraph a request asks to review."""
    return _PARAGRAPH.findall(body["messages"][-1]["content"])


def respond(body: dict[str, Any]) -> Reply:
    """A reviewer that edits what it is shown, placeholders and all, as the prompt asks."""
    edits = [dict(edit, paragraph=label) for label, text in shown(body) for edit in _edits(text)]
    return Reply(json.dumps({"edits": edits}), prompt_tokens=100, completion_tokens=20)


def _edits(paragraph: str) -> list[dict[str, Any]]:
    edits = []
    if paragraph.startswith("[TERM1] was designed"):
        # The subject is there, so the model has no reason to add one; it fixes the verb after [TERM2].
        edits.append(
            {
                "original": "[TERM1] was designed to make papers reproducible. [TERM2] are fast.",
                "issue": "Agreement: OurNet is singular.",
                "versions": ["[TERM1] was designed to make papers reproducible. [TERM2] is fast."],
            }
        )
    if "[MARK1]This new sentences is red.[MARK2]" in paragraph:
        edits.append(
            {
                "original": "This new sentences is red.",
                "issue": "Agreement.",
                "versions": ["This new sentence is red."],
            }
        )
    return edits


def run(args: list[str], *, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "OPENAI_API_KEY": "sk-test-reading", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "revise", *args], capture_output=True, cwd=cwd, env=env, timeout=60
    )


def test_word_like_macros_stay_in_the_sentence_and_prose_arguments_are_edited_in_place(
    tmp_path: Path,
) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    with ChatServer(respond=respond) as server:
        result = run(["p.tex", "--base-url", server.base_url, "--apply", "--no-cache"], cwd=tmp_path)
        sent = [r.body["messages"][-1]["content"] for r in server.chat_requests]
    assert result.returncode == 0, result.stderr
    revised = result.stdout.decode()
    assert revised == DOC.replace("\\ours{} are fast", "\\ours{} is fast").replace(
        "This new sentences is red.", "This new sentence is red."
    )
    # The model read the macros as words, with the paper's own expansion, and never saw the front matter.
    first = next(s for s in sent if "[TERM1] was designed" in s)
    assert '[TERM1] = "showyourwork"' in first and '[TERM2] = "OurNet"' in first
    assert not any("0000-0002" in s or "Analytical Engine" in s for s in sent)


def test_an_edit_inside_the_argument_cannot_reach_past_its_closing_brace(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text(DOC)

    def moving(body: dict[str, Any]) -> Reply:
        labels = [label for label, text in shown(body) if "[MARK1]" in text]
        if not labels:
            return Reply(json.dumps({"edits": []}))
        edit = {
            "paragraph": labels[0],
            "original": "This new sentences is red.",
            "issue": "Agreement, and say more.",
            "versions": ["This new sentence is red.[MARK2] Indeed"],
        }
        return Reply(json.dumps({"edits": [edit]}))

    with ChatServer(respond=moving) as server:
        result = run(["p.tex", "--base-url", server.base_url, "--format", "json", "--no-cache"], cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [e["status"] for e in report["edits"]] == ["unsafe"]
    assert (tmp_path / "p.tex").read_text() == DOC
