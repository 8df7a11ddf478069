"""Start-up time of `revise --help` and `revise --version` (target ≤ 0.25 s), best of N fresh processes."""

from __future__ import annotations

import subprocess
import sys
import time

RUNS = 10


def best(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "revise", *args], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    for args in (["--help"], ["--version"]):
        print(f"revise {' '.join(args)}: {best(args):.3f} s (best of {RUNS})")
    baseline = min(
        (lambda s: (subprocess.run([sys.executable, "-c", "pass"], check=True), time.perf_counter() - s)[1])(
            time.perf_counter()
        )
        for _ in range(RUNS)
    )
    print(f"bare python start-up for comparison: {baseline:.3f} s")


if __name__ == "__main__":
    main()
