"""Hand-built Revisions for renderer tests: a document, its paragraphs (split at blank lines) and edits by
quote.

Built by hand so the renderers are tested without the segmenter, anchor or guard in the loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from revise.document import SourceFile, decode
from revise.edits import Anchor, Edit, Status, Suggestion
from revise.engines.base import Failure, Usage
from revise.latex.mask import Protected, mask
from revise.latex.segment import Paragraph, Segmentation
from revise.pipeline import Revision

_PROTECT = re.compile(r"\$[^$]+\$|\\cite\{[^}]*\}|\\ref\{[^}]*\}")


@dataclass(frozen=True)
class Spec:
    """One edit: ``quote`` is found in ``file`` (its ``occurrence``-th match); ``None`` file leaves it
    unplaced."""

    quote: str
    versions: tuple[str, ...]
    issue: str = "Wording."
    status: Status = Status.OK
    reason: str | None = None
    hint: str | None = None
    file: str | None = "paper.tex"
    occurrence: int = 0
    paragraph: int | None = None
    notes: tuple[str, ...] = ()


@dataclass
class Doc:
    """Files by name (root first) as raw bytes."""

    files: dict[str, bytes]
    sections: dict[str, str] = field(default_factory=dict)


def source(name: str, data: bytes, folder: Path | None = None) -> SourceFile:
    path = folder / name if folder else None
    decoded, _ = decode(data, name, path)
    return decoded


def paragraphs(
    files: tuple[SourceFile, ...], sections: dict[str, str] | None = None
) -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    for f in files:
        text = f.text
        begin = text.find("\\begin{document}")
        body_start = begin + len("\\begin{document}") if begin >= 0 else 0
        end = text.find("\\end{document}")
        body_end = end if end >= 0 else len(text)
        section = None
        for m in re.finditer(r"\S(?:.|\r?\n(?![ \t]*\r?\n))*", text[body_start:body_end]):
            start, stop = body_start + m.start(), body_start + m.end()
            chunk = text[start:stop]
            title = re.match(r"\\section\{([^}]*)\}\s*", chunk)
            if title:
                section = title.group(1)
                start += title.end()
                chunk = text[start:stop]
                if not chunk:
                    continue
            if chunk.startswith("\\input") or chunk.startswith("\\end{"):
                continue
            spans = [Protected(start + p.start(), start + p.end(), "X") for p in _PROTECT.finditer(chunk)]
            found.append(Paragraph(len(found), f, start, stop, mask(chunk, start, spans), section=section))
    return tuple(found)


def build(
    files: dict[str, bytes],
    specs: list[Spec],
    *,
    folder: Path | None = None,
    engine: str = "reply",
    model: str | None = None,
    usage: Usage | None = None,
    failures: tuple[Failure, ...] = (),
    file: str = "",
) -> Revision:
    sources = tuple(source(name, data, folder) for name, data in files.items())
    paras = paragraphs(sources)
    edits: list[Edit] = []
    for number, spec in enumerate(specs, 1):
        suggestion = Suggestion(spec.quote, spec.issue, spec.versions, paragraph=spec.paragraph)
        anchor = None
        if spec.file is not None:
            f = next(s for s in sources if s.name == spec.file)
            at = -1
            for _ in range(spec.occurrence + 1):
                at = f.text.index(spec.quote, at + 1)
            para = next(p for p in paras if p.file is f and p.start <= at and at + len(spec.quote) <= p.end)
            anchor = Anchor(para, at, at + len(spec.quote), "exact")
        edits.append(
            Edit(number, suggestion, anchor, spec.versions, spec.status, spec.reason, spec.hint, spec.notes)
        )
    segmentation = Segmentation(paras, sources, (), ("a segmenter warning",))
    return Revision(
        segmentation=segmentation,
        paragraphs=paras,
        edits=tuple(edits),
        engine=engine,
        model=model,
        usage=usage or Usage(),
        failures=failures,
        file=file,
    )
