"""At 80 columns, in Italian and English, no key of a footer is cut: on every screen the app switches to
and every editing screen it opens, each key a footer shows sits whole left of the
command palette's key (a key cut at the edge reads as garbage: "^q Q"); the
help key, which leads to every key, is shown wherever it works (a text field
takes "?" as text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from netui.core import i18n
from netui.tui.app import NetuiApp
from tests.support.pilot import settle
from tests.test_mode_keys import MODES
from tests.test_tui_protocols import ADA, EVENT, OPENERS, PROFILE

SIZES = [(80, 24), (100, 30)]


def cut_keys(footer: Footer) -> list[str]:
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return [f"{key.key_display} {key.description}" for key in keys
            if not key.has_class("-command-palette") and key.region.right > right]


async def _footer_of_screen(app: NetuiApp) -> Footer | None:
    footers = list(app.screen.query(Footer))
    return footers[0] if footers else None


SCREENS: dict[str, Callable[[Any], Any]] = {f"mode:{mode}": (lambda m: lambda pilot: pilot.app.switch_mode(m))(mode)
                                            for mode in MODES}
SCREENS.update({f"editor:{cls.__name__}": opener for cls, opener in OPENERS.items()})


@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_no_footer_key_is_cut(make_app: Callable[..., NetuiApp], name: str, size: tuple[int, int],
                                    lang: str) -> None:
    app = make_app([ADA], events=[EVENT], profile=PROFILE)
    i18n.choose_language(lang)  # as `netui --lang` does: Italian labels are the longer ones
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await SCREENS[name](pilot)
        await settle(pilot)
        footer = await _footer_of_screen(app)
        if footer is None:
            return  # a dialog without a key bar: its buttons say what to do
        assert not cut_keys(footer), f"{name} at {size}: cut {cut_keys(footer)}"
        shown = [key for key in footer.query(FooterKey) if key.display and not key.has_class("-command-palette")]
        if any(binding.action == "help" for _node, binding, _on, _tip in app.screen.active_bindings.values()):
            assert any(key.action == "help" for key in shown), f"{name} at {size}: the help key is left out"
        every = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
        assert len(shown) >= min(3, len(every)), f"{name} at {size}: only {[key.description for key in shown]}"
