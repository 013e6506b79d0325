"""mypy over netui/ (the settings are [tool.mypy] in pyproject.toml): zero errors,
and no `type: ignore` on the app handle (screens use the typed `netui`)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_no_type_ignore_on_the_app_handle() -> None:
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "netui").rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\bapp\b.*#\s*type:\s*ignore", line)]
    assert found == []


def test_every_type_ignore_says_why() -> None:
    """A `type: ignore` left in netui/ names its error code and says why on the same line."""
    unexplained = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "netui").rglob("*.py"))
                   for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                   if "type: ignore" in line and not re.search(r"type: ignore\[[a-z-]+\]  # \S", line)]
    assert unexplained == []
