"""Unsaved form edits kept when netui is stopped (SIGTERM; SIGHUP when the
terminal closes; on Windows Ctrl+Break or the console window closing), and
offered back at the next start.

The file sits next to the data file (`paths.recovery_path`), is written
atomically with mode 0600 (it holds personal data), and is removed once the user
has restored or discarded it. No Textual here: the app calls these functions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from netui.core.errors import NetuiError
from netui.core.i18n import _
from netui.storage.atomic import atomic_write
from netui.storage.paths import recovery_path

FORMAT = 1


def write(db_path: Path, entries: list[dict[str, Any]]) -> Path:
    """Keep `entries` (one per dirty form) in the recovery file; raises StorageError."""
    target = recovery_path(Path(db_path))
    existing: list[dict[str, Any]] = []
    try:
        existing = load(db_path)
    except NetuiError:
        existing = []
    payload = {
        "format": FORMAT,
        "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "data_file": str(db_path),
        # Edits not yet restored from an earlier stop are kept too.
        "forms": existing + list(entries),
    }
    atomic_write(target, orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n")
    return target


def load(db_path: Path) -> list[dict[str, Any]]:
    """The kept form entries ([] when there are none); raises NetuiError on a damaged file."""
    target = recovery_path(Path(db_path))
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise NetuiError(_("cannot read the recovery file {target}: {problem}").format(target=target, problem=exc.strerror or exc)) from None
    try:
        data = orjson.loads(raw)
        forms = data["forms"]
        if not isinstance(forms, list) or not all(isinstance(f, dict) for f in forms):
            raise ValueError
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise NetuiError(_("the recovery file {target} is damaged; it is left as it is").format(target=target)) from None
    return forms


def clear(db_path: Path) -> None:
    """Remove the recovery file (after the user restored or discarded it)."""
    try:
        recovery_path(Path(db_path)).unlink()
    except FileNotFoundError:
        pass
