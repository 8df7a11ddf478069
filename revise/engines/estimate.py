"""What a run will cost before it is sent: paragraphs, requests, estimated tokens and dollars; the notice
before the first request to a remote host, ``--dry-run``'s preview, and the ``confirm_above`` question.

Tokens are estimated from characters (revise.planning.CHARS_PER_TOKEN). A reply's size is guessed from what
it reviews: a reviewer quotes about a fifth of the text and gives each quote ``versions`` replacements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revise.engines.base import Usage
from revise.engines.endpoint import endpoint_host
from revise.errors import EngineError
from revise.planning import estimate_tokens

if TYPE_CHECKING:
    from revise.config import Limit, Settings
    from revise.engines.llm import Job

QUOTED_SHARE = 0.2
"""The share of a paragraph a reviewer's edits quote, on the replies in ../shared/corpus."""
REPLY_OVERHEAD = 20
"""Tokens of JSON around a reply's edits."""
BATCH_DISCOUNT = 0.5
"""OpenAI's Batch API bills half the price of the same requests sent one by one."""


@dataclass(frozen=True)
class Estimate:
    """What a set of requests is expected to cost."""

    paragraphs: int
    requests: int
    prompt_tokens: int
    completion_tokens: int
    cost: float | None = None
    """Dollars at the configured price, when there is one."""

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def describe(self, batch: bool = False) -> str:
        """``42 paragraphs in 7 requests, about 21,400 prompt + 6,300 completion tokens, about $0.0070``."""
        plural = "" if self.paragraphs == 1 else "s"
        requests = f"{self.requests:,} request{'' if self.requests == 1 else 's'}"
        line = f"{self.paragraphs:,} paragraph{plural} in {requests}"
        line += f", about {self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion tokens"
        if self.cost is not None:
            cost = self.cost * (BATCH_DISCOUNT if batch else 1.0)
            line += f", about ${_dollars(cost)}" + (" at the batch discount" if batch else "")
        return line


def estimate(jobs: Sequence[Job], settings: Settings, model: str | None, versions: int) -> Estimate:
    """The estimate for ``jobs`` at ``model``'s configured price."""
    from revise.config import estimate_cost

    prompt = sum(estimate_tokens(sum(len(m.content) for m in job.messages)) for job in jobs)
    reviewed = sum(len(p.masked.text) for job in jobs for p in job.request.paragraphs)
    completion = estimate_tokens(int(reviewed * QUOTED_SHARE * (1 + versions))) + REPLY_OVERHEAD * len(jobs)
    paragraphs = sum(len(job.request.paragraphs) for job in jobs)
    cost = estimate_cost(Usage(0, 0, prompt, completion), settings.price(model))
    return Estimate(paragraphs, len(jobs), prompt, completion, cost)


def announce(jobs: Sequence[Job], settings: Settings, model: str | None, versions: int) -> str:
    """The line said before the first request to a remote host; asks first above ``confirm_above``."""
    found = estimate(jobs, settings, model, versions)
    host = endpoint_host(settings.base_url)
    chars = sum(len(p.masked.text) for job in jobs for p in job.request.paragraphs)
    line = f"revise: sending {found.describe()} ({chars:,} characters) to {host}"
    if settings.confirm_above is not None and over(found, settings.confirm_above):
        confirm(line, found, settings.confirm_above)
    return line


def over(found: Estimate, limit: Limit) -> bool:
    """Whether an estimate is above a limit (a dollar limit with no price configured counts tokens never)."""
    if limit.dollars:
        return found.cost is not None and found.cost > limit.amount
    return found.tokens > limit.amount


def confirm(line: str, found: Estimate, limit: Limit) -> None:
    """Ask on the terminal whether to send; raise EngineError when the answer is no or there is no terminal."""
    what = (
        f"${_dollars(found.cost)}" if limit.dollars and found.cost is not None else f"{found.tokens:,} tokens"
    )
    stop = f"about {what} is above confirm_above ({limit.describe()}); nothing was sent"
    answer = ask(f"{line}\nrevise: about {what}, above confirm_above ({limit.describe()}). Send? [y/N] ")
    if answer is None:
        raise EngineError(f"{stop} (no terminal to ask; raise confirm_above or review fewer sections)")
    if answer.strip().lower() not in ("y", "yes"):
        raise EngineError(stop)


def ask(question: str) -> str | None:
    """The answer typed on the terminal (not stdin, which may hold the document), or None without one."""
    try:
        with open("/dev/tty", "r+", encoding="utf-8") as tty:
            tty.write(question)
            tty.flush()
            return tty.readline()
    except OSError:
        return None


def _dollars(cost: float) -> str:
    from revise.engines.base import _dollars as dollars

    return dollars(cost)
