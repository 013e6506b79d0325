"""The Drafts screen and the same-day batch flow, keyboard only (Pilot)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, SelectionList, Static

from netui.core.models import Contact, Draft, Profile
from netui.outreach import batch
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen as Confirm
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.draft_batch import BatchForm
from netui.tui.screens.drafts import DraftsScreen
from tests.support.pilot import plain, settle, switch_to

SIZE = (120, 36)
TODAY = date(2026, 5, 10)


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def open_store(tmp_path) -> Store:
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", target_sector="data science"))
    for first, tier in (("Ada", "key"), ("Bea", "key"), ("Cy", "key"), ("Net", "network")):
        store.add_contact(Contact(first_name=first, last_name="Test", emails=[f"{first.lower()}@x.org"],
                                  tier=tier, company="Acme"))
    return store


async def test_batch_flow_create_step_through_mark_sent(tmp_path):
    store = open_store(tmp_path)
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "drafts", DraftsScreen)
        assert "No drafts yet" in plain(screen.query_one("#d-empty", Static))
        await pilot.press("b")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, BatchForm)
        listing = form.query_one(SelectionList)
        assert listing.option_count == 3  # key contacts only
        await pilot.press(*"be")  # filter
        await pilot.pause()
        assert listing.option_count == 1
        await pilot.press("enter", "space")  # to the list, tick Bea
        await pilot.pause()
        assert form.chosen and len(form.chosen) == 1
        form.query_one("#b-filter").focus()
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert listing.option_count == 3
        assert listing.selected == form.chosen  # the tick survives the filter
        await pilot.press("enter", "space", "down", "down", "space")  # Ada and Cy too
        await pilot.pause()
        assert len(form.chosen) == 3
        await pilot.press("ctrl+s")
        await settle(pilot)
        compose = pilot.app.screen
        assert isinstance(compose, ComposeScreen)
        drafts = store.drafts()
        assert len(drafts) == 3 and {d.send_on for d in drafts} == {"2026-05-11"}
        assert len({d.batch_uid for d in drafts}) == 1
        batch_uid = drafts[0].batch_uid
        # the same "call" email for everyone: the similarity check says so
        checks = plain(compose.query_one("#c-checks", Static))
        assert "read" in checks and "the same" in checks and "%" in checks
        assert "0 of 3 sent" in plain(compose.query_one("#c-status", Static))
        first = compose.draft_uid
        await pilot.press("f4")  # mark sent: moves on to the next of the batch
        await settle(pilot)
        await pilot.pause()
        nxt = pilot.app.screen
        assert isinstance(nxt, ComposeScreen) and nxt.draft_uid != first
        assert "1 of 3 sent" in plain(nxt.query_one("#c-status", Static))
        assert [i.kind for i in store.interactions(store.draft(first).contact_uid)] == ["email_sent"]
        await pilot.press("f8")  # next unsent
        await settle(pilot)
        assert pilot.app.screen.draft_uid not in (first, nxt.draft_uid)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert "1 of 3 sent" in plain(screen.query_one("#d-summary", Static))
        assert pilot.app.focused is table
        table.move_cursor(row=0)  # unsent drafts come first
        await pilot.press("s")
        await pilot.pause()
        assert batch.progress(store, batch_uid).label == "2 of 3 sent"
        assert "2 of 3 sent" in plain(screen.query_one("#d-summary", Static))
    store.close()


async def test_drafts_listed_by_status_and_day_and_actions(tmp_path):
    store = open_store(tmp_path)
    people = {c.first_name: c for c in store.contacts()}
    store.add_draft(Draft(contact_uid=people["Ada"].uid, subject="[b]A[/b]", body="x", status="sent",
                          send_on="2026-05-01"))
    store.add_draft(Draft(contact_uid=people["Bea"].uid, subject="B", body="x", send_on="2026-05-20"))
    store.add_draft(Draft(contact_uid=people["Cy"].uid, subject="C", body="x", send_on="2026-05-12"))
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "drafts", DraftsScreen)
        table = screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["draft", "draft", "sent"]
        assert [r[1] for r in rows] == ["12 May 2026", "20 May 2026", "1 May 2026"]  # by send day, as read
        assert rows[2][5] == "[b]A[/b]"  # user text shown as typed
        await pilot.press("r")  # Cy's draft is ready: it moves after the drafts still in progress
        await pilot.pause()
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [(r[0], r[5]) for r in rows] == [("draft", "B"), ("ready", "C"), ("sent", "[b]A[/b]")]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ComposeScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 2 and len(store.drafts()) == 2
    store.close()


async def test_batch_form_needs_a_contact_and_a_valid_day(tmp_path):
    store = open_store(tmp_path)
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        await switch_to(pilot, "drafts", DraftsScreen)
        await pilot.press("b")
        await pilot.pause()
        form = pilot.app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at least one" in plain(form.query_one("#b-error", Static))
        await pilot.press("enter", "space")
        form.query_one("#b-send-on").value = "2026-05-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "passed" in plain(form.query_one("#b-error", Static))
        assert pilot.app.screen is form and store.drafts() == []
        await pilot.press("escape")  # a contact ticked, a day typed: leaving asks first
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm) and "the new batch" in pilot.app.screen.message
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert pilot.app.screen is form and form.chosen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # drop
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftsScreen)
    store.close()


async def test_drafts_read_their_send_day_in_italian(tmp_path):
    store = open_store(tmp_path)
    store.set_profile(store.profile().copy(language="it"))
    people = {c.first_name: c for c in store.contacts()}
    made = batch.create_batch(store, [people["Ada"].uid, people["Bea"].uid], "2026-12-02", variables={"ask": "call"})
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "drafts", DraftsScreen)
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["2 dic 2026", "2 dic 2026"]
        assert "2 dic 2026" in plain(screen.query_one("#d-summary", Static)) and made.send_on == "2026-12-02"
    store.close()
