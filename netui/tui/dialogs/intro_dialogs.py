"""Introductions in the app: thanking who introduced you, logging a request and its outcome.

A contact who replies or meets you because someone introduced you owes that to
the introducer: the method says thank them too, so netui offers the draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, cast

from netui.core.i18n import N_, TranslatedTexts
from netui.core.models import Contact, Interaction
from netui.core.warmpaths import THANK_INTRODUCER_KINDS

if TYPE_CHECKING:
    from textual.app import App

    from netui.tui.app import NetuiApp


#: What the dialogs say, in one place.
TEXT = TranslatedTexts({
    "reply": N_("{name} replied. Draft a thank-you email now?"),
    "introducer": N_("{name} was introduced to you by {introducer}. Draft a thank-you to {introducer} too?"),
    "requested": N_("asked for an introduction at {company}"),
    "requested_person": N_("asked for an introduction to {person} at {company}"),
    "made": N_("introduced you to {name}"),
    "made_at": N_("introduced you to {name} ({company})"),
    "pick_title": N_("Who did {name} introduce you to?"),
})


def offer_thanks(app: "App[Any]", contact: Contact, kind: str) -> None:
    """After logging `kind` with `contact`: offer the thank-you drafts the method asks for,
    one question each (a reply: thank them; introduced by someone: thank the introducer too)."""
    from netui.tui.dialogs.confirm import ConfirmScreen
    from netui.tui.screens.compose import ComposeScreen

    questions: list[tuple[str, str]] = []
    if kind == "reply_received":
        questions.append((TEXT["reply"].format(name=contact.name), contact.uid))
    store = cast("NetuiApp", app).store
    introducer = store.contact(contact.introduced_by) if contact.introduced_by else None
    if introducer is not None and kind in THANK_INTRODUCER_KINDS:
        questions.append((TEXT["introducer"].format(name=contact.name, introducer=introducer.name),
                          introducer.uid))
    chosen: list[str] = []

    def ask(position: int) -> None:
        if position == len(questions):
            for uid in reversed(chosen):  # the first accepted ends on top
                app.push_screen(ComposeScreen(uid, template="thank_you"))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                chosen.append(questions[position][1])
            ask(position + 1)

        app.push_screen(ConfirmScreen(questions[position][0]), answered)

    ask(0)


def request_interaction(contact_uid: str, company: str, person: str, when: str) -> Interaction:
    """The `intro_requested` record: the company (and the person) in its summary."""
    summary = (TEXT["requested_person"].format(person=person, company=company) if person
               else TEXT["requested"].format(company=company))
    return Interaction(contact_uid=contact_uid, kind="intro_requested", date=when, summary=summary)


def made_interaction(introducer_uid: str, introduced: Contact, company: str, when: str) -> Interaction:
    """The `intro_made` record, logged on the introducer."""
    summary = (TEXT["made_at"].format(name=introduced.name, company=company) if company
               else TEXT["made"].format(name=introduced.name))
    return Interaction(contact_uid=introducer_uid, kind="intro_made", date=when, summary=summary)


def pick_introduced(app: "NetuiApp", introducer: Contact, done: Callable[[str | None], None]) -> None:
    """Ask which contact `introducer` introduced you to (the contact picker)."""
    from netui.tui.dialogs.event_dialogs import ContactPicker

    picker = ContactPicker(app.store.contacts(), {introducer.uid},
                           title=TEXT["pick_title"].format(name=introducer.name))
    app.push_screen(picker, done)
