"""missing-determiner: HIGH only where a noun, acronym or name makes the bare phrase name one known thing, MEDIUM
where "a" is as likely as "the", nothing where the phrase is an idiom, a label, a title or not a clause."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PAPERS

from revise import document
from revise.edits import Confidence
from revise.engines import checks, determiners, grammar
from revise.latex.mask import Protected, mask
from revise.latex.segment import segment

HIGH, MEDIUM = Confidence.HIGH, Confidence.MEDIUM
RULE = (checks.BY_ID["missing-determiner"],)


def found(text: str, spans: list[tuple[int, int, str]] = ()) -> list[tuple[str, tuple[str, ...], Confidence]]:  # type: ignore[assignment]
    protected = [Protected(a, b, k) for a, b, k in spans]
    return [(s.original, s.versions, s.confidence) for s in checks.check(mask(text, 0, protected), 0, RULE)]


@pytest.mark.parametrize(
    ("text", "original", "versions", "confidence"),
    [
        ("The decay is fitted by GLaMM tube model.", "GLaMM", ("the GLaMM", "a GLaMM"), HIGH),
        ("The rate is simulated under full buffer traffic model.", "full", ("the full", "a full"), HIGH),
        ("It is best on speech recognition task, as expected.", "speech", ("the speech", "a speech"), HIGH),
        ("The net is trained with SGD optimizer.", "SGD", ("the SGD", "an SGD"), HIGH),
        ("The drift is removed by Kalman filter before the fit.", "Kalman", ("the Kalman", "a Kalman"), HIGH),
        (
            "The cost is shown for state-of-the-art model, which grows.",
            "state",
            ("the state", "a state"),
            MEDIUM,
        ),
        ("Under full buffer traffic model, each user has data.", "full", ("the full", "a full"), HIGH),
        ("The curve was predicted by GLaMM tube model [CITE1].", "GLaMM", ("the GLaMM", "a GLaMM"), HIGH),
        (
            "The rate under full buffer traffic model (each user has data) is high.",
            "full",
            ("the full", "a full"),
            HIGH,
        ),
        (
            "The estimates from baseline model agree with the data.",
            "baseline",
            ("the baseline", "a baseline"),
            HIGH,
        ),
        # Adjectives alone: "a linear model" is as likely as "the linear model".
        ("We compare the fit with linear model.", "linear", ("the linear", "a linear"), MEDIUM),
        ("The error is ranked by proposed method.", "proposed", ("the proposed", "a proposed"), MEDIUM),
        ("The gain over baseline is large.", "baseline", ("the baseline", "a baseline"), MEDIUM),
        # An adjective that introduces something new asks for "a" first.
        ("We replace the kernel with new model.", "new", ("a new", "the new"), MEDIUM),
        ("The loss is minimised with novel algorithm.", "novel", ("a novel", "the novel"), MEDIUM),
    ],
)
def test_a_bare_count_noun_phrase_after_a_preposition_takes_an_article(
    text: str, original: str, versions: tuple[str, ...], confidence: Confidence
) -> None:
    assert found(text) == [(original, versions, confidence)]


@pytest.mark.parametrize(
    "text",
    [
        # A determiner, possessive, number or quantifier is there, or the head is plural.
        "The trend is predicted by the tube model.",
        "The trend is predicted by our tube model.",
        "The trend is predicted by Smith's tube model.",
        "The trend is predicted by one tube model.",
        "The trend is predicted by each tube model.",
        "The trend is predicted by tube models.",
        # Fixed phrases, and "as", "per", "like".
        "The labels were drawn by hand and checked in turn.",
        "The chains are run in parallel, by design.",
        "On average, the error is small in practice.",
        "The seeds are drawn at random, in closed form.",
        "The cost is quoted per task.",
        "This is known as Kalman filter.",
        "It behaves like baseline model.",
        "The queue is drained task by task.",
        "The jobs move from task to task.",
        # The head goes on: a noun, a gerund, a coordinated modifier, a label.
        "The weights are found by model averaging.",
        "The queue is used for task allocation.",
        "The bound holds under model uncertainty.",
        "We study it for model and task selection.",
        "The loss is minimised for task [MATH1].",
        "The bound is shown in problem (3).",
        "The bound is shown in algorithm 2.",
        "We compare it with method A.",
        "The result is stated in problem [REF1].",
        "The bytes are packed in network (big-endian) order.",
        "This flag is meant for system include directories.",
        # "to" before a verb, a gerund after the preposition, a sort of thing after "of".
        "We train it in order to model the data.",
        "We use it to better model the data.",
        "The fit is found by solving optimisation problem.",
        "This is a kind of neural network.",
        "The choice of baseline model is open.",
        # Titles, captions and headings.
        "Results on Machine Translation Task",
        "Accuracy of the fit on benchmark dataset.",
        "The classes come from the Guide to Open Numerical Software classification system.",
        "We train it on Penn Treebank dataset.",
        # Heads left out on purpose: mass or idiomatic readings.
        "The rule is checked by experiment and kept under test.",
        "The notes were first written on paper.",
        "The field is studied in software architecture.",
    ],
)
def test_idioms_labels_titles_and_phrases_with_a_determiner_are_left_alone(text: str) -> None:
    assert found(text) == []


def test_a_placeholder_is_never_part_of_the_phrase() -> None:
    text = "The decay is fitted by $G$ tube model."
    assert found(text, [(23, 26, "MATH")]) == []


@pytest.mark.corpus
@pytest.mark.parametrize("name", PAPERS)
def test_no_flag_on_the_corpus_papers(corpus: Path, name: str) -> None:
    """The six well-edited papers have no bare singular count noun after a preposition: any flag is false."""
    paragraphs = segment(document.read(corpus / "papers" / name)[0]).paragraphs
    flags = [
        p.masked.text
        for p in paragraphs
        for _ in determiners.missing_determiner(grammar.tokenize(p.masked.text))
    ]
    assert flags == []
