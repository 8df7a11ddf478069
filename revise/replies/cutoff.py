"""A reply cut off inside its last value: copied from a chat window only in part, its last point may end early.

Nothing marks where a plain value ends, so the end of the reply is the only evidence: when the reply ends
inside the last suggestion's last version (no closing quotation mark, fence, table pipe or emphasis after it,
and no reason or remark either), that version may be cut off.  Stated rule: such a version of a point must end
with its quote's last word (a cut-off version rarely does, a revision usually does), else it is dropped, and a
point left with no version is refused; when the quote ends there too (one line writing both, as track
changes do) and the reply has no final line break, the version must end a sentence.  Such a rewrite is marked ``cut``; revise.anchoring.rewrites keeps it
only when it ends with an ellipsis, a sentence's end or as its paragraph ends.
"""

from __future__ import annotations

import re
from dataclasses import replace

from revise.edits import Suggestion

_CLOSERS = ('"', "”", "»", "」", "』", "“", "`", "|", "**", "__")
_DRESS = re.compile(r"[*_`>~\"“”„«»「」|]")
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:[>+]|-(?=[ \t]))[ \t]*")
_TAIL = 24
_SENTENCE_END = re.compile(r"[.!?;:。！？][\"'’”)\]}]*\s*$")


def _plain(text: str) -> str:
    return " ".join(_DRESS.sub("", _LINE_MARK.sub("", text)).split())


def ends_inside(reply: str, version: str) -> bool:
    """Whether ``reply`` ends inside ``version``: nothing closes the value, and the reply's last words are its."""
    end = reply.rstrip()
    if end.endswith(_CLOSERS):
        return False
    tail = _plain(version)[-_TAIL:]
    return bool(tail) and _plain(end).endswith(tail)


def _shared_end(a: str, b: str) -> str:
    """The words two texts end with alike (what a track-changes line writes after its last change)."""
    x, y = a.split(), b.split()
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n]:
        n += 1
    return " ".join(x[len(x) - n :])


def check(reply: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions with the last one's cut-off version dropped, refused or marked (see the module)."""
    if not suggestions or suggestions[-1].refused is not None or not suggestions[-1].versions:
        return suggestions
    last = suggestions[-1]
    # A quote written out whole elsewhere in the reply (after "Original:") is no line the reply ends inside.
    spread = " ".join(last.original.split()) not in " ".join(reply.split())
    # A track-changes line (quote and version interleaved) cut after its last change, or inside the words after it.
    marked_end = reply.rstrip().endswith(("~~", "**", "+}", "-]", "</ins>", "</del>"))
    both = (
        not last.elided
        and spread
        and not reply.endswith("\n")
        and (marked_end or ends_inside(reply, _shared_end(last.original, last.versions[-1])))
    )
    if not both and not ends_inside(reply, last.versions[-1]):
        return suggestions
    if last.elided:
        return [*suggestions[:-1], replace(last, cut=True)]
    quoted, revised = last.original.split(), last.versions[-1].split()
    if both:
        # Quote and version written on one line the reply ends inside (track changes): they share their
        # end whether cut or not, so only a sentence's end shows the line was whole.
        if _SENTENCE_END.search(last.versions[-1]):
            return suggestions
    elif quoted and revised and quoted[-1] == revised[-1]:
        return suggestions
    if len(last.versions) > 1:
        return [*suggestions[:-1], replace(last, versions=last.versions[:-1])]
    why = "the reply ends inside its revised text, which does not end as its quote does (cut off?)"
    return [*suggestions[:-1], replace(last, versions=(), refused=why)]
