"""The errors authors writing in a second language make most, which Harper's linters miss.

Harper's agreement linters cover pronouns (``he value``) and ``there is``; they miss a verb that disagrees
with a noun subject ("the detector are", "labelled anomalies is", "the framework learn"), determiner–noun
number ("this methods"), ``it's`` for ``its``, uncountable plurals ("informations") and informal register.
Each rule here is a matcher over the paragraph's masked text, told word classes by revise/engines/lexicon.py;
it fires only where the lexicon confirms the words' classes, and says how sure it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from revise.edits import Confidence
from revise.engines import lexicon

HIGH, MEDIUM = Confidence.HIGH, Confidence.MEDIUM


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str
    """word | num | ph (a placeholder: math, citation…) | punct | macro"""
    hyphened: bool = False
    """Joined to the token before by a hyphen ("cross-validation": validation), which the tokens omit."""

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    versions: tuple[str, ...]
    confidence: Confidence


_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)|(?P<ph>\[[A-Za-z]+\d+\])|(?P<macro>\\[A-Za-z]+\*?)|(?P<word>[A-Za-z]+(?:['’][a-z]{1,2})?)|(?P<punct>[.,;:!?()])"
)


def tokenize(text: str) -> list[Token]:
    """Words, placeholders, macros and sentence punctuation of masked text, with their offsets."""
    return [
        Token(m.group(0), m.start(), m.end(), m.lastgroup or "", text[m.start() - 1 : m.start()] == "-")
        for m in _TOKEN.finditer(text)
    ]


Matcher = Callable[[list[Token]], Iterator[Finding]]


@dataclass(frozen=True)
class GrammarRule:
    """One second-language rule with the real-prose cases it must flag and must leave alone."""

    id: str
    category: str
    message: str
    matcher: Matcher
    fails: tuple[tuple[str, str], ...]
    """Prose the rule flags, and the prose after its first version is applied."""
    passes: tuple[str, ...]
    idiomatic_in: frozenset[str] = frozenset()
    """Dialects in which the flagged wording is idiomatic ("in future", British): there it is medium at most."""


def words(text: str) -> frozenset[str]:
    """A word set written as one string of words (the rules' tables)."""
    return frozenset(text.split())


def case_like(like: str, word: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def word_at(tokens: list[Token], i: int) -> Token | None:
    return tokens[i] if 0 <= i < len(tokens) and tokens[i].kind == "word" else None


SINGULAR_DETERMINERS = frozenset(
    [
        "the",
        "this",
        "that",
        "a",
        "an",
        "each",
        "every",
        "our",
        "its",
        "their",
        "his",
        "her",
        "my",
        "your",
        "one",
    ]
)
CAUSATIVE = frozenset(
    [
        "let",
        "lets",
        "make",
        "makes",
        "made",
        "help",
        "helps",
        "helped",
        "see",
        "sees",
        "saw",
        "watch",
        "have",
        "has",
        "had",
        "hear",
    ]
)
COLLECTIVE = frozenset(
    [
        "team",
        "staff",
        "police",
        "family",
        "committee",
        "majority",
        "government",
        "group",
        "public",
        "crew",
        "jury",
        # "a small minority that contribute very little" (an outside paper): agreement follows the members
        "minority",
        "handful",
        "couple",
        "population",
        "fraction",
        "proportion",
        "percentage",
    ]
)
NOT_HEADS = frozenset(
    [
        "former",
        "latter",
        "best",
        "most",
        "few",
        "many",
        "rest",
        "remainder",
        "following",
        "same",
        "other",
        "both",
        "all",
    ]
)
LINKS = frozenset(
    {
        "and",
        "or",
        "of",
        "in",
        "on",
        "with",
        "for",
        "to",
        "from",
        "by",
        "at",
        "as",
        "than",
        "but",
        "nor",
        "within",
        "across",
        "under",
        "over",
        "through",
        "into",
        "about",
        "between",
        "among",
        "after",
        "before",
        "during",
        "without",
        "per",
        "via",
        "inside",
        "upon",
        "like",
        # "the load along different paths is": the plural is a preposition's object (an outside paper)
        "along",
        "alongside",
        "around",
        "behind",
        "beyond",
        "below",
        "above",
        "near",
        "toward",
        "towards",
        "throughout",
        "against",
        "onto",
        "outside",
    }
)
CLAUSE_OPENERS = frozenset(
    {
        "that",
        "so",
        "but",
        "while",
        "because",
        "since",
        "when",
        "whereas",
        "although",
        "thus",
        "hence",
        "then",
        "where",
    }
)
STOP_HEADS = frozenset(
    {
        "we",
        "they",
        "you",
        "i",
        "he",
        "she",
        "it",
        "one",
        "two",
        "three",
        "four",
        "five",
        "above",
        "below",
        "will",
        "can",
        "could",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "near",
        "over",
        "under",
        "case",
        "range",
        "like",
        "unlike",
        "found",
    }
)
"""Words that look like a noun or a base verb to the tables but head no such phrase here."""
OF_LIKE = frozenset(
    [
        "of",
        "one",
        "each",
        "every",
        "what",
        "whatever",
        "none",
        "neither",
        "either",
        "number",
        "set",
        "list",
        "percentage",
        "fraction",
        "proportion",
        "sum",
        "total",
        "majority",
        "amount",
        "series",
        "pair",
        "half",
        "rest",
    ]
)
PRONOUNS = frozenset(["it", "he", "she", "this", "that", "which", "who", "what", "there"])
FUNCTION = frozenset(
    [
        "of",
        "in",
        "on",
        "for",
        "with",
        "to",
        "from",
        "by",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "and",
        "or",
        "that",
        "which",
        "we",
        "they",
        "it",
        "can",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "not",
    ]
)


UNCOUNTABLE = {
    "informations": "information",
    "knowledges": "knowledge",
    "feedbacks": "feedback",
    "softwares": "software",
    "hardwares": "hardware",
    "equipments": "equipment",
    "advices": "advice",
    "researches": "research",
}


def uncountable(tokens: list[Token]) -> Iterator[Finding]:
    """ "informations", "researches": nouns English does not count."""
    for i, tok in enumerate(tokens):
        fixed = UNCOUNTABLE.get(tok.low) if tok.kind == "word" else None
        prev = word_at(tokens, i - 1)
        if fixed is None or (prev is not None and prev.low in PRONOUNS | {"also", "she", "he"}):
            continue
        yield Finding(tok.start, tok.end, (case_like(tok.text, fixed),), HIGH)


def its_possessive(tokens: list[Token]) -> Iterator[Finding]:
    """ "it's inference time": the contraction where the possessive is meant."""
    for i, tok in enumerate(tokens):
        if tok.low.replace("’", "'") != "it's":
            continue
        nxt = word_at(tokens, i + 1)
        if (
            nxt is not None
            and nxt.text.islower()
            and lexicon.noun_only(nxt.text)
            and nxt.low not in {"time", "one"}
        ):
            yield Finding(tok.start, tok.end, (case_like(tok.text, "its"),), HIGH)
