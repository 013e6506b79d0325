"""The main screens in each language: pictures, and no word of the other language.

Each screen is opened as a user would (keys from the overview) with `--lang` given
the way the command line gives it (`choose_language`), over a profile that asks for
the other language, so the flag is seen to win. The data is made of proper names
only (people, companies, places), so every word on the screen is the interface's.

Update the pictures with `pytest tests/test_snapshots_language.py --snapshot-update`
after a deliberate change, and look at the new SVGs before committing them.
"""

from __future__ import annotations

import re
import pytest
from conftest import TODAY
from textual.widgets import Input, TextArea

from netui.core import i18n
from netui.core.models import ChecklistItem, Contact, Event, Interaction, Profile

SIZE = (120, 36)

#: Words of the English interface that an Italian screen must not show (whole words). Loanwords
#: that Italian uses as they are (email, checklist, link, career day, post) are not in it.
ENGLISH = ("the", "and", "of", "to", "your", "with", "for", "from", "no", "yes", "Save", "Cancel",
           "Filter", "Contacts", "Contact", "Search", "Next", "due", "Delete", "Edit", "New", "Events",
           "Event", "Profile", "Help", "Quit", "Back", "Preview", "Checks", "Template", "Subject",
           "Body", "Send", "Copy", "Notes", "Company", "Position", "Source", "Last", "days", "never",
           "Today", "Name", "Open", "Close", "Show", "Drafts", "Network", "Keys", "Everywhere",
           "Language", "First", "Phone", "Sector", "Relationship", "Follow", "up", "Log", "Compose",
           "Sort", "Tags", "none", "Key", "Posts", "Companies", "Before", "During",
           "After", "People", "met", "Date", "Kind", "Mark", "sent", "Ask", "missing", "Found",
           "problems", "week", "Add", "contacts", "shown", "Interactions", "Questions", "target", "tier",
           "source", "thank", "Cadence", "every", "default", "Summary", "sector", "done", "Reply",
           "Language", "Signature", "Goal", "Location", "Birthday", "Register", "Website")
#: Words of the Italian interface that an English screen must not show (whole words).
ITALIAN = ("il", "lo", "la", "gli", "le", "di", "del", "della", "dei", "delle", "con", "per", "che",
           "non", "un", "una", "Salva", "Annulla", "Filtra", "Esci", "Nuovo", "Nuova", "contatto",
           "contatti", "Contatti", "Contatto", "evento", "eventi", "Eventi", "Evento", "Profilo",
           "profilo", "bozza", "Bozze", "oggi", "Oggi", "giorni", "mai", "Indietro", "Modello",
           "Oggetto", "Anteprima", "Controlli", "Rete", "Aziende", "Tasti", "Ovunque", "Lingua",
           "Nome", "Cognome", "Azienda", "Ruolo", "Fonte", "Settore", "Note", "Domande", "Ordina",
           "Elimina", "Modifica", "Scrivi", "Invia", "Copia", "settimana", "nessun", "nessuno",
           "Prima", "Durante", "Dopo", "Persone", "incontrate", "Aggiungi", "mostrati", "Chiudi", "ogni",
           "Cadenza", "settore", "fatte", "Riepilogo", "Firma", "Obiettivo", "Luogo", "Compleanno")

UNIQUE = {"it": ENGLISH, "en": ITALIAN}
#: Proper names in the data, never words of either interface.
DATA_NAMES = {"Giulia", "Serra", "Marco", "Villa", "Enel", "Snam", "Torino", "Milano", "Forum", "Hera",
              "Bologna", "Ana", "Rossi", "Politecnico"}


def records():
    giulia = Contact(first_name="Giulia", last_name="Serra", company="Enel", location="Torino",
                     emails=["giulia@example.org"], source="alumni", relationship="peer", tier="key")
    marco = Contact(first_name="Marco", last_name="Villa", company="Snam", location="Milano",
                    emails=["marco@example.org"], source="event")
    meeting = Interaction(contact_uid=giulia.uid, date="2026-02-20", kind="meeting", summary="Enel")
    forum = Event(name="Forum Hera", kind="career_day", date="2026-03-20", location="Bologna",
                  checklist=[ChecklistItem(phase="before", text="Hera")])
    return [giulia, marco], [meeting], [forum]


def screen_text(app) -> str:
    """Every character the terminal shows now, line by line."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(segment.text for segment in strip) for strip in update.strips)


def words_of_the_other_language(text: str, lang: str) -> list[str]:
    found = set(re.findall(r"[A-Za-zÀ-ÿ_]+", text))
    return sorted(found.intersection(UNIQUE[lang]) - DATA_NAMES)


async def steady(pilot) -> None:
    pilot.app.sub_title = "netui.json"
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


async def open_overview(pilot) -> None:
    await pilot.pause()


async def open_contact(pilot) -> None:
    await pilot.press("enter")


async def open_compose(pilot) -> None:
    await pilot.press("c")
    for _ in range(50):
        await pilot.pause(0.05)
        if all(worker.is_finished for worker in pilot.app.workers):
            break


async def open_events(pilot) -> None:
    await pilot.press("3")


async def open_profile(pilot) -> None:
    await pilot.press("4")


async def open_help(pilot) -> None:
    await pilot.press("question_mark")


SCREENS = {"overview": open_overview, "contact": open_contact, "compose": open_compose,
           "events": open_events, "profile": open_profile, "help": open_help}


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_in_one_language(snap_compare, make_app, screen, lang):
    contacts, interactions, events = records()
    other = "en" if lang == "it" else "it"
    app = make_app(contacts=contacts, interactions=interactions, events=events,
                   profile=Profile(first_name="Ana", last_name="Rossi", language=other, target_sector="Enel"),
                   today=TODAY)
    i18n.choose_language(lang)  # what `netui --lang it` does before the app opens
    shown: list[str] = []

    async def run_before(pilot) -> None:
        await steady(pilot)
        await SCREENS[screen](pilot)
        await steady(pilot)
        assert i18n.current_language() == lang
        shown.append(screen_text(pilot.app))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    assert shown, "the screen was not reached"
    stray = words_of_the_other_language(shown[0], lang)
    assert not stray, f"{screen} in {lang} shows {stray}:\n{shown[0]}"
