"""Edits written on one line of a chat answer: arrows, prose instructions and marked-up changes.

``"old" → "new" (reason)``, ``~~old~~ → **new**``, ``Replace "old" with "new"``, ``Change “old” to “new”``,
``"old" should be "new"``, ``Instead of "old", write "new"``, ``Use "new" instead of "old"``,
``将“old”改为“new”``, ``把old改成new``, ``~~old~~ **new** kept words`` (track changes, also ``[-old-]{+new+}``
and ``<del>``/``<ins>``), and in list items ``old → new`` without quotation marks.  Both sides of a prose
instruction must be quoted (quotation marks, code spans, emphasis): unquoted prose is advice, not an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revise.replies.labels import DECOR
from revise.replies.quotes import Quoted, clean, quotations, reason

ARROW = r"(?:→|->|=>|⟶|⇒|➔|➜|-->|⇨|⟹)"
_ARROW = re.compile(rf"\s*{ARROW}\s*")
_LISTED = re.compile(r"^\s*(?:[-*+•·]|\(?\d{1,3}[.)、．]|[（(]\d{1,3}[）)]|[\u2460-\u2473])\s")
_LEAD = re.compile(r"^(?:(?:\*\*|__)?(?:\(?\d{1,3}[.)、．:]|#\d{1,3})(?:\*\*|__)?[ \t]*)+")
# "Typo:", "**Grammar:**", "**Agreement** —": a topic before the edit, kept as its reason.
_TOPIC = re.compile(
    r"^(?:(?:\*\*|__|\*)(?P<a>[^*_\n\"“]{1,40}?)(?:[:：](?:\*\*|__|\*)|(?:\*\*|__|\*)[ \t]*[:：—–-])"
    r"|(?P<b>[A-Za-z][\w \-/]{0,30}?|[^\x00-\x7f\s:：]{1,8})[:：])[ \t]+"
)
_NEGATED = re.compile(r"(?i)\b(?:not|never|avoid|no need|rather not)\b|n't\b|不要|不必|无需")
_VERB = re.compile(
    r"(?i)(?:\b(?:replac|chang|substitut|swap|rewrit|rewrote|revis|correct|fix|amend|updat|turn|reword|"
    r"rephras|edit|modif|convert|render|shorten|simplif|switch|alter|tighten|remplac|ersetz|änder|tausch|"
    r"cambi|reemplaz|sustitu|corrig)\w*|将|把|將)"
)
_MODAL = (
    r"(?:should|could|would|must|might|can|may|ought to|needs? to|has to)\s+(?:\w+\s+)?"
    r"(?:be|read|become|say)(?:\s+(?:changed|replaced|rewritten|revised|corrected|amended|updated|shortened|"
    r"simplified|rephrased|reworded|edited|written|turned|made))?(?:\s+(?:to|with|by|as|into|like))?"
)
_FORWARD = re.compile(
    rf"(?i)^\s*[,:;]?\s*(?:{ARROW}(?:\s*(?:should be|becomes))?|{_MODAL}"
    r"|(?:reads?|sounds?|works?|is|would be|might be)\s+(?:better|clearer|more \w+)\s+(?:as|written as)"
    r"|(?:is|looks like|seems like|seems to be)\s+(?:a\s+)?(?:typo|misspelling|mistake)\s+(?:for|of)"
    r"|(?:is|was|has been|were)\s+(?:changed|replaced|corrected|rewritten|revised)\s+(?:to|with|by|as|into)"
    r"|becomes|became|devrait être|sollte|debería ser"
    r"|(?:应|应该|应当|建议|可|可以|宜|需|需要|最好|请|請|應)?\s*"
    r"(?:改为|改成|替换为|替换成|换成|修改为|修改成|更改为|改写为|改写成|调整为|写成|写为|改為|修改為|替換為)"
    r"|(?:应|应该|应当|應)(?:为|是|為))\s*[:：,，]?\s*$"
)
_WITH = re.compile(r"(?i)^\s*,?\s*(?:to|with|into|by|as|par|durch|zu|por|con|为|成|為|を|は)\s*[:：]?\s*$")
_REVERSED = re.compile(
    r"(?i)^\s*,?\s*(?:instead of|rather than|in place of|in lieu of|not|statt|au lieu de)\s*$"
)
_USE = re.compile(r"(?:用|使用)\s*$")
_IN_PLACE = re.compile(r"^\s*来?(?:代替|替换|取代|替代)\s*$")
_INSTEAD = re.compile(r"(?i)(?:instead of|rather than|in place of|与其)\s*$")
_INSTEAD_MID = re.compile(
    r"(?i)^\s*[,，]?\s*(?:(?:I|we)\s+(?:would\s+|'d\s+)?(?:suggest|recommend)(?:\s+(?:using|writing))?"
    r"|(?:write|use|say|try|consider|prefer|go with|opt for|put|choose)|不如(?:说|写|用)?)?\s*[:：]?\s*$"
)
_OR = re.compile(r"(?i)^\s*(?:,|/|\bor\b|或者?|ou|oder|\bo\b)\s*(?:maybe\s+|perhaps\s+)?$")
_CHINESE = re.compile(
    r"^(?:建议|请|請|可|应|應)?(?:将|把|將)\s*(?P<a>.+?)\s*"
    r"(?:改为|改成|替换为|替换成|换成|修改为|修改成|更改为|改写为|调整为|写成|改為|修改為|替換為)\s*(?P<b>.+?)\s*[。；;.]?$"
)
_DELETE = r"~~(?P<d>[^~\n]+?)~~|\[-(?P<d2>.+?)-\]|<(?:del|s|strike)>(?P<d3>.+?)</(?:del|s|strike)>"
_INSERT = r"\*\*(?P<i>[^*\n]+?)\*\*|\{\+(?P<i2>.+?)\+\}|<ins>(?P<i3>.+?)</ins>"
# Where a line strikes text out, bold marks what it puts in, as {+…+} and <ins> do.
_CHANGE = re.compile(
    rf"(?:{_DELETE})(?:\s*{ARROW}?\s*(?:{_INSERT}))?|\{{\+(?P<i4>.+?)\+\}}|<ins>(?P<i5>.+?)</ins>"
    r"|(?<![\w*])\*\*(?P<i6>[^*\n]+?)\*\*(?![\w*])"
)
_TRAILING_REASON = re.compile(
    r"\s+(?:[—–]|--|\|)\s+(?P<r>[^—–|]+)$|\s+[(（](?P<p>[^()（）]{2,120})[)）]\s*[.。]?$"
)
_REASON_WORD = re.compile(
    r"^(?:[A-Z]|(?i:typo|grammar|agreement|tense|article|spelling|clarity|concision|style|wordiness|"
    r"redundan|punctuation|preposition|consisten|formal|flow|word choice)|[^\x00-\x7f])"
)


@dataclass(frozen=True)
class Inline:
    """One edit read off one line: the old text, its replacements and the reason given with them."""

    old: str
    versions: tuple[str, ...]
    reason: str = ""


def inline(line: str, struck: bool = False, bare: bool = True) -> list[Inline]:
    """The edits a line of prose writes out (empty when it writes none).

    ``struck``: the reply marks deletions with strikethrough elsewhere, so bold words in a list item are
    insertions too.  ``bare``: also read unquoted ``old → new`` list items and marked-up changes.
    """
    undecorated = re.sub(DECOR, "", line)
    text = _LEAD.sub("", undecorated).strip()
    if not text:
        return []
    listed = bare and bool(_LISTED.match(line) or text != undecorated.strip())
    marked = bool(re.search(_DELETE, text) or re.search(r"\{\+.+?\+\}|<ins>", text))
    marked = marked or (struck and listed and bool(re.search(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])", text)))
    if marked and bare and not _ARROW.search(text):
        changed = track_changes(text)
        return [changed] if changed else []
    found = _quoted_pairs(text)
    if found:
        return found
    chinese = _CHINESE.match(text)
    if chinese:
        old, new = clean(chinese.group("a")), clean(chinese.group("b"))
        return [Inline(old, (new,))] if old and new and old != new else []
    return _bare_arrow(text, listed)


def _quoted_pairs(text: str) -> list[Inline]:
    qs = quotations(text)
    found: list[Inline] = []
    k, cursor = 0, 0
    while k < len(qs):
        a = qs[k]
        pre = text[cursor : a.start]
        b = qs[k + 1] if k + 1 < len(qs) else None
        if b is None:
            bare = _bare_right(a, text) if not found else None
            if bare:
                found.append(bare)
            break
        mid = text[a.end : b.start]
        order = _order(text[: a.start], pre, mid, a, text[b.end :])
        if order is None:
            k += 1
            continue
        old, new = (a, b) if order == "forward" else (b, a)
        versions, k, cursor = [new.text], k + 2, b.end
        while k < len(qs) and order == "forward" and _OR.match(text[cursor : qs[k].start]):
            versions.append(qs[k].text)
            cursor, k = qs[k].end, k + 1
        upto = qs[k].start if k < len(qs) else len(text)
        found.append(_made(old.text, versions, reason(text[cursor:upto])))
    return [f for f in found if f.old and f.versions]


def _order(before: str, pre: str, mid: str, a: Quoted, after: str) -> str | None:
    """``forward`` (a is the old text), ``reversed`` (a is the new text) or None: no edit between a and b."""
    if _NEGATED.search(pre):
        return None
    if _FORWARD.match(mid) or (_WITH.match(mid) and _VERB.search(before)):
        return "forward"
    if _INSTEAD.search(pre) and _INSTEAD_MID.match(mid):
        return "forward"
    if re.fullmatch(r"\s*[をは]\s*", mid) and after.lstrip().startswith("に"):
        return "forward"  # 「old」を「new」に変更
    if _REVERSED.match(mid) or (_USE.search(pre) and _IN_PLACE.match(mid)):
        return "reversed"
    if a.mark == "~~" and re.fullmatch(r"\s*", mid):
        return "forward"  # ~~old~~ **new**
    return None


def _bare_right(a: Quoted, text: str) -> Inline | None:
    """``"old" → new text (reason)``: a quoted or struck-out left side, the new text unquoted after an arrow."""
    arrow = _ARROW.match(text, a.end)
    if arrow is None or (text[: a.start].strip() and not _TOPIC.fullmatch(text[: a.start] + " ")):
        return None
    right, why = _split_reason(text[arrow.end() :], shared=a.text)
    new = clean(right)
    return _made(a.text, [new], why) if new and "→" not in new else None


def _made(old: str, versions: list[str], why: str) -> Inline:
    return Inline(clean(old), tuple(v for v in (clean(v) for v in versions) if v), why)


def track_changes(text: str) -> Inline | None:
    """``~~old~~ **new** words``: the text before (struck-out kept, inserted dropped) and after the changes."""
    topic = _TOPIC.match(text)
    lead = ""
    if topic and not re.search(_DELETE, topic.group(0)):
        lead, text = (topic.group("a") or topic.group("b") or "").strip(), text[topic.end() :]
    last = list(_CHANGE.finditer(text))
    if not last:
        return None
    body, why = _split_reason(text, after=last[-1].end())
    old, new = [], []
    cursor = 0
    for m in _CHANGE.finditer(body):
        old.append(body[cursor : m.start()])
        new.append(body[cursor : m.start()])
        deleted = m.group("d") or m.group("d2") or m.group("d3") or ""
        inserted = next((g for g in m.group("i", "i2", "i3", "i4", "i5", "i6") if g), "")
        old.append(deleted)
        new.append(inserted)
        cursor = m.end()
    old.append(body[cursor:])
    new.append(body[cursor:])
    before, after = _joined(old), _joined(new)
    if not before or before == after:
        return None
    return Inline(clean(before), (clean(after),) if after else (), why or lead)


def _joined(parts: list[str]) -> str:
    """The pieces as one text, with the double spaces a dropped piece leaves behind closed up."""
    return re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", "".join(parts)).strip()


def _split_reason(text: str, after: int = 0, shared: str = "") -> tuple[str, str]:
    """``text`` without a trailing reason (``— reason``, ``(Reason)``) written after offset ``after``.

    A parenthesis is a reason only when it reads like one (a capital or a grammar word, no acronym, no
    number) and the old text (``shared``) does not hold it too.
    """
    m = _TRAILING_REASON.search(text, after)
    if m is None:
        return text.strip(), ""
    why = (m.group("r") or m.group("p") or "").strip()
    if m.group("p") is not None and (
        not _REASON_WORD.match(why) or re.search(r"\d|\b[A-Z]{2,}\b", why) or m.group(0).strip() in shared
    ):
        return text.strip(), ""
    if m.group("r") is not None and m.group(0).strip() in shared:
        return text.strip(), ""
    return text[: m.start()].strip(), why


def _bare_arrow(text: str, listed: bool) -> list[Inline]:
    """``old → new`` in a list item: one arrow, both sides short enough to be quotes, not a flow of steps."""
    arrows = list(_ARROW.finditer(text))
    if len(arrows) != 1 or not listed:
        return []
    topic = _TOPIC.match(text)
    lead = ""
    if topic and topic.end() < arrows[0].start():
        head = topic.group(0).strip()
        # "Results: we find → Results: We find" keeps its words; "Typo: teh → the" loses its topic.
        if not text[arrows[0].end() :].lstrip().startswith(head):
            lead, text = (topic.group("a") or topic.group("b") or "").strip(), text[topic.end() :]
            arrows = list(_ARROW.finditer(text))
    left = text[: arrows[0].start()]
    right, why = _split_reason(text[arrows[0].end() :], shared=left)
    old, new = clean(left), clean(right)
    if new.endswith(".") and not old.endswith("."):
        new = new[:-1].rstrip()  # the full stop of the sentence the list item is
    if not old or not new or old == new or len(old.split()) > 40 or len(new.split()) > 60:
        return []
    return [Inline(old, (new,), why or lead)]
