"""Verifying an aligned rewrite: outside its changes, it must reproduce the paragraph exactly.

revise.anchoring.align fills a rewrite's ellipses with paragraph text and diffs the result; these checks refuse a
result whose changes are not the reviewer's own text (a gap begun inside a word glues the two together), or
whose changes do not give the filled version back, and say where it stopped matching.
"""

from __future__ import annotations

from revise.anchoring.normalize import normal_form


def stray_at(
    new: list[tuple[int, int, str]], own: list[bool], glued: list[bool], j1: int, j2: int
) -> int | None:
    """Where a changed run of the filled version is not what the reviewer wrote, else None.

    Ellipses stand for unchanged text, whole words of it (which may move with a reordered clause).  A changed
    word glued from a piece and an ellipsis's text (``results.-of-the-box.``: a gap begun inside a word), or
    a deletion right where an ellipsis's text ends or begins (the gap not placed where the text resumes),
    means the ellipses were placed wrongly: the rewrite would not be the reviewer's.
    """
    for j in range(j1, j2):
        if glued[j]:
            return new[j][0]
    if j1 == j2:
        if j1 > 0 and not own[j1 - 1]:
            return new[j1 - 1][0]
        if j1 < len(new) and not own[j1]:
            return new[j1][0]
    return None


def applied_words(text: str, changes: list[tuple[int, int, str]]) -> str:
    """``text`` with the changes made, as its words in normal form, one space apart."""
    parts, cursor = [], 0
    for lo, hi, repl in changes:
        parts += [text[cursor:lo], " ", repl, " "]
        cursor = hi
    parts.append(text[cursor:])
    return " ".join(normal_form(w) for w in "".join(parts).split())


def stopped(revised: str, at: int) -> str:
    """The reason a rewrite is refused, quoting where it stopped matching the paragraph."""
    lo = max(0, revised.rfind(" ", 0, max(0, at - 30)) + 1)
    hi = revised.find(" ", at + 40)
    shown = " ".join(revised[lo : hi if hi >= 0 else len(revised)].split())
    return f"outside its changes it does not reproduce the paragraph; it stops matching at “…{shown}…”"
