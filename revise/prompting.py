"""Prompts: templates from ``prompts/`` (or a user's file) rendered into the chat messages for one paragraph.

Templates are Markdown files with ``{{key}}`` slots; a slot outside ``KEYS`` is a ConfigError, so a typo in a
user template fails before any request is sent. Built-in personas are the files without a leading underscore;
files starting with ``_`` are parts (the paragraph message, the paper context, section guidance, the notes
language).

Message layout, for provider prompt caching: the system message is the same for every paragraph of a run, the
one user message starts with the paper's title and abstract (same for every paragraph too) and ends with the
paragraph under review. One user message, not several, because some local chat templates insist that roles
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

from revise.errors import ConfigError
from revise.latex.mask import TOKEN

if TYPE_CHECKING:
    from revise.config import Settings
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
    """The exact messages sent to review ``paragraph``: the static system part first, the paragraph last."""
    persona = template if template is not None else load_template(context.prompt)
    values = _values(paragraph, context)
    system = persona.render(values)
    if context.notes_language:
        system += "\n\n" + _builtin("_notes-language").render(values)
    values["paper"] = _paper(context, values)
    variant = section_variant(paragraph)
    values["guidance"] = _builtin(f"_section-{variant}").render(values) if variant else ""
    user = re.sub(r"\n{3,}", "\n\n", _builtin("_paragraph").render(values))
    return [Message("system", system), Message("user", user)]


def _values(paragraph: Paragraph, context: ReviewContext) -> dict[str, str]:
    tokens = list(dict.fromkeys(m.group(0) for m in TOKEN.finditer(paragraph.masked.text)))
    return {
        "field": (context.field or "").strip() or "the paper's field",
        "versions": str(context.versions or DEFAULT_VERSIONS),
        "notes_language": context.notes_language or "the language of the paper",
        "title": (context.title or "").strip(),
        "abstract": " ".join((context.abstract or "").split()),
        "section": (paragraph.section or "").strip() or "(none)",
        "paragraph": paragraph.masked.text.strip(),
        "placeholders": ", ".join(_listed(paragraph, tokens)) if tokens else "none",
    }


def _listed(paragraph: Paragraph, tokens: Sequence[str]) -> list[str]:
    """Tokens for the prompt; a word-like one says what it reads as (``[TERM1] = "showyourwork"``, issue 10)."""
    table = paragraph.masked.by_token()
    return [f'{t} = "{table[t].reads_as}"' if t in table and table[t].reads_as else t for t in tokens]


def _paper(context: ReviewContext, values: Mapping[str, str]) -> str:
    if not values["title"] and not values["abstract"]:
        return ""
    filled = {
        **values,
        "title": values["title"] or "(not given)",
        "abstract": values["abstract"] or "(not given)",
    }
    return _builtin("_paper").render(filled)


def render_prompts(
    paragraphs: Sequence[Paragraph], context: ReviewContext, settings: Settings | None = None
) -> str:
    """What ``--print-prompt`` shows: the system message once (the same for all), then each user message."""
    if settings is not None and context.notes_language is None and settings.notes_language:
        from dataclasses import replace

        context = replace(context, notes_language=settings.notes_language)
    template = load_template(context.prompt)
    parts: list[str] = []
    shown_system: str | None = None
    for paragraph in paragraphs:
        messages = build_messages(paragraph, context, template)
        for message in messages:
            if message.role == "system":
                if message.content == shown_system:
                    continue
                shown_system = message.content
                parts.append(f"===== system (sent with every paragraph) =====\n{message.content}\n")
            else:
                where = f"{paragraph.file.name}:{paragraph.line}"
                parts.append(f"===== user: paragraph {paragraph.index} ({where}) =====\n{message.content}\n")
    return "\n".join(parts)
