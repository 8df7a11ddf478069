"""Interactive review through a real pseudo-terminal: keys, the editor, going back, quitting, memory."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pty
import select
import sys
import time
from dataclasses import replace
from pathlib import Path

from edit_factory import edit, paragraph

from revise.decisions import filter_remembered, load_rejected, remember_rejected
from revise.edits import Confidence, Edit, Status
from revise.interactive import review_interactively

TESTS = Path(__file__).resolve().parent

DRIVER = """
import json, os, sys
sys.path.insert(0, {tests!r})
from edit_factory import edit, paragraph
from revise.decisions import filter_remembered
from revise.interactive import review_interactively

para = paragraph("Alpha beta gamma. Delta $x$ epsilon.", [("$x$", "MATH")])
edits = [
    edit(para, "beta", "BETA", "Beta2", id=1),
    edit(para, "Delta $x$ epsilon", "Delta [MATH1] eps", id=2),
]
# The document came on stdin: keys must come from the terminal all the same.
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
with open("/dev/tty") as tty_in, open("/dev/tty", "w") as tty_out:
    d = review_interactively(edits, tty_in=tty_in, tty_out=tty_out, editor=sys.argv[2] or None)
result = {{
    "choices": {{str(k): v for k, v in d.choices.items()}},
    "write": d.write,
    "rejected": list(d.rejected),
    "versions": {{str(e.id): list(e.versions) for e in d.edits}},
    "left": [e.id for e in filter_remembered(edits)],
}}
with open(sys.argv[1], "w") as f:
    json.dump(result, f)
"""


class Terminal:
    """A child process on a pseudo-terminal; ``expect`` waits for output, ``press`` sends one key."""

    def __init__(self, argv: list[str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.execv(argv[0], argv)
        self.output = ""
        self.presses = 0

    def press(self, key: str) -> None:
        """Wait for the next prompt, then type ``key``."""
        self.presses += 1
        deadline = time.monotonic() + 10
        while self.output.count(",q,?] ") + self.output.count("[w,b,q] ") < self.presses:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"waited for prompt {self.presses}; the terminal shows:\n{self.output}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    raise AssertionError(f"the child ended early:\n{self.output}")
                self.output += chunk.decode("utf-8", "replace")
        os.write(self.fd, key.encode())

    def finish(self) -> int:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                with contextlib.suppress(OSError):
                    self.output += os.read(self.fd, 4096).decode("utf-8", "replace")
        os.kill(self.pid, 9)
        raise AssertionError(f"the child did not finish:\n{self.output}")


def _session(tmp_path: Path, keys: list[str], editor: str = "") -> tuple[dict, str]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(tests=str(TESTS)))
    result = tmp_path / "result.json"
    term = Terminal([sys.executable, str(driver), str(result), editor])
    for key in keys:
        term.press(key)
    assert term.finish() == 0, term.output
    return json.loads(result.read_text()), term.output


def test_keys_accept_skip_and_write_through_a_real_terminal(tmp_path: Path) -> None:
    decided, shown = _session(tmp_path, ["2", "s", "w"])
    assert decided["choices"] == {"1": 2, "2": 0}
    assert decided["write"] is True
    assert decided["rejected"] == [2]
    assert decided["left"] == [1]
    assert "1: Alpha [-beta-]{+BETA+}" not in shown  # the diff shows the quoted span only
    assert "1: [-beta-]{+BETA+}" in shown
    assert "2: [-beta-]{+Beta2+}" in shown


def test_quit_writes_nothing_and_remembers_nothing(tmp_path: Path) -> None:
    decided, shown = _session(tmp_path, ["s", "q"])
    assert decided["write"] is False
    assert decided["left"] == [1, 2]
    assert "nothing written" in shown


def test_back_returns_to_the_previous_edit_to_change_the_decision(tmp_path: Path) -> None:
    decided, _ = _session(tmp_path, ["1", "b", "s", "1", "w"])
    assert decided["choices"] == {"1": 0, "2": 1}
    assert decided["rejected"] == [1]


def test_write_early_skips_undecided_edits_without_remembering_them(tmp_path: Path) -> None:
    decided, _ = _session(tmp_path, ["1", "w"])
    assert decided["choices"] == {"1": 1, "2": 0}
    assert decided["write"] is True
    assert decided["left"] == [1, 2]


def test_help_lists_the_keys(tmp_path: Path) -> None:
    _, shown = _session(tmp_path, ["?", "q"])
    assert "accept that version" in shown and "quit without writing" in shown


def _editor(tmp_path: Path, old: str, new: str) -> str:
    """A fake $EDITOR: keeps what it was shown in seen.txt, then replaces ``old`` by ``new`` in the file."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys\n"
        "text = open(sys.argv[1]).read()\n"
        f"open({str(tmp_path / 'seen.txt')!r}, 'w').write(text)\n"
        f"open(sys.argv[1], 'w').write(text.replace({old!r}, {new!r}))\n"
    )
    return f"{sys.executable} {script}"


def test_text_typed_in_the_editor_becomes_a_guarded_version(tmp_path: Path) -> None:
    decided, _ = _session(tmp_path, ["e", "s", "w"], editor=_editor(tmp_path, "BETA", "bêta 50%"))
    assert decided["versions"]["1"] == ["BETA", "Beta2", "bêta 50\\%"]
    assert decided["choices"] == {"1": 3, "2": 0}


def test_the_editor_shows_the_sentence_with_the_version_in_place(tmp_path: Path) -> None:
    _session(tmp_path, ["e", "s", "w"], editor=_editor(tmp_path, "BETA", "bêta"))
    assert (tmp_path / "seen.txt").read_text() == "Alpha BETA gamma.\n"


def test_a_change_outside_the_edit_is_refused_and_the_edit_stays(tmp_path: Path) -> None:
    decided, shown = _session(
        tmp_path, ["e", "1", "1", "w"], editor=_editor(tmp_path, "Alpha BETA", "Alfa Bêta")
    )
    assert "only the edit itself can be taken back" in shown
    assert decided["versions"]["1"] == ["BETA", "Beta2"]


def test_unsafe_text_from_the_editor_is_refused_and_the_edit_stays(tmp_path: Path) -> None:
    decided, shown = _session(tmp_path, ["e", "1", "1", "w"], editor=_editor(tmp_path, "BETA", "\\input{x}"))
    assert "not safe to write" in shown
    assert decided["versions"]["1"] == ["BETA", "Beta2"]
    assert decided["choices"] == {"1": 1, "2": 1}


RULES = """
import json, sys
from dataclasses import replace
sys.path.insert(0, {tests!r})
from edit_factory import edit, paragraph
from revise.interactive import review_interactively

para = paragraph("Alpha beta gamma. Delta beta epsilon. Zeta beta eta.")
def ruled(e, rule):
    return replace(e, suggestion=replace(e.suggestion, rule=rule))
edits = [
    ruled(edit(para, "beta", "BETA", id=1), "caps"),
    ruled(edit(para, "gamma", "GAMMA", id=2), "other"),
    ruled(edit(para, "beta", "BETA", id=3, occurrence=1), "caps"),
    ruled(edit(para, "beta", "BETA", id=4, occurrence=2), "caps"),
]
with open("/dev/tty") as tty_in, open("/dev/tty", "w") as tty_out:
    d = review_interactively(edits, tty_in=tty_in, tty_out=tty_out, editor=None)
with open(sys.argv[1], "w") as f:
    json.dump({{"choices": {{str(k): v for k, v in d.choices.items()}}, "rejected": list(d.rejected)}}, f)
"""


def _rules_session(tmp_path: Path, keys: list[str]) -> tuple[dict, str]:
    driver = tmp_path / "rules.py"
    driver.write_text(RULES.format(tests=str(TESTS)))
    result = tmp_path / "result.json"
    term = Terminal([sys.executable, str(driver), str(result)])
    for key in keys:
        term.press(key)
    assert term.finish() == 0, term.output
    return json.loads(result.read_text()), term.output


def test_one_key_accepts_every_remaining_edit_of_the_rule(tmp_path: Path) -> None:
    decided, shown = _rules_session(tmp_path, ["A", "s", "w"])
    assert decided["choices"] == {"1": 1, "3": 1, "4": 1, "2": 0}
    assert decided["rejected"] == [2]
    assert "[1,s,A,S,e,b,w,q,?] " in shown and "Accepted 3 edit(s) of rule caps" in shown


def test_one_key_skips_every_remaining_edit_of_the_rule(tmp_path: Path) -> None:
    decided, _ = _rules_session(tmp_path, ["1", "1", "S", "w"])
    # Edit 1 was accepted before S: only the remaining edits of the rule (3 and 4) are skipped.
    assert decided["choices"] == {"1": 1, "2": 1, "3": 0, "4": 0}
    assert sorted(decided["rejected"]) == [3, 4]


# --- without a terminal, and the memory ------------------------------------------------------------------


def _edits():
    para = paragraph("Alpha beta gamma. Delta $x$ epsilon.", [("$x$", "MATH")])
    return [edit(para, "beta", "BETA", "Beta2", id=1), edit(para, "gamma", "GAMMA", id=2)]


def test_line_input_works_when_the_streams_are_not_a_terminal() -> None:
    out = io.StringIO()
    decided = review_interactively(_edits(), tty_in=io.StringIO("2\n\ns\nw\n"), tty_out=out, editor=None)
    assert decided.choices == {1: 2, 2: 0}
    assert decided.write


def test_end_of_input_quits_without_writing() -> None:
    decided = review_interactively(_edits(), tty_in=io.StringIO("1\n"), tty_out=io.StringIO(), editor=None)
    assert decided.write is False


def test_only_ok_edits_are_reviewed() -> None:
    edits = _edits()
    edits[0] = edits[0].with_status(Status.CONFLICT, "overlaps edit 2")
    out = io.StringIO()
    decided = review_interactively(edits, tty_in=io.StringIO("s\nw\n"), tty_out=out, editor=None)
    assert decided.choices == {2: 0}
    assert "Edit 1/1" in out.getvalue()


def test_remembered_rejections_survive_other_edits_to_the_file(tmp_path: Path) -> None:
    edits = _edits()
    remember_rejected([edits[1]])
    assert load_rejected()
    assert Path(os.environ["REVISE_CACHE_DIR"], "rejected.json").is_file()
    # The same sentence in a file whose other text changed: still not proposed again.
    moved = paragraph("Something else first. Alpha beta gamma. Delta $x$ epsilon.", [("$x$", "MATH")])
    again = [edit(moved, "beta", "BETA", id=1), edit(moved, "gamma", "GAMMA", "Gamma!", id=2)]
    left = filter_remembered(again)
    assert [e.id for e in left] == [1, 2]
    assert left[1].versions == ("Gamma!",)


def test_an_unreadable_memory_counts_as_empty(tmp_path: Path) -> None:
    store = Path(os.environ["REVISE_CACHE_DIR"])
    store.mkdir(parents=True, exist_ok=True)
    (store / "rejected.json").write_text("{not json")
    assert filter_remembered(_edits()) == _edits()


def test_cli_reads_keys_from_the_terminal_while_the_document_comes_on_stdin(tmp_path: Path) -> None:
    doc = tmp_path / "doc.tex"
    doc.write_bytes(b"\\begin{document}\nWe has results on $x$ data.\n\nIt were good.\n\\end{document}\n")
    reply = tmp_path / "reply.json"
    edits = [
        {"original": "We has results", "issue": "agreement", "versions": ["We have results"]},
        {"original": "It were good.", "issue": "agreement", "versions": ["It was good.", "It is good."]},
    ]
    reply.write_text(json.dumps({"edits": edits}))
    out = tmp_path / "out.tex"
    driver = tmp_path / "cli.py"
    driver.write_text(
        "import os, sys\n"
        f"os.dup2(os.open({str(doc)!r}, os.O_RDONLY), 0)\n"
        "from revise.cli import main\n"
        f"sys.argv = ['revise', '-', '--reply', {str(reply)!r}, '-i', '--output', {str(out)!r}]\n"
        "main()\n"
    )
    term = Terminal([sys.executable, str(driver)])
    for key in ["1", "2", "w"]:
        term.press(key)
    assert term.finish() == 0, term.output
    assert (
        out.read_bytes()
        == b"\\begin{document}\nWe have results on $x$ data.\n\nIt is good.\n\\end{document}\n"
    )


def test_cli_shows_each_edit_as_the_report_does_with_its_context(tmp_path: Path) -> None:
    doc = tmp_path / "doc.tex"
    doc.write_bytes(b"Our long opening words come first and the results has been good since then.\n")
    reply = tmp_path / "reply.json"
    edits = [{"original": "has", "issue": "agreement", "versions": ["have"]}]
    reply.write_text(json.dumps({"edits": edits}))
    driver = tmp_path / "cli.py"
    driver.write_text(
        "import os, sys\n"
        "os.environ['NO_COLOR'] = '1'\n"
        "from revise.cli import main\n"
        f"sys.argv = ['revise', {str(doc)!r}, '--reply', {str(reply)!r}, '-i', '--output', {str(tmp_path / 'o.tex')!r}]\n"
        "main()\n"
    )
    term = Terminal([sys.executable, str(driver)])
    term.press("q")
    term.finish()
    assert "first and the results [-has-]{+have+} been good since" in term.output
    assert term.output.count("nothing written") == 1


def _cli_on_terminal(tmp_path: Path, args: list[str], keys: list[str]) -> str:
    driver = tmp_path / "cli_tty.py"
    driver.write_text(
        "import os, sys\n"
        "os.environ['NO_COLOR'] = '1'\n"
        f"os.chdir({str(tmp_path)!r})\n"
        "from revise.cli import main\n"
        f"sys.argv = ['revise', *{args!r}]\n"
        "main()\n"
    )
    term = Terminal([sys.executable, str(driver)])
    for key in keys:
        term.press(key)
    assert term.finish() == 0, term.output
    return term.output


TWO = b"\\begin{document}\nWe has results.\n\nIt were good.\n\\end{document}\n"
TWO_EDITS = [
    {"original": "We has results", "issue": "agreement", "versions": ["We have results"]},
    {"original": "It were good.", "issue": "agreement", "versions": ["It was good."]},
]


def test_w_writes_the_reviewed_file_with_a_backup_and_says_where(tmp_path: Path) -> None:
    (tmp_path / "doc.tex").write_bytes(TWO)
    (tmp_path / "reply.json").write_text(json.dumps({"edits": TWO_EDITS}))
    shown = _cli_on_terminal(tmp_path, ["doc.tex", "--reply", "reply.json", "-i"], ["1", "s", "w"])
    assert (tmp_path / "doc.tex").read_bytes() == TWO.replace(b"We has", b"We have")
    assert (tmp_path / "doc.tex.bak").read_bytes() == TWO
    assert "wrote doc.tex" in shown and "doc.tex.bak" in shown
    assert "\\begin{document}" not in shown  # the document is not printed to the terminal


def test_a_review_that_hides_remembered_skips_says_how_many(tmp_path: Path) -> None:
    (tmp_path / "doc.tex").write_bytes(TWO)
    (tmp_path / "reply.json").write_text(json.dumps({"edits": TWO_EDITS}))
    args = ["doc.tex", "--reply", "reply.json", "-i", "--output", "out.tex"]
    _cli_on_terminal(tmp_path, args, ["s", "1", "w"])
    shown = _cli_on_terminal(tmp_path, args, ["1", "w"])
    assert "1 remembered skip(s) hidden (revise --skipped doc.tex lists them" in shown
    assert "Edit 1/1" in shown


def test_accepting_all_of_a_rule_takes_only_what_min_confidence_takes() -> None:
    para = paragraph("Alpha beta gamma. Delta beta epsilon. Zeta beta eta.")

    def ruled(e: Edit, rule: str, confidence: Confidence = Confidence.HIGH) -> Edit:
        return replace(e, suggestion=replace(e.suggestion, rule=rule), confidence=confidence)

    edits = [
        ruled(edit(para, "beta", "BETA", id=1), "caps"),
        ruled(edit(para, "gamma", "GAMMA", id=2), "other"),
        ruled(edit(para, "beta", "BETA", id=3, occurrence=1), "caps", Confidence.LOW),
        ruled(edit(para, "beta", "BETA", id=4, occurrence=2), "caps"),
    ]
    out = io.StringIO()
    decided = review_interactively(
        edits,
        tty_in=io.StringIO("A\ns\ns\nw\n"),
        tty_out=out,
        editor=None,
        takes=lambda e: e.confidence.meets(Confidence.HIGH),
    )
    # A took edits 1 and 4; the low-confidence edit 3 was still asked about, and skipped.
    assert decided.choices == {1: 1, 4: 1, 2: 0, 3: 0}
    assert "Accepted 2 edit(s) of rule caps" in out.getvalue()
