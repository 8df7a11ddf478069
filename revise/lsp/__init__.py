"""``revise lsp``: a language server on stdio, a thin adapter from the pipeline to the protocol.

Nothing here is imported by ``revise --help``: the CLI imports :func:`main` only for ``revise lsp``, and pygls
is imported by the server module alone.
"""

from __future__ import annotations


def main() -> int:
    """Serve the Language Server Protocol on stdin/stdout until the client says exit."""
    from revise.lsp.server import serve

    return serve()
