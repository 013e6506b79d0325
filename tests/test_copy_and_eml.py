"""Copy without a system clipboard, .eml paths, and `c` on a contact that has a draft."""

from __future__ import annotations

import os

import pytest
from textual.containers import Vertical
from textual.widgets import Input, TextArea

from netui.core.models import Draft
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.draft_dialogs import PathPrompt, TextModal
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.overview import OverviewScreen
from tests.support.pilot import settle
from tests.test_compose import TODAY, add, open_compose, open_store, setup, text_of  # noqa: F401 - setup is a fixture

SIZE = (120, 36)


@pytest.fixture
def no_clipboard(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


async def _copy(pilot, key: str) -> TextModal:
    await pilot.press(key)
    await settle(pilot)
    for _ in range(50):
        if isinstance(pilot.app.screen, TextModal):
            break
        await pilot.pause(0.1)
    modal = pilot.app.screen
    assert isinstance(modal, TextModal)
    await pilot.pause()
    return modal


async def test_copy_fallback_says_why_once_without_toasts_or_bars(tmp_path, no_clipboard):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        assert "\n\n" in screen.body  # the body has blank lines
        before = len(pilot.app._notifications)
        modal = await _copy(pilot, "ctrl+b")
        note = text_of(modal, "#text-note")
        assert note.lower().count("no system clipboard") == 1 and "((" not in note and "OSC 52" in note
        # The dialog says it all: no toast stacked over it.
        assert len(pilot.app._notifications) == before
        area = modal.query_one(TextArea)
        drawn = [area.render_line(y).text for y in range(area.size.height)]
        assert not any("▌" in line for line in drawn)
        assert area.text == screen.body
        await pilot.press("escape")
        await pilot.pause()
        subject_modal = await _copy(pilot, "ctrl+g")
        box = subject_modal.query_one(Vertical)
        assert subject_modal.query_one(TextArea).size.height <= 3  # one line, not a full-height box
        assert box.size.height < SIZE[1] // 2
    store.close()


async def test_eml_into_a_missing_folder_keeps_the_prompt_then_creates_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    target = tmp_path / "jobs" / "2026" / "bea.eml"
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        await open_compose(pilot, bea.uid)
        await pilot.press("f3")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, PathPrompt)
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is prompt  # still open, the typed path kept
        assert prompt.query_one(Input).value == str(target)
        assert "does not exist" in text_of(prompt, "#path-error")
        await pilot.press("enter")  # again: create the folder
        await pilot.pause()
        assert isinstance(pilot.app.screen, ComposeScreen)
        assert target.read_bytes().startswith(b"X-Unsent: 1")
        # The next .eml is offered in the folder used last.
        await pilot.press("f3")
        await pilot.pause()
        assert os.path.dirname(pilot.app.screen.query_one(Input).value) == str(target.parent)
    store.close()


async def test_eml_default_is_downloads_when_nothing_was_saved_yet(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Downloads"))
    (tmp_path / "Downloads").mkdir()
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        await open_compose(pilot, bea.uid)
        await pilot.press("f3")
        await pilot.pause()
        value = pilot.app.screen.query_one(Input).value
        assert value == str(tmp_path / "Downloads" / "email-bea-rossi-2026-05-10.eml")
    store.close()


async def test_compose_on_a_contact_with_a_draft_offers_to_open_it(tmp_path):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    saved = store.add_draft(Draft(contact_uid=bea.uid, subject="Coffee in May?", body="Hi Bea"))
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)
        await pilot.press("c")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmScreen)
        assert "already has a draft" in question.message and "Coffee in May?" in question.message
        await pilot.press("y")
        await settle(pilot)
        compose = pilot.app.screen
        assert isinstance(compose, ComposeScreen) and compose.draft_uid == saved.uid
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")  # neither: nothing opens
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("n")  # a new one, knowingly
        await settle(pilot)
        assert isinstance(pilot.app.screen, ComposeScreen) and pilot.app.screen.draft_uid is None
    store.close()
