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

from netui.core.models import Contact, Interaction, Profile
from netui.core.today import current_day

OUTREACH_KINDS = frozenset({
    "email_sent", "meeting", "call", "message", "linkedin_comment", "event_met", "thanked",
    "intro_requested",
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
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def follow_up(contact: Contact, interactions: Iterable[Interaction], profile: Profile,
              today: date | None = None) -> FollowUp:
    """The follow-up state of one contact given its interactions (any order).

    ISO dates compare as strings, so only the three latest dates are parsed
    (this runs for every contact when the overview opens).
    """
    today = today or current_day()
    last_contact = last_reply = last_thanks = ""
    for item in interactions:
        when = item.date[:10] if isinstance(item.date, str) else ""
        kind = item.kind
        if kind in OUTREACH_KINDS and when > last_contact:
            last_contact = when
        if kind == "reply_received" and when > last_reply:
            last_reply = when
        if kind in THANKS_KINDS and when > last_thanks:
            last_thanks = when
    contacted, replied = _as_date(last_contact), _as_date(last_reply)
    cadence = cadence_for(contact, profile)
    if contacted is not None:
        next_due: date | None = contacted + timedelta(days=cadence)
    elif contact.tier == "key" or contact.keep_in_touch_days:
        next_due = today
    else:
        next_due = None
    due = next_due is not None and next_due <= today
    to_thank = replied is not None and last_thanks < last_reply
    return FollowUp(contacted, next_due, cadence, due, to_thank, replied)


def follow_ups(contacts: Iterable[Contact], interactions: Iterable[Interaction], profile: Profile,
               today: date | None = None) -> dict[str, FollowUp]:
    """Follow-up state of every contact, in one pass over the interactions."""
    by_contact: dict[str, list[Interaction]] = {}
    for item in interactions:
        by_contact.setdefault(item.contact_uid, []).append(item)
    today = today or current_day()
    return {c.uid: follow_up(c, by_contact.get(c.uid, ()), profile, today) for c in contacts}


def due_contacts(contacts: Iterable[Contact], interactions: Iterable[Interaction], profile: Profile,
                 today: date | None = None) -> list[tuple[Contact, FollowUp]]:
    """Contacts due for a follow-up, most overdue first."""
    contacts = list(contacts)
    states = follow_ups(contacts, interactions, profile, today)
    due = [(c, states[c.uid]) for c in contacts if states[c.uid].due]
    due.sort(key=lambda pair: (pair[1].next_due or date.min, pair[0].name.casefold()))
    return due
