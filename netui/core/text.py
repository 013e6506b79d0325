"""The one gate for text that comes from outside (imports, the command line, forms, a hand-edited file).

A name with `ESC ] 52 ; c ; ... BEL` would set the user's clipboard when printed,
`ESC [2J` would clear their screen, a bidi override would show a different text
than the one stored. So on the way in every text field loses the characters a
terminal acts on (C0 controls but tab and, in multi-line fields, the newline; DEL;
the C1 controls; the bidi embedding, override and isolate marks), and a
single-line field gets its line breaks turned into spaces. Text already stored by
an older netui goes through `terminal_safe` before the CLI prints it.

Letters of every script, accents, emoji (with their zero-width joiners) and the
left-to-right / right-to-left marks are kept as they are.

A byte that is not UTF-8 in a command-line argument reaches Python as a lone
surrogate (U+DC80-U+DCFF, the `surrogateescape` of `sys.argv`), which no file or
terminal can hold. The gate turns each lone surrogate into U+FFFD, the
replacement character, rather than removing it: the user sees where a byte
could not be read (`Bad\ufffd Name`) and can correct it, where removing it
would silently join what was around it into a different, valid-looking text.
"""

from __future__ import annotations

import re

#: Characters a terminal may act on: C0 but tab and newline, DEL, C1, and the bidi
#: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: Lone surrogates: an undecodable byte of a command-line argument (see the module's docstring).
_SURROGATES = "\ud800-\udfff"
_UNREADABLE = re.compile(f"[{_SURROGATES}]")
_REMOVED = re.compile(f"[{_CONTROLS}]")
#: Anything the gate changes in a multi-line field.
UNSAFE_MULTILINE = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
#: The same for a single-line field, where a newline is unsafe too.
UNSAFE_LINE = re.compile(f"[\n{_CONTROLS}{_SURROGATES}]")
REPLACEMENT = "\ufffd"
_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85]")


def clean_line(text: str) -> str:
    """A single-line field: line breaks become spaces, control characters go."""
    if text.isprintable() or not UNSAFE_LINE.search(text):  # isprintable: the fast, usual case
        return text
    return _strip(_BREAKS.sub(" ", text))


def _strip(text: str) -> str:
    """Control characters removed, lone surrogates replaced (U+FFFD)."""
    return _REMOVED.sub("", _UNREADABLE.sub(REPLACEMENT, text))


def clean_multiline(text: str) -> str:
    """A multi-line field (notes, a summary, a body): `\\n` line ends, control characters gone."""
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not UNSAFE_MULTILINE.search(text):
        return text
    return _strip(text)


def is_clean(text: str, *, multiline: bool = False) -> bool:
    """True when `text` holds nothing the gate would remove."""
    return not (UNSAFE_MULTILINE if multiline else UNSAFE_LINE).search(text)


def terminal_safe(value: object, *, multiline: bool = False) -> str:
    """`value` as text that cannot drive a terminal: each control character shown as `?`."""
    text = value if isinstance(value, str) else str(value)
    pattern = UNSAFE_MULTILINE if multiline else UNSAFE_LINE
    if text.isprintable() or not pattern.search(text):
        return text
    if multiline:
        text = text.replace("\r\n", "\n")
    return pattern.sub("?", text)
