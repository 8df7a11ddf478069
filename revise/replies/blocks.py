"""Multi-line pieces of a chat answer: diff fences, and rewrites introduced by a heading.

A diff (a ```diff fence, or ``- old`` lines followed by ``+ new`` lines) gives (old, new) pairs.  A rewrite
heading ("Revised paragraph 2:", "Here is a polished version:", "Paragraph 3 (revised):", "修改后的段落：",
"And paragraph 8:") introduces text in a block quote, a code fence or plain lines: each of its paragraphs is
one whole-paragraph rewrite, with or without ``...`` for unchanged text.  Which document paragraph it
rewrites is for revise.anchoring.choice to decide; the heading's paragraph number is only a hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from revise.replies.labels import DECOR

FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(```|~~~)[ \t]*(?P<lang>[\w+-]*)")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
REWRITE_WORD = re.compile(
    r"(?i)\b(?:revised|revision|rewrit\w*|polish\w*|improv\w*|edited|corrected|refined|updated|reworked|"
    r"reworded|rephrased|proofread|streamlined|tightened|fixed|amended|modified|new version|clean(?:ed)? version|"
    r"suggested (?:version|text|wording|paragraph)|final version|my version|with (?:my |the )?(?:changes|edits|"
    r"corrections))\b|修改后|修改後|润色|潤色|改写|改寫|修订|修訂|修改版|优化后|優化後|修正後|書き直|"
    r"révisé|version révisée|überarbeitet|korrigiert|versión (?:revisada|corregida)|texto revisado"
)
_ORIGINAL_WORD = re.compile(r"(?i)\b(?:original|current|existing|old)\b|原文|原句|原段|修改前")
PARAGRAPH_REF = re.compile(
    r"(?i)(?:\bparagraphs?|\bpara\.?|¶|段落|paragraphe|absatz|párrafo|parrafo)\s*#?\s*(\d{1,4})|第\s*(\d{1,4})\s*段"
)
# Words that open the remarks after a rewrite, not more rewritten text.
_REMARK = re.compile(
    r"(?i)^(?:i\b|i['’]|let me|hope|feel free|here(?:'s|’s| is| are)\b|note\b|notes?:|these (?:changes|edits|revisions)|"
    r"this (?:version|revision|rewrite|edit)|the (?:main |key )?(?:changes|edits)|changes\b|key changes|"
    r"explanation|summary|overall,|in this (?:version|revision)|the (?:revised|rewritten|new) (?:version|text)|"
    r"what changed|if you|would you|修改说明|说明|主要修改|以上|希望)"
)
_HUNK_HEADER = re.compile(
    r"^(?:@@.*@@.*|(?:---|\+\+\+) (?:a/|b/|/dev/null|\S+\.\w+).*|diff --git .*|index \w+.*)$"
)


@dataclass(frozen=True)
class Heading:
    """A line introducing text: ``original`` text or a rewrite, and the paragraph it names (0-based)."""

    original: bool
    paragraph: int | None
    rewrite: bool = True
    """The heading says the text is rewritten ("Revised …"), not only which paragraph it is."""


def heading(line: str, generic: bool = False) -> Heading | None:
    """The heading a short line ending in a colon (or a markdown heading) is, if it introduces text.

    It must name a rewrite ("revised", "polished", …) or a paragraph number; with ``generic`` (the text after it
    is a block quote or a code fence) any short introduction counts.
    """
    text = re.sub(DECOR, "", line).strip()
    bare = re.sub(r"[*_`]+", "", text).strip()
    titled = line.lstrip().startswith("#") or bool(re.fullmatch(r"(\*\*|__)[^*_]+\1[:：]?", text))
    if not bare or not (bare.endswith((":", "：")) or titled) or len(bare.split()) > 16:
        return None
    if re.search(r"[\"“”«»「」„`]", bare) or len(bare) > 120:
        return None
    ref = PARAGRAPH_REF.search(bare)
    number = int(ref.group(1) or ref.group(2)) - 1 if ref else None
    rewrite = bool(REWRITE_WORD.search(bare))
    original = bool(_ORIGINAL_WORD.search(bare)) and not rewrite
    if not (rewrite or original or ref or generic):
        return None
    return Heading(original, number, rewrite)


def fenced(lines: list[str], i: int) -> tuple[str, list[str], int] | None:
    """The language and lines of a code fence opening at ``lines[i]``, and the index after it."""
    m = FENCE.match(lines[i])
    if not m:
        return None
    body = []
    j = i + 1
    while j < len(lines) and not FENCE.match(lines[j]):
        body.append(
            re.sub(r"^[ \t]*(?:>[ \t]?)*", "", lines[j]) if lines[i].lstrip().startswith(">") else lines[j]
        )
        j += 1
    return m.group("lang").lower(), body, min(j + 1, len(lines))


def is_diff(lang: str, body: list[str]) -> bool:
    """A fence holding a diff: tagged ``diff``/``patch``, or only ``-``/``+``/context lines with both signs."""
    if lang in ("diff", "patch", "udiff"):
        return True
    marked = [line for line in body if line.strip()]
    signs = {line[0] for line in marked}
    return (
        bool(marked)
        and {"-", "+"} <= signs
        and all(line[0] in "-+ @" or _HUNK_HEADER.match(line) for line in marked)
    )


def hunks(body: list[str]) -> list[tuple[str, str]]:
    """(old, new) for each run of ``-`` lines and the ``+`` lines after it; a lone run borrows its context.

    A hunk holding an unindented line without a sign right after a signed one is ("", ""): a raw line break
    pasted into a ``-``/``+`` line, or context written unindented, cannot be told apart, so it is refused.
    """
    pairs: list[tuple[str, str]] = []
    minus: list[str] = []
    plus: list[str] = []
    context: str | None = None

    def close(following: str | None) -> None:
        old, new = "\n".join(minus).strip(), "\n".join(plus).strip()
        if old and new:
            pairs.append((old, new))
        elif new and context:  # an insertion revises the line it follows (or precedes)
            pairs.append((context, f"{context}\n{new}"))
        elif new and following:
            pairs.append((following, f"{new}\n{following}"))
        elif old and context:
            pairs.append((f"{context}\n{old}", context))
        minus.clear()
        plus.clear()

    for n, line in enumerate(body):
        if _HUNK_HEADER.match(line):
            continue
        if line[:1] not in "-+ " and line.strip() and n > 0 and body[n - 1][:1] in "-+":
            # A raw line break inside a - or + line, or context written unindented: no telling which.
            minus.clear()
            plus.clear()
            pairs.append(("", ""))
            continue
        sign, text = line[:1], line[1:].rstrip("\n")
        text = text[1:] if text.startswith(" ") else text
        if sign == "-":
            if plus:
                close(None)
            minus.append(text)
        elif sign == "+":
            plus.append(text)
        else:
            text = line.strip()
            if minus or plus:
                close(text or None)
            context = text or None
    if minus or plus:
        close(None)
    return pairs


def bare_diff(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """``- old`` lines directly followed by ``+ new`` lines outside a fence: the lines and the index after."""
    j = i
    while j < len(lines) and re.match(r"^[ \t]*-[ \t]", lines[j]):
        j += 1
    k = j
    while k < len(lines) and re.match(r"^[ \t]*\+[ \t]", lines[k]):
        k += 1
    if j == i or k == j:
        return None
    return [line.strip() for line in lines[i:k]], k


def blocks(lines: list[str], i: int, stop: Callable[[str], bool], numbered: bool) -> tuple[list[str], int]:
    """The paragraphs of text after a heading at ``lines[i - 1]``: a code fence, a block quote or plain lines.

    Plain lines run to the next break (``stop``), heading or remark; a plain text without a paragraph number
    (``numbered`` false) may run over several paragraphs, each one rewrite.
    """
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return [], i
    fence = fenced(lines, i)
    if fence is not None:
        lang, body, end = fence
        if is_diff(lang, body) or lang == "json":
            return [], i
        return _paragraphs(body), end
    if _QUOTE.match(lines[i]):
        body = []
        while i < len(lines) and (
            _QUOTE.match(lines[i])
            or (not lines[i].strip() and _quote_follows(lines, i))
            or (body[-1].strip() and _plain(lines[i], stop))
        ):
            # A line without "> " right after a quoted line continues it (CommonMark's lazy continuation).
            body.append(_QUOTE.sub("", lines[i]))
            i += 1
        return _paragraphs(body), i
    found: list[str] = []
    while i < len(lines) and _plain(lines[i], stop):
        start = i
        while i < len(lines) and lines[i].strip() and _plain(lines[i], stop):
            i += 1
        found.append("\n".join(lines[start:i]).strip())
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        if numbered or j == i or j >= len(lines) or _remark(lines[j]) or _words_until_blank(lines, j) < 5:
            break
        i = j
    return found, i


def _words_until_blank(lines: list[str], i: int) -> int:
    count = 0
    while i < len(lines) and lines[i].strip():
        count += len(lines[i].split())
        i += 1
    return count


def _remark(line: str) -> bool:
    """A line that opens remarks after rewritten text ("Key changes:", "I also…"), not more of it."""
    text = re.sub(r"^[\s*_#>]+", "", line).rstrip()
    return bool(_REMARK.match(text)) or (len(text.split()) <= 12 and text.rstrip("*_ ").endswith((":", "：")))


def _plain(line: str, stop: Callable[[str], bool]) -> bool:
    """A line of rewritten text: not a break, fence, quote, heading or list item (a paragraph is none)."""
    return not (stop(line) or FENCE.match(line) or _QUOTE.match(line) or heading(line) or _ITEM.match(line))


def _quote_follows(lines: list[str], i: int) -> bool:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and bool(_QUOTE.match(lines[i]))


def _paragraphs(body: list[str]) -> list[str]:
    text = "\n".join(body).strip("\n")
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
