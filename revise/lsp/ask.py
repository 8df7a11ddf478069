""" "Ask the reviewer": the LLM engine on the paragraph or section under the cursor, as the CLI would run it.

The same settings (config files, environment, the editor's overrides), reply cache and key handling as
``revise PATH``; the suggestions are kept per paragraph text in the buffer and published with the lints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from revise import pipeline
from revise.edits import Suggestion
from revise.errors import EngineError
from revise.latex.segment import Paragraph
from revise.lsp import memo
from revise.lsp.buffers import Buffer, own_paragraphs
from revise.lsp.settings import ServerSettings

SCOPES = ("paragraph", "section")


@dataclass(frozen=True)
class Asked:
    """What one request to the reviewer gave: how many paragraphs, suggestions and failures."""

    paragraphs: int
    suggestions: int
    failures: tuple[str, ...]
    notices: tuple[str, ...]
    usage: str


def under_cursor(buffer: Buffer, offset: int, scope: str) -> tuple[Paragraph, ...]:
    """The paragraph holding ``offset`` (else the next one), or every paragraph of its section."""
    if buffer.segmentation is None or buffer.source is None:
        return ()
    mine = own_paragraphs(buffer.segmentation, buffer.source)
    here = next((p for p in mine if p.start <= offset <= p.end), None)
    here = here or next((p for p in mine if p.start >= offset), None) or (mine[-1] if mine else None)
    if here is None:
        return ()
    if scope != "section":
        return (here,)
    return tuple(p for p in mine if p.headings == here.headings)


def ask(
    buffer: Buffer,
    paragraphs: tuple[Paragraph, ...],
    settings: ServerSettings,
    notify: Callable[[str], None],
) -> Asked:
    """Review ``paragraphs`` with the configured engine; suggestions land in ``buffer.asked``."""
    from revise.config import Settings
    from revise.engines.choose import choose_reviewer

    if buffer.segmentation is None:
        raise EngineError("the document has not been read yet")
    config = Settings.load(buffer.path, settings.overrides())
    engine = "llm" if settings.engine == "auto" else settings.engine
    reviewer, notices = choose_reviewer(config, engine, notify=notify)
    context = pipeline.context_for(
        buffer.segmentation,
        field=config.field or "",
        versions=config.versions or 3,
        notes_language=config.notes_language,
        prompt=config.prompt,
    )
    review = reviewer.review(paragraphs, context)
    by_key: dict[memo.Key, list[Suggestion]] = {memo.key(p): [] for p in paragraphs}
    index = {p.index: memo.key(p) for p in paragraphs}
    for s in review.suggestions:
        target = index.get(s.paragraph) if s.paragraph is not None else None
        if target is None and len(paragraphs) == 1:
            target = memo.key(paragraphs[0])
        if target is not None:
            by_key[target].append(s)
    for k, found in by_key.items():
        buffer.asked[k] = tuple(found)
    return Asked(
        paragraphs=len(paragraphs),
        suggestions=len(review.suggestions),
        failures=tuple(f"paragraph {f.paragraph}: {f.message}" for f in review.failures),
        notices=(*notices, *review.notices),
        usage=review.usage.describe(),
    )
