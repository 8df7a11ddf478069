"""The language server: pygls wiring from protocol messages to buffers, lints and the reviewer.

Lints run in a worker thread, one at a time (Harper's linter is shared), so the server keeps answering while a
large paper is read; a change waits ``debounce`` seconds of quiet, and a lint whose buffer changed meanwhile is
dropped rather than published. Every failure becomes a message to the editor, never a dead server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from revise import __version__
from revise.errors import ReviseError
from revise.latex.segment import Segmentation
from revise.lsp import settings as server_settings
from revise.lsp.ask import SCOPES, ask, under_cursor
from revise.lsp.buffers import Buffer, Refreshed, refresh
from revise.lsp.diagnostics import ASK_COMMAND, ask_action, code_actions, diagnostic
from revise.lsp.positions import UTF16, from_protocol


class ReviseServer(LanguageServer):
    """Buffers by URI, the settings, and the one offline reviewer every lint shares."""

    def __init__(self) -> None:
        super().__init__("revise", __version__)
        self.buffers: dict[str, Buffer] = {}
        self.options = server_settings.ServerSettings()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.troubles: dict[str, str] = {}
        self._reviewers: dict[str, Any] = {}
        self._base_words: dict[str, tuple[str, ...]] = {}
        self._words_key: tuple[int, ...] = ()
        self._words: tuple[str, ...] = ()
        self._lint_lock: asyncio.Lock | None = None
        self.configured: asyncio.Task[None] | None = None
        """The first settings request: lints wait for it, so the first diagnostics already honour them."""

    @property
    def encoding(self) -> str:
        return str(getattr(self.workspace, "position_encoding", None) or UTF16)

    def reviewer(self, segmentation: Segmentation) -> Any:
        """The offline reviewer for a paper: the configured dialect, else the paper's own spelling variety
        (as the CLI decides it, over every file of the paper), American when it does not say."""
        from revise.engines import vocabulary

        dialect = self.options.dialect
        if dialect is None:
            variety = vocabulary.spelling_variety(f.text for f in segmentation.files)[0]
            dialect = variety or "american"
        reviewer = self._reviewers.get(dialect)
        if reviewer is None:
            from revise.config import Settings
            from revise.engines.offline import open_reviewer

            # On the user's lint cache, as the CLI is: a paper linted once (by the CLI or an earlier session)
            # opens without a linter built, and each buffer's memo still spares the cache look-ups per change.
            settings = Settings.load(None, {**self.options.overrides(), "dialect": dialect})
            reviewer = self._reviewers[dialect] = open_reviewer(settings)
            self._base_words[dialect] = tuple(reviewer.words)
        # The engine learns a paper's vocabulary from the files of the paragraphs it is given, which here are
        # the buffer's only; the words the rest of a multi-file paper teaches are added, as the CLI knows them.
        learned = self._paper_words(segmentation) if len(segmentation.files) > 1 else ()
        reviewer.words = self._base_words[dialect] + learned
        return reviewer

    def _paper_words(self, segmentation: Segmentation) -> tuple[str, ...]:
        from revise.engines import vocabulary

        key = tuple(hash(f.text) for f in segmentation.files)
        if self._words_key != key:
            self._words_key = key
            self._words = tuple(vocabulary.words(f.text for f in segmentation.files))
        return self._words

    def overlay(self) -> dict[str, str]:
        return {str(b.path.resolve()): b.text for b in self.buffers.values() if b.path is not None}

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(kind, message))

    def show(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.window_show_message(types.ShowMessageParams(kind, message))

    async def lint(self, uri: str, delay: float = 0.0) -> None:
        """Lint one buffer after ``delay`` seconds of quiet and publish its diagnostics.

        A newer change cancels this task only while it waits: once a lint has started it runs to its end
        (shielded), so two lints never share Harper's linter or the buffer's memo.
        """
        if delay:
            await asyncio.sleep(delay)
        await asyncio.shield(self._lint_now(uri))

    async def _lint_now(self, uri: str) -> None:
        if self.configured is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self.configured), 5)
        buffer = self.buffers.get(uri)
        if buffer is None:
            return
        if self._lint_lock is None:
            self._lint_lock = asyncio.Lock()
        async with self._lint_lock:
            version = buffer.version
            try:
                done = await asyncio.to_thread(
                    refresh,
                    buffer,
                    self.overlay(),
                    self.reviewer,
                    self.options.filter,
                    field_name=self.options.field or "",
                    versions=self.options.versions or 3,
                )
            except ReviseError as err:
                self.trouble(uri, f"revise: {err}")
                return
            except Exception as err:  # a bug must cost one message, not the server
                logging.getLogger(__name__).exception("lint failed")
                self.trouble(uri, f"revise: internal error while linting: {err!r}")
                return
        if self.buffers.get(uri) is not buffer or buffer.version != version:
            return  # a newer change is queued; its lint publishes
        self.troubles.pop(uri, None)
        buffer.source, buffer.segmentation, buffer.edits = done.source, done.segmentation, done.edits
        self.publish(uri, done)

    def trouble(self, uri: str, message: str) -> None:
        """Show a lint failure once, not on every keystroke that repeats it."""
        if self.troubles.get(uri) != message:
            self.troubles[uri] = message
            self.show(message)
        else:
            self.log(message)

    def publish(self, uri: str, done: Refreshed) -> None:
        found = [diagnostic(e, done.source, self.encoding) for e in done.edits]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, done.version))
        for notice in done.notices:
            self.log(notice, types.MessageType.Info)
        self.log(
            f"revise: linted {done.relinted} of {done.paragraphs} paragraphs, "
            f"{len(found)} diagnostics, {done.seconds * 1000:.0f} ms"
        )

    def schedule(self, uri: str, delay: float) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self.lint(uri, delay))

    async def configure(self) -> None:
        """Read the ``revise`` settings from the client when it offers workspace/configuration."""
        caps = self.client_capabilities.workspace
        if caps is None or not caps.configuration:
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams([types.ConfigurationItem(section="revise")])
            )
        except Exception as err:
            self.log(f"revise: cannot read the settings ({err})", types.MessageType.Warning)
            return
        parsed, problems = server_settings.parse(answer[0] if answer else None)
        for problem in problems:
            self.show(problem, types.MessageType.Warning)
        if parsed != self.options:
            self.options = parsed
            self._reviewers.clear()
            for buffer in self.buffers.values():
                buffer.lints.clear()


server = ReviseServer()


@server.feature(types.INITIALIZED)
async def initialized(ls: ReviseServer, params: types.InitializedParams) -> None:
    ls.configured = asyncio.get_running_loop().create_task(ls.configure())


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def configuration_changed(ls: ReviseServer, params: types.DidChangeConfigurationParams) -> None:
    await ls.configure()
    for uri in list(ls.buffers):
        ls.schedule(uri, 0.0)


def _buffer(ls: ReviseServer, uri: str) -> Buffer:
    document = ls.workspace.get_text_document(uri)
    path = to_fs_path(uri) if uri.startswith("file:") else None
    from pathlib import Path

    buffer = ls.buffers.get(uri) or Buffer(uri, Path(path) if path else None, document.source)
    buffer.text, buffer.version = document.source, document.version
    ls.buffers[uri] = buffer
    return buffer


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ReviseServer, params: types.DidOpenTextDocumentParams) -> None:
    _buffer(ls, params.text_document.uri)
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ReviseServer, params: types.DidChangeTextDocumentParams) -> None:
    _buffer(ls, params.text_document.uri)
    ls.schedule(params.text_document.uri, ls.options.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ReviseServer, params: types.DidSaveTextDocumentParams) -> None:
    buffer = ls.buffers.get(params.text_document.uri)
    if buffer is not None:
        buffer.root = None  # a saved \input may have made another file the root
        ls.schedule(buffer.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: ReviseServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.buffers.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
    ),
)
def code_action(ls: ReviseServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    buffer = ls.buffers.get(params.text_document.uri)
    if buffer is None or buffer.source is None or buffer.source.text != buffer.text:
        return []  # the buffer changed since its last lint: offsets would be stale
    actions = code_actions(buffer.edits, buffer.source, buffer.uri, params.range, ls.encoding)
    actions.append(ask_action(buffer.uri, params.range.start))
    return actions


@server.command(ASK_COMMAND)
async def ask_reviewer(ls: ReviseServer, *arguments: Any) -> dict[str, Any] | None:
    """Arguments: one object with ``uri``, ``line``, ``character`` and optional ``scope`` (paragraph|section)."""
    request = arguments[0] if arguments and isinstance(arguments[0], dict) else {}
    buffer = ls.buffers.get(str(request.get("uri", "")))
    if buffer is None:
        ls.show("revise: Ask the reviewer needs an open LaTeX document")
        return None
    if ls.pending.get(buffer.uri) and not ls.pending[buffer.uri].done():
        await asyncio.wait([ls.pending[buffer.uri]])
    if buffer.source is None:
        await ls.lint(buffer.uri)
    if buffer.source is None:
        return None
    scope = str(request.get("scope") or "paragraph")
    scope = scope if scope in SCOPES else "paragraph"
    line, character = int(request.get("line", 0)), int(request.get("character", 0))
    offset = from_protocol(buffer.source, line, character, ls.encoding)
    paragraphs = under_cursor(buffer, offset, scope)
    if not paragraphs:
        ls.show("revise: no prose paragraph under the cursor", types.MessageType.Info)
        return None
    token = str(uuid.uuid4())
    progress = bool(ls.client_capabilities.window and ls.client_capabilities.window.work_done_progress)
    if progress:
        try:
            await ls.work_done_progress.create_async(token)
        except Exception:
            progress = False
    if progress:
        ls.work_done_progress.begin(
            token,
            types.WorkDoneProgressBegin(
                title="Asking the reviewer", message=f"{len(paragraphs)} paragraph(s)"
            ),
        )

    def notify(line: str) -> None:
        if progress:
            message = line.removeprefix("revise: ")
            ls.work_done_progress.report(token, types.WorkDoneProgressReport(message=message))

    try:
        asked = await asyncio.to_thread(ask, buffer, paragraphs, ls.options, notify)
    except ReviseError as err:
        ls.show(f"revise: {err}")
        return None
    except Exception as err:
        ls.show(f"revise: internal error while asking the reviewer: {err!r}")
        return None
    finally:
        if progress:
            ls.work_done_progress.end(token, types.WorkDoneProgressEnd(message="done"))
    for notice in asked.notices:
        ls.log(notice, types.MessageType.Info)
    if asked.failures:
        ls.show(f"revise: {'; '.join(asked.failures)}", types.MessageType.Warning)
    await ls.lint(buffer.uri)
    ls.log(
        f"revise: the reviewer made {asked.suggestions} suggestion(s); {asked.usage}", types.MessageType.Info
    )
    return {
        "paragraphs": asked.paragraphs,
        "suggestions": asked.suggestions,
        "failures": list(asked.failures),
    }


def serve() -> int:
    """Run on stdio until exit; the exit code follows the protocol (0 after shutdown)."""
    import os
    import sys

    # The protocol owns the real stdout; anything else writing to fd 1 (a native library's print, a stray
    # print()) goes to stderr, where editors keep the server's log, instead of corrupting a message.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
