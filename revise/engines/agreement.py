"""Agreement in number: a verb and its subject ("the detector are"), a determiner and its noun ("this methods").

Harper's agreement linters cover pronoun subjects (``he value``) and ``there is``; these matchers cover noun
subjects, told word classes by revise/engines/lexicon.py, and fire only where the lexicon confirms them.
"""

from __future__ import annotations

from collections.abc import Iterator

from revise.engines import lexicon
from revise.engines.grammar import (
    CAUSATIVE,
    CLAUSE_OPENERS,
    COLLECTIVE,
    FUNCTION,
    HIGH,
    LINKS,
    MEDIUM,
    NOT_HEADS,
    OF_LIKE,
    PRONOUNS,
    SINGULAR_DETERMINERS,
    STOP_HEADS,
    Finding,
    Token,
    case_like,
    word_at,
)


def _singular_subject(tokens: list[Token], i: int, *, after_that: bool = False) -> bool:
    """Token ``i`` is a singular noun heading a noun phrase that opens a clause with a determiner.

    The phrase must open the clause (sentence start, punctuation, or a conjunction such as "that" or "so"):
    after a preposition or a verb it is an object ("the output on the test dataset are shown"), and the
    real subject is elsewhere.
    """
    head = word_at(tokens, i)
    if (
        head is None
        or head.low in NOT_HEADS | COLLECTIVE | STOP_HEADS
        or not lexicon.singular_noun(head.text)
    ):
        return False
    if {"ADJ", "ADV"} & lexicon.classes(head.text):
        return False  # "a more complete list": "more" heads nothing
    for back in range(1, 4):
        before = word_at(tokens, i - back)
        if before is None:
            return False
        if before.low in SINGULAR_DETERMINERS:
            opener = tokens[i - back - 1] if i - back - 1 >= 0 else None
            if opener is not None and opener.text == "," and _conjunction_before(tokens, i - back - 1):
                return False  # "the triaxiality and, relatedly, the stress tensor are": a coordination
            if opener is None or opener.kind == "punct" or before.text[0].isupper():
                return True  # a capitalised determiner opens a sentence
            # "we let the model learn", "it is vital that the model learn": base forms that are right.
            allowed = CLAUSE_OPENERS if after_that else CLAUSE_OPENERS - {"that"}
            return opener.kind == "word" and opener.low in allowed
        if (
            before.low in LINKS
            or before.low in FUNCTION
            or before.low in STOP_HEADS
            or not before.text.islower()
        ):
            return False
        if lexicon.verb_only(before.text) or lexicon.plural_noun(before.text):
            return False
    return False


def _opening_paren(tokens: list[Token], k: int) -> int:
    """The index of the "(" that the ")" at ``k`` closes, or -1 when it is not in the paragraph."""
    depth = 0
    for j in range(k, -1, -1):
        depth += {")": 1, "(": -1}.get(tokens[j].text, 0) if tokens[j].kind == "punct" else 0
        if depth == 0:
            return j
    return -1


def _conjunction_before(tokens: list[Token], comma: int) -> bool:
    """An "and" or "or" just before the aside that the comma at ``comma`` closes ("X and, relatedly, the Y")."""
    for tok in tokens[max(0, comma - 4) : comma][::-1]:
        if tok.kind == "punct" and tok.text in ".;:":
            return False
        if tok.kind == "word" and tok.low in {"and", "or", "nor"}:
            return True
    return False


def _abbreviation_stop(tokens: list[Token], k: int) -> bool:
    """The full stop at ``k`` ends a one-letter abbreviation (w.r.t., i.e.), not a sentence."""
    letter = word_at(tokens, k - 1)
    return letter is not None and len(letter.text) == 1 and letter.end == tokens[k].start


def _gerund_opener(tokens: list[Token], k: int) -> bool:
    """The word at ``k`` is an -ing verb opening its clause ("However, using the known values is …")."""
    word = word_at(tokens, k)
    if word is None or not word.low.endswith("ing") or len(word.low) < 6:
        return False
    found = lexicon.classes(word.text)
    if found and "VERB" not in found:
        return False  # "string", "ceiling": known, and never a verb; an unknown -ing ("proxying") may be one
    before = tokens[k - 1] if k >= 1 else None
    return before is None or before.kind == "punct" or before.low in CLAUSE_OPENERS


def _plural_subject(tokens: list[Token], i: int) -> bool:
    """Token ``i`` is a plural noun that is the subject itself, not the tail of "the number of …"."""
    head = word_at(tokens, i)
    if head is None or head.low in {"data", "media"} or not lexicon.plural_noun(head.text):
        return False
    if i >= 1 and tokens[i - 1].text == "." and tokens[i - 1].end == head.start:
        return False  # a dotted name (yt.units)
    previous = word_at(tokens, i - 1)
    if head.text[0].isupper() and previous is not None and previous.text[0].isupper():
        return False  # a name ("Neural Motifs models these"): singular whatever its last word
    k, seen = i - 1, 0
    while seen < 6:
        before = tokens[k] if k >= 0 else None
        if before is not None and before.text == ")":
            k = _opening_paren(tokens, k) - 1  # "the class of (full and partial) models is": read past it
            continue
        k, seen = k - 1, seen + 1
        if before is not None and before.text == "." and _abbreviation_stop(tokens, k + 1):
            return False  # "the loss w.r.t. the parameters is": the subject is before the abbreviation
        if before is None or before.kind == "punct":
            return True
        if _gerund_opener(tokens, k + 1):
            return False  # "Training these networks remains": the subject is the gerund phrase
        if before.kind != "word" or before.low in OF_LIKE or before.low in PRONOUNS:
            return False
        if before.text[0].isdigit() or before.low in {"two", "three", "four", "five", "ten", "several"}:
            return False
        if before.low == "so" and k >= 0 and tokens[k].low == "or":
            return False  # "10^8 or so observables": an estimate, not a clause's "so" (an outside paper)
        if before.low == "so" and k + 2 < len(tokens) and tokens[k + 2].low in _DEGREE_OF:
            continue  # "encoding detail in so few parameters is": a degree, inside the phrase (a thesis)
        if before.low in {"that", "which", "so", "while", "because", "since", "whereas", "although"}:
            return True
        if before.low in LINKS or before.low in FUNCTION or before.low in STOP_HEADS:
            return False
    return False


_DEGREE_OF = frozenset(["few", "many", "much", "little", "large", "small", "numerous", "several"])
_BE_SINGULAR = {"are": "is", "were": "was"}
_BE_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do"}


def verb_after_singular(tokens: list[Token]) -> Iterator[Finding]:
    """ "the detector are", "the framework learn", "it work": a plural verb after a singular subject."""
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or i == 0:
            continue
        prev = tokens[i - 1]
        if tok.low in _BE_SINGULAR:
            if prev.kind == "word" and prev.low in {"this"} and (i < 2 or tokens[i - 2].kind == "punct"):
                yield Finding(
                    prev.start,
                    tok.end,
                    (case_like(prev.text, "this is"), case_like(prev.text, "these are")),
                    HIGH,
                )
            elif _singular_subject(tokens, i - 1, after_that=True):
                yield Finding(tok.start, tok.end, (case_like(tok.text, _BE_SINGULAR[tok.low]),), HIGH)
            continue
        if (
            not tok.text.islower()
            or not lexicon.base_verb(tok.text)
            or tok.low in STOP_HEADS | CLAUSE_OPENERS
        ):
            continue  # "we note that while the layers": "while" is a conjunction here
        if not lexicon.classes(tok.text) <= {"VERB", "NOUN"}:
            continue  # "near", "over", "log": words with other readings are not judged
        fixed = lexicon.third_person(tok.text)
        if fixed is None:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        sure = lexicon.verb_only(tok.text) or (
            nxt is not None and nxt.low in {"a", "an", "the", "our", "its"}
        )
        pronoun = prev.kind == "word" and prev.low in {"it", "he", "she"}
        sure = sure or pronoun  # after "it" a word that is also a noun is still the verb ("it work")
        if pronoun:
            causer = word_at(tokens, i - 2)
            if causer is not None and (
                causer.low in CAUSATIVE | {"does", "did", "to", "that"} or lexicon.verb_only(causer.text)
            ):
                continue
            if causer is not None and "AUX" in lexicon.classes(causer.text):
                continue
        elif prev.kind == "word" and prev.low in {"that", "which", "who"}:
            if not _singular_subject_or_noun(tokens, i - 2) or _attached_to_plural(tokens, i - 2):
                continue
        elif not _singular_subject(tokens, i - 1):
            continue
        if any(_finite(t) for t in tokens[i + 1 : i + 4]):
            continue  # "the package template also provides": the clause's verb comes later
        if sure:  # a word that is also a noun after a noun is a compound ("a residual model"), not a verb
            yield Finding(tok.start, tok.end, (fixed,), HIGH)


def _finite(tok: Token) -> bool:
    """A word that can only be a finite verb here (``is``, ``provides``)."""
    if tok.kind != "word":
        return False
    if tok.low in {"is", "are", "was", "were", "has", "have"}:
        return True
    return lexicon.plural_of_third_person(tok.text) is not None and not lexicon.plural_noun(tok.text)


def _attached_to_plural(tokens: list[Token], i: int) -> bool:
    """Whether the noun at ``i`` may not be the antecedent: it ends a phrase hung on an earlier word that is not
    a plain singular noun ("snippets that live in the documentation that demonstrate", "attributes specific to
    the reference system that allow"), or on a coordination ("the frames and the system that allow")."""
    back = i - 1
    for _ in range(5):
        while back >= 0 and tokens[back].kind in ("macro", "ph"):
            back -= 1
        before = tokens[back] if back >= 0 else None
        if before is None or before.kind != "word":
            return False
        if before.hyphened or tokens[back + 1].hyphened:
            back -= 1  # inside "end-to-end": its "to" is no preposition
            continue
        if before.low in {"and", "or"}:
            return True
        if before.low in LINKS:
            owner = word_at(tokens, back - 1)
            if owner is None:
                return True
            known = lexicon.classes(owner.text)
            return not (lexicon.singular_noun(owner.text) and known and known <= {"NOUN", "VERB"})
        back -= 1
    return False


# Plural pronouns the tables also call singular nouns ("such as those that use a momentum term").
_PLURAL_PRONOUNS = frozenset({"those", "these", "both", "all", "others", "several"})


def _singular_subject_or_noun(tokens: list[Token], i: int) -> bool:
    head = word_at(tokens, i)
    return (
        head is not None
        and head.low not in NOT_HEADS | COLLECTIVE | _PLURAL_PRONOUNS
        and lexicon.singular_noun(head.text)
        and lexicon.known(head.text)
    )


def relative_after_singular(tokens: list[Token]) -> Iterator[Finding]:
    """ ", which do not hold" after a singular antecedent or a whole clause: ``does``, ``has``."""
    fixes = {"do": "does", "have": "has"}
    for i, tok in enumerate(tokens):
        if tok.low != "which" or i < 2 or tokens[i - 1].text != ",":
            continue
        verb = word_at(tokens, i + 1)
        before = word_at(tokens, i - 2)
        if verb is None or verb.low not in fixes or before is None:
            continue
        if before.low.endswith("s") or lexicon.plural_noun(before.text) or before.low in lexicon.PLURAL_FORMS:
            continue
        window = [t.low for t in tokens[max(0, i - 8) : i - 1]]
        if {"and", "or", "both"} & set(window):
            continue
        yield Finding(verb.start, verb.end, (fixes[verb.low],), HIGH)


def verb_after_plural(tokens: list[Token]) -> Iterator[Finding]:
    """ "labelled anomalies is", "currents exhibits", "experiments on … shows that": a singular verb after a
    plural subject."""
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or not tok.text.islower():
            continue
        if tok.low in _BE_PLURAL:
            fixed: str | None = _BE_PLURAL[tok.low]
        else:
            fixed = lexicon.plural_of_third_person(tok.text)
        if fixed is None:
            continue
        j = i - 1
        while j >= 0 and tokens[j].kind == "ph" and tokens[j].text.upper().startswith("[CITE"):
            j -= 1  # a citation between subject and verb is transparent
        after = word_at(tokens, i + 1)
        if lexicon.plural_noun(tok.text) and after is not None and _verb_like(after):
            continue  # "Theses phrases are": the word is the plural noun, and the verb comes after it
        ahead = word_at(tokens, i + 1)
        verb_sure = ahead is not None and ahead.low in {"that", "the", "a", "an", "our", "its", "their"}
        if (
            not verb_sure
            and lexicon.plural_noun(tok.text)
            and j >= 0
            and lexicon.plural_of_third_person(tokens[j].text)
        ):
            continue  # "supports queries": the verb is the word before
        quoted = j >= 0 and tokens[j + 1].start > tokens[j].end + 1  # "the term `parameters' refers"
        if _plural_subject(tokens, j) and not quoted:
            yield Finding(tok.start, tok.end, (fixed,), HIGH)
            continue
        if tok.low in _BE_PLURAL and _coordinated_math(tokens, j):
            # Medium: "$E[z] = 1$ and $H$ is large" coordinates two clauses, not two subjects.
            yield Finding(tok.start, tok.end, (fixed,), MEDIUM)
            continue
        # "Experiments on the SMAP and MSL data sets shows that": a plural head before a prepositional phrase.
        nxt = word_at(tokens, i + 1)
        if nxt is None or nxt.low != "that" or tok.low in _BE_PLURAL:
            continue
        start = max(k for k in range(-1, i) if k < 0 or tokens[k].kind == "punct") + 1
        head, prep = word_at(tokens, start), word_at(tokens, start + 1)
        if (
            head
            and prep
            and prep.low in {"on", "in", "with", "across", "over", "using"}
            and lexicon.plural_noun(head.text)
        ):
            yield Finding(tok.start, tok.end, (fixed,), HIGH)


def _verb_like(tok: Token) -> bool:
    return "AUX" in lexicon.classes(tok.text) or lexicon.verb_only(tok.text)


def _coordinated_math(tokens: list[Token], j: int) -> bool:
    """``$\\mu$ and $\\sigma$`` just before the verb, not after "of" or "between" ("the sum of $a$ and $b$")."""
    if j < 2 or tokens[j].kind != "ph" or tokens[j - 1].low != "and" or tokens[j - 2].kind != "ph":
        return False
    if not (tokens[j].text.upper().startswith("[MATH") and tokens[j - 2].text.upper().startswith("[MATH")):
        return False
    for before in tokens[max(0, j - 8) : j - 2][::-1]:
        if before.kind == "punct" or before.low in {"where", "that", "since", "because"}:
            return True
        if before.low in {"of", "between", "product", "sum", "function", "pair"}:
            return False
    return j - 8 <= 0


def determiner_number(tokens: list[Token]) -> Iterator[Finding]:
    """ "a results", "this methods": a singular determiner before a plural noun."""
    for i, tok in enumerate(tokens):
        if (
            tok.kind != "word"
            or tok.low not in {"a", "an", "this", "each", "every", "another"}
            or tok.hyphened
            or (i > 0 and tokens[i - 1].end == tok.start)
        ):
            continue  # "HLA-A molecules", "Figure \ref{…}a shows": the letter of a name or a panel, no article
        noun = word_at(tokens, i + 1)
        if (
            noun is None
            or not noun.text.islower()
            or not lexicon.plural_noun(noun.text)
            or noun.low in lexicon.PLURAL_FORMS
        ):
            continue
        if tok.low in {"this", "each", "every", "another"} and not lexicon.noun_only(noun.text):
            continue
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if after is not None and after.hyphened:
            continue  # "a payments-only currency": the plural opens a hyphened modifier (an outside paper)
        # "a results table", "a methods section": a plural used as a modifier is fine.
        if (
            after is not None
            and after.kind == "word"
            and after.low not in FUNCTION
            and "NOUN" in lexicon.classes(after.text)
            and lexicon.plural_of_third_person(after.text) is None  # "this methods works": a verb follows
        ):
            continue
        singular = lexicon.singular_of(noun.text)
        if singular is None:
            continue
        versions: tuple[str, ...]
        if tok.low == "this":
            versions = (f"{case_like(tok.text, 'these')} {noun.text}", f"{tok.text} {singular}")
        else:
            article = (
                tok.text
                if tok.low not in {"a", "an"}
                else case_like(tok.text, "an" if singular[0] in "aeiou" else "a")
            )
            versions = (f"{article} {singular}",)
            if after is not None and after.low == "of" and noun.low in _COUNTS:
                versions = (noun.text, *versions)  # "a millions of asteroids": most likely "millions of"
        yield Finding(tok.start, noun.end, versions, HIGH)


_COUNTS = frozenset(["millions", "thousands", "hundreds", "billions", "dozens", "tens", "lots", "tons"])
