"""Subcommands of the events area: `netui events` and `netui event add`."""

from __future__ import annotations

from datetime import date

import click

from netui.core.errors import ValidationError
from netui.core.models import EVENT_KINDS, check_date
from netui.core.wording import plural


def _kind(value: str) -> str:
    value = value.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in EVENT_KINDS:
        raise ValidationError("kind", f"{value!r} is not one of: {', '.join(EVENT_KINDS)}")
    return value


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    from netui.cli.context import Context, echo_json, pass_ctx
    from netui.cli.output import safe_echo

    @cli.command("events")
    @click.option("--json", "as_json", is_flag=True, help="Print the stored documents as JSON.")
    @pass_ctx
    def events_command(obj: Context, as_json: bool) -> None:
        """List events: upcoming first, then past ones."""
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
            today = date.today()
            coming, gone = upcoming(store, today), past(store, today)
            skipped = [e for e in store.events() if e.status == "skipped" and e not in gone]
        if not (coming or gone or skipped):
            click.echo("no events")
            return
        for title, chosen in (("upcoming", coming), ("skipped", skipped), ("past", gone)):
            if not chosen:
                continue
            click.echo(f"{title}:")
            for event in chosen:
                steps = progress(event)
                done = sum(p.done for p in steps.values())
                total = sum(p.total for p in steps.values())
                parts = [when_label(event), KIND_LABELS.get(event.kind, event.kind), event.status, event.name,
                         place_label(event), f"checklist {done}/{total}", plural(len(event.contact_uids), "person met", "people met")]
                safe_echo("  " + "  ".join(p for p in parts if p) + f"  ({event.uid})")

    @cli.group("event")
    def event_group() -> None:
        """Manage events."""

    @event_group.command("add")
    @click.argument("name")
    @click.option("--kind", required=True, metavar="KIND", help=f"One of: {', '.join(EVENT_KINDS)}.")
    @click.option("--date", "when", required=True, metavar="YYYY-MM-DD[THH:MM]", help="Day, and time if any.")
    @click.option("--location", default="", metavar="L", help="Where it takes place.")
    @click.option("--url", default="", metavar="U", help="Its web page or meeting link.")
    @click.option("--online", is_flag=True, help="It happens online.")
    @pass_ctx
    def event_add(obj: Context, name: str, kind: str, when: str, location: str, url: str, online: bool) -> None:
        """Add an event; its checklist is generated for the kind, in your profile's language."""
        from netui.events.service import create_event, progress

        if not name.strip():
            raise ValidationError("name", "an event needs a name")
        kind = _kind(kind)
        when = check_date("date", when, allow_time=True) or ""
        if not when:
            raise ValidationError("date", "a date is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
        with obj.store(write=True) as store:
            event = create_event(store, name, kind, when, location=location, url=url, online=online)
        total = sum(p.total for p in progress(event).values())
        safe_echo(f"added {event.name} on {event.date} ({event.uid}); checklist of " + plural(total, "item", "items"))
