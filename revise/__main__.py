"""``python -m revise``."""

from revise.entry import main

main()
