"""The Profile screen (placeholder until its issue lands)."""

from __future__ import annotations

from .shell import ShellScreen


class ProfileScreen(ShellScreen):
    def __init__(self) -> None:
        super().__init__("Profile")
