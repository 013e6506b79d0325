"""A form field that holds another contact (by uid), chosen with the contact picker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Static

from netui.core.i18n import N_, TranslatedTexts
from netui.tui.keys import _l

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

#: What the field says, in one place.
TEXT = TranslatedTexts({
    "none": N_("(none): enter picks a contact"),
    "set": N_("{name}   (enter: change, delete: clear)"),
    "missing": N_("(a deleted contact): enter picks another, delete clears"),
    "pick_title": N_("Who introduced you to this contact?"),
})


class ContactLinkField(Static, can_focus=True):
    """`value` is a contact's uid ("" for none); enter opens the picker, delete clears."""

    DEFAULT_CSS = """
    ContactLinkField { height: 1; background: $boost; padding: 0 1; }
    ContactLinkField:focus { background: $accent 45%; }
    ContactLinkField.-disabled { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter,space", "pick", _l("Pick a contact"), show=False),
        Binding("delete,backspace", "clear", _l("Clear"), show=False),
    ]

    value: reactive[str] = reactive("", init=False)

    def __init__(self, value: str = "", *, exclude: str | None = None, readonly: bool = False,
                 **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.exclude = exclude
        self.readonly = readonly
        self.set_reference(value)

    @property
    def netui(self) -> "NetuiApp":
        return cast("NetuiApp", self.app)

    def set_reference(self, value: str) -> None:
        self.set_reactive(ContactLinkField.value, value or "")
        self._show()

    def on_mount(self) -> None:
        self.set_class(self.readonly, "-disabled")
        self._show()

    def watch_value(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.value:
            self.update(TEXT["none"])
            return
        try:
            contact = self.netui.store.contact(self.value)
        except Exception:  # noqa: BLE001 - not mounted in an app yet
            return
        self.update(TEXT["set"].format(name=contact.name) if contact else TEXT["missing"])

    def action_pick(self) -> None:
        if self.readonly:
            return
        from netui.tui.dialogs.event_dialogs import ContactPicker

        def picked(uid: str | None) -> None:
            if uid:
                self.value = uid

        exclude = {self.exclude} if self.exclude else set()
        self.netui.push_screen(ContactPicker(self.netui.store.contacts(), exclude,
                                           title=TEXT["pick_title"]), picked)

    def action_clear(self) -> None:
        if not self.readonly:
            self.value = ""

    def on_click(self) -> None:
        self.action_pick()
