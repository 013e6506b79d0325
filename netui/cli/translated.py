"""Click options whose help is translated when shown, not when the module is imported.

Click cleans an option's help text when the option is made, which turns a
`lazy_gettext` text into the language of that moment (before `--lang` is even
read). `TranslatedOption` keeps the lazy text as given, so `--help` shows it in
the language netui speaks. A command's own help (its docstring or `help=`) is
kept lazy by click already.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from netui.core.i18n import _


class TranslatedOption(click.Option):
    """`@click.option("--x", cls=TranslatedOption, help=lazy_gettext("..."))`."""

    def __init__(self, *args: Any, help: Any = None, **kwargs: Any) -> None:  # noqa: A002 - click's name
        super().__init__(*args, **kwargs)
        self.lazy_help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = None if self.lazy_help is None else str(self.lazy_help)
        return super().get_help_record(ctx)


class LazyText:
    """Help text built when shown (a translated text with values filled in), for `TranslatedOption`."""

    def __init__(self, make: Callable[[], str]) -> None:
        self.make = make

    def __str__(self) -> str:
        return self.make()


def _translated_help_option(option: click.Option | None) -> click.Option | None:
    """Click makes the help option once per command, before `--lang` is read: word it when shown."""
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


class TranslatedCommand(click.Command):
    """A command whose `--help` option is described in the language netui speaks."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated_help_option(super().get_help_option(ctx))


class TranslatedGroup(click.Group):
    """A group like `TranslatedCommand`; the commands and groups it makes are translated too."""

    command_class = TranslatedCommand
    group_class = type

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated_help_option(super().get_help_option(ctx))
