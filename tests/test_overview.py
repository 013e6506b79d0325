"""The Network overview, driven with the keyboard (Pilot): what a user sees, what is on disk."""

from __future__ import annotations

from datetime import timedelta

from conftest import TODAY, reopen
from textual.geometry import Region
from textual.widgets import Footer, Input, Static

from netui.core.i18n import format_date
from netui.core.models import Contact, Draft, Interaction
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.help import HelpScreen
from netui.tui.screens.overview import OverviewScreen
from netui.tui.widgets.contact_table import ContactTable

SIZE = (120, 36)


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def network() -> tuple[list[Contact], list[Interaction]]:
    """Five contacts: a due key contact, a reply to thank, accents, markup-like text."""
    ada = Contact(uid="ada", first_name="Ada", last_name="Lovelace", company="Analytical Engines",
                  position="Engineer", sector="software", source="professor", tier="key",
                  emails=["ada@example.org"], tags=["math"])
    noe = Contact(uid="noe", first_name="Noé", last_name="Lefèvre", company="Solvent Énergie",
                  position="Project engineer", sector="energy", source="friend", tier="network")
    bold = Contact(uid="bold", first_name="[bold]X[/bold]", last_name="", company="[red]Co",
                   position="Boss", sector="retail", source="linkedin", tier="network")
    zoe = Contact(uid="zoe", first_name="Zoë", last_name="Adams", company="Blue Bank", position="Analyst",
                  sector="finance", source="alumni", tier="key", notes="Met at the fintech meetup")
    bob = Contact(uid="bob", first_name="Bob", last_name="Brown", company="Acme", position="Recruiter",
                  sector="recruiting", source="recruiter", tier="network")
    interactions = [
        # Ada: key, last contacted 40 days ago: due (30-day cadence).
        Interaction(contact_uid="ada", kind="email_sent", date=days_ago(40), summary="Asked for advice"),
        # Zoë: key, contacted 5 days ago, then replied: to thank, not due.
        Interaction(contact_uid="zoe", kind="meeting", date=days_ago(6), summary="Coffee"),
        Interaction(contact_uid="zoe", kind="reply_received", date=days_ago(5), summary="Sent two names"),
        # Bob: contacted 10 days ago.
        Interaction(contact_uid="bob", kind="call", date=days_ago(10), summary="Call"),
    ]
    return [ada, noe, bold, zoe, bob], interactions


def table_of(app) -> ContactTable:
    return app.screen.query_one(ContactTable)


def visible_text(table: ContactTable) -> list[str]:
    """The table's lines as drawn on the terminal (header first)."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def shown_names(app) -> list[str]:
    table = table_of(app)
    return [app.store.contact(uid).name for uid in table.visible_uids()]


async def test_empty_network_shows_what_to_do_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        panel = screen.query_one("#welcome", Static)  # what it draws, wrapped to its width
        welcome = " ".join(" ".join(strip.text.split()) for strip in
                           panel.render_lines(Region(0, 0, *panel.outer_size)))
        assert "Welcome to netui" in welcome
        for hint in ("fill in your profile", "add a contact", "netui import linkedin", "netui demo", "ctrl+p"):
            assert hint in welcome
        assert screen.query_one("#empty-state").display
        assert not screen.query_one(ContactTable).display
        # n, as the welcome says, opens the new-contact form.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)


async def test_table_lists_contacts_sorted_by_name_with_follow_up_state(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_names(app) == ["[bold]X[/bold]", "Ada Lovelace", "Bob Brown", "Noé Lefèvre", "Zoë Adams"]
        lines = visible_text(table_of(app))
        assert "Name ▲" in lines[0] and "Next due" in lines[0] and "Tier" in lines[0]
        ada = next(line for line in lines if "Ada Lovelace" in line)
        assert ada.startswith("●")  # due
        assert format_date(days_ago(40)) in ada and format_date(days_ago(10)) in ada  # contacted, next due (40 - 30 days ago)
        zoe = next(line for line in lines if "Zoë Adams" in line)
        assert "♥" in zoe[:3] and "●" not in zoe[:3]  # to thank, not due
        counts = str(app.screen.query_one("#panel-counts", Static).content)
        assert "5 contacts" in counts and "2 key contacts" in counts
        assert "1 due for a follow-up" in counts and "1 reply to thank" in counts


async def test_user_text_is_never_markup(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = visible_text(table_of(app))
        assert any("[bold]X[/bold]" in line and "[red]Co" in line for line in lines)


async def test_sort_by_any_column_keeps_the_highlighted_contact(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = table_of(app)
        await pilot.press("down", "down", "down")  # Noé
        assert table.highlighted_uid == "noe"
        await pilot.press("s")  # sort by company
        assert shown_names(app)[:3] == ["[bold]X[/bold]", "Bob Brown", "Ada Lovelace"]
        assert table.highlighted_uid == "noe"
        await pilot.press("r")  # reversed
        assert shown_names(app)[0] == "Noé Lefèvre"
        assert table.highlighted_uid == "noe"
        assert "Company ▼" in visible_text(table)[0]
        # The palette's sort commands reach every column, e.g. next due: the earliest first, blanks last.
        app.screen.action_sort("next_due")
        await pilot.pause()
        assert shown_names(app)[0] == "Ada Lovelace"
        assert shown_names(app)[-1] in ("Noé Lefèvre", "[bold]X[/bold]")
        assert table.highlighted_uid == "noe"
        status = str(app.screen.query_one("#table-status", Static).content)
        assert "sorted by Next due" in status


async def test_filter_as_you_type_ignores_accents_and_escape_clears(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down")  # Noé highlighted
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)
        await pilot.press("n", "o", "e")
        await pilot.pause()
        assert shown_names(app) == ["Noé Lefèvre"]
        assert table_of(app).highlighted_uid == "noe"
        status = str(app.screen.query_one("#table-status", Static).content)
        assert "1 of 5 contacts" in status
        # Notes, tags and company are searched too, case-insensitively.
        await pilot.press("backspace", "backspace", "backspace", *"FINTECH")
        await pilot.pause()
        assert shown_names(app) == ["Zoë Adams"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_names(app)) == 5
        assert app.screen.query_one("#filter", Input).value == ""
        assert isinstance(app.screen.focused, ContactTable)
        # The highlighted contact survives the filter and its clearing.
        assert table_of(app).highlighted_uid == "zoe"


async def test_filter_keys_redraw_without_laying_the_screen_out(make_app):
    """A filter key redraws the rows, the field and the status bar, nothing moves: no
    re-layout of the screen, no footer rebuilt (at 30,000 contacts each cost a frame)."""
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        footer_keys = list(screen.query_one(Footer).children)
        await pilot.press("n", "o", "e", "backspace")  # 5 rows, then 1: the row count changes
        await pilot.pause()
        assert shown_names(app) == ["Noé Lefèvre"]
        assert "1 of 5 contacts" in str(screen.query_one("#table-status", Static).content)
        assert layouts == []
        assert list(screen.query_one(Footer).children) == footer_keys


async def test_a_large_network_shows_its_first_page_then_completes(make_app, monkeypatch):
    """From FIRST_PAGE_FIRST_FROM contacts the first frame shows the first page before the
    other rows are built; right after it, every row and the panel's counts are there."""
    from netui.tui.screens import overview

    monkeypatch.setattr(overview, "FIRST_PAGE_FIRST_FROM", 10)
    people = [Contact(uid=f"p{i:03}", first_name=f"Person {i:03}", source="linkedin", tier="key" if i % 4 else "network")
              for i in range(120)]
    app = make_app(people[::-1])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        model = app.screen.model
        assert not model.partial
        assert sum(row is not None for row in model.rows) == 120
        assert shown_names(app)[:3] == ["Person 000", "Person 001", "Person 002"]
        counts = str(app.screen.query_one("#panel-counts", Static).content)
        assert "120 contacts" in counts and "90 key contacts" in counts
        await pilot.press("end")
        assert table_of(app).highlighted_uid == "p119"


async def test_search_keys_are_made_when_the_filter_opens_not_at_start(make_app):
    """Search keys cost a third of building the rows: made when `/` opens the filter, so
    the start does not pay for them and the first letter does not wait for them."""
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        model = app.screen.model
        assert model._search_keys is None
        await pilot.press("slash")
        await pilot.pause()
        assert model._search_keys is not None and len(model._search_keys) == 5
        await pilot.press(*"lovel")
        assert shown_names(app) == ["Ada Lovelace"]


async def test_quick_filters_due_thank_tier_source(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert shown_names(app) == ["Ada Lovelace"]
        assert "due now" in str(app.screen.query_one("#quick-filters", Static).content)
        await pilot.press("d", "t")
        assert shown_names(app) == ["Zoë Adams"]
        await pilot.press("t", "k")  # tier: key
        assert shown_names(app) == ["Ada Lovelace", "Zoë Adams"]
        await pilot.press("k")  # tier: network
        assert shown_names(app) == ["[bold]X[/bold]", "Bob Brown", "Noé Lefèvre"]
        await pilot.press("k", "o")  # tier: all; source: the first present (friend)
        assert shown_names(app) == ["Noé Lefèvre"]
        await pilot.press("escape")
        assert len(shown_names(app)) == 5
        # No match: the table says so and how to get out.
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert shown_names(app) == []
        assert "No contact matches" in str(app.screen.query_one("#table-status", Static).content)


async def test_log_an_interaction_resets_the_follow_up_clock(make_app, db_path):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # Ada: due
        assert table_of(app).highlighted_uid == "ada"
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogInteractionScreen)
        app.screen.query_one("#input-kind").value = "call"
        app.screen.query_one("#input-summary").text = "Talked about the lab"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        line = next(line for line in visible_text(table_of(app)) if "Ada Lovelace" in line)
        assert not line.startswith("●")
        assert format_date(TODAY) in line and format_date(TODAY + timedelta(days=30)) in line
        assert "0 due for a follow-up" in str(app.screen.query_one("#panel-counts", Static).content)
    with reopen(db_path) as store:
        logged = [i for i in store.interactions("ada") if i.kind == "call"]
        assert [(i.date, i.summary) for i in logged] == [(TODAY.isoformat(), "Talked about the lab")]


async def test_delete_from_the_overview_asks_and_removes_history(make_app, db_path):
    contacts, interactions = network()
    drafts = [Draft(contact_uid="ada", subject="Hello", body="Hi Ada")]
    app = make_app(contacts, interactions, drafts=drafts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "delete")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmScreen)
        message = str(modal.query_one("#confirm-message", Static).content)
        assert "Delete Ada Lovelace?" in message
        assert "1 interaction and 1 draft" in message
        await pilot.press("n")  # keep
        await pilot.pause()
        assert "Ada Lovelace" in shown_names(app)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert "Ada Lovelace" not in shown_names(app)
    with reopen(db_path) as store:
        assert store.contact("ada") is None
        assert store.interactions("ada") == [] and store.drafts("ada") == []
        assert store.contact("zoe") is not None


async def test_read_only_says_so_and_refuses_edits(make_app, db_path):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    # Written by make_app; now open it again read-only, as when another netui holds it.
    app.store.close()
    app = make_app(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#banner", Static)
        assert banner.display and "READ-ONLY" in str(banner.content)
        assert "READ-ONLY" in app.sub_title
        assert app.screen.check_action("new", ()) is None  # shown dimmed in the footer
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("down", "l")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_help_lists_every_overview_key(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from io import StringIO

        from rich.console import Console

        out = StringIO()
        Console(file=out, width=100).print(app.screen.query_one("#help-keys", Static).content)
        text = out.getvalue()
        for key, what in (("/", "Filter"), ("n", "New"), ("enter", "Open"), ("c", "Compose"), ("l", "Log"),
                          ("esc", "Clear filters"), ("ctrl+s", "Save"), ("ctrl+q", "Quit"), ("1", "Network"),
                          ("ctrl+p", "command palette"), ("d", "Due now"), ("t", "To thank")):
            assert key in text and what in text, (key, what)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_every_overview_action_is_in_the_command_palette(make_app):
    from netui.tui.palette import NetuiCommands

    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = NetuiCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        for wanted in ("Filter", "New", "Open", "Compose", "Log", "Sort", "Sort by company",
                       "Show only contacts due for a follow-up (again: all)", "Show only replies to thank (again: all)",
                       "Show only key contacts", "Clear the filters", "Delete the highlighted contact",
                       "Network", "Drafts", "Events", "Profile", "Help", "Save now"):
            assert wanted in titles, wanted
        # Running one from the palette does what the key does.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sort by sector")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        header = visible_text(table_of(app))[0]
        assert "Sector ▲" in header or "Sector▲" in header


async def test_compose_opens_the_drafting_screen(make_app):
    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "c")
        await pilot.pause()
        try:
            from netui.tui.screens.compose import ComposeScreen
        except ImportError:  # before the drafting screen lands
            assert isinstance(app.screen, OverviewScreen)
        else:
            assert isinstance(app.screen, ComposeScreen)
            assert app.screen.contact_uid == "ada"


async def test_changes_from_other_screens_reach_the_overview(make_app):
    from netui.core.models import Event, Profile

    contacts, interactions = network()
    app = make_app(contacts, interactions)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#panel-events").display
        # The events screen adds an event through the app (no contact row changes): the
        # app's DataChanged message reaches the overview, nothing polls.
        await app.commit(lambda: app.store.add_event(Event(name="Career day", kind="career_day",
                                                           date=(TODAY + timedelta(days=3)).isoformat())), uids=[])
        await pilot.pause()
        assert "1 upcoming event" in str(screen.query_one("#panel-events", Static).content)
        # The profile screen changes the key cadence to 60 days (every row may change): Ada is no longer due.
        await app.commit(lambda: app.store.set_profile(Profile(cadence_key_days=60)), uids=None)
        await pilot.pause()
        assert "0 due for a follow-up" in str(screen.query_one("#panel-counts", Static).content)
        ada = next(line for line in visible_text(table_of(app)) if "Ada Lovelace" in line)
        assert format_date(TODAY + timedelta(days=20)) in ada


async def test_filter_finds_a_company_however_its_legal_form_is_written(make_app):
    """"ferrari spa" finds the company Ferrari however written: "Ferrari S.p.A.", "FERRARI SPA",
    plain "Ferrari", "Ferrari S.r.l." (one company by its identity, as in the paths), but not
    someone whose notes mention Ferrari; a legal form alone ("s.p.a.") still finds only the
    companies written with it; an email with dots is still found by its dots."""
    contacts = [Contact(uid="a", first_name="Ada", company="Ferrari S.p.A."),
                Contact(uid="b", first_name="Bruno", company="FERRARI SPA"),
                Contact(uid="c", first_name="Carla", company="Ferrari"),
                Contact(uid="d", first_name="Dario", company="Rossi S.r.l.", emails=["d.rossi@example.org"]),
                Contact(uid="e", first_name="Elena", company="Enel", notes="a Ferrari fan"),
                Contact(uid="f", first_name="Fabio", company="Ferrari S.r.l."),
                Contact(uid="g", first_name="Gino", last_name="Rossi", company="Eni"),
                Contact(uid="h", first_name="Hugo", last_name="Ferrari", company="Spectre")]
    app = make_app(contacts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ferrari spa")
        await pilot.pause()
        assert shown_names(app) == ["Ada", "Bruno", "Carla", "Fabio"]
        await pilot.press(*" carla")  # with a name too
        await pilot.pause()
        assert shown_names(app) == ["Carla"]
        for _ in " carla":
            await pilot.press("backspace")
        await pilot.press("backspace")  # "ferrari sp": a word like any other again, Hugo has both
        await pilot.pause()
        assert shown_names(app) == ["Ada", "Bruno", "Hugo Ferrari"]
        await pilot.press("a")
        await pilot.pause()
        assert shown_names(app) == ["Ada", "Bruno", "Carla", "Fabio"]
        for _ in "ferrari spa":
            await pilot.press("backspace")
        await pilot.press(*"s.p.a.")
        await pilot.pause()
        assert shown_names(app) == ["Ada", "Bruno"]
        for _ in "s.p.a.":
            await pilot.press("backspace")
        await pilot.press(*"rossi srl")  # Gino Rossi works at Eni: not found
        await pilot.pause()
        assert shown_names(app) == ["Dario"]
        for _ in "rossi srl":
            await pilot.press("backspace")
        await pilot.press(*"d.rossi@")
        await pilot.pause()
        assert shown_names(app) == ["Dario"]


async def test_dates_read_the_language_s_way_and_still_sort_by_the_date(make_app):
    """Italian: "2 dic 2026" in the table; sorted by date, not by the text ("12 dic" < "2 dic" < "9 nov")."""
    from datetime import date

    from netui.core.models import Profile

    people = [Contact(uid=uid, first_name=name, tier="network") for uid, name in
              (("a", "Anna"), ("b", "Bruno"), ("c", "Carla"))]
    history = [Interaction(contact_uid="a", kind="call", date="2026-12-12"),
               Interaction(contact_uid="b", kind="call", date="2026-12-02"),
               Interaction(contact_uid="c", kind="call", date="2026-11-09")]
    app = make_app(people, history, profile=Profile(first_name="Ana", language="it"), today=date(2026, 12, 20))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.action_sort("last_contact")
        await pilot.pause()
        assert shown_names(app) == ["Carla", "Bruno", "Anna"]
        lines = visible_text(table_of(app))
        bruno = next(line for line in lines if "Bruno" in line)
        assert "2 dic 2026" in bruno and "2026-12-02" not in bruno
        assert "9 nov 2026" in next(line for line in lines if "Carla" in line)
        app.screen.action_sort("next_due")
        await pilot.pause()
        assert shown_names(app) == ["Carla", "Bruno", "Anna"]


async def test_dates_read_in_english_and_fit_at_80_columns(make_app):
    people = [Contact(uid="a", first_name="Anna", tier="key")]
    history = [Interaction(contact_uid="a", kind="call", date="2026-03-12")]
    app = make_app(people, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = visible_text(table_of(app))
        anna = next(line for line in lines if "Anna" in line)
        assert "11 Apr 2026" in anna  # next due, the longest form of a date, not cut
        assert "Next due" in lines[0]


def test_the_table_s_date_cache_follows_the_language():
    """The table formats each distinct date once per language: a switch never shows the other language."""
    from netui.core import i18n
    from netui.tui.widgets.contact_table import shown_date

    assert shown_date("2026-12-02") == "2 Dec 2026"
    i18n.set_language("it")
    try:
        assert shown_date("2026-12-02") == "2 dic 2026"
    finally:
        i18n.set_language("en")
    assert shown_date("2026-12-02") == "2 Dec 2026"


def test_the_fold_writes_letters_with_their_own_mark_plainly():
    from netui.core.textsearch import fold

    assert fold("Søren Ærø Łódź Œuvre Đorđe Straße Noé") == "soren aero lodz oeuvre dorde strasse noe"
