"""Every modal dialog of the app: Escape closes it, and each of its buttons works, at 80x24 and 150x42.

The dialogs are discovered (every ModalScreen subclass defined in netui.tui), not
listed by hand: a new dialog without a way to open it here fails
`test_every_dialog_can_be_opened_here`. A dialog needs its constructor's
arguments, which is all `OPENERS` holds.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.screen import ModalScreen
from textual.widgets import Button

import netui.tui
from netui.core.models import Contact, Interaction
from tests.conftest import TODAY

SIZES = [(80, 24), (150, 42)]
ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Acme")
BEA = Contact(uid="bea", first_name="Bea", last_name="Ng", emails=["bea@example.org"])


def discover() -> dict[str, type[ModalScreen]]:
    """Every concrete ModalScreen subclass defined in netui.tui (a base with subclasses is not one)."""
    for module in pkgutil.walk_packages(netui.tui.__path__, "netui.tui."):
        importlib.import_module(module.name)
    found: list[type] = []
    pending = list(ModalScreen.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("netui.tui.") and cls not in found:
            found.append(cls)
    bases = {base for cls in found for base in cls.__mro__[1:]}
    return {cls.__name__: cls for cls in found if cls not in bases}


def _openers() -> dict[str, Callable[..., ModalScreen]]:
    """How to open each dialog: `opener(app, tmp_path)` gives a fresh instance."""
    from netui.storage.merge import Conflict, write_conflict_copy
    from netui.tui.dialogs.confirm import ConfirmScreen
    from netui.tui.dialogs.conflicts import ConflictScreen
    from netui.tui.dialogs.draft_dialogs import PathPrompt, TextModal
    from netui.tui.dialogs.event_dialogs import ContactPicker
    from netui.tui.dialogs.import_dialog import ImportScreen
    from netui.tui.dialogs.landed import LandedScreen
    from netui.tui.dialogs.log_interaction import LogInteractionScreen
    from netui.tui.screens.draft_batch import BatchForm
    from netui.tui.screens.event_forms import (
        EventForm,
        FollowUpForm,
        ItemForm,
        PersonForm,
    )
    from netui.tui.screens.help import HelpScreen
    from netui.tui.screens.posts import PostForm

    def refuse(values: dict) -> None:
        return None  # a save that changes nothing: the form stays open

    def conflicts(app, tmp: Path) -> ConflictScreen:
        """Ada changed both in the app and on disk: the disk's version in a real conflict copy."""
        found = [Conflict("contacts", "ada", ADA.copy(company="Theirs Ltd").to_doc())]
        write_conflict_copy(app.store.real_path, found, "20260316T093000")
        return ConflictScreen(found)

    return {
        "ConfirmScreen": lambda app, tmp: ConfirmScreen("Delete Ada Lovelace?", yes="Delete", no="Keep"),
        "ConflictScreen": conflicts,
        "PathPrompt": lambda app, tmp: PathPrompt("Save the email as an .eml draft:", str(tmp / "ada.eml")),
        "TextModal": lambda app, tmp: TextModal("Copy the body", "Select the text below.", "Hi Ada,\n\nThanks.\n"),
        "ContactPicker": lambda app, tmp: ContactPicker(app.store.contacts(), exclude=set()),
        "ImportScreen": lambda app, tmp: ImportScreen(),
        "LogInteractionScreen": lambda app, tmp: LogInteractionScreen("ada"),
        "BatchForm": lambda app, tmp: BatchForm(app.store.contacts(), ["generic", "follow_up"], "en", TODAY),
        "EventForm": lambda app, tmp: EventForm("New event", refuse, today=TODAY),
        "ItemForm": lambda app, tmp: ItemForm("New checklist item", refuse),
        "PersonForm": lambda app, tmp: PersonForm("Someone you met", refuse),
        "FollowUpForm": lambda app, tmp: FollowUpForm("Follow up everyone met", refuse, [ADA, BEA], [],
                                                      date(2026, 3, 20), "en"),
        "HelpScreen": lambda app, tmp: HelpScreen(),
        "LandedScreen": lambda app, tmp: LandedScreen(),
        "PostForm": lambda app, tmp: PostForm("Record a post", refuse, today=TODAY),
    }


DIALOGS = sorted(discover())
OPENERS = _openers()


def test_every_dialog_can_be_opened_here():
    assert DIALOGS, "no dialog found: the discovery is broken"
    missing = sorted(set(DIALOGS) - set(OPENERS))
    assert not missing, f"add an opener for {missing} to OPENERS"


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
        await pilot.pause()
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
