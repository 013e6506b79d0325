"""Forms of the events screen: an event, a checklist item, a person met, the follow-up batch."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from netui.core.i18n import _, ngettext
from netui.core.models import (
    CHECKLIST_PHASES,
    EVENT_KINDS,
    EVENT_STATUSES,
    ChecklistItem,
    Contact,
    Event,
)
from netui.events.service import KIND_LABELS, PHASE_LABELS, STATUS_LABELS, split_when
from netui.outreach.batch import Batch
from netui.tui.dialogs.event_dialogs import FormModal
from netui.tui.widgets.text_editor import TextEditor


class EventForm(FormModal[Event]):
    """Name, kind, date and optional time, place, URL, online, status, notes."""

    FIELD_IDS = {"name": "f-name", "kind": "f-kind", "date": "f-date", "time": "f-time",
                 "location": "f-location", "url": "f-url", "status": "f-status", "notes": "f-notes"}

    RECOVERY_KIND = "event"

    def __init__(self, title: str, save, event: Event | None = None, today: date | None = None,
                 restore: dict[str, Any] | None = None) -> None:
        super().__init__(title, save, context={"event_uid": event.uid if event else None}, restore=restore)
        self.event = event
        self.today = today  # None: the app's today

    def compose_fields(self) -> ComposeResult:
        event = self.event
        day, at = split_when(event.date) if event else ((self.today or self.netui.today).isoformat(), "")
        yield self.field(_("Name"), Input(event.name if event else "", placeholder=_("e.g. Engineering career day"),
                                       id="f-name", compact=True))
        yield self.field(_("Kind"), Select([(KIND_LABELS[k], k) for k in EVENT_KINDS], prompt=_("Choose a kind"),
                                        value=event.kind if event else Select.NULL, id="f-kind", compact=True))
        yield self.field(_("Date"), Input(day, placeholder=_("YYYY-MM-DD"), id="f-date", compact=True))
        yield self.field(_("Time (optional)"), Input(at, placeholder=_("HH:MM, empty for all day"), id="f-time",
                                                  compact=True))
        yield self.field(_("Place"), Input(event.location if event else "", placeholder=_("Address or venue"),
                                        id="f-location", compact=True))
        yield self.field("URL", Input(event.url if event else "", placeholder=_("Web page or meeting link"),
                                      id="f-url", compact=True))
        yield self.field("", Checkbox(_("Online"), event.online if event else False, id="f-online", compact=True))
        yield self.field(_("Status"), Select([(STATUS_LABELS[s], s) for s in EVENT_STATUSES], allow_blank=False,
                                          value=event.status if event else "planned", id="f-status",
                                          compact=True))
        yield self.field(_("Notes"), TextEditor(event.notes if event else "", id="f-notes", soft_wrap=True,
                                             tab_behavior="focus", compact=True))

    def values(self) -> dict[str, Any]:
        kind = self.query_one("#f-kind", Select).value
        return {
            "name": self.query_one("#f-name", Input).value,
            "kind": None if kind is Select.NULL else kind,
            "status": self.query_one("#f-status", Select).value,
            "day": self.query_one("#f-date", Input).value,
            "time": self.query_one("#f-time", Input).value,
            "location": self.query_one("#f-location", Input).value,
            "url": self.query_one("#f-url", Input).value,
            "online": self.query_one("#f-online", Checkbox).value,
            "notes": self.query_one("#f-notes", TextArea).text,
        }

    def set_values(self, values: dict[str, Any]) -> None:
        fields = {"name": "f-name", "day": "f-date", "time": "f-time", "location": "f-location", "url": "f-url"}
        for key, widget_id in fields.items():
            if isinstance(values.get(key), str):
                self.query_one(f"#{widget_id}", Input).value = values[key]
        if values.get("kind") in EVENT_KINDS:
            self.query_one("#f-kind", Select).value = values["kind"]
        if values.get("status") in EVENT_STATUSES:
            self.query_one("#f-status", Select).value = values["status"]
        self.query_one("#f-online", Checkbox).value = bool(values.get("online"))
        if isinstance(values.get("notes"), str):
            self.query_one("#f-notes", TextArea).text = values["notes"]


class ItemForm(FormModal[Event]):
    """The text and phase of a checklist item."""

    FIELD_IDS = {"checklist.text": "f-text", "checklist.phase": "f-phase"}
    SUBMIT_SAVES = True
    RECOVERY_KIND = "event_item"

    def __init__(self, title: str, save, item: ChecklistItem | None = None, phase: str = "before", *,
                 context: dict[str, Any] | None = None, restore: dict[str, Any] | None = None) -> None:
        super().__init__(title, save, context=context, restore=restore)
        self.item = item
        self.phase = item.phase if item else phase

    def compose_fields(self) -> ComposeResult:
        yield self.field(_("Item"), Input(self.item.text if self.item else "", placeholder=_("What to do"),
                                       id="f-text", compact=True))
        yield self.field(_("Phase"), Select([(PHASE_LABELS[p], p) for p in CHECKLIST_PHASES], allow_blank=False,
                                         value=self.phase, id="f-phase", compact=True))

    def values(self) -> dict[str, Any]:
        return {"text": self.query_one("#f-text", Input).value,
                "phase": self.query_one("#f-phase", Select).value}

    def set_values(self, values: dict[str, Any]) -> None:
        if isinstance(values.get("text"), str):
            self.query_one("#f-text", Input).value = values["text"]
        if values.get("phase") in CHECKLIST_PHASES:
            self.query_one("#f-phase", Select).value = values["phase"]


class PersonForm(FormModal[Contact]):
    """Quick-add someone met at the event: opens in First name."""

    RECOVERY_KIND = "event_person"

    FIELD_IDS = {"first_name": "f-first", "last_name": "f-last", "emails": "f-email", "email": "f-email",
                 "company": "f-company", "position": "f-position", "notes": "f-notes"}

    def compose_fields(self) -> ComposeResult:
        yield self.field(_("First name"), Input(id="f-first", compact=True))
        yield self.field(_("Last name"), Input(id="f-last", compact=True))
        yield self.field(_("Email"), Input(placeholder=_("name@example.org"), id="f-email", compact=True))
        yield self.field(_("Company"), Input(id="f-company", compact=True))
        yield self.field(_("Position"), Input(id="f-position", compact=True))
        yield self.field(_("Talked about"), Input(placeholder=_("a line to remember the conversation"), id="f-notes",
                                               compact=True))

    def values(self) -> dict[str, Any]:
        return {key: self.query_one(f"#f-{key}", Input).value
                for key in ("first", "last", "email", "company", "position", "notes")}


class FollowUpForm(FormModal[Batch]):
    """Follow up everyone met: who gets a draft, and the one day they are all sent."""

    FIELD_IDS = {"send_on": "f-send-on"}
    SUBMIT_SAVES = True

    def __init__(self, title: str, save, people: list[Contact], skipped: list[Contact], send_on: date,
                 lang: str) -> None:
        super().__init__(title, save)
        self.people = people
        self.skipped = skipped
        self.send_on = send_on
        self.lang = lang

    def compose_fields(self) -> ComposeResult:
        fresh = [p for p in self.people if p not in self.skipped]
        yield Static(ngettext("{count} follow-up draft (template event_follow_up, {lang}), one batch, all sent on the same day:",
                              "{count} follow-up drafts (template event_follow_up, {lang}), one batch, all sent on the "
                              "same day:", len(fresh)).format(count=len(fresh), lang=self.lang),
                     classes="form-note", markup=False)
        lines = [f"  • {c.name}" + (f" <{c.email}>" if c.email else "  " + _("(no email)")) for c in fresh]
        lines += [f"  • {c.name}: " + _("already has a follow-up for this event") for c in self.skipped]
        yield Static("\n".join(lines) or "  " + _("nobody"), id="f-people", markup=False)
        yield self.field(_("Send on"), Input(self.send_on.isoformat(), placeholder=_("YYYY-MM-DD"), id="f-send-on",
                                          compact=True))
        yield Static(_("enter or ctrl+s creates the drafts; edit and send them from Drafts (2)."), classes="form-note",
                     markup=False)

    def values(self) -> dict[str, Any]:
        return {"send_on": self.query_one("#f-send-on", Input).value}
