"""Events: the checklist before, during and after, the people met, their follow-ups.

The core the events screen, the CLI and the overview panel share; no Textual
here. Every change goes through the store (records are read-only: each
function stores a changed copy and returns the stored record). Several writes
that belong together (a quick-added person, their interaction and the link to
the event; a batch of follow-up drafts) are one transaction: all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from netui.core import vocabulary
from netui.core.errors import NetuiError
from netui.core.i18n import _, format_date, template_language
from netui.core.models import (
    CHECKLIST_PHASES,
    EVENT_STATUSES,
    ChecklistItem,
    Contact,
    Event,
    Interaction,
    ValidationError,
    check_date,
)
from netui.core.today import current_day
from netui.storage.store import Store

if TYPE_CHECKING:  # the overview's events note loads this module at start: batches only when used
    from netui.outreach.batch import Batch

KIND_LABELS = vocabulary.EVENT_KINDS
STATUS_LABELS = vocabulary.EVENT_STATUSES
PHASE_LABELS = vocabulary.CHECKLIST_PHASES
FOLLOW_UP_TEMPLATE = "event_follow_up"

_TIME_RE = re.compile(r"(\d{1,2})[:.](\d{2})")


# --- dates ----------------------------------------------------------------------

def event_day(event: Event) -> date:
    """The calendar day of an event (its date without the time)."""
    return date.fromisoformat(event.date[:10])


def event_time(event: Event) -> time | None:
    """The start time of a timed event; None for an all-day event."""
    if "T" not in event.date:
        return None
    return datetime.fromisoformat(event.date).time()


def join_when(day: str, at: str = "") -> str:
    """The stored date of an event from a day (YYYY-MM-DD) and an optional time (HH:MM).

    Raises ValidationError naming `date` or `time`.
    """
    day = (day or "").strip()
    if not day:
        raise ValidationError("date", _("a date is required (YYYY-MM-DD)"))
    checked = check_date("date", day)
    assert checked is not None
    at = (at or "").strip()
    if not at:
        return checked
    match = _TIME_RE.fullmatch(at)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError("time", _("not a time (HH:MM, 24-hour): {at}").format(at=repr(at)))
    return f"{checked}T{int(match.group(1)):02d}:{match.group(2)}"


def split_when(value: str) -> tuple[str, str]:
    """The day and the time (or "") of a stored event date, for a form."""
    day, _, at = value.partition("T")
    return day, at[:5]


def when_label(event: Event) -> str:
    """`14 May 2026 09:30` or `14 May 2026`: the day the language's way (forms keep ISO)."""
    day, at = split_when(event.date)
    return f"{format_date(day)} {at}" if at else format_date(day)


def place_label(event: Event) -> str:
    """Where: the place, the URL, "online", joined."""
    parts = [p for p in (event.location.strip(), event.url.strip()) if p]
    if event.online and not parts:
        parts.append(_("online"))
    elif event.online:
        parts.append(f"({_('online')})")
    return " ".join(parts)


def is_upcoming(event: Event, today: date) -> bool:
    return event_day(event) >= today


# --- creating and editing -----------------------------------------------------------

def generate_checklist(kind: str, lang: str) -> list[ChecklistItem]:
    """The checklist for a kind of event in a language (user overrides win)."""
    from netui.events.checklists import load_checklist

    return [item.copy(done=False) for item in load_checklist(kind, lang)]


def create_event(store: Store, name: str, kind: str, when: str, *, location: str = "", url: str = "",
                 online: bool = False, notes: str = "", status: str = "planned",
                 lang: str | None = None) -> Event:
    """Add an event with the checklist of its kind, in the profile's language.

    Everything is checked before anything is written (ValidationError names the field).
    """
    event = Event(name=name, kind=kind, date=when, location=location.strip(), url=url.strip(),
                  online=online, notes=notes, status=status).validate()
    event.checklist = generate_checklist(event.kind, lang or template_language(store.profile().language))
    return store.add_event(event)


def _require(store: Store, event_uid: str) -> Event:
    event = store.event(event_uid)
    if event is None:
        raise NetuiError(_("no event with uid {event_uid}").format(event_uid=event_uid))
    return event


def update_event(store: Store, event_uid: str, **changes: object) -> Event:
    """Change an event's details (name, kind, date, location, url, online, notes, status).

    Changing the kind keeps the checklist the user has been working on.
    """
    allowed = {"name", "kind", "date", "location", "url", "online", "notes", "status"}
    unknown = set(changes) - allowed
    if unknown:
        # a caller's mistake, like an unexpected keyword argument (never the user's)
        raise TypeError(f"not an event detail: {', '.join(sorted(unknown))}")
    event = _require(store, event_uid).copy(**changes)
    return store.update_event(event.validate())


def set_status(store: Store, event_uid: str, status: str) -> Event:
    """Mark an event planned, attended or skipped; attended logs the people met."""
    event = update_event(store, event_uid, status=status)
    if status == "attended":
        log_people_met(store, event)
    return event


def next_status(status: str) -> str:
    """planned -> attended -> skipped -> planned."""
    index = EVENT_STATUSES.index(status) if status in EVENT_STATUSES else -1
    return EVENT_STATUSES[(index + 1) % len(EVENT_STATUSES)]


def delete_event(store: Store, event_uid: str) -> None:
    """Delete an event; the people met stay in the network."""
    _require(store, event_uid)
    store.delete_event(event_uid)


# --- the checklist --------------------------------------------------------------------

def _item_index(event: Event, index: int) -> int:
    if not 0 <= index < len(event.checklist):
        raise NetuiError(_("the checklist of {name} has no item {value}").format(name=repr(event.name), value=index + 1))
    return index


def _with_checklist(store: Store, event: Event, items: list[ChecklistItem]) -> Event:
    return store.update_event(event.copy(checklist=items))


def toggle_item(store: Store, event_uid: str, index: int) -> Event:
    """Tick or untick item `index` (its position in `event.checklist`)."""
    event = _require(store, event_uid)
    index = _item_index(event, index)
    items = [i.copy() for i in event.checklist]
    items[index].done = not items[index].done
    return _with_checklist(store, event, items)


def _insert_in_phase(items: list[ChecklistItem], item: ChecklistItem) -> list[ChecklistItem]:
    """Insert `item` after the last item of its phase (or of an earlier phase)."""
    rank = CHECKLIST_PHASES.index
    position = 0
    for n, existing in enumerate(items):
        if existing.phase in CHECKLIST_PHASES and rank(existing.phase) <= rank(item.phase):
            position = n + 1
    return [*items[:position], item, *items[position:]]


def add_item(store: Store, event_uid: str, text: str, phase: str) -> Event:
    """Add an item at the end of its phase."""
    event = _require(store, event_uid)
    item = ChecklistItem(text=text, phase=phase).validate()
    return _with_checklist(store, event, _insert_in_phase([i.copy() for i in event.checklist], item))


def edit_item(store: Store, event_uid: str, index: int, text: str, phase: str | None = None) -> Event:
    """Change an item's text, and its phase (it then moves to the end of the new phase)."""
    event = _require(store, event_uid)
    index = _item_index(event, index)
    old = event.checklist[index]
    changed = ChecklistItem(text=text, phase=phase or old.phase, done=old.done).validate()
    items = [i.copy() for i in event.checklist]
    if changed.phase == old.phase:
        items[index] = changed
    else:
        del items[index]
        items = _insert_in_phase(items, changed)
    return _with_checklist(store, event, items)


def remove_item(store: Store, event_uid: str, index: int) -> Event:
    event = _require(store, event_uid)
    index = _item_index(event, index)
    items = [i.copy() for n, i in enumerate(event.checklist) if n != index]
    return _with_checklist(store, event, items)


class PhaseProgress(NamedTuple):
    phase: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def progress(event: Event) -> dict[str, PhaseProgress]:
    """Done and total items of each phase (before, during, after)."""
    counts = {p: [0, 0] for p in CHECKLIST_PHASES}
    for item in event.checklist:
        if item.phase in counts:
            counts[item.phase][1] += 1
            counts[item.phase][0] += bool(item.done)
    return {p: PhaseProgress(p, d, t) for p, (d, t) in counts.items()}


# --- people met ----------------------------------------------------------------------------

def people_met(store: Store, event: Event) -> list[Contact]:
    """The contacts linked to an event, in the order they were added (deleted ones skipped)."""
    found = (store.contact(uid) for uid in event.contact_uids)
    return [c for c in found if c is not None]


def has_happened(event: Event, today: date | None = None) -> bool:
    """An event is met once its day has come, or once it is marked attended."""
    return event.status == "attended" or event_day(event) <= (today or current_day())


def _log_met(store: Store, event: Event, contact_uid: str) -> None:
    """`event_met` on the event's day, once it has happened (an attended event dated later:
    today). Linking someone to an event still to come logs nothing yet: `log_people_met`
    does it when the event is marked attended."""
    today = current_day()
    if not has_happened(event, today) or event.status == "skipped":
        return
    day = min(event_day(event), today).isoformat()
    if any(i.kind == "event_met" and i.date == day for i in store.interactions(contact_uid)):
        return
    store.add_interaction(Interaction(contact_uid=contact_uid, kind="event_met", date=day,
                                      summary=_("Met at {event}").format(event=event.name)))


def log_people_met(store: Store, event: Event) -> None:
    """The `event_met` of everyone linked to an event that has now happened (one save)."""
    if not has_happened(event) or event.status == "skipped":
        return
    with store.transaction():
        for contact_uid in event.contact_uids:
            if store.contact(contact_uid) is not None:
                _log_met(store, event, contact_uid)


def link_contact(store: Store, event_uid: str, contact_uid: str) -> Event:
    """Add an existing contact to the people met, with an `event_met` interaction on the event's day.

    Linking someone already linked changes nothing.
    """
    event = _require(store, event_uid)
    if store.contact(contact_uid) is None:
        raise NetuiError(_("no contact with uid {contact_uid}").format(contact_uid=contact_uid))
    if contact_uid in event.contact_uids:
        return event
    with store.transaction():
        _log_met(store, event, contact_uid)
        event = store.update_event(event.copy(contact_uids=[*event.contact_uids, contact_uid]))
    return event


def unlink_contact(store: Store, event_uid: str, contact_uid: str) -> Event:
    """Take a contact off the people met; the contact and their history stay."""
    event = _require(store, event_uid)
    if contact_uid not in event.contact_uids:
        return event
    return store.update_event(event.copy(contact_uids=[u for u in event.contact_uids if u != contact_uid]))


def quick_add_contact(store: Store, event_uid: str, first_name: str, last_name: str = "", *,
                      email: str = "", company: str = "", position: str = "", notes: str = "") -> Contact:
    """A new contact met at the event: source `event`, an `event_met` interaction, linked.

    All three writes are one save. An email that already belongs to someone is
    refused (link that contact instead), and nothing is written.
    """
    event = _require(store, event_uid)
    email = email.strip()
    contact = Contact(first_name=first_name, last_name=last_name, emails=[email] if email else [],
                      company=company.strip(), position=position.strip(), notes=notes,
                      source="event", connected_on=min(event_day(event), current_day()).isoformat()).validate()
    if email:
        existing = store.contact_by_email(email)
        if existing is not None:
            raise NetuiError(_("{email} already belongs to {name}: link that contact instead").format(email=email, name=existing.name))
    with store.transaction():
        stored = store.add_contact(contact)
        _log_met(store, event, stored.uid)
        store.update_event(event.copy(contact_uids=[*event.contact_uids, stored.uid]))
    return stored


# --- follow-ups ----------------------------------------------------------------------------

def default_send_on(event: Event, today: date) -> date:
    """The day after the event (follow up within two days), never before today."""
    return max(today, event_day(event) + timedelta(days=1))


def follow_up_everyone(store: Store, event_uid: str, send_on: str | date, *, lang: str | None = None,
                       template: str = FOLLOW_UP_TEMPLATE) -> Batch:
    """One `event_follow_up` draft per person met, as one batch with one send day.

    The drafts are a same-day batch like `batch.create_batch` makes (same
    `Batch` result), and also carry the event (`event_uid`, and the event in
    the template).

    Everyone is rendered before anything is written: a template or profile
    problem (DraftingError) leaves the data untouched. People who already have
    a follow-up draft for this event are skipped, so pressing it twice does not
    duplicate anything.
    """
    from netui.outreach.batch import create_batch

    event = _require(store, event_uid)
    people = people_met(store, event)
    if not people:
        raise NetuiError(_("nobody is linked to {name} yet: add the people met first").format(name=repr(event.name)))
    already = {d.contact_uid for d in store.drafts()
               if d.event_uid == event.uid and d.template == template}
    return create_batch(store, [c.uid for c in people], send_on, template=template, lang=lang,
                        event=event, skip_uids=already)


# --- for the overview panel and the CLI -------------------------------------------------------

def upcoming(store: Store, today: date) -> list[Event]:
    """Events from today on that are not skipped, soonest first."""
    return [e for e in store.events() if e.status != "skipped" and event_day(e) >= today]


def past(store: Store, today: date) -> list[Event]:
    """Events before today, most recent first."""
    return sorted((e for e in store.events() if event_day(e) < today), key=lambda e: e.date, reverse=True)


@dataclass(frozen=True, slots=True)
class PendingItem:
    """An unfinished "after" item of an event that has happened."""

    event: Event
    index: int  # the item's position in event.checklist (for toggle_item)
    item: ChecklistItem


def pending_after_items(store: Store, today: date) -> list[PendingItem]:
    """Unticked "after" items of events that have happened (today or before, or attended), not skipped.

    Oldest event first: the follow-ups most overdue come first.
    """
    found: list[PendingItem] = []
    for event in store.events():
        if event.status == "skipped":
            continue
        if event_day(event) > today and event.status != "attended":
            continue
        for index, item in enumerate(event.checklist):
            if item.phase == "after" and not item.done:
                found.append(PendingItem(event, index, item))
    return found
