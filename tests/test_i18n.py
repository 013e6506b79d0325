"""Translations: complete catalogues, the language order, labels, dates, Italian warnings."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from netui.cli.main import _app_only
from netui.core import i18n, models, vocabulary
from netui.core.errors import NetuiError
from netui.core.models import Contact, Profile
from netui.outreach import lint
from netui.storage.schema import SCHEMA_VERSION
from netui.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "netui" / "locale"
PO = LOCALE / "it" / "LC_MESSAGES" / "netui.po"
MO = LOCALE / "it" / "LC_MESSAGES" / "netui.mo"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy_gettext": None, "_l": None}


def read_catalogue():
    with PO.open("rb") as f:
        return read_po(f, locale="it")


def source_msgids() -> set[str]:
    """Every msgid the code marks, extracted the way `pybabel extract` does (babel.cfg)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=[("netui/**.py", "python")], keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


# --- catalogues -------------------------------------------------------------------

def test_every_marked_text_has_an_italian_translation():
    catalogue = read_catalogue()
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    marked = source_msgids()
    assert len(marked) > 80
    missing = sorted(t for t in marked if t not in translated)
    assert not missing, f"not in netui.po (run the three pybabel commands): {missing}"
    untranslated = sorted(t for t in marked if not translated[t].string or translated[t].fuzzy)
    assert not untranslated, f"no Italian (or fuzzy) in netui.po: {untranslated}"


def test_italian_keeps_the_placeholders_of_the_english():
    import re

    for message in read_catalogue():
        if message.id and isinstance(message.id, str):
            names = set(re.findall(r"\{(\w+)", message.id))
            assert names <= set(re.findall(r"\{(\w+)", message.string)) | {"label"}, message.id


def test_the_compiled_catalogue_matches_the_po():
    """The .mo is committed beside the .po: a .po edited without `pybabel compile` fails here."""
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    expected: dict[object, str] = {}
    for m in read_catalogue():
        if not m.id or m.fuzzy or not m.string:
            continue
        if isinstance(m.id, tuple):  # plural forms: gettext keys them (singular, form index)
            expected.update({(m.id[0], index): form for index, form in enumerate(m.string)})
        else:
            expected[m.id] = m.string
    shipped = {k: v for k, v in getattr(compiled, "_catalog").items() if k}
    assert shipped == expected


# --- the language order --------------------------------------------------------------

@pytest.mark.parametrize(("flag", "env", "profile", "expected"), [
    ("en", {"NETUI_LANG": "it", "LANG": "it_IT.UTF-8"}, "it", "en"),   # the flag first
    (None, {"NETUI_LANG": "en", "LANG": "it_IT.UTF-8"}, "it", "en"),   # then NETUI_LANG
    (None, {"LANG": "en_US.UTF-8"}, "it", "it"),                        # then the profile
    (None, {"LANG": "it_IT.UTF-8"}, "", "it"),                          # then the locale
    (None, {"LC_ALL": "C", "LANG": "it_IT.UTF-8"}, "", "en"),           # LC_ALL wins over LANG
    (None, {"LC_MESSAGES": "it_CH.UTF-8", "LANG": "de_DE"}, "", "it"),
    (None, {"LANG": "fr_FR.UTF-8"}, "", "en"),                          # a locale netui does not speak
    (None, {}, "", "en"),                                               # English at last
    (None, {"NETUI_LANG": "it_IT"}, "", "it"),
])
def test_resolution_order(flag, env, profile, expected):
    assert i18n.resolve_language(flag, profile, env) == expected


def test_a_language_asked_for_and_unknown_is_an_error():
    with pytest.raises(NetuiError, match="NETUI_LANG: unknown language 'fr'"):
        i18n.resolve_language(None, "it", {"NETUI_LANG": "fr"})


def test_the_app_path_accepts_lang_without_click():
    assert _app_only(["--lang", "it"]) == (True, {"--lang": "it"})
    assert _app_only(["--db", "x.json", "--lang=en"]) == (True, {"--db": "x.json", "--lang": "en"})
    assert _app_only(["--lang", "it", "contacts"])[0] is False
    assert _app_only(["--lang"])[0] is False


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed command (python -m netui) with only the language variables given."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("NETUI_DB", "NETUI_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True, text=True, env=clean,
                          cwd=ROOT, timeout=60)


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    db = tmp_path / "netui.json"
    with Store.open(db) as store:
        store.set_profile(Profile(first_name="Ana", last_name="Example", language=""))
        store.add_contact(Contact(first_name="Sara", last_name="Conti", emails=["sara@example.org"]).validate())
    return db


def draft_subject(db: Path, env: dict[str, str], *global_options: str) -> str:
    done = run([*global_options, "--db", str(db), "draft", "sara@example.org", "--template", "thank_you",
                "--print"], env)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0]


ITALIAN = "Subject: Grazie per la risposta"
ENGLISH = "Subject: Thank you, Sara"


def test_command_line_order_with_the_real_command(cli_db):
    """The template language follows --lang, NETUI_LANG, the profile, the locale, English."""
    assert draft_subject(cli_db, {"LANG": "C.UTF-8"}) == ENGLISH
    assert draft_subject(cli_db, {"LANG": "it_IT.UTF-8"}) == ITALIAN
    assert draft_subject(cli_db, {"LANG": "it_IT.UTF-8", "NETUI_LANG": "en"}) == ENGLISH
    assert draft_subject(cli_db, {"NETUI_LANG": "it"}) == ITALIAN
    assert draft_subject(cli_db, {"NETUI_LANG": "it"}, "--lang", "en") == ENGLISH
    assert draft_subject(cli_db, {"LANG": "C.UTF-8"}, "--lang", "it") == ITALIAN
    done = run(["--db", str(cli_db), "profile", "--set", "language=it"], {"LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert draft_subject(cli_db, {"LANG": "en_GB.UTF-8"}) == ITALIAN
    assert draft_subject(cli_db, {"NETUI_LANG": "en"}) == ENGLISH


def test_bad_language_on_the_command_line_is_one_line(cli_db):
    bad_flag = run(["--lang", "fr", "--db", str(cli_db), "contacts"], {})
    assert bad_flag.returncode == 2 and "Traceback" not in bad_flag.stderr
    assert len(bad_flag.stderr.strip().splitlines()) == 1 and "'fr'" in bad_flag.stderr
    bad_env = run(["--db", str(cli_db), "contacts"], {"NETUI_LANG": "fr"})
    assert bad_env.returncode == 1 and bad_env.stderr.strip() == \
        "netui: NETUI_LANG: unknown language 'fr'; use one of: it, en"


# --- lazy text, labels, dates ---------------------------------------------------------

def test_lazy_text_follows_the_language_it_is_read_in():
    question = models.QUESTIONS["career_start"]
    assert str(question) == "How did you start your current career?"
    i18n.set_language("it")
    assert str(question) == "Come hai iniziato la tua carriera attuale?"
    assert f"«{question}»" == "«Come hai iniziato la tua carriera attuale?»"
    assert "Q: " + question == "Q: Come hai iniziato la tua carriera attuale?"


def test_the_three_questions_in_the_guides_words():
    i18n.set_language("it")
    assert [models.question_text(q) for q in models.FIRST_MEETING_QUESTIONS] == [
        "Come hai iniziato la tua carriera attuale?",
        "Cosa ti piace di più del tuo lavoro? Quali sono le sfide più grandi che affronti?",
        "Sceglieresti lo stesso percorso professionale se dovessi rifare tutto da capo?",
    ]
    assert models.question_text("A question of my own?") == "A question of my own?"


@pytest.mark.parametrize(("table", "values"), [
    ("source", models.SOURCES), ("relationship", models.RELATIONSHIPS), ("tier", models.TIERS),
    ("interaction_kind", models.INTERACTION_KINDS), ("event_kind", models.EVENT_KINDS),
    ("event_status", models.EVENT_STATUSES), ("checklist_phase", models.CHECKLIST_PHASES),
    ("draft_status", models.DRAFT_STATUSES), ("language", models.LANGUAGES), ("register", models.REGISTERS),
])
def test_every_stored_value_has_a_label_in_both_languages(table, values):
    labels = vocabulary.TABLES[table]
    assert tuple(labels) == tuple(values)
    for lang in ("en", "it"):
        for value in values:
            assert labels.label(value, lang) and "_" not in labels.label(value, lang)


def test_labels_in_each_language():
    assert vocabulary.label("source", "former_colleague") == "ex-colleague"
    assert vocabulary.label("interaction_kind", "event_met") == "met at an event"
    i18n.set_language("it")
    assert vocabulary.label("source", "former_colleague") == "ex collega"
    assert vocabulary.label("relationship", "manager") == "responsabile"
    assert vocabulary.label("interaction_kind", "reply_received") == "risposta ricevuta"
    assert vocabulary.label("event_kind", "company_meeting") == "Incontro in azienda"
    assert vocabulary.label("draft_status", "sent") == "inviata"
    assert vocabulary.label("template", "my_own_template") == "my own template"
    assert vocabulary.LANGUAGES.choices() == [("Italiano", "it"), ("English", "en")]


def test_dates_the_italian_way():
    day = date(2026, 12, 2)
    assert i18n.format_date(day, "it") == "2 dic 2026"
    assert i18n.format_date("2026-12-02T18:30", "en") == "2 Dec 2026"
    i18n.set_language("it")
    assert i18n.format_date("2026-05-09") == "9 mag 2026"
    assert i18n.format_date("not a date") == "not a date" and i18n.format_date(None) == ""


# --- lint in the draft's language ---------------------------------------------------------

def test_an_italian_draft_gets_italian_warnings_whatever_the_app_speaks():
    boss = Contact(first_name="Anna", last_name="Ricci", relationship="manager", tier="key")
    found = lint.check_draft("generic", "", "Ciao [Nome], ti allego il CV.", boss, Profile(), "it")
    assert [w.message for w in found] == [
        "Anna Ricci è il tuo responsabile: non mandargli mai l'email generica; scrivigliene una personale",
        "Anna Ricci è un contatto chiave: un'email personale funzionerà meglio di quella generica",
        "Anna Ricci non ha un indirizzo email: aggiungine uno per inviare questa email",
        "l'oggetto è vuoto",
        "testo rimasto tra parentesi quadre: [Nome]; completalo o toglilo",
        "l'email parla del tuo CV ma nel profilo manca il file del CV (cv_path): indicalo, e allega il file "
        "nel tuo programma di posta",
    ]
    english = lint.check_draft("generic", "", "Hi [Name]", boss, Profile(), "en")
    assert english[0].message.startswith("Anna Ricci is your manager: never send them the generic email")
    similar = lint.check_similar([("Anna", "uno due tre quattro"), ("Bea", "uno due tre quattro")], lang="it")
    assert similar[0].message == "le bozze per Anna e per Bea sono uguali al 100%: rendile personali una per una"


# --- stored answers and registers: schema 2 --------------------------------------------------

def test_schema_1_answers_move_to_question_ids_and_registers_are_set(tmp_path):
    db = tmp_path / "netui.json"
    db.write_bytes(orjson.dumps({
        "meta": {"1": {"schema_version": 1}},
        "contacts": {
            "1": {**Contact(uid="a", first_name="Marco", relationship="mentor").to_doc(),
                  "answers": {"How did you start your career?": "By chance.",
                              "Would you choose the same path again?": "Yes.",
                              "My own question?": "Kept."}},
            "2": {**Contact(uid="b", first_name="Luca", source="friend").to_doc()},
            "3": {**Contact(uid="c", first_name="Eva", relationship="peer", source="linkedin").to_doc()},
            "4": {**Contact(uid="d", first_name="Ugo", source="linkedin").to_doc()},
        },
    }))
    with Store.open(db) as store:
        marco = store.contact("a")
        assert marco.answers == {"career_start": "By chance.", "same_path": "Yes.", "My own question?": "Kept."}
        assert [store.contact(u).register for u in "abcd"] == ["lei", "tu", "tu", "lei"]
    data = orjson.loads(db.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert data["contacts"]["1"]["answers"]["career_start"] == "By chance."
    i18n.set_language("it")
    assert models.question_text("career_start") == "Come hai iniziato la tua carriera attuale?"


def test_an_export_from_before_ids_imports_with_ids_and_register():
    from netui.io.importers.jsonfile import parse_json

    payload = {"format": "netui-export", "contacts": [
        {"first_name": "Ada", "relationship": "recruiter",
         "answers": {"What do you like most in your job, and what are its biggest challenges?": "People."}}]}
    [ada] = parse_json(orjson.dumps(payload)).contacts
    assert ada.answers == {"likes_challenges": "People."} and ada.register == "lei"
    assert Contact(first_name="Ada", register="tu").validate().to_doc()["register"] == "tu"


# --- lazy text where Textual and click show it -------------------------------------------------

def test_click_help_is_shown_in_the_language_chosen_after_import():
    from click.testing import CliRunner

    from netui.cli.group import cli

    i18n.set_language("it")
    shown = CliRunner().invoke(cli, ["--help"]).output
    assert "Lingua dell'app, dei messaggi e dei modelli" in shown
    i18n.set_language("en")
    assert "Language of the app, the messages and the templates" in CliRunner().invoke(cli, ["--help"]).output


async def test_a_lazy_key_description_shows_in_the_footer_in_the_current_language():
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    class Keys(App[None]):
        BINDINGS = [Binding("n", "bell", i18n.lazy_gettext("email sent"))]

        def compose(self) -> ComposeResult:
            yield Footer()

    i18n.set_language("it")
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any("email inviata" in str(key.render()) for key in app.query(FooterKey))


def test_help_answers_in_the_language_asked_for(cli_db):
    shown = run(["--lang", "it", "add", "--help"], {"LANG": "C.UTF-8"})
    assert shown.returncode == 0 and "tu o Lei nelle email in italiano" in shown.stdout


def test_netui_speaks_the_template_languages():
    assert i18n.SUPPORTED == models.LANGUAGES


@pytest.mark.parametrize(("argv", "expected"), [
    (["--lang", "it"], "it"), (["--db", "x.json", "--lang=it"], "it"), (["--lang", "en", "--db", "x.json"], "en"),
])
def test_opening_the_app_with_lang_skips_click(tmp_path, argv, expected):
    code = """
import json, sys
import netui.tui.launch as launch
from netui.cli.main import main
from netui.core import i18n
seen = []
launch.run_tui = lambda path, **kwargs: seen.append(i18n.current_language())
code = main(json.loads(sys.argv[1]))
print(json.dumps([code, seen, "click" in sys.modules]))
"""
    done = subprocess.run([sys.executable, "-c", code, orjson.dumps(argv).decode()], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60,
                          env={**{k: v for k, v in os.environ.items() if k != "NETUI_LANG"}, "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert orjson.loads(done.stdout.strip().splitlines()[-1]) == [0, [expected], False]


def test_opening_the_app_with_an_unknown_language_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "netui", "--lang", "fr", "--db", str(tmp_path / "x.json")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("netui: Invalid value for '--lang': 'fr' is not one of 'it', 'en'")
    assert not (tmp_path / "x.json").exists()


# --- the app in Italian ---------------------------------------------------------------------------

async def test_the_app_speaks_italian_in_the_footer_the_table_the_help_and_the_palette(make_app):
    from io import StringIO

    from rich.console import Console
    from textual.widgets import Static
    from textual.widgets._footer import FooterKey

    from netui.tui.palette import NetuiCommands
    from netui.tui.screens.help import HelpScreen

    app = make_app(contacts=[Contact(first_name="Sara", last_name="Conti", company="Enel")],
                   profile=Profile(first_name="Ana", language="it"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = " ".join(str(key.render()) for key in app.query(FooterKey))
        assert "Filtra" in footer and "Nuovo" in footer and "Filter" not in footer
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        out = StringIO()
        Console(file=out, width=120).print(app.screen.query_one("#help-keys", Static).content)
        shown = out.getvalue()
        for italian in ("Tasti di netui", "Ovunque", "Panoramica della rete", "Filtra", "Esci", "Rete",
                        "tavolozza dei comandi", "Scheda del contatto", "Elimina contatto"):
            assert italian in shown, italian
        for english in ("Everywhere", "Network overview", "Clear filters", "command palette"):
            assert english not in shown, english
        await pilot.press("escape")
        provider = NetuiCommands(app.screen)
        titles = [title for title, _help, _run in provider._commands()]
        assert "Salva ora" in titles and "Ho trovato lavoro" in titles and "Save now" not in titles
