"""Warm paths: what leads into a company, how warm each path is and why; the new contact fields
and their migration."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from netui.core.errors import ValidationError
from netui.core.models import Contact, Interaction
from netui.core.warmpaths import (
    KEY_TIER_SCORE,
    KIND_SCORES,
    MET_SCORE,
    RECENT_SCORE,
    REPLIED_SCORE,
    CompanyIndex,
    paths_for_targets,
)
from netui.storage import backups
from netui.storage.schema import SCHEMA_VERSION
from netui.storage.store import Store

TODAY = date(2026, 3, 16)


def history(items: list[Interaction]):
    by_contact: dict[str, list[Interaction]] = {}
    for item in items:
        by_contact.setdefault(item.contact_uid, []).append(item)
    return lambda uid: by_contact.get(uid, [])


def test_each_warmth_factor_adds_to_the_score_and_says_why():
    contacts = [
        Contact(uid="cold", first_name="Cold", company="Ferrari"),
        Contact(uid="warm", first_name="Warm", company="Ferrari S.p.A.", tier="key", relationship="mentor"),
    ]
    interactions = [Interaction(contact_uid="warm", kind="reply_received", date="2026-03-01"),
                    Interaction(contact_uid="warm", kind="meeting", date="2026-03-10")]
    found = CompanyIndex(contacts).paths("Ferrari", history(interactions), TODAY)
    warm, cold = found.paths
    assert (warm.uid, cold.uid) == ("warm", "cold")
    assert cold.score == KIND_SCORES["works_there"] and cold.reason == "works there"
    assert warm.score == KIND_SCORES["works_there"] + KEY_TIER_SCORE + REPLIED_SCORE + MET_SCORE \
        + RECENT_SCORE + 15
    for phrase in ("key contact", "replied before", "met in person or by call", "in touch recently (10 Mar 2026)",
                   "your mentor"):
        assert phrase in warm.reason


def test_one_path_per_contact_with_every_reason():
    luca = Contact(uid="luca", first_name="Luca", company="Ferrari", position="Engineer",
                   past_companies=["FERRARI SPA"], knows_at=[{"company": "Ferrari", "name": "Anna", "note": ""}])
    [path] = CompanyIndex([luca]).paths("ferrari", history([]), TODAY).paths
    assert path.kind == "works_there" and path.person == "Anna"
    assert path.reason.split(" · ") == ["works there as Engineer", "knows someone there: Anna", "worked there"]


def test_introduction_chains_are_followed_and_cycles_do_not_loop():
    contacts = [
        Contact(uid="a", first_name="A", introduced_by="c"),
        Contact(uid="b", first_name="B", introduced_by="a"),
        Contact(uid="c", first_name="C", introduced_by="b", company="Enel"),
    ]
    index = CompanyIndex(contacts)
    assert index.chain(contacts[2]) == ("B", "A")  # stops before coming back to C
    kinds = {p.contact: p.kind for p in index.paths("Enel", history([]), TODAY).paths}
    assert kinds == {"C": "works_there", "B": "introducer"}


def test_an_introduction_to_an_unknown_contact_is_ignored():
    contact = Contact(uid="x", first_name="X", company="Enel", introduced_by="gone")
    [path] = CompanyIndex([contact]).paths("Enel", history([]), TODAY).paths
    assert path.chain == () and "introduced" not in path.reason


def test_targets_are_one_per_company_and_in_the_users_order():
    index = CompanyIndex([Contact(first_name="A", company="Enel")])
    found = paths_for_targets(index, ["Enel S.p.A.", "ENEL", "Ferrari", ""], history([]), TODAY)
    assert [(f.company, len(f.paths)) for f in found] == [("Enel S.p.A.", 1), ("Ferrari", 0)]


def test_company_counts_group_spellings():
    index = CompanyIndex([Contact(first_name=n, company=c) for n, c in
                          (("A", "Ferrari S.p.A."), ("B", "FERRARI SPA"), ("C", "Ferrari"), ("D", "Enel"))])
    assert [(key, count) for key, _label, count in index.company_counts()] == [("ferrari", 3), ("enel", 1)]


def test_the_new_fields_are_validated():
    Contact(first_name="A", knows_at=[{"company": " Enel ", "name": "Piero"}]).validate()
    with pytest.raises(ValidationError, match="needs a company"):
        Contact(first_name="A", knows_at=[{"company": "", "name": "Piero"}]).validate()
    with pytest.raises(ValidationError) as bad:
        Contact(first_name="A", knows_at=["Enel"]).validate()
    assert bad.value.field == "knows_at"
    with pytest.raises(ValidationError) as bad:
        Contact(uid="me", first_name="A", introduced_by="me").validate()
    assert bad.value.field == "introduced_by"
    with pytest.raises(ValidationError) as bad:
        Contact(first_name="A", past_companies="Enel").validate()  # type: ignore[arg-type]
    assert bad.value.field == "past_companies"
    assert Contact(first_name="A", introduced_by="").validate().introduced_by is None


def test_a_schema_1_file_migrates_with_empty_fields_and_a_backup(tmp_path):
    path = tmp_path / "netui.json"
    doc = Contact(uid="a", first_name="Ada").to_doc()
    for name in ("introduced_by", "knows_at", "past_companies"):
        del doc[name]
    old = orjson.dumps({"contacts": {"1": doc}, "meta": {"1": {"schema_version": 1}}})
    path.write_bytes(old)
    with Store.open(path) as store:
        [ada] = store.contacts()
        assert (ada.introduced_by, ada.knows_at, ada.past_companies) == (None, [], [])
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    stored = data["contacts"]["1"]
    assert (stored["introduced_by"], stored["knows_at"], stored["past_companies"]) == (None, [], [])
    assert stored["first_name"] == "Ada"
    [pre] = [b for b in backups.list_backups(path) if b.reason == "pre-migration"]
    assert pre.path.read_bytes() == old


@pytest.mark.parametrize("lang", ["it", "en"])
def test_ask_intro_names_the_company_and_the_person(lang, tmp_path, monkeypatch):
    from netui.core.models import Profile
    from netui.outreach import drafting

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path))
    me = Profile(first_name="Giulia", last_name="Rossi", target_sector="automotive")
    luca = Contact(first_name="Luca", last_name="Amico")
    with_person = drafting.render("ask_intro", lang, me, luca, extra_vars={"company": "Ferrari", "person": "Anna"})
    without = drafting.render("ask_intro", lang, me, luca, extra_vars={"company": "Ferrari"})
    for email in (with_person, without):
        assert "Ferrari" in email.subject and "Ferrari" in email.body and "Giulia Rossi" in email.body
        assert "Luca" in email.body and "{" not in email.body
    assert "Anna" in with_person.body and "Anna" not in without.body
    if lang == "it":  # Lei, unless the contact's register says tu
        assert "Le scrivo" in with_person.body and "Ti scrivo" not in with_person.body


def test_ask_intro_in_italian_says_tu_when_the_register_says_so(tmp_path, monkeypatch):
    """The `register` field comes from another change; its `tu` branch is checked here by
    rendering the template with that condition made true."""
    from netui.core.models import Profile
    from netui.outreach import drafting

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path))
    source = drafting.template_source("ask_intro", "it")
    condition = 'contact.register is defined and contact.register == "tu"'
    assert condition in source
    email = drafting.render_source(source.replace(condition, "true"), "it", Profile(first_name="Giulia"),
                                   Contact(first_name="Luca"), extra_vars={"company": "Ferrari", "person": "Anna"})
    assert email.body.startswith("Ciao Luca,")
    assert "Ti scrivo" in email.body and "ti andrebbe di presentarci" in email.body
    assert "Le " not in email.body and "Lei" not in email.body
