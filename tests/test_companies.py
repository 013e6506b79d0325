"""Company identity: spellings of one company are one; close names are suggested, never merged."""

from __future__ import annotations

import pytest

from netui.core.companies import (
    CompanyNames,
    company_key,
    format_knows_at,
    parse_knows_at,
    same_company,
    similar_names,
)

SAME = [
    ("Ferrari S.p.A.", "FERRARI SPA", "Ferrari", "ferrari spa", "Ferrari S. p. A.", "Ferrari, S.p.A"),
    ("Rossi S.r.l.", "ROSSI SRL", "Rossi"),
    ("Bianchi s.n.c.", "Bianchi snc"),
    ("Verdi s.a.s.", "Verdi SAS"),
    ("Acme Inc.", "ACME, Inc", "Acme"),
    ("Globex Ltd", "Globex Limited", "Globex"),
    ("Initech LLC", "Initech"),
    ("Siemens AG", "Siemens"),
    ("Bosch GmbH", "BOSCH"),
    ("Nestlé S.A.", "Nestle SA", "NESTLÉ"),
    ("Airbus SE", "Airbus"),
    ("Unilever plc", "Unilever"),
    ("Umbrella Corp.", "Umbrella"),
    ("Smith & Co.", "Smith Co", "Smith"),
    ("Caffè Nero", "Caffe Nero", "CAFFÈ NERO"),
]


@pytest.mark.parametrize("names", SAME)
def test_spellings_of_one_company_have_one_key(names):
    keys = {company_key(name) for name in names}
    assert len(keys) == 1 and "" not in keys, keys


def test_different_companies_stay_different():
    assert company_key("Ferrari") != company_key("Ferrero")
    assert company_key("Enel") != company_key("Enel Green Power")
    assert not same_company("", "")
    assert company_key("  ") == ""


def test_a_legal_form_alone_is_a_name_not_nothing():
    assert company_key("SE") == "se"
    assert company_key("S.p.A.") == "spa"


def test_typos_are_suggested_not_merged():
    names = ["Ferrari S.p.A.", "Enel", "Leonardo"]
    assert company_key("Ferari") != company_key("Ferrari")
    assert similar_names("Ferari", names) == ["Ferrari S.p.A."]
    assert similar_names("Ferrari", names) == []  # the same company is not "similar"
    assert similar_names("Zzzz", names) == []


def test_labels_are_the_most_used_spelling():
    names = CompanyNames()
    for spelling in ("Ferrari S.p.A.", "Ferrari", "FERRARI SPA", "Ferrari"):
        names.add(spelling)
    assert names.label("ferrari") == "Ferrari"
    assert names.spellings("ferrari")[0] == "Ferrari" and len(names.spellings("ferrari")) == 3
    assert names.add("") == "" and names.keys() == ["ferrari"]


def test_knows_at_text_round_trips():
    assert parse_knows_at("Ferrari: Anna, HR, Maranello") == {"company": "Ferrari", "name": "Anna",
                                                              "note": "HR, Maranello"}
    assert parse_knows_at(" Enel ") == {"company": "Enel", "name": "", "note": ""}
    for text in ("Ferrari: Anna, HR", "Enel", "Eni: Piero"):
        assert format_knows_at(parse_knows_at(text)) == text
