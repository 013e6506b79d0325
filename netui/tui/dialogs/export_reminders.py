""""Export reminders" from the app: the same calendar file as `netui export ics --reminders`.

Asks where to write it (the path prompt of the drafting screens, with a
default in the home folder), writes it atomically and says how many entries
it holds and what to do with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from netui.core.errors import NetuiError
from netui.core.i18n import _, ngettext

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

DEFAULT_NAME = "netui-reminders.ics"


def default_path() -> Path:
    return Path.home() / DEFAULT_NAME


def write_reminders(app: NetuiApp, path: Path) -> int:
    """Write the reminders of the next weeks to `path`; the number of entries."""
    from netui.events.reminders import (
        DEFAULT_WEEKS,
        collect_reminders,
        reminders_to_ics,
    )
    from netui.storage.atomic import atomic_write

    reminders = collect_reminders(app.store, app.today, DEFAULT_WEEKS)
    atomic_write(path, reminders_to_ics(reminders))
    return len(reminders)


def export_reminders(app: NetuiApp) -> None:
    """Ask for the file, write it, notify the result."""
    from netui.events.reminders import DEFAULT_WEEKS
    from netui.tui.dialogs.draft_dialogs import PathPrompt

    def chosen(value: str | None) -> None:
        if not value:
            return
        path = Path(value).expanduser()
        try:
            count = write_reminders(app, path)
        except (NetuiError, OSError) as exc:
            app.notify(str(exc), title=_("Reminders not written"), severity="error", markup=False)
            return
        app.notify(ngettext("{count} reminder written to {path}: import the file into your calendar (importing a newer one "
                            "updates them).",
                            "{count} reminders written to {path}: import the file into your calendar (importing a newer "
                            "one updates them).", count).format(count=count, path=path), title=_("Reminders"), markup=False)

    app.push_screen(PathPrompt(
        _("Export reminders (follow-ups, batches, steps after events; next {weeks} weeks) to:").format(
            weeks=DEFAULT_WEEKS),
        str(default_path()),
        _("An all-day entry for each, with an alarm at 09:00. Enter writes, escape cancels.")), chosen)
