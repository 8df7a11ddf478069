"""Hyphens that split one word: line-break artefacts (con-text, sig-nificant) and prefixes Harper would close.

A paper pasted from a PDF, or typed from a printed draft, keeps the hyphens of its line breaks: "encodes
con-text", "a sig-nificant gain". Harper misses the first (both halves are words) and flags the halves of the
second as two bad spellings. A hyphen between two words is far more often a real compound (data-set,
well-known, trade-off, co-author, on-line), so the closed word (which the lexicon must know) is offered only
where the split cannot be a compound, told from the halves and the first half's kind:

- a half that is no word, nor an inflection of one (sig-nificant, exper-iment, eigen-value): high, since no
  compound is built from a fragment; but a reduplication (zig-zag) and a combining form in -o
  (gastro-intestinal; so also algo-rithm, medium) are left alone;
- a first half that is a Latin bound prefix English never hyphenates on purpose (con-text, com-pact,
  dis-cuss): high; one that also makes real compounds (in-line, pro-active, per-mission): medium, high only
  before a fragment (pro-cess);
- a productive prefix or combining form authors hyphenate on purpose (re-use, non-zero, electro-mechanical):
  medium before a fragment (re-quire), else left to Harper's DisjointPrefixes, graded by ``closed_prefix``;
- two content words or a function word first (back-ground, set-up, four-fold): left alone.

A few closed words read as prefix + word with a meaning no paper means (re-search is not "search again" in a
paper, de-sign not "un-sign"): those are high whatever the prefix (``SPLIT_WORDS``). Measured on the 3,127
hyphenated forms lemminflect's dictionary lists (all real variants): 48 get high, each the variant of a
standard closed spelling (teen-ager, luke-warm, eigen-value, good-bye), none a wrong word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from revise.edits import Confidence, Suggestion
from revise.engines import lexicon
from revise.latex.mask import Masked

HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW


def _names(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


PRODUCTIVE = _names(
    "pre re co multi self sub semi anti inter intra post de un cross meta micro macro over under out bi tri "
    "non mis mid hyper counter"
)
"""Prefixes authors hyphenate on purpose (pre-train, re-used, co-authors, mid-point, counter-example);
``mis``, ``mid``, ``hyper`` and ``counter`` are the ones Harper's DisjointPrefixes closes besides the brief's."""
COMBINING = _names(
    "auto bio cyber electro geo hydro nano neuro opto photo pseudo quasi stereo thermo ultra super mono poly "
    "uni mini mega giga tele socio psycho radio spectro magneto astro aero chemo eco extra infra para proto "
    "iso homo hetero omni pan peri retro trans well ill half all ever"
)
"""Combining forms and adverbs that make deliberate compounds (nano-particle, cyber-security, well-known)."""
BOUND = frozenset({"con", "com", "dis"})
"""Latin prefixes that are no English modifier: no one writes "con-text" or "dis-cuss" on purpose."""
GUARDED = frozenset({"in", "pro", "ex", "per"})
"""Latin prefixes that also make real compounds whose closed form is another word or spelling: in-line,
in-patient, in-built, pro-active, ex-pat, per-mission ("the per-mission cost" is not "permission")."""
SPLIT_WORDS = frozenset(
    {
        "research",  # "re-search" as "search again" is rarely meant in a paper; research always is
        "record",  # "re-cord": a cord again
        "relate",  # "re-late": late again
        "present",  # "pre-sent": sent beforehand
        "describe",  # "de-scribe": no such verb
        "design",  # "de-sign": not "remove a sign"
        "define",  # "de-fine"
        "detail",  # "de-tail"
        "deliver",  # "de-liver"
    }
)
"""Closed words whose prefix + word reading means nothing a paper says. Left out on purpose: resolve (papers
"re-solve" a problem), reserve, represent, report, recall, recover, react, resign: each a real re- verb too."""

CLOSED = _names(
    "one two three four five six seven eight nine ten twelve hundred thousand first second third every any "
    "some no each both either neither by for afore with there here how what when where who up down off "
    "through near far most"
)
"""Numerals, determiners and particles: words the lexicon (open classes only) does not list."""

RULE_ID = "hyphenation-artefact"
MESSAGE = "A hyphen splits one word here (a line-break hyphen left in the text); write it closed."


def closed_prefix(original: str, versions: Sequence[str]) -> Confidence | None:
    """The grade of Harper's DisjointPrefixes finding ("re-search" → "research"), or None when not that shape.

    High when the candidate is the token with its hyphen removed, a word the lexicon knows, and the prefix is
    none authors hyphenate on purpose (dis-cuss) or the word is a ``SPLIT_WORDS`` one (re-search, de-sign).
    ``non`` is medium: American style closes it (nonlinear, nontrivial; Merriam-Webster, Chicago), but the
    corpus papers hyphenate it on purpose (scipy's "non-zero", three times), and a British paper always does;
    an unattended rewrite of a paper's consistent style is not what ``--apply`` is for. Other productive
    prefixes (pre-train, co-author, re-used) stay low, as every Harper compound rule is.
    """
    parts = original.split("-")
    if len(parts) != 2 or not versions or versions[0] != parts[0] + parts[1]:
        return None
    prefix, joined = parts[0].lower(), versions[0].lower()
    if joined in SPLIT_WORDS:
        return HIGH
    if prefix == "non":
        return MEDIUM
    if prefix in PRODUCTIVE or prefix in COMBINING:
        return LOW
    # Harper's dictionary knows the closed word; high only when the lexicon confirms it too.
    return HIGH if lexicon.known(joined) else MEDIUM


def artefact(first: str, second: str) -> Confidence | None:
    """How sure it is that ``first-second`` is one word split by a line-break hyphen; None: a compound."""
    x, y = first.lower(), second.lower()
    joined = x + y
    if len(x) < 2 or len(y) < 2 or len(joined) < 6 or not lexicon.known(joined):
        return None  # e-mail, x-ray, wi-fi; or no closed word to offer
    if joined in SPLIT_WORDS:
        return HIGH
    if x in CLOSED:
        return None  # four-fold, every-day, by-stander: a function word the lexicon has no entry for
    if x in PRODUCTIVE or x in COMBINING:
        # A prefix (no word itself: co, non) joins a word: before a fragment it is no deliberate compound
        # (re-quire), but the lexicon lacks some words prefixes take on purpose (pre-empt: no "empt").
        return MEDIUM if fragment(y) else None
    if x in BOUND:
        return HIGH
    if x in GUARDED:
        # Some of these are no word to the lexicon ("per"): only a fragment after them settles it (pro-cess);
        # a Latin word after them is a phrase (pro-forma, in-vitro), so a vowel ending is only medium.
        return HIGH if fragment(y) and not y.endswith(("a", "i", "o", "u")) else MEDIUM
    if fragment(x) and x.endswith("o"):
        # A combining form (gastro-intestinal, physio-therapy, neo-classical), often hyphenated on purpose;
        # before a fragment still maybe one (angio-plasty), so algo-rithm is only medium.
        return MEDIUM if fragment(y) else None
    from rapidfuzz.distance import OSA  # here: an unchanged rerun needs no edit distance

    if len(x) <= 5 and any(OSA.distance(x, form) <= 2 for form in (y, *_stems(y))):
        return None  # a reduplication: zig-zag, criss-crossed, beri-beri
    if fragment(x) or fragment(y):
        return HIGH  # no compound is built from a fragment (sig-nificant, exper-iment, eigen-value)
    return None  # two content words: a compound (data-set, back-ground, set-up, hand-written)


def fragment(half: str) -> bool:
    """No word, nor an inflection or derivation of one: "nificant", "rithm"; not "offs" (cut-offs), "hearted"."""
    if len(half) < 3 or half in CLOSED or lexicon.known(half):
        return False  # "ox", "ju": too short to tell a fragment from a word the lexicon lacks
    return not any(lexicon.known(s) for s in _stems(half))


def _stems(word: str) -> list[str]:
    from revise.engines.spelling import stems  # here: spelling → grading → this module at import time

    return stems(word)


# A single hyphen between two letter runs, not inside a longer chain (state-of-the-art, Runge-Kutta-Fehlberg),
# not after a backslash (a macro) and not a dash (--); the second half is lower-case, the first may open a
# sentence ("Con-text").
_SPLIT = re.compile(r"(?<![\w\\-])([A-Za-z][a-z]*)-([a-z]+)(?![\w-])")


def check(masked: Masked, index: int) -> Iterator[Suggestion]:
    """Every line-break artefact in one paragraph's masked text, never touching a placeholder."""
    held = [(ph.masked_start, ph.masked_end) for ph in masked.placeholders]
    for m in _SPLIT.finditer(masked.text):
        start, end = m.span()
        if any(start < b and a < end for a, b in held):
            continue
        confidence = artefact(m.group(1), m.group(2))
        if confidence is not None:
            yield Suggestion(
                m.group(0),
                MESSAGE,
                (m.group(1) + m.group(2),),
                index,
                (start, end),
                RULE_ID,
                confidence=confidence,
                category="spelling",
            )


@dataclass(frozen=True)
class Case:
    """The rule's example tables: prose it flags (→ fixed) and prose it leaves alone; tests walk them."""

    fails: tuple[tuple[str, str, Confidence], ...]
    passes: tuple[str, ...]


CASES = Case(
    fails=(
        (
            "a deep encoder summarises the con-text of each token",
            "a deep encoder summarises the context of each token",
            HIGH,
        ),
        ("which gives a sig-nificant speed-up", "which gives a significant speed-up", HIGH),
        ("the algo-rithm converges in ten steps", "the algorithm converges in ten steps", MEDIUM),
        ("each exper-iment was repeated five times", "each experiment was repeated five times", HIGH),
        ("under the same con-dition the solver", "under the same condition the solver", HIGH),
        ("prior re-search on telemetry shows", "prior research on telemetry shows", HIGH),
        ("We de-scribe the pipeline below.", "We describe the pipeline below.", HIGH),
        ("the filter is too com-pact to fit", "the filter is too compact to fit", HIGH),
        ("we dis-cuss the limits", "we discuss the limits", HIGH),
        ("The pro-cess is repeated.", "The process is repeated.", HIGH),
        ("Con-text windows are short.", "Context windows are short.", HIGH),
        ("the in-formation is lost", "the information is lost", MEDIUM),
        ("we re-quire two passes", "we require two passes", MEDIUM),
    ),
    passes=(
        "the data-set and the time-step are fixed",
        "a well-known trade-off between speed and accuracy",
        "the state-of-the-art baseline and its co-author",
        "send an e-mail to the first author",
        "we re-use the pre-trained weights of a non-zero bias",
        "the set-up of the back-ground subtraction",
        "a hand-written parser and a built-in solver",
        "an on-line learner with a dot-product cache",
        "the electro-mechanical relay and a nano-particle",
        "the cross-validation error of a drop-out layer",
        "a self-attention layer with multi-head inputs",
        "a Runge-Kutta-Fehlberg step and the Gauss-Newton update",
        "a long-standing follow-up with a look-up table",
        "the x-ray and t-test and k-means results",
        "we re-solve the problem with the new bounds",
    ),
)
