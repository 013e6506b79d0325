"""Every action can be typed on every desktop terminal.

macOS Terminal sends F-keys only with fn (the top row is brightness, Mission
Control...), has no insert key, and its "delete" key is backspace (forward
delete is fn+delete); option is not alt unless the user sets it. Windows
Terminal keeps alt+enter, F11, ctrl+tab, ctrl+shift+... and ctrl+c/ctrl+v for
itself, and the older console host takes ctrl+f, ctrl+a and ctrl+m. So a key
of those kinds needs another key on the same binding, or an allowed other way.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest
from textual.binding import Binding

import netui.tui
from netui.core.models import Contact, Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.draft_batch import BatchForm
from netui.tui.screens.drafts import DraftsScreen
from netui.tui.screens.overview import OverviewScreen
from tests.support.pilot import plain, settle, switch_to

#: Hard or impossible to type on macOS Terminal.
MAC_HARD = {f"f{n}" for n in range(1, 21)} | {"insert", "delete"}
#: Taken by Windows Terminal or the Windows console host before the app sees them.
WINDOWS_TAKEN = {"alt+enter", "f11", "ctrl+tab", "ctrl+shift+tab", "ctrl+c", "ctrl+v", "ctrl+f", "ctrl+a",
                 "ctrl+m", "ctrl+comma", "ctrl+equals_sign", "ctrl+minus", "alt+f4"}
#: Bound only to a hard key, but reachable another way on that screen.
OTHER_WAY = {
    ("ComposeScreen", "export_eml"): "the command palette (ctrl+p) lists it",
    ("ComposeScreen", "save_template"): "the command palette (ctrl+p) lists it",
    ("TextModal", "eml"): "the 'Save as .eml (f3)' button (tab, enter)",
}


def hard(key: str) -> bool:
    return (key in MAC_HARD or key in WINDOWS_TAKEN or key.startswith("ctrl+shift+") or key.startswith("alt+")
            or key.startswith("super+"))


def tui_bindings() -> list[tuple[str, Binding]]:
    for info in pkgutil.walk_packages(netui.tui.__path__, "netui.tui."):
        importlib.import_module(info.name)
    found = []
    seen: set[int] = set()
    for module_name, module in list(__import__("sys").modules.items()):
        if not module_name.startswith("netui.tui"):
            continue
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__.startswith("netui.") and id(value) not in seen
                    and "BINDINGS" in vars(value)):
                seen.add(id(value))
                found += [(value.__name__, b) for b in vars(value)["BINDINGS"] if isinstance(b, Binding)]
    return found


def test_every_action_has_a_key_each_desktop_can_type():
    bindings = tui_bindings()
    assert len(bindings) > 50  # the walk found the screens
    keys_of: dict[tuple[str, str], set[str]] = {}
    for owner, binding in bindings:
        keys_of.setdefault((owner, binding.action), set()).update(k.strip() for k in binding.key.split(","))
    stuck = {where: keys for where, keys in keys_of.items() if all(hard(k) for k in keys) and where not in OTHER_WAY}
    assert stuck == {}


def test_the_allowed_other_ways_are_still_needed():
    """An entry of OTHER_WAY that a typeable key made unnecessary is removed."""
    keys_of: dict[tuple[str, str], set[str]] = {}
    for owner, binding in tui_bindings():
        keys_of.setdefault((owner, binding.action), set()).update(k.strip() for k in binding.key.split(","))
    for where in OTHER_WAY:
        assert where in keys_of and all(hard(k) for k in keys_of[where]), where


# --- the added keys, pressed -------------------------------------------------------

TODAY = date(2026, 5, 10)


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


async def test_ctrl_l_marks_sent_and_ctrl_n_goes_to_the_next_in_a_batch(tmp_path, config):
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", target_sector="data science"))
    for first in ("Ada", "Bea", "Cy"):
        store.add_contact(Contact(first_name=first, last_name="Test", emails=[f"{first.lower()}@x.org"],
                                  tier="key", company="Acme"))
    async with NetuiApp(store, today=TODAY).run_test(size=(120, 36)) as pilot:
        await switch_to(pilot, "drafts", DraftsScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BatchForm)
        await pilot.press("enter", "space", "down", "space", "down", "space", "ctrl+s")
        await settle(pilot)
        first = pilot.app.screen
        assert isinstance(first, ComposeScreen)
        await pilot.press("ctrl+l")  # as f4: mark sent, on to the next
        await settle(pilot)
        second = pilot.app.screen
        assert isinstance(second, ComposeScreen) and second.draft_uid != first.draft_uid
        assert "1 of 3 sent" in plain(second.query_one("#c-status"))
        await pilot.press("ctrl+n")  # as f8: the next unsent
        await settle(pilot)
        assert pilot.app.screen.draft_uid not in (first.draft_uid, second.draft_uid)
    store.close()


async def test_backspace_deletes_a_contact_after_asking(make_app):
    app = make_app([Contact(first_name="Ada", last_name="Rossi"), Contact(first_name="Bea", last_name="Verdi")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        app.screen.table.focus()
        await pilot.pause()
        await pilot.press("backspace")  # the key a Mac labels "delete"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert len(app.store.contacts()) == 1
