"""Which offline rules run: ``--enable``/``--disable`` (and the config keys ``enable``/``disable``).

A name is a rule id (``tie-before-reference``, ``verb-after-plural``, Harper's ``SpellCheck``) or a category
(``typography``, ``agreement``, ``grammar``, ``register``, ``spelling``, or one of Harper's lint kinds). A rule's
own name wins over its category, so ``--disable typography --enable ellipsis`` keeps only that typography rule.
Harper's rules that are off by default (engines/offline.py says why) are turned on by naming them.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from revise.edits import Suggestion
from revise.errors import ConfigError

CATEGORIES = frozenset(
    [
        "typography",
        "agreement",
        "grammar",
        "register",
        "spelling",
        "wordchoice",
        "style",
        "punctuation",
        "capitalization",
        "repetition",
        "miscellaneous",
        "readability",
        "redundancy",
        "usage",
        "eggcorn",
        "malapropism",
        "enhancement",
        "formatting",
        "nonstandard",
        "regionalism",
        "boundaryerror",
        "typo",
    ]
)
"""Our own categories and Harper's lint kinds, lower-cased."""


@dataclass(frozen=True)
class Selection:
    """The names the user turned on and off, lower-cased."""

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()

    @classmethod
    def of(cls, enable: Iterable[str], disable: Iterable[str]) -> Selection:
        return cls(
            frozenset(n.strip().lower() for n in enable), frozenset(n.strip().lower() for n in disable)
        )

    def wanted(self, suggestion: Suggestion) -> bool:
        """Whether a finding survives the selection."""
        rule = (suggestion.rule or "").lower()
        if rule in self.disable:
            return False
        return rule in self.enable or (suggestion.category or "").lower() not in self.disable

    def names_rules(self) -> bool:
        """Whether anything was turned on or off (Harper's rule names are then needed)."""
        return bool(self.enable or self.disable)

    def harper_config(self, off: Iterable[str], names: Iterable[str]) -> dict[str, bool | None]:
        """Harper's configuration: ``off`` switched off, then Harper's rules among ``names`` switched as asked.
        Harper reads a rule missing from it as "its default" and ignores a name it lacks, so a run that names
        no rule needs no list of names: asking a linter for it costs ~8 ms after the dictionary build, on the
        path every cold run waits on."""
        config: dict[str, bool | None] = {rule: None for rule in names} if self.names_rules() else {}
        config.update({rule: False for rule in off})
        self.configure(config)
        return config

    def configure(self, config: MutableMapping[str, bool | None]) -> None:
        """Switch Harper's own rules named by id (cheaper than linting and dropping)."""
        config.update({rule: True for rule in config if rule.lower() in self.enable})
        config.update({rule: False for rule in config if rule.lower() in self.disable})

    def check(self, rules: Iterable[str]) -> None:
        """A name that is no rule and no category is a mistake worth one clear line."""
        known = {n.lower() for n in rules} | CATEGORIES
        unknown = sorted((self.enable | self.disable) - known)
        if unknown:
            raise ConfigError(
                f"unknown rule or category {unknown[0]!r} for --enable/--disable; categories: "
                + ", ".join(sorted(CATEGORIES))
            )
