"""The help screen (`?`): every key of every screen, from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from netui.core.i18n import _
from netui.tui.base import NetuiModal
from netui.tui.keys import _l, key_label

#: Listed once as "tab / shift+tab" rather than once per form.
FOCUS_ACTIONS = frozenset({"app.focus_next", "app.focus_previous"})


def rows_of(bindings: Iterable[BindingType], skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    rows = []
    for b in bindings:
        if not isinstance(b, Binding) or b.action in skip or b.action in FOCUS_ACTIONS:
            continue
        rows.append((key_label(b.key), str(b.description or b.action)))
    return rows


def sections(app_bindings: Iterable[BindingType]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys, grouped by where they work (`app_bindings`: the app's own)."""
    from netui.tui.dialogs.log_interaction import LogInteractionScreen
    from netui.tui.screens.companies import HELP_ROWS as COMPANIES_ROWS
    from netui.tui.screens.companies import CompaniesScreen
    from netui.tui.screens.compose import ComposeScreen
    from netui.tui.screens.contact import ContactScreen, TimelineTable
    from netui.tui.screens.drafts import DraftsScreen
    from netui.tui.screens.events import help_section as events_section
    from netui.tui.screens.overview import OverviewScreen
    from netui.tui.screens.posts import PostsScreen
    from netui.tui.screens.profile import ProfileScreen

    return [
        (_("Everywhere"), [("ctrl+p", _("command palette: every action, searchable")),
                        *rows_of(app_bindings),
                        ("", _("1-6 work when no text field has focus"))]),
        (_("Network overview"), [*rows_of(OverviewScreen.BINDINGS, frozenset({"focus_table"})),
                              (_("up / down"), _("move in the table (pgup / pgdn / home / end)")),
                              (_("click a title"), _("sort by that column (again: reverse)"))]),
        (_("Contact form"), [("tab / shift+tab", _("next / previous field")),
                          *rows_of(ContactScreen.BINDINGS),
                          (_("enter"), _("in the interactions list: edit the interaction")),
                          *rows_of(TimelineTable.BINDINGS)]),
        (_("Log an interaction"), [("tab / shift+tab", _("next / previous field")),
                                *rows_of(LogInteractionScreen.BINDINGS)]),
        (_("Compose an email"), rows_of(ComposeScreen.BINDINGS)),
        (_("Drafts"), rows_of(DraftsScreen.BINDINGS)),
        events_section(),
        (_("Profile"), rows_of(ProfileScreen.BINDINGS)),
        (_("Companies: warm paths and sources"), [*((_(key), _(what)) for key, what in COMPANIES_ROWS), *rows_of(CompaniesScreen.BINDINGS)]),
        (_("Posts and check-up"), [*rows_of(PostsScreen.BINDINGS),
                                (_("enter"), _("edit a post; in the check-up: tick the item"))]),
        (_("Questions"), [("y / n", _("answer yes / no")), ("esc", _("cancel"))]),
    ]


class HelpScreen(NetuiModal[None]):
    """Every key, in one place."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss_help", _l("Close"))]


    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self._render_keys(), id="help-keys")

    def _render_keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", min_width=16)
        table.add_column()
        table.add_row(Text(_("netui keys"), style="bold underline"), Text(_("esc closes this help"), style="dim"))
        for title, rows in sections(type(self.app).BINDINGS):
            table.add_row("", "")
            table.add_row(Text(title, style="bold reverse"), "")
            for key, what in rows:
                table.add_row(Text(key), Text(what))
        return table

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
