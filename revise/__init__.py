"""revise: revise LaTeX papers with a domain-expert reviewer."""

__version__ = "0.1.0"
