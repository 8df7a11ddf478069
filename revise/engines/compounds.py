"""Compound modifiers before a noun take hyphens: "a large scale dataset" → "a large-scale dataset".

A frequent fix in real human revisions (bench/recall_offline.py: "three dimensional biomatrix", "large scale
dataset", "MMSE based channel estimation"). The compounds are data; the rule fires only when the word after
them is one the lexicon calls a noun (high) or an unknown lower-case word such as "dataset" (medium), never
before a function word, a verb or punctuation ("on a large scale, …", "in the long term the …").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from revise.edits import Confidence
from revise.engines import lexicon
from revise.engines.grammar import CLAUSE_OPENERS, FUNCTION, HIGH, LINKS, MEDIUM, Finding, Token, words

COMPOUNDS: tuple[tuple[str, ...], ...] = (
    ("large", "scale"),
    ("small", "scale"),
    ("real", "time"),
    ("long", "term"),
    ("short", "term"),
    ("high", "resolution"),
    ("low", "resolution"),
    ("high", "dimensional"),
    ("low", "dimensional"),
    ("one", "dimensional"),
    ("two", "dimensional"),
    ("three", "dimensional"),
    ("four", "dimensional"),
    ("five", "dimensional"),
    ("six", "dimensional"),
    ("high", "frequency"),
    ("low", "frequency"),
    ("first", "order"),
    ("second", "order"),
    ("higher", "order"),
    ("fine", "grained"),
    ("coarse", "grained"),
    ("open", "source"),
    ("data", "driven"),
    ("state", "of", "the", "art"),
    ("end", "to", "end"),
)
_LONGEST = max(len(c) for c in COMPOUNDS)
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _compound in sorted(COMPOUNDS, key=len, reverse=True):
    _BY_FIRST.setdefault(_compound[0], []).append(_compound)
# Words the lexicon leaves unclassified or calls nouns ("can", "will") that are never the head noun after a
# compound: the function words, and the determiners and adverbs that open the next phrase.
_NOT_HEADS = FUNCTION | words(
    "a an the this these those its our their what who here there so such also only than then but"
)
_FUNCTION = (
    _NOT_HEADS | FUNCTION | LINKS | CLAUSE_OPENERS | {"if", "not", "nor", "when", "each", "every", "any"}
)
# An unknown word with these endings is most likely a participle or an adverb ("subsampled", "jointly").
_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
_VERBISH = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})


def compound_modifier(tokens: list[Token]) -> Iterator[Finding]:
    """A listed compound, or "X based", written open right before a noun."""
    for i, token in enumerate(tokens):
        if token.kind != "word":
            continue
        for compound in _BY_FIRST.get(token.low, ()):
            found = _compound_at(tokens, i, compound)
            if found is not None:
                yield found
                break
        else:
            based = _based_at(tokens, i)
            if based is not None:
                yield based


def _compound_at(tokens: list[Token], i: int, compound: tuple[str, ...]) -> Finding | None:
    words = tokens[i : i + len(compound)]
    if len(words) < len(compound) or [w.low for w in words] != list(compound):
        return None
    # Written open: one space or line break between words ("large-scale" is already right).
    if any(b.kind != "word" or b.start != a.end + 1 for a, b in itertools.pairwise(words)):
        return None
    return _before_noun(tokens, i, i + len(compound))


def _based_at(tokens: list[Token], i: int) -> Finding | None:
    """ "MMSE based estimation", "model based control": a noun or an acronym, then "based", then a noun."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is None or after.kind != "word" or after.low != "based" or after.start != tokens[i].end + 1:
        return None
    first = tokens[i]
    acronym = first.text.isupper() and len(first.text) >= 2
    if first.low in _VERBISH or first.low in _NOT_HEADS:
        return None
    if not acronym and "NOUN" not in lexicon.classes(first.low):
        return None
    return _before_noun(tokens, i, i + 2)


def _before_noun(tokens: list[Token], start: int, stop: int) -> Finding | None:
    if stop >= len(tokens) or stop - start > _LONGEST:
        return None
    head = tokens[stop]
    if head.kind != "word" or head.start != tokens[stop - 1].end + 1 or head.low in _NOT_HEADS:
        return None
    confidence = _head_confidence(head, tokens[stop - 1].low == "dimensional")
    if confidence is None:
        return None
    words = tokens[start:stop]
    return Finding(words[0].start, words[-1].end, ("-".join(w.text for w in words),), confidence)


def _head_confidence(head: Token, dimensional: bool) -> Confidence | None:
    """How sure it is that ``head`` is the noun the compound modifies."""
    classes = lexicon.classes(head.low)
    if "NOUN" in classes or _compound_noun(head.text):
        return HIGH
    # "three dimensional" is only ever adjectival: before any content word it modifies what follows
    # (a three-dimensional biomatrix, a two-dimensional Gaussian); a function word or a verb ends the phrase.
    if dimensional and head.low not in _FUNCTION and not classes & {"VERB", "AUX", "ADV"}:
        return HIGH
    if (
        not classes
        and head.text.islower()
        and len(head.text) >= 4
        and not head.low.endswith(_NOT_NOUN_ENDINGS)
    ):
        return MEDIUM  # a word the lexicon lacks (dataset, biomatrix): most likely a technical noun
    return None


def _compound_noun(word: str) -> bool:
    """An unknown lower-case word that ends in a known noun: "dataset" (data+set), "biomatrix", "codebase".

    Closed compounds the tables lack are nouns like their last part; an -ed, -ing or -ly ending, or a part
    under three letters, says nothing ("subsampled" ends in "sampled", which is no noun anyway).
    """
    if not word.isalpha() or not word.islower() or lexicon.known(word) or word.endswith(_NOT_NOUN_ENDINGS):
        return False
    return any("NOUN" in lexicon.classes(word[cut:]) for cut in range(2, len(word) - 2))
