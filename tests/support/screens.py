"""Every screen class of netui.tui, found rather than listed, and how a test opens each.

A screen needs its constructor's arguments, which is all the openers hold:
`opener(app, tmp_path)` gives a fresh instance to push. A new screen without
an opener fails the tests that walk them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.screen import Screen

import netui.tui
from netui.core.models import Contact
from tests.conftest import TODAY

ADA = Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Acme")
BEA = Contact(uid="bea", first_name="Bea", last_name="Ng", emails=["bea@example.org"])

Opener = Callable[..., Screen[Any]]


def discover(base: type[Screen[Any]]) -> dict[str, type[Screen[Any]]]:
    """Every concrete subclass of `base` defined in netui.tui (a base with subclasses is not one)."""
    for module in pkgutil.walk_packages(netui.tui.__path__, "netui.tui."):
        importlib.import_module(module.name)
    found: list[type] = []
    pending = list(base.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("netui.tui.") and cls not in found:
            found.append(cls)
    bases = {parent for cls in found for parent in cls.__mro__[1:]}
    return {cls.__name__: cls for cls in found if cls not in bases}


def dialog_openers() -> dict[str, Opener]:
    """How to open each dialog (a ModalScreen), over a network holding ADA and BEA."""
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


def screen_openers() -> dict[str, Opener]:
    """How to open every screen: the dialogs, the six main screens, a contact, a new email."""
    from netui.tui.screens.companies import CompaniesScreen
    from netui.tui.screens.compose import ComposeScreen
    from netui.tui.screens.contact import ContactScreen
    from netui.tui.screens.drafts import DraftsScreen
    from netui.tui.screens.events import EventsScreen
    from netui.tui.screens.overview import OverviewScreen
    from netui.tui.screens.posts import PostsScreen
    from netui.tui.screens.profile import ProfileScreen

    return {
        **dialog_openers(),
        "OverviewScreen": lambda app, tmp: OverviewScreen(),
        "DraftsScreen": lambda app, tmp: DraftsScreen(),
        "EventsScreen": lambda app, tmp: EventsScreen(),
        "ProfileScreen": lambda app, tmp: ProfileScreen(),
        "CompaniesScreen": lambda app, tmp: CompaniesScreen(),
        "PostsScreen": lambda app, tmp: PostsScreen(),
        "ContactScreen": lambda app, tmp: ContactScreen("ada"),
        "ComposeScreen": lambda app, tmp: ComposeScreen("ada"),
    }
