"""The key bar at the bottom of every screen: Textual's Footer, redrawn only when its keys change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyBar(Footer):
    """Textual's Footer mounts all its keys again each time the screen's bindings may
    have changed, and a screen being opened announces that several times before its
    first frame (the screen stack, the focus, each refresh of the bindings), as does
    every move of the focus. This one waits for the refresh after an announcement, then
    redraws only when the keys it shows differ from those it drew."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._change_pending = False
        self._drawn: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self._change_pending:
            return
        self._change_pending = True
        self.call_after_refresh(self._redraw, screen)

    def _redraw(self, screen: Screen) -> None:
        self._change_pending = False
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            super().bindings_changed(screen)  # what Textual does then (nothing drawn, or drawn later)
            return
        shown = self._shown_keys(screen)
        if shown == self._drawn:
            return
        self._drawn = shown
        super().bindings_changed(screen)

    def _shown_keys(self, screen: Screen) -> tuple[Any, ...]:
        """What the bar would draw: each key shown, its text, and whether it is enabled."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        return tuple((key, active.binding.action, str(active.binding.description), active.binding.key_display,
                      active.binding.group, active.enabled, active.tooltip)
                     for key, active in screen.active_bindings.items() if active.binding.show or key == palette)
