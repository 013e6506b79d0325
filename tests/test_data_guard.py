"""Every table of the data file is checked on load, and the last ways in for bad data are closed.

Each test reproduces a gap from outside: a data file written as a hand edit or a sync
tool leaves it, the installed `netui` command in a subprocess, or the app under Pilot.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netui.core.models import (
    Checkup,
    ChecklistItem,
    Contact,
    Draft,
    Event,
    Interaction,
    Post,
    Profile,
    Record,
)
from netui.core.vocabulary import DATA_TABLES
from netui.storage.schema import SCHEMA_VERSION, TABLES
from netui.storage.store import BIG_TABLES, SMALL_TABLES, Store, serialize
from tests.test_hostile_data import OSC52, netui, no_terminal_controls

#: One record of each table of the registry, with terminal escapes in a text field. A table
#: added to `schema.TABLES` without a sample here fails `test_every_table_...` below.
SAMPLES: dict[str, Record] = {
    "contacts": Contact(uid="c1", first_name=f"Ada{OSC52}", last_name="Rossi"),
    "interactions": Interaction(uid="i1", contact_uid="c1", kind="call", date="2025-01-02", summary=f"Met{OSC52}"),
    "events": Event(uid="e1", name=f"Fair{OSC52}", date="2025-01-03"),
    "drafts": Draft(uid="d1", contact_uid="c1", subject=f"Hello{OSC52}"),
    "profile": Profile(first_name=f"Me{OSC52}"),
    "posts": Post(uid="p1", topic=f"Takeaways{OSC52}", date="2025-01-04"),
    "checkup": Checkup(items=[ChecklistItem(text=f"Search yourself{OSC52}", phase="search")], due="2025-01-05"),
}


def data_file(path: Path, **tables: dict[str, Any]) -> Path:
    """A data file at the current schema as a hand edit leaves it: no model in between."""
    path.write_bytes(serialize({"meta": {"1": {"schema_version": SCHEMA_VERSION}}, **tables}))
    return path


def strings(value: Any) -> list[str]:
    """Every text inside a document (keys and values, at any depth)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def hostile_posts_and_checkup(path: Path, *, due: Any = "2025-01-05") -> Path:
    post = SAMPLES["posts"].to_doc()
    dated_12 = {**Post(uid="p2", topic="Dated with a number").to_doc(), "date": 12}
    checkup = {**SAMPLES["checkup"].to_doc(), "due": due}
    return data_file(path, posts={"1": post, "2": dated_12}, checkup={"1": checkup})


# --- 1. every table goes through the load checks ------------------------------------------

def test_every_table_the_store_keeps_is_in_the_registry_of_checked_tables():
    kept = (set(BIG_TABLES) | set(SMALL_TABLES)) - {"meta"}
    assert kept == set(TABLES), "a table of the store is not in schema.TABLES, so nothing checks it on load"
    models = {cls.TABLE for cls in Record.__subclasses__() if getattr(cls, "TABLE", "")}
    assert models <= set(TABLES), f"record models without a table in schema.TABLES: {models - set(TABLES)}"
    assert set(SAMPLES) == set(TABLES), "give each table of schema.TABLES a sample here"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_table_cleans_escapes_and_sets_aside_wrong_types_on_load(tmp_path, table):
    good = SAMPLES[table].to_doc()
    wrong = {key: 12 for key in good}
    db = data_file(tmp_path / "netui.json", **{table: {"1": good, "2": wrong}})
    doctor = netui("doctor", db=db)
    assert doctor.returncode == 0, doctor.stderr
    assert "internal error" not in doctor.stderr and no_terminal_controls(doctor.stdout)
    label = DATA_TABLES.label(table)
    assert f"{label} document 1" in doctor.stdout and "control characters" in doctor.stdout
    assert f"quarantine 1: {label} document 2" in doctor.stdout
    with Store.open(db, readonly=True) as store:
        kept = store.documents()[table]
        assert kept and all("\x1b" not in s and "\x07" not in s for s in strings(kept))
        (aside,) = store.quarantine().values()
        assert aside["table"] == table and aside["document"] == wrong


def test_hostile_posts_and_checkup_print_clean_and_never_crash_the_cli(tmp_path):
    db = hostile_posts_and_checkup(tmp_path / "netui.json")
    for command in (("posts",), ("posts", "--json"), ("checkup",), ("checkup", "--json")):
        result = netui(*command, db=db)
        assert result.returncode == 0, (command, result.stderr)
        assert "internal error" not in result.stderr
        assert no_terminal_controls(result.stdout) and no_terminal_controls(result.stderr), command
    listed = netui("posts", db=db)
    assert "Takeaways]52;c;" in listed.stdout and "Dated with a number" not in listed.stdout
    assert "posts document 2 (Dated with a number): date: expected a date" in listed.stderr
    assert "Search yourself]52;c;" in netui("checkup", db=db).stdout
    doctor = netui("doctor", db=db)
    assert "quarantine 1: posts document 2" in doctor.stdout

    due_12 = hostile_posts_and_checkup(tmp_path / "due.json", due=12)
    checkup = netui("checkup", db=due_12)
    assert checkup.returncode == 0 and "internal error" not in checkup.stderr
    assert "check-up document 1: due: expected a date YYYY-MM-DD, got 12" in checkup.stderr
    assert "check-up due now" in checkup.stdout  # a fresh round: the broken one is aside, not lost
    doctor = netui("doctor", db=due_12)
    assert "quarantine 2: check-up document 1" in doctor.stdout


async def test_the_app_shows_the_posts_of_a_hostile_file_without_a_crash(make_app, db_path, tmp_path):
    from textual.widgets import DataTable

    from netui.tui.screens.posts import PostsScreen
    from tests.support.pilot import switch_to

    for path, due in ((db_path, "2025-01-05"), (tmp_path / "due.json", 12)):
        hostile_posts_and_checkup(path, due=due)
        app = make_app(path=path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen = await switch_to(pilot, "posts", PostsScreen)
            shown = []
            for table in screen.query(DataTable):
                for row in range(table.row_count):
                    shown += [getattr(cell, "plain", str(cell)) for cell in table.get_row_at(row)]
            assert any("Takeaways]52;c;" in text for text in shown)
            assert all(no_terminal_controls(text) for text in shown)
            assert "posts document 2" in "\n".join(app.store.load_problems)
        assert app.return_code in (None, 0)


def test_doctor_repair_puts_back_what_converts_and_names_what_it_cannot(tmp_path, monkeypatch):
    numbered = {**Post(uid="p3", topic="x").to_doc(), "topic": 2025}  # a number where text belongs
    db = hostile_posts_and_checkup(tmp_path / "netui.json")
    data = json.loads(db.read_text())
    data["posts"]["3"] = numbered
    db.write_text(json.dumps(data))
    italian = tmp_path / "italian.json"
    italian.write_bytes(db.read_bytes())
    repaired = netui("doctor", "--repair", db=db)
    assert repaired.returncode == 0, repaired.stderr
    lines = repaired.stdout.splitlines()
    assert any(line.startswith("repaired") and "(posts): put back" in line for line in lines)
    assert any(line.startswith("not repaired") and "(posts): date: " in line for line in lines), lines
    with Store.open(db, readonly=True) as store:
        assert sorted(p.topic for p in store.posts()) == ["2025", "Takeaways]52;c;ZWNobyBwd25lZA=="]
        (left,) = store.quarantine().values()
        assert left["document"]["date"] == 12
    monkeypatch.setenv("NETUI_LANG", "it")
    lines = netui("doctor", "--repair", db=italian).stdout.splitlines()
    assert any(line.startswith("riparato") and "(post): rimesso a posto" in line for line in lines), lines
    assert any(line.startswith("non riparato") and "(post): date: " in line for line in lines), lines


# --- 2. bytes that are not UTF-8 on the command line ----------------------------------------

def test_a_byte_that_is_not_utf8_in_add_and_edit_becomes_a_replacement_character(tmp_path):
    db = tmp_path / "netui.json"
    added = netui("add", "Bad\udcff Name", db=db)  # the argument reaches netui as the byte 0xff
    assert added.returncode == 0, added.stderr
    assert "internal error" not in added.stderr and "Bad\ufffd Name" in added.stdout
    edited = netui("edit", "Name", "--position", "\udcfe\udcffLead", "--company", "Acme\udc80", db=db)
    assert edited.returncode == 0, edited.stderr
    with Store.open(db, readonly=True) as store:
        (contact,) = store.contacts()
    assert (contact.first_name, contact.position, contact.company) == ("Bad\ufffd", "\ufffd\ufffdLead", "Acme\ufffd")
    missing = netui("log", "\udcff", "--kind", "call", db=db)
    assert missing.returncode == 1 and "internal error" not in missing.stderr


# --- 3. interactions dated in the future ------------------------------------------------------

def json_export_with_a_future_interaction(path: Path) -> Path:
    future = (date.today() + timedelta(days=200)).isoformat()
    path.write_text(json.dumps({
        "format": "netui-export",
        "contacts": [Contact(uid="a1", first_name="Ada", last_name="Rossi").to_doc()],
        "interactions": [Interaction(uid="i1", contact_uid="a1", kind="call", date=future).to_doc(),
                         Interaction(uid="i2", contact_uid="a1", kind="meeting", date="2025-05-01").to_doc()],
    }), encoding="utf-8")
    return path


def test_a_json_import_skips_interactions_in_the_future_and_says_why(tmp_path):
    db = tmp_path / "netui.json"
    source = json_export_with_a_future_interaction(tmp_path / "export.json")
    result = netui("import", "json", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout and "1 skipped" in result.stdout
    assert "interaction 1: date: " in result.stdout and "is in the future" in result.stdout
    with Store.open(db, readonly=True) as store:
        assert [i.uid for i in store.interactions()] == ["i2"]


async def test_the_app_import_skips_interactions_in_the_future(make_app, db_path, tmp_path):
    from netui.tui.screens.overview import OverviewScreen
    from tests.conftest import reopen
    from tests.test_import_screen import summary, wait_for

    source = json_export_with_a_future_interaction(tmp_path / "export.json")
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(source)
        await pilot.pause()
        app.screen.query_one("#import-kind").value = "json"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "new" in summary(app))
        assert "interaction 1: date: " in summary(app) and "is in the future" in summary(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
    with reopen(db_path) as store:
        assert [i.uid for i in store.interactions()] == ["i2"]


def test_a_future_interaction_already_in_the_file_is_kept_and_named_by_doctor(tmp_path):
    future = (date.today() + timedelta(days=30)).isoformat()
    db = data_file(tmp_path / "netui.json", contacts={"1": Contact(uid="a1", first_name="Ada").to_doc()},
                   interactions={"1": Interaction(uid="i9", contact_uid="a1", kind="call", date=future).to_doc()})
    doctor = netui("doctor", db=db)
    assert doctor.returncode == 0, doctor.stderr
    assert f"interaction i9 with Ada is dated {future}, after today: kept" in doctor.stdout
    with Store.open(db, readonly=True) as store:
        assert [i.uid for i in store.interactions()] == ["i9"]


# --- 4. CSV rows shorter than the header, a quote open at the end ----------------------------

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_a_short_csv_row_is_read_with_a_warning_or_left_out_and_named(tmp_path):
    db = tmp_path / "netui.json"
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "Ada,Lovelace,,,Acme,,01 Jan 2024\n"
                      "Di,Short\n"        # cut after a filled cell: a spreadsheet dropped empty ones
                      "Ed,Moved,,\n"      # cut after an empty cell: not a spreadsheet's doing
                      "Fay,Last,,,Initech,,02 Jan 2024\n", encoding="utf-8")
    result = netui("import", "linkedin", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "3 new" in result.stdout and "1 skipped" in result.stdout
    assert "line 3: 2 fields where the header has 7: the row ends early, the columns from URL on read as empty" \
        in result.stdout
    assert "line 4: 4 fields where the header has 7, the last one empty" in result.stdout
    with Store.open(db, readonly=True) as store:
        assert sorted(c.name for c in store.contacts()) == ["Ada Lovelace", "Di Short", "Fay Last"]


@pytest.mark.parametrize("ending", ["", "\n"])
def test_a_quote_still_open_at_the_end_of_the_file_is_reported(tmp_path, ending):
    db = tmp_path / "netui.json"
    source = tmp_path / "google.csv"
    source.write_text("First Name,Last Name,E-mail 1 - Value\nAda,Rossi,ada@example.org\n"
                      f'Bob,"Smith,bob@example.org{ending}', encoding="utf-8")
    result = netui("import", "google", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout
    assert "line 3: a quote is never closed before the end of the file; row left out" in result.stdout
    with Store.open(db, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Ada Rossi"]


# --- 5. doctor, the lock and the backups folder -----------------------------------------------

def test_doctor_says_a_lock_that_is_a_symlink_is_refused(tmp_path):
    db = tmp_path / "netui.json"
    assert netui("add", "Ada", db=db).returncode == 0
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    lock = tmp_path / "netui.json.lock"
    lock.unlink()
    lock.symlink_to(victim)
    doctor = netui("doctor", db=db)
    assert doctor.returncode == 0, doctor.stderr
    (line,) = [line for line in doctor.stdout.splitlines() if line.startswith("lock")]
    assert "REFUSED: it is a symbolic link" in line and "free" not in line
    assert victim.read_text() == "keep me"


def test_a_backups_folder_that_is_a_symlink_is_refused(tmp_path):
    db = tmp_path / "data" / "netui.json"
    db.parent.mkdir()
    assert netui("add", "Ada", db=db).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if (db.parent / "backups").exists():
        (db.parent / "backups").rename(tmp_path / "old-backups")
    (db.parent / "backups").symlink_to(elsewhere)
    before = db.read_bytes()
    for command in (("add", "Bob"), ("backup",)):
        result = netui(*command, db=db)
        assert result.returncode == 1, command
        assert "the backups folder" in result.stderr and "is a symbolic link" in result.stderr
        assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert list(elsewhere.iterdir()) == [] and db.read_bytes() == before
    doctor = netui("doctor", db=db)
    (line,) = [line for line in doctor.stdout.splitlines() if line.startswith("backups")]
    assert "REFUSED: the backups folder" in line
