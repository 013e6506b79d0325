"""iCalendar export of events (RFC 5545), written with the icalendar library.

netui stores an event's time as the user typed it: a wall-clock time where
they live (`2026-05-14T09:30`), or a day (`2026-05-14`). In the file:

- an all-day event is a DATE (`DTSTART;VALUE=DATE:20260514`) ending the next
  day, so no calendar shifts it across midnight in another time zone;
- a timed event carries the local time zone by name with its VTIMEZONE
  (`DTSTART;TZID=Europe/Rome:20260514T093000`), so it stays at 09:30 where
  the user is and moves correctly for anyone elsewhere or after a DST change;
  when the system's zone has no IANA name, the time is converted to UTC with
  the system's offset for that day. A timed event lasts an hour by default
  (netui stores no end).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from netui.core.i18n import _
from netui.core.models import Event
from netui.events.service import KIND_LABELS, event_day, event_time

PRODID = "-//netui//netui events//EN"
TIMED_DURATION = timedelta(hours=1)
UID_DOMAIN = "netui"


def _zone(key: str) -> ZoneInfo | None:
    key = key.strip().lstrip(":")
    if "/zoneinfo/" in key:
        key = key.split("/zoneinfo/", 1)[1]
    if not key or key.startswith("/") or ".." in key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_timezone() -> ZoneInfo | None:
    """The system's time zone as an IANA zone (TZ, then /etc/localtime, /etc/timezone), or None.

    A TZ that is set but not an IANA name (a POSIX rule like `CET-1CEST`) gives
    None: the caller then converts to UTC with the system's offset, which
    follows TZ.
    """
    tz = os.environ.get("TZ")
    if tz is not None and tz.strip():
        return _zone(tz)
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if "/zoneinfo/" in target:
        found = _zone(target)
        if found is not None:
            return found
    try:
        return _zone(Path("/etc/timezone").read_text(encoding="utf-8").splitlines()[0])
    except (OSError, IndexError, UnicodeDecodeError):
        return None


def _start(event: Event, tz: tzinfo | None) -> date | datetime:
    at = event_time(event)
    day = event_day(event)
    if at is None:
        return day
    naive = datetime.combine(day, at)
    if tz is not None:
        return naive.replace(tzinfo=tz)
    return naive.astimezone().astimezone(timezone.utc)  # the system's offset on that day


def _location(event: Event) -> str:
    if event.location.strip():
        return event.location.strip()
    if event.online:
        return event.url.strip() or _("Online")
    return ""


def to_vevent(event: Event, tz: tzinfo | None, stamp: datetime) -> icalendar.Event:
    """One VEVENT: summary, start (DATE or zoned DATE-TIME), location, url, description."""
    start = _start(event, tz)
    end = start + (TIMED_DURATION if isinstance(start, datetime) else timedelta(days=1))
    vevent = icalendar.Event.new(
        uid=f"{event.uid}@{UID_DOMAIN}", summary=event.name, start=start, end=end, stamp=stamp,
        location=_location(event) or None, url=event.url.strip() or None,
        description=event.notes.strip() or None,
        categories=[KIND_LABELS.get(event.kind, event.kind)],
    )
    vevent.add("status", "CANCELLED" if event.status == "skipped" else "CONFIRMED")
    return vevent


def events_to_calendar(events: Iterable[Event], *, tz: tzinfo | None | str = "local",
                       stamp: datetime | None = None) -> icalendar.Calendar:
    """A VCALENDAR of the events. `tz`: "local" (the system's zone), a tzinfo, or None for UTC."""
    zone = local_timezone() if tz == "local" else tz
    assert not isinstance(zone, str)
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    calendar = icalendar.Calendar.new(prodid=PRODID, name=_("netui events"))
    days = []
    for event in events:
        calendar.add_component(to_vevent(event, zone, stamp))
        days.append(event_day(event))
    if days and zone is not None:
        calendar.add_missing_timezones(min(days) - timedelta(days=366), max(days) + timedelta(days=366))
    return calendar


def events_to_ics(events: Iterable[Event], *, tz: tzinfo | None | str = "local",
                  stamp: datetime | None = None) -> bytes:
    """The iCalendar file of the events, as bytes (UTF-8, CRLF line ends, folded at 75 octets)."""
    return events_to_calendar(events, tz=tz, stamp=stamp).to_ical()
