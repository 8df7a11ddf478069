"""Start-up of ``revise --help`` and ``revise --version`` against a bare ``python -c pass``.

Prints the median of RUNS fresh processes of each (interleaved) and the ratio to bare Python, measured in the
same run; target ``--help`` <= 6 x bare Python. Run from the repository root: ``python bench/bench_startup.py``.
"""

from __future__ import annotations

from common import medians, python_bare, run_revise, where_revise_comes_from

RUNS = 15


def main() -> None:
    print(f"revise imported from {where_revise_comes_from()}")
    for args in (["--help"], ["--version"]):
        assert run_revise(args).returncode == 0, args
    times = medians(
        {
            "python -c pass": python_bare,
            "revise --help": lambda: run_revise(["--help"]),
            "revise --version": lambda: run_revise(["--version"]),
        },
        RUNS,
    )
    bare = times["python -c pass"]
    for name, value in times.items():
        print(f"{name}: {value:.3f} s median of {RUNS} ({value / bare:.2f} x bare Python)")
    verdict = "ok" if times["revise --help"] <= 6 * bare else "over"
    print(f"target --help <= 6 x bare Python: {verdict}")


if __name__ == "__main__":
    main()
