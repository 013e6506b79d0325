"""`netui import json COPY --theirs`: the command-line way to take the disk's versions.

The conflict copy is made for real: a store (the app's session) loads the
file, the file is changed on disk as a sync tool changes it, the store saves.
Then the installed `netui` command is run on it, as a user would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netui.cli.context import Context
from netui.core.models import Contact, Interaction, Post
from netui.storage.merge import conflict_copies, read_conflict_copy
from netui.storage.store import Store
from tests.conftest import reopen
from tests.support.cli import run_netui
from tests.support.disk import on_disk, set_field


@pytest.fixture
def conflicted(tmp_path) -> tuple[Path, Path]:
    """A data file where Ada's company, a post's topic and Bea (deleted on disk) were changed on
    both sides: ours in the file, the disk's in the conflict copy (returned with it)."""
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.add_contact(Contact(uid="ada", first_name="Ada", last_name="Lovelace", company="Engines"))
        store.add_contact(Contact(uid="bea", first_name="Bea", last_name="Ng"))
        store.add_interaction(Interaction(uid="call", contact_uid="bea", kind="call", date="2026-01-02"))
        store.add_post(Post(uid="post", topic="Lab notes", date="2026-01-05"))
    with Store.open(db) as store:
        on_disk(db, set_field("contacts", "ada", company="Theirs Ltd"))
        on_disk(db, set_field("posts", "post", topic="Their topic"))
        on_disk(db, lambda data: data["contacts"].pop(next(k for k, d in data["contacts"].items()
                                                             if d["uid"] == "bea")))
        with store.deferred():
            store.update_contact(store.contact("ada").copy(company="Mine Ltd"))
            store.update_post(store.post("post").copy(topic="My topic"))
            store.update_contact(store.contact("bea").copy(position="CTO"))
        store.save()
        report = store.take_merge_report()
    assert {c.key for c in report.conflicts} == {("contacts", "ada"), ("posts", "post"), ("contacts", "bea")}
    return db, report.conflict_path


def test_the_dry_run_lists_each_value_and_writes_nothing(conflicted, tmp_path):
    db, copy = conflicted
    before = db.read_bytes()
    result = run_netui("import", "json", str(copy), "--theirs", "--dry-run", db=db, config=tmp_path / "cfg")
    assert result.returncode == 0, result.stderr
    assert "Replaced by the file's values:" in result.stdout
    assert "Ada Lovelace: company 'Mine Ltd' → 'Theirs Ltd'" in result.stdout
    assert "posts: Their topic: topic 'My topic' → 'Their topic'" in result.stdout
    assert "contacts: Bea Ng: deleted, as in the file" in result.stdout
    assert "dry run: nothing written" in result.stdout
    assert db.read_bytes() == before and copy.exists()


def test_theirs_takes_the_disk_s_versions(conflicted, tmp_path):
    db, copy = conflicted
    result = run_netui("import", "json", str(copy), "--theirs", db=db, config=tmp_path / "cfg")
    assert result.returncode == 0, result.stderr
    assert "took the file's versions of 2 other records" in result.stdout
    assert f"{copy} is no longer needed" in result.stdout
    with reopen(db) as store:
        assert store.contact("ada").company == "Theirs Ltd"
        assert [p.topic for p in store.posts()] == ["Their topic"]
        assert store.contact("bea") is None and store.interactions() == []
    assert copy.exists()  # an import never touches the file it reads
    again = run_netui("import", "json", str(copy), "--theirs", "--dry-run", db=db, config=tmp_path / "cfg")
    assert "Replaced by the file's values" not in again.stdout  # nothing left to take


def test_without_theirs_an_import_still_keeps_yours(conflicted, tmp_path):
    db, copy = conflicted
    result = run_netui("import", "json", str(copy), db=db, config=tmp_path / "cfg")
    assert result.returncode == 0, result.stderr
    assert "Conflicts (your values kept):" in result.stdout and "kept company 'Mine Ltd'" in result.stdout
    with reopen(db) as store:
        assert store.contact("ada").company == "Mine Ltd" and store.contact("bea").position == "CTO"


def test_theirs_goes_with_json_only(tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_text("First Name,Last Name\nAda,Lovelace\n", encoding="utf-8")
    result = run_netui("import", "linkedin", str(csv), "--theirs", db=tmp_path / "n.json", config=tmp_path / "c")
    assert result.returncode == 2 and "--theirs goes with 'import json'" in result.stderr


def test_a_command_that_meets_a_conflict_says_how_to_take_theirs(tmp_path, capsys):
    """The CLI's writes are short: ours are kept, the copy stays, and one line says what to run."""
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.add_contact(Contact(uid="ada", first_name="Ada", company="Engines"))
    with Context(str(db)).store(write=True) as store:  # what every writing command opens
        on_disk(db, set_field("contacts", "ada", company="Theirs Ltd"))
        store.update_contact(store.contact("ada").copy(company="Mine Ltd"))
    err = capsys.readouterr().err.splitlines()
    (copy,) = conflict_copies(db)
    assert err == [
        f"netui: The data file was changed by another program: 1 changed both here and on disk: yours kept, "
        f"the disk's version saved in {copy}.",
        f"netui: to take the disk's versions instead of yours: netui import json {copy} --theirs",
    ]
    assert [c.theirs["company"] for c in read_conflict_copy(copy)] == ["Theirs Ltd"]
    with reopen(db) as again:
        assert again.contact("ada").company == "Mine Ltd"
