"""The LLM reviewer: paragraphs → Chat Completions requests (concurrent, retried, cached) → Suggestions.

Works with any OpenAI-compatible server (OpenAI, Azure, Ollama, vLLM, llama.cpp, LM Studio) through the
official ``openai`` SDK, imported lazily. One call and what its failures mean are revise.engines.llm_call's;
this module owns the run: the cache, the worker pool, retries with backoff, and the response-format level (a
400 that names the response format steps the whole run down one level). Every reply is validated; one that
is not the contract's JSON goes through the pasted-reply parser before it counts as a failure. A paragraph
that fails becomes a Failure; only an endpoint that fails every request stops the run.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from revise.cache import Cache, CachedReply, request_key
from revise.edits import Suggestion
from revise.engines.base import Failure, Review, ReviewContext, Usage
from revise.engines.endpoint import (
    DEFAULT_OPENAI_MODEL,
    describe_endpoint,
    endpoint_host,
    is_loopback,
    is_openai,
    redact,
)
from revise.engines.llm_call import Final, FormatRefused, Transient, call
from revise.engines.llm_http import Progress, cause
from revise.errors import ConfigError, EngineError, ReplyError
from revise.planning import Request
from revise.prompting import Message, build_request, load_template, plan_requests
from revise.replies import parse_model_reply
from revise.replies.bounds import unusable

if TYPE_CHECKING:
    from revise.config import Settings
    from revise.latex.segment import Paragraph

__all__ = ["Job", "LLMReviewer", "RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one paragraph: total attempts and backoff (tests make the delays tiny)."""

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 20.0
    max_retry_after: float = 60.0
    """A server's Retry-After is honoured up to this many seconds."""

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based)."""
        if retry_after is not None and retry_after >= 0:
            return float(min(retry_after, self.max_retry_after))
        # Full jitter keeps concurrent workers from retrying in lockstep.
        return min(self.base_delay * 2.0**attempt, self.max_delay) * random.uniform(0.5, 1.0)


UNSENT = "not answered by the batch; the next --batch submits it"


@dataclass(frozen=True)
class Job:
    """One request of a run: what it reviews, the exact messages, and its cache key."""

    request: Request
    messages: list[Message]
    key: str


@dataclass(frozen=True)
class _Outcome:
    paragraphs: tuple[int, ...]
    suggestions: tuple[Suggestion, ...] = ()
    failure: str | None = None
    fatal: bool = False
    """The endpoint itself failed (unreachable, key refused, model unknown), not this paragraph."""
    usage: Usage = field(default_factory=Usage)


class LLMReviewer:
    """A Reviewer backed by an OpenAI-compatible Chat Completions endpoint."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        cache: Cache | None = None,
        progress: bool = False,
        *,
        retry: RetryPolicy | None = None,
        notify: Callable[[str], None] | None = None,
        stream: bool = False,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.progress = progress
        self.retry = retry or RetryPolicy()
        self.notify = notify
        self.stream = stream
        self.model: str | None = settings.model or (
            DEFAULT_OPENAI_MODEL if is_openai(settings.base_url) else None
        )
        self.format_level = 0
        """Index into llm_call.FORMATS: the strictest response format this endpoint accepted so far (per run)."""
        self._lock = threading.Lock()
        self._pause_until = 0.0
        self._succeeded = False
        self._fatal: str | None = None
        self._client: Any = None
        self.unsent: Mapping[str, str] | None = None
        """When set (collecting a batch), requests the cache cannot answer fail with this message by cache key
        instead of being sent."""
        self._deadline = float("inf")
        """``time.monotonic()`` past which no request is started or retried (the run's total deadline)."""

    # --- the Reviewer protocol ---
    def review(self, paragraphs: Sequence[Paragraph], context: ReviewContext) -> Review:
        """Review every paragraph, one request per section or paragraph (``scope``); cached replies are
        reused, the rest requested concurrently."""
        context = self._complete(context)
        notices: list[str] = []
        if self.model is None:
            self.model = self._only_model(notices)
        outcomes: dict[tuple[int, ...], _Outcome] = {}
        todo: list[Job] = []
        jobs = self.jobs(paragraphs, context)
        for job in jobs:
            hit = self.cache.get(job.key) if self.cache is not None else None
            if hit is not None and unusable(hit.reply, self.settings.api_key) is None:
                try:
                    found = parse_model_reply(hit.reply, job.request.indices, context.versions)
                    outcomes[job.request.indices] = _Outcome(
                        job.request.indices, found, usage=Usage(cached=1)
                    )
                    continue
                except ReplyError:
                    pass  # a stale entry from an older parser; ask again
            todo.append(job)
        if todo and self.unsent is not None:
            # Collecting a batch: what it did not answer is reported, never sent one by one at full price.
            for job in todo:
                message = self.unsent.get(job.key, UNSENT)
                outcomes[job.request.indices] = _Outcome(job.request.indices, failure=message)
            todo = []
        if todo:
            self._announce(todo, context, notices)
            for outcome in self._run(todo, context):
                outcomes[outcome.paragraphs] = outcome
        if self.cache is not None:
            notices.extend(self.cache.notices)
        return self._collect([job.request for job in jobs], outcomes, notices)

    def jobs(self, paragraphs: Sequence[Paragraph], context: ReviewContext) -> list[Job]:
        """The run's requests with their messages and cache keys (``context`` already completed)."""
        planned = plan_requests(
            paragraphs,
            context,
            scope=self.settings.scope,
            max_prompt_tokens=self.settings.max_prompt_tokens,
            template=load_template(context.prompt),
        )
        # The read-only neighbours are not part of the key: editing one paragraph re-sends only the requests
        # that review it, not those that merely show it as context.
        return [
            Job(request, messages, self._key(_without_context(request, context), context))
            for request, messages in planned
        ]

    # --- steps ---
    def _complete(self, context: ReviewContext) -> ReviewContext:
        s = self.settings
        return replace(
            context,
            field=context.field or s.field or "",
            versions=context.versions or s.versions or 3,
            notes_language=context.notes_language or s.notes_language,
            prompt=context.prompt or s.prompt,
        )

    def _key(self, messages: list[Message], context: ReviewContext) -> str:
        model = self.model or "(the server's model)"
        options = {"versions": context.versions, "stream": False}
        return request_key(
            describe_endpoint(self.settings.base_url), model, [m.as_dict() for m in messages], options
        )

    def _announce(self, todo: Sequence[Job], context: ReviewContext, notices: list[str]) -> None:
        if is_loopback(self.settings.base_url):
            return
        from revise.engines.estimate import announce

        self._say(announce(todo, self.settings, self.model, context.versions), notices)

    def _say(self, line: str, notices: list[str]) -> None:
        if self.notify is not None:
            self.notify(line)
        else:
            notices.append(line)

    def _run(self, todo: Sequence[Job], context: ReviewContext) -> list[_Outcome]:
        workers = max(1, min(self.settings.concurrency, len(todo)))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="revise-llm")
        results: dict[tuple[int, ...], _Outcome] = {}
        bar = Progress(len(todo)) if self.progress and len(todo) > 1 else None
        self._deadline = time.monotonic() + self.settings.deadline
        futures: dict[Future[_Outcome], tuple[int, ...]] = {}
        try:
            for job in todo:
                futures[pool.submit(self._review_one, job, context)] = job.request.indices
            for future in as_completed(futures, timeout=self.settings.deadline):
                results[futures[future]] = future.result()
                if bar is not None:
                    bar.advance()
        except TimeoutError:
            # The total deadline: what has not answered is reported, and nobody waits for it.
            late = f"no answer within the total deadline of {self.settings.deadline:g} s (--deadline)"
            for future, index in futures.items():
                if index not in results:
                    results[index] = future.result() if future.done() else _Outcome(index, failure=late)
            pool.shutdown(wait=False, cancel_futures=True)
            return list(results.values())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            if bar is not None:
                bar.close()
        pool.shutdown()
        return list(results.values())

    def _review_one(self, job: Job, context: ReviewContext) -> _Outcome:
        indices = job.request.indices
        try:
            text, usage = self._request_with_retries(job.messages)
        except (Transient, Final) as err:
            return self._failed(indices, str(err), err.fatal)
        except Exception as err:
            return self._failed(indices, f"unexpected {type(err).__name__}: {err}", False)
        return self.accept(job, text, usage, context)

    def accept(self, job: Job, text: str, usage: Usage, context: ReviewContext) -> _Outcome:
        """A reply's text for ``job`` read into suggestions and cached, or a failure (not cached)."""
        indices = job.request.indices
        # A reply that echoes the key would be shown, cached and maybe written into the paper; one cut off or
        # nested absurdly deep would be half-read or end the run. Each is this request's failure only.
        problem = unusable(text, self.settings.api_key)
        if problem is not None:
            return _Outcome(indices, failure=problem, usage=usage)
        try:
            suggestions = parse_model_reply(text, indices, context.versions)
        except ReplyError as err:
            return _Outcome(indices, failure=redact(str(err), self.settings.api_key), usage=usage)
        except Exception as err:  # one bad reply never ends the run
            return _Outcome(
                indices, failure=f"the reply could not be read ({type(err).__name__})", usage=usage
            )
        with self._lock:
            self._succeeded = True
        if self.cache is not None and self.model is not None:
            self.cache.put(
                job.key, self.model, CachedReply(text, usage.prompt_tokens, usage.completion_tokens)
            )
        return _Outcome(indices, suggestions, usage=usage)

    def _failed(self, indices: tuple[int, ...], message: str, fatal: bool) -> _Outcome:
        message = redact(message, self.settings.api_key)
        if fatal:
            with self._lock:
                if not self._succeeded and self._fatal is None:
                    self._fatal = message  # the endpoint is down: the queued paragraphs need not try
        return _Outcome(indices, failure=message, fatal=fatal)

    def _request_with_retries(self, messages: list[Message]) -> tuple[str, Usage]:
        last: Transient | None = None
        silent = 0
        for attempt in range(self.retry.attempts):
            with self._lock:
                fatal, wait = self._fatal, self._pause_until - time.monotonic()
            if fatal is not None:
                raise Final(fatal, fatal=True)
            if time.monotonic() + max(wait, 0) >= self._deadline:
                raise Final(
                    f"no answer within the total deadline of {self.settings.deadline:g} s (--deadline)"
                )
            if wait > 0:
                time.sleep(wait)
            try:
                return self._request(messages)
            except Transient as err:
                last = err
                silent = silent + 1 if err.timed_out else silent
                # An endpoint that accepted and never answered twice will not answer a third time: four
                # timeouts of 120 s held one paragraph for eight minutes.
                if silent >= 2:
                    raise Transient(f"{err} (twice)") from None
                if attempt + 1 < self.retry.attempts:
                    pause = self.retry.delay(attempt, err.retry_after)
                    if err.retry_after is not None:
                        with self._lock:  # a rate limit holds back every worker, not just this one
                            self._pause_until = max(self._pause_until, time.monotonic() + pause)
                    else:
                        time.sleep(max(0.0, min(pause, self._deadline - time.monotonic())))
        assert last is not None
        tries = self.retry.attempts
        raise Transient(f"{last} (gave up after {tries} tries)", fatal=last.fatal)

    def _request(self, messages: list[Message]) -> tuple[str, Usage]:
        """One reply's text, stepping down the response format when the server refuses it."""
        client = self._get_client()
        host = endpoint_host(self.settings.base_url)
        while True:
            level = self.format_level
            try:
                return call(
                    client,
                    messages,
                    model=self.model,
                    level=level,
                    timeout=self.settings.timeout,
                    stream=self.stream,
                    host=host,
                )
            except FormatRefused:
                with self._lock:
                    if self.format_level == level:
                        self.format_level = level + 1

    def _get_client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = make_client(self.settings)
            return self._client

    def _only_model(self, notices: list[str]) -> str:
        """The model when none was given: the server's only model, else a ConfigError naming choices."""
        import openai

        host = endpoint_host(self.settings.base_url)
        try:
            names: list[str] = sorted(str(m.id) for m in self._get_client().models.list())
        except openai.APIConnectionError as err:
            raise EngineError(f"cannot reach {host} ({cause(err)})") from None
        except openai.APIError:
            names = []
        if len(names) == 1:
            self._say(f"revise: using {names[0]}, the only model {host} offers", notices)
            return names[0]
        offered = f" ({host} offers {', '.join(names[:6])}{' …' if len(names) > 6 else ''})" if names else ""
        raise ConfigError(f"no model chosen for {host}: pass --model NAME or set REVISE_MODEL{offered}")

    def _collect(
        self, requests: Sequence[Request], outcomes: dict[tuple[int, ...], _Outcome], notices: list[str]
    ) -> Review:
        ordered = [outcomes[r.indices] for r in requests if r.indices in outcomes]
        failed = [o for o in ordered if o.failure is not None]
        if ordered and len(failed) == len(ordered):
            # Nothing was reviewed: an expected failure (exit 1), not a clean run with an empty report.
            first = failed[0].failure or "the model endpoint failed"
            if all(o.fatal for o in failed) or len(failed) == 1:
                raise EngineError(first)
            raise EngineError(f"every request failed ({len(failed)} requests); the first: {first}")
        usage = sum((o.usage for o in ordered), Usage())
        return Review(
            suggestions=tuple(s for o in ordered for s in o.suggestions),
            usage=usage,
            # A request that failed is reported for each of its paragraphs: none of them was reviewed.
            failures=tuple(
                Failure(i, o.failure) for o in failed if o.failure is not None for i in o.paragraphs
            ),
            notices=tuple(notices),
        )


def _without_context(request: Request, context: ReviewContext) -> list[Message]:
    return build_request(replace(request, before=None, after=None), context, load_template(context.prompt))


def make_client(settings: Settings) -> Any:
    """An ``openai.OpenAI`` client for the settings; retries are ours (Retry-After capped, progress kept)."""
    import openai

    # Local servers need no key, but the SDK insists on one; this placeholder is harmless to send.
    key = settings.api_key or "revise-no-key"
    return openai.OpenAI(api_key=key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0)
