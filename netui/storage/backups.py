"""Rotating backups beside the data file, and restoring one.

Backups are named after their data file (`backups/<file name>.<time>.<reason>.json`),
so several data files can share a folder without their backups mixing: each
file lists, rotates and restores only its own. At most one automatic backup per
hour of use; the last `KEEP` of each reason are kept apart (eleven manual
backups never push out the one taken before a migration, a restore or an
import). Each is a byte copy of a file that parsed.

Backups from older versions (`netui-<time>-<reason>.json`) carry no file name:
they count as this file's only when it is the one data file in its folder
(the only `.lock` there); otherwise they are listed apart and never rotated.
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
from netui.core.i18n import _
from netui.storage import platform
from netui.storage.atomic import atomic_write, clean_orphans
from netui.storage.paths import backups_dir, real_path

KEEP = 10
AUTO_INTERVAL_S = 3600
_NAME_RE = re.compile(r"^(?P<owner>.+)\.(?P<time>\d{8}T\d{6}-\d{6})\.(?P<reason>[a-z-]+)\.json$")
_LEGACY_RE = re.compile(r"^netui-(?P<time>\d{8}T\d{6}-\d{6})-(?P<reason>[a-z-]+)\.json$")
_TIME_FORMAT = "%Y%m%dT%H%M%S-%f"
LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    #: The data file name it was taken from; None for an older backup whose file cannot be told.
    owner: str | None = None


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (0700 on POSIX) when missing; an existing folder keeps its mode."""
    try:
        if folder.is_dir():
            return
        platform.make_private_dir(folder)
    except OSError as exc:
        raise StorageError(_("cannot create folder {folder}: {problem}").format(folder=folder, problem=exc.strerror or exc)) from None


def linked_folder_problem(db_path: Path) -> str:
    """Why the backups folder cannot be used, when it is a symbolic link ("" when it is not).

    Backups hold the whole network, and rotation deletes files: written through a link
    planted by someone else, they would land (and old files be removed) wherever it points."""
    folder = backups_dir(db_path)
    if not folder.is_symlink():
        return ""
    return _("the backups folder {folder} is a symbolic link; netui will not write backups through it "
             "(remove the link, or move the folder it points to in its place, and start again)").format(folder=folder)


def refuse_linked_folder(db_path: Path) -> None:
    """Raise StorageError when the backups folder is a symbolic link (see `linked_folder_problem`)."""
    problem = linked_folder_problem(db_path)
    if problem:
        raise StorageError(problem)


def owner_name(db_path: Path) -> str:
    """The name backups of `db_path` carry (that of the file a symlink points to)."""
    return real_path(db_path).name


def backup_name(db_path: Path, reason: str, when: datetime) -> str:
    return f"{owner_name(db_path)}.{when.strftime(_TIME_FORMAT)}.{reason}.json"


def parse_name(name: str) -> tuple[str | None, datetime, str] | None:
    """(owner or None for an older name, time, reason) of a backup file name; None if not a backup."""
    match = _NAME_RE.match(name)
    owner: str | None = None
    if match:
        owner = match.group("owner")
    else:
        match = _LEGACY_RE.match(name)
        if not match:
            return None
    try:
        created = datetime.strptime(match.group("time"), _TIME_FORMAT)
    except ValueError:
        return None
    return owner, created, match.group("reason")


def legacy_is_ours(db_path: Path) -> bool:
    """Older unnamed backups belong to `db_path` when it is the only data file netui
    has written in its folder (no other `<name>.lock` beside it)."""
    real = real_path(db_path)
    try:
        entries = os.listdir(real.parent)
    except OSError:
        return False
    owners = {e[:-len(LOCK_SUFFIX)] for e in entries if e.endswith(LOCK_SUFFIX) and not e.startswith(".")}
    return owners <= {real.name}


def _scan(db_path: Path) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(this file's backups, older backups of a file that cannot be told), newest first."""
    folder = backups_dir(db_path)
    mine: list[BackupInfo] = []
    unknown: list[BackupInfo] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return [], []
    me = owner_name(db_path)
    for entry in entries:
        parsed = parse_name(entry.name)
        if parsed is None:
            continue
        owner, created, reason = parsed
        if owner is not None and owner != me:
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        info = BackupInfo(Path(entry.path), created, reason, size, owner)
        (mine if owner is not None else unknown).append(info)
    if unknown and legacy_is_ours(db_path):
        mine += unknown
        unknown = []
    for found in (mine, unknown):
        found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return mine, unknown


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this data file, newest first (never another file's)."""
    return _scan(db_path)[0]


def list_unattributed(db_path: Path) -> list[BackupInfo]:
    """Older backups in the same folder whose data file cannot be told, newest first."""
    return _scan(db_path)[1]


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
    refuse_linked_folder(db_path)
    ensure_private_dir(folder)
    if payload is None:
        try:
            payload = real_path(db_path).read_bytes()
        except OSError as exc:
            raise StorageError(_("cannot read {db_path} to back it up: {problem}").format(db_path=db_path, problem=exc.strerror or exc)) from None
    target = folder / backup_name(db_path, reason, datetime.now())
    while target.exists():  # two backups within a microsecond: wait for the clock
        target = folder / backup_name(db_path, reason, datetime.now())
    clean_orphans(folder, target.name)
    atomic_write(target, payload)
    rotate(db_path)
    return target


def rotate(db_path: Path, keep: int = KEEP) -> None:
    """Keep the newest `keep` backups of each reason of this file; never touch another file's."""
    seen: dict[str, int] = {}
    for info in list_backups(db_path):
        seen[info.reason] = seen.get(info.reason, 0) + 1
        if seen[info.reason] <= keep:
            continue
        try:
            info.path.unlink()
        except OSError:
            pass


def resolve_backup(db_path: Path, name: str | None) -> Path:
    """The backup a user named (a path or a file name), or the newest good one."""
    if name is None:
        info = newest_valid(db_path)
        if info is None:
            raise NetuiError(_("no valid backup of {db_path} in {value}").format(db_path=db_path, value=backups_dir(db_path)))
        return info.path
    candidate = Path(name).expanduser()
    if not candidate.exists():
        candidate = backups_dir(db_path) / name
    if not candidate.exists():
        raise NetuiError(_("no such backup: {name} (see 'netui restore --list')").format(name=name))
    parsed = parse_name(candidate.name)
    if parsed is not None and parsed[0] is not None and parsed[0] != owner_name(db_path):
        raise NetuiError(_("{name} is a backup of {owner}, not of {file}; restore it with --db pointing at {owner}").format(name=candidate.name, owner=parsed[0], file=owner_name(db_path)))
    if not is_valid(candidate):
        raise DamagedFileError(_("backup {candidate} is not valid JSON; choose another").format(candidate=candidate))
    return candidate
