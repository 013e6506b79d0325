"""Every difference between Windows, macOS and Linux that netui depends on, in one place.

The rest of the package names no POSIX-only or Windows-only API (a test walks
the code and checks): it asks this module to lock a file, replace a file,
set private permissions, list the stop signals, or kill a helper's process tree.
Each function picks what the running system has, so the same promises hold on
every desktop: one writer at a time, a save is all or nothing, personal data
is readable by its owner only.

Cheap to import (it is on the start path): nothing heavy at module level.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from netui.core.i18n import _

IS_WINDOWS = sys.platform == "win32"


def _optional_module(name: str) -> Any:
    """A module that exists on some systems only, or None."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        return None


#: POSIX: flock, released by the kernel when the holder dies.
_fcntl: Any = _optional_module("fcntl")
#: Windows: a byte-range lock, released by the system when the holder dies.
_msvcrt: Any = None if _fcntl is not None else _optional_module("msvcrt")

#: Where the Windows lock sits: one byte far past the pid written at the start of
#: the lock file. Windows locks are mandatory (a locked byte cannot be read), so
#: locking byte 0 would hide the holder's pid from the process it refuses.
WINDOWS_LOCK_OFFSET = 1 << 20

#: `os.O_BINARY` (Windows): without it `os.open` writes in text mode and turns
#: every "\n" of a saved file into "\r\n".
O_BINARY: int = getattr(os, "O_BINARY", 0)
#: `os.O_NOFOLLOW` (POSIX): opening a symlink fails instead of following it.
O_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)

#: File modes only mean something on POSIX; on Windows the data lives in the
#: user's own profile folder, which other users cannot read.
HAS_POSIX_MODES = os.name == "posix"

#: Buffers per `writev` call (the kernel's limit); Windows has no `writev`.
_writev: Callable[[int, Sequence[bytes]], int] | None = getattr(os, "writev", None)
IOV_MAX = 1024
if _writev is not None and hasattr(os, "sysconf"):
    try:
        IOV_MAX = min(os.sysconf("SC_IOV_MAX"), 1024)
    except (OSError, ValueError):
        IOV_MAX = 1024

#: How often, and how long apart, a replace is tried again while Windows reports
#: the target in use (a sync tool, an antivirus or an editor holding it open).
REPLACE_TRIES = 8
REPLACE_FIRST_WAIT_S = 0.02


class FileInUseError(OSError):
    """The target stayed in use by another program through every retry."""


# --- the writer lock ----------------------------------------------------------

def lock_mechanism() -> str:
    """The lock this system uses (for `netui doctor`)."""
    if _fcntl is not None:
        return "flock"
    if _msvcrt is not None:
        return "msvcrt.locking"
    return _("none (no locking API on this system)")


def open_lock_file(path: str | os.PathLike[str], writable: bool) -> int:
    """Open the lock file without following a symlink (a planted link would make
    the pid truncate its target). O_NOFOLLOW where it exists; elsewhere a link is refused."""
    if not O_NOFOLLOW and os.path.islink(path):
        raise OSError(errno.ELOOP, _("the lock file is a symbolic link"), os.fspath(path))
    flags = (os.O_RDWR | os.O_CREAT) if writable else os.O_RDONLY
    return os.open(path, flags | O_NOFOLLOW | O_BINARY, 0o600)


def try_lock(fd: int, shared: bool = False) -> bool:
    """Take the lock of an open lock file without waiting; False when another process holds it.

    `shared` (a probe that must not exclude other probes) exists with flock only;
    Windows' lock is always exclusive, so a probe there holds it for an instant."""
    if _fcntl is not None:
        try:
            _fcntl.flock(fd, (_fcntl.LOCK_SH if shared else _fcntl.LOCK_EX) | _fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if _msvcrt is not None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            _msvcrt.locking(fd, _msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    return True  # nothing to lock with: behave as before (single user)


def unlock(fd: int) -> None:
    """Release a lock taken with `try_lock` (closing the file releases it too)."""
    try:
        if _fcntl is not None:
            _fcntl.flock(fd, _fcntl.LOCK_UN)
        elif _msvcrt is not None:
            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            _msvcrt.locking(fd, _msvcrt.LK_UNLCK, 1)
            os.lseek(fd, 0, os.SEEK_SET)
    except OSError:
        pass


# --- durable writes -----------------------------------------------------------

def open_new_private(path: str | os.PathLike[str], mode: int = 0o600) -> int:
    """Create `path` (it must not exist) for binary writing, readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, mode)
    try:
        set_mode_fd(fd, path, mode)
    except OSError:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    return fd


def set_mode_fd(fd: int, path: str | os.PathLike[str], mode: int) -> None:
    """Give an open file exactly `mode` (the umask may have narrowed or widened it); POSIX only."""
    if not HAS_POSIX_MODES:
        return
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def make_private_dir(path: str | os.PathLike[str]) -> None:
    """Create a folder only its owner can enter (0700 on POSIX; on Windows the
    user's profile folder already keeps others out)."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    if HAS_POSIX_MODES:
        os.chmod(path, 0o700)


def write_vectored(fd: int, pieces: Sequence[bytes]) -> int:
    """Write up to IOV_MAX pieces in one call; returns the bytes written (may be short)."""
    if _writev is not None:
        return _writev(fd, pieces)
    return os.write(fd, b"".join(pieces))


def replace_file(src: str | os.PathLike[str], dst: str | os.PathLike[str],
                 tries: int = REPLACE_TRIES, first_wait: float = REPLACE_FIRST_WAIT_S) -> None:
    """`os.replace`, tried again with a growing wait while the target is in use.

    Windows refuses to replace a file another program has open (PermissionError),
    where POSIX would succeed; a sync tool or an antivirus lets go within moments.
    Raises FileInUseError when it never does.
    """
    wait = first_wait
    for attempt in range(tries):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if attempt == tries - 1:
                raise FileInUseError(errno.EACCES, exc.strerror or "in use", os.fspath(dst)) from None
            time.sleep(wait)
            wait *= 2


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a rename durable by syncing its folder, where the system allows it
    (Windows cannot open a folder as a file; its renames are journaled by NTFS)."""
    if IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def readable_by_others(mode: int) -> bool:
    """True when a file or folder mode lets group or others read it (POSIX only)."""
    return HAS_POSIX_MODES and bool(mode & 0o077)


# --- signals ------------------------------------------------------------------

def stop_signals() -> tuple[signal.Signals, ...]:
    """The signals that mean "stop now" on this system: SIGTERM everywhere, SIGHUP
    (terminal closed) on POSIX, SIGBREAK (Ctrl+Break) on Windows."""
    names = ("SIGTERM", "SIGHUP", "SIGBREAK")
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


def install_console_close_handler(on_close: Callable[[], None]) -> Callable[[], None] | None:
    """Windows: call `on_close` when the console window is closed (CTRL_CLOSE_EVENT).

    Python's own SIGBREAK handler only sets a flag, and Windows ends the process as
    soon as the console handler returns, so the Python code would never run. This
    handler (SetConsoleCtrlHandler through ctypes) runs `on_close` on the system's
    handler thread and returns only when it is done: `on_close` must block until
    the edits are kept, within the 5 s Windows allows. Returns a function that
    removes the handler; None on other systems.
    """
    if not IS_WINDOWS:
        return None
    import ctypes

    windll = getattr(ctypes, "windll", None)
    factory = getattr(ctypes, "WINFUNCTYPE", None)
    if windll is None or factory is None:
        return None
    ctrl_close_event = 2

    def handler(event: int) -> int:
        if event != ctrl_close_event:
            return 0  # Ctrl+C and Ctrl+Break: the next handler (Python's signals)
        try:
            on_close()
        except Exception:  # noqa: BLE001 - the process ends anyway
            pass
        return 1

    routine = factory(ctypes.c_int, ctypes.c_uint)(handler)
    if not windll.kernel32.SetConsoleCtrlHandler(routine, True):
        return None

    def remove() -> None:
        windll.kernel32.SetConsoleCtrlHandler(routine, False)

    return remove


# --- the desktop ---------------------------------------------------------------

def windows_start(target: str) -> None:
    """Open a URL or file with its Windows handler (`os.startfile`: cmd's `start`
    would split a URL on "&"). Raises OSError when there is none or this is not Windows."""
    startfile: Callable[[str], None] | None = getattr(os, "startfile", None)
    if startfile is None:
        raise OSError(errno.ENOSYS, _("os.startfile exists on Windows only"))
    startfile(target)


# --- helper processes ---------------------------------------------------------

def new_process_group_options() -> dict[str, Any]:
    """Popen arguments that start a helper in its own group, so its whole tree can be killed."""
    if IS_WINDOWS:
        import subprocess

        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return {"start_new_session": True}


def kill_process_tree(proc: Any) -> None:
    """Kill a helper started with `new_process_group_options` and every process it started.

    POSIX: SIGKILL to its process group. Windows: `taskkill /T /F` (the tree).
    Where neither exists, the helper alone."""
    killpg = getattr(os, "killpg", None)
    sigkill = getattr(signal, "SIGKILL", None)
    try:
        if killpg is not None and sigkill is not None:
            killpg(proc.pid, sigkill)
            return
        if IS_WINDOWS:
            import subprocess

            subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=5, check=False)
    except Exception:  # noqa: BLE001 - an error or a taskkill that timed out: kill the helper alone
        pass
    try:
        proc.kill()
    except OSError:
        pass
