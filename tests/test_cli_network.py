"""Warm paths on the command line, through the installed `netui` command: add/edit with
introductions, knows-at and past companies; `paths` (text and JSON); `funnel`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from netui.core.models import Contact, Interaction
from tests.conftest import write_data_file

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "netui"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [shutil.which("netui") or "netui"]


def netui(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    return subprocess.run([*COMMAND, "--db", str(db), *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert fragment in result.stderr


def contacts_on_disk(db: Path) -> dict[str, dict]:
    data = orjson.loads(db.read_bytes())
    return {doc["first_name"]: doc for doc in data["contacts"].values()}


@pytest.fixture
def ferrari(tmp_path: Path) -> Path:
    """Three spellings of one company, someone who knows someone there, an introduction chain."""
    db = tmp_path / "netui.json"
    ok(netui(db, "add", "Ada Uno <ada@example.org>", "--company", "Ferrari S.p.A.", "--tier", "key"))
    ok(netui(db, "add", "Bruno Due", "--company", "FERRARI SPA", "--position", "Engineer"))
    ok(netui(db, "add", "Carla Tre", "--company", "Ferrari"))
    ok(netui(db, "add", "Giulia Nonna", "--source", "family"))
    ok(netui(db, "add", "Luca Amico", "--knows-at", "Ferrari: Anna, HR", "--past-company", "Enel",
             "--introduced-by", "Giulia Nonna"))
    ok(netui(db, "add", "Marco Nuovo", "--company", "Ferrari", "--introduced-by", "Luca Amico"))
    return db


def test_three_spellings_are_one_company_and_every_path_is_there(ferrari):
    out = ok(netui(ferrari, "paths", "ferrari"))
    assert out.count("(6)") == 1  # one company, its paths counted once
    for name in ("Ada Uno", "Bruno Due", "Carla Tre", "Marco Nuovo", "Luca Amico"):
        assert name in out
    assert "knows someone there: Anna, HR" in out
    assert "introduced to you by Luca Amico ← Giulia Nonna" in out  # the chain
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert "Ada Uno" in lines[0]  # key tier: the warmest


def test_paths_json_has_stable_keys(ferrari):
    doc = json.loads(ok(netui(ferrari, "paths", "FERRARI S.P.A.", "--json")))
    assert {"company", "paths"} <= set(doc)
    assert doc["company"] == "FERRARI S.P.A."
    by_name = {p["contact"]: p for p in doc["paths"]}
    for path in doc["paths"]:
        assert {"contact", "uid", "kind", "reason", "score"} <= set(path)
    assert by_name["Luca Amico"]["kind"] == "knows_someone"
    assert by_name["Luca Amico"]["reason"].startswith("knows someone there: Anna, HR")
    assert by_name["Luca Amico"]["person"] == "Anna"
    assert by_name["Giulia Nonna"]["kind"] == "introducer"
    assert "introduced you to Luca Amico" in by_name["Giulia Nonna"]["reason"]
    assert by_name["Marco Nuovo"]["chain"] == ["Luca Amico", "Giulia Nonna"]
    assert {by_name[n]["kind"] for n in ("Ada Uno", "Bruno Due", "Carla Tre", "Marco Nuovo")} == {"works_there"}
    scores = [p["score"] for p in doc["paths"]]
    assert scores == sorted(scores, reverse=True)
    uids = {doc["first_name"]: doc["uid"] for doc in contacts_on_disk(ferrari).values()}
    assert by_name["Ada Uno"]["uid"] == uids["Ada"]


def test_past_companies_are_paths_and_targets_come_from_the_profile(ferrari):
    ok(netui(ferrari, "profile", "--set", "target_companies=Enel S.p.A.; Ferrari"))
    docs = json.loads(ok(netui(ferrari, "paths", "--json")))
    assert [d["company"] for d in docs] == ["Enel S.p.A.", "Ferrari"]
    enel = {p["contact"]: p["kind"] for p in docs[0]["paths"]}
    assert enel == {"Luca Amico": "worked_there", "Giulia Nonna": "introducer"}


def test_a_typo_is_suggested_never_merged(ferrari):
    out = ok(netui(ferrari, "paths", "Ferari"))
    assert "no one in your network leads there yet" in out
    assert "did you mean: Ferrari" in out
    doc = json.loads(ok(netui(ferrari, "paths", "Ferari", "--json")))
    assert doc["paths"] == [] and doc["similar"]


def test_edit_changes_only_what_it_is_given(ferrari):
    before = contacts_on_disk(ferrari)["Carla"]
    ok(netui(ferrari, "edit", "Carla Tre", "--knows-at", "Enel: Piero", "--past-company", "Eni",
             "--past-company", "Snam"))
    after = contacts_on_disk(ferrari)["Carla"]
    assert after["knows_at"] == [{"company": "Enel", "name": "Piero", "note": ""}]
    assert after["past_companies"] == ["Eni", "Snam"]
    for field in ("company", "position", "tier", "source", "introduced_by", "emails"):
        assert after[field] == before[field]
    ok(netui(ferrari, "edit", "Carla Tre", "--company", "Enel", "--introduced-by", "Ada Uno"))
    after = contacts_on_disk(ferrari)["Carla"]
    assert after["company"] == "Enel" and after["past_companies"] == ["Eni", "Snam"]
    assert after["introduced_by"] == contacts_on_disk(ferrari)["Ada"]["uid"]
    ok(netui(ferrari, "edit", "Carla Tre", "--introduced-by", "", "--knows-at", ""))
    after = contacts_on_disk(ferrari)["Carla"]
    assert after["introduced_by"] is None and after["knows_at"] == []


def test_bad_input_is_one_line_and_changes_nothing(ferrari):
    before = ferrari.read_bytes()
    one_line_error(netui(ferrari, "edit", "Carla Tre"), "give at least one option")
    one_line_error(netui(ferrari, "edit", "Carla Tre", "--introduced-by", "Carla Tre"), "introduce themselves")
    one_line_error(netui(ferrari, "edit", "Carla Tre", "--introduced-by", "Nobody Here"), "no contact matches")
    one_line_error(netui(ferrari, "edit", "Carla Tre", "--knows-at", ": Anna"), "needs a company")
    one_line_error(netui(ferrari, "add", "Zed", "--introduced-by", "Nobody Here"), "no contact matches")
    assert ferrari.read_bytes() == before


def test_paths_without_targets_says_what_to_do(tmp_path):
    result = netui(tmp_path / "netui.json", "paths")
    one_line_error(result, "target companies")


def test_funnel_counts_match_a_hand_made_fixture(tmp_path):
    """family: 3 contacts, 2 reached (1 by email, 1 met at an event), 1 replied, 1 met,
    1 introduced you to someone; alumni: 2 contacts, 1 reached by a call (met), 0 replied,
    1 introducer through introduced_by (so reached); friend: 1 contact, nothing."""
    contacts = [
        Contact(uid="f1", first_name="F1", source="family", sector="Energy"),
        Contact(uid="f2", first_name="F2", source="family", sector="energy"),
        Contact(uid="f3", first_name="F3", source="family"),
        Contact(uid="a1", first_name="A1", source="alumni", sector="Finance"),
        Contact(uid="a2", first_name="A2", source="alumni", sector="Energy"),
        Contact(uid="x1", first_name="X1", source="friend", sector="Finance", introduced_by="a2"),
    ]
    interactions = [
        Interaction(contact_uid="f1", kind="email_sent", date="2026-01-10"),
        Interaction(contact_uid="f1", kind="reply_received", date="2026-01-12"),
        Interaction(contact_uid="f1", kind="intro_made", date="2026-01-20"),
        Interaction(contact_uid="f2", kind="event_met", date="2026-02-01"),
        Interaction(contact_uid="f3", kind="note", date="2026-02-01"),
        Interaction(contact_uid="a1", kind="call", date="2026-02-03"),
    ]
    db = write_data_file(tmp_path / "netui.json", contacts, interactions)
    doc = json.loads(ok(netui(db, "funnel", "--json")))
    rows = {r["source"]: r for r in doc["by_source"]}
    wanted = {"family": (3, 2, 1, 1, 1), "alumni": (2, 2, 0, 1, 1), "friend": (1, 0, 0, 0, 0)}
    assert set(rows) == set(wanted)
    for source, (n, contacted, replied, met, intros) in wanted.items():
        row = rows[source]
        assert (row["contacts"], row["contacted"], row["replied"], row["met"], row["intros"]) == \
            (n, contacted, replied, met, intros), source
    assert rows["family"]["reply_rate"] == 0.5 and rows["friend"]["reply_rate"] is None
    sectors = {r["sector"]: r for r in doc["by_sector"]}
    assert sectors["Energy"]["contacts"] == 3  # "Energy" and "energy" are one sector
    assert sectors["(no sector)"]["contacts"] == 1
    out = ok(netui(db, "funnel"))
    assert "family" in out and "1 50%" in out  # replied: 1 of 2 reached


def test_json_export_and_import_carry_the_new_fields(ferrari, tmp_path):
    export = tmp_path / "export.json"
    ok(netui(ferrari, "export", "json", "-o", str(export)))
    other = tmp_path / "other.json"
    ok(netui(other, "import", "json", str(export)))
    people = contacts_on_disk(other)
    assert people["Luca"]["knows_at"] == [{"company": "Ferrari", "name": "Anna", "note": "HR"}]
    assert people["Luca"]["past_companies"] == ["Enel"]
    assert people["Marco"]["introduced_by"] == people["Luca"]["uid"]


def test_an_import_re_points_introductions_to_the_contact_the_introducer_became(tmp_path):
    """The file's Luca has another uid than ours (same email): Marco, introduced by the file's
    Luca, ends up introduced by our Luca; an introducer in neither file is dropped."""
    ours = tmp_path / "ours.json"
    ok(netui(ours, "add", "Luca Amico <luca@example.org>"))
    theirs = tmp_path / "theirs.json"
    ok(netui(theirs, "add", "Luca Amico <luca@example.org>", "--company", "Enel"))
    ok(netui(theirs, "add", "Marco Nuovo", "--company", "Ferrari", "--introduced-by", "Luca Amico"))
    export = tmp_path / "export.json"
    ok(netui(theirs, "export", "json", "-o", str(export)))
    ok(netui(ours, "import", "json", str(export)))
    people = contacts_on_disk(ours)
    assert people["Marco"]["introduced_by"] == people["Luca"]["uid"] != contacts_on_disk(theirs)["Luca"]["uid"]
    doc = json.loads(ok(netui(ours, "paths", "Ferrari", "--json")))
    assert {p["contact"]: p["kind"] for p in doc["paths"]} == {"Marco Nuovo": "works_there",
                                                               "Luca Amico": "introducer"}


def test_the_ask_intro_draft_from_the_command_line(ferrari, tmp_path):
    env_config = {"NETUI_CONFIG_DIR": str(tmp_path / "config")}
    ok(netui(ferrari, "profile", "--set", "first_name=Giulia", "--set", "last_name=Rossi", "--set", "language=it"))
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"} | env_config
    result = subprocess.run([*COMMAND, "--db", str(ferrari), "draft", "Luca Amico", "--template", "ask_intro",
                             "--var", "company=Ferrari", "--var", "person=Anna", "--print"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "non ha un indirizzo email" in result.stderr  # Luca has none: said (in the draft's Italian), not refused
    text = result.stdout
    assert text.startswith("Subject: Una presentazione in Ferrari")
    assert "Gentile Luca Amico," in text and "Mi aveva detto di conoscere Anna" in text
    assert "Giulia Rossi" in text
    missing = subprocess.run([*COMMAND, "--db", str(ferrari), "draft", "Luca Amico", "--template", "ask_intro",
                              "--print"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    one_line_error(missing, "company")


def test_logging_a_reply_from_someone_introduced_suggests_thanking_the_introducer(ferrari):
    out = ok(netui(ferrari, "log", "Marco Nuovo", "--kind", "reply_received"))
    luca = contacts_on_disk(ferrari)["Luca"]["uid"]
    assert f"Marco Nuovo was introduced to you by Luca Amico: thank them too (netui draft {luca} " in out
    out = ok(netui(ferrari, "log", "Marco Nuovo", "--kind", "email_sent"))
    assert "introduced" not in out
    out = ok(netui(ferrari, "log", "Ada Uno", "--kind", "meeting"))
    assert "introduced" not in out


def test_edit_changes_the_name_the_email_and_the_register(ferrari):
    before = contacts_on_disk(ferrari)["Ada"]
    out = ok(netui(ferrari, "edit", "Ada Uno", "--first-name", "Adele", "--last-name", "Unica",
                   "--email", "adele@example.org", "--register", "tu"))
    assert out.startswith(f"edited Adele Unica ({before['uid']}): ")
    after = contacts_on_disk(ferrari)["Adele"]
    assert (after["last_name"], after["emails"], after["register"]) == ("Unica", ["adele@example.org"], "tu")
    for field in ("uid", "company", "position", "tier", "source", "introduced_by", "knows_at", "past_companies"):
        assert after[field] == before[field]
    ok(netui(ferrari, "edit", "adele@example.org", "--register", "lei", "--last-name", ""))
    after = contacts_on_disk(ferrari)["Adele"]
    assert (after["last_name"], after["register"]) == ("", "lei")


def test_edit_email_replaces_the_main_address_and_keeps_the_others(tmp_path):
    db = write_data_file(tmp_path / "netui.json", [
        Contact(uid="ada", first_name="Ada", emails=["old@example.org", "home@example.org"])])
    ok(netui(db, "edit", "ada", "--email", "new@example.org"))
    assert contacts_on_disk(db)["Ada"]["emails"] == ["new@example.org", "home@example.org"]
    ok(netui(db, "edit", "ada", "--email", "HOME@example.org"))  # one of the others: it moves to the front
    assert contacts_on_disk(db)["Ada"]["emails"] == ["HOME@example.org"]
    ok(netui(db, "edit", "ada", "--email", ""))
    assert contacts_on_disk(db)["Ada"]["emails"] == []


def test_edit_takes_names_and_email_through_the_same_checks_as_add(ferrari):
    ok(netui(ferrari, "add", "Zeno\x1b[31m Bell\x07i", "--register", "tu"))
    ok(netui(ferrari, "edit", "Carla Tre", "--first-name", "Zeno\x1b[31m", "--last-name", "Bell\x07i",
             "--register", "tu"))
    zenos = [doc for doc in orjson.loads(ferrari.read_bytes())["contacts"].values() if doc["last_name"] == "Belli"]
    assert len(zenos) == 2 and {(d["first_name"], d["last_name"], d["register"]) for d in zenos} == {
        ("Zeno[31m", "Belli", "tu")}  # the control characters gone, the same way both times
    before = ferrari.read_bytes()
    one_line_error(netui(ferrari, "add", "Eva <ada@example.org>"), "ada@example.org already belongs to Ada Uno")
    one_line_error(netui(ferrari, "edit", "Bruno Due", "--email", "ADA@example.org"),
                   "ADA@example.org already belongs to Ada Uno")
    one_line_error(netui(ferrari, "add", "Eva <not-an-address>"), "not an email address")
    one_line_error(netui(ferrari, "edit", "Bruno Due", "--email", "not-an-address"), "not an email address")
    one_line_error(netui(ferrari, "edit", "Giulia Nonna", "--first-name", " ", "--last-name", ""),
                   "a contact needs a name, an email or a company")
    wrong = netui(ferrari, "edit", "Bruno Due", "--register", "voi")
    assert wrong.returncode == 2 and "'voi' is not one of 'tu', 'lei'" in wrong.stderr
    assert ferrari.read_bytes() == before
    ok(netui(ferrari, "edit", "Ada Uno", "--email", "ADA@example.org"))  # its own address, in other case


def test_edit_help_is_in_italian(ferrari):
    out = ok(netui(ferrari, "--lang", "it", "edit", "--help"))
    for italian in ("--first-name TEXT", "Nome.", "Cognome ('' lo toglie).", "sostituisce quello principale",
                    "tu o Lei nelle email in italiano"):
        assert italian in " ".join(out.split()), italian


def test_contacts_search_finds_a_company_however_its_legal_form_is_written(ferrari):
    """The same rule as the overview's filter: a legal form after a name accepts any spelling."""
    out = ok(netui(ferrari, "contacts", "--search", "ferrari s.p.a."))
    found = {line.split()[0] for line in out.splitlines()[1:]}
    assert found == {"Ada", "Bruno", "Carla", "Marco"}
    assert "Luca" not in out  # knows someone at Ferrari, works elsewhere


def test_near_names_are_suggested_even_when_the_company_has_paths(ferrari):
    ok(netui(ferrari, "add", "Dora Typo", "--company", "Ferari"))
    doc = json.loads(ok(netui(ferrari, "paths", "Ferrari", "--json")))
    assert doc["similar"] == ["Ferari"]
    assert "Dora Typo" not in {p["contact"] for p in doc["paths"]} and doc["total"] == 6  # never merged
    out = ok(netui(ferrari, "paths", "Ferrari")).splitlines()
    assert out[0] == "Ferrari (6)"
    assert out[-1] == "  also in your network, with a close name (not merged): Ferari"
    typo = json.loads(ok(netui(ferrari, "paths", "Ferari", "--json")))
    assert [p["contact"] for p in typo["paths"]] == ["Dora Typo"] and typo["similar"] == ["Ferrari"]
    italian = ok(netui(ferrari, "--lang", "it", "paths", "Ferrari")).splitlines()
    assert italian[-1] == "  nella tua rete anche nomi simili, non uniti: Ferari"
