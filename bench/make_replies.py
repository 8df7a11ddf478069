"""Build more reply styles (and more cases) at run time, for bench/eval_replies.py; nothing here is committed.

Two sources:
- every replies-dev case: its exact JSON reply re-dressed in other chat styles (tables, Chinese / French /
  German labels, block quotes, code fences, "Suggestion 1" lists with options, arrows) and other degradations
  (smart quotes and dashes, dropped backslashes, ellipsis-shortened quotes, wrong paragraph hints, masked
  placeholder quotes as an LLM writes them, elided rewrites without paragraph numbers);
- revisions-dev.jsonl regrouped into new documents with short-context quotes (``gen`` cases), so the parser
  and anchoring meet quotes and documents no reply-dev file holds.

Each case folder gets doc.tex, expected.tex, meta.json and reply-<style>.*; a style whose dress loses
line breaks gets its own expected-<style>.tex (built with revise.apply.merge, as applying it must give).
"""

from __future__ import annotations

import difflib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import make_dresses

from revise import document
from revise.apply import merge
from revise.latex.segment import Paragraph
from revise.pipeline import load

REASONS = ("Improves the flow.", "Fixes the grammar.", "Tightens the wording.", "States the point precisely.")
ZH_REASONS = ("使表达更准确。", "修正语法错误。", "使句子更通顺。")


@dataclass(frozen=True)
class Item:
    """One expected edit: its exact source span, the quote and versions as the exact reply gives them."""

    start: int
    end: int
    original: str
    versions: tuple[str, ...]
    issue: str
    paragraph: int


def build(root: Path, out: Path, revisions: Path | None = None) -> int:
    """Write generated cases under ``out/{dev,gen}``; returns how many cases were written."""
    count = 0
    for case in sorted(root.glob("*/case*")):
        reply = case / "reply-json-exact.json"
        if reply.is_file():
            count += _dress(case, out / "dev" / f"case-{case.parent.name}-{case.name[4:]}")
    if revisions is not None and revisions.is_file():
        for folder in _from_revisions(revisions, out / "gen"):
            count += _dress(folder, folder, keep=True)
    return count


def _items(case: Path) -> tuple[str, list[Item], list[Paragraph]] | None:
    text = (case / "doc.tex").read_text(encoding="utf-8")
    meta = json.loads((case / "meta.json").read_text())
    data = json.loads((case / "reply-json-exact.json").read_text(encoding="utf-8"))
    source, _ = document.decode(text.encode(), "doc.tex", case / "doc.tex")
    paragraphs = list(load(source)[1])
    items = []
    for (start, end), edit in zip(meta["spans"], data["edits"], strict=False):
        para = next((p for p in paragraphs if p.start <= start and end <= p.end), None)
        if para is None:
            return None
        items.append(Item(start, end, edit["original"], tuple(edit["versions"]), edit["issue"], para.index))
    return text, items, paragraphs


def _dress(case: Path, target: Path, keep: bool = False) -> int:
    found = _items(case)
    if found is None:
        return 0
    text, items, paragraphs = found
    target.mkdir(parents=True, exist_ok=True)
    if not keep:
        for name in ("doc.tex", "expected.tex", "meta.json"):
            (target / name).write_text((case / name).read_text(encoding="utf-8"), encoding="utf-8")
        # The exact reply's versions, under a name no style has: what every dress must write (eval's garbled).
        exact = (case / "reply-json-exact.json").read_text(encoding="utf-8")
        (target / "versions.json").write_text(exact, encoding="utf-8")
    rng = random.Random(target.name)
    styles = {
        "chat-table.md": (_table(items), True),
        "chat-chinese.md": (_chinese(items), False),
        "chat-french.md": (_french(items), False),
        "chat-german.md": (_german(items), False),
        "chat-blockquote.md": (_blockquote(items), False),
        "chat-fenced.md": (_fenced(items), False),
        "chat-suggestions.md": (_suggestions(items), False),
        "chat-arrows.md": (_arrows(items), True),
        "json-smart.json": (_json(items, _smart), False),
        "json-plain.json": (_json(items, _plain), False),
        "json-ellipsis.json": (_json(items, _shorten), False),
        "json-wrong-hint.json": (
            _json(items, None, hint=lambda it: it.paragraph + rng.choice((-1, 1))),
            False,
        ),
        "json-masked.json": (_masked(items, paragraphs), False),
        "chat-rewrites.md": (_rewrites(text, items, paragraphs, numbered=False), _SAME),
        "chat-strike.md": (make_dresses.strike(items), True),
        "chat-instructions.md": (make_dresses.instructions(items), True),
        "chat-zh-instructions.md": (make_dresses.chinese_instructions(items), True),
        "chat-diff.md": (make_dresses.diff(items), False),
        "chat-track.md": (make_dresses.track(items), True),
        "chat-headed-rewrites.md": (make_dresses.headed_rewrites(text, items, paragraphs), _SAME),
        "chat-polished.md": (make_dresses.polished(text, items, paragraphs), _SAME),
        "chat-point-headings.md": (make_dresses.point_headings(items), True),
    }
    for name, (body, flat) in styles.items():
        if body is None:
            continue
        style = name.rsplit(".", 1)[0]
        (target / f"reply-{style}.{name.rsplit('.', 1)[1]}").write_text(body, encoding="utf-8")
        if flat:
            dress = _flat if flat is True else (lambda v: v)
            (target / f"expected-{style}.tex").write_text(_expected(text, items, dress), encoding="utf-8")
    return 1


_SAME = "same"
"""A rewrite style: its expected result is each version merged as it stands (see revise.apply.merge)."""


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expected(text: str, items: list[Item], dress) -> str:
    out, cursor = [], 0
    for it in sorted(items, key=lambda i: i.start):
        out += [text[cursor : it.start], merge(text[it.start : it.end], dress(it.versions[0]))]
        cursor = it.end
    return "".join(out) + text[cursor:]


def _numbered(items: list[Item], render) -> str:
    return "\n\n".join(render(n, it) for n, it in enumerate(items, 1))


def _table(items: list[Item]) -> str:
    rows = ["Here is a summary of the suggested changes:", "", "| # | Original | Revised | Reason |"]
    rows.append("|---|---|---|---|")
    for n, it in enumerate(items, 1):
        rows.append(f"| {n} | {_flat(it.original)} | {_flat(it.versions[0])} | {it.issue} |")
    return "\n".join(rows) + "\n\nLet me know if you want more changes.\n"


def _chinese(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        versions = "".join(f"\n   **修改{k}：**「{v}」" for k, v in enumerate(it.versions, 1))
        return f"{n}. **原文：**「{it.original}」{versions}\n   **理由：**{ZH_REASONS[n % len(ZH_REASONS)]}"

    return "以下是逐条修改建议：\n\n" + _numbered(items, one) + "\n\n希望这些修改对您有帮助。\n"


def _french(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        return (
            f"### Point {n}\n**Texte original :** « {it.original} »\n**Proposition :** « {it.versions[0]} »\n"
            f"**Explication :** {it.issue}"
        )

    return "Voici mes remarques :\n\n" + _numbered(items, one) + "\n"


def _german(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        return f"{n}) Original: „{it.original}“\n   Vorschlag: „{it.versions[0]}“\n   Begründung: {it.issue}"

    return "Hier sind meine Vorschläge:\n\n" + _numbered(items, one) + "\n"


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


def _blockquote(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        return (
            f"## Edit {n}\n\n**Original**\n{_quoted(it.original)}\n\n"
            f"**Suggested**\n{_quoted(it.versions[0])}\n\n"
            f"*Why:* {it.issue}"
        )

    return _numbered(items, one) + "\n"


def _fenced(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        return (
            f"{n}. Original:\n```latex\n{it.original}\n```\nRewrite:\n```latex\n{it.versions[0]}\n```\n"
            f"Comment: {it.issue}"
        )

    return "Sure! Here are the edits.\n\n" + _numbered(items, one) + "\n"


def _suggestions(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        options = "\n".join(f'- Option {"ABC"[k]}: "{v}"' for k, v in enumerate(it.versions[:3]))
        return f'Suggestion {n}:\n- Original: "{it.original}"\n{options}\n- Explanation: {it.issue}'

    return _numbered(items, one) + "\n"


def _arrows(items: list[Item]) -> str:
    def one(n: int, it: Item) -> str:
        return f"{n}. “{_flat(it.original)}” → “{_flat(it.versions[0])}” ({it.issue.rstrip('.')})"

    return "Quick fixes:\n\n" + "\n".join(one(n, it) for n, it in enumerate(items, 1)) + "\n"


def _smart(quote: str) -> str:
    quote = quote.replace("``", "“").replace("''", "”").replace("---", "—").replace("--", "–")
    return quote.replace("\\%", "%").replace("~", " ").replace("\\&", "&")


def _plain(quote: str) -> str:
    """A quote as copied from the rendered PDF: formatting commands and backslashes gone."""
    quote = re.sub(r"\\(?:emph|textbf|textit|texttt|code)\{([^{}]*)\}", r"\1", quote)
    return quote.replace("\\", "")


def _shorten(quote: str) -> str:
    words = quote.split()
    if len(words) < 10:
        return quote
    return " ".join(words[:4]) + " ... " + " ".join(words[-3:])


def _json(items: list[Item], degrade, hint=None) -> str:
    edits = []
    for it in items:
        edit: dict[str, object] = {
            "original": degrade(it.original) if degrade else it.original,
            "issue": it.issue,
            "versions": list(it.versions),
        }
        if hint is not None:
            edit["paragraph"] = max(0, hint(it))
        edits.append(edit)
    return "```json\n" + json.dumps({"edits": edits}, ensure_ascii=False, indent=1) + "\n```\n"


def _masked(items: list[Item], paragraphs: list[Paragraph]) -> str | None:
    """The quotes an LLM gives back: masked text with [MATH1]-style tokens, versions keeping the tokens."""
    edits = []
    for it in items:
        para = next(p for p in paragraphs if p.index == it.paragraph)
        lo, hi = para.masked.to_masked(it.start), para.masked.to_masked(it.end)
        if para.masked.to_source(lo) != it.start or para.masked.to_source_end(hi) != it.end:
            return None
        versions = []
        for v in it.versions:
            for ph in para.masked.placeholders:
                if it.start <= ph.start and ph.end <= it.end:
                    v = v.replace(ph.original, ph.token, 1)
            versions.append(v)
        edits.append({"original": para.masked.text[lo:hi], "issue": it.issue, "versions": versions})
    return json.dumps({"edits": edits}, indent=1)


def _rewrites(text: str, items: list[Item], paragraphs: list[Paragraph], numbered: bool) -> str:
    """Whole-paragraph "Version 1" rewrites, ``...`` for unchanged stretches, without paragraph numbers."""
    blocks = []
    by_index = {para.index: para for para in paragraphs}
    for index, new in make_dresses.new_paragraphs(text, items, paragraphs):
        para = by_index[index]
        blocks.append(
            ("Version 1:\n" if not numbered else f"Paragraph {para.index + 1}, Version 1:\n")
            + _elide(para.text, new)
        )
    return "\n\n".join(blocks) + "\n"


def _elide(old: str, new: str) -> str:
    """``new`` with unchanged stretches longer than a few words replaced by ``...``."""
    a = [m.group(0) for m in re.finditer(r"\S+", old)]
    words = list(re.finditer(r"\S+", new))
    b = [m.group(0) for m in words]
    out, cursor = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal" or i2 - i1 <= 8:
            continue
        first = i1 == 0 and j1 == 0
        last = i2 == len(a) and j2 == len(b)
        lo = 0 if first else words[j1 + 3].start()
        out += [new[cursor:lo].rstrip(), "... " if first else (" ..." if last else " ... ")]
        cursor = len(new) if last else words[j2 - 3].start()
    out.append(new[cursor:])
    return "".join(out).strip()


def _from_revisions(path: Path, out: Path) -> list[Path]:
    """New documents from regrouped revisions, with short quotes (two words of context) made unique."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    rng.shuffle(rows)
    usable = [
        r for r in rows if r["before"].strip() and r["before"] != r["after"] and "\n\n" not in r["before"]
    ]
    usable = [r for r in usable if r.get("repo") or not re.search(r"(?<!\\)[%&#_^{}$~\\]", r["before"])]
    folders = []
    for n in range(0, len(usable), 7):
        group = usable[n : n + 7]
        folder = out / f"case{n // 7:03d}"
        if _write_case(folder, group):
            folders.append(folder)
    return folders


def _write_case(folder: Path, group: list[dict]) -> bool:
    head = "\\documentclass{article}\n\\begin{document}\n\n\\section{Results}\n\n"
    text = head + "\n\n".join(r["before"].strip("\n") for r in group) + "\n\n\\end{document}\n"
    starts, cursor = [], len(head)
    for r in group:
        starts.append(cursor)
        cursor += len(r["before"].strip("\n")) + 2
    edits, spans = [], []
    for start, r in zip(starts, group, strict=True):
        before, after = r["before"].strip("\n"), r["after"].strip("\n")
        for lo, hi, new in _hunks(before, after):
            lo, hi = start + lo, start + hi
            if text.count(text[lo:hi]) != 1 or re.search(r"[\\$%{}&#^_~]", text[lo:hi] + new):
                continue
            edits.append(
                {"original": text[lo:hi], "issue": REASONS[len(edits) % len(REASONS)], "versions": [new]}
            )
            spans.append([lo, hi])
    if not edits:
        return False
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    edits, spans = [edits[k] for k in order], [spans[k] for k in order]
    expected, cursor = [], 0
    for (lo, hi), e in zip(spans, edits, strict=True):
        expected += [text[cursor:lo], merge(text[lo:hi], e["versions"][0])]
        cursor = hi
    expected.append(text[cursor:])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc.tex").write_text(text, encoding="utf-8")
    (folder / "expected.tex").write_text("".join(expected), encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({"edits": len(edits), "spans": spans}))
    (folder / "reply-json-exact.json").write_text(json.dumps({"edits": edits}, indent=1), encoding="utf-8")
    return True


def _hunks(before: str, after: str) -> list[tuple[int, int, str]]:
    """Word-level changes with two words of context: (start, end) in ``before`` and the revised text."""
    a = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", before)]
    b = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", after)]
    hunks: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, [w[2] for w in a], [w[2] for w in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i0, i3 = max(0, i1 - 2), min(len(a), i2 + 2)
        j0, j3 = max(0, j1 - 2), min(len(b), j2 + 2)
        if i3 - i0 < 3 or (j3 <= j0 and i3 <= i0):
            continue
        if hunks and i0 < hunks[-1][1]:
            hunks[-1][1], hunks[-1][3] = i3, j3
        else:
            hunks.append([i0, i3, j0, j3])
    out = []
    for i0, i3, j0, j3 in hunks:
        if i3 <= i0:
            continue
        new = after[b[j0][0] : b[j3 - 1][1]] if j3 > j0 else ""
        out.append((a[i0][0], a[i3 - 1][1], new))
    return out
