"""The command line contract: what a user types and what they get back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def netui(*args, db=None, env=None, stdin=None):
    full_env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    full_env.update(env or {})
    if db is not None:
        args = ("--db", str(db)) + args
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True, text=True,
                          env=full_env, cwd=ROOT, timeout=60, input=stdin)


def one_line_error(result, *fragments):
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    return result.stderr


def test_help_lists_the_commands():
    result = netui("--help")
    assert result.returncode == 0
    for command in ("add", "contacts", "log", "profile", "doctor", "backup", "restore"):
        assert command in result.stdout


def test_db_resolution_order(tmp_path):
    flag, env = tmp_path / "flag.json", tmp_path / "env.json"
    netui("add", "Ada", env={"NETUI_DB": str(env)})
    assert env.exists()
    netui("add", "Bea", db=flag, env={"NETUI_DB": str(env)})
    assert flag.exists() and b"Bea" not in env.read_bytes()
    home = tmp_path / "home"
    netui("add", "Cy", env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert (home / "data" / "netui" / "netui.json").exists()


def test_add_and_contacts_json(tmp_path):
    db = tmp_path / "netui.json"
    result = netui("add", "Ada Lovelace <ada@example.org>", "--company", "Acme", "--position", "Analyst",
                   "--source", "alumni", "--relationship", "mentor", "--tier", "key", db=db)
    assert result.returncode == 0 and result.stdout.startswith("added Ada Lovelace (")
    [doc] = json.loads(netui("contacts", "--json", db=db).stdout)
    assert doc["first_name"] == "Ada" and doc["last_name"] == "Lovelace"
    assert doc["emails"] == ["ada@example.org"] and doc["company"] == "Acme"
    assert doc["source"] == "alumni" and doc["relationship"] == "mentor" and doc["tier"] == "key"
    assert len(doc["uid"]) == 16


def test_search_is_accent_and_case_insensitive(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Noé Dupont", db=db)
    netui("add", "Ada Lovelace", db=db)
    found = json.loads(netui("contacts", "--search", "NOE", "--json", db=db).stdout)
    assert [d["first_name"] for d in found] == ["Noé"]


def test_log_and_due(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace <ada@example.org>", "--tier", "key", db=db)
    netui("add", "Bea Key <bea@example.org>", "--tier", "key", db=db)
    netui("add", "Cy Network", db=db)
    due = json.loads(netui("contacts", "--due", "--json", db=db).stdout)
    assert {d["first_name"] for d in due} == {"Ada", "Bea"}  # key contacts never contacted
    result = netui("log", "ada@example.org", "--kind", "call", "--summary", "Coffee", db=db)
    assert result.returncode == 0 and "next follow-up" in result.stdout
    due = json.loads(netui("contacts", "--due", "--json", db=db).stdout)
    assert [d["first_name"] for d in due] == ["Bea"]
    netui("log", "Bea Key", "--kind", "email_sent", "--date", "2020-01-01", db=db)
    due = json.loads(netui("contacts", "--due", "--json", db=db).stdout)
    assert [d["first_name"] for d in due] == ["Bea"]  # contacted long ago: due again


def test_text_output_reads_dates_the_language_s_way_json_keeps_iso(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace", "--tier", "key", db=db)
    logged = netui("--lang", "it", "log", "Ada", "--kind", "call", "--date", "2020-12-02", db=db)
    assert logged.returncode == 0 and "2 dic 2020" in logged.stdout and "1 gen 2021" in logged.stdout
    listed = netui("--lang", "it", "contacts", db=db).stdout
    assert "1 gen 2021" in listed and "2021-01-01" not in listed
    assert "1 Jan 2021" in netui("--lang", "en", "contacts", db=db).stdout
    netui("post", "Grid data", "--kind", "comment", "--date", "2020-12-02", db=db)
    assert "2 dic 2020" in netui("--lang", "it", "posts", db=db).stdout
    assert json.loads(netui("contacts", "--json", db=db).stdout)[0]["uid"]
    assert json.loads(netui("posts", "--json", db=db).stdout)[0]["date"] == "2020-12-02"

def test_profile_set_and_json(tmp_path):
    db = tmp_path / "netui.json"
    result = netui("profile", "--set", "first_name=Giulia", "--set", "target_companies=Acme; Globex ;",
                   "--set", "language=it", db=db)
    assert result.returncode == 0
    doc = json.loads(netui("profile", "--json", db=db).stdout)
    assert doc["first_name"] == "Giulia" and doc["target_companies"] == ["Acme", "Globex"]
    assert doc["language"] == "it"
    shown = netui("profile", db=db).stdout
    assert "Acme; Globex" in shown


@pytest.mark.parametrize("args, fragments", [
    (("add", "Ada <not-an-email>"), ("email", "not-an-email")),
    (("add", "Ada", "--tier", "vip"), ("--tier", "vip")),
    (("log", "Nobody", "--kind", "call"), ("no contact matches",)),
    (("log", "Ada", "--kind", "call", "--date", "2026-13-45"), ("date", "2026-13-45")),
    (("log", "Ada", "--kind", "dance"), ("--kind",)),
    (("profile", "--set", "shoe_size=42"), ("shoe_size", "unknown profile key")),
    (("profile", "--set", "language=fr"), ("language",)),
    (("profile", "--set", "nonsense"), ("KEY=VALUE",)),
    (("restore", "nope.json", "--yes"), ("no such backup",)),
    (("frobnicate",), ("No such command",)),
])
def test_every_failure_is_one_line_and_writes_nothing(tmp_path, args, fragments):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace <ada@example.org>", db=db)
    before = db.read_bytes()
    one_line_error(netui(*args, db=db), *fragments)
    assert db.read_bytes() == before


def test_ambiguous_name_lists_candidates(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada One <a1@example.org>", db=db)
    netui("add", "Ada Two <a2@example.org>", db=db)
    one_line_error(netui("log", "Ada", "--kind", "call", db=db), "matches 2 contacts", "a1@example.org",
                   "a2@example.org")


def test_duplicate_email_is_refused(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada <ada@example.org>", db=db)
    one_line_error(netui("add", "Other <ADA@example.org>", db=db), "already belongs to Ada")


def test_damaged_file_then_restore(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada", db=db)
    assert netui("backup", db=db).returncode == 0
    db.write_bytes(b'{"contacts": {"1": ')
    one_line_error(netui("contacts", db=db), "not valid JSON", "line 1, column")
    one_line_error(netui("add", "Bea", db=db), "not valid JSON")
    assert db.read_bytes() == b'{"contacts": {"1": '
    listing = netui("restore", "--list", db=db)
    assert "manual" in listing.stdout and "ok" in listing.stdout
    declined = netui("restore", db=db, stdin="n\n")
    assert declined.returncode == 1 and declined.stderr == "netui: aborted\n"
    assert "Replace" in declined.stdout
    assert db.read_bytes() == b'{"contacts": {"1": '
    result = netui("restore", "--yes", db=db)
    assert result.returncode == 0 and "damaged" in result.stdout
    assert "Ada" in netui("contacts", db=db).stdout


def test_empty_file_is_damage(tmp_path):
    db = tmp_path / "netui.json"
    db.write_bytes(b"")
    one_line_error(netui("add", "Ada", db=db), "empty")
    assert db.read_bytes() == b""


def test_doctor_reports_everything(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada", db=db)
    out = netui("doctor", db=db).stdout
    for fragment in (str(db), "mode 0600", "1 contact,", "schema", "lock", "free", "backups",
                     "clipboard", "templates"):
        assert fragment in out


def test_core_modules_never_import_textual():
    """Core modules stay usable without Textual (checked in a fresh interpreter)."""
    code = ("import sys; import netui.cli.main, netui.storage.store, netui.core.models, netui.core.followups, netui.storage.paths; "
            "netui.cli.main.main(['--help']); print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "False"
