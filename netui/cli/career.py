"""Subcommands of the career area: `landed` (I found a job) and `today` (the day at a glance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from netui.cli.context import Context, echo_json, pass_ctx
from netui.core.models import LANGUAGES

if TYPE_CHECKING:
    from netui.core.models import Profile
    from netui.outreach.landed import Helper


def _job(profile: Profile) -> str:
    where = " at ".join(p for p in (profile.landed_position, profile.landed_company) if p)
    return f"{where} ({profile.landed_on})"


def _helper_lines(helpers: list[Helper]) -> list[str]:
    lines = []
    for helper in helpers:
        contact = helper.contact
        who = f"{contact.name} <{contact.email}>" if contact.email else contact.name
        lines.append(f"  {who}: {helper.reason}")
    return lines


@click.command()
@click.option("--company", default=None, metavar="C", help="Where the job is.")
@click.option("--position", default=None, metavar="P", help="The job's title.")
@click.option("--date", "when", default=None, metavar="YYYY-MM-DD", help="The day you found it.")
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              help="When the search started (default: the first interaction logged).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the drafts (default: the profile's).")
@click.option("--dry-run", is_flag=True, help="List who would be thanked and why; write nothing.")
@click.option("--undo", is_flag=True, help="Back to the search: cadences and profile restored, "
                                           "unsent thank-you drafts removed.")
@pass_ctx
def landed(obj: Context, company: str | None, position: str | None, when: str | None, since: str | None,
           lang: str | None, dry_run: bool, undo: bool) -> None:
    """I found a job: thank everyone who helped, share the news, keep in touch less often.

    Records the job in the profile, prepares a thank-you-and-news draft for
    everyone who helped since the search started (calls, meetings, people met
    at events, replies, introductions), all to send today, and moves the
    cadences to the maintenance rhythm (profile keys landed_key_days and
    landed_network_days, 90 and 180 days by default).
    """
    from netui.core.today import current_day
    from netui.outreach import landed as landing

    if undo:
        if any(v is not None for v in (company, position, when, since, lang)) or dry_run:
            raise click.UsageError("--undo takes no other option")
        with obj.store(write=True) as store:
            undone = landing.undo_landed(store)
        me = undone.profile
        click.echo(f"back to the search: key contacts every {me.cadence_key_days} days, "
                   f"others every {me.cadence_network_days}")
        click.echo(f"removed {undone.removed} unsent thank-you draft{'s' if undone.removed != 1 else ''}"
                   + (f"; kept {undone.kept} already sent" if undone.kept else ""))
        return
    for name, value in (("--company", company), ("--position", position), ("--date", when)):
        if value is None:
            raise click.UsageError(f"missing option {name} (or --undo)")
    assert company is not None and position is not None and when is not None
    today = current_day()
    with obj.store(write=not dry_run) as store:
        if dry_run:
            result = landing.plan_landing(store, company, position, when, since)
        else:
            result = landing.record_landed(store, company, position, when, since=since, today=today, lang=lang)
        before = store.profile() if dry_run else None
    me = result.profile
    count = len(result.helpers)
    verb = "would record" if dry_run else "recorded"
    click.echo(f"{verb}: {_job(me)}; the search since {result.since or me.landed_on}")
    if not count:
        click.echo("nobody to thank: no call, meeting, reply or introduction logged since then")
    else:
        click.echo(f"{count} {'person' if count == 1 else 'people'} helped:")
        for line in _helper_lines(result.helpers):
            click.echo(line)
    old_key, old_network = (before.cadence_key_days, before.cadence_network_days) if before else (
        me.search_key_days, me.search_network_days)
    cadences = (f"key contacts every {me.cadence_key_days} days (was {old_key}), "
                f"others every {me.cadence_network_days} (was {old_network})")
    if dry_run:
        if count:
            click.echo(f"would prepare {count} thank-you-and-news draft{'s' if count != 1 else ''} "
                       f"to send on {today.isoformat()}")
        click.echo(f"would set {cadences}")
        click.echo("dry run: nothing written")
        return
    if result.batch is not None:
        drafts = len(result.batch.drafts)
        click.echo(f"prepared {drafts} thank-you-and-news draft{'s' if drafts != 1 else ''} to send today "
                   f"({result.batch.send_on}), all together; see them in the app (key 2)")
    click.echo(f"cadences: {cadences}")


@click.command("today")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (keys in README.md).")
@pass_ctx
def today_command(obj: Context, as_json: bool) -> None:
    """The day at a glance: who is due, who to thank, this week's events, batches to send."""
    from netui.core.today import (
        BatchLine,
        build_summary,
        current_day,
        summary_json,
        summary_lines,
    )
    from netui.outreach.batch import all_progress

    day = current_day()
    with obj.store(write=False) as store:
        batches = [BatchLine(p.batch_uid, p.days[0] if p.days else "", p.total, p.sent)
                   for p in all_progress(store)]
        summary = build_summary(day, store.contacts(), store.all_interactions(), store.profile(),
                                store.events(), batches)
    if as_json:
        echo_json(summary_json(summary))
        return
    for line in summary_lines(summary):
        click.echo(line)


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (landed, today_command):
        cli.add_command(command)

