"""Subcommands of the events area: `netui events` and `netui event add`."""

from __future__ import annotations

import click

from netui.cli.translated import LazyText, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import ValidationError
from netui.core.i18n import _, ngettext
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import EVENT_KINDS, check_date
from netui.core.today import current_day


def _kind(value: str) -> str:
    value = value.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in EVENT_KINDS:
        raise ValidationError("kind", _("{value} is not one of: {choices}").format(value=repr(value),
                                                                                 choices=", ".join(EVENT_KINDS)))
    return value


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    from netui.cli.context import Context, echo_json, pass_ctx
    from netui.cli.output import safe_echo

    @cli.command("events", help=_l("List events: upcoming first, then past ones."))
    @click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the stored documents as JSON."))
    @pass_ctx
    def events_command(obj: Context, as_json: bool) -> None:
        from netui.events.service import (
            KIND_LABELS,
            past,
            place_label,
            progress,
            upcoming,
            when_label,
        )

        with obj.store(write=False) as store:
            if as_json:
                echo_json([e.to_doc() for e in store.events()])
                return
            today = current_day()
            coming, gone = upcoming(store, today), past(store, today)
            skipped = [e for e in store.events() if e.status == "skipped" and e not in gone]
        if not (coming or gone or skipped):
            click.echo(_("no events"))
            return
        for title, chosen in ((_("upcoming"), coming), (_("skipped"), skipped), (_("past"), gone)):
            if not chosen:
                continue
            click.echo(f"{title}:")
            for event in chosen:
                steps = progress(event)
                done = sum(p.done for p in steps.values())
                total = sum(p.total for p in steps.values())
                parts = [when_label(event), KIND_LABELS.get(event.kind, event.kind), vocabulary.label("event_status", event.status).lower(),
                         event.name, place_label(event), _("checklist {done}/{total}").format(done=done, total=total),
                         ngettext("{count} person met", "{count} people met", len(event.contact_uids)).format(
                             count=len(event.contact_uids))]
                safe_echo("  " + "  ".join(p for p in parts if p) + f"  ({event.uid})")

    @cli.group("event", help=_l("Manage events."))
    def event_group() -> None:
        """The `event` group (its help is translated, above)."""

    @event_group.command("add", help=_l("Add an event; its checklist is generated for the kind, in your profile's "
          "language."))
    @click.argument("name")
    @click.option("--kind", required=True, metavar="KIND", cls=TranslatedOption,
                  help=LazyText(lambda: _("One of: {choices}.").format(choices=", ".join(EVENT_KINDS))))
    @click.option("--date", "when", required=True, metavar="YYYY-MM-DD[THH:MM]", cls=TranslatedOption, help=_l("Day, and time if any."))
    @click.option("--location", default="", metavar="L", cls=TranslatedOption, help=_l("Where it takes place."))
    @click.option("--url", default="", metavar="U", cls=TranslatedOption, help=_l("Its web page or meeting link."))
    @click.option("--online", is_flag=True, cls=TranslatedOption, help=_l("It happens online."))
    @pass_ctx
    def event_add(obj: Context, name: str, kind: str, when: str, location: str, url: str, online: bool) -> None:
        from netui.events.service import create_event, progress, when_label

        if not name.strip():
            raise ValidationError("name", _("an event needs a name"))
        kind = _kind(kind)
        when = check_date("date", when, allow_time=True) or ""
        if not when:
            raise ValidationError("date", _("a date is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"))
        with obj.store(write=True) as store:
            event = create_event(store, name, kind, when, location=location, url=url, online=online)
        total = sum(p.total for p in progress(event).values())
        safe_echo(ngettext("added {name} on {date} ({uid}); checklist of {count} item",
                           "added {name} on {date} ({uid}); checklist of {count} items", total).format(
            name=event.name, date=when_label(event), uid=event.uid, count=f"{total:,}"))
