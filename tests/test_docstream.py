"""Reading the data file a group of documents at a time gives exactly what one parse gives.

The store parses netui's own layout in groups (the peak memory of a start at
30,000 contacts fell from ~206 to ~113 MiB); any other layout, and any
damage, goes through the whole-file parse, with its line and column.
"""

from __future__ import annotations

import orjson
import pytest
from conftest import write_data_file

from netui.core.errors import DamagedFileError
from netui.core.models import Contact, Draft, Event, Interaction, Profile
from netui.storage import docstream
from netui.storage.schema import SCHEMA_VERSION
from netui.storage.store import BIG_TABLES, Store, parse_in_groups, serialize


def people(n: int) -> list[Contact]:
    return [Contact(uid=f"c{i}", first_name=f"Név{i}", last_name="Ünal", company=["Acme", "Initech"][i % 2],
                    notes="x" * (i % 300), tags=["a", "b"]) for i in range(n)]


def stored(store: Store) -> dict[str, list[dict]]:
    """Everything the store holds, as documents."""
    return {"contacts": [c.to_doc() for c in store.contacts()],
            "interactions": [i.to_doc() for i in store.interactions()],
            "events": [e.to_doc() for e in store.events()],
            "drafts": [d.to_doc() for d in store.drafts()],
            "profile": [store.profile().to_doc()]}


@pytest.fixture
def small_groups(monkeypatch):
    """Groups of ~2 KB, so a test file of a few hundred contacts is cut in many groups."""
    monkeypatch.setattr(docstream, "GROUP_BYTES", 2048)


def test_groups_cover_every_document_once(tmp_path, small_groups):
    contacts = people(400)
    path = write_data_file(tmp_path / "netui.json", contacts,
                           [Interaction(contact_uid="c1", kind="call", date="2026-01-02")] * 1,
                           [Event(name="Fair", date="2026-05-01")], [Draft(contact_uid="c2", subject="Hi")],
                           Profile(first_name="Me"))
    raw = path.read_bytes()
    split = docstream.split(raw, BIG_TABLES)
    assert split is not None and len(split.groups["contacts"]) > 10
    skeleton, split_file = parse_in_groups(raw, path, BIG_TABLES)
    assert split_file is not None
    whole = orjson.loads(raw)
    for table in BIG_TABLES:
        assert skeleton[table] == {}
        merged: dict = {}
        for group in split_file.documents(table):
            assert not set(group) & set(merged)
            merged.update(group)
        assert merged == whole[table], table
    assert skeleton["profile"] == whole["profile"] and skeleton["meta"] == whole["meta"]


def test_store_reads_the_same_records_either_way(tmp_path, small_groups):
    path = write_data_file(tmp_path / "netui.json", people(300), profile=Profile(first_name="Me"))
    with Store.open(path, readonly=True) as grouped:
        by_groups = stored(grouped)
    compact = tmp_path / "compact.json"  # the same data laid out on one line: no groups
    compact.write_bytes(orjson.dumps(orjson.loads(path.read_bytes())))
    assert docstream.split(compact.read_bytes(), BIG_TABLES) is None
    with Store.open(compact, readonly=True) as whole:
        assert stored(whole) == by_groups
    assert len(by_groups["contacts"]) == 300


def test_damage_inside_a_group_is_reported_with_its_line_and_never_written(tmp_path, small_groups):
    path = write_data_file(tmp_path / "netui.json", people(200))
    lines = path.read_bytes().split(b"\n")
    broken = next(i for i, line in enumerate(lines) if b'"first_name": "N\xc3\xa9v150"' in line)
    lines[broken] = lines[broken].replace(b'",', b'",,')
    damaged = b"\n".join(lines)
    path.write_bytes(damaged)
    with pytest.raises(DamagedFileError) as err:
        Store.open(path)
    assert f"line {broken + 1}, column" in str(err.value)
    assert path.read_bytes() == damaged


def test_a_document_that_is_not_an_object_is_refused(tmp_path, small_groups):
    path = write_data_file(tmp_path / "netui.json", people(50))
    text = path.read_bytes().replace(b'    "7": {', b'    "7": [1], "x": {', 1)
    path.write_bytes(text)
    with pytest.raises(DamagedFileError, match="not a document"):
        Store.open(path)


def test_a_table_key_repeated_deeper_in_the_file_is_not_mistaken_for_the_table(tmp_path):
    """A hand-edited file whose note object has a 'contacts' key at the table's indentation:
    the grouped reader must not cut there; the records are read as one parse reads them."""
    data = {"contacts": {"1": Contact(uid="a", first_name="A").to_doc()},
            "meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    text = serialize(data).replace(b'"answers": {}', b'"answers": {\n  "contacts": {\n    "9": "x"\n  }\n}', 1)
    path = tmp_path / "netui.json"
    path.write_bytes(text)
    assert orjson.loads(text)["contacts"]["1"]["answers"] == {"contacts": {"9": "x"}}
    with Store.open(path, readonly=True) as store:
        # Answers are texts: the record is set aside on load (checked since), read whole.
        assert store.contacts() == []
        [entry] = store.quarantine().values()
        assert entry["document"]["answers"] == {"contacts": {"9": "x"}}
