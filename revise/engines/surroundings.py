"""Harper's findings judged by the words around them, which Harper's rules do not look at closely enough.

Each check reads the paragraph's masked text at the finding's span and either keeps the grade
revise/engines/grading.py gave, lowers it, or drops the finding. Every one of them answers a misfire seen on
a real paper (the docstrings say which).
"""

from __future__ import annotations

import re

from revise.edits import Confidence
from revise.engines import lexicon

_AFTER_IN_PHRASE = re.compile(
    r"\s+in\s+(?:the|a|an|this|that|these|those|our|their|its|his|her|each|all|some|which|both|such|turn|order"
    r"|addition|particular|general|practice|fact|contrast|summary)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\s+[A-Z][A-Z0-9]{1,4}s?\b")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_MATH_FOLLOWS = re.compile(r"\s*\[MATH\d+\]")
_BACK = 80
"""Characters before a span the look-behind checks read: one word and its spaces, in a paragraph of any size."""
_PREPOSITION_TO = re.compile(
    r"\b(?:due|owing|thanks|prior|according|compared|relative|close|addition|contrast|respect|subject|equal"
    r"|identical|similar|opposed|leading|up|next|attention|devoted|committed|key|approach|access|exposure)\s+$",
    re.IGNORECASE,
)
_CONTRACTED = frozenset(
    ["a", "an", "the", "not", "been", "being", "also", "very", "clear", "important", "possible", "likely",
     "worth", "true", "hard", "easy", "difficult", "necessary", "unclear", "obvious", "known"]
)  # fmt: skip
"""Words after which "its" can only be "it's" ("its been", "its clear that")."""


def judge(rule: str, text: str, span: tuple[int, int], confidence: Confidence) -> Confidence | None:
    """The grade of a Harper finding (not SpellCheck) at ``span`` of ``text``; None drops it."""
    if rule == "AnA" and (_label(text, span) or _acronym_follows(text, span[1]) or _name_letter(text, span)):
        return None
    if rule == "AndIn" and _in_compound(text, span[1]):
        return None
    if rule == "ItsContraction" and confidence is Confidence.HIGH and not _contracted(text, span[1]):
        return Confidence.MEDIUM
    if rule == "CapitalizePersonalPronouns" and _label(text, span):
        return None  # "(i) wind and solar": an item's numeral, not the pronoun (an outside paper)
    if rule == "InflectedVerbAfterTo" and _PREPOSITION_TO.search(text, max(0, span[0] - _BACK), span[0]):
        return None  # "due to assumed limits": that "to" is a preposition's (an outside paper)
    if rule == "NounVerbConfusion" and _modified_noun(text, span):
        return None
    if rule == "MergeWords" and not _mergeable(text[span[0] : span[1]]):
        return None
    if rule == "ThereIsAgreement" and not _noun_named(text[span[0] : span[1]]):
        return None  # "there are perhaps several…" made "is a perhaps" at high on an outside thesis
    if rule == "LetsConfusion" and _MATH_FOLLOWS.match(text, span[1]):
        return None  # "Let $A$ be a set", "if we let $x = 1$": mathematics' "let", never "let's"
    return confidence


_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
                          "any", "no", "each", "every", "such", "first", "second", "main", "same"])  # fmt: skip
_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z-]*)\s+$")


def _modified_noun(text: str, span: tuple[int, int]) -> bool:
    """ "the Yarkovsky effect by", "the first-order effects dominate": after a determiner, a name, a hyphened
    modifier or an adjective the word is the noun, which Harper's NounVerbConfusion made "affect" (two outside
    papers)."""
    m = _PREVIOUS_WORD.search(text, max(0, span[0] - _BACK), span[0])
    if m is None:
        return False
    word = m.group(1)
    found = lexicon.classes(word.lower())
    return word.lower() in _DETERMINERS or word[0].isupper() or "-" in word or found == frozenset({"ADJ"})


def _mergeable(original: str) -> bool:
    """Harper's MergeWords joined "the RMS" into "theRMS", "to NIC" into "toNIC" and "'s and" into "sand" on
    outside papers: two words are worth joining only when both are lower-case words of two letters or more."""
    parts = original.split()
    return len(parts) == 2 and all(len(p) >= 2 and p.isalpha() and p.islower() for p in parts)


def _noun_named(original: str) -> bool:
    """Whether the word after "is"/"are" in a ThereIsAgreement span is one the lexicon knows as a noun (or one
    it does not know at all: a technical noun); an adverb there ("perhaps", "also") means Harper misread it."""
    words = original.split()
    if len(words) < 2:
        return True
    found = lexicon.classes(words[-1].lower())
    return not found or "NOUN" in found


def _label(text: str, span: tuple[int, int]) -> bool:
    """An "a" that is no article: a subfigure or list label ("(a) Increasing …", "Figure 3(a) are", a panel's
    "\textbf{a} Entire test set", "Figure \ref{…}a shows") or the letter of a name ("HLA-A and HLA-C")."""
    before, after = text[span[0] - 1 : span[0]], text[span[1] : span[1] + 1]
    enclosed = (before, after) in {("(", ")"), ("{", "}")}
    return enclosed or before == "-" or before.isalnum() or before == "]"


def _name_letter(text: str, span: tuple[int, int]) -> bool:
    """A capital "A" inside a sentence names something ("in sites A and B", "model A is"): the article is
    capitalised only where a sentence starts. Harper's AnA made that "AN" at high on an outside paper."""
    before = text[: span[0]].rstrip()
    return text[span[0] : span[1]] == "A" and bool(before) and (before[-1].isalnum() or before[-1] == ",")


def _acronym_follows(text: str, end: int) -> bool:
    """An article before an acronym: how it is read aloud decides, which revise's acronym-article rule judges
    with its caution about words read as words; Harper's AnA made "a SYN" (read "sin") "an SYN" at high."""
    return _ACRONYM.match(text, end) is not None


def _in_compound(text: str, end: int) -> bool:
    """Harper's AndIn reads every "an in" as "and in"; in a paper it mostly opens a compound ("an in situ
    measurement", "an in depth discussion", "an in memory cache", seen on an outside paper). Only an "in"
    that opens a phrase ("the cat an in the hat") is kept."""
    return _AFTER_IN_PHRASE.match(text, end) is None


def _contracted(text: str, end: int) -> bool:
    """Whether the word after "its" leaves only "it's": one of _CONTRACTED, or a word the lexicon knows and
    never as a noun. "If the peer is capable, its monitor would receive…" was made "it's monitor" at high on
    an outside paper: "its" before a noun stays the possessive, so such a finding is only medium."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1).lower()
    found = lexicon.classes(word)
    return word in _CONTRACTED or (bool(found) and "NOUN" not in found)
