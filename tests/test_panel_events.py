"""The overview panel shows upcoming events and the after-event steps still to do."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from netui.core.i18n import format_date
from netui.core.models import ChecklistItem, Contact, Event
from tests.conftest import TODAY
from tests.support.pilot import plain


async def test_panel_lists_upcoming_events_and_pending_after_steps(make_app):
    soon = Event(name="Energy career day", kind="career_day", date=(TODAY + timedelta(days=3)).isoformat())
    done = Event(name="Grid webinar", kind="webinar", date=(TODAY - timedelta(days=2)).isoformat(),
                 status="attended",
                 checklist=[ChecklistItem(text="Send follow-ups within two days", phase="after"),
                            ChecklistItem(text="Thank the organisers", phase="after", done=True)])
    app = make_app([Contact(first_name="Ada")], events=[soon, done])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        note = plain(app.screen.query_one("#panel-events", Static))
        assert "1 upcoming event → 3" in note
        assert f"next: {format_date(soon.date)} Energy career day" in note
        assert "1 after-event step to do" in note
        assert "Send follow-ups within two days (Grid webinar)" in note
        assert "Thank the organisers" not in note
