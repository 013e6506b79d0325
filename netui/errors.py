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
