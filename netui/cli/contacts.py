"""Subcommands of the network area: `add`, `contacts`, `log`, `profile`."""

from __future__ import annotations

import click

from netui.cli.contact_fields import check_email_free, register_option
from netui.cli.contact_links import apply_links, link_options
from netui.cli.context import Context, echo_json, pass_ctx
from netui.cli.output import safe_echo
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import NetuiError
from netui.core.i18n import _, format_date
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import (
    INTERACTION_KINDS,
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Contact,
    Interaction,
    check_date,
    check_not_future,
    parse_name_email,
)
from netui.core.text import terminal_safe
from netui.core.today import current_day


@click.command(cls=TranslatedCommand, help=_l('Add a contact: "Ada Lovelace <ada@example.org>", a name, or an email.'))
@click.argument("who", metavar='"NAME <EMAIL>"')
@click.option("--company", default="", cls=TranslatedOption, help=_l("Company."))
@click.option("--position", default="", cls=TranslatedOption, help=_l("Position (job title)."))
@click.option("--sector", default="", cls=TranslatedOption, help=_l("Sector."))
@click.option("--source", type=click.Choice(SOURCES), default="other", show_default=True,
              cls=TranslatedOption, help=_l("Where this contact comes from."))
@click.option("--relationship", type=click.Choice(RELATIONSHIPS), default=None, cls=TranslatedOption, help=_l("Relationship to you."))
@click.option("--tier", type=click.Choice(TIERS), default="network", show_default=True,
              cls=TranslatedOption, help=_l("key gets personalised emails."))
@register_option
@link_options
@pass_ctx
def add(obj: Context, who: str, company: str, position: str, sector: str, source: str,
        relationship: str | None, tier: str, register: str | None, introduced_by: str | None = None,
        knows_at: tuple[str, ...] = (), past_companies: tuple[str, ...] = ()) -> None:
    first, last, email = parse_name_email(who)
    contact = Contact(first_name=first, last_name=last, emails=[email] if email else [],
                      company=company.strip(), position=position.strip(), sector=sector.strip(),
                      source=source, relationship=relationship, tier=tier, register=register or "").validate()
    with obj.store(write=True) as store:
        if email:
            check_email_free(store, email)
        stored = store.add_contact(apply_links(store, contact, introduced_by, knows_at, past_companies))
    safe_echo(_("added {name} ({uid})").format(name=stored.name, uid=stored.uid))


#: The columns of `netui contacts`, and the width each may shrink to when the terminal
#: is narrow (None: never cut). Names keep the most room.
CONTACT_COLUMNS = (_l("Name"), _l("Email"), _l("Company"), _l("Position"), _l("Tier"), _l("Next follow-up"),
                   _l("To thank"))
CONTACT_SHRINK_TO = (14, 10, 7, 8, None, None, None)  # the sum fits 80 columns


@click.command(cls=TranslatedCommand, help=_l("List contacts by name (first name, then last name: the overview's order), in "
      "columns."))
@click.option("--search", "query", metavar="Q", cls=TranslatedOption, help=_l("Only contacts matching Q (accents and case ignored)."))
@click.option("--due", is_flag=True, cls=TranslatedOption, help=_l("Only contacts due for a follow-up, most overdue first."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the stored documents as JSON."))
@pass_ctx
def contacts(obj: Context, query: str | None, due: bool, as_json: bool) -> None:
    from netui.cli.table import render
    from netui.core.followups import due_contacts, follow_ups
    from netui.core.names import sorted_by_name
    from netui.core.textsearch import contact_key, matches

    with obj.store(write=False) as store:
        profile = store.profile()
        interactions = store.interactions()
        if due:
            chosen = [c for c, _ in due_contacts(store.contacts(), interactions, profile)]
        else:
            chosen = sorted_by_name(store.contacts())
        if query:
            chosen = [c for c in chosen if matches(contact_key(c), query, c.company)]
        if as_json:
            echo_json([c.to_doc() for c in chosen])
            return
        states = follow_ups(chosen, interactions, profile)
    if not chosen:
        if due:
            empty = _("no contacts due matching {query}") if query else _("no contacts due")
        else:
            empty = _("no contacts matching {query}") if query else _("no contacts")
        safe_echo(empty.format(query=repr(query)))
        return
    rows = []
    for c in chosen:
        state = states[c.uid]
        rows.append([terminal_safe(cell) for cell in (
            c.name, c.email, c.company, c.position, vocabulary.label("tier", c.tier),
            format_date(state.next_due) if state.next_due else "-", _("yes") if state.to_thank else "")])
    for line in render([str(c) for c in CONTACT_COLUMNS], rows, CONTACT_SHRINK_TO):
        safe_echo(line)


@click.command(cls=TranslatedCommand, help=_l("Log an interaction with CONTACT (uid, email, or a name matching one contact)."))
@click.argument("contact_ref", metavar="CONTACT")
@click.option("--kind", required=True, type=click.Choice(INTERACTION_KINDS), cls=TranslatedOption, help=_l("What happened."))
@click.option("--summary", default="", cls=TranslatedOption, help=_l("A line about it."))
@click.option("--date", "when", metavar="YYYY-MM-DD", default=None, cls=TranslatedOption, help=_l("When (default today)."))
@pass_ctx
def log(obj: Context, contact_ref: str, kind: str, summary: str, when: str | None) -> None:
    when = check_date("date", when) or current_day().isoformat()
    check_not_future("date", when)
    with obj.store(write=True) as store:
        contact = store.find_contact(contact_ref)
        store.add_interaction(Interaction(contact_uid=contact.uid, kind=kind, date=when, summary=summary))
        from netui.core.followups import follow_up

        state = follow_up(contact, store.interactions(contact.uid), store.profile())
        introducer = store.contact(contact.introduced_by) if contact.introduced_by else None
    next_due = format_date(state.next_due) if state.next_due else "-"
    safe_echo(_("logged {kind} with {name} on {date}; next follow-up {next_due}").format(
        kind=kind, name=contact.name, date=format_date(when), next_due=next_due))
    from netui.cli.network import thank_introducer_hint

    hint = thank_introducer_hint(contact, introducer, kind)
    if hint:
        safe_echo(hint)


@click.command(cls=TranslatedCommand, help=_l("Show or set your profile (what the email templates are filled from)."))
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              cls=TranslatedOption, help=_l("Set a profile key (lists are ;-separated). Repeatable."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the profile as JSON."))
@pass_ctx
def profile(obj: Context, settings: tuple[str, ...], as_json: bool) -> None:
    if settings:
        pairs = []
        for item in settings:
            key, sep, value = item.partition("=")
            if not sep:
                raise NetuiError(_("--set expects KEY=VALUE, got {item}; e.g. --set first_name=Giulia").format(
                    item=repr(item)))
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
        click.echo(_("profile saved ({keys})").format(keys=", ".join(k for k, _value in pairs)))
        return
    for key in me.keys():
        value = getattr(me, key)
        shown = "; ".join(value) if isinstance(value, list) else value
        safe_echo(f"{key:22} {shown}")


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (add, contacts, log, profile):
        cli.add_command(command)
