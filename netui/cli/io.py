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
@click.option("--theirs", is_flag=True, cls=TranslatedOption,
              help=_l("json: where the file and your data hold the same record, take the file's values over "
                      "yours (for a conflict copy: the version on disk); --dry-run lists each value that would "
                      "change."))
@click.pass_obj
def import_command(obj, kind: str, file: Path, dry_run: bool, theirs: bool) -> None:
    from netui.io.importers import parse_file, plan_import, summary_lines
    from netui.io.importers.apply import apply_plan

    if theirs and kind != "json":
        raise click.UsageError(_("--theirs goes with 'import json'"))
    if not file.exists():
        raise NetuiError(_("no such file: {path}").format(path=file))
    result = parse_file(kind, file)
    versions = _other_versions(file) if theirs else []
    if theirs:
        result.records = {}  # the file's other records come through plan_theirs, which may replace
    with obj.store(write=not dry_run) as store:
        plan = plan_import(store.contacts(), result, theirs=theirs)
        replacements = _plan_theirs(store, plan, versions)
        if not dry_run:
            if replacements and not (plan.new or plan.updated) and store.real_path.exists():
                store.backup("pre-import")  # apply_plan takes it only when contacts change
            with store.transaction():
                applied = apply_plan(store, plan, result)
                for change in replacements:
                    store.put_document(change.table, change.uid, change.theirs)
    from netui.cli.output import safe_echo

    for line in summary_lines(plan):
        safe_echo(line)
    if dry_run:
        click.echo(_("dry run: nothing written"))
        return
    if applied.records:
        click.echo(ngettext("restored {count} record (interactions, events, drafts, profile)",
                            "restored {count} records (interactions, events, drafts, profile)",
                            applied.records).format(count=applied.records))
    if replacements:
        click.echo(ngettext("took the file's version of {count} other record",
                            "took the file's versions of {count} other records",
                            len(replacements)).format(count=len(replacements)))
    if theirs and _is_conflict_copy(file):
        safe_echo(_("{path} is no longer needed: its versions are now in your data (delete it when you like)")
                  .format(path=file))


def _other_versions(file: Path) -> list:
    """The file's records in the tables netui keeps records in (contacts only when the file
    says they were deleted: the others come through the import's plan)."""
    from netui.storage.merge import read_conflict_copy
    from netui.storage.schema import TABLES

    return [v for v in read_conflict_copy(file)
            if v.table in TABLES and (v.table != "contacts" or v.theirs is None)]


def _plan_theirs(store, plan, versions: list) -> list:
    """What `--theirs` replaces beyond the contacts; its lines join the plan's summary."""
    from netui.io.importers.merge import plan_theirs, replacement_lines
    from netui.storage.merge import record_name

    if not versions:
        return []

    def contact_name(uid: str) -> str:
        found = store.contact(uid) or next((c for c in plan.new if c.uid == uid), None)
        return found.name if found is not None else uid

    def name_of(change) -> str:
        return record_name(change.table, change.theirs or change.mine, contact_name)

    usable = []
    for change in plan_theirs(versions, plan, store.document, lambda uid: store.contact(uid) is not None):
        problem = _refusal(change.table, change.theirs)
        if problem:
            plan.skipped.append((name_of(change), problem))
        else:
            usable.append(change)
    plan.replaced.extend(replacement_lines(usable, name_of))
    return usable


def _refusal(table: str, doc: dict | None) -> str:
    """Why the model refuses the file's version of a record ("" when it takes it)."""
    from netui.core.errors import ValidationError
    from netui.storage.schema import TABLES

    if doc is None:
        return ""
    try:
        TABLES[table].from_doc(dict(doc)).validate()
    except ValidationError as exc:
        return str(exc)
    except (TypeError, ValueError, AttributeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return ""


def _is_conflict_copy(file: Path) -> bool:
    from netui.storage.merge import MANIFEST

    try:
        import orjson

        return isinstance(orjson.loads(file.read_bytes()).get(MANIFEST), list)
    except (OSError, ValueError, AttributeError):
        return False


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
