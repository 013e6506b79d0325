"""The one unsaved-changes protocol of netui's forms.

Every screen that edits something derives from EditingScreen (or EditingModal):
while mounted it is in the app's `forms`, so quitting asks before dropping its
edits and SIGTERM/SIGHUP keep them in the recovery file (`recovery_entry`).
Its `RECOVERY_KIND` names the entry, and the class reopens such an entry at the
next start (`reopen`). The classes are listed once, in netui.tui.editors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.events import Mount, Unmount

from netui.core.i18n import _
from netui.tui.base import NetuiModal, NetuiScreen, ResultT
from netui.tui.dialogs.confirm import ConfirmScreen

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp


class EditingScreen(NetuiScreen[ResultT]):
    """A screen with edits the user may not have saved yet."""

    #: The `kind` of this form's entry in the recovery file.
    RECOVERY_KIND: ClassVar[str] = ""

    @property
    def form_title(self) -> str:
        """What the form edits, in words ("Ada Lovelace", "your profile")."""
        return "a form"

    @property
    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved."""
        raise NotImplementedError

    def recovery_values(self) -> dict[str, Any]:
        """The values as typed: what `reopen` puts back in the form."""
        raise NotImplementedError

    def recovery_context(self) -> dict[str, Any]:
        """What else the entry needs to reopen the form (the record's uid...)."""
        return {}

    def recovery_entry(self) -> dict[str, Any]:
        """What the recovery file keeps of this form."""
        return {"kind": self.RECOVERY_KIND, "title": self.form_title, **self.recovery_context(),
                "values": self.recovery_values()}

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """Open the form kept in `entry` with its values; False when it cannot be (its record is gone)."""
        return False

    @on(Mount)
    def _join_forms(self) -> None:
        if self.RECOVERY_KIND:  # a form without a kind (a short question) is not kept
            self.netui.forms.add(self)

    @on(Unmount)
    def _leave_forms(self) -> None:
        self.netui.forms.discard(self)

    def confirm_drop(self, then: Callable[[], object], question: str | None = None) -> None:
        """Run `then` at once when nothing is unsaved, else only after the user agrees to drop the edits."""
        if not self.is_dirty:
            then()
            return

        def answered(drop: bool | None) -> None:
            if drop:
                then()

        self.app.push_screen(drop_question(question or _("Drop the unsaved changes to {form}?").format(
            form=self.form_title)),
                             answered)


class EditingModal(NetuiModal[ResultT], EditingScreen[ResultT]):
    """An EditingScreen shown as a modal (with the dialogs' look)."""


def drop_question(question: str) -> ConfirmScreen:
    """The one "drop your changes?" question: dropping is the dangerous answer."""
    return ConfirmScreen(question, yes=_("Drop"), no=_("Keep editing"), danger=True)


def reopen_on_screen(app: NetuiApp, mode: str, entry: dict[str, Any], *, record_key: str = "",
                     find: Callable[[str], object] | None = None) -> bool:
    """Reopen a kept form from the screen that opens it: switch to that screen (`mode`)
    and hand it the entry (its `reopen_form`), once the switch is done.

    A form that edited a record names it in the entry (`record_key`): the form is not
    reopened (False) when that record is gone, or the entry's value is not an id."""
    if record_key and find is not None:
        uid = entry.get(record_key)
        if uid and (not isinstance(uid, str) or find(uid) is None):
            return False

    async def reopen() -> None:
        await app.switch_mode(mode)
        screen = app.screen
        if isinstance(screen, NetuiScreen):
            screen.reopen_form({**entry, "values": values_dict(entry)})

    app.call_later(reopen)
    return True


def values_dict(entry: dict[str, Any]) -> dict[str, Any]:
    """The kept values of a recovery entry (an empty dict when the entry has none)."""
    values = entry.get("values")
    return values if isinstance(values, dict) else {}
