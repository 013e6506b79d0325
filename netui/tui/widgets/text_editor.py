"""The text area of netui's forms: reached by the keyboard, its cursor waits at the end of the text.

Textual's TextArea keeps its cursor where it was, at the start for a text just
loaded: tabbing into a filled-in note and typing put the new words in front of
the old ones. Here a focus that comes from within the app (Tab, or a screen
focusing its first field) finds a cursor still at the start moved after the last
character. A cursor placed elsewhere (by the user earlier, or by the code before
focusing) stays. A click still puts it where clicked: the mouse press is handled
after the focus, and places the cursor itself. The app regaining the terminal's
focus moves nothing.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import TextArea


class TextEditor(TextArea):
    """A TextArea whose cursor goes from the start to the end of its text when it gains focus."""

    @on(events.Focus)
    def _cursor_to_end(self, event: events.Focus) -> None:
        if not event.from_app_focus and self.selection.is_empty and self.cursor_location == (0, 0):
            self.move_cursor(self.document.end)
