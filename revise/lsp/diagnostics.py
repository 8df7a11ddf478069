"""Edits as the protocol shows them: a Diagnostic per placed edit, a "Replace with …" code action per version.

A code action writes exactly what ``--apply --pick k`` writes for that edit (apply.replacement over the anchored
span), so the editor and the command line can never disagree about a fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lsprotocol import types

from revise.apply import replacement
from revise.document import SourceFile
from revise.edits import Confidence, Edit, Status
from revise.engines.selection import Selection
from revise.lsp.positions import UTF16, from_protocol, to_protocol

ASK_COMMAND = "revise.askReviewer"
_TITLE = 60


def confidence_of(edit: Edit) -> str:
    """The edit's confidence as the protocol's data carries it: high | medium | low."""
    return edit.confidence.value


@dataclass(frozen=True)
class Filter:
    """Which edits the author wants shown (workspace settings)."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    min_confidence: str | None = None

    def keeps(self, edit: Edit) -> bool:
        # The same reading of rule and category names as --enable/--disable on the command line.
        if not Selection.of(self.enable, self.disable).wanted(edit.suggestion):
            return False
        return edit.confidence.meets(Confidence(self.min_confidence or "low"))


def shown(edits: Iterable[Edit], source: SourceFile, keep: Filter) -> list[Edit]:
    """The placed edits in ``source`` the filter keeps, in source order."""
    out = [
        e
        for e in edits
        if e.anchor is not None and e.anchor.paragraph.file.path == source.path and keep.keeps(e)
    ]
    return sorted(out, key=lambda e: (e.anchor.start, e.anchor.end) if e.anchor else (0, 0))


def to_range(source: SourceFile, start: int, end: int, encoding: str = UTF16) -> types.Range:
    (l1, c1), (l2, c2) = to_protocol(source, start, encoding), to_protocol(source, end, encoding)
    return types.Range(types.Position(l1, c1), types.Position(l2, c2))


def diagnostic(edit: Edit, source: SourceFile, encoding: str = UTF16) -> types.Diagnostic:
    """One placed edit as a Diagnostic; its rule is the code, versions and confidence ride in ``data``."""
    assert edit.anchor is not None
    ok = edit.status is Status.OK
    message = edit.issue or "the reviewer suggests a change"
    if not ok:
        message += f" (not offered as a fix: {edit.reason or edit.status.value})"
    confidence = confidence_of(edit)
    return types.Diagnostic(
        range=to_range(source, edit.anchor.start, edit.anchor.end, encoding),
        message=message,
        severity=types.DiagnosticSeverity.Information if ok else types.DiagnosticSeverity.Hint,
        code=edit.suggestion.rule or "reviewer",
        source="revise",
        data={"id": edit.id, "confidence": confidence, "versions": list(edit.versions) if ok else []},
    )


def code_actions(
    edits: Sequence[Edit], source: SourceFile, uri: str, wanted: types.Range, encoding: str = UTF16
) -> list[types.CodeAction]:
    """One "Replace with …" action per version of every ok edit that touches ``wanted``."""
    start = from_protocol(source, wanted.start.line, wanted.start.character, encoding)
    end = from_protocol(source, wanted.end.line, wanted.end.character, encoding)
    actions: list[types.CodeAction] = []
    for edit in edits:
        anchor = edit.anchor
        if anchor is None or edit.status is not Status.OK or anchor.end < start or anchor.start > end:
            continue
        where = to_range(source, anchor.start, anchor.end, encoding)
        for number, version in enumerate(edit.versions, 1):
            change = types.TextEdit(range=where, new_text=replacement(edit, version))
            actions.append(
                types.CodeAction(
                    title=f"Replace with “{_short(version)}”",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic(edit, source, encoding)],
                    is_preferred=number == 1,
                    edit=types.WorkspaceEdit(changes={uri: [change]}),
                )
            )
    return actions


def ask_action(uri: str, position: types.Position) -> types.CodeAction:
    """The "Ask the reviewer" action: the LLM engine on the paragraph under the cursor."""
    argument = {"uri": uri, "line": position.line, "character": position.character, "scope": "paragraph"}
    return types.CodeAction(
        title="Ask the reviewer about this paragraph",
        kind=types.CodeActionKind.RefactorRewrite,
        command=types.Command(title="Ask the reviewer", command=ASK_COMMAND, arguments=[argument]),
    )


def _short(version: str) -> str:
    flat = " ".join(version.split()) or "(nothing)"
    return flat if len(flat) <= _TITLE else flat[: _TITLE - 1] + "…"
