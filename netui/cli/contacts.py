"""Subcommands of the network area: `add`, `contacts`, `log`, `profile`."""

from __future__ import annotations

from datetime import date

import click

from netui.cli.contact_links import apply_links, link_options
from netui.cli.context import Context, echo_json, pass_ctx
from netui.core.errors import NetuiError
from netui.core.models import (
    INTERACTION_KINDS,
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Contact,
    Interaction,
    check_date,
    parse_name_email,
)


@click.command()
@click.argument("who", metavar='"NAME <EMAIL>"')
@click.option("--company", default="", help="Company.")
@click.option("--position", default="", help="Position (job title).")
@click.option("--sector", default="", help="Sector.")
@click.option("--source", type=click.Choice(SOURCES), default="other", show_default=True,
              help="Where this contact comes from.")
@click.option("--relationship", type=click.Choice(RELATIONSHIPS), default=None, help="Relationship to you.")
@click.option("--tier", type=click.Choice(TIERS), default="network", show_default=True,
              help="key gets personalised emails.")
@link_options
@pass_ctx
def add(obj: Context, who: str, company: str, position: str, sector: str, source: str,
        relationship: str | None, tier: str, introduced_by: str | None = None,
        knows_at: tuple[str, ...] = (), past_companies: tuple[str, ...] = ()) -> None:
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
        stored = store.add_contact(apply_links(store, contact, introduced_by, knows_at, past_companies))
    click.echo(f"added {stored.name} ({stored.uid})")


@click.command()
@click.option("--search", "query", metavar="Q", help="Only contacts matching Q (accents and case ignored).")
@click.option("--due", is_flag=True, help="Only contacts due for a follow-up, most overdue first.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored documents as JSON.")
@pass_ctx
def contacts(obj: Context, query: str | None, due: bool, as_json: bool) -> None:
    """List contacts."""
    from netui.core.followups import due_contacts, follow_ups
    from netui.core.textsearch import contact_key, matches

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


@click.command()
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
        from netui.core.followups import follow_up

        state = follow_up(contact, store.interactions(contact.uid), store.profile())
        introducer = store.contact(contact.introduced_by) if contact.introduced_by else None
    next_due = state.next_due.isoformat() if state.next_due else "-"
    click.echo(f"logged {kind} with {contact.name} on {when}; next follow-up {next_due}")
    from netui.cli.network import thank_introducer_hint

    hint = thank_introducer_hint(contact, introducer, kind)
    if hint:
        click.echo(hint)


@click.command()
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


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (add, contacts, log, profile):
        cli.add_command(command)
