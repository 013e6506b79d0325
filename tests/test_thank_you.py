"""Thank every reply: logging a reply offers a thank-you draft; the to-thank list leads there."""

from __future__ import annotations

from netui.core.models import Contact, Interaction, Profile
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.log_interaction import LogInteractionScreen
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.overview import OverviewScreen
from tests.conftest import TODAY

SIZE = (120, 36)
PROFILE = Profile(first_name="Giulia", last_name="Rossi", target_sector="energy")


async def test_logging_a_reply_offers_a_thank_you_draft(make_app):
    app = make_app([Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"])],
                   profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogInteractionScreen)
        app.screen.query_one("#input-kind").value = "reply_received"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ada Lovelace replied" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.template == "thank_you"


async def test_compose_from_the_to_thank_list_starts_with_thank_you(make_app):
    contacts = [Contact(uid="bea", first_name="Bea", last_name="Ng", emails=["bea@example.org"]),
                Contact(uid="cy", first_name="Cy", last_name="Ode", emails=["cy@example.org"])]
    replied = [Interaction(contact_uid="bea", kind="reply_received", date=TODAY.isoformat())]
    app = make_app(contacts, replied, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")  # quick filter: to thank
        await pilot.pause()
        assert app.screen.table.highlighted_uid == "bea"
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen) and app.screen.template == "thank_you"
        await pilot.press("escape")  # leave the draft untouched: nothing to ask
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")  # back to all contacts
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.table.highlighted_uid == "cy"  # Cy owes nothing
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ComposeScreen) and app.screen.template == "generic"
