"""Subcommands of the drafts area: `netui draft` and `netui templates`."""

from __future__ import annotations

import click

from netui.core.errors import DraftingError, NetuiError
from netui.core.models import LANGUAGES


def parse_vars(items: tuple[str, ...]) -> dict[str, str]:
    """`--var KEY=VALUE` pairs; a value may contain `=`."""
    found: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise NetuiError(f"--var expects KEY=VALUE, got {item!r}; e.g. --var ask=call")
        found[key.strip()] = value
    return found


def how_to_fix(exc: DraftingError, template: str) -> str:
    """What to type so a draft that failed renders: the error names a field, this names the command."""
    field = exc.field or ""
    if exc.kind == "variable" and field:
        return f"add --var {field}=... to the command"
    if exc.kind == "profile" and field:
        return f"set it with: netui profile --set {field}=..."
    if exc.kind == "contact" and field:
        return f"add the contact's {field} in the app (netui), or choose another template"
    if exc.kind == "event":
        return "draft it from the event in the app (netui, events)"
    if exc.kind in ("syntax", "undefined", "sandbox", "limit", "template"):
        return f"fix the template {template!r} (`netui templates` shows where it is)"
    return ""


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    from netui.cli.context import Context, pass_ctx

    @cli.command("draft")
    @click.argument("contact_ref", metavar="CONTACT")
    @click.option("--template", "-t", "template", required=True, metavar="NAME",
                  help="Template name (see `netui templates`).")
    @click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                  help="Language (default: your profile's).")
    @click.option("--var", "variables", multiple=True, metavar="KEY=VALUE",
                  help="An extra template variable, e.g. ask=call. Repeatable.")
    @click.option("--print", "mode", flag_value="print", help="Print Subject, a blank line, the body (default).")
    @click.option("--copy", "mode", flag_value="copy", help="Copy the body to the clipboard; print the subject.")
    @click.option("--mailto", "mode", flag_value="mailto", help="Print the mailto: URL.")
    @click.option("--eml", "eml", metavar="FILE", default=None, help="Write an unsent .eml draft to FILE.")
    @pass_ctx
    def draft_command(obj: Context, contact_ref: str, template: str, lang: str | None,
                      variables: tuple[str, ...], mode: str | None, eml: str | None) -> None:
        """Render an email to CONTACT from a template; lint warnings go to stderr."""
        from netui.outreach import lint
        from netui.outreach.drafting import render

        if mode and eml:
            raise NetuiError(f"--{mode} and --eml cannot be used together: choose one output")
        mode = "eml" if eml else (mode or "print")
        extra = parse_vars(variables)
        with obj.store(write=False) as store:
            contact = store.find_contact(contact_ref)
            profile = store.profile()
        try:
            email = render(template, lang or profile.language, profile, contact, None, extra)
        except DraftingError as exc:
            hint = how_to_fix(exc, template)
            raise NetuiError(f"{exc}; {hint}" if hint else str(exc)) from None
        for warning in lint.check_draft(email.template, email.subject, email.body, contact, profile):
            click.echo(f"warning: {warning.message}", err=True)
        if mode == "print":
            click.echo(email.text, nl=False)
        elif mode == "mailto":
            from netui.outreach.mail import mailto_url, prefer_eml

            url = mailto_url(contact.email, email.subject, email.body)
            if prefer_eml(url):
                click.echo(f"warning: the link is {len(url):,} characters: some mail clients cut it; "
                           "--eml FILE is safer", err=True)
            click.echo(url)
        elif mode == "eml":
            from netui.outreach.mail import write_eml

            target = write_eml(eml, contact.email, email.subject, email.body)
            click.echo(f"wrote {target}", err=True)
        else:
            from netui.outreach.clipboard import copy

            result = copy(email.body)
            if not result.ok:
                raise NetuiError(f"could not copy the body: {result.message}; use --print or --eml FILE")
            click.echo(f"body {result.message}", err=True)
            click.echo(email.subject)

    @cli.command("templates")
    @click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Only this language.")
    def templates_command(lang: str | None) -> None:
        """List the email templates and where each comes from (yours override the shipped ones)."""
        from netui.outreach.drafting import list_templates

        found = list_templates(lang)
        if not found:
            click.echo("no templates")
            return
        width = max(len(t.name) for t in found)
        for info in found:
            click.echo(f"{info.lang}  {info.name:{width}}  {info.origin:7}  {info.path}")
