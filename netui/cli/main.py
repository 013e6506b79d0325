"""The `netui` command: opens the TUI, and scripting subcommands over the same core.

Every failure is one line on stderr and a non-zero exit, never a traceback,
and a failed command writes nothing.

This module is the entry point and stays light, because starting the app is
what a user waits for most: `netui`, `netui --db PATH` and `netui --lang it` open
the app without loading click or any subcommand; everything else goes through the click group
in netui/cli/group.py. Textual is imported only when the TUI starts, so
scripting commands stay quick.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_APP_OPTIONS = ("--db", "--lang")


def _app_only(args: Sequence[str]) -> tuple[bool, dict[str, str]]:
    """(True, the options) when the arguments only open the app: none, or `--db PATH`
    and `--lang CODE` (also `--db=PATH`, `--lang=CODE`); (False, {}) for everything
    else, which click parses."""
    found: dict[str, str] = {}
    rest = list(args)
    while rest:
        head = rest.pop(0)
        name, eq, value = head.partition("=")
        if name not in _APP_OPTIONS or name in found:
            return False, {}
        if not eq:
            if not rest or rest[0].startswith("-"):
                return False, {}
            value = rest.pop(0)
        found[name] = value
    if found.get("--lang", "it") not in ("it", "en"):  # click says what is wrong with it
        return False, {}
    return True, found


def main(argv: list[str] | None = None) -> int:
    """Entry point: turn every failure into one line on stderr and an exit code."""
    try:
        app_only, options = _app_only(sys.argv[1:] if argv is None else argv)
        if app_only:
            # What the click group does without a subcommand, without loading it.
            from netui.core.i18n import choose_language
            from netui.storage.paths import resolve_db_path
            from netui.tui import launch

            choose_language(options.get("--lang"))
            launch.run_tui(resolve_db_path(options.get("--db")))
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
    from netui.core.i18n import _
    from netui.core.text import terminal_safe
    from netui.core.vocabulary import field_label

    if isinstance(exc, click.exceptions.Abort):
        click.echo("netui: " + _("aborted"), err=True)
        return 1
    if isinstance(exc, click.exceptions.UsageError):
        hint = _(" (see '{command} --help')").format(command=exc.ctx.command_path) if exc.ctx else ""
        click.echo(f"netui: {exc.format_message()}{hint}", err=True)
        return 2
    if isinstance(exc, click.exceptions.ClickException):
        click.echo(f"netui: {exc.format_message()}", err=True)
        return exc.exit_code or 1
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, ValidationError):
        click.echo(terminal_safe("netui: " + _("invalid {field}: {problem}").format(field=field_label(exc.field), problem=exc.message)),
                   err=True)
        return 1
    if isinstance(exc, NetuiError):
        click.echo(terminal_safe(f"netui: {exc}"), err=True)
        return 1
    if isinstance(exc, KeyboardInterrupt):
        click.echo("netui: " + _("interrupted"), err=True)
        return 130
    if isinstance(exc, BrokenPipeError):
        return 0
    # The promise is: never a traceback.
    click.echo(terminal_safe("netui: " + _("internal error: {kind}: {problem}").format(kind=type(exc).__name__, problem=exc)),
               err=True)
    return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
