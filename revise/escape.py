"""LaTeX spelling of prose a reviewer wrote: escaping special characters, spelling what an encoding lacks.

Used by the guard on the words a version adds; words the author already had are never touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection

from revise.tokens import tokenize

# Characters that are markup in running text; a reviewer writing prose means them literally.
_ESCAPE = {"%": "\\%", "&": "\\&", "#": "\\#", "_": "\\_", "$": "\\$"}
_CURRENCY = re.compile(r"\$\d")

_SPELLING = {
    "‘": "`",
    "’": "'",
    "‚": ",",
    "“": "``",
    "”": "''",
    "„": ",,",
    "–": "--",
    "—": "---",
    "…": "\\ldots{}",
    "\u00a0": "~",
    "\u2009": "\\,",
    "\u202f": "\\,",
    "ß": "\\ss{}",
    "æ": "\\ae{}",
    "Æ": "\\AE{}",
    "œ": "\\oe{}",
    "Œ": "\\OE{}",
    "ø": "\\o{}",
    "Ø": "\\O{}",
    "å": "\\aa{}",
    "Å": "\\AA{}",
    "ł": "\\l{}",
    "Ł": "\\L{}",
    "ı": "\\i{}",
    "¡": "!`",
    "¿": "?`",
    "§": "\\S{}",
    "¶": "\\P{}",
    "©": "\\copyright{}",
    "®": "\\textregistered{}",
    "™": "\\texttrademark{}",
    "°": "\\textdegree{}",
    "×": "\\texttimes{}",
    "•": "\\textbullet{}",
    "€": "\\texteuro{}",
    "£": "\\pounds{}",
}
# Accents written as control symbols (\'e) and as control words needing braces (\v{c}).
_SYMBOL_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0308": '"',
    "\u0304": "=",
    "\u0307": ".",
}
_WORD_ACCENTS = {
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0306": "u",
    "\u0327": "c",
    "\u0328": "k",
    "\u0323": "d",
}


def escape_new_words(text: str, known: Collection[str]) -> tuple[str, list[str]]:
    """Escape ``% & # _ $`` in the whitespace-separated words of ``text`` that are not in ``known``.

    Returns the text and one note per fixed word; raises ValueError (with a reason) for new math or ``^``.
    """
    for tok in tokenize(text):
        if tok.kind == "math" and tok.text not in known and not _CURRENCY.match(tok.text):
            raise ValueError(f"adds math ({tok.text})")
    notes: list[str] = []
    parts = re.split(r"(\s+)", text)
    for i, part in enumerate(parts):
        if not part or part.isspace() or part in known:
            continue
        fixed = _escape_chunk(part)
        if fixed != part:
            notes.append(f"wrote {part} as {fixed}")
            parts[i] = fixed
    return "".join(parts), notes


def _escape_chunk(chunk: str) -> str:
    out: list[str] = []
    for tok in tokenize(chunk):
        if tok.kind == "command":
            out.append(tok.text)
        elif tok.kind == "math":
            raise ValueError(f"adds math ({tok.text})")
        elif tok.kind == "group":
            out.append("{" + _escape_chunk(tok.text[1:-1]) + "}")
        else:
            for ch in tok.text:
                if ch == "^":
                    raise ValueError("has ^ outside math")
                out.append(_ESCAPE.get(ch, ch))
    return "".join(out)


def latex_spelling(text: str, can_encode: Callable[[str], bool]) -> tuple[str, list[str]]:
    """Spell every character ``can_encode`` rejects in LaTeX (`` ``…'' ``, ``--``, ``\\'e``); notes per kind.

    Raises ValueError naming a character that has no LaTeX spelling here.
    """
    out: list[str] = []
    spelled: dict[str, str] = {}
    for ch in text:
        if can_encode(ch):
            out.append(ch)
            continue
        latex = _spell(ch)
        if latex is None or not can_encode(latex):
            raise ValueError(repr(ch))
        spelled[ch] = latex
        out.append(latex)
    notes = [f"wrote {ch} as {latex}" for ch, latex in spelled.items()]
    return "".join(out), notes


def _spell(ch: str) -> str | None:
    if ch in _SPELLING:
        return _SPELLING[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if len(marks) == 1 and base.isascii() and base.isalpha():
        mark = marks[0]
        if mark in _SYMBOL_ACCENTS:
            return f"\\{_SYMBOL_ACCENTS[mark]}{base}"
        if mark in _WORD_ACCENTS:
            return f"\\{_WORD_ACCENTS[mark]}{{{base}}}"
    compatible = unicodedata.normalize("NFKD", ch)
    # Ligatures (ﬁ) and full-width letters have plain equivalents; anything else has no safe spelling.
    if compatible != ch and compatible.isascii() and compatible.isprintable():
        return compatible if not any(c in _ESCAPE or c in "\\{}^~" for c in compatible) else None
    if unicodedata.category(ch) == "Zs":
        return " "
    return None
