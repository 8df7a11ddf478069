"""Text from a reviewer or a paper made safe to print on a terminal: control characters shown, never obeyed.

A version or an issue holding ESC could hide inserted words (``ESC[8m``), rewrite the screen or set the
clipboard (OSC 52); a carriage return could print over what came before. Every terminal view passes such text
through ``visible`` first: tab and newline stay, every other control character (C0, DEL, C1) and the
bidirectional overrides that reorder what is shown are written as escapes such as ``\\x1b``.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def visible(text: str) -> str:
    """``text`` with each control character other than tab and newline written as an escape."""
    text = text.replace("\r\n", "\n")
    return _HIDDEN.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
