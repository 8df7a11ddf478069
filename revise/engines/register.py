"""Informal register in a paper ("a lot of", contractions, "get") and the article before an acronym.

Matchers over the same tokens as revise/engines/grammar.py; the register of rules lives in
revise/engines/checks.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from revise.edits import Confidence
from revise.engines import lexicon
from revise.engines.grammar import FUNCTION, Finding, Token, case_like, word_at

CONTRACTIONS = {
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "isn't": "is not", "aren't": "are not",
    "wasn't": "was not", "weren't": "were not", "can't": "cannot", "won't": "will not",
    "wouldn't": "would not", "shouldn't": "should not", "couldn't": "could not", "haven't": "have not",
    "hasn't": "has not", "hadn't": "had not", "it's": "it is", "that's": "that is", "there's": "there is",
    "let's": "let us", "we're": "we are", "they're": "they are", "we've": "we have", "we'll": "we will",
    "they've": "they have", "i'm": "I am",
}  # fmt: skip


def contraction(tokens: list[Token]) -> Iterator[Finding]:
    """Contractions written out in a paper ("doesn't" → "does not").

    Harper's own AvoidContractions (off by default) misses "let's", "it's", "that's" and "there's".
    """
    for tok in tokens:
        full = CONTRACTIONS.get(tok.low.replace("’", "'")) if tok.kind == "word" else None
        if full is not None:
            yield Finding(tok.start, tok.end, (case_like(tok.text, full),), Confidence.HIGH)


def a_lot_of(tokens: list[Token]) -> Iterator[Finding]:
    """ "a lot of work" → "much work"; "a lot of runs" → "many runs"."""
    for i, tok in enumerate(tokens):
        second, third, noun = word_at(tokens, i + 1), word_at(tokens, i + 2), word_at(tokens, i + 3)
        if tok.low != "a" or second is None or second.low != "lot" or third is None or third.low != "of":
            continue
        if noun is None or not noun.text.islower():
            continue
        word = "many" if lexicon.plural_noun(_head(tokens, i + 3).text) else "much"
        yield Finding(
            tok.start,
            third.end,
            (case_like(tok.text, word), case_like(tok.text, "a great deal of")),
            Confidence.HIGH,
        )


_GET = {"get": "obtain", "gets": "obtains", "got": "obtained", "getting": "obtaining"}


def _head(tokens: list[Token], at: int) -> Token:
    """The last noun of a noun-noun compound starting at ``at`` ("simulation animations": "animations",
    seen on an outside paper as "much simulation animations"); the word itself when none follows."""
    head = tokens[at]
    for j in range(at + 1, at + 3):
        nxt = word_at(tokens, j)
        if (
            nxt is None
            or not nxt.text.islower()
            or nxt.low in FUNCTION
            or "NOUN" not in lexicon.classes(nxt.low)
        ):
            break
        head = nxt
    return head


_IDIOMS = frozenset(
    [
        "rid",
        "better",
        "worse",
        "started",
        "stuck",
        "lost",
        "used",
        "back",
        "around",
        "through",
        "away",
        "along",
        "over",
    ]
)


_BECOME = {"get": "become", "gets": "becomes", "got": "became", "getting": "becoming"}
_DEGREE = frozenset(["very", "too", "so", "quite", "rather", "increasingly", "more", "less", "extremely"])
_PHRASE_ENDS = FUNCTION | {"when", "if", "because", "since", "than", "once", "while", "but", "unless", "so"}


def informal_get(tokens: list[Token]) -> Iterator[Finding]:
    """ "we get good results": "obtain" reads better, but "get" has many senses, so only medium. "Get" before
    an adjective that ends its phrase links, as "become" does ("the representation gets inefficient as…",
    found on an outside paper as "obtains inefficient"): that reading is proposed instead."""
    for i, tok in enumerate(tokens):
        # "8-byte GET requests": an all-capital GET is HTTP's, not the verb (seen on an outside paper).
        fixed = _GET.get(tok.low) if tok.kind == "word" and not tok.text.isupper() else None
        nxt = word_at(tokens, i + 1)
        if fixed is None or (nxt is not None and nxt.low in _IDIOMS) or nxt is None:
            continue
        if _linking(tokens, i + 1):
            fixed = _BECOME[tok.low]
        elif _verb_form(nxt.low):
            continue  # "gets compiled", "got rejected": a passive, which neither word fits
        yield Finding(tok.start, tok.end, (case_like(tok.text, fixed),), Confidence.MEDIUM)


def _linking(tokens: list[Token], at: int) -> bool:
    """An adjective (after at most one degree adverb) at ``at`` that ends its phrase: the next token is none,
    a punctuation mark, or a function word. An unknown word there could be a noun, so it does not count."""
    word = word_at(tokens, at)
    graded = word is not None and word.low in _DEGREE  # "very slow": after it, "slow" is no verb
    if graded:
        at += 1
        word = word_at(tokens, at)
    found = lexicon.classes(word.low) if word is not None else frozenset()
    if "ADJ" not in found or not (graded or found <= {"ADJ", "ADV"}):
        return False
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    return after is None or after.kind == "punct" or (after.kind == "word" and after.low in _PHRASE_ENDS)


def _verb_form(word: str) -> bool:
    """A past participle the tables know as a verb only ("compiled", "rejected")."""
    return word.endswith(("ed", "en")) and lexicon.classes(word) == frozenset({"VERB"})


# Letters whose names start with a vowel sound: F (eff), H (aitch), L, M, N, R, S, X, and the vowels.
_AN_LETTERS = frozenset("AEFHILMNORSX")


def acronym_article(tokens: list[Token]) -> Iterator[Finding]:
    """ "a SVM" → "an SVM": an acronym spelled out letter by letter takes the article of its first letter."""
    for i, tok in enumerate(tokens):
        acronym = word_at(tokens, i + 1)
        if tok.low not in {"a", "an"} or acronym is None:
            continue
        letters = acronym.text.rstrip("s")
        if not (2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()):
            continue
        # Read as a word when the first two letters can be pronounced together (NASA, SMAP, LASSO): unsure.
        if (
            letters[1] in "AEIOUY"
            or letters[0] in "AEIOU"
            or (letters[0] == "S" and letters[1] in "CKLMNPTW")
        ):
            continue
        wanted = "an" if letters[0] in _AN_LETTERS else "a"
        if tok.low != wanted:
            yield Finding(tok.start, tok.end, (case_like(tok.text, wanted),), Confidence.HIGH)
