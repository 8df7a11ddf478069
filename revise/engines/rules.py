"""LaTeX typography rules as data (proselint style): what chktex users expect, checked on masked paragraphs.

Each rule is a frozen value: an id, a pattern over the paragraph's masked text, a message, replacement
templates, and example tables (LaTeX that fails → how it reads fixed, LaTeX that passes). Most rules share
one generic regex matcher; the two that must read a placeholder's source (``\\cite`` vs ``\\citet``, the
symbol inside ``$…$``) use a small custom matcher. A hit never overlaps a placeholder token: math,
citations, labels and comments are never edited, only the visible text around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from revise.latex.mask import Masked, Placeholder


@dataclass(frozen=True)
class Hit:
    """A rule's finding: ``[start, end)`` in the masked text and the replacements for that span."""

    start: int
    end: int
    versions: tuple[str, ...]


Matcher = Callable[["Rule", Masked], Iterator[Hit]]


def regex_matcher(rule: Rule, masked: Masked) -> Iterator[Hit]:
    """Every match of ``rule.pattern``; the span is group ``span`` when the pattern has one."""
    for m in rule.pattern.finditer(masked.text):
        group = "span" if "span" in rule.pattern.groupindex else 0
        start, end = m.span(group)
        yield Hit(start, end, tuple(m.expand(r) for r in rule.replacements))


@dataclass(frozen=True)
class Rule:
    """One typography check with its examples."""

    id: str
    message: str
    pattern: re.Pattern[str]
    replacements: tuple[str, ...]
    fails: tuple[tuple[str, str], ...]
    """LaTeX that the rule flags, and the LaTeX after its first version is applied."""
    passes: tuple[str, ...]
    """LaTeX the rule must leave alone."""
    matcher: Matcher = regex_matcher
    disabled_by: re.Pattern[str] | None = None
    """A document-wide pattern (e.g. ``\\frenchspacing``) under which the rule does not apply."""

    def check(self, masked: Masked) -> Iterator[Hit]:
        """The rule's hits in one paragraph, minus any that would touch a placeholder token."""
        tokens = [(ph.masked_start, ph.masked_end) for ph in masked.placeholders]
        for hit in self.matcher(self, masked):
            if hit.end <= hit.start and not hit.versions:
                continue
            if any(hit.start < t_end and t_start < hit.end for t_start, t_end in tokens):
                continue
            yield hit


# --- custom matchers
# -------------------------------------------------------------------------------------------

# chktex's "Linker" commands: those whose output is a bare number or bracket and must not start a line.
_CITING = re.compile(r"\\(?:cite|citep|ref|eqref|pageref|vref)\*?\s*[\[{]")
_TEXTUAL = re.compile(r"\\(?:[Cc]itet|[Cc]iteauthor|citealt|[Tt]extcite)\b")


def _placeholder_at(masked: Masked, offset: int) -> Placeholder | None:
    for ph in masked.placeholders:
        if ph.masked_start == offset:
            return ph
    return None


def space_before_reference(rule: Rule, masked: Masked) -> Iterator[Hit]:
    """The breakable space between a word and a following ``\\cite``/``\\ref`` placeholder."""
    for m in rule.pattern.finditer(masked.text):
        ph = _placeholder_at(masked, m.end())
        if ph is None or not _CITING.match(ph.original):
            continue
        start, end = m.span("span")
        yield Hit(start, end, tuple(m.expand(r) for r in rule.replacements))


_GREEK_AN = frozenset({"alpha", "epsilon", "varepsilon", "eta", "iota", "omicron", "upsilon", "omega", "ell"})
_WRAPPER = re.compile(
    r"^(?:\s|\{|\\(?:math[a-z]*|boldsymbol|bm|hat|widehat|tilde|widetilde|bar|overline|vec|dot|ddot|"
    r"operatorname|left|big|Big)\b\s*[({]?)+"
)


def article_for_math(source: str) -> str | None:
    """ "a" or "an" as the inline math ``source`` is read aloud ($n$ "en" → an, $k$ → a); None when unsure."""
    body = source.strip()
    for opening, closing in (("$", "$"), ("\\(", "\\)")):
        if body.startswith(opening) and body.endswith(closing):
            body = body[len(opening) : len(body) - len(closing)]
            break
    else:
        return None
    word = re.match(r"^\s*\\(?:text[a-z]*|mathrm|operatorname)\{([a-z]{3,})", body)
    if word:
        return "an" if word.group(1)[0] in "aeio" else "a"
    body = _WRAPPER.sub("", body)
    if not body:
        return None
    if body.startswith("\\"):
        name = re.match(r"\\([A-Za-z]+)", body)
        if name is None:
            return None
        return "an" if name.group(1) in _GREEK_AN else ("a" if name.group(1).islower() else None)
    digits = re.match(r"\d+", body)
    if digits:
        number = digits.group(0)
        eleven = number[:2] in {"11", "18"} and len(number) % 3 == 2
        return "an" if number.startswith("8") or eleven else "a"
    if body[0].isalpha() and body[0].isascii():
        return "an" if body[0].lower() in "aefhilmnorsx" else "a"
    return None


def article_before_math(rule: Rule, masked: Masked) -> Iterator[Hit]:
    """``a``/``an`` directly before an inline-math placeholder, judged by how the symbol is read."""
    for m in rule.pattern.finditer(masked.text):
        ph = _placeholder_at(masked, m.end())
        if ph is None:
            continue
        wanted = article_for_math(ph.original)
        article = m.group("span")
        if wanted is None or article.lower() == wanted:
            continue
        fixed = wanted.capitalize() if article[0].isupper() else wanted
        yield Hit(m.start("span"), m.end("span"), (fixed,))


# --- the register
# ----------------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        id="tie-before-reference",
        message="Use a non-breaking space (~) before a citation or reference so it never starts a line.",
        pattern=re.compile(r"(?:(?<=\w)|(?<=\))|(?<=al\.))(?P<span>[ \t]*\n[ \t]*|[ \t]+)(?=\[[A-Z]+\d+\])"),
        replacements=("~",),
        fails=(
            ("as shown by Smith \\cite{smith}.", "as shown by Smith~\\cite{smith}."),
            ("see Figure \\ref{fig:a} for details", "see Figure~\\ref{fig:a} for details"),
            ("in prior work\n\\citep{a,b}", "in prior work~\\citep{a,b}"),
        ),
        passes=("as shown by Smith~\\cite{smith}.", "Results. \\citet{smith} show", "a value $x$ here"),
        matcher=space_before_reference,
    ),
    Rule(
        id="abbreviation-space",
        message="After an abbreviation's full stop inside a sentence, LaTeX sets a wide sentence space; "
        "write a comma or an inter-word space (\\ ).",
        pattern=re.compile(r"\b(?P<span>(?P<abbr>e\.g|i\.e)\.(?P<gap>[ \t]+|[ \t]*\n[ \t]*))(?=[\w\[(])"),
        replacements=(r"\g<abbr>.,\g<gap>", r"\g<abbr>.\ "),
        fails=(
            ("many tools, e.g. compilers, exist", "many tools, e.g., compilers, exist"),
            ("the mean, i.e. the average", "the mean, i.e., the average"),
        ),
        passes=("e.g., compilers", "e.g.\\ compilers", "i.e.~the mean"),
        disabled_by=re.compile(r"\\frenchspacing\b"),
    ),
    Rule(
        id="abbreviation-space-other",
        message="After an abbreviation's full stop inside a sentence, LaTeX sets a wide sentence space; "
        "write an inter-word space (\\ ) or a tie (~).",
        pattern=re.compile(r"\b(?P<span>(?P<abbr>cf|vs|resp|et al)\.(?:[ \t]+|[ \t]*\n[ \t]*))(?=[a-z0-9(])"),
        replacements=(r"\g<abbr>.\ ", r"\g<abbr>.~"),
        fails=(
            ("compare cf. the appendix", "compare cf.\\ the appendix"),
            ("red vs. blue", "red vs.\\ blue"),
        ),
        passes=("cf.\\ the appendix", "Smith et al. The next", "et al.~\\cite{x}"),
        disabled_by=re.compile(r"\\frenchspacing\b"),
    ),
    Rule(
        id="number-range-dash",
        message="Number ranges take an en dash (--) in LaTeX, not a hyphen.",
        # Not a range: equal ends name a model (DenseNet 40-40), and a "0-1 loss" is over the values 0 and 1.
        pattern=re.compile(
            r"(?<![\w.,\-/:])(?!0-1\s+(?:loss|error|knapsack|matri|variable|integer|program))"
            r"(?P<a>\d{1,4})-(?!(?P=a)(?!\d))(?P<b>\d{1,4})(?![\w\-/:]|[.,]\d)"
        ),
        replacements=(r"\g<a>--\g<b>",),
        fails=(
            ("pages 10-20 of the book", "pages 10--20 of the book"),
            ("in 1990-1995,", "in 1990--1995,"),
            ("in orbits 120-180. Next", "in orbits 120--180. Next"),
        ),
        passes=(
            "pages 10--20",
            "on 2020-01-05",
            "FL 32816-2385, USA",
            "COVID-19 cases",
            "the x86-64 port",
            "ISBN 0-306-40615-2",
            "values 1-2.5 apart",
            "the ResNet 50-50 variant",
            "the 0-1 loss of the classifier",
            "a 0-1 knapsack problem",
        ),
    ),
    Rule(
        id="straight-double-quotes",
        message="LaTeX typesets \"…\" as two closing quotes; write ``…'' instead.",
        pattern=re.compile(r'(?<![\w\\])"(?P<inner>[^"\n\[\]\\]{1,80}?)"(?!\w)'),
        replacements=(r"``\g<inner>''",),
        fails=(('the so-called "curse" of it', "the so-called ``curse'' of it"),),
        passes=("the so-called ``curse'' of it", 'a \\"{o} umlaut'),
    ),
    Rule(
        id="straight-single-quotes",
        message="LaTeX typesets '…' as two closing quotes; open with a backtick: `…'.",
        pattern=re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())'(?P<inner>\w[^'\n\[\]]{0,60}?\w)'(?![\w'])"),
        replacements=(r"`\g<inner>'",),
        fails=(("a so-called 'kernel' here", "a so-called `kernel' here"),),
        passes=("a so-called `kernel' here", "the models' outputs and the data's 'size"),
    ),
    Rule(
        id="percent-space",
        message="No space between a number and its percent sign in English text.",
        pattern=re.compile(r"(?P<span>(?P<n>\d)(?:[ \t]+|~)\\%)"),
        replacements=(r"\g<n>\%",),
        fails=(("about 50 \\% of runs", "about 50\\% of runs"), ("a 3~\\% gain", "a 3\\% gain")),
        passes=("about 50\\% of runs", "the \\% sign"),
    ),
    Rule(
        id="space-before-punctuation",
        message="No space before a comma, full stop, semicolon, colon or question mark.",
        pattern=re.compile(r"(?<=[A-Za-z0-9)\]'}])(?P<span>[ \t]+)(?=[,.;?!](?:\s|$)|:\s+(?!\d))"),
        replacements=("",),
        fails=(("the results , which", "the results, which"), ("in Table \\ref{t} .", "in Table \\ref{t}.")),
        passes=("the results, which", "a ratio of 1 : 2 is", "values 0 .5 and"),
    ),
    Rule(
        id="repeated-word-line-break",
        message="The same word ends one line and starts the next.",
        pattern=re.compile(r"(?i)\b(?P<w>(?!(?:that|had)\b)[a-z]+)[ \t]*\n[ \t]*(?P=w)\b"),
        replacements=(r"\g<w>",),
        fails=(("we fit the\nthe model", "we fit the model"),),
        passes=("we fit the\nmodel", "that\nthat is"),
    ),
    Rule(
        id="article-before-math",
        message="The article should match how the symbol is read aloud ($n$ is 'en', so 'an $n$').",
        pattern=re.compile(r"\b(?P<span>[Aa]n?)[ \t]+(?=\[[A-Z]+\d+\])"),
        replacements=(),
        fails=(
            ("take a $n$-dimensional space", "take an $n$-dimensional space"),
            ("an $k$-means", "a $k$-means"),
        ),
        passes=("an $n$-dimensional space", "a $k$-means run", "a \\cite{x} result"),
        matcher=article_before_math,
    ),
    Rule(
        id="ellipsis",
        message="Three full stops are spaced unevenly; use \\dots.",
        pattern=re.compile(r"(?<![.\\])\.\.\.(?!\.)(?P<tail>[ \t\w]?)"),
        replacements=(r"\\dots{}\g<tail>",),
        fails=(("and so on... The end", "and so on\\dots{} The end"),),
        passes=("and so on\\dots{} The end", "a list (1, 2, \\dots)"),
    ),
    Rule(
        id="hyphen-as-dash",
        message="A spaced hyphen reads as a dash; LaTeX writes an em dash as --- (or a spaced en dash --).",
        # Before a capital it is as often an en dash between names (University of California - Davis, the
        # CRediT roles' "Writing - Original Draft"), which the em dash would get wrong: left alone.
        pattern=re.compile(r"(?<=[A-Za-z,])(?P<span>[ \t]+-[ \t]+)(?=[a-z])"),
        replacements=("---", " -- "),
        fails=(("the model - a neural net - works", "the model---a neural net---works"),),
        passes=(
            "the model---a neural net---works",
            "$x - y$ holds",
            "a well-known fact",
            "Department of Physics, University of Kansas - Lawrence",
            "Writing - Original Draft, A.B.",
        ),
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def applicable(document_sources: list[str]) -> tuple[Rule, ...]:
    """The rules that apply to a document (``\\frenchspacing`` turns off the abbreviation-space rules)."""
    return tuple(
        rule
        for rule in RULES
        if rule.disabled_by is None or not any(rule.disabled_by.search(s) for s in document_sources)
    )
