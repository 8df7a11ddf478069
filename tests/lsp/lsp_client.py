"""A real LSP client over stdio for the tests: pygls' LanguageClient driving ``python -m revise lsp``."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient


class Client(LanguageClient):
    """Records what the server publishes and answers its configuration and progress requests."""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__("revise-tests", "1")
        self.settings = dict(settings or {})
        self.diagnostics: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.logs: list[str] = []
        self.shown: list[str] = []
        self.progress: list[Any] = []
        self.published = asyncio.Event()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics.setdefault(params.uri, []).append(params)
            self.published.set()

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def _log(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def _show(params: types.ShowMessageParams) -> None:
            self.shown.append(params.message)

        @self.feature(types.WORKSPACE_CONFIGURATION)
        def _configuration(params: types.ConfigurationParams) -> list[Any]:
            return [self.settings for _ in params.items]

        @self.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def _create(params: types.WorkDoneProgressCreateParams) -> None:
            return None

        @self.feature(types.PROGRESS)
        def _progress(params: types.ProgressParams) -> None:
            self.progress.append(params.value)

    async def start(
        self, env: Mapping[str, str] | None = None, cwd: Path | None = None, args: Sequence[str] = ("lsp",)
    ) -> None:
        """Start ``revise ARGS`` (this interpreter's revise) and complete the initialize handshake."""
        environment = {**os.environ, **(env or {})}
        await self.start_io(sys.executable, "-m", "revise", *args, env=environment, cwd=cwd)
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(configuration=True),
            window=types.WindowClientCapabilities(work_done_progress=True),
        )
        await self.initialize_async(types.InitializeParams(capabilities=capabilities, process_id=os.getpid()))
        self.initialized(types.InitializedParams())

    async def next_diagnostics(
        self, uri: str, count: int, timeout: float = 30
    ) -> types.PublishDiagnosticsParams:
        """Wait until ``uri`` has had ``count`` publications; the last one."""

        async def wait() -> None:
            while len(self.diagnostics.get(uri, [])) < count:
                self.published.clear()
                await self.published.wait()

        await asyncio.wait_for(wait(), timeout)
        return self.diagnostics[uri][-1]

    async def finish(self) -> int | None:
        await self.shutdown_async(None)
        self.exit(None)
        assert self._server is not None
        return await asyncio.wait_for(self._server.wait(), 10)
