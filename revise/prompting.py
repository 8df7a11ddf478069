"""Prompts: templates from ``prompts/`` (or a user's file) rendered into the chat messages of one request.

Templates are Markdown files with ``{{key}}`` slots; a slot outside ``KEYS`` is a ConfigError, so a typo in a
user template fails before any request is sent. Built-in personas are the files without a leading underscore;
files starting with ``_`` are parts (the paragraph message, the paper context, section guidance, the notes
language).

Message layout, for provider prompt caching: the system message is the same for every request of a run, the
one user message starts with the paper's title and abstract (same for every request too) and ends with the
request's paragraphs, each between ``<paragraph id="P12">`` tags, read-only neighbours in ``<context>`` tags. One user message, not several, because some local chat templates insist that roles
alternate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from revise.edits import paragraph_label
from revise.errors import ConfigError
from revise.latex.mask import TOKEN
from revise.planning import CHARS_PER_TOKEN, Request, context_text, plan

if TYPE_CHECKING:
    from revise.engines.base import ReviewContext
    from revise.latex.segment import Paragraph

DEFAULT_PROMPT = "default"
DEFAULT_VERSIONS = 3
KEYS = frozenset(
    {
        "field",
        "versions",
        "notes_language",
        "title",
        "abstract",
        "section",
        "paragraph",
        "ids",
        "across",
        "placeholders",
        "paper",
        "guidance",
    }
)
"""Every slot a template may use."""

_SLOT = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

# Section title words → the guidance part to add. Checked in order: "Results and Conclusion" reads as results.
_SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("abstract", ("abstract", "summary", "zusammenfassung", "resumen", "resume")),
    ("introduction", ("introduction", "motivation", "einleitung", "introduccion", "overview")),
    ("related", ("related", "background", "prior work", "previous work", "literature", "state of the art")),
    (
        "method",
        ("method", "approach", "model", "framework", "algorithm", "design", "architecture", "proposed"),
    ),
    ("results", ("result", "experiment", "evaluation", "discussion", "analysis", "performance", "ablation")),
    ("conclusion", ("conclu", "future work", "outlook", "closing", "final remarks")),
)


@dataclass(frozen=True)
class Message:
    """One chat message as sent to the model."""

    role: str
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class Template:
    """A prompt template: its name (or file) and text with ``{{key}}`` slots."""

    name: str
    text: str

    def __post_init__(self) -> None:
        unknown = sorted({m.group(1) for m in _SLOT.finditer(self.text)} - KEYS)
        if unknown:
            raise ConfigError(
                f"prompt {self.name}: unknown key {{{{{unknown[0]}}}}} (known: {', '.join(sorted(KEYS))})"
            )

    def render(self, values: Mapping[str, str]) -> str:
        """The text with every slot filled (a slot without a value becomes empty)."""
        return _SLOT.sub(lambda m: values.get(m.group(1), ""), self.text).strip()


def template_names() -> list[str]:
    """The built-in personas, for ``--prompt NAME``."""
    from importlib.resources import files

    return sorted(
        p.name[: -len(".md")]
        for p in files("revise.prompts").iterdir()
        if p.name.endswith(".md") and not p.name.startswith("_")
    )


def load_template(spec: str | None) -> Template:
    """The persona template named ``spec`` (built-in) or read from the file ``spec``; ``None`` → default."""
    if spec is None or not spec.strip():
        return _builtin(DEFAULT_PROMPT)
    path = Path(spec).expanduser()
    if path.is_file() or "/" in spec or "\\" in spec or path.suffix in (".md", ".txt"):
        try:
            return Template(spec, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(
                f"prompt {spec}: cannot read ({getattr(err, 'strerror', None) or err})"
            ) from None
    if spec.startswith("_") or spec not in template_names():
        names = ", ".join(template_names())
        raise ConfigError(f"no prompt named {spec!r} (built-in: {names}; or give a file path)")
    return _builtin(spec)


@lru_cache(maxsize=32)
def _builtin(name: str) -> Template:
    from importlib.resources import files

    return Template(name, files("revise.prompts").joinpath(f"{name}.md").read_text(encoding="utf-8"))


def section_variant(paragraph: Paragraph) -> str | None:
    """The section guidance for a paragraph: abstract, introduction, related, method, results, conclusion."""
    if paragraph.kind == "abstract":
        return "abstract"
    title = _plain(paragraph.section or "")
    if not title:
        return None
    for variant, words in _SECTION_WORDS:
        if any(word in title for word in words):
            return variant
    return None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def build_messages(
    paragraph: Paragraph, context: ReviewContext, template: Template | None = None
) -> list[Message]:
    """The exact messages sent to review ``paragraph`` alone: the static system part first, the paragraph last."""
    return build_request(Request((paragraph,)), context, template)


def build_request(
    request: Request, context: ReviewContext, template: Template | None = None, *, paper: bool = True
) -> list[Message]:
    """The exact messages of one request: the static system part first, then the paper's title and abstract
    (unless ``paper`` is false: ``--print-prompt`` shows them once), then the delimited paragraphs last."""
    persona = template if template is not None else load_template(context.prompt)
    first = request.paragraphs[0]
    values = _values(request, context)
    system = persona.render(values)
    if context.notes_language:
        system += "\n\n" + _builtin("_notes-language").render(values)
    values["paper"] = _paper(context, values) if paper else ""
    variant = section_variant(first)
    values["guidance"] = _builtin(f"_section-{variant}").render(values) if variant else ""
    user = re.sub(r"\n{3,}", "\n\n", _builtin("_paragraph").render(values))
    return [Message("system", system), Message("user", user)]


def passage(request: Request) -> str:
    """The request's paper text, each paragraph delimited and labelled, neighbours marked read-only.

    The tags keep paper text apart from instructions (issue 15): the system prompt says what is inside them
    is text to review, never instructions.
    """
    parts: list[str] = []
    context = dict((side, p) for p, side in request.context())
    if "before" in context:
        before = context["before"]
        parts.append(_tag("context", before, context_text(before, "before"), ' edit="no"'))
    parts += [_tag("paragraph", p, p.masked.text.strip()) for p in request.paragraphs]
    if "after" in context:
        after = context["after"]
        parts.append(_tag("context", after, context_text(after, "after"), ' edit="no"'))
    return "\n\n".join(parts)


def _tag(name: str, paragraph: Paragraph, text: str, extra: str = "") -> str:
    return f'<{name} id="{paragraph_label(paragraph.index)}"{extra}>\n{text}\n</{name}>'


def _values(request: Request, context: ReviewContext) -> dict[str, str]:
    masked = " ".join(p.masked.text for p in request.paragraphs)
    tokens = list(dict.fromkeys(m.group(0) for m in TOKEN.finditer(masked)))
    labels = [paragraph_label(p.index) for p in request.paragraphs]
    many = len(labels) > 1
    return {
        "field": (context.field or "").strip() or "the paper's field",
        "versions": str(context.versions or DEFAULT_VERSIONS),
        "notes_language": context.notes_language or "the language of the paper",
        "title": (context.title or "").strip(),
        "abstract": " ".join((context.abstract or "").split()),
        "section": (request.paragraphs[0].section or "").strip() or "(none)",
        "paragraph": passage(request),
        "ids": f"paragraphs {labels[0]}–{labels[-1]}" if many else f"paragraph {labels[0]}",
        "across": (
            ", including the transitions between them and terms kept consistent across them" if many else ""
        ),
        "placeholders": ", ".join(_listed(request.paragraphs, tokens)) if tokens else "none",
    }


def _listed(paragraphs: Sequence[Paragraph], tokens: Sequence[str]) -> list[str]:
    """Tokens for the prompt; a word-like one says what it reads as (``[TERM1] = "showyourwork"``, issue 10).

    Placeholders are numbered per paragraph, so in a section request one token may read differently in two
    paragraphs: each reading is then named with its paragraph.
    """
    listed = []
    for token in tokens:
        readings: dict[str, list[str]] = {}
        for paragraph in paragraphs:
            placeholder = paragraph.masked.by_token().get(token)
            if placeholder is not None and placeholder.reads_as:
                readings.setdefault(placeholder.reads_as, []).append(paragraph_label(paragraph.index))
        if len(readings) == 1:
            listed.append(f'{token} = "{next(iter(readings))}"')
        elif readings:
            listed.append(f"{token} = " + ", ".join(f'"{r}" in {"/".join(w)}' for r, w in readings.items()))
        else:
            listed.append(token)
    return listed


def _paper(context: ReviewContext, values: Mapping[str, str]) -> str:
    if not values["title"] and not values["abstract"]:
        return ""
    filled = {
        **values,
        "title": values["title"] or "(not given)",
        "abstract": values["abstract"] or "(not given)",
    }
    return _builtin("_paper").render(filled)


def paper_part(context: ReviewContext) -> str:
    """The paper's title and abstract as the prompts show them ("" when neither is known)."""
    values = {"title": (context.title or "").strip(), "abstract": " ".join((context.abstract or "").split())}
    return _paper(context, values)


def plan_requests(
    paragraphs: Sequence[Paragraph],
    context: ReviewContext,
    *,
    scope: str,
    max_prompt_tokens: int,
    template: Template | None = None,
    message_chars: int | None = None,
    paper: bool = True,
) -> list[tuple[Request, list[Message]]]:
    """The requests for a review and their messages, each within ``max_prompt_tokens`` (estimated) when its
    paragraphs allow: the instructions and paper context are counted first, the rest is the windows' budget.
    ``message_chars`` also caps the user message (``--chunk-chars``; built without the paper unless
    ``paper``)."""
    persona = template if template is not None else load_template(context.prompt)
    if not paragraphs:
        return []
    probe = build_request(Request((paragraphs[0],)), context, persona, paper=paper)
    text = len(passage(Request((paragraphs[0],))))
    budget = CHARS_PER_TOKEN * max_prompt_tokens - (sum(len(m.content) for m in probe) - text)
    if message_chars is not None:
        budget = min(budget, message_chars - (len(probe[-1].content) - text))
    requests = plan(paragraphs, context.document, scope=scope, budget_chars=max(budget, 500))
    return [(r, build_request(r, context, persona, paper=paper)) for r in requests]
