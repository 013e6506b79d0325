"""The same promises on Windows: checked here under a simulated Windows API surface.

Each test runs the installed `netui` command (or the app in tmux, or the kill
loop) in a subprocess whose PYTHONPATH starts with tests/support/simwindows,
whose sitecustomize removes what Windows lacks (fcntl, SIGHUP, os.fchmod,
os.killpg, os.getuid, os.writev, O_NOFOLLOW), refuses the first two replaces
of the data file with PermissionError (a sync tool or antivirus holding it),
and offers a stand-in `msvcrt.locking`. What the simulation cannot cover is
said in that file.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import write_data_file

from netui.core.models import Contact
from netui.storage import platform, recovery
from netui.storage.paths import recovery_path
from netui.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
SIM = ROOT / "tests" / "support" / "simwindows"
NETUI = Path(sys.executable).with_name("netui")

needs_netui = pytest.mark.skipif(not NETUI.exists(), reason="the netui command is not installed (pip install -e .)")


def sim_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "PYTHONPATH")}
    env["PYTHONPATH"] = os.pathsep.join([str(SIM), str(ROOT)])
    env.update(extra)
    return env


def sim_netui(db: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True,
                          env=sim_env(**extra), cwd=ROOT, timeout=60)


def sim_python(code: str, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=sim_env(**extra), cwd=ROOT, timeout=60)


def test_the_simulation_removes_what_windows_lacks(tmp_path):
    """The stand-in is in force: otherwise every test below would prove nothing."""
    code = r"""
import json, os, signal, sys
out = {}
try:
    import fcntl
    out["fcntl"] = True
except ImportError:
    out["fcntl"] = False
for name in ("fchmod", "killpg", "getuid", "writev", "O_NOFOLLOW"):
    out[name] = hasattr(os, name)
out["SIGHUP"] = hasattr(signal, "SIGHUP")
target = os.path.join(sys.argv[1], "netui.json")
refused = 0
for _ in range(3):
    open(target + ".new", "w").close()
    try:
        os.replace(target + ".new", target)
    except PermissionError:
        refused += 1
out["refused"] = refused
from netui.storage import platform
out["lock"] = platform.lock_mechanism()
out["stop"] = [s.name for s in platform.stop_signals()]
print(json.dumps(out))
"""
    result = sim_python(code, str(tmp_path))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {"fcntl": False, "fchmod": False, "killpg": False, "getuid": False, "writev": False,
                    "O_NOFOLLOW": False, "SIGHUP": False, "refused": 2, "lock": "msvcrt.locking",
                    "stop": ["SIGTERM"]}


@needs_netui
def test_cli_add_contacts_import_export_backup_under_simulated_windows(tmp_path):
    db = tmp_path / "data" / "netui.json"
    added = sim_netui(db, "add", "Ada Lovelace <ada@example.org>", "--company", "Acme")
    assert added.returncode == 0, added.stderr
    assert sim_netui(db, "add", "Bea Rossi <bea@example.org>").returncode == 0
    listed = sim_netui(db, "contacts", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sorted(c["first_name"] for c in json.loads(listed.stdout)) == ["Ada", "Bea"]

    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                   "Cy,Verdi,cy@example.org,Beta,Dev,01 Jan 2024\n", encoding="utf-8")
    imported = sim_netui(db, "import", "linkedin", str(csv))
    assert imported.returncode == 0, imported.stderr
    assert "1 new" in imported.stdout

    out = tmp_path / "all.json"
    exported = sim_netui(db, "export", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert sorted(c["first_name"] for c in orjson.loads(out.read_bytes())["contacts"]) == ["Ada", "Bea", "Cy"]
    vcard = sim_netui(db, "export", "vcard")
    assert vcard.returncode == 0 and vcard.stdout.count("BEGIN:VCARD") == 3

    backed = sim_netui(db, "backup")
    assert backed.returncode == 0, backed.stderr
    made = Path(backed.stdout.split("backup written: ", 1)[1].strip())
    assert made.read_bytes() == db.read_bytes()
    # Saved whole, owner-only (os.chmod stands in for the missing os.fchmod), no temp left.
    with Store.open(db, readonly=True) as store:
        assert len(store.contacts()) == 3
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in db.parent.iterdir() if ".tmp-" in p.name] == []


@needs_netui
def test_a_data_file_held_open_too_long_is_one_clear_error_and_unchanged(tmp_path):
    """Windows refuses to replace a file another program holds: netui retries, then
    says so in one line, and the file on disk is untouched."""
    db = tmp_path / "netui.json"
    assert sim_netui(db, "add", "Ada Lovelace <ada@example.org>").returncode == 0
    before = db.read_bytes()
    result = sim_netui(db, "add", "Bea Rossi <bea@example.org>", NETUI_SIM_BUSY_REPLACES="100")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "another program keeps it open" in result.stderr
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


HOLDER = r"""
import sys
from netui.storage.store import Store
store = Store.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()
"""


@needs_netui
def test_a_second_writer_is_refused_naming_the_first_then_a_dead_holder_is_taken_over(tmp_path):
    db = tmp_path / "netui.json"
    assert sim_netui(db, "add", "Ada Lovelace <ada@example.org>").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=sim_env(), cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        refused = sim_netui(db, "add", "Bea Rossi <bea@example.org>")
        assert refused.returncode != 0
        assert f"pid {holder.pid}" in refused.stderr and refused.stderr.count("\n") == 1
        doctor = sim_netui(db, "doctor")
        assert f"held by pid {holder.pid}" in doctor.stdout and "msvcrt.locking" in doctor.stdout
    finally:
        holder.kill()  # dies holding the lock: the system lets go of it
        holder.wait()
    taken = sim_netui(db, "add", "Bea Rossi <bea@example.org>")
    assert taken.returncode == 0, taken.stderr
    with Store.open(db, readonly=True) as store:
        assert sorted(c.first_name for c in store.contacts()) == ["Ada", "Bea"]


@pytest.mark.parametrize("simulated", [False, True], ids=["native", "simulated-windows"])
def test_a_lock_file_that_is_a_symlink_is_refused_and_its_target_untouched(tmp_path, simulated):
    db = tmp_path / "netui.json"
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "netui.json.lock").symlink_to(victim)
    code = ("import sys\nfrom netui.storage.store import Store\nfrom netui.core.errors import NetuiError\n"
            "try:\n    Store.open(sys.argv[1])\nexcept NetuiError as exc:\n    print(exc)\n")
    if simulated:
        result = sim_python(code, str(db))
    else:
        result = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                                cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "symbolic link" in result.stdout
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_kill_9_during_saves_under_simulated_windows_never_mixes_files(tmp_path):
    """The kill loop of test_reliability, shorter, with the Windows write path (no
    writev, no fchmod, replaces refused then retried): old file or new, never a mix."""
    db = write_data_file(tmp_path / "netui.json",
                         [Contact(first_name=f"Ada{i}", last_name="Rossi", emails=[f"a{i}@example.org"])
                          for i in range(300)])
    harness = ROOT / "tests" / "support" / "kill_harness.py"
    result = subprocess.run([sys.executable, str(harness), str(db), "40", "7"], capture_output=True, text=True,
                            cwd=ROOT, env=sim_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["kills"] == 40 and summary["bad"] == 0
    assert summary["temp_seen"] > 0  # kills landed inside saves
    assert summary["distinct_versions"] >= 2  # saves went through, after the refused replaces
    with Store.open(db, readonly=True) as store:
        assert len(store.contacts()) == 300


def test_stop_signals_and_process_groups_on_this_system():
    """Natively (Linux here) the stop signals include SIGHUP, and a helper's whole tree dies."""
    assert {s.name for s in platform.stop_signals()} >= {"SIGTERM", "SIGHUP"}
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); " \
           "print('started', flush=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            **platform.new_process_group_options())
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    group = proc.pid
    platform.kill_process_tree(proc)
    proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the helper's child outlived it")


# --- the app in a real terminal, under the simulation --------------------------------

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def sim_terminal(tmp_path):
    from test_tui_tmux import Terminal

    term = Terminal(tmp_path)
    term.env.update(sim_env(NETUI_CONFIG_DIR=str(tmp_path / "config"), TERM="xterm-256color"))
    term.env.pop("TMUX", None)
    yield term
    term.close()


@needs_tmux
@needs_netui
def test_the_app_starts_saves_and_keeps_edits_on_sigterm_under_simulated_windows(sim_terminal, tmp_path):
    db = tmp_path / "data" / "netui.json"
    sim_terminal.start(f"{NETUI} --db {db}")
    sim_terminal.wait_for("Welcome to netui")
    environ = Path(f"/proc/{sim_terminal.pid()}/environ").read_bytes().decode("utf-8", "replace")
    assert str(SIM) in environ  # the app itself runs under the simulation
    sim_terminal.keys("n")
    sim_terminal.wait_for("New contact")
    sim_terminal.text("Ada")
    sim_terminal.keys("Tab")
    sim_terminal.text("Lovelace")
    sim_terminal.keys("Tab")
    sim_terminal.text("ada@example.org")
    sim_terminal.keys("C-s")  # saves and stays on the form
    sim_terminal.wait_for("Saved Ada Lovelace")
    sim_terminal.keys("Escape")
    sim_terminal.wait_for("1 contact")
    # A second form left unsaved, then the app is told to stop (no SIGHUP on Windows).
    sim_terminal.keys("n")
    sim_terminal.wait_for("New contact")
    sim_terminal.text("Grace")
    sim_terminal.wait_for("Grace")
    os.kill(sim_terminal.pid(), signal.SIGTERM)
    deadline = time.monotonic() + 10
    while not recovery_path(db).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    [entry] = recovery.load(db)
    assert entry["values"]["first_name"] == "Grace"
    sim_terminal.wait_until_gone()
    with Store.open(db, readonly=True) as store:
        [ada] = store.contacts()
        assert (ada.first_name, ada.last_name, ada.emails) == ("Ada", "Lovelace", ["ada@example.org"])
    assert oct(db.stat().st_mode & 0o777) == "0o600"


WINDOWS_LOOP_CHILD = r"""
import asyncio, os, signal, sys
# Windows' event loop takes no signal handlers: the app must fall back to plain ones.
def refuse(self, *args, **kwargs):
    raise NotImplementedError
asyncio.get_event_loop_policy()._loop_factory.add_signal_handler = refuse
asyncio.get_event_loop_policy()._loop_factory.remove_signal_handler = refuse

from netui.storage.store import Store
from netui.tui.app import NetuiApp

async def main():
    app = NetuiApp(Store.open(sys.argv[1]), handle_signals=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Grace")
        await pilot.pause()
        print("installed:", signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None), flush=True)
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100):
            await pilot.pause(0.05)

asyncio.run(main())
"""


def test_stop_signals_reach_the_app_where_the_event_loop_takes_no_handlers(tmp_path):
    """As on Windows (no loop.add_signal_handler, no SIGHUP): SIGTERM still keeps a dirty form."""
    db = tmp_path / "netui.json"
    result = subprocess.run([sys.executable, "-c", WINDOWS_LOOP_CHILD, str(db)], capture_output=True, text=True,
                            env={**sim_env(), "NETUI_CONFIG_DIR": str(tmp_path / "config")}, cwd=ROOT, timeout=120)
    assert "installed: True" in result.stdout, result.stderr
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    [entry] = recovery.load(db)
    assert entry["kind"] == "contact" and entry["values"]["first_name"] == "Grace"
