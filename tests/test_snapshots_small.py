"""Every main screen and the two busiest dialogs at 80x24, the smallest terminal the
README supports (and the profile and dialogs at a large size too).

The demo network gives each screen real data; the date is fixed and cursors do
not blink. After a deliberate change of looks: `pytest tests/test_snapshots_small.py
--snapshot-update`, then look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from conftest import TODAY
from test_snapshots import steady

from netui.io.demo import build_demo
from netui.tui.dialogs.import_dialog import ImportScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen

SMALL, LARGE = (80, 24), (150, 42)


@pytest.fixture
def demo_app(make_app, db_path):
    build_demo(db_path, TODAY)
    return make_app()


async def _workers_done(pilot) -> None:
    for _ in range(50):
        await pilot.pause(0.02)
        if all(worker.is_finished for worker in pilot.app.workers):
            return


def test_overview_small(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=steady)


def test_contact_small(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("slash", *"noe", "enter", "enter")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run_before)


def test_compose_small(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("slash", *"noe", "enter", "c")
        await pilot.pause()
        if pilot.app.screen.__class__.__name__ == "ConfirmScreen":  # a draft exists: start a new one
            await pilot.press("escape")
        await _workers_done(pilot)
        pilot.app.clear_notifications()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "150x42"])
def test_events(snap_compare, demo_app, size):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "150x42"])
def test_profile(snap_compare, demo_app, size):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "150x42"])
def test_log_interaction(snap_compare, demo_app, size):
    async def run_before(pilot) -> None:
        await pilot.pause()
        uid = pilot.app.screen.table.highlighted_uid
        pilot.app.push_screen(LogInteractionScreen(uid))
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "150x42"])
def test_import_dialog(snap_compare, demo_app, size):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(ImportScreen())
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)
