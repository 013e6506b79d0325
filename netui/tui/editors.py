"""The one list of netui's editing screens: quit, recovery and their tests use it.

A screen that edits something derives from netui.tui.editing.EditingScreen and
is listed here; its RECOVERY_KIND is its key in the recovery file.
"""

from __future__ import annotations

from typing import Any

from netui.tui.editing import EditingScreen


def editing_screens() -> tuple[type[EditingScreen[Any]], ...]:
    """Every editing screen class (imported on first use: none of them is needed at start)."""
    from netui.tui.dialogs.landed import LandedScreen
    from netui.tui.dialogs.log_interaction import LogInteractionScreen
    from netui.tui.screens.compose import ComposeScreen
    from netui.tui.screens.contact import ContactScreen
    from netui.tui.screens.draft_batch import BatchForm
    from netui.tui.screens.event_forms import EventForm, ItemForm, PersonForm
    from netui.tui.screens.posts import PostForm
    from netui.tui.screens.profile import ProfileScreen

    return (ContactScreen, LogInteractionScreen, ComposeScreen, ProfileScreen, EventForm, ItemForm, PersonForm,
            PostForm, LandedScreen, BatchForm)


def by_kind() -> dict[str, type[EditingScreen[Any]]]:
    """The editing screen that reopens each kind of recovery entry."""
    return {cls.RECOVERY_KIND: cls for cls in editing_screens()}
