"""Subcommands of warm paths: `edit` (a contact's fields and links), `paths`, `funnel`."""

from __future__ import annotations

from typing import Any

import click

from netui.cli.contact_fields import check_email_free, register_option
from netui.cli.contact_links import apply_links, link_options
from netui.cli.context import Context, echo_json, pass_ctx
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import NetuiError
from netui.core.i18n import LazyString, _
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import RELATIONSHIPS, SOURCES, TIERS, Contact, check_email
from netui.core.text import clean_line
from netui.core.today import current_day

#: What the commands print, in one place.
TEXT: dict[str, str | LazyString] = {
    "edited": _l("edited {name} ({uid}): {fields}"),
    "unchanged": _l("nothing to change for {name}: give at least one option (see 'netui edit --help')"),
    "no_targets": _l("no company given and no target companies in your profile "
                     "(netui profile --set target_companies='Ferrari; Enel')"),
    "no_paths": _l("  no one in your network leads there yet"),
    "similar": _l("  did you mean: {names}? (different spellings are not merged)"),
    "also_similar": _l("  also in your network, with a close name (not merged): {names}"),
    "funnel_head": "{group:<18} {contacts:>8} {contacted:>10} {replied:>8} {met:>6} {intros:>7}",
    "no_contacts": _l("no contacts yet"),
    "thank_introducer": _l("{name} was introduced to you by {introducer}: thank them too "
                           "(netui draft {uid} --template thank_you)"),
}
FUNNEL_COLUMNS = {"contacts": _l("contacts"), "contacted": _l("contacted"), "replied": _l("replied"),
                  "met": _l("met"), "intros": _l("intros")}


#: The options of `edit` that are free text: through the same gate as `add`'s text.
FREE_TEXT = ("first_name", "last_name", "company", "position", "sector")


@click.command(cls=TranslatedCommand, help=_l("Change a contact (uid, email or a name matching one): only the options given."))
@click.argument("contact_ref", metavar="CONTACT")
@click.option("--first-name", default=None, cls=TranslatedOption, help=_l("First name."))
@click.option("--last-name", default=None, cls=TranslatedOption, help=_l("Last name ('' clears it)."))
@click.option("--email", default=None, cls=TranslatedOption,
              help=_l("Their email address: replaces the main one (where drafts go), the others stay; "
                      "'' removes it."))
@click.option("--company", default=None, cls=TranslatedOption, help=_l("Company."))
@click.option("--position", default=None, cls=TranslatedOption, help=_l("Position (job title)."))
@click.option("--sector", default=None, cls=TranslatedOption, help=_l("Sector."))
@click.option("--source", type=click.Choice(SOURCES), default=None, cls=TranslatedOption, help=_l("Where this contact comes from."))
@click.option("--relationship", type=click.Choice([*RELATIONSHIPS, "none"]), default=None,
              cls=TranslatedOption, help=_l("Relationship to you ('none' clears it)."))
@click.option("--tier", type=click.Choice(TIERS), default=None, cls=TranslatedOption, help=_l("key gets personalised emails."))
@register_option
@link_options
@pass_ctx
def edit(obj: Context, contact_ref: str, first_name: str | None, last_name: str | None, email: str | None,
         company: str | None, position: str | None, sector: str | None, source: str | None,
         relationship: str | None, tier: str | None, register: str | None, introduced_by: str | None,
         knows_at: tuple[str, ...], past_companies: tuple[str, ...]) -> None:
    given = {"first_name": first_name, "last_name": last_name, "company": company, "position": position,
             "sector": sector, "source": source, "relationship": relationship, "tier": tier, "register": register}
    changes: dict[str, Any] = {k: (clean_line(v).strip() if k in FREE_TEXT else v)
                               for k, v in given.items() if v is not None}
    if changes.get("relationship") == "none":
        changes["relationship"] = None
    address = None if email is None else (check_email("email", email) if email.strip() else "")
    named = list(changes) + (["email"] if email is not None else []) + [
        name for name, value in (("introduced_by", introduced_by), ("knows_at", knows_at),
                                 ("past_companies", past_companies)) if value]
    if introduced_by == "":
        named.append("introduced_by")
    with obj.store(write=True) as store:
        contact = store.find_contact(contact_ref)
        if not named:
            raise NetuiError(TEXT["unchanged"].format(name=contact.name))
        if address is not None:
            if address:
                check_email_free(store, address, contact.uid)
            changes["emails"] = with_main_email(contact.emails, address)
        updated = apply_links(store, contact.copy(**changes), introduced_by, knows_at, past_companies)
        stored = store.update_contact(updated)
    click.echo(TEXT["edited"].format(name=stored.name, uid=stored.uid, fields=", ".join(named)))


def with_main_email(emails: list[str], address: str) -> list[str]:
    """The contact's addresses with `address` as the main one (the first, where drafts go).

    The old main address is replaced rather than kept: `edit --email` says "this is
    their address now", and a draft must not go to the old one. Other addresses stay
    (`add` has no way to give them, the contact form does). An empty address removes
    the main one; an address already among the others moves to the front.
    """
    others = [e for e in emails[1:] if e.casefold() != address.casefold()]
    return [address, *others] if address else others


@click.command(cls=TranslatedCommand, help=_l("Who can introduce you to a company, warmest first, and why.\n\nWithout "
      "COMPANY: every target company of your profile."))
@click.argument("companies", nargs=-1, metavar="[COMPANY]...")
@click.option("--json", "as_json", is_flag=True,
              cls=TranslatedOption, help=_l("Print JSON: for one COMPANY an object {company, paths}, else a list of them."))
@pass_ctx
def paths(obj: Context, companies: tuple[str, ...], as_json: bool) -> None:
    from netui.core.warmpaths import CompanyIndex, paths_for_targets

    with obj.store(write=False) as store:
        targets = list(companies) or store.profile().target_companies
        if not targets:
            raise NetuiError(str(TEXT["no_targets"]))
        index = CompanyIndex(store.contacts())
        found = paths_for_targets(index, targets, store.interactions, current_day())
    if as_json:
        docs = [f.to_json() for f in found]
        echo_json(docs[0] if len(companies) == 1 else docs)
        return
    for number, company in enumerate(found):
        if number:
            click.echo("")
        click.echo(f"{company.company} ({len(company.paths)})")
        if not company.paths:
            click.echo(str(TEXT["no_paths"]))
            if company.similar:
                click.echo(TEXT["similar"].format(names=", ".join(company.similar)))
        for path in company.paths:
            click.echo(f"  {path.score:>3}  {path.contact}: {path.reason}")
        if company.paths and company.similar:
            click.echo(TEXT["also_similar"].format(names=", ".join(company.similar)))


@click.command(cls=TranslatedCommand, help=_l("Which sources and sectors lead to replies, meetings and introductions."))
@click.option("--json", "as_json", is_flag=True,
              cls=TranslatedOption, help=_l("Print JSON: by_source and by_sector, each a list of "
                   "{source|sector, contacts, contacted, replied, met, intros, rates}."))
@pass_ctx
def funnel(obj: Context, as_json: bool) -> None:
    from netui.core.funnel import funnel as build_funnel

    with obj.store(write=False) as store:
        result = build_funnel(store.contacts(), store.all_interactions())
    if as_json:
        echo_json(result.to_json())
        return
    if not result.by_source:
        click.echo(str(TEXT["no_contacts"]))
        return
    for title, rows in ((_("source"), result.by_source), (_("sector"), result.by_sector)):
        click.echo(TEXT["funnel_head"].format(group=title.upper(), **FUNNEL_COLUMNS))
        for row in rows:
            group = vocabulary.label("source", row.group) if rows is result.by_source else row.group
            click.echo(f"{group[:18]:<18} {row.contacts:>8} {row.contacted:>10} "
                       f"{_cell(row.replied, row.contacted):>8} {_cell(row.met, row.contacted):>6} "
                       f"{_cell(row.intros, row.contacted):>7}")
        if rows is result.by_source:
            click.echo("")


def thank_introducer_hint(contact: Contact, introducer: Contact | None, kind: str) -> str:
    """After logging `kind` with `contact`: the line suggesting to thank who introduced them, or ""."""
    from netui.core.warmpaths import THANK_INTRODUCER_KINDS

    if introducer is None or kind not in THANK_INTRODUCER_KINDS:
        return ""
    return TEXT["thank_introducer"].format(name=contact.name, introducer=introducer.name, uid=introducer.uid)


def _cell(count: int, contacted: int) -> str:
    """A count and its share of the contacted: `3 60%`."""
    return f"{count} {round(100 * count / contacted)}%" if contacted and count else str(count)


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (edit, paths, funnel):
        cli.add_command(command)
