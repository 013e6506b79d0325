"""The day at a glance (`netui today`).

The summary is what a job seeker checks each morning, from a shell login or a
cron mail: who is due for a follow-up, who is owed a thank-you, the events of
the coming week, the same-day batches to send, the week's posts against the
target and the check-up (the overview panel's figures, from core.habits). It is
built here from records the caller has read (this layer does not open the
store), and turned into a few short lines or into the documented JSON of
`netui today --json`. The day itself comes from `netui.core.today.current_day`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from netui.core.followups import follow_ups
from netui.core.habits import Habits, habits
from netui.core.i18n import N_, _, format_date
from netui.core.models import Checkup, Contact, Event, Interaction, Post, Profile
from netui.core.posts import summary_line

WEEK_DAYS = 7
#: Names shown per line of the text summary before "and N more".
SHOWN = 5


def search_over_line(profile: Profile) -> str | None:
    """"The search is over: ..." once a job is recorded (`netui landed`), else None."""
    if not profile.landed_on:
        return None
    position, company = profile.landed_position.strip(), profile.landed_company.strip()
    job = (_("{position} at {company}").format(position=position, company=company) if position and company
           else position or company)
    return _("The search is over: {job} ({day})").format(job=job or _("job found"), day=format_date(profile.landed_on))


@dataclass(frozen=True, slots=True)
class DueLine:
    uid: str
    name: str
    email: str
    tier: str
    next_due: date


@dataclass(frozen=True, slots=True)
class ThankLine:
    uid: str
    name: str
    email: str
    replied_on: date


@dataclass(frozen=True, slots=True)
class EventLine:
    uid: str
    name: str
    when: str  # as stored: YYYY-MM-DD or YYYY-MM-DDTHH:MM
    kind: str
    location: str


@dataclass(frozen=True, slots=True)
class BatchLine:
    """A same-day batch with drafts still to send."""

    batch_uid: str
    send_on: str
    total: int
    sent: int


@dataclass(frozen=True, slots=True)
class DailySummary:
    day: date
    due: tuple[DueLine, ...]
    to_thank: tuple[ThankLine, ...]
    events: tuple[EventLine, ...]
    batches: tuple[BatchLine, ...]
    landed: Profile | None = None
    #: The week's posts and the check-up (the overview panel's figures): shown last,
    #: and under "more" in the JSON.
    habits: Habits | None = None

    @property
    def empty(self) -> bool:
        """Nothing to do: no section to show, the post target met, no check-up due."""
        pending = self.habits is not None and (self.habits.posts.behind or self.habits.checkup_is_due)
        return not (self.due or self.to_thank or self.events or self.batches or pending)


def build_summary(day: date, contacts: Iterable[Contact], interactions: Iterable[Interaction],
                  profile: Profile, events: Iterable[Event], batches: Iterable[BatchLine],
                  posts: Iterable[Post] = (), checkup: Checkup | None = None) -> DailySummary:
    """The summary for `day`: due follow-ups (most overdue first), replies to thank,
    events of the next seven days, batches with drafts unsent whose day is within the week,
    this week's posts against the target and the check-up (`checkup` None: never started)."""
    contacts = list(contacts)
    interactions = list(interactions)
    states = follow_ups(contacts, interactions, profile, day)
    overdue = sorted(((c, states[c.uid]) for c in contacts if states[c.uid].due),  # as due_contacts orders them
                     key=lambda pair: (pair[1].next_due or day, pair[0].name.casefold()))
    due = tuple(DueLine(c.uid, c.name, c.email, c.tier, state.next_due or day) for c, state in overdue)
    thank = sorted(((c, states[c.uid].last_reply) for c in contacts if states[c.uid].to_thank),
                   key=lambda pair: (pair[1] or day, pair[0].name.casefold()))
    to_thank = tuple(ThankLine(c.uid, c.name, c.email, replied or day) for c, replied in thank)
    first, last = day.isoformat(), (day + timedelta(days=WEEK_DAYS - 1)).isoformat()
    week = tuple(EventLine(e.uid, e.name, e.date, e.kind, e.location.strip())
                 for e in sorted(events, key=lambda e: e.date)
                 if e.status != "skipped" and first <= e.date[:10] <= last)
    planned = tuple(sorted((b for b in batches if b.sent < b.total and b.send_on and b.send_on <= last),
                           key=lambda b: (b.send_on, b.batch_uid)))
    return DailySummary(day, due, to_thank, week, planned, profile if profile.landed_on else None,
                        habits(posts, profile.posts_per_week, checkup, day))


#: Day names for the summary's first line (the C locale's %A, in the current language).
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    if len(items) > SHOWN:
        shown += _(", and {count} more").format(count=len(items) - SHOWN)
    return shown


def _when(value: str) -> str:
    """An event's stored date as read: "2 Dec 2026 18:30" or "2 Dec 2026"."""
    day, _t, at = value.partition("T")
    return f"{format_date(day)} {at[:5]}" if at else format_date(day)


def habit_lines(state: Habits | None) -> list[str]:
    """The post target (when there is one) and the check-up when due within the week."""
    if state is None:
        return []
    lines = [summary_line(state.posts)] if state.posts.target > 0 else []
    late = -state.checkup_days_left
    if late > 0:
        lines.append(_("Reputation check-up due since {day}: netui checkup").format(
            day=format_date(state.checkup_due)))
    elif late == 0:
        lines.append(_("Reputation check-up due now: netui checkup"))
    elif state.checkup_days_left < WEEK_DAYS:
        lines.append(_("Reputation check-up due on {day}").format(day=format_date(state.checkup_due)))
    return lines


def summary_lines(summary: DailySummary) -> list[str]:
    """A few short lines for a terminal or a cron mail (a line per section, names capped)."""
    day = summary.day
    lines = [f"netui · {_(WEEKDAYS[day.weekday()])} {format_date(day)}"]
    if summary.due:
        lines.append(_("Due for a follow-up ({count}): ").format(count=len(summary.due)) + _names(
            [d.name + (_(" (since {day})").format(day=format_date(d.next_due)) if d.next_due < day else "")
             for d in summary.due]))
    if summary.to_thank:
        lines.append(_("To thank ({count}): ").format(count=len(summary.to_thank)) + _names(
            [_("{name} (replied {day})").format(name=t.name, day=format_date(t.replied_on))
             for t in summary.to_thank]))
    if summary.events:
        lines.append(_("Events this week ({count}): ").format(count=len(summary.events)) + _names(
            [f"{_when(e.when)} {e.name}" for e in summary.events]))
    if summary.batches:
        lines.append(_("Batches to send ({count}): ").format(count=len(summary.batches)) + _names(
            [_("{day} ({sent} of {total} sent)").format(
                day=_("today") if b.send_on == day.isoformat() else format_date(b.send_on), sent=b.sent, total=b.total)
             for b in summary.batches]))
    lines.extend(habit_lines(summary.habits))
    if summary.empty:
        lines.append(_("Nothing due: a good day to meet someone new."))
    if summary.landed is not None:
        lines.append(search_over_line(summary.landed) or "")
    return lines


def summary_json(summary: DailySummary) -> dict[str, Any]:
    """The `netui today --json` document (its keys are documented in README.md)."""
    landed = summary.landed
    return {
        "date": summary.day.isoformat(),
        "due": [{"uid": d.uid, "name": d.name, "email": d.email, "tier": d.tier,
                 "next_due": d.next_due.isoformat()} for d in summary.due],
        "to_thank": [{"uid": t.uid, "name": t.name, "email": t.email, "replied_on": t.replied_on.isoformat()}
                     for t in summary.to_thank],
        "events": [{"uid": e.uid, "name": e.name, "date": e.when, "kind": e.kind, "location": e.location}
                   for e in summary.events],
        "batches": [{"batch_uid": b.batch_uid, "send_on": b.send_on, "total": b.total, "sent": b.sent}
                    for b in summary.batches],
        "landed": None if landed is None else {"company": landed.landed_company,
                                               "position": landed.landed_position, "date": landed.landed_on},
        "more": summary.habits.to_json() if summary.habits is not None else {},
    }

