"""The Events screen, driven with the keyboard only (Pilot)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList, Select

from netui.core.models import Contact, Profile
from netui.events import service as core
from netui.events.checklists import load_checklist
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.event_dialogs import ContactPicker
from netui.tui.screens.event_forms import EventForm, FollowUpForm, ItemForm, PersonForm
from netui.tui.screens.events import EventsScreen

SIZE = (120, 36)
TODAY = date(2026, 5, 10)


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def events_app(store: Store) -> NetuiApp:
    return NetuiApp(store, today=TODAY)


def open_store(tmp_path, lang="en") -> Store:
    store = Store.open(tmp_path / "netui.json")
    if not store.profile().first_name:
        store.set_profile(Profile(first_name="Ana", last_name="Example", email="ana@example.org", language=lang))
    return store


async def to_events(pilot) -> EventsScreen:
    await pilot.pause()
    await pilot.app.switch_mode("events")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EventsScreen)
    return screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def fill_new_event(pilot, name: str, kind_label: str, day: str, at: str = "", place: str = "") -> None:
    """The new-event form, as a user fills it: name, kind, date, time, place; ctrl+s."""
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EventForm)
    assert form.focused is form.query_one("#f-name")
    await type_text(pilot, name)
    await pilot.press("tab")  # kind
    select = form.query_one("#f-kind", Select)
    assert form.focused is select
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(10):
        if select.selection is not None and core.KIND_LABELS[select.selection] == kind_label:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert core.KIND_LABELS[select.value] == kind_label
    await pilot.press("tab")  # date, all selected: typing replaces it
    await type_text(pilot, day)
    await pilot.press("tab")  # time
    await type_text(pilot, at)
    await pilot.press("tab")  # place
    await type_text(pilot, place)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def quick_add(pilot, first: str, last: str, email: str) -> None:
    await pilot.press("p")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, PersonForm)
    assert form.focused is form.query_one("#f-first")  # opens in First name
    await type_text(pilot, first)
    await pilot.press("tab")
    await type_text(pilot, last)
    await pilot.press("tab")
    await type_text(pilot, email)
    await pilot.press("ctrl+s")
    await pilot.pause()


def item_lines(screen: EventsScreen) -> list[str]:
    view = screen.query_one("#checklist", OptionList)
    return [o.id for o in view.options]


async def test_plan_a_career_day_tick_meet_five_and_follow_up_keyboard_only(tmp_path):
    store = open_store(tmp_path)
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        assert screen.query_one("#events-empty").display  # the empty state says what to do

        await fill_new_event(pilot, "Engineering career day", "Career day", "2026-05-14", "09:30", "Hall 3")
        assert app.screen is screen
        [event] = store.events()
        assert (event.name, event.kind, event.date, event.location) == \
            ("Engineering career day", "career_day", "2026-05-14T09:30", "Hall 3")
        expected = load_checklist("career_day", "en")
        assert [(i.phase, i.text) for i in event.checklist] == [(i.phase, i.text) for i in expected]
        assert screen.current_uid == event.uid

        # enter on the event goes to its checklist; space ticks
        await pilot.press("enter")
        assert screen.focused is screen.query_one("#checklist")
        await pilot.press("space", "down", "space", "down", "down", "space")
        event = store.event(event.uid)
        assert [i.done for i in event.checklist[:4]] == [True, True, False, True]
        await pilot.press("space")  # untick
        assert not store.event(event.uid).checklist[3].done
        title = str(screen.query_one("#checklist-title").render())
        assert f"2/{len(expected)} done" in title

        # the five people met, quick-added
        for n in range(5):
            await quick_add(pilot, f"Person{n}", "Example", f"person{n}@example.org")
        event = store.event(event.uid)
        assert len(event.contact_uids) == 5
        assert {store.contact(u).source for u in event.contact_uids} == {"event"}
        assert all([i.kind for i in store.interactions(u)] == ["event_met"] for u in event.contact_uids)
        assert screen.query_one("#people", OptionList).option_count == 5

        # follow up everyone met: one batch, one day
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        assert form.query_one("#f-send-on", Input).value == "2026-05-15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        drafts = store.drafts()
        assert len(drafts) == 5
        assert len({d.batch_uid for d in drafts}) == 1 and {d.send_on for d in drafts} == {"2026-05-15"}
        assert {d.contact_uid for d in drafts} == set(event.contact_uids)
        assert {d.template for d in drafts} == {"event_follow_up"}
        assert any("5 follow-up drafts" in n.message for n in app._notifications)
    store.close()

    # everything is on disk: a new app on the same file shows it
    store = open_store(tmp_path)
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        [event] = store.events()
        assert screen.current_uid == event.uid
        assert [i.done for i in event.checklist[:4]] == [True, True, False, False]
        assert screen.query_one("#people", OptionList).option_count == 5
        assert len(store.drafts()) == 5
    store.close()


async def test_checklist_add_edit_remove_items(tmp_path):
    store = open_store(tmp_path)
    event = core.create_event(store, "Cloud webinar", "webinar", "2026-05-20T18:00")
    total = len(event.checklist)
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        await pilot.press("enter")  # into the checklist
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-phase", Select).value == "before"  # the phase of the highlighted item
        await type_text(pilot, "Test the microphone")
        await pilot.press("enter")  # enter saves a one-line form
        await pilot.pause()
        assert app.screen is screen
        items = store.event(event.uid).checklist
        assert len(items) == total + 1
        added = next(n for n, i in enumerate(items) if i.text == "Test the microphone")
        assert items[added].phase == "before"
        assert screen._highlighted_item() == added  # the cursor is on the new item

        await pilot.press("enter")  # edit it
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press("end", *" and camera")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.event(event.uid).checklist[added].text == "Test the microphone and camera"

        await pilot.press("x")  # remove it
        await pilot.pause()
        items = store.event(event.uid).checklist
        assert len(items) == total and all(i.text != "Test the microphone and camera" for i in items)

        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")  # empty text: refused in the form, which stays open
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert "needs some text" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(store.event(event.uid).checklist) == total
    store.close()


async def test_link_existing_contact_with_the_picker(tmp_path):
    store = open_store(tmp_path)
    store.add_contact(Contact(first_name="Noé", last_name="Dubois", company="Globex", emails=["noe@example.org"]))
    store.add_contact(Contact(first_name="Ada", last_name="Lovelace", company="Acme"))
    event = core.create_event(store, "Data meetup", "meetup", "2026-06-02T18:30")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        await pilot.press("l")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ContactPicker)
        await app.workers.wait_for_complete()  # the search index is built in a thread
        await pilot.pause()
        assert picker.query_one(OptionList).option_count == 2
        await type_text(pilot, "noe glob")  # accents and case ignored, every word matches
        assert picker.query_one(OptionList).option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        [uid] = store.event(event.uid).contact_uids
        assert store.contact(uid).first_name == "Noé"
        assert [(i.kind, i.date) for i in store.interactions(uid)] == [("event_met", "2026-06-02")]

        await pilot.press("l")  # the linked one is shown but cannot be picked again
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert [o.disabled for o in listing.options] == [False, True]  # Ada, then Noé (linked)
        await pilot.press("escape")
        await pilot.pause()

        # unlink from the people list: the contact stays
        screen.query_one("#people").focus()
        await pilot.press("x")
        await pilot.pause()
        assert store.event(event.uid).contact_uids == [] and store.contact(uid) is not None
    store.close()


async def test_delete_asks_first_and_keeps_contacts(tmp_path):
    store = open_store(tmp_path)
    event = core.create_event(store, "Open day", "open_day", "2026-05-12")
    contact = core.quick_add_contact(store, event.uid, "Bea", "Rossi")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused answer is "Keep"
        await pilot.pause()
        assert app.screen is screen and store.event(event.uid) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.events() == [] and store.contact(contact.uid) is not None
        assert screen.query_one("#events-empty").display
    store.close()


async def test_edit_event_status_and_bad_input_in_the_form(tmp_path):
    store = open_store(tmp_path)
    event = core.create_event(store, "Talk", "webinar", "2026-05-20")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        await pilot.press("s")
        assert store.event(event.uid).status == "attended"
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        await pilot.press("tab", "tab")  # to the date
        await type_text(pilot, "2026-13-45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused, shown in the form, nothing written
        assert "2026-13-45" in str(form.query_one("#form-error").render())
        assert form.focused is form.query_one("#f-date")
        assert store.event(event.uid).date == "2026-05-20"
        await pilot.press("escape")  # changes: asks before dropping them
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and store.event(event.uid).date == "2026-05-20"

        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "No kind")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "choose the kind" in str(app.screen.query_one("#form-error").render())
        assert app.screen.focused is app.screen.query_one("#f-kind")
    store.close()


async def test_user_text_is_never_markup_and_store_errors_are_notifications(tmp_path):
    store = open_store(tmp_path)
    name = "[Sales] day [b]bold[/b] [@click=app.quit]x[/]"
    event = core.create_event(store, name, "meetup", "2026-05-20", notes="[red]not red[/red]")
    core.quick_add_contact(store, event.uid, "[Bea]", "Rossi")
    store.close()
    readonly = Store.open(tmp_path / "netui.json", readonly=True)
    app = events_app(readonly)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        listing = screen.query_one("#event-list", OptionList)
        assert any(name in str(o.prompt) for o in listing.options)
        assert name in str(screen.query_one("#event-head").render())
        assert "[red]not red[/red]" in str(screen.query_one("#event-meta").render())
        told = len(app._notifications)
        await pilot.press("enter", "space")  # read-only: a notification, no crash
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running
        assert not any(i.done for i in readonly.event(event.uid).checklist)
        assert readonly.event(event.uid).status == "planned"
        fresh = list(app._notifications)[told:]
        assert len(fresh) >= 2 and all("read-only" in n.message and n.severity != "information" for n in fresh)
    readonly.close()


async def test_upcoming_and_past_lists(tmp_path):
    store = open_store(tmp_path)
    core.create_event(store, "Past talk", "webinar", "2026-04-01")
    core.create_event(store, "Older talk", "webinar", "2026-03-01")
    core.create_event(store, "Next meetup", "meetup", "2026-06-01")
    core.create_event(store, "Sooner meetup", "meetup", "2026-05-10T18:00")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        ids = [o.id for o in screen.query_one("#event-list", OptionList).options]
        names = {e.uid: e.name for e in store.events()}
        shown = [names.get(i, i) for i in ids]
        assert shown == ["h-upcoming", "Sooner meetup", "Next meetup", "h-past", "Past talk", "Older talk"]
        assert names[screen.current_uid] == "Sooner meetup"  # the next event is shown first
    store.close()


async def test_command_palette_offers_the_events_actions(tmp_path):
    store = open_store(tmp_path)
    event = core.create_event(store, "Career day", "career_day", "2026-05-14")
    core.quick_add_contact(store, event.uid, "Bea", "Rossi", email="bea@example.org")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        titles = [title for title, _, _ in screen.palette_commands()]
        assert "Follow up everyone met" in titles and "Add a checklist item" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "follow up everyone")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, FollowUpForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and store.drafts() == []
    store.close()


async def test_unsaved_forms_are_kept_for_recovery_and_reopen(tmp_path):
    store = open_store(tmp_path)
    event = core.create_event(store, "Career day", "career_day", "2026-05-14")
    app = events_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm) and not form.is_dirty
        await type_text(pilot, "Half typed")
        assert form.is_dirty and form in app.forms  # quitting asks; SIGTERM keeps it
        entry = form.recovery_entry()
        assert entry["kind"] == "event" and entry["values"]["name"] == "Half typed"
        await pilot.press("p")  # typed into the name, not a key of the screen below
        assert form.values()["name"] == "Half typedp" and isinstance(app.screen, EventForm)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen and form not in app.forms

        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "Noé")
        person = app.screen.recovery_entry()
        assert person["kind"] == "event_person" and person["event_uid"] == event.uid
        await pilot.press("escape", "y")
        await pilot.pause()

        assert EventForm.reopen(app, entry)
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, EventForm) and reopened.values()["name"] == "Half typed"
        assert reopened.is_dirty
        await pilot.press("escape", "y")
        await pilot.pause()
        assert PersonForm.reopen(app, person)
        await pilot.pause()
        assert isinstance(app.screen, PersonForm) and app.screen.values()["first"] == "Noé"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [store.contact(u).first_name for u in store.event(event.uid).contact_uids] == ["Noé"]
        assert not PersonForm.reopen(app, {"kind": "event_person", "event_uid": "gone", "values": {}})
    store.close()


async def test_event_dates_read_in_italian_in_the_list_and_the_detail(tmp_path):
    store = open_store(tmp_path, lang="it")
    core.create_event(store, "Career day", "career_day", "2026-12-02T09:30")
    core.create_event(store, "Webinar", "webinar", "2026-12-12")
    async with events_app(store).run_test(size=SIZE) as pilot:
        screen = await to_events(pilot)
        listing = " ".join(str(option.prompt) for option in screen.query_one(OptionList).options)
        assert "2 dic 2026 09:30" in listing and "12 dic 2026" in listing and "2026-12" not in listing
        assert "dic 2026" in str(screen.query_one("#event-meta").render())
    store.close()
