"""The reply grammar: what a reviewer answered → Suggestions.

Two doors: ``parse_model_reply`` for a live model asked for the contract's JSON (strict, one paragraph per
request), and ``parse_reply`` for a saved or pasted answer (JSON read liberally, else a chat answer in any of
the dresses read by revise.replies.chat). This package imports nothing above the value types in revise.edits.
"""

from revise.replies.model import parse_model_reply
from revise.replies.structured import parse_reply

__all__ = ["parse_model_reply", "parse_reply"]
