"""Click's own words (usage, headings, its errors) in the language netui speaks.

Click marks its texts for gettext but reads them from the stdlib's global
domain, which follows the environment, not `--lang` nor the profile. `speak_click`
points click's lookups at netui's catalogue, and the texts below are marked so
that the catalogue carries their Italian; a text click changes in a later
version simply stays English.
"""

from __future__ import annotations

import importlib

from netui.core import i18n
from netui.core.i18n import N_

#: Click's modules that look texts up with `_` / `ngettext`.
CLICK_MODULES = ("click.core", "click.exceptions", "click.types", "click.parser", "click.formatting",
                 "click.decorators", "click.termui")

#: The texts of click a netui user meets (extracted into the catalogue from here).
CLICK_TEXTS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("Aborted!"), N_("required"), N_("default: {default}"),
    N_("env var: {var}"), N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing {param_type}"), N_("Missing parameter: {param_name}"), N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("No such command {name!r}."), N_("No such option {name!r}."), N_("Error: {message}"),
    N_("Try '{command} {option}' for help."), N_("Option {name!r} does not take a value."),
    N_("{value} is not in the range {range}."), N_("{value!r} is not a valid {number_type}."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("file"), N_("directory"), N_("path"),
    N_("Could not open file {filename!r}: {message}"), N_("Repeat for confirmation"),
    N_("Error: invalid input"), N_("Error: The two entered values do not match."), N_("deprecated"),
)


#: Click's plural texts, marked for the catalogue.
CLICK_PLURALS = (
    i18n.ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1),
    i18n.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
    i18n.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
    i18n.ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1),
)


def speak_click() -> None:
    """Make click look its texts up in netui's catalogue, in the current language."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            setattr(module, "_", i18n.gettext)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", i18n.ngettext)
