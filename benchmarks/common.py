"""Helpers shared by the benchmark modules: statistics, child processes, the machine.

Every measurement that loads the network runs in a child process of its own
(`python -m benchmarks.<module> ...`) that prints one JSON object as its last
line of standard output: the parent (`benchmarks.run`) stays small, and one
measurement's garbage or caches never slow the next.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

#: The repository root: children run from here so `netui`, `benchmarks` and `tests` import.
ROOT = Path(__file__).resolve().parent.parent

#: The terminal every measurement uses (columns, rows), as the UI tests do.
SIZE = (120, 36)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def median_ms(samples: Sequence[float]) -> float:
    """Median of samples in seconds, in milliseconds."""
    return ms(statistics.median(samples))


def summary_ms(samples: Sequence[float]) -> dict[str, float | int]:
    """Median, 90th percentile and maximum of samples in seconds, in milliseconds."""
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {"ms": median_ms(ordered), "p90_ms": ms(p90), "max_ms": ms(ordered[-1]), "n": len(ordered)}


def child_env(home: Path) -> dict[str, str]:
    """The environment of every child: a real-looking terminal, nothing of the user's netui."""
    env = dict(os.environ)
    for name in ("NETUI_DB", "TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_FPS", "TEXTUAL_DEBUG", "COLUMNS", "LINES"):
        env.pop(name, None)
    env.update({
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "NETUI_CONFIG_DIR": str(home / "config"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    })
    return env


def run_child(module: str, args: Sequence[str], *, home: Path, timeout: float = 600) -> dict[str, Any]:
    """Run `python -m benchmarks.<module> args` and return the JSON object it prints last."""
    argv = [sys.executable, "-m", f"benchmarks.{module}", *map(str, args)]
    done = subprocess.run(argv, cwd=ROOT, env=child_env(home), capture_output=True, text=True,
                          timeout=timeout, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(lines[-1])


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    versions = {}
    for name in ("textual", "rich", "orjson", "tinydb", "jinja2"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - informative only
            pass
    return {
        "cpu": model, "cpus": os.cpu_count(), "memory_gib": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), **versions,
    }
