"""What the CLI prints of stored data goes through here: never a raw control character.

A contact named `ESC ] 52 ; c ; ... BEL` (from an older file, or edited by hand)
must not set the user's clipboard or clear their screen when listed. The model
removes such characters on the way in (`netui.core.text`); this is the gate on
the way out, for data that came in before it.
"""

from __future__ import annotations

import json
from typing import Any

import click

from netui.core.text import terminal_safe


def safe_echo(message: object = "", *, err: bool = False, multiline: bool = False) -> None:
    """`click.echo` of one line (several with `multiline`) with every control character shown as `?`."""
    click.echo(terminal_safe(message, multiline=multiline), err=err)


def safe_json(value: Any) -> str:
    """JSON for a terminal: C0 controls are escaped by `json`; C1 and bidi marks too here."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return "".join(ch if terminal_safe(ch, multiline=True) == ch else f"\\u{ord(ch):04x}" for ch in text) \
        if terminal_safe(text, multiline=True) != text else text
