"""Durable file writes: a reader sees the old file or the new one, never a mix.

Write a temp file in the same folder, fsync it, `os.replace` it over the
target, fsync the folder. On any failure the temp file is removed and the old
file is left byte-identical. What differs between systems (binary mode, file
modes, a target held open on Windows, folder fsync) is in `platform`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from netui.core.errors import StorageError
from netui.core.i18n import _
from netui.storage import platform
from netui.storage.platform import IOV_MAX

TEMP_MARK = ".tmp-"


def temp_name(target: Path) -> Path:
    import secrets  # here, not at the top: hashlib and hmac are not needed to open the app

    return target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def describe_os_error(exc: OSError, path: Path) -> str:
    """Why a save failed, in one sentence the user can act on."""
    if isinstance(exc, platform.FileInUseError):
        return _("cannot save {path}: another program keeps it open (a sync tool, an antivirus "
                 "or an editor?); close it and save again").format(path=path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("cannot save {path}: the disk is full").format(path=path)
    if exc.errno == errno.EFBIG:
        return _("cannot save {path}: file size limit reached (disk full)").format(path=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("cannot save {path}: permission denied").format(path=path)
    if exc.errno == errno.EROFS:
        return _("cannot save {path}: read-only file system").format(path=path)
    return _("cannot save {path}: {problem}").format(path=path, problem=exc.strerror or exc)


def fsync_dir(folder: Path) -> None:
    platform.fsync_dir(folder)


def atomic_write(target: Path, payload: bytes | Sequence[bytes], mode: int = 0o600) -> None:
    """Replace `target` with `payload` (bytes, or pieces written in order) durably;
    raise StorageError, leaving it intact."""
    tmp = temp_name(target)
    try:
        fd = platform.open_new_private(tmp, mode)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, target)) from None
    try:
        try:
            write_all(fd, [payload] if isinstance(payload, bytes) else payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        platform.replace_file(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StorageError(describe_os_error(exc, target)) from None
    fsync_dir(target.parent)


def write_all(fd: int, pieces: Sequence[bytes]) -> None:
    """Write the pieces in order with `writev` (where it exists), a batch at a time: a big file
    of many pieces is never joined into one copy first (a copy of the whole file saved a save)."""
    for start in range(0, len(pieces), IOV_MAX):
        batch = pieces[start:start + IOV_MAX]
        written = platform.write_vectored(fd, batch)
        if written == sum(map(len, batch)):
            continue
        for piece in batch:  # a short write: finish this batch piece by piece
            if written >= len(piece):
                written -= len(piece)
                continue
            view = memoryview(piece)[written:]
            written = 0
            while view:
                view = view[os.write(fd, view):]


def clean_orphans(folder: Path, name: str) -> list[Path]:
    """Remove temp files of `name` left by a crash; only call while holding the lock."""
    removed: list[Path] = []
    prefix = f".{name}{TEMP_MARK}"
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(prefix):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed
