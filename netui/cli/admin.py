"""Subcommands that look after the data file: `doctor`, `backup`, `restore`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from netui.cli.context import Context, pass_ctx
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import NetuiError
from netui.core.i18n import _, ngettext
from netui.core.i18n import lazy_gettext as _l
from netui.core.today import current_day

if TYPE_CHECKING:
    from netui.storage.backups import BackupInfo
    from netui.storage.store import Store


@click.command(cls=TranslatedCommand, help=_l("Check the data file, its lock, backups, clipboard and template folders."))
@click.option("--repair", is_flag=True,
              cls=TranslatedOption, help=_l("Put back the records set aside on opening that convert safely (a number where "
                   "text belongs becomes the text)."))
@pass_ctx
def doctor(obj: Context, repair: bool) -> None:
    from netui.storage import backups
    from netui.storage.paths import (
        real_path,
        shipped_templates_dir,
        user_templates_dir,
    )
    from netui.storage.store import Store

    path = obj.db_path
    from netui.cli.output import safe_echo

    repaired: list[str] = []
    unrepaired: list[str] = []
    if repair and path.exists():
        with obj.store(write=True) as writable:
            repaired, unrepaired = writable.repair_quarantine()
    lines = [(_("data file"), str(path))]
    records: list[str] = []
    if path.is_symlink():
        lines.append((_("link target"), str(real_path(path))))
    status = _("ok")
    if not path.exists():
        status = _("does not exist yet (created on first start)")
    else:
        st = real_path(path).stat()
        lines.append((_("size"), _("{size} bytes, mode {mode}").format(size=f"{st.st_size:,}",
                                                                        mode=f"{st.st_mode & 0o777:04o}")))
        try:
            with Store.open(path, readonly=True) as store:
                counts = [(len(store.contacts()), ngettext("{count} contact", "{count} contacts",
                                                           len(store.contacts()))),
                          (len(store.interactions()), ngettext("{count} interaction", "{count} interactions",
                                                               len(store.interactions()))),
                          (len(store.events()), ngettext("{count} event", "{count} events", len(store.events()))),
                          (len(store.drafts()), ngettext("{count} draft", "{count} drafts", len(store.drafts())))]
                lines.append((_("contents"), ", ".join(text.format(count=f"{n:,}") for n, text in counts)))
                lines.append((_("schema"), _("version {version}").format(version=store.schema_version)))
                if store.readonly_reason:
                    status = store.readonly_reason
                records = list(store.load_problems)
                for key, entry in store.quarantine().items():
                    records.append(_("quarantine {key}: {table} document {doc_id}: {problem}").format(
                        key=key, table=vocabulary.DATA_TABLES.label(str(entry.get("table"))), doc_id=entry.get("doc_id"),
                        problem=entry.get("problem")))
                records += _future_interactions(store)
                if store.quarantine():
                    records.append(_("'netui doctor --repair' puts back what converts safely"))
        except NetuiError as exc:
            status = _("PROBLEM: {problem}").format(problem=exc)
    lines.append((_("status"), status))
    lines.extend((_("WARNING"), warning) for warning in _exposure_warnings(path))
    lines.append((_("lock"), _lock_state(path)))
    found = backups.list_backups(path)
    linked = backups.linked_folder_problem(path)
    if linked:
        shown = _("REFUSED: {problem}").format(problem=linked)
    elif found:
        shown = ngettext("{folder}: {count} of this file, newest {name}",
                         "{folder}: {count} of this file, newest {name}", len(found)).format(
            folder=backups.backups_dir(path), count=len(found), name=found[0].path.name)
    else:
        shown = _("{folder}: none of this file").format(folder=backups.backups_dir(path))
    lines.append((_("backups"), shown))
    unknown = backups.list_unattributed(path)
    if unknown:
        lines.append(("", ngettext("{count} older backup there belongs to a file that cannot be told "
                                   "(see 'netui restore --list')",
                                   "{count} older backups there belong to a file that cannot be told "
                                   "(see 'netui restore --list')", len(unknown)).format(count=len(unknown))))
    lines.append((_("clipboard"), _clipboard_description()))
    lines.append((_("templates"), _("shipped {shipped}; yours {yours}").format(shipped=shipped_templates_dir(),
                                                                              yours=user_templates_dir())))
    for key, value in lines:
        safe_echo(f"{key:12} {value}")
    # The labels outside the f-strings: the catalogue's extractor does not look inside them.
    for label, named in ((_("repaired"), repaired), (_("not repaired"), unrepaired), (_("record"), records)):
        for line in named:
            safe_echo(f"{label:12} {line}")


def _lock_state(path: Path) -> str:
    """The lock file, and whether it is held, free, or refused (a symbolic link)."""
    from netui.storage.paths import lock_path
    from netui.storage.platform import lock_mechanism
    from netui.storage.store import lock_holder

    lock = lock_path(path)
    if lock.is_symlink():
        return _("{lock}: REFUSED: it is a symbolic link, and netui never writes its pid through one "
                 "(that would overwrite the file it points to); nothing can open the data file for "
                 "writing until the link is removed").format(lock=lock)
    holder = lock_holder(path)
    held = _("held by pid {pid}").format(pid=holder) if holder else _("free")
    return f"{lock}: {held} ({lock_mechanism()})"


def _future_interactions(store: Store) -> list[str]:
    """Interactions dated after today (a hand edit, a sync, another machine's clock): kept.

    netui refuses them on the way in (`netui log`, the app, imports), but one already in the
    file is the user's record: setting it aside would hide a real meeting over what may be a
    typo or a clock a day ahead. It is kept and named here, because until that day it counts
    as the last contact and pushes the next follow-up later."""
    today = current_day().isoformat()
    lines = []
    for item in store.interactions():
        if item.date[:10] > today:
            contact = store.contact(item.contact_uid)
            lines.append(_("interaction {uid} with {name} is dated {date}, after today: kept, and until then "
                           "it counts as the last contact; correct its date if it is a mistake").format(
                uid=item.uid, name=contact.name if contact else item.contact_uid, date=item.date))
    return lines


def _exposure_warnings(path: Path) -> list[str]:
    """POSIX: the data folder or file readable by other users (personal data)."""
    from netui.storage.paths import real_path
    from netui.storage.platform import readable_by_others

    warnings = []
    real = real_path(path)
    for what, target, fix in ((_("the data folder {path}"), real.parent, "700"),
                              (_("the data file {path}"), real, "600")):
        try:
            mode = target.stat().st_mode
        except OSError:
            continue
        if readable_by_others(mode):
            warnings.append(_("{what} can be read by other users (mode {mode}); run: {command}").format(
                what=what.format(path=target), mode=f"{mode & 0o777:04o}", command=f"chmod {fix} '{target}'"))
    return warnings


def _clipboard_description() -> str:
    try:
        from netui.outreach.clipboard import describe_backend
    except ImportError:
        return _("unknown")
    try:
        return describe_backend()
    except Exception as exc:  # a diagnostic must never fail the command
        return _("unavailable ({problem})").format(problem=exc)


@click.command(cls=TranslatedCommand, help=_l("Copy the data file into its backups/ folder now."))
@pass_ctx
def backup(obj: Context) -> None:
    from netui.storage.store import Store

    with Store.open(obj.db_path, readonly=True) as store:
        made = store.backup("manual")
    click.echo(_("backup written: {path}").format(path=made))


@click.command(cls=TranslatedCommand, help=_l("Bring back a backup (default: the newest good one); the current file is kept."))
@click.argument("backup_name", metavar="[BACKUP]", required=False)
@click.option("--list", "list_only", is_flag=True, cls=TranslatedOption, help=_l("List the backups and exit."))
@click.option("--yes", "-y", is_flag=True, cls=TranslatedOption, help=_l("Do not ask for confirmation."))
@pass_ctx
def restore(obj: Context, backup_name: str | None, list_only: bool, yes: bool) -> None:
    from netui.storage import backups
    from netui.storage.store import restore as restore_file

    found = backups.list_backups(obj.db_path)
    if list_only:
        if not found:
            click.echo(_("no backups of {name} in {folder}").format(name=obj.db_path.name,
                                                                  folder=backups.backups_dir(obj.db_path)))
        for info in found:
            click.echo(_backup_line(info))
        unknown = backups.list_unattributed(obj.db_path)
        if unknown:
            click.echo(_("older backups of a data file that cannot be told (restore one only by its name):"))
            for info in unknown:
                click.echo("  " + _backup_line(info))
        return
    chosen = backups.resolve_backup(obj.db_path, backup_name)
    if not yes:
        click.confirm(_("Replace {path} with {backup}? (the current file is kept)").format(
            path=obj.db_path, backup=chosen.name), abort=True)
    kept = restore_file(obj.db_path, chosen)
    click.echo(_("restored {backup}; previous file kept as {kept}").format(backup=chosen.name, kept=kept) if kept
               else _("restored {backup}").format(backup=chosen.name))


def _backup_line(info: BackupInfo) -> str:
    from netui.storage import backups

    state = _("ok") if backups.is_valid(info.path) else _("DAMAGED")
    size = _("{size} bytes").format(size=f"{info.size:,}")
    return f"{info.path.name}  {info.created:%Y-%m-%d %H:%M:%S}  {info.reason}  {size}  {state}"


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (doctor, backup, restore):
        cli.add_command(command)
