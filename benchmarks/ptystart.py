"""Start a TUI in a pseudo-terminal, time it until rows are on the terminal, quit, read its peak memory.

This is what a user waits for: from the moment the process is launched until
the terminal has received the bytes that draw contact rows. The program runs
with its real terminal driver (not headless), in a pseudo-terminal of
`SIZE`; everything it writes is read as it comes and searched for a contact
row. Then ctrl+q is typed, the process exits, and `wait4` gives its peak
resident memory (ru_maxrss).
"""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path
from typing import Sequence

from .common import ROOT, SIZE

#: A contact's name as drawn in a row: a surname of the synthetic data followed by its number
#: (tests/support/datagen.py and bare_app.py). Nothing else on either screen looks like it.
ROW_PATTERN = re.compile(r"(?:Rossi|Bianchi|Müller|García|Dubois|Nakamura|Kowalski|Okafor|Haddad|"
                         r"Jensen|Silva|Novak|Ricci|Moreau|Costa|Ferrari)\d+")
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


class StartFailed(RuntimeError):
    pass


def launch(argv: Sequence[str], *, env: dict[str, str], size: tuple[int, int] = SIZE,
           pattern: re.Pattern[str] = ROW_PATTERN, timeout: float = 60.0, linger: float = 1.0) -> dict[str, float]:
    """Run `argv` in a pseudo-terminal; seconds until `pattern` is drawn, and peak RSS in MiB.

    The program is left running `linger` seconds after the rows are drawn (work it does
    after its first frame counts in its memory), then ctrl+q is typed."""
    columns, rows = size
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    seen = ""
    shown: float | None = None
    quit_sent: float | None = None
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                            start_new_session=True, close_fds=True)
    os.close(slave)
    try:
        deadline = start + timeout
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise StartFailed(f"{argv[-1]}: no row drawn after {timeout:.0f} s; it wrote:\n"
                                  f"{ANSI.sub('', seen)[-2000:]}")
            if quit_sent is not None and now - quit_sent > 10:
                raise StartFailed(f"{argv[-1]}: did not quit 10 s after ctrl+q")
            if shown is not None and quit_sent is None and now - start - shown >= linger:
                quit_sent = now
                os.write(master, b"\x11")  # ctrl+q
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: every copy of the terminal's other side is closed: it exited
                break
            if not chunk:
                break
            if shown is None:
                text = decoder.decode(chunk)
                # Search the new text with a little of the old, for a name split across reads;
                # a name inside one styled segment is never split by escape sequences.
                window = seen[-64:] + text
                seen = (seen + text)[-20000:]
                if pattern.search(window):
                    shown = time.perf_counter() - start
    finally:
        if shown is None:  # failed or timed out: do not wait for it
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status, usage = _reap(proc)
        os.close(master)
    if shown is None:
        raise StartFailed(f"{argv[-1]} exited ({status}) before drawing a row; it wrote:\n"
                          f"{ANSI.sub('', seen)[-2000:]}")
    return {"seconds": shown, "max_rss_mib": usage.ru_maxrss / 1024}


def _reap(proc: subprocess.Popen) -> tuple[int, int, os.struct_rusage]:  # type: ignore[name-defined]
    """Wait for the child (killing it after 10 s) and return wait4's answer."""
    deadline = time.perf_counter() + 10
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, proc.returncode, usage
        if time.perf_counter() > deadline:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            deadline = time.perf_counter() + 10
        time.sleep(0.01)


def netui_argv(python: str, db: Path) -> list[str]:
    """netui as a user starts it: the console script's code, on a data file."""
    return [python, "-c", "import sys; from netui.cli.main import main; sys.exit(main())", "--db", str(db)]


def bare_argv(python: str) -> list[str]:
    """The bare app, started the same way."""
    return [python, "-c", "from benchmarks.bare_app import BareApp; BareApp().run()"]
