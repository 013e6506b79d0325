"""`netui landed`: who helped, the thank-you-and-news batch, the cadence switch and its undo.

Through the installed command on a data file with a known history; what is
checked is what the user reads and what ends up on disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from conftest import write_data_file

from netui.core.followups import due_contacts
from netui.core.models import INTERACTION_KINDS, Contact, Event, Interaction, Profile
from netui.outreach.sending import mark_sent
from netui.storage.schema import SCHEMA_VERSION
from netui.storage.store import Store

NETUI = Path(sys.executable).parent / "netui"
TODAY = "2026-12-02"


def netui(db: Path, *args: str, today: str = TODAY, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "NETUI_CONFIG_DIR")}
    env["NETUI_TODAY"] = today
    env["NETUI_CONFIG_DIR"] = str(config or db.parent / "config")
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          timeout=120)


def history(db: Path, *, lang: str = "en") -> Path:
    """Seven people: four helped since September, one long before, two did not help."""
    people = {
        "ada": Contact(uid="ada", first_name="Ada", last_name="Lovelace", emails=["ada@example.org"], tier="key"),
        "bruno": Contact(uid="bruno", first_name="Bruno", last_name="Verdi"),
        "carla": Contact(uid="carla", first_name="Carla", last_name="Neri", source="event"),
        "dario": Contact(uid="dario", first_name="Dario", last_name="Blu", tier="key"),
        "elena": Contact(uid="elena", first_name="Elena", last_name="Rosa"),
        "marco": Contact(uid="marco", first_name="Marco", last_name="Gialli", connected_on="2026-11-12",
                         introduced_by="ada"),
        "fabio": Contact(uid="fabio", first_name="Fabio", last_name="Grigi", tier="key"),
    }
    log = [
        Interaction(contact_uid="elena", kind="call", date="2026-05-04"),
        Interaction(contact_uid="bruno", kind="meeting", date="2026-10-15"),
        Interaction(contact_uid="carla", kind="event_met", date="2026-10-20", summary="Met at Career day"),
        Interaction(contact_uid="dario", kind="email_sent", date="2026-11-01"),
        Interaction(contact_uid="dario", kind="note", date="2026-11-02"),
        Interaction(contact_uid="ada", kind="email_sent", date="2026-10-30"),
        Interaction(contact_uid="ada", kind="call", date="2026-11-03"),
        Interaction(contact_uid="ada", kind="reply_received", date="2026-11-10"),
        Interaction(contact_uid="marco", kind="email_sent", date="2026-11-13"),
        Interaction(contact_uid="fabio", kind="thanked", date="2026-11-20"),
    ]
    event = Event(uid="fair", name="Career day Milano", kind="career_day", date="2026-10-20",
                  contact_uids=["carla"])
    me = Profile(first_name="Giulia", last_name="Bianchi", email="giulia@example.org", language=lang,
                 cadence_key_days=30, cadence_network_days=90)
    return write_data_file(db, list(people.values()), log, [event], profile=me)


def profile(db: Path) -> dict:
    return json.loads(netui(db, "profile", "--json").stdout)


def test_dry_run_lists_exactly_who_helped_and_why_and_writes_nothing(db_path):
    history(db_path)
    before = db_path.read_bytes()
    result = netui(db_path, "landed", "--company", "Acme", "--position", "Data analyst", "--date", "2026-11-25",
                   "--since", "2026-09-01", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "would record: Data analyst at Acme (2026-11-25); the search since 2026-09-01"
    assert lines[1] == "3 people helped:"
    assert lines[2:5] == [
        "  Ada Lovelace <ada@example.org>: call on 2026-11-03; replied on 2026-11-10; "
        "introduced you to Marco Gialli",
        "  Bruno Verdi: meeting on 2026-10-15",
        "  Carla Neri: met at Career day Milano on 2026-10-20",
    ]
    assert "would set key contacts every 90 days (was 30), others every 180 (was 90)" in lines
    assert lines[-1] == "dry run: nothing written"
    assert db_path.read_bytes() == before


def test_the_search_starts_by_default_at_the_first_interaction(db_path):
    history(db_path)
    result = netui(db_path, "landed", "--company", "Acme", "--position", "Analyst", "--date", "2026-11-25",
                   "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "the search since 2026-05-04" in result.stdout
    assert "4 people helped:" in result.stdout
    assert "  Elena Rosa: call on 2026-05-04" in result.stdout.splitlines()


def due_uids(db: Path) -> set[str]:
    with Store.open(db, readonly=True) as store:
        return {c.uid for c, _ in due_contacts(store.contacts(), store.all_interactions(), store.profile(),
                                               date.fromisoformat(TODAY))}


def test_landed_prepares_one_draft_per_helper_naming_the_help_then_undo_restores(db_path):
    history(db_path)
    assert "dario" in due_uids(db_path)
    result = netui(db_path, "landed", "--company", "Acme", "--position", "Data analyst", "--date", "2026-11-25",
                   "--since", "2026-09-01")
    assert result.returncode == 0, result.stderr
    assert "prepared 3 thank-you-and-news drafts to send today (2026-12-02)" in result.stdout
    with Store.open(db_path, readonly=True) as store:
        me = store.profile()
        drafts = {d.contact_uid: d for d in store.drafts()}
        assert set(drafts) == {"ada", "bruno", "carla"}
        assert {d.batch_uid for d in drafts.values()} == {me.landed_batch_uid}
        assert {d.send_on for d in drafts.values()} == {TODAY}
        assert {d.template for d in drafts.values()} == {"job_news"}
    for draft in drafts.values():
        assert "I have accepted a position as Data analyst at Acme." in draft.body
    assert ("Thank you for the call we had on 3 November 2026, your reply and introducing me to "
            "Marco Gialli:") in drafts["ada"].body
    assert "the time you gave me when we met on 15 October 2026" in drafts["bruno"].body
    assert "our conversation at Career day Milano" in drafts["carla"].body
    assert drafts["ada"].body.startswith("Hi Ada,")
    assert (me.landed_company, me.landed_position, me.landed_on, me.search_since) == (
        "Acme", "Data analyst", "2026-11-25", "2026-09-01")
    assert (me.cadence_key_days, me.cadence_network_days) == (90, 180)
    assert (me.search_key_days, me.search_network_days) == (30, 90)
    # The cadences really changed: Dario (key, last contacted 1 November) is no longer due.
    assert "dario" not in due_uids(db_path)

    undo = netui(db_path, "landed", "--undo")
    assert undo.returncode == 0, undo.stderr
    assert undo.stdout.splitlines() == ["back to the search: key contacts every 30 days, others every 90",
                                        "removed 3 unsent thank-you drafts"]
    after = profile(db_path)
    assert (after["cadence_key_days"], after["cadence_network_days"]) == (30, 90)
    assert after["landed_company"] == after["landed_on"] == after["landed_batch_uid"] == ""
    assert after["search_key_days"] is None
    with Store.open(db_path, readonly=True) as store:
        assert store.drafts() == []
    assert "dario" in due_uids(db_path)


def test_undo_keeps_the_drafts_already_sent(db_path):
    history(db_path)
    assert netui(db_path, "landed", "--company", "Acme", "--position", "Analyst", "--date", "2026-11-25",
                 "--since", "2026-09-01").returncode == 0
    with Store.open(db_path) as store:
        ada = next(d for d in store.drafts() if d.contact_uid == "ada")
        mark_sent(store, ada.uid)
    undo = netui(db_path, "landed", "--undo")
    assert "removed 2 unsent thank-you drafts; kept 1 already sent" in undo.stdout
    with Store.open(db_path, readonly=True) as store:
        assert [(d.contact_uid, d.status) for d in store.drafts()] == [("ada", "sent")]


def test_italian_drafts_use_lei_and_name_the_help(db_path):
    history(db_path, lang="it")
    result = netui(db_path, "landed", "--company", "Acme", "--position", "analista", "--date", "2026-11-25",
                   "--since", "2026-09-01")
    assert result.returncode == 0, result.stderr
    with Store.open(db_path, readonly=True) as store:
        drafts = {d.contact_uid: d for d in store.drafts()}
    ada = drafts["ada"]
    assert ada.lang == "it" and ada.subject == "Una buona notizia: ho trovato lavoro"
    assert ada.body.startswith("Gentile Ada Lovelace,\n\nvolevo che lo sapesse da me: ho accettato una posizione "
                               "come analista presso Acme.")
    assert ("La ringrazio per la telefonata del 3 novembre 2026, per la Sua risposta e per avermi "
            "presentato Marco Gialli: il Suo aiuto è stato prezioso") in ada.body
    assert "per la nostra conversazione a «Career day Milano»" in drafts["carla"].body
    assert "per il nostro incontro del 15 ottobre 2026" in drafts["bruno"].body


def test_a_second_landing_is_refused_and_writes_nothing(db_path):
    history(db_path)
    assert netui(db_path, "landed", "--company", "Acme", "--position", "Analyst", "--date", "2026-11-25",
                 "--since", "2026-09-01").returncode == 0
    before = db_path.read_bytes()
    again = netui(db_path, "landed", "--company", "Beta", "--position", "Analyst", "--date", "2026-11-26")
    assert again.returncode == 1
    assert again.stderr == ("netui: a job is already recorded (Analyst at Acme, 2026-11-25): "
                            "undo it first ('netui landed --undo')\n")
    assert db_path.read_bytes() == before


def test_bad_input_is_one_line_and_writes_nothing(db_path):
    history(db_path)
    before = db_path.read_bytes()
    cases = [
        (("landed", "--company", "Acme", "--position", "A", "--date", "2026-13-40"), "invalid date"),
        (("landed", "--company", " ", "--position", "A", "--date", "2026-11-25"), "invalid company"),
        (("landed", "--company", "Acme", "--position", "A"), "missing option --date"),
        (("landed", "--undo"), "no job is recorded: nothing to undo"),
        (("landed", "--undo", "--company", "Acme"), "--undo takes no other option"),
    ]
    for args, message in cases:
        result = netui(db_path, *args)
        assert result.returncode != 0
        assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


def test_a_broken_user_template_leaves_everything_as_it_was(db_path, tmp_path):
    history(db_path)
    config = tmp_path / "config"
    (config / "templates" / "en").mkdir(parents=True)
    (config / "templates" / "en" / "job_news.txt.j2").write_text("Subject: x\n\n{{ nowhere.at_all }}\n")
    before = db_path.read_bytes()
    result = netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25",
                   config=config)
    assert result.returncode == 1 and "nowhere" in result.stderr
    assert db_path.read_bytes() == before


def test_introduced_by_as_a_field_or_a_name_counts_as_help(db_path):
    """`introduced_by` may hold a uid (above) or a name; an introduction before the search is not counted."""
    people = [Contact(uid="ada", first_name="Ada", last_name="Lovelace"),
              Contact(uid="luca", first_name="Luca", last_name="Neri", connected_on="2026-10-01",
                      introduced_by="Ada Lovelace"),
              Contact(uid="old", first_name="Vecchio", last_name="Amico", connected_on="2025-01-01",
                      introduced_by="ada"),
              Contact(uid="bea", first_name="Bea", last_name="Neri", emails=["bea@example.org"]),
              Contact(uid="max", first_name="Max", last_name="Bo", connected_on="2026-10-02",
                      introduced_by="bea@example.org"),
              Contact(uid="zoe", first_name="Zoe", last_name="Re", connected_on="2026-10-03",
                      introduced_by="bea")]
    write_data_file(db_path, people, [Interaction(contact_uid="luca", kind="email_sent", date="2026-09-01")],
                    profile=Profile(first_name="Giulia"))
    result = netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25",
                   "--dry-run")
    lines = result.stdout.splitlines()
    assert lines[1:4] == ["2 people helped:", "  Ada Lovelace: introduced you to Luca Neri",
                          "  Bea Neri <bea@example.org>: introduced you to Max Bo, Zoe Re"]
    real = netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25")
    assert real.returncode == 0, real.stderr
    with Store.open(db_path, readonly=True) as store:
        [bea] = store.drafts("bea")
    assert "introducing me to Max Bo and Zoe Re:" in bea.body


@pytest.mark.skipif("intro_requested" not in INTERACTION_KINDS, reason="the intro_requested kind is not in the model")
def test_being_asked_for_an_introduction_counts_as_help(db_path):
    write_data_file(db_path, [Contact(uid="ada", first_name="Ada")],
                    [Interaction(contact_uid="ada", kind="intro_requested", date="2026-10-01")],
                    profile=Profile(first_name="Giulia"))
    result = netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25",
                   "--dry-run")
    assert "  Ada: asked for an introduction on 2026-10-01" in result.stdout.splitlines()


def test_nobody_to_thank_still_records_the_job(db_path):
    write_data_file(db_path, [Contact(uid="ada", first_name="Ada")], profile=Profile(first_name="Giulia"))
    result = netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "nobody to thank" in result.stdout
    assert profile(db_path)["landed_company"] == "Acme"


def test_a_schema_1_file_gains_the_profile_keys_and_keeps_everything(db_path):
    db_path.write_bytes(orjson.dumps({
        "meta": {"1": {"schema_version": 1}},
        "profile": {"1": {"first_name": "Giulia", "cadence_key_days": 21, "custom": "kept"}},
        "contacts": {"1": Contact(uid="ada", first_name="Ada").to_doc()}}))
    with Store.open(db_path) as store:
        me = store.profile()
        assert (me.first_name, me.cadence_key_days, me.landed_key_days, me.landed_on) == ("Giulia", 21, 90, "")
    data = orjson.loads(db_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert data["profile"]["1"]["custom"] == "kept"
    assert data["profile"]["1"]["landed_network_days"] == 180
    assert data["contacts"]["1"]["first_name"] == "Ada"


# --- the app -------------------------------------------------------------------------------

async def _palette(pilot, title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for char in title:
        await pilot.press("space" if char == " " else char)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_the_app_records_the_job_from_the_palette_shows_it_and_undoes_it(make_app, db_path):
    from support.pilot import plain
    from textual.widgets import Input, Static

    from netui.tui.dialogs.landed import LandedScreen
    from netui.tui.widgets.network_panel import NetworkPanel

    history(db_path)
    app = make_app(today=date.fromisoformat(TODAY))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await _palette(pilot, "I found a job")
        dialog = app.screen
        assert isinstance(dialog, LandedScreen)
        assert dialog.query_one("#landed-date", Input).value == TODAY
        assert "4 people helped since 2026-05-04" in plain(dialog.query_one("#landed-list", Static))
        dialog.query_one("#landed-company", Input).value = "Acme"
        dialog.query_one("#landed-position", Input).value = "Data analyst"
        dialog.query_one("#landed-since", Input).value = "2026-09-01"
        await pilot.pause()
        listing = plain(dialog.query_one("#landed-list", Static))
        assert listing.splitlines()[1:] == [
            "• Ada Lovelace: call on 2026-11-03; replied on 2026-11-10; introduced you to Marco Gialli",
            "• Bruno Verdi: meeting on 2026-10-15", "• Carla Neri: met at Career day Milano on 2026-10-20"]
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, LandedScreen)
        assert any("3 thank-you-and-news drafts to send today" in str(n.message) for n in app._notifications)
        await pilot.pause(0.3)
        counts = plain(app.screen.query_one(NetworkPanel).query_one("#panel-counts", Static))
        assert "The search is over: Data analyst at Acme" in counts.replace("\n", " ")

        await _palette(pilot, "I found a job")
        assert isinstance(app.screen, LandedScreen)
        assert "Thank-you drafts: 0 of 3 sent." in plain(app.screen.query_one("#landed-summary", Static))
        await pilot.click("#landed-undo")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, LandedScreen)
    with Store.open(db_path, readonly=True) as store:
        me = store.profile()
        assert (me.landed_on, me.cadence_key_days, me.cadence_network_days) == ("", 30, 90)
        assert store.drafts() == []


async def test_the_app_shows_a_refused_value_in_the_dialog_and_writes_nothing(make_app, db_path):
    from support.pilot import plain
    from textual.widgets import Input, Static

    from netui.tui.dialogs.landed import LandedScreen

    history(db_path)
    before = db_path.read_bytes()
    app = make_app(today=date.fromisoformat(TODAY))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.action_landed()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LandedScreen)
        dialog.query_one("#landed-date", Input).value = "2026-02-31"
        dialog.query_one("#landed-company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "date: not a valid date" in plain(dialog.query_one("#landed-error", Static))
        assert app.focused is dialog.query_one("#landed-date", Input)
    assert db_path.read_bytes() == before


# --- the shipped job_news templates ------------------------------------------------------------

HELP_CASES = [
    {},
    {"help_call": "2026-11-03"},
    {"help_reply": "2026-11-10", "help_introduced": "Marco Gialli"},
    {"help_call": "2026-11-03", "help_meeting": "2026-10-15", "help_event": "Career day", "help_reply": "2026-11-10",
     "help_introduced": "Anna Verdi, Luca Neri and Marco Gialli", "help_intro_asked": "2026-10-01"},
]


@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("helps", HELP_CASES)
def test_job_news_renders_clean_for_every_mix_of_help(lang, helps, monkeypatch, tmp_path):
    from test_drafting import assert_clean

    from netui.outreach.drafting import render, required_fields, template_source
    from netui.outreach.landed import HELP_VARIABLES

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    assert required_fields(template_source("job_news", lang)) == ["me.first_name", "me.landed_company"]
    variables = {name: helps.get(name, "") for name in HELP_VARIABLES.values()}
    for me, contact in ((Profile(first_name="Luca", landed_company="Acme"), Contact(emails=["s@example.org"])),
                        (Profile(first_name="Luca", last_name="Bo", landed_company="Acme", landed_position="analyst",
                                 landed_on="2026-11-25"), Contact(first_name="Sara", last_name="Conti"))):
        email = render("job_news", lang, me, contact, None, variables)
        assert_clean(email.subject + "\n" + email.body)
        assert "Acme" in email.body and email.body.rstrip().endswith(me.name)
        if helps.get("help_introduced"):
            assert helps["help_introduced"] in email.body
        if helps.get("help_event"):
            assert "Career day" in email.body
        if lang == "it":  # Lei by default
            assert "La ringrazio" in email.body and "esserLe utile" in email.body


@pytest.mark.skipif("register" not in Contact._field_names(), reason="contacts have no register field yet")
def test_job_news_in_italian_uses_tu_for_a_contact_on_tu_terms(monkeypatch, tmp_path):
    from netui.outreach.drafting import render

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    contact = Contact.from_doc({**Contact(first_name="Sara").to_doc(), "register": "tu"})
    email = render("job_news", "it", Profile(first_name="Luca", landed_company="Acme"), contact, None,
                   {"help_reply": "2026-11-10"})
    assert email.body.startswith("Ciao Sara,\n\nvolevo che lo sapessi da me")
    assert "Ti ringrazio per la tua risposta: il tuo aiuto" in email.body and "esserti utile" in email.body


def test_the_maintenance_rhythm_is_set_in_the_profile_and_the_undo_state_is_not(db_path):
    history(db_path)
    assert netui(db_path, "profile", "--set", "landed_key_days=60", "--set", "landed_network_days=120").returncode == 0
    refused = netui(db_path, "profile", "--set", "search_key_days=5")
    assert refused.returncode == 1 and "unknown profile key" in refused.stderr
    bad = netui(db_path, "profile", "--set", "landed_key_days=0")
    assert bad.returncode == 1 and "invalid landed_key_days" in bad.stderr
    listing = netui(db_path, "profile").stdout
    assert "landed_key_days        60" in listing and "search_key_days" not in listing
    netui(db_path, "landed", "--company", "Acme", "--position", "A", "--date", "2026-11-25")
    me = profile(db_path)
    assert (me["cadence_key_days"], me["cadence_network_days"]) == (60, 120)


async def test_the_profile_screen_shows_the_job_found(make_app, db_path):
    from support.pilot import switch_to
    from textual.widgets import Input

    from netui.tui.screens.profile import ProfileScreen

    history(db_path)
    netui(db_path, "landed", "--company", "Acme", "--position", "Data analyst", "--date", "2026-11-25")
    app = make_app(today=date.fromisoformat(TODAY))
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await switch_to(pilot, "profile", ProfileScreen)
        values = {key: screen.query_one(f"#f-{key}", Input).value
                  for key in ("landed_company", "landed_on", "landed_key_days", "cadence_key_days")}
        assert values == {"landed_company": "Acme", "landed_on": "2026-11-25", "landed_key_days": "90",
                          "cadence_key_days": "90"}
