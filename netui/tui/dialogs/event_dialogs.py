"""Modals of the events screen: the form base and the contact picker.

Every text a user typed is shown as plain text (never read as markup).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netui.core.errors import NetuiError, ValidationError
from netui.core.i18n import _, ngettext
from netui.core.models import Contact
from netui.core.network_model import query_words, search_key
from netui.tui.base import NetuiModal
from netui.tui.editing import EditingModal, reopen_on_screen
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

T = TypeVar("T")


class FormModal(EditingModal[T], Generic[T]):
    """A form: `tab`/`shift+tab` between fields, `ctrl+s` saves, `escape` goes back.

    `save(values)` (a function or a coroutine) does the work and returns the
    result the modal is dismissed with, or None when the change was refused and
    the user already told. A ValidationError or NetuiError it raises is shown
    in the form (the field named by a ValidationError gets the focus) and the
    form stays open. Escape with changes asks before dropping them.

    A form with a RECOVERY_KIND is an editing screen (netui.tui.editing):
    quitting asks before dropping its edits, and SIGTERM/SIGHUP keep them in the
    recovery file; `reopen` asks the events screen to open it again with them.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", _l("Save"), priority=True),
        Binding("escape", "cancel", _l("Back")),
    ]
    FIELD_IDS: dict[str, str] = {}  # ValidationError.field -> widget id
    SUBMIT_SAVES = False  # enter in a text field saves (short forms) or moves to the next field
    RECOVERY_KIND = ""  # the `kind` of this form's entry in the recovery file ("" : not kept)

    def __init__(self, title: str, save: Callable[[dict[str, Any]], Any], *,
                 context: dict[str, Any] | None = None, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._title = title
        self.save_callback = save
        self.context = dict(context or {})  # what the recovery entry needs to reopen the form
        self.restore_values = restore
        self._initial: dict[str, Any] | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        # Not a tab stop: its fields are, and the focused field is scrolled into view.
        with VerticalScroll(id="form", classes="dialog", can_focus=False):
            yield Static(self.form_title, classes="form-title", markup=False)
            yield from self.compose_fields()
            yield Static("", id="form-error", classes="-empty", markup=False)
        yield KeyBar()

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the fields (a restored form); Inputs by default, others override."""
        for key, value in values.items():
            found = self.query(f"#f-{key}")
            if found and isinstance(found.first(), Input) and isinstance(value, str):
                found.first(Input).value = value

    def on_mount(self) -> None:
        self._initial = self.values()
        if self.restore_values:
            self.set_values(self.restore_values)
        self.focus_first()

    @property
    def form_title(self) -> str:
        return self._title

    @property
    def is_dirty(self) -> bool:
        return self._initial is not None and self.is_mounted and self.values() != self._initial

    def recovery_values(self) -> dict[str, Any]:
        return self.values()

    def recovery_context(self) -> dict[str, Any]:
        return dict(self.context)

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """Go to the events screen, which opens the form again (False when its event is gone)."""
        return reopen_on_screen(app, "events", entry, record_key="event_uid", find=app.store.event)

    def focus_first(self) -> None:
        for widget in self.query("#form *"):
            if widget.focusable:
                widget.focus()
                return

    @staticmethod
    def field(label: str, widget: Widget) -> Horizontal:
        """A form row: the label, then the field."""
        return Horizontal(Static(label, classes="form-label", markup=False), widget, classes="form-field")

    def show_error(self, message: str, field_name: str | None = None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(not message, "-empty")
        target = self.FIELD_IDS.get(field_name or "")
        if target:
            widget: Widget = self.query_one(f"#{target}")
            widget.focus()

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.SUBMIT_SAVES:
            await self.action_save()
        else:
            self.focus_next()

    async def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        try:
            result = self.save_callback(self.values())
            if inspect.isawaitable(result):
                result = await result
        except ValidationError as exc:
            self.show_error(f"{exc.field.replace('_', ' ').capitalize()}: {exc.message}", exc.field)
        except NetuiError as exc:
            self.show_error(str(exc), getattr(exc, "field", None))
        else:
            if result is not None:
                self.dismiss(result)
        finally:
            self._saving = False

    def action_cancel(self) -> None:
        self.confirm_drop(lambda: self.dismiss(None), _("Drop your changes?"))


class ContactPicker(NetuiModal[str | None]):
    """Find a contact by typing (name, company, email... accents ignored); enter picks it."""

    BINDINGS = [
        Binding("escape", "cancel", _l("Back")),
        Binding("down", "move(1)", _l("Down"), show=False),
        Binding("up", "move(-1)", _l("Up"), show=False),
        Binding("enter", "pick", _l("Link"), priority=True),
    ]
    LIMIT = 200  # options shown at once; typing narrows

    def __init__(self, contacts: list[Contact], exclude: set[str], title: str | None = None) -> None:
        super().__init__()
        self.title_text = title if title is not None else _("Link a contact")
        self.exclude = exclude
        self.contacts = contacts
        self.entries: list[tuple[str, Contact]] | None = None  # (search key, contact), by name

    def _index(self) -> list[tuple[str, Contact]]:
        """Search keys of every contact: built once, in a thread (a large network takes a while)."""
        from netui.core.names import sort_key

        ordered = sorted(self.contacts, key=lambda c: (sort_key(c.name), c.uid))
        return [(search_key(c), c) for c in ordered]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="form-title", markup=False)
            yield Input(placeholder=_("Type a name, company or email"), id="picker-search", compact=True)
            yield OptionList(id="picker-list")
            yield Static("", id="picker-count", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.query_one("#picker-count", Static).update(_("Loading your contacts…"))
        self._load()

    @work(thread=True, exclusive=True, group="picker-index")
    def _load(self) -> None:
        entries = self._index()
        self.app.call_from_thread(self._loaded, entries)

    def _loaded(self, entries: list[tuple[str, Contact]]) -> None:
        if not self.is_mounted:  # closed before the index was ready
            return
        self.entries = entries
        self._fill(self.query_one(Input).value)

    @on(Input.Changed, "#picker-search")
    def _search(self, event: Input.Changed) -> None:
        if self.entries is not None:
            self._fill(event.value)

    def _fill(self, query: str) -> None:
        assert self.entries is not None
        words = query_words(query)
        found = [c for key, c in self.entries if all(w in key for w in words)] if words else \
            [c for _, c in self.entries]
        options = []
        for contact in found[:self.LIMIT]:
            linked = contact.uid in self.exclude
            details = " · ".join(p for p in (contact.company, contact.email) if p)
            prompt = Content.assemble(
                (contact.name, "bold" if not linked else ""),
                ("  " + details if details else "", "dim"),
                ("  " + _("(already linked)") if linked else "", "italic"),
            )
            options.append(Option(prompt, id=contact.uid, disabled=linked))
        listing = self.query_one(OptionList)
        listing.set_options(options)
        first = next((n for n, o in enumerate(options) if not o.disabled), None)
        listing.highlighted = first
        more = len(found) - len(options)
        count = ngettext("{count} match", "{count} matches", len(found)).format(count=len(found))
        if more > 0:
            count += _(", showing {shown}: type more to narrow").format(shown=len(options))
        if not self.entries:
            count = _("No contacts yet: use 'Add person met' (p) to create one.")
        self.query_one("#picker-count", Static).update(count)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_pick(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and not option.disabled:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.disabled:
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
