"""The `netui` command: opens the TUI, and scripting subcommands over the same core.

Every failure is one line on stderr and a non-zero exit, never a traceback,
and a failed command writes nothing.

This module is the entry point and stays light, because starting the app is
what a user waits for most: `netui` and `netui --db PATH` open the app without
loading click or any subcommand; everything else goes through the click group
in netui/cli/group.py. Textual is imported only when the TUI starts, so
scripting commands stay quick.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _app_only(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, the --db value) when the arguments only open the app: none, `--db PATH`
    or `--db=PATH`; (False, None) for everything else, which click parses."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0][len("--db="):]
    return False, None


def main(argv: list[str] | None = None) -> int:
    """Entry point: turn every failure into one line on stderr and an exit code."""
    try:
        app_only, db = _app_only(sys.argv[1:] if argv is None else argv)
        if app_only:
            # What the click group does without a subcommand, without loading it.
            from netui.storage.paths import resolve_db_path
            from netui.tui import launch

            launch.run_tui(resolve_db_path(db))
            return 0
        from netui.cli.group import cli

        cli.main(args=argv, prog_name="netui", standalone_mode=False)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the promise is: never a traceback
        return _failed(exc)
    return 0


def _failed(exc: BaseException) -> int:
    """One line on stderr for `exc`, and the exit code."""
    import click

    from netui.core.errors import NetuiError, ValidationError
    from netui.core.text import terminal_safe

    if isinstance(exc, click.exceptions.Abort):
        click.echo("netui: aborted", err=True)
        return 1
    if isinstance(exc, click.exceptions.UsageError):
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"netui: {exc.format_message()}{hint}", err=True)
        return 2
    if isinstance(exc, click.exceptions.ClickException):
        click.echo(f"netui: {exc.format_message()}", err=True)
        return exc.exit_code or 1
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, ValidationError):
        click.echo(terminal_safe(f"netui: invalid {exc.field}: {exc.message}"), err=True)
        return 1
    if isinstance(exc, NetuiError):
        click.echo(terminal_safe(f"netui: {exc}"), err=True)
        return 1
    if isinstance(exc, KeyboardInterrupt):
        click.echo("netui: interrupted", err=True)
        return 130
    if isinstance(exc, BrokenPipeError):
        return 0
    # The promise is: never a traceback.
    click.echo(terminal_safe(f"netui: internal error: {type(exc).__name__}: {exc}"), err=True)
    return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
