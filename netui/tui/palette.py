"""The command palette (ctrl+p): every action of the screen you are on, and the global ones.

Commands come from the bindings themselves (so a new key is in the palette
without more work), plus what a screen adds through `palette_commands()`
(sorting by each column, filtering by each source...). Actions a screen
disables (`check_action`) are left out.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Iterator

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from netui.core.i18n import N_, _
from netui.tui.base import NetuiScreen
from netui.tui.keys import key_label

#: (title, help, action); the texts are marked here and translated when the palette lists them.
GLOBAL_COMMANDS = [
    (N_("Save now"), N_("write changes kept in memory (after a failed save)"), "app.save_now"),
    (N_("Reload the data file"), N_("drop changes not on disk and read the file again"), "app.reload"),
    (N_("I found a job"), N_("thank everyone who helped, share the news, keep in touch less often (or undo)"),
     "app.landed"),
    (N_("Export reminders"), N_("follow-ups, batches and after-event steps as a calendar file"),
     "app.export_reminders"),
    (N_("Conflicts with the file on disk"),
     N_("records changed both here and by another program: keep yours or take the disk's"), "app.conflicts"),
]


def _key(binding: Binding) -> str:
    return key_label(binding.key)


class NetuiCommands(Provider):
    """Actions of the current screen and of the app, by their descriptions."""

    def _commands(self) -> Iterator[tuple[str, str, Any]]:
        screen = self.screen
        app = self.app
        seen: set[str] = set()
        for owner, prefix in ((screen, ""), (app, "app.")):
            for binding in getattr(type(owner), "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if not binding.show and owner is not app:  # the app's screen digits: listed here
                    continue
                action = binding.action
                if action in seen or action in ("quit",):
                    continue
                name, _paren, params = action.partition("(")
                allowed = owner.check_action(name, ())
                if not allowed:
                    continue
                seen.add(action)
                yield (str(binding.description), _("key: {key}").format(key=_key(binding)),
                       partial(self._run, prefix + action))
        if isinstance(screen, NetuiScreen):
            for title, help_text, action in screen.palette_commands():
                yield title, help_text, partial(self._run, action)
        for title, help_text, action in GLOBAL_COMMANDS:
            yield _(title), _(help_text), partial(self._run, action)

    def _run(self, action: str) -> None:
        screen = self.screen
        if action.startswith("app."):
            self.app.call_later(self.app.run_action, action[4:])
        else:
            self.app.call_later(screen.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
