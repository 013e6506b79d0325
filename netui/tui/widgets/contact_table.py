"""The overview's contact table: draws only the rows on screen (Textual's line API).

A DataTable keeps a measured row object per contact and takes seconds to fill
or re-filter 30,000 of them. This widget holds a list of row positions into a
`NetworkModel` and renders, on demand, the few lines that are visible: its
cost follows the height of the terminal, not the size of the network.
User text goes out as plain segments, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netui.core.i18n import _, current_language, format_date
from netui.core.network_model import COLUMNS, Column, NetworkModel, Row
from netui.tui.keys import _l

DUE_MARK = "●"
THANK_MARK = "♥"
MARKS_WIDTH = 3  # due and to-thank marks, then a space


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


#: The model's date cells are ISO (they sort by the date); the table shows them the
#: language's way. Few distinct dates, many rows: each is formatted once per language.
DATE_COLUMNS = frozenset({"last_contact", "next_due"})
_SHOWN_DATES: dict[tuple[str, str], str] = {}


def shown_date(iso: str) -> str:
    """An ISO cell as the table shows it ("2 Dec 2026", "2 dic 2026"), cached."""
    key = (current_language(), iso)
    found = _SHOWN_DATES.get(key)
    if found is None:
        found = _SHOWN_DATES[key] = format_date(iso)
    return found


def layout_columns(width: int) -> list[tuple[Column, int]]:
    """The columns that fit in `width` cells and the width of each.

    Each column has a minimum; spare width goes to the flexible ones by weight.
    When even the minimums do not fit, the lowest-priority columns are dropped.
    """
    shown = list(COLUMNS)
    avail = width - MARKS_WIDTH
    while shown:
        need = sum(c.min_width for c in shown) + len(shown) - 1  # one space between columns
        if need <= avail or len(shown) == 1:
            break
        shown.remove(min(shown, key=lambda c: c.priority))
    spare = max(0, avail - sum(c.min_width for c in shown) - (len(shown) - 1))
    flex_total = sum(c.flex for c in shown) or 1
    widths = {c.key: c.min_width + spare * c.flex // flex_total for c in shown}
    leftover = spare - sum(spare * c.flex // flex_total for c in shown)
    for c in shown:  # hand out the rounding remainder, first flexible columns first
        if leftover <= 0:
            break
        if c.flex:
            widths[c.key] += 1
            leftover -= 1
    return [(c, widths[c.key]) for c in shown]


class ContactTable(ScrollView, can_focus=True):
    """A scrolling table of contacts with a row cursor."""

    BINDINGS = [
        Binding("up", "cursor(-1)", _l("Up"), show=False),
        Binding("down", "cursor(1)", _l("Down"), show=False),
        Binding("pageup", "page(-1)", _l("Page up"), show=False),
        Binding("pagedown", "page(1)", _l("Page down"), show=False),
        Binding("home", "jump(0)", _l("First"), show=False),
        Binding("end", "jump(-1)", _l("Last"), show=False),
        Binding("enter", "select", _l("Open")),
    ]

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--header-sorted",
        "contact-table--cursor",
        "contact-table--cursor-blurred",
        "contact-table--due",
        "contact-table--thank",
        "contact-table--key",
        "contact-table--dim",
    }

    DEFAULT_CSS = """
    ContactTable {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ContactTable > .contact-table--header { text-style: bold; background: $panel; color: $text; }
    ContactTable > .contact-table--header-sorted { text-style: bold underline; background: $panel; color: $accent; }
    ContactTable > .contact-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ContactTable > .contact-table--cursor-blurred { background: $block-cursor-blurred-background; }
    ContactTable > .contact-table--due { color: $warning; text-style: bold; }
    ContactTable > .contact-table--thank { color: $success; text-style: bold; }
    ContactTable > .contact-table--key { color: $accent; text-style: bold; }
    ContactTable > .contact-table--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another contact (uid, or None when the table is empty)."""

        table: "ContactTable"
        uid: str | None

        @property
        def control(self) -> "ContactTable":
            return self.table

    @dataclass
    class Selected(Message):
        """Enter (or a click on the highlighted row) on a contact."""

        table: "ContactTable"
        uid: str

        @property
        def control(self) -> "ContactTable":
            return self.table

    @dataclass
    class HeaderClicked(Message):
        """A click on a column title: the screen sorts by it."""

        table: "ContactTable"
        column: str

        @property
        def control(self) -> "ContactTable":
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.model: NetworkModel | None = None
        self.positions: list[int] = []
        self.cursor = 0
        self.sort_column = "name"
        self.sort_reverse = False
        self._layout: list[tuple[Column, int]] = []
        self._layout_width = -1
        self._last_highlight: str | None = None
        self._frame_styles: TableStyles | None = None

    # --- data -----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.positions)

    @property
    def highlighted_uid(self) -> str | None:
        row = self.row_at(self.cursor)
        return row.uid if row else None

    def row_at(self, index: int) -> Row | None:
        if self.model is None or not 0 <= index < len(self.positions):
            return None
        return self.model.rows[self.positions[index]]

    def visible_uids(self) -> list[str]:
        """The uids in table order (for tests and the command palette: all of them, cheap)."""
        assert self.model is not None
        rows = self.model.rows
        return [row.uid for p in self.positions if (row := rows[p]) is not None]

    def show(self, model: NetworkModel, positions: list[int], *, keep_uid: str | None = None,
             sort_column: str | None = None, sort_reverse: bool | None = None) -> None:
        """Show `positions` of `model`; the cursor stays on `keep_uid` when it is still shown."""
        self.model = model
        self.positions = positions
        if sort_column is not None:
            self.sort_column = sort_column
        if sort_reverse is not None:
            self.sort_reverse = sort_reverse
        target = 0
        if keep_uid is not None:
            position = model.index.get(keep_uid)
            if position is not None:
                try:
                    target = positions.index(position)
                except ValueError:
                    target = 0
        self._set_row_count(len(positions))
        self._move_cursor(target)
        self.refresh()

    def _set_row_count(self, count: int) -> None:
        """Size the scrolling area for `count` rows and the header, without a re-layout.

        Setting `virtual_size` lays the whole screen out again, yet the table's box is
        the same whatever its rows: only the scrollbar changes, as Textual itself does
        when a layout resizes the content. (Should the scrollbar appear or go, that
        changes the width of the rows, and Textual lays out again by itself.)
        """
        size = Size(self.size.width, count + 1)
        if size != self.virtual_size:
            self.set_reactive(ContactTable.virtual_size, size)
            self._scroll_update(size)

    # --- cursor -------------------------------------------------------------

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _move_cursor(self, index: int) -> None:
        count = len(self.positions)
        index = max(0, min(index, count - 1)) if count else 0
        self.cursor = index
        top = round(self.scroll_y)
        page = self.page_height
        if index < top:
            new_top = index
        elif index >= top + page:
            new_top = index - page + 1
        else:
            new_top = min(top, max(0, count - page))  # the list may have shrunk
        if new_top != top:
            self.scroll_to(y=new_top, animate=False, force=True, immediate=True)
        self.refresh()
        uid = self.highlighted_uid
        if uid != self._last_highlight:
            self._last_highlight = uid
            self.post_message(self.Highlighted(self, uid))

    def action_cursor(self, delta: int) -> None:
        self._move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_cursor(self.cursor + direction * self.page_height)

    def action_jump(self, where: int) -> None:
        self._move_cursor(len(self.positions) - 1 if where < 0 else 0)

    def action_select(self) -> None:
        uid = self.highlighted_uid
        if uid is not None:
            self.post_message(self.Selected(self, uid))

    def move_to_uid(self, uid: str) -> bool:
        """Put the cursor on a contact if it is shown."""
        if self.model is None or uid not in self.model.index:
            return False
        try:
            index = self.positions.index(self.model.index[uid])
        except ValueError:
            return False
        self._move_cursor(index)
        return True

    # --- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = MARKS_WIDTH
            for column, width in self._columns():
                if x <= event.x < x + width + 1:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
                x += width + 1
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.positions):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            else:
                self._move_cursor(index)

    # --- drawing ------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._set_row_count(len(self.positions))
        self._layout_width = -1

    def _columns(self) -> list[tuple[Column, int]]:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._layout = layout_columns(width)
            self._layout_width = width
        return self._layout

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are looked up once for all the lines drawn in a frame: looked up
        # per line and per cell, they took a third of the table's drawing time.
        self._frame_styles = self._styles()
        try:
            return super().render_lines(crop)
        finally:
            self._frame_styles = None

    def _styles(self) -> TableStyles:
        """The styles as they are now (focus, theme): for one frame."""
        base = self.rich_style
        get = self.get_component_rich_style
        due, thank, key, dim = (get(f"contact-table--{name}") for name in ("due", "thank", "key", "dim"))
        cursor = base + get("contact-table--cursor" if self.has_focus else "contact-table--cursor-blurred")
        return TableStyles(
            get("contact-table--header"), get("contact-table--header-sorted"),
            RowStyles(base, base + due, base + thank, base + key, base + dim),
            # The cursor's row is not dimmed: its colours must stay readable.
            RowStyles(cursor, cursor + due, cursor + thank, cursor + key, cursor))

    def render_line(self, y: int) -> Strip:
        styles = self._frame_styles or self._styles()
        width = self.scrollable_content_region.width
        if y == 0:
            return self._render_header(width, styles)
        index = round(self.scroll_y) + y - 1
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, styles.row.base)
        return self._render_row(row, styles.cursor if index == self.cursor else styles.row, width)

    def _render_header(self, width: int, styles: TableStyles) -> Strip:
        header = styles.header
        segments = [Segment(" " * MARKS_WIDTH, header)]
        for column, w in self._columns():
            label = _(column.label)
            style = header
            if column.key == self.sort_column:
                arrow = "▼" if self.sort_reverse else "▲"
                label = f"{label} {arrow}" if cell_len(label) + 2 <= w else f"{label}{arrow}"
                if cell_len(label) > w:
                    label = set_cell_size(_(column.label), w - 1) + arrow
                style = styles.header_sorted
            segments.append(Segment(fit(label, w), style))
            segments.append(Segment(" ", header))
        return Strip(segments).adjust_cell_length(width, header)

    def _render_row(self, row: Row, styles: RowStyles, width: int) -> Strip:
        base = styles.base
        segments = [
            Segment(DUE_MARK, styles.due) if row.due else Segment(" ", base),
            Segment(THANK_MARK, styles.thank) if row.to_thank else Segment(" ", base),
            Segment(" ", base),
        ]
        cells = row.cells
        for column, w in self._columns():
            key = column.key
            style = base
            if key == "next_due" and row.due:
                style = styles.due
            elif key == "tier" and row.tier == "key":
                style = styles.key
            elif key in ("source", "last_contact"):
                style = styles.dim
            text = cells[_CELL[key]]
            if key in DATE_COLUMNS and text:
                text = shown_date(text)
            segments.append(Segment(fit(text, w), style))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)


class RowStyles(NamedTuple):
    """The styles of a row: its cells, the due and to-thank marks, a key contact, dim cells."""

    base: Style
    due: Style
    thank: Style
    key: Style
    dim: Style


class TableStyles(NamedTuple):
    """Every style the table draws with, for one frame."""

    header: Style
    header_sorted: Style
    row: RowStyles
    cursor: RowStyles


_CELL = {c.key: i for i, c in enumerate(COLUMNS)}
