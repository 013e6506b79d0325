"""The base of netui's screens: a typed handle on the app, and the hooks the app calls.

Screens reach `NetuiApp` through `netui` (typed) rather than `app` (a plain
Textual App); the hooks below have defaults, so the app calls them on any
screen without probing for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import on
from textual.events import Mount, Unmount
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from netui.storage.store import Store
    from netui.tui.app import NetuiApp

ResultT = TypeVar("ResultT")

#: (title, help, action on the screen) for the command palette.
PaletteCommand = tuple[str, str, str]

#: The stylesheets, one per area (netui/tui/styles). The app loads those of its first
#: screen; each other screen names its own in CSS_PATH, which Textual reads the first
#: time the screen is shown: parsing every file at start would cost the start more
#: than the overview itself needs.
STYLES_DIR = Path(__file__).parent / "styles"


def stylesheet(name: str) -> Path:
    """The path of one of netui's stylesheets (absolute, so that any subclass finds it)."""
    return STYLES_DIR / name


def add_styles_early(screen: Screen[Any]) -> None:
    """Give the app the screen's stylesheets (CSS_PATH) as the screen is made.

    Left to Textual, each new file is read when the screen is first shown, and the whole
    stylesheet is then parsed again and every widget of the app restyled; added here, the
    file is parsed once, with the new screen's own widgets (which need a parse anyway).
    Every rule of an area's file is scoped by its screen's type, so no other widget changes."""
    try:
        stylesheet = screen.app.stylesheet
    except RuntimeError:  # made outside a running app: Textual reads the files itself
        return
    for path in screen.css_path:
        if not stylesheet.has_source(str(path), ""):
            stylesheet.add_source(Path(path).read_text(encoding="utf-8"), read_from=(str(path), ""))


class NetuiScreen(Screen[ResultT]):
    """A screen of netui: `netui` is the app, `store` its data; DataChanged reaches it."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        add_styles_early(self)

    @property
    def netui(self) -> NetuiApp:
        return cast("NetuiApp", self.app)

    @property
    def store(self) -> Store:
        return self.netui.store

    @on(Mount)
    def _join_views(self) -> None:
        self.netui.views.add(self)

    @on(Unmount)
    def _leave_views(self) -> None:
        self.netui.views.discard(self)

    # --- hooks the app calls (defaults: nothing to do) --------------------------

    def after_first_frame(self) -> None:
        """The app's first frame is drawn: work that could wait for it runs now."""

    def palette_commands(self) -> list[PaletteCommand]:
        """Command palette entries beyond the screen's own keys."""
        return []

    def reopen_form(self, entry: dict[str, Any]) -> bool:
        """Open a form of this screen kept in the recovery file; False when it cannot."""
        return False


class NetuiModal(ModalScreen[ResultT], NetuiScreen[ResultT]):
    """A modal of netui, with the same typed handle and hooks as NetuiScreen, and the
    dialogs' one look: its box is the child with the class `dialog`."""

    CSS_PATH = stylesheet("dialogs.tcss")
