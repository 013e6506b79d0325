"""`netui export ics --reminders`: follow-ups due, batches' send days, open after-event steps.

Through the installed command on a known history; the file is read back with
the icalendar library, as a calendar would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
from conftest import write_data_file

from netui.core.models import ChecklistItem, Contact, Draft, Event, Interaction, Profile

NETUI = Path(sys.executable).parent / "netui"
TODAY = "2026-12-02"


def netui(db: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env["NETUI_TODAY"] = today
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, env=env, timeout=120)


def after(text: str, done: bool = False) -> ChecklistItem:
    return ChecklistItem(text=text, phase="after", done=done)


def history(db: Path) -> Path:
    contacts = [
        Contact(uid="new-key", first_name="Ada", last_name="Nuova", tier="key", emails=["ada@example.org"]),
        Contact(uid="key", first_name="Bruno", last_name="Chiave", tier="key"),
        Contact(uid="net", first_name="Carla", last_name="Rete"),
        Contact(uid="later", first_name="Dario", last_name="Dopo"),
        Contact(uid="never", first_name="Elena", last_name="Mai"),
        Contact(uid="b1", first_name="Fabio", last_name="Uno"),
        Contact(uid="b2", first_name="Gina", last_name="Due"),
    ]
    log = [
        Interaction(contact_uid="key", kind="call", date="2026-11-20"),      # due 2026-12-20
        Interaction(contact_uid="net", kind="meeting", date="2026-10-01"),   # due 2026-12-30
        Interaction(contact_uid="later", kind="meeting", date="2026-11-30"),  # due 2027-02-28: beyond 8 weeks
    ]
    drafts = [
        Draft(uid="d1", contact_uid="b1", batch_uid="soon", send_on="2026-12-05"),
        Draft(uid="d2", contact_uid="b2", batch_uid="soon", send_on="2026-12-05"),
        Draft(uid="d3", contact_uid="b1", batch_uid="late", send_on="2026-11-28"),
        Draft(uid="d4", contact_uid="b2", batch_uid="late", send_on="2026-11-28", status="sent"),
        Draft(uid="d5", contact_uid="b1", batch_uid="done", send_on="2026-11-01", status="sent"),
        Draft(uid="d6", contact_uid="b2", send_on="2026-12-03"),  # not in a batch
    ]
    events = [
        Event(uid="fair", name="Career day", kind="career_day", date="2026-11-20", status="attended",
              checklist=[ChecklistItem(text="Print CVs", phase="before"), after("Send thank-you emails"),
                         after("Connect on LinkedIn"), after("Write notes", done=True)]),
        Event(uid="skip", name="Skipped webinar", kind="webinar", date="2026-11-10", status="skipped",
              checklist=[after("Watch the recording")]),
        Event(uid="future", name="Meetup", kind="meetup", date="2026-12-20",
              checklist=[after("Follow up")]),
    ]
    me = Profile(first_name="Giulia", cadence_key_days=30, cadence_network_days=90)
    return write_data_file(db, contacts, log, events, drafts, profile=me)


def export(db: Path, *args: str, today: str = TODAY) -> list[icalendar.Event]:
    result = netui(db, "export", "ics", "--reminders", *args, today=today)
    assert result.returncode == 0, result.stderr.decode()
    calendar = icalendar.Calendar.from_ical(result.stdout)
    return list(calendar.walk("VEVENT"))


def by_summary(entries: list[icalendar.Event]) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in entries}


def test_every_due_follow_up_batch_and_open_step_is_an_all_day_entry_with_an_alarm(db_path):
    history(db_path)
    entries = export(db_path)
    found = by_summary(entries)
    days = {summary: e.decoded("DTSTART") for summary, e in found.items()}
    assert days == {
        "Follow up with Ada Nuova": date(2026, 12, 2),       # a key contact never contacted: due now
        "Follow up with Bruno Chiave": date(2026, 12, 20),
        "Follow up with Carla Rete": date(2026, 12, 30),
        "Send the batch: 2 emails": date(2026, 12, 5),
        "Send the batch: 1 email": date(2026, 12, 2),        # its day has passed: today
        "Send thank-you emails (Career day)": date(2026, 12, 2),
        "Connect on LinkedIn (Career day)": date(2026, 12, 2),
    }
    assert len(entries) == 7
    for entry in entries:
        assert type(entry.decoded("DTSTART")) is date  # all-day
        assert entry.decoded("DTEND") - entry.decoded("DTSTART") == date(2026, 1, 2) - date(2026, 1, 1)
        assert str(entry["UID"]).endswith("@netui")
        assert str(entry["TRANSP"]) == "TRANSPARENT"
        [alarm] = entry.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == str(entry["SUMMARY"])
        assert alarm.decoded("TRIGGER").total_seconds() == 9 * 3600
    assert len({str(e["UID"]) for e in entries}) == 7
    assert "Email: ada@example.org" in str(found["Follow up with Ada Nuova"]["DESCRIPTION"])
    assert "To: Fabio Uno, Gina Due" in str(found["Send the batch: 2 emails"]["DESCRIPTION"])


def test_exporting_again_gives_the_same_uids_even_a_day_later(db_path):
    history(db_path)
    first = {str(e["SUMMARY"]): str(e["UID"]) for e in export(db_path)}
    again = {str(e["SUMMARY"]): str(e["UID"]) for e in export(db_path)}
    tomorrow = {str(e["SUMMARY"]): str(e["UID"]) for e in export(db_path, today="2026-12-03")}
    assert first == again == tomorrow
    assert first["Follow up with Bruno Chiave"] == "netui-follow-up-key@netui"
    assert first["Send the batch: 2 emails"] == "netui-batch-soon@netui"
    calendar = icalendar.Calendar.from_ical(netui(db_path, "export", "ics", "--reminders").stdout)
    assert str(calendar["UID"]) == "netui-reminders@netui"  # the calendar itself is not new each time


def test_weeks_widens_the_window_and_output_goes_to_a_file(db_path, tmp_path):
    history(db_path)
    assert "Follow up with Dario Dopo" not in by_summary(export(db_path))
    target = tmp_path / "reminders.ics"
    result = netui(db_path, "export", "ics", "--reminders", "--weeks", "13", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == f"wrote {target}\n"
    entries = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert "Follow up with Dario Dopo" in by_summary(entries) and len(entries) == 8
    short = export(db_path, "--weeks", "1")
    assert set(by_summary(short)) == {"Connect on LinkedIn (Career day)", "Follow up with Ada Nuova",
                                      "Send the batch: 1 email", "Send the batch: 2 emails",
                                      "Send thank-you emails (Career day)"}


def test_the_events_export_is_unchanged_without_reminders(db_path):
    history(db_path)
    result = netui(db_path, "export", "ics")
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == ["Career day", "Meetup",
                                                                        "Skipped webinar"]


def test_reminder_options_out_of_place_are_refused(db_path):
    history(db_path)
    for args, message in ((("export", "vcard", "--reminders"), "go with 'export ics'"),
                          (("export", "ics", "--weeks", "3"), "--weeks goes with --reminders"),
                          (("export", "ics", "--reminders", "--weeks", "0"), "--weeks")):
        result = netui(db_path, *args)
        assert result.returncode == 2
        stderr = result.stderr.decode()
        assert message in stderr and stderr.count("\n") == 1, stderr


def test_a_step_keeps_its_uid_when_the_checklist_is_reordered(db_path):
    history(db_path)
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in export(db_path)}
    from netui.storage.store import Store

    with Store.open(db_path) as store:
        fair = store.event("fair")
        assert fair is not None
        store.update_event(fair.copy(checklist=list(reversed(fair.checklist))))
    after_ = {str(e["SUMMARY"]): str(e["UID"]) for e in export(db_path)}
    assert before == after_


async def test_the_app_exports_the_same_reminders_from_the_palette(make_app, db_path, tmp_path):
    from textual.widgets import Input

    from netui.tui.dialogs.draft_dialogs import PathPrompt

    history(db_path)
    app = make_app(today=date.fromisoformat(TODAY))
    target = tmp_path / "mine.ics"
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "Export reminders":
            await pilot.press("space" if char == " " else char)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        assert prompt.query_one(Input).value.endswith("netui-reminders.ics")
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, PathPrompt)
        assert any(f"7 reminders written to {target}" in str(n.message) for n in app._notifications)
    from_app = {str(e["UID"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert from_app == {str(e["UID"]) for e in export(db_path)}


def test_a_crowded_day_is_one_entry_naming_everyone(db_path):
    """Ten follow-ups on a day stay ten entries; eleven become one, key contacts named first."""
    def network(count: int, day: str) -> tuple[list[Contact], list[Interaction]]:
        people = [Contact(uid=f"p{day}{i}", first_name=f"P{i:02d}", last_name=day,
                          tier="key" if i == count - 1 else "network", keep_in_touch_days=90) for i in range(count)]
        met = [Interaction(contact_uid=p.uid, kind="meeting", date=day) for p in people]
        return people, met

    ten, ten_met = network(10, "2026-10-01")  # all due 2026-12-30
    eleven, eleven_met = network(11, "2026-10-05")  # all due 2027-01-03
    write_data_file(db_path, ten + eleven, ten_met + eleven_met, profile=Profile(first_name="G"))
    entries = by_summary(export(db_path))
    assert len(entries) == 11
    singles = [e for s, e in entries.items() if s.startswith("Follow up with P")]
    assert len(singles) == 10 and {e.decoded("DTSTART") for e in singles} == {date(2026, 12, 30)}
    crowded = entries["Follow up with 11 contacts"]
    assert crowded.decoded("DTSTART") == date(2027, 1, 3)
    assert str(crowded["UID"]) == "netui-follow-ups-2027-01-03@netui"
    assert str(crowded["DESCRIPTION"]).startswith("P10 2026-10-05, P00 2026-10-05, P01 2026-10-05,")
    assert "P09 2026-10-05." in str(crowded["DESCRIPTION"])
