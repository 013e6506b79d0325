"""Data from outside (an import, a sync tool, a hand edit) never breaks netui or the user's terminal.

Each test reproduces a finding from outside: a real data file written as another
program would, the installed `netui` command in a subprocess, or the app under Pilot.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from netui.core.models import Contact, Event, Interaction
from netui.core.text import UNSAFE_MULTILINE
from netui.storage import recovery
from netui.storage.store import Store, serialize

ROOT = Path(__file__).resolve().parent.parent
NETUI = Path(sys.executable).parent / "netui"  # the installed console script
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
CLEAR = "\x1b[2J"
TERMINAL_BYTES = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e")


def netui(*args: str, db: Path, config: Path | None = None, timeout: float = 60,
          columns: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "DISPLAY", "WAYLAND_DISPLAY")}
    env["NETUI_CONFIG_DIR"] = str(config or db.parent / "config")
    if columns is not None:  # a terminal this wide: `contacts` cuts long names to fit the width
        env["COLUMNS"] = str(columns)
    return subprocess.run([str(NETUI), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout)


def no_terminal_controls(text: str) -> bool:
    return not any(ch in text for ch in TERMINAL_BYTES) and not UNSAFE_MULTILINE.search(text.replace("\r\n", "\n"))


def raw_file(path: Path, **tables: dict) -> Path:
    """A data file as another program (or a hand edit) leaves it: no model in between."""
    data = {"meta": {"1": {"schema_version": 1}}, **tables}
    path.write_bytes(serialize(data))
    return path


def contact_doc(uid: str, first: str, last: str = "Rossi", **more) -> dict:
    doc = Contact(uid=uid, first_name="x", last_name=last).to_doc()
    doc["first_name"] = first
    doc.update(more)
    return doc


# --- 1. terminal escapes ----------------------------------------------------------------------

def test_add_strips_terminal_escapes_and_contacts_prints_none(tmp_path):
    db = tmp_path / "netui.json"
    added = netui("add", f"Eve{OSC52} Hacker{CLEAR} <eve@example.org>", db=db)
    assert added.returncode == 0, added.stderr
    assert no_terminal_controls(added.stdout)
    with Store.open(db, readonly=True) as store:
        (eve,) = store.contacts()
        assert eve.first_name == "Eve]52;c;ZWNobyBwd25lZA==" and eve.last_name == "Hacker[2J"
    listed = netui("contacts", db=db, columns=200)
    assert listed.returncode == 0 and "Hacker" in listed.stdout
    assert no_terminal_controls(listed.stdout)


def test_names_stored_by_an_older_netui_never_reach_the_terminal_raw(tmp_path):
    db = raw_file(tmp_path / "netui.json", contacts={
        "1": contact_doc("a1", f"Eve{OSC52}", f"Bidi\u202eevil{CLEAR}", company="C1\x9b31m"),
    })
    for args in (("contacts",), ("contacts", "--json"), ("log", "a1", "--kind", "call"), ("doctor",)):
        result = netui(*args, db=db)
        assert result.returncode == 0, (args, result.stderr)
        assert no_terminal_controls(result.stdout) and no_terminal_controls(result.stderr), args
    with Store.open(db, readonly=True) as store:
        (eve,) = store.contacts()
        assert no_terminal_controls(eve.name + eve.company)  # cleaned on load, for the TUI too


def test_linkedin_and_vcard_imports_strip_escapes(tmp_path):
    db = tmp_path / "netui.json"
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        f"Eve{OSC52},Doe{CLEAR},,,Acme\x9b,Boss,01 Jan 2024\n", encoding="utf-8")
    vcf = tmp_path / "cards.vcf"
    vcf.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vic{OSC52} Card\r\nN:Card;Vic;;;\r\n"
                   f"NOTE:line one\\nline{CLEAR} two\r\nEND:VCARD\r\n", encoding="utf-8")
    assert netui("import", "linkedin", str(csv_file), db=db).returncode == 0
    result = netui("import", "vcard", str(vcf), db=db)
    assert result.returncode == 0, result.stderr
    raw = db.read_text(encoding="utf-8")
    assert "\\u001b" not in raw and "\\u0007" not in raw and "\x9b" not in raw
    with Store.open(db, readonly=True) as store:
        vic = next(c for c in store.contacts() if c.last_name == "Card")
        assert vic.notes == "line one\nline[2J two"  # the newline of a note stays


async def test_tui_contact_form_shows_no_control_characters(make_app, db_path):
    from textual.widgets import Input

    from netui.tui.screens.contact import ContactScreen

    raw_file(db_path, contacts={"1": contact_doc("a1", f"Eve{OSC52}", f"Doe{CLEAR}", notes="ok\x1b[31m")})
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContactScreen)
        values = [widget.value for widget in screen.query(Input)]
        assert any("Eve" in v for v in values)
        assert all(no_terminal_controls(v) for v in values)
        # Text pasted into a field (Input keeps control characters) is cleaned when saved.
        first = next(w for w in screen.query(Input) if "Eve" in w.value)
        first.value = f"Eva{OSC52}"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store.open(db_path, readonly=True) as store:
        (eve,) = store.contacts()
        assert eve.first_name == "Eva]52;c;ZWNobyBwd25lZA=="


# --- 2. templates that never finish -----------------------------------------------------------

def test_a_template_of_nested_loops_is_stopped_within_seconds(tmp_path):
    db, config = tmp_path / "netui.json", tmp_path / "config"
    assert netui("add", "Ada Lovelace <ada@example.org>", db=db, config=config).returncode == 0
    assert netui("profile", "--set", "first_name=Ana", db=db, config=config).returncode == 0
    folder = config / "templates" / "en"
    folder.mkdir(parents=True)
    (folder / "generic.txt.j2").write_text(
        "Subject: hi\n\n{% set s = 'x' * 200000 %}"
        "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}done\n", encoding="utf-8")
    started = time.monotonic()
    result = netui("draft", "Ada", "--template", "generic", "--print", db=db, config=config, timeout=30)
    assert time.monotonic() - started < 10
    assert result.returncode != 0
    assert "took more than 1 s" in result.stderr and "generic" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# --- 3. a file changed on disk --------------------------------------------------------------

def test_a_touched_file_is_saved_again(db_path):
    with Store.open(db_path) as store:
        store.add_contact(Contact(first_name="Ada"))
        later = time.time() + 5
        os.utime(db_path, (later, later))  # `touch netui.json`
        store.add_contact(Contact(first_name="Bea"))  # saves: no ConflictError
        assert not store.dirty and store.take_merge_report() is None
        store.add_contact(Contact(first_name="Cy"))
    with Store.open(db_path, readonly=True) as again:
        assert sorted(c.first_name for c in again.contacts()) == ["Ada", "Bea", "Cy"]


def test_a_sync_tool_change_is_merged_and_a_conflict_keeps_both_versions(db_path):
    with Store.open(db_path) as store:
        ada = store.add_contact(Contact(first_name="Ada", company="Old"))
        bea = store.add_contact(Contact(first_name="Bea"))
        # Another device's netui (through a sync tool) changes Ada's company, deletes nobody,
        # and adds Cy; meanwhile this netui edits Ada's company too and Bea's position.
        other = subprocess.run([sys.executable, "-c", (
            "import sys; from netui.storage.store import Store; from netui.core.models import Contact\n"
            "import netui.storage.store as s\n"
            "st = Store.open(sys.argv[1], readonly=True)\n"
            "st.readonly = False; st._lock.acquire = lambda: None\n"
            "a = st.contact(sys.argv[2]); st.update_contact(a.copy(company='Theirs'))\n"
            "st.add_contact(Contact(first_name='Cy'))\n"), str(db_path), ada.uid],
            capture_output=True, text=True, cwd=ROOT)
        assert other.returncode == 0, other.stderr
        with store.deferred():
            store.update_contact(store.contact(ada.uid).copy(company="Mine"))
            store.update_contact(store.contact(bea.uid).copy(position="CTO"))
        store.save()
        report = store.take_merge_report()
    assert report.taken == 1 and [c.key for c in report.conflicts] == [("contacts", ada.uid)]
    with Store.open(db_path, readonly=True) as again:
        by_name = {c.first_name: c for c in again.contacts()}
        assert set(by_name) == {"Ada", "Bea", "Cy"}
        assert by_name["Ada"].company == "Mine" and by_name["Bea"].position == "CTO"
    kept = orjson.loads(report.conflict_path.read_bytes())
    assert [c["company"] for c in kept["contacts"]] == ["Theirs"]  # nothing lost
    assert kept["conflicts"] == [{"table": "contacts", "uid": ada.uid, "deleted": False}]


async def test_terminate_with_a_failing_save_keeps_the_edits_in_the_recovery_file(make_app, db_path):
    app = make_app(contacts=[Contact(uid="ada", first_name="Ada")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        store = app.store
        db_path.write_bytes(b'{"contacts": {')  # half-written by something else: never overwritten
        with store.deferred():
            store.update_contact(store.contact("ada").copy(company="Unsaved Ltd"))
        app.handle_terminate_signal(None)
    assert db_path.read_bytes() == b'{"contacts": {'
    (entry,) = recovery.load(db_path)
    assert entry["kind"] == "records"
    assert entry["tables"]["contacts"]["ada"]["company"] == "Unsaved Ltd"
    app.store.close()  # the process has ended; the damage is repaired by hand
    db_path.write_bytes(serialize({"meta": {"1": {"schema_version": 1}},
                                   "contacts": {"1": Contact(uid="ada", first_name="Ada").to_doc()}}))
    from netui.tui.dialogs.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:  # the next start offers them back
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 changed record not saved" in str(app.screen.query_one("#confirm-message").content)
        await pilot.press("y")
        await pilot.pause()
    with Store.open(db_path, readonly=True) as store:
        assert store.contact("ada").company == "Unsaved Ltd"
    assert recovery.load(db_path) == []


# --- 4. duplicate uids ------------------------------------------------------------------------

def test_two_records_with_one_uid_are_both_kept(tmp_path):
    db = raw_file(tmp_path / "netui.json", contacts={"1": contact_doc("same", "Ada"), "2": contact_doc("same", "Bea")})
    result = netui("add", "Cy", db=db)
    assert result.returncode == 0
    assert "uid same is also used by document 1" in result.stderr
    with Store.open(db, readonly=True) as store:
        names = {c.first_name: c.uid for c in store.contacts()}
    assert set(names) == {"Ada", "Bea", "Cy"} and names["Ada"] == "same" and names["Bea"] != "same"


# --- 5. records of the wrong type ---------------------------------------------------------------

def test_wrong_types_are_set_aside_named_and_repaired_by_doctor(tmp_path):
    db = raw_file(tmp_path / "netui.json", contacts={
        "1": contact_doc("good", "Ada"),
        "2": contact_doc("bad", 12345, last_name="Numero"),
    }, events={"1": {**Event(uid="ev", name="Fair").to_doc(), "date": 12}})
    listed = netui("contacts", db=db)
    assert listed.returncode == 0, listed.stderr
    assert "internal error" not in listed.stderr
    assert "contacts document 2" in listed.stderr and "first_name: expected text, got int" in listed.stderr
    assert "Ada" in listed.stdout
    exported = netui("export", "vcard", db=db)
    assert exported.returncode == 0 and "FN:Ada Rossi" in exported.stdout
    doctor = netui("doctor", db=db)
    assert doctor.returncode == 0
    assert "first_name: expected text, got int" in doctor.stdout and "events document 1" in doctor.stdout
    repaired = netui("doctor", "--repair", db=db)
    assert repaired.returncode == 0, repaired.stderr
    assert "put back" in repaired.stdout
    with Store.open(db, readonly=True) as store:
        assert sorted(c.first_name for c in store.contacts()) == ["12345", "Ada"]
        assert store.load_problems == []
        (left,) = store.quarantine().values()  # the event dated 12 is no date: kept aside, not lost
        assert left["table"] == "events" and left["document"]["date"] == 12


async def test_an_event_dated_with_a_number_and_a_numeric_name_do_not_crash_the_app(make_app, db_path):
    from netui.tui.screens.events import EventsScreen
    from tests.support.pilot import switch_to

    raw_file(db_path, contacts={"1": contact_doc("a1", "Ada"), "2": contact_doc("bad", 12345)},
             events={"1": {**Event(uid="ev", name="Fair").to_doc(), "date": 12}})
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ad")
        await pilot.pause()
        await switch_to(pilot, "events", EventsScreen)
        problems = "\n".join(app.store.load_problems)
        assert "events document 1" in problems and "contacts document 2" in problems


def test_a_non_numeric_document_id_and_a_negative_schema(tmp_path):
    db = raw_file(tmp_path / "netui.json", contacts={"abc": contact_doc("a1", "Ada"), "3": contact_doc("b1", "Bea")})
    result = netui("add", "Cy", db=db)
    assert result.returncode == 0, result.stderr
    assert "document 'abc': not a number" in result.stderr
    with Store.open(db, readonly=True) as store:
        assert sorted(c.first_name for c in store.contacts()) == ["Ada", "Bea", "Cy"]
    bad = tmp_path / "bad.json"
    bad.write_bytes(serialize({"meta": {"1": {"schema_version": -1}}}))
    result = netui("contacts", db=bad)
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert "schema_version -1" in result.stderr and result.stderr.count("\n") == 1


# --- 6. CSV formula injection -------------------------------------------------------------------

def test_csv_export_neutralises_formulas_unless_raw(tmp_path):
    db = raw_file(tmp_path / "netui.json", contacts={
        "1": contact_doc("a1", '=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", company="@SUM(1+1)",
                         phones=["+39 333 1234567"]),
    })
    safe = netui("export", "csv", db=db)
    assert safe.returncode == 0
    row = safe.stdout.splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(") and ",'@SUM(1+1)," in row and "'+39 333" in row
    assert "\"'+cmd|" in row or ",'+cmd|" in row
    raw = netui("export", "csv", "--raw", db=db)
    assert raw.stdout.splitlines()[1].startswith('"=HYPERLINK(')
    # Our own importer reads the neutralised file back as it was.
    exported = tmp_path / "out.csv"
    exported.write_text(safe.stdout, encoding="utf-8")
    other = tmp_path / "other.json"
    assert netui("import", "google", str(exported), db=other).returncode == 0
    with Store.open(other, readonly=True) as store:
        (back,) = store.contacts()
        assert back.company == "@SUM(1+1)" and back.phones == ["+39 333 1234567"]


# --- 7. vCard line injection --------------------------------------------------------------------

def test_a_uid_with_a_line_break_never_becomes_a_vcard_line(tmp_path):
    db = tmp_path / "netui.json"
    payload = {"format": "netui-export", "contacts": [
        {"uid": "abc\r\nEMAIL:evil@example.org", "first_name": "Ada", "last_name": "Rossi"}]}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(payload), encoding="utf-8")
    result = netui("import", "json", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "is not a netui id" in result.stdout and "1 new" in result.stdout
    exported = netui("export", "vcard", db=db).stdout
    assert "\r\nEMAIL:" not in exported and "evil" not in exported
    # The same uid written into the file by hand: set aside on load, never exported.
    hand = raw_file(tmp_path / "hand.json", contacts={"1": contact_doc("abc\r\nEMAIL:evil@example.org", "Ada")})
    exported = netui("export", "vcard", db=hand)
    assert "EMAIL:evil" not in exported.stdout and "contacts document 1" in exported.stderr
    ics = netui("export", "ics", db=raw_file(tmp_path / "ev.json", events={
        "1": {**Event(uid="e1", name="Fair\r\nATTENDEE:mailto:evil@example.org", date="2026-05-14").to_doc()}}))
    assert "\r\nATTENDEE" not in ics.stdout.replace("\n", "\r\n").replace("\r\r", "\r")


# --- 10. imports that never lose rows silently ----------------------------------------------

def test_an_unclosed_quote_skips_one_row_and_the_rest_come_in(tmp_path):
    db = tmp_path / "netui.json"
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        'Ada,"Love,,,,,01 Jan 2024\n'
                        "Bob,Smith,,,,,02 Jan 2024\n"
                        "Cy,Doe,,,,,03 Jan 2024\n", encoding="utf-8")
    result = netui("import", "linkedin", str(csv_file), db=db)
    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout and "line 2: a quote is never closed" in result.stdout
    with Store.open(db, readonly=True) as store:
        assert sorted(c.name for c in store.contacts()) == ["Bob Smith", "Cy Doe"]


def test_a_nested_vcard_and_bad_netui_values_are_counted(tmp_path):
    db = tmp_path / "netui.json"
    vcf = tmp_path / "cards.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer Card\r\n"
                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Inner Card\r\nEND:VCARD\r\n"
                   "X-NETUI-TIER:royal\r\nX-NETUI-KEEP-IN-TOUCH-DAYS:soon\r\nEND:VCARD\r\n", encoding="utf-8")
    result = netui("import", "vcard", str(vcf), db=db)
    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout
    assert "inside another card" in result.stdout
    assert "X-NETUI-TIER 'royal'" in result.stdout and "X-NETUI-KEEP-IN-TOUCH-DAYS 'soon'" in result.stdout


# --- 11. dates in the future ------------------------------------------------------------------

def test_an_interaction_in_the_future_is_refused(tmp_path):
    db = tmp_path / "netui.json"
    assert netui("add", "Ada <ada@example.org>", db=db).returncode == 0
    future = (date.today() + timedelta(days=150)).isoformat()
    result = netui("log", "Ada", "--kind", "call", "--date", future, db=db)
    assert result.returncode == 1 and "in the future" in result.stderr and result.stderr.count("\n") == 1
    assert netui("log", "Ada", "--kind", "call", db=db).returncode == 0


def test_people_linked_to_an_upcoming_event_are_met_once_it_happens(db_path):
    from netui.events import service

    with Store.open(db_path) as store:
        ada = store.add_contact(Contact(first_name="Ada"))
        soon = (date.today() + timedelta(days=30)).isoformat()
        event = store.add_event(Event(name="Fair", date=soon))
        service.link_contact(store, event.uid, ada.uid)
        assert store.interactions(ada.uid) == []  # not met yet: nothing in the future
        service.set_status(store, event.uid, "attended")
        (met,) = store.interactions(ada.uid)
        assert met.kind == "event_met" and met.date == date.today().isoformat()
        with pytest.raises(Exception, match="in the future"):
            store.add_interaction(Interaction(contact_uid=ada.uid, kind="call", date=soon))


# --- 12. a newline in `netui add` ----------------------------------------------------------

def test_a_newline_in_add_keeps_the_email_out_of_the_name(tmp_path):
    db = tmp_path / "netui.json"
    result = netui("add", "Line\nBreak <m@x.org>", db=db)
    assert result.returncode == 0, result.stderr
    with Store.open(db, readonly=True) as store:
        (c,) = store.contacts()
    assert (c.first_name, c.last_name, c.emails) == ("Line", "Break", ["m@x.org"])


def test_a_file_edited_after_netui_saved_it_is_checked_again(tmp_path):
    """Saves leave a stamp so that a start skips the checks of a file netui wrote itself;
    an edit afterwards (same size or not) does not match it, and the file is checked."""
    from netui.storage import integrity

    db = tmp_path / "netui.json"
    assert netui("add", "Ada Rossi", db=db).returncode == 0
    assert integrity.stamp_path(db).exists()
    with Store.open(db, readonly=True) as store:
        assert store._stamped and store.load_problems == []
    same_size = db.read_bytes().replace(b'"first_name": "Ada"', b'"first_name": 12345')
    db.write_bytes(same_size)
    listed = netui("contacts", db=db)
    assert listed.returncode == 0 and "first_name: expected text, got int" in listed.stderr


def test_a_touch_after_loading_a_repaired_file_loses_nothing(tmp_path):
    """Records cleaned, renamed or set aside on load differ from the disk: a merge (after a
    touch) must keep them as they are in memory, not read the disk's versions back."""
    db = raw_file(tmp_path / "netui.json", contacts={
        "1": contact_doc("same", "Ada"), "2": contact_doc("same", "Bea"),
        "3": contact_doc("esc", f"Eve{CLEAR}"), "4": contact_doc("bad", 12345)})
    with Store.open(db) as store:
        later = time.time() + 5
        os.utime(db, (later, later))
        store.add_contact(Contact(first_name="Cy"))
        assert store.take_merge_report() is None
    with Store.open(db, readonly=True) as again:
        assert sorted(c.first_name for c in again.contacts()) == ["Ada", "Bea", "Cy", "Eve[2J"]
        (aside,) = again.quarantine().values()
        assert aside["document"]["first_name"] == 12345


async def test_the_app_merges_a_sync_and_says_so(make_app, db_path):
    from textual.widgets import Input

    app = make_app(contacts=[Contact(uid="ada", first_name="Ada", company="Analytical Engines"),
                             Contact(uid="bob", first_name="Bob")])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        other = db_path.read_bytes().replace(b'"first_name": "Bob"', b'"first_name": "Roberto"')
        db_path.write_bytes(other)  # a sync tool brings another device's edit
        os.utime(db_path, ns=(1, 1))
        form.query_one("#input-position", Input).value = "Countess"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("changed by another program" in m and "1 record changed on disk taken" in m
                   for m in messages), messages
        assert "UNSAVED" not in app.sub_title
    with Store.open(db_path, readonly=True) as store:
        assert store.contact("ada").position == "Countess" and store.contact("bob").first_name == "Roberto"


async def test_a_looping_template_in_the_app_is_stopped_and_the_app_quits(tmp_path, monkeypatch):
    """`c` on a contact with a user template of nested loops used to freeze the app beyond
    ctrl+q; the render is now stopped after about a second and says why."""
    from textual.widgets import Static

    from netui.core.models import Profile
    from netui.tui.app import NetuiApp
    from netui.tui.screens.compose import ComposeScreen

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    folder = tmp_path / "config" / "templates" / "en"
    folder.mkdir(parents=True)
    (folder / "generic.txt.j2").write_text(
        "Subject: hi\n\n{% set s = 'x' * 200000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}\n",
        encoding="utf-8")
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", language="en"))
    ada = store.add_contact(Contact(first_name="Ada", emails=["ada@example.org"]))
    app = NetuiApp(store, handle_signals=False)
    started = time.monotonic()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ComposeScreen(ada.uid, template="generic"))
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, ComposeScreen):
                break
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        shown = " ".join(str(getattr(w.content, "plain", w.content)) for w in screen.query(Static))
        assert "took more than 1 s" in shown and "template generic" in shown
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert time.monotonic() - started < 20
    store.close()


async def test_typing_a_looping_template_never_holds_the_screen(tmp_path, monkeypatch):
    """In the live template editor, each change renders in a thread: a template of nested
    loops typed there leaves the keys answering at once, and the preview then says why it
    was stopped."""
    from netui.core.models import Profile
    from netui.tui.app import NetuiApp
    from netui.tui.screens.compose import ComposeScreen
    from netui.tui.widgets.live_text import LiveText

    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", target_sector="data", language="en"))
    ada = store.add_contact(Contact(first_name="Ada", emails=["ada@example.org"]))
    app = NetuiApp(store, handle_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ComposeScreen(ada.uid, template="generic"))
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, ComposeScreen) and app.screen._ready:
                break
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await pilot.press("ctrl+t")  # the template editor
        await pilot.pause()
        source = screen.query_one("#c-source")
        source.focus()
        source.load_text("Subject: hi\n\n{% set s = 'x' * 200000 %}{% for a in s %}{% for b in s %}"
                         "{% endfor %}{% endfor %}\n")  # its render starts now and runs a second
        # The screen's own loop keeps turning meanwhile (Pilot's press would wait for the
        # process to be idle, so the loop's gaps are measured instead).
        worst, last, until = 0.0, time.monotonic(), time.monotonic() + 1.5
        while time.monotonic() < until:
            await asyncio.sleep(0.005)
            now = time.monotonic()
            worst, last = max(worst, now - last), now
        assert worst < 0.3, worst  # rendered on the screen's thread, the loop would stop for 1 s
        checks = ""
        for _ in range(60):
            await pilot.pause(0.1)
            checks = screen.query_one("#c-checks", LiveText).content.plain
            if "took more than 1 s" in checks:
                break
        assert "took more than 1 s" in checks
    store.close()
