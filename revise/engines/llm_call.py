"""One Chat Completions call: its arguments per response-format level, the reply read (whole or streamed) into
text and Usage, and every openai failure sorted into worth retrying (``Transient``) or not (``Final``).

Structured output is asked for where the server takes it: ``json_schema``, then ``json_object``, then plain
text (``FORMATS``).  A 400 that names the response format is ``FormatRefused``, so the caller can step the whole
run down one level; retries, pacing and the response-format level itself are the caller's (revise.engines.llm).
"""

from __future__ import annotations

from typing import Any

from revise.engines.base import Usage
from revise.engines.llm_http import cause, names_response_format, retry_after
from revise.engines.llm_http import error_message as said
from revise.prompting import Message

FORMATS = ("json_schema", "json_object", "text")
"""Structured-output levels, strictest first."""

REPLY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "edits": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "paragraph": {"type": "string"},
                    "original": {"type": "string"},
                    "issue": {"type": "string"},
                    "versions": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["paragraph", "original", "issue", "versions"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["edits"],
    "additionalProperties": False,
}


class Transient(Exception):
    """A failure worth retrying; ``retry_after`` is the server's hint in seconds."""

    def __init__(
        self, message: str, retry_after: float | None = None, fatal: bool = False, *, timed_out: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.fatal = fatal
        self.timed_out = timed_out
        """No answer within the per-request timeout: worth one more try, not a full round of retries."""


class Final(Exception):
    """A failure not worth retrying."""

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


class FormatRefused(Exception):
    """The server refused the response format of this level, and a less strict level is left to try."""


def call(
    client: Any,
    messages: list[Message],
    *,
    model: str | None,
    level: int,
    timeout: float,
    stream: bool,
    host: str,
) -> tuple[str, Usage]:
    """One reply's text and usage, asking for the response format ``FORMATS[level]``.

    Raises ``FormatRefused``, ``Transient`` or ``Final``; ``host`` names the endpoint in their messages.
    """
    import openai

    kwargs = _arguments(messages, model, level, timeout, stream)
    secret = getattr(client, "api_key", None)

    def error_message(err: Any) -> str:
        return said(err, secret)

    try:
        return _send(client, kwargs, stream)
    except (openai.BadRequestError, openai.UnprocessableEntityError) as err:
        if level + 1 < len(FORMATS) and names_response_format(err):
            raise FormatRefused from None
        raise Final(f"the endpoint rejected the request ({err.status_code}: {error_message(err)})") from None
    except openai.APITimeoutError:
        raise Transient(f"no answer within {timeout:g} s", timed_out=True) from None
    except openai.APIConnectionError as err:
        raise Transient(f"cannot reach {host} ({cause(err, secret)})", fatal=True) from None
    except openai.AuthenticationError as err:
        raise Final(f"{host} refused the API key (401)", fatal=True) from err
    except openai.PermissionDeniedError as err:
        raise Final(f"access denied (403: {error_message(err)})", fatal=True) from None
    except openai.NotFoundError as err:
        raise Final(
            f"model {model!r} or endpoint not found (404: {error_message(err)})", fatal=True
        ) from None
    except (openai.APIResponseValidationError, ValueError) as err:
        raise Final(f"the endpoint's answer is not a chat completion ({error_message(err)[:80]})") from None
    except openai.APIStatusError as err:
        hint = retry_after(err)
        if err.status_code == 429:
            raise Transient("rate limited (429)", hint) from None
        if err.status_code >= 500 or err.status_code in (408, 409):
            raise Transient(f"server error {err.status_code}: {error_message(err)}", hint) from None
        raise Final(f"the endpoint answered {err.status_code}: {error_message(err)}") from None


def _arguments(
    messages: list[Message], model: str | None, level: int, timeout: float, stream: bool
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "model": model,
        "messages": [m.as_dict() for m in messages],
        "timeout": timeout,
    }
    if FORMATS[level] == "json_schema":
        kwargs["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "review", "strict": True, "schema": REPLY_SCHEMA},
        }
    elif FORMATS[level] == "json_object":
        kwargs["response_format"] = {"type": "json_object"}
    if stream:
        kwargs["stream"] = True
        kwargs["stream_options"] = {"include_usage": True}
    return kwargs


def _send(client: Any, kwargs: dict[str, Any], stream: bool) -> tuple[str, Usage]:
    if stream:
        return _read_stream(client.chat.completions.create(**kwargs))
    response = client.chat.completions.create(**kwargs)
    usage = _usage(getattr(response, "usage", None))
    if not response.choices:
        raise Final("the endpoint sent a reply without choices")
    choice = response.choices[0]
    return _content(
        choice.message.content, getattr(choice.message, "refusal", None), choice.finish_reason
    ), usage


def _content(content: str | None, refusal: str | None, finish_reason: str | None) -> str:
    if refusal:
        raise Final(f"the model declined to review this paragraph: {' '.join(refusal.split())[:200]}")
    if finish_reason == "content_filter":
        raise Final("the endpoint's content filter withheld the reply")
    if not content or not content.strip():
        raise Final("the model sent an empty reply" + (" (cut off)" if finish_reason == "length" else ""))
    if finish_reason == "length":
        # Its complete edits would be kept and the rest dropped without a word: a failure, asked again.
        raise Final("the reply was cut off at the model's length limit; not cached, asked again next run")
    return content


def _read_stream(stream: Any) -> tuple[str, Usage]:
    parts: list[str] = []
    refusal: list[str] = []
    finish: str | None = None
    usage = Usage(requests=1)
    for chunk in stream:
        if getattr(chunk, "usage", None):
            usage = _usage(chunk.usage)
        for choice in chunk.choices or ():
            delta = choice.delta
            if delta.content:
                parts.append(delta.content)
            if getattr(delta, "refusal", None):
                refusal.append(delta.refusal)
            finish = choice.finish_reason or finish
    return _content("".join(parts), "".join(refusal) or None, finish), usage


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage(requests=1)
    return Usage(
        requests=1,
        prompt_tokens=int(getattr(raw, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(raw, "completion_tokens", 0) or 0),
    )
