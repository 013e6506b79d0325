"""Run the installed `netui` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NETUI = Path(sys.executable).parent / "netui"


def run_netui(*args: str, db: Path, config: Path, env: dict[str, str] | None = None,
              keep_display: bool = False) -> subprocess.CompletedProcess[str]:
    """`netui --db DB ARGS...` with its own config folder; no display unless `keep_display`."""
    base = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "BROWSER")}
    if not keep_display:
        base = {k: v for k, v in base.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base["NETUI_CONFIG_DIR"] = str(config)
    base.update(env or {})
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=base,
                          timeout=60)
