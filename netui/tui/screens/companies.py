"""The Companies view (`5`): how your network reaches each company, and which sources work.

Left, the companies: your profile's target companies first (★), then the ones
you typed, then the companies your contacts work at, largest first (spellings
of one company are one row). Right, the warm paths into the highlighted
company, warmest first, each with its reason. From a path: `a` drafts the
introduction request (the ask_intro template), `r` logs that you asked, `m`
logs who they introduced you to. `f` shows the funnel: per source and sector,
how many contacts you reached, replied, met and introduced you.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Static

from netui.core.companies import company_key
from netui.core.errors import CommitFailed
from netui.core.funnel import FunnelRow, funnel
from netui.core.i18n import N_, TranslatedTexts, ngettext
from netui.core.warmpaths import CompanyIndex, CompanyPaths, WarmPath
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.widgets.keybar import KeyBar

#: How many of the network's own companies are listed after the targets.
NETWORK_COMPANIES = 200
#: Paths listed for one company: the warmest (a big employer can have thousands; `netui paths` lists all).
PATHS_SHOWN = 100

#: Everything this screen says, in one place.
TEXT = TranslatedTexts({
    "find": N_("Type a company and press enter to see who can introduce you"),
    "empty": N_("No target companies yet. Add them in your profile (4, Target companies), or type a "
             "company above: netui shows who in your network works there, worked there, or knows "
             "someone there."),
    "no_paths": N_("No one in your network leads to {company} yet. Ask your contacts whether they know "
                "someone there, then note it on the contact (Knows people at)."),
    "similar": N_(" Did you mean: {names}? (different spellings are kept apart)"),
    "also_similar": N_("Also in your network, with a close name (kept apart): {names}"),
    "title_more": N_("{company}: {count} paths, the {shown} warmest shown"),
    "funnel_title": N_("Which sources work: of the contacts you reached, who replied, met you, introduced you"),
    "no_path_selected": N_("Highlight a path first."),
    "asked_question": N_("Did you ask {name} for an introduction at {company}? Log it now?"),
    "logged_request": N_("Logged: you asked {name} for an introduction at {company}."),
    "logged_made": N_("Logged: {introducer} introduced you to {name}."),
    "col_company": N_("Company"), "col_paths": N_("Paths"),
    "col_score": N_("Score"), "col_through": N_("Through"), "col_path": N_("Path"),
    "col_group": N_("Source / sector"), "col_contacts": N_("Contacts"), "col_contacted": N_("Reached"),
    "col_replied": N_("Replied"), "col_met": N_("Met"), "col_intros": N_("Intros"),
    "by_sector": N_("by sector"),
    "detail": "{contact}: {reason}",
})
#: Keys that do not come from a Binding of this screen, for the help screen.
HELP_ROWS = [
    (N_("enter"), N_("on a company: go to its paths; on a path: open the contact")),
    ("tab / shift+tab", N_("companies / paths")),
]


class CompaniesScreen(NetuiScreen[None]):
    """Target companies, the warm paths into each, and the funnel by source."""

    CSS_PATH = stylesheet("companies.tcss")
    #: The list has the focus from the start, not the search field first (each change of
    #: focus redraws the key bar).
    AUTO_FOCUS = "#co-companies"
    BINDINGS = [
        Binding("slash", "find", _l("Find company")),
        Binding("a", "ask", _l("Ask intro")),
        Binding("r", "requested", _l("Log asked"), show=False),
        Binding("m", "made", _l("Log intro made")),
        Binding("f", "toggle_funnel", _l("Sources")),
        Binding("escape", "back_to_lists", _l("Back"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: CompanyIndex | None = None
        self.typed: list[str] = []
        self.current: CompanyPaths | None = None
        self._labels: dict[str, str] = {}
        self._stale = False  # data changed while another screen was shown
        self._asking: tuple[str, str, str, frozenset[str]] | None = None

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=TEXT["find"], id="co-find", compact=True)
        with Horizontal(id="co-body"):
            yield DataTable(id="co-companies", cursor_type="row", zebra_stripes=True)
            with Vertical(id="co-right"):
                yield Static("", id="co-title", markup=False)
                yield DataTable(id="co-paths", cursor_type="row", zebra_stripes=True)
                yield Static("", id="co-detail", markup=False)
                yield Static("", id="co-empty", markup=False)
        with Vertical(id="co-funnel-box"):
            yield Static(TEXT["funnel_title"], id="co-funnel-title", markup=False)
            yield DataTable(id="co-funnel", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    @property
    def companies_table(self) -> DataTable:
        return self.query_one("#co-companies", DataTable)

    @property
    def paths_table(self) -> DataTable:
        return self.query_one("#co-paths", DataTable)

    def on_mount(self) -> None:
        self.companies_table.add_columns("", TEXT["col_company"], TEXT["col_paths"])
        self.paths_table.add_columns(TEXT["col_score"], TEXT["col_through"], TEXT["col_path"])
        self.query_one("#co-funnel", DataTable).add_columns(
            TEXT["col_group"], TEXT["col_contacts"], TEXT["col_contacted"], TEXT["col_replied"],
            TEXT["col_met"], TEXT["col_intros"])
        self.refresh_data()
        if self.focused is None:  # no auto focus while the terminal has not the focus
            self.companies_table.focus()

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        """Contacts, their interactions or the profile changed (here, on another screen, a
        reload): redraw now when shown, else when shown again. A change that names no
        contact (a draft, an event, a post) moves no path."""
        if message.uids is not None and not message.uids:
            return
        if self.is_current:
            self.refresh_data()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self.refresh_data()
        if self._asking is not None:
            self.call_after_refresh(self._offer_to_log_request)

    # --- data -------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Index every contact's companies again and redraw both lists (keeping the cursors)."""
        store = self.store
        self._stale = False
        self.index = CompanyIndex(store.contacts())
        keep = self.current.key if self.current else None
        self._fill_companies(keep)
        if self.has_class("-funnel"):
            self._fill_funnel()

    def listed(self) -> list[tuple[str, str, bool]]:
        """(key, label, is a target) for every company row, in order."""
        assert self.index is not None
        rows: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        targets = self.store.profile().target_companies
        for name in [*targets, *self.typed]:
            key = company_key(name)
            if key and key not in seen:
                seen.add(key)
                rows.append((key, name.strip(), name in targets))
        for key, label, _count in self.index.company_counts()[:NETWORK_COMPANIES]:
            if key not in seen:
                seen.add(key)
                rows.append((key, label, False))
        return rows

    def _fill_companies(self, keep: str | None) -> None:
        assert self.index is not None
        table = self.companies_table
        table.clear()
        rows = self.listed()
        self._labels = {key: label for key, label, _ in rows}
        for key, label, target in rows:
            table.add_row("★" if target else "", Text(label, style="bold" if target else ""),
                          Text(str(self.index.path_count(key)), justify="right"), key=key)
        empty = not rows
        self.query_one("#co-empty", Static).update(TEXT["empty"] if empty else "")
        self.query_one("#co-empty", Static).display = empty
        self.paths_table.display = not empty
        if empty:
            self.current = None
            self.query_one("#co-title", Static).update("")
            self.query_one("#co-detail", Static).update("")
            return
        position = next((i for i, (key, _, _) in enumerate(rows) if key == keep), 0)
        table.move_cursor(row=position)
        self.show_company(rows[position][0])

    def show_company(self, key: str) -> None:
        """Rank the paths into the company `key` and show them."""
        assert self.index is not None
        label = self._labels.get(key, key)
        found = self.index.paths(label, self.store.interactions, self.netui.today, limit=PATHS_SHOWN)
        self.current = found
        count = found.total
        title = TEXT["title_more"] if count > len(found.paths) else ngettext(
            "{company}: {count} path", "{company}: {count} paths", count)
        self.query_one("#co-title", Static).update(title.format(company=label, count=f"{count:,}", shown=PATHS_SHOWN))
        table = self.paths_table
        table.clear()
        for path in found.paths:
            table.add_row(Text(str(path.score), justify="right"), Text(path.contact), Text(path.reason),
                          key=path.uid)
        if found.paths:
            table.move_cursor(row=0)
        self._show_detail()

    def highlighted_path(self) -> WarmPath | None:
        table = self.paths_table
        if self.current is None or not self.current.paths or not table.row_count:
            return None
        row = table.cursor_row
        return self.current.paths[row] if 0 <= row < len(self.current.paths) else None

    def _show_detail(self) -> None:
        path = self.highlighted_path()
        detail = self.query_one("#co-detail", Static)
        if path is None:
            found = self.current
            note = ""
            if found is not None and not found.paths:
                note = TEXT["no_paths"].format(company=found.company)
                if found.similar:
                    note += TEXT["similar"].format(names=", ".join(found.similar))
            detail.update(note)
            return
        text = TEXT["detail"].format(contact=path.contact, reason=path.reason)
        if self.current is not None and self.current.similar:
            text += "\n" + TEXT["also_similar"].format(names=", ".join(self.current.similar))
        detail.update(text)

    # --- events -------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#co-companies")
    def _company_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key is not None else None
        if key and (self.current is None or self.current.key != key):
            self.show_company(key)

    @on(DataTable.RowSelected, "#co-companies")
    def _company_selected(self) -> None:
        if self.paths_table.row_count:
            self.paths_table.focus()

    @on(DataTable.RowHighlighted, "#co-paths")
    def _path_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#co-paths")
    def _path_selected(self) -> None:
        path = self.highlighted_path()
        if path is not None:
            from netui.tui.screens.contact import ContactScreen

            self.app.push_screen(ContactScreen(path.uid))

    @on(Input.Submitted, "#co-find")
    def _find(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        key = company_key(name)
        if not key:
            return
        if key not in self._labels:  # a company not listed yet: it joins the list after the targets
            self.typed.append(name)
        event.input.value = ""
        self._fill_companies(key)
        self.paths_table.focus() if self.paths_table.row_count else self.companies_table.focus()

    # --- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("ask", "requested", "made"):
            if self.has_class("-funnel"):
                return False
            if self.store.readonly and action != "ask":
                return None
        return True

    def action_find(self) -> None:
        self.remove_class("-funnel")
        self.query_one("#co-find", Input).focus()

    def action_back_to_lists(self) -> None:
        if self.has_class("-funnel"):
            self.action_toggle_funnel()
        else:
            self.companies_table.focus()

    def action_toggle_funnel(self) -> None:
        self.toggle_class("-funnel")
        if self.has_class("-funnel"):
            self._fill_funnel()
            self.query_one("#co-funnel", DataTable).focus()
        else:
            self.companies_table.focus()
        self.refresh_bindings()

    def _fill_funnel(self) -> None:
        result = funnel(self.store.contacts(), self.store.all_interactions())
        table = self.query_one("#co-funnel", DataTable)
        table.clear()

        def add(row: FunnelRow, label: str) -> None:
            table.add_row(Text(label), *[Text(v, justify="right") for v in (
                str(row.contacts), _share(row.contacted, row.contacts), _share(row.replied, row.contacted),
                _share(row.met, row.contacted), _share(row.intros, row.contacted))])

        for row in result.by_source:
            add(row, row.group.replace("_", " "))
        if result.by_sector:
            table.add_row(Text(f"— {TEXT['by_sector']} —", style="dim"), *[Text("")] * 5)
            for row in result.by_sector:
                add(row, row.group)

    def action_ask(self) -> None:
        """Draft the introduction request to the highlighted path's contact."""
        path = self.highlighted_path()
        if path is None or self.current is None:
            self.notify(TEXT["no_path_selected"], severity="warning")
            return
        from netui.tui.screens.compose import ComposeScreen

        variables = {"company": self.current.company}
        if path.person:
            variables["person"] = path.person
        before = frozenset(d.uid for d in self.store.drafts(path.uid))
        self._asking = (path.uid, self.current.company, path.person, before)
        self.app.push_screen(ComposeScreen(path.uid, template="ask_intro", variables=variables))

    def _offer_to_log_request(self) -> None:
        """Back from the compose screen: a request copied or sent is offered for logging."""
        asking, self._asking = self._asking, None
        if asking is None or self.store.readonly:
            return
        uid, company, person, before = asking
        sent = [d for d in self.store.drafts(uid) if d.uid not in before and d.template == "ask_intro"
                and d.status in ("copied", "sent")]
        contact = self.store.contact(uid)
        if not sent or contact is None:
            return
        from netui.tui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._log_request(uid, company, person), group="intro-log")

        self.app.push_screen(ConfirmScreen(TEXT["asked_question"].format(name=contact.name, company=company)),
                             answered)

    async def _log_request(self, uid: str, company: str, person: str) -> None:
        from netui.tui.dialogs.intro_dialogs import request_interaction

        record = request_interaction(uid, company, person, self.netui.today.isoformat())
        try:
            await self.netui.commit(lambda: self.store.add_interaction(record), uids={uid})
        except CommitFailed:
            return
        contact = self.store.contact(uid)
        self.notify(TEXT["logged_request"].format(name=contact.name if contact else "?", company=company),
                    markup=False)  # the commit's DataChanged redraws the paths

    def action_requested(self) -> None:
        path = self.highlighted_path()
        if path is None or self.current is None:
            self.notify(TEXT["no_path_selected"], severity="warning")
            return
        if self.netui.refuse_if_readonly():
            return
        self.run_worker(self._log_request(path.uid, self.current.company, path.person), group="intro-log")

    def action_made(self) -> None:
        """The highlighted path's contact introduced you to someone: pick who, link them, log it."""
        path = self.highlighted_path()
        if path is None or self.current is None:
            self.notify(TEXT["no_path_selected"], severity="warning")
            return
        if self.netui.refuse_if_readonly():
            return
        introducer = self.store.contact(path.uid)
        if introducer is None:
            return
        from netui.tui.dialogs.intro_dialogs import pick_introduced

        company = self.current.company

        def picked(uid: str | None) -> None:
            if uid:
                self.run_worker(self._log_made(introducer.uid, uid, company), group="intro-log")

        pick_introduced(self.netui, introducer, picked)

    async def _log_made(self, introducer_uid: str, uid: str, company: str) -> None:
        from netui.tui.dialogs.intro_dialogs import made_interaction

        store = self.store
        introduced = store.contact(uid)
        introducer = store.contact(introducer_uid)
        if introduced is None or introducer is None:
            return
        record = made_interaction(introducer_uid, introduced, company, self.netui.today.isoformat())

        def change() -> None:
            with store.transaction():
                store.update_contact(introduced.copy(introduced_by=introducer_uid))
                store.add_interaction(record)

        try:
            await self.netui.commit(change, uids={uid, introducer_uid})
        except CommitFailed:
            return
        self.notify(TEXT["logged_made"].format(introducer=introducer.name, name=introduced.name), markup=False)


def _share(count: int, total: int) -> str:
    """`3 (60%)`; just the count when there is no total."""
    return f"{count} ({round(100 * count / total)}%)" if total and count else str(count)

