"""Keep a dialog's buttons on screen: one part (a preview, a text) shrinks to the room left.

An auto-height box with a max-height clips what does not fit, and the buttons are
last; CSS cannot say "the rest of the room" inside an auto-height box, so the
flexible part's max-height is computed from the screen and the other parts.
"""

from __future__ import annotations

from textual.widget import Widget

#: A flexible part never shrinks below this many rows.
MIN_ROWS = 3


def _rows(widget: Widget) -> int:
    """The rows a laid-out child takes: its height with padding, border and margins (0 if hidden)."""
    if not widget.display or widget.styles.display == "none" or widget.region.height == 0:
        return 0
    return widget.outer_size.height + widget.styles.margin.height


def fit_part(box: Widget, part: Widget, share: float) -> None:
    """Cap `part` (a child of `box`) so that `box` fits in `share` of the screen's height.

    Call it after a layout (`call_after_refresh`), and again when another part changes height.
    """
    room = int(box.screen.size.height * share) - box.styles.gutter.height
    others = sum(_rows(child) for child in box.children if child is not part)
    part.styles.max_height = max(MIN_ROWS, room - others - part.styles.margin.height)
