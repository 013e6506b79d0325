"""Subcommands of the drafts area: `netui draft`, `netui templates`, and the stored drafts:
`netui drafts` lists them, `netui sent` marks one sent with the app's own code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from netui.cli.context import Context, echo_json, pass_ctx
from netui.cli.output import safe_echo
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import DraftingError, NetuiError, NotFoundError
from netui.core.i18n import _, format_date, ngettext, template_language
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import LANGUAGES, Contact, Draft
from netui.core.text import terminal_safe

if TYPE_CHECKING:
    from netui.storage.store import Store


def parse_vars(items: tuple[str, ...]) -> dict[str, str]:
    """`--var KEY=VALUE` pairs; a value may contain `=`."""
    found: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise NetuiError(_("--var expects KEY=VALUE, got {item}; e.g. --var ask=call").format(item=repr(item)))
        found[key.strip()] = value
    return found


def _linkedin_handoff(text: str, contact: Contact, open_profile: bool) -> None:
    """Copy the text; with `open_profile`, open the contact's LinkedIn page to paste it there."""
    from netui.outreach import channels
    from netui.outreach.clipboard import copy

    result = copy(text)
    if not result.ok:
        raise NetuiError(_("could not copy the text: {problem}; use --print").format(problem=result.message))
    click.echo(_("text {outcome}").format(outcome=result.message), err=True)
    if not open_profile:
        return
    url = channels.profile_url(contact)
    if not url:
        raise NetuiError(_("the text is on the clipboard, but {problem}").format(problem=channels.no_url_message(contact)))
    opened = channels.open_in_browser(url)
    if not opened.ok:
        raise NetuiError(opened.message)
    click.echo(_("{outcome}: paste the text there").format(outcome=opened.message), err=True)


def how_to_fix(exc: DraftingError, template: str) -> str:
    """What to type so a draft that failed renders: the error names a field, this names the command."""
    field = exc.field or ""
    if exc.kind == "variable" and field:
        return _("add --var {field}=... to the command").format(field=field)
    if exc.kind == "profile" and field:
        return _("set it with: netui profile --set {field}=...").format(field=field)
    if exc.kind == "contact" and field:
        return _("add the contact's {field} in the app (netui), or choose another template").format(field=field)
    if exc.kind == "event":
        return _("draft it from the event in the app (netui, events)")
    if exc.kind in ("syntax", "undefined", "sandbox", "limit", "template"):
        return _("fix the template {template} (`netui templates` shows where it is)").format(template=repr(template))
    return ""


#: The columns of `netui drafts`, and the width each may shrink to (None: never cut;
#: the uid is what `netui sent` takes).
DRAFT_COLUMNS = (_l("Draft"), _l("Status"), _l("Day"), _l("Contact"), _l("Template"), _l("Subject"))
DRAFT_SHRINK_TO = (None, None, None, 12, 8, 8)


@click.command(cls=TranslatedCommand, help=_l("List the drafts kept in the data file (the app's Drafts screen, key 2): "
      "unsent first, by day. The first column is the uid `netui sent` takes."))
@click.option("--unsent", is_flag=True, cls=TranslatedOption, help=_l("Only the drafts not sent yet."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the stored documents as JSON."))
@pass_ctx
def drafts(obj: Context, unsent: bool, as_json: bool) -> None:
    from netui.cli.table import render
    from netui.outreach.batch import ordered_drafts

    with obj.store(write=False) as store:
        chosen = [d for d in ordered_drafts(store) if not unsent or d.status != "sent"]
        if as_json:
            echo_json([d.to_doc() for d in chosen])
            return
        names = {d.contact_uid: (c.name if (c := store.contact(d.contact_uid)) else _("(deleted contact)"))
                 for d in chosen}
    if not chosen:
        safe_echo(_("no unsent drafts") if unsent else _("no drafts"))
        return
    rows = []
    for d in chosen:  # a LinkedIn text has no subject: its first line says what it is
        subject = d.subject or d.body.strip().partition("\n")[0] or _("(no subject)")
        rows.append([terminal_safe(cell) for cell in (
            d.uid, vocabulary.DRAFT_STATUSES.label(d.status), format_date(d.send_on) if d.send_on else "-",
            names[d.contact_uid], vocabulary.TEMPLATES.label(d.template), subject)])
    for line in render([str(c) for c in DRAFT_COLUMNS], rows, DRAFT_SHRINK_TO):
        safe_echo(line)


def find_draft(store: "Store", ref: str) -> Draft:
    """The draft `ref` means: its uid, or a contact (uid, email, name) with exactly one unsent draft."""
    from netui.outreach.batch import ordered_drafts

    draft = store.draft(ref.strip())
    if draft is not None:
        return draft
    try:
        contact = store.find_contact(ref)
    except NotFoundError as exc:
        raise NotFoundError(_("no draft has the uid {ref}, and {problem}").format(ref=repr(ref), problem=exc)) from None
    unsent = [d for d in ordered_drafts(store) if d.contact_uid == contact.uid and d.status != "sent"]
    if len(unsent) == 1:
        return unsent[0]
    if not unsent:
        raise NetuiError(_("{name} has no unsent draft (netui drafts lists them)").format(name=contact.name))
    raise NetuiError(ngettext("{name} has {count} unsent draft: give its uid ({uids})",
                              "{name} has {count} unsent drafts: give the uid of one ({uids})", len(unsent)).format(
        name=contact.name, count=len(unsent), uids=", ".join(d.uid for d in unsent)))


@click.command(cls=TranslatedCommand, help=_l("Mark a draft sent, as the app does (f4 in compose, s on the Drafts "
      "screen): it logs the email, or the LinkedIn message, on its day, and counts in its batch.\n\nDRAFT is "
      "a draft's uid (`netui drafts` lists them) or a contact with one unsent draft."))
@click.argument("draft_ref", metavar="DRAFT")
@pass_ctx
def sent(obj: Context, draft_ref: str) -> None:
    from netui.outreach import sending

    with obj.store(write=True) as store:
        draft = find_draft(store, draft_ref)
        interaction = sending.mark_sent(store, draft.uid)
        message = sending.sent_message(store, draft, interaction)
    safe_echo(message)


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    cli.add_command(drafts)
    cli.add_command(sent)

    @cli.command("draft", help=_l("Render an email or a LinkedIn text to CONTACT from a template; lint "
          "warnings go to stderr."))
    @click.argument("contact_ref", metavar="CONTACT")
    @click.option("--template", "-t", "template", required=True, metavar="NAME",
                  cls=TranslatedOption, help=_l("Template name (see `netui templates`)."))
    @click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                  cls=TranslatedOption, help=_l("Language (default: your profile's)."))
    @click.option("--var", "variables", multiple=True, metavar="KEY=VALUE",
                  cls=TranslatedOption, help=_l("An extra template variable, e.g. ask=call. Repeatable."))
    @click.option("--print", "mode", flag_value="print", cls=TranslatedOption, help=_l("Print Subject, a blank line, the body (default)."))
    @click.option("--copy", "mode", flag_value="copy", cls=TranslatedOption, help=_l("Copy the body to the clipboard; print the subject."))
    @click.option("--mailto", "mode", flag_value="mailto", cls=TranslatedOption, help=_l("Print the mailto: URL."))
    @click.option("--eml", "eml", metavar="FILE", default=None, cls=TranslatedOption, help=_l("Write an unsent .eml draft to FILE."))
    @click.option("--open", "open_profile", is_flag=True,
                  cls=TranslatedOption, help=_l("LinkedIn templates: open the contact's LinkedIn profile in the browser (with --copy)."))
    @pass_ctx
    def draft_command(obj: Context, contact_ref: str, template: str, lang: str | None,
                      variables: tuple[str, ...], mode: str | None, eml: str | None, open_profile: bool) -> None:
        from netui.outreach import channels, lint
        from netui.outreach.drafting import render

        if mode and eml:
            raise NetuiError(_("--{mode} and --eml cannot be used together: choose one output").format(mode=mode))
        mode = "eml" if eml else (mode or "print")
        extra = parse_vars(variables)
        with obj.store(write=False) as store:
            contact = store.find_contact(contact_ref)
            profile = store.profile()
        try:
            email = render(template, lang or template_language(profile.language), profile, contact, None, extra)
        except DraftingError as exc:
            hint = how_to_fix(exc, template)
            raise NetuiError(f"{exc}; {hint}" if hint else str(exc)) from None
        channel = channels.from_headers(email.headers)
        if channel.is_linkedin and mode in ("mailto", "eml"):
            raise NetuiError(_("{template} is a LinkedIn {form}, not an email: use --print, or --copy --open").format(
                template=email.template, form=channel.form))
        if open_profile and not channel.is_linkedin:
            raise NetuiError(_("--open is for LinkedIn templates; for an email use --mailto or --eml FILE"))
        warnings = lint.check_draft(email.template, email.subject, email.body, contact, profile, email.lang,
                                    channel=channel.name, form=channel.form)
        blocking = [w for w in warnings if w.code in lint.BLOCKING]
        for warning in warnings:
            if warning not in blocking:
                click.echo(_("warning: {message}").format(message=warning.message), err=True)
        if channel.is_linkedin:
            if mode == "print":
                click.echo(terminal_safe(email.text, multiline=True), nl=False)
            if blocking:  # printed so it can be shortened, but never copied or handed off
                raise NetuiError("; ".join(w.message for w in blocking))
            if mode == "copy":
                _linkedin_handoff(email.body, contact, open_profile)
            return
        if mode == "print":
            click.echo(terminal_safe(email.text, multiline=True), nl=False)
        elif mode == "mailto":
            from netui.outreach.mail import mailto_url, prefer_eml

            url = mailto_url(contact.email, email.subject, email.body)
            if prefer_eml(url):
                click.echo(_("warning: the link is {length} characters: some mail clients cut it; "
                             "--eml FILE is safer").format(length=f"{len(url):,}"), err=True)
            click.echo(url)
        elif eml is not None:  # mode "eml"
            from netui.outreach.mail import write_eml

            target = write_eml(eml, contact.email, email.subject, email.body)
            click.echo(_("wrote {path}").format(path=target), err=True)
        else:
            from netui.outreach.clipboard import copy

            result = copy(email.body)
            if not result.ok:
                raise NetuiError(_("could not copy the body: {problem}; use --print or --eml FILE").format(problem=result.message))
            click.echo(_("body {outcome}").format(outcome=result.message), err=True)
            click.echo(terminal_safe(email.subject))

    @cli.command("templates", help=_l("List the templates, their channel (email or LinkedIn) and where each comes "
          "from (yours override the shipped ones)."))
    @click.option("--lang", type=click.Choice(LANGUAGES), default=None, cls=TranslatedOption, help=_l("Only this language."))
    def templates_command(lang: str | None) -> None:
        from netui.outreach.drafting import list_templates

        found = list_templates(lang)
        if not found:
            click.echo(_("no templates"))
            return
        from netui.outreach import channels

        width = max(len(t.name) for t in found)
        for info in found:
            channel = channels.of_template(info.name, info.lang).label.replace(" ", "/")
            origin = vocabulary.label("template_origin", info.origin)
            click.echo(f"{info.lang}  {info.name:{width}}  {origin:7}  {channel:16}  {info.path}")
