"""Import: every file variant of shared/formats.md comes in whole, wrong files are
refused, and the merge plan is idempotent and never overwrites the user's values.

Fixtures in tests/fixtures/import are invented data written from formats.md.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from netui.core.models import Contact
from netui.io.importers import (
    ImportFormatError,
    parse_bytes,
    parse_date,
    parse_file,
    plan_import,
    summary_lines,
    url_key,
)

FIX = Path(__file__).parent / "fixtures" / "import"


def load(kind: str, name: str):
    return parse_file(kind, FIX / name)


def by_name(result) -> dict[str, Contact]:
    return {c.name: c for c in result.contacts}


# --- LinkedIn -------------------------------------------------------------------

def test_linkedin_2024_with_preamble():
    result = load("linkedin", "linkedin_2024.csv")
    assert result.kind == "linkedin"
    people = by_name(result)
    chiara = people["Chiara Bellandi"]
    assert (chiara.company, chiara.position, chiara.connected_on) == ("Acme Energia", "Data Analyst", "2024-10-09")
    assert chiara.linkedin_url == "https://www.linkedin.com/in/chiara-bellandi-4a1b2c"
    assert chiara.source == "linkedin" and chiara.emails == []
    noe = people["Noé Ferrand"]  # " Noé\t" and "Ferrand " trimmed
    assert (noe.first_name, noe.last_name) == ("Noé", "Ferrand")
    assert noe.company == "Globex, Inc." and noe.position == "Head of Growth 🚀"
    assert noe.emails == ["noe.ferrand@example.org"]
    assert noe.linkedin_url == "https://www.linkedin.com/in/no%C3%A9-ferrand"  # kept percent-encoded
    lukasz = people["Łukasz Wójcik 🌍"]
    assert lukasz.position == 'Engineer "Platform"' and lukasz.connected_on == "2024-08-15"
    assert people["Søren Kjærgaard"].company == ""
    assert result.skipped == [("line 8", "empty but for the date (a member who hides their data)"),
                              ("line 13", "empty but for the date (a member who hides their data)")]
    # A malformed email costs the email, not the connection.
    assert people["Amélie Dubreuil"].emails == []
    assert result.warnings == [("line 9", "dropped 'not-an-email': not an email address")]
    assert len(result.contacts) == 7
    assert result.locations[0] == "line 5"  # the header is on line 4


def test_linkedin_2018_without_url_column():
    result = load("linkedin", "linkedin_2018.csv")
    people = by_name(result)
    assert people["Marco Bianchini"].connected_on == "2018-01-08"  # "1/8/18, 6:14 PM" is month/day
    assert people["Marco Bianchini"].emails == ["marco.bianchini@example.it"]
    assert people["Ngozi Okonkwo-Reyes"].position == "Supply Chain Lead, EMEA"
    assert people["Ngozi Okonkwo-Reyes"].connected_on == "2017-12-23"
    assert people["Tomás Iriarte"].connected_on == "2017-11-03"
    assert all(c.linkedin_url == "" and c.source == "linkedin" for c in result.contacts)
    assert result.skipped == [] and result.warnings == []


def test_linkedin_spreadsheet_resave_cp1252_crlf_padded_preamble():
    result = load("linkedin", "linkedin_spreadsheet_cp1252.csv")
    people = by_name(result)
    assert people["Inès Lefèvre"].company == "Société Générique"
    assert people["Inès Lefèvre"].connected_on == "2021-11-23"  # 23-Nov-21
    assert people["Björn Åkesson"].position == "Chief “Taster” – Budget €"  # cp1252, not latin-1
    assert people["Björn Åkesson"].connected_on == "2022-01-05"
    assert result.skipped == [("line 7", "empty but for the date (a member who hides their data)")]


def test_linkedin_bom_crlf_and_stray_whitespace():
    result = load("linkedin", "linkedin_bom.csv")
    zoe, priya = result.contacts
    assert (zoe.first_name, zoe.last_name, zoe.emails) == ("Zoë", "Haddad", ["zoe.haddad@example.net"])
    assert zoe.connected_on == "2025-02-28"
    assert (priya.first_name, priya.last_name, priya.position) == ("Priya", "Raman", "Analyst, Pricing")


def test_linkedin_resaved_with_semicolons():
    data = ("Notes:;;;;;;\r\n;;;;;;\r\nFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
            "Chiara;Bellandi;https://www.linkedin.com/in/chiara;;\"Acme; Energia\";Analista;09-Oct-24\r\n")
    [chiara] = parse_bytes("linkedin", data.encode("cp1252")).contacts
    assert (chiara.name, chiara.company, chiara.connected_on) == ("Chiara Bellandi", "Acme; Energia", "2024-10-09")


@pytest.mark.parametrize("text, iso", [
    ("09 Oct 2024", "2024-10-09"), ("9 October 2024", "2024-10-09"), ("23-Nov-21", "2021-11-23"),
    ("1/8/18, 6:14 PM", "2018-01-08"), ("12/23/17", "2017-12-23"), ("23/12/2017", "2017-12-23"),
    ("2024-10-09", "2024-10-09"), ("31 Feb 2024", None), ("soon", None), ("", None),
])
def test_dates(text, iso):
    assert parse_date(text) == iso


# --- Google ---------------------------------------------------------------------

def test_google_current_layout():
    result = load("google", "google_current.csv")
    people = by_name(result)
    giulia = people["Giulia Marchetti"]
    assert giulia.emails == ["giulia.marchetti@example.it", "g.marchetti@example.com", "giulia@example.org"]
    assert giulia.phones == ["+39 333 123 4567", "+39 02 1234 5678", "+39 347 000 1111"]
    assert (giulia.company, giulia.position) == ("Marchetti Tessuti S.r.l.", "Responsabile Acquisti")
    assert giulia.birthday == "--12-25"  # " --12-25": no year
    assert giulia.notes == "Met at the Politecnico career day.\nLikes cycling, jazz; asked for my CV."
    assert giulia.tags == ["starred", "Alumni", "Mentori"]  # "* myContacts" dropped, "* " stripped
    assert giulia.linkedin_url == "https://www.linkedin.com/in/giulia-marchetti"
    assert giulia.websites == ["https://giulia.example.it"]
    assert giulia.location == "Milano, Italia" and giulia.source == "other"
    omar = people["Omar K. Haddad-Nasser 😀"]
    assert omar.birthday == "1988-04-15" and omar.emails == [] and omar.location == "Torino, Italia"
    initrode = people["info@initrode.example"]  # no name: shown by email, company kept
    assert initrode.company == "Initrode Consulting" and initrode.tags == ["Clienti"]
    assert result.skipped == [("line 6", "no name, email or company")]
    assert result.warnings == [("line 4", "dropped 'omar at example': not an email address")]


def test_google_legacy_utf16():
    result = load("google", "google_legacy_utf16.csv")
    francesca, yara = result.contacts
    assert (francesca.first_name, francesca.last_name) == ("Francesca", "Lombardini")
    assert francesca.emails == ["f.lombardini@example.com", "francesca.l@example.org"]
    assert francesca.notes == "Ex collega in Initech.\nOra lavora in Globex, ufficio acquisti."
    assert francesca.tags == ["Colleghi", "Starred"]
    assert (francesca.company, francesca.position) == ("Globex Italia", "Buyer")
    assert francesca.linkedin_url == "https://it.linkedin.com/in/francesca-lombardini"
    assert francesca.birthday == "1990-07-03"
    assert (yara.first_name, yara.last_name) == ("Yara", "Benali")  # from "Name" alone
    assert yara.notes == "Só conta: ação, coração" and yara.phones == ["+33 1 44 55 66 77"]


# --- Outlook --------------------------------------------------------------------

def test_outlook_com():
    result = load("outlook", "outlook_com.csv")
    hana, rafael = result.contacts
    assert hana.name == "Hana Novotná" and hana.emails == ["hana.novotna@example.cz", "hana@example.org"]
    assert hana.phones == ["+420 601 234 567", "+420 222 333 444"]
    assert (hana.company, hana.position) == ("Budějovice Brewing, a.s.", "Head of Talent")
    assert hana.birthday == "1985-03-14" and hana.notes == "Met at the Prague open day.\nPrefers email."
    assert hana.linkedin_url == "https://www.linkedin.com/in/hana-novotna"
    assert hana.location == "Praha, Czechia"
    assert rafael.emails == [] and rafael.company == "Tyrell Shipping"  # Exchange address dropped
    assert result.warnings[0][0] == "line 4"


def test_outlook_desktop_all_quoted_cp1252():
    result = load("outlook", "outlook_desktop.csv")
    seb, kofi = result.contacts
    assert (seb.first_name, seb.last_name, seb.company) == ("Sébastien", "Charpentier", "Vandelay Négoce")
    assert seb.birthday is None  # "0/0/00" is Outlook's empty date
    assert seb.tags == ["Clienti", "Fornitori"] and seb.phones == ["+33 6 11 22 33 44"]
    assert seb.notes == "Rencontré au salon de Lyon.\nTrès intéressé par l'offre « Premium »."
    assert kofi.birthday == "1979-07-21" and kofi.websites == ["kofi.example.com"]
    assert result.warnings == []


# --- vCard ----------------------------------------------------------------------

def test_vcard21_quoted_printable_and_cards_without_fn():
    result = load("vcard", "vcard21_qp.vcf")
    niccolo, gennaro, pizzeria, info, jurgen, piero = result.contacts
    assert (niccolo.first_name, niccolo.last_name) == ("Niccolò", "Calò")
    assert niccolo.company == "Caffè Tostato S.r.l." and niccolo.position == "Barista capo"
    assert niccolo.notes == ("Conosciuto alla fiera di Verona, stand 12.\nPreferisce essere chiamato dopo le 18; "
                             "risponde su WhatsApp. Più info: € 10= tariffa.")
    assert niccolo.emails == ["niccolo.calo@example.it", "n.calo@example.com"]
    assert niccolo.phones == ["+393331234567", "+390212345678"] and niccolo.birthday == "1979-06-02"
    assert (gennaro.first_name, gennaro.last_name) == ("Gennaro", "Esposito")  # from N
    assert pizzeria.name == "Pizzeria Da Gennaro" and pizzeria.first_name == ""  # from ORG
    assert info.name == "info@example.net" and info.first_name == ""  # from EMAIL
    assert jurgen.name == "Jürgen Müller"  # QP in ISO-8859-1
    assert piero.phones == ["+39 320 111 2222"]  # the base64 photo before it is skipped
    assert result.skipped == [("card 7", "no name, email or company")]


def test_vcard30_apple():
    result = load("vcard", "vcard30_apple.vcf")
    agnieszka, company = result.contacts
    assert agnieszka.emails == ["agnieszka.k@example.org", "a.kowalczyk@tyrellis.example"]  # itemN. groups
    assert agnieszka.company == "Tyrellis Biotech" and agnieszka.position == "Senior Scientist"
    assert agnieszka.websites == ["http://agnieszka.example.org"]  # http\:// unescaped
    assert agnieszka.linkedin_url == "https://www.linkedin.com/in/agnieszka-kowalczyk"
    assert agnieszka.birthday == "--05-24"  # X-APPLE-OMIT-YEAR=1604
    assert agnieszka.tags == ["Conference", "Science"]
    assert agnieszka.notes == ("Met at the BioTech Summit, Kraków.\nAsked about the PhD programme; follow up in "
                               "May. This line is long enough that the writer folded it in the middle of a word.")
    assert agnieszka.location == "Kraków, Poland"
    assert company.name == "Soylent Nutrition Labs" and company.first_name == "" and company.phones == ["+1 555 0100"]


def test_vcard40():
    result = load("vcard", "vcard40.vcf")
    emile, mei = result.contacts
    assert (emile.first_name, emile.last_name) == ("Dr. Émile", "Laurent-Moreau")  # FN kept whole
    assert emile.phones == ["+33-6-12-34-56-78", "+33-1-23-45-67-89"]  # tel: URIs
    assert emile.position == "Astrophysicien 🔭" and emile.birthday == "--04-15"
    assert emile.tags == ["Mentors", "Science, Space", "Lyon"]
    assert emile.notes == ("Line one\nLine two with a comma, a semicolon; and a backslash \\ done. This note is "
                           "long enough to be folded by a writer that folds at seventy-five octets — with "
                           "ünïcödé characters.")
    assert emile.extra == {"vcard_uid": "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"}  # not our uid
    assert mei.birthday == "1985-11-02" and mei.linkedin_url == "https://www.linkedin.com/in/mei-lin"
    assert mei.location == "Wellington, New Zealand" and mei.emails == ["mei.lin@example.com"]


def test_vcard_gmail_unescaped_commas_kept_whole():
    result = load("vcard", "vcard_gmail_commas.vcf")
    johan, sunhee = result.contacts
    assert johan.name == "Mr. Johan Richter, James Doe Sr."
    assert johan.notes == ("Introduced by Anna, at the alumni dinner, Milano. "
                           "Wants intros to fintech, insurtech, and regtech.")
    assert johan.company == "Richter, Doe & Partners"
    assert johan.tags == ["Alumni"]  # Gmail's "myContacts" dropped
    assert (sunhee.first_name, sunhee.last_name) == ("Sun-hee", "Lee")  # "Lee, Sun-hee" is a display order


def test_vcard_bom():
    result = load("vcard", "vcard_bom.vcf")
    luca, ines = result.contacts
    assert (luca.first_name, luca.last_name) == ("Luca 🎸", "Ferri")
    assert luca.notes == "Suona il basso, lavora in Initech." and luca.phones == ["+39 349 765 4321"]
    assert ines.name == "Inês Costa"


def test_vcard_unfinished_card_is_kept_with_a_warning():
    result = parse_bytes("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Verdi\nEMAIL:ada@example.org\n")
    assert [c.name for c in result.contacts] == ["Ada Verdi"]
    assert result.warnings == [("card 1", "no END:VCARD (was the file cut short?)")]


# --- JSON -----------------------------------------------------------------------

def test_json_export_fixture():
    result = load("json", "netui_export.json")
    vittoria, kenji = result.contacts
    assert vittoria.uid == "a1b2c3d4e5f60718" and vittoria.tier == "key" and vittoria.relationship == "mentor"
    # An export from before question ids: the English question text becomes its id.
    assert vittoria.answers == {"career_start": "Stage in un'agenzia, poi HR."}
    assert vittoria.created_at == "2025-01-10T09:00:00+01:00" and kenji.last_name == "Ōtsuka"
    assert [i.summary for i in result.records["interactions"]] == ["Caffè e consigli sul CV"]
    assert result.records["events"][0].checklist[0].text == "Stampare 10 CV"
    assert result.records["drafts"][0].contact_uid == vittoria.uid
    assert result.records["profile"][0].target_companies == ["Globex", "Hooli"]


# --- refusals -------------------------------------------------------------------

@pytest.mark.parametrize("kind, name, message", [
    ("linkedin", "vcard40.vcf", "this is a vCard file, not a LinkedIn Connections.csv"),
    ("linkedin", "not_a_csv.bin", "this is a binary file, not a LinkedIn Connections.csv"),
    ("vcard", "not_a_csv.bin", "this is a binary file"),
    ("linkedin", "empty.csv", "the file is empty"),
    ("google", "empty.csv", "the file is empty"),
    ("linkedin", "linkedin_missing_columns.csv", "needs the columns Connected On"),
    ("linkedin", "google_current.csv", "looks like a Google Contacts CSV"),
    ("google", "linkedin_2024.csv", "looks like a LinkedIn Connections.csv"),
    ("outlook", "google_legacy_utf16.csv", "looks like a Google Contacts CSV"),
    ("google", "outlook_desktop.csv", "looks like an Outlook CSV"),
    ("linkedin", "outlook_com.csv", "looks like an Outlook CSV"),
    ("vcard", "linkedin_2018.csv", "not a vCard file"),
    ("json", "linkedin_2018.csv", "not a netui JSON export"),
    ("json", "vcard40.vcf", "this is a vCard file"),
])
def test_wrong_files_are_refused_with_one_line(kind, name, message):
    with pytest.raises(ImportFormatError) as err:
        load(kind, name)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_unknown_kind(tmp_path):
    with pytest.raises(ImportFormatError, match="cannot read"):
        parse_file("linkedin", tmp_path / "nope.csv")
    with pytest.raises(ImportFormatError, match="unknown import kind"):
        parse_bytes("xls", b"x")
    with pytest.raises(ImportFormatError, match="not valid JSON: line 1"):
        parse_bytes("json", b'{"contacts": [')


def test_parsing_never_writes_the_source_file():
    for path in sorted(FIX.iterdir()):
        before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
        for kind in ("linkedin", "google", "outlook", "vcard", "json"):
            try:
                parse_file(kind, path)
            except ImportFormatError:
                pass
        assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


ALL = [("linkedin", "linkedin_2024.csv"), ("linkedin", "linkedin_2018.csv"),
       ("linkedin", "linkedin_spreadsheet_cp1252.csv"), ("linkedin", "linkedin_bom.csv"),
       ("google", "google_current.csv"), ("google", "google_legacy_utf16.csv"),
       ("outlook", "outlook_com.csv"), ("outlook", "outlook_desktop.csv"), ("vcard", "vcard21_qp.vcf"),
       ("vcard", "vcard30_apple.vcf"), ("vcard", "vcard40.vcf"), ("vcard", "vcard_gmail_commas.vcf"),
       ("vcard", "vcard_bom.vcf"), ("json", "netui_export.json")]


@pytest.mark.parametrize("kind, name", ALL)
def test_every_contact_validates(kind, name):
    contacts = load(kind, name).contacts
    assert contacts
    for contact in contacts:
        assert contact.validate() is contact  # raises ValidationError naming the field otherwise


# --- merge ----------------------------------------------------------------------

@pytest.mark.parametrize("kind, name", ALL)
def test_importing_the_same_file_twice_changes_nothing(kind, name):
    first = plan_import([], load(kind, name))
    second = plan_import(first.new, load(kind, name))
    assert (len(second.new), len(second.updated)) == (0, 0)
    assert len(second.unchanged) == len(first.new)
    assert second.is_noop


def test_duplicates_inside_one_file_are_merged():
    plan = plan_import([], load("linkedin", "linkedin_2024.csv"))
    aiko = [c for c in plan.new if c.first_name == "Aiko"]
    assert len(aiko) == 1 and aiko[0].emails == ["aiko.tanabe@example.com"]  # filled by the second row
    assert len(plan.new) == 6 and plan.conflicts == []


def test_summary_lists_counts_skips_and_dropped_values():
    plan = plan_import([], load("linkedin", "linkedin_2024.csv"))
    lines = summary_lines(plan)
    assert lines[0] == "6 new, 0 updated, 0 unchanged, 2 skipped, 0 conflicts"
    assert "  line 8: empty but for the date (a member who hides their data)" in lines
    assert "  line 9: dropped 'not-an-email': not an email address" in lines
    short = summary_lines(plan, limit=1)
    assert "  line 8: empty but for the date (a member who hides their data)" in short
    assert "  line 13: empty but for the date (a member who hides their data)" not in short
    assert "  … and 1 more" in short


def _stored(**fields) -> Contact:
    return Contact(**fields).validate()


def test_match_fills_empty_fields_and_never_overwrites():
    mine = _stored(first_name="Chiara", last_name="Bellandi", company="Acme Energia S.p.A.",
                   linkedin_url="https://www.linkedin.com/in/Chiara-Bellandi-4a1b2c/", tags=["energia"],
                   notes="My own note")
    plan = plan_import([mine], load("linkedin", "linkedin_2024.csv"))
    assert len(plan.new) == 5
    [(old, new)] = plan.updated
    assert old is mine and mine.position == ""  # the stored contact itself is untouched
    assert new.uid == mine.uid and new.position == "Data Analyst" and new.connected_on == "2024-10-09"
    assert new.company == "Acme Energia S.p.A." and new.notes == "My own note" and new.tags == ["energia"]
    assert new.linkedin_url == mine.linkedin_url
    assert plan.conflicts == ["line 5: Chiara Bellandi: kept company 'Acme Energia S.p.A.', "
                              "the file has 'Acme Energia'"]
    lines = summary_lines(plan)
    assert lines[0] == "5 new, 1 updated, 0 unchanged, 2 skipped, 1 conflict"
    assert "  Chiara Bellandi: position, connected on" in lines
    assert "  " + plan.conflicts[0] in lines


def test_match_by_percent_decoded_url_then_email_then_name_and_company():
    by_url = _stored(first_name="Noe", last_name="F.", linkedin_url="https://linkedin.com/in/noé-ferrand")
    by_email = _stored(first_name="Zoe", emails=["ZOE.HADDAD@example.net"])
    by_name = _stored(first_name="priya", last_name="RAMAN", company="soylent foods")
    other = _stored(first_name="Priya", last_name="Raman", company="Other Co")
    result = load("linkedin", "linkedin_bom.csv")
    result.contacts.append(Contact(first_name="Noé", last_name="Ferrand",
                                   linkedin_url="https://www.linkedin.com/in/no%C3%A9-ferrand").validate())
    plan = plan_import([by_url, by_email, by_name, other], result)
    assert plan.new == []
    updated = {old.uid: new for old, new in plan.updated}
    assert updated[by_email.uid].emails == ["ZOE.HADDAD@example.net"]  # no case-duplicate added
    assert updated[by_email.uid].last_name == "Haddad"
    assert updated[by_name.uid].linkedin_url == "https://www.linkedin.com/in/priya-raman"
    assert other.uid not in updated
    assert url_key("HTTPS://it.linkedin.com/in/No%C3%A9-Ferrand/?trk=x") == "linkedin.com/in/noé-ferrand"
    assert any("kept first name 'Noe'" in c for c in plan.conflicts)


def test_same_name_different_profiles_are_two_people():
    mine = _stored(first_name="Aiko", last_name="Tanabe", company="Hooli",
                   linkedin_url="https://www.linkedin.com/in/another-aiko")
    plan = plan_import([mine], [_stored(first_name="Aiko", last_name="Tanabe", company="Hooli",
                                        linkedin_url="https://www.linkedin.com/in/aiko-tanabe")])
    assert len(plan.new) == 1 and plan.updated == []


def test_emails_phones_tags_are_added_not_replaced():
    mine = _stored(first_name="Giulia", last_name="Marchetti", emails=["giulia@example.org"],
                   phones=["+39333 1234567"], tags=["alumni"])
    plan = plan_import([mine], load("google", "google_current.csv"))
    [(_, giulia)] = plan.updated
    assert giulia.emails == ["giulia@example.org", "giulia.marchetti@example.it", "g.marchetti@example.com"]
    assert giulia.phones == ["+39333 1234567", "+39 02 1234 5678", "+39 347 000 1111"]  # same digits: one
    assert giulia.tags == ["alumni", "starred", "Mentori"]
    assert plan.uid_map[plan.new[0].uid] == plan.new[0].uid


def test_an_email_of_another_contact_is_not_moved():
    ada = _stored(first_name="Ada", last_name="Verdi", emails=["ada@example.org"])
    bea = _stored(first_name="Bea", last_name="Neri", linkedin_url="https://www.linkedin.com/in/bea-neri")
    incoming = _stored(first_name="Bea", last_name="Neri", linkedin_url="https://www.linkedin.com/in/bea-neri",
                       emails=["ada@example.org"])
    plan = plan_import([ada, bea], [incoming])
    assert plan.updated == [] and len(plan.unchanged) == 1
    assert plan.conflicts == ["Bea Neri: email 'ada@example.org' left out: it belongs to Ada Verdi"]


def test_json_restore_matches_by_uid_and_maps_uids():
    result = load("json", "netui_export.json")
    first = plan_import([], result)
    assert len(first.new) == 2 and first.uid_map == {c.uid: c.uid for c in result.contacts}
    mine = _stored(first_name="Kenji", last_name="Otsuka", emails=["kenji.otsuka@example.jp"])
    plan = plan_import([mine], load("json", "netui_export.json"))
    assert plan.uid_map["0f1e2d3c4b5a6978"] == mine.uid  # re-point Kenji's records to the stored contact
