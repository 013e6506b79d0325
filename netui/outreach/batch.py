"""The same-day batch: personalised drafts for key contacts, all sent on one day.

The method: prepare the personal emails in advance and send them all on the
same day, so that nobody feels second. A batch is the drafts sharing a
`batch_uid`; this module creates one (everything rendered before anything is
written), reports its progress ("4 of 9 sent"), warns when it is split over
several days or when its day is ending with drafts unsent. Marking a draft
as sent is netui.outreach.sending.
Core module: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

from netui.core.errors import NetuiError, NotFoundError, ValidationError
from netui.core.i18n import _, format_date, ngettext, template_language
from netui.core.models import Contact, Draft, Event, check_date, new_uid
from netui.core.today import current_day, now_on
from netui.outreach.lint import Warning, check_similar
from netui.storage.store import Store

PERSONAL_TEMPLATE = "personal"
END_OF_DAY_HOUR = 17  # from this hour on, unsent drafts due today get a warning
STATUS_ORDER = {"draft": 0, "ready": 1, "copied": 2, "sent": 3}


def ordered_drafts(store: Store) -> list[Draft]:
    """Every draft as the Drafts screen and `netui drafts` list them: unsent first
    (draft, ready, copied, then sent), each by send day, then by the contact's name."""
    from netui.core.names import sort_key

    def name(draft: Draft) -> str:
        contact = store.contact(draft.contact_uid)
        return sort_key(contact.name) if contact else ""

    return sorted(store.drafts(), key=lambda d: (STATUS_ORDER.get(d.status, 9), d.send_on or "9999", name(d), d.uid))


@dataclass(slots=True)
class Batch:
    """What `create_batch` made: one draft per contact, one batch, one day."""

    batch_uid: str
    send_on: str
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Contact] = field(default_factory=list)  # already had an unsent draft in a batch


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a batch stands."""

    batch_uid: str
    total: int
    sent: int
    copied: int
    days: tuple[str, ...]  # the distinct send days (one, unless the batch is split)

    @property
    def label(self) -> str:
        """`4 of 9 sent`, in the current language."""
        return ngettext("{sent} of {total} sent", "{sent} of {total} sent", self.total).format(
            sent=self.sent, total=self.total)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.sent == self.total


def _day(value: str | date | None) -> str:
    if isinstance(value, date):
        return value.isoformat()
    checked = check_date("send_on", value)
    if not checked:
        raise ValidationError("send_on", _("a send day is required (YYYY-MM-DD)"))
    return checked


def create_batch(store: Store, contact_uids: Iterable[str], send_on: str | date, *,
                 template: str = PERSONAL_TEMPLATE, lang: str | None = None,
                 variables: dict[str, Any] | None = None,
                 per_contact: dict[str, dict[str, Any]] | None = None,
                 skip_pending: bool = True, event: Event | None = None,
                 skip_uids: set[str] | None = None) -> Batch:
    """One personalised draft per contact, all with the same `send_on`.

    Every draft is rendered before anything is written: a missing profile field
    or a template error (DraftingError) leaves the data untouched. Contacts who
    already have an unsent draft in another batch are skipped (with
    `skip_pending`), so creating the same batch twice does not duplicate it;
    `skip_uids` replaces that rule. With an `event`, the drafts carry it (the
    template sees `event`, each draft its `event_uid`).
    """
    from netui.outreach.drafting import render

    day = _day(send_on)
    uids = list(dict.fromkeys(contact_uids))
    if not uids:
        raise NetuiError(_("choose at least one contact for the batch"))
    contacts = []
    for uid in uids:
        contact = store.contact(uid)
        if contact is None:
            raise NotFoundError(_("no contact with uid {uid}").format(uid=uid))
        contacts.append(contact)
    profile = store.profile()
    lang = lang or template_language(profile.language)
    if skip_uids is not None:
        pending_uids = skip_uids
    else:
        pending_uids = {d.contact_uid for d in store.drafts()
                        if d.batch_uid and d.status != "sent"} if skip_pending else set()
    batch = Batch(batch_uid=new_uid(), send_on=day)
    pending: list[Draft] = []
    for contact in contacts:
        if contact.uid in pending_uids:
            batch.skipped.append(contact)
            continue
        extra = dict(variables or {})
        extra.update((per_contact or {}).get(contact.uid, {}))
        email = render(template, lang, profile, contact, event, extra)
        pending.append(Draft(contact_uid=contact.uid, template=template, lang=lang, subject=email.subject,
                             body=email.body, status="draft", send_on=day, batch_uid=batch.batch_uid,
                             event_uid=event.uid if event is not None else None,
                             variables={k: str(v) for k, v in extra.items()}))
    if pending:
        with store.transaction():
            batch.drafts = [store.add_draft(d) for d in pending]
    return batch


def batch_drafts(store: Store, batch_uid: str) -> list[Draft]:
    """The drafts of one batch, in a stable order (by contact name)."""
    drafts = [d for d in store.drafts() if d.batch_uid == batch_uid]
    from netui.core.names import sort_key

    def name(d: Draft) -> str:
        contact = store.contact(d.contact_uid)
        return sort_key(contact.name) if contact else ""

    return sorted(drafts, key=lambda d: (name(d), d.created_at, d.uid))


def progress(store: Store, batch_uid: str) -> Progress:
    drafts = batch_drafts(store, batch_uid)
    return _progress(batch_uid, drafts)


def _progress(batch_uid: str, drafts: list[Draft]) -> Progress:
    days = tuple(sorted({d.send_on for d in drafts if d.send_on}))
    return Progress(batch_uid=batch_uid, total=len(drafts),
                    sent=sum(d.status == "sent" for d in drafts),
                    copied=sum(d.status == "copied" for d in drafts), days=days)


def all_progress(store: Store) -> list[Progress]:
    """Every batch, the soonest send day first."""
    groups: dict[str, list[Draft]] = {}
    for draft in store.drafts():
        if draft.batch_uid:
            groups.setdefault(draft.batch_uid, []).append(draft)
    found = [_progress(uid, drafts) for uid, drafts in groups.items()]
    return sorted(found, key=lambda p: (p.days[0] if p.days else "9999", p.batch_uid))


def next_unsent(store: Store, batch_uid: str, after: str | None = None) -> Draft | None:
    """The next unsent draft of the batch after `after` (wrapping round), or None."""
    drafts = batch_drafts(store, batch_uid)
    if not drafts:
        return None
    start = 0
    for index, draft in enumerate(drafts):
        if draft.uid == after:
            start = index + 1
            break
    for offset in range(len(drafts)):
        draft = drafts[(start + offset) % len(drafts)]
        if draft.status != "sent" and draft.uid != after:
            return draft
    return None


def split_warning(days: Iterable[str | None]) -> Warning | None:
    """A batch over several days: someone would feel second."""
    distinct = sorted({d for d in days if d})
    if len(distinct) < 2:
        return None
    return Warning("batch_split", ngettext(
        "this batch would be sent over {count} day ({days}): send them all on the same day, "
        "so that nobody feels second",
        "this batch would be sent over {count} days ({days}): send them all on the same day, "
        "so that nobody feels second", len(distinct)).format(count=len(distinct), days=", ".join(format_date(d) for d in distinct)))


def check_send_on(store: Store, draft: Draft, send_on: str | None) -> list[Warning]:
    """Would giving `draft` this send day split its batch?"""
    if not draft.batch_uid:
        return []
    days = [d.send_on for d in batch_drafts(store, draft.batch_uid) if d.uid != draft.uid]
    found = split_warning([*days, send_on])
    return [found] if found else []


def set_send_on(store: Store, batch_uid: str, send_on: str | date) -> list[Draft]:
    """Move every unsent draft of the batch to one day (keeps the batch together)."""
    day = _day(send_on)
    changed = []
    with store.transaction():
        for draft in batch_drafts(store, batch_uid):
            if draft.status != "sent" and draft.send_on != day:
                changed.append(store.update_draft(draft.copy(send_on=day)))
    return changed


def end_of_day_warnings(store: Store, now: datetime | None = None) -> list[Warning]:
    """Batches whose day is ending (or has passed) with drafts still unsent."""
    now = now or now_on(current_day())
    today = now.date().isoformat()
    found = []
    for prog in all_progress(store):
        unsent = [d for d in batch_drafts(store, prog.batch_uid) if d.status != "sent"]
        if not unsent:
            continue
        split = split_warning(prog.days)
        if split:
            found.append(split)
        overdue = [d for d in unsent if d.send_on and d.send_on < today]
        due_today = [d for d in unsent if d.send_on == today]
        if overdue:
            found.append(Warning("batch_overdue", ngettext(
                "{count} draft of the batch for {day} is still unsent: send it now, or mark it sent",
                "{count} drafts of the batch for {day} are still unsent: send them now, or mark them sent",
                len(overdue)).format(count=len(overdue), day=format_date(overdue[0].send_on))))
        if due_today and now.hour >= END_OF_DAY_HOUR:
            found.append(Warning("batch_end_of_day", ngettext(
                "the day is ending and {count} draft of today's batch is still unsent ({progress})",
                "the day is ending and {count} drafts of today's batch are still unsent ({progress})",
                len(due_today)).format(count=len(due_today), progress=prog.label)))
    return found


def similar_in_batch(store: Store, batch_uid: str, overrides: dict[str, str] | None = None,
                     only: str | None = None) -> list[Warning]:
    """Personalised drafts of the batch that read nearly the same (say how similar).

    `overrides` gives a body being edited (draft uid -> text); `only` keeps the
    warnings that name that draft's contact.
    """
    overrides = overrides or {}
    labelled = []
    focus = None
    for draft in batch_drafts(store, batch_uid):
        contact = store.contact(draft.contact_uid)
        label = contact.name if contact else draft.contact_uid
        if draft.uid == only:
            focus = label
        labelled.append((label, overrides.get(draft.uid, draft.body)))
    found = check_similar(labelled)
    if only is not None and focus is not None:
        found = [w for w in found if focus in w.message]
    return found
