"""``--batch`` and ``--batch-results ID``: a whole job through the OpenAI Batch API, at the batch price.

``--batch`` plans the run's requests exactly as an interactive run would, uploads those the reply cache cannot
answer as a JSONL of Chat Completions requests (``/v1/files``), creates a batch (``/v1/batches``), remembers it
(revise.engines.batch_store) and prints its id. A rerun with ``--batch``, or ``--batch-results ID``, looks the
batch up; once it has finished, every answer goes into the reply cache under the key an ordinary run would use,
so the run then continues as an ordinary one (report, ``-i``, ``--apply``) from the cache. Requests that failed
or expired inside the batch are reported for each of their paragraphs and resubmitted by the next ``--batch``.
The uploaded file holds model, messages and response format only: the API key goes in the HTTP header, as for
any request, and never into a file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from revise.engines.base import Usage
from revise.engines.endpoint import describe_endpoint, redact
from revise.errors import EngineError, UsageError

if TYPE_CHECKING:
    from revise.config import Settings
    from revise.engines.base import ReviewContext
    from revise.engines.batch_store import BatchStore, Submitted
    from revise.engines.llm import Job, LLMReviewer
    from revise.latex.segment import Paragraph

FINISHED = ("completed", "expired", "failed", "cancelled")
COMPLETION_WINDOW = "24h"
"""The only window OpenAI offers."""
ENDPOINT = "/v1/chat/completions"


@dataclass(frozen=True)
class Outcome:
    """What ``--batch`` did: an id to print and stop (submitted, or still running), or a reviewer to go on with."""

    printed: str | None = None
    reviewer: LLMReviewer | None = None


@dataclass(frozen=True)
class _Collected:
    status: str
    done: int
    total: int
    errors: Mapping[str, str] | None = None
    """None while the batch is still running."""


def run_batch(
    paragraphs: Sequence[Paragraph],
    context: ReviewContext,
    settings: Settings,
    *,
    batch_id: str | None,
    say: Callable[[str], None],
) -> Outcome:
    """Submit (``batch_id`` None: ``--batch``) or collect (``--batch-results ID``) the run's batch."""
    import openai

    from revise.cache import Cache
    from revise.engines.batch_store import BatchStore
    from revise.engines.llm import LLMReviewer

    if not settings.cache:
        raise UsageError("--batch keeps the answers in the reply cache: drop --no-cache")
    reviewer = LLMReviewer(settings, Cache())
    notices: list[str] = []
    try:
        if reviewer.model is None:
            reviewer.model = reviewer._only_model(notices)
        for line in notices:
            say(line)
        context = reviewer._complete(context)
        jobs = reviewer.jobs(paragraphs, context)
        store = BatchStore()
        try:
            return _run(reviewer, store, jobs, context, batch_id, say)
        finally:
            store.close()
    except openai.APIError as err:
        message = redact(_describe(err), settings.api_key)
        raise EngineError(f"the Batch API failed: {message}") from None


def _run(
    reviewer: LLMReviewer,
    store: BatchStore,
    jobs: Sequence[Job],
    context: ReviewContext,
    batch_id: str | None,
    say: Callable[[str], None],
) -> Outcome:
    from revise.engines.batch_store import Submitted

    assert reviewer.model is not None and reviewer.cache is not None
    endpoint = describe_endpoint(reviewer.settings.base_url)
    by_key = {job.key: job for job in jobs}
    if batch_id is not None:
        known = store.get(batch_id)
        batches = [known or Submitted(batch_id, endpoint, reviewer.model, tuple(by_key))]
    else:
        batches = store.touching(endpoint, list(by_key))
    errors: dict[str, str] = {}
    waiting: list[str] = []
    for batch in batches:
        if batch.collected and batch_id is None:
            errors.update(batch.errors or {})
            continue
        found = _collect(reviewer, batch, by_key, context, say)
        if found.errors is None:
            waiting.append(batch.id)
            say(
                f"revise: batch {batch.id} is {found.status} ({found.done} of {found.total} requests done); "
                f"run again with --batch (or --batch-results {batch.id}) once it has finished"
            )
            continue
        errors.update(found.errors)
        if store.get(batch.id) is not None:
            store.collected(batch.id, found.errors)
    if waiting:
        return Outcome(printed="\n".join(waiting) + "\n")
    missing = [job for job in jobs if reviewer.cache.get(job.key) is None]
    if batch_id is None and missing:
        for job in missing:
            if job.key in errors:
                for index in job.request.indices:
                    say(f"revise: paragraph {index}: failed in the batch ({errors[job.key]}); resubmitted")
        new_id = _submit(reviewer, missing, context, say)
        store.record(new_id, endpoint, reviewer.model, [job.key for job in missing])
        return Outcome(printed=new_id + "\n")
    reviewer.unsent = {
        key: f"failed in the batch ({message}); the next --batch resubmits it"
        for key, message in errors.items()
    }
    return Outcome(reviewer=reviewer)


def _submit(
    reviewer: LLMReviewer, jobs: Sequence[Job], context: ReviewContext, say: Callable[[str], None]
) -> str:
    from revise.engines.endpoint import endpoint_host
    from revise.engines.estimate import confirm, estimate, over
    from revise.engines.llm_call import _arguments

    settings = reviewer.settings
    found = estimate(jobs, settings, reviewer.model, context.versions)
    line = (
        f"revise: submitting {found.describe(batch=True)} to {endpoint_host(settings.base_url)} as one batch"
    )
    if settings.confirm_above is not None and over(found, settings.confirm_above):
        confirm(line, found, settings.confirm_above)
    lines = []
    for job in jobs:
        body = _arguments(job.messages, reviewer.model, 0, settings.timeout, False)
        body.pop("timeout")
        lines.append(json.dumps({"custom_id": job.key, "method": "POST", "url": ENDPOINT, "body": body}))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    client = reviewer._get_client()
    uploaded = client.files.create(file=("revise-batch.jsonl", data), purpose="batch")
    batch = client.batches.create(
        input_file_id=uploaded.id,
        endpoint=ENDPOINT,
        completion_window=COMPLETION_WINDOW,
        metadata={"tool": "revise"},
    )
    say(line)
    say(
        f"revise: batch {batch.id} submitted; run again with --batch (or --batch-results {batch.id}) once it has finished"
    )
    return str(batch.id)


def _collect(
    reviewer: LLMReviewer,
    batch: Submitted,
    by_key: Mapping[str, Job],
    context: ReviewContext,
    say: Callable[[str], None],
) -> _Collected:
    client = reviewer._get_client()
    found = client.batches.retrieve(batch.id)
    counts = getattr(found, "request_counts", None)
    done, total = int(getattr(counts, "completed", 0) or 0), int(getattr(counts, "total", 0) or 0)
    if found.status not in FINISHED:
        return _Collected(str(found.status), done, total)
    errors: dict[str, str] = {}
    usage = Usage()
    for item in _lines(client, found.output_file_id) + _lines(client, found.error_file_id):
        key = str(item.get("custom_id"))
        text, cost, problem = _answer(item)
        if problem is not None:
            errors[key] = redact(problem, reviewer.settings.api_key)
            continue
        usage += cost
        job = by_key.get(key)
        if job is None:  # the paper changed since the batch was sent: keep the answer for that version
            from revise.cache import CachedReply

            assert reviewer.cache is not None and reviewer.model is not None
            reviewer.cache.put(
                key, reviewer.model, CachedReply(text, cost.prompt_tokens, cost.completion_tokens)
            )
            continue
        outcome = reviewer.accept(job, text, cost, context)
        if outcome.failure is not None:
            errors[key] = outcome.failure
    for key in batch.keys:
        if key not in errors and reviewer.cache is not None and reviewer.cache.get(key) is None:
            errors[key] = f"the batch {found.status} without answering it"
    say(
        f"revise: batch {batch.id} {found.status}: {usage.describe(_cost(reviewer, usage))}, {len(errors)} failed"
    )
    return _Collected(str(found.status), done, total, errors)


def _lines(client: Any, file_id: str | None) -> list[dict[str, Any]]:
    if not file_id:
        return []
    text = client.files.content(file_id).text
    found = []
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            found.append(item)
    return found


def _answer(item: Mapping[str, Any]) -> tuple[str, Usage, str | None]:
    """A result line's reply text and usage, or the reason it has none."""
    error = item.get("error")
    if isinstance(error, dict):
        return "", Usage(), f"{error.get('code') or 'error'}: {error.get('message') or ''}".strip()
    response = item.get("response") or {}
    body = response.get("body") or {}
    status = response.get("status_code")
    if status != 200:
        inner = body.get("error") if isinstance(body, dict) else None
        message = inner.get("message") if isinstance(inner, dict) else None
        return "", Usage(), f"{status}: {message or 'no answer'}"
    try:
        choice = body["choices"][0]
        content = choice["message"].get("content")
        finish = choice.get("finish_reason")
    except (KeyError, IndexError, TypeError, AttributeError):
        return "", Usage(), "the answer is not a chat completion"
    if not content or not str(content).strip():
        return "", Usage(), "an empty answer"
    if finish == "length":
        return "", Usage(), "the answer was cut off (finish_reason length)"
    raw = body.get("usage") or {}
    usage = Usage(1, 0, int(raw.get("prompt_tokens") or 0), int(raw.get("completion_tokens") or 0))
    return str(content), usage, None


def _cost(reviewer: LLMReviewer, usage: Usage) -> float | None:
    from revise.config import estimate_cost
    from revise.engines.estimate import BATCH_DISCOUNT

    cost = estimate_cost(usage, reviewer.settings.price(reviewer.model))
    return None if cost is None else cost * BATCH_DISCOUNT


def _describe(err: Any) -> str:
    from revise.engines.llm_http import error_message

    status = getattr(err, "status_code", None)
    return f"{status}: {error_message(err)}" if status else error_message(err)
