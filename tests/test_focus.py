"""Focus a user can see and use: the focus style of every kind of widget, compose's tab stops,
where the cursor waits in a text area reached by the keyboard, and one source for compose's checks.

Everything runs on the real screens through Pilot; what is compared is what the user sees:
the border drawn around a widget and the colour behind its text (or behind a list's cursor row).
"""

from __future__ import annotations

import math
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Select, TextArea
from textual.widgets._select import SelectCurrent

from netui.core.models import Contact, Event, Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.contact import ContactScreen
from netui.tui.screens.events import EventsScreen
from netui.tui.screens.overview import OverviewScreen
from netui.tui.screens.profile import ProfileScreen
from netui.tui.text_entry import accepts_text
from netui.tui.widgets.contact_table import ContactTable
from tests.support.pilot import plain, settle, switch_to

SIZE = (80, 24)
TODAY = date(2026, 5, 10)
THEMES = ("textual-dark", "textual-light")
#: How far apart two colours must be for a user to see the difference at a glance (RGB distance;
#: the focus of a compact field used to differ by about 5, black to white is 441).
VISIBLE = 60.0


@pytest.fixture(autouse=True)
def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def open_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org",
                              target_sector="data science", language="en"))
    return store


def add(store: Store, first: str = "Ada", last: str = "Lovelace", **kw: Any) -> Contact:
    kw.setdefault("emails", [f"{first.lower()}@example.org"])
    return store.add_contact(Contact(first_name=first, last_name=last, **kw))


def distance(a: Color, b: Color) -> float:
    return math.dist(a.rgb, b.rgb)


def drawn(widget: Widget) -> Widget:
    """The part of a widget that draws its frame: a Select's current-value box."""
    return widget.query_one(SelectCurrent) if isinstance(widget, Select) else widget


def look(widget: Widget) -> tuple[tuple[str, ...], Color | None, Color]:
    """What the user sees of a widget's focus: its border kinds, its border colour (when it has
    one) and the colour behind its text (for a list, behind its cursor row)."""
    target = drawn(widget)
    edges = tuple(edge[0] for edge in target.styles.border)
    drawn_edges = [edge for edge in target.styles.border if edge[0] not in ("", "none", "hidden")]
    colour = drawn_edges[0][1] if drawn_edges else None  # the first edge drawn (a form may have only a left one)
    base, background = target.background_colors
    cursor = None
    if isinstance(widget, ContactTable):  # draws its cursor row with one of two components
        cursor = "contact-table--cursor" if widget.has_focus else "contact-table--cursor-blurred"
    elif isinstance(widget, DataTable):
        cursor = "datatable--cursor"
    elif isinstance(widget, OptionList):
        cursor = "option-list--option-highlighted"
    if cursor is not None:
        style = widget.get_component_rich_style(cursor)
        if style.bgcolor is not None:
            background = Color.from_rich_color(style.bgcolor)
    return edges, (None if colour is None else base + colour), base + background


def visibly_different(focused: tuple[tuple[str, ...], Color | None, Color],
                      blurred: tuple[tuple[str, ...], Color | None, Color]) -> str:
    """Why the focused look stands out from the blurred one ('' when it does not)."""
    f_edges, f_border, f_back = focused
    b_edges, b_border, b_back = blurred
    if f_border is not None and b_border is None:
        return "a border appears"
    if f_border is not None and b_border is not None and distance(f_border, b_border) >= VISIBLE:
        return f"the border changes colour ({distance(f_border, b_border):.0f})"
    if distance(f_back, b_back) >= VISIBLE:
        return f"the background changes ({distance(f_back, b_back):.0f})"
    return ""


async def focus_look(pilot, widget: Widget) -> tuple[tuple[str, ...], Color | None, Color]:
    widget.focus()
    await pilot.pause()
    assert widget.has_focus
    return look(widget)


async def blur_look(pilot, widget: Widget, other: Widget) -> tuple[tuple[str, ...], Color | None, Color]:
    other.focus()
    await pilot.pause()
    assert not widget.has_focus
    return look(widget)


def snapshot_png(app: NetuiApp, tmp_path: Path, name: str) -> Path:
    """A screenshot as SVG, and as PNG when rsvg-convert is there (to look at by eye)."""
    svg = Path(app.save_screenshot(str(tmp_path / f"{name}.svg")))
    png = svg.with_suffix(".png")
    try:
        subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return svg
    return png


# --- 2. a focus the user can see ------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
async def test_every_kind_of_focusable_widget_shows_its_focus(tmp_path, theme):
    """On the real screens, at 80x24, in the dark and the light theme: a compact input, a compact
    text area and a compact select (the profile), a framed text area and the preview (compose),
    the contact table, an option list (events) and a dialog's button each look plainly
    different focused and not."""
    store = open_store(tmp_path)
    ada = add(store, tier="key", notes="Neighbour of my aunt")
    store.add_event(Event(name="Green Jobs Day", kind="career_day", date="2026-05-20"))
    found: dict[str, str] = {}
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        app = pilot.app
        app.theme = theme
        await pilot.pause()

        table = app.screen.query_one("#contacts", ContactTable)
        search = app.screen.query_one(Input)
        focused, blurred = await focus_look(pilot, table), await blur_look(pilot, table, search)
        found["contact table"] = visibly_different(focused, blurred)

        profile = await switch_to(pilot, "profile", ProfileScreen)
        first = profile.query_one("#f-first_name", Input)
        traits = profile.query_one("#f-company_traits", TextArea)
        language = profile.query_one("#f-language", Select)
        for name, widget, other in (("Input (compact)", first, traits), ("TextArea (compact)", traits, first),
                                    ("Select (compact)", language, first)):
            focused = await focus_look(pilot, widget)
            found[name] = visibly_different(focused, await blur_look(pilot, widget, other))
        snapshot_png(app, tmp_path, f"profile-{theme}")

        events = await switch_to(pilot, "events", EventsScreen)
        listing = events.query_one("#event-list", OptionList)
        listing.highlighted = 0
        checklist = events.query_one("#checklist", OptionList)
        focused = await focus_look(pilot, listing)
        found["OptionList"] = visibly_different(focused, await blur_look(pilot, listing, checklist))

        await switch_to(pilot, "overview", OverviewScreen)
        app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        compose = app.screen
        body = compose.query_one("#c-body", TextArea)
        preview = compose.query_one("#c-preview-box")
        subject = compose.query_one("#c-subject", Input)
        for name, widget in (("TextArea (framed)", body), ("compose preview", preview)):
            focused = await focus_look(pilot, widget)
            found[name] = visibly_different(focused, await blur_look(pilot, widget, subject))
        body.focus()
        await pilot.pause()
        snapshot_png(app, tmp_path, f"compose-{theme}")

        app.push_screen(ConfirmScreen("Leave?", yes="Leave", no="Stay"))
        await pilot.pause()
        yes, no = app.screen.query(Button)
        focused = await focus_look(pilot, yes)
        reversed_focused = "reverse" in str(yes.styles.text_style)
        blurred = await blur_look(pilot, yes, no)
        reversed_blurred = "reverse" in str(yes.styles.text_style)
        found["Button"] = ("the label is reversed" if reversed_focused and not reversed_blurred
                           else visibly_different(focused, blurred))
    store.close()
    unseen = sorted(name for name, why in found.items() if not why)
    assert unseen == [], f"focus not visible in {theme}: {unseen} ({found})"


# --- 3. compose: only focus stops a user can use ------------------------------------------------


async def test_compose_tab_order_is_the_form_then_the_preview(tmp_path):
    """template → language → ask → send-on → subject → body → preview → template: the tab row
    and the Checks pane are no stops (ctrl+t switches the editor)."""
    store = open_store(tmp_path)
    ada = add(store)
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#c-template").focus()
        await pilot.pause()
        stops = []
        for _ in range(8):
            stops.append(pilot.app.focused.id)
            await pilot.press("tab")
            await pilot.pause()
        assert stops == ["c-template", "c-lang", "c-ask", "c-send-on", "c-subject", "c-body", "c-preview-box",
                         "c-template"]
        screen.query_one("#c-template").focus()
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert pilot.app.focused.id == "c-preview-box"
    store.close()


async def test_typing_in_the_preview_goes_to_the_email_and_no_digit_switches_screen(tmp_path):
    """Tab from the body reaches the preview; what is typed there, digits included, lands at the
    end of the body, which takes the focus back; the screen stays."""
    store = open_store(tmp_path)
    ada = add(store)
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        screen = pilot.app.screen
        body = screen.query_one("#c-body", TextArea)
        before = body.text
        assert pilot.app.focused is body
        await pilot.press("tab")
        await pilot.pause()
        assert pilot.app.focused is screen.query_one("#c-preview-box")
        await pilot.press("P", "2", "S", "4")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert body.text == before + "P2S4"
        assert pilot.app.focused is body
        assert "P2S4" in plain(screen.query_one("#c-preview"))
    store.close()


async def test_screen_digits_are_text_in_every_widget_that_takes_text(tmp_path):
    """The app's 1-6 never switch screen from a widget that takes text; from a list they do."""
    store = open_store(tmp_path)
    ada = add(store)
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        screen = pilot.app.screen
        ask = screen.query_one("#c-ask", Input)
        body = screen.query_one("#c-body", TextArea)
        preview = screen.query_one("#c-preview-box")
        checks = screen.query_one("#c-checks-box")
        assert accepts_text(ask) and accepts_text(body) and accepts_text(preview)
        assert not accepts_text(checks) and not accepts_text(None)
        body.read_only = True
        assert not accepts_text(body)
        body.read_only = False
        ask.focus()
        await pilot.press("3")
        await settle(pilot)
        assert pilot.app.screen is screen and ask.value == "3"
        pilot.app.pop_screen()
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)
        await pilot.press("2")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "DraftsScreen"
    store.close()


# --- 4. the cursor waits at the end of a text reached by the keyboard ------------------------


async def test_tabbing_into_notes_types_after_the_text(make_app):
    """`ZZQ` typed after tabbing into the notes follows them (it used to go in front); a click
    still puts the cursor where clicked."""
    app = make_app([Contact(uid="ada", first_name="Ada", last_name="Lovelace", notes="Neighbour of my aunt")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ContactScreen("ada"))
        await pilot.pause()
        screen = app.screen
        notes = screen.query_one("#input-notes", TextArea)
        answers = list(screen.query("TextArea.answer"))
        answers[-1].focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is notes
        await pilot.press("Z", "Z", "Q")
        await pilot.pause()
        assert notes.text == "Neighbour of my auntZZQ"

        answers[0].focus()
        await pilot.pause()
        await pilot.click(notes, offset=(3, 0))
        await pilot.pause()
        assert app.focused is notes
        assert notes.cursor_location[0] == 0 and notes.cursor_location[1] < 5


async def test_the_cursor_stays_where_it_was_after_a_dialog(tmp_path):
    """Coming back from a dialog is no new focus: the cursor stays in the middle of the body."""
    store = open_store(tmp_path)
    ada = add(store)
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        body = pilot.app.screen.query_one("#c-body", TextArea)
        assert body.cursor_location == body.document.end  # focused on opening: ready to add
        body.move_cursor((0, 3))
        pilot.app.push_screen(ConfirmScreen("Leave?", yes="Leave", no="Stay"))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is body and body.cursor_location == (0, 3)
    store.close()


# --- 5. one source of checks ----------------------------------------------------------------------


async def test_a_missing_ask_shows_in_the_preview_and_the_checks(tmp_path):
    """Personal template, empty Ask: both panes say the ask is missing, and that the email kept
    its earlier (generic) text."""
    store = open_store(tmp_path)
    ada = add(store, tier="key")
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, template="generic"))
        await settle(pilot)
        screen = pilot.app.screen
        generic_body = screen.query_one("#c-body", TextArea).text
        assert generic_body.strip()
        screen.query_one("#c-template", Select).value = "personal"
        await settle(pilot)
        preview = plain(screen.query_one("#c-preview"))
        checks = plain(screen.query_one("#c-checks"))
        assert "missing ask" in preview
        assert "missing ask" in checks
        assert "No problems found" not in checks
        assert "keeps its earlier text" in preview and "keeps its earlier text" in checks
        assert screen.query_one("#c-body", TextArea).text == generic_body
        screen.query_one("#c-ask", Input).value = "a call"
        await settle(pilot)
        assert "missing ask" not in plain(screen.query_one("#c-checks"))
        assert "missing ask" not in plain(screen.query_one("#c-preview"))
    store.close()


async def test_the_ask_has_room_at_80_columns(tmp_path):
    """At 80x24 the options take two rows: the Ask is wide enough to type in and to see focused
    (on one row it was left a single column)."""
    store = open_store(tmp_path)
    ada = add(store, tier="key")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid))
        await settle(pilot)
        screen = pilot.app.screen
        ask = screen.query_one("#c-ask", Input)
        assert pilot.app.focused is ask  # the personal template waits for its ask
        assert ask.size.width >= 20
        assert screen.query_one("#c-send-on", Input).size.width >= 10
        assert ask.region.y != screen.query_one("#c-template", Select).region.y
    store.close()
