"""The one-line notice under the header: read-only mode, or the demo network."""

from __future__ import annotations

from textual.widgets import Static


class Banner(Static):
    """A one-line notice under the header: read-only mode, or the demo network."""
