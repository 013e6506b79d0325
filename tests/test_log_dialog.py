"""The "Log an interaction" dialog: Escape and Cancel leave it, and it fits an 80x24 terminal."""

from __future__ import annotations

import pytest

from netui.core.models import Contact
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.screens.overview import OverviewScreen
from tests.conftest import reopen

ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"])


async def _open_log(pilot) -> LogInteractionScreen:
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LogInteractionScreen)
    return screen


async def test_escape_leaves_an_untouched_log_dialog(make_app):
    app = make_app([ADA])
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_log(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_tab_to_cancel_and_enter_leaves_without_a_traceback(make_app, db_path):
    app = make_app([ADA])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_log(pilot)
        await pilot.press("tab", "tab", "tab")
        assert app.focused is screen.query_one("#cancel")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    assert app.return_code in (0, None)
    with reopen(db_path) as store:
        assert store.interactions("ada") == []


async def test_escape_on_a_changed_form_asks_before_dropping(make_app, db_path):
    app = make_app([ADA])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_log(pilot)
        screen.query_one("#input-summary").text = "Talked about the lab"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is screen
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    with reopen(db_path) as store:
        assert store.interactions("ada") == []


@pytest.mark.parametrize("size", [(80, 24), (150, 42)])
async def test_save_and_cancel_are_on_screen(make_app, size):
    app = make_app([ADA])
    async with app.run_test(size=size) as pilot:
        screen = await _open_log(pilot)
        for button_id in ("save", "cancel"):
            button = screen.query_one(f"#{button_id}")
            region = button.region
            assert region.height >= 1 and region.bottom <= size[1]
            # What is drawn at the middle of the button is the button: not cut off by the dialog.
            widget, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
            assert widget is button
