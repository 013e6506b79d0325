"""What every subcommand shares: the data file's path, opening the store, JSON output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from netui.core.errors import NetuiError
from netui.core.i18n import _, follow_profile
from netui.storage.paths import resolve_db_path

if TYPE_CHECKING:
    from netui.storage.store import Store


class Context:
    """What every subcommand needs: where the data file is."""

    def __init__(self, db: str | None) -> None:
        self.db_path = resolve_db_path(db)

    @contextmanager
    def store(self, *, write: bool) -> Iterator[Store]:
        from netui.storage.store import Store

        store = Store.open(self.db_path, readonly=not write)
        follow_profile(store.profile().language)
        if store.load_problems:
            from netui.cli.output import safe_echo

            for problem in store.load_problems[:10]:
                safe_echo("netui: " + _("warning: {message}").format(message=problem), err=True)
            if len(store.load_problems) > 10:
                safe_echo("netui: " + _("warning: ...and {count} more ('netui doctor')").format(
                    count=len(store.load_problems) - 10), err=True)
        try:
            if write and store.readonly:
                raise NetuiError(store.readonly_reason)
            yield store
        finally:
            _report_merge(store)
            store.close()


def _report_merge(store: Store) -> None:
    """A save met the file changed on disk: say what the merge did and, when both sides
    changed a record (ours kept), how to take the disk's versions instead."""
    report = store.take_merge_report()
    if report is None:
        return
    from netui.cli.output import safe_echo

    safe_echo("netui: " + report.summary(), err=True)
    if report.conflicts:
        safe_echo("netui: " + report.theirs_hint(), err=True)


pass_ctx = click.make_pass_decorator(Context)


def echo_json(value: object) -> None:
    from netui.cli.output import safe_json

    click.echo(safe_json(value))

