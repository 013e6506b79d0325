"""Subcommands of the visibility area: `post`, `posts` and `checkup`.

Being visible is part of the method: posts you write, discussions you start,
and an online reputation you check every few months.
"""

from __future__ import annotations

import click

from netui.cli.context import Context, echo_json, pass_ctx
from netui.cli.output import safe_echo
from netui.cli.translated import TranslatedCommand, TranslatedOption
from netui.core import vocabulary
from netui.core.errors import NetuiError
from netui.core.i18n import _, format_date
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import POST_KINDS, Post, check_date
from netui.core.today import current_day


@click.command(cls=TranslatedCommand, help=_l("Record something you published (a post, article, comment or discussion), or an "
      "idea for one."))
@click.argument("topic")
@click.option("--kind", type=click.Choice(POST_KINDS), default="post", show_default=True,
              cls=TranslatedOption, help=_l("What you published."))
@click.option("--url", default="", cls=TranslatedOption, help=_l("Where it is (the post's link)."))
@click.option("--date", "when", metavar="YYYY-MM-DD", default=None, cls=TranslatedOption, help=_l("When it was published (default today)."))
@click.option("--idea", is_flag=True, cls=TranslatedOption, help=_l("Keep it as an idea for later (no date): the backlog."))
@pass_ctx
def post(obj: Context, topic: str, kind: str, url: str, when: str | None, idea: bool) -> None:
    if idea and when:
        raise NetuiError(_("--idea has no date: give --date or --idea, not both"))
    day = None if idea else (check_date("date", when) or current_day().isoformat())
    record = Post(topic=topic, kind=kind, url=url, date=day).validate()
    from netui.core.posts import summary_line, visibility

    with obj.store(write=True) as store:
        stored = store.add_post(record)
        state = visibility(store.posts(), store.profile().posts_per_week)
    if stored.date:
        safe_echo(_("recorded {kind} {topic} on {date} ({uid})").format(
            kind=stored.kind, topic=repr(stored.topic), date=format_date(stored.date), uid=stored.uid))
    else:
        safe_echo(_("kept the idea {topic} for later ({uid})").format(topic=repr(stored.topic), uid=stored.uid))
    click.echo(summary_line(state))


@click.command(cls=TranslatedCommand, help=_l("List your posts (ideas first), this week against your target, and the streak."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the posts as JSON."))
@pass_ctx
def posts(obj: Context, as_json: bool) -> None:
    from netui.core.posts import nudge, summary_line, visibility

    with obj.store(write=False) as store:
        found = store.posts()
        target = store.profile().posts_per_week
    if as_json:
        echo_json([p.to_doc() for p in found])
        return
    state = visibility(found, target)
    click.echo(summary_line(state))
    hint = nudge(state)
    if hint:
        click.echo(hint)
    for item in found:
        when = format_date(item.date) or _("idea")
        parts = [f"{when:11}", f"{vocabulary.label('post_kind', item.kind):10}", item.topic, item.url]
        safe_echo("  ".join(p for p in parts if p))


@click.command(cls=TranslatedCommand, help=_l("The reputation and privacy check-up: its items, and when the next round is "
      "due.\n\nTicking the last item completes the round; the next is due "
      "checkup_every_days later."))
@click.option("--tick", "tick", multiple=True, type=int, metavar="N", cls=TranslatedOption, help=_l("Tick item N (repeatable)."))
@click.option("--untick", "untick", multiple=True, type=int, metavar="N", cls=TranslatedOption, help=_l("Untick item N (repeatable)."))
@click.option("--json", "as_json", is_flag=True, cls=TranslatedOption, help=_l("Print the items, their done flags and the due date as JSON."))
@pass_ctx
def checkup(obj: Context, tick: tuple[int, ...], untick: tuple[int, ...], as_json: bool) -> None:
    from netui.events import checkup as service

    if tick or untick:
        with obj.store(write=True) as store:
            rounds = len(service.current(store).checkup.completed)
            if untick:
                service.set_done(store, list(untick), done=False)
            status = service.set_done(store, list(tick), done=True)
            every = store.profile().checkup_every_days
        if len(status.checkup.completed) > rounds:
            click.echo(_("check-up complete: the next one is due on {day}").format(day=format_date(status.due)), err=True)
    else:
        with obj.store(write=False) as store:
            status = service.current(store)
            every = store.profile().checkup_every_days
    if as_json:
        echo_json({
            "due": status.due.isoformat(),
            "is_due": status.is_due,
            "every_days": every,
            "completed": list(status.checkup.completed),
            "lang": status.checkup.lang,
            "items": [{"number": i, "section": item.phase, "text": item.text, "done": item.done}
                      for i, item in enumerate(status.checkup.items, start=1)],
        })
        return
    click.echo(status.line())
    section = None
    for number, item in enumerate(status.checkup.items, start=1):
        if item.phase != section:
            section = item.phase
            safe_echo(service.section_title(section, status.checkup.lang))
        safe_echo(f"  {number:2}. [{'x' if item.done else ' '}] {item.text}")


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""
    for command in (post, posts, checkup):
        cli.add_command(command)
