"""Small helpers shared by the Pilot tests."""

from __future__ import annotations

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


async def settle(pilot) -> None:
    """Let the debounced preview (an exclusive worker: earlier runs are cancelled) finish."""
    for _ in range(100):
        await pilot.pause(0.02)
        if all(worker.is_finished for worker in pilot.app.workers):
            break
    await pilot.pause()
