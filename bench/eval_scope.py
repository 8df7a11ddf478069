"""Replay the replies-dev JSON cases as a live model would answer them, per request, in section scope and in
paragraph scope, and check that section scope places every edit where paragraph scope does.

Usage: python bench/eval_scope.py [CORPUS] [--verbose]

Each case's reply is first anchored as today (``--reply``: the whole document searched). Its edits are then
grouped into the requests a run would send (revise.planning, default budget): in section scope one JSON reply
per section or window, each edit naming its paragraph (``"paragraph": "P12"``), and, to show the labels are not
what places them, once more with no labels; in paragraph scope one reply per paragraph. Every reply goes
through the live-model reader (revise.replies.parse_model_reply, which ties each edit to its request) and the
anchoring stage. Printed: edits, placed at the same span as paragraph scope, placed elsewhere (must be 0), not
placed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from revise import document
from revise.edits import Status, paragraph_label
from revise.engines.base import Review
from revise.pipeline import finish, load
from revise.planning import CHARS_PER_TOKEN, DEFAULT_MAX_PROMPT_TOKENS, plan
from revise.replies import parse_model_reply, parse_reply

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "replies-dev"
STYLES = ("reply-json-exact.json", "reply-json-noisy.json")


def spans(segmentation, paragraphs, requests, placed, labelled: bool) -> dict[int, tuple[int, int] | None]:
    """Edit id (of the baseline) → the span it gets when replayed through ``requests``."""
    found: dict[int, tuple[int, int] | None] = {}
    for request in requests:
        mine = [(eid, e) for eid, e in placed.items() if e.anchor.paragraph.index in request.indices]
        if not mine:
            continue
        body = {
            "edits": [
                {
                    **({"paragraph": paragraph_label(e.anchor.paragraph.index)} if labelled else {}),
                    "original": e.suggestion.original,
                    "issue": e.suggestion.issue,
                    "versions": list(e.suggestion.versions),
                }
                for _, e in mine
            ]
        }
        suggestions = parse_model_reply(json.dumps(body), request.indices)
        edits = finish(segmentation, paragraphs, Review(suggestions), "llm", None).edits
        for (eid, _), edit in zip(mine, edits, strict=True):
            ok = edit.status is Status.OK and edit.anchor is not None
            found[eid] = (edit.anchor.start, edit.anchor.end) if ok and edit.anchor else None
    return found


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0]) if args else DEFAULT
    if not root.is_dir():
        print(f"no corpus at {root}", file=sys.stderr)
        return 1
    tally: Counter[str] = Counter()
    problems: list[str] = []
    for case in sorted(root.glob("*/case*")):
        source, _ = document.decode((case / "doc.tex").read_bytes(), "doc.tex", case / "doc.tex")
        segmentation, paragraphs = load(source)
        budget = CHARS_PER_TOKEN * DEFAULT_MAX_PROMPT_TOKENS - 3500  # about the instructions' share
        by_scope = {
            s: plan(paragraphs, paragraphs, scope=s, budget_chars=budget) for s in ("section", "paragraph")
        }
        tally["section requests"] += len(by_scope["section"])
        tally["paragraph requests"] += len(by_scope["paragraph"])
        for style in STYLES:
            reply = case / style
            if not reply.is_file():
                continue
            base = finish(
                segmentation, paragraphs, Review(tuple(parse_reply(reply.read_text()))), "reply", None
            )
            placed = {e.id: e for e in base.edits if e.status is Status.OK and e.anchor is not None}
            para = spans(segmentation, paragraphs, by_scope["paragraph"], placed, True)
            for name, labelled in (("section", True), ("section, no labels", False)):
                sect = spans(segmentation, paragraphs, by_scope["section"], placed, labelled)
                for eid in placed:
                    tally[f"{name}: edits"] += 1
                    if sect.get(eid) is None:
                        tally[f"{name}: not placed"] += 1
                        problems.append(
                            f"{case.parent.name}/{case.name} {style} edit {eid}: not placed ({name})"
                        )
                    elif sect[eid] == para.get(eid):
                        tally[f"{name}: same place"] += 1
                    else:
                        tally[f"{name}: elsewhere"] += 1
                        problems.append(
                            f"{case.parent.name}/{case.name} {style} edit {eid}: {sect[eid]} vs {para.get(eid)}"
                        )
            tally["paragraph: placed"] += sum(1 for eid in placed if para.get(eid) is not None)
            tally["paragraph: as --reply"] += sum(
                1 for eid, e in placed.items() if para.get(eid) == (e.anchor.start, e.anchor.end)
            )
            tally["paragraph: edits"] += len(placed)
    cases = len(list(root.glob("*/case*")))
    print(f"{cases} cases, {', '.join(STYLES)}")
    print(
        f"requests: section scope {tally['section requests']}, paragraph scope {tally['paragraph requests']}"
    )
    print(
        f"paragraph scope: {tally['paragraph: placed']} of {tally['paragraph: edits']} edits placed, "
        f"{tally['paragraph: as --reply']} where --reply on the whole document places them"
    )
    for name in ("section", "section, no labels"):
        edits = tally[f"{name}: edits"]
        print(
            f"{name:20} {edits} edits: {tally[f'{name}: same place']} at the same span as paragraph scope "
            f"({100 * tally[f'{name}: same place'] / max(1, edits):.1f} %), {tally[f'{name}: elsewhere']} elsewhere, "
            f"{tally[f'{name}: not placed']} not placed"
        )
    if "--verbose" in argv:
        for line in problems:
            print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
