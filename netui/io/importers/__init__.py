"""Import contacts from LinkedIn, Google, Outlook, vCard and netui JSON files.

Parsing (one module per format) gives an `ImportResult`; `plan_import` matches
it against the stored contacts; the caller shows `summary_lines` and, unless
it is a dry run, applies the plan in one save. Nothing here touches the store
or the user's file beyond reading it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from netui.core.errors import ImportFormatError
from netui.core.gcpause import gc_paused
from netui.core.i18n import _
from netui.io.importers.common import ImportResult, parse_birthday, parse_date
from netui.io.importers.google import parse_google
from netui.io.importers.jsonfile import parse_json
from netui.io.importers.linkedin import parse_linkedin
from netui.io.importers.merge import (
    ImportPlan,
    name_key,
    plan_import,
    summary_lines,
    url_key,
)
from netui.io.importers.outlook import parse_outlook
from netui.io.importers.vcard import parse_vcard

PARSERS: dict[str, Callable[[bytes], ImportResult]] = {
    "linkedin": parse_linkedin,
    "google": parse_google,
    "outlook": parse_outlook,
    "vcard": parse_vcard,
    "json": parse_json,
}
KINDS = tuple(PARSERS)
MAX_BYTES = 200 * 1024 * 1024


def parse_bytes(kind: str, data: bytes) -> ImportResult:
    """Parse `data` as `kind` (one of KINDS); ImportFormatError if it is not that."""
    try:
        parser = PARSERS[kind]
    except KeyError:
        raise ImportFormatError(_("unknown import kind {kind}; expected one of: {value}").format(kind=repr(kind), value=', '.join(KINDS))) from None
    with gc_paused():  # one record a row, all kept
        return parser(data)


def parse_file(kind: str, path: str | Path) -> ImportResult:
    """Read (never write) `path` and parse it as `kind`."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ImportFormatError(_("{path} is a folder, not a file").format(path=path))
        if path.stat().st_size > MAX_BYTES:
            raise ImportFormatError(_("{path} is larger than {value} MB: not a contacts file").format(path=path, value=MAX_BYTES // 1024 // 1024))
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(_("cannot read {path}: {value}").format(path=path, value=exc.strerror or exc)) from None
    return parse_bytes(kind, data)


__all__ = [
    "ImportFormatError", "ImportPlan", "ImportResult", "KINDS", "PARSERS", "name_key", "parse_birthday",
    "parse_bytes", "parse_date", "parse_file", "parse_google", "parse_json", "parse_linkedin",
    "parse_outlook", "parse_vcard", "plan_import", "summary_lines", "url_key",
]
