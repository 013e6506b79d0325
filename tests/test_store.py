"""The store's promises, checked on real files."""

from __future__ import annotations

import os
import stat
from functools import partial

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.core.errors import (
    ConflictError,
    DamagedFileError,
    LockedError,
    ReadOnlyError,
    ValidationError,
)
from netui.core.models import Contact, Draft, Interaction
from netui.storage import backups
from netui.storage.schema import SCHEMA_VERSION
from netui.storage.store import Store, restore


@pytest.fixture
def db(tmp_path):
    return tmp_path / "data" / "netui.json"


def test_new_file_is_private_and_formatted(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Noé", last_name="Ünal", notes="日本語 ✓"))
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    text = db.read_text(encoding="utf-8")
    assert "Noé" in text and "日本語 ✓" in text and "\\u" not in text
    assert text.startswith('{\n  "contacts": {')
    data = orjson.loads(text)
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    keys = list(data["contacts"]["1"].keys())
    assert keys == sorted(keys)


def test_reads_come_from_memory_not_the_file(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        os.chmod(db, 0)
        try:
            assert [c.first_name for c in store.contacts()] == ["Ada"]
            assert store.find_contact("Ada").first_name == "Ada"
        finally:
            os.chmod(db, 0o600)


def test_invalid_values_are_refused_naming_the_field(db):
    with Store.open(db) as store:
        with pytest.raises(ValidationError) as err:
            store.add_contact(Contact(first_name="A", tier="vip"))
        assert err.value.field == "tier"
        with pytest.raises(ValidationError) as err:
            store.add_contact(Contact(first_name="A", emails=["not-an-email"]))
        assert err.value.field == "emails"
        with pytest.raises(ValidationError) as err:
            store.add_contact(Contact(first_name="A", connected_on="2026-13-45"))
        assert err.value.field == "connected_on"
        assert store.contacts() == []


def test_second_writer_is_refused_naming_the_pid(db):
    with Store.open(db):
        with pytest.raises(LockedError) as err:
            Store.open(db)
        assert f"pid {os.getpid()}" in str(err.value)
        second = Store.open(db, fallback_readonly=True)
        assert second.readonly and "read-only" in second.readonly_reason
        with pytest.raises(ReadOnlyError):
            second.add_contact(Contact(first_name="X"))
        second.close()


def test_file_changed_on_disk_is_merged_not_overwritten(db):
    """A change on disk is no longer refused: it is merged record by record (the
    other program's edit is taken, ours is added), never overwritten."""
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        outside = db.read_bytes().replace(b"Ada", b"Bea")
        db.write_bytes(outside)  # a sync tool rewrites the file
        store.add_contact(Contact(first_name="Cy"))
        assert not store.dirty
        assert sorted(c.first_name for c in store.contacts()) == ["Bea", "Cy"]
        report = store.take_merge_report()
        assert report.taken == 1 and report.conflicts == []
    with Store.open(db, readonly=True) as again:
        assert sorted(c.first_name for c in again.contacts()) == ["Bea", "Cy"]


def test_damaged_file_on_disk_is_still_not_overwritten(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        db.write_bytes(b'{"contacts": {')  # something half-wrote it
        with pytest.raises(ConflictError):
            store.add_contact(Contact(first_name="Cy"))
        assert db.read_bytes() == b'{"contacts": {'
        assert store.dirty  # the edit is kept in memory


@pytest.mark.parametrize("content, where", [
    (b"", "empty"),
    (b'{\n  "contacts": {\n    "1": {"first_name": "Ada",,}\n', "line 3, column"),
    (b"[1, 2, 3]", "not a netui data file"),
])
def test_damaged_file_is_refused_and_never_written(db, content, where):
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    before = db.stat()
    with pytest.raises(DamagedFileError) as err:
        Store.open(db)
    assert where in str(err.value) and str(db) in str(err.value)
    assert db.read_bytes() == content
    assert db.stat().st_mtime_ns == before.st_mtime_ns


def test_newer_schema_opens_read_only(db):
    db.parent.mkdir(parents=True)
    content = b'{"meta": {"1": {"schema_version": 99}}, "contacts": {}}'
    db.write_bytes(content)
    with Store.open(db) as store:
        assert store.readonly
        assert "newer netui" in store.readonly_reason
        with pytest.raises(ReadOnlyError):
            store.add_contact(Contact(first_name="X"))
    assert db.read_bytes() == content


def test_older_schema_is_backed_up_migrated_and_verified(db):
    db.parent.mkdir(parents=True)
    old = orjson.dumps({"contacts": {"1": {"first_name": "Ada", "company": "Acme", "custom": "kept"}},
                        "interactions": {}})
    db.write_bytes(old)
    with Store.open(db) as store:
        [ada] = store.contacts()
        assert ada.first_name == "Ada" and ada.company == "Acme" and ada.uid
        assert store.schema_version == 0
    data = orjson.loads(db.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert data["contacts"]["1"]["custom"] == "kept"
    [pre] = [b for b in backups.list_backups(db) if b.reason == "pre-migration"]
    assert pre.path.read_bytes() == old


def test_schema_1_file_gains_the_version_of_posts_and_checkup_and_keeps_everything(db):
    db.parent.mkdir(parents=True)
    old = orjson.dumps({"meta": {"1": {"schema_version": 1, "note": "kept"}},
                        "contacts": {"1": Contact(uid="ada", first_name="Ada").to_doc()}})
    db.write_bytes(old)
    with Store.open(db) as store:
        assert store.schema_version == 1 and store.contact("ada").first_name == "Ada"
        assert store.posts() == [] and store.checkup() is None
    data = orjson.loads(db.read_bytes())
    assert data["meta"]["1"] == {"schema_version": 2, "note": "kept"}
    assert data["contacts"]["1"]["first_name"] == "Ada"
    [pre] = [b for b in backups.list_backups(db) if b.reason == "pre-migration"]
    assert pre.path.read_bytes() == old


def test_posts_are_rolled_back_with_a_failed_transaction(db):
    from netui.core.models import Post

    with Store.open(db) as store:
        kept = store.add_post(Post(topic="kept", date="2026-01-02"))
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_post(Post(topic="dropped"))
                store.delete_post(kept.uid)
                raise RuntimeError("boom")
        assert [p.topic for p in store.posts()] == ["kept"]
    with Store.open(db, readonly=True) as again:
        assert [p.topic for p in again.posts()] == ["kept"]


def test_symlinked_data_file_stays_a_link(tmp_path):
    target = tmp_path / "synced" / "real.json"
    target.parent.mkdir()
    link = tmp_path / "netui.json"
    with Store.open(target) as store:
        store.add_contact(Contact(first_name="Ada"))
    link.symlink_to(target)
    with Store.open(link) as store:
        store.add_contact(Contact(first_name="Bea"))
    assert link.is_symlink()
    assert b"Bea" in target.read_bytes()
    assert (target.parent / "backups").is_dir()


def test_orphaned_temp_files_are_cleaned_and_stale_lock_taken_over(db):
    db.parent.mkdir(parents=True)
    orphan = db.parent / ".netui.json.tmp-99999-dead"
    orphan.write_bytes(b"half a file")
    (db.parent / "netui.json.lock").write_text("99999\n")
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
    assert not orphan.exists()


def test_backups_rotate_and_are_valid(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        for i in range(12):
            store.backup()
        store.add_contact(Contact(first_name="Bea"))
    found = backups.list_backups(db)
    assert len([b for b in found if b.reason == "manual"]) == backups.KEEP  # kept per reason
    assert all(backups.is_valid(b.path) for b in found)
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in found)


def test_at_most_one_automatic_backup_per_hour(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        store.add_contact(Contact(first_name="Bea"))
        autos = [b for b in backups.list_backups(db) if b.reason == "auto"]
        assert len(autos) == 1
        two_hours_ago = autos[0].path.stat().st_mtime - 7200
        os.utime(autos[0].path, (two_hours_ago, two_hours_ago))
        store.add_contact(Contact(first_name="Cy"))
    autos = [b for b in backups.list_backups(db) if b.reason == "auto"]
    assert len(autos) == 2
    newest = orjson.loads(sorted(a.path for a in autos)[-1].read_bytes())
    assert len(newest["contacts"]) == 2  # the copy before the third save


def test_restore_brings_back_a_backup_and_keeps_the_damaged_file(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        store.backup()
    db.write_bytes(b'{"contacts": ')
    kept = restore(db, backups.newest_valid(db).path)
    assert kept is not None and kept.read_bytes() == b'{"contacts": '
    with Store.open(db) as store:
        assert [c.first_name for c in store.contacts()] == ["Ada"]


def test_transaction_is_all_or_nothing(db):
    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
        before = db.read_bytes()
        with pytest.raises(ValidationError):
            with store.transaction():
                store.add_contact(Contact(first_name="Bea"))
                store.add_contact(Contact(first_name="Cy", tier="bogus"))
        assert db.read_bytes() == before
        assert [c.first_name for c in store.contacts()] == ["Ada"]
        with store.transaction():
            store.add_contact(Contact(first_name="Bea"))
            store.add_contact(Contact(first_name="Cy"))
    with Store.open(db) as store:
        assert sorted(c.first_name for c in store.contacts()) == ["Ada", "Bea", "Cy"]


def test_delete_contact_removes_its_history(db):
    with Store.open(db) as store:
        ada = store.add_contact(Contact(first_name="Ada"))
        bea = store.add_contact(Contact(first_name="Bea"))
        store.add_interaction(Interaction(contact_uid=ada.uid, kind="call"))
        store.add_interaction(Interaction(contact_uid=bea.uid, kind="call"))
        store.add_draft(Draft(contact_uid=ada.uid, subject="Hi"))
        store.delete_contact(ada.uid)
    with Store.open(db) as store:
        assert [c.first_name for c in store.contacts()] == ["Bea"]
        assert [i.contact_uid for i in store.interactions()] == [bea.uid]
        assert store.drafts() == []


def test_large_note_and_draft_saved_intact(db):
    note = ("Ünïcødé 📇 " * 10_000)[:100_000]
    body = ("Línea con [corchetes] y emoji 🚀\n" * 40_000)[:1_000_000]
    with Store.open(db) as store:
        ada = store.add_contact(Contact(first_name="Ada", notes=note))
        store.add_draft(Draft(contact_uid=ada.uid, body=body))
    with Store.open(db) as store:
        assert store.contacts()[0].notes == note
        assert store.drafts()[0].body == body


def test_unknown_fields_survive_a_round_trip(db):
    db.parent.mkdir(parents=True)
    db.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 1}},
                                 "contacts": {"1": {"uid": "u1", "first_name": "Ada", "future_field": [1, 2]}}}))
    with Store.open(db) as store:
        ada = store.contact("u1")
        store.update_contact(ada.copy(company="Acme"))
    data = orjson.loads(db.read_bytes())
    assert data["contacts"]["1"]["future_field"] == [1, 2]
    assert data["contacts"]["1"]["company"] == "Acme"


def test_incremental_serialization_matches_a_full_dump(db):
    """The cached per-document fragments give the same bytes as one orjson.dumps."""
    from netui.storage.store import serialize

    with Store.open(db) as store:
        store.add_contacts([Contact(first_name=f"Nø {i}", tags=["[x]", "é"]) for i in range(30)])
        first = store.contacts()[3]
        store.update_contact(first.copy(notes="edited\nline"))
        store.delete_contact(store.contacts()[5].uid)
        store.add_interaction(Interaction(contact_uid=first.uid, kind="call"))
        me = store.profile()
        me.first_name = "Zoë"
        store.set_profile(me)
        assert db.read_bytes() == serialize(orjson.loads(db.read_bytes()))
        on_disk = orjson.loads(db.read_bytes())
        for table, docs in store.documents().items():
            dump = partial(orjson.dumps, option=orjson.OPT_SORT_KEYS)
            assert sorted(map(dump, (on_disk.get(table) or {}).values())) == sorted(map(dump, docs))


def test_file_stays_readable_by_tinydb(db):
    from tinydb import TinyDB

    with Store.open(db) as store:
        store.add_contact(Contact(first_name="Ada"))
    with TinyDB(db) as plain:
        assert [d["first_name"] for d in plain.table("contacts").all()] == ["Ada"]


def test_failed_transaction_undoes_updates_and_deletes(db):
    with Store.open(db) as store:
        ada = store.add_contact(Contact(first_name="Ada"))
        store.add_interaction(Interaction(contact_uid=ada.uid, kind="call"))
        before = db.read_bytes()
        with pytest.raises(RuntimeError):
            with store.deferred():
                with store.transaction():
                    store.update_contact(ada.copy(company="Acme"))
                    store.delete_contact(ada.uid)
                    raise RuntimeError("boom")
        assert store.contact(ada.uid).company == ""
        assert len(store.interactions(ada.uid)) == 1
        store.add_contact(Contact(first_name="Bea"))
        assert db.read_bytes() != before
    with Store.open(db) as store:
        assert sorted(c.first_name for c in store.contacts()) == ["Ada", "Bea"]
        assert len(store.interactions()) == 1


def full_dump(store: Store) -> bytes:
    """The file as one `orjson.dumps` of everything in memory (no fragment cache)."""
    from netui.storage.store import serialize

    data = {name: dict(docs) for name, docs in store._data.items()}
    for table in store._tables():
        if table.by_uid or table.name in data:
            data[table.name] = {table.doc_ids[uid]: record.to_doc() for uid, record in table.by_uid.items()}
    return serialize(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["add", "edit", "delete", "log", "rollback", "many", "reopen"]),
                                st.integers(min_value=0, max_value=400)), min_size=1, max_size=12))
def test_every_save_writes_what_one_full_dump_would(tmp_path_factory, steps):
    """Saves serialize only what changed since the last one: after adds, edits, deletes,
    bulk changes, rolled-back transactions and reopening, the file is byte for byte one dump."""
    db = tmp_path_factory.mktemp("s") / "netui.json"
    store = Store.open(db)
    try:
        store.add_contacts([Contact(first_name=f"P{i}") for i in range(20)])
        for action, n in steps:
            people = store.contacts()
            target = people[n % len(people)] if people else None
            if action == "add":
                store.add_contact(Contact(first_name=f"New {n}"))
            elif action == "edit" and target:
                store.update_contact(target.copy(notes=f"note {n}\n"))
            elif action == "delete" and target:
                store.delete_contact(target.uid)
            elif action == "log" and target:
                store.add_interaction(Interaction(contact_uid=target.uid, kind="call"))
            elif action == "many":  # more changes than the cache moves one by one
                with store.transaction():
                    store.add_contacts([Contact(first_name=f"Bulk {n} {i}") for i in range(300)])
                    for person in people[: n % 50]:
                        store.delete_contact(person.uid)
            elif action == "rollback" and target:
                with pytest.raises(RuntimeError), store.transaction():
                    store.update_contact(target.copy(company="Gone"))
                    store.add_contact(Contact(first_name="Never"))
                    store.delete_contact(target.uid)
                    raise RuntimeError("undo")
                store.add_contact(Contact(first_name=f"After {n}"))
            elif action == "reopen":
                store.close()
                store = Store.open(db)
                store.add_contact(Contact(first_name=f"Reopened {n}"))
            assert db.read_bytes() == full_dump(store), action
    finally:
        store.close()


@pytest.mark.parametrize("record", [
    Contact(first_name="Ada", company="Acme", tags=["a", "b"], answers={"q": "a"}, keep_in_touch_days=30),
    Interaction(contact_uid="x", kind="call", date="2026-01-02", summary="hi"),
    Draft(contact_uid="x", subject="S", body="B", variables={"ask": "a call"}),
])
def test_records_built_the_quick_way_equal_the_general_way(record):
    """A complete document takes the generated builder; one with an unknown key, the general path."""
    cls = type(record)
    doc = record.to_doc()
    quick = cls.from_doc(dict(doc))
    general = cls.from_doc({**doc, "unknown": 1})
    assert general.extra == {"unknown": 1}
    general.extra = {}
    assert quick == general == record
    assert quick.to_doc() == doc
    partial_doc = {k: v for k, v in doc.items() if k != "uid"}  # a missing field: defaults fill it
    assert cls.from_doc(partial_doc).uid


def _reference_doc(record):
    """The document as the plain field loop writes it (what the generated writer must equal)."""
    from netui.core.models import Record

    doc = {}
    for name in type(record)._doc_order():
        value = getattr(record, name)
        if isinstance(value, list):
            value = [_reference_doc(v) if isinstance(v, Record) else v for v in value]
        elif isinstance(value, dict):
            value = dict(value)
        doc[name] = value
    for key, value in (getattr(record, "extra", None) or {}).items():
        doc.setdefault(key, value)
    return doc


def test_documents_written_the_quick_way_equal_the_field_loop():
    """Every record class writes its document with generated code: same keys, order and
    values as the field loop, lists and maps copied (a change to the document never
    reaches the record), records inside as documents, unknown keys kept after the fields."""
    from netui.core.models import ChecklistItem, Event, Record, _record_classes

    samples = {
        Contact: Contact(first_name="Ada", tags=["a"], answers={"q": "a"}, knows_at=[{"company": "X", "name": "",
                                                                                    "note": ""}]),
        Event: Event(name="Fair", checklist=[ChecklistItem(text="Print the CV", phase="before")]),
        Draft: Draft(contact_uid="x", variables={"ask": "a call"}),
    }
    for cls in _record_classes():
        record = samples.get(cls) or cls()
        if hasattr(record, "extra"):
            record.extra = {"unknown": [1, 2]}
        doc = record.to_doc()
        assert doc == _reference_doc(record) and list(doc) == list(_reference_doc(record)), cls
        for name, value in doc.items():
            if isinstance(value, (list, dict)) and name != "unknown":
                assert value is not getattr(record, name), (cls, name)
        assert not any(isinstance(v, Record) for value in doc.values() if isinstance(value, list) for v in value)


def test_a_subclass_writes_its_own_fields_not_its_parents():
    from dataclasses import dataclass

    Contact(first_name="Ada").to_doc()  # the parent's writer exists

    @dataclass(slots=True)
    class Tagged(Contact):
        label: str = "x"

    assert Tagged(first_name="Ada").to_doc()["label"] == "x"


def test_the_stamp_names_the_last_write_once_closed(tmp_path):
    """A save is durable without its CRC; closing names the bytes written as checked, so the
    next start skips the record checks; a file changed after that is checked in full again."""
    from netui.storage import integrity

    db = tmp_path / "netui.json"
    store = Store.open(db)
    store.add_contact(Contact(first_name="Ada"))
    store.add_contact(Contact(first_name="Bob"))
    store.close()
    assert integrity.is_stamped(db, db.read_bytes())
    with Store.open(db) as again:
        assert again._stamped
        again.add_contact(Contact(first_name="Cy"))
        assert not integrity.is_stamped(db, db.read_bytes())  # saved, the stamp still names the old bytes
    assert integrity.is_stamped(db, db.read_bytes())
    db.write_bytes(db.read_bytes().replace(b'"Cy"', b'"Cz"'))
    assert not integrity.is_stamped(db, db.read_bytes())
    with Store.open(db) as changed:
        assert not changed._stamped
        assert sorted(c.first_name for c in changed.contacts()) == ["Ada", "Bob", "Cz"]
