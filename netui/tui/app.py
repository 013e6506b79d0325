"""The Textual app: global keys, the four main screens, saving, recovery, the palette.

Screens change the store only through `NetuiApp.commit`: the change is applied
in memory at once (so the UI updates without waiting), every screen is told
(`DataChanged`), then the file is written in a thread worker so that a large
file never freezes the UI. Errors from the disk (conflict, full disk,
read-only) become notifications, never a crash.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
import weakref
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.markup import escape
from textual.screen import Screen
from textual.worker import WorkerFailed

from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import _, follow_profile
from netui.core.today import current_day
from netui.storage.store import Store
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.text_entry import accepts_text

if TYPE_CHECKING:
    from netui.tui.editing import EditingScreen

T = TypeVar("T")

#: The rules for every screen, and those of the first screen (the others come with their
#: screens: netui.tui.base.stylesheet). Every rule outside app.tcss is scoped by its screen's type.
STYLES: list[str | PurePath] = [stylesheet("app.tcss"), stylesheet("overview.tcss")]


def _overview() -> Screen:
    from netui.tui.screens.overview import OverviewScreen

    return OverviewScreen()


def _styled_now(screen: Screen) -> Screen:
    """A main screen made on its first visit, once the app runs, takes the app's styles as
    they are: say so. Textual marks a new screen as never styled, and the first switch
    to it then parses the whole stylesheet again and restyles every widget of the app,
    twice, for nothing changed. (Not the first screen: at the start the theme's own
    restyle may still be pending.)"""
    screen._css_update_count = screen.app._css_update_count
    return screen


def _drafts() -> Screen:
    from netui.tui.screens.drafts import DraftsScreen

    return _styled_now(DraftsScreen())


def _events() -> Screen:
    from netui.tui.screens.events import EventsScreen

    return _styled_now(EventsScreen())


def _profile() -> Screen:
    from netui.tui.screens.profile import ProfileScreen

    return _styled_now(ProfileScreen())


def _companies() -> Screen:
    from netui.tui.screens.companies import CompaniesScreen

    return _styled_now(CompaniesScreen())


def _posts() -> Screen:
    from netui.tui.screens.posts import PostsScreen

    return _styled_now(PostsScreen())


def _palette_provider() -> type[Provider]:
    from netui.tui.palette import NetuiCommands

    return NetuiCommands


class NetuiApp(App[None]):
    """netui's full-screen app over an open store."""

    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        "overview": _overview, "drafts": _drafts, "events": _events, "profile": _profile,
        "companies": _companies, "posts": _posts}
    #: The overview is the first screen itself: not a default screen replaced by a mode switch
    #: in on_mount, which re-parsed the whole stylesheet twice more before the first frame.
    DEFAULT_MODE = "overview"

    TITLE = "netui"
    CSS_PATH = STYLES
    COMMANDS = App.COMMANDS | {_palette_provider}
    BINDINGS = [
        Binding("ctrl+q", "quit", _l("Quit"), priority=True),
        Binding("question_mark", "help", _l("Help")),
        # The screens' digits: in the help and the palette, not the footer (six of them
        # leave no room at 80 columns for the keys of the screen itself).
        Binding("1", "switch_mode('overview')", _l("Network"), show=False),
        Binding("2", "switch_mode('drafts')", _l("Drafts"), show=False),
        Binding("3", "switch_mode('events')", _l("Events"), show=False),
        Binding("4", "switch_mode('profile')", _l("Profile"), show=False),
        Binding("5", "switch_mode('companies')", _l("Companies"), show=False),
        Binding("6", "switch_mode('posts')", _l("Posts"), show=False),
    ]

    def __init__(self, store: Store, *, demo: bool = False, today: date | None = None,
                 handle_signals: bool = True, resume_gc: bool = False) -> None:
        super().__init__()
        self.store = store
        follow_profile(store.profile().language)
        self.demo = demo
        self._today = today
        self.handle_signals = handle_signals
        #: The launcher paused the garbage collector for the start (cli.run_tui): turn it
        #: back on once the first frame is drawn.
        self.resume_gc = resume_gc
        #: Open forms (netui.tui.editing): quitting asks about dirty ones, signals keep them.
        self.forms: weakref.WeakSet[EditingScreen[Any]] = weakref.WeakSet()
        #: Mounted screens: each is told when data changes (DataChanged).
        self.views: weakref.WeakSet[NetuiScreen[Any]] = weakref.WeakSet()
        self.save_failed: str | None = None

    # --- state the screens share ---------------------------------------------

    @property
    def today(self) -> date:
        """The date follow-ups are computed for (fixed in tests and demos)."""
        return self._today or current_day()

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def refuse_if_readonly(self) -> bool:
        """Tell the user politely that nothing can be changed; True when read-only."""
        if self.store.readonly:
            self.notify(self.store.readonly_reason or _("This data file is open read-only."),
                        title=_("Read-only"), severity="warning", markup=False)
            return True
        return False

    def data_changed(self, uids: Iterable[str] | None) -> None:
        """Tell every mounted screen that these contacts changed (None: anything may have)."""
        frozen = None if uids is None else frozenset(uids)
        for view in list(self.views):
            view.post_message(DataChanged(frozen))

    # --- changing and saving --------------------------------------------------

    async def commit(self, change: Callable[[], T], *, uids: Iterable[str] | None = None) -> tuple[T, bool]:
        """Apply `change` (store calls) in memory now, then save to disk in a thread.

        `uids` names the contacts whose overview rows change (None: any), as the
        DataChanged message posted to every screen says. Raises ValidationError
        for the form to show inline, and CommitFailed (already notified) when the
        change was refused and nothing changed.
        Returns the change's value and whether it reached the disk; a failed save
        is notified and the change stays in memory, retried by the next save.
        """
        if self.refuse_if_readonly():
            raise CommitFailed(_("read-only"))
        try:
            with self.store.deferred():
                value = change()
        except ValidationError:
            raise
        except NetuiError as exc:
            self.notify(str(exc), title=_("Not changed"), severity="error", markup=False)
            raise CommitFailed(str(exc)) from None
        self.data_changed(uids)
        saved = await self.save_in_background()
        return value, saved

    def _save_blocking(self) -> None:
        # A change made while the file is written stays `dirty` (Store.save sees
        # it): the commit that made it saves again.
        self.store.save()

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
            self.notify(_("All changes saved."), title=_("Saved"))
        self._report_merge()
        return True

    def _report_merge(self) -> None:
        """A save merged a file changed on disk: say what it took and kept; show the data."""
        report = self.store.take_merge_report()
        if report is None:
            return
        self.notify(escape(report.summary()), title=_("Merged with the file on disk"),
                    severity="warning" if report.conflicts else "information", timeout=12)
        self.data_changed(None)
        if report.conflicts:
            self.offer_conflicts()

    #: Waits for the user to be back on a main screen before showing the conflicts.
    _conflicts_wait: Any = None

    def offer_conflicts(self) -> None:
        """Show the records changed both here and on disk (netui/tui/dialogs/conflicts.py) once
        the user is on a main screen: a form that closes itself after the save that met them
        would otherwise close the dialog instead."""
        if self._conflicts_wait is None and not self.store.readonly:
            self._conflicts_wait = self.set_interval(0.25, self._show_conflicts_when_free)

    def _show_conflicts_when_free(self) -> None:
        from netui.tui.dialogs.conflicts import ConflictScreen, pending_conflicts

        if len(self.screen_stack) > 1 and not any(isinstance(s, ConflictScreen) for s in self.screen_stack):
            return  # a form or a dialog is open: after it
        if self._conflicts_wait is not None:
            self._conflicts_wait.stop()
            self._conflicts_wait = None
        if any(isinstance(s, ConflictScreen) for s in self.screen_stack):
            return  # one is open; the new conflicts come with the next (palette or start)
        conflicts, problems = pending_conflicts(self.store)
        for problem in problems:
            self.notify(problem, title=_("Conflict copy"), severity="warning", markup=False)
        if conflicts:
            self.push_screen(ConflictScreen(conflicts))

    def action_conflicts(self) -> None:
        """The records changed both here and on disk still waiting for a choice (palette)."""
        from netui.tui.dialogs.conflicts import pending_conflicts

        if self.refuse_if_readonly():
            return
        if not pending_conflicts(self.store)[0]:
            self.notify(_("No conflicts with the file on disk."))
            return
        self.offer_conflicts()

    def _report_save_error(self, error: BaseException) -> None:
        if isinstance(error, NetuiError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
        self.save_failed = message
        self._update_subtitle()
        self.notify(_("{value}\nYour changes are kept in memory: 'Save now' in the command palette (ctrl+p) retries.").format(value=escape(message)), title=_("Not saved"), severity="error", timeout=12)

    def action_save_now(self) -> None:
        """Retry writing changes kept in memory."""
        if self.refuse_if_readonly():
            return
        if not self.store.dirty:
            self.notify(_("Nothing to save: everything is on disk."))
            return
        self.run_worker(self.save_in_background(), group="save-retry", exit_on_error=False)

    def action_reload(self) -> None:
        """Drop changes not on disk and read the file again (after a conflict)."""
        try:
            self.store.reload()
        except NetuiError as exc:
            self.notify(str(exc), title=_("Cannot reload"), severity="error", markup=False)
            return
        self.save_failed = None
        self._update_subtitle()
        self.notify(_("Data file read again from disk."))
        self.data_changed(None)

    # --- start and stop -----------------------------------------------------

    #: The keys of the screens (1-6): plain digits, which are text wherever text is typed.
    SCREEN_KEYS = frozenset(str(n) for n in range(1, 7))

    async def on_event(self, event: events.Event) -> None:
        """A screen key that comes back up from a widget taking text is that widget's text: no
        screen switch behind the user's back (accepts_text says which widgets take text)."""
        if (isinstance(event, events.Key) and event.is_forwarded and event.key in self.SCREEN_KEYS
                and accepts_text(self.focused)):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self._update_subtitle()
        self.switch_mode("overview")
        if self.store.readonly:
            self.notify(self.store.readonly_reason or _("Read-only"), title=_("Read-only"), severity="warning",
                        timeout=10, markup=False)
        if self.store.load_problems:
            shown = self.store.load_problems[:5]
            more = len(self.store.load_problems) - len(shown)
            self.notify("\n".join(shown) + ("\n" + _("...and {count} more ('netui doctor')").format(count=more)
                                           if more else ""),
                        title=_("Records checked on opening"), severity="warning", timeout=15, markup=False)
        if self.handle_signals:
            self._install_signal_handlers()

    def on_ready(self) -> None:
        """The first frame is drawn (Textual's Ready): what can wait for it runs now."""
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self.resume_gc:
            self.resume_gc = False
            gc.enable()
        screen = self.screen
        if isinstance(screen, NetuiScreen):
            screen.after_first_frame()
        self._offer_recovery()

    def _update_subtitle(self) -> None:
        if self.demo:
            place = _("demo network (a temporary file)")
        else:
            place = str(self.store.path)
            home = str(Path.home())
            if place.startswith(home + os.sep):
                place = "~" + place[len(home):]
        parts = [place]
        if self.store.readonly:
            parts.append(_("READ-ONLY"))
        if self.save_failed:
            parts.append(_("UNSAVED CHANGES"))
        self.sub_title = " · ".join(parts)

    async def action_quit(self) -> None:
        self.run_worker(self._quit(), group="quit", exclusive=True, exit_on_error=False)

    async def _quit(self) -> None:
        dirty = [form for form in list(self.forms) if form.is_dirty]
        if dirty:
            from netui.tui.dialogs.confirm import ConfirmScreen

            names = ", ".join(f.form_title for f in dirty)
            if not await self.push_screen_wait(ConfirmScreen(
                    _("Quit and drop the unsaved changes in: {names}?").format(names=names),
                    yes=_("Quit"), no=_("Keep editing"), danger=True)):
                return
        if self.store.dirty and not self.store.readonly:
            if not await self.save_in_background():
                from netui.tui.dialogs.confirm import ConfirmScreen

                if not await self.push_screen_wait(ConfirmScreen(
                        _("Some changes could not be saved (see the message). Quit anyway and lose them?"),
                        yes=_("Quit"), no=_("Stay"), danger=True)):
                    return
        self.exit()

    def action_landed(self, restore: dict[str, Any] | None = None) -> None:
        """I found a job (or undo it): the dialog of netui/tui/dialogs/landed.py; `restore`
        holds its fields as kept in the recovery file."""
        from netui.tui.dialogs.landed import LandedScreen

        def done(message: str | None) -> None:
            if message:
                self.notify(message, title=_("Job found"), markup=False, timeout=10)

        if not self.refuse_if_readonly():
            self.push_screen(LandedScreen(restore=restore), done)

    def action_export_reminders(self) -> None:
        """Write the reminders calendar file (netui/tui/dialogs/export_reminders.py)."""
        from netui.tui.dialogs.export_reminders import export_reminders

        export_reminders(self)

    def action_help(self) -> None:
        from netui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- SIGTERM / SIGHUP / console closed: keep unsaved form edits -------------

    #: Removes the Windows console-close handler (None elsewhere).
    _remove_console_handler: Callable[[], None] | None = None

    def _install_signal_handlers(self) -> None:
        """The stop signals this system has (`platform.stop_signals`); on Windows,
        where the event loop takes no signal handlers, plain ones that hand over to
        the loop, and a console-close handler."""
        from netui.storage.platform import install_console_close_handler, stop_signals

        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for sig in stop_signals():
            try:
                loop.add_signal_handler(sig, self.handle_terminate_signal, sig)
            except NotImplementedError:  # Windows' event loop
                try:
                    signal.signal(sig, lambda number, _frame: loop.call_soon_threadsafe(
                        self.handle_terminate_signal, number))
                except (OSError, RuntimeError, ValueError):
                    pass
            except (RuntimeError, ValueError):  # not on this platform
                pass

        def keep_edits_before_the_console_closes() -> None:
            done = threading.Event()

            def keep() -> None:
                try:
                    self.handle_terminate_signal(None)
                finally:
                    done.set()

            loop.call_soon_threadsafe(keep)
            done.wait(4.0)  # Windows ends the process 5 s after the close

        self._remove_console_handler = install_console_close_handler(keep_edits_before_the_console_closes)

    def on_unmount(self) -> None:
        from netui.storage.platform import stop_signals

        if not self.handle_signals:
            return
        if self._remove_console_handler is not None:
            self._remove_console_handler()
            self._remove_console_handler = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for sig in stop_signals():
            try:
                loop.remove_signal_handler(sig)
            except NotImplementedError:
                try:
                    signal.signal(sig, signal.SIG_DFL)
                except (OSError, RuntimeError, ValueError):
                    pass
            except (RuntimeError, ValueError):
                pass

    def handle_terminate_signal(self, sig: int | None = None) -> Path | None:
        """The terminal closed or we were asked to stop: keep unsaved form edits in
        the recovery file (offered at the next start), save what is in memory, exit."""
        from netui.storage import recovery

        kept: Path | None = None
        entries: list[dict[str, Any]] = []
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
                try:  # the edits already applied in memory must not be lost either
                    kept = recovery.write(self.store.path, [self.store.unsaved_records_entry()])
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
            self.notify(str(exc), title=_("Recovery file"), severity="warning", markup=False)
            return
        if not entries:
            self.offer_conflicts()
            return
        from netui.tui.dialogs.confirm import ConfirmScreen

        titles = "\n".join(f"  • {e.get('title') or _('a form')}" for e in entries)
        question = _("netui was closed with unsaved edits:\n{titles}\n\n"
                     "Restore them (review, then ctrl+s to save) or discard them? "
                     "(escape: ask again next time)").format(titles=titles)

        def answer(restore: bool | None) -> None:
            self.offer_conflicts()  # after the forms it reopens, if any
            if restore is None:  # escape: ask again next time
                return
            if restore:
                self.restore_forms(entries)
            recovery.clear(self.store.path)

        self.push_screen(ConfirmScreen(question, yes=_("Restore"), no=_("Discard"), escape_is_no=False), answer)

    def _restore_records(self, entry: dict[str, Any]) -> None:
        """Put back records that were changed in memory but could not be saved at a stop."""
        try:
            count = self.store.restore_records_entry(entry)
        except NetuiError as exc:
            self.notify(str(exc), title=_("Not restored"), severity="error", markup=False)
            return
        self.notify(_("{count} unsaved record(s) put back and saved.").format(count=count), title=_("Restored"))
        self.data_changed(None)

    def restore_forms(self, entries: list[dict[str, Any]]) -> None:
        """Open the forms kept in a recovery file, with their unsaved values: the
        editing screen class of each entry's `kind` reopens it."""
        from netui.tui.editors import by_kind

        reopeners = by_kind()
        for entry in entries:
            kind = entry.get("kind")
            if kind == "records":
                self._restore_records(entry)
                continue
            editor = reopeners.get(kind) if isinstance(kind, str) else None
            if editor is None or not editor.reopen(self, entry):
                self.notify(_("Could not reopen the kept form {value}.").format(value=repr(entry.get('title') or kind)),
                            severity="warning", markup=False)
