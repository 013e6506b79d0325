"""Reminders that reach you outside netui: an iCalendar file for your own calendar.

A job seeker lives in a calendar and a phone, and netui's reminders only show
while it is open. `netui export ics --reminders` writes the follow-ups due in
the next weeks, each same-day batch's send day and the open "after" steps of
past events, one entry each.

Each entry is an all-day VEVENT with a DISPLAY VALARM at 09:00 on its day,
marked free (TRANSP:TRANSPARENT) so it never blocks time: VEVENT is what every
calendar imports (Google Calendar ignores VTODO), and an all-day DATE does not
move across time zones. Each UID is derived from what the entry is about (the
contact, the batch, the event and its step) and its kind, never random and
never from the date, so importing a newer file updates the entry (Apple
Calendar, Thunderbird) instead of adding a second one. Something overdue is
put on today. A day with more follow-ups than MAX_FOLLOW_UPS_PER_DAY gets one
entry naming them, whose UID is that day's. Titles and descriptions are in the
language netui speaks when the file is written, their days as `format_date` gives them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

import icalendar

from netui.core.errors import NetuiError
from netui.core.followups import FollowUp, follow_ups
from netui.core.i18n import N_, _, format_date, ngettext
from netui.core.models import Contact
from netui.events.ics import PRODID, UID_DOMAIN
from netui.events.service import event_day, pending_after_items
from netui.outreach.batch import all_progress, batch_drafts
from netui.storage.store import Store

DEFAULT_WEEKS = 8
#: When the alarm goes off: this long after the start of the (all-day) entry's day.
ALARM_AFTER_MIDNIGHT = timedelta(hours=9)
CALENDAR_NAME = N_("netui reminders")  # translated when the file is written
#: More follow-ups than this on one day are one entry for that day.
MAX_FOLLOW_UPS_PER_DAY = 10
GROUP_NAMES_SHOWN = 30


@dataclass(frozen=True, slots=True)
class Reminder:
    """One calendar entry."""

    uid: str
    kind: str  # "follow_up", "batch" or "event_step"
    day: date
    summary: str
    description: str


def _uid(kind: str, *parts: str) -> str:
    return f"netui-{kind}-{'-'.join(parts)}@{UID_DOMAIN}"


def _step_key(text: str, seen: dict[str, int]) -> str:
    """A step's part of the UID: its text's digest (reordering the checklist keeps it),
    and a count for a text repeated in the same event."""
    digest = hashlib.sha1(text.strip().casefold().encode("utf-8")).hexdigest()[:12]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def follow_up_reminders(store: Store, today: date, until: date) -> list[Reminder]:
    """A reminder per contact due for a follow-up by `until` (overdue ones on today).

    More than MAX_FOLLOW_UPS_PER_DAY on one day become one entry for that day
    naming them (key contacts first): a calendar with hundreds of alarms at
    09:00 helps nobody, and the calendar file stays quick to write.
    """
    contacts = store.contacts()
    states = follow_ups(contacts, store.all_interactions(), store.profile(), today)
    by_day: dict[date, list[tuple[Contact, FollowUp]]] = {}
    for contact in contacts:
        state = states[contact.uid]
        if state.next_due is not None and state.next_due <= until:
            by_day.setdefault(max(today, state.next_due), []).append((contact, state))
    found = []
    for day, due in by_day.items():
        if len(due) > MAX_FOLLOW_UPS_PER_DAY:
            found.append(_grouped_follow_ups(day, due))
            continue
        for contact, state in due:
            found.append(Reminder(_uid("follow-up", contact.uid), "follow_up", day,
                                  _("Follow up with {name}").format(name=contact.name),
                                  _follow_up_text(contact, state)))
    return found


def _follow_up_text(contact: Contact, state: FollowUp) -> str:
    values = {"last": format_date(state.last_contact), "count": state.cadence_days,
              "due": format_date(state.next_due)}
    key, days = contact.tier == "key", state.cadence_days or 0
    if state.last_contact and key:
        first = ngettext("Key contact: last contact {last}, every {count} day (due {due}).",
                         "Key contact: last contact {last}, every {count} days (due {due}).", days)
    elif state.last_contact:
        first = ngettext("Contact: last contact {last}, every {count} day (due {due}).",
                         "Contact: last contact {last}, every {count} days (due {due}).", days)
    elif key:
        first = ngettext("Key contact: never contacted, every {count} day (due {due}).",
                         "Key contact: never contacted, every {count} days (due {due}).", days)
    else:
        first = ngettext("Contact: never contacted, every {count} day (due {due}).",
                         "Contact: never contacted, every {count} days (due {due}).", days)
    lines = [first.format(**values)]
    if contact.email:
        lines.append(_("Email: {email}").format(email=contact.email))
    if contact.position and contact.company:
        lines.append(_("{position} at {company}").format(position=contact.position, company=contact.company))
    elif contact.position or contact.company:
        lines.append(contact.position or contact.company)
    return "\n".join(lines)


def _grouped_follow_ups(day: date, due: list[tuple[Contact, FollowUp]]) -> Reminder:
    people = sorted((c for c, _ in due), key=lambda c: (c.tier != "key", c.name.casefold()))
    names = ", ".join(c.name for c in people[:GROUP_NAMES_SHOWN])
    more = len(people) - GROUP_NAMES_SHOWN
    if more > 0:
        names = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=names, count=more)
    count = len(people)
    return Reminder(_uid("follow-ups", day.isoformat()), "follow_up", day,
                    ngettext("Follow up with {count} contact", "Follow up with {count} contacts",
                             count).format(count=count),
                    _("{names}.\n'netui today' or the app (key d: due now) lists them all.").format(names=names))


def batch_reminders(store: Store, today: date, until: date) -> list[Reminder]:
    """A reminder per same-day batch with drafts still unsent, on its send day."""
    found = []
    for prog in all_progress(store):
        unsent = [d for d in batch_drafts(store, prog.batch_uid) if d.status != "sent" and d.send_on]
        if not unsent:
            continue
        day = max(today, date.fromisoformat(min(d.send_on or "" for d in unsent)))
        if day > until:
            continue
        names = []
        for draft in unsent:
            contact = store.contact(draft.contact_uid)
            names.append(contact.name if contact else draft.contact_uid)
        description = (_("Send them all the same day, so that nobody feels second ({progress}).").format(
            progress=prog.label) + "\n" + _("To: {names}").format(names=", ".join(names)))
        summary = ngettext("Send the batch: {count} email", "Send the batch: {count} emails",
                           len(unsent)).format(count=len(unsent))
        found.append(Reminder(_uid("batch", prog.batch_uid), "batch", day, summary, description))
    return found


def event_step_reminders(store: Store, today: date, until: date) -> list[Reminder]:
    """A reminder per unticked "after" step of an event that has happened."""
    found = []
    seen: dict[str, dict[str, int]] = {}
    for pending in pending_after_items(store, today):
        event, item = pending.event, pending.item
        day = max(today, event_day(event) + timedelta(days=1))
        key = _step_key(item.text, seen.setdefault(event.uid, {}))
        if day > until:
            continue
        found.append(Reminder(_uid("event-step", event.uid, key), "event_step", day,
                              f"{item.text} ({event.name})",
                              _("After {event} ({day}): {step}").format(
                                  event=event.name, day=format_date(event.date[:10]), step=item.text)))
    return found


def collect_reminders(store: Store, today: date, weeks: int = DEFAULT_WEEKS) -> list[Reminder]:
    """Every reminder of the next `weeks` weeks, by day."""
    if weeks < 1:
        raise NetuiError(_("weeks must be at least 1"))
    until = today + timedelta(weeks=weeks)
    found = [*follow_up_reminders(store, today, until), *batch_reminders(store, today, until),
             *event_step_reminders(store, today, until)]
    return sorted(found, key=lambda r: (r.day, r.kind, r.summary.casefold(), r.uid))


def to_vevent(reminder: Reminder, stamp: datetime) -> icalendar.Event:
    """An all-day, free VEVENT with a DISPLAY alarm at 09:00 on its day."""
    vevent = icalendar.Event.new(uid=reminder.uid, summary=reminder.summary, start=reminder.day,
                                 end=reminder.day + timedelta(days=1), stamp=stamp,
                                 description=reminder.description or None, categories=["netui"])
    vevent.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.summary)
    alarm.add("trigger", ALARM_AFTER_MIDNIGHT)
    vevent.add_component(alarm)
    return vevent


def reminders_to_ics(reminders: Iterable[Reminder], *, stamp: datetime | None = None) -> bytes:
    """The iCalendar file of the reminders (UTF-8, CRLF line ends, folded at 75 octets)."""
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    calendar = icalendar.Calendar.new(prodid=PRODID, name=_(CALENDAR_NAME), uid=f"netui-reminders@{UID_DOMAIN}")
    for reminder in reminders:
        calendar.add_component(to_vevent(reminder, stamp))
    return calendar.to_ical()
