"""The editor recipes in examples/editors/lsp.md start the server as written: commands are read from the files."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path

from lsp_client import Client
from lsprotocol import types

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

EDITORS = Path(__file__).resolve().parents[2] / "examples" / "editors"
RECIPE = (EDITORS / "lsp.md").read_text()


def _block(language: str) -> str:
    return re.findall(rf"```{language}\n(.*?)```", RECIPE, re.S)[0]


def _commands() -> dict[str, list[str]]:
    lua = re.search(r"cmd = \{ (.*?) \}", _block("lua"))
    elisp = re.search(r'\. \(("revise".*?)\)\)', _block("elisp"))
    helix = tomllib.loads(_block("toml"))["language-server"]["revise"]
    extension = (EDITORS / "vscode-lsp" / "extension.js").read_text()
    code = re.search(r"command: \"(\w+)\", args: \[(.*?)\]", extension)
    assert lua and elisp and code
    return {
        "neovim": json.loads(f"[{lua.group(1)}]"),
        "emacs": json.loads(f"[{elisp.group(1).replace(' ', ', ')}]"),
        "helix": [helix["command"], *helix["args"]],
        "vscode": [code.group(1), *json.loads(f"[{code.group(2)}]")],
    }


def test_every_recipe_starts_revise_lsp_and_reads_the_revise_settings_section() -> None:
    commands = _commands()
    assert all(argv[0] == "revise" for argv in commands.values()), commands
    assert len({tuple(argv) for argv in commands.values()}) == 1
    package = json.loads((EDITORS / "vscode-lsp" / "package.json").read_text())
    assert all(k.startswith("revise.") for k in package["contributes"]["configuration"]["properties"])
    assert "revise = {" in _block("lua") and ":revise" in _block("elisp")


def test_the_recipes_command_answers_the_initialize_handshake(tmp_path: Path) -> None:
    argv = _commands()["helix"]

    async def session() -> None:
        client = Client()
        await client.start(args=argv[1:])
        paper = tmp_path / "p.tex"
        paper.write_text("We has results.\n")
        item = types.TextDocumentItem(paper.as_uri(), "latex", 1, paper.read_text())
        client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        published = await client.next_diagnostics(item.uri, 1)
        assert published.diagnostics
        assert await client.finish() == 0

    asyncio.run(session())
