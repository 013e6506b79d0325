"""Subcommands that look after the data file: `doctor`, `backup`, `restore`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from netui.cli.context import Context, pass_ctx
from netui.core.errors import NetuiError

if TYPE_CHECKING:
    from netui.storage.backups import BackupInfo


@click.command()
@click.option("--repair", is_flag=True,
              help="Put back the records set aside on opening that convert safely (a number where "
                   "text belongs becomes the text).")
@pass_ctx
def doctor(obj: Context, repair: bool) -> None:
    """Check the data file, its lock, backups, clipboard and template folders."""
    from netui.storage import backups
    from netui.storage.paths import (
        lock_path,
        real_path,
        shipped_templates_dir,
        user_templates_dir,
    )
    from netui.storage.platform import lock_mechanism
    from netui.storage.store import Store, lock_holder

    path = obj.db_path
    from netui.cli.output import safe_echo

    repaired: list[str] = []
    if repair and path.exists():
        with obj.store(write=True) as writable:
            repaired, _ = writable.repair_quarantine()
    lines = [("data file", str(path))]
    records: list[str] = []
    if path.is_symlink():
        lines.append(("link target", str(real_path(path))))
    status = "ok"
    if not path.exists():
        status = "does not exist yet (created on first start)"
    else:
        st = real_path(path).stat()
        lines.append(("size", f"{st.st_size:,} bytes, mode {st.st_mode & 0o777:04o}"))
        try:
            with Store.open(path, readonly=True) as store:
                from netui.core.wording import plural

                counts = [plural(len(store.contacts()), "contact", "contacts"),
                          plural(len(store.interactions()), "interaction", "interactions"),
                          plural(len(store.events()), "event", "events"),
                          plural(len(store.drafts()), "draft", "drafts")]
                lines.append(("contents", ", ".join(counts)))
                lines.append(("schema", f"version {store.schema_version}"))
                if store.readonly_reason:
                    status = store.readonly_reason
                records = list(store.load_problems)
                for key, entry in store.quarantine().items():
                    records.append(f"quarantine {key}: {entry.get('table')} document {entry.get('doc_id')}: "
                                   f"{entry.get('problem')}")
                if store.quarantine():
                    records.append("'netui doctor --repair' puts back what converts safely")
        except NetuiError as exc:
            status = f"PROBLEM: {exc}"
    lines.append(("status", status))
    lines.extend(("WARNING", warning) for warning in _exposure_warnings(path))
    holder = lock_holder(path)
    lines.append(("lock", f"{lock_path(path)}: " + (f"held by pid {holder}" if holder else "free")
                  + f" ({lock_mechanism()})"))
    found = backups.list_backups(path)
    newest = f", newest {found[0].path.name}" if found else ""
    lines.append(("backups", f"{backups.backups_dir(path)}: {len(found)} of this file{newest}"))
    unknown = backups.list_unattributed(path)
    if unknown:
        lines.append(("", f"{len(unknown)} older backups there belong to a file that cannot be told "
                          "(see 'netui restore --list')"))
    lines.append(("clipboard", _clipboard_description()))
    lines.append(("templates", f"shipped {shipped_templates_dir()}; yours {user_templates_dir()}"))
    for key, value in lines:
        safe_echo(f"{key:12} {value}")
    for line in repaired:
        safe_echo(f"{'repaired':12} {line}")
    for line in records:
        safe_echo(f"{'record':12} {line}")


def _exposure_warnings(path: Path) -> list[str]:
    """POSIX: the data folder or file readable by other users (personal data)."""
    from netui.storage.paths import real_path
    from netui.storage.platform import readable_by_others

    warnings = []
    real = real_path(path)
    for what, target, fix in (("data folder", real.parent, "700"), ("data file", real, "600")):
        try:
            mode = target.stat().st_mode
        except OSError:
            continue
        if readable_by_others(mode):
            warnings.append(f"the {what} {target} can be read by other users (mode {mode & 0o777:04o}); "
                            f"run: chmod {fix} '{target}'")
    return warnings


def _clipboard_description() -> str:
    try:
        from netui.outreach.clipboard import describe_backend
    except ImportError:
        return "unknown"
    try:
        return describe_backend()
    except Exception as exc:  # a diagnostic must never fail the command
        return f"unavailable ({exc})"


@click.command()
@pass_ctx
def backup(obj: Context) -> None:
    """Copy the data file into its backups/ folder now."""
    from netui.storage.store import Store

    with Store.open(obj.db_path, readonly=True) as store:
        made = store.backup("manual")
    click.echo(f"backup written: {made}")


@click.command()
@click.argument("backup_name", metavar="[BACKUP]", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the backups and exit.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def restore(obj: Context, backup_name: str | None, list_only: bool, yes: bool) -> None:
    """Bring back a backup (default: the newest good one); the current file is kept."""
    from netui.storage import backups
    from netui.storage.store import restore as restore_file

    found = backups.list_backups(obj.db_path)
    if list_only:
        if not found:
            click.echo(f"no backups of {obj.db_path.name} in {backups.backups_dir(obj.db_path)}")
        for info in found:
            click.echo(_backup_line(info))
        unknown = backups.list_unattributed(obj.db_path)
        if unknown:
            click.echo("older backups of a data file that cannot be told (restore one only by its name):")
            for info in unknown:
                click.echo("  " + _backup_line(info))
        return
    chosen = backups.resolve_backup(obj.db_path, backup_name)
    if not yes:
        click.confirm(f"Replace {obj.db_path} with {chosen.name}? (the current file is kept)", abort=True)
    kept = restore_file(obj.db_path, chosen)
    click.echo(f"restored {chosen.name}" + (f"; previous file kept as {kept}" if kept else ""))


def _backup_line(info: BackupInfo) -> str:
    from netui.storage import backups

    state = "ok" if backups.is_valid(info.path) else "DAMAGED"
    return f"{info.path.name}  {info.created:%Y-%m-%d %H:%M:%S}  {info.reason}  {info.size:,} bytes  {state}"


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (doctor, backup, restore):
        cli.add_command(command)
