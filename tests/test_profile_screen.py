"""The Profile screen (`4`): every field, lists as lists, inline checks, ctrl+s."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, Static, TextArea

from netui.core.models import Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.screens.profile import ProfileScreen
from tests.support.pilot import plain, settle, switch_to

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


async def test_every_profile_field_is_on_the_form(tmp_path):
    store = Store.open(tmp_path / "netui.json")
    async with NetuiApp(store).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "profile", ProfileScreen)
        for key in Profile.keys():
            assert screen.query(f"#f-{key}"), key
        assert isinstance(screen.query_one("#f-target_companies"), TextArea)
        assert isinstance(screen.query_one("#f-language"), Select)
    store.close()


async def test_edit_and_save_with_lists_and_missing_fields(tmp_path):
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana"))
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4")
    async with NetuiApp(store).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "profile", ProfileScreen)
        await settle(pilot)
        side = plain(screen.query_one("#p-templates", Static))
        assert "generic: fill Target sector" in side
        assert screen.focused is screen.query_one("#p-form")  # the digits still switch screens
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#f-first_name")
        await pilot.press("escape")  # nothing changed: out of the field, back to the form
        assert screen.focused is screen.query_one("#p-form")
        await pilot.press("tab", "tab", *"Bianchi")  # last name
        screen.query_one("#f-target_sector", Input).focus()
        await pilot.press(*"data science")
        await settle(pilot)
        assert "✓ generic" in plain(screen.query_one("#p-templates", Static))  # live, before saving
        screen.query_one("#f-target_companies", TextArea).load_text("Globex\n\nInitech\n")
        screen.query_one("#f-cv_path", Input).value = str(tmp_path / "nope.pdf")
        await settle(pilot)
        assert "no file at this path" in plain(screen.query_one("#note-cv_path", Static))
        screen.query_one("#f-cv_path", Input).value = str(cv)
        await settle(pilot)
        assert "found" in plain(screen.query_one("#note-cv_path", Static))
        screen.query_one("#f-language", Select).value = "it"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert plain(screen.query_one("#p-status", Static)).startswith("Your profile · saved")
    with Store.open(tmp_path / "netui.json", readonly=True) as fresh:
        me = fresh.profile()
        assert (me.first_name, me.last_name, me.target_sector) == ("Ana", "Bianchi", "data science")
        assert me.target_companies == ["Globex", "Initech"]
        assert me.cv_path == str(cv) and me.language == "it"
    store.close()


async def test_inline_validation_blocks_a_bad_email(tmp_path):
    store = Store.open(tmp_path / "netui.json")
    async with NetuiApp(store).run_test(size=SIZE) as pilot:
        screen = await switch_to(pilot, "profile", ProfileScreen)
        screen.query_one("#f-email", Input).value = "not-an-email"
        screen.query_one("#f-cadence_key_days", Input).value = "0"
        await settle(pilot)
        assert "not an email address" in plain(screen.query_one("#note-email", Static))
        assert "1 to 3650" in plain(screen.query_one("#note-cadence_key_days", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.profile().email == ""
        assert screen.focused is screen.query_one("#f-email")
        screen.query_one("#f-email", Input).value = "ana@example.org"
        screen.query_one("#f-cadence_key_days", Input).value = "21"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.profile().email == "ana@example.org" and store.profile().cadence_key_days == 21
    store.close()
