"""Anchoring: each Suggestion's quote or rewrite → the exact source span it stands for, or an honest failure.

revise.anchoring.ladder climbs exact → normalised (revise.anchoring.normalize) → elided pieces → guarded fuzzy;
elided and whole-paragraph rewrites are expanded by revise.anchoring.rewrites, which chooses their paragraph
(revise.anchoring.choice) and aligns them to it (revise.anchoring.align). Guard, render and apply see only the
Edits this produces (revise.edits).
"""

from revise.anchoring.place import anchor

__all__ = ["anchor"]
