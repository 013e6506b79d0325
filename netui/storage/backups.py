"""Rotating backups beside the data file, and restoring one.

At most one automatic backup per hour of use, the last `KEEP` kept, plus one
before every migration or restore. Each is a byte copy of a file that parsed.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from netui.core.errors import DamagedFileError, NetuiError, StorageError
from netui.storage.atomic import atomic_write, clean_orphans
from netui.storage.paths import backups_dir, real_path

KEEP = 10
AUTO_INTERVAL_S = 3600
_NAME_RE = re.compile(r"^netui-(\d{8}T\d{6})-(\d{6})-([a-z-]+)\.json$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (0700) when missing; an existing folder keeps its mode."""
    try:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(f"cannot create folder {folder}: {exc.strerror or exc}") from None


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this data file, newest first."""
    folder = backups_dir(db_path)
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _NAME_RE.match(entry.name)
        if not match:
            continue
        created = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
        found.append(BackupInfo(Path(entry.path), created, match.group(3), entry.stat().st_size))
    found.sort(key=lambda b: b.path.name, reverse=True)
    return found


def is_valid(path: Path) -> bool:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(data, dict)


def newest_valid(db_path: Path) -> BackupInfo | None:
    for info in list_backups(db_path):
        if is_valid(info.path):
            return info
    return None


def due_for_auto_backup(db_path: Path) -> bool:
    for info in list_backups(db_path):
        if info.reason == "auto":
            try:
                age = time.time() - info.path.stat().st_mtime
            except OSError:
                continue
            return age >= AUTO_INTERVAL_S
    return True


def create_backup(db_path: Path, reason: str = "manual", payload: bytes | None = None) -> Path:
    """Copy the data file (or `payload`) into backups/ and rotate; return the new path."""
    folder = backups_dir(db_path)
    ensure_private_dir(folder)
    if payload is None:
        try:
            payload = real_path(db_path).read_bytes()
        except OSError as exc:
            raise StorageError(f"cannot read {db_path} to back it up: {exc.strerror or exc}") from None
    now = datetime.now()
    target = folder / f"netui-{now:%Y%m%dT%H%M%S-%f}-{reason}.json"
    while target.exists():  # two backups within a microsecond: wait for the clock
        now = datetime.now()
        target = folder / f"netui-{now:%Y%m%dT%H%M%S-%f}-{reason}.json"
    clean_orphans(folder, target.name)
    atomic_write(target, payload)
    rotate(db_path)
    return target


def rotate(db_path: Path, keep: int = KEEP) -> None:
    for info in list_backups(db_path)[keep:]:
        try:
            info.path.unlink()
        except OSError:
            pass


def resolve_backup(db_path: Path, name: str | None) -> Path:
    """The backup a user named (a path or a file name), or the newest good one."""
    if name is None:
        info = newest_valid(db_path)
        if info is None:
            raise NetuiError(f"no valid backup of {db_path} in {backups_dir(db_path)}")
        return info.path
    candidate = Path(name).expanduser()
    if not candidate.exists():
        candidate = backups_dir(db_path) / name
    if not candidate.exists():
        raise NetuiError(f"no such backup: {name} (see 'netui restore --list')")
    if not is_valid(candidate):
        raise DamagedFileError(f"backup {candidate} is not valid JSON; choose another")
    return candidate
