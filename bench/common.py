"""What the bench scripts share: the installed command, medians of repeated runs, ratios to anchors.

Every script runs from the repository root against the installed package (``pip install .`` or ``-e .``):
the command is the ``revise`` console script beside the running Python, started in a scratch folder, so the
source tree is never imported in its place (``python -m revise`` from the root used to pick up ./revise,
which has no ``revise.prompts``). Timings that depend on the machine are printed as a median of several
runs and as a ratio to an anchor measured in the same run, so a busy machine moves both alike.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCRATCH = Path(tempfile.mkdtemp(prefix="revise-bench-"))


def revise_command() -> list[str]:
    """The installed ``revise`` command (the console script beside this Python)."""
    script = Path(sys.executable).with_name("revise")
    return [str(script)] if script.exists() else [sys.executable, "-m", "revise"]


def run_revise(
    args: Sequence[str],
    *,
    cache: Path | None = None,
    stdin: bytes | None = None,
    workers: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``revise ARGS`` in the scratch folder with its own cache folder and no endpoint configured; with no
    lint worker (REVISE_NO_WORKER=1) unless ``workers`` names the folder its workers live in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REVISE_MODEL", "REVISE_NO_WORKER")
    }
    if workers is None:
        env["REVISE_NO_WORKER"] = "1"
    else:
        env["REVISE_WORKER_DIR"] = str(workers)
    env["REVISE_CACHE_DIR"] = str(cache or SCRATCH / "cache")
    env["REVISE_CONFIG_DIR"] = str(SCRATCH / "config")
    env["OLLAMA_HOST"] = "127.0.0.1:9"  # never wait for a local model server
    return subprocess.run(
        [*revise_command(), *args], cwd=SCRATCH, env=env, input=stdin, capture_output=True, check=False
    )


_FOLDERS: list[Path] = []
_STARTED = re.compile(rb"lint worker.*started one \(pid (\d+)\)")


def worker_folder() -> Path:
    """A fresh folder for lint workers (no worker alive in it: a cold run stays cold), stopped at exit."""
    folder = Path(tempfile.mkdtemp(prefix="w", dir=SCRATCH))
    _FOLDERS.append(folder)
    return folder


def stop_started(done: subprocess.CompletedProcess[bytes]) -> None:
    """Kill the worker a ``--verbose`` run says it started, so its warm-up takes no core from what follows."""
    for pid in _STARTED.findall(done.stderr):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)


def wait_listening(folder: Path, timeout: float = 60) -> None:
    """Until a worker accepts connections in ``folder`` (it binds its socket once warm)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for path in folder.glob("lint-*.sock"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn, contextlib.suppress(OSError):
                conn.connect(str(path))
                return
        time.sleep(0.05)
    raise SystemExit(f"no lint worker listened in {folder}")


@atexit.register
def stop_workers() -> None:
    """Kill (by pid) every lint worker alive in a folder this bench made."""
    from revise.engines import warm

    for folder in _FOLDERS:
        for pid in warm.running(folder):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def medians(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median seconds of each action over ``runs`` rounds, the actions interleaved within a round so a change
    in the machine's load reaches all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(seconds(action))
    return {name: statistics.median(values) for name, values in times.items()}


def python_bare() -> None:
    """The anchor for start-up: a bare Python doing nothing."""
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def where_revise_comes_from() -> str:
    """The folder the installed ``revise`` package is imported from, as the command sees it."""
    code = "import revise, os; print(os.path.dirname(revise.__file__))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=SCRATCH, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
