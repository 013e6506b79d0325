"""Every widget that takes the focus shows it, on every screen and editor: Tab walks the
screen's focus chain and each stop must look plainly different focused and not (the
measure of tests/test_focus.py: a border appears or changes colour, or the background
behind its text or cursor row changes).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Button

from netui.tui.app import NetuiApp
from tests.support.pilot import settle
from tests.test_focus import look, visibly_different
from tests.test_footer_fits import SCREENS
from tests.test_tui_protocols import ADA, EVENT, PROFILE


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_every_focus_stop_shows_its_focus(make_app: Callable[..., NetuiApp], name: str, theme: str) -> None:
    app = make_app([ADA], events=[EVENT], profile=PROFILE)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await settle(pilot)
        await SCREENS[name](pilot)
        await settle(pilot)
        screen = app.screen
        chain = [widget for widget in screen.focus_chain if widget.is_on_screen or True]
        unseen = []
        for widget in chain:
            others = [other for other in chain if other is not widget]
            if not others:
                continue
            widget.focus()
            await pilot.pause()
            focused = look(widget)
            reversed_focused = "reverse" in str(widget.styles.text_style)
            others[0].focus()
            await pilot.pause()
            blurred = look(widget)
            if isinstance(widget, Button) and reversed_focused and "reverse" not in str(widget.styles.text_style):
                continue
            if not visibly_different(focused, blurred):
                unseen.append(f"{type(widget).__name__}#{widget.id}")
        assert not unseen, f"{name} ({theme}): focus not visible on {unseen}"
