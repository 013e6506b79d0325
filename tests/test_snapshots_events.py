"""A snapshot of the Events screen: fixed dates, fixed checklist, fixed data."""

from __future__ import annotations

from datetime import date

import pytest

from netui.core.models import Profile
from netui.events import service as core
from netui.storage.store import Store
from netui.tui.app import NetuiApp

CHECKLIST = """\
[before]
Get the list of companies attending and pick the ones to visit
Print ten copies of the CV
Prepare a thirty-second introduction and the first-meeting questions, long enough to wrap on the screen
[during]
Note names and what was said
[after]
Add the people met
Send the follow-ups within two days
Thank the organisers
"""


@pytest.fixture
def events_app(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    folder = tmp_path / "config" / "templates" / "en" / "checklists"
    folder.mkdir(parents=True)
    for kind in ("career_day", "meetup", "webinar"):
        (folder / f"{kind}.txt").write_text(CHECKLIST, encoding="utf-8")
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Example", email="ana@example.org", language="en"))
    event = core.create_event(store, "Engineering career day", "career_day", "2026-05-14T09:30",
                              location="Exhibition centre, Hall 3", notes="Bring the [printed] CVs.")
    core.create_event(store, "Data meetup", "meetup", "2026-06-02T18:30", location="Impact hub")
    core.create_event(store, "Cloud webinar", "webinar", "2026-04-20", url="https://example.org/webinar",
                      online=True, status="attended")
    for index in (0, 1, 3):
        core.toggle_item(store, event.uid, index)
    for first, last, company in (("Bea", "Rossi", "Acme"), ("Noé", "Dubois", "Globex"),
                                 ("Zoë", "Jensen", "Initech")):
        core.quick_add_contact(store, event.uid, first, last, email=f"{last.lower()}@example.org",
                               company=company, position="Recruiter")
    app = NetuiApp(store, today=date(2026, 5, 10))
    yield app
    store.close()


def test_events_screen_snapshot(snap_compare, events_app):
    async def run_before(pilot) -> None:
        pilot.app.sub_title = "netui.json"
        await pilot.pause()
        await pilot.app.switch_mode("events")
        await pilot.pause()
        await pilot.press("enter", "down")  # into the checklist, on its second item
        await pilot.pause()

    assert snap_compare(events_app, terminal_size=(120, 36), run_before=run_before)
