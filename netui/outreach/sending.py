"""Marking a draft as sent: the one function the compose and drafts screens (and any
command) use, and the sentence that tells the user what it did.

A sent draft logs an `email_sent` interaction, which resets the contact's
follow-up clock. Core module: no Textual.
"""

from __future__ import annotations

from datetime import date

from netui.core.errors import NetuiError, NotFoundError
from netui.core.i18n import _
from netui.core.models import Draft, Interaction
from netui.core.today import current_day
from netui.outreach import channels
from netui.outreach.batch import progress
from netui.storage.store import Store


def sent_day(draft: Draft, today: date | None = None) -> str:
    """The day a send is logged: the draft's day, unless that is still in the future."""
    today_s = (today or current_day()).isoformat()
    if draft.send_on and draft.send_on <= today_s:
        return draft.send_on
    return today_s


def mark_sent(store: Store, draft_uid: str, today: date | None = None) -> Interaction:
    """Set the draft's status to sent and log an `email_sent` interaction on its day
    (a LinkedIn draft: a `message` with `channel: linkedin`, which cadences count too).

    One transaction: both or neither. A draft already sent is refused (nothing
    is logged twice).
    """
    draft = store.draft(draft_uid)
    if draft is None:
        raise NotFoundError(_("no draft with uid {draft_uid}").format(draft_uid=draft_uid))
    if draft.status == "sent":
        raise NetuiError(_("this draft is already marked as sent"))
    day = sent_day(draft, today)
    channel = channels.of_template(draft.template, draft.lang)
    summary = channels.sent_summary(channel, draft.subject, draft.body, draft.template)
    kind, extra = ("message", {"channel": channels.LINKEDIN}) if channel.is_linkedin else ("email_sent", {})
    with store.transaction():
        interaction = store.add_interaction(Interaction(contact_uid=draft.contact_uid, kind=kind, date=day,
                                                        summary=summary, draft_uid=draft.uid, extra=extra))
        store.update_draft(draft.copy(status="sent", send_on=draft.send_on or day))
    return interaction


def sent_message(store: Store, draft: Draft, interaction: Interaction) -> str:
    """What to tell the user after `mark_sent`: who, the day logged, the batch's progress."""
    contact = store.contact(draft.contact_uid)
    name = contact.name if contact else _("the contact")
    if draft.batch_uid:
        return _("Sent to {name}: logged on {day}. Batch: {progress}.").format(
            name=name, day=interaction.date, progress=progress(store, draft.batch_uid).label)
    return _("Sent to {name}: logged on {day}.").format(name=name, day=interaction.date)
