"""The import preview names who would be added, and its progress bar ends full."""

from __future__ import annotations

from textual.widgets import ProgressBar

from netui.core.models import Contact
from netui.tui.dialogs.import_dialog import ImportScreen
from netui.tui.screens.overview import OverviewScreen
from tests.conftest import reopen
from tests.test_import_screen import FIXTURES, summary, wait_for

SIZE = (120, 36)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


async def _preview(pilot, path) -> ImportScreen:
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path").value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: "ctrl+s imports" in summary(pilot.app) or "Nothing" in summary(pilot.app))
    return screen


async def test_preview_lists_the_new_names_and_the_bar_is_full(make_app):
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _preview(pilot, FIXTURES / "linkedin_2024.csv")
        text = summary(app)
        assert "New:" in text
        for name in ("Chiara Bellandi", "Amélie Dubreuil", "Aiko Tanabe"):
            assert f"  {name}" in text
        bar = screen.query_one("#import-progress", ProgressBar)
        assert bar.percentage == 1.0  # a finished preview is not left at 67%


async def test_a_long_preview_lists_twenty_names_then_how_many_more(make_app, tmp_path, db_path):
    source = tmp_path / "Connections.csv"
    rows = "".join(f"Person{i:02d},Example,https://www.linkedin.com/in/p{i},,Acme,Analyst,01 Jan 2024\n"
                   for i in range(25))
    source.write_text(HEADER + rows, encoding="utf-8")
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    async with app.run_test(size=SIZE) as pilot:
        await _preview(pilot, source)
        text = summary(app)
        listed = [line for line in text.splitlines() if line.startswith("  Person")]
        assert len(listed) == 20 and listed[0] == "  Person00 Example"
        assert "… and 5 more" in text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
    with reopen(db_path) as store:
        assert len(store.contacts()) == 26


async def test_a_long_preview_keeps_the_buttons_on_an_80x24_screen(make_app, tmp_path):
    source = tmp_path / "Connections.csv"
    rows = "".join(f"Person{i:02d},Example,https://www.linkedin.com/in/p{i},,Acme,Analyst,01 Jan 2024\n"
                   for i in range(40))
    source.write_text(HEADER + rows, encoding="utf-8")
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _preview(pilot, source)
        await pilot.pause()
        for button_id in ("import-go", "import-cancel"):
            button = screen.query_one(f"#{button_id}")
            region = button.region
            middle = (region.x + region.width // 2, region.y + region.height // 2)
            assert middle[1] < 24 and app.screen.get_widget_at(*middle)[0] is button
