"""A real HTTP server on 127.0.0.1 speaking the Chat Completions protocol, for tests and benchmarks.

It replays a script of behaviours, one per chat request (then ``respond(body)``, then ``default``): a reply
(JSON or SSE, as the request asks), an error status with headers (429 + Retry-After, 500 …), a connection
reset, or raw bytes. It can refuse ``response_format`` types like a server without structured output, records
every request (path, headers, body) and counts how many requests were in flight at once. ``GET /v1/models``
and Ollama's ``/api/version`` and ``/api/tags`` answer too, and the Files and Batches endpoints of the Batch
API (tests/batch_api.py).
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union

import batch_api


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: with 8 clients connecting at once, the kernel drops SYNs and
    # the client retries after 1 s, which measured as a phantom extra second in the concurrency benchmark.
    request_queue_size = 128


@dataclass(frozen=True)
class Reply:
    """A completed answer: ``content`` as the assistant message (or a refusal), after ``delay`` seconds."""

    content: str = '{"edits": []}'
    finish_reason: str = "stop"
    refusal: str | None = None
    delay: float = 0.0
    prompt_tokens: int = 100
    completion_tokens: int = 20


@dataclass(frozen=True)
class Error:
    """An HTTP error status with an OpenAI-style error body."""

    status: int
    message: str = "server error"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Reset:
    """Close the connection abruptly (TCP RST) instead of answering."""

    delay: float = 0.0


@dataclass(frozen=True)
class Raw:
    """Send these bytes as the response body, whatever they are."""

    body: bytes
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0.0


Behaviour = Union[Reply, Error, Reset, Raw]  # noqa: UP007 - a runtime alias needs Union on 3.10


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


class ChatServer:
    """Start with ``with ChatServer() as server:``; point the client at ``server.base_url``."""

    def __init__(
        self,
        *,
        unsupported_formats: Iterable[str] = (),
        models: Iterable[str] = ("test-model",),
        default: Behaviour | None = None,
        respond: Callable[[dict[str, Any]], Behaviour | None] | None = None,
        batch_statuses: Iterable[str] = ("validating", "in_progress", "completed"),
        batch_expire_after: int | None = None,
    ) -> None:
        self.unsupported_formats = set(unsupported_formats)
        self.models = list(models)
        self.default = default
        self.respond = respond
        self.requests: list[Recorded] = []
        self.files: dict[str, dict[str, Any]] = {}
        """Uploaded and generated files (tests/batch_api.py), by id."""
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_statuses = list(batch_statuses)
        self.batch_expire_after = batch_expire_after
        self.active = 0
        self.max_active = 0
        self.timings: list[tuple[float, float]] = []
        """(received, answered) ``time.monotonic()`` of every chat request."""
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def script(self, *behaviours: Behaviour) -> None:
        """Queue behaviours for the next chat requests, in order."""
        with self._lock:
            self._script.extend(behaviours)

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # --- used by the handler ---
    def _next(self, body: dict[str, Any]) -> Behaviour:
        with self._lock:
            if self._script:
                return self._script.popleft()
        chosen = self.respond(body) if self.respond else None
        return chosen or self.default or Reply()

    def _enter(self) -> None:
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)

    def _leave(self) -> None:
        with self._lock:
            self.active -= 1


def _handler_for(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            # Without this, a reply written as headers then body waits ~40 ms for a delayed ACK.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def finish(self) -> None:
            with contextlib.suppress(OSError, ValueError):  # the socket was reset on purpose
                super().finish()

        def do_GET(self) -> None:
            server.requests.append(Recorded("GET", self.path, _lower(self.headers), None))
            if self.path.rstrip("/").endswith("/models"):
                data = [{"id": m, "object": "model", "created": 0, "owned_by": "test"} for m in server.models]
                self._json(200, {"object": "list", "data": data})
            elif self.path == "/api/version":
                self._json(200, {"version": "0.0.0-test"})
            elif self.path == "/api/tags":
                self._json(200, {"models": [{"name": m} for m in server.models]})
            elif "/files/" in self.path and self.path.endswith("/content"):
                data = batch_api.content(server, self.path.rsplit("/", 2)[-2])
                if data is None:
                    self._json(404, {"error": {"message": f"no file {self.path}"}})
                else:
                    self._send(200, data, "application/octet-stream")
            elif "/batches/" in self.path:
                self._json(*batch_api.retrieve(server, self.path.rstrip("/").rsplit("/", 1)[-1]))
            else:
                self._json(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path.rstrip("/").endswith("/files"):
                server.requests.append(Recorded("POST", self.path, _lower(self.headers), None))
                self._json(*batch_api.upload(server, self.headers.get("Content-Type", ""), raw))
                return
            try:
                body = json.loads(raw)
            except ValueError:
                body = {}
            server.requests.append(Recorded("POST", self.path, _lower(self.headers), body))
            if self.path.rstrip("/").endswith("/batches"):
                self._json(*batch_api.create(server, body))
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            server._enter()
            received = time.monotonic()
            try:
                self._chat(body)
            finally:
                server._leave()
                server.timings.append((received, time.monotonic()))

        def _chat(self, body: dict[str, Any]) -> None:
            kind = (body.get("response_format") or {}).get("type")
            if kind in server.unsupported_formats:
                message = (
                    f"Invalid value for 'response_format': type {kind!r} is not supported by this server."
                )
                error = {"message": message, "type": "invalid_request_error", "param": "response_format"}
                self._json(400, {"error": error})
                return
            behaviour = server._next(body)
            time.sleep(behaviour.delay)
            if isinstance(behaviour, Reset):
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            elif isinstance(behaviour, Error):
                error = {"message": behaviour.message, "type": "server_error", "code": None}
                self._json(behaviour.status, {"error": error}, behaviour.headers)
            elif isinstance(behaviour, Raw):
                self._send(behaviour.status, behaviour.body, behaviour.content_type)
            elif body.get("stream"):
                self._stream(body, behaviour)
            else:
                self._json(200, _completion(body, behaviour))

        def _stream(self, body: dict[str, Any], reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            base = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": body.get("model"),
            }
            pieces = [reply.content[i : i + 16] for i in range(0, len(reply.content), 16)]
            deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
            deltas += [{"content": piece} for piece in pieces]
            if reply.refusal:
                deltas.append({"refusal": reply.refusal})
            for delta in deltas:
                self._event({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
            self._event(
                {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]}
            )
            if (body.get("stream_options") or {}).get("include_usage"):
                self._event({**base, "choices": [], "usage": _usage(reply)})
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

        def _event(self, data: dict[str, Any]) -> None:
            self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")
            self.wfile.flush()

        def _json(self, status: int, data: Any, headers: Mapping[str, str] | None = None) -> None:
            self._send(status, json.dumps(data).encode(), "application/json", headers)

        def _send(
            self, status: int, payload: bytes, content_type: str, headers: Mapping[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

    return Handler


def _usage(reply: Reply) -> dict[str, int]:
    return {
        "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.completion_tokens,
        "total_tokens": reply.prompt_tokens + reply.completion_tokens,
    }


def _completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None if reply.refusal else reply.content}
    if reply.refusal:
        message["refusal"] = reply.refusal
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model"),
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": _usage(reply),
    }


def edits_reply(*edits: tuple[str, str, list[str]], **options: Any) -> Reply:
    """A Reply whose content is the contract's JSON for ``(original, issue, versions)`` triples."""
    data = {"edits": [{"original": o, "issue": i, "versions": v} for o, i, v in edits]}
    return Reply(json.dumps(data), **options)


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}
