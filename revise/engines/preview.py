"""``--dry-run``: what a run would send — paragraphs, requests, estimated tokens and cost — sending nothing.

No request of any kind leaves the machine (not even the model list): the requests are planned and priced
exactly as a real run plans them, and the reply cache is consulted so a rerun's preview counts only what
would really be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from revise.engines.endpoint import DEFAULT_OPENAI_MODEL, endpoint_host, is_openai
from revise.engines.estimate import BATCH_DISCOUNT, estimate

if TYPE_CHECKING:
    from revise.config import Settings
    from revise.engines.base import ReviewContext
    from revise.latex.segment import Paragraph


def preview(
    paragraphs: Sequence[Paragraph], context: ReviewContext, settings: Settings, engine: str, *, batch: bool
) -> str:
    """The dry run's report, for stdout."""
    if engine == "offline" or (engine == "auto" and not settings.endpoint_configured):
        plural = "" if len(paragraphs) == 1 else "s"
        return f"dry run: the offline engine reviews {len(paragraphs):,} paragraph{plural} on this machine; nothing is sent\n"
    from revise.cache import Cache
    from revise.engines.llm import LLMReviewer

    model = settings.model or (DEFAULT_OPENAI_MODEL if is_openai(settings.base_url) else None)
    reviewer = LLMReviewer(replace(settings, model=model), Cache() if settings.cache else None)
    jobs = reviewer.jobs(paragraphs, reviewer._complete(context))
    cached = [j for j in jobs if reviewer.cache is not None and reviewer.cache.get(j.key) is not None]
    todo = [j for j in jobs if j not in cached]
    found = estimate(todo, settings, model, context.versions)
    every = estimate(jobs, settings, model, context.versions)
    lines = [
        "dry run: nothing was sent",
        f"  endpoint    {model or 'the server model'} at {endpoint_host(settings.base_url)}",
        f"  scope       {settings.scope} (--max-prompt-tokens {settings.max_prompt_tokens:,})",
        f"  paragraphs  {every.paragraphs:,}",
        f"  requests    {len(todo):,} to send"
        + (f" ({len(cached):,} answered by the cache)" if cached else ""),
        f"  tokens      about {found.prompt_tokens:,} prompt + {found.completion_tokens:,} completion"
        " (estimated from characters)",
    ]
    if found.cost is not None:
        discounted = found.cost * BATCH_DISCOUNT
        lines.append(
            f"  cost        about ${_dollars(found.cost)}"
            + f" (about ${_dollars(discounted)} through --batch)"
        )
    else:
        lines.append(f"  cost        no price configured for {model or 'the model'} ([prices] in the config)")
    if reviewer.cache is not None:
        reviewer.cache.close()
    return "\n".join(lines) + "\n"


def _dollars(cost: float) -> str:
    from revise.engines.base import _dollars as dollars

    return dollars(cost)
