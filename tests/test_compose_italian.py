"""The Compose screen in Italian: what the user reads comes from the catalogue, no English left."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Button, Input, Select, Static
from textual.widgets._footer import FooterKey

from netui.core import i18n
from netui.core.models import Contact, Profile
from netui.tui.screens.compose import ComposeScreen
from tests.support.pilot import settle

SIZE = (140, 40)

#: Words of the English interface that must not show when netui speaks Italian.
ENGLISH = ("Preview", "Checks", "Template", "Language", "Subject", "Send on", "Save", "Back",
           "Copy body", "Mail app", "No problems", "To:", "draft", "unsaved", "YYYY")


@pytest.fixture
def italian():
    i18n.set_language("it")
    yield
    i18n.reset()


def screen_text(app) -> str:
    """Every line the terminal shows now, toasts included."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def italian_app(make_app):
    ada = Contact(first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], company="Enel")
    app = make_app(contacts=[ada], profile=Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org",
                                                    target_sector="data science", language="it"))
    return app, ada


async def open_compose(pilot, uid: str) -> ComposeScreen:
    await pilot.pause()
    pilot.app.push_screen(ComposeScreen(uid, template="generic"))
    await pilot.pause()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ComposeScreen)
    return screen


async def test_compose_reads_in_italian(make_app, italian, tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    app, ada = italian_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, ada.uid)
        assert screen.query_one("#c-preview-box").border_title == "Anteprima"
        assert screen.query_one("#c-checks-box").border_title == "Controlli"
        labels = [str(label.content) for label in screen.query(".c-label").results(Static)]
        assert labels == ["Modello", "Lingua", "Chiedi", "Giorno d'invio", "Oggetto"]
        assert screen.query_one("#c-send-on", Input).placeholder == "AAAA-MM-GG"
        assert str(screen.query_one("#c-to", Static).content).startswith("A: Ada Lovelace <ada@example.org>")
        footer = " ".join(str(key.render()) for key in screen.query(FooterKey))
        for italian_key in ("Salva", "Copia testo", "App posta", "Modello", "Indietro"):
            assert italian_key in footer, italian_key

        shown = screen_text(app)
        assert "Anteprima" in shown and "Controlli" in shown and "nuova bozza" in shown
        assert "Chiedi chiamata, aziende, cv o parole tue" in shown and "AAAA-MM-GG" in shown
        assert "A: ada@example.org" in shown and "Oggetto:" in shown

        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert "Bozza per Ada Lovelace salvata." in notes
        shown = screen_text(app)
        assert "✓ Nessun problema trovato." in shown and "bozza" in shown
        for english in ENGLISH:
            assert not re.search(rf"\b{re.escape(english)}\b", shown), (english, shown)


async def test_its_notifications_and_dialogs_in_italian(make_app, italian, tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    from netui.tui.dialogs.confirm import ConfirmScreen

    app, ada = italian_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, ada.uid)
        # An empty subject: ctrl+g says so in Italian.
        screen.query_one("#c-subject", Input).value = ""
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert "L'oggetto è vuoto: niente da copiare." in notes
        assert "(vuoto)" in screen_text(app)  # the preview's empty subject
        # An edit by hand, then the email's language changes: the checks say the template's text
        # differs, and ctrl+r asks before replacing the edit, all in Italian.
        screen.query_one("#c-body").focus()
        await pilot.press(*"PS ciao")
        await settle(pilot)
        screen.query_one("#c-lang", Select).value = "en"
        await settle(pilot)
        checks = str(screen.query_one("#c-checks", Static).content)
        assert "il modello ora dà un testo diverso: ctrl+r lo mette nell'email" in checks
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-message", Static).content)
        assert question == "Sostituire l'oggetto e il testo che hai modificato con il testo del modello?"
        buttons = [str(button.label) for button in app.screen.query(Button)]
        assert any("Sostituisci" in b for b in buttons) and any("Tieni il mio" in b for b in buttons)
        assert not any("Replace" in b or "Keep" in b for b in buttons)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        # The status line says the draft is unsaved, in Italian.
        assert "non salvata" in str(screen.query_one("#c-status").content)
