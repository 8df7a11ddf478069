"""``python -m revise``."""

from revise.cli import main

main()
