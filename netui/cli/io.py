"""`netui import` and `netui export`: bring the network in, take everything out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core.errors import NetuiError
from netui.core.i18n import _, ngettext
from netui.core.i18n import lazy_gettext as _l

IMPORT_KINDS = ("linkedin", "google", "outlook", "vcard", "json")
EXPORT_KINDS = ("vcard", "csv", "json", "ics")


def register(cli: click.Group) -> None:
    """Add `import` and `export` to the `netui` group."""
    cli.add_command(import_command)
    cli.add_command(export_command)


@click.command("import", cls=TranslatedCommand, help=_l("Import contacts from a LinkedIn, Google or Outlook CSV, a vCard, or a netui "
      "JSON export."))
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, cls=TranslatedOption, help=_l("Show what would change; write nothing."))
@click.pass_obj
def import_command(obj, kind: str, file: Path, dry_run: bool) -> None:
    from netui.io.importers import parse_file, plan_import, summary_lines
    from netui.io.importers.apply import apply_plan

    if not file.exists():
        raise NetuiError(_("no such file: {path}").format(path=file))
    result = parse_file(kind, file)
    with obj.store(write=not dry_run) as store:
        plan = plan_import(store.contacts(), result)
        if not dry_run:
            applied = apply_plan(store, plan, result)
    from netui.cli.output import safe_echo

    for line in summary_lines(plan):
        safe_echo(line)
    if dry_run:
        click.echo(_("dry run: nothing written"))
    elif applied.records:
        click.echo(ngettext("restored {count} record (interactions, events, drafts, profile)",
                            "restored {count} records (interactions, events, drafts, profile)",
                            applied.records).format(count=applied.records))


@click.command("export", cls=TranslatedCommand, help=_l("Export contacts as vCard 4.0 or Google CSV, everything as JSON, events or "
      "reminders as iCalendar."))
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              cls=TranslatedOption, help=_l("Write to FILE (default: standard output)."))
@click.option("--reminders", is_flag=True,
              cls=TranslatedOption, help=_l("ics: your reminders (follow-ups, batches, steps after events), not the events."))
@click.option("--weeks", type=click.IntRange(1, 520), default=None, metavar="N",
              cls=TranslatedOption, help=_l("With --reminders: the next N weeks (default 8)."))
@click.option("--raw", is_flag=True,
              cls=TranslatedOption, help=_l("csv: write cells starting with = + - @ as they are (by default a ' keeps a "
                   "spreadsheet from running them as formulas)."))
@click.pass_obj
def export_command(obj, kind: str, output: Path | None, reminders: bool, weeks: int | None, raw: bool) -> None:
    from netui.io import exporters

    if (reminders or weeks is not None) and kind != "ics":
        raise click.UsageError(_("--reminders and --weeks go with 'export ics'"))
    if weeks is not None and not reminders:
        raise click.UsageError(_("--weeks goes with --reminders"))
    with obj.store(write=False) as store:
        if kind == "vcard":
            payload = exporters.export_vcard(store.contacts()).encode("utf-8")
        elif kind == "csv":
            payload = exporters.export_csv(store.contacts(), raw=raw).encode("utf-8")
        elif kind == "json":
            payload = exporters.export_json(store.documents())
        elif reminders:
            from netui.core.today import current_day
            from netui.events.reminders import (
                DEFAULT_WEEKS,
                collect_reminders,
                reminders_to_ics,
            )

            payload = reminders_to_ics(collect_reminders(store, current_day(), weeks or DEFAULT_WEEKS))
        else:
            from netui.events.ics import events_to_ics

            payload = events_to_ics(store.events())
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    from netui.storage.atomic import atomic_write

    atomic_write(output, payload)
    click.echo(_("wrote {path}").format(path=output))
