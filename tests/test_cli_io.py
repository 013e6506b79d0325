"""`netui import` / `netui export` end to end, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def netui(db, *args):
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    return subprocess.run([sys.executable, "-m", "netui", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def contacts(db):
    return json.loads(netui(db, "contacts", "--json").stdout)


@pytest.mark.parametrize("kind, fixture", [
    ("linkedin", "linkedin_2024.csv"), ("linkedin", "linkedin_2018.csv"),
    ("linkedin", "linkedin_spreadsheet_cp1252.csv"), ("google", "google_current.csv"),
    ("google", "google_legacy_utf16.csv"), ("outlook", "outlook_com.csv"),
    ("outlook", "outlook_desktop.csv"), ("vcard", "vcard21_qp.vcf"), ("vcard", "vcard30_apple.vcf"),
    ("vcard", "vcard40.vcf"), ("vcard", "vcard_gmail_commas.vcf"), ("vcard", "vcard_bom.vcf"),
])
def test_import_then_reimport_is_a_no_op(tmp_path, kind, fixture):
    db = tmp_path / "netui.json"
    source = FIXTURES / fixture
    original = source.read_bytes()
    dry = netui(db, "import", kind, str(source), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing written" in dry.stdout and not db.exists()
    first = netui(db, "import", kind, str(source))
    assert first.returncode == 0, first.stderr
    new = int(first.stdout.split(" new")[0])
    assert new > 0 and len(contacts(db)) == new
    before = db.read_bytes()
    second = netui(db, "import", kind, str(source))
    assert second.stdout.startswith("0 new, 0 updated")
    assert db.read_bytes() == before
    assert source.read_bytes() == original  # never writes back to the user's file


@pytest.mark.parametrize("kind, fixture", [
    ("linkedin", "vcard40.vcf"), ("vcard", "not_a_csv.bin"), ("linkedin", "linkedin_missing_columns.csv"),
    ("google", "empty.csv"), ("linkedin", "does_not_exist.csv"),
])
def test_wrong_file_is_refused_and_nothing_written(tmp_path, kind, fixture):
    db = tmp_path / "netui.json"
    netui(db, "add", "Ada Lovelace")
    before = db.read_bytes()
    result = netui(db, "import", kind, str(FIXTURES / fixture))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_json_export_restores_everything(tmp_path):
    db, copy = tmp_path / "netui.json", tmp_path / "copy.json"
    netui(db, "add", "Ada Lovelace <ada@example.org>", "--tier", "key")
    netui(db, "log", "ada@example.org", "--kind", "meeting", "--summary", "Coffee ☕")
    netui(db, "profile", "--set", "first_name=Giulia")
    exported = tmp_path / "all.json"
    assert netui(db, "export", "json", "-o", str(exported)).returncode == 0
    result = netui(copy, "import", "json", str(exported))
    assert result.returncode == 0, result.stderr
    assert [c["emails"] for c in contacts(copy)] == [["ada@example.org"]]
    due = netui(copy, "contacts", "--due", "--json")
    assert json.loads(due.stdout) == []  # the meeting came back, so Ada is not due
    assert json.loads(netui(copy, "profile", "--json").stdout)["first_name"] == "Giulia"


def test_vcard_and_csv_export_reimport(tmp_path):
    db = tmp_path / "netui.json"
    netui(db, "import", "vcard", str(FIXTURES / "vcard40.vcf"))
    for kind, back in (("vcard", "vcard"), ("csv", "google")):
        out = tmp_path / f"out.{kind}"
        assert netui(db, "export", kind, "-o", str(out)).returncode == 0
        again = netui(db, "import", back, str(out), "--dry-run")
        assert again.stdout.startswith("0 new, 0 updated"), again.stdout
        fresh = tmp_path / f"fresh-{kind}.json"
        netui(fresh, "import", back, str(out))
        assert len(contacts(fresh)) == len(contacts(db))


def test_vcard_export_carries_the_warm_paths_to_another_file(tmp_path):
    """Who introduced whom, where someone knows people, past companies and the register travel in
    the vCard; an introducer left out of the file is dropped on import, never pointed at nothing."""
    db = tmp_path / "netui.json"
    assert netui(db, "add", "Luca Ferri", "--company", "Hydra Power").returncode == 0
    added = netui(db, "add", "Sara Conti", "--introduced-by", "Luca Ferri", "--knows-at", "Ferrari: Anna, HR",
                  "--past-company", "Enel", "--past-company", "Snam", "--register", "lei")
    assert added.returncode == 0, added.stderr
    card = tmp_path / "out.vcf"
    assert netui(db, "export", "vcard", "-o", str(card)).returncode == 0
    text = card.read_bytes().decode("utf-8")
    assert "X-NETUI-PAST-COMPANY:Enel" in text and "X-NETUI-REGISTER:lei" in text

    fresh = tmp_path / "fresh.json"
    assert netui(fresh, "import", "vcard", str(card)).returncode == 0
    by_name = {c["first_name"]: c for c in contacts(fresh)}
    sara = by_name["Sara"]
    assert sara["introduced_by"] == by_name["Luca"]["uid"]
    assert sara["knows_at"] == [{"company": "Ferrari", "name": "Anna", "note": "HR"}]
    assert sara["past_companies"] == ["Enel", "Snam"] and sara["register"] == "lei"

    alone = tmp_path / "alone.vcf"
    alone.write_text("".join(block + "END:VCARD\r\n" for block in text.split("END:VCARD\r\n")
                             if "Sara" in block), encoding="utf-8", newline="")
    other = tmp_path / "other.json"
    assert netui(other, "import", "vcard", str(alone)).returncode == 0
    shown = contacts(other)
    assert len(shown) == 1, shown
    only = shown[0]
    assert only["first_name"] == "Sara" and only["introduced_by"] is None and only["past_companies"] == ["Enel", "Snam"]
