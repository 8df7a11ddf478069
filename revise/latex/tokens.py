"""The LaTeX lexer: one regex pass over a file's text → tokens with exact offsets, plus brace and environment
pairing.

Only the characters that matter to segmentation become tokens (control sequences, braces, dollars, comments,
blank lines, verbatim-like runs); prose between tokens is never touched, which keeps a 1 MB paper to one
C-level regex scan. Pairing braces and environments with explicit stacks (rather than a recursive parser) is
what confines the damage of one stray ``{`` or an unclosed environment to its own construct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Token kinds (single characters keep the walker's comparisons cheap).
CS = "\\"  # control word or symbol; ``name`` holds it without the backslash
OPEN = "{"
CLOSE = "}"
DOLLAR = "$"
DDOLLAR = "D"
COMMENT = "%"
PAR = "P"  # a blank line (one or more)
VERB = "V"  # \verb|..|, \lstinline|..|, \mintinline{..}{..}
URL = "U"  # \url{..} / \path{..}: their argument may hold % and # (issue: \url{a%20b})
HREF = "H"  # \href{url} (the link-text argument follows as ordinary tokens)
VERBENV = "E"  # a whole verbatim-like environment, \begin to \end

_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"


@lru_cache(maxsize=32)
def _lexer(verbatim_envs: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(verbatim_envs, key=len, reverse=True))
    # The lookahead lets the regex engine skip prose quickly: every token starts with one of these characters.
    return re.compile(
        r"(?=[\\{}$%\r\n])(?:"
        rf"(?P<E>\\begin[ \t]*\{{(?P<vname>{names})\}}.*?\\end[ \t]*\{{(?P=vname)\}})"
        r"|(?P<V>\\(?:verb\*?|lstinline(?:\[[^\]\r\n]*\])?|mintinline(?:\[[^\]\r\n]*\])?\{[^}\r\n]*\})"
        r"(?:\{[^{}\r\n]*\}|(?P<vdelim>[^A-Za-z\s{\[*])[^\r\n]*?(?P=vdelim)))"
        r"|(?P<U>\\(?:url|path|nolinkurl)[ \t]*\{[^{}\r\n]*\})"
        r"|(?P<H>\\href[ \t]*\{[^{}\r\n]*\})"
        r"|(?P<C>\\(?:[A-Za-z@]+|[^A-Za-z@]|$))"
        r"|(?P<B>[{}])"
        r"|(?P<D>\$\$?)"
        r"|(?P<M>%[^\r\n]*)"
        rf"|(?P<P>{_NEWLINE}(?:[ \t\f\v]*{_NEWLINE})+))",
        re.S,
    )


class Token(NamedTuple):
    """One token; a tuple because a 1 MB paper has ~100k of them and construction cost dominates lexing."""

    kind: str
    start: int
    end: int
    name: str = ""


@dataclass(frozen=True)
class Lexed:
    """A file's tokens with pairings: ``match[i]`` is the partner of brace/environment token ``i`` or -1."""

    text: str
    tokens: tuple[Token, ...]
    match: tuple[int, ...]
    """For ``{`` the index of its ``}``; for ``\\begin`` the index of its ``\\end``; -1 when unpaired."""
    envs: dict[int, tuple[str, int]]
    """``\\begin``/``\\end`` token index → (environment name, index of the token after the name's ``}``)."""
    stray: tuple[int, ...]
    """Indices of unpaired ``}`` and ``\\end`` tokens, for warnings."""


def lex(text: str, verbatim_envs: tuple[str, ...]) -> Lexed:
    """Tokenise ``text`` and pair its braces and environments."""
    tokens: list[Token] = []
    append = tokens.append
    simple = {"B": None, "M": COMMENT, "P": PAR, "V": VERB, "U": URL, "H": HREF}
    for m in _lexer(verbatim_envs).finditer(text):
        group = m.lastgroup
        start, end = m.span()
        if group == "C":
            append(Token(CS, start, end, text[start + 1 : end]))
        elif group == "D":
            append(Token(DDOLLAR if end - start == 2 else DOLLAR, start, end))
        elif group == "E":
            append(Token(VERBENV, start, end, m.group("vname")))
        else:
            append(Token(simple[group or "P"] or text[start], start, end))
    match = [-1] * len(tokens)
    stray: list[int] = []
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.kind == OPEN:
            stack.append(i)
        elif tok.kind == CLOSE:
            if stack:
                match[stack.pop()] = i
                match[i] = -2  # paired (its opener knows it)
            else:
                stray.append(i)
    envs = _environment_names(text, tokens, match)
    env_stack: list[tuple[str, int]] = []
    for i in sorted(envs):
        name, _ = envs[i]
        if tokens[i].name == "begin":
            env_stack.append((name, i))
            continue
        if not any(n == name for n, _ in env_stack):
            stray.append(i)
            continue
        while env_stack:
            open_name, j = env_stack.pop()
            if open_name == name:
                match[j] = i
                match[i] = j
                break
    return Lexed(text, tuple(tokens), tuple(match), envs, tuple(sorted(stray)))


def _environment_names(text: str, tokens: list[Token], match: list[int]) -> dict[int, tuple[str, int]]:
    """``\\begin{name}``/``\\end{name}`` → (name, index after the closing brace); braces already paired."""
    envs: dict[int, tuple[str, int]] = {}
    for i, tok in enumerate(tokens):
        if tok.kind != CS or tok.name not in ("begin", "end"):
            continue
        j = i + 1
        # The name holds no tokens: its braces are adjacent in the token list.
        if j + 1 < len(tokens) and tokens[j].kind == OPEN and match[j] == j + 1:
            m = _NAME.fullmatch(text, tokens[j].end, tokens[j + 1].start)
            if m and not text[tok.end : tokens[j].start].strip():
                envs[i] = (m.group(1), j + 2)
    return envs


_NAME = re.compile(r"\s*([A-Za-z@]+\*?)\s*")
