"""A Static for text that follows the user's typing: the compose screen's preview and checks."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual, VisualType
from textual.widgets import Static


def _as_content(content: VisualType) -> Content:
    """A str is plain text, never markup: the user's own words go in here."""
    if isinstance(content, Content):
        return content
    if isinstance(content, str):
        return Content(content)
    raise TypeError(f"LiveText shows Content or plain text, not {type(content).__name__}")


class LiveText(Static):
    """A Static whose update costs only the lines that changed, drawn in the frame being prepared.

    A plain `Static.update` made while handling a key costs a frame or more: it
    renders every line again, lays the whole screen out again even when the text
    keeps its number of lines, and its repaint reaches the screen only when this
    widget's own message loop next runs, by which time the frame showing the key has
    usually been drawn (the text then waits for the next frame, up to 1/60 s later).

    Here `update` renders the lines, repaints only the ones that differ from those
    shown (the line API: `render_line` serves them), lays out again only when the
    number of lines changes, and hands the repaint to the screen at once.
    """

    def __init__(self, content: Content | str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        self._text = _as_content(content)
        self._lines: list[Strip] | None = None  # the text's lines, rendered for _lines_key
        self._lines_key: tuple[object, ...] | None = None
        super().__init__(id=id, classes=classes, markup=False)

    @property
    def content(self) -> Content:
        return self._text

    @content.setter
    def content(self, content: VisualType) -> None:
        self.update(content)

    @property
    def visual(self) -> Content:
        return self._text

    def render(self) -> Content:
        return self._text

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show `content`. `layout` is not needed: this widget knows when its size changes."""
        text = _as_content(content)
        if text.is_same(self._text):
            return
        self._text = text
        shown = self._lines if self._lines_key == self._key() else None
        width = self.size.width
        if shown is None or not width or self.styles.is_auto_width:
            self.refresh(layout=True)
        else:
            lines = self._render_lines()
            if len(lines) != len(shown):
                self.refresh(layout=True)
            else:
                self._lines = lines
                changed = [y for y, (old, new) in enumerate(zip(shown, lines)) if old != new]
                if changed:
                    self.refresh(Region(0, changed[0], width, changed[-1] - changed[0] + 1))
        # Hand the repaint (and any layout) to the screen now, ahead of the key's own
        # repaint, rather than from this widget's next turn (Textual has no public call).
        self._check_refresh()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> LiveText:
        if repaint and not regions:  # all of it (a new style, a selection): render every line again
            self._lines = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        key = self._key()
        if self._lines is None or self._lines_key != key:
            self._lines, self._lines_key = self._render_lines(), key
        if y < len(self._lines):
            return self._lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _key(self) -> tuple[object, ...]:
        return (self.size.width, self.visual_style)

    def _render_lines(self) -> list[Strip]:
        """Every line of the text at the widget's width, rendered as Textual renders a Static's."""
        return Visual.to_strips(self, self._text, self.size.width, None, self.visual_style)
