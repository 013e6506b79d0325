"""The `netui` click group: the global options and every area's subcommands.

`netui.cli.main` is the entry point; started without a subcommand it opens the
app without loading this module. Each area's module adds its own subcommands
(`register(cli)`); the list of areas below is the only place that names them.
"""

from __future__ import annotations

import click

from netui.cli import (
    admin,
    career,
    contacts,
    demo,
    drafts,
    events,
    io,
    network,
    visibility,
)
from netui.cli.click_text import speak_click
from netui.cli.context import Context
from netui.cli.translated import TranslatedGroup, TranslatedOption
from netui.core.i18n import SUPPORTED, choose_language, lazy_gettext
from netui.core.i18n import lazy_gettext as _l
from netui.tui.launch import run_tui


def _speak(lang: str | None) -> str | None:
    """--lang is eager: `netui --lang it --help` already answers in Italian."""
    choose_language(lang)
    return lang


@click.group(cls=TranslatedGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]}, help=_l("netui: build and keep your professional network, from the terminal.\n\nWithout "
      "a command, opens the full-screen app on the data file."))
@click.option("--db", "db", metavar="PATH", envvar="NETUI_DB",
              cls=TranslatedOption, help=_l("Data file (default: NETUI_DB, else the user data folder's netui.json)."))
@click.option("--lang", "lang", type=click.Choice(SUPPORTED), default=None, cls=TranslatedOption, is_eager=True,
              callback=lambda _ctx, _param, value: _speak(value),
              help=lazy_gettext("Language of the app, the messages and the templates (default: NETUI_LANG, "
                                "else the profile's language, else the locale, else English)."))
@click.version_option(package_name="netui", cls=TranslatedOption, help=_l("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, db: str | None, lang: str | None) -> None:
    ctx.obj = Context(db)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj.db_path)


speak_click()
for _area in (contacts, drafts, events, io, demo, admin, career, visibility, network):
    _area.register(cli)
