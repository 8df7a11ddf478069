"""The Files and Batches endpoints of the test server (OpenAI's Batch API, as the ``openai`` client speaks it).

``POST /v1/files`` takes a multipart upload, ``GET /v1/files/{id}/content`` gives a file back; ``POST
/v1/batches`` creates a batch over an uploaded JSONL of Chat Completions requests, and every ``GET
/v1/batches/{id}`` moves it one step along the server's ``batch_statuses`` (``validating → in_progress →
completed`` by default). When it finishes, each request line is answered by the server's chat behaviours
(script, ``respond``, ``default``): a 200 goes to the output file, anything else to the error file. With
``batch_expire_after = n`` only the first n requests are answered and the batch ends ``expired``, the rest in
the error file as ``batch_expired``, as OpenAI does.
"""

from __future__ import annotations

import json
import time
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chat_server import ChatServer

FINISHED = ("completed", "expired", "failed", "cancelled")


def upload(server: ChatServer, content_type: str, raw: bytes) -> tuple[int, dict[str, Any]]:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
    )
    fields: dict[str, bytes] = {}
    name = "upload.jsonl"
    for part in message.iter_parts():
        field = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if field == "file":
            name = str(part.get_filename() or name)
        fields[str(field)] = payload
    if "file" not in fields:
        return 400, {"error": {"message": "no file in the upload"}}
    return 200, _store(server, name, fields["file"], fields.get("purpose", b"batch").decode())


def create(server: ChatServer, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    source = server.files.get(str(body.get("input_file_id")))
    if source is None:
        return 404, {"error": {"message": f"no file {body.get('input_file_id')}"}}
    lines = [json.loads(line) for line in source["data"].decode().splitlines() if line.strip()]
    with server._lock:
        number = len(server.batches) + 1
    batch = {
        "id": f"batch_test{number}",
        "object": "batch",
        "endpoint": body.get("endpoint"),
        "input_file_id": source["id"],
        "completion_window": body.get("completion_window"),
        "status": server.batch_statuses[0],
        "created_at": int(time.time()),
        "output_file_id": None,
        "error_file_id": None,
        "errors": None,
        "metadata": body.get("metadata"),
        "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
    }
    server.batches[batch["id"]] = {"batch": batch, "lines": lines, "step": 0}
    return 200, batch


def retrieve(server: ChatServer, batch_id: str) -> tuple[int, dict[str, Any]]:
    entry = server.batches.get(batch_id)
    if entry is None:
        return 404, {"error": {"message": f"no batch {batch_id}"}}
    batch = entry["batch"]
    if batch["status"] not in FINISHED:
        entry["step"] = min(entry["step"] + 1, len(server.batch_statuses) - 1)
        status = server.batch_statuses[entry["step"]]
        if status in FINISHED:
            _finish(server, entry, status)
        else:
            batch["status"] = status
    return 200, batch


def content(server: ChatServer, file_id: str) -> bytes | None:
    found = server.files.get(file_id)
    return None if found is None else bytes(found["data"])


def _finish(server: ChatServer, entry: dict[str, Any], status: str) -> None:
    from chat_server import Error, Reply, _completion

    batch, lines = entry["batch"], entry["lines"]
    expire = server.batch_expire_after
    if expire is not None:
        status = "expired"
    out: list[str] = []
    errors: list[str] = []
    for n, line in enumerate(lines):
        custom = line.get("custom_id")
        if expire is not None and n >= expire:
            error = {
                "code": "batch_expired",
                "message": "This request could not be executed before the completion window expired.",
            }
            errors.append(
                json.dumps({"id": f"req_{n}", "custom_id": custom, "response": None, "error": error})
            )
            continue
        behaviour = server._next(line.get("body") or {})
        if isinstance(behaviour, Reply):
            response = {
                "status_code": 200,
                "request_id": f"r{n}",
                "body": _completion(line["body"], behaviour),
            }
            out.append(
                json.dumps({"id": f"req_{n}", "custom_id": custom, "response": response, "error": None})
            )
        else:
            code = behaviour.status if isinstance(behaviour, Error) else 500
            message = behaviour.message if isinstance(behaviour, Error) else "server error"
            response = {"status_code": code, "request_id": f"r{n}", "body": {"error": {"message": message}}}
            errors.append(
                json.dumps({"id": f"req_{n}", "custom_id": custom, "response": response, "error": None})
            )
    if out:
        batch["output_file_id"] = _store(
            server, "output.jsonl", ("\n".join(out) + "\n").encode(), "batch_output"
        )["id"]
    if errors:
        batch["error_file_id"] = _store(
            server, "errors.jsonl", ("\n".join(errors) + "\n").encode(), "batch_output"
        )["id"]
    batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(errors)}
    batch["status"] = status


def _store(server: ChatServer, name: str, data: bytes, purpose: str) -> dict[str, Any]:
    with server._lock:
        file_id = f"file-test{len(server.files) + 1}"
        entry = {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
            "data": data,
        }
        server.files[file_id] = entry
    return {k: v for k, v in entry.items() if k != "data"}
