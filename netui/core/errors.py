"""Errors netui shows to the user as one clear line (CLI) or a notification (TUI)."""

from __future__ import annotations


class NetuiError(Exception):
    """A failure the user can understand and act on; never shown as a traceback."""


class DamagedFileError(NetuiError):
    """The data file cannot be parsed: it is never written, a backup is offered."""


class LockedError(NetuiError):
    """Another netui process holds the writer lock on the data file."""

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


class ReadOnlyError(NetuiError):
    """A write was attempted on a store opened read-only."""


class ConflictError(NetuiError):
    """The data file changed on disk since it was loaded; saving would overwrite it."""


class StorageError(NetuiError):
    """The file system refused a write (disk full, permission denied...)."""


class NotFoundError(NetuiError):
    """No record matches what the user asked for."""


class AmbiguousError(NetuiError):
    """Several records match; the message lists the candidates."""


class ValidationError(NetuiError, ValueError):
    """A value refused by the model; names the field so the UI can show it inline."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class DraftingError(NetuiError):
    """Any drafting failure; the message says what to do, the attributes where.

    kind: profile, contact, event, variable, syntax, undefined, sandbox, limit,
    template (a bad template or name) or io.
    """

    def __init__(self, message: str, *, kind: str = "template", field: str | None = None,
                 lineno: int | None = None, line: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field
        self.lineno = lineno
        self.line = line


class ChecklistError(NetuiError):
    """A checklist file that cannot be used, or an unknown kind or language."""


class ImportFormatError(NetuiError):
    """The file is not what the user said it is (or not readable at all): refused whole."""


class CommitFailed(Exception):
    """A change was refused before anything changed; the user has been told why."""
