"""The installed `netui` command in a real terminal (tmux): keys in, screen text out, file on disk.

Each test uses its own tmux server (`-L`), so it never touches the user's sessions.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netui.storage import recovery
from netui.storage.paths import recovery_path
from netui.storage.store import Store

NETUI = Path(sys.executable).with_name("netui")

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not NETUI.exists(), reason="the netui command is not installed (pip install -e .)"),
]


class Terminal:
    """One tmux server with one 120x36 window running a command."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"netui-test-{os.getpid()}-{tmp_path.name}"
        self.env = {**os.environ, "NETUI_CONFIG_DIR": str(tmp_path / "config"), "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)
        # The app takes its size from the terminal, unless COLUMNS/LINES say otherwise (pytest-xdist
        # sets them to 80x24 in its workers): a real terminal's size comes from its pty alone.
        self.env.pop("COLUMNS", None)
        self.env.pop("LINES", None)

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env,
                              check=check, timeout=20)

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", "netui", "-x", "120", "-y", "36", f"exec {command}")

    def screen(self) -> str:
        result = self.tmux("capture-pane", "-p", "-t", "netui", check=False)
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def wait_until_gone(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.tmux("has-session", "-t", "netui", check=False).returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"netui did not exit; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Keys one at a time (tmux key names, or literal text), like a person typing."""
        for key in keys:
            self.tmux("send-keys", "-t", "netui", key)
            time.sleep(pause)

    def text(self, text: str) -> None:
        self.tmux("send-keys", "-t", "netui", "-l", text)
        time.sleep(0.2)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "netui", "#{pane_pid}").stdout.strip())

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_add_a_contact_filter_and_quit(terminal, tmp_path):
    db = tmp_path / "data" / "netui.json"
    terminal.start(f"{NETUI} --db {db}")
    terminal.wait_for("Welcome to netui")
    terminal.keys("n")
    terminal.wait_for("New contact")
    terminal.text("Ada")
    terminal.keys("Tab")
    terminal.text("Lovelace")
    terminal.keys("Tab")
    terminal.text("ada@example.org")
    terminal.keys("C-s")  # saves and stays on the form
    terminal.wait_for("Saved Ada Lovelace")
    terminal.keys("Escape")
    shown = terminal.wait_for("1 contact")
    assert "Ada Lovelace" in shown and "Welcome to netui" not in shown
    terminal.keys("/")
    terminal.text("zzz")
    terminal.wait_for("No contact matches")
    terminal.keys("Escape")
    terminal.wait_for("Ada Lovelace")
    terminal.keys("/")
    terminal.text("love")
    assert "Ada Lovelace" in terminal.wait_for("1 contact")
    terminal.keys("Escape", "C-q")
    terminal.wait_until_gone()
    with Store.open(db, readonly=True) as store:
        [ada] = store.contacts()
        assert (ada.first_name, ada.last_name, ada.emails) == ("Ada", "Lovelace", ["ada@example.org"])
    assert oct(db.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP (terminal closed)"])
def test_unsaved_form_edits_are_kept_when_stopped(terminal, tmp_path, how):
    db = tmp_path / "netui.json"
    terminal.start(f"{NETUI} --db {db}")
    terminal.wait_for("Welcome to netui")
    terminal.keys("n")
    terminal.wait_for("New contact")
    terminal.text("Grace")
    terminal.keys("Tab")
    terminal.text("Hopper")
    terminal.wait_for("Hopper")
    if how == "SIGTERM":
        os.kill(terminal.pid(), signal.SIGTERM)
    else:
        terminal.tmux("kill-server")  # the terminal goes away: the app gets SIGHUP
    deadline = time.monotonic() + 10
    while not recovery_path(db).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    [entry] = recovery.load(db)
    assert entry["kind"] == "contact" and entry["uid"] is None
    assert (entry["values"]["first_name"], entry["values"]["last_name"]) == ("Grace", "Hopper")
    # The next start offers the edits back.
    time.sleep(0.5)
    terminal.close()
    terminal.start(f"{NETUI} --db {db}")
    terminal.wait_for("closed with unsaved edits")
    terminal.keys("y")
    shown = terminal.wait_for("New contact")
    assert "Grace" in shown and "Hopper" in shown
    terminal.keys("C-s")
    terminal.wait_for("Grace Hopper")
    terminal.keys("C-q")
    terminal.wait_until_gone()
    assert not recovery_path(db).exists()
    with Store.open(db, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Grace Hopper"]


def test_demo_command_runs_on_a_temporary_file(terminal, tmp_path):
    real = tmp_path / "real.json"
    terminal.env["NETUI_DB"] = str(real)
    terminal.start(f"{NETUI} demo")
    terminal.wait_for("Demo network")
    shown = terminal.wait_for("By source")  # the side panel follows the first frame
    assert "Demo network" in shown and "30 contacts" in shown
    terminal.keys("C-q")
    terminal.wait_until_gone()
    assert not real.exists()
