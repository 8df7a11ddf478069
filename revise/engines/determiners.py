"""A missing article before a singular count noun phrase after a preposition, which second-language authors
leave out: "as predicted by GLaMM tube model" → "as predicted by the GLaMM tube model".

Three of the human revisions bench/recall_offline.py scores add "the" here. The rule fires only where the
phrase has no determiner, its head is a noun academic prose always counts (COUNT_HEADS) and really ends the
phrase, and the sentence is a full clause (not a caption or heading). A matcher over the tokens of
revise/engines/grammar.py, registered with its examples in revise/engines/checks.py; it shares the article
helpers of revise/engines/articles.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from revise.engines import lexicon
from revise.engines.articles import AFTER_PHRASE, DETERMINERS, indefinite
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

# What a bare singular count noun phrase follows when English wants "the" or "a" before it. Not "as", "per",
# "like" ("as model", "per task", "like baseline" are idiomatic bare), nor "than".
PREPOSITIONS = words(
    "by on in under with for from to via of at into through over between against within without onto upon "
    "across among towards toward throughout along beyond"
)
# Heads academic prose counts in every sense it uses them: "by model" is never right, "by hand" is. Mass or
# idiomatic readings keep a noun out: architecture, design, structure, distribution ("in distribution"),
# paper ("on paper"), experiment ("by experiment"), test ("under test"), function, time, form, practice.
COUNT_HEADS = words(
    "model method task algorithm framework scheme approach problem technique network system estimator "
    "classifier detector baseline benchmark dataset procedure strategy pipeline solver optimizer encoder "
    "decoder simulator regressor predictor filter mechanism"
)
# Adjectives that introduce something new: "with new model" is "with a new model", not "the".
INDEFINITE_FIRST = words(
    "new novel simple different alternative additional separate single similar extra generic"
)
# Words that open a phrase with a determiner's job, or need one of their own ("other", "same", "own").
_NOT_MODIFIERS = (
    DETERMINERS
    | FUNCTION
    | LINKS
    | CLAUSE_OPENERS
    | PREPOSITIONS
    | words("other own same only all both either neither much more most less least various enough very")
    # Closed-class words the tables lack or call nouns, which an unknown-word modifier must not be.
    | words(
        "versus vs etc than amongst despite unlike whose whether including except besides namely al et cf"
    )
)
# "a kind of model", "the choice of method": after these "of" takes a bare noun for the sort of thing.
_OF_SORTS = words("kind type sort form class family category style choice selection")
# What may follow the head and leave it the head: the next phrase starts ("by the model that …").
_AFTER_HEAD = (FUNCTION | LINKS | CLAUSE_OPENERS | AFTER_PHRASE | words("where whose who when")) - words(
    "and or nor"
)
_ENDS = frozenset({",", ".", ";", ":", ")"})


def missing_determiner(tokens: list[Token]) -> Iterator[Finding]:
    """ "as predicted by GLaMM tube model" → "as predicted by the GLaMM tube model": a preposition, then a
    noun phrase with no determiner whose head is a singular noun that is always counted."""
    for i, head in enumerate(tokens):
        if head.kind != "word" or head.low not in COUNT_HEADS or head.text != head.low or head.hyphened:
            continue
        if not _in_clause(tokens, i):
            continue  # a heading or a caption fragment, where articles are dropped on purpose
        first = _phrase_start(tokens, i)
        prep = None if first is None else word_at(tokens, first - 1)
        if first is None or prep is None or not _governs(tokens, prep, first - 1, i):
            continue
        if not _ends_at_head(tokens, i) or _repeated(tokens, first - 1, i):
            continue
        modifiers = tokens[first:i]
        if any(_titled(a) and _titled(b) for a, b in pairwise(modifiers)):
            continue  # "on Available Mathematical Software system": words of a title
        word = tokens[first]
        a_version = f"{_spoken_indefinite(word.text)} {word.text}"
        if word.low in INDEFINITE_FIRST:
            yield Finding(word.start, word.end, (a_version, "the " + word.text), MEDIUM)
            continue
        # A noun, an acronym or a name before the head makes the phrase name one known thing ("the GLaMM
        # tube model", "the machine translation task"): "the". Adjectives alone leave "a" as likely.
        named = any(_named(m) for k, m in enumerate(modifiers) if not _in_compound(tokens, first + k))
        yield Finding(word.start, word.end, ("the " + word.text, a_version), HIGH if named else MEDIUM)


def _spoken_indefinite(word: str) -> str:
    """ "an SGD optimizer", "an LSTM": an acronym in capitals is read letter by letter."""
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return indefinite(word)


def _phrase_start(tokens: list[Token], head: int) -> int | None:
    """Where the modifiers before the head start (at most four words, a hyphenated compound as one)."""
    first, count = head, 0
    while first > 0 and count < 4:
        tok = tokens[first - 1]
        if tokens[first].hyphened:  # "state-of-the-art": the whole compound is one modifier
            first -= 1
            continue
        if not _modifier(tok):
            break
        first -= 1
        count += 1
    while tokens[first].hyphened and first > 0:
        first -= 1
    return first if tokens[first].kind == "word" and not tokens[first].hyphened else None


def _modifier(tok: Token) -> bool:
    """An adjective, a noun, an acronym or a name before the head; not a determiner, number or possessive."""
    if tok.kind != "word" or "'" in tok.text or "’" in tok.text:
        return False
    if sum(c.isupper() for c in tok.text) >= 2:
        return True  # an acronym or a name such as GLaMM
    low = tok.low
    if low in _NOT_MODIFIERS or lexicon.plural_noun(low):
        return False
    found = lexicon.classes(low)
    if not found:
        return len(low) > 3  # a name (Kalman) or a term the tables lack (dataset, classifier), not "e.g"
    return bool(found & {"NOUN", "ADJ"}) or (low.endswith("ed") and "VERB" in found)


def _titled(tok: Token) -> bool:
    """Capitalised like a word of a title ("Mathematical"), not an acronym ("GLaMM", "LSTM")."""
    return tok.text[:1].isupper() and sum(c.isupper() for c in tok.text) == 1


def _named(tok: Token) -> bool:
    """A noun modifier, an acronym or a proper name: not a plain adjective or participle."""
    if tok.text[:1].isupper():
        return True
    found = lexicon.classes(tok.low)
    return "NOUN" in found and "ADJ" not in found and not tok.low.endswith(("ed", "ing"))


def _in_compound(tokens: list[Token], i: int) -> bool:
    """Part of a hyphenated compound ("state-of-the-art"), which modifies as an adjective does."""
    return tokens[i].hyphened or (i + 1 < len(tokens) and tokens[i + 1].hyphened)


def _governs(tokens: list[Token], prep: Token, at: int, head: int) -> bool:
    """The preposition takes the phrase as its object: "to model" is an infinitive, "kind of model" a sort."""
    word = tokens[at + 1]
    if prep.low not in PREPOSITIONS or prep.hyphened or (prep.text != prep.low and not _starts(tokens, at)):
        return False  # a capitalised preposition inside a sentence belongs to a title
    before = word_at(tokens, at - 1)
    if before is not None and before.text[:1].isupper() and not _starts(tokens, at - 1):
        return False  # "the Guide to Available Software": the phrase is inside a title
    if prep.low == "to" and "VERB" in lexicon.classes(word.low):
        return False  # "to model the data": an infinitive
    nxt = tokens[head + 1] if head + 1 < len(tokens) else None
    if (
        prep.low == "to"
        and "VERB" in lexicon.classes(tokens[head].low)
        and (nxt is None or nxt.text not in _ENDS)
    ):
        return False  # "to better model the data"; "compared to baseline model." is a noun
    if word.low.endswith("ing") and "VERB" in lexicon.classes(word.low):
        return False  # "by solving optimisation problem": the article goes after the gerund
    return not (prep.low == "of" and before is not None and before.low in _OF_SORTS)


# Words that make a sentence finite, besides a verb's -s form: captions and headings have none.
_FINITE = words("is are was were has have had can could will would should may might must does do did we they")


def _in_clause(tokens: list[Token], i: int) -> bool:
    """The sentence around token ``i`` ends in a full stop and has a finite verb: it is no fragment."""
    start = max((k + 1 for k in range(i) if tokens[k].text in {".", "?", "!"}), default=0)
    end = next((k for k in range(i, len(tokens)) if tokens[k].text in {".", "?", "!"}), None)
    if end is None:
        return False
    words = [t.low for t in tokens[start:end] if t.kind == "word"]
    return any(w in _FINITE or _finite_verb(w) for w in words)


def _finite_verb(word: str) -> bool:
    """ "follows", "agree": a verb's -s form that is no plural noun, or a verb the tables know as nothing
    else; not a participle ("obtained", "using"), which a caption has too."""
    if lexicon.plural_of_third_person(word) is not None and not lexicon.plural_noun(word):
        return True
    return lexicon.verb_only(word) and not word.endswith(("ed", "ing"))


def _starts(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in {".", "?", "!", ":"}


def _ends_at_head(tokens: list[Token], head: int) -> bool:
    """The head ends the phrase: punctuation or the next phrase follows, not a noun ("by model averaging"),
    a label ("for task [MATH1]", "in problem (3)", "by method A") or a coordinated modifier ("model and task
    selection")."""
    if head + 1 >= len(tokens):
        return False
    after = tokens[head + 1]
    if after.kind == "punct":
        if after.text == "(":
            return _aside(tokens, head + 1)
        return after.text in _ENDS
    if after.kind == "ph":
        return after.text.startswith(("[CITE", "[NOTE"))  # "by the tube model~\cite{…}"; not "task $k$"
    if after.kind != "word" or after.hyphened or after.text != after.low:
        return False
    if after.low in _AFTER_HEAD:
        return True
    if not lexicon.verb_only(after.low) or after.low.endswith("ing"):
        return False
    # A verb starts the predicate ("from baseline model agree with"), unless a noun follows it, which makes
    # it a modifier the tables only know as a verb ("of system include directories").
    then = word_at(tokens, head + 2)
    return then is None or then.low in _AFTER_HEAD or "NOUN" not in lexicon.classes(then.low)


def _aside(tokens: list[Token], opening: int) -> bool:
    """A parenthesis after the head is an aside in words ("model (each user has data) is used") or an
    acronym, not a label ("problem (3)"), and the phrase does not go on after it ("network (big-endian) order")."""
    inside = word_at(tokens, opening + 1)
    if inside is None or not (inside.text.islower() or sum(c.isupper() for c in inside.text) >= 2):
        return False
    closing = next((k for k in range(opening, len(tokens)) if tokens[k].text == ")"), None)
    then = None if closing is None else word_at(tokens, closing + 1)
    return then is None or then.low in _AFTER_HEAD or "NOUN" not in lexicon.classes(then.low)


def _repeated(tokens: list[Token], prep: int, head: int) -> bool:
    """ "layer by layer", "from task to task": a head repeated around a preposition is an idiom."""
    before, after = word_at(tokens, prep - 1), word_at(tokens, head + 2)
    following = word_at(tokens, head + 1)
    if before is not None and before.low == tokens[head].low:
        return True
    return (
        following is not None
        and following.low == "to"
        and after is not None
        and after.low == tokens[head].low
    )
