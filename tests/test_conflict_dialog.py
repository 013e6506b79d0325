"""The conflict dialog: a record changed both in the app and on disk is the user's choice.

Each test changes the data file on disk the way a sync tool does (a direct
write between the app's load and its save), saves from the app, and checks
what the dialog shows, what each choice leaves in the data file, and what
happens to the conflict copy.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Button, Input, OptionList

from netui.core.models import Contact, Event
from netui.storage.merge import conflict_copies, read_conflict_copy
from netui.tui.dialogs.conflicts import ConflictScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.overview import OverviewScreen
from tests.conftest import reopen
from tests.support.disk import on_disk, set_field
from tests.support.pilot import settle

SIZE = (120, 36)
ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Engines")
BEA = Contact(uid="bea", first_name="Bea", last_name="Ng", emails=["bea@example.org"])
LAB = Event(uid="lab", name="Open lab", kind="meetup", date="2026-03-01", location="Turin")




async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def dialog_open(app) -> bool:
    """The dialog is on top and laid out (its buttons have a place on the screen)."""
    if not isinstance(app.screen, ConflictScreen):
        return False
    buttons = app.screen.query("#later")
    return bool(buttons) and buttons.first().region.width > 0


def dialog_text(dialog: ConflictScreen) -> str:
    listing = dialog.query_one("#conflict-list", OptionList)
    return "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))


async def edit_both_sides(pilot, db_path: Path, changes) -> None:
    """Change records on disk, then the same records in the app (saved through `commit`)."""
    app = pilot.app
    for table, uid, disk, mine in changes:
        on_disk(db_path, set_field(table, uid, **disk))

    def change():
        for table, uid, _disk, mine in changes:
            if table == "contacts":
                app.store.update_contact(app.store.contact(uid).copy(**mine))
            else:
                app.store.update_event(app.store.event(uid).copy(**mine))

    await app.commit(change)
    await wait_for(pilot, lambda: dialog_open(app))


async def test_the_dialog_waits_for_the_form_then_theirs_is_taken_and_saved(make_app, db_path):
    app = make_app([ADA, BEA])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactScreen))
        form = app.screen
        form.query_one("#input-company", Input).value = "Mine Ltd"
        # Meanwhile another device changed Ada's company too, and Bea's position.
        on_disk(db_path, set_field("contacts", "ada", company="Theirs Ltd"))
        on_disk(db_path, set_field("contacts", "bea", position="CTO"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(0.6)
        # The form stays open (ctrl+s keeps it): the dialog does not cover it, nor is closed by it.
        assert app.screen is form
        assert [c.key for c in read_conflict_copy(conflict_copies(db_path)[0])] == [("contacts", "ada")]
        await pilot.press("escape")
        await wait_for(pilot, lambda: dialog_open(app))
        dialog = app.screen
        shown = dialog_text(dialog)
        assert "Ada Lovelace" in shown and "contacts" in shown
        assert "company: mine Mine Ltd, theirs Theirs Ltd" in shown
        assert "Bea" not in shown  # changed only on disk: simply taken
        await pilot.press("t")
        assert "theirs" in dialog_text(dialog).splitlines()[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await settle(pilot)
        assert app.store.contact("ada").company == "Theirs Ltd"
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Theirs Ltd"
        assert store.contact("bea").position == "CTO"
    assert conflict_copies(db_path) == []  # every conflict decided: the copy is gone


async def test_mine_and_theirs_one_by_one(make_app, db_path):
    app = make_app([ADA, BEA], events=[LAB])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_both_sides(pilot, db_path, [
            ("contacts", "ada", {"company": "Theirs Ltd"}, {"company": "Mine Ltd"}),
            ("events", "lab", {"location": "Milan"}, {"location": "Rome"}),
        ])
        dialog = app.screen
        shown = dialog_text(dialog)
        assert "Open lab" in shown and "location: mine Rome, theirs Milan" in shown
        # Ada first (contacts), then the event: m keeps mine and moves on, t takes theirs.
        await pilot.press("m", "t")
        lines = [line for line in dialog_text(dialog).splitlines() if line.startswith("[")]
        assert "mine" in lines[0] and "Ada" in lines[0] and "theirs" in lines[1] and "Open lab" in lines[1]
        await pilot.press("up", "down")  # moving does not change a choice
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Mine Ltd"
        assert store.event("lab").location == "Milan"
    assert conflict_copies(db_path) == []


async def test_escape_decides_later_and_the_next_start_asks_again(make_app, db_path):
    app = make_app([ADA, BEA])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_both_sides(pilot, db_path, [
            ("contacts", "ada", {"company": "Theirs Ltd"}, {"company": "Mine Ltd"})])
        await pilot.press("m")  # a choice not applied: escape drops it too
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
    app.store.close()
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Mine Ltd"
    (copy,) = conflict_copies(db_path)
    (kept,) = read_conflict_copy(copy)
    assert kept.key == ("contacts", "ada") and kept.theirs["company"] == "Theirs Ltd"

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: dialog_open(app))
        dialog = app.screen
        assert "company: mine Mine Ltd, theirs Theirs Ltd" in dialog_text(dialog)
        # Keyboard only: tab to "Take theirs for all", enter presses it.
        for _ in range(4):
            await pilot.press("tab")
            if dialog.focused is dialog.query_one("#theirs-all", Button):
                break
        assert dialog.focused is dialog.query_one("#theirs-all", Button)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Theirs Ltd"
    assert not copy.exists()


async def test_keep_mine_for_all_removes_the_copy_and_keeps_the_file(make_app, db_path):
    app = make_app([ADA, BEA], events=[LAB])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_both_sides(pilot, db_path, [
            ("contacts", "ada", {"company": "Theirs Ltd"}, {"company": "Mine Ltd"}),
            ("events", "lab", {"location": "Milan"}, {"location": "Rome"}),
        ])
        before = db_path.read_bytes()
        await pilot.click("#mine-all")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
        assert db_path.read_bytes() == before  # mine is what is already saved
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Mine Ltd" and store.event("lab").location == "Rome"
    assert conflict_copies(db_path) == []


async def test_a_copy_already_taken_from_the_command_line_is_settled_without_asking(make_app, db_path):
    app = make_app([ADA])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_both_sides(pilot, db_path, [
            ("contacts", "ada", {"company": "Theirs Ltd"}, {"company": "Mine Ltd"})])
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        # The same value chosen another way (here: typed again) leaves nothing to choose.
        await app.commit(lambda: app.store.update_contact(app.store.contact("ada").copy(company="Theirs Ltd")))
        app.action_conflicts()
        await pilot.pause(0.6)
        assert not isinstance(app.screen, ConflictScreen)
    assert conflict_copies(db_path) == []


async def test_the_disk_s_text_is_shown_without_terminal_controls_and_taken_through_the_gate(make_app, db_path):
    osc52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    app = make_app([ADA])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_both_sides(pilot, db_path, [
            ("contacts", "ada", {"company": f"Evil{osc52}"}, {"company": "Mine Ltd"})])
        shown = dialog_text(app.screen)
        assert "Evil" in shown and "\x1b" not in shown and "\x07" not in shown
        await pilot.press("t", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
    with reopen(db_path) as store:
        assert store.contact("ada").company == "Evil]52;c;ZWNobyBwd25lZA=="
