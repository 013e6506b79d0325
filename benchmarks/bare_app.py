"""The baseline of `start` and `memory`: a bare Textual app with one DataTable.

Run: python -m benchmarks.bare_app   (in a terminal; ctrl+q quits)
It shows a screenful of rows shaped like the overview's (invented names), so
the launcher waits for the same kind of text as it does for netui.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

FIRST = ["Ada", "Noé", "Zoë", "Chiara", "Marco", "Aiko", "Omar", "Priya"]
LAST = ["Rossi", "Bianchi", "Müller", "García", "Dubois", "Nakamura", "Kowalski", "Okafor"]
ROWS = [(f"{FIRST[i % len(FIRST)]} {LAST[i * 3 % len(LAST)]}{i}", "Acme", "Engineer", "software",
         "linkedin", "network", "2026-10-09", "") for i in range(50)]


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Position", "Sector", "Source", "Tier", "Contacted", "Next due")
        table.add_rows(ROWS)


if __name__ == "__main__":
    BareApp().run()
