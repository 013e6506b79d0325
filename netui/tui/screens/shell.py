"""A placeholder screen with the global header and footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class ShellScreen(Screen):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{self.title_text}", id="shell-body", markup=False)
        yield Footer()
