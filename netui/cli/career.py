"""Subcommands of the career area: `landed` (I found a job) and `today` (the day at a glance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from netui.cli.context import Context, echo_json, pass_ctx
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core.i18n import _, ngettext
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import LANGUAGES

if TYPE_CHECKING:
    from netui.core.models import Profile
    from netui.outreach.landed import Helper


def _job(profile: Profile) -> str:
    if profile.landed_position and profile.landed_company:
        where = _("{position} at {company}").format(position=profile.landed_position,
                                                    company=profile.landed_company)
    else:
        where = profile.landed_position or profile.landed_company
    return f"{where} ({profile.landed_on})"


def _helper_lines(helpers: list[Helper]) -> list[str]:
    lines = []
    for helper in helpers:
        contact = helper.contact
        who = f"{contact.name} <{contact.email}>" if contact.email else contact.name
        lines.append(f"  {who}: {helper.reason}")
    return lines


@click.command(cls=TranslatedCommand, help=_l("I found a job: thank everyone who helped, share the news, keep in touch less "
      "often.\n\nRecords the job in the profile, prepares a thank-you-and-news draft "
      "for everyone who helped since the search started (calls, meetings, people met "
      "at events, replies, introductions), all to send today, and moves the cadences "
      "to the maintenance rhythm (profile keys landed_key_days and "
      "landed_network_days, 90 and 180 days by default)."))
@click.option("--company", default=None, metavar="C", cls=TranslatedOption, help=_l("Where the job is."))
@click.option("--position", default=None, metavar="P", cls=TranslatedOption, help=_l("The job's title."))
@click.option("--date", "when", default=None, metavar="YYYY-MM-DD", cls=TranslatedOption, help=_l("The day you found it."))
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              cls=TranslatedOption, help=_l("When the search started (default: the first interaction logged)."))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              cls=TranslatedOption, help=_l("Language of the drafts (default: the profile's)."))
@click.option("--dry-run", is_flag=True, cls=TranslatedOption, help=_l("List who would be thanked and why; write nothing."))
@click.option("--undo", is_flag=True, cls=TranslatedOption, help=_l("Back to the search: cadences and profile restored, "
                                           "unsent thank-you drafts removed."))
@pass_ctx
def landed(obj: Context, company: str | None, position: str | None, when: str | None, since: str | None,
           lang: str | None, dry_run: bool, undo: bool) -> None:
    from netui.core.today import current_day
    from netui.outreach import landed as landing

    if undo:
        if any(v is not None for v in (company, position, when, since, lang)) or dry_run:
            raise click.UsageError(_("--undo takes no other option"))
        with obj.store(write=True) as store:
            undone = landing.undo_landed(store)
        me = undone.profile
        click.echo(_("back to the search: key contacts every {key} days, others every {network}").format(
            key=me.cadence_key_days, network=me.cadence_network_days))
        click.echo(ngettext("removed {count} unsent thank-you draft", "removed {count} unsent thank-you drafts",
                            undone.removed).format(count=undone.removed)
                   + (_("; kept {count} already sent").format(count=undone.kept) if undone.kept else ""))
        return
    for name, value in (("--company", company), ("--position", position), ("--date", when)):
        if value is None:
            raise click.UsageError(_("missing option {name} (or --undo)").format(name=name))
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
    recorded = (_("would record: {job}; the search since {since}") if dry_run
                else _("recorded: {job}; the search since {since}"))
    click.echo(recorded.format(job=_job(me), since=result.since or me.landed_on))
    if not count:
        click.echo(_("nobody to thank: no call, meeting, reply or introduction logged since then"))
    else:
        click.echo(ngettext("{count} person helped:", "{count} people helped:", count).format(count=count))
        for line in _helper_lines(result.helpers):
            click.echo(line)
    old_key, old_network = (before.cadence_key_days, before.cadence_network_days) if before else (
        me.search_key_days, me.search_network_days)
    cadences = _("key contacts every {key} days (was {old_key}), others every {network} (was {old_network})").format(
        key=me.cadence_key_days, old_key=old_key, network=me.cadence_network_days, old_network=old_network)
    if dry_run:
        if count:
            click.echo(ngettext("would prepare {count} thank-you-and-news draft to send on {day}",
                                "would prepare {count} thank-you-and-news drafts to send on {day}",
                                count).format(count=count, day=today.isoformat()))
        click.echo(_("would set {cadences}").format(cadences=cadences))
        click.echo(_("dry run: nothing written"))
        return
    if result.batch is not None:
        drafts = len(result.batch.drafts)
        click.echo(ngettext("prepared {count} thank-you-and-news draft to send today ({day}), all together; "
                            "see them in the app (key 2)",
                            "prepared {count} thank-you-and-news drafts to send today ({day}), all together; "
                            "see them in the app (key 2)", drafts).format(count=drafts, day=result.batch.send_on))
    click.echo(_("cadences: {cadences}").format(cadences=cadences))


@click.command("today", cls=TranslatedCommand, help=_l("The day at a glance: who is due, who to thank, this week's events, batches to "
      "send, the week's posts against your target and the check-up."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the summary as JSON (keys in README.md)."))
@pass_ctx
def today_command(obj: Context, as_json: bool) -> None:
    from netui.core.daily import BatchLine, build_summary, summary_json, summary_lines
    from netui.core.today import current_day
    from netui.outreach.batch import all_progress

    day = current_day()
    with obj.store(write=False) as store:
        batches = [BatchLine(p.batch_uid, p.days[0] if p.days else "", p.total, p.sent)
                   for p in all_progress(store)]
        summary = build_summary(day, store.contacts(), store.all_interactions(), store.profile(),
                                store.events(), batches, store.posts(), store.checkup())
    if as_json:
        echo_json(summary_json(summary))
        return
    for line in summary_lines(summary):
        click.echo(line)


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (landed, today_command):
        cli.add_command(command)

