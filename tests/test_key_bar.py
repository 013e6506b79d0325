"""The key bar (netui.tui.widgets.keybar) redraws only when the keys it shows change.

That every screen has it is checked where every screen is opened
(tests/test_tui_protocols.py)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets._footer import FooterKey

from netui.core.models import Contact
from netui.tui.app import NetuiApp
from netui.tui.screens.companies import CompaniesScreen
from netui.tui.widgets.keybar import KeyBar

ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Acme")


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


def _keys(bar: KeyBar) -> list[str]:
    return [key.description for key in bar.query(FooterKey)]


async def test_the_bar_keeps_its_keys_while_the_focus_moves_and_redraws_when_they_change(
        make_app: Callable[..., NetuiApp]) -> None:
    app = make_app([ADA])
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot)
        await app.switch_mode("companies")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        bar = screen.query_one(KeyBar)
        drawn = list(bar.query(FooterKey))
        assert "Ask intro" in _keys(bar)
        await pilot.press("tab")  # the focus moves to the paths: the same keys
        await _settle(pilot)
        assert screen.focused is screen.paths_table
        assert list(bar.query(FooterKey)) == drawn  # not mounted again
        await pilot.press("f")  # the funnel: asking for an introduction is not offered there
        await _settle(pilot)
        assert "Ask intro" not in _keys(bar) and "Sources" in _keys(bar)
        await pilot.press("f")
        await _settle(pilot)
        assert "Ask intro" in _keys(bar)
