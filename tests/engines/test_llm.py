"""The LLM reviewer through the real openai client against a real local Chat Completions server (no SDK
mocks).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import types
from dataclasses import replace
from pathlib import Path

import pytest
from chat_server import ChatServer, Error, Raw, Reply, Reset, edits_reply

from revise.cache import Cache
from revise.config import Settings
from revise.document import decode
from revise.edits import Suggestion
from revise.engines.base import ReviewContext
from revise.engines.llm import LLMReviewer, RetryPolicy
from revise.errors import ConfigError, EngineError, ReplyError
from revise.latex.segment import Paragraph, segment

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, max_retry_after=5.0)
KEY = "sk-test-SECRET-4f9a2b7c1d"
CONTEXT = ReviewContext(
    field="satellite anomaly detection", versions=2, title="Finding Faults", abstract="We find."
)


def paragraphs(*texts: str) -> tuple[Paragraph, ...]:
    source, _ = decode("\n\n".join(texts).encode(), "t.tex")
    found = segment(source).paragraphs
    assert len(found) == len(texts)
    return found


def by_paragraph(body: dict) -> str:
    """The paragraph a recorded request asked about (the one between paragraph tags, not the context)."""
    found = re.findall(r'<paragraph id="P\d+">\n(.*?)\n</paragraph>', body["messages"][-1]["content"], re.S)
    assert len(found) == 1
    return found[0]


@pytest.fixture
def server():
    with ChatServer() as running:
        yield running


def reviewer(server: ChatServer, cache: Cache | None = None, **settings: object) -> LLMReviewer:
    values: dict[str, object] = {
        "base_url": server.base_url,
        "model": "test-model",
        "timeout": 5.0,
        "scope": "paragraph",  # these tests are about single requests; section scope has its own tests
        **settings,
    }
    return LLMReviewer(Settings(**values), cache, retry=FAST)  # type: ignore[arg-type]


def test_structured_reply_becomes_suggestions_for_its_paragraph(server: ChatServer) -> None:
    first, second = paragraphs("We has shown that it work.", "The results is good.")
    server.script(
        edits_reply(("We has shown", "Subject-verb agreement.", ["We have shown", "We showed", "We show"])),
        Reply('{"edits": []}'),
    )
    review = reviewer(server, concurrency=1).review([first, second], CONTEXT)
    assert review.suggestions == (
        Suggestion(
            "We has shown",
            "Subject-verb agreement.",
            ("We have shown", "We showed"),
            paragraph=0,
            request=(0,),
        ),
    )
    assert review.failures == ()
    assert review.usage.requests == 2 and review.usage.prompt_tokens == 200
    body = server.chat_requests[0].body
    assert body["response_format"]["type"] == "json_schema"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert by_paragraph(body) == "We has shown that it work."
    assert body["messages"][-1]["content"].endswith(
        '<context id="P1" edit="no">\nThe results is good.\n</context>'
    )


def test_plain_text_reply_with_fenced_json_is_read(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    edit = '{"edits": [{"original": "We has", "issue": "x", "versions": ["We have"]}]}'
    fenced = f"Here is my review:\n```json\n{edit}\n```"
    server.script(Reply(fenced))
    review = reviewer(server).review([para], CONTEXT)
    assert [s.versions for s in review.suggestions] == [("We have",)]


def test_prose_reply_goes_through_the_pasted_reply_parser(server: ChatServer, monkeypatch) -> None:
    seen: list[str] = []

    def parse_reply(text: str) -> list[Suggestion]:
        seen.append(text)
        return [Suggestion("We has", "agreement", ("We have",), paragraph=7)]

    monkeypatch.setitem(
        sys.modules, "revise.replies.structured", types.SimpleNamespace(parse_reply=parse_reply)
    )
    (para,) = paragraphs("We has shown it.")
    server.script(Reply("1. Original: We has\n   Revised: We have\n   Reason: agreement"))
    review = reviewer(server).review([para], CONTEXT)
    assert seen and seen[0].startswith("1. Original")
    assert [(s.original, s.paragraph) for s in review.suggestions] == [("We has", 0)]


@pytest.mark.parametrize(
    ("unsupported", "expected_formats"),
    [
        ({"json_schema"}, ["json_schema", "json_object", "json_object", "json_object"]),
        ({"json_schema", "json_object"}, ["json_schema", "json_object", None, None, None]),
    ],
)
def test_unsupported_response_format_steps_down_once_per_run(unsupported, expected_formats) -> None:
    with ChatServer(unsupported_formats=unsupported) as server:
        engine = reviewer(server, concurrency=1)
        review = engine.review(paragraphs("One is here.", "Two is here.", "Three is here."), CONTEXT)
        sent = [(r.body.get("response_format") or {}).get("type") for r in server.chat_requests]
    assert review.failures == ()
    assert sent == expected_formats


def test_rate_limit_waits_for_retry_after_then_succeeds(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    server.script(Error(429, "slow down", {"Retry-After": "0.3"}), edits_reply(("We has", "x", ["We have"])))
    started = time.monotonic()
    review = reviewer(server).review([para], CONTEXT)
    assert time.monotonic() - started >= 0.3
    assert len(review.suggestions) == 1 and len(server.chat_requests) == 2


def test_retry_after_is_capped(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    server.script(Error(429, "slow down", {"Retry-After": "3600"}), Reply())
    engine = reviewer(server)
    engine.retry = replace(FAST, max_retry_after=0.05)
    started = time.monotonic()
    review = engine.review([para], CONTEXT)
    assert time.monotonic() - started < 2 and review.failures == ()


def test_server_error_is_retried(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    server.script(Error(500, "boom"), Error(503, "busy"), edits_reply(("We has", "x", ["We have"])))
    review = reviewer(server).review([para], CONTEXT)
    assert len(review.suggestions) == 1 and len(server.chat_requests) == 3


def test_persistent_server_error_is_a_failure_not_a_crash(server: ChatServer) -> None:
    first, second = paragraphs("One is here.", "Two is here.")
    server.respond = lambda body: Error(500, "boom") if "One" in by_paragraph(body) else Reply()
    review = reviewer(server).review([first, second], CONTEXT)
    assert [(f.paragraph, "500" in f.message) for f in review.failures] == [(0, True)]


def test_timeout_becomes_a_failure_of_that_paragraph(server: ChatServer) -> None:
    slow, quick = paragraphs("Slow one is here.", "Quick one is here.")
    server.respond = lambda body: Reply(delay=1.0) if "Slow" in by_paragraph(body) else Reply()
    engine = reviewer(server, timeout=0.2)
    engine.retry = replace(FAST, attempts=2)
    review = engine.review([slow, quick], CONTEXT)
    assert [f.paragraph for f in review.failures] == [0]
    assert "0.2 s" in review.failures[0].message
    assert review.usage.requests == 1


def test_a_silent_endpoint_is_asked_twice_not_a_full_round_of_retries(server: ChatServer) -> None:
    slow, quick = paragraphs("Slow one is here.", "Quick one is here.")
    server.respond = lambda body: Reply(delay=1.0) if "Slow" in by_paragraph(body) else Reply()
    engine = reviewer(server, timeout=0.2)
    engine.retry = replace(FAST, attempts=4)
    review = engine.review([slow, quick], CONTEXT)
    assert [f.paragraph for f in review.failures] == [0]
    assert sum("Slow" in by_paragraph(r.body) for r in server.chat_requests) == 2


def test_connection_reset_is_retried(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    server.script(Reset(), edits_reply(("We has", "x", ["We have"])))
    review = reviewer(server).review([para], CONTEXT)
    assert len(review.suggestions) == 1 and review.failures == ()


def test_unreachable_endpoint_raises_one_line_engine_error() -> None:
    with ChatServer() as server:
        base_url = server.base_url  # the port is closed once the server stops
    engine = LLMReviewer(Settings(base_url=base_url, model="m", timeout=2.0), None, retry=FAST)
    started = time.monotonic()
    with pytest.raises(EngineError) as caught:
        engine.review(paragraphs(*(f"Paragraph {i} is here." for i in range(20))), CONTEXT)
    assert "cannot reach 127.0.0.1" in str(caught.value) and "\n" not in str(caught.value)
    assert time.monotonic() - started < 3


def test_refused_key_raises_engine_error_without_the_key(server: ChatServer) -> None:
    server.default = Error(401, f"Incorrect API key provided: {KEY}")
    engine = LLMReviewer(
        replace(Settings(base_url=server.base_url, model="m"), api_key=KEY), None, retry=FAST
    )
    with pytest.raises(EngineError) as caught:
        engine.review(paragraphs("One is here.", "Two is here."), CONTEXT)
    assert "refused the API key" in str(caught.value) and KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply('{"edits": [{"original": "We has", "iss', finish_reason="length"), "cut off"),
        (Reply("{edits: [oops"), "JSON"),
        (Reply(refusal="I can't help with that."), "declined"),
        (Reply("   "), "empty reply"),
        (Raw(b"<html>gateway</html>"), "not a chat completion"),
    ],
    ids=["truncated", "invalid", "refusal", "empty", "not-json-http-body"],
)
def test_unusable_reply_is_a_failure_and_other_paragraphs_still_count(
    server, reply, message, monkeypatch
) -> None:
    def parse_reply(text: str) -> list[Suggestion]:
        raise ReplyError("nothing readable")

    monkeypatch.setitem(
        sys.modules, "revise.replies.structured", types.SimpleNamespace(parse_reply=parse_reply)
    )
    bad, good = paragraphs("Bad one is here.", "Good one is here.")
    server.respond = lambda body: (
        reply if "Bad" in by_paragraph(body) else edits_reply(("Good one", "x", ["A"]))
    )
    review = reviewer(server).review([bad, good], CONTEXT)
    assert [f.paragraph for f in review.failures] == [0]
    assert message in review.failures[0].message
    assert [s.paragraph for s in review.suggestions] == [1]


@pytest.mark.parametrize("concurrency", [1, 3, 8])
def test_requests_run_concurrently_up_to_the_limit(server: ChatServer, concurrency: int) -> None:
    # Long enough that every worker has connected before the first answer, even on a busy 2-core machine.
    server.default = Reply(delay=0.6 if concurrency > 1 else 0.05)
    reviewer(server, concurrency=concurrency).review(
        paragraphs(*(f"Paragraph {i} is here." for i in range(9))), CONTEXT
    )
    assert server.max_active == concurrency


def test_rerun_is_served_from_cache_and_an_edit_sends_one_request(server: ChatServer, tmp_path: Path) -> None:
    texts = [f"Paragraph {i} is here." for i in range(5)]
    engine = reviewer(server, Cache(tmp_path / "c.sqlite3"))
    first = engine.review(paragraphs(*texts), CONTEXT)
    assert first.usage.requests == 5 and first.usage.cached == 0
    again = reviewer(server, Cache(tmp_path / "c.sqlite3")).review(paragraphs(*texts), CONTEXT)
    assert again.usage.requests == 0 and again.usage.cached == 5 and len(server.chat_requests) == 5
    texts[2] = "Paragraph 2 was edited."
    edited = reviewer(server, Cache(tmp_path / "c.sqlite3")).review(paragraphs(*texts), CONTEXT)
    assert edited.usage.requests == 1 and edited.usage.cached == 4
    assert by_paragraph(server.chat_requests[-1].body) == "Paragraph 2 was edited."


def test_failed_replies_are_not_cached(server: ChatServer, tmp_path: Path) -> None:
    (para,) = paragraphs("One is here.")
    server.script(Reply(refusal="no"))
    # Every request failed: the run is an expected failure (exit 1), and nothing was cached.
    with pytest.raises(EngineError, match="declined"):
        reviewer(server, Cache(tmp_path / "c.sqlite3")).review([para], CONTEXT)
    review = reviewer(server, Cache(tmp_path / "c.sqlite3")).review([para], CONTEXT)
    assert review.usage.requests == 1 and review.failures == ()


def test_streamed_reply_is_read_with_usage(server: ChatServer) -> None:
    (para,) = paragraphs("We has shown it.")
    server.script(edits_reply(("We has", "agreement", ["We have"]), prompt_tokens=7, completion_tokens=3))
    engine = reviewer(server)
    engine.stream = True
    review = engine.review([para], CONTEXT)
    assert [s.original for s in review.suggestions] == ["We has"]
    assert (review.usage.prompt_tokens, review.usage.completion_tokens) == (7, 3)
    assert server.chat_requests[0].body["stream"] is True


def test_the_only_model_of_a_server_is_used_when_none_is_given() -> None:
    with ChatServer(models=["qwen2.5:7b"]) as server:
        engine = LLMReviewer(Settings(base_url=server.base_url), None, retry=FAST)
        review = engine.review(paragraphs("One is here."), CONTEXT)
        assert server.chat_requests[0].body["model"] == "qwen2.5:7b"
    assert any("qwen2.5:7b" in n for n in review.notices)


def test_a_server_with_several_models_needs_one_named() -> None:
    with ChatServer(models=["llama3.1", "qwen2.5"]) as server:
        engine = LLMReviewer(Settings(base_url=server.base_url), None, retry=FAST)
        with pytest.raises(ConfigError, match=r"--model.*llama3\.1, qwen2\.5"):
            engine.review(paragraphs("One is here."), CONTEXT)


def test_remote_endpoint_is_announced_before_the_first_request(server: ChatServer, monkeypatch) -> None:
    monkeypatch.setattr("revise.engines.llm.is_loopback", lambda url: False)
    said: list[tuple[str, int]] = []
    engine = reviewer(server)
    engine.notify = lambda line: said.append((line, len(server.chat_requests)))
    engine.review(paragraphs("One is here.", "Two is here."), CONTEXT)
    ((line, sent_before),) = said
    assert sent_before == 0
    assert line.startswith("revise: sending 2 paragraphs in 2 requests, about ")
    assert line.endswith(f"completion tokens (24 characters) to 127.0.0.1:{server.port}")


def test_loopback_endpoint_is_not_announced(server: ChatServer) -> None:
    review = reviewer(server).review(paragraphs("One is here."), CONTEXT)
    assert not any("sending" in n for n in review.notices)


def test_api_key_never_reaches_output_logs_or_cache(
    server: ChatServer, tmp_path: Path, monkeypatch, capsys, caplog
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    settings = Settings.load(None, {"base_url": server.base_url, "model": "test-model", "scope": "paragraph"})
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "cache.sqlite3"
    server.respond = lambda body: (
        Error(400, f"bad key {KEY}") if "Two" in by_paragraph(body) else edits_reply(("One", "x", ["Uno"]))
    )
    engine = LLMReviewer(settings, Cache(db), retry=FAST)
    review = engine.review(paragraphs("One is here.", "Two is here."), CONTEXT)
    assert server.chat_requests[0].headers["authorization"] == f"Bearer {KEY}"  # it was really used
    Cache(db).close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    seen = capsys.readouterr()
    texts = [seen.out, seen.err, caplog.text, repr(review), repr(settings), repr(engine.settings)]
    assert review.failures and review.suggestions
    assert all(KEY not in text for text in texts)
    assert KEY.encode() not in stored and len(stored) > 0


def test_prompt_tokens_are_counted_and_priced(server: ChatServer) -> None:
    from revise.config import Price, estimate_cost

    server.default = Reply(prompt_tokens=1000, completion_tokens=500)
    review = reviewer(server).review(paragraphs("One is here.", "Two is here."), CONTEXT)
    assert (review.usage.prompt_tokens, review.usage.completion_tokens) == (2000, 1000)
    assert estimate_cost(review.usage, Price(input=0.15, output=0.60)) == pytest.approx(0.0009)


def test_request_bodies_carry_no_unexpected_options(server: ChatServer) -> None:
    reviewer(server).review(paragraphs("One is here."), CONTEXT)
    body = server.chat_requests[0].body
    # Reasoning models reject temperature/max_tokens: send only what every server takes.
    assert set(body) == {"model", "messages", "response_format"}
    assert json.dumps(body).count("satellite anomaly detection") >= 1
