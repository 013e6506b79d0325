"""The single-writer lock beside the data file, naming the process that holds it.

A separate `netui.json.lock` is locked (`flock` on POSIX, `msvcrt.locking` on
Windows, both in `platform`): the system releases it when the holder dies, so a
stale lock is simply taken over. The holder's pid is written inside. (The
`filelock` package truncates the lock file on every attempt, which would erase
the holder's pid before a second process could read it; that is why this small
module exists.) The lock file is never opened through a symbolic link: writing
the pid would truncate the link's target.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from netui.core.errors import LockedError, StorageError
from netui.core.i18n import _
from netui.storage import platform


def read_holder(lock_file: Path) -> int | None:
    """The pid written in a lock file, if any."""
    try:
        fd = platform.open_lock_file(lock_file, writable=False)
    except OSError:
        return None
    try:
        raw = os.read(fd, 64)
    except OSError:
        return None
    finally:
        os.close(fd)
    text = raw.decode("ascii", errors="replace").strip()
    first = text.split()[0] if text else ""
    return int(first) if first.isdigit() else None


def is_locked(lock_file: Path) -> bool:
    """True when a live process holds the lock (probed without keeping it)."""
    if not lock_file.exists() or lock_file.is_symlink():
        return False
    try:
        fd = platform.open_lock_file(lock_file, writable=False)
    except OSError:
        return False
    try:
        if not platform.try_lock(fd, shared=True):
            return True
        platform.unlock(fd)
    finally:
        os.close(fd)
    return False


class WriterLock:
    """An exclusive, non-blocking lock held for as long as a store may write."""

    def __init__(self, lock_file: Path, data_file: Path) -> None:
        self.lock_file = lock_file
        self.data_file = data_file
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            fd = platform.open_lock_file(self.lock_file, writable=True)
        except OSError as exc:
            if exc.errno == errno.ELOOP or self.lock_file.is_symlink():
                raise StorageError(
                    _("the lock file {lock_file} is a symbolic link; netui will not write through it (remove the link and start again)").format(lock_file=self.lock_file)) from None
            raise StorageError(
                _("cannot create the lock file {lock_file}: {problem}").format(lock_file=self.lock_file, problem=exc.strerror or exc)) from None
        if not platform.try_lock(fd):
            os.close(fd)
            pid = read_holder(self.lock_file)
            who = _("pid {pid}").format(pid=pid) if pid else _("another process")
            raise LockedError(
                _("{data_file} is open for writing in another netui ({who}); close it there first (commands that only read it still work)").format(data_file=self.data_file, who=who), pid) from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError as exc:
            platform.unlock(fd)
            os.close(fd)
            raise StorageError(_("cannot write the lock file {lock_file}: {problem}").format(lock_file=self.lock_file, problem=exc.strerror or exc)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        platform.unlock(self._fd)
        os.close(self._fd)
        self._fd = None
