"""lemminflect's tables read on demand: every answer and every entry is the one its own parse gives."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from revise.engines import tables

# Words across the rules' needs: plurals, irregulars, verbs, modals (hard-coded by lemminflect), words in its
# override files, capitalised entries, the tables' first and last keys' neighbours, unknowns.
WORDS = [
    "results",
    "shows",
    "learn",
    "learns",
    "data",
    "criteria",
    "analyses",
    "anomalies",
    "detector",
    "detectors",
    "was",
    "were",
    "is",
    "are",
    "be",
    "can",
    "ought",
    "shall",
    "has",
    "spectra",
    "phenomena",
    "features",
    "research",
    "information",
    "datasets",
    "abdomen",
    "all",
    "went",
    "gone",
    "rely",
    "relies",
    "framework",
    "Aachen",
    "'d",
    "'",
    "a",
    "zzzz",
    "xyzzyq",
    "biomatrix",
    "data,set",
]
PROBE = """
import json, sys
lazy = sys.argv[1] == "lazy"
if lazy:
    from revise.engines import tables
    assert tables.load()
from lemminflect import Inflections, Lemmatizer, getAllLemmas, getInflection
words = json.loads(sys.argv[2])
answers = {w: [sorted((k, list(v)) for k, v in getAllLemmas(w).items()),
               [list(getInflection(w, tag)) for tag in ("NNS", "VBZ", "VBD", "VBG", "JJR")]] for w in words}
lem, infl = Lemmatizer(), Inflections()
lemma_table, inflection_table = lem._getLemmaDict(), infl._getInflDict()
whole = [list(lemma_table.items()), list(inflection_table.items())]  # every key, in order, and its entry
print(json.dumps({"kind": type(lemma_table).__name__, "answers": answers, "whole": whole}))
"""


def probe(kind: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, kind, json.dumps(WORDS)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def own() -> dict[str, object]:
    """lemminflect's answers and tables from its own parse of its files, in a fresh process."""
    return probe("own")


def test_lemminflect_answers_the_same_from_the_tables_read_on_demand(own: dict[str, object]) -> None:
    lazy = probe("lazy")
    assert lazy["kind"] == "SortedTable" and own["kind"] == "dict"
    assert lazy["answers"] == own["answers"]
    # Not only these words: every entry of both tables, in lemminflect's own order, is the one it parses.
    assert lazy["whole"] == own["whole"]
    lemmas, inflections = own["whole"]  # type: ignore[misc]
    assert len(lemmas) > 60_000 and len(inflections) > 30_000


def test_the_files_are_sorted_by_word_with_each_words_lines_together() -> None:
    """The premise of the binary search, checked on the installed lemminflect's own files."""
    from lemminflect import Inflections, Lemmatizer

    for path in (Lemmatizer().lemma_lu_fn, Inflections().infl_lu_fn):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            keys = [line.split(",", 1)[0] for line in f]
        assert keys == sorted(keys), path
        runs = [k for i, k in enumerate(keys) if i == 0 or k != keys[i - 1]]
        assert len(runs) == len(set(keys)), path


def test_a_table_finds_every_word_and_only_those() -> None:
    text = "ant,noun,ant\nbee,noun,bees\nbee,verb,bee\nbeet,noun,beets\ncat,noun,cats\n"
    table = tables.SortedTable(text, lambda lines: {"lines": lines})
    assert table.get("bee") == {"lines": ["bee,noun,bees", "bee,verb,bee"]}
    assert table["ant"] == {"lines": ["ant,noun,ant"]} and table.get("cat") == {"lines": ["cat,noun,cats"]}
    for absent in ("", "a", "an", "be", "beeg", "bet", "ca", "cats", "dog", "bee,noun", "bee\nbeet"):
        assert table.get(absent, "none") == "none" and absent not in table
    with pytest.raises(KeyError):
        table["dog"]
    assert list(table) == ["ant", "bee", "beet", "cat"] and len(table) == 4
    fixed = tables.SortedTable(text, lambda lines: {"lines": lines}, {"bee": {"fixed": True}, "yak": {}})
    assert fixed["bee"] == {"fixed": True} and "yak" in fixed and list(fixed)[-1] == "yak"
    assert tables.SortedTable("", lambda lines: {}).get("ant") is None


def test_an_unknown_lemminflect_layout_is_left_to_load_its_own_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    monkeypatch.delattr(type(lemmatizer), "lemma_lu_fn", raising=False)
    monkeypatch.delattr(lemmatizer, "lemma_lu_fn", raising=False)
    monkeypatch.delattr(lemmatizer, "lemma_dict", raising=False)
    assert tables.load() is False
    assert not hasattr(lemmatizer, "lemma_dict")
