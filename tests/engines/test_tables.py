"""The lexicon's table snapshot: lemminflect answers the same from it, and a bad snapshot only costs time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Words across the rules' needs: plurals, irregulars, verbs, words in lemminflect's override files, unknowns.
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
    "has",
    "spectra",
    "phenomena",
    "feature",
    "features",
    "research",
    "researches",
    "information",
    "datasets",
    "abdomen",
    "aneurysm",
    "all",
    "another",
    "went",
    "gone",
    "rely",
    "relies",
    "combine",
    "combines",
    "framework",
    "frameworks",
    "xyzzyq",
    "biomatrix",
]
PROBE = """
import json, sys
from pathlib import Path
from revise.engines import lexicon, tables
folder = sys.argv[1]
used = tables.load(Path(folder)) if folder != "-" else None
lexicon.warm(None)
from lemminflect import getAllLemmas, getInflection
words = json.loads(sys.argv[2])
answers = {w: [sorted((k, list(v)) for k, v in getAllLemmas(w).items()),
               [list(getInflection(w, tag)) for tag in ("NNS", "VBZ", "VBD", "VBG", "JJR")]] for w in words}
import hashlib
from lemminflect import Inflections, Lemmatizer
lem, infl = Lemmatizer(), Inflections()
whole = (lem.lemma_dict, lem.overrides_dict, infl.infl_dict, infl.overrides_dict)
digest = hashlib.sha256(json.dumps(whole, sort_keys=True).encode()).hexdigest()  # marshal bytes vary
print(json.dumps({"used": used, "answers": answers, "tables": digest, "words": len(lem.lemma_dict)}))
"""


def probe(folder: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, folder, json.dumps(WORDS)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def own() -> dict[str, object]:
    """lemminflect's answers and tables from its own parse of its CSV files, in a fresh process."""
    return probe("-")


@pytest.fixture(scope="module")
def own_answers(own: dict[str, object]) -> object:
    return own["answers"]


def test_the_snapshot_gives_lemminflects_own_answers(
    tmp_path: Path, own: dict[str, object], own_answers: object
) -> None:
    built = probe(str(tmp_path))  # no snapshot yet: lemminflect parses, and the snapshot is written
    snapshots = list(tmp_path.glob("lemminflect-*.marshal"))
    assert built["used"] is True and len(snapshots) == 1
    written = snapshots[0].stat().st_mtime_ns
    read = probe(str(tmp_path))  # now read from the snapshot
    assert read["used"] is True and snapshots[0].stat().st_mtime_ns == written
    assert built["answers"] == own_answers
    assert read["answers"] == own_answers
    # Not only these words: every table lemminflect answers from is the one it parsed itself, whole.
    assert isinstance(own["words"], int) and own["words"] > 50_000
    assert built["tables"] == read["tables"] == own["tables"]


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal at all", b"\xe3" + b"\x00" * 40],
    ids=["empty", "garbage", "truncated"],
)
def test_a_damaged_snapshot_is_ignored_and_replaced(
    tmp_path: Path, own_answers: object, damage: bytes
) -> None:
    probe(str(tmp_path))
    (snapshot,) = tmp_path.glob("lemminflect-*.marshal")
    snapshot.write_bytes(damage)
    again = probe(str(tmp_path))
    assert again["answers"] == own_answers
    assert snapshot.stat().st_size > 1_000_000  # rewritten whole


def test_a_snapshot_of_the_wrong_shape_is_not_handed_to_lemminflect(
    tmp_path: Path, own_answers: object
) -> None:
    import marshal

    probe(str(tmp_path))
    (snapshot,) = tmp_path.glob("lemminflect-*.marshal")
    snapshot.write_bytes(marshal.dumps(({}, {}, {}, {})))  # the right shape, but empty tables
    assert probe(str(tmp_path))["answers"] == own_answers


def test_a_folder_that_cannot_hold_it_costs_only_the_slow_load(tmp_path: Path, own_answers: object) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("the cache folder's place is taken by a file\n")  # mkdir fails, even for root
    result = probe(str(blocked / "cache"))
    assert result["used"] is False and result["answers"] == own_answers


def test_a_run_that_may_not_write_reads_a_snapshot_but_never_makes_one(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from revise.engines import tables\n"
        "print(tables.load(Path(sys.argv[1]), write=False))"
    )
    empty = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert empty.stdout.split() == ["False"] and list(tmp_path.iterdir()) == []
    probe(str(tmp_path))  # a run with the cache on makes it
    there = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert there.stdout.split() == ["True"]
