"""Aligned text columns for the CLI that fit the terminal's width.

Plain text (the CLI does not load rich): widths count wide characters (CJK,
emoji) as two cells and combining accents as none, so columns stay aligned.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Sequence

GAP = "  "
ELLIPSIS = "…"


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells, with an ellipsis when something was cut."""
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = cell_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ELLIPSIS


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def fit_widths(natural: Sequence[int], minimum: Sequence[int], flexible: Sequence[bool], total: int) -> list[int]:
    """Column widths whose sum (with gaps) fits `total`: the widest flexible column gives up a
    cell at a time, down to its minimum."""
    widths = list(natural)
    budget = total - len(GAP) * (len(widths) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if flexible[i] and w > minimum[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], shrink_to: Sequence[int | None],
           width: int | None = None) -> list[str]:
    """Lines of a table: a header, then one line per row, each at most `width` cells
    (the terminal's width by default) when the columns can shrink enough.

    `shrink_to` gives each column the width it may shrink to, None for a fixed column.
    """
    total = width if width is not None else shutil.get_terminal_size().columns
    natural = [max([cell_width(h)] + [cell_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    flexible = [limit is not None for limit in shrink_to]
    minimum = [min(n, limit if limit is not None else n) for n, limit in zip(natural, shrink_to)]
    widths = fit_widths(natural, minimum, flexible, total)
    lines = []
    for row in [list(headers), *rows]:
        cells = [pad(clip(value, w), w) for value, w in zip(row, widths)]
        lines.append(GAP.join(cells).rstrip())
    return lines
