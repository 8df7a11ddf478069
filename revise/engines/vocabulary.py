"""The document dictionary: words a paper legitimately uses that a general English dictionary lacks.

Technical prose is full of acronyms (GP, MCMC), CamelCase names (SciPy, NumPy), macro names and field
jargon; a spell checker that flags them buries the real misspellings. A word counts as vocabulary when it is
written like a name, declared as a macro, used as a citation key, given by the user, or used at least
``REPEATS`` times in the paper itself (a typo is rarely repeated that consistently).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

REPEATS = 3

# Latin and abbreviation fragments the view leaves as words ("et al", "de facto", "$n$-th").
BUILTIN = ("et", "al", "th", "nd", "rd", "facto", "vs", "cf", "resp", "vice", "versa", "priori", "posteriori")

_WORD = re.compile(r"(?<![\\\w])[A-Za-z][A-Za-z0-9']*[A-Za-z0-9]|(?<![\\\w])[A-Za-z]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s?$|^[A-Za-z]+[0-9][A-Za-z0-9]*$")
# A capitalised word after a lowercase word or a comma is a proper name (Pearu, Fortran), not a sentence
# start.
_PROPER = re.compile(r"(?<=[a-z,;][ \t\n~])[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
_CAMEL = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$|^[A-Z]{2,}[a-z]+$")
_MACRO = re.compile(
    r"\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator|DeclareRobustCommand)\*?\s*\{?\s*\\([A-Za-z]+)"
    r"|\\def\s*\\([A-Za-z]+)"
    r"|\\newenvironment\s*\{([A-Za-z]+)\}"
)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
# Citation keys that are plain words name what is cited, often software: "numpy\cite{numpy}" (an outside paper
# had its "numpy" flagged as a typo of "bumpy").
_CITED = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\*?\s*(?:\[[^\]]*\]\s*)*\{([^{}]*)\}")
_KEY = re.compile(r"[A-Za-z]{3,}")
# Authors italicise a term where they introduce it (\emph{bursty} signals): such a word is defined, not misspelt.
_INTRODUCED = re.compile(r"\\(?:emph|textit|textsl)\{([^{}]{1,60})\}")


def macro_names(source: str) -> set[str]:
    """Names declared with ``\\newcommand``, ``\\def``, ``\\DeclareMathOperator`` or ``\\newenvironment``."""
    return {next(g for g in m.groups() if g) for m in _MACRO.finditer(source)}


def is_name_like(word: str) -> bool:
    """Acronyms (GP, CPUs) and CamelCase (SciPy, NumPy, GPyTorch) are names, not misspellings."""
    return bool(_ACRONYM.match(word) or _CAMEL.match(word))


def words(sources: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """The vocabulary of a paper given the text of each of its files, plus ``extra`` user words."""
    found: set[str] = set()
    tallies: list[tuple[str, ...]] = []
    for source in sources:
        found |= macro_names(source)
        # Commented-out text counts neither for nor against a word.
        prose = _COMMENT.sub("", source)
        for m in _INTRODUCED.finditer(prose):
            found.update(w.group(0) for w in _WORD.finditer(m.group(1)))
        for m in _CITED.finditer(prose):
            found.update(k.strip() for k in m.group(1).split(",") if _KEY.fullmatch(k.strip()))
        for piece in _pieces(source):
            written, proper = _tally(piece)
            tallies.append(written)
            found.update(proper)
    counts: Counter[str] = Counter()
    spelled: dict[str, set[str]] = {}
    for word, count in Counter(chain.from_iterable(tallies)).items():
        if _name_like(word):
            found.add(word)
        key = word.lower()
        counts[key] += count
        spelled.setdefault(key, set()).add(word)
    for key, count in counts.items():
        if count >= REPEATS:
            found |= spelled[key]
    found.update(BUILTIN)
    found.update(w.strip() for w in extra if w.strip())
    return sorted(found)


def _pieces(source: str) -> list[str]:
    """A file cut at its blank lines. Comments end at a newline and the word and name patterns never span
    one (their look-behinds see the same newline at a cut as in the whole), so tallying the pieces apart
    finds what tallying the file finds; \\emph{…} and macro declarations, which may, are read whole."""
    return source.split("\n\n")


@lru_cache(maxsize=16384)
def _tally(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of one piece as written, and the proper names it uses. Remembered: the language server
    re-reads the whole paper on every keystroke, and all but one of its pieces are unchanged."""
    prose = _COMMENT.sub("", piece)
    proper = tuple(part for m in _PROPER.finditer(prose) for part in m.group(0).split("-"))
    written = tuple(w for m in _WORD.finditer(prose) if (w := m.group(0).strip("'")))
    return written, proper


_name_like = lru_cache(maxsize=65536)(is_name_like)


# Spellings that tell British from American English in technical prose; stems catch the inflections
# (optimised, optimising, optimisation). Words spelled alike in both (analysis, promise) are not listed.
_BRITISH = re.compile(
    r"\b(?:optimis|minimis|maximis|normalis|generalis|characteris|organis|recognis|summaris|utilis|parametris"
    r"|visualis|regularis|initialis|randomis|behaviour|colour|neighbour|favour|labour|modelled|modelling"
    r"|labelled|labelling|travelled|signalled|centre|fibre|litre|metre[sd]?\b|programme|catalogue|grey)",
    re.IGNORECASE,
)
_AMERICAN = re.compile(
    r"\b(?:optimiz|minimiz|maximiz|normaliz|generaliz|characteriz|organiz|recogniz|summariz|utiliz|parametriz"
    r"|visualiz|regulariz|initializ|randomiz|behavior|color|neighbor|favor|labor|modeled|modeling"
    r"|labeled|labeling|traveled|signaled|center|fiber|liter|meter[sd]?\b|program\b|catalog\b|gray)",
    re.IGNORECASE,
)


def spelling_variety(sources: Iterable[str]) -> tuple[str | None, int, int]:
    """``("british" | "american" | None, british count, american count)`` from the paper's own spellings.

    A paper consistently written in British English should not have every ``labelled`` flagged; the variety
    wins only with at least two words and a two-to-one majority.
    """
    british = american = 0
    for source in sources:
        for piece in _pieces(source):
            b, a = _variety(piece)
            british, american = british + b, american + a
    if british >= 2 and british >= 2 * american:
        return "british", british, american
    if american >= 2 and american >= 2 * british:
        return "american", british, american
    return None, british, american


@lru_cache(maxsize=16384)
def _variety(piece: str) -> tuple[int, int]:
    """British and American spellings in one piece (the patterns never span a newline)."""
    prose = _COMMENT.sub("", piece)
    return len(_BRITISH.findall(prose)), len(_AMERICAN.findall(prose))
