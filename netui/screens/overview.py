"""The Network screen (placeholder until its issue lands)."""

from __future__ import annotations

from .shell import ShellScreen


class OverviewScreen(ShellScreen):
    def __init__(self) -> None:
        super().__init__("Network")
