"""Escape on every screen and editor, untouched, at 80x24 and 150x42: no traceback, and
a screen that was opened over another (a contact, an email, a form) closes, back to where
the user was. The screens the app switches to stay (escape there undoes or clears).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from netui.tui.app import NetuiApp
from tests.support.pilot import settle
from tests.test_footer_fits import SCREENS
from tests.test_tui_protocols import ADA, EVENT, PROFILE


@pytest.mark.parametrize("size", [(80, 24), (150, 42)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_escape_leaves_an_untouched_screen(make_app: Callable[..., NetuiApp], name: str,
                                                 size: tuple[int, int]) -> None:
    app = make_app([ADA], events=[EVENT], profile=PROFILE)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await SCREENS[name](pilot)
        await settle(pilot)
        opened, depth, mode = app.screen, len(app.screen_stack), app.current_mode
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.current_mode == mode
        if name.startswith("editor:") and depth > 1:
            assert app.screen is not opened and len(app.screen_stack) == depth - 1, f"{name}: escape did not close it"
        else:
            assert app.screen is opened
