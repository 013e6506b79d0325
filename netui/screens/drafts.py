"""The Drafts screen (placeholder until its issue lands)."""

from __future__ import annotations

from .shell import ShellScreen


class DraftsScreen(ShellScreen):
    def __init__(self) -> None:
        super().__init__("Drafts")
