"""The vocabulary of pasted chat replies: label words in several languages and the line patterns using them.

Labels are data: adding a language means adding words here; revise.replies.chat owns the grammar.
"""

from __future__ import annotations

import re

ORIGINAL, REVISED, REASON, VERSION, HEADER = "original", "revised", "reason", "version", "header"


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split("|") if w.strip())


LABELS: dict[str, tuple[str, ...]] = {
    ORIGINAL: _words(
        "original|original text|original sentence|original wording|original version|quote|excerpt|before|"
        "current|current text|source text|text|"
        "原文|原句|原始文本|原文本|修改前|原来|原稿|"
        "texte original|phrase originale|originale|avant|"
        "originaltext|ursprünglich|ursprünglicher text|vorher|alt|"
        "texto original|frase original|antes|"
        "元の文|元の文章|修正前"
    ),
    REVISED: _words(
        "revised|revision|revised text|revised sentence|revised version|suggested|suggestion|"
        "suggested revision|suggested text|suggested change|suggested edit|rewrite|rewritten|improved|"
        "improved version|corrected|correction|proposed|proposal|after|new|new text|edit|fix|replacement|"
        "change to|better|recommended|recommendation|polished|polished version|"
        "修改|修改后|修改為|修改为|建议|建議|修订|修訂|改为|改為|修改建议|建议修改为|"
        "润色|润色后|修正|更正|推荐|"
        "révisé|révision|texte révisé|version révisée|proposition|corrigé|après|nouveau|"
        "überarbeitet|überarbeitung|vorschlag|korrektur|korrigiert|neu|nachher|überarbeitete fassung|"
        "revisado|revisión|texto revisado|sugerencia|corrección|propuesta|corregido|después|"
        "修正後|修正案|提案|改善案|書き換え|修正文|改訂"
    ),
    REASON: _words(
        "reason|reasoning|rationale|comment|comments|explanation|issue|problem|why|note|notes|"
        "justification|because|reason for change|reason for the change|reason for revision|"
        "why this change|what changed|changes made|explanation of changes|"
        "原因|理由|说明|說明|解释|解釋|问题|問題|修改理由|修改原因|修改说明|备注|注释|"
        "raison|explication|commentaire|justification|problème|motif|"
        "grund|begründung|erklärung|kommentar|anmerkung|"
        "razón|motivo|explicación|comentario|justificación|"
        "説明|コメント|指摘|解説"
    ),
    VERSION: _words(
        "version|option|alternative|variant|candidate|"
        "版本|方案|选项|選項|版|"
        "versión|opción|variante|fassung|"
        "バージョン|案"
    ),
}
KIND = {word: kind for kind, words in LABELS.items() for word in words}
WORDS = "|".join(re.escape(w) for w in sorted(KIND, key=len, reverse=True))
EMPH = r"(?:\*\*|__|\*|_)?"
# List markers, numbers, headings, block quotes and the emoji chat answers like (❌ Original / ✅ Revised).
DECOR = (
    r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+•·][ \t]+|\(?\d{1,3}[.)、．][ \t]*|[（(]\d{1,3}[）)][ \t]*|[一二三四五六七八九十]+、"
    r"|[\u2460-\u2473][ \t]*|#{1,6}[ \t]*"
    r"|[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]\ufe0f?[ \t]*)\s*)*"
)
# "Corrected sentence:", "Suggested wording:": a noun after the label word changes nothing.
NOUN = (
    r"(?:[ \t]+(?:text|sentence|version|wording|phrase|passage|excerpt|paragraph|quote|rewrite|revision|edit|"
    r"change|fix|correction|replacement|formulation|句子|文本|版本|段落|phrase|texte|satz|frase|texto|文))?"
)
# "Revised (version 1)", "Option B", "Version 1 (paragraph 3)", "修改一".
TAG = (
    r"(?P<tag>(?:[ \t]*(?:[(（\[][^)）\]\n]{0,40}[)）\]]|#?\d{1,2}|[A-Za-z](?![\w])|[一二三四五六七八九十]+)"
    r"){0,2})"
)
# Emphasis may open before a point's number too: "**1. Original:**", "__2) Revised__:".
_EMPH_DECOR = r"^[ \t]*(?:(?:\*\*|__)(?=[ \t]*(?:\(?\d|[-*+•#>])))?" + DECOR[1:]
LABEL = re.compile(
    _EMPH_DECOR
    + EMPH
    + r"[ \t]*(?P<label>"
    + WORDS
    + r")"
    + NOUN
    + TAG
    + r"[ \t]*"
    + EMPH
    + r"[ \t]*(?P<colon>[:：])?[ \t]*"
    + EMPH
    + r"[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
PARAGRAPH = re.compile(
    DECOR + EMPH + r"[ \t]*(?:(?:paragraph|para\.?|段落|paragraphe|absatz|párrafo|parrafo|パラグラフ|段)"
    r"[ \t]*(?P<n>\d{1,4})|第[ \t]*(?P<nth>\d{1,4})[ \t]*(?=段))[ \t]*(?:段|段落)?[ \t]*[,，、;:：.\-–—]?[ \t]*"
    + EMPH
    + r"[ \t]*(?:(?P<vword>"
    + "|".join(LABELS[VERSION])
    + r")[ \t]*(?P<v>\d{1,2}|[A-Za-z])?)?"
    + r"[ \t]*[)）]?[ \t]*"
    + EMPH
    + r"[ \t]*[:：]?[ \t]*"
    + EMPH
    + r"[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
# "Point 1:", "Issue 2 — agreement", "**Suggestion 3**", "问题1：": the heading of one point of the answer.
ITEM = re.compile(
    DECOR
    + EMPH
    + r"[ \t]*(?P<word>point|item|issue|comment|problem|error|note|remark|observation|concern|suggestion|"
    r"recommendation|edit|change|fix|correction|punkt|remarque|problème|punto|comentario|建议|建議|问题|問題|意见|"
    r"意見|要点|修改|指摘)[ \t]*#?[ \t]*(?P<n>\d{1,3}|[一二三四五六七八九十]+)(?![\w.,])[ \t]*"
    + EMPH
    + r"[ \t]*[:：.)\-–—]?[ \t]*"
    + EMPH
    + r"[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
# A point's number alone on its line: "1.", "**2**", "(3)", "④", "#5", "一、".
NUMBER_ALONE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:[(（\[]?\d{1,3}[)）\]]?[.、．:：]?|#\d{1,3}|[\u2460-\u2473]"
    r"|[一二三四五六七八九十]+、)[ \t]*(?:\*\*|__)?[ \t]*$"
)


def tag_number(tag: str) -> int | None:
    """1 for "1", "(version 1)", "A", "一"; None when the tag holds no number."""
    digits = re.search(r"\d+", tag)
    if digits:
        return int(digits.group(0))
    letter = re.fullmatch(r"[(（\[]?\s*([A-Za-z])\s*[)）\]]?", tag.strip())
    if letter:
        return ord(letter.group(1).upper()) - ord("A") + 1
    chinese = "一二三四五六七八九十"
    if tag.strip() and tag.strip()[0] in chinese:
        return chinese.index(tag.strip()[0]) + 1
    return None
