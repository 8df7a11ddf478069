"""The guard: turns each anchored edit's raw versions into source-ready LaTeX, or refuses them with a reason.

A version (masked placeholder tokens, raw LaTeX from a pasted reply, or plain text with ``%`` for ``\\%``) is
unmasked, then must give back every protected element of the quoted span (math, citations, references, labels,
comments …) exactly once, in order and byte for byte, and may not add math, citations, references, labels,
unbalanced braces or dangerous commands (``\\input``, ``\\def``, ``\\write18`` …). Obvious slips in words the
version adds are fixed and noted (``50%`` → ``50\\%``, ``R&D`` → ``R\\&D``, curly quotes in a latin-1 file →
````` ``…'' `````, text run onto a protected comment's line gets its line break back); line breaks follow the
file's newline style. Only words the version adds or changes are touched: what it keeps stays as written.

Statuses: a version that breaks a rule is dropped (a note says why); an edit with no safe version left becomes
``unsafe`` with the reasons. An edit whose every version *changes nothing* (same text once whitespace is
normalised) is not an edit at all and is left out of the result: there is nothing to show, accept or apply,
and calling it unsafe would misreport a harmless reply. Overlapping ok edits: the later one becomes
``conflict``. Edits that are not ok pass through untouched.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import replace

from revise.edits import Anchor, Confidence, Edit, Status
from revise.escape import escape_new_words, latex_spelling
from revise.inplace import Unsafe, check_in_place, paper_macros
from revise.latex.mask import TOKEN, Placeholder

_NEWLINE = re.compile(r"\r\n|\r|\n")
_FORBIDDEN = re.compile(
    r"\\(input|include|includeonly|write|write18|immediate|openout|openin|read|readline|def|edef|gdef|xdef|let"
    r"|futurelet|newcommand|renewcommand|providecommand|DeclareRobustCommand|newenvironment|renewenvironment"
    r"|usepackage|RequirePackage|documentclass|catcode|csname|makeatletter|makeatother|special|directlua"
    r"|luaexec|ShellEscape|input@path|endinput|bibliography|bibliographystyle|addbibresource|end)(?![A-Za-z@])"
    r"|\\begin\s*\{document\}"
)
_PROTECTED_COMMANDS = re.compile(
    r"\\([A-Za-z]*cite[A-Za-z]*|ref|eqref|cref|Cref|autoref|pageref|nameref|vref|labelcref|crefrange"
    r"|label)\*?(?![A-Za-z@])"
)
_MATH_OPEN = re.compile(
    r"\\\(|\\\[|\\begin\s*\{(?:equation|align|alignat|gather|multline|flalign|eqnarray"
    r"|displaymath|math)\*?\}"
)
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([^}]*)\}")
_NOTHING = "changes nothing"
# An ellipsis that stands for left-out text stands apart ("A ... B"); one attached to a word ("really…") is
# punctuation the reviewer wrote.
_ELLIPSIS = re.compile(r"(?:(?<=\s)|^)\[?(?:\.\.\.|…)\]?(?=\s|$)")


class _Refused(Exception):
    """A version breaks a rule; the message says which, for the user."""


def guard(edits: Sequence[Edit], *, newline: str | None = None, macros: Collection[str] = ()) -> list[Edit]:
    """Source-ready, safe versions for every ok edit; unsafe or conflicting edits marked with a reason.

    ``macros`` are the paper's own text macros a version may write (``paper_macros`` of every file read);
    those the edit's own file defines count too.
    """
    checked: list[Edit] = []
    own: dict[str, frozenset[str]] = {}
    for edit in edits:
        if edit.status is not Status.OK or edit.anchor is None:
            checked.append(edit)
            continue
        source = edit.anchor.paragraph.file
        if source.name not in own:
            own[source.name] = paper_macros([source.text])
        known = frozenset(macros) | own[source.name]
        result = _guard_edit(edit, newline or edit.anchor.paragraph.file.newline, known)
        if result is not None:
            checked.append(result)
    return _mark_conflicts(checked)


def _guard_edit(edit: Edit, newline: str, macros: frozenset[str]) -> Edit | None:
    assert edit.anchor is not None
    anchor = edit.anchor
    try:
        inside = _inside(anchor)
    except _Refused as err:
        return edit.with_status(Status.UNSAFE, str(err))
    kept: list[str] = []
    notes: list[str] = list(edit.notes)
    reasons: list[str] = []
    dropped = False
    for number, raw in enumerate(edit.versions, 1):
        try:
            raw = fill_elisions(raw, anchor)
            text, fixes = check_version(raw, anchor, inside, newline)
            _check_where_it_lands(text, anchor, macros)
        except (_Refused, Unsafe) as err:
            reasons.append(str(err) if len(edit.versions) == 1 else f"version {number} {err}")
            if str(err) != _NOTHING:
                notes.append(f"version {number} dropped: {err}")
                dropped = True
            continue
        if text in kept:
            continue
        kept.append(text)
        notes.extend(fixes)
    if kept:
        # A reviewer that also proposed an unsafe version may have misread the span: not applied unasked.
        confidence = edit.confidence.capped(Confidence.MEDIUM) if dropped else edit.confidence
        return replace(edit, versions=tuple(kept), notes=tuple(notes), confidence=confidence)
    if all(r.endswith(_NOTHING) for r in reasons):
        return None
    return replace(
        edit,
        versions=(),
        status=Status.UNSAFE,
        reason="no safe version: " + "; ".join(reasons),
        notes=tuple(notes),
    )


def _inside(anchor: Anchor) -> list[Placeholder]:
    """The protected elements within the quoted span; a span that cuts one is refused."""
    paragraph = anchor.paragraph
    if not (paragraph.start <= anchor.start <= anchor.end <= paragraph.end):
        raise _Refused("the quoted span leaves its paragraph")
    inside = []
    for ph in paragraph.masked.placeholders:
        if anchor.start <= ph.start and ph.end <= anchor.end:
            inside.append(ph)
        elif ph.start < anchor.end and anchor.start < ph.end:
            raise _Refused(f"the quoted span cuts through {ph.token} ({_short(ph.original)})")
    return inside


_REACH = 200
"""Characters of context either side of the span: enough to see what the edit forms with its neighbours,
and bounded, so a huge paragraph with many edits is not re-read whole for every version."""


def _check_where_it_lands(version: str, anchor: Anchor, macros: frozenset[str]) -> None:
    """The version spliced into its paragraph (with a window of context either side) must create nothing
    unsafe. The window never starts inside a control sequence (``\\%`` cut to ``%`` would read as a comment)
    and never ends inside a command name (``\\in`` + ``put`` must be seen whole)."""
    text, para = anchor.paragraph.file.text, anchor.paragraph
    lo = max(para.start, anchor.start - _REACH)
    while lo > para.start and text[lo - 1] == "\\":
        lo -= 1
    hi = min(para.end, anchor.end + _REACH)
    while hi < para.end and (text[hi].isalpha() or text[hi] == "@"):
        hi += 1
    check_in_place(text[lo : anchor.start], version, text[anchor.end : hi], anchor.text, macros)


def fill_elisions(version: str, anchor: Anchor) -> str:
    """A version shortened with ``...`` like its quote: each ellipsis stands for the source text the quote's did.

    Written literally, the ellipsis would replace a whole stretch of the paper by three dots. Anchoring recorded
    which stretches the quote's ellipses covered (``anchor.gaps``); without them the version cannot be told.
    """
    dots = len(_ELLIPSIS.findall(version)) - len(_ELLIPSIS.findall(anchor.text))
    if dots <= 0:
        return version
    revised = _ELLIPSIS.split(version)
    if len(revised) != len(anchor.gaps) + 1:
        raise _Refused("leaves text out with an ellipsis, and the text it stands for cannot be told")
    text = anchor.paragraph.file.text
    filled = revised[0].rstrip()
    for (lo, hi), piece in zip(anchor.gaps, revised[1:], strict=True):
        filled += text[lo:hi] + (piece.lstrip() if piece is revised[-1] else piece.strip())
    return filled


def check_version(
    raw: str, anchor: Anchor, inside: Sequence[Placeholder], newline: str
) -> tuple[str, list[str]]:
    """One version as source-ready LaTeX, with notes on what was fixed; raises _Refused when unsafe."""
    bad = next((ch for ch in raw if _is_control(ch)), None)
    if bad is not None:
        raise _Refused(f"has the control character U+{ord(bad):04X}")
    masked = anchor.paragraph.masked
    table = masked.by_token()
    original = anchor.text
    inside_tokens = {ph.token for ph in inside}
    for m in TOKEN.finditer(raw):
        token = m.group(0)
        if token in table and token not in inside_tokens:
            raise _Refused(f"brings in {token} from outside the quoted text")
        if token not in table and token not in original:
            raise _Refused(f"has {token}, which stands for nothing in this paragraph")
    text = masked.unmask(raw)
    free_version = _split_protected(text, inside)
    free_original = _split_protected(original, inside)
    for ph in {p.original: p for p in inside}.values():
        wanted, got = original.count(ph.original), text.count(ph.original)
        if got > wanted:
            raise _Refused(f"repeats {ph.token} ({_short(ph.original)})")
    free_version = [_NEWLINE.sub(newline, part) for part in free_version]
    notes: list[str] = []
    original_words = {w for part in free_original for w in part.split()}
    fixed_parts: list[str] = []
    for part in free_version:
        try:
            fixed, part_notes = escape_new_words(part, original_words)
        except ValueError as err:
            raise _Refused(str(err)) from None
        fixed_parts.append(fixed)
        notes.extend(part_notes)
    source = anchor.paragraph.file
    for i, part in enumerate(fixed_parts):
        if not source.can_encode(part):
            try:
                fixed_parts[i], spelled = latex_spelling(part, source.can_encode)
            except ValueError as err:
                raise _Refused(f"has {err}, which {source.encoding} cannot hold") from None
            notes.extend(spelled)
    _keep_comment_line_breaks(fixed_parts, free_original, inside, newline, notes)
    for part in fixed_parts:
        if part.endswith("\\") and _escaped(part + "x", len(part)):
            raise _Refused("ends a piece of text with a lone backslash")
    _check_free_text("".join(fixed_parts), "".join(free_original))
    pieces = [fixed_parts[0]]
    for ph, part in zip(inside, fixed_parts[1:], strict=True):
        pieces.extend((ph.original, part))
    result = "".join(pieces)
    # Whitespace that appears or disappears is a change (`7 \%` → `7\%`, ` ,` → `,`); a line break written
    # as a space is not (reviewers flatten quotes).
    if _spacing(result) == _spacing(original):
        raise _Refused(_NOTHING)
    return result, notes


def _is_control(ch: str) -> bool:
    """A control character other than tab and line breaks: NUL, ESC (terminal sequences), DEL, C1 …"""
    return ch not in "\t\n\r" and unicodedata.category(ch) == "Cc"


def _spacing(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _split_protected(text: str, inside: Sequence[Placeholder]) -> list[str]:
    """The text between the protected elements, found in order; refuses a version that drops or moves one."""
    parts: list[str] = []
    cursor = 0
    for ph in inside:
        found = text.find(ph.original, cursor)
        if found < 0:
            verb = "moves" if ph.original in text else "changes or drops"
            raise _Refused(f"{verb} {ph.token} ({_short(ph.original)})")
        parts.append(text[cursor:found])
        cursor = found + len(ph.original)
    parts.append(text[cursor:])
    return parts


def _keep_comment_line_breaks(
    parts: list[str], original: Sequence[str], inside: Sequence[Placeholder], newline: str, notes: list[str]
) -> None:
    """Text a version runs on after a protected comment would vanish into it: restore the line break."""
    for i, ph in enumerate(inside):
        following = parts[i + 1]
        if not ph.original.startswith("%") or (i + 1 == len(inside) and not following):
            continue
        rest = following.lstrip(" \t")
        if rest.startswith(("\n", "\r")):
            continue
        before = original[i + 1]
        kept = before[: len(before) - len(before.lstrip())]
        parts[i + 1] = (kept if _NEWLINE.search(kept) else newline) + rest
        notes.append(f"kept the line break after {ph.token}")


def _check_free_text(version: str, original: str) -> None:
    """Refuse what the version adds outside protected elements: commands, math, references, braces."""
    for pattern, what in (
        (_FORBIDDEN, "adds {}"),
        (_PROTECTED_COMMANDS, "adds {}"),
        (_MATH_OPEN, "adds math {}"),
    ):
        added = _counts(pattern, version)
        before = _counts(pattern, original)
        for key, count in added.items():
            if count > before.get(key, 0):
                raise _Refused(what.format(key))
    if _environments(version) != _environments(original):
        raise _Refused("opens or closes an environment (\\begin/\\end)")
    net_v, low_v = _brace_depth(version)
    net_o, low_o = _brace_depth(original)
    if net_v != net_o or low_v < low_o:
        raise _Refused("leaves braces unbalanced")


def _counts(pattern: re.Pattern[str], text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        if _escaped(text, m.start()):
            continue
        key = re.sub(r"\s+", "", m.group(0))
        counts[key] = counts.get(key, 0) + 1
    return counts


def _environments(text: str) -> dict[str, int]:
    balance: dict[str, int] = {}
    for m in _ENVIRONMENT.finditer(text):
        if not _escaped(text, m.start()):
            balance[m.group(2)] = balance.get(m.group(2), 0) + (1 if m.group(1) == "begin" else -1)
    return {k: v for k, v in balance.items() if v}


def _brace_depth(text: str) -> tuple[int, int]:
    depth = low = 0
    for i, ch in enumerate(text):
        if ch in "{}" and not _escaped(text, i):
            depth += 1 if ch == "{" else -1
            low = min(low, depth)
    return depth, low


def _escaped(text: str, i: int) -> bool:
    """Whether the character at ``i`` follows an odd number of backslashes."""
    run = 0
    while i - run - 1 >= 0 and text[i - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _mark_conflicts(edits: list[Edit]) -> list[Edit]:
    """The later of two overlapping ok edits becomes ``conflict``, naming the earlier one.

    The edits taken so far never overlap one another, so kept sorted per file only the neighbours of a new
    edit's place can overlap it: linear-logarithmic, where comparing with every taken edit was quadratic (an
    engine finding thousands of edits in a hostile paper spent most of its time here).
    """
    taken: dict[str, list[tuple[int, int, int]]] = {}
    kept: list[Edit] = []
    out: list[Edit] = []
    for edit in edits:
        if edit.status is Status.OK and edit.anchor is not None:
            spans = taken.setdefault(edit.anchor.paragraph.file.name, [])
            key = (edit.anchor.start, edit.anchor.end, len(kept))
            at = bisect.bisect_left(spans, key)
            near = (kept[span[2]] for span in spans[max(0, at - 2) : at + 2])
            other = next((t for t in near if _overlap(t, edit)), None)
            if other is not None:
                edit = edit.with_status(Status.CONFLICT, f"overlaps edit {other.id}")
            else:
                spans.insert(at, key)
                kept.append(edit)
        out.append(edit)
    return out


def _overlap(a: Edit, b: Edit) -> bool:
    assert a.anchor is not None and b.anchor is not None
    if a.anchor.paragraph.file.name != b.anchor.paragraph.file.name:
        return False
    s1, e1, s2, e2 = a.anchor.start, a.anchor.end, b.anchor.start, b.anchor.end
    # An insertion (empty span) where another edit starts has no clear order: a conflict too.
    return (s1 < e2 and s2 < e1) or (s1 == s2 and (s1 == e1 or s2 == e2))
