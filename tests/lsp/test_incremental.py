"""What a change costs the server: the dictionary tallied per piece, words taught to Harper only when they
change, and the lint cache shared with the command line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from revise.engines import vocabulary
from revise.engines.offline import OfflineReviewer
from revise.lsp.buffers import Buffer, refresh
from revise.lsp.server import ReviseServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def whole_file_words(sources: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """The dictionary read over each file at once, as it was before it was tallied per piece: the oracle."""
    counts: Counter[str] = Counter()
    spelled: dict[str, set[str]] = {}
    found: set[str] = set()
    for source in sources:
        found |= vocabulary.macro_names(source)
        prose = re.sub(r"(?<!\\)%[^\n]*", "", source)
        for m in vocabulary._PROPER.finditer(prose):
            found.update(m.group(0).split("-"))
        for m in vocabulary._INTRODUCED.finditer(prose):
            found.update(w.group(0) for w in vocabulary._WORD.finditer(m.group(1)))
        for m in vocabulary._WORD.finditer(prose):
            word = m.group(0).strip("'")
            if not word:
                continue
            if vocabulary.is_name_like(word):
                found.add(word)
            counts[word.lower()] += 1
            spelled.setdefault(word.lower(), set()).add(word)
    for key, count in counts.items():
        if count >= vocabulary.REPEATS:
            found |= spelled[key]
    found.update(vocabulary.BUILTIN)
    found.update(w.strip() for w in extra if w.strip())
    return sorted(found)


# Words joined by what sits at the cut points: blank lines, comments, escapes, a comma or a tie before a name.
SEPARATORS = ["\n", "\n\n", "\n\n\n", " ", "~", ", ", "% ", "\\% ", "-", "'", "\\emph{", "} ", ""]
WORDS = ["Pearu", "the", "The", "GP", "colour", "x2", "optimised", "color", "\\newcommand{\\foo}"]
SOURCE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=20).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@settings(max_examples=150, deadline=None)
@given(st.lists(SOURCE, min_size=1, max_size=2))
@example(["the\nPearu is here"])
@example(["\\emph{zorb\n\nquux} text"])
def test_the_dictionary_tallied_per_piece_is_the_whole_files_dictionary(sources: list[str]) -> None:
    assert vocabulary.words(sources) == whole_file_words(sources)


@settings(max_examples=60, deadline=None)
@given(st.lists(SOURCE, min_size=1, max_size=2))
def test_the_spelling_variety_tallied_per_piece_is_the_whole_files(sources: list[str]) -> None:
    british = sum(len(vocabulary._BRITISH.findall(re.sub(r"(?<!\\)%[^\n]*", "", s))) for s in sources)
    american = sum(len(vocabulary._AMERICAN.findall(re.sub(r"(?<!\\)%[^\n]*", "", s))) for s in sources)
    assert vocabulary.spelling_variety(sources)[1:] == (british, american)


def test_a_linter_is_taught_new_words_and_forgets_dropped_ones() -> None:
    reviewer = OfflineReviewer(dialect="american")
    linter = reviewer._build()
    text = "The zorblax and the quuxen are here."

    def flagged() -> int:
        return len(linter.lint(text))

    assert flagged() == 2
    reviewer._teach(linter, ["zorblax"])
    assert flagged() == 1
    reviewer._teach(linter, ["quuxen", "zorblax"])  # grown: only the new word is imported
    assert flagged() == 0
    reviewer._teach(linter, ["quuxen"])  # shrunk: the dropped word is a misspelling again
    assert flagged() == 1


def _lint_once(path: Path) -> tuple[ReviseServer, list[tuple[int, int, str]]]:
    server = ReviseServer()
    buffer = Buffer(path.as_uri(), path, path.read_text(encoding="utf-8"), 1)
    done = refresh(buffer, server.overlay(), server.reviewer, server.options.filter)
    return server, [(e.anchor.start, e.anchor.end, e.suggestion.rule) for e in done.edits if e.anchor]


def test_a_paper_the_server_linted_reopens_from_the_lint_cache(tmp_path: Path) -> None:
    paper = tmp_path / "conclusion.tex"
    paper.write_text((EXAMPLES / "conclusion.tex").read_text(encoding="utf-8"), encoding="utf-8")
    first, found = _lint_once(paper)
    assert found  # the example has lints to remember
    assert any(r._linters for r in first._reviewers.values())
    again, refound = _lint_once(paper)  # a new session: another server process would start the same way
    assert refound == found
    assert not any(r._linters for r in again._reviewers.values()), "a cached paper built a linter"


def _install(buffer: Buffer, server: ReviseServer) -> Buffer:
    done = refresh(buffer, server.overlay(), server.reviewer, server.options.filter)
    buffer.source, buffer.segmentation, buffer.edits = done.source, done.segmentation, done.edits
    return buffer


def test_an_unchanged_single_file_is_not_segmented_again_but_a_changed_one_is(tmp_path: Path) -> None:
    paper = tmp_path / "paper.tex"
    text = "\\begin{document}\nThis are a short paper.\n\nIt has two paragraph.\n\\end{document}\n"
    paper.write_text(text, encoding="utf-8")
    server = ReviseServer()
    buffer = _install(Buffer(paper.as_uri(), paper, text, 1), server)
    first = buffer.segmentation
    assert _install(buffer, server).segmentation is first  # a save or new settings: same text
    buffer.text = text.replace("two paragraph", "two paragraphs")
    changed = _install(buffer, server)
    assert changed.segmentation is not first
    assert changed.segmentation is not None and "paragraphs." in changed.segmentation.paragraphs[-1].text


def test_a_file_whose_input_was_missing_is_segmented_again(tmp_path: Path) -> None:
    paper = tmp_path / "paper.tex"
    text = "\\begin{document}\nA paragraph here.\n\n\\input{later}\n\\end{document}\n"
    paper.write_text(text, encoding="utf-8")
    server = ReviseServer()
    buffer = _install(Buffer(paper.as_uri(), paper, text, 1), server)
    assert buffer.segmentation is not None and buffer.segmentation.warnings
    (tmp_path / "later.tex").write_text("The section written later.\n", encoding="utf-8")
    again = _install(buffer, server).segmentation
    assert again is not None and len(again.files) == 2
