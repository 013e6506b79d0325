"""The contact screen and the new-contact form, driven with the keyboard (Pilot)."""

from __future__ import annotations

import os

from conftest import TODAY, reopen
from textual.widgets import DataTable, Input, Select, Static, TextArea

from netui.core.i18n import format_date
from netui.core.models import (
    FIRST_MEETING_QUESTIONS,
    Contact,
    Draft,
    Interaction,
    Profile,
    question_text,
)
from netui.storage import recovery
from netui.storage.paths import recovery_path
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.overview import OverviewScreen
from netui.tui.widgets.contact_table import ContactTable

SIZE = (120, 36)


def ada(**changes) -> Contact:
    base = dict(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"],
                company="Analytical Engines", position="Engineer", sector="software", source="professor",
                tier="key", extra={"x_custom": "kept"})
    base.update(changes)
    return Contact(**base)


def error_text(screen, field: str) -> str:
    widget = screen.query_one(f"#error-{field}", Static)
    return str(widget.content) if widget.display else ""


async def open_ada(pilot) -> ContactScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ContactScreen)
    return screen


async def test_new_contact_form_tab_order_and_save(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactScreen)
        assert form.focused is form.query_one("#input-first_name", Input)
        await pilot.press(*"Grace")
        await pilot.press("tab")
        assert form.focused is form.query_one("#input-last_name", Input)
        await pilot.press(*"Hopper")
        await pilot.press("tab")
        assert form.focused is form.query_one("#input-emails", Input)
        await pilot.press(*"grace@example.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        # ctrl+s saves and stays (as in an editor); escape leaves.
        assert app.screen is form and form.uid is not None and not form.is_dirty
        assert form.focused is form.query_one("#input-emails", Input)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one(ContactTable)
        uid = table.highlighted_uid
        assert uid is not None and app.store.contact(uid).name == "Grace Hopper"
    with reopen(db_path) as store:
        [grace] = store.contacts()
        assert (grace.first_name, grace.last_name, grace.emails) == ("Grace", "Hopper", ["grace@example.org"])
        assert grace.source == "other" and grace.tier == "network"


async def test_validation_shows_next_to_the_field_and_saves_nothing(make_app, db_path):
    app = make_app([ada()])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        # Nothing at all: the name is what is missing.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a name, an email or a company" in error_text(form, "first_name")
        assert form.focused is form.query_one("#input-first_name", Input)
        await pilot.press(*"Grace", "tab", "tab", *"not-an-email")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not an email address" in error_text(form, "emails")
        assert error_text(form, "first_name") == ""
        assert form.focused is form.query_one("#input-emails", Input)
        assert form.query_one("#input-emails", Input).has_class("-invalid")
        # A taken email is refused too, naming its owner.
        form.query_one("#input-emails", Input).value = "ada@example.org"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already belongs to Ada Lovelace" in error_text(form, "emails")
        form.query_one("#input-emails", Input).value = "grace@example.org"
        form.query_one("#input-keep_in_touch_days", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number of days" in error_text(form, "keep_in_touch_days")
        form.query_one("#input-keep_in_touch_days", Input).value = "14"
        form.query_one("#input-connected_on", Input).value = "2024-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a valid date" in error_text(form, "connected_on")
        assert isinstance(app.screen, ContactScreen)
    with reopen(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Ada Lovelace"]


async def test_edit_every_kind_of_field_and_keep_unknown_keys(make_app, db_path):
    profile = Profile(first_name="Me", questions=["Which skill would you learn first?"])
    app = make_app([ada()], profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        form.query_one("#input-company", Input).value = "Babbage & Co"
        form.query_one("#input-tags", Input).value = "math, mentor; poetry"
        form.query_one("#input-keep_in_touch_days", Input).value = "21"
        form.query_one("#input-source", Select).value = "alumni"
        form.query_one("#input-relationship", Select).value = "mentor"
        form.query_one("#input-tier", Select).value = "network"
        form.query_one("#input-phones", Input).value = "+44 20 7946 0000"
        form.query_one("#input-notes", TextArea).text = "Line one\nLine two [not markup]"
        # The method's first-meeting questions and the user's own are all on the form.
        questions = [str(w.content) for w in form.query(".question")]
        assert questions == [*map(question_text, FIRST_MEETING_QUESTIONS), "Which skill would you learn first?"]
        form.query_one("#answer-0", TextArea).text = "Translating a paper on the engine."
        form.query_one("#answer-3", TextArea).text = "Mathematics, again."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form and not form.is_dirty  # saved, and still on the form
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)  # nothing left unsaved: no question
    with reopen(db_path) as store:
        saved = store.contact("ada")
        assert saved.company == "Babbage & Co"
        assert saved.tags == ["math", "mentor", "poetry"]
        assert (saved.keep_in_touch_days, saved.source, saved.relationship, saved.tier) == (21, "alumni", "mentor",
                                                                                            "network")
        assert saved.phones == ["+44 20 7946 0000"]
        assert saved.notes == "Line one\nLine two [not markup]"
        assert saved.answers == {FIRST_MEETING_QUESTIONS[0]: "Translating a paper on the engine.",
                                 "Which skill would you learn first?": "Mathematics, again."}
        assert saved.extra == {"x_custom": "kept"}
        assert saved.emails == ["ada@example.org"]


async def test_escape_asks_before_dropping_unsaved_changes(make_app, db_path):
    app = make_app([ada()])
    before = db_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        # No changes: escape goes straight back.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        form = await open_ada(pilot)
        await pilot.press("end", *" Byron")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Drop the unsaved changes to Ada Lovelace?" in str(app.screen.query_one("#confirm-message").content)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#input-first_name", Input).value == "Ada Byron"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # drop
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    assert db_path.read_bytes() == before


async def test_user_text_shows_literally_on_the_contact_screen(make_app):
    app = make_app([ada(first_name="[bold]X[/bold]", last_name="", company="[red]Co")])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        heading = str(form.query_one("#contact-heading", Static).content)
        assert heading.startswith("[bold]X[/bold]") and "[red]Co" in heading
        assert form.query_one("#input-first_name", Input).value == "[bold]X[/bold]"
        form.query_one("#input-position", Input).value = "[/]"  # a stray closing tag: no crash either
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert "Saved [bold]X[/bold]." in [n.message for n in app._notifications]
        await pilot.press("escape")  # ctrl+s saves and stays; escape goes back to the overview
        await pilot.pause()
        assert any("[bold]X[/bold]" in line for line in
                   (app.screen.query_one(ContactTable).render_line(y).text for y in range(5)))


async def test_contact_actions_are_in_the_command_palette(make_app):
    from netui.tui.palette import NetuiCommands

    history = [Interaction(uid="i1", contact_uid="ada", kind="call", date="2026-01-05")]
    app = make_app([ada()], history)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        form.query_one(DataTable).focus()
        await pilot.pause()
        titles = [title for title, _, _ in NetuiCommands(form)._commands()]
        for wanted in ("Save", "Back", "Log interaction", "Delete contact", "Edit the highlighted interaction",
                       "Delete the highlighted interaction", "Help", "Network"):
            assert wanted in titles, wanted


async def test_interactions_timeline_add_edit_delete(make_app, db_path):
    history = [Interaction(uid="i1", contact_uid="ada", kind="email_sent", date="2026-01-05", summary="First [email]")]
    app = make_app([ada()], history)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        status = str(form.query_one("#followup-status", Static).content)
        assert "5 Jan 2026" in status and "due now" in status  # key contact: 30 days, long past
        # Add: ctrl+l from anywhere on the form.
        await pilot.press("ctrl+l")
        await pilot.pause()
        log = app.screen
        assert isinstance(log, LogInteractionScreen)
        assert log.query_one("#input-date", Input).value == TODAY.isoformat()
        log.query_one("#input-kind", Select).value = "meeting"
        log.query_one("#input-summary", TextArea).text = "Coffee at the lab"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form
        timeline = form.query_one(DataTable)
        assert timeline.row_count == 2
        assert [str(c) for c in timeline.get_row_at(0)] == [format_date(TODAY), "meeting", "Coffee at the lab"]
        status = str(form.query_one("#followup-status", Static).content)
        assert "due now" not in status and format_date(TODAY) in status
        # Edit: enter on the older one.
        timeline.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, LogInteractionScreen) and edit.interaction_uid == "i1"
        edit.query_one("#input-date", Input).value = "2026-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a valid date" in str(edit.query_one("#error-date", Static).content)
        edit.query_one("#input-date", Input).value = "2026-01-06"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form
        # Delete: the delete key on the timeline, confirmed.
        timeline.focus()
        timeline.move_cursor(row=0)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert timeline.row_count == 1
    with reopen(db_path) as store:
        assert [(i.uid, i.date, i.summary) for i in store.interactions("ada")] == [
            ("i1", "2026-01-06", "First [email]")]


async def test_log_is_refused_for_an_unsaved_new_contact(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form.check_action("log", ()) is False  # not offered in the footer
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is form
        assert "Save the contact" in str(form.query_one("#followup-status", Static).content)


async def test_delete_contact_with_confirmation(make_app, db_path):
    history = [Interaction(contact_uid="ada", kind="call", date="2026-01-05")]
    drafts = [Draft(contact_uid="ada", subject="Hi"), Draft(contact_uid="ada", subject="Again")]
    app = make_app([ada(), ada(uid="bob", first_name="Bob", last_name="B", emails=["bob@example.org"])],
                   history, drafts=drafts)
    async with app.run_test(size=SIZE) as pilot:
        await open_ada(pilot)
        await pilot.press("ctrl+d")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmScreen)
        text = str(modal.query_one("#confirm-message").content)
        assert "Delete Ada Lovelace?" in text and "1 interaction and 2 drafts" in text
        # The safe answer has the focus: enter keeps the contact.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.query_one(ContactTable).visible_uids() == ["bob"]
    with reopen(db_path) as store:
        assert [c.uid for c in store.contacts()] == ["bob"]
        assert store.interactions() == [] and store.drafts() == []


async def test_save_error_is_a_notification_and_the_form_stays(make_app, db_path):
    app = make_app([ada()])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        # Something else half-writes the file meanwhile: saving must not overwrite it. (A whole
        # rewrite by a sync tool is merged now, see test_hostile_data.py.)
        other = db_path.read_bytes()[:200]
        db_path.write_bytes(other)
        os.utime(db_path, ns=(1, 1))
        form.query_one("#input-position", Input).value = "Countess"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form
        assert "UNSAVED" in app.sub_title
        messages = [n.message for n in app._notifications]
        assert any("changed on disk" in m for m in messages)
    assert db_path.read_bytes() == other


async def test_read_only_contact_screen_refuses_edits(make_app, db_path):
    first = make_app([ada()])
    first.store.close()
    app = make_app(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        banner = form.query_one("#banner", Static)
        assert banner.display and "READ-ONLY" in str(banner.content)
        assert form.query_one("#input-first_name", Input).disabled
        assert form.check_action("save", ()) is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form


async def test_unsaved_edits_survive_sigterm_in_the_recovery_file(make_app, db_path):
    app = make_app([ada()])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        form.query_one("#input-position", Input).value = "Countess of Lovelace"
        kept = app.handle_terminate_signal()
        assert kept == recovery_path(db_path)
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    [entry] = recovery.load(db_path)
    assert entry["kind"] == "contact" and entry["uid"] == "ada"
    assert entry["values"]["position"] == "Countess of Lovelace"
    with reopen(db_path) as store:
        assert store.contact("ada").position == "Engineer"  # not saved behind the user's back
    app.store.close()  # the process has ended
    # Next start: offered; restore reopens the form with the edits, to review and save.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ada Lovelace" in str(app.screen.query_one("#confirm-message").content)
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactScreen) and form.is_dirty
        assert form.query_one("#input-position", Input).value == "Countess of Lovelace"
        assert not recovery_path(db_path).exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
    with reopen(db_path) as store:
        assert store.contact("ada").position == "Countess of Lovelace"


async def test_quit_with_a_dirty_form_asks(make_app):
    app = make_app([ada()])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        form.query_one("#input-position", Input).value = "Countess"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert app.is_running


async def test_dates_read_the_language_s_way_and_the_inputs_keep_iso(make_app):
    """Italian: "2 dic 2026" in the follow-up status and the timeline; the birthday input stays ISO."""
    from datetime import date

    history = [Interaction(uid="i1", contact_uid="ada", kind="email_sent", date="2026-12-02", summary="Hello")]
    app = make_app([ada(birthday="1990-12-12")], history, profile=Profile(first_name="Ana", language="it"),
                   today=date(2026, 12, 20))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        status = str(form.query_one("#followup-status", Static).content)
        assert "2 dic 2026" in status and "1 gen 2027" in status and "2026-" not in status  # key: 30 days
        timeline = form.query_one(DataTable)
        assert str(timeline.get_row_at(0)[0]) == "2 dic 2026"
        assert form.query_one("#input-birthday", Input).value == "1990-12-12"


async def test_dates_read_in_english_too(make_app):
    history = [Interaction(uid="i1", contact_uid="ada", kind="email_sent", date="2026-12-02", summary="Hello")]
    app = make_app([ada()], history)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ada(pilot)
        assert str(form.query_one(DataTable).get_row_at(0)[0]) == "2 Dec 2026"
