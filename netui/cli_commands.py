"""The `netui` subcommands (click): loaded only when a subcommand or the help is asked for.

`netui.cli.main` is the entry point; started without a subcommand it opens the
app without loading this module. The subcommands of the other areas (demo,
drafts, events, import/export) live in their own modules, imported only when
one of their commands runs or the help lists them (`AREA_COMMANDS`).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import click

from .cli import run_tui
from .errors import NetuiError
from .models import (
    INTERACTION_KINDS,
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Contact,
    Interaction,
    check_date,
    parse_name_email,
)
from .paths import resolve_db_path


class Context:
    """What every subcommand needs: where the data file is."""

    def __init__(self, db: str | None) -> None:
        self.db_path = resolve_db_path(db)

    @contextmanager
    def store(self, *, write: bool) -> Iterator[Store]:  # noqa: F821
        from .store import Store

        store = Store.open(self.db_path, readonly=not write)
        try:
            if write and store.readonly:
                raise NetuiError(store.readonly_reason)
            yield store
        finally:
            store.close()


pass_ctx = click.make_pass_decorator(Context)


def echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


#: The other areas' subcommands and the module that adds each (its `register(cli)`); keep
#: in step with those modules (tests/test_startup.py checks it).
AREA_COMMANDS = {
    "demo": "cli_demo",
    "draft": "cli_drafts", "templates": "cli_drafts",
    "events": "cli_events", "event": "cli_events",
    "import": "cli_io", "export": "cli_io",
}


class NetuiGroup(click.Group):
    """The `netui` group: an area's module is imported when one of its commands is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(AREA_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in AREA_COMMANDS:
            importlib.import_module(f"{__package__}.{AREA_COMMANDS[cmd_name]}").register(self)
        return super().get_command(ctx, cmd_name)


@click.group(cls=NetuiGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="PATH", envvar="NETUI_DB",
              help="Data file (default: NETUI_DB, else the user data folder's netui.json).")
@click.version_option(package_name="netui")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """netui: build and keep your professional network, from the terminal.

    Without a command, opens the full-screen app on the data file.
    """
    ctx.obj = Context(db)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj.db_path)


@cli.command()
@click.argument("who", metavar='"NAME <EMAIL>"')
@click.option("--company", default="", help="Company.")
@click.option("--position", default="", help="Position (job title).")
@click.option("--sector", default="", help="Sector.")
@click.option("--source", type=click.Choice(SOURCES), default="other", show_default=True,
              help="Where this contact comes from.")
@click.option("--relationship", type=click.Choice(RELATIONSHIPS), default=None, help="Relationship to you.")
@click.option("--tier", type=click.Choice(TIERS), default="network", show_default=True,
              help="key gets personalised emails.")
@pass_ctx
def add(obj: Context, who: str, company: str, position: str, sector: str, source: str,
        relationship: str | None, tier: str) -> None:
    """Add a contact: "Ada Lovelace <ada@example.org>", a name, or an email."""
    first, last, email = parse_name_email(who)
    contact = Contact(first_name=first, last_name=last, emails=[email] if email else [],
                      company=company.strip(), position=position.strip(), sector=sector.strip(),
                      source=source, relationship=relationship, tier=tier).validate()
    with obj.store(write=True) as store:
        if email:
            existing = store.contact_by_email(email)
            if existing:
                raise NetuiError(f"{email} already belongs to {existing.name} ({existing.uid})")
        stored = store.add_contact(contact)
    click.echo(f"added {stored.name} ({stored.uid})")


@cli.command()
@click.option("--search", "query", metavar="Q", help="Only contacts matching Q (accents and case ignored).")
@click.option("--due", is_flag=True, help="Only contacts due for a follow-up, most overdue first.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored documents as JSON.")
@pass_ctx
def contacts(obj: Context, query: str | None, due: bool, as_json: bool) -> None:
    """List contacts."""
    from .followups import due_contacts, follow_ups
    from .textsearch import contact_key, matches

    with obj.store(write=False) as store:
        profile = store.profile()
        interactions = store.interactions()
        if due:
            chosen = [c for c, _ in due_contacts(store.contacts(), interactions, profile)]
        else:
            chosen = sorted(store.contacts(), key=lambda c: (c.last_name.casefold(), c.first_name.casefold()))
        if query:
            chosen = [c for c in chosen if matches(contact_key(c), query)]
        if as_json:
            echo_json([c.to_doc() for c in chosen])
            return
        states = follow_ups(chosen, interactions, profile)
    if not chosen:
        click.echo("no contacts" + (" due" if due else "") + (f" matching {query!r}" if query else ""))
        return
    for c in chosen:
        state = states[c.uid]
        next_due = state.next_due.isoformat() if state.next_due else "-"
        parts = [c.name, c.email, c.company, c.position, c.tier, f"next {next_due}"]
        click.echo("  ".join(p for p in parts if p) + ("  to thank" if state.to_thank else ""))


@cli.command()
@click.argument("contact_ref", metavar="CONTACT")
@click.option("--kind", required=True, type=click.Choice(INTERACTION_KINDS), help="What happened.")
@click.option("--summary", default="", help="A line about it.")
@click.option("--date", "when", metavar="YYYY-MM-DD", default=None, help="When (default today).")
@pass_ctx
def log(obj: Context, contact_ref: str, kind: str, summary: str, when: str | None) -> None:
    """Log an interaction with CONTACT (uid, email, or a name matching one contact)."""
    when = check_date("date", when) or date.today().isoformat()
    with obj.store(write=True) as store:
        contact = store.find_contact(contact_ref)
        store.add_interaction(Interaction(contact_uid=contact.uid, kind=kind, date=when, summary=summary))
        from .followups import follow_up

        state = follow_up(contact, store.interactions(contact.uid), store.profile())
    next_due = state.next_due.isoformat() if state.next_due else "-"
    click.echo(f"logged {kind} with {contact.name} on {when}; next follow-up {next_due}")


@cli.command()
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Set a profile key (lists are ;-separated). Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@pass_ctx
def profile(obj: Context, settings: tuple[str, ...], as_json: bool) -> None:
    """Show or set your profile (what the email templates are filled from)."""
    if settings:
        pairs = []
        for item in settings:
            key, sep, value = item.partition("=")
            if not sep:
                raise NetuiError(f"--set expects KEY=VALUE, got {item!r}")
            pairs.append((key.strip(), value))
        with obj.store(write=True) as store:
            me = store.profile()
            for key, value in pairs:
                me.set_value(key, value)
            me = store.set_profile(me)
    else:
        with obj.store(write=False) as store:
            me = store.profile()
    if as_json:
        echo_json(me.to_doc())
        return
    if settings and not as_json:
        click.echo(f"profile saved ({', '.join(k for k, _ in pairs)})")
        return
    for key in me.keys():
        value = getattr(me, key)
        shown = "; ".join(value) if isinstance(value, list) else value
        click.echo(f"{key:22} {shown}")


@cli.command()
@pass_ctx
def doctor(obj: Context) -> None:
    """Check the data file, its lock, backups, clipboard and template folders."""
    from . import backups
    from .paths import lock_path, real_path, shipped_templates_dir, user_templates_dir
    from .store import Store, lock_holder

    path = obj.db_path
    lines = [("data file", str(path))]
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
                lines.append(("contents", f"{len(store.contacts())} contacts, {len(store.interactions())} "
                              f"interactions, {len(store.events())} events, {len(store.drafts())} drafts"))
                lines.append(("schema", f"version {store.schema_version}"))
                if store.readonly_reason:
                    status = store.readonly_reason
        except NetuiError as exc:
            status = f"PROBLEM: {exc}"
    lines.append(("status", status))
    holder = lock_holder(path)
    lines.append(("lock", f"{lock_path(path)}: " + (f"held by pid {holder}" if holder else "free")))
    found = backups.list_backups(path)
    newest = f", newest {found[0].path.name}" if found else ""
    lines.append(("backups", f"{backups.backups_dir(path)}: {len(found)}{newest}"))
    lines.append(("clipboard", _clipboard_description()))
    lines.append(("templates", f"shipped {shipped_templates_dir()}; yours {user_templates_dir()}"))
    for key, value in lines:
        click.echo(f"{key:12} {value}")


def _clipboard_description() -> str:
    try:
        from .clipboard import describe_backend
    except ImportError:
        return "unknown"
    try:
        return describe_backend()
    except Exception as exc:  # a diagnostic must never fail the command
        return f"unavailable ({exc})"


@cli.command()
@pass_ctx
def backup(obj: Context) -> None:
    """Copy the data file into its backups/ folder now."""
    from .store import Store

    with Store.open(obj.db_path, readonly=True) as store:
        made = store.backup("manual")
    click.echo(f"backup written: {made}")


@cli.command()
@click.argument("backup_name", metavar="[BACKUP]", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the backups and exit.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def restore(obj: Context, backup_name: str | None, list_only: bool, yes: bool) -> None:
    """Bring back a backup (default: the newest good one); the current file is kept."""
    from . import backups
    from .store import restore as restore_file

    found = backups.list_backups(obj.db_path)
    if list_only:
        if not found:
            click.echo(f"no backups in {backups.backups_dir(obj.db_path)}")
        for info in found:
            state = "ok" if backups.is_valid(info.path) else "DAMAGED"
            click.echo(f"{info.path.name}  {info.created:%Y-%m-%d %H:%M:%S}  {info.reason}  "
                       f"{info.size:,} bytes  {state}")
        return
    chosen = backups.resolve_backup(obj.db_path, backup_name)
    if not yes:
        click.confirm(f"Replace {obj.db_path} with {chosen.name}? (the current file is kept)", abort=True)
    kept = restore_file(obj.db_path, chosen)
    click.echo(f"restored {chosen.name}" + (f"; previous file kept as {kept}" if kept else ""))
