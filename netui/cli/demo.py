"""`netui demo`: explore netui on a generated network, never on the user's real file."""

from __future__ import annotations

from pathlib import Path

import click

from netui.cli.translated import TranslatedOption
from netui.core.i18n import _
from netui.core.i18n import lazy_gettext as _l


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""

    @cli.command(help=_l("Open the app on a demo network of invented people (a temporary "
          "file).\n\nThe global --db and NETUI_DB are ignored: the demo never touches "
          "your data file."))
    @click.option("--db", "demo_db", metavar="PATH", default=None,
                  cls=TranslatedOption, help=_l("Write the demo to PATH (a new file, kept afterwards) instead of a temporary file."))
    @click.option("--no-tui", is_flag=True, cls=TranslatedOption, help=_l("Only write the demo file (needs --db), do not open the app."))
    def demo(demo_db: str | None, no_tui: bool) -> None:
        from netui.core.errors import NetuiError
        from netui.io.demo import build_demo, temporary_demo
        from netui.tui.launch import run_tui

        if demo_db:
            path = build_demo(Path(demo_db).expanduser())
            if no_tui:
                click.echo(_("demo network written to {path}").format(path=path))
                return
            run_tui(path, demo=True)
            return
        if no_tui:
            raise NetuiError(_("--no-tui needs --db PATH (where to write the demo)"))
        path, folder = temporary_demo()
        try:
            run_tui(path, demo=True)
        finally:
            folder.cleanup()
