"""One name order and one name matcher for TUI and CLI; `netui contacts` in columns;
CLI errors that say what to type."""

from __future__ import annotations

from datetime import date

import pytest

from netui.core.models import Contact, Profile
from netui.core.names import find_one, sorted_by_name
from netui.core.network_model import NetworkModel
from tests.test_cli import netui, one_line_error

PEOPLE = [
    ("Élodie Martin <elodie@example.org>", ["--company", "Énergie SA", "--tier", "key"]),
    ("Nicolò D’Amico <nico@example.it>", []),
    ("Bad Row", ["--company", "Acme"]),
    ("Zoe Adams <zoe@example.org>", ["--position", "Analyst"]),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "netui.json"
    for who, options in PEOPLE:
        assert netui("add", who, *options, db=path).returncode == 0
    return path


def test_contacts_prints_aligned_columns_with_headers(db):
    result = netui("contacts", db=db, env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    titles = ["Name", "Email", "Company", "Position", "Tier", "Next follow-up", "To thank"]
    starts = [header.index(t) for t in titles]
    assert starts == sorted(starts)
    bad = next(r for r in rows if r.startswith("Bad Row"))
    # Acme sits under Company, not under Email: empty cells keep their column.
    assert bad.index("Acme") == header.index("Company")
    assert bad.index("network") == header.index("Tier")
    elodie = next(r for r in rows if r.startswith("Élodie"))
    assert elodie.index("key") == header.index("Tier")
    assert all(len(line) <= 120 for line in result.stdout.splitlines())


def test_contacts_fit_a_narrow_terminal(db):
    result = netui("contacts", db=db, env={"COLUMNS": "80"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].startswith("Name") and "Next follow-up" in lines[0] and "To thank" in lines[0]


def test_cli_and_overview_share_one_name_order(db, tmp_path):
    shown = [line.split("  ")[0] for line in netui("contacts", db=db, env={"COLUMNS": "150"}).stdout.splitlines()[1:]]
    assert shown == ["Bad Row", "Élodie Martin", "Nicolò D’Amico", "Zoe Adams"]
    contacts = [Contact(uid=str(i), first_name=f, last_name=l) for i, (f, l) in
                enumerate([("Zoe", "Adams"), ("Nicolò", "D’Amico"), ("élodie", "Martin"), ("Bad", "Row")])]
    model = NetworkModel(date(2026, 3, 16))
    model.load(contacts, [], Profile())
    overview = [model.rows[i].cells[0] for i in model.order("name")]
    assert overview == [c.name for c in sorted_by_name(contacts)]
    assert overview == ["Bad Row", "élodie Martin", "Nicolò D’Amico", "Zoe Adams"]


def test_contacts_json_is_unchanged(db):
    import json

    docs = json.loads(netui("contacts", "--json", db=db).stdout)
    assert {d["first_name"] for d in docs} == {"Élodie", "Nicolò", "Bad", "Zoe"}


@pytest.mark.parametrize("ref, expected", [
    ("Nicolo D'Amico", "Nicolò D’Amico"),   # accents and apostrophes ignored
    ("elodie", "Élodie Martin"),             # a unique first name
    ("MARTIN", "Élodie Martin"),             # a unique last name
    ("nic dam", "Nicolò D’Amico"),           # the start of each word
    ("martin elo", "Élodie Martin"),         # in any order
    ("zo", "Zoe Adams"),                     # a unique prefix
    ("nico@example.it", "Nicolò D’Amico"),
])
def test_log_finds_a_contact_the_way_the_tui_filter_does(db, ref, expected):
    result = netui("log", ref, "--kind", "call", db=db)
    assert result.returncode == 0, result.stderr
    assert f"logged call with {expected}" in result.stdout


def test_letters_with_a_mark_of_their_own_are_typed_plainly(tmp_path):
    """ø, ł, æ do not decompose into a letter and an accent: the matcher writes them plainly."""
    path = tmp_path / "netui.json"
    assert netui("add", "Søren Łukasz <soren@example.dk>", db=path).returncode == 0
    result = netui("log", "soren lukasz", "--kind", "call", db=path)
    assert result.returncode == 0, result.stderr
    assert "logged call with Søren Łukasz" in result.stdout


@pytest.mark.parametrize("command", [("log", "elodei", "--kind", "call"), ("draft", "elodei", "-t", "generic")])
def test_no_match_suggests_the_closest_names(db, command):
    before = db.read_bytes()
    one_line_error(netui(*command, db=db), "no contact matches 'elodei'", "did you mean 'Élodie Martin'")
    assert db.read_bytes() == before


def test_nothing_close_says_how_to_list_names(db):
    one_line_error(netui("log", "qqqq", "--kind", "call", db=db), "no contact matches", "netui contacts --search")


def test_matcher_prefers_the_strictest_rule():
    ada = Contact(uid="a", first_name="Ada", last_name="Lovelace")
    adam = Contact(uid="b", first_name="Adam", last_name="Smith")
    people = [ada, adam]
    assert find_one(people, "ada", lambda uid: None) is ada  # a whole first name beats a prefix
    assert find_one(people, "ad sm", lambda uid: None) is adam
    with pytest.raises(Exception, match="matches 2 contacts"):
        find_one(people, "ad", lambda uid: None)


def test_draft_missing_variable_names_the_option(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace <ada@example.org>", db=db)
    netui("profile", "--set", "first_name=Giulia", "--set", "last_name=Rossi", "--set", "target_sector=energy",
          db=db)
    one_line_error(netui("draft", "Ada", "--template", "personal", db=db), "missing ask", "--var ask=")


def test_draft_with_an_empty_profile_names_the_command(tmp_path):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace <ada@example.org>", db=db)
    one_line_error(netui("draft", "Ada", "--template", "personal", "--var", "ask=call", db=db),
                   "fill your profile: First name (first_name)", "netui profile --set first_name=")


@pytest.mark.parametrize("args, example", [
    (("draft", "Ada", "-t", "generic", "--var", "ask"), "--var ask=call"),
    (("profile", "--set", "first_name"), "--set first_name=Giulia"),
])
def test_malformed_options_show_an_example(tmp_path, args, example):
    db = tmp_path / "netui.json"
    netui("add", "Ada Lovelace <ada@example.org>", db=db)
    one_line_error(netui(*args, db=db), "KEY=VALUE", example)


def test_pickers_and_batches_use_the_same_name_order(tmp_path):
    from netui.core.models import Draft
    from netui.outreach.batch import batch_drafts
    from netui.storage.store import Store
    from netui.tui.dialogs.event_dialogs import ContactPicker

    people = [Contact(uid="z", first_name="Zoe", last_name="Adams"),
              Contact(uid="e", first_name="Élodie", last_name="Martin"),
              Contact(uid="b", first_name="bea", last_name="Ng")]
    expected = [c.uid for c in sorted_by_name(people)]
    assert expected == ["b", "e", "z"]  # accents and case ignored: É sorts with E, not after Z
    assert [c.uid for _, c in ContactPicker(people, exclude=set())._index()] == expected
    with Store.open(tmp_path / "netui.json") as store:
        for person in people:
            store.add_contact(person)
            store.add_draft(Draft(contact_uid=person.uid, subject="Hi", body="x", batch_uid="b1"))
        assert [d.contact_uid for d in batch_drafts(store, "b1")] == expected
