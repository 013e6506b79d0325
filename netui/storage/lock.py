"""The single-writer lock beside the data file, naming the process that holds it.

A separate `netui.json.lock` is locked with `flock`: the kernel releases it when
the holder dies, so a stale lock is simply taken over. The holder's pid is
written inside. (The `filelock` package truncates the lock file on every
attempt, which would erase the holder's pid before a second process could read
it; that is why this small module exists.)
"""

from __future__ import annotations

import os
from pathlib import Path

from netui.core.errors import LockedError, StorageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # the module or None: checked before each use


def read_holder(lock_file: Path) -> int | None:
    """The pid written in a lock file, if any."""
    try:
        text = lock_file.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    first = text.split()[0] if text else ""
    return int(first) if first.isdigit() else None


def is_locked(lock_file: Path) -> bool:
    """True when a live process holds the lock (probed without keeping it)."""
    if fcntl is None or not lock_file.exists():
        return False
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
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
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StorageError(
                f"cannot create the lock file {self.lock_file}: {exc.strerror or exc}") from None
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                pid = read_holder(self.lock_file)
                who = f"pid {pid}" if pid else "another process"
                raise LockedError(
                    f"{self.data_file} is open for writing in another netui ({who}); "
                    "close it first, or open read-only", pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        if fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
