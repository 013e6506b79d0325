"""A snapshot of the Compose screen: fixed profile, contact, batch and date."""

from __future__ import annotations

from datetime import date

import pytest

from netui.core.models import Contact, Profile
from netui.outreach import batch
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.screens.compose import ComposeScreen


@pytest.fixture
def compose_app(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org",
                              current_position="Analyst", current_company="Acme", target_sector="data science",
                              target_companies=["Globex", "Initech"], language="en"))
    ada = store.add_contact(Contact(first_name="Ada", last_name="[Lovelace]", emails=["ada@example.org"],
                                    company="Globex", position="Head of Data", tier="key",
                                    relationship="mentor"))
    bea = store.add_contact(Contact(first_name="Bea", last_name="Rossi", emails=["bea@example.org"], tier="key"))
    made = batch.create_batch(store, [ada.uid, bea.uid], "2026-05-12", variables={"ask": "companies"})
    draft = next(d for d in made.drafts if d.contact_uid == ada.uid)
    app = NetuiApp(store, today=date(2026, 5, 10))
    app.test_draft = draft  # type: ignore[attr-defined]
    yield app
    store.close()


def test_compose_screen_snapshot(snap_compare, compose_app):
    async def run_before(pilot) -> None:
        pilot.app.sub_title = "netui.json"
        await pilot.pause()
        draft = pilot.app.test_draft
        pilot.app.push_screen(ComposeScreen(draft.contact_uid, draft_uid=draft.uid))
        await pilot.pause()
        for _ in range(50):
            await pilot.pause(0.02)
            if all(worker.is_finished for worker in pilot.app.workers):
                break
        pilot.app.clear_notifications()
        # The body's cursor blinks every half second: under load the picture could catch
        # either phase. Still, it is drawn (steady) where the focus is.
        pilot.app.screen.query_one("#c-body").cursor_blink = False
        await pilot.pause()

    assert snap_compare(compose_app, run_before=run_before, terminal_size=(120, 36))
