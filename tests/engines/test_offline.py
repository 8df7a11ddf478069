"""The offline reviewer: Harper plus LaTeX rules; exact masked spans, never inside protected LaTeX."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PAPERS

from revise import document
from revise.edits import Suggestion
from revise.engines import view, vocabulary
from revise.engines.base import ReviewContext
from revise.engines.findings import latex_text
from revise.engines.offline import OfflineReviewer
from revise.errors import ConfigError
from revise.latex.mask import Protected, mask
from revise.latex.segment import Paragraph, segment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def reviewer() -> OfflineReviewer:
    return OfflineReviewer()


def paragraphs_of(path: Path) -> tuple[Paragraph, ...]:
    return segment(document.read(path)[0]).paragraphs


def paragraph(latex: str, spans: list[tuple[int, int, str]] = ()) -> Paragraph:  # type: ignore[assignment]
    source = document.SourceFile("t.tex", None, latex)
    protected = [Protected(a, b, k) for a, b, k in spans]
    return Paragraph(0, source, 0, len(latex), mask(latex, 0, protected))


def assert_safe(paragraphs: tuple[Paragraph, ...], suggestions: tuple[Suggestion, ...]) -> None:
    """Every span is exact in the masked text and maps to source containing no protected span."""
    by_index = {p.index: p for p in paragraphs}
    for s in suggestions:
        p = by_index[s.paragraph]
        assert s.span is not None
        start, end = s.span
        assert p.masked.text[start:end] == s.original
        src_start, src_end = p.masked.to_source(start), p.masked.to_source_end(end)
        assert p.file.text[src_start:src_end] == s.original
        for ph in p.masked.placeholders:
            assert src_end <= ph.start or src_start >= ph.end, (s, ph)


ERROR_KINDS = [
    ("PronounVerbAgreement", "has"),
    ("AnA", "an"),
    ("RepeatedWords", "the the"),
    ("SpellCheck", "recieved"),
    ("CompoundNouns", "data sets"),
    ("straight-double-quotes", '"curse of dimensionality"'),
    ("tie-before-reference", "\n"),
    ("tie-before-reference", " "),
    ("abbreviation-space", "e.g. "),
    ("number-range-dash", "10-20"),
    ("percent-space", "0 \\%"),
    ("space-before-punctuation", " "),
    ("article-before-math", "a"),
    ("repeated-word-line-break", "the\nthe"),
    ("ItsContraction", "Its"),
    ("OpenCompounds", "alot"),
    ("ellipsis", "... "),
    ("hyphen-as-dash", " - "),
]


@pytest.fixture(scope="module")
def fixture_review(reviewer: OfflineReviewer) -> tuple[tuple[Paragraph, ...], tuple[Suggestion, ...]]:
    paragraphs = paragraphs_of(FIXTURES / "errors.tex")
    return paragraphs, reviewer.review(paragraphs, ReviewContext()).suggestions


@pytest.mark.parametrize(("rule", "original"), ERROR_KINDS)
def test_offline_finds_each_kind_of_error_in_the_fixture(fixture_review, rule: str, original: str) -> None:
    _, suggestions = fixture_review
    assert any(s.rule == rule and s.original == original for s in suggestions), rule


def test_offline_fixture_suggestions_are_exact_and_safe(fixture_review) -> None:
    assert_safe(*fixture_review)


def test_offline_spells_the_fix_in_latex(fixture_review) -> None:
    _, suggestions = fixture_review
    fixes = {s.rule: s.versions[0] for s in suggestions}
    assert fixes["number-range-dash"] == "10--20"
    assert fixes["tie-before-reference"] == "~"
    assert fixes["article-before-math"] == "an"


def test_offline_caps_versions(reviewer: OfflineReviewer) -> None:
    p = paragraph("We recieved the data.")
    review = reviewer.review([p], ReviewContext(versions=1))
    assert review.suggestions and all(len(s.versions) == 1 for s in review.suggestions)


def test_offline_never_flags_the_words_around_placeholders(reviewer: OfflineReviewer) -> None:
    latex = "As shown in \\ref{x}, an $n$ and a $k$ give \\cite{y} results."
    spans = [(12, 19, "REF"), (24, 27, "MATH"), (34, 37, "MATH"), (43, 52, "CITE")]
    p = paragraph(latex, spans)
    suggestions = reviewer.review([p], ReviewContext()).suggestions
    assert [(s.rule, s.original) for s in suggestions] == [("tie-before-reference", " ")] * 2
    assert_safe((p,), suggestions)


@pytest.mark.parametrize(
    "latex",
    [
        "The GPU and MCMC samplers run in SciPy and NumPy.",
        "We call it glorbing. Glorbing is fast, and glorbing is simple.",
        "The \\ourthing{} method, see \\newcommand{\\ourthing}{x}.",
    ],
)
def test_offline_accepts_document_vocabulary(reviewer: OfflineReviewer, latex: str) -> None:
    review = reviewer.review([paragraph(latex)], ReviewContext())
    assert [s for s in review.suggestions if s.rule == "SpellCheck"] == []


@pytest.mark.parametrize(
    "latex", ["Inference takes 3 ms per step and 2 h per run.", "The model needs 16 GB of memory."]
)
def test_offline_leaves_si_units_alone(reviewer: OfflineReviewer, latex: str) -> None:
    assert reviewer.review([paragraph(latex)], ReviewContext()).suggestions == ()


def test_offline_accepts_user_words() -> None:
    p = paragraph("We apply the hatt function.")
    assert any(s.rule == "SpellCheck" for s in OfflineReviewer().review([p], ReviewContext()).suggestions)
    quiet = OfflineReviewer(words=["hatt"]).review([p], ReviewContext())
    assert not any(s.rule == "SpellCheck" for s in quiet.suggestions)


def test_offline_dialect_decides_british_spelling() -> None:
    p = paragraph("The colour of the model.")
    british = OfflineReviewer(dialect="british").review([p], ReviewContext()).suggestions
    assert not any(s.rule == "SpellCheck" for s in british)


@pytest.mark.parametrize(
    ("text", "variety"),
    [
        ("We modelled the colour of the labelled data.", "british"),
        ("We modeled the color of the labeled data and optimized it.", "american"),
        ("We optimised one thing and optimized another.", None),
        ("The colour.", None),
        ("% we optimised, modelled, labelled\nPlain words only.", None),
    ],
)
def test_spelling_variety_comes_from_the_papers_own_words(text: str, variety: str | None) -> None:
    assert vocabulary.spelling_variety([text])[0] == variety


def test_offline_checks_a_british_paper_as_british_unless_told_otherwise() -> None:
    p = paragraph("We modelled the colour of the labelled data and optimised the behaviour.")
    auto = OfflineReviewer().review([p], ReviewContext())
    assert not any(s.rule == "SpellCheck" for s in auto.suggestions)
    assert len(auto.notices) == 1 and "British" in auto.notices[0]
    american = OfflineReviewer(dialect="american").review([p], ReviewContext())
    assert any(s.rule == "SpellCheck" for s in american.suggestions)
    assert american.notices == ()


def test_offline_rejects_an_unknown_dialect() -> None:
    with pytest.raises(ConfigError, match="dialect"):
        OfflineReviewer(dialect="klingon")


def test_offline_reads_dialect_and_words_from_settings() -> None:
    class Settings:
        dialect = "british"
        words = ("frobnicate",)

    r = OfflineReviewer(Settings())
    assert r.dialect == "british" and "frobnicate" in r.words


def test_offline_reviews_nothing_without_paragraphs(reviewer: OfflineReviewer) -> None:
    assert reviewer.review([], ReviewContext()).suggestions == ()


@pytest.mark.corpus
@pytest.mark.parametrize("name", PAPERS)
def test_offline_never_edits_protected_latex_in_corpus_papers(corpus: Path, reviewer, name: str) -> None:
    paragraphs = paragraphs_of(corpus / "papers" / name)
    assert_safe(paragraphs, reviewer.review(paragraphs, ReviewContext()).suggestions)


def test_offline_never_edits_protected_latex_in_the_example(reviewer: OfflineReviewer) -> None:
    path = EXAMPLES / "conclusion.tex"
    if not path.is_file():
        pytest.skip("examples/conclusion.tex is not written yet")
    paragraphs = paragraphs_of(path)
    assert_safe(paragraphs, reviewer.review(paragraphs, ReviewContext()).suggestions)


# --- the lint-view -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "spans", "expected"),
    [
        ("see \\emph{this} word", [], "see this word"),
        ("a~b \\% c ``q''", [], 'a b % c "q"'),
        ("pages 1--2 and 3---4", [], "pages 1–2 and 3—4"),
        ("an $n$ and a $k$", [(3, 6, "MATH"), (13, 16, "MATH")], "an item and a value"),
        ("in \\cite{a}.", [(3, 11, "CITE")], "in [1]."),
        ("by \\citet{a} now", [(3, 12, "CITE")], "by Smith now"),
        ("text\\label{x} more", [(4, 13, "LABEL")], "text more"),
        ("use \\texttt{np.sum} here", [], "use code here"),
        ("a\n\\begin{verbatim}\nx = 1\n\\end{verbatim}\nb", [], "a\n\nb"),
    ],
)
def test_view_reads_latex_as_prose(latex: str, spans: list[tuple[int, int, str]], expected: str) -> None:
    assert view.build(paragraph(latex, spans).masked).text == expected


def test_view_maps_copied_text_back_and_refuses_synthetic_text() -> None:
    p = paragraph("the \\emph{wrod} and $x$ end", [(20, 23, "MATH")])
    v = view.build(p.masked)
    start = v.text.index("wrod")
    span = v.to_masked(start, start + 4)
    assert span is not None and p.masked.text[span[0] : span[1]] == "wrod"
    math = v.text.index("value")
    assert v.to_masked(math, math + 5) is None
    assert v.to_masked(start, v.text.index("and") + 3) is None  # across the deleted closing brace


def test_vocabulary_collects_names_macros_and_repeated_words() -> None:
    source = (
        "\\newcommand{\\ourmethod}{x} GPU SciPy M87 zorp zorp zorp blip. Then, Pearu wrote \\emph{bursty}."
    )
    words = set(vocabulary.words([source], ["userword"]))
    assert {"ourmethod", "GPU", "SciPy", "M87", "zorp", "Pearu", "userword", "bursty"} <= words
    assert "blip" not in words


@pytest.mark.parametrize(("plain", "latex"), [("1–5", "1--5"), ("50%", "50\\%"), ("“a”", "``a''")])
def test_harper_replacements_become_latex(plain: str, latex: str) -> None:
    assert latex_text(plain) == latex


def test_two_linters_on_halves_of_a_long_paper_find_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revise.engines import offline

    body = (FIXTURES / "errors.tex").read_text()
    start, end = body.index("\\begin{document}") + 16, body.index("\\end{document}")
    long = body[:start] + "\n\n".join([body[start:end]] * 40) + body[end:]
    path = tmp_path / "long.tex"
    path.write_text(long)
    paragraphs = paragraphs_of(path)
    assert sum(len(p.masked.text) for p in paragraphs) >= offline.PARALLEL_FROM

    def review_with(cores: int) -> list[tuple[int, tuple[int, int] | None, str | None]]:
        monkeypatch.setattr(offline.os, "cpu_count", lambda: cores)
        found = OfflineReviewer(dialect="american").review(paragraphs, ReviewContext()).suggestions
        return sorted((s.paragraph or 0, s.span, s.rule) for s in found)

    one, two = review_with(1), review_with(2)
    assert one == two
    assert len(one) > 40 * 10


def test_a_run_naming_no_rule_sets_only_the_suppressed_ones_and_harper_keeps_its_defaults() -> None:
    """No list of Harper's rule names is asked for (it costs ~8 ms after the build); a rule left out of the
    configuration still runs at its default, and a suppressed one stays off."""
    from revise.config import Settings
    from revise.engines.offline import SUPPRESSED

    plain = OfflineReviewer()
    linter = plain._lint_engines(1)[0]
    assert set(linter.get_lint_config()) == set(SUPPRESSED) and plain._rule_names == ()
    kinds = {lint.lint_kind for lint in linter.lint("This is a test. i went home.", language="plaintext")}
    assert "Capitalization" in kinds
    assert not linter.lint("It costs 10-20 dollars.", language="plaintext")  # NumericRangeEnDash: suppressed
    named = OfflineReviewer(Settings(disable=("SpellCheck",), enable=("NumericRangeEnDash",)))
    config = named._lint_engines(1)[0].get_lint_config()
    assert len(config) > 500 and config["SpellCheck"] is False and config["NumericRangeEnDash"] is True
    assert config["OxfordComma"] is False and config["RepeatedWords"] is None


def test_an_in_opening_a_compound_is_not_read_as_and_in(reviewer: OfflineReviewer) -> None:
    """Harper's AndIn turns every "an in" into "and in"; in a paper it mostly opens "an in situ …"."""

    def and_in(latex: str) -> list[tuple[str, tuple[str, ...]]]:
        found = reviewer.review([paragraph(latex)], ReviewContext()).suggestions
        return [(s.original, s.versions) for s in found if s.rule == "AndIn"]

    compounds = "See the appendix for an in depth discussion, an in situ test and an in memory cache."
    assert and_in(compounds) == []
    assert and_in("The cat an in the hat sat down.") == [("an", ("and",))]


def test_plain_word_citation_keys_are_vocabulary_and_their_names_are_not_typos(
    reviewer: OfflineReviewer,
) -> None:
    latex = r"We build on numpy\cite{numpy} and on the scipy stack~\citep[see][]{scipy, smith2020}."
    words = vocabulary.words([latex])
    assert {"numpy", "scipy"} <= set(words) and "smith" not in words
    found = reviewer.review([paragraph(latex)], ReviewContext()).suggestions
    assert [s.original for s in found if s.rule == "SpellCheck"] == []
    assert "nunpy" not in vocabulary.words([r"The nunpy array \cite{numpy}."])


@pytest.mark.parametrize(
    ("latex", "rule", "expected"),
    [
        # Harper's AnA before an acronym defers to revise's acronym-article rule: "a SYN" is read "a sin".
        ("The client sends a SYN packet to the server.", "AnA", None),
        ("The cat ate a apple in the morning.", "AnA", "high"),
        ("A example deployment in sites A and B is shown.", "AnA", "high"),  # only the first "A"
        # "its" before a noun stays possessive: Harper's "it's monitor" is only a guess.
        ("If the peer is capable, its monitor would receive the packet.", "ItsContraction", "medium"),
        ("We saw that its been a long time since the run.", "ItsContraction", "high"),
    ],
)
def test_harper_findings_are_judged_by_the_words_around_them(
    reviewer: OfflineReviewer, latex: str, rule: str, expected: str | None
) -> None:
    found = [s for s in reviewer.review([paragraph(latex)], ReviewContext()).suggestions if s.rule == rule]
    assert [s.confidence.value for s in found] == ([] if expected is None else [expected])


def test_two_known_words_run_together_are_jargon_not_a_sure_typo(reviewer: OfflineReviewer) -> None:
    """ "testbed" was offered as a sure typo of "tested" on an outside paper; a real slip stays sure."""
    found = reviewer.review(
        [
            paragraph(
                "Connecting takes a while in our testbed, and the intialization at the boundray is slow."
            )
        ],
        ReviewContext(),
    ).suggestions
    grades = {s.original: s.confidence.value for s in found if s.rule == "SpellCheck"}
    assert grades == {"testbed": "low", "intialization": "high", "boundray": "high"}  # bound + ray, swapped


def test_the_misreadings_checks_still_let_the_real_errors_through(reviewer: OfflineReviewer) -> None:
    found = reviewer.review(
        [paragraph("Then i went home. We want to assumed nothing. Noise will effect it. There is problems.")],
        ReviewContext(),
    ).suggestions
    wanted = {"CapitalizePersonalPronouns", "InflectedVerbAfterTo", "NounVerbConfusion", "ThereIsAgreement"}
    assert wanted <= {s.rule for s in found}


def flagged(reviewer: OfflineReviewer, latex: str, rule: str) -> list[Suggestion]:
    return [s for s in reviewer.review([paragraph(latex)], ReviewContext()).suggestions if s.rule == rule]


@pytest.mark.parametrize(
    ("latex", "rule"),
    [
        # Each a misreading of Harper's seen on a paper from outside (revise/engines/surroundings.py).
        ("We consider three pairs, (i) wind and solar, (ii) wind and storage.", "CapitalizePersonalPronouns"),
        ("Pumped storage is not considered to be extendable due to assumed limits.", "InflectedVerbAfterTo"),
        ("This is consistent with detections of the Yarkovsky effect by examining it.", "NounVerbConfusion"),
        ("However, there are perhaps several optimizations which could help.", "ThereIsAgreement"),
        ("For the largest lines the first-order effects dominate the budget.", "NounVerbConfusion"),
        ("We then compute the RMS of the residuals over the field.", "MergeWords"),
        ("The host sends data to NIC via the bus.", "MergeWords"),
    ],
)
def test_harper_misreadings_are_dropped(reviewer: OfflineReviewer, latex: str, rule: str) -> None:
    assert flagged(reviewer, latex, rule) == []


def test_mathematics_let_is_not_lets(reviewer: OfflineReviewer) -> None:
    latex = "Let $A$ be a set, and if we let $x = 1$ the bound holds."
    spans = [(4, 7, "MATH"), (latex.index("$x"), latex.index(" the"), "MATH")]
    masked = paragraph(latex, spans)
    assert masked.masked.text == "Let [MATH1] be a set, and if we let [MATH2] the bound holds."
    found = reviewer.review([masked], ReviewContext()).suggestions
    assert [s for s in found if s.rule == "LetsConfusion"] == []


def test_foreign_endings_and_two_rival_words_are_no_sure_typos(reviewer: OfflineReviewer) -> None:
    """From outside papers: "terra incognita" was made "terry incognito", and "throught" (meant: throughout)
    "thought" though "through" is as near; a slip inside a word stays sure."""
    latex = "They explore the terra incognita, throught the article, with a seperate run."
    grades = {s.original: s.confidence.value for s in flagged(reviewer, latex, "SpellCheck")}
    assert grades == {"terra": "low", "incognita": "low", "throught": "low", "seperate": "high"}


def test_a_panel_letter_is_no_article(reviewer: OfflineReviewer) -> None:
    latex = r"Colored by the gain. \textbf{a} Entire test set. Figure \ref{fig:x}a shows the PDFs."
    ref = (latex.index(r"\ref"), latex.index("a shows"), "REF")
    found = reviewer.review([paragraph(latex, [ref])], ReviewContext()).suggestions
    assert [s.rule for s in found if s.rule in ("AnA", "determiner-number")] == []
