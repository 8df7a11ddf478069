"""More reply dresses for bench/make_replies.py: one-line edits, diffs, track changes, rewrites under headings.

Each function takes a case's expected edits (make_replies.Item) and returns the reply text, or None when the
dress cannot carry this case (a quote holding the dress's own marks).  ``flat`` dresses put each quote on one
line; make_replies writes the matching expected-<style>.tex.  Nothing here is committed text: every reply is
built at run time from the corpus.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from revise.apply import merge
from revise.latex.segment import Paragraph


class Item(Protocol):
    start: int
    end: int
    original: str
    versions: tuple[str, ...]
    issue: str
    paragraph: int


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _usable(items: Sequence[Item], marks: str) -> bool:
    return all(v.strip() for it in items for v in it.versions) and not any(
        any(m in t for m in marks) for it in items for t in (it.original, it.versions[0])
    )


def strike(items: Sequence[Item]) -> str | None:
    """``**1.** ~~old~~ → **new**`` with the reason in italics on the next line."""
    if not _usable(items, ("~~", "**")):
        return None
    points = [
        f"**{n}.** ~~{flat(it.original)}~~ → **{flat(it.versions[0])}**\n*{it.issue}*"
        for n, it in enumerate(items, 1)
    ]
    return "Here are my corrections:\n\n" + "\n\n".join(points) + "\n"


_TEMPLATES: tuple[tuple[str, str], ...] = (
    ('Replace "{o}" with "{v}".', '"'),
    ("Change “{o}” to “{v}” — {r}", "“”"),
    ('"{o}" should be "{v}" ({r})', '"'),
    ('Instead of "{o}", write "{v}".', '"'),
    ('Use "{v}" instead of "{o}".', '"'),
    ("`{o}` → `{v}`", "`"),
    ("Replace ``{o}'' with ``{v}''.", "`'"),
    ("I suggest changing ‘{o}’ to ‘{v}’.", "‘’"),
)


def instructions(items: Sequence[Item]) -> str | None:
    """Prose instructions, one per list item, in rotating phrasings and quotation marks."""
    if not _usable(items, ()):
        return None
    lines = []
    for n, it in enumerate(items, 1):
        o, v = flat(it.original), flat(it.versions[0])
        fits = [t for t, marks in _TEMPLATES if not any(m in o + v for m in marks)]
        if not fits:
            return None
        template = fits[(n + len(o)) % len(fits)]
        marker = ("- ", f"{n}. ", f"**{n}.** ")[n % 3]
        lines.append(marker + template.format(o=o, v=v, r=it.issue.rstrip(".")))
    return "A few edits:\n\n" + "\n".join(lines) + "\n\nThe rest reads well.\n"


_ZH = (
    "将“{o}”改为“{v}”。",
    "把“{o}”改成“{v}”",
    "建议将“{o}”修改为“{v}”，使表达更准确。",
    "“{o}”应改为“{v}”。",
)


def chinese_instructions(items: Sequence[Item]) -> str | None:
    """将“old”改为“new” and its kin, numbered."""
    if not _usable(items, ("“", "”")):
        return None
    lines = [
        f"{n}. " + _ZH[n % len(_ZH)].format(o=flat(it.original), v=flat(it.versions[0]))
        for n, it in enumerate(items, 1)
    ]
    return "修改建议如下：\n\n" + "\n".join(lines) + "\n"


def diff(items: Sequence[Item]) -> str | None:
    """A ```diff fence: ``-`` lines of each quote, ``+`` lines of its first version, line breaks kept."""
    if not _usable(items, ()):
        return None
    body = ["--- a/paper.tex", "+++ b/paper.tex"]
    for it in items:
        body.append(f"@@ paragraph {it.paragraph + 1} @@")
        body += ["- " + line for line in it.original.split("\n")]
        body += ["+ " + line for line in it.versions[0].split("\n")]
    return "Here is the patch:\n\n```diff\n" + "\n".join(body) + "\n```\n"


def track(items: Sequence[Item]) -> str | None:
    """Each quote with its changed words marked: ``~~old~~ **new**`` (``[-old-]{+new+}`` when it holds ~ or *)."""
    if not _usable(items, ()):
        return None
    lines = []
    for n, it in enumerate(items, 1):
        old, new = it.original.split(), it.versions[0].split()
        wiki = any(c in it.original + it.versions[0] for c in "~*")
        if wiki and any(m in it.original + it.versions[0] for m in ("[-", "-]", "{+", "+}")):
            return None
        cut, put = (("[-", "-]"), ("{+", "+}")) if wiki else (("~~", "~~"), ("**", "**"))
        words = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                words += old[i1:i2]
                continue
            if i2 > i1:
                words.append(cut[0] + " ".join(old[i1:i2]) + cut[1])
            if j2 > j1:
                words.append(put[0] + " ".join(new[j1:j2]) + put[1])
        lines.append(f"{n}. " + " ".join(words) + f" — {it.issue.rstrip('.')}")
    return "Changes are marked (struck out → new):\n\n" + "\n".join(lines) + "\n"


_HEADINGS: tuple[Callable[[int], str], ...] = (
    lambda n: f"Here is a revised version of paragraph {n}:",
    lambda n: f"**Revised paragraph {n}:**",
    lambda n: f"### Paragraph {n} (revised)",
    lambda n: "Polished version:",
    lambda n: "修改后的段落：",
    lambda n: f"And paragraph {n}:",
    lambda n: "Rewritten:",
)


def new_paragraphs(
    text: str, items: Sequence[Item], paragraphs: Sequence[Paragraph]
) -> list[tuple[int, str]]:
    """(paragraph index, its text after the edits) for every paragraph the edits change."""
    changed = []
    for para in paragraphs:
        mine = sorted((it for it in items if it.paragraph == para.index), key=lambda i: i.start)
        if not mine:
            continue
        new, cursor = [], para.start
        for it in mine:
            new += [text[cursor : it.start], merge(text[it.start : it.end], it.versions[0])]
            cursor = it.end
        new.append(text[cursor : para.end])
        if "".join(new).split() != para.text.split():
            changed.append((para.index, "".join(new)))
    return changed


def _readable(new: str) -> bool:
    """Text a chat can show as plain lines: none reads as a list item, quote, table row, heading or fence."""
    return not any(re.match(r"\s*(?:[-+*>|#]|\d+[.)]|```|~~~)", line) for line in new.split("\n"))


def headed_rewrites(text: str, items: Sequence[Item], paragraphs: Sequence[Paragraph]) -> str | None:
    """Whole paragraphs rewritten, no ellipses, under rotating headings: quoted, fenced or plain."""
    changed = new_paragraphs(text, items, paragraphs)
    if not changed or not all(_readable(new) for _, new in changed):
        return None
    blocks = ["Sure! I revised the paragraphs that needed it."]
    for k, (index, new) in enumerate(changed):
        head = _HEADINGS[(k + index) % len(_HEADINGS)](index + 1)
        dress = k % 3
        body = (
            "\n".join("> " + line for line in new.split("\n"))
            if dress == 0
            else f"```latex\n{new}\n```"
            if dress == 1
            else new
        )
        blocks.append(f"{head}\n\n{body}")
    blocks.append("Let me know if you would like a more formal tone.")
    return "\n\n".join(blocks) + "\n"


def polished(text: str, items: Sequence[Item], paragraphs: Sequence[Paragraph]) -> str | None:
    """Every changed paragraph in plain text under one "polished version" heading, then a list of key changes."""
    changed = new_paragraphs(text, items, paragraphs)
    if not changed or not all(_readable(new) for _, new in changed):
        return None
    notes = [f"- “{flat(it.original)}” → “{flat(it.versions[0])}”" for it in items[:3]]
    return (
        "Here's a polished version of your text:\n\n"
        + "\n\n".join(new for _, new in changed)
        + "\n\n**Key changes:**\n"
        + "\n".join(notes)
        + "\n"
    )


_LABELS = (("Current", "Proposed"), ("Before", "After"), ("Original text", "Suggested rewrite"))
_ITEMS = ("Point {n}:", "Suggestion {n}", "### Issue {n} — {r}", "Comment {n}:", "{n}.")


def point_headings(items: Sequence[Item]) -> str | None:
    """Points under "Point 1:" / "Issue 2 — reason" / a number alone, quotes in code spans or ``…''."""
    if not _usable(items, ()):
        return None
    points = []
    for n, it in enumerate(items, 1):
        o, v = flat(it.original), flat(it.versions[0])
        before, after = _LABELS[n % len(_LABELS)]
        if "`" not in o + v:
            o, v = f"`{o}`", f"`{v}`"
        elif "'" not in o + v:
            o, v = f"``{o}''", f"``{v}''"
        else:
            o, v = f"“{o}”", f"“{v}”"
        head = _ITEMS[n % len(_ITEMS)].format(n=n, r=it.issue.rstrip("."))
        points.append(f"{head}\n- **{before}:** {o}\n- **{after}:** {v}\n- *Why:* {it.issue}")
    return "\n\n".join(points) + "\n"
