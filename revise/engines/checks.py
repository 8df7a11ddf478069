"""The register of the offline engine's own grammar and register rules, with their real-prose examples.

Rules as data (proselint style): each GrammarRule names its matcher and the cases it must flag and leave
alone; tests walk this register. The matchers live in revise/engines/grammar.py and register.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from revise.edits import Confidence, Suggestion
from revise.engines import agreement, articles, compounds, determiners, grammar, register
from revise.engines.grammar import MEDIUM, GrammarRule
from revise.latex.mask import Masked

AGREEMENT = "Subject and verb disagree in number"

RULES: tuple[GrammarRule, ...] = (
    GrammarRule(
        "its-possessive",
        "grammar",
        "'it's' means 'it is'; the possessive is 'its'.",
        grammar.its_possessive,
        fails=(("while it's inference time stays low", "while its inference time stays low"),),
        passes=("it's important to note", "its inference time", "it's time to stop"),
    ),
    GrammarRule(
        "verb-after-singular",
        "agreement",
        AGREEMENT + ": a singular subject takes a singular verb.",
        agreement.verb_after_singular,
        fails=(
            ("We observed that the detector are robust.", "We observed that the detector is robust."),
            ("The framework learn a compact code.", "The framework learns a compact code."),
            ("This are wrong.", "This is wrong."),
            (
                "a framework for telemetry that combine a temporal encoder",
                "a framework for telemetry that combines a temporal encoder",
            ),
            ("so the evaluation rely on few events", "so the evaluation relies on few events"),
            ("In practice it work well.", "In practice it works well."),
        ),
        passes=(
            "the rest are a small minority that contribute very little",
            "the detectors are robust",
            "the data are noisy",
            "we let the model learn a code",
            "does it work well",
            "the number of samples are",
            "the former are faster",
            "models that learn a code",
            "to make it work",
            "a more complete list of authors is online",
            "The package template also provides a test suite.",
            "The spectrum and the dust extinction are modelled apart.",
            "examples in the documentation that demonstrate a feature",
            "snippets that live in the \\pkg documentation that demonstrate a feature",
            "snippets that live in the [CMD1] documentation that demonstrate a feature",
            "attributes specific to the reference system that allow the user to choose",
            "In this paper we discuss the design.",
            "the errors on the test set are shown",
            "The porosity and, consequently, the yield stress are highest at the notch.",
            "We stress that while the solver layers can be batched, the cost is high.",
            "schemes such as those that use a trust region",
            "a family of kernels for end-to-end training that allow a closed-form gradient",
        ),
    ),
    GrammarRule(
        "relative-after-singular",
        "agreement",
        AGREEMENT + ": 'which' after a singular antecedent takes a singular verb.",
        agreement.relative_after_singular,
        fails=(
            (
                "approximately Gaussian, which do not hold here",
                "approximately Gaussian, which does not hold here",
            ),
        ),
        passes=(
            "the residuals, which do not hold",
            "the mean and the variance, which do not",
            "a model, which does",
        ),
    ),
    GrammarRule(
        "verb-after-plural",
        "agreement",
        AGREEMENT + ": a plural subject takes a plural verb.",
        agreement.verb_after_plural,
        fails=(
            ("Second, labelled anomalies is scarce.", "Second, labelled anomalies are scarce."),
            ("where computational resources is limited", "where computational resources are limited"),
            (
                "Reaction wheel currents exhibits heavy spikes.",
                "Reaction wheel currents exhibit heavy spikes.",
            ),
            (
                "Experiments on the SMAP and MSL data sets shows that it works.",
                "Experiments on the SMAP and MSL data sets show that it works.",
            ),
        ),
        passes=(
            "Additionally, encoding detail in so few parameters is hard",
            "Calculating the influence of the parameters on 10 or so observables is slow",
            "Furthermore, proxying TCP connections introduces a new point of failure",
            "If the load along different paths is well balanced, it works",
            "the number of samples is small",
            "one of the methods is faster",
            "what it means is unclear",
            "the data shows a trend",
            "ten iterations is enough",
            "the analysis is fast",
            "the results section shows",
            "the family of (linear and quadratic) spline kernels is large",
            "Merging these catalogues gives a cleaner sample.",
            "However, fitting the known periods is not enough.",
            "the gradient w.r.t. the kernel parameters is cheap",
            "Deep Sets models the set with a sum.",
            "The word `samples' refers to draws from the posterior.",
        ),
    ),
    GrammarRule(
        "determiner-number",
        "agreement",
        "The determiner and the noun disagree in number.",
        agreement.determiner_number,
        fails=(
            ("we report a results that", "we report a result that"),
            ("and this methods works", "and these methods works"),
            ("when a millions of asteroids attain it", "when millions of asteroids attain it"),
        ),
        passes=(
            "Figure [REF1]a shows the PDFs",
            "a payments-only stateless currency",
            "a results table",
            "this results in",
            "a series of runs",
            "these methods work",
            "few HLA-A molecules were assigned",
            "a methods section",
            "releases every 6 months",
            "Each runs for an hour",
        ),
    ),
    GrammarRule(
        "uncountable-plural",
        "grammar",
        "This noun is uncountable in English and has no plural.",
        grammar.uncountable,
        fails=(
            ("we collected informations about", "we collected information about"),
            ("previous researches show", "previous research show"),
        ),
        passes=("we collected information", "she researches the topic"),
    ),
    GrammarRule(
        "acronym-article",
        "grammar",
        "The article follows how the acronym is read aloud ('an SVM': ess-vee-em).",
        register.acronym_article,
        fails=(("we train a SVM on", "we train an SVM on"), ("an CNN model", "a CNN model")),
        passes=("an SVM", "a NASA mission", "a SMAP pass", "an LSTM", "a GPU"),
    ),
    GrammarRule(
        "compound-modifier",
        "grammar",
        "A compound modifier before a noun takes hyphens (a large-scale dataset).",
        compounds.compound_modifier,
        fails=(
            ("within a three dimensional biomatrix", "within a three-dimensional biomatrix"),
            (
                "we employ the conventional MMSE based channel estimation",
                "we employ the conventional MMSE-based channel estimation",
            ),
            ("a large scale survey of the sky", "a large-scale survey of the sky"),
            ("state of the art methods fail", "state-of-the-art methods fail"),
            ("a real time system", "a real-time system"),
            ("a large scale dataset of spectra", "a large-scale dataset of spectra"),
            ("a two dimensional Gaussian kernel", "a two-dimensional Gaussian kernel"),
            ("in real time codebase updates", "in real-time codebase updates"),
        ),
        passes=(
            "on a large scale, the method fails",
            "in the long term the drift dominates",
            "the results are based on",
            "a three-dimensional biomatrix",
            "the model is based on physics",
            "we process it in real time.",
            "at the state of the art in",
            "the grid is two dimensional and regular",
            "the data are three dimensional, so we",
            "it is low dimensional when projected",
        ),
    ),
    GrammarRule(
        "a-lot-of",
        "register",
        "'a lot of' is informal in a paper.",
        register.a_lot_of,
        fails=(
            ("a lot of work remains", "much work remains"),
            ("A lot of runs failed", "Many runs failed"),
            ("it has a lot of simulation animations that", "it has many simulation animations that"),
            ("it needs a lot of computing time to", "it needs much computing time to"),
        ),
        passes=("a lot size of", "allot of"),
    ),
    GrammarRule(
        "contraction",
        "register",
        "Contractions are informal in a paper; write the words out.",
        register.contraction,
        fails=(
            ("the model doesn't converge", "the model does not converge"),
            ("we can't tell", "we cannot tell"),
        ),
        passes=("the model does not converge", "the authors' code"),
    ),
    GrammarRule(
        "informal-get",
        "register",
        "'get' is informal in a paper; 'obtain' (or, before an adjective, 'become') is more precise.",
        register.informal_get,
        fails=(
            ("we get good results", "we obtain good results"),
            ("we get large errors near the edge", "we obtain large errors near the edge"),
            (
                "the representation gets inefficient as n grows",
                "the representation becomes inefficient as n grows",
            ),
            ("the fit got very slow.", "the fit became very slow."),
        ),
        passes=(
            "to get rid of noise",
            "results get better",
            "the files get compiled",
            "it got rejected",
            "we send 8-byte GET requests",
        ),
    ),
    GrammarRule(
        "quantity-article",
        "grammar",
        "A quantity noun takes an article: 'a large number of', 'an unlimited amount of', 'the majority of'.",
        articles.quantity_article,
        fails=(
            ("each node stores unlimited amount of state", "each node stores an unlimited amount of state"),
            (
                "the fit converges with large number of walkers",
                "the fit converges with a large number of walkers",
            ),
            ("this holds for vast majority of stars", "this holds for the vast majority of stars"),
            ("it supports wide variety of formats", "it supports a wide variety of formats"),
            ("only in small fraction of the runs", "only in a small fraction of the runs"),
        ),
        passes=(
            "each node stores an unlimited amount of state",
            "we report the total number of walkers",
            "with the same number of layers",
            "Large number of walkers. The fit converges.",
            "the cost grows with number of layers",
            "the number of stars is small",
            "with any large number of walkers",
            "it amounts to a small fraction of the budget",
            "for each large number of samples",
            "thanks to a near-infinite amount of patience",
        ),
    ),
    GrammarRule(
        "in-the-future",
        "grammar",
        "'in future' is British usage; American English says 'in the future'.",
        articles.in_future,
        fails=(
            (
                "In future, the survey will cover the bulge.",
                "In the future, the survey will cover the bulge.",
            ),
            ("in future we plan to port the solver", "in the future we plan to port the solver"),
            ("This will be relaxed in future.", "This will be relaxed in the future."),
        ),
        passes=(
            "In future work, we will port the solver.",
            "in future releases of the package",
            "in future studies and surveys",
            "in the future, the survey will grow",
            "in the near future",
        ),
        idiomatic_in=frozenset({"british", "australian", "indian"}),
    ),
    GrammarRule(
        "such-article",
        "grammar",
        "'such' before a singular countable noun takes 'a': 'such a feature'.",
        articles.such_article,
        fails=(
            (
                "Such feature can be learned from the light curve.",
                "Such a feature can be learned from the light curve.",
            ),
            ("In such case the kernel is stationary.", "In such a case the kernel is stationary."),
            ("we adopt such approach because it is fast", "we adopt such an approach because it is fast"),
        ),
        passes=(
            "Such a feature can be learned",
            "such features are learned",
            "no such method exists",
            "one such case is shown",
            "such information is rare",
            "such behaviour is expected",
            "such software is common",
            "such feature maps are sparse",
            "such cross-validation is costly",
            "such as the kernel",
            "such that the kernel is stationary",
            "As such, the method is general.",
            "such large datasets are rare",
            "Such estimator are biased, so we debias them.",
            "such layer have no bias term",
        ),
    ),
    GrammarRule(
        "missing-determiner",
        "grammar",
        "A singular count noun after a preposition takes an article: 'by the tube model', 'with a new model'.",
        determiners.missing_determiner,
        fails=(
            (
                "The decay follows the trend predicted by GLaMM tube model.",
                "The decay follows the trend predicted by the GLaMM tube model.",
            ),
            (
                "We report the error rate on speech recognition task.",
                "We report the error rate on the speech recognition task.",
            ),
            (
                "The rate is simulated under full buffer traffic model.",
                "The rate is simulated under the full buffer traffic model.",
            ),
            (
                "We compare against baseline classifier, which is linear.",
                "We compare against the baseline classifier, which is linear.",
            ),
        ),
        passes=(
            "The weights are found by model averaging.",
            "The trend is predicted by the tube model.",
            "The trend is predicted by our tube model.",
            "The trend is predicted by one tube model.",
            "The trend is predicted by tube models.",
            "The labels were drawn by hand.",
            "The weights are updated in parallel.",
            "On average, the error is small.",
            "The queue is used for task allocation.",
            "The bound holds under model uncertainty.",
            "This is a kind of neural network.",
            "The loss is minimised for task [MATH1].",
            "The bound is shown in problem (3).",
            "We compare it with method A.",
            "We study it for model and task selection.",
            "Results on Machine Translation Task",
            "The queue is drained task by task.",
            "We train it in order to model the data.",
        ),
    ),
)

BY_ID: dict[str, GrammarRule] = {rule.id: rule for rule in RULES}


def _graded(confidence: Confidence, rule: GrammarRule, dialect: str) -> Confidence:
    """Wording idiomatic in the paper's dialect is offered, never applied unseen."""
    return MEDIUM if confidence == Confidence.HIGH and dialect in rule.idiomatic_in else confidence


def check(
    masked: Masked, index: int, rules: tuple[GrammarRule, ...] = RULES, dialect: str = "american"
) -> Iterator[Suggestion]:
    """Every rule's findings in one paragraph, never touching a placeholder, for the paper's dialect."""
    tokens = grammar.tokenize(masked.text)
    held = [(ph.masked_start, ph.masked_end) for ph in masked.placeholders]
    for rule in rules:
        for found in rule.matcher(tokens):
            if any(found.start < b and a < found.end for a, b in held):
                continue
            original = masked.text[found.start : found.end]
            versions = tuple(v for v in found.versions if v != original)
            if versions:
                yield Suggestion(
                    original,
                    rule.message,
                    versions,
                    index,
                    (found.start, found.end),
                    rule.id,
                    confidence=_graded(found.confidence, rule, dialect),
                    category=rule.category,
                )
