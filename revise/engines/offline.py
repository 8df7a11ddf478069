"""The offline reviewer: Harper's grammar checker on the prose plus LaTeX typography rules, no API key needed.

Paragraphs are turned into lint-views (engines/view.py); those the lint cache (engines/lintcache.py) has
not seen are joined and linted in one call per linter (two on a long paper), since building Harper's linter
costs about a second and each call has overhead; an unchanged rerun builds no linter at all. Every lint maps
back to an exact span of the paragraph's masked text or is dropped; the LaTeX rules (engines/rules.py) run on
the masked text directly.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from revise import __version__
from revise.edits import Suggestion
from revise.engines import (
    balance,
    capture,
    checks,
    findings,
    hyphenation,
    lexicon,
    lintcache,
    resultcache,
    spelling,
    vocabulary,
    warm,
)
from revise.engines import rules as typography
from revise.engines import view as lintview
from revise.engines.base import Review, ReviewContext
from revise.engines.selection import Selection
from revise.errors import ConfigError, EngineError

if TYPE_CHECKING:
    from revise.cache import Cache
    from revise.latex.mask import Masked
    from revise.latex.segment import Paragraph

PARALLEL_FROM = 20_000
"""Lint-view characters still to lint from which two linters share the work."""
SINGLE_FROM = 100_000
"""Lint-view characters of the whole document from which one linter does it all: a second Harper linter adds
about 140 MB, and a document built from the corpus papers peaked at 543 MB with two at 250 KB of LaTeX, against
448 MB with one; one linter keeps 100 KB – 1 MB under 470 MB (issue 15's bound is 500 MB), at 10 s instead of
8 s for 1 MB."""
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
    # SplitWords stays on: revise.engines.grading keeps only a word run into a function word (reducesthe).
    "RoadMap": "'roadmap' is the standard spelling in software papers",
    "OxfordComma": "a house-style choice, and it misfires on lists that end in math",
    "MassNouns": "technical plurals are count nouns (covariances, likelihoods)",
    "LitotesDirectPositive": "'not uncommon' is a deliberate hedge; 'common' changes the claim",
    "ExpandMemoryShorthands": "GB, MB are standard units in papers",
    "ExpandTimeShorthands": "ms, s, h are SI units in papers ('3 ms per step'), not chat shorthand",
    "SentenceCapitalization": "sentences that open with a lower-case package name (scikit-image) or a "
    "macro, and paragraph fragments (items, table cells): 17 hits on the corpus, none genuine",
}


def dialect_key(name: str) -> str:
    """The dialect's name in DIALECTS, aliases resolved ("en-gb" → "british")."""
    key = name.strip().lower()
    aliases = {"us": "american", "en-us": "american", "uk": "british", "gb": "british", "en-gb": "british"}
    key = aliases.get(key, key)
    if key not in DIALECTS:
        raise ConfigError(f"unknown English dialect {name!r}; choose one of {', '.join(DIALECTS)}")
    return key


def _dialect(name: str) -> Any:
    import harper

    return getattr(harper.Dialect, dialect_key(name).upper())


def open_reviewer(settings: object | None = None, *, worker: bool = False) -> OfflineReviewer:
    """An offline reviewer on the user's lint cache (none when the settings say ``cache = False``).

    The language server keeps one for its session: its linters are built once, on the first paragraph the
    cache has not seen, and every unchanged paragraph afterwards comes from the cache. The command line, a
    fresh process each run, passes ``worker=True``: it asks the warm lint worker (engines/warm.py) first.
    """
    from revise.cache import Cache

    cache = Cache() if getattr(settings, "cache", True) else None
    return OfflineReviewer(settings, cache=cache, worker=warm.Client.open(settings) if worker else None)


class OfflineReviewer:
    """Harper + LaTeX typography rules; a real engine with no API key."""

    name = "offline"
    model: str | None = None

    def __init__(
        self,
        settings: object | None = None,
        *,
        dialect: str | None = None,
        words: Iterable[str] = (),
        cache: Cache | None = None,
        worker: warm.Client | None = None,
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
        self.cache = cache
        self.worker = worker
        self._linters: list[Any] = []
        self._taught: dict[int, frozenset[str]] = {}
        """The words each linter (by id; they live as long as the reviewer) was last given."""
        self._rule_names: tuple[str, ...] = ()
        self._start_worker = False
        """This review linted in-process with no worker alive: one is started once the answer is out."""

    def lint_settings(self, words: Iterable[str] = ()) -> lintcache.LintSettings:
        """The settings fingerprint the lint cache keys on (the dialect must be decided)."""
        try:
            import harper._harper
        except ImportError as err:
            raise EngineError("the offline engine needs harper-py: pip install harper-py") from err
        # The compiled core's size and time stand for harper-py's version: importlib.metadata took 0.1-0.4 s.
        core = os.stat(harper._harper.__file__)
        engine = (
            f"revise {__version__}, harper {core.st_size}-{core.st_mtime_ns}, findings {lintcache.FORMAT}, "
            f"rules {lintcache.code_fingerprint()}"
        )
        disabled = tuple(sorted({*SUPPRESSED, *self.selection.disable}))
        return lintcache.LintSettings(
            engine,
            self.dialect or "american",
            disabled,
            tuple(sorted(self.selection.enable)),
            frozenset(words),
        )

    def _lint_engines(self, count: int) -> list[Any]:
        """``count`` configured Harper linters, built once per reviewer (in parallel: no GIL is held)."""
        missing = max(0, count - len(self._linters))
        with ThreadPoolExecutor(max(missing, 1)) as pool:
            self._linters.extend(pool.map(lambda _: self._build(), range(missing)))
        return self._linters[:count]

    def _build(self) -> Any:
        try:
            import harper
        except ImportError as err:
            raise EngineError("the offline engine needs harper-py: pip install harper-py") from err
        linter = harper.Linter(_dialect(self.dialect or "american"))
        self._taught[id(linter)] = frozenset()  # a new linter knows no words: nothing to clear (~6 ms)
        if self.selection.names_rules() and not self._rule_names:
            self._rule_names = tuple(linter.get_default_lint_config())  # asked once: ~7 ms a call
        linter.set_lint_config(self.selection.harper_config(SUPPRESSED, self._rule_names))
        return linter

    def _teach(self, linter: Any, words: list[str]) -> None:
        """Give ``linter`` the document dictionary. Clearing and importing it costs ~0.1 s on a large paper,
        and the language server lints after every change, mostly with the same words: an unchanged list is
        not imported again, a longer one only gains its new words."""
        had = self._taught.get(id(linter))
        wanted = frozenset(words)
        if had is not None and had <= wanted:
            if wanted != had:
                linter.import_words(sorted(wanted - had))
        else:
            linter.clear_words()
            linter.import_words(words)
        self._taught[id(linter)] = wanted

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
        self._start_worker = False
        with capture.native_output() as caught:
            found = self._lint(paragraphs, sources, context, notices)
        said = caught.describe()
        client = self.worker
        later = (client.start,) if client is not None and self._start_worker else ()  # see Review.later
        note = client.note if client is not None and not later else None  # a start says it itself
        details = tuple(line for line in (said, note) if line)
        return Review(findings.dedupe(found), notices=tuple(notices), details=details, later=later)

    def _lint(
        self, paragraphs: Sequence[Paragraph], sources: list[str], context: ReviewContext, notices: list[str]
    ) -> list[Suggestion]:
        settings = self.lint_settings()
        whole = lintcache.document_key(settings, sources, [p.masked.text for p in paragraphs])
        row = resultcache.key(whole, [p.index for p in paragraphs], self.words, max(context.versions, 1))
        answered = resultcache.load(self.cache, row)
        if answered is not None:  # an unchanged rerun: the whole answer is one row
            self._check_names(settings.engine)
            return list(answered)
        found = self._work(paragraphs, sources, context, notices, settings, whole)
        self._check_names(settings.engine)
        kept = [s for s in found if self.selection.wanted(s)]
        resultcache.store(self.cache, row, kept)
        return kept

    def _check_names(self, engine: str) -> None:
        """--enable/--disable name real rules: Harper's names come from a linter built this run, else from the
        list the cache kept; only a name neither knows costs a linter, to be sure it is unknown."""
        ours = [*typography.BY_ID, *checks.BY_ID, hyphenation.RULE_ID]
        if self._rule_names:
            resultcache.store_names(self.cache, engine, self._rule_names)
        names = self._rule_names or resultcache.load_names(self.cache, engine)
        try:
            self.selection.check([*ours, *names])
        except ConfigError:
            if self._rule_names:
                raise
            self._lint_engines(1)
            self.selection.check([*ours, *self._rule_names])

    def _work(
        self,
        paragraphs: Sequence[Paragraph],
        sources: list[str],
        context: ReviewContext,
        notices: list[str],
        settings: lintcache.LintSettings,
        whole: str,
    ) -> list[Suggestion]:
        seen = self.cache is not None and bool(self.cache.get_lints([whole]))
        with ThreadPoolExecutor(3) as pool:
            # A document not seen whole before almost surely needs a linter: its build (~0.9 s, the GIL
            # released) starts now, under the lint views, the dictionary and the cache look-ups.
            live = self.worker is not None and self.worker.present()  # then no linter unless it fails
            early = pool.submit(self._build) if not seen and not self._linters and not live else None
            views = [lintview.bounded(lintview.build(p.masked)) for p in paragraphs]
            words = vocabulary.words(sources, self.words)
            keys = self.lint_settings(words).keys([v.text for v in views], spelling.stems)
            known = lintcache.load(self.cache, keys)
            todo = sorted({keys[i]: i for i in reversed(range(len(keys))) if keys[i] not in known}.values())
            # revise's own grammar rules read the masked text and the lexicon's tables (loaded under the linter
            # build); they are cached per paragraph too, so an unchanged rerun loads no tables.
            rule_keys = lintcache.rule_keys(settings, [p.masked.text for p in paragraphs])
            ruled = lintcache.load_rules(self.cache, rule_keys)
            unruled = [i for i, key in enumerate(rule_keys) if key not in ruled]
            # A live worker that lints also runs the rules, lexicon warm: this process then loads no tables.
            delegate = live and bool(todo) and bool(unruled)
            loading = pool.submit(lexicon.warm) if (unruled or todo) and not delegate else None
            size = sum(len(views[i].text) for i in todo)
            # Harper's first pass over a text is the slow part: two linters on two parts of a large paper,
            # each in its own thread (Harper releases the GIL), took a 100 KB paper from 3.5 s to 3.1 s.
            whole_size = sum(len(v.text) for v in views)
            parallel = size >= PARALLEL_FROM and whole_size < SINGLE_FROM and (os.cpu_count() or 1) >= 2
            workers = 2 if parallel else 1 if todo else 0
            have = len(self._linters) + (early is not None)
            more = [pool.submit(self._build) for _ in range(0 if live else workers - have)]
            # The typography rules run meanwhile; an unchanged document builds no linter at all.
            found: list[Suggestion] = list(findings.typography(paragraphs, sources, context))
            if loading is not None:
                loading.result()
            spoken = dialect_key(self.dialect or "american")
            rule_here = [] if delegate else unruled
            fresh_rules = {rule_keys[i]: self._rules(paragraphs[i].masked, spoken) for i in rule_here}
            building = ([early] if early else []) + more
            if not all(f.done() for f in building):
                # The main thread would only wait here: the later stages' imports go under the build instead.
                import rapidfuzz.distance  # noqa: F401 - the spelling grades' edit distance

                if context.meanwhile is not None:
                    context.meanwhile()
            self._linters.extend(f.result() for f in building)
        asked = [paragraphs[i].masked for i in unruled] if delegate else None
        fresh = self._harper([views[i] for i in todo], words, workers, asked, spoken) if todo else []
        if delegate:  # the worker's rule findings, or (it failed) this process's
            served = self.worker.ruled if self.worker is not None else None
            got = served or [self._rules(paragraphs[i].masked, spoken) for i in unruled]
            fresh_rules = {rule_keys[i]: tuple(f) for i, f in zip(unruled, got, strict=True)}
        lintcache.store_rules(self.cache, fresh_rules)
        ruled.update(fresh_rules)
        for p, key in zip(paragraphs, rule_keys, strict=True):
            # Cached whole: the number of versions asked for is applied on the way out, as for Harper's.
            cap = max(context.versions, 1)
            found.extend(replace(s, paragraph=p.index, versions=s.versions[:cap]) for s in ruled[key])
        lintcache.store(self.cache, {keys[i]: f for i, f in zip(todo, fresh, strict=True)})
        if self.cache is not None:
            self.cache.put_lints({whole: "[]"})
        known.update((keys[i], tuple(f)) for i, f in zip(todo, fresh, strict=True))
        for p, v, key in zip(paragraphs, views, keys, strict=True):
            found.extend(findings.suggestions(p, v, known[key], context))
        if self.cache is not None:
            notices.extend(n for n in self.cache.notices if n not in notices)
        return found

    @staticmethod
    def _rules(masked: Any, dialect: str) -> tuple[Suggestion, ...]:
        """revise's own rules on one paragraph: the register's, then the line-break hyphens (which need the
        masked text itself, not the register's word tokens, to see the hyphen)."""
        return (*checks.check(masked, 0, dialect=dialect), *hyphenation.check(masked, 0))

    def _harper(
        self,
        views: list[lintview.View],
        words: list[str],
        count: int,
        rules: list[Masked] | None = None,
        dialect: str = "american",
    ) -> list[list[lintcache.Finding]]:
        """Harper's findings on each view from ``count`` linters: the warm lint worker's when it answers (the
        same code on the same texts there), else this process's; with no worker alive, one is started for the
        next run once the answer is delivered (its start-up would take a core from ours)."""
        client = self.worker
        if client is not None and client.present():
            answered = client.lint(self, [v.text for v in views], words, count, rules, dialect)
            if answered is not None:
                return [list(found) for found in answered]
        out = self._grammar(views, words, self._lint_engines(count))
        self._start_worker = client is not None and (client.absent or not client.present())
        return out

    def _grammar(
        self, views: list[lintview.View], words: list[str], linters: list[Any]
    ) -> list[list[lintcache.Finding]]:
        """Harper's findings on each view, typos already told from jargon."""
        for linter in linters:
            self._teach(linter, words)
        sizes = [len(v.text) for v in views]
        chunks = balance.runs(sizes, len(linters))

        def lint(job: tuple[int, Any, list[int]]) -> list[tuple[int, lintcache.Finding]]:
            number, linter, members = job
            if number == 0 and len(linters) > 1:
                linter.lint(balance.WARM_UP, language="plaintext")  # the spell checker's start-up, here
            found = []
            for batch in balance.batches(members, sizes):
                joined, starts = lintview.join([views[i] for i in batch])
                for rule, lints in linter.organized_lints(joined, language="plaintext").items():
                    for item in lints:
                        at = bisect.bisect_right(starts, item.span.start) - 1
                        found.append((rule, item, batch[at], starts[at]))
            # The derivation check runs on the linter that flagged the words: it has just looked them up, and
            # on another linter the same check measured 20 times slower.
            derived = spelling.derivations(
                linter, [item for rule, item, _, _ in found if rule == "SpellCheck"]
            )
            out = []
            for rule, item, member, start in found:
                if rule != "SpellCheck":
                    out.append((member, lintcache.from_lint(rule, item, start)))
                elif (graded := spelling.graded_typo(item, derived)) is not None:
                    grade, candidates = graded
                    out.append((member, lintcache.from_lint(rule, item, start, grade.value, candidates)))
            return out

        jobs = [(n, linter, chunk) for n, (linter, chunk) in enumerate(zip(linters, chunks, strict=True))]
        try:
            if len(jobs) == 1:
                results = [lint(jobs[0])]
            else:
                with ThreadPoolExecutor(len(jobs)) as pool:
                    results = list(pool.map(lint, jobs))
        except Exception as err:  # the Rust core reports its failures as plain exceptions
            raise EngineError(f"the offline grammar checker failed: {err}") from err
        out: list[list[lintcache.Finding]] = [[] for _ in views]
        for part in results:
            for at, finding in part:
                out[at].append(finding)
        return out
