"""`revise lsp` driven over stdio by a real JSON-RPC client (pygls' LanguageClient): what an editor sees."""

from __future__ import annotations

import asyncio
import io
import json
import re
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from chat_server import ChatServer, Reply
from lsp_client import Client
from lsprotocol import types

from revise.command import execute
from revise.options import Options, Streams

ROOT = Path(__file__).resolve().parents[2]
CONCLUSION = ROOT / "examples" / "conclusion.tex"
# A character outside the BMP before an edit on its line: one code point, two UTF-16 units.
WIDE = "\U0001d465"


def _run(
    body: Callable[[Client], Awaitable[None]], settings: dict[str, Any] | None = None, **env: str
) -> None:
    async def session() -> None:
        client = Client(settings)
        await client.start(env=env)
        try:
            await body(client)
        finally:
            code = await client.finish()
        assert code == 0, "the server did not exit cleanly after shutdown/exit"

    asyncio.run(session())


def _open(client: Client, path: Path, text: str | None = None) -> str:
    uri = path.resolve().as_uri()
    item = types.TextDocumentItem(uri, "latex", 1, path.read_text() if text is None else text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    return uri


def _cli(paper: Path, **options: Any) -> str:
    """What the command line prints for ``paper`` with these options (run in-process: one start-up less)."""
    out = io.BytesIO()
    streams = Streams(io.BytesIO(), out, io.StringIO())
    execute(Options(str(paper), engine="offline", quiet=True, **options), streams)
    return out.getvalue().decode()


def _utf16(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-16-le")) // 2


def _wide_copy(tmp_path: Path) -> Path:
    text = CONCLUSION.read_text().replace("In this paper we", f"In this paper {WIDE} we")
    paper = tmp_path / "conclusion.tex"
    paper.write_text(text)
    return paper


def test_diagnostics_sit_where_the_json_report_puts_the_edits_in_utf16(tmp_path: Path) -> None:
    paper = _wide_copy(tmp_path)
    report = json.loads(_cli(paper, fmt="json"))
    lines = paper.read_text().splitlines()
    expected = [
        (
            e["line"] - 1,
            _utf16(lines[e["line"] - 1], e["column"]),
            e["end_line"] - 1,
            _utf16(lines[e["end_line"] - 1], e["end_column"]),
            e.get("rule"),
            e["versions"],
        )
        for e in report["edits"]
    ]
    wide_line = next(k for k, line in enumerate(lines) if WIDE in line)
    assert any(line == wide_line for line, *_ in expected), "no edit after the wide character: test is void"

    async def body(client: Client) -> None:
        published = await client.next_diagnostics(_open(client, paper), 1)
        found = [
            (
                d.range.start.line,
                d.range.start.character,
                d.range.end.line,
                d.range.end.character,
                d.code,
                d.data["versions"],
            )
            for d in published.diagnostics
        ]
        assert sorted(found) == sorted(expected)
        assert all(d.source == "revise" and d.message for d in published.diagnostics)
        assert all("confidence" in d.data for d in published.diagnostics)

    _run(body)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits (UTF-16 positions) to ``text``, last first."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        units, k = 0, 0
        while units < position.character:
            units += 2 if ord(line[k]) > 0xFFFF else 1
            k += 1
        return sum(len(x) for x in lines[: position.line]) + k

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_code_actions_write_what_apply_pick_writes(tmp_path: Path) -> None:
    paper = _wide_copy(tmp_path)
    text = paper.read_text()
    # The server offers every edit as a fix, whatever its confidence: compare with --apply taking them all.
    wanted = {k: _cli(paper, apply=True, pick=k, min_confidence="low") for k in (1, 2)}
    assert wanted[1] != wanted[2] != text

    async def body(client: Client) -> None:
        uri = _open(client, paper, text)
        published = await client.next_diagnostics(uri, 1)
        for pick in (1, 2):
            chosen: list[types.TextEdit] = []
            for d in published.diagnostics:
                context = types.CodeActionContext([d])
                answer = await client.text_document_code_action_async(
                    types.CodeActionParams(types.TextDocumentIdentifier(uri), d.range, context)
                )
                fixes = [
                    a
                    for a in answer or []
                    if isinstance(a, types.CodeAction)
                    and a.edit
                    and a.diagnostics
                    and a.diagnostics[0].data["id"] == d.data["id"]
                ]
                assert [a.title.startswith("Replace with") for a in fixes] == [True] * len(d.data["versions"])
                action = fixes[pick - 1] if pick <= len(fixes) else fixes[0]
                assert action.edit is not None and action.edit.changes is not None
                chosen.extend(action.edit.changes[uri])
            assert _apply(text, chosen) == wanted[pick]

    _run(body)


PARAGRAPHS = "\n\n".join(f"Paragraph {k} has a error in it." for k in range(6))
DOC = "\\documentclass{article}\n\\begin{document}\n" + PARAGRAPHS + "\n\\end{document}\n"


def test_an_edit_in_one_paragraph_relints_only_that_paragraph(tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(DOC)

    async def linted(client: Client, count: int) -> str:
        async def wait() -> None:
            while len([m for m in client.logs if "linted" in m]) < count:
                await asyncio.sleep(0.02)

        await asyncio.wait_for(wait(), 30)
        return [m for m in client.logs if "linted" in m][-1]

    async def body(client: Client) -> None:
        uri = _open(client, paper)
        first = await client.next_diagnostics(uri, 1)
        assert len(first.diagnostics) == 6
        assert "linted 6 of 6 paragraphs" in await linted(client, 1)
        changed = DOC.replace("Paragraph 3 has a error", "Paragraph 3 has an error")
        change = types.TextDocumentContentChangeWholeDocument(text=changed)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=2, uri=uri), [change]
            )
        )
        second = await client.next_diagnostics(uri, 2)
        assert second.version == 2
        assert len(second.diagnostics) == 5
        assert "linted 1 of 6 paragraphs" in await linted(client, 2)

    _run(body)


def test_settings_from_the_editor_disable_a_rule(tmp_path: Path) -> None:
    paper = tmp_path / "conclusion.tex"
    paper.write_text(CONCLUSION.read_text())

    async def body(client: Client) -> None:
        published = await client.next_diagnostics(_open(client, paper), 1)
        codes = {d.code for d in published.diagnostics}
        assert "AnA" not in codes and "percent-space" in codes

    _run(body, {"disable": ["AnA"], "minConfidence": "low"})


def _reviewer(body: dict[str, Any]) -> Reply:
    """Fixes the article in every paragraph a request asks to review, naming the paragraph as asked."""
    asked = re.findall(r'<paragraph id="(P\d+)">\n(.*?)\n</paragraph>', body["messages"][-1]["content"], re.S)
    edits = [
        {
            "paragraph": label,
            "original": "has a error in it",
            "issue": "Article.",
            "versions": ["has one error"],
        }
        for label, text in asked
        if "has a error" in text
    ]
    return Reply(json.dumps({"edits": edits}))


def test_ask_the_reviewer_publishes_its_edits_with_progress(tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(DOC)
    with ChatServer(respond=_reviewer) as chat:

        async def body(client: Client) -> None:
            uri = _open(client, paper)
            await client.next_diagnostics(uri, 1)
            where = {"uri": uri, "line": 4, "character": 3}
            result = await client.workspace_execute_command_async(
                types.ExecuteCommandParams("revise.askReviewer", [where])
            )
            assert result is not None and result["suggestions"] == 1
            published = client.diagnostics[uri][-1]
            mine = [d for d in published.diagnostics if d.code == "reviewer"]
            assert [(d.range.start.line, d.data["versions"]) for d in mine] == [(4, ["has one error"])]
            kinds = [p["kind"] for p in client.progress]
            assert kinds[0] == "begin" and kinds[-1] == "end"
            assert client.shown == []
            # The section under the cursor: here the whole (unsectioned) document, in one section request.
            whole = await client.workspace_execute_command_async(
                types.ExecuteCommandParams("revise.askReviewer", [{**where, "scope": "section"}])
            )
            assert whole is not None and whole["paragraphs"] == 6 and whole["suggestions"] == 6

        _run(body, {"baseUrl": chat.base_url, "model": "test-model"}, OPENAI_API_KEY="sk-lsp-secret")
        sent = chat.chat_requests
    assert "Paragraph 1 has a error" in sent[0].body["messages"][-1]["content"]
    assert len(sent) == 2  # one request for the paragraph, one for its section (the default --scope section)
    assert all(f'<paragraph id="P{k}">' in sent[1].body["messages"][-1]["content"] for k in range(6))


def test_a_dead_endpoint_is_one_message_and_the_server_lives_on(tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(DOC)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    async def body(client: Client) -> None:
        uri = _open(client, paper)
        await client.next_diagnostics(uri, 1)
        where = {"uri": uri, "line": 2, "character": 0}
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams("revise.askReviewer", [where])
        )
        assert len(client.shown) == 1 and "127.0.0.1" in client.shown[0]
        assert "sk-lsp-secret" not in " ".join(client.shown + client.logs)
        again = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                types.Range(types.Position(2, 0), types.Position(2, 5)),
                types.CodeActionContext([]),
            )
        )
        assert again, "the server stopped answering"

    _run(body, {"baseUrl": f"http://127.0.0.1:{port}/v1"}, OPENAI_API_KEY="sk-lsp-secret")


def test_a_section_file_is_checked_as_part_of_its_paper(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\title{Orbits}\n\\begin{document}\n\\input{a}\n\\input{b}\n\\end{document}\n"
    )
    # "recieve" is written three times in the paper, once in a.tex: the paper's own word (as the CLI judges
    # the whole paper), which a.tex alone would flag as a misspelling.
    (tmp_path / "a.tex").write_text("We recieve a error in it.\n")
    (tmp_path / "b.tex").write_text("They recieve and recieve orbits.\n")
    report = json.loads(_cli(tmp_path / "main.tex", fmt="json"))
    expected = sorted(
        (e["line"] - 1, e["column"] - 1, e.get("rule"))
        for e in report["edits"]
        if e["file"].endswith("a.tex")
    )
    assert expected, "the CLI finds nothing in a.tex: test is void"

    async def body(client: Client) -> None:
        published = await client.next_diagnostics(_open(client, tmp_path / "a.tex"), 1)
        found = sorted((d.range.start.line, d.range.start.character, d.code) for d in published.diagnostics)
        assert found == expected
        assert all("recieve" not in d.message for d in published.diagnostics)
        assert {d.code for d in published.diagnostics} == {"AnA"}

    _run(body)


def test_a_burst_of_changes_is_linted_once_for_the_last_version(tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(DOC)

    async def body(client: Client) -> None:
        uri = _open(client, paper)
        await client.next_diagnostics(uri, 1)
        for version in range(2, 7):
            text = DOC.replace("Paragraph 3 has a error", f"Paragraph 3 has {version} errors")
            change = types.TextDocumentContentChangeWholeDocument(text=text)
            identifier = types.VersionedTextDocumentIdentifier(version=version, uri=uri)
            client.text_document_did_change(types.DidChangeTextDocumentParams(identifier, [change]))
        last = await client.next_diagnostics(uri, 2)
        await asyncio.sleep(0.5)  # nothing else may follow
        assert [p.version for p in client.diagnostics[uri]] == [1, 6]
        assert len(last.diagnostics) == 5

    _run(body, {"debounce": 300})
