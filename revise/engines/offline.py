"""The offline reviewer: Harper's grammar checker on the prose plus LaTeX typography rules, no API key needed.

Paragraphs are turned into lint-views (engines/view.py), joined and linted in one call per linter (two
on a long paper), since building Harper's linter costs about a second and each call has overhead. Every
lint maps back to an exact span of the paragraph's masked text or is dropped; the LaTeX rules
(engines/rules.py) run on the masked text directly.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from revise.edits import Confidence, Suggestion
from revise.engines import capture, checks, grading, lexicon, vocabulary
from revise.engines import rules as typography
from revise.engines import view as lintview
from revise.engines.base import Review, ReviewContext
from revise.engines.selection import Selection
from revise.errors import ConfigError, EngineError

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph

PARALLEL_FROM = 20_000
"""Lint-view characters from which two linters share the work."""
DIALECTS = ("american", "british", "australian", "canadian", "indian")

# Harper rule families that are mostly noise on academic LaTeX, measured on the six corpus papers
# (bench/precision_offline.md has the figures). Each is switched off with the reason it misfires.
SUPPRESSED: dict[str, str] = {
    # LaTeX collapses runs of spaces, and the view leaves gaps where markup was: never a visible problem.
    "Spaces": "LaTeX collapses whitespace; indentation and gaps left by removed markup are invisible",
    "NoFrenchSpaces": "LaTeX collapses whitespace after a full stop",
    # Harper proposes Unicode characters; the LaTeX rules propose --, ``…'' and \dots instead.
    "NumericRangeEnDash": "replaced by the number-range-dash LaTeX rule (--, not a Unicode en dash)",
    "UseEllipsisCharacter": "replaced by the ellipsis LaTeX rule (\\dots, not a Unicode ellipsis)",
    # Measured as mostly or wholly wrong on the corpus papers.
    "OrthographicConsistency": "rewrites deliberate capitalisation of names (Fortran → FORTRAN)",
    "RoadMap": "'roadmap' is the standard spelling in software papers",
    "OxfordComma": "a house-style choice, and it misfires on lists that end in math",
    "MassNouns": "technical plurals are count nouns (covariances, likelihoods)",
    "LitotesDirectPositive": "'not uncommon' is a deliberate hedge; 'common' changes the claim",
    "ExpandMemoryShorthands": "GB, MB are standard units in papers",
    "ExpandTimeShorthands": "ms, s, h are SI units in papers ('3 ms per step'), not chat shorthand",
    "SentenceCapitalization": "sentences that open with a lower-case package name (scikit-image) or a "
    "macro, and paragraph fragments (items, table cells): 17 hits on the corpus, none genuine",
}


def _dialect(name: str) -> Any:
    import harper

    key = name.strip().lower()
    aliases = {"us": "american", "en-us": "american", "uk": "british", "gb": "british", "en-gb": "british"}
    key = aliases.get(key, key)
    if key not in DIALECTS:
        raise ConfigError(f"unknown English dialect {name!r}; choose one of {', '.join(DIALECTS)}")
    return getattr(harper.Dialect, key.upper())


# Harper writes Unicode punctuation and plain-text characters; the source needs their LaTeX spellings.
_LATEX = str.maketrans(
    {
        "–": "--",
        "—": "---",
        "“": "``",
        "”": "''",
        "‘": "`",
        "’": "'",
        "…": "\\dots{}",
        "%": "\\%",
        "&": "\\&",
        "#": "\\#",
        "$": "\\$",
        "_": "\\_",
    }
)


def latex_text(plain: str) -> str:
    """Plain replacement text as LaTeX source (escaped specials, LaTeX dashes and quotes)."""
    return plain.translate(_LATEX)


class OfflineReviewer:
    """Harper + LaTeX typography rules; a real engine with no API key."""

    name = "offline"
    model: str | None = None

    def __init__(
        self, settings: object | None = None, *, dialect: str | None = None, words: Iterable[str] = ()
    ):
        # Settings (revise/config.py) may carry the user's dialect and word list; explicit arguments add to
        # them. No dialect at all: the paper's own spelling decides, American when it does not say.
        chosen = getattr(settings, "dialect", None) or dialect
        self.dialect: str | None = str(chosen) if chosen else None
        self.words = tuple(words) + tuple(getattr(settings, "words", ()) or ())
        # --enable/--disable name rule ids or categories (typography, agreement, register, spelling…).
        self.selection = Selection.of(
            getattr(settings, "enable", ()) or (), getattr(settings, "disable", ()) or ()
        )
        if self.dialect is not None:
            _dialect(self.dialect)  # an unknown name is a ConfigError now, not after the paper is read
        self._linters: list[Any] = []

    def _lint_engines(self, count: int) -> list[Any]:
        """``count`` configured Harper linters, built once per reviewer (in parallel: no GIL is held)."""
        missing = count - len(self._linters)
        if missing > 0:
            try:
                import harper
            except ImportError as err:
                raise EngineError("the offline engine needs harper-py: pip install harper-py") from err

            def build(_: int) -> Any:
                linter = harper.Linter(_dialect(self.dialect or "american"))
                config: dict[str, bool | None] = dict(linter.get_default_lint_config())
                config.update({rule: False for rule in SUPPRESSED if rule in config})
                self.selection.configure(config)
                linter.set_lint_config(config)
                return linter

            if missing == 1:
                self._linters.append(build(0))
            else:
                with ThreadPoolExecutor(missing) as pool:
                    self._linters.extend(pool.map(build, range(missing)))
        return self._linters[:count]

    def review(self, paragraphs: Sequence[Paragraph], context: ReviewContext) -> Review:
        """Lint every paragraph; suggestions carry exact spans in each paragraph's masked text."""
        if not paragraphs:
            return Review(())
        files = {id(p.file): p.file.text for p in paragraphs}
        sources = list(files.values())
        notices: list[str] = []
        if self.dialect is None:
            variety, british, american = vocabulary.spelling_variety(sources)
            self.dialect = variety or "american"
            if variety == "british":
                notices.append(
                    f"revise: the paper spells British English ({british} words such as 'modelled' against "
                    f"{american}); checking it as British (--dialect american to change)"
                )
        with capture.native_output() as caught:
            found = self._lint(paragraphs, sources, context)
        said = caught.describe()
        return Review(_dedupe(found), notices=tuple(notices), details=(said,) if said else ())

    def _lint(
        self, paragraphs: Sequence[Paragraph], sources: list[str], context: ReviewContext
    ) -> list[Suggestion]:
        size = sum(len(p.masked.text) for p in paragraphs)
        # Harper's first pass over a text is the slow part (~25 ms/KB): two linters on two halves of a large
        # paper, each in its own thread (Harper releases the GIL), took a 100 KB paper from 3.5 s to 3.1 s.
        workers = 2 if size >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 else 1
        # Building the linters (~0.6 s, no GIL held) overlaps loading the lexicon's tables (~0.5 s) and the
        # typography rules and lint views; the grammar rules run once the tables are in.
        with ThreadPoolExecutor(2) as pool:
            building = pool.submit(self._lint_engines, workers)
            loading = pool.submit(lexicon.warm)
            found: list[Suggestion] = list(self._typography(paragraphs, sources, context))
            views = [_bounded(lintview.build(p.masked)) for p in paragraphs]
            words = vocabulary.words(sources, self.words)
            loading.result()
            for p in paragraphs:
                found.extend(checks.check(p.masked, p.index))
            linters = building.result()
        found.extend(self._grammar(paragraphs, views, words, linters, context))
        self.selection.check([*typography.BY_ID, *checks.BY_ID, *linters[0].get_default_lint_config()])
        return [s for s in found if self.selection.wanted(s)]

    def _typography(
        self, paragraphs: Sequence[Paragraph], sources: list[str], context: ReviewContext
    ) -> Iterator[Suggestion]:
        active = typography.applicable(sources)
        for p in paragraphs:
            text = p.masked.text
            for rule in active:
                for hit in rule.check(p.masked):
                    original = text[hit.start : hit.end]
                    versions = _versions(hit.versions, original, context.versions)
                    if versions:
                        yield Suggestion(
                            original,
                            rule.message,
                            versions,
                            p.index,
                            (hit.start, hit.end),
                            rule.id,
                            category="typography",
                        )

    def _grammar(
        self,
        paragraphs: Sequence[Paragraph],
        views: list[lintview.View],
        words: list[str],
        linters: list[Any],
        context: ReviewContext,
    ) -> Iterator[Suggestion]:
        for linter in linters:
            linter.clear_words()
            linter.import_words(words)
        chunks = _chunks(list(range(len(views))), [len(v.text) for v in views], len(linters))

        def lint(job: tuple[Any, list[int]]) -> tuple[list[tuple[str, Any, int, int]], set[str]]:
            linter, members = job
            joined, starts = lintview.join([views[i] for i in members])
            found = []
            for rule, lints in linter.organized_lints(joined, language="plaintext").items():
                for item in lints:
                    at = bisect.bisect_right(starts, item.span.start) - 1
                    found.append((rule, item, members[at], starts[at]))
            # The derivation check runs on the linter that flagged the words: it has just looked them up, and
            # on another linter the same check measured 20 times slower.
            derived = _derivations(linter, [item for rule, item, _, _ in found if rule == "SpellCheck"])
            return found, derived

        try:
            if len(linters) == 1 or len(chunks) == 1:
                # One paragraph past PARALLEL_FROM on its own is one chunk: a second linter has nothing to do.
                results = [lint((linters[0], chunks[0]))]
            else:
                with ThreadPoolExecutor(len(linters)) as pool:
                    results = list(pool.map(lint, zip(linters, chunks, strict=True)))
        except Exception as err:  # the Rust core reports its failures as plain exceptions
            raise EngineError(f"the offline grammar checker failed: {err}") from err
        found = [f for part, _ in results for f in part]
        derived = set().union(*(d for _, d in results))
        for rule, item, at, offset in found:
            confidence: Any = None
            if rule == "SpellCheck":
                graded = _graded_typo(item, derived)
                if graded is None:
                    continue
                confidence, candidates = graded
            span = views[at].to_masked(item.span.start - offset, item.span.end - offset)
            if span is None:
                continue
            p = paragraphs[at]
            original = p.masked.text[span[0] : span[1]]
            replacements = _replacements(item, original)
            if rule == "SpellCheck":
                replacements = [r for r in replacements if r in candidates]
                text = p.masked.text
                if "-" in text[max(0, span[0] - 1) : span[0]] + text[span[1] : span[1] + 1]:
                    confidence = Confidence.LOW  # part of a hyphenated term (electro-mechanical)
            else:
                confidence = grading.harper(rule, original, replacements)
                if confidence is None:
                    continue
            versions = _versions(replacements, original, context.versions)
            if versions:
                category = "spelling" if rule == "SpellCheck" else str(item.lint_kind).lower()
                yield Suggestion(
                    original,
                    item.message,
                    versions,
                    p.index,
                    span,
                    rule,
                    confidence=confidence,
                    category=category,
                )


_LONG_RUN = re.compile(r"\S{100,}")


def _bounded(view: lintview.View) -> lintview.View:
    """The view with every run of 100+ non-space characters blanked (and mapped to nothing).

    No prose word is that long, and Harper's spelling suggestions on one grow past all bounds: 4,400 unclosed
    ``{`` became a 27,000-character "word" of stand-ins that took 10 GB of memory.
    """
    if not _LONG_RUN.search(view.text):
        return view
    origin = list(view.origin)
    for m in _LONG_RUN.finditer(view.text):
        origin[m.start() : m.end()] = [-1] * (m.end() - m.start())
    text = _LONG_RUN.sub(lambda m: " " * len(m.group(0)), view.text)
    return lintview.View(text, tuple(origin))


def _graded_typo(lint: Any, derived: set[str]) -> tuple[Any, tuple[str, ...]] | None:
    """A spelling lint's confidence and the candidates worth offering, or None when it is jargon or a name.

    Measured on the corpus papers: flagged technical words (agglomerative, integrands, toroidal) have no
    dictionary word within one edit, real typos (recieved, seemlessly, explaination) do; capitalised words
    are nearly always names (Cephes, Hiroo); engines/grading.py decides the rest.
    """
    word = lint.problem_text
    if word in derived or not _WORDLIKE.match(word) or word[0].isupper():
        return None
    return grading.spelling(word, [s.replacement_text for s in lint.suggestions])


def _replacements(lint: Any, original: str) -> list[str]:
    """Harper's suggestions as replacement text for the whole span, in LaTeX."""
    import harper

    out = []
    for s in lint.suggestions:
        if s.kind == harper.SuggestionKind.REMOVE:
            out.append("")
        elif s.kind == harper.SuggestionKind.INSERT_AFTER:
            out.append(original + latex_text(s.replacement_text))
        else:
            out.append(latex_text(s.replacement_text))
    return out


def _chunks(items: list[int], sizes: list[int], count: int) -> list[list[int]]:
    """``items`` cut into ``count`` consecutive runs of about equal total size."""
    if count <= 1:
        return [items]
    total = sum(sizes) or 1
    out: list[list[int]] = [[] for _ in range(count)]
    seen = 0
    for item, size in zip(items, sizes, strict=True):
        out[min(count - 1, seen * count // total)].append(item)
        seen += size
    return [c for c in out if c] or [items]


def _derivations(linter: Any, lints: list[Any]) -> set[str]:
    """Flagged words that are regular derivations of known words (interpolators, memoryless, detrending).

    Harper's curated dictionary lacks much scientific vocabulary; a word built from a known word by a common
    affix is almost never a typo, so one extra lint call over the candidate stems settles them.
    """
    stems: dict[str, set[str]] = {}
    for lint in lints:
        word = lint.problem_text
        for stem in _stems(word.lower()):
            stems.setdefault(stem, set()).add(word)
    if not stems:
        return set()
    ordered = sorted(stems)
    # dedup=False: a capitalisation lint on the first line must not hide its spelling lint.
    flagged = linter.lint("\n".join(ordered), language="plaintext", dedup=False)
    unknown = {lint.problem_text for lint in flagged if lint.lint_kind == "Spelling"}
    return {word for stem in ordered if stem not in unknown for word in stems[stem]}


# A spelling lint on a dotted, numbered or underscored token hits initials (P.V.), abbreviations (w.r.t.) or
# identifiers, never an English misspelling.
_WORDLIKE = re.compile(r"^[A-Za-z][a-z']*$|^[A-Z][A-Za-z']*$")
_SUFFIXES = (
    ("ities", "ity"),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("er", ""),
    ("er", "e"),
    ("ors", ""),
    ("ors", "e"),
    ("or", ""),
    ("or", "e"),
    ("able", ""),
    ("able", "e"),
    ("ical", "y"),
    ("ic", "y"),
    ("less", ""),
    ("ly", ""),
    ("ness", ""),
    ("al", ""),
)
_PREFIXES = ("non", "multi", "sub", "inter", "hyper", "over", "under", "de")


def _stems(word: str) -> list[str]:
    bases = [word] + [
        word[len(p) :].lstrip("-") for p in _PREFIXES if word.startswith(p) and len(word) > len(p) + 4
    ]
    out: list[str] = [b for b in bases[1:]]
    for base in bases:
        for suffix, repl in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                out.append(base[: -len(suffix)] + repl)
    return [s for s in out if s and s != word]


def _versions(candidates: Iterable[str], original: str, cap: int) -> tuple[str, ...]:
    out: list[str] = []
    for c in candidates:
        if c != original and c not in out:
            out.append(c)
    return tuple(out[: max(cap, 1)])


def _dedupe(found: list[Suggestion]) -> tuple[Suggestion, ...]:
    """One suggestion per place: LaTeX rules come first and win over Harper on an overlapping span."""
    kept: list[Suggestion] = []
    taken: dict[int | None, list[tuple[int, int]]] = {}
    for s in found:
        assert s.span is not None
        spans = taken.setdefault(s.paragraph, [])
        start, end = s.span
        if any((start < e and b < end) or (start, end) == (b, e) for b, e in spans):
            continue
        spans.append(s.span)
        kept.append(s)
    kept.sort(key=lambda s: (s.paragraph or 0, s.span or (0, 0)))
    return tuple(kept)
