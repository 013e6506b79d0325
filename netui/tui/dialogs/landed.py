""""I found a job" from the app: the job, who will be thanked and why, then one save.

The same core as `netui landed` (netui/outreach/landed.py). While the search
goes on, the dialog asks for the company, the position, the day and the
search's start, and lists who helped (recomputed when the start changes);
ctrl+s records the job, prepares the thank-you-and-news batch and moves the
cadences. Once a job is recorded, it shows it and offers the undo.
Dismissed with a message for a notification, or None when nothing changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import N_, _, ngettext
from netui.core.models import check_date
from netui.outreach import landed as landing
from netui.tui.editing import EditingModal, values_dict
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

FIELDS = (
    ("company", N_("Company"), N_("where the job is")),
    ("position", N_("Position"), N_("the job's title")),
    ("date", N_("Found on"), N_("YYYY-MM-DD")),
    ("since", N_("Search since"), N_("YYYY-MM-DD (default: your first logged interaction)")),
)


class LandedScreen(EditingModal[str | None]):
    """Record the job found (or undo it).

    An editing screen: quitting asks before dropping what was typed, and a stop
    signal keeps it for the next start, which opens the dialog again with it.
    """

    RECOVERY_KIND = "landed"
    BINDINGS = [
        Binding("ctrl+s", "save", _l("Record the job"), priority=True),
        Binding("escape", "cancel", _l("Back")),
    ]

    def __init__(self, *, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.restore = restore
        self._initial: dict[str, str] | None = None

    # --- the editing protocol --------------------------------------------------------

    @property
    def form_title(self) -> str:
        return _("the job you found")

    @property
    def recording(self) -> bool:
        """True while the dialog asks for the job (no job recorded yet), False when it offers the undo."""
        return bool(self.query("#landed-company"))

    def values(self) -> dict[str, str]:
        """The fields as typed."""
        return {key: self.query_one(f"#landed-{key}", Input).value for key, _label, _hint in FIELDS}

    @property
    def is_dirty(self) -> bool:
        return (self._initial is not None and self.is_mounted and self.recording
                and self.values() != self._initial)

    def recovery_values(self) -> dict[str, Any]:
        return self.values()

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """Open the dialog again with the kept fields (False when a job was recorded since)."""
        if app.store.profile().landed_on:
            return False
        app.action_landed(restore=values_dict(entry))
        return True

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        me = self.store.profile()
        with Vertical(classes="dialog"):
            if me.landed_on:
                yield Static(_("The search is over"), classes="landed-title")
                where = (_("{position} at {company}").format(position=me.landed_position, company=me.landed_company)
                         if me.landed_position and me.landed_company else me.landed_position or me.landed_company)
                batch = [d for d in self.store.drafts()
                         if me.landed_batch_uid and d.batch_uid == me.landed_batch_uid]
                unsent = sum(d.status != "sent" for d in batch)
                yield Static(_("{where}, found on {landed_on}.\nThank-you drafts: {value} of {count} sent.\nKey contacts every {cadence_key_days} days, others every {cadence_network_days}.\n\nUndo: back to the search cadences, the unsent thank-you drafts removed.").format(where=where, landed_on=me.landed_on, value=len(batch) - unsent, count=len(batch), cadence_key_days=me.cadence_key_days, cadence_network_days=me.cadence_network_days),
                             id="landed-summary", markup=False)
                yield Static("", id="landed-error", markup=False)
                with Horizontal(classes="landed-buttons"):
                    yield Button(_("Close (escape)"), id="landed-close")
                    yield Button(_("Undo: back to the search"), id="landed-undo", variant="error")
            else:
                yield Static(_("I found a job: thank everyone who helped"), classes="landed-title")
                today = self.netui.today.isoformat()
                values = {"date": today, "since": ""}
                for key, label, placeholder in FIELDS:
                    with Horizontal(classes="landed-field"):
                        yield Static(_(label), classes="landed-label")
                        yield Input(values.get(key, ""), id=f"landed-{key}", placeholder=_(placeholder),
                                    compact=True)
                with VerticalScroll(id="landed-helpers"):
                    yield Static("", id="landed-list", markup=False)
                yield Static("", id="landed-error", markup=False)
                with Horizontal(classes="landed-buttons"):
                    yield Button(_("Cancel (escape)"), id="landed-close")
                    yield Button(_("Record and prepare the drafts (ctrl+s)"), id="landed-save", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.recording:
            self.query_one("#landed-close", Button).focus()
            return
        self._initial = self.values()
        for key, value in (self.restore or {}).items():
            if key in self._initial and isinstance(value, str):
                self.query_one(f"#landed-{key}", Input).value = value
        self.query_one("#landed-company", Input).focus()
        self._show_helpers()

    def _value(self, key: str) -> str:
        return self.query_one(f"#landed-{key}", Input).value.strip()

    def _error(self, message: str) -> None:
        self.query_one("#landed-error", Static).update(message)

    @on(Input.Changed, "#landed-since")
    def _since_changed(self) -> None:
        self._show_helpers()

    def _show_helpers(self) -> None:
        """Who would be thanked and why, for the search's start as typed (only that changes the list)."""
        since = self._value("since")
        try:
            start = check_date("since", since) if since else landing.search_start(self.store.all_interactions())
        except ValidationError:
            return  # still being typed
        helpers = landing.find_helpers(self.store, start) if start else []
        listing = self.query_one("#landed-list", Static)
        if not helpers:
            listing.update(_("Nobody to thank yet: no call, meeting, reply or introduction logged since {day}.")
                           .format(day=start) if start else
                           _("Nobody to thank yet: no call, meeting, reply or introduction logged."))
            return
        lines = [ngettext("{count} person helped since {day}; each gets a thank-you-and-news draft, all to send "
                          "today:",
                          "{count} people helped since {day}; each gets a thank-you-and-news draft, all to send "
                          "today:", len(helpers)).format(count=len(helpers), day=start)]
        lines += [f"• {h.contact.name}: {h.reason}" for h in helpers]
        listing.update("\n".join(lines))

    async def action_save(self) -> None:
        if not self.recording:
            return
        company, position, day, since = (self._value(k) for k, _, _ in FIELDS)
        store = self.store
        today = self.netui.today
        try:
            result, _changes = await self.netui.commit(
                lambda: landing.record_landed(store, company, position, day, since=since or None, today=today))
        except ValidationError as exc:
            self._error(f"{exc.field}: {exc.message}")
            widgets = self.query(f"#landed-{exc.field}")
            if widgets:
                widgets.first().focus()
            return
        except CommitFailed:
            return
        drafts = len(result.batch.drafts) if result.batch is not None else 0
        self.dismiss(ngettext("{count} thank-you-and-news draft to send today (key 2). Key contacts every {key} days, "
                              "others every {network}.",
                              "{count} thank-you-and-news drafts to send today (key 2). Key contacts every {key} "
                              "days, others every {network}.", drafts).format(
            count=drafts, key=result.profile.cadence_key_days, network=result.profile.cadence_network_days))

    @on(Button.Pressed, "#landed-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    @on(Button.Pressed, "#landed-undo")
    async def _undo(self) -> None:
        store = self.store
        try:
            undone, _changes = await self.netui.commit(lambda: landing.undo_landed(store))
        except (CommitFailed, NetuiError):
            return
        self.dismiss(ngettext("Back to the search: key contacts every {key} days, others every {network}; {count} "
                              "unsent draft removed.",
                              "Back to the search: key contacts every {key} days, others every {network}; {count} "
                              "unsent drafts removed.", undone.removed).format(
            key=undone.profile.cadence_key_days, network=undone.profile.cadence_network_days, count=undone.removed))

    @on(Button.Pressed, "#landed-close")
    def _close(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.confirm_drop(lambda: self.dismiss(None))
