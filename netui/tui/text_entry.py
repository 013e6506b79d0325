"""Whether the focused widget takes the characters typed: then a plain key is text, not a command.

The app's screen keys (1-6) are plain digits: while a widget that takes text has
the focus they are text, so the app neither runs nor shows them there. Taking
text: an Input, a TextArea that is not read-only, an open Select's type-to-search
list, and any widget of netui that says so with `ACCEPTS_TEXT = True` (the compose
preview, which hands what is typed to the email).
"""

from __future__ import annotations

import sys

from textual.widget import Widget

#: The modules of Textual's widgets that take text, with the class in each. Read from
#: sys.modules, never imported here: a widget exists only once its module is loaded, and
#: importing the text area to answer this would load it on the start path.
_TEXT_WIDGETS = (
    ("textual.widgets._input", "Input"),
    ("textual.widgets._text_area", "TextArea"),
    ("textual.widgets._select", "SelectOverlay"),
)


def accepts_text(widget: Widget | None) -> bool:
    """True when `widget` takes the printable keys typed while it has the focus."""
    if widget is None:
        return False
    if getattr(widget, "ACCEPTS_TEXT", False):
        return True
    for module_name, class_name in _TEXT_WIDGETS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(widget, getattr(module, class_name)):
            return not getattr(widget, "read_only", False)
    return False
