"""What the reviewer reads, per paper: the figures issue 10's acceptance asks for.

For each paper given (the main .tex file of a paper you fetched, or by default every main file of
../shared/corpus/papers) it prints:

- ``after-macro``: paragraphs that begin right after a word-like macro on the same line (target 0);
- ``front``: paragraphs whose visible text reaches into an ORCID, e-mail address or affiliation (target 0);
- ``visible``: the words a reviewer is shown (paragraphs, plus the title and section titles the prompt gives)
  as a share of the words pylatexenc's latex2text finds in the files holding paragraphs (target >= 95 %);
  front matter is hidden on purpose, so a paper's affiliations count against this figure;
- ``terms`` / ``marks``: word-like macros shown as TERM placeholders, and marks around prose arguments (two per
  argument: the words between them are visible);
- ``exact``: paragraphs where ``text == source[start:end]`` and unmasking gives the source back byte for byte.

Usage: ``python bench/bench_reading.py [MAIN.tex ...]``. Nothing is written; the papers are read where they lie.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "latex"))

from corpus_words import reference_words, share, visible_words

from revise.document import read
from revise.latex.segment import Paragraph, segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "papers"
# Commands that are not words: a paragraph may begin after them on the same line.
_STRUCTURE = {
    "noindent", "indent", "item", "par", "centering", "maketitle", "label", "section", "subsection",
    "subsubsection", "chapter", "paragraph", "begin", "end", "newpage", "clearpage", "medskip", "bigskip",
    "smallskip", "raggedright", "footnotesize", "small", "hline", "appendix", "vfill", "hfill", "and",
}  # fmt: skip
_BEFORE = re.compile(r"(?:^|\n)[ \t]*\\([A-Za-z]+)(?:\{\})?[ \t]+$")
_FRONT = re.compile(
    r"\\(author|affiliation|affil|altaffiliation|institute|address|email|orcid|IEEEauthorblockA|"
    r"IEEEauthorblockN|thanks|correspondingauthor|ead|inst)\b\*?\s*(\[[^\]]*\])?\s*\{"
)
_ORCID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _group_end(text: str, open_brace: int) -> int:
    depth = 0
    for i in range(open_brace, min(len(text), open_brace + 5000)):
        if text[i] == "{" and text[i - 1] != "\\":
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
    return open_brace + 1


def _visible_spans(p: Paragraph) -> list[tuple[int, int]]:
    spans, cursor = [], p.start
    for ph in p.masked.placeholders:
        spans.append((cursor, ph.start))
        cursor = ph.end
    spans.append((cursor, p.end))
    return spans


def measure(main: Path) -> dict[str, object]:
    source, _ = read(main, main.name)
    result = segment(source)
    visible: Counter[str] = Counter()
    reference: Counter[str] = Counter()
    after_macro = front = exact = marks = terms = 0
    front_spans: dict[str, list[tuple[int, int]]] = {}
    # Files reached only from the preamble (package settings, macro files) hold no prose to review.
    with_prose = {p.file.name for p in result.paragraphs}
    for f in result.files:
        if f.name in with_prose:
            reference += reference_words(f.text)
        front_spans[f.name] = [(m.start(), _group_end(f.text, m.end() - 1)) for m in _FRONT.finditer(f.text)]
    # The prompt shows the paper's title and each paragraph's section title: words the reviewer reads too.
    for title in [result.title or "", *(s.title for s in result.sections)]:
        visible += visible_words(title)
    for p in result.paragraphs:
        text = p.file.text
        exact += p.text == text[p.start : p.end] and p.masked.unmask(p.masked.text) == p.text
        visible += visible_words(p.masked.text)
        marks += sum(ph.kind == "MARK" for ph in p.masked.placeholders)
        terms += sum(ph.kind == "TERM" for ph in p.masked.placeholders)
        line_start = text.rfind("\n", 0, p.start) + 1
        m = _BEFORE.search(text, line_start - 1 if line_start else 0, p.start)
        if m and m.group(1) not in _STRUCTURE:
            after_macro += 1
        shown = _visible_spans(p)
        leaks = any(lo < e and s < hi for s, e in shown for lo, hi in front_spans[p.file.name])
        leaks = leaks or bool(_ORCID.search(p.masked.text) or _EMAIL.search(p.masked.text))
        front += leaks
    return {
        "paragraphs": len(result.paragraphs),
        "files": len(result.files),
        "after-macro": after_macro,
        "front": front,
        "visible": share(visible, reference),
        "exact": f"{exact}/{len(result.paragraphs)}",
        "terms": terms,
        "marks": marks,
    }


def _corpus_mains() -> list[Path]:
    mains = []
    for path in sorted(CORPUS.rglob("*.tex")):
        head = path.read_text(encoding="utf-8", errors="replace")
        if "\\begin{document}" in head:
            mains.append(path)
    return mains


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or _corpus_mains()
    print(
        f"{'paper':58} {'paras':>5} {'files':>5} {'after':>5} {'front':>5} {'visible':>7} {'terms':>5} "
        f"{'marks':>5} exact"
    )
    for path in paths:
        row = measure(path)
        name = str(path)[-58:]
        print(
            f"{name:58} {row['paragraphs']:>5} {row['files']:>5} {row['after-macro']:>5} {row['front']:>5} "
            f"{row['visible']:>7.1%} {row['terms']:>5} {row['marks']:>5} {row['exact']}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
