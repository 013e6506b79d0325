"""A file changed on disk is merged table by table: every table, none forgotten.

The data file is changed the way a sync tool or `git pull` changes it (a direct
write, or another netui's file copied over it) between our load and our save;
then what is on disk is read back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from netui.core.models import Checkup, ChecklistItem, Contact, Draft, Event, Interaction, Post, Profile
from netui.storage import integrity
from netui.storage.merge import BY_UID, RULES, SINGLE, conflict_copies, read_conflict_copy, rule
from netui.storage.schema import SCHEMA_VERSION, TABLES
from netui.storage.store import Store, serialize
from tests.conftest import reopen, write_data_file

#: A document of each table as another program would add it.
ADDED_ON_DISK = {
    "contacts": Contact(uid="disk-contact", first_name="Disk", last_name="Person").validate().to_doc(),
    "interactions": Interaction(uid="disk-call", contact_uid="ada", kind="call", date="2026-01-02",
                                summary="From the laptop").validate().to_doc(),
    "events": Event(uid="disk-event", name="Laptop meetup", date="2026-04-01").validate().to_doc(),
    "drafts": Draft(uid="disk-draft", contact_uid="ada", subject="From the laptop").validate().to_doc(),
    "posts": Post(uid="disk-post", topic="Written on the laptop", date="2026-01-05").validate().to_doc(),
    "profile": Profile(first_name="Ana", last_name="Disk").validate().to_doc(),
    "checkup": Checkup(items=[ChecklistItem(text="Search your name", phase="search", done=True)],
                       due="2026-06-01").validate().to_doc(),
    "meta": {"schema_version": SCHEMA_VERSION, "synced_by": "laptop"},
    integrity.QUARANTINE: integrity.quarantine_entry("contacts", "7", {"uid": "bad", "first_name": 12345},
                                                     "first_name: expected text, got int"),
    "from_a_newer_tool": {"anything": "kept"},
}
#: Every table the store keeps: those with a model, its meta and its quarantine.
STORE_TABLES = {*TABLES, "meta", integrity.QUARANTINE}


def change_on_disk(path: Path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(serialize(data))


def add_on_disk(table: str, doc: dict):
    def change(data):
        if rule(table) == SINGLE:
            data[table] = {"1": doc}
        else:
            data.setdefault(table, {})["99"] = doc
    return change


def test_every_table_of_the_store_has_a_merge_rule_and_is_tested_here():
    assert STORE_TABLES <= set(RULES), f"no merge rule for {sorted(STORE_TABLES - set(RULES))}"
    assert STORE_TABLES <= set(ADDED_ON_DISK), f"add a document of {sorted(STORE_TABLES - set(ADDED_ON_DISK))}"


@pytest.mark.parametrize("table", sorted(ADDED_ON_DISK))
def test_what_the_disk_added_to_any_table_survives_our_next_save(db_path, table):
    write_data_file(db_path, [Contact(uid="ada", first_name="Ada")])
    with Store.open(db_path) as store:
        change_on_disk(db_path, add_on_disk(table, ADDED_ON_DISK[table]))
        store.add_contact(Contact(first_name="Here"))  # saves: we never touched that table
        report = store.take_merge_report()
        assert report is not None and report.taken >= 1 and report.conflicts == []
    on_disk = orjson.loads(db_path.read_bytes())
    assert ADDED_ON_DISK[table] in on_disk[table].values()
    assert {"Ada", "Here"} <= {c["first_name"] for c in on_disk["contacts"].values()}


def _stored(store: Store) -> None:
    """One record in each table of a model, for changes on both sides."""
    store.add_contact(Contact(uid="ada", first_name="Ada", company="Engines"))
    store.add_interaction(Interaction(uid="call", contact_uid="ada", kind="call", date="2026-01-02", summary="Lab"))
    store.add_event(Event(uid="lab", name="Open lab", date="2026-03-01", location="Turin"))
    store.add_draft(Draft(uid="note", contact_uid="ada", subject="Hello"))
    store.add_post(Post(uid="post", topic="On lab notes", date="2026-01-05"))
    store.set_profile(Profile(first_name="Ana"))
    store.set_checkup(Checkup(due="2026-06-01"))


#: (table, uid, field, our value, the disk's value) for each table of records.
BOTH_SIDES = [
    ("contacts", "ada", "company", "Mine Ltd", "Theirs Ltd"),
    ("interactions", "call", "summary", "Mine", "Theirs"),
    ("events", "lab", "location", "Rome", "Milan"),
    ("drafts", "note", "subject", "Mine", "Theirs"),
    ("posts", "post", "topic", "Mine", "Theirs"),
    ("profile", "", "first_name", "Mine", "Theirs"),
    ("checkup", "", "due", "2026-07-01", "2026-08-01"),
]


def test_every_table_of_records_is_tested_for_a_conflict():
    assert {t for t, *_ in BOTH_SIDES} == {t for t in TABLES if rule(t) in (BY_UID, SINGLE)}


@pytest.mark.parametrize("table, uid, name, mine, theirs", BOTH_SIDES, ids=[t for t, *_ in BOTH_SIDES])
def test_a_record_changed_on_both_sides_keeps_ours_and_the_disk_s_in_the_copy(db_path, table, uid, name,
                                                                              mine, theirs):
    with Store.open(db_path) as store:
        _stored(store)
    with Store.open(db_path) as store:
        def theirs_change(data):
            for doc in data[table].values():
                if rule(table) == SINGLE or doc["uid"] == uid:
                    doc[name] = theirs
        change_on_disk(db_path, theirs_change)
        ours = store.document(table, uid)
        store.put_document(table, uid, {**ours, name: mine})  # saves, merging
        report = store.take_merge_report()
    assert [c.key for c in report.conflicts] == [(table, uid)]
    with reopen(db_path) as again:
        assert again.document(table, uid)[name] == mine
    (kept,) = read_conflict_copy(report.conflict_path)
    assert kept.key == (table, uid) and kept.theirs[name] == theirs


def test_quarantine_entries_set_aside_on_both_sides_are_all_kept(db_path):
    bad = {"1": {"uid": "bad-here", "first_name": 12345}}
    db_path.write_bytes(serialize({"meta": {"1": {"schema_version": SCHEMA_VERSION}}, "contacts": bad}))
    with Store.open(db_path) as store:  # sets "bad-here" aside in memory, as quarantine entry 1
        assert len(store.quarantine()) == 1
        theirs = integrity.quarantine_entry("contacts", "3", {"uid": "bad-there", "first_name": 7}, "laptop")
        change_on_disk(db_path, lambda data: data.update(quarantine={"1": theirs}))
        store.add_contact(Contact(first_name="Here"))
    with reopen(db_path) as again:
        set_aside = sorted(entry["document"]["uid"] for entry in again.quarantine().values())
    assert set_aside == ["bad-here", "bad-there"]


def test_a_transaction_undone_restores_every_small_table(db_path):
    write_data_file(db_path, [Contact(uid="ada", first_name="Ada")])
    with Store.open(db_path) as store:
        before = orjson.loads(db_path.read_bytes())
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.put_document(integrity.QUARANTINE, "", ADDED_ON_DISK[integrity.QUARANTINE])
                store.add_post(Post(topic="Never saved"))
                raise RuntimeError("undo")
        assert store.quarantine() == {} and store.posts() == []
        assert integrity.QUARANTINE not in store._data and not store.dirty
    assert orjson.loads(db_path.read_bytes()) == before


def test_unsaved_changes_to_small_tables_go_to_the_recovery_entry(db_path, tmp_path):
    write_data_file(db_path, [Contact(uid="ada", first_name="Ada")])
    with Store.open(db_path) as store:
        with store.deferred():
            post = store.add_post(Post(topic="Typed, never saved"))
            store.set_profile(Profile(first_name="Ana"))
        entry = store.unsaved_records_entry()
    assert entry["tables"]["posts"][post.uid]["topic"] == "Typed, never saved"
    assert entry["tables"]["profile"][""]["first_name"] == "Ana"
    other = tmp_path / "other.json"
    write_data_file(other, [Contact(uid="ada", first_name="Ada")])
    with Store.open(other) as store:
        assert store.restore_records_entry(entry) == 2
    with reopen(other) as again:
        assert [p.topic for p in again.posts()] == ["Typed, never saved"]
        assert again.profile().first_name == "Ana"


# --- the post case, from outside ------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
NETUI = Path(sys.executable).parent / "netui"


def netui(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env["NETUI_CONFIG_DIR"] = str(db.parent / "config")
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_a_post_written_on_another_device_survives_a_save_here(tmp_path):
    here, there = tmp_path / "desktop" / "netui.json", tmp_path / "laptop" / "netui.json"
    assert netui(here, "add", "Ada Lovelace <ada@example.org>").returncode == 0
    there.parent.mkdir()
    shutil.copyfile(here, there)
    with Store.open(here) as store:  # the app on the desktop has loaded the file
        written = netui(there, "post", "Written on the laptop", "--date", "2026-01-05")
        assert written.returncode == 0, written.stderr
        shutil.copyfile(there, here)  # the sync tool brings the laptop's file over
        store.add_contact(Contact(first_name="Bea"))  # this side never touched the posts
        assert store.take_merge_report().taken == 1
    posts = json.loads(netui(here, "posts", "--json").stdout)
    assert [p["topic"] for p in posts] == ["Written on the laptop"]
    assert sorted(c["first_name"] for c in json.loads(netui(here, "contacts", "--json").stdout)) == ["Ada", "Bea"]


async def test_a_post_added_on_disk_shows_in_the_app_after_its_next_save(make_app, db_path):
    from textual.widgets import DataTable

    from netui.tui.screens.posts import PostsScreen
    from tests.support.pilot import settle, switch_to

    app = make_app([Contact(uid="ada", first_name="Ada")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        change_on_disk(db_path, add_on_disk("posts", ADDED_ON_DISK["posts"]))
        await app.commit(lambda: app.store.update_contact(app.store.contact("ada").copy(company="Acme")))
        await settle(pilot)
        screen = await switch_to(pilot, "posts", PostsScreen)
        await settle(pilot)
        table = screen.query_one("#v-posts", DataTable)
        cells = [getattr(cell, "plain", str(cell)) for i in range(table.row_count) for cell in table.get_row_at(i)]
        assert "Written on the laptop" in cells
    with reopen(db_path) as again:
        assert [p.topic for p in again.posts()] == ["Written on the laptop"]
        assert again.contact("ada").company == "Acme"
