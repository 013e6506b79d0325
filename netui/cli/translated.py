"""Click options whose help is translated when shown, not when the module is imported.

Click cleans an option's help text when the option is made, which turns a
`lazy_gettext` text into the language of that moment (before `--lang` is even
read). `TranslatedOption` keeps the lazy text as given, so `--help` shows it in
the language netui speaks. A command's own help (its docstring or `help=`) is
kept lazy by click already.
"""

from __future__ import annotations

from typing import Any

import click


class TranslatedOption(click.Option):
    """`@click.option("--x", cls=TranslatedOption, help=lazy_gettext("..."))`."""

    def __init__(self, *args: Any, help: Any = None, **kwargs: Any) -> None:  # noqa: A002 - click's name
        super().__init__(*args, **kwargs)
        self.lazy_help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = None if self.lazy_help is None else str(self.lazy_help)
        return super().get_help_record(ctx)
