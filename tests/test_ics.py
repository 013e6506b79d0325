"""The iCalendar export parses with icalendar and keeps dates, times and time zones right."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from netui.core.models import Event
from netui.events import ics

ROME = ZoneInfo("Europe/Rome")
STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def parse(data: bytes) -> tuple[icalendar.Calendar, dict[str, icalendar.Event]]:
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def sample() -> list[Event]:
    return [
        Event(uid="a1", name="Career day [Ingegneria]; hall, 3", kind="career_day", date="2026-05-14T09:30",
              location="Fiera, Hall 3", notes="Bring CVs.\nAsk about internships."),
        Event(uid="b2", name="Cloud webinar", kind="webinar", date="2026-11-20", online=True,
              url="https://example.org/webinar?id=1&lang=en"),
        Event(uid="c3", name="Skipped meetup", kind="meetup", date="2026-03-01T18:00", status="skipped"),
    ]


def test_timed_event_in_a_named_zone_with_its_vtimezone():
    calendar, by_name = parse(ics.events_to_ics(sample(), tz=ROME, stamp=STAMP))
    career = by_name["Career day [Ingegneria]; hall, 3"]
    start = career.start
    assert start == datetime(2026, 5, 14, 9, 30, tzinfo=ROME)
    assert start.utcoffset() == timedelta(hours=2)  # summer time in Rome
    assert career["DTSTART"].params["TZID"] == "Europe/Rome"
    assert career.end - career.start == timedelta(hours=1)
    assert str(career["LOCATION"]) == "Fiera, Hall 3"
    assert str(career["DESCRIPTION"]) == "Bring CVs.\nAsk about internships."
    assert str(career["UID"]) == "a1@netui"
    assert career.DTSTAMP == STAMP
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Rome"]
    assert calendar.get_missing_tzids() == set()
    # the March event is in winter time: the VTIMEZONE covers both
    skipped = by_name["Skipped meetup"]
    assert skipped.start.utcoffset() == timedelta(hours=1)
    assert str(skipped["STATUS"]) == "CANCELLED" and str(career["STATUS"]) == "CONFIRMED"


def test_all_day_event_is_a_date():
    data = ics.events_to_ics(sample(), tz=ROME, stamp=STAMP)
    _, by_name = parse(data)
    webinar = by_name["Cloud webinar"]
    assert webinar.start == date(2026, 11, 20) and not isinstance(webinar.start, datetime)
    assert webinar.end == date(2026, 11, 21)
    assert b"DTSTART;VALUE=DATE:20261120" in data
    assert str(webinar["URL"]) == "https://example.org/webinar?id=1&lang=en"
    assert str(webinar["LOCATION"]) == "https://example.org/webinar?id=1&lang=en"  # online: where to go


def test_without_a_named_zone_times_become_utc(monkeypatch):
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # a POSIX rule, not an IANA name
    import time

    time.tzset()
    try:
        assert ics.local_timezone() is None
        data = ics.events_to_ics(sample(), stamp=STAMP)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    calendar, by_name = parse(data)
    start = by_name["Career day [Ingegneria]; hall, 3"].start
    assert start == datetime(2026, 5, 14, 7, 30, tzinfo=timezone.utc)  # 09:30 CEST
    assert b"DTSTART:20260514T073000Z" in data
    assert calendar.timezones == []


def test_local_zone_from_tz(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert ics.local_timezone() == ZoneInfo("America/New_York")
    _, by_name = parse(ics.events_to_ics(sample(), stamp=STAMP))
    start = by_name["Career day [Ingegneria]; hall, 3"].start
    assert start == datetime(2026, 5, 14, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setenv("TZ", ":Europe/Rome")
    assert ics.local_timezone() == ROME


def test_text_is_escaped_and_unicode_kept():
    event = Event(uid="u", name="Incontro «Zoë» 🎉, [Sales]; a\\b", kind="other", date="2026-05-14")
    data = ics.events_to_ics([event], tz=ROME, stamp=STAMP)
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    _, by_name = parse(data)
    assert list(by_name) == ["Incontro «Zoë» 🎉, [Sales]; a\\b"]


def test_empty_calendar_parses():
    calendar, by_name = parse(ics.events_to_ics([], stamp=STAMP))
    assert by_name == {} and str(calendar["VERSION"]) == "2.0"


@pytest.mark.parametrize("tz", [ROME, None])
def test_every_event_exported(tz):
    _, by_name = parse(ics.events_to_ics(sample(), tz=tz, stamp=STAMP))
    assert len(by_name) == 3


def test_cli_export_ics_imports_into_a_calendar(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env.update(NETUI_CONFIG_DIR=str(tmp_path / "config"), TZ="Europe/Rome")
    db = tmp_path / "netui.json"

    def netui(*args):
        return subprocess.run([sys.executable, "-m", "netui", "--db", str(db), *args], capture_output=True,
                              text=True, env=env, cwd=root, timeout=60)

    assert netui("event", "add", "Career day", "--kind", "career_day", "--date", "2026-05-14T09:30",
                 "--location", "Hall 3").returncode == 0
    assert netui("event", "add", "Webinar", "--kind", "webinar", "--date", "2026-05-20", "--online").returncode == 0
    out = tmp_path / "events.ics"
    result = netui("export", "ics", "-o", str(out))
    assert result.returncode == 0, result.stderr
    calendar, by_name = parse(out.read_bytes())
    assert by_name["Career day"].start == datetime(2026, 5, 14, 9, 30, tzinfo=ROME)
    assert by_name["Career day"]["DTSTART"].params["TZID"] == "Europe/Rome"
    assert by_name["Webinar"].start == date(2026, 5, 20)
    assert calendar.get_missing_tzids() == set()
