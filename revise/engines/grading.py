"""How sure the offline engine is of each Harper finding, and which spelling candidates it may offer.

A typography rule or a certain grammar rule is high. A spelling correction is high only when one candidate
clearly wins: one edit away, a word the lexicon knows, of the same word class as the others offered, and the
flagged word is not itself an English word (``grey``, ``labelled`` are right in another dialect). Harper's
other rules are medium unless measured as sure (bench/precision_offline.md), and its compound-word rules,
which joined "red line" into "redline" and "such as PCA" into "asPCA" on a real paper, are low.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from revise.edits import Confidence
from revise.engines import hyphenation, lexicon

SURE = frozenset(
    {
        "RepeatedWords",
        "AnA",
        "PronounVerbAgreement",
        "ItsContraction",
        "ThereIsAgreement",
        "ThesesThese",
        "OpenCompounds",
    }
)
"""Harper rules whose findings were right on every corpus hit judged."""
_FUNCTION = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "is",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "be",
        "it",
        "that",
        "this",
        "from",
        "or",
        "are",
        "we",
    }
)
_LOOSE = re.compile(r"Compound|Closed|Split|Merge|Join", re.IGNORECASE)


def harper(rule: str, original: str = "", versions: Sequence[str] = ()) -> Confidence | None:
    """The confidence of a non-spelling Harper finding; None drops it.

    SplitWords splits jargon (minisymposium → mini symposium), so it is kept only where a word ran into a
    function word ("reducesthe" → "reduces the"), which no technical term does.
    """
    if rule == "SplitWords":
        parts = versions[0].split() if versions else []
        # "reducesthe" → "reduces the"; a leading "in"/"a"/"to" is a prefix (infeasibility), not a word.
        if len(parts) == 2 and (parts[1].lower() in _FUNCTION or parts[0].lower() in {"the", "of", "and"}):
            sure = all(p.lower() in _FUNCTION or lexicon.known(p) for p in parts)
            return Confidence.HIGH if sure else Confidence.MEDIUM
        return None
    if rule == "DisjointPrefixes" and (closed := hyphenation.closed_prefix(original, versions)) is not None:
        return closed  # "re-search" → "research": high only where no deliberate prefix (revise.engines.hyphenation)
    if rule == "RepeatedWords" and re.fullmatch(r"([A-Z])\.\s+\1\.", original):
        return None  # initials (L. L. Watkins), not a repeated word
    if rule == "RepeatedWords" and original.lower().split() == ["an", "an"]:
        return Confidence.MEDIUM  # as often "and an" with a dropped d ("the value function an an advantage")
    if rule in SURE:
        return Confidence.HIGH
    if _LOOSE.search(rule):
        return Confidence.LOW
    return Confidence.MEDIUM


def spelling(word: str, candidates: Sequence[str]) -> tuple[Confidence, tuple[str, ...]] | None:
    """The confidence and candidates to offer for a flagged spelling, or None to drop the lint."""
    from rapidfuzz.distance import OSA

    low = word.lower()
    if lexicon.known(low):
        # A real word Harper's dictionary lacks in this dialect: only its other spelling, and never applied.
        variants = tuple(c for c in candidates if _variant(low, c.lower()))
        return (Confidence.LOW, variants) if variants else None
    close = [c for c in candidates if OSA.distance(low, c.lower()) <= 1 and lexicon.known(c)]
    if not close:
        return None
    rivals = len(close)  # "throught": "thought" and "through" are both one edit away, whatever their class
    kind = lexicon.classes(close[0])
    close = [c for c in close if lexicon.classes(c) & kind]  # never a word of another class (grey → grep)
    # One real candidate one edit away wins; so does Harper's first candidate when it only swaps two adjacent
    # letters (recieved → received over relieved), the commonest typing slip.
    swapped = bool(close) and close[0] == candidates[0] and _transposed(low, close[0].lower())
    # A typing slip keeps the first letter and swaps, drops, doubles or mistypes a vowel (seemlessly,
    # explaination); a changed consonant is as often a rare real word (dipolar → bipolar).
    sure = (rivals == 1 or swapped) and len(low) >= 4 and low.isalpha() and _slip(low, close[0].lower())
    # Two words run together stay low, unless the fix only swaps two letters back ("boundray": bound + ray).
    sure = sure and (_transposed(low, close[0].lower()) or not _closed_compound(low))
    if swapped:
        close = close[:1] + [c for c in close[1:] if c != close[0]]
    return (Confidence.HIGH if sure else Confidence.LOW), tuple(close)


def _closed_compound(word: str) -> bool:
    """Two words the lexicon knows, run together (testbed, codebase, dataflow): field jargon Harper's
    dictionary lacks far more often than a typo ("testbed" → "tested" was offered as sure on an outside paper)."""
    return any(lexicon.known(word[:cut]) and lexicon.known(word[cut:]) for cut in range(3, len(word) - 2))


def _slip(a: str, b: str) -> bool:
    """Whether ``b`` differs from ``a`` the way typing slips do (see ``spelling``)."""
    if a[:1] != b[:1]:
        return False
    if len(a) != len(b) or _transposed(a, b):
        return True
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    # Not the last letter: "terra incognita" → "terry incognito" changes an ending, as another language would.
    return len(diff) == 1 and diff[0] < len(a) - 1 and a[diff[0]] in "aeiouy" and b[diff[0]] in "aeiouy"


def _transposed(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two adjacent letters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


_BRITISH_AMERICAN = (
    ("our", "or"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("lled", "led"),
    ("lling", "ling"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("grey", "gray"),
    ("mme", "m"),
)


def _variant(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the British and American spellings of one word."""
    for british, american in _BRITISH_AMERICAN:
        for x, y in ((a, b), (b, a)):
            if british in x and x.replace(british, american) == y:
                return True
    return False
