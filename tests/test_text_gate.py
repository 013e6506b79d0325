"""Property tests of the text gate: random text full of control characters goes in through
`netui add`, the importers and the model, and no control character comes out on standard
output or in an exported file where its format forbids it."""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.cli.main import main
from netui.core.models import Checkup, ChecklistItem, Contact, Event, Post
from netui.core.text import (
    UNSAFE_LINE,
    UNSAFE_MULTILINE,
    clean_line,
    clean_multiline,
    terminal_safe,
)
from netui.events.ics import events_to_ics
from netui.io.exporters import FORMULA_STARTS, export_csv, export_vcard
from netui.io.importers import parse_bytes
from netui.storage.store import Store

#: What an attacker would put in a name: terminal sequences, C1, bidi overrides, line breaks.
NASTY = st.sampled_from(["\x1b]52;c;ZWNobw==\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\x9d0;x\x9c", "\u202e",
                         "\u2066", "\x00", "\x7f", "\r", "\n", "\r\n", "\x0b", "\x0c", "\x85", "\t", "\x08",
                         "=cmd|", "+", "@SUM(", "-", ";", ",", "\\", "\"", "<", ">"])
CHARS = st.characters(min_codepoint=0, max_codepoint=0x2100, blacklist_categories=("Cs",))
nasty_text = st.lists(st.one_of(NASTY, CHARS, st.sampled_from("Ada Rossi éü漢😀")), max_size=20).map("".join)
#: A command-line argument can also hold bytes that are not UTF-8: Python gives them as lone
#: surrogates (U+DC80-U+DCFF), which no file or terminal can hold.
UNDECODABLE = st.sampled_from(["\udcff", "\udc80", "\udcc3", "\udce9"])
argv_text = st.lists(st.one_of(NASTY, UNDECODABLE, CHARS, st.sampled_from("Ada Rossi éü漢😀")),
                     max_size=20).map("".join)
PROFILE = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def clean_output(text: str) -> bool:
    """Printed lines: nothing a terminal acts on but the line ends."""
    return not UNSAFE_MULTILINE.search(text)


@PROFILE
@given(argv_text, argv_text)
def test_add_then_contacts_never_prints_a_control_character(name, company):
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "netui.json")
        code, out, err = run("--db", db, "add", name + " Rossi", "--company", company)
        assert clean_output(out) and clean_output(err) and "internal error" not in err, err
        if code == 0:
            with Store.open(db, readonly=True) as store:
                (contact,) = store.contacts()
                for value in (contact.first_name, contact.last_name, contact.company, *contact.emails):
                    assert not UNSAFE_LINE.search(value)
        for listing in (("contacts",), ("contacts", "--json")):
            code, out, err = run("--db", db, *listing)
            assert code == 0 and clean_output(out) and clean_output(err)


@PROFILE
@given(st.lists(st.tuples(nasty_text, nasty_text, nasty_text), min_size=1, max_size=4))
def test_imports_keep_no_control_character(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for first, last, company in rows:
        writer.writerow([first, last, "", "", company, "Boss", "01 Jan 2024"])
    cards = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{first.replace(chr(10), ' ')} X\r\n"
                    f"ORG:{company.replace(chr(10), ' ')}\r\nNOTE:{last.replace(chr(10), ' ')}\\nmore\r\nEND:VCARD\r\n"
                    for first, last, company in rows)
    for kind, data in (("linkedin", buffer.getvalue()), ("vcard", cards)):
        try:
            result = parse_bytes(kind, data.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - a refusal is fine; a control character is not
            assert clean_output(terminal_safe(str(exc)))
            continue
        for contact in result.contacts:
            for value in (contact.first_name, contact.last_name, contact.company, contact.position,
                          *contact.emails, *contact.phones, *contact.tags):
                assert not UNSAFE_LINE.search(value), (kind, value)
            assert not UNSAFE_MULTILINE.search(contact.notes)


def nasty_contact(first: str, last: str, company: str, notes: str) -> Contact:
    contact = Contact(first_name=first, last_name=last, company=company, notes=notes, tags=[company or "t"])
    if not (clean_line(first).strip() or clean_line(last).strip() or clean_line(company).strip()):
        contact.company = "Acme"
    return contact.validate()


@PROFILE
@given(st.lists(st.tuples(nasty_text, nasty_text, nasty_text, nasty_text), min_size=1, max_size=4))
def test_exports_hold_no_control_character_where_the_format_forbids_it(people):
    contacts = [nasty_contact(*fields) for fields in people]
    vcard = export_vcard(contacts)
    assert not UNSAFE_MULTILINE.search(vcard.replace("\r\n", "")) and "\n" not in vcard.replace("\r\n", "")
    table = export_csv(contacts)
    assert not UNSAFE_MULTILINE.search(table.replace("\r\n", ""))
    for row in list(csv.reader(io.StringIO(table, newline="")))[1:]:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
    events = [Event(name=clean_line(c.name) or "x", notes=c.notes, location=c.company, date="2026-05-14").validate()
              for c in contacts]
    ics = events_to_ics(events, tz=None).decode("utf-8")
    assert not UNSAFE_MULTILINE.search(ics.replace("\r\n", "")) and "\n" not in ics.replace("\r\n", "")


@given(nasty_text)
def test_the_gate_is_idempotent_and_keeps_letters(text):
    once = clean_line(text)
    assert clean_line(once) == once and not UNSAFE_LINE.search(once)
    assert clean_multiline(clean_multiline(text)) == clean_multiline(text)
    kept = "".join(ch for ch in text if ch.isalnum())
    assert "".join(ch for ch in once if ch.isalnum()) == kept


@given(nasty_text)
def test_the_cli_output_gate_lets_nothing_through(text):
    """Stored text that never met the gate (a file of an older netui, read without checks)."""
    from netui.cli.output import safe_json

    assert clean_output(terminal_safe(text)) and "\n" not in terminal_safe(text)
    assert clean_output(terminal_safe(text, multiline=True))
    dumped = safe_json({"name": text, "list": [text]})
    assert clean_output(dumped.replace("\n", " "))
    assert __import__("json").loads(dumped) == {"name": text, "list": [text]}  # still the same data


# --- any document a hand edit or a sync tool can leave --------------------------------------

ANY = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                             nasty_text, st.sampled_from(["2026-02-30", "12", "", "key", "linkedin", "--12-25"])),
                   lambda inner: st.one_of(st.lists(inner, max_size=3),
                                           st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                   max_leaves=6)


#: A valid document of each table the test varies, before its fields are changed.
BASES = {
    Contact: lambda uid: Contact(uid=uid, first_name="x").to_doc(),
    Event: lambda uid: Event(uid=uid).to_doc(),
    Post: lambda uid: Post(uid=uid, topic="x", date="2026-01-05").to_doc(),
    Checkup: lambda uid: Checkup(items=[ChecklistItem(text="x", phase="search")], due="2026-01-05").to_doc(),
}


def _doc(cls, uid, changes):
    doc = BASES[cls](uid)
    doc.update(changes)
    return doc


def _changes(cls, most):
    return st.dictionaries(st.sampled_from(sorted(BASES[cls]("u"))), ANY, max_size=most)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_changes(Contact, 4), min_size=1, max_size=6), st.lists(_changes(Event, 3), max_size=3),
       st.lists(_changes(Post, 3), max_size=3), st.lists(_changes(Checkup, 3), max_size=2))
def test_any_field_of_any_type_never_crashes_what_reads_the_records(contact_changes, event_changes,
                                                                    post_changes, checkup_changes):
    from netui.core.followups import follow_ups
    from netui.core.posts import nudge, summary_line, visibility
    from netui.core.textsearch import contact_key, matches
    from netui.events import checkup
    from netui.storage.store import serialize

    data = {"meta": {"1": {"schema_version": 1}},
            "contacts": {str(n): _doc(Contact, f"c{n}", ch) for n, ch in enumerate(contact_changes, 1)},
            "events": {str(n): _doc(Event, f"e{n}", ch) for n, ch in enumerate(event_changes, 1)},
            "posts": {str(n): _doc(Post, f"p{n}", ch) for n, ch in enumerate(post_changes, 1)},
            "checkup": {str(n): _doc(Checkup, "", ch) for n, ch in enumerate(checkup_changes, 1)}}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "netui.json"
        path.write_bytes(serialize(data))
        for command in ("posts", "checkup"):  # what the CLI prints of them
            code, out, err = run("--db", str(path), command)
            assert code == 0 and clean_output(out) and clean_output(err), (command, err)
        with Store.open(path, readonly=True) as store:
            posts = store.posts()
            state = visibility(posts, 2, today=date(2026, 1, 7))
            summary_line(state), nudge(state)
            status = checkup.current(store, today=date(2026, 1, 7))
            status.line()
            for item in status.checkup.items:
                assert not UNSAFE_LINE.search(item.text)
            for post in posts:
                assert not UNSAFE_LINE.search(post.topic + post.url + post.notes)
                post.copy().validate()
            contacts = store.contacts()
            sorted(contacts, key=lambda c: (c.last_name.casefold(), c.first_name.casefold()))
            [matches(contact_key(c), "ro") for c in contacts]
            follow_ups(contacts, store.interactions(), store.profile())
            export_vcard(contacts)
            export_csv(contacts)
            events_to_ics(store.events(), tz=None)
            total = len(contacts) + len(store.events()) + len(posts) + len(store.documents()["checkup"]) \
                + len(store.quarantine())
            generated = len(contact_changes) + len(event_changes) + len(post_changes) + len(checkup_changes)
            assert total == generated  # every record kept or set aside
            for contact in contacts:
                contact.copy().validate()  # what is kept is what the model accepts
