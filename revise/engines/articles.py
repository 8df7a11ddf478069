"""Articles second-language authors leave out where English has no choice.

Three patterns from real human revisions (bench/recall_offline.py): a quantity noun with no article
("has unlimited amount of data" → "has an unlimited amount of data"), "in future" for "in the future", and
"such" before a singular count noun ("Such feature can" → "Such a feature can"). Matchers over the tokens of
revise/engines/grammar.py; the register of rules with their examples lives in revise/engines/checks.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from revise.edits import Confidence
from revise.engines import lexicon
from revise.engines.grammar import (
    CLAUSE_OPENERS,
    FUNCTION,
    HIGH,
    LINKS,
    MEDIUM,
    Finding,
    Token,
    word_at,
    words,
)

# Quantity nouns read "a large amount of", "a variety of", "the majority of": the article they take.
QUANTITY = {"amount": "a", "number": "a", "variety": "a", "fraction": "a", "majority": "the"}
# Size adjectives: "large number of" can only be "a large number of" (a "total" or "same" number takes "the",
# and any other adjective is left alone).
SIZE = words(
    "large small huge vast great enormous considerable significant substantial limited unlimited sufficient "
    "certain moderate modest tiny increasing growing wide broad finite infinite arbitrary reasonable "
    "negligible larger smaller greater fixed countable unbounded excessive insufficient"
)
DETERMINERS = words(
    "the a an this that these those any some each every its our their his her my your no same total whole "
    "such what which whose another one two three four five several many few"
)
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "uti", "eu", "one", "once")


def indefinite(word: str) -> str:
    """ "a" or "an" by how ``word`` is read aloud (an unlimited, a unique, a one-off, an hour)."""
    low = word.lower()
    if low.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return "a"
    return "an" if low[:1] in "aeiou" or low.startswith(("hour", "honest", "honour", "honor")) else "a"


def quantity_article(tokens: list[Token]) -> Iterator[Finding]:
    """ "with large number of parameters" → "with a large number of parameters", after a verb or preposition."""
    for i, tok in enumerate(tokens):
        article = QUANTITY.get(tok.low) if tok.kind == "word" and tok.text.islower() else None
        after = word_at(tokens, i + 1)
        if article is None or after is None or after.low != "of":
            continue
        first = i
        while first > 0 and _adjective(tokens[first - 1]):
            first -= 1
        if tokens[first].hyphened:
            continue  # "a near-infinite amount": the phrase starts before the hyphen, with its article
        before = word_at(tokens, first - 1)
        if before is None or before.low in DETERMINERS or not _opens_phrase(before):
            continue  # the start of a caption-like fragment, or a determiner already there
        adjectives = tokens[first:i]
        head = tokens[first]
        if article == "the":
            version, confidence = "the " + head.text, HIGH
        elif adjectives and all(a.low in SIZE for a in adjectives):
            version, confidence = indefinite(head.text) + " " + head.text, HIGH
        elif tok.low == "variety" and not adjectives:
            version, confidence = "a " + head.text, MEDIUM  # "adds variety of …" may be the mass noun
        else:
            continue  # "with number of layers": "the number" or "a number", no way to tell
        yield Finding(head.start, head.end, (version,), confidence)


def _adjective(tok: Token) -> bool:
    return tok.kind == "word" and tok.text.islower() and tok.low not in DETERMINERS and tok.low in SIZE


# Function words the tables also call verbs or auxiliaries ("can", "will", "do"), less the verbs "is", "has"….
_NOT_VERBS = FUNCTION - words("is are was were be been has have had")


def _opens_phrase(tok: Token) -> bool:
    """A preposition or a verb: what a noun phrase follows inside a clause ("has …", "with …")."""
    if tok.low in LINKS:
        return tok.low not in {"and", "or", "but", "nor", "than", "like"}
    return bool(lexicon.classes(tok.low) & {"VERB", "AUX"}) and tok.low not in _NOT_VERBS


# What may start the clause after "in future": then it means "from now on" (in the future). A noun after it
# ("in future work", "in future releases") makes "future" an adjective, which is right as written.
_CLAUSE_START = words("we they it this these the a an our such") | CLAUSE_OPENERS


def in_future(tokens: list[Token]) -> Iterator[Finding]:
    """ "In future, this can be tested" → "In the future, …" (British English says "in future" idiomatically)."""
    for i, tok in enumerate(tokens):
        nxt = word_at(tokens, i + 1)
        if tok.low != "in" or nxt is None or nxt.low != "future" or nxt.start != tok.end + 1:
            continue
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        before = word_at(tokens, i - 1)
        if before is not None and before.low in {"the", "a", "near", "distant"}:
            continue
        if after is None or after.kind == "punct":
            ends = after is None or after.text in {",", ".", ";", ":", ")"}
        else:
            ends = after.kind == "word" and (after.low in _CLAUSE_START or lexicon.verb_only(after.low))
        if ends:
            yield Finding(tok.start, nxt.end, (tok.text + " the " + nxt.text,), HIGH)


# Nouns that are countable in every sense they have in a paper: "such feature" is always "such a feature".
# Left out, as they are also mass nouns: design, structure, distribution, representation, expression,
# solution, architecture, value, effect, process, measure, decomposition.
COUNT_NOUNS = words(
    "feature method model algorithm network case problem node parameter assumption scenario task framework "
    "approach technique scheme estimator metric step type kind term example situation configuration "
    "variable constraint condition option tool module package library layer graph matrix vector operator "
    "function equation identity definition property pattern sample experiment test approximation estimate "
    "result mechanism procedure strategy component element object point error difference relation "
    "relationship system quantity interface setting"
)


# Closed-class words the tables also list as nouns ("such that"), and the quantity nouns ("such number of").
_NOT_NOUNS = FUNCTION | LINKS | CLAUSE_OPENERS | DETERMINERS | set(QUANTITY) | {"if", "there", "here"}


def such_article(tokens: list[Token]) -> Iterator[Finding]:
    """ "Such feature can be considered" → "Such a feature can be considered"."""
    for i, tok in enumerate(tokens):
        noun, after = word_at(tokens, i + 1), tokens[i + 2] if i + 2 < len(tokens) else None
        if tok.low != "such" or noun is None or not noun.text.islower() or noun.hyphened:
            continue
        before = word_at(tokens, i - 1)
        if before is not None and before.low in DETERMINERS | {"as", "all", "any", "no"}:
            continue  # "no such feature", "one such case", "as such, …"
        if noun.low in _NOT_NOUNS or not lexicon.singular_noun(noun.text) or not lexicon.known(noun.text):
            continue
        confidence = _countable(noun.low)
        if confidence is None or not _ends_noun_phrase(after) or _plural_verb(after):
            continue
        version = f"{tok.text} {indefinite(noun.text)} {noun.text}"
        yield Finding(tok.start, noun.end, (version,), confidence)


def _countable(noun: str) -> Confidence | None:
    """HIGH for a listed count noun with a plural; MEDIUM when the tagged corpus behind the tables never saw
    the bare form used as a plural (a mass noun such as "information" or "behaviour" is: it is left alone)."""
    from lemminflect import getInflection  # here: an unchanged rerun imports no lexicon (numpy) at all

    plurals = getInflection(noun, "NNS")
    if not any(p != noun for p in plurals):
        return None
    if noun in COUNT_NOUNS:
        return HIGH
    return MEDIUM if noun not in plurals else None


# Besides function words: what starts the next phrase ("in such case the kernel …", "such feature can").
AFTER_PHRASE = words("could cannot shall does do did the a an this these those its our their")


# A verb that agrees with a plural: "Such network do solve it" meant "Such networks do", not "such a network".
_PLURAL_VERBS = words("are were do have")


def _plural_verb(after: Token | None) -> bool:
    return after is not None and after.kind == "word" and after.low in _PLURAL_VERBS


def _ends_noun_phrase(after: Token | None) -> bool:
    """The word after the noun ends the phrase: "such feature can", not "such feature maps"."""
    if after is None or after.kind == "punct":
        return True
    if after.kind != "word" or after.hyphened:
        return False
    if after.low in FUNCTION | LINKS | CLAUSE_OPENERS | AFTER_PHRASE:
        return True
    return lexicon.verb_only(after.low)
