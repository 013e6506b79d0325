"""How keys are written for people (footer, help, palette)."""

from __future__ import annotations

from typing import cast

from netui.core.i18n import lazy_gettext

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "escape": "esc", "enter": "enter", "delete": "delete",
    "pageup": "pgup", "pagedown": "pgdn",
}


def key_label(key: str) -> str:
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def key_description(message: str) -> str:
    """A key's description for `Binding`, translated each time the footer or help shows it.

    Textual types the description as str; a LazyString acts as one where Textual
    reads it (formatting, joining), and keeps the language choice for later.
    """
    return cast(str, lazy_gettext(message))


#: The name pybabel extracts (`-k _l`), for key descriptions in BINDINGS.
_l = key_description
