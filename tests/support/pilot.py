"""Small helpers shared by the Pilot tests."""

from __future__ import annotations

import time

from textual.widgets import Static


def plain(widget: Static) -> str:
    """The text a Static shows, without styles."""
    content = widget.content
    return getattr(content, "plain", content)


async def switch_to(pilot, mode: str, screen_class):
    """Switch the app to `mode` and return its screen (checked to be `screen_class`)."""
    await pilot.pause()
    await pilot.app.switch_mode(mode)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, screen_class)
    return screen


async def settle(pilot, timeout: float = 20.0) -> None:
    """Let the debounced preview (an exclusive worker: earlier runs are cancelled) finish.

    Pending messages are handled first (`pause()` waits for the app to be idle): a change
    whose message is still queued has not started its worker yet, and on a busy machine
    "no worker running" would be seen too early. Done when no worker runs twice in a row."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            quiet += 1
            continue
        quiet = 0
        if time.monotonic() > deadline:
            raise AssertionError(f"workers still running after {timeout} s: {list(pilot.app.workers)}")
        await pilot.pause(0.02)


async def started(pilot, timeout: float = 5.0) -> None:
    """Wait for what the app does once its first frame is drawn, up to its check for
    conflicts left on disk (it polls until the user is on a main screen, then looks once):
    a test that writes a conflict copy before that check would otherwise meet the app's
    own conflict dialog as well as its own."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while app._conflicts_wait is None and time.monotonic() < deadline:  # not started yet
        await pilot.pause(0.02)
    while app._conflicts_wait is not None:
        if time.monotonic() > deadline:
            raise AssertionError(f"the app's start-up check still running after {timeout} s")
        await pilot.pause(0.02)
