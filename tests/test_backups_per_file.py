"""Backups belong to their data file: two files in one folder never mix.

Each finding is reproduced from outside: real files, the installed command
(`python -m netui`), then the fix is checked the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from textual.widgets import Static

from netui.core.models import Contact
from netui.storage import backups
from netui.tui.dialogs.import_dialog import ImportScreen
from netui.tui.screens.overview import OverviewScreen

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import"


def netui(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    return subprocess.run([sys.executable, "-m", "netui", "--db", str(db), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60, input=stdin)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def names(db: Path) -> list[str]:
    return sorted(c["first_name"] for c in orjson.loads(db.read_bytes())["contacts"].values())


@pytest.fixture
def alice_and_bob(tmp_path):
    """a.json (Alice) and b.json (Bob) in one folder, each with a manual backup; Bob's is newer."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    ok(netui(a, "add", "Alice Rossi <alice@example.org>"))
    ok(netui(a, "backup"))
    time.sleep(0.01)
    ok(netui(b, "add", "Bob Verdi <bob@example.org>"))
    ok(netui(b, "backup"))
    return a, b


def test_restore_brings_back_this_files_backup_never_the_others(alice_and_bob):
    a, b = alice_and_bob
    a.write_bytes(b'{"contacts": ')  # Alice's file is damaged
    ok(netui(a, "restore", "--yes"))
    assert names(a) == ["Alice"]  # not Bob, although his backup is the newest in the folder


def test_list_and_doctor_show_only_this_files_backups(alice_and_bob):
    a, b = alice_and_bob
    listing = ok(netui(a, "restore", "--list"))
    assert "a.json." in listing and "b.json." not in listing
    doctor = ok(netui(a, "doctor"))
    [line] = [ln for ln in doctor.splitlines() if ln.startswith("backups")]
    assert ": 2 of this file" in line  # the automatic one of the first save, and the manual one
    assert "a.json." in line


def test_naming_the_other_files_backup_is_refused(alice_and_bob):
    a, b = alice_and_bob
    before = a.read_bytes()
    [bobs] = [i for i in backups.list_backups(b) if i.reason == "manual"]
    for name in (bobs.path.name, str(bobs.path)):
        result = netui(a, "restore", "--yes", name)
        assert result.returncode != 0 and result.stderr.count("\n") == 1
        assert "is a backup of b.json, not of a.json" in result.stderr
    assert a.read_bytes() == before


def test_many_manual_backups_never_push_out_the_pre_migration_one(tmp_path):
    db = tmp_path / "netui.json"
    old = orjson.dumps({"contacts": {"1": {"first_name": "Ada", "company": "Acme"}}, "interactions": {}})
    db.write_bytes(old)
    ok(netui(db, "contacts"))  # opening a file of an older schema migrates it, after a backup
    ok(netui(db, "add", "Bea"))
    for _ in range(backups.KEEP + 1):
        ok(netui(db, "backup"))
    found = backups.list_backups(db)
    assert sum(i.reason == "manual" for i in found) == backups.KEEP
    [pre] = [i for i in found if i.reason == "pre-migration"]
    assert pre.path.read_bytes() == old
    assert "pre-migration" in ok(netui(db, "restore", "--list"))


def test_an_import_from_the_command_takes_a_backup_first(tmp_path):
    db = tmp_path / "netui.json"
    ok(netui(db, "add", "Ada Lovelace <ada@example.org>"))
    before = db.read_bytes()
    ok(netui(db, "import", "linkedin", str(FIXTURES / "linkedin_2024.csv")))
    [pre] = [i for i in backups.list_backups(db) if i.reason == "pre-import"]
    assert pre.path.read_bytes() == before
    # ...so the import can be undone.
    ok(netui(db, "restore", "--yes", pre.path.name))
    assert names(db) == ["Ada"]


def test_a_dry_run_import_takes_no_backup(tmp_path):
    db = tmp_path / "netui.json"
    ok(netui(db, "add", "Ada Lovelace <ada@example.org>"))
    ok(netui(db, "import", "--dry-run", "linkedin", str(FIXTURES / "linkedin_2024.csv")))
    assert not [i for i in backups.list_backups(db) if i.reason == "pre-import"]


async def test_an_import_from_the_app_takes_a_backup_first(make_app, db_path):
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    before = db_path.read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path").value = str(FIXTURES / "linkedin_2024.csv")
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if "new" in str(app.screen.query_one("#import-summary", Static).content):
                break
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, OverviewScreen):
                break
        assert isinstance(app.screen, OverviewScreen)
    [pre] = [i for i in backups.list_backups(db_path) if i.reason == "pre-import"]
    assert pre.path.read_bytes() == before


def _legacy_backup(folder: Path, stamp: str, reason: str, payload: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"netui-{stamp}-{reason}.json"
    path.write_bytes(payload)
    return path


def test_older_unnamed_backups_count_when_the_file_is_alone_in_its_folder(tmp_path):
    db = tmp_path / "netui.json"
    ok(netui(db, "add", "Ada"))
    old = _legacy_backup(tmp_path / "backups", "20250101T090000-000001", "manual", db.read_bytes())
    listing = ok(netui(db, "restore", "--list"))
    assert old.name in listing and "cannot be told" not in listing


def test_older_unnamed_backups_are_kept_apart_when_two_files_share_the_folder(alice_and_bob):
    a, b = alice_and_bob
    bobs = _legacy_backup(a.parent / "backups", "29990101T090000-000001", "manual", b.read_bytes())
    listing = ok(netui(a, "restore", "--list"))
    head, _, apart = listing.partition("cannot be told")
    assert bobs.name not in head and bobs.name in apart
    assert "1 older backup there belongs to a file that cannot be told" in ok(netui(a, "doctor"))
    # The default restore never picks it, although it is the newest of all.
    a.write_bytes(b"{")
    ok(netui(a, "restore", "--yes"))
    assert names(a) == ["Alice"]
    # Rotation never removes it.
    for _ in range(backups.KEEP + 1):
        ok(netui(a, "backup"))
    assert bobs.exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_doctor_warns_when_others_can_read_the_data(tmp_path):
    folder = tmp_path / "data"
    db = folder / "netui.json"
    ok(netui(db, "add", "Ada"))
    assert "WARNING" not in ok(netui(db, "doctor"))
    folder.chmod(0o755)
    db.chmod(0o644)
    out = ok(netui(db, "doctor"))
    assert f"the data folder {folder} can be read by other users (mode 0755)" in out
    assert f"the data file {db} can be read by other users (mode 0644)" in out
