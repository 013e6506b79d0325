"""Export: vCard 4.0 and Google CSV that our importers read back whole, JSON that restores.

The property tests generate contacts with awkward text (unicode, emoji, commas,
semicolons, backslashes, newlines) and check export -> import gives them back.
"""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.core.models import (
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Contact,
    Interaction,
    Profile,
)
from netui.io.exporters import export_csv, export_json, export_vcard, fold
from netui.io.importers import parse_bytes, parse_file, plan_import
from netui.io.importers.common import clean_name

FIX = Path(__file__).parent / "fixtures" / "import"
FIELDS = ("uid", "first_name", "last_name", "emails", "phones", "company", "position", "sector", "location",
          "linkedin_url", "websites", "birthday", "source", "relationship", "tier", "tags", "notes", "answers",
          "keep_in_touch_days", "connected_on")
#: What the vCard carries beyond FIELDS: the register and the warm paths (X-NETUI-* properties).
VCARD_FIELDS = FIELDS + ("register", "introduced_by", "knows_at", "past_companies")

# --- strategies -----------------------------------------------------------------

AWKWARD = st.sampled_from(list(",;\\:\n\t\"'=* éàüßøñçœ€—“”…") + ["😀", "🚀", "👩‍💻", "ﬁ", "\u00a0", "\u2028",
                                                                  "Ω", "漢", "字", "ك", "\u0301", "\\n", "\\,"])
TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
text = st.lists(st.one_of(AWKWARD, TEXT_CHARS), max_size=16).map("".join)
line = text.map(lambda s: s.replace("\n", " ").replace("\u2028", " ").strip())
stripped = text.map(str.strip)
notes = st.lists(st.one_of(AWKWARD, TEXT_CHARS, st.just("\n")), max_size=60).map("".join)
email = st.builds(lambda user, host, tld: f"{user}@{host}.{tld}",
                  st.text(alphabet=string.ascii_letters + string.digits + "._+-", min_size=1, max_size=10),
                  st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8),
                  st.sampled_from(["com", "it", "org", "CO.UK", "museum"]))
url = st.text(alphabet=string.ascii_lowercase + string.digits + "-_%", min_size=1, max_size=15)
birthday = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2020, 12, 31)).map(date.isoformat),
                     st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda d: d.strftime("--%m-%d")))


def _tag_ok(tag: str) -> bool:
    return bool(tag) and not tag.startswith("* ") and tag.replace(" ", "").casefold() not in ("mycontacts",
                                                                                               "*mycontacts")


@st.composite
def contacts(draw, csv_safe: bool = False):
    """A valid Contact with awkward values; csv_safe keeps ` ::: ` and `* ` (Google's syntax) out."""
    words = line.filter(lambda s: ":::" not in s) if csv_safe else stripped
    contact = Contact(
        first_name=draw(words), last_name=draw(words),
        emails=draw(st.lists(email, max_size=3, unique_by=str.casefold)),
        phones=draw(st.lists(words.filter(bool), max_size=3, unique_by=str.casefold)),
        company=draw(words), position=draw(words),
        sector=draw(stripped), location=draw(words),
        linkedin_url=draw(st.one_of(st.just(""), url.map(lambda u: f"https://www.linkedin.com/in/{u}"))),
        websites=draw(st.lists(url.map(lambda u: f"https://{u}.example.org/"), max_size=2, unique_by=str.casefold)),
        birthday=draw(birthday),
        source=draw(st.sampled_from(SOURCES)), relationship=draw(st.one_of(st.none(), st.sampled_from(RELATIONSHIPS))),
        tier=draw(st.sampled_from(TIERS)),
        tags=draw(st.lists(words.filter(_tag_ok), max_size=4, unique_by=str.casefold)),
        notes=draw(notes.filter(lambda s: ":::" not in s) if csv_safe else notes),
        answers=draw(st.dictionaries(stripped, notes, max_size=2)),
        keep_in_touch_days=draw(st.one_of(st.none(), st.integers(1, 3650))),
        connected_on=draw(st.one_of(st.none(), st.dates(date(2003, 1, 1), date(2030, 12, 31)).map(date.isoformat))),
        register=draw(st.sampled_from(["", "tu", "lei"])),
        introduced_by=draw(st.one_of(st.none(), st.text(alphabet="0123456789abcdef", min_size=16, max_size=16))),
        knows_at=draw(st.lists(st.fixed_dictionaries({"company": words.filter(bool), "name": stripped,
                                                      "note": stripped}), max_size=2)),
        past_companies=draw(st.lists(words.filter(bool), max_size=2)),
    )
    if not (contact.first_name.strip() or contact.last_name.strip() or contact.emails or contact.company):
        contact.company = "Acme"  # the model needs a name, an email or a company
    return contact.validate()


def fields(contact: Contact, names=FIELDS) -> dict:
    return {name: getattr(contact, name) for name in names}


# --- vCard ----------------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=4))
def test_vcard_round_trip_keeps_every_field(people):
    text = export_vcard(people)
    result = parse_bytes("vcard", text.encode("utf-8"))
    assert result.skipped == [] and result.warnings == []
    assert len(result.contacts) == len(people)
    for back, mine in zip(result.contacts, people):
        got, wanted = fields(back, VCARD_FIELDS), fields(mine, VCARD_FIELDS)
        assert got == wanted, {name: (got[name], wanted[name]) for name in got if got[name] != wanted[name]}
    plan = plan_import(people, result)
    assert plan.new == [] and plan.updated == [] and plan.conflicts == []


@settings(max_examples=100, deadline=None)
@given(st.lists(contacts(), min_size=1, max_size=3))
def test_vcard_lines_are_folded_at_75_octets_with_crlf(people):
    text = export_vcard(people)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75


def test_fold_never_splits_a_utf8_sequence():
    line = "NOTE:" + "é😀" * 40
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_vcard_text_is_escaped():
    contact = Contact(first_name="Anna, Maria", last_name="Rossi; Bianchi", notes="a\\b, c; d\ne",
                      company="R&D; Lab, Ltd", tags=["a,b", "c"]).validate()
    text = export_vcard([contact])
    assert "FN:Anna\\, Maria Rossi\\; Bianchi\r\n" in text
    assert "N:Rossi\\; Bianchi;Anna\\, Maria;;;\r\n" in text
    assert "NOTE:a\\\\b\\, c\\; d\\ne\r\n" in text
    assert "ORG:R&D\\; Lab\\, Ltd\r\n" in text and "CATEGORIES:a\\,b,c\r\n" in text
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")


def test_vcard_fixtures_survive_export_and_reimport():
    for name in ("vcard21_qp.vcf", "vcard30_apple.vcf", "vcard40.vcf", "vcard_gmail_commas.vcf", "vcard_bom.vcf"):
        original = parse_file("vcard", FIX / name).contacts
        again = parse_bytes("vcard", export_vcard(original).encode("utf-8")).contacts
        assert [fields(c) for c in again] == [fields(c) for c in original], name


def test_another_parser_reads_our_vcard():
    vobject = pytest.importorskip("vobject")
    contact = Contact(first_name="José", last_name="Ñúñez", emails=["jose@example.org", "j2@example.org"],
                      phones=["+34 600 000 000"], company="Acme, S.L.", position="CTO",
                      notes="Línea 1\nLínea 2, con comas; y punto y coma " + "x" * 80,
                      tags=["uno", "dos"]).validate()
    card = vobject.readOne(export_vcard([contact]))
    assert card.fn.value == "José Ñúñez"
    assert [e.value for e in card.contents["email"]] == contact.emails
    assert card.note.value == contact.notes
    assert card.org.value == ["Acme, S.L."]
    people = [c for name in ("vcard40.vcf", "vcard_gmail_commas.vcf", "vcard21_qp.vcf", "google_current.csv")
              for c in parse_file("google" if name.endswith(".csv") else "vcard", FIX / name).contacts]
    cards = list(vobject.readComponents(export_vcard(people)))
    assert [c.fn.value for c in cards] == [p.name for p in people]
    assert [c.note.value if "note" in c.contents else "" for c in cards] == [p.notes for p in people]


# --- Google CSV -----------------------------------------------------------------

CSV_FIELDS = ("emails", "phones", "birthday", "tags", "notes", "linkedin_url", "websites")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(csv_safe=True), min_size=1, max_size=4))
def test_csv_export_reimports_as_google_csv(people):
    result = parse_bytes("google", export_csv(people).encode("utf-8"))
    assert result.skipped == [] and result.warnings == []
    got = result.contacts
    assert len(got) == len(people)
    for mine, back in zip(people, got):
        assert fields(back, CSV_FIELDS) == fields(mine, CSV_FIELDS)
        assert back.name == clean_name(mine.name) or back.name == mine.name
        assert back.company == clean_name(mine.company) and back.position == clean_name(mine.position)
        assert back.location == clean_name(mine.location)
        assert back.source == "other"


def test_csv_export_header_is_googles_current_layout():
    contact = Contact(first_name="Ada", last_name="Verdi", emails=["a@example.org", "b@example.org"],
                      birthday="--12-25", tags=["alumni"], linkedin_url="https://www.linkedin.com/in/ada").validate()
    text = export_csv([contact])
    header, row = text.split("\r\n")[:2]
    assert header.startswith("First Name,Middle Name,Last Name,Phonetic First Name,")
    assert "Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels," in header
    assert "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label" in header
    assert " --12-25" in row and "* myContacts ::: alumni" in row and "LinkedIn" in row


def test_csv_export_of_fixtures_replans_as_noop():
    for kind, name in (("google", "google_current.csv"), ("linkedin", "linkedin_2024.csv"),
                       ("outlook", "outlook_com.csv"), ("vcard", "vcard40.vcf")):
        stored = plan_import([], parse_file(kind, FIX / name)).new
        plan = plan_import(stored, parse_bytes("google", export_csv(stored).encode("utf-8")))
        assert plan.new == [] and plan.updated == [], name


# --- JSON -----------------------------------------------------------------------

@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), max_size=4))
def test_json_export_restores_everything(people):
    interactions = [Interaction(contact_uid=c.uid, kind="meeting", date="2025-01-02", summary=c.notes)
                    for c in people]
    profile = Profile(first_name="Alessia", target_companies=["Globex"])
    data = export_json({"contacts": [c.to_doc() for c in people], "interactions": [i.to_doc() for i in interactions],
                        "events": [], "drafts": [], "profile": profile.to_doc()})
    assert orjson.loads(data)["format"] == "netui-export"
    result = parse_bytes("json", data)
    assert [c.to_doc() for c in result.contacts] == [c.to_doc() for c in people]
    assert [i.to_doc() for i in result.records["interactions"]] == [i.to_doc() for i in interactions]
    assert result.records["profile"][0].to_doc() == profile.to_doc()
    assert plan_import(people, result).is_noop


def test_json_export_accepts_records_and_tables():
    contact = Contact(first_name="Ada").validate()
    data = export_json({"contacts": {"1": contact.to_doc()}, "profile": [Profile(first_name="Me").to_doc()]})
    result = parse_bytes("json", data)
    assert [c.uid for c in result.contacts] == [contact.uid]
    assert result.records["profile"][0].first_name == "Me"
    assert result.records["events"] == []
