"""The Network overview: every contact in a fast table, filters, and the network at a glance."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, cast

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from netui.core import vocabulary
from netui.core.i18n import N_, _, format_date, ngettext
from netui.core.models import SOURCES, TIERS, Interaction
from netui.core.network_model import COLUMNS, Filters, NetworkModel
from netui.core.wording import readonly_notice
from netui.tui.base import NetuiScreen, PaletteCommand
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.widgets.banner import Banner
from netui.tui.widgets.contact_table import ContactTable
from netui.tui.widgets.keybar import KeyBar
from netui.tui.widgets.network_panel import NetworkPanel

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

#: Actions that change the data file: disabled (dimmed) when it is open read-only.
WRITE_ACTIONS = frozenset({"new", "log", "delete"})
#: Actions about the highlighted contact: disabled when there is none.
ROW_ACTIONS = frozenset({"open", "compose", "log", "delete"})
#: Actions about the table: hidden while the network is empty.
TABLE_ACTIONS = ROW_ACTIONS | {"filter", "sort_next", "reverse_sort", "toggle_due", "toggle_thank",
                               "cycle_tier", "cycle_source", "clear_filters"}

WELCOME_STEPS = (
    ("4", N_("fill in your profile: your emails are written from it")),
    ("n", N_("add a contact (tab moves to the next field, ctrl+s saves)")),
    ("i", N_("import your LinkedIn connections or an address book")),
    ("", N_("  (or: netui import linkedin Connections.csv; google, outlook, vcard)")),
    ("netui demo", N_("explore a demo network of invented people first")),
)


def welcome_text() -> Group:
    """The empty state: what a new user can do first, with the keys. The steps are a
    grid, so that a description that wraps (at 80 columns) stays in its column."""
    intro = Text()
    intro.append(_("Welcome to netui") + "\n\n", "bold")
    # The catalogue's text keeps its line break; the panel wraps it to its own width.
    intro.append(_("Your network already exists: family, friends, people from sport and\n"
                   "volunteering, colleagues, professors, alumni. Start from them.").replace("\n", " ") + "\n")
    steps = Table.grid(padding=(0, 1))
    steps.add_column(style="bold", no_wrap=True)
    steps.add_column()
    for key, what in WELCOME_STEPS:
        steps.add_row(key, _(what).strip())
    keys = Text()
    for key, what in (("?", _("every key")), ("ctrl+p", _("every command")), ("ctrl+q", _("quit"))):
        keys.append(f"{key} ", "bold")
        keys.append(f"{what}   ")
    return Group(intro, steps, Text(""), keys)


def source_label(source: str) -> str:
    return vocabulary.SOURCES.label(source)


#: From this many contacts the overview shows its first page before building the other rows.
FIRST_PAGE_FIRST_FROM = 5000


#: Seconds of quiet after a change before the panel counts which sources work again.
FUNNEL_DELAY = 0.5

class FilterInput(Input):
    """The filter field: its text is applied in the same step as the key that changed it.

    Input.Changed reaches the screen through three containers, one message queue each,
    and the screen draws a frame before it arrives: a key would take two frames, the
    letter and then the rows. Applied from the value's watcher, both come in one frame.
    """

    # Input resizes its scrolling area to its text on every key, which lays the whole
    # screen out again; this field's box is fixed (1fr wide, one line), so it needs none.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, apply: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._apply = apply

    def watch_value(self, value: str) -> None:
        self._apply(value)

    def on_focus(self) -> None:
        # The rows' search keys are made when first needed (not at start): make them
        # now, while the user reaches for the first letter, not on the first key.
        screen = self.screen
        model = screen.model if isinstance(screen, OverviewScreen) else None
        if model is not None:
            model.search_keys  # noqa: B018 - made on first use


class OverviewScreen(NetuiScreen[None]):
    """The first screen: who is in the network, who is due, who is owed a thank-you."""

    AUTO_FOCUS = ""  # the table when there are contacts, nothing (so keys work) when empty
    BINDINGS = [
        Binding("slash", "filter", _l("Filter")),
        Binding("escape", "clear_filters", _l("Clear filters"), show=False),
        Binding("n", "new", _l("New")),
        Binding("enter", "open", _l("Open")),
        Binding("c", "compose", _l("Compose")),
        Binding("l", "log", _l("Log")),
        Binding("s", "sort_next", _l("Sort")),
        Binding("r", "reverse_sort", _l("Reverse sort"), show=False),
        # The quick filters are listed on the filter bar, so the footer keeps room for the rest.
        Binding("d", "toggle_due", _l("Due now"), show=False),
        Binding("t", "toggle_thank", _l("To thank"), show=False),
        Binding("k", "cycle_tier", _l("Tier"), show=False),
        Binding("o", "cycle_source", _l("Source"), show=False),
        Binding("delete,backspace", "delete", _l("Delete"), show=False),
        Binding("i", "import_contacts", _l("Import"), show=False),
        Binding("down", "focus_table", _l("Table"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.model: NetworkModel | None = None
        self.filters = Filters()
        self.sort_column = "name"
        self.sort_reverse = False
        self._shown_chips: tuple[str, ...] | None = None
        self._panel_version: tuple[int, int, int] | None = None
        self._funnel_timer: Timer | None = None
        self._funnel_counted = False
        self._bindings_state: tuple[bool, bool, bool] | None = None
        self._first_frame_pending = False
        self._footer_mounted = False

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Banner(id="banner", markup=False)
        with Horizontal(id="overview-body"):
            with Vertical(id="overview-main"):
                with Horizontal(id="filter-bar"):
                    yield FilterInput(self._apply_query,
                                      placeholder=_("/ to filter: name, company, sector, tags, notes…"),
                                      id="filter", compact=True)
                    yield Static(id="quick-filters")
                yield ContactTable(id="contacts")
                yield Static(id="table-status")
                with Vertical(id="empty-state"):
                    yield Static(welcome_text(), id="welcome")
            yield NetworkPanel(id="panel")
        # The key bar comes right after the first frame (after_first_frame): it mounts
        # and restyles a widget per key and draws twice, work that the
        # first sight of the network does not need. This line keeps its place meanwhile.
        yield Static(" ", id="footer-placeholder")

    @property
    def table(self) -> ContactTable:
        return self.query_one(ContactTable)

    def on_mount(self) -> None:
        self._update_banner()
        self.reload(first_page_first=True)

    def on_screen_resume(self) -> None:
        self._update_banner()
        if not self._first_frame_pending:
            self.call_later(self._mount_footer)

    def on_resize(self) -> None:
        self._place_panel()

    def _update_banner(self) -> None:
        banner = self.query_one(Banner)
        store = self.store
        if store.readonly:
            banner.update(readonly_notice(store.readonly_reason))
            banner.set_class(True, "-readonly")
            banner.display = True
        elif self.netui.demo:
            banner.update(_("Demo network: invented people in a temporary file, deleted when you quit."))
            banner.set_class(True, "-demo")
            banner.display = True
        else:
            banner.display = False

    # --- data -----------------------------------------------------------------

    def reload(self, *, first_page_first: bool = False) -> None:
        """Rebuild every row from the store. With `first_page_first` (at start), a large
        network shows its first page at once and builds the other rows right after that
        first frame (`NetworkModel.load_first_page`)."""
        app = self.netui
        store = app.store
        model = NetworkModel(app.today)
        contacts = store.contacts()
        interactions = store.interactions_table.by_uid.values()
        if first_page_first:  # the side panel waits for the first frame too
            self._first_frame_pending = True  # NetuiApp calls after_first_frame
        if first_page_first and len(contacts) >= FIRST_PAGE_FIRST_FROM:
            model.load_first_page(contacts, interactions, store.profile(), page=app.size.height + 20)
        else:
            model.load(contacts, interactions, store.profile())
        self.model = model
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def after_first_frame(self) -> None:
        """Build the rows not on the first page, draw the side panel, show the keys."""
        self._first_frame_pending = False
        if self.model is not None:
            self.model.complete()
        self._place_panel()
        self._update_panel()
        self.call_later(self._mount_footer)

    async def _mount_footer(self) -> None:
        if self._footer_mounted:
            return
        self._footer_mounted = True
        await self.query_one("#footer-placeholder").remove()
        await self.mount(KeyBar())
        self.refresh_bindings()  # the Footer draws its keys when the bindings are announced

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.sync(message.uids)

    def sync(self, uids: Iterable[str] | None) -> None:
        """Bring the rows up to date with the store: only the contacts `uids` (those
        a commit changed), every row when None (a reload, a change to many)."""
        store = self.store
        if uids is None or self.model is None:
            self.reload()
            return
        changed = set(uids)
        if not changed:  # e.g. an event changed: only the panel's counts may differ
            self._update_panel()
            return
        profile = store.profile()
        # One pass over the interactions (the store's per-contact index is rebuilt after
        # every write, which costs more than this at 30,000 contacts).
        mine: dict[str, list[Interaction]] = {uid: [] for uid in changed}
        for item in store.interactions_table.by_uid.values():
            found = mine.get(item.contact_uid)
            if found is not None:
                found.append(item)
        for uid in changed:
            self.model.update(uid, store.contact(uid), mine[uid], profile)
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def apply_view(self, keep_uid: str | None = None) -> None:
        """Show the rows that pass the filters, sorted; keep the highlighted contact."""
        model = self.model
        if model is None:
            return
        positions = model.visible(self.sort_column, self.sort_reverse, self.filters)
        table = self.table
        table.show(model, positions, keep_uid=keep_uid, sort_column=self.sort_column,
                   sort_reverse=self.sort_reverse)
        empty = len(model) == 0
        for selector in ("#filter-bar", "#contacts", "#table-status"):
            self.query_one(selector).display = not empty
        self.query_one("#empty-state").display = empty
        if empty and self.focused is not None:
            self.set_focus(None)
        elif not empty and self.focused is None:
            table.focus()
        self._place_panel()
        self._update_panel()
        self._update_status(len(positions), len(model))
        self._update_quick_filters()
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        """Ask the footer to redraw its keys only when `check_action` may answer otherwise.

        The footer rebuilds every key it shows on each request (a re-layout of the
        screen): asked on every keystroke or cursor move, it doubled a filter key's work.
        """
        model = self.model
        state = (model is None or len(model) == 0, self.table.highlighted_uid is None,
                 bool(self.store.readonly))
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def _place_panel(self) -> None:
        """The side panel shows when there is room and a network, from after the first
        frame (its nine widgets would slow that frame; its numbers come after it anyway)."""
        model = self.model
        self.query_one(NetworkPanel).display = (self.size.width >= 100 and bool(model and len(model))
                                                and not self._first_frame_pending)

    def _update_panel(self) -> None:
        """Redraw the side panel when the data changed (filtering and sorting leave it alone)."""
        model = self.model
        store = self.store
        if model is None or len(model) == 0 or self._first_frame_pending:  # drawn after the first frame
            return
        version = (id(model), model.version, store.revision)
        if version == self._panel_version:
            return
        self._panel_version = version
        from netui.core.daily import search_over_line

        self.query_one(NetworkPanel).update_totals(model.totals, self._events_note(),
                                                   self._visibility_note(), search_over_line(store.profile()))
        if not self._funnel_counted:  # the first drawing of the panel: at once
            self._count_funnel()
        else:  # after a change: once the edits pause, as it passes over every contact
            if self._funnel_timer is not None:
                self._funnel_timer.stop()
            self._funnel_timer = self.set_timer(FUNNEL_DELAY, self._count_funnel)

    def _count_funnel(self) -> None:
        """Which sources work, for the panel (a pass over every contact and interaction)."""
        from netui.core.funnel import funnel

        self._funnel_timer, self._funnel_counted = None, True
        if self.is_mounted:
            rows = funnel(self.store.contacts(), self.store.interactions()).by_source
            self.query_one(NetworkPanel).update_funnel(rows)

    def _events_note(self) -> Text:
        """Upcoming events and the after-event steps still to do ("→ 3": the key 3 leads there;
        "(key 3)" read like a count of key contacts, "(press 3)" does not fit the panel)."""
        from netui.events.service import pending_after_items, upcoming

        store = self.store
        today = self.netui.today
        coming, pending = upcoming(store, today), pending_after_items(store, today)
        note = Text(no_wrap=False, overflow="ellipsis")
        if coming:
            note.append(ngettext("{count} upcoming event", "{count} upcoming events", len(coming)).format(
                count=f"{len(coming):,}") + " → 3\n", "bold")
            note.append(_("next: {day} {name}").format(day=format_date(coming[0].date), name=coming[0].name) + "\n")
        if pending:
            note.append(ngettext("{count} after-event step to do", "{count} after-event steps to do",
                                 len(pending)).format(count=f"{len(pending):,}") + "\n", "bold")
            note.append(f"· {pending[0].item.text} ({pending[0].event.name})")
        return note

    def _visibility_note(self) -> Text:
        """Posts this week against the target, the streak, and when the check-up is due (key 6)."""
        from netui.tui.widgets.network_panel import visibility_note

        app = cast("NetuiApp", self.app)
        return visibility_note(app.store, app.today)

    def _update_status(self, shown: int, total: int) -> None:
        column = next(_(c.label) for c in COLUMNS if c.key == self.sort_column)
        arrow = "▼" if self.sort_reverse else "▲"
        status = Text()
        if shown == 0 and total:
            status.append(_("No contact matches the filters"), "bold")
            status.append(_(" · escape clears them"))
        elif shown == total:
            status.append(ngettext("{count} contact", "{count} contacts", total).format(count=f"{total:,}"))
        else:
            status.append(ngettext("{shown} of {count} contact", "{shown} of {count} contacts", total).format(
                shown=f"{shown:,}", count=f"{total:,}"))
        status.append(_(" · sorted by {column} {arrow}").format(column=column, arrow=arrow), "dim")
        # A one-line bar of fixed size: no need to lay the screen out again per keystroke.
        self.query_one("#table-status", Static).update(status, layout=False)

    def _update_quick_filters(self) -> None:
        f = self.filters
        chips = []
        if f.tier:
            chips.append(_("tier: {tier}").format(tier=f.tier))
        if f.source:
            chips.append(_("source: {source}").format(source=source_label(f.source)))
        if f.due:
            chips.append(_("due now"))
        if f.to_thank:
            chips.append(_("to thank"))
        widget = self.query_one("#quick-filters", Static)
        if tuple(chips) == self._shown_chips:
            return  # unchanged: skip a re-layout on every keystroke
        self._shown_chips = tuple(chips)
        if chips:
            widget.update(Text("  ".join(f"[{c}]" for c in chips), style="bold"))
            widget.set_class(True, "-active")
        else:
            widget.update(Text(_("k tier · o source · d due · t thank"), style="dim"))
            widget.set_class(False, "-active")

    # --- events ---------------------------------------------------------------

    def _apply_query(self, query: str) -> None:
        """The filter field's text changed (typed, or set by the code)."""
        if query == self.filters.query:
            return
        self.filters = replace(self.filters, query=query)
        self.apply_view(keep_uid=self.table.highlighted_uid)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    @on(ContactTable.Selected)
    def _row_selected(self, event: ContactTable.Selected) -> None:
        self.open_contact(event.uid)

    @on(ContactTable.Highlighted)
    def _row_highlighted(self) -> None:
        self._refresh_bindings_if_changed()

    @on(ContactTable.HeaderClicked)
    def _header_clicked(self, event: ContactTable.HeaderClicked) -> None:
        self.action_sort(event.column)

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TABLE_ACTIONS and self.model is not None and len(self.model) == 0:
            return False
        if action in WRITE_ACTIONS and self.store.readonly:
            return None
        if action in ROW_ACTIONS:
            try:
                if self.table.highlighted_uid is None:
                    return None
            except Exception:  # not composed yet
                return None
        return True

    def action_filter(self) -> None:
        # At once (Widget.focus waits for the queue): keys typed right after the slash,
        # already queued behind it, land in the filter rather than in the table.
        self.set_focus(self.query_one("#filter", Input))

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_clear_filters(self) -> None:
        filter_input = self.query_one("#filter", Input)
        keep = self.table.highlighted_uid
        self.filters = Filters()
        filter_input.value = ""  # the query is already cleared: its watcher does nothing
        self.apply_view(keep_uid=keep)
        self.table.focus()

    def action_sort(self, column: str) -> None:
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def action_sort_next(self) -> None:
        keys = [c.key for c in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def set_quick_filter(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.apply_view(keep_uid=self.table.highlighted_uid)

    def action_toggle_due(self) -> None:
        self.set_quick_filter(due=not self.filters.due)

    def action_toggle_thank(self) -> None:
        self.set_quick_filter(to_thank=not self.filters.to_thank)

    def action_cycle_tier(self) -> None:
        cycle = [None, *TIERS]
        self.set_quick_filter(tier=cycle[(cycle.index(self.filters.tier) + 1) % len(cycle)])

    def action_cycle_source(self) -> None:
        present = {s for s, _ in self.model.totals.sources()} if self.model else set()
        cycle = [None, *[s for s in SOURCES if s in present or s == self.filters.source]]
        self.set_quick_filter(source=cycle[(cycle.index(self.filters.source) + 1) % len(cycle)])

    def action_new(self) -> None:
        if self.netui.refuse_if_readonly():
            return
        from netui.tui.screens.contact import ContactScreen

        self.app.push_screen(ContactScreen(None), self._after_contact)

    def action_import_contacts(self) -> None:
        """A file prompt, a preview, then one save (screens/import_dialog.py)."""
        if self.netui.refuse_if_readonly():
            return
        from netui.tui.dialogs.import_dialog import ImportScreen

        self.app.push_screen(ImportScreen())  # its commit tells every screen (DataChanged)

    def action_open(self) -> None:
        uid = self.table.highlighted_uid
        if uid is not None:
            self.open_contact(uid)

    def open_contact(self, uid: str) -> None:
        from netui.tui.screens.contact import ContactScreen

        self.app.push_screen(ContactScreen(uid), self._after_contact)

    def _after_contact(self, uid: str | None) -> None:
        """Back from a contact: highlight the contact just saved (its commit's DataChanged
        has updated the rows; a row still missing is added now)."""
        if uid and self.model is not None and uid not in self.model.index and self.store.contact(uid):
            self.sync({uid})
        if uid and not self.table.move_to_uid(uid) and self.filters.active:
            self.notify(_("The saved contact is hidden by the filters: escape clears them."))

    def action_compose(self) -> None:
        uid = self.table.highlighted_uid
        if uid is None:
            return
        from netui.tui.screens.compose import ComposeScreen

        # Someone owed a thank-you gets the thank-you template first (the to-thank list leads here).
        template = "thank_you" if self._owes_thanks(uid) else None
        store = self.store
        unsent = [d for d in store.drafts(uid) if d.status != "sent"]
        if not unsent:
            self.app.push_screen(ComposeScreen(uid, template=template))
            return
        from netui.tui.dialogs.confirm import ConfirmScreen

        latest = max(unsent, key=lambda d: d.updated_at)
        contact = store.contact(uid)
        name = contact.name if contact else _("This contact")
        others = _(" (and {count} more in Drafts, 2)").format(count=len(unsent) - 1) if len(unsent) > 1 else ""
        question = _('{name} already has a draft not sent yet: "{subject}", {status}, saved {day}{others}. '
                     'Open it, or start a new one?').format(
            name=name, subject=latest.subject or _("(no subject)"),
            status=vocabulary.DRAFT_STATUSES.label(latest.status), day=format_date(latest.updated_at), others=others)

        def answered(choice: bool | None) -> None:
            if choice is True:
                self.app.push_screen(ComposeScreen(uid, draft_uid=latest.uid))
            elif choice is False:
                self.app.push_screen(ComposeScreen(uid, template=template))

        self.app.push_screen(ConfirmScreen(question, yes=_("Open the draft"), no=_("Start a new one"),
                                           escape_is_no=False), answered)

    def _owes_thanks(self, uid: str) -> bool:
        from netui.core.followups import follow_up

        store = self.store
        contact = store.contact(uid)
        if contact is None:
            return False
        return follow_up(contact, store.interactions(uid), store.profile(), self.netui.today).to_thank

    def action_log(self) -> None:
        uid = self.table.highlighted_uid
        if uid is None or self.netui.refuse_if_readonly():
            return
        from netui.tui.dialogs.log_interaction import LogInteractionScreen

        self.app.push_screen(LogInteractionScreen(uid))  # its commit updates the row (DataChanged)

    def action_delete(self) -> None:
        uid = self.table.highlighted_uid
        if uid is None or self.netui.refuse_if_readonly():
            return
        from netui.tui.screens.contact import confirm_and_delete

        self.run_worker(confirm_and_delete(self, uid), exclusive=True, group="delete")

    # --- the command palette ------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        """Extra commands for the palette: (title, help, action on this screen)."""
        commands = [
            (_("Show only contacts due for a follow-up (again: all)"), _("key: {key}").format(key="d"), "toggle_due"),
            (_("Show only replies to thank (again: all)"), _("key: {key}").format(key="t"), "toggle_thank"),
            (_("Next tier filter: key, network, all"), _("key: {key}").format(key="k"), "cycle_tier"),
            (_("Next source filter"), _("key: {key}").format(key="o"), "cycle_source"),
            (_("Reverse the sort order"), _("key: {key}").format(key="r"), "reverse_sort"),
            (_("Clear the filters"), _("key: {key}").format(key="escape"), "clear_filters"),
            (_("Import contacts: LinkedIn, Google, Outlook, vCard, netui JSON"), _("key: {key}").format(key="i"),
             "import_contacts"),
        ]
        if self.table.highlighted_uid is not None and not self.store.readonly:
            commands.append((_("Delete the highlighted contact"), _("key: {key}").format(key="delete"), "delete"))
        for column in COLUMNS:
            commands.append((_("Sort by {column}").format(column=_(column.label).lower()), _("click its title, or s to cycle"),
                             f"sort('{column.key}')"))
        for tier in TIERS:
            commands.append((_("Show only {tier} contacts").format(tier=tier), _("key: k cycles tiers"),
                             f"only_tier('{tier}')"))
        for source in SOURCES:
            commands.append((_("Show only contacts from source: {source}").format(source=source_label(source)),
                             _("key: o cycles sources"), f"only_source('{source}')"))
        return commands

    def action_only_tier(self, tier: str) -> None:
        self.set_quick_filter(tier=tier)

    def action_only_source(self, source: str) -> None:
        self.set_quick_filter(source=source)
