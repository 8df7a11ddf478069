"""``--inspect``: the segmentation as a reviewer sees it (the contract's JSON, or a readable listing)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from revise.latex.segment import Paragraph, Segmentation


def render_inspect(segmentation: Segmentation, paragraphs: Sequence[Paragraph], fmt: str) -> str:
    """The paragraphs (with masked text and placeholders) and the segmenter's warnings in format ``fmt``."""
    if fmt == "json":
        return _json(segmentation, paragraphs)
    return _listing(segmentation, paragraphs)


def _json(segmentation: Segmentation, paragraphs: Sequence[Paragraph]) -> str:
    payload = {
        "title": segmentation.title,
        "files": [f.name for f in segmentation.files],
        "sections": [
            {"number": s.number, "title": s.title, "level": s.level, "file": s.file, "line": s.line}
            for s in segmentation.sections
        ],
        "paragraphs": [_paragraph(p) for p in paragraphs],
        "warnings": list(segmentation.warnings),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _paragraph(p: Paragraph) -> dict[str, object]:
    line, column = p.file.position(p.start)
    end_line, end_column = p.file.position(p.end)
    return {
        "index": p.index,
        "file": p.file.name,
        "start": p.start,
        "end": p.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "kind": p.kind,
        "section": p.section,
        "text": p.text,
        "masked": p.masked.text,
        "placeholders": [
            {"token": ph.token, "kind": ph.kind, "start": ph.start, "end": ph.end, "original": ph.original}
            for ph in p.masked.placeholders
        ],
    }


def _listing(segmentation: Segmentation, paragraphs: Sequence[Paragraph]) -> str:
    lines: list[str] = []
    if segmentation.title:
        lines.append(f"title: {segmentation.title}")
    masks = sum(len(p.masked.placeholders) for p in paragraphs)
    lines.append(f"{len(paragraphs)} paragraphs, {masks} placeholders, {len(segmentation.files)} file(s)")
    lines.extend(_sections(segmentation))
    heading: int | None = None
    for p in paragraphs:
        if p.heading != heading:
            heading = p.heading
            lines.append("")
            lines.append(f"== {_heading(segmentation, p)}")
        lines.append("")
        lines.append(f"[{p.index}] {p.file.name}:{p.line} {p.kind}")
        lines.extend(f"    {row}" for row in p.masked.text.splitlines() or [""])
        for ph in p.masked.placeholders:
            shown = " ".join(ph.original.split())
            if len(shown) > 70:
                shown = shown[:67] + "..."
            reads = f'  (reads as "{ph.reads_as}")' if ph.reads_as else ""
            lines.append(f"      {ph.token} = {shown}{reads}")
    if segmentation.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  {w}" for w in segmentation.warnings)
    return "\n".join(lines) + "\n"


def _heading(segmentation: Segmentation, p: Paragraph) -> str:
    """The paragraph's innermost section with the number ``--section`` accepts."""
    if not 0 <= p.heading < len(segmentation.sections):
        return p.section or "(before the first section)"
    s = segmentation.sections[p.heading]
    return f"{s.number} {s.title}" if s.number else s.title


def _sections(segmentation: Segmentation) -> list[str]:
    """The sections with the numbers ``--section`` accepts, indented by level, and where each starts."""
    if not segmentation.sections:
        return []
    top = min(s.depth for s in segmentation.sections)
    rows = ["", "sections:"]
    for s in segmentation.sections:
        indent = "  " * (s.depth - top)
        number = f"{s.number} " if s.number else ""
        rows.append(f"  {indent}{number}{s.title}  ({s.file}:{s.line})")
    return rows
