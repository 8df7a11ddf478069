"""The lint cache: Harper's findings per paragraph, so an unchanged paragraph is never linted twice.

A paragraph's key digests one settings fingerprint (every field of LintSettings but the word list: the
engine's versions, the dialect, the rule configuration), the lint-view text Harper reads, and the words of
the document dictionary that can change a verdict on that text. Keying on the view, not the LaTeX, means an
edit inside math or a comment leaves the paragraph's findings valid. Findings are stored in view
coordinates, after the typo filter, before mapping back to the masked text: that mapping and the number of
versions are cheap and recomputed on every run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from revise.cache import Cache
    from revise.edits import Suggestion

T = TypeVar("T")
S = TypeVar("S")

FORMAT = 3
"""Bumped whenever Finding's stored shape or what the engine stores changes."""


@dataclass(frozen=True)
class Finding:
    """One Harper lint on a paragraph's lint-view: ``[start, end)`` in view offsets."""

    rule: str
    message: str
    start: int
    end: int
    suggestions: tuple[tuple[str, str], ...]
    """(kind, text) pairs; kind is ``replace``, ``remove`` or ``insert_after``."""
    kind: str = ""
    """Harper's lint kind (Spelling, Agreement …), the category --enable/--disable name."""
    grade: str | None = None
    """For a spelling lint: the confidence its candidates earned (engines/grading.py), decided at lint time."""
    candidates: tuple[str, ...] = ()
    """For a spelling lint: the candidates worth offering."""


def from_lint(
    rule: str, lint: Any, offset: int, grade: str | None = None, candidates: tuple[str, ...] = ()
) -> Finding:
    """The Finding of one of harper-py's lints on a joined text in which the view starts at ``offset``."""
    import harper

    kinds = {harper.SuggestionKind.REMOVE: "remove", harper.SuggestionKind.INSERT_AFTER: "insert_after"}
    return Finding(
        rule,
        lint.message,
        lint.span.start - offset,
        lint.span.end - offset,
        tuple((kinds.get(s.kind, "replace"), s.replacement_text) for s in lint.suggestions),
        str(lint.lint_kind),
        grade,
        candidates,
    )


@dataclass(frozen=True)
class LintSettings:
    """Everything besides the text that shapes Harper's findings; a new option joins the key as a field."""

    engine: str
    """revise's and harper-py's versions and FORMAT: an upgrade never reads an older engine's findings."""
    dialect: str
    disabled: tuple[str, ...]
    """Harper rules switched off (the suppressed families and --disable)."""
    enabled: tuple[str, ...] = ()
    """Names turned on with --enable (Harper rules that are off by default)."""
    words: frozenset[str] = field(default=frozenset())
    """The document dictionary; only its part that can matter to a paragraph enters that paragraph's key."""

    def fingerprint(self) -> str:
        """A digest of every field but ``words``."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "words"}
        return _digest(json.dumps(values, sort_keys=True, default=sorted))

    def keys(self, texts: Sequence[str], forms: Callable[[str], Iterable[str]]) -> list[str]:
        """The cache key of each view text; ``forms(token)`` gives the spellings a lookup of it may try."""
        base = self.fingerprint()
        global_words, per_word = _split(self.words)
        shared = _digest("\n".join(sorted(global_words)))
        out = []
        tried: dict[str, tuple[str, ...]] = {}
        for text in texts:
            seen: set[str] = set()
            for token in set(_TOKEN.findall(text)):
                low = token.lower()
                if low not in tried:
                    tried[low] = (low, *forms(low))
                seen.update(tried[low])
            relevant = sorted(w for w in seen if w in per_word)
            out.append(_digest("\0".join((base, shared, " ".join(relevant), text))))
        return out


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The size and time of every module of the offline engine and of lemminflect's tables: a rule changed in
    a checkout (or by an upgrade that keeps the version) never serves findings its old code made. Stat-ing them
    costs ~0.3 ms."""
    folder = Path(__file__).parent
    files = sorted(folder.glob("*.py"))
    # The rules answer from lemminflect's tables: an upgrade of them is a change of the rules' code too.
    # find_spec locates the package without importing it (and numpy under it).
    from importlib.util import find_spec

    spec = find_spec("lemminflect")
    if spec is not None and spec.origin:
        files += sorted((Path(spec.origin).parent / "resources").glob("*"))
    parts = []
    for module in files:
        info = module.stat()
        parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return _digest("|".join(parts))[:16]


def document_key(settings: LintSettings, sources: Sequence[str], masked: Sequence[str]) -> str:
    """The key marking a whole document as linted with these settings: the texts of its files and of the
    paragraphs under review (a ``--section`` run is another document). Seen, every paragraph's findings are
    cached and no linter is built; unseen, the engine starts building one before it has looked."""
    return _digest("\0".join(("document", settings.fingerprint(), *sources, "\f", *masked)))


def _split(words: frozenset[str]) -> tuple[set[str], set[str]]:
    """Names, acronyms and user words (few, stable) key every paragraph; plain lower-case words only the
    paragraphs that use them (they are the words a paper repeats, so one edit easily moves one across the
    threshold, and a word matters to Harper only where it is written)."""
    lower = {w for w in words if w.islower() and w.isalpha()}
    return set(words) - lower, lower


_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(items: Iterable[Finding]) -> list[list[Any]]:
    """Findings as the JSON-ready rows the cache stores (and the lint worker, engines/worker.py, sends)."""
    return [
        [
            f.rule,
            f.message,
            f.start,
            f.end,
            [list(s) for s in f.suggestions],
            f.kind,
            f.grade,
            list(f.candidates),
        ]
        for f in items
    ]


def decode(rows: Any) -> tuple[Finding, ...]:
    """The findings of rows made by ``encode`` (ValueError or TypeError on anything else)."""
    out = []
    for r, m, a, b, s, kind, grade, cands in rows:
        if not (isinstance(r, str) and isinstance(m, str) and isinstance(kind, str)):
            raise TypeError("a finding's rule, message and kind are strings")
        if grade is not None and not isinstance(grade, str):
            raise TypeError("a finding's grade is a string or null")
        suggestions = tuple((str(k), str(t)) for k, t in s)
        out.append(Finding(r, m, int(a), int(b), suggestions, kind, grade, tuple(str(c) for c in cands)))
    return tuple(out)


def _rows(cache: Cache | None, keys: Sequence[str], read: Callable[[Any], T]) -> dict[str, T]:
    """The entries the cache holds for ``keys``, each read by ``read`` (an unreadable one counts as missing)."""
    if cache is None or not keys:
        return {}
    out: dict[str, T] = {}
    for key, text in cache.get_lints(list(dict.fromkeys(keys))).items():
        try:
            out[key] = read(json.loads(text))
        except (ValueError, TypeError):
            continue
    return out


def _keep(cache: Cache | None, found: Mapping[str, S], write: Callable[[S], list[list[Any]]]) -> None:
    """Store ``found`` (key → items, an empty list included: "nothing to say" is worth keeping)."""
    if cache is not None and found:
        cache.put_lints({key: json.dumps(write(items)) for key, items in found.items()})


def load(cache: Cache | None, keys: Sequence[str]) -> dict[str, tuple[Finding, ...]]:
    """Harper's findings the cache holds for ``keys``."""
    return _rows(cache, keys, decode)


def store(cache: Cache | None, found: Mapping[str, Sequence[Finding]]) -> None:
    _keep(cache, found, encode)


def rule_keys(settings: LintSettings, masked: Sequence[str]) -> list[str]:
    """Keys for the findings of revise's own grammar rules (engines/checks.py), which read the masked text."""
    base = settings.fingerprint()
    return [_digest("\0".join(("rules", base, text))) for text in masked]


def encode_rules(items: Iterable[Suggestion]) -> list[list[Any]]:
    """The grammar rules' findings of one paragraph as JSON-ready rows (cached, and sent by the lint worker)."""
    return [
        [s.original, s.issue, list(s.versions), *(s.span or (0, 0)), s.rule, s.confidence.value, s.category]
        for s in items
    ]


def decode_rules(rows: Any) -> tuple[Suggestion, ...]:
    """The findings of rows made by ``encode_rules`` (ValueError or TypeError on anything else); their
    paragraph index is set by the caller."""
    from revise.edits import Confidence, Suggestion

    return tuple(
        Suggestion(
            str(o),
            str(i),
            tuple(map(str, v)),
            None,
            (int(a), int(b)),
            r,
            confidence=Confidence(c),
            category=g,
        )
        for o, i, v, a, b, r, c, g in rows
    )


def load_rules(cache: Cache | None, keys: Sequence[str]) -> dict[str, tuple[Suggestion, ...]]:
    """Cached findings of the grammar rules (their paragraph index is set by the caller)."""
    return _rows(cache, keys, decode_rules)


def store_rules(cache: Cache | None, found: Mapping[str, Sequence[Suggestion]]) -> None:
    _keep(cache, found, encode_rules)
