"""The Textual app: global keys, the four main screens, saving, recovery, the palette.

Screens change the store through `NetuiApp.commit`: the change is applied in
memory at once (so the UI updates without waiting), then written to disk in a
thread worker so that a large file never freezes the UI. Errors from the disk
(conflict, full disk, read-only) become notifications, never a crash.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
import weakref
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.worker import WorkerFailed

from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.storage.store import Store

T = TypeVar("T")

#: Screen modules asked, in order, to reopen a kept form they know (`restore_form(app, entry)`).
RESTORERS = ("events", "compose", "drafts", "profile")


def _overview() -> Screen:
    from netui.tui.screens.overview import OverviewScreen

    return OverviewScreen()


def _drafts() -> Screen:
    from netui.tui.screens.drafts import DraftsScreen

    return DraftsScreen()


def _events() -> Screen:
    from netui.tui.screens.events import EventsScreen

    return EventsScreen()


def _profile() -> Screen:
    from netui.tui.screens.profile import ProfileScreen

    return ProfileScreen()


def _companies() -> Screen:
    from netui.tui.screens.companies import CompaniesScreen

    return CompaniesScreen()


def _palette_provider():
    from netui.tui.palette import NetuiCommands

    return NetuiCommands


class RecoverableForm(Protocol):
    """A form screen that registers in `app.forms` on mount: its unsaved edits are asked
    about at quit and kept in the recovery file on SIGTERM/SIGHUP. The entry's `kind`
    says who reopens it (`NetuiApp.restore_forms`)."""

    @property
    def is_dirty(self) -> bool: ...

    @property
    def form_title(self) -> str: ...

    def recovery_entry(self) -> dict[str, Any]: ...


class NetuiApp(App[None]):
    """netui's full-screen app over an open store."""

    MODES = {"overview": _overview, "drafts": _drafts, "events": _events, "profile": _profile,
             "companies": _companies}
    #: The overview is the first screen itself: not a default screen replaced by a mode switch
    #: in on_mount, which re-parsed the whole stylesheet twice more before the first frame.
    DEFAULT_MODE = "overview"

    TITLE = "netui"
    CSS_PATH = "netui.tcss"
    COMMANDS = App.COMMANDS | {_palette_provider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("1", "switch_mode('overview')", "Network"),
        Binding("2", "switch_mode('drafts')", "Drafts"),
        Binding("3", "switch_mode('events')", "Events"),
        Binding("4", "switch_mode('profile')", "Profile"),
        Binding("5", "switch_mode('companies')", "Companies"),
    ]

    def __init__(self, store: Store, *, demo: bool = False, today: date | None = None,
                 handle_signals: bool = True, resume_gc: bool = False) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self._today = today
        self.handle_signals = handle_signals
        #: The launcher paused the garbage collector for the start (cli.run_tui): turn it
        #: back on once the first frame is drawn.
        self.resume_gc = resume_gc
        #: Open forms (RecoverableForm): quitting asks about dirty ones, signals keep them.
        self.forms: "weakref.WeakSet[RecoverableForm]" = weakref.WeakSet()
        self._changes: list[tuple[int, int, frozenset[str] | None]] = []
        self.save_failed: str | None = None

    # --- state the screens share ---------------------------------------------

    @property
    def today(self) -> date:
        """The date follow-ups are computed for (fixed in tests and demos)."""
        return self._today or date.today()

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def refuse_if_readonly(self) -> bool:
        """Tell the user politely that nothing can be changed; True when read-only."""
        if self.store.readonly:
            self.notify(self.store.readonly_reason or "This data file is open read-only.",
                        title="Read-only", severity="warning", markup=False)
            return True
        return False

    def changes_since(self, revision: int) -> set[str] | None:
        """Contacts changed (through `commit`) since `revision`; None when unknown
        (another screen or a reload changed things): redraw everything."""
        current = self.store.revision
        if revision == current:
            return set()
        uids: set[str] = set()
        at = revision
        for before, after, changed in self._changes:
            if after <= at:
                continue
            if before != at or changed is None:
                return None
            uids |= changed
            at = after
        return uids if at == current else None

    # --- changing and saving --------------------------------------------------

    async def commit(self, change: Callable[[], T], *, uids: Iterable[str] | None = None) -> tuple[T, bool]:
        """Apply `change` (store calls) in memory now, then save to disk in a thread.

        `uids` names the contacts whose overview rows change (None: any).
        Raises ValidationError for the form to show inline, and CommitFailed
        (already notified) when the change was refused and nothing changed.
        Returns the change's value and whether it reached the disk; a failed save
        is notified and the change stays in memory, retried by the next save.
        """
        if self.refuse_if_readonly():
            raise CommitFailed("read-only")
        store = self.store
        before = store.revision
        try:
            with store.deferred():
                value = change()
        except ValidationError:
            raise
        except NetuiError as exc:
            self.notify(str(exc), title="Not changed", severity="error", markup=False)
            raise CommitFailed(str(exc)) from None
        self._changes.append((before, store.revision, frozenset(uids) if uids is not None else None))
        del self._changes[:-200]
        saved = await self.save_in_background()
        return value, saved

    def _save_blocking(self) -> None:
        store = self.store
        while True:
            before = store.revision
            store.save()
            if store.revision == before:
                return
            # A change landed while the file was being written: it is not in
            # this write, so the store must stay dirty and write again.
            # (Workaround until Store.save keeps `dirty` itself, see the report.)
            store.dirty = True

    async def save_in_background(self) -> bool:
        """Write pending changes without blocking the UI; notify a failure. True when on disk."""
        if not self.store.dirty:
            return True
        worker = self.run_worker(self._save_blocking, thread=True, group="save", exit_on_error=False,
                                 name="save")
        try:
            await worker.wait()
        except WorkerFailed as failed:
            self._report_save_error(failed.error)
            return False
        except Exception as exc:  # noqa: BLE001 - cancelled at exit: the quit path saves
            self._report_save_error(exc)
            return False
        if self.save_failed:
            self.save_failed = None
            self._update_subtitle()
            self.notify("All changes saved.", title="Saved")
        return True

    def _report_save_error(self, error: BaseException) -> None:
        if isinstance(error, NetuiError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
        self.save_failed = message
        self._update_subtitle()
        self.notify(f"{escape(message)}\nYour changes are kept in memory: 'Save now' in the "
                    "command palette (ctrl+p) retries.", title="Not saved", severity="error", timeout=12)

    def action_save_now(self) -> None:
        """Retry writing changes kept in memory."""
        if self.refuse_if_readonly():
            return
        if not self.store.dirty:
            self.notify("Nothing to save: everything is on disk.")
            return
        self.run_worker(self.save_in_background(), group="save-retry", exit_on_error=False)

    def action_reload(self) -> None:
        """Drop changes not on disk and read the file again (after a conflict)."""
        try:
            self.store.reload()
        except NetuiError as exc:
            self.notify(str(exc), title="Cannot reload", severity="error", markup=False)
            return
        self.save_failed = None
        self._update_subtitle()
        self.notify("Data file read again from disk.")
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()

    # --- start and stop -----------------------------------------------------

    def on_mount(self) -> None:
        self._update_subtitle()
        self.switch_mode("overview")
        if self.store.readonly:
            self.notify(self.store.readonly_reason or "Read-only", title="Read-only", severity="warning",
                        timeout=10, markup=False)
        if self.handle_signals:
            self._install_signal_handlers()

    def on_ready(self) -> None:
        """The first frame is drawn (Textual's Ready): what can wait for it runs now."""
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self.resume_gc:
            self.resume_gc = False
            gc.enable()
        after = getattr(self.screen, "after_first_frame", None)
        if after is not None:
            after()
        self._offer_recovery()

    def _update_subtitle(self) -> None:
        if self.demo:
            place = "demo network (a temporary file)"
        else:
            place = str(self.store.path)
            home = str(Path.home())
            if place.startswith(home + os.sep):
                place = "~" + place[len(home):]
        parts = [place]
        if self.store.readonly:
            parts.append("READ-ONLY")
        if self.save_failed:
            parts.append("UNSAVED CHANGES")
        self.sub_title = " · ".join(parts)

    def action_quit(self) -> None:
        self.run_worker(self._quit(), group="quit", exclusive=True, exit_on_error=False)

    async def _quit(self) -> None:
        dirty = [form for form in list(self.forms) if form.is_dirty]
        if dirty:
            from netui.tui.dialogs.confirm import ConfirmScreen

            names = ", ".join(getattr(f, "form_title", "a form") for f in dirty)
            if not await self.push_screen_wait(ConfirmScreen(
                    f"Quit and drop the unsaved changes in: {names}?",
                    yes="Quit", no="Keep editing", danger=True)):
                return
        if self.store.dirty and not self.store.readonly:
            if not await self.save_in_background():
                from netui.tui.dialogs.confirm import ConfirmScreen

                if not await self.push_screen_wait(ConfirmScreen(
                        "Some changes could not be saved (see the message). Quit anyway and lose them?",
                        yes="Quit", no="Stay", danger=True)):
                    return
        self.exit()

    def action_help(self) -> None:
        from netui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- SIGTERM / SIGHUP: keep unsaved form edits ------------------------------

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self.handle_terminate_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):  # not on this platform
                pass

    def on_unmount(self) -> None:
        if not self.handle_signals:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def handle_terminate_signal(self, sig: int | None = None) -> Path | None:
        """The terminal closed or we were asked to stop: keep unsaved form edits in
        the recovery file (offered at the next start), save what is in memory, exit."""
        from netui.storage import recovery

        kept: Path | None = None
        entries = []
        for form in list(self.forms):
            try:
                if form.is_dirty:
                    entries.append(form.recovery_entry())
            except Exception:  # noqa: BLE001 - keep what can be kept
                continue
        if entries:
            try:
                kept = recovery.write(self.store.path, entries)
            except NetuiError:
                kept = None
        if self.store.dirty and not self.store.readonly:
            try:
                self.store.save()
            except NetuiError:
                pass
        if sig is not None:
            # The terminal may be gone: if tidying up the screen hangs, leave anyway.
            timer = threading.Timer(3.0, os._exit, args=(128 + int(sig),))
            timer.daemon = True
            timer.start()
            self.exit(return_code=128 + int(sig))
        return kept

    def _offer_recovery(self) -> None:
        from netui.storage import recovery

        if self.store.readonly:
            return
        try:
            entries = recovery.load(self.store.path)
        except NetuiError as exc:
            self.notify(str(exc), title="Recovery file", severity="warning", markup=False)
            return
        if not entries:
            return
        from netui.tui.dialogs.confirm import ConfirmScreen

        titles = "\n".join(f"  • {e.get('title') or 'a form'}" for e in entries)
        question = (f"netui was closed with unsaved edits:\n{titles}\n\n"
                    "Restore them (review, then ctrl+s to save) or discard them? "
                    "(escape: ask again next time)")

        def answer(restore: bool | None) -> None:
            if restore is None:  # escape: ask again next time
                return
            if restore:
                self.restore_forms(entries)
            recovery.clear(self.store.path)

        self.push_screen(ConfirmScreen(question, yes="Restore", no="Discard", escape_is_no=False), answer)

    def restore_forms(self, entries: list[dict[str, Any]]) -> None:
        """Open the forms kept in a recovery file, with their unsaved values."""
        import importlib

        from netui.tui.dialogs.log_interaction import LogInteractionScreen
        from netui.tui.screens.contact import ContactScreen

        for entry in entries:
            kind = entry.get("kind")
            if kind == "contact":
                uid = entry.get("uid")
                if uid and self.store.contact(uid) is None:
                    uid = None
                self.push_screen(ContactScreen(uid, restore=entry))
                continue
            if kind == "interaction":
                if self.store.contact(entry.get("contact_uid") or ""):
                    self.push_screen(LogInteractionScreen(entry["contact_uid"], entry.get("uid"), restore=entry))
                continue
            # Forms of the other screens: each screen module may offer `restore_form(app, entry)`.
            for name in RESTORERS:
                try:
                    module = importlib.import_module(f"netui.tui.screens.{name}")
                except ImportError:
                    continue
                restore = getattr(module, "restore_form", None)
                if restore is not None and restore(self, entry):
                    break
            else:
                self.notify(f"Could not reopen the kept form {entry.get('title') or kind!r}.",
                            severity="warning", markup=False)
