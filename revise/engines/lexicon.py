"""What the second-language rules know about an English word: its word classes and inflections.

Backed by lemminflect's inflection tables (a lexicon derived from the AGID and a tagged corpus, shipped inside
the package: no model is downloaded). A word the tables lack is *unknown*, and every rule treats unknown as
"not sure": a rule may only fire on what the lexicon confirms.
"""

from __future__ import annotations

from functools import lru_cache

from revise.engines import tables

# Nouns that look singular but are plural, or end in -s but are singular: never judged by their ending.
PLURAL_FORMS = frozenset(
    [
        "data",
        "criteria",
        "phenomena",
        "people",
        "media",
        "bacteria",
        "alumni",
        "corpora",
        "genera",
        "spectra",
        "maxima",
        "minima",
        "optima",
    ]
)
SINGULAR_IN_S = frozenset(
    [
        "analysis",
        "basis",
        "hypothesis",
        "thesis",
        "axis",
        "emphasis",
        "synthesis",
        "diagnosis",
        "series",
        "species",
        "means",
        "news",
        "lens",
        "bias",
        "gas",
        "class",
        "process",
        "access",
        "loss",
        "mass",
        "chaos",
        "corpus",
        "status",
        "focus",
        "virus",
        "consensus",
        "census",
        "bus",
        "plus",
    ]
)


def warm() -> None:
    """Hand lemminflect its tables read on demand (engines/tables.py: ~0.02 s, against 0.17 s for its own
    parse of them) and ask it one question, so the first rule's lookup pays no start-up."""
    from lemminflect import getAllLemmas, getInflection

    tables.load()
    getAllLemmas("shows")
    getInflection("show", "VBZ")


@lru_cache(maxsize=4096)
def classes(word: str) -> frozenset[str]:
    """The universal part-of-speech tags lemminflect knows for ``word`` (empty when unknown)."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def known(word: str) -> bool:
    """Whether the lexicon has ``word`` at all (in any dialect)."""
    return bool(classes(word))


@lru_cache(maxsize=4096)
def plural_noun(word: str) -> bool:
    """A regular or irregular plural noun the tables confirm (``anomalies``, ``resources``, ``data``)."""
    from lemminflect import getAllLemmas, getInflection

    low = word.lower()
    if low in PLURAL_FORMS:
        return True
    if low in SINGULAR_IN_S or low.endswith(("ics", "ss", "us")):
        return False
    lemmas = getAllLemmas(low).get("NOUN", ())
    return any(lemma != low and low in getInflection(lemma, "NNS") for lemma in lemmas)


def noun_only(word: str) -> bool:
    """Known, and only as a noun (``methods``, ``anomalies``; not ``results``, which is also a verb)."""
    return classes(word) == frozenset({"NOUN"})


def singular_noun(word: str) -> bool:
    """A word that reads as a singular count noun: lower-case, not a known plural, and a noun or unknown.

    Unknown words count (``detector`` is missing from the tables), since the rules using this ask for a
    determiner before it and a verb after it, which already pins it as a noun.
    """
    low = word.lower()
    if low != word or not low.isalpha() or low in PLURAL_FORMS or plural_noun(low):
        return False
    if low.endswith("s") and low not in SINGULAR_IN_S and not low.endswith(("ss", "us", "is")):
        return False
    found = classes(low)
    return not found or "NOUN" in found


@lru_cache(maxsize=4096)
def base_verb(word: str) -> bool:
    """A verb in its base form that is not also an auxiliary (``learn``, ``rely``, ``combine``)."""
    low = word.lower()
    found = classes(low)
    if "VERB" not in found or "AUX" in found:
        return False
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(low)["VERB"]
    return low in lemmas and len(lemmas) == 1  # "found" is also the past of "find"; "consisted" a past


def verb_only(word: str) -> bool:
    """Known, and only as a verb (``learn``, ``rely``)."""
    return classes(word) == frozenset({"VERB"})


@lru_cache(maxsize=4096)
def third_person(verb: str) -> str | None:
    """``learns`` for ``learn``; None when the tables have no such form."""
    from lemminflect import getInflection

    forms = getInflection(verb.lower(), "VBZ")
    return forms[0] if forms else None


@lru_cache(maxsize=4096)
def plural_of_third_person(word: str) -> str | None:
    """``show`` for ``shows``, when ``word`` is a verb's third-person singular form."""
    from lemminflect import getAllLemmas, getInflection

    low = word.lower()
    for lemma in getAllLemmas(low).get("VERB", ()):
        if low in getInflection(lemma, "VBZ"):
            return str(lemma)
    return None


@lru_cache(maxsize=4096)
def singular_of(word: str) -> str | None:
    """``method`` for ``methods``."""
    from lemminflect import getAllLemmas

    low = word.lower()
    lemmas = getAllLemmas(low).get("NOUN", ())
    return str(lemmas[0]) if lemmas and lemmas[0] != low else None
