"""The benchmark runs from a clean checkout and reports every measure (no timing asserted:
timings on a shared machine are noise for a test; the figures are for people)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Each measure and the figures it must report, all positive numbers.
FIGURES = {
    "start": ("ms", "baseline_ms", "ratio", "target_ratio"),
    "start_small": ("ms", "baseline_ms", "ratio", "target_ratio"),
    "filter_keystroke": ("ms", "baseline_ms", "target_ms", "slowest_key_ms"),
    "filter_clear": ("ms", "baseline_ms", "target_ms"),
    "scroll_page": ("ms", "baseline_ms", "target_ms"),
    "save": ("ms", "floor_ms", "baseline_ms", "ratio", "target_ratio", "app_ms", "app_shown_ms"),
    "save_stall": ("ms", "baseline_ms", "target_ms"),
    "preview": ("ms", "baseline_ms", "target_ms"),
    "import": ("ms", "baseline_ms", "cli_ms", "target_ms", "rows", "contacts"),
    "memory": ("mib", "baseline_mib", "small_mib", "target_mib"),
}


@pytest.mark.slow
def test_quick_benchmark_reports_every_measure(tmp_path):
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--quick", "--tmp", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)
    assert "errors" not in report
    assert report["contacts"] == 2000 and report["repeats"] == 2
    for measure, figures in FIGURES.items():
        entry = report[measure]
        for figure in figures:
            value = entry[figure]
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (measure, figure, value)
            assert value > 0, (measure, figure, value)
        assert isinstance(entry["met"], bool), measure
        assert report["met"][measure] is entry["met"]
    assert report["all_met"] == all(report["met"].values())
    assert report["machine"]["cpus"] > 0
    # The temporary data files are gone.
    assert list(tmp_path.iterdir()) == []
