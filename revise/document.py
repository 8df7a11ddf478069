"""Source files as text: decoding with encoding, BOM and newline style remembered; positions; atomic writes.

Offsets everywhere in revise are code-point indices into ``SourceFile.text`` (the decoded text read with
``newline=''``, BOM excluded); lines and columns are 1-based, as the contract says.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from revise.errors import InputError

_BOM = b"\xef\xbb\xbf"
# \usepackage[latin1]{inputenc} or [ansinew], [cp1252] ... declares a legacy 8-bit file.
_INPUTENC = re.compile(rb"\\usepackage\s*\[([^\]]*)\]\s*\{inputenc\}")
_LEGACY = {
    "latin1": "latin-1",
    "latin9": "iso8859-15",
    "ansinew": "cp1252",
    "cp1252": "cp1252",
    "applemac": "mac-roman",
    "utf8": "utf-8",
}


@dataclass(frozen=True)
class SourceFile:
    """One decoded file of the paper, and what it takes to write it back byte for byte."""

    name: str
    """The name reported to the user (as given on the command line, or relative to the root file)."""
    path: Path | None
    """Where it lives on disk; ``None`` for stdin."""
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    """The dominant newline style, used for line breaks that revise inserts."""
    digest: str = ""
    """SHA-256 of the raw bytes, to refuse a write when the file changed since it was read."""
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", self.text))
        object.__setattr__(self, "_line_starts", tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside {self.name}")
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def encode(self, text: str | None = None) -> bytes:
        """``text`` (default: this file's text) as bytes in this file's encoding, with its BOM."""
        body = (self.text if text is None else text).encode(self.encoding)
        return (_BOM + body) if self.bom else body

    def can_encode(self, text: str) -> bool:
        """Whether every character of ``text`` exists in this file's encoding."""
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def with_text(self, text: str) -> SourceFile:
        """The same file with new text (encoding, BOM and newline style kept)."""
        return SourceFile(self.name, self.path, text, self.encoding, self.bom, self.newline, self.digest)


def decode(data: bytes, name: str, path: Path | None = None) -> tuple[SourceFile, list[str]]:
    """Decode a file's bytes; returns the file and notices (e.g. a legacy encoding was used)."""
    notices: list[str] = []
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    bom = data.startswith(_BOM)
    body = data[len(_BOM) :] if bom else data
    if b"\x00" in body[:65536]:
        raise InputError(f"{name}: this looks like a binary file, not LaTeX")
    declared = None
    m = _INPUTENC.search(body[:65536])
    if m:
        for option in m.group(1).decode("ascii", "replace").split(","):
            declared = _LEGACY.get(option.strip().lower(), declared)
    encoding = "utf-8"
    try:
        if declared and declared != "utf-8" and not bom:
            encoding = declared
            text = body.decode(declared)
        else:
            text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        try:
            text, encoding = body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = body.decode("latin-1"), "latin-1"
        notices.append(f"{name}:{line}: not valid UTF-8; read as {encoding}")
    if _looks_binary(text):
        raise InputError(f"{name}: this looks like a binary file, not LaTeX")
    source = SourceFile(
        name=name,
        path=path,
        text=text,
        encoding=encoding,
        bom=bom,
        newline=_dominant_newline(text),
        digest=hashlib.sha256(data).hexdigest(),
    )
    return source, notices


def read(path: Path, name: str | None = None) -> tuple[SourceFile, list[str]]:
    """Read and decode a file from disk."""
    shown = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a LaTeX file") from None
    except OSError as err:
        raise InputError(f"{shown}: cannot read ({err.strerror or err})") from None
    return decode(data, shown, path)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return control > max(8, len(sample) // 100)


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically: a temp file in the same folder, fsync, ``os.replace``.

    The file's permission bits are kept (or set to ``mode``), so a write never makes a script executable or a
    file private; a new file gets the usual ``0666`` less the umask, not the temp file's ``0600``. The temp
    file is removed on every way out, a signal included (TERM and HUP unwind like Ctrl-C).
    """
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".revise-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def unchanged_on_disk(source: SourceFile) -> bool:
    """Whether the file on disk still has the bytes it had when it was read."""
    if source.path is None:
        return True
    try:
        data = source.path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == source.digest
