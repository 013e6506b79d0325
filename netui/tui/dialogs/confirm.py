"""A yes/no question in a modal: `await push_screen_wait(ConfirmScreen(...))` gives a bool."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from netui.core.i18n import N_, _
from netui.tui.base import NetuiModal
from netui.tui.keys import _l


class ConfirmScreen(NetuiModal[bool | None]):
    """Ask one question; `y`/`n` answer, `escape` counts as no (or as neither: None)."""

    BINDINGS = [
        Binding("y", "answer(True)", _l("Yes"), show=False),
        Binding("n", "answer(False)", _l("No"), show=False),
        Binding("escape", "cancel", _l("Cancel")),
    ]


    def __init__(self, message: str, *, yes: str = N_("Yes"), no: str = N_("No"), danger: bool = False,
                 escape_is_no: bool = True) -> None:
        """`escape_is_no=False`: escape dismisses with None (neither answer)."""
        super().__init__(classes="-danger" if danger else None)
        self.escape_is_no = escape_is_no
        self.message = message
        self.yes_label = _(yes)  # the default's translation; a caller's own text is already translated
        self.no_label = _(no)
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # The message may hold user text (names): never read as markup.
            yield Static(self.message, id="confirm-message", markup=False)
            with Horizontal():
                yield Button(f"{self.no_label} (n)", id="no", variant="default")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        # The safe answer has focus, so a stray enter never deletes anything.
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(False if self.escape_is_no else None)
