"""Import from the TUI: `i`, a path, a preview, ctrl+s; wrong files refused."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from netui.core.models import Contact
from netui.tui.dialogs.import_dialog import ImportScreen
from netui.tui.screens.overview import OverviewScreen
from tests.conftest import reopen

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SIZE = (120, 36)


async def wait_for(pilot, condition, tries=100):
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition never became true")


def summary(app) -> str:
    return str(app.screen.query_one("#import-summary", Static).content)


async def test_import_linkedin_from_the_overview(make_app, db_path):
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path").value = str(FIXTURES / "linkedin_2024.csv")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "new" in summary(app))
        assert summary(app).startswith("6 new, 0 updated")
        assert "line 8: empty but for the date" in summary(app)
        with reopen(db_path) as store:
            assert len(store.contacts()) == 1  # a preview writes nothing
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.pause()
        counts = str(app.screen.query_one("#panel-counts", Static).content)
        assert "7 contacts" in counts
    with reopen(db_path) as store:
        assert len(store.contacts()) == 7
        assert sum(c.source == "linkedin" for c in store.contacts()) == 6


async def test_wrong_file_is_refused_in_the_dialog(make_app, db_path):
    app = make_app([Contact(uid="me", first_name="Existing", last_name="Person")])
    before = db_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(FIXTURES / "vcard40.vcf")
        await pilot.pause()
        assert app.screen.query_one("#import-kind").value == "vcard"  # guessed from the name
        app.screen.query_one("#import-kind").value = "linkedin"  # the user insists
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Nothing was written" in summary(app))
        error = str(app.screen.query_one("#import-error", Static).content)
        assert "vCard" in error
        assert app.screen.query_one("#import-go").disabled
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    assert db_path.read_bytes() == before
