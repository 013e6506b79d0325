"""The overview's panel says which sources work: for each source of contacts reached, how
many replied, met you and introduced you, the most replied first; it follows a new reply."""

from __future__ import annotations

from textual.widgets import Static

from netui.core import i18n
from netui.core.models import Contact, Interaction, Profile
from netui.tui.screens.overview import FUNNEL_DELAY, OverviewScreen
from tests.conftest import TODAY
from tests.support.pilot import plain, settle

SIZE = (120, 40)
DAY = TODAY.isoformat()


def network() -> tuple[list[Contact], list[Interaction]]:
    people = [Contact(uid=f"f{n}", first_name=f"Friend{n}", source="friend") for n in range(3)]
    people += [Contact(uid=f"a{n}", first_name=f"Alum{n}", source="alumni") for n in range(2)]
    people += [Contact(uid="x", first_name="Sport", source="sport"),  # never reached: not named
               Contact(uid="new", first_name="Newcomer", source="event", introduced_by="a0")]
    log = [Interaction(contact_uid=uid, kind="email_sent", date=DAY) for uid in ("f0", "f1", "f2", "a0", "a1")]
    log += [Interaction(contact_uid="a0", kind="reply_received", date=DAY),
            Interaction(contact_uid="a1", kind="reply_received", date=DAY),
            Interaction(contact_uid="a1", kind="meeting", date=DAY),
            Interaction(contact_uid="f0", kind="reply_received", date=DAY)]
    return people, log


def funnel_text(app) -> str:
    return plain(app.screen.query_one("#panel-funnel", Static))


async def test_the_panel_names_the_sources_that_lead_somewhere(make_app) -> None:
    people, log = network()
    app = make_app(people, log, profile=Profile(first_name="Ana", language="en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = funnel_text(app)
        assert text.splitlines() == ["alumni 2 of 2 replied", "  1 met · 1 introduction",
                                     "friend 1 of 3 replied", "  0 met · 0 introductions"]
        await app.commit(lambda: app.store.add_interaction(
            Interaction(contact_uid="f1", kind="reply_received", date=DAY)), uids=["f1"])
        await settle(pilot)
        assert "friend 1 of 3 replied" in funnel_text(app)  # counted again once the edits pause
        await pilot.pause(FUNNEL_DELAY + 0.3)
        assert "friend 2 of 3 replied" in funnel_text(app)


async def test_the_panel_funnel_in_italian_and_with_nobody_reached(make_app) -> None:
    app = make_app([Contact(uid="x", first_name="Sport", source="sport")], profile=Profile(first_name="Ana"))
    i18n.choose_language("it")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert funnel_text(app).startswith("Ancora nessuno contattato")
        title = [plain(s) for s in app.screen.query(".panel-title").results(Static)]
        assert "Quali provenienze funzionano (5, f)" in title
