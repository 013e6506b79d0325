"""Import from the TUI (`i` on the overview, or the palette): a file prompt, a preview, one save.

The file is read and planned in a thread (a 30,000-row LinkedIn export takes
about a second), with a progress bar over the stages: read, match, save. The
preview shows the same summary as `netui import --dry-run`; nothing is written
until the user confirms, and then in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from netui.core.errors import NetuiError
from netui.tui.base import NetuiModal

if TYPE_CHECKING:
    from netui.io.importers.common import ImportResult
    from netui.io.importers.merge import ImportPlan

KINDS = [("LinkedIn Connections.csv", "linkedin"), ("Google Contacts CSV", "google"),
         ("Outlook CSV", "outlook"), ("vCard (.vcf)", "vcard"), ("netui JSON export", "json")]


def guess_kind(path: str) -> str | None:
    """A sensible default kind from the file name."""
    name = Path(path).name.lower()
    if name.endswith((".vcf", ".vcard")):
        return "vcard"
    if name.endswith(".json"):
        return "json"
    if "connection" in name:
        return "linkedin"
    if "outlook" in name:
        return "outlook"
    if "google" in name or "contacts" in name:
        return "google"
    return None


class ImportScreen(NetuiModal[int]):
    """Dismisses with the number of contacts added or updated (0 when cancelled)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "confirm", "Import", priority=True),
    ]


    def __init__(self) -> None:
        super().__init__()
        self._planned: tuple[ImportResult, ImportPlan] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import contacts", classes="title")
            yield Static("Your network already exists: bring it in. Re-importing the same file "
                         "changes nothing; a match fills empty fields and never overwrites yours.",
                         markup=False)
            yield Label("File")
            yield Input(placeholder="path to Connections.csv, contacts.csv or a .vcf", id="import-path")
            yield Label("Kind")
            yield Select(KINDS, id="import-kind", allow_blank=False, value="linkedin")
            yield Static("", id="import-error", markup=False)
            yield ProgressBar(total=3, show_eta=False, id="import-progress")
            yield Static("enter: preview what would change", id="import-summary", markup=False)
            with Horizontal():
                yield Button("Preview (enter)", id="import-preview")
                yield Button("Import (ctrl+s)", id="import-go", variant="primary", disabled=True)
                yield Button("Cancel (esc)", id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Changed, "#import-path")
    def _path_changed(self, event: Input.Changed) -> None:
        kind = guess_kind(event.value)
        if kind is not None:
            self.query_one("#import-kind", Select).value = kind
        self._reset()

    @on(Select.Changed, "#import-kind")
    def _kind_changed(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._planned = None
        self.query_one("#import-go", Button).disabled = True
        self.query_one("#import-progress", ProgressBar).update(progress=0)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        self.query_one("#import-error", Static).update("")
        if not raw:
            self.query_one("#import-error", Static).update("Type the path of the file to import.")
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.query_one("#import-error", Static).update(f"No such file: {path}")
            return
        kind = str(self.query_one("#import-kind", Select).value)
        self.query_one("#import-summary", Static).update(f"Reading {path.name}…")
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        self._plan(kind, path)

    @work(thread=True, exclusive=True, group="import-plan")
    def _plan(self, kind: str, path: Path) -> None:
        from netui.io.importers import parse_file, plan_import, summary_lines

        store = self.store
        try:
            result = parse_file(kind, path)
            self.app.call_from_thread(self._advance, 1, f"Matching {len(result.contacts):,} contacts…")
            plan = plan_import(list(store.contacts()), result)
        except NetuiError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        lines = summary_lines(plan, limit=20)
        self.app.call_from_thread(self._planned_ready, result, plan, lines)

    def _advance(self, step: int, message: str) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=step)
        self.query_one("#import-summary", Static).update(message)

    def _failed(self, message: str) -> None:
        self._reset()
        self.query_one("#import-error", Static).update(message)
        self.query_one("#import-summary", Static).update("Nothing was written.")

    def _planned_ready(self, result: ImportResult, plan: ImportPlan, lines: list[str]) -> None:
        self._planned = (result, plan)
        self.query_one("#import-progress", ProgressBar).update(progress=2)
        nothing = plan.is_noop
        tail = "Nothing to change." if nothing else "ctrl+s imports all of it in one save."
        self.query_one("#import-summary", Static).update("\n".join(lines + ["", tail]))
        self.query_one("#import-go", Button).disabled = nothing

    @on(Button.Pressed, "#import-go")
    async def action_confirm(self) -> None:
        if self._planned is None or self.query_one("#import-go", Button).disabled:
            return
        from netui.core.errors import CommitFailed
        from netui.io.importers.apply import apply_plan

        result, plan = self._planned
        store = self.store
        self.query_one("#import-go", Button).disabled = True
        self.query_one("#import-summary", Static).update("Saving…")
        try:
            applied, saved = await self.netui.commit(lambda: apply_plan(store, plan, result))
        except CommitFailed:
            self._failed("The import was refused; nothing was written.")
            return
        except NetuiError as exc:
            self._failed(str(exc))
            return
        self.query_one("#import-progress", ProgressBar).update(progress=3)
        where = "" if saved else " (kept in memory: the save failed, see the notification)"
        self.app.notify(f"Imported: {applied.new:,} new, {applied.updated:,} updated{where}.",
                        title="Import", markup=False)
        self.dismiss(applied.new + applied.updated)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import-plan")
        self.dismiss(0)
