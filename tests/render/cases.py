"""The fixture documents and edits behind the golden files (written for these tests, not from the corpus)."""

from __future__ import annotations

from revision_builder import Spec, build

from revise.edits import Status
from revise.engines.base import Failure, Usage
from revise.pipeline import Revision

PAPER = rb"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
\section{Introduction}
Anomaly detection on satellites are hard, because telemetry is
noisy and labels is rare \cite{smith2020}. In this paper we proposes a
method that works with $n \ll 100$ labelled passes.

We evaluate the method on three missions. The results shows that the
detector finds 90\% of anomalies, while the baseline finds only 60\%.

\section{Conclusion}
Our method are simple. Our method are also fast, and it runs onboard.
\end{document}
"""

UNICODE = """\\documentclass{article}
\\begin{document}
Les résultats montre que la méthode fonctionne très bien sur les données réelles.

我们提出了一个新方法，它在真实数据上表现很好。
\\end{document}
""".encode()

CRLF_BOM = b"\xef\xbb\xbf" + (
    b"Plain text paragraph without a preamble, it have one error.\r\n"
    b"A second line that stay the same.\r\n\r\nLast paragraph, no newline at end"
)

MAIN = rb"""\documentclass{article}
\begin{document}
\input{intro}

The main file have one mistake too.
\end{document}
"""

INTRO = b"This section were included from another file.\n"

SPACING = rb"""\documentclass{article}
\begin{document}
Experiments on the SMAP and MSL data sets \cite{hundman2018detecting} shows that
our method improves the F1 score by 7 \% compared to the the strongest baseline,
while its inference time stays below 3 ms per time step.

Short paragraph , with a space before the comma.

Second, labelled anomalies is scarce\footnote{Reaction wheel currents exhibit heavy tailed spikes during
desaturation manoeuvres.}, so the evaluation rely on a small number of events in orbits 120--180.
\end{document}
"""


def paper() -> Revision:
    return build(
        {"paper.tex": PAPER},
        [
            Spec(
                "Anomaly detection on satellites are hard",
                ("Anomaly detection on satellites is hard", "Detecting anomalies on satellites is hard"),
                issue="Subject-verb agreement: the subject is 'detection'.",
            ),
            Spec("labels is rare", ("labels are rare",), issue="Agreement."),
            Spec("we proposes a\nmethod", ("we propose a\nmethod",), issue="Agreement."),
            Spec(
                "The results shows",
                ("The results show",),
                status=Status.UNSAFE,
                reason="version changes a protected span [MATH1]",
            ),
            Spec(
                "the baseline find only",
                ("the baseline finds only",),
                file=None,
                status=Status.UNANCHORED,
                reason="quote not found in paragraph 1",
                hint="while the baseline finds only 60\\%",
                paragraph=1,
            ),
            Spec(
                "Our method are",
                ("Our method is",),
                status=Status.AMBIGUOUS,
                reason="quote occurs 2 times",
                file=None,
                paragraph=2,
            ),
        ],
        engine="llm",
        model="gpt-4o-mini",
        usage=Usage(requests=3, cached=1, prompt_tokens=1234, completion_tokens=567),
        failures=(Failure(9, "endpoint timed out"),),
    )


def unicode() -> Revision:
    return build(
        {"unicode.tex": UNICODE},
        [
            Spec(
                "Les résultats montre que",
                ("Les résultats montrent que",),
                file="unicode.tex",
                issue="Accord.",
            ),
            Spec("我们提出了一个新方法", ("我们提出一个新的方法",), file="unicode.tex", issue="措辞。"),
        ],
    )


def crlf() -> Revision:
    return build(
        {"notes.tex": CRLF_BOM},
        [
            Spec("it have one error", ("it has one error",), file="notes.tex"),
            Spec("no newline at end", ("no newline at the end",), file="notes.tex"),
        ],
        file="notes.tex",
    )


def multi() -> Revision:
    return build(
        {"main.tex": MAIN, "intro.tex": INTRO},
        [
            Spec("section were included", ("section was included",), file="intro.tex"),
            Spec("file have one", ("file has one",), file="main.tex"),
        ],
    )


def spacing() -> Revision:
    """Tiny edits that need the paragraph around them: whitespace-only changes, a space becoming ``~``."""
    text = SPACING.decode()
    before_cite = text[: text.index("sets \\cite") + len("sets")].count(" ")
    return build(
        {"spacing.tex": SPACING},
        [
            Spec(" ", ("~",), file="spacing.tex", occurrence=before_cite, issue="Tie the citation."),
            Spec("7 \\%", ("7\\%",), file="spacing.tex", issue="No space before the percent sign."),
            Spec("the the", ("the",), file="spacing.tex", issue="Repeated word."),
            Spec("paragraph ,", ("paragraph,",), file="spacing.tex", issue="No space before a comma."),
            Spec("rely", ("relies", "depends"), file="spacing.tex", issue="Agreement."),
        ],
    )


CASES = {"paper": paper, "unicode": unicode, "crlf": crlf, "multi": multi, "spacing": spacing}
