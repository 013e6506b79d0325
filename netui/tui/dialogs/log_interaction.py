"""Log (or edit) one interaction with a contact: kind, date, summary.

Logging outreach resets the contact's follow-up clock: the next follow-up is
due one cadence after the latest outreach (see `netui.followups`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from netui.core import vocabulary
from netui.core.errors import ValidationError
from netui.core.followups import OUTREACH_KINDS
from netui.core.i18n import N_, TranslatedTexts, _
from netui.core.models import INTERACTION_KINDS, Interaction
from netui.tui.editing import EditingModal, values_dict
from netui.tui.keys import _l

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

KIND_HELP = TranslatedTexts({
    "email_sent": N_("you wrote to them"),
    "reply_received": N_("they answered: thank them (the 'to thank' list)"),
    "thanked": N_("you thanked them for a reply"),
    "meeting": N_("a meeting, in person or a video call"),
    "call": N_("a phone call"),
    "message": N_("a chat or private message"),
    "linkedin_comment": N_("you commented on their post"),
    "event_met": N_("you met at an event"),
    "note": N_("a note for yourself (does not reset the follow-up clock)"),
    "intro_requested": N_("you asked them to introduce you to someone (name the company)"),
    "intro_made": N_("they introduced you to someone (set 'introduced by' on that contact)"),
})


class LogInteractionScreen(EditingModal[bool]):
    """A small form in a modal; dismisses with True when something was saved."""

    RECOVERY_KIND = "interaction"

    BINDINGS = [
        Binding("ctrl+s", "save", _l("Save"), priority=True),
        Binding("escape", "cancel", _l("Cancel")),
        Binding("tab", "app.focus_next", _l("Next field"), show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", _l("Previous field"), show=False, priority=True),
    ]


    #: A terminal under 32 rows (80x24 is common) gets the compact layout, so the
    #: buttons stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, contact_uid: str, interaction_uid: str | None = None, *,
                 restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.contact_uid = contact_uid
        self.interaction_uid = interaction_uid
        self.restore = restore
        self._initial: dict[str, str] = {}

    @property
    def existing(self) -> Interaction | None:
        if self.interaction_uid is None:
            return None
        return self.store.interactions_table.get(self.interaction_uid)

    @property
    def form_title(self) -> str:
        contact = self.store.contact(self.contact_uid)
        return _("interaction with {name}").format(name=contact.name if contact else _("a contact"))

    def compose(self) -> ComposeResult:
        item = self.existing
        contact = self.store.contact(self.contact_uid)
        name = contact.name if contact else "?"
        kind = item.kind if item else "email_sent"
        when = item.date if item else self.netui.today.isoformat()
        readonly = self.store.readonly
        with Vertical(classes="dialog"):
            title = _("Edit the interaction with {name}") if item else _("Log an interaction with {name}")
            yield Static(title.format(name=name), id="log-title", markup=False)
            yield Label(_("Kind"), classes="log-label")
            yield Select(vocabulary.INTERACTION_KINDS.choices(INTERACTION_KINDS), value=kind, allow_blank=False,
                         id="input-kind", disabled=readonly, compact=True)
            yield Static(KIND_HELP.get(kind, ""), id="kind-help")
            yield Static("", id="error-kind", classes="field-error", markup=False)
            yield Label(_("Date"), classes="log-label")
            yield Input(when, placeholder=_("YYYY-MM-DD"), id="input-date", disabled=readonly, compact=True)
            yield Static("", id="error-date", classes="field-error", markup=False)
            yield Label(_("Summary"), classes="log-label")
            yield TextArea(item.summary if item else "", id="input-summary", read_only=readonly,
                           tab_behavior="focus", compact=True)
            yield Static("", id="error-summary", classes="field-error", markup=False)
            with Horizontal():
                yield Button(_("Cancel (esc)"), id="cancel")
                yield Button(_("Save (ctrl+s)"), id="save", variant="primary", disabled=readonly)

    def on_mount(self) -> None:
        self._initial = self.form_values()
        if self.restore and values_dict(self.restore):
            values = values_dict(self.restore)
            if values.get("kind") in INTERACTION_KINDS:
                self.query_one("#input-kind", Select).value = values["kind"]
            self.query_one("#input-date", Input).value = str(values.get("date", ""))
            self.query_one("#input-summary", TextArea).text = str(values.get("summary", ""))
        self.query_one("#input-kind", Select).focus()

    def form_values(self) -> dict[str, str]:
        kind = self.query_one("#input-kind", Select).value
        return {
            "kind": "" if kind is Select.NULL else str(kind),
            "date": self.query_one("#input-date", Input).value.strip(),
            "summary": self.query_one("#input-summary", TextArea).text,
        }

    @property
    def is_dirty(self) -> bool:
        try:
            return self.form_values() != self._initial
        except Exception:  # noqa: BLE001 - not composed yet
            return False

    def recovery_values(self) -> dict[str, Any]:
        return dict(self.form_values())

    def recovery_context(self) -> dict[str, Any]:
        return {"contact_uid": self.contact_uid, "uid": self.interaction_uid}

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """The form again, over the screen below, while its contact still exists."""
        contact_uid = entry.get("contact_uid")
        if not isinstance(contact_uid, str) or app.store.contact(contact_uid) is None:
            return False
        uid = entry.get("uid")
        app.push_screen(cls(contact_uid, uid if isinstance(uid, str) else None, restore=entry))
        return True

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "input-kind" and event.value is not Select.NULL:
            self.query_one("#kind-help", Static).update(KIND_HELP.get(str(event.value), ""))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.run_worker(self.action_save(), exclusive=True, group="log-save")
        else:
            self.action_cancel()

    def _show_error(self, exc: ValidationError) -> None:
        target = exc.field if exc.field in ("kind", "date", "summary") else "summary"
        error = self.query_one(f"#error-{target}", Static)
        error.update(exc.message if target == exc.field else f"{exc.field}: {exc.message}")
        error.display = True
        self.query_one(f"#input-{target}").focus()

    async def action_save(self) -> None:
        from netui.core.errors import CommitFailed

        if self.netui.refuse_if_readonly():
            return
        for error in self.query(".field-error"):
            error.display = False
        values = self.form_values()
        item = self.existing
        if item is not None:
            record = item.copy(kind=values["kind"], date=values["date"], summary=values["summary"].strip())
        else:
            record = Interaction(contact_uid=self.contact_uid, kind=values["kind"], date=values["date"],
                                 summary=values["summary"].strip())
        try:
            record.validate()
        except ValidationError as exc:
            self._show_error(exc)
            return
        store = self.store
        change = (lambda: store.update_interaction(record)) if item is not None else (
            lambda: store.add_interaction(record))
        try:
            await self.netui.commit(change, uids={self.contact_uid})
        except ValidationError as exc:
            self._show_error(exc)
            return
        except CommitFailed:
            return
        self._initial = values
        contact = store.contact(self.contact_uid)
        what = vocabulary.INTERACTION_KINDS.label(values["kind"])
        note = " " + _("The follow-up clock starts again.") if values["kind"] in OUTREACH_KINDS else ""
        self.notify(_("Logged {what} with {name}.{note}").format(
            what=what, name=contact.name if contact else _("the contact"), note=note), markup=False)
        self.dismiss(True)
        if item is None and contact is not None:
            from netui.tui.dialogs.intro_dialogs import offer_thanks

            offer_thanks(self.app, contact, values["kind"])

    def action_cancel(self) -> None:
        def drop() -> None:
            self._initial = self.form_values()
            self.dismiss(False)

        self.confirm_drop(drop, _("Drop this interaction?"))

