"""`netui drafts` and `netui sent`: marking a draft sent from the command line writes
exactly what the app writes (the same `outreach.sending.mark_sent`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from netui.core.models import Contact, Draft, Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.screens.drafts import DraftsScreen
from tests.conftest import write_data_file
from tests.support.pilot import switch_to

NETUI = Path(sys.executable).parent / "netui"
TODAY = "2026-12-02"
#: Fields that differ between any two writes of the same change (random ids, the clock).
VOLATILE = {"uid", "created_at", "updated_at"}


def netui(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env.update(NETUI_TODAY=TODAY, COLUMNS="120")
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """A same-day batch of two emails, a LinkedIn message, and a draft already sent."""
    contacts = [
        Contact(uid="ada", first_name="Ada", last_name="Uno", emails=["ada@example.org"], tier="key"),
        Contact(uid="bea", first_name="Bea", last_name="Due", emails=["bea@example.org"], tier="key"),
        Contact(uid="sara", first_name="Sara", last_name="Conti",
                linkedin_url="https://www.linkedin.com/in/sara-conti"),
    ]
    drafts = [
        Draft(uid="d-ada", contact_uid="ada", template="personal", subject="A question", body="Hi Ada",
              batch_uid="b1", send_on="2026-11-30"),
        Draft(uid="d-bea", contact_uid="bea", template="personal", subject="A question", body="Hi Bea",
              batch_uid="b1", send_on="2026-11-30"),
        Draft(uid="d-sara", contact_uid="sara", template="linkedin_message", body="Hi Sara, about your post"),
        Draft(uid="d-old", contact_uid="ada", subject="Earlier", body="x", status="sent", send_on="2026-10-01"),
    ]
    return write_data_file(tmp_path / "netui.json", contacts, drafts=drafts,
                           profile=Profile(first_name="Giulia", last_name="Rinaldi"))


def written(db: Path) -> dict[str, list[dict]]:
    """The interactions and drafts on disk, without what differs between any two writes."""
    data = json.loads(db.read_text(encoding="utf-8"))
    return {table: sorted(({k: v for k, v in doc.items() if k not in VOLATILE} for doc in data[table].values()),
                          key=lambda doc: json.dumps(doc, sort_keys=True))
            for table in ("interactions", "drafts")}


async def mark_in_the_app(db: Path, draft_uids: list[str]) -> None:
    """Press `s` on each draft's row of the Drafts screen, as a user would."""
    store = Store.open(db)
    try:
        async with NetuiApp(store, today=date.fromisoformat(TODAY)).run_test(size=(120, 36)) as pilot:
            screen = await switch_to(pilot, "drafts", DraftsScreen)
            table = screen.query_one(DataTable)
            for uid in draft_uids:
                table.move_cursor(row=table.get_row_index(uid))
                await pilot.press("s")
                await pilot.pause()
            await pilot.app.workers.wait_for_complete()
    finally:
        store.close()


async def test_sent_writes_what_the_app_writes(network: Path, tmp_path: Path):
    in_app = tmp_path / "app.json"
    shutil.copy(network, in_app)
    await mark_in_the_app(in_app, ["d-ada", "d-sara"])

    first = netui(network, "sent", "d-ada")
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Sent to Ada Uno: logged on 2026-11-30. Batch: 1 of 2 sent.\n"
    second = netui(network, "sent", "Sara Conti")  # a contact with one unsent draft
    assert second.returncode == 0, second.stderr
    assert second.stdout == f"Sent to Sara Conti: logged on {TODAY}.\n"

    assert written(network) == written(in_app)
    logged = {doc["contact_uid"]: doc for doc in written(network)["interactions"]}
    assert (logged["ada"]["kind"], logged["ada"]["date"], logged["ada"]["draft_uid"]) == (
        "email_sent", "2026-11-30", "d-ada")
    assert (logged["sara"]["kind"], logged["sara"]["channel"]) == ("message", "linkedin")


def test_drafts_lists_unsent_first_with_the_uid_sent_takes(network: Path):
    result = netui(network, "drafts", "--unsent")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Draft", "Status", "Day", "Contact", "Template", "Subject"]
    assert [line.split()[0] for line in lines[1:]] == ["d-ada", "d-bea", "d-sara"]
    assert lines[3].endswith("Hi Sara, about your post")  # no subject: its first line says what it is
    every = json.loads(netui(network, "drafts", "--json").stdout)
    assert [d["uid"] for d in every] == ["d-ada", "d-bea", "d-sara", "d-old"]


def test_sent_refuses_what_it_cannot_mark_and_writes_nothing(network: Path):
    before = network.read_bytes()
    for args, message in (
        (("sent", "d-old"), "netui: this draft is already marked as sent\n"),
        (("sent", "Nobody"), None),
    ):
        result = netui(network, *args)
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        if message:
            assert result.stderr == message
    assert "no draft has the uid 'Nobody', and no contact matches 'Nobody'" in netui(network, "sent", "Nobody").stderr
    assert network.read_bytes() == before
    assert netui(network, "sent", "d-bea").returncode == 0
    ada_twice = netui(network, "sent", "Ada Uno")  # one unsent draft left: it is that one
    assert ada_twice.stdout.startswith("Sent to Ada Uno") and "2 of 2 sent" in ada_twice.stdout
    none_left = netui(network, "sent", "Ada Uno")
    assert none_left.stderr == "netui: Ada Uno has no unsent draft (netui drafts lists them)\n"


def test_a_contact_with_several_unsent_drafts_asks_for_the_uid(network: Path):
    store = Store.open(network)
    store.add_draft(Draft(uid="d-ada2", contact_uid="ada", subject="Another", body="y"))
    store.close()
    result = netui(network, "sent", "ada@example.org")
    assert result.stderr == "netui: Ada Uno has 2 unsent drafts: give the uid of one (d-ada, d-ada2)\n"
    italian = netui(network, "--lang", "it", "sent", "ada@example.org")
    assert italian.stderr == "netui: Ada Uno ha 2 bozze da inviare: indica l'uid di una (d-ada, d-ada2)\n"
