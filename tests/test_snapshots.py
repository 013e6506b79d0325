"""Snapshots of the overview (empty, and the demo network) and of the contact screen.

The date is fixed (the demo and the follow-ups take `today`), the file path in
the header is replaced by its name, and cursors do not blink: stable pictures.
Update them with `pytest tests/test_snapshots.py --snapshot-update` after a
deliberate change, and look at the new SVGs before committing them.
"""

from __future__ import annotations

from conftest import TODAY
from textual.widgets import Input, TextArea

from netui.io.demo import build_demo

SIZE = (120, 36)


async def steady(pilot) -> None:
    """Header text independent of the temp folder; no blinking cursors."""
    pilot.app.sub_title = "netui.json"
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


def test_overview_empty(snap_compare, make_app):
    app = make_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_overview_demo_network(snap_compare, make_app, db_path):
    build_demo(db_path, TODAY)
    app = make_app(demo=True)

    async def run_before(pilot) -> None:
        await steady(pilot)
        await pilot.press("down", "down")
        pilot.app.sub_title = "demo network (a temporary file)"

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_overview_filtered_and_sorted(snap_compare, make_app, db_path):
    build_demo(db_path, TODAY)
    app = make_app()

    async def run_before(pilot) -> None:
        await steady(pilot)
        await pilot.press("slash", *"energy", "enter", "s", "s", "s", "s", "s", "s", "s")  # next due
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_contact_screen(snap_compare, make_app, db_path):
    build_demo(db_path, TODAY)
    app = make_app()

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("slash", *"noe", "enter", "enter")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
