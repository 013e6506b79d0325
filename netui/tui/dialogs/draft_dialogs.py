"""Small modals of the drafting screens: a path prompt, the text to copy by hand."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from netui.core.i18n import _
from netui.tui.base import NetuiModal
from netui.tui.dialogs.fit import fit_part
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar


class PathPrompt(NetuiModal[str | None]):
    """Ask for a file path; enter accepts, escape cancels.

    A path the file cannot be written to keeps the prompt open with the typed text
    and says why; a missing folder is created on a second enter.
    """

    BINDINGS = [Binding("escape", "cancel", _l("Cancel"))]

    def __init__(self, title: str, default: str, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.note = note
        self._confirmed_overwrite: str | None = None
        self._confirmed_folder: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, markup=False)
            yield Input(self.default, id="path-input")
            if self.note:
                yield Static(self.note, classes="note", markup=False)
            yield Static("", id="path-error", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        error = self.query_one("#path-error", Static)
        if not value:
            error.update(_("Type a file path."))
            return
        path = Path(value).expanduser()
        if path.is_dir():
            error.update(_("{path} is a folder: add a file name.").format(path=path))
            return
        folder = path.parent
        if folder.exists() and not folder.is_dir():
            error.update(_("{folder} is a file, not a folder: choose another path.").format(folder=folder))
            return
        if not folder.exists():
            if self._confirmed_folder != value:
                self._confirmed_folder = value
                error.update(_("The folder {folder} does not exist: press enter again to create it, or change the path.").format(folder=folder))
                return
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                error.update(_("Cannot create {folder}: {value}. Choose another folder.").format(folder=folder, value=exc.strerror or exc))
                return
        if not os.access(folder, os.W_OK):
            error.update(_("Cannot write in {folder} (permission denied): choose another folder.").format(folder=folder))
            return
        if path.exists() and self._confirmed_overwrite != value:
            self._confirmed_overwrite = value
            error.update(_("{path} exists: press enter again to replace it.").format(path=path))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextModal(NetuiModal[str | None]):
    """The text shown to select and copy by hand, with the offer of an .eml.

    Dismissed with "eml" when the user asks for the file, else None.
    """

    BINDINGS = [
        Binding("escape", "close", _l("Close")),
        Binding("f3", "eml", _l("Save .eml"), priority=True),
    ]

    def __init__(self, title: str, note: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, markup=False, classes="form-title")
            yield Static(self.note, id="text-note", markup=False)
            yield TextArea(self.text, id="text-copy", read_only=True, soft_wrap=True)
            with Horizontal():
                yield Button(_("Save as .eml (f3)"), id="text-eml", variant="primary")
                yield Button(_("Close (escape)"), id="text-close")
        yield KeyBar()

    def on_mount(self) -> None:
        # Not pre-selected: a selection draws every blank line as a bar, which reads as text.
        self.query_one(TextArea).focus()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """As tall as the text (one line for a subject), but never pushing the buttons off screen."""
        fit_part(self.query_one(Vertical), self.query_one(TextArea), 0.8)

    @on(Button.Pressed, "#text-eml")
    def _eml(self) -> None:
        self.dismiss("eml")

    @on(Button.Pressed, "#text-close")
    def _close(self) -> None:
        self.dismiss(None)

    def action_eml(self) -> None:
        self.dismiss("eml")

    def action_close(self) -> None:
        self.dismiss(None)
