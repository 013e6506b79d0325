"""Keep-in-touch rules: last contact, next due, and who is owed a thank-you.

last contact = the latest outreach interaction; next due = last contact +
cadence (the contact's own, else the profile's default for its tier). A key
contact never contacted is due now. A reply with no later thanks or email is
"to thank". The CLI (`contacts --due`) and the overview use these same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from .models import Contact, Interaction, Profile

OUTREACH_KINDS = frozenset({
    "email_sent", "meeting", "call", "message", "linkedin_comment", "event_met", "thanked",
})
THANKS_KINDS = frozenset({"thanked", "email_sent"})


@dataclass(slots=True, frozen=True)
class FollowUp:
    """Where one contact stands."""

    last_contact: date | None
    next_due: date | None
    cadence_days: int | None
    due: bool
    to_thank: bool
    last_reply: date | None = None


def cadence_for(contact: Contact, profile: Profile) -> int:
    if contact.keep_in_touch_days:
        return contact.keep_in_touch_days
    return profile.cadence_key_days if contact.tier == "key" else profile.cadence_network_days


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def follow_up(contact: Contact, interactions: Iterable[Interaction], profile: Profile,
              today: date | None = None) -> FollowUp:
    """The follow-up state of one contact given its interactions (any order)."""
    today = today or date.today()
    last_contact: date | None = None
    last_reply: date | None = None
    last_thanks: date | None = None
    for item in interactions:
        when = _as_date(item.date)
        if when is None:
            continue
        if item.kind in OUTREACH_KINDS and (last_contact is None or when > last_contact):
            last_contact = when
        if item.kind == "reply_received" and (last_reply is None or when > last_reply):
            last_reply = when
        if item.kind in THANKS_KINDS and (last_thanks is None or when > last_thanks):
            last_thanks = when
    cadence = cadence_for(contact, profile)
    if last_contact is not None:
        next_due: date | None = last_contact + timedelta(days=cadence)
    elif contact.tier == "key" or contact.keep_in_touch_days:
        next_due = today
    else:
        next_due = None
    due = next_due is not None and next_due <= today
    to_thank = last_reply is not None and (last_thanks is None or last_thanks < last_reply)
    return FollowUp(last_contact, next_due, cadence, due, to_thank, last_reply)


def follow_ups(contacts: Iterable[Contact], interactions: Iterable[Interaction], profile: Profile,
               today: date | None = None) -> dict[str, FollowUp]:
    """Follow-up state of every contact, in one pass over the interactions."""
    by_contact: dict[str, list[Interaction]] = {}
    for item in interactions:
        by_contact.setdefault(item.contact_uid, []).append(item)
    today = today or date.today()
    return {c.uid: follow_up(c, by_contact.get(c.uid, ()), profile, today) for c in contacts}


def due_contacts(contacts: Iterable[Contact], interactions: Iterable[Interaction], profile: Profile,
                 today: date | None = None) -> list[tuple[Contact, FollowUp]]:
    """Contacts due for a follow-up, most overdue first."""
    contacts = list(contacts)
    states = follow_ups(contacts, interactions, profile, today)
    due = [(c, states[c.uid]) for c in contacts if states[c.uid].due]
    due.sort(key=lambda pair: (pair[1].next_due or date.min, pair[0].name.casefold()))
    return due
