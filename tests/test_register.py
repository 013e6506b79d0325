"""Italian emails address a contact with one register throughout: Lei or tu, never both."""

from __future__ import annotations

import re
from datetime import date

import pytest

from netui.core.models import Contact, Event, Profile, default_register
from netui.outreach.drafting import TEMPLATE_NAMES, render, with_preposition
from netui.storage.paths import shipped_templates_dir

TODAY = date(2026, 3, 16)

#: Words that only a "tu" email uses: pronouns, possessives, the greeting, and the
#: second-person verbs and enclitics the shipped templates write.
TU_MARKERS = re.compile(
    r"\b(ti|te|tu|tuo|tua|tuoi|tue|Ti|Te|Ciao|sai|sei|hai|conosci|venissi|segnalassi|volessi|conoscessi|"
    r"potessi|vorrai|avresti|Avresti|vedi|faresti|guarderesti|fossi|eviteresti|cambieresti|Daresti|saresti)\b"
    r"|\w(rti|rmi?ti|arti|erti|irti|ndarti|chiederti|mandartelo)\b"
)
#: Words that only a "Lei" email uses: capitalised pronouns and possessives (also joined to
#: a verb: conoscerLa, esserLe), the formal greeting and the third-person verbs written.
LEI_MARKERS = re.compile(
    r"\b(Lei|Sua|Suo|Sue|Suoi|Gentile|Glielo|La ringrazio|Le (?!mie\b)\w+|conosce|venisse|segnalasse|"
    r"volesse|conoscesse|potesse|vorrà|Avrebbe|vede|farebbe al|guarderebbe|fosse|eviterebbe|cambierebbe|"
    r"Potrebbe|sarebbe disponibile|ha dedicato|ha raccontato|ha un momento|sa|Sa)\b"
    r"|[a-zà-ù](La|Le|Lo|Gli)\b|mandarglielo"
)


def profile(**changes: str) -> Profile:
    base = Profile(first_name="Giulia", last_name="Rinaldi", email="giulia@example.org",
                   current_position="analista", current_company="Banca Uno", time_in_role="tre anni",
                   current_sector="banche", target_sector="energie rinnovabili", target_position="data engineer",
                   target_location="Milano", target_work_type="ibrido", company_traits=["formazione", "clima"],
                   target_companies=["Enel", "Edison"], experiences=["tesi sui dati meteo"],
                   cv_path="~/cv.pdf", language="it")
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def contact(register: str) -> Contact:
    return Contact(first_name="Anna", last_name="Ricci", emails=["anna@example.org"], company="Politecnico",
                   register=register).validate()


EVENT = Event(name="Career day", date="2026-03-10", online=False)

#: Every branch a register shows in: each request of the personal email, each optional variable,
#: a student profile (no current job) and a profile without a sector.
CASES = [
    ("generic", {}, {}),
    ("generic", {}, {"current_sector": "", "current_position": "", "current_company": ""}),
    *[("personal", {"ask": ask}, {}) for ask in ("call", "companies", "cv", "Mi presenteresti a Marco?")],
    ("personal", {"ask": "call"}, {"target_sector": "", "current_sector": "", "current_position": "",
                                   "current_company": ""}),
    ("personal", {"ask": "cv"}, {"cv_path": "", "target_sector": ""}),
    ("thank_you", {"detail": "Il consiglio sul portfolio mi è servito."}, {}),
    ("follow_up", {}, {}),
    ("follow_up", {"news": "Ho finito il corso di Python."}, {}),
    ("event_follow_up", {"topic": "colloqui tecnici"}, {}),
    ("event_follow_up", {}, {"target_sector": ""}),
    ("ask_intro", {"company": "Ferrari"}, {}),
    ("ask_intro", {"company": "Ferrari", "person": "Marco Neri"}, {"target_position": ""}),
    ("job_news", {"help_call": "2026-03-01", "help_reply": "2026-03-02", "help_introduced": "Marco Neri"},
     {"landed_company": "Enel", "landed_position": "data engineer"}),
    ("job_news", {}, {"landed_company": "Enel"}),
    ("linkedin_note", {}, {}),
    ("linkedin_note", {}, {"target_sector": ""}),
    ("linkedin_message", {}, {}),
    ("linkedin_message", {}, {"target_sector": "", "target_position": ""}),
]


def rendered(name: str, variables: dict[str, str], changes: dict[str, str], register: str) -> str:
    email = render(name, "it", profile(**changes), contact(register), EVENT, variables, today=TODAY)
    # The user's own words (ask, news, detail) are theirs: only what the template writes is checked.
    text = f"{email.subject}\n{email.body}"
    for value in variables.values():
        text = text.replace(value, "")
    return text


def test_every_shipped_template_is_covered():
    """Every Italian template shipped (the folder, not a list) has cases here."""
    shipped = {path.name.removesuffix(".txt.j2") for path in (shipped_templates_dir() / "it").glob("*.txt.j2")}
    assert set(TEMPLATE_NAMES) <= shipped
    assert {name for name, _vars, _changes in CASES} == shipped


@pytest.mark.parametrize(("name", "variables", "changes"), CASES)
def test_a_lei_contact_gets_lei_throughout(name, variables, changes):
    text = rendered(name, variables, changes, "lei")
    assert not TU_MARKERS.findall(text), text
    assert LEI_MARKERS.search(text), text  # and it is really addressed formally


@pytest.mark.parametrize(("name", "variables", "changes"), CASES)
def test_a_tu_contact_gets_tu_throughout(name, variables, changes):
    text = rendered(name, variables, changes, "tu")
    assert not LEI_MARKERS.findall(text), text
    assert TU_MARKERS.search(text), text


def test_the_markers_catch_a_mixed_email():
    assert TU_MARKERS.search("La ringrazio, ti farò sapere")
    assert LEI_MARKERS.search("Ciao Anna, La ringrazio per la risposta")
    assert LEI_MARKERS.search("è stato un piacere conoscerLa")
    assert not LEI_MARKERS.search("Le mie esperienze principali:")


def test_greetings_and_reviewed_wording():
    lei = rendered("generic", {}, {}, "lei")
    assert "Gentile Anna Ricci," in lei and "nel settore delle energie rinnovabili" in lei
    assert "una Sua presentazione sarebbe preziosissima" in lei
    assert "segnalare il mio nome ai responsabili della selezione" in lei
    student = rendered("personal", {"ask": "call"}, {"current_sector": "", "current_position": "",
                                                     "current_company": ""}, "tu")
    assert "Ciao Anna," in student and "il mio primo lavoro nel settore delle energie rinnovabili" in student
    assert "spostarmi" not in student and "presso Politecnico" in student and "in Politecnico" not in student
    assert "ruoli come data engineer" in rendered("personal", {"ask": "cv"}, {}, "tu")
    event = rendered("event_follow_up", {"topic": "colloqui tecnici"}, {}, "lei")
    assert event.count("molto utile") == 1 and "mi ha dato spunti preziosi" in event
    follow = rendered("follow_up", {}, {}, "tu")
    assert "mi farebbe piacere avere tue notizie" in follow and "mi piacerebbe sentirci" in follow


def test_english_ignores_the_register():
    texts = {r: render("thank_you", "en", profile(), contact(r), None, today=TODAY).body for r in ("tu", "lei")}
    assert texts["tu"] == texts["lei"]


@pytest.mark.parametrize(("relationship", "source", "expected"), [
    ("mentor", "family", "lei"), ("manager", "other", "lei"), ("recruiter", "friend", "lei"),
    ("current_employer", "other", "lei"), ("former_employer", "colleague", "lei"),
    ("peer", "linkedin", "tu"), (None, "family", "tu"), (None, "friend", "tu"), (None, "linkedin", "lei"),
    (None, "other", "lei"),
])
def test_default_register(relationship, source, expected):
    assert default_register(relationship, source) == expected
    made = Contact(first_name="X", relationship=relationship, source=source).validate()
    assert made.register == expected


@pytest.mark.parametrize(("sector", "expected"), [
    ("energie rinnovabili", "delle energie rinnovabili"), ("moda", "della moda"),
    ("informatica", "dell'informatica"), ("marketing", "del marketing"), ("sport", "dello sport"),
    ("servizi finanziari", "dei servizi finanziari"), ("investimenti", "degli investimenti"),
    ("telecomunicazioni", "delle telecomunicazioni"), ("sanità", "della sanità"),
    ("automotive", "dell'automotive"), ("le risorse umane", "delle risorse umane"),
    ("l'editoria", "dell'editoria"), ("lo spettacolo", "dello spettacolo"),
])
def test_sector_with_its_articled_preposition(sector, expected):
    assert with_preposition(sector, "di") == expected


def test_the_register_is_chosen_on_the_command_line(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "netui.json"
    for args in (["Marco Bianchi <marco@example.org>", "--relationship", "mentor", "--register", "tu"],
                 ["Luca Verdi <luca@example.org>", "--source", "friend"]):
        done = subprocess.run([sys.executable, "-m", "netui", "--db", str(db), "add", *args],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    bad = subprocess.run([sys.executable, "-m", "netui", "--db", str(db), "add", "Eva", "--register", "voi"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    import orjson

    contacts = orjson.loads(db.read_bytes())["contacts"].values()
    assert {c["first_name"]: c["register"] for c in contacts} == {"Marco": "tu", "Luca": "tu"}


async def test_the_contact_form_in_italian_edits_the_register_and_shows_the_guides_questions(make_app, db_path):
    """A profile in Italian: the questions read as the guide words them, the register is a
    select, and what is saved is the register chosen and answers under the question id."""
    from textual.widgets import Select, TextArea

    from netui.storage.store import Store
    from netui.tui.screens.contact import ContactScreen

    mentor = Contact(uid="m1", first_name="Marco", last_name="Bianchi", relationship="mentor").validate()
    app = make_app([mentor], profile=Profile(first_name="Giulia", language="it"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactScreen)
        questions = [str(w.content) for w in form.query(".question")]
        assert questions[:3] == [
            "Come hai iniziato la tua carriera attuale?",
            "Cosa ti piace di più del tuo lavoro? Quali sono le sfide più grandi che affronti?",
            "Sceglieresti lo stesso percorso professionale se dovessi rifare tutto da capo?",
        ]
        register = form.query_one("#input-register", Select)
        assert register.value == "lei"
        register.value = "tu"
        form.query_one("#answer-2", TextArea).text = "Sì, ma prima."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
    with Store.open(db_path, readonly=True) as store:
        saved = store.contact("m1")
    assert saved.register == "tu" and saved.answers == {"same_path": "Sì, ma prima."}


@pytest.mark.parametrize(("name", "variables", "changes"), CASES)
def test_the_reviewed_wording_holds_in_every_template(name, variables, changes):
    """A sector always takes its article ("nel settore delle energie rinnovabili"), roles are
    "come X" (never "da X"), and an email in Lei opens with "Gentile" and the full name."""
    text = rendered(name, variables, changes, "lei")
    assert "settore energie" not in text and "ruoli da" not in text, text
    if not name.startswith("linkedin_"):  # a LinkedIn text stays conversational: "Buongiorno Anna,"
        assert "Buongiorno Anna," not in text, text
