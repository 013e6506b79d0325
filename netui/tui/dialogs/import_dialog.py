"""Import from the TUI (`i` on the overview, or the palette): a file prompt, a preview, one save.

The file is read and planned in a thread (a big LinkedIn export takes long
enough to be seen), with a progress bar over the stages: read, match, save. The
preview shows the same summary as `netui import --dry-run`; nothing is written
until the user confirms, and then in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from netui.core.errors import NetuiError
from netui.core.i18n import N_, _, ngettext
from netui.core.models import Contact
from netui.tui.base import NetuiModal
from netui.tui.dialogs.fit import fit_part
from netui.tui.keys import _l

if TYPE_CHECKING:
    from netui.io.importers.common import ImportResult
    from netui.io.importers.merge import ImportPlan

#: How many names of new contacts the preview lists before "and N more".
LISTED = 20

#: The kinds of file, labels marked for the catalogue (translated where the Select is built).
KINDS = [(N_("LinkedIn Connections.csv"), "linkedin"), (N_("Google Contacts CSV"), "google"),
         (N_("Outlook CSV"), "outlook"), ("vCard (.vcf)", "vcard"), (N_("netui JSON export"), "json")]


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


#: The preview's stages (read the file, match it to the network): full when the preview is ready.
PLAN_STEPS = 2


def new_names_lines(new: Sequence[Contact], limit: int = LISTED) -> list[str]:
    """The names a preview would add, the first `limit` of them, then "and N more"."""
    if not new:
        return []
    shown = [f"  {contact.name}" for contact in new[:limit]]
    rest = len(new) - limit
    more = ["  " + ngettext("… and {count:,} more", "… and {count:,} more", rest).format(count=rest)] if rest > 0 else []
    return [_("New:"), *shown, *more]


class ImportScreen(NetuiModal[int]):
    """Dismisses with the number of contacts added or updated (0 when cancelled)."""

    BINDINGS = [
        Binding("escape", "cancel", _l("Cancel")),
        Binding("ctrl+s", "confirm", _l("Import"), priority=True),
    ]


    #: Under 32 rows (80x24 is common) the intro goes and the padding shrinks: room for the preview.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self._planned: tuple[ImportResult, ImportPlan] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Import contacts"), classes="title")
            yield Static(_("Your network already exists: bring it in. Re-importing the same file "
                         "changes nothing; a match fills empty fields and never overwrites yours."),
                         id="import-intro", markup=False)
            yield Label(_("File"))
            yield Input(placeholder=_("path to Connections.csv, contacts.csv or a .vcf"), id="import-path",
                        compact=True)
            yield Label(_("Kind"))
            yield Select([(_(label), kind) for label, kind in KINDS], id="import-kind", allow_blank=False, value="linkedin", compact=True)
            yield Static("", id="import-error", markup=False)
            yield ProgressBar(total=PLAN_STEPS, show_eta=False, id="import-progress")
            yield Static(_("enter: preview what would change"), id="import-summary", markup=False)
            with Horizontal():
                yield Button(_("Preview (enter)"), id="import-preview")
                yield Button(_("Import (ctrl+s)"), id="import-go", variant="primary", disabled=True)
                yield Button(_("Cancel (esc)"), id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The preview takes the room left, so the buttons stay on screen (80x24 included)."""
        fit_part(self.query_one(Vertical), self.query_one("#import-summary", Static), 0.95)

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
        self.query_one("#import-progress", ProgressBar).update(total=PLAN_STEPS, progress=0)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        self.query_one("#import-error", Static).update("")
        if not raw:
            self.query_one("#import-error", Static).update(_("Type the path of the file to import."))
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.query_one("#import-error", Static).update(_("No such file: {path}").format(path=path))
            return
        kind = str(self.query_one("#import-kind", Select).value)
        self.query_one("#import-summary", Static).update(_("Reading {name}…").format(name=path.name))
        self.query_one("#import-progress", ProgressBar).update(total=PLAN_STEPS, progress=0)
        self._plan(kind, path)

    @work(thread=True, exclusive=True, group="import-plan")
    def _plan(self, kind: str, path: Path) -> None:
        from netui.io.importers import parse_file, plan_import, summary_lines

        store = self.store
        try:
            result = parse_file(kind, path)
            self.app.call_from_thread(self._advance, 1, ngettext("Matching {count:,} contact…", "Matching {count:,} contacts…",
                                                                 len(result.contacts)).format(count=len(result.contacts)))
            plan = plan_import(list(store.contacts()), result)
        except NetuiError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        lines = summary_lines(plan, limit=LISTED)
        lines[1:1] = new_names_lines(plan.new)
        self.app.call_from_thread(self._planned_ready, result, plan, lines)

    def _advance(self, step: int, message: str) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=step)
        self.query_one("#import-summary", Static).update(message)

    def _failed(self, message: str) -> None:
        self._reset()
        self.query_one("#import-error", Static).update(message)
        self.call_after_refresh(self._fit)
        self.query_one("#import-summary", Static).update(_("Nothing was written."))

    def _planned_ready(self, result: ImportResult, plan: ImportPlan, lines: list[str]) -> None:
        self._planned = (result, plan)
        self.query_one("#import-progress", ProgressBar).update(total=PLAN_STEPS, progress=PLAN_STEPS)
        nothing = plan.is_noop
        tail = _("Nothing to change.") if nothing else _("ctrl+s imports all of it in one save.")
        self.query_one("#import-summary", Static).update("\n".join(lines + ["", tail]))
        self.call_after_refresh(self._fit)
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
        self.query_one("#import-progress", ProgressBar).update(total=1, progress=0)  # the save, on its own
        self.query_one("#import-summary", Static).update(_("Saving…"))
        try:
            applied, saved = await self.netui.commit(lambda: apply_plan(store, plan, result))
        except CommitFailed:
            self._failed(_("The import was refused; nothing was written."))
            return
        except NetuiError as exc:
            self._failed(str(exc))
            return
        self.query_one("#import-progress", ProgressBar).update(progress=1)
        where = "" if saved else _(" (kept in memory: the save failed, see the notification)")
        self.app.notify(_("Imported: {new:,} new, {updated:,} updated{where}.").format(new=applied.new, updated=applied.updated, where=where),
                        title=_("Import"), markup=False)
        self.dismiss(applied.new + applied.updated)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import-plan")
        self.dismiss(0)
