"""lemminflect's two lookup tables read on demand from its own sorted files, not parsed whole up front.

lemminflect's first question makes it parse both gzipped CSV tables (80,700 and 40,500 lines) into ~120,000
small dicts: 0.17 s of the lexicon's start-up and most of its memory, while a paper asks about a few hundred
words. Both files are sorted by their first field, each word's lines together (a test checks it), so one
decompressed string per table and a binary search over it find a word's lines in microseconds; they are
decoded by lemminflect's own codecs and merged as its loader merges them. lemminflect is handed these
tables in place of the dicts its loader would build and only ever calls ``.get(word, {})`` on them, so every
answer is still computed by lemminflect, from the same lines. The override files (a few hundred bytes) it
loads itself. Loading is ~0.01 s and asks nothing of the cache folder.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Mapping
from typing import Any

# The attributes lemminflect 0.2's singletons load their tables into, and the files they name (core/*.py).
_LEMMAS, _INFLECTIONS = "lemma_dict", "infl_dict"
_LEMMA_FILE, _INFLECTION_FILE = "lemma_lu_fn", "infl_lu_fn"

Entry = dict[str, Any]


class SortedTable(Mapping[str, Entry]):
    """A CSV table sorted by its first field (``word,...``), looked up by binary search over its text;
    ``fixed`` entries win over the file's (lemminflect hard-codes the modal and auxiliary verbs so)."""

    def __init__(
        self, text: str, decode: Callable[[list[str]], Entry], fixed: Mapping[str, Entry] | None = None
    ) -> None:
        self._text = text if text.endswith("\n") or not text else text + "\n"
        self._decode = decode
        self._seen: dict[str, Entry | None] = dict(fixed or {})
        self._fixed = tuple(fixed or ())

    def get(self, word: str, default: Any = None) -> Any:
        if word not in self._seen:
            lines = self._lines(word)
            self._seen[word] = self._decode(lines) if lines else None
        found = self._seen[word]
        return default if found is None else found

    def __getitem__(self, word: str) -> Entry:
        if self.get(word) is None:
            raise KeyError(word)
        found = self._seen[word]
        assert found is not None
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        last, seen = None, set()
        for line in self._text.splitlines():
            key = line.split(",", 1)[0]
            if key != last:
                yield key
                seen.add(key)
                last = key
        yield from (key for key in self._fixed if key not in seen)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def _key(self, start: int) -> str:
        return self._text[start : self._text.find(",", start, self._text.find("\n", start))]

    def _lines(self, word: str) -> list[str]:
        text = self._text
        if "\n" in word or "," in word:
            return []
        # lo and hi are line starts: every line before lo has a smaller key, none from hi on has.
        lo, hi = 0, len(text)
        while lo < hi:
            start = text.rfind("\n", 0, (lo + hi) // 2) + 1  # the line holding the midpoint (>= lo)
            if self._key(start) < word:
                lo = text.find("\n", start) + 1
            else:
                hi = start
        lines = []
        while lo < len(text) and self._key(lo) == word:
            end = text.find("\n", lo)
            lines.append(text[lo:end])
            lo = end + 1
        return lines


def load() -> bool:
    """Hand lemminflect its two tables read on demand; True when they are in place (already, or now), False
    when lemminflect is absent or laid out otherwise (it then loads them its own way)."""
    try:
        from lemminflect import Inflections, Lemmatizer
        from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
        from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
        from lemminflect.core.LexicalUtils import categoryToUPos
    except ImportError:
        return False
    lemmatizer, inflections = Lemmatizer(), Inflections()
    if hasattr(lemmatizer, _LEMMAS) and hasattr(inflections, _INFLECTIONS):
        return True  # this process has them already
    if not (hasattr(lemmatizer, _LEMMA_FILE) and hasattr(inflections, _INFLECTION_FILE)):
        return False

    def lemmas(lines: list[str]) -> Entry:
        entry: Entry = {}
        for line in lines:  # as LemmaLUCodec.load merges a word's lines
            _, category, forms = LemmaLUCodec.fromString(line)
            entry[categoryToUPos(category)] = forms
        return entry

    def inflections_of(lines: list[str]) -> Entry:
        entry: Entry = {}
        for line in lines:  # as InflectionLUCodec.load merges a word's lines
            entry.update(InflectionLUCodec.fromString(line)[2])
        return entry

    try:
        lemma_text = _read(getattr(lemmatizer, _LEMMA_FILE))
        inflection_text = _read(getattr(inflections, _INFLECTION_FILE))
    except (OSError, EOFError, UnicodeDecodeError):
        return False
    setattr(lemmatizer, _LEMMAS, SortedTable(lemma_text, lemmas))
    # What InflectionLUCodec.load does after reading: lemminflect's own hard-coded modal and auxiliary verbs.
    fixed = InflectionLUCodec.updateForAuxMod({})
    setattr(inflections, _INFLECTIONS, SortedTable(inflection_text, inflections_of, fixed))
    return True


def _read(path: str) -> str:
    with gzip.open(path, "rb") as f:
        return f.read().decode()
