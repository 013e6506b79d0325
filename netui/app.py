"""The Textual app: global keys, the four main screens, the command palette."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from .store import Store


def _overview() -> Screen:
    from .screens.overview import OverviewScreen

    return OverviewScreen()


def _drafts() -> Screen:
    from .screens.drafts import DraftsScreen

    return DraftsScreen()


def _events() -> Screen:
    from .screens.events import EventsScreen

    return EventsScreen()


def _profile() -> Screen:
    from .screens.profile import ProfileScreen

    return ProfileScreen()


class NetuiApp(App[None]):
    """netui's full-screen app over an open store."""

    MODES = {"overview": _overview, "drafts": _drafts, "events": _events, "profile": _profile}

    TITLE = "netui"
    CSS_PATH = "netui.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("1", "switch_mode('overview')", "Network"),
        Binding("2", "switch_mode('drafts')", "Drafts"),
        Binding("3", "switch_mode('events')", "Events"),
        Binding("4", "switch_mode('profile')", "Profile"),
    ]

    def __init__(self, store: Store, *, demo: bool = False) -> None:
        super().__init__()
        self.store = store
        self.demo = demo

    def on_mount(self) -> None:
        self.sub_title = str(self.store.path)
        self.switch_mode("overview")
        if self.store.readonly:
            self.notify(self.store.readonly_reason, title="Read-only", severity="warning", timeout=10,
                        markup=False)

    def action_help(self) -> None:
        self.notify("Keys: 1 network, 2 drafts, 3 events, 4 profile, ctrl+p commands, ctrl+q quit")
