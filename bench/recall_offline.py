"""Recall and precision of the offline engine's high-confidence flags on real human grammar and fluency fixes.

Pairs: the arXivEdits ``Improve-grammar-Typo`` and IteraTeR ``fluency`` revisions of
``../shared/corpus/revisions-dev.jsonl`` that contain no LaTeX and no placeholder (``[MATH]``, ``[CITATION]``),
with tokenised spacing (``word ,``, ``( x )``, ``do n't``) undone on both sides. A human-fixed span is a run of
words of the *before* text that the *after* text replaced or deleted, or the gap where it inserted words.

Printed, side by side in one run on the same plain text:
- recall: the share of human-fixed spans that at least one flag touches;
- precision: the share of flags that touch a human-fixed span;
for revise's ``high`` edits (the ones ``--apply`` takes by default), for all of revise's edits, and for Harper
alone with its default rules. Run: ``.venv/bin/python bench/recall_offline.py`` (needs ../shared/corpus).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVISIONS = ROOT.parent / "shared" / "corpus" / "revisions-dev.jsonl"
_LATEX = re.compile(r"[\\$%&#_{}^~]|\[[A-Z]+\]")
_WORDS = re.compile(r"\S+")


def detokenise(text: str) -> str:
    """Undo tokenised spacing: ``word ,`` → ``word,``, ``( x )`` → ``(x)``, ``do n't`` → ``don't``."""
    text = re.sub(r"\s+([,.;:!?)\]%])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'"\s+(.*?)\s+"', r'"\1"', text)
    return re.sub(r"\s+", " ", text).strip()


def pairs() -> list[tuple[str, str]]:
    out = []
    for line in REVISIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labels = set(row.get("labels") or ())
        wanted = (row["source"] == "arXivEdits" and "Improve-grammar-Typo" in labels) or (
            row["source"].startswith("IteraTeR") and "fluency" in labels
        )
        if wanted and not _LATEX.search(row["before"] + row["after"]):
            out.append((detokenise(row["before"]), detokenise(row["after"])))
    return out


def fixed_spans(before: str, after: str) -> list[tuple[int, int]]:
    """Character spans of ``before`` the human changed (an insertion is the gap between two words)."""
    a = [(m.start(), m.end(), m.group(0)) for m in _WORDS.finditer(before)]
    b = [m.group(0) for m in _WORDS.finditer(after)]
    spans = []
    matcher = difflib.SequenceMatcher(None, [w for _, _, w in a], b, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:
            spans.append((a[i1][0], a[i2 - 1][1]))
        else:  # an insertion: the space between the neighbouring words
            left = a[i1 - 1][1] if i1 > 0 else 0
            right = a[i1][0] if i1 < len(a) else len(before)
            spans.append((left, max(right, left + 1)))
    return spans


def touches(flag: tuple[int, int], span: tuple[int, int]) -> bool:
    return flag[0] <= span[1] and span[0] <= max(flag[1], flag[0] + 1)


def score(flags: list[list[tuple[int, int]]], truth: list[list[tuple[int, int]]]) -> tuple[float, float, int]:
    found = sum(any(touches(f, s) for f in fl) for fl, spans in zip(flags, truth, strict=True) for s in spans)
    hits = sum(any(touches(f, s) for s in spans) for fl, spans in zip(flags, truth, strict=True) for f in fl)
    total_spans = sum(len(s) for s in truth)
    total_flags = sum(len(f) for f in flags)
    return found / max(total_spans, 1), hits / max(total_flags, 1), total_flags


def revise_flags(texts: list[str]) -> tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]]:
    """(high flags, all flags) per text, from the offline engine over one document of all the texts."""
    from revise import document, pipeline
    from revise.edits import Confidence
    from revise.engines.base import ReviewContext
    from revise.engines.offline import OfflineReviewer

    starts, parts, at = [], [], 0
    for text in texts:
        starts.append(at)
        parts.append(text)
        at += len(text) + 2
    source = document.SourceFile("pairs.tex", None, "\n\n".join(parts) + "\n")
    segmentation, paragraphs = pipeline.load(source)
    revision = pipeline.revise(
        segmentation, paragraphs, OfflineReviewer(dialect="american"), ReviewContext(), file="pairs.tex"
    )
    high: list[list[tuple[int, int]]] = [[] for _ in texts]
    every: list[list[tuple[int, int]]] = [[] for _ in texts]
    for edit in revision.edits:
        if edit.anchor is None:
            continue
        row = max(i for i, s in enumerate(starts) if s <= edit.anchor.start)
        span = (edit.anchor.start - starts[row], edit.anchor.end - starts[row])
        every[row].append(span)
        if edit.confidence == Confidence.HIGH:
            high[row].append(span)
    return high, every


def harper_flags(texts: list[str], *, short: bool = False) -> list[list[tuple[int, int]]]:
    """Harper's lints with its default rules; ``short`` leaves out spans over 40 characters (LongSentences
    flags a whole sentence, so it "lands" on any fix inside it)."""
    import harper

    linter = harper.Linter(harper.Dialect.AMERICAN)
    out = []
    for text in texts:
        spans = [(lint.span.start, lint.span.end) for lint in linter.lint(text, language="plaintext")]
        out.append([s for s in spans if not short or s[1] - s[0] <= 40])
    return out


def main() -> int:
    if not REVISIONS.exists():
        print("needs ../shared/corpus/revisions-dev.jsonl", file=sys.stderr)
        return 1
    chosen = pairs()
    texts = [b for b, _ in chosen]
    truth = [fixed_spans(b, a) for b, a in chosen]
    high, every = revise_flags(texts)
    print(f"{len(chosen)} LaTeX-free pairs, {sum(len(t) for t in truth)} human-fixed spans")
    print(f"{'':26} {'recall':>7} {'precision':>9} {'flags':>6}")
    rows = (
        ("revise high", high),
        ("revise all levels", every),
        ("Harper alone", harper_flags(texts)),
        ("Harper, spans <= 40 chars", harper_flags(texts, short=True)),
    )
    for name, flags in rows:
        recall, precision, count = score(flags, truth)
        print(f"{name:26} {recall:7.1%} {precision:9.1%} {count:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
