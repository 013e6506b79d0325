"""Every modal dialog of the app: Escape closes it, and each of its buttons works, at 80x24 and 150x42.

The dialogs are discovered (every ModalScreen subclass defined in netui.tui), not
listed by hand: a new dialog without a way to open it (tests/support/screens.py)
fails `test_every_dialog_can_be_opened_here`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import ModalScreen
from textual.widgets import Button

from netui.core.models import Interaction
from tests.support.pilot import started
from tests.support.screens import ADA, BEA, dialog_openers, discover

SIZES = [(80, 24), (150, 42)]
DIALOGS = sorted(discover(ModalScreen))
OPENERS = dialog_openers()


def test_every_dialog_can_be_opened_here():
    assert DIALOGS, "no dialog found: the discovery is broken"
    missing = sorted(set(DIALOGS) - set(OPENERS))
    assert not missing, f"add an opener for {missing} to tests/support/screens.py"


async def _open(pilot, name: str, tmp_path: Path) -> ModalScreen:
    app = pilot.app
    await pilot.pause()
    base = app.screen
    dialog = OPENERS[name](app, tmp_path)
    app.push_screen(dialog)
    for _ in range(20):
        await pilot.pause()
        if app.screen is dialog and dialog.is_mounted:
            break
    assert app.screen is dialog and app.screen_stack[-2] is base
    return dialog


async def _back_to(pilot, base) -> None:
    """Close whatever a button opened (a question, a form) until `base` is on top again."""
    for _ in range(6):
        if pilot.app.screen is base:
            return
        pilot.app.pop_screen()
        await pilot.pause()
    assert pilot.app.screen is base


def _buttons(dialog: ModalScreen) -> list[str]:
    return [b.id for b in dialog.query(Button) if b.id and not b.disabled and b.display]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", DIALOGS)
async def test_escape_closes_and_every_button_works(make_app, tmp_path, name, size):
    app = make_app([ADA, BEA], [Interaction(contact_uid="ada", kind="call", date="2026-03-01", summary="Lab")])
    async with app.run_test(size=size) as pilot:
        await started(pilot)  # the app's own look for conflicts on disk is over
        base = app.screen
        dialog = await _open(pilot, name, tmp_path)
        await pilot.press("escape")
        for _ in range(10):
            await pilot.pause()
            if app.screen is base:
                break
        assert app.screen is base, f"escape left {name} open ({type(app.screen).__name__} on top)"
        assert not dialog.is_attached

        buttons = _buttons(await _open(pilot, name, tmp_path))
        await _back_to(pilot, base)
        for button_id in buttons:
            dialog = await _open(pilot, name, tmp_path)
            button = dialog.query_one(f"#{button_id}", Button)
            region = button.region
            middle = (region.x + region.width // 2, region.y + region.height // 2)
            # On screen and not hidden by the dialog's edge: the middle of the button is the button.
            assert 0 <= middle[0] < size[0] and 0 <= middle[1] < size[1], f"{name} #{button_id} is off screen"
            assert app.screen.get_widget_at(*middle)[0] is button, f"{name} #{button_id} is covered"
            pressed: list[str] = []
            original = button.press

            def spy(original=original) -> Button:
                pressed.append(button_id)
                return original()

            setattr(button, "press", spy)  # records the press, then presses
            await pilot.click(button, offset=(region.width // 2, region.height // 2))
            for _ in range(10):
                await pilot.pause()
            assert pressed == [button_id], f"clicking {name} #{button_id} did not press it"
            assert app.is_running and app.return_code is None
            await _back_to(pilot, base)
