"""The screen digits (1-6) switch screens from every screen they lead to.

A screen reached by its digit must not put the focus in a text field: the next
digit would be typed into it (and replace the text a field selects on focus)
instead of switching screens. Tested for every pair of screens, from the app's
own list of modes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, TextArea

from netui.core.models import Contact, Profile
from netui.tui.app import NetuiApp
from tests.support.pilot import settle

SIZE = (100, 30)
ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Acme")
PROFILE = Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org", language="en")


def mode_keys() -> dict[str, str]:
    """mode name → its digit, read from the app's bindings."""
    found = {}
    for binding in NetuiApp.BINDINGS:
        action = getattr(binding, "action", "")
        if isinstance(action, str) and action.startswith("switch_mode("):
            found[action.split("'")[1]] = binding.key
    return found


MODES = mode_keys()


def test_every_mode_has_a_digit() -> None:
    assert set(MODES) == set(NetuiApp.MODES)
    assert sorted(MODES.values()) == [str(n) for n in range(1, len(MODES) + 1)]


@pytest.mark.parametrize("mode", sorted(MODES))
async def test_digits_switch_screens_from_every_screen(make_app: Callable[..., NetuiApp], mode: str) -> None:
    app = make_app([ADA], profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for other in sorted(MODES):
            await pilot.press(MODES[mode])
            await settle(pilot)
            assert app.current_mode == mode
            assert not isinstance(app.focused, (Input, TextArea)), f"{mode}: {app.focused!r} would take the digits"
            await pilot.press(MODES[other])
            await settle(pilot)
            assert app.current_mode == other, f"{MODES[other]} on {mode} did not reach {other}"
        await pilot.press(MODES["profile"])
        await settle(pilot)
        assert app.screen.query_one("#f-first_name", Input).value == "Ana"  # no digit typed into the profile
        assert not app.screen.is_dirty
