"""Outreach and events in Italian: template errors, batch warnings, calendar reminders.

A problem shown with a draft reads in the draft's language (like the lint
warnings); batch warnings and the reminders written to a calendar follow the
language netui speaks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from conftest import write_data_file

from netui.core.errors import DraftingError
from netui.core.i18n import set_language
from netui.core.models import ChecklistItem, Contact, Draft, Event, Interaction, Profile
from netui.events import checkup
from netui.outreach import batch, channels, sending
from netui.outreach.drafting import render, render_source
from netui.outreach.landed import Help
from netui.storage.store import Store

NETUI = Path(sys.executable).parent / "netui"


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


# --- template errors -----------------------------------------------------------------

def test_an_unknown_variable_reads_in_italian_with_its_line(italian):
    source = "Subject: Ciao\n\nLavoro in {{ settore }}.\n"
    with pytest.raises(DraftingError) as caught:
        render_source(source, "it", Profile(), Contact(first_name="Sara"))
    assert str(caught.value) == "variabile sconosciuta 'settore' alla riga 3 — Lavoro in {{ settore }}."
    assert caught.value.kind == "undefined" and caught.value.lineno == 3


def test_an_italian_draft_explains_itself_in_italian_even_when_the_app_speaks_english():
    with pytest.raises(DraftingError) as caught:
        render("event_follow_up", "it", Profile(first_name="Luca"), Contact(first_name="Sara"), None, {})
    assert "richiede un evento" in str(caught.value) and caught.value.kind == "event"
    with pytest.raises(DraftingError) as caught:
        render("personal", "it", Profile(first_name="Luca", target_sector="dati"), Contact(first_name="Sara"))
    assert str(caught.value).startswith("manca ask (la richiesta di un'email personale")
    assert caught.value.field == "ask"


def test_sandbox_refusals_and_bad_headers_read_in_italian(italian):
    with pytest.raises(DraftingError) as caught:
        render_source("Subject: x\n\n{{ 10 ** 1000000 }}\n", "it", Profile(), Contact())
    assert str(caught.value).startswith("rifiutato: 10 ** 1000000 è troppo grande alla riga 3")
    with pytest.raises(DraftingError, match=r"^il modello non ha una riga 'Subject: \.\.\.'$"):
        render_source("Channel: email\n\nCiao\n", "it", Profile(), Contact())
    with pytest.raises(DraftingError) as caught:
        render_source("Subject: x\n\n{% if %}\n", "it", Profile(), Contact())
    assert str(caught.value).startswith("errore di sintassi: ") and "alla riga 3" in str(caught.value)


def test_an_english_draft_keeps_english_errors_whatever_the_app_speaks(italian):
    with pytest.raises(DraftingError, match=r"^unknown variable 'sector' on line 3"):
        render_source("Subject: Hi\n\n{{ sector }}\n", "en", Profile(), Contact())


# --- batches ---------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    opened = Store.open(tmp_path / "netui.json")
    opened.set_profile(Profile(first_name="Ana", target_sector="data science", language="it"))
    yield opened
    opened.close()


def test_batch_warnings_read_in_italian(store, italian):
    people = [store.add_contact(Contact(first_name=name, emails=[f"{name.lower()}@x.org"], tier="key"))
              for name in ("Ada", "Bea", "Cy")]
    made = batch.create_batch(store, [c.uid for c in people], "2026-05-12", variables={"ask": "call"})
    drafts = batch.batch_drafts(store, made.batch_uid)
    [split] = batch.check_send_on(store, drafts[0], "2026-05-13")
    assert split.message == ("questo gruppo verrebbe inviato in 2 giorni diversi (12 mag 2026, 13 mag 2026): "
                             "inviale tutte lo stesso giorno, così nessuno si sente secondo")
    interaction = sending.mark_sent(store, drafts[0].uid, today=date(2026, 5, 12))
    assert sending.sent_message(store, drafts[0], interaction) == (
        "Inviata a Ada: registrata il 2026-05-12. Gruppo: 1 di 3 inviate.")
    [evening] = batch.end_of_day_warnings(store, datetime(2026, 5, 12, 18, 0))
    assert evening.message == ("la giornata sta finendo e 2 bozze del gruppo di oggi non sono ancora "
                               "inviate (1 di 3 inviate)")
    sending.mark_sent(store, drafts[1].uid, today=date(2026, 5, 12))
    [overdue] = batch.end_of_day_warnings(store, datetime(2026, 5, 13, 9, 0))
    assert overdue.message == ("1 bozza del gruppo del 12 mag 2026 non è ancora inviata: inviala ora, "
                               "o segnalala come inviata")


# --- small texts the user reads -----------------------------------------------------------

def test_history_summaries_help_lines_and_checkup_titles_in_italian(italian):
    note = channels.sent_summary(channels.Channel(channels.LINKEDIN, channels.NOTE), "", "Ciao Sara,\n", "x")
    assert note == "Nota di collegamento LinkedIn: Ciao Sara,"
    assert Help("call", "2026-05-04", count=3).label() == "telefonata il 2026-05-04 (3 volte)"
    assert checkup.section_title("search", "it") == "Cercati"
    set_language("en")
    assert checkup.section_title("search", "it") == "Cercati"  # the list's language, not the app's
    assert checkup.section_title("search", "en") == "Search yourself"


# --- reminders in the calendar ---------------------------------------------------------------

def test_export_ics_reminders_in_italian_writes_italian_titles(db_path, tmp_path):
    write_data_file(
        db_path,
        [Contact(uid="ada", first_name="Ada", last_name="Nuova", tier="key", emails=["ada@example.org"]),
         Contact(uid="bruno", first_name="Bruno", last_name="Rete", company="Acme", position="CTO"),
         Contact(uid="b1", first_name="Fabio", last_name="Uno"),
         Contact(uid="b2", first_name="Gina", last_name="Due")],
        [Interaction(contact_uid="bruno", kind="meeting", date="2026-10-01")],
        [Event(uid="fair", name="Career day", kind="career_day", date="2026-11-20", status="attended",
               checklist=[ChecklistItem(text="Scrivi le note", phase="after")])],
        [Draft(uid="d1", contact_uid="b1", batch_uid="soon", send_on="2026-12-05"),
         Draft(uid="d2", contact_uid="b2", batch_uid="soon", send_on="2026-12-05")],
        profile=Profile(first_name="Giulia", cadence_key_days=30, cadence_network_days=90))
    target = tmp_path / "promemoria.ics"
    env = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "NETUI_LANG")}
    env["NETUI_TODAY"] = "2026-12-02"
    result = subprocess.run([str(NETUI), "--lang", "it", "--db", str(db_path), "export", "ics", "--reminders",
                             "-o", str(target)], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["NAME"]) == "promemoria di netui"
    found = {str(e["SUMMARY"]): str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")}
    assert set(found) == {"Ricontatta Ada Nuova", "Ricontatta Bruno Rete", "Invia il gruppo: 2 email",
                          "Scrivi le note (Career day)"}
    assert found["Ricontatta Ada Nuova"] == ("Contatto chiave: mai contattato, ogni 30 giorni (scadenza 2 dic 2026)."
                                             "\nEmail: ada@example.org")
    assert found["Ricontatta Bruno Rete"] == ("Contatto: ultimo contatto il 1 ott 2026, ogni 90 giorni "
                                              "(scadenza 30 dic 2026).\nCTO presso Acme")
    assert found["Invia il gruppo: 2 email"] == ("Inviale tutte lo stesso giorno, così nessuno si sente secondo "
                                                 "(0 di 2 inviate).\nA: Fabio Uno, Gina Due")
    assert found["Scrivi le note (Career day)"] == "Dopo Career day (20 nov 2026): Scrivi le note"


def test_many_placeholders_left_are_counted_in_the_drafts_language():
    from netui.outreach.lint import check_placeholders

    body = " ".join(f"[Campo {n}]" for n in range(7))
    [found] = check_placeholders("", body, "it")
    assert found.message.endswith("e altri 2; completalo o toglilo")
    [found] = check_placeholders("", body[: body.index("[Campo 6]")], "en")
    assert found.message.endswith("[Campo 4] and 1 more; fill it in or remove it")
