"""The new-batch form: choose key contacts, one send day, one template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from netui.core import vocabulary
from netui.core.errors import ValidationError
from netui.core.i18n import _
from netui.core.models import LANGUAGES, Contact, check_date
from netui.core.textsearch import contact_key, matches
from netui.tui.editing import EditingModal, reopen_on_screen
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

LANG_LABELS = vocabulary.LANGUAGES


@dataclass(slots=True)
class BatchRequest:
    """What the form asks for; the drafts screen creates the batch."""

    contact_uids: list[str]
    send_on: str
    template: str
    lang: str
    ask: str
    extra: dict[str, str] = field(default_factory=dict)


class BatchForm(EditingModal[BatchRequest | None]):
    """Type to filter, space to tick, ctrl+s to create one draft each.

    An editing screen: the contacts ticked and the fields set are what quitting
    asks about and a stop signal keeps (the filter is only a search).
    """

    RECOVERY_KIND = "batch"

    BINDINGS = [
        Binding("ctrl+s", "create", _l("Create drafts"), priority=True),
        Binding("escape", "cancel", _l("Back")),
    ]

    def __init__(self, contacts: list[Contact], templates: list[str], lang: str, today: date,
                 preselected: list[str] | None = None, *, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        from netui.core.names import sort_key

        self.contacts = sorted(contacts, key=lambda c: (sort_key(c.name), c.uid))
        self.keys = {c.uid: contact_key(c) for c in self.contacts}
        self.templates = templates
        self.lang = lang
        self.today = today
        self.chosen: list[str] = list(preselected or [])
        self._filling = False
        self.restore = restore
        self._initial: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("New same-day batch: one personal email to each chosen contact"), classes="b-title")
            yield Static(_("Prepare them all now and send them on the same day, so that nobody feels second."),
                         classes="b-note")
            with Horizontal(id="b-filter-row"):
                yield Static(_("Find"), classes="b-label")
                yield Input(placeholder=_("type a name, company, tag..."), id="b-filter", compact=True)
                yield Checkbox(_("All contacts, not only key"), False, id="b-all", compact=True)
            yield SelectionList[str](id="b-list")
            yield Static("", id="b-count", markup=False)
            with Horizontal(classes="b-row"):
                yield Static(_("Send on"), classes="b-label")
                yield Input((self.today + timedelta(days=1)).isoformat(), id="b-send-on", compact=True,
                            placeholder=_("YYYY-MM-DD"))
                yield Static(_("Template"), classes="b-label")
                yield Select(vocabulary.TEMPLATES.choices(self.templates), allow_blank=False,
                             value="personal" if "personal" in self.templates else self.templates[0],
                             id="b-template", compact=True)
            with Horizontal(classes="b-row"):
                yield Static(_("Language"), classes="b-label")
                yield Select([(LANG_LABELS[c], c) for c in LANGUAGES], value=self.lang, allow_blank=False,
                             id="b-lang", compact=True)
                yield Static(_("Ask"), classes="b-label")
                yield Input("call", id="b-ask", compact=True, placeholder=_("call, companies, cv, or your words"))
            yield Static(_("Then make each one personal: the checks say when two read the same."),
                         classes="b-note")
            yield Static("", id="b-error", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._initial = self.values()
        if self.restore:
            self._put_back(self.restore)
        self._fill()
        self.query_one("#b-filter", Input).focus()

    # --- the editing protocol --------------------------------------------------------

    @property
    def form_title(self) -> str:
        return _("the new batch")

    def values(self) -> dict[str, Any]:
        """The contacts ticked and the fields as set."""
        return {"chosen": list(self.chosen),
                "send_on": self.query_one("#b-send-on", Input).value,
                "template": str(self.query_one("#b-template", Select).value),
                "lang": str(self.query_one("#b-lang", Select).value),
                "ask": self.query_one("#b-ask", Input).value}

    @property
    def is_dirty(self) -> bool:
        return self._initial is not None and self.is_mounted and self.values() != self._initial

    def recovery_values(self) -> dict[str, Any]:
        return self.values()

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """The Drafts screen (2) opens the form again with the kept ticks and fields."""
        return reopen_on_screen(app, "drafts", entry)

    def _put_back(self, values: dict[str, Any]) -> None:
        """Tick and fill as kept (contacts deleted since are left out)."""
        known = set(self.keys)
        chosen = values.get("chosen")
        if isinstance(chosen, list):
            self.chosen = [uid for uid in chosen if isinstance(uid, str) and uid in known]
        for key in ("send_on", "ask"):
            if isinstance(values.get(key), str):
                self.query_one(f"#b-{key.replace('_', '-')}", Input).value = values[key]
        if values.get("template") in self.templates:
            self.query_one("#b-template", Select).value = values["template"]
        if values.get("lang") in LANGUAGES:
            self.query_one("#b-lang", Select).value = values["lang"]

    def _visible(self) -> list[Contact]:
        query = self.query_one("#b-filter", Input).value
        everyone = self.query_one("#b-all", Checkbox).value
        return [c for c in self.contacts
                if (everyone or c.tier == "key" or c.uid in self.chosen)
                and (not query.strip() or matches(self.keys[c.uid], query, c.company))]

    def _fill(self) -> None:
        listing = self.query_one("#b-list", SelectionList)
        self._filling = True
        listing.clear_options()
        options = []
        for contact in self._visible():
            details = " · ".join(p for p in (contact.position, contact.company, contact.email) if p)
            prompt = Content.assemble((contact.name, "bold"), ("  " + details if details else "", "dim"),
                                      ("  " + vocabulary.TIERS.label("key") if contact.tier == "key" else "", "italic"))
            options.append(Selection(prompt, contact.uid, contact.uid in self.chosen))
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        self._filling = False
        self._count(len(options))

    def _count(self, shown: int | None = None) -> None:
        if shown is None:
            shown = self.query_one("#b-list", SelectionList).option_count
        text = _("{chosen} chosen · {shown} shown").format(chosen=len(self.chosen), shown=shown)
        if not self.contacts:
            text = _("No contacts yet: add some on the Network screen (1).")
        elif shown == 0:
            text += _(": no key contacts match; tick 'All contacts' or change the filter")
        self.query_one("#b-count", Static).update(text)

    @on(Input.Changed, "#b-filter")
    @on(Checkbox.Changed, "#b-all")
    def _refilter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#b-filter")
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one("#b-list", SelectionList)
        if listing.option_count and listing.highlighted is None:
            listing.highlighted = 0
        listing.focus()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        if self._filling:
            return
        uid = event.selection.value
        if uid in self.chosen:
            self.chosen.remove(uid)
        else:
            self.chosen.append(uid)
        self._count()

    def action_create(self) -> None:
        error = self.query_one("#b-error", Static)
        if not self.chosen:
            error.update(_("Tick at least one contact (space on the list)."))
            return
        try:
            day = check_date("send_on", self.query_one("#b-send-on", Input).value)
            if not day:
                raise ValidationError("send_on", _("a send day is required (YYYY-MM-DD)"))
        except ValidationError as exc:
            error.update(_("Send on: {message}").format(message=exc.message))
            self.query_one("#b-send-on", Input).focus()
            return
        if day < self.today.isoformat():
            error.update(_("Send on: that day has passed; choose today or a later day."))
            self.query_one("#b-send-on", Input).focus()
            return
        self.dismiss(BatchRequest(contact_uids=list(self.chosen), send_on=day,
                                  template=str(self.query_one("#b-template", Select).value),
                                  lang=str(self.query_one("#b-lang", Select).value),
                                  ask=self.query_one("#b-ask", Input).value.strip()))

    def action_cancel(self) -> None:
        self.confirm_drop(lambda: self.dismiss(None))
