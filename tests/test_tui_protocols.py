"""The protocols every screen follows, tested from the one list the app uses.

For each editing screen in netui.tui.editors: opened and left untouched, ctrl+q
quits without a question; typing into it and pressing ctrl+q asks before quitting ("keep editing" keeps the text, "quit" exits); the
terminate path keeps the edit in the recovery file, and the next start offers
it and reopens the form with the edit. And: a commit tells the screens
(DataChanged).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static, TextArea

from netui.core.models import ChecklistItem, Contact, Event, Post, Profile
from netui.storage import recovery
from netui.storage.paths import recovery_path
from netui.tui.app import NetuiApp
from netui.tui.base import NetuiScreen
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.landed import LandedScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.editing import EditingScreen
from netui.tui.editors import by_kind, editing_screens
from netui.tui.messages import DataChanged
from netui.tui.screens.companies import CompaniesScreen
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.draft_batch import BatchForm
from netui.tui.screens.event_forms import EventForm, ItemForm, PersonForm
from netui.tui.screens.events import EventsScreen
from netui.tui.screens.overview import OverviewScreen
from netui.tui.screens.posts import PostForm, PostsScreen
from netui.tui.screens.profile import ProfileScreen
from netui.tui.widgets.keybar import KeyBar
from tests.support.screens import discover, screen_openers

SIZE = (120, 40)
MARK = "Zed"  # typed into each form: letters no screen binds while a field has the focus

ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Acme")
EVENT = Event(uid="career", name="Career day", kind="career_day", date="2026-05-14",
              checklist=[ChecklistItem(text="Print the CV", phase="before")])
PROFILE = Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org", language="en")


async def _events_screen(pilot: Pilot[None]) -> EventsScreen:
    await pilot.app.switch_mode("events")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EventsScreen)
    return screen


async def _open_event_form(pilot: Pilot[None]) -> None:
    (await _events_screen(pilot)).action_edit_event()


async def _open_item_form(pilot: Pilot[None]) -> None:
    (await _events_screen(pilot)).action_add_item()


async def _open_person_form(pilot: Pilot[None]) -> None:
    (await _events_screen(pilot)).action_add_person()


async def _open_contact(pilot: Pilot[None]) -> None:
    await pilot.app.push_screen(ContactScreen("ada"))


async def _open_log(pilot: Pilot[None]) -> None:
    await pilot.app.push_screen(LogInteractionScreen("ada"))


async def _open_compose(pilot: Pilot[None]) -> None:
    await pilot.app.push_screen(ComposeScreen("ada"))


async def _open_profile(pilot: Pilot[None]) -> None:
    await pilot.app.switch_mode("profile")


async def _open_post_form(pilot: Pilot[None]) -> None:
    await pilot.app.switch_mode("posts")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PostsScreen)
    screen.action_add()


async def _open_batch_form(pilot: Pilot[None]) -> None:
    await pilot.app.switch_mode("drafts")
    await pilot.pause()
    await pilot.press("b")
    await _settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, BatchForm)
    form.query_one("#b-ask", Input).focus()  # past the filter (a search): what to ask for


async def _open_landed(pilot: Pilot[None]) -> None:
    pilot.app.action_landed()  # "I found a job" in the command palette


#: How a test opens each editing screen over the data above.
OPENERS: dict[type[EditingScreen[Any]], Callable[[Pilot[None]], Awaitable[None]]] = {
    ContactScreen: _open_contact,
    LogInteractionScreen: _open_log,
    ComposeScreen: _open_compose,
    ProfileScreen: _open_profile,
    EventForm: _open_event_form,
    ItemForm: _open_item_form,
    PersonForm: _open_person_form,
    PostForm: _open_post_form,
    LandedScreen: _open_landed,
    BatchForm: _open_batch_form,
}

EDITORS = editing_screens()


def test_every_editing_screen_is_listed_once_and_tested() -> None:
    kinds = [cls.RECOVERY_KIND for cls in EDITORS]
    assert all(kinds) and len(set(kinds)) == len(kinds)
    assert set(by_kind().values()) == set(EDITORS)
    assert set(OPENERS) == set(EDITORS), "a new editing screen needs an opener here"
    assert ComposeScreen in EDITORS and ProfileScreen in EDITORS


#: Screens with a field the user types into that are not editing screens, and why losing
#: what is typed there costs nothing. Every other such screen is an editing screen.
NOT_EDITING = {
    "OverviewScreen": "the filter is a search, typed again in a moment",
    "CompaniesScreen": "the company search, typed again in a moment",
    "ContactPicker": "a search among the contacts, to pick one",
    "PathPrompt": "a file path, offered again with its default",
    "ImportScreen": "the path of the file to import: nothing else is typed, and the import is one step",
    "FollowUpForm": "one send day, filled in for you; the people come from the event",
}
SCREENS = discover(Screen)
SCREEN_OPENERS = screen_openers()


def typed_into(widget: Widget) -> bool:
    """A field the user types text into (a read-only text to copy is not one)."""
    if isinstance(widget, TextArea):
        return not widget.read_only and not widget.disabled
    return isinstance(widget, Input) and not widget.disabled


def test_every_screen_is_walked_and_every_exemption_says_why() -> None:
    assert len(SCREENS) > 15, "the discovery is broken"
    missing = sorted(set(SCREENS) - set(SCREEN_OPENERS))
    assert not missing, f"add an opener for {missing} to tests/support/screens.py"
    assert set(NOT_EDITING) <= set(SCREENS), "an exemption names a screen that is gone"
    assert all(len(reason) > 10 for reason in NOT_EDITING.values())
    assert not {SCREENS[name] for name in NOT_EDITING} & set(EDITORS)
    plain = sorted(name for name, cls in SCREENS.items() if not issubclass(cls, NetuiScreen))
    assert not plain, f"{plain} should derive from NetuiScreen or NetuiModal: DataChanged reaches only those"
    kept = {cls for cls in SCREENS.values() if issubclass(cls, EditingScreen) and cls.RECOVERY_KIND}
    assert kept == set(EDITORS), "an editing screen with a RECOVERY_KIND is listed in netui.tui.editors"


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_a_screen_with_a_text_field_asks_before_losing_it_or_says_why_not(
        app_factory: Callable[[], NetuiApp], tmp_path: Path, name: str) -> None:
    """Opened over a small network: a screen holding a field the user types into is an
    editing screen (quitting asks, a stop signal keeps the text), or NOT_EDITING says why not.
    Its key bar, if any, is netui's KeyBar."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = SCREEN_OPENERS[name](app, tmp_path)
        await app.push_screen(screen)
        await _settle(pilot)
        assert app.screen is screen
        fields = [widget.id or type(widget).__name__ for widget in screen.query("Input, TextArea")
                  if typed_into(widget)]
        # And its key bar is netui's, which redraws only when its keys change.
        assert all(isinstance(footer, KeyBar) for footer in screen.query(Footer)), name
        if type(screen) in EDITORS:
            return
        if name in NOT_EDITING:
            assert fields, f"{name} holds no text field now: drop it from NOT_EDITING"
            return
        assert not fields, (f"{name} holds fields the user types into ({', '.join(fields)}) and quitting "
                            "drops them without asking: make it an EditingScreen listed in netui.tui.editors, "
                            "or add it to NOT_EDITING with the reason losing them costs nothing")


@pytest.fixture
def app_factory(make_app: Callable[..., NetuiApp]) -> Callable[[], NetuiApp]:
    return lambda: make_app([ADA], events=[EVENT], profile=PROFILE)


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def open_and_type(pilot: Pilot[None], editor: type[EditingScreen[Any]]) -> EditingScreen[Any]:
    """Open the editor, move to its first text field, type MARK; the editor is returned."""
    await _settle(pilot)
    await OPENERS[editor](pilot)
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, editor)
    for _ in range(8):
        if isinstance(screen.focused, (Input, TextArea)):
            break
        await pilot.press("tab")
    assert isinstance(screen.focused, (Input, TextArea)), screen.focused
    await pilot.press(*MARK)
    await pilot.pause()
    assert screen.is_dirty
    assert MARK in json.dumps(screen.recovery_values())
    return screen


@pytest.mark.parametrize("editor", EDITORS, ids=lambda cls: cls.__name__)
async def test_quit_asks_before_dropping_the_edits(app_factory: Callable[[], NetuiApp],
                                                   editor: type[EditingScreen[Any]]) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_and_type(pilot, editor)
        await pilot.press("ctrl+q")
        await _settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert screen.form_title in question.message
        await pilot.press("n")  # keep editing
        await _settle(pilot)
        assert app.screen is screen and app.is_running
        assert MARK in json.dumps(screen.recovery_values())
        await pilot.press("ctrl+q")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # quit, dropping the edits
        await _settle(pilot)
        assert not app.is_running


@pytest.mark.parametrize("editor", EDITORS, ids=lambda cls: cls.__name__)
async def test_an_editor_left_untouched_quits_without_a_question(app_factory: Callable[[], NetuiApp],
                                                                 editor: type[EditingScreen[Any]]) -> None:
    """Opening a form (a new email written by its template included) and quitting loses
    nothing the user wrote, so nothing is asked."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await OPENERS[editor](pilot)
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, editor)
        assert not screen.is_dirty
        await pilot.press("ctrl+q")
        await _settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert not app.is_running


@pytest.mark.parametrize("editor", EDITORS, ids=lambda cls: cls.__name__)
async def test_terminate_keeps_the_edits_and_the_next_start_reopens_them(
        app_factory: Callable[[], NetuiApp], db_path: Any, editor: type[EditingScreen[Any]]) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(pilot, editor)
        kept = app.handle_terminate_signal(None)
        assert kept == recovery_path(db_path)
    [entry] = recovery.load(db_path)
    assert entry["kind"] == editor.RECOVERY_KIND
    assert MARK in json.dumps(entry["values"])
    app.store.close()  # the process has ended

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        offer = app.screen
        assert isinstance(offer, ConfirmScreen) and "unsaved edits" in offer.message
        await pilot.press("y")  # restore
        await _settle(pilot)
        await _settle(pilot)
        reopened = app.screen
        assert isinstance(reopened, editor)
        assert reopened.is_dirty
        assert MARK in json.dumps(reopened.recovery_values())
        assert not recovery_path(db_path).exists()


async def test_a_commit_tells_the_screens_which_contacts_changed(make_app: Callable[..., NetuiApp]) -> None:
    seen: list[DataChanged] = []

    def hook(message: object) -> None:
        if isinstance(message, DataChanged):
            seen.append(message)

    app = make_app([ADA])
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await _settle(pilot)
        seen.clear()
        store = app.store
        await app.commit(lambda: store.update_contact(ADA.copy(company="Globex")), uids={"ada"})
        await _settle(pilot)
        assert seen and all(m.uids == frozenset({"ada"}) for m in seen)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert any(isinstance(m, DataChanged) for m in seen)
        row = overview.table.row_at(0)
        assert row is not None and "Globex" in row.cells  # the row was redrawn from the message

        seen.clear()
        app.action_reload()
        await _settle(pilot)
        assert seen and all(m.everything for m in seen)


def _cells(table: DataTable) -> list[str]:
    return [getattr(cell, "plain", str(cell)) for row in range(table.row_count) for cell in table.get_row_at(row)]


async def test_a_commit_made_elsewhere_shows_in_the_companies_and_posts_views(
        make_app: Callable[..., NetuiApp]) -> None:
    """The views redraw from DataChanged while shown, and catch up when shown again."""
    app = make_app([ADA], profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        store = app.store
        await app.switch_mode("companies")
        await _settle(pilot)
        companies = app.screen
        assert isinstance(companies, CompaniesScreen)
        assert "Acme" in _cells(companies.companies_table) and "Globex" not in _cells(companies.companies_table)
        await app.commit(lambda: store.update_contact(ADA.copy(company="Globex")), uids={"ada"})
        await _settle(pilot)
        assert app.screen is companies  # without leaving the view
        assert "Globex" in _cells(companies.companies_table) and "Acme" not in _cells(companies.companies_table)

        await app.switch_mode("posts")
        await _settle(pilot)
        posts = app.screen
        assert isinstance(posts, PostsScreen)
        table = posts.query_one("#v-posts", DataTable)
        assert "Graph models" not in _cells(table)
        await app.commit(lambda: store.add_post(Post(topic="Graph models", kind="post", date="2026-03-16")),
                         uids=())
        await _settle(pilot)
        assert app.screen is posts and "Graph models" in _cells(table)
        await app.commit(lambda: store.set_profile(store.profile().copy(posts_per_week=3)), uids=None)
        await _settle(pilot)
        assert "1 of 3 posts this week" in str(posts.query_one("#v-summary", Static).render())

        # Changed while another view is shown: there when it is shown again.
        await app.commit(lambda: store.update_contact(ADA.copy(company="Initech")), uids={"ada"})
        await _settle(pilot)
        await app.switch_mode("companies")
        await _settle(pilot)
        assert app.screen is companies and "Initech" in _cells(companies.companies_table)


def _netui_classes(base: type) -> list[type]:
    """`base` and every subclass of it defined in netui.tui (every module imported first)."""
    discover(Screen)  # imports every module of netui.tui
    found, pending = [], [base]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("netui.tui.") and cls not in found:
            found.append(cls)
    return found


def test_every_area_rule_is_scoped_by_a_screen_type() -> None:
    """Outside app.tcss every selector starts with a screen's type, so an id or class
    on one screen never styles another; every screen's file is loaded, every Screen
    subclass counted (a plain Screen as much as a NetuiScreen)."""
    import re

    import netui.tui.app as app_module
    from netui.tui.base import STYLES_DIR

    loaded = {Path(p).name for p in app_module.STYLES}
    for cls in _netui_classes(Screen):
        paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH] if cls.CSS_PATH else []
        assert all(Path(p).is_absolute() for p in paths), cls  # found from any subclass's module
        loaded |= {Path(p).name for p in paths}
    styles = STYLES_DIR
    assert loaded == {path.name for path in styles.glob("*.tcss")}  # each file is loaded, none is missing
    unscoped = []
    for path in sorted(styles.glob("*.tcss")):
        if path.name == "app.tcss":
            continue
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for block in re.findall(r"([^{}]+)\{", text):
            for selector in block.split(","):
                selector = selector.strip()
                if not re.match(r"[A-Z]\w*(Screen|Modal|Form|Picker|Prompt)\b", selector):
                    unscoped.append(f"{path.name}: {selector}")
    assert unscoped == []


def test_default_css_only_in_self_contained_widgets() -> None:
    """A screen's or a dialog's layout lives in its area's .tcss (CSS_PATH), scoped by its
    type; DEFAULT_CSS belongs to widgets that carry their own look wherever they are put."""
    from textual.widget import Widget

    screens = [cls.__qualname__ for cls in _netui_classes(Screen) if "DEFAULT_CSS" in vars(cls)]
    assert screens == [], "move these rules to netui/tui/styles"
    widgets = [cls for cls in _netui_classes(Widget) if "DEFAULT_CSS" in vars(cls)]
    assert widgets, "the walk found no widget with its own style: it is broken"
