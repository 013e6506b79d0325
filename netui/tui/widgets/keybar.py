"""The key bar: Textual's footer, compact, never showing a key cut at its edge,
redrawn only when its keys change.

At 80 columns (and in Italian, whose labels are longer) a screen's keys can be
wider than the bar; Textual's footer then cuts the last ones mid-word. The key
bar leaves out the keys that do not fit, from the end, and always keeps the
help key: the help screen and the command palette list every key.

Textual's footer also mounts all its keys again each time the screen's bindings
may have changed, and a screen being opened says so several times before its
first frame (the screen stack, the focus, each refresh of the bindings), as
does every move of the focus. The key bar draws its first keys as soon as
Textual's would; after that it waits for the refresh after such an
announcement, then redraws only when the keys it would show differ from those
it drew.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"


class KeyBar(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._change_pending = False
        self._drawn: tuple[Any, ...] | None = None
        self._fit_pending = False  # keys drawn but not laid out yet: fit after the next layout

    def bindings_changed(self, screen: Screen) -> None:
        if self._drawn is None and self._can_draw(screen):  # the first keys: as soon as Textual would
            self._drawn = self._shown_keys(screen)
            super().bindings_changed(screen)
            return
        if self._change_pending:
            return
        self._change_pending = True
        self.call_after_refresh(self._redraw, screen)

    def _redraw(self, screen: Screen) -> None:
        self._change_pending = False
        if not self._can_draw(screen):
            super().bindings_changed(screen)  # what Textual does then (nothing drawn, or drawn later)
            return
        shown = self._shown_keys(screen)
        if shown == self._drawn:
            return
        self._drawn = shown
        super().bindings_changed(screen)

    def _can_draw(self, screen: Screen) -> bool:
        """Whether Textual's footer would redraw for this announcement."""
        return self.is_attached and screen is self.screen and screen.app.app_focus

    @staticmethod
    def _shown_keys(screen: Screen) -> tuple[Any, ...]:
        """What the bar would draw: each key shown, its text, and whether it is enabled."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        return tuple((key, active.binding.action, str(active.binding.description), active.binding.key_display,
                      active.binding.group, active.enabled, active.tooltip)
                     for key, active in screen.active_bindings.items() if active.binding.show or key == palette)

    @on(events.Mount)
    def _follow_layout(self) -> None:
        self.screen.screen_layout_refresh_signal.subscribe(self, self._laid_out)

    @on(events.Unmount)
    def _stop_following_layout(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def _laid_out(self, screen: Screen) -> None:
        if self._fit_pending:
            self.fit()

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self, event: events.Resize) -> None:
        if any(not key.display for key in self.query(FooterKey)):
            self.call_after_refresh(self.recompose)  # every key back, then fitted again
        else:
            self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Leave out keys from the end (the help key kept) until the rest end before the
        command palette's key. Widths, not positions: positions lag a key just left out."""
        keys = [key for key in self.query(FooterKey) if key.display]
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if not key.has_class("-command-palette")]
        self._fit_pending = bool(keys) and any(not key.outer_size.width for key in keys)
        if not keys or self._fit_pending:
            return  # not laid out yet: fitted after the screen's next layout
        room = (palette[0].region.x if palette else self.region.right) - self.region.x
        overflow = sum(_width(key) for key in keys) - room
        for key in reversed(keys):
            if overflow <= 0:
                break
            if key.action != HELP_ACTION:
                key.display = False
                overflow -= _width(key)


def _width(key: FooterKey) -> int:
    margin = key.styles.margin
    return key.outer_size.width + margin.left + margin.right
