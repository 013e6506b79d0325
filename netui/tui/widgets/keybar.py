"""The key bar: Textual's footer, compact, never showing a key cut at its edge.

At 80 columns (and in Italian, whose labels are longer) a screen's keys can be
wider than the bar; Textual's footer then cuts the last ones mid-word. The key
bar leaves out the keys that do not fit, from the end, and always keeps the
help key: the help screen and the command palette list every key.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"


class KeyBar(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

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
        if not keys or any(not key.outer_size.width for key in keys):
            return  # not laid out yet: the resize that follows the layout fits them
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
