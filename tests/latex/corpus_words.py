"""Corpus acceptance helpers: which words a reader sees, in the source and in the masked text."""

from __future__ import annotations

import re
from collections import Counter

from revise.latex.mask import TOKEN

_WORD = re.compile(r"[A-Za-z]{3,}")
_MACRO = re.compile(r"\\[A-Za-z@]+\*?")
_MARKERS = re.compile(r"<cit\.>|<ref>")
_BODY = re.compile(r"\\begin\s*\{document\}(.*?)(?:\\end\s*\{document\}|\Z)", re.S)
# Blocks a reader does not review as prose: pylatexenc's latex2text would print their contents.
_NOT_PROSE = re.compile(
    r"\\begin\{(tabular\*?|tabularx|longtable|deluxetable\*?|thebibliography|lstlisting|verbatim|minted|"
    r"algorithmic|algorithm|tikzpicture|comment|CCSXML)\}.*?\\end\{\1\}",
    re.S,
)


def reference_words(text: str) -> Counter[str]:
    """Words of the body as pylatexenc's latex2text renders it (math removed, non-prose blocks dropped)."""
    from pylatexenc.latex2text import LatexNodes2Text

    m = _BODY.search(text)
    body = m.group(1) if m else text
    body = _NOT_PROSE.sub(" ", body)
    converter = LatexNodes2Text(math_mode="remove")
    words: Counter[str] = Counter()
    for chunk in re.split(r"\n\s*\n", body):
        try:
            rendered = converter.latex_to_text(chunk)
        except Exception:  # latex2text itself fails on some real markup (e.g. \href); count the raw words
            rendered = _MACRO.sub(" ", chunk)
        # latex2text prints "<cit.>" and "<ref>" where a citation or reference stood: markers, not words.
        rendered = _MARKERS.sub(" ", rendered)
        words.update(w.lower() for w in _WORD.findall(rendered))
    return words


def visible_words(masked: str) -> Counter[str]:
    """Words a reviewer sees in masked text (placeholders and macro names are not words)."""
    plain = _MACRO.sub(" ", TOKEN.sub(" ", masked))
    return Counter(w.lower() for w in _WORD.findall(plain))


def share(visible: Counter[str], reference: Counter[str]) -> float:
    total = sum(reference.values())
    return 1.0 if not total else sum((visible & reference).values()) / total
