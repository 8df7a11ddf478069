"""Telling a typo from jargon: which of Harper's spelling lints are worth offering, and how sure they are.

Harper's curated dictionary lacks much scientific vocabulary. A flagged word that is a regular derivation of a
known word (interpolators, memoryless, detrending), a name or an identifier is dropped; the rest is graded by
revise.engines.grading (one clear candidate one edit away is high, a dialect variant low).
"""

from __future__ import annotations

import re
from typing import Any

from revise.edits import Confidence
from revise.engines import grading


def graded_typo(lint: Any, derived: set[str]) -> tuple[Confidence, tuple[str, ...]] | None:
    """A spelling lint's confidence and the candidates worth offering, or None when it is jargon or a name.

    Measured on the corpus papers: flagged technical words (agglomerative, integrands, toroidal) have no
    dictionary word within one edit, real typos (recieved, seemlessly, explaination) do; capitalised words
    are nearly always names (Cephes, Hiroo); revise.engines.grading decides the rest.
    """
    word = lint.problem_text
    if word in derived or not _WORDLIKE.match(word) or word[0].isupper():
        return None
    return grading.spelling(word, [s.replacement_text for s in lint.suggestions])


def derivations(linter: Any, lints: list[Any]) -> set[str]:
    """Flagged words that are regular derivations of known words (interpolators, memoryless, detrending).

    Harper's curated dictionary lacks much scientific vocabulary; a word built from a known word by a common
    affix is almost never a typo, so one extra lint call over the candidate stems settles them.
    """
    bases: dict[str, set[str]] = {}
    for lint in lints:
        word = lint.problem_text
        for stem in stems(word.lower()):
            bases.setdefault(stem, set()).add(word)
    if not bases:
        return set()
    ordered = sorted(bases)
    # dedup=False: a capitalisation lint on the first line must not hide its spelling lint.
    flagged = linter.lint("\n".join(ordered), language="plaintext", dedup=False)
    unknown = {lint.problem_text for lint in flagged if lint.lint_kind == "Spelling"}
    return {word for stem in ordered if stem not in unknown for word in bases[stem]}


# A spelling lint on a dotted, numbered or underscored token hits initials (P.V.), abbreviations (w.r.t.) or
# identifiers, never an English misspelling.
_WORDLIKE = re.compile(r"^[A-Za-z][a-z']*$|^[A-Z][A-Za-z']*$")
_SUFFIXES = (
    ("ities", "ity"),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("er", ""),
    ("er", "e"),
    ("ors", ""),
    ("ors", "e"),
    ("or", ""),
    ("or", "e"),
    ("able", ""),
    ("able", "e"),
    ("ical", "y"),
    ("ic", "y"),
    ("less", ""),
    ("ly", ""),
    ("ness", ""),
    ("al", ""),
)
_PREFIXES = ("non", "multi", "sub", "inter", "hyper", "over", "under", "de")


def stems(word: str) -> list[str]:
    bases = [word] + [
        word[len(p) :].lstrip("-") for p in _PREFIXES if word.startswith(p) and len(word) > len(p) + 4
    ]
    out: list[str] = [b for b in bases[1:]]
    for base in bases:
        for suffix, repl in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                out.append(base[: -len(suffix)] + repl)
    return [s for s in out if s and s != word]
