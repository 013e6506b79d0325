"""How keys are written for people (footer, help, palette)."""

from __future__ import annotations

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "escape": "esc", "enter": "enter", "delete": "delete",
    "pageup": "pgup", "pagedown": "pgdn",
}


def key_label(key: str) -> str:
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))
