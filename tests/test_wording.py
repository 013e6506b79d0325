"""Counts and messages read right: plurals agree, nothing is said twice, nothing cut short."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from netui.core.models import Contact, Draft, Event, Interaction, Profile
from netui.core.wording import plural, readonly_notice
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.drafts import DraftsScreen
from tests.conftest import TODAY
from tests.support.pilot import plain, switch_to
from tests.test_cli import netui

SIZE = (120, 36)
ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], tier="key")
BEA = Contact(uid="bea", first_name="Bea", last_name="Ng", emails=["bea@example.org"])
LONG = "Talked about the analytical engine and the lab in Turin, then about the summer school"


def test_plural_agrees_with_the_count():
    assert plural(1, "draft", "drafts") == "1 draft"
    assert plural(0, "draft", "drafts") == "0 drafts"
    assert plural(2, "key contact", "key contacts") == "2 key contacts"
    assert plural(12_000, "contact", "contacts") == "12,000 contacts"


@pytest.mark.parametrize("reason", [
    "read-only: /tmp/x.json is open for writing in another netui (pid 42); close it first, or open read-only",
    "read-only: /tmp/x.json is open for writing in another netui (pid 42); close it there first "
    "(commands that only read it still work)",
    "read-only: /tmp/x.json is held by another netui (pid 4242)",
])
def test_read_only_notice_says_it_once(reason):
    notice = readonly_notice(reason)
    assert notice.startswith("READ-ONLY: /tmp/x.json")
    assert notice.lower().count("read-only") == 1
    assert notice.endswith("Nothing can be changed.")


async def test_panel_counts_agree_and_the_events_hint_names_the_key(make_app):
    replied = [Interaction(contact_uid="bea", kind="reply_received", date=TODAY.isoformat())]
    events = [Event(name="Career fair", kind="career_day", date="2026-03-20")]
    app = make_app([ADA, BEA], replied, events=events)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        counts = str(app.screen.query_one("#panel-counts", Static).content)
        assert "2 contacts" in counts and "1 key contact\n" in counts and "1 reply to thank" in counts
        note = str(app.screen.query_one("#panel-events", Static).content)
        assert "1 upcoming event → 3" in note and "(key 3)" not in note


async def test_read_only_banner_does_not_repeat_itself(make_app, db_path):
    app = make_app([ADA])
    app.store.close()
    app = make_app(readonly=True)
    app.store.readonly_reason = (f"read-only: {db_path} is open for writing in another netui (pid 4242); "
                                 "close it there first (commands that only read it still work)")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one("#banner", Static).content)
        assert banner.startswith("READ-ONLY: ") and banner.lower().count("read-only") == 1


async def test_delete_dialog_without_history_reads_as_a_sentence(make_app):
    app = make_app([ADA])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        message = str(app.screen.query_one("#confirm-message", Static).content)
        assert "the contact's (" not in message
        assert "The contact has no interactions or drafts" in message


async def test_drafts_summary_counts_read_right(tmp_path):
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi"))
    ada = store.add_contact(Contact(first_name="Ada", last_name="Test", emails=["ada@x.org"]))
    store.add_draft(Draft(contact_uid=ada.uid, subject="A", body="x"))
    async with NetuiApp(store, today=TODAY, handle_signals=False).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "drafts", DraftsScreen)
        summary = plain(screen.query_one("#d-summary", Static))
        assert summary.startswith("1 draft ") and "draft: 1" in summary and "sent: 0" in summary
        assert "1 draft  ·  1 draft" not in summary
    store.close()


async def test_timeline_shows_more_than_twenty_characters_of_a_summary(make_app):
    app = make_app([ADA], [Interaction(uid="i1", contact_uid="ada", kind="call", date="2026-03-01", summary=LONG)])
    async with app.run_test(size=(150, 42)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        table = app.screen.query_one("#timeline", DataTable)
        drawn = " ".join(table.render_line(y).text for y in range(1, 5))
        shown = " ".join(drawn.replace("1 Mar 2026", "").replace("call", "").split())
        assert len(shown) >= 35 and shown in LONG  # it was cut at 19


def test_cli_counts_agree(tmp_path):
    db = tmp_path / "netui.json"
    result = netui("event", "add", "Career fair", "--kind", "career_day", "--date", "2026-09-01", db=db)
    assert result.returncode == 0 and "checklist of " in result.stdout
    listing = netui("events", db=db).stdout
    assert "0 people met" in listing
    doctor = netui("doctor", db=db).stdout
    assert "0 contacts, 0 interactions, 1 event, 0 drafts" in doctor
