"""`netui demo`: explore netui on a generated network, never on the user's real file."""

from __future__ import annotations

from pathlib import Path

import click


def register(cli: click.Group) -> None:
    """Add this area's subcommands to the `netui` group."""

    @cli.command()
    @click.option("--db", "demo_db", metavar="PATH", default=None,
                  help="Write the demo to PATH (a new file, kept afterwards) instead of a temporary file.")
    @click.option("--no-tui", is_flag=True, help="Only write the demo file (needs --db), do not open the app.")
    def demo(demo_db: str | None, no_tui: bool) -> None:
        """Open the app on a demo network of invented people (a temporary file).

        The global --db and NETUI_DB are ignored: the demo never touches your data file.
        """
        from netui.core.errors import NetuiError
        from netui.io.demo import build_demo, temporary_demo
        from netui.tui.launch import run_tui

        if demo_db:
            path = build_demo(Path(demo_db).expanduser())
            if no_tui:
                click.echo(f"demo network written to {path}")
                return
            run_tui(path, demo=True)
            return
        if no_tui:
            raise NetuiError("--no-tui needs --db PATH (where to write the demo)")
        path, folder = temporary_demo()
        try:
            run_tui(path, demo=True)
        finally:
            folder.cleanup()
