"""Records changed both here and on disk: keep mine or take theirs (the disk's), one by one or all.

A save that met the file changed on disk (a sync tool, `git pull`) keeps this
side's version of a record changed on both sides and keeps the disk's whole in
a conflict copy beside the data file (`netui.storage.merge`). This dialog lists
them: `m` keeps mine (already in the file), `t` takes theirs, enter applies,
escape decides later. Theirs goes through the app's one write path
(`commit`). A conflict leaves its copy only once decided and on disk, so
nothing is lost if the app dies in between; the copy goes with its last
conflict, since everything in it is then in the data file or was turned down.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from netui.core import vocabulary
from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import _, ngettext
from netui.core.text import terminal_safe
from netui.storage.merge import (
    Conflict,
    conflict_copies,
    differences,
    read_conflict_copy,
    record_name,
    same_record,
    settle,
)
from netui.tui.base import NetuiModal
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from netui.storage.store import Store

MINE, THEIRS = "mine", "theirs"
#: Before each field of a record, under its name.
INDENT = " " * 9
#: Fields shown per record; the rest are counted.
SHOWN_FIELDS = 4


def pending_conflicts(store: Store) -> tuple[list[Conflict], list[str]]:
    """The conflicts still waiting in the data file's copies, and the copies that could not be
    read. A conflict whose two versions are now the same (taken with `netui import json
    --theirs`, or edited alike) is decided already: it leaves its copy here."""
    found: list[Conflict] = []
    problems: list[str] = []
    for path in conflict_copies(store.real_path):
        try:
            conflicts = read_conflict_copy(path)
            same = [c.key for c in conflicts if same_record(store.document(c.table, c.uid), c.theirs)]
            if same and not store.readonly:
                settle(path, same)
        except NetuiError as exc:
            problems.append(str(exc))
            continue
        found += [c for c in conflicts if c.key not in set(same)]
    return found, problems


def _short(value: Any, width: int = 28) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return _("(empty)")
    text = " ".join(terminal_safe(value).split())  # the disk's text has not been through the gate
    return text if len(text) <= width else text[:width - 1] + "…"


def _field(table: str, name: str) -> str:
    if table == "profile":
        return vocabulary.profile_field(name) if name in vocabulary.PROFILE_FIELDS else vocabulary.field_label(name)
    return vocabulary.field_label(name)


class ConflictScreen(NetuiModal[None]):
    """Choose, for each record changed both here and on disk, mine or theirs."""

    BINDINGS = [
        Binding("m", "choose('mine')", _l("Keep mine")),
        Binding("t", "choose('theirs')", _l("Take theirs")),
        Binding("down", "move(1)", _l("Down"), show=False),
        Binding("up", "move(-1)", _l("Up"), show=False),
        Binding("enter", "apply", _l("Apply the choices"), priority=True),
        Binding("escape", "later", _l("Decide later")),
    ]

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.choices: dict[tuple[Path | None, str, str], str] = {}
        self.busy = False

    # --- what is shown -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        copies = sorted({str(c.copy) for c in self.conflicts if c.copy is not None})
        with Vertical(classes="dialog"):
            yield Static(_("Changed both here and on disk"), id="conflict-title")
            yield Static(_("Another program changed these records while you changed them too. Yours "
                           "are in the data file; the disk's (theirs) are kept in {path} until you choose.")
                         .format(path=", ".join(copies)), id="conflict-intro", markup=False)
            yield OptionList(*[Option(self._prompt(c), id=str(n)) for n, c in enumerate(self.conflicts)],
                             id="conflict-list")
            with Horizontal():
                yield Button(_("Keep mine for all"), id="mine-all", variant="default")
                yield Button(_("Take theirs for all"), id="theirs-all", variant="warning")
                yield Button(_("Decide later"), id="later", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        listing = self.query_one("#conflict-list", OptionList)
        listing.highlighted = 0 if self.conflicts else None
        listing.focus()

    def _contact_name(self, uid: str) -> str:
        contact = self.store.contact(uid)
        return contact.name if contact is not None else uid

    def _prompt(self, conflict: Conflict) -> Text:
        mine = self.store.document(conflict.table, conflict.uid)
        name = terminal_safe(record_name(conflict.table, mine or conflict.theirs, self._contact_name))
        choice = self.choices.get(self._key(conflict))
        marker = {MINE: _("mine"), THEIRS: _("theirs")}.get(choice or "", "?")
        text = Text()
        text.append(f"[{marker:^6}] ", style="bold" if choice else "dim")
        text.append(f"{vocabulary.DATA_TABLES.label(conflict.table)} · ", style="dim")
        text.append(name, style="bold")
        if conflict.theirs is None:
            text.append("\n" + INDENT + _("deleted on disk, changed here"))
        elif mine is None:
            text.append("\n" + INDENT + _("deleted here, changed on disk"))
        else:
            changed = differences(mine, conflict.theirs)
            for field, old, new in changed[:SHOWN_FIELDS]:
                text.append("\n" + INDENT + _("{field}: mine {mine}, theirs {theirs}").format(
                    field=_field(conflict.table, field), mine=_short(old), theirs=_short(new)))
            if len(changed) > SHOWN_FIELDS:
                more = len(changed) - SHOWN_FIELDS
                text.append("\n" + INDENT + ngettext("…and {count} more field", "…and {count} more fields",
                                                     more).format(count=more))
        return text

    @staticmethod
    def _key(conflict: Conflict) -> tuple[Path | None, str, str]:
        return conflict.copy, conflict.table, conflict.uid

    # --- choosing -----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        listing = self.query_one("#conflict-list", OptionList)
        if self.conflicts:
            current = listing.highlighted or 0
            listing.highlighted = max(0, min(len(self.conflicts) - 1, current + step))
            listing.focus()

    def action_choose(self, choice: str) -> None:
        listing = self.query_one("#conflict-list", OptionList)
        index = listing.highlighted
        if index is None or not self.conflicts:
            return
        conflict = self.conflicts[index]
        self.choices[self._key(conflict)] = choice
        listing.replace_option_prompt_at_index(index, self._prompt(conflict))
        if index + 1 < len(self.conflicts):
            listing.highlighted = index + 1

    async def action_apply(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        await self._apply()

    def action_later(self) -> None:
        if self.busy:
            return
        self._tell(0, 0, len(self.conflicts))
        self.dismiss(None)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "later":
            self.action_later()
            return
        choice = MINE if event.button.id == "mine-all" else THEIRS
        for conflict in self.conflicts:
            self.choices[self._key(conflict)] = choice
        await self._apply()

    # --- applying -----------------------------------------------------------------------

    async def _apply(self) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            mine = [c for c in self.conflicts if self.choices.get(self._key(c)) == MINE]
            theirs = [c for c in self.conflicts if self.choices.get(self._key(c)) == THEIRS]
            taken = await self._take(theirs) if theirs else []
            decided = mine + taken
            self._settle(decided)
        finally:
            self.busy = False
        self._tell(len(mine), len(taken), len(self.conflicts) - len(decided))
        self.dismiss(None)

    async def _take(self, conflicts: list[Conflict]) -> list[Conflict]:
        """Theirs through the app's one write path; the ones on disk once it returns."""
        refused: list[tuple[Conflict, str]] = []

        def change() -> list[Conflict]:
            done = []
            for conflict in conflicts:
                try:
                    self.store.put_document(conflict.table, conflict.uid, conflict.theirs)
                except ValidationError as exc:  # checked before anything changes: this one only
                    refused.append((conflict, str(exc)))
                    continue
                done.append(conflict)
            return done

        try:
            done, saved = await self.netui.commit(change)
        except CommitFailed:
            return []  # already told
        for conflict, problem in refused:
            name = terminal_safe(record_name(conflict.table, conflict.theirs, self._contact_name))
            self.notify(_("The disk's version of {name} cannot be used: {problem}").format(name=name, problem=problem),
                        title=_("Not taken"), severity="error", markup=False)
        return done if saved else []

    def _settle(self, decided: list[Conflict]) -> None:
        by_copy: dict[Path, list[tuple[str, str]]] = {}
        for conflict in decided:
            if conflict.copy is not None:
                by_copy.setdefault(conflict.copy, []).append(conflict.key)
        for path, keys in by_copy.items():
            try:
                settle(path, keys)
            except NetuiError as exc:
                self.notify(str(exc), title=_("Conflict copy"), severity="warning", markup=False)

    def _tell(self, mine: int, theirs: int, later: int) -> None:
        message = _("Kept yours: {mine}; took the disk's: {theirs}; left for later: {later}.").format(
            mine=mine, theirs=theirs, later=later)
        if later:
            copies = ", ".join(sorted({str(c.copy) for c in self.conflicts if c.copy is not None}))
            message += "\n" + _("The disk's versions still to decide stay in {path} (ctrl+p: "
                                "\"Conflicts with the file on disk\").").format(path=copies)
        else:
            message += "\n" + _("The conflict copy is removed: everything in it is in your data or was "
                                "turned down by you.")
        self.netui.notify(message, title=_("Conflicts with the file on disk"), markup=False, timeout=12)
