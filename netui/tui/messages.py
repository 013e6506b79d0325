"""Messages the app sends to its screens."""

from __future__ import annotations

from collections.abc import Iterable

from textual.message import Message


class DataChanged(Message, bubble=False):
    """Records changed in the store (after a commit, a reload, a retried save).

    `uids` names the contacts whose rows changed; None means anything may have
    changed (a reload, or a change that touches many records): redraw everything.
    An empty set means no contact changed (an event, a draft, the profile did).
    """

    def __init__(self, uids: Iterable[str] | None) -> None:
        super().__init__()
        self.uids: frozenset[str] | None = None if uids is None else frozenset(uids)

    @property
    def everything(self) -> bool:
        return self.uids is None
