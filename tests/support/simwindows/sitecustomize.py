"""Simulated Windows API surface for a subprocess: put this folder on PYTHONPATH.

Python imports `sitecustomize` at start, so every module of the process then
sees what Windows lacks as missing:

- `import fcntl` raises ImportError (netui must use another lock);
- no `signal.SIGHUP`, `os.fchmod`, `os.killpg`, `os.getpgid`, `os.getuid`,
  `os.geteuid`, `os.writev`, `os.sysconf`, `os.O_NOFOLLOW`;
- `os.replace` onto the data file (named by NETUI_SIM_DATA_NAME, default
  netui.json) fails with PermissionError the first NETUI_SIM_BUSY_REPLACES
  times (default 2) in each process, as when a sync tool, an antivirus or an
  editor holds the file open;
- a stand-in `msvcrt` with `locking()` (LK_NBLCK, LK_LOCK, LK_UNLCK...) that
  raises PermissionError when another handle holds the lock, as Windows does.
  It is built on `flock` (one lock per open handle, released when the holder
  dies); it cannot make the locked byte unreadable as Windows would.

Not simulated: `sys.platform`/`os.name` stay Linux's (the standard library and
Textual's terminal driver choose their code by them), so console-close events,
taskkill and Windows paths are not exercised here.
"""

from __future__ import annotations

import errno
import fcntl as _real_fcntl
import importlib.abc
import os
import signal
import sys
import types

_HIDDEN_MODULES = {"fcntl"}


class _HideModules(importlib.abc.MetaPathFinder):
    """Make `import fcntl` fail as it does on Windows."""

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001, ANN201 - importlib protocol
        if fullname in _HIDDEN_MODULES:
            raise ImportError(f"No module named {fullname!r} (simulated Windows)", name=fullname)
        return None


# platformdirs picks its code by sys.platform, which stays Linux here: its Unix
# part binds os.geteuid at import. On Windows it takes its win32 branch instead,
# so it is loaded before the names go, to stand in for that branch.
try:
    import platformdirs._runtime  # noqa: F401
except ImportError:
    pass

sys.modules.pop("fcntl", None)
sys.meta_path.insert(0, _HideModules())

for _name in ("fchmod", "killpg", "getpgid", "getuid", "geteuid", "writev", "sysconf", "O_NOFOLLOW"):
    if hasattr(os, _name):
        delattr(os, _name)
if hasattr(signal, "SIGHUP"):
    delattr(signal, "SIGHUP")


# --- a target held open by another program ----------------------------------------

_real_replace = os.replace
_busy = {"left": int(os.environ.get("NETUI_SIM_BUSY_REPLACES", "2")), "pid": os.getpid()}
_data_name = os.environ.get("NETUI_SIM_DATA_NAME", "netui.json")


def _replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):  # noqa: ANN001, ANN202 - os.replace's signature
    if _busy["pid"] != os.getpid():  # a forked child: it has its own turn of refusals
        _busy["pid"] = os.getpid()
        _busy["left"] = int(os.environ.get("NETUI_SIM_BUSY_REPLACES", "2"))
    if os.path.basename(os.fspath(dst)) == _data_name and _busy["left"] > 0:
        _busy["left"] -= 1
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used "
                                            "by another process (simulated)", os.fspath(dst))
    return _real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


os.replace = _replace


# --- msvcrt.locking ------------------------------------------------------------------

def _locking(fd: int, mode: int, nbytes: int) -> None:
    if mode == msvcrt.LK_UNLCK:
        _real_fcntl.flock(fd, _real_fcntl.LOCK_UN)
        return
    try:
        _real_fcntl.flock(fd, _real_fcntl.LOCK_EX | _real_fcntl.LOCK_NB)
    except BlockingIOError:
        if mode in (msvcrt.LK_LOCK, msvcrt.LK_RLCK):
            raise OSError(errno.EDEADLK, "Resource deadlock avoided (simulated)") from None
        raise PermissionError(errno.EACCES, "Permission denied (simulated)") from None


# `subprocess` decides it runs on Windows when `import msvcrt` works: it is loaded
# first, so it keeps its POSIX code (the processes here are Linux processes).
import subprocess  # noqa: E402,F401

msvcrt = types.ModuleType("msvcrt", "Simulated msvcrt: only locking() (see sitecustomize).")
msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK, msvcrt.LK_RLCK, msvcrt.LK_NBRLCK = 0, 1, 2, 3, 4
msvcrt.locking = _locking
sys.modules["msvcrt"] = msvcrt
