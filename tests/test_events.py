"""Events core and CLI: checklists per kind and language, people met, follow-up batches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from netui.core.errors import NetuiError, ValidationError
from netui.core.models import EVENT_KINDS, EVENT_STATUSES, Contact, Profile
from netui.events import service as core
from netui.events.checklists import load_checklist
from netui.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """No user template or checklist of the machine leaks into a test."""
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "netui.json")
    s.set_profile(Profile(first_name="Ana", last_name="Example", email="ana@example.org", language="en"))
    yield s
    s.close()


def texts(event):
    return [(i.phase, i.text) for i in event.checklist]


# --- creating ---------------------------------------------------------------------

def test_labels_cover_the_vocabularies():
    assert set(core.KIND_LABELS) == set(EVENT_KINDS)
    assert set(core.STATUS_LABELS) == set(EVENT_STATUSES)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_checklist_generated_for_kind_in_profile_language(store, lang):
    store.set_profile(store.profile().copy(language=lang))
    event = core.create_event(store, "Career day", "career_day", "2026-05-14T09:30")
    expected = load_checklist("career_day", lang)
    assert texts(event) == [(i.phase, i.text) for i in expected]
    assert {i.phase for i in event.checklist} == {"before", "during", "after"}
    assert not any(i.done for i in event.checklist)
    webinar = core.create_event(store, "Cloud talk", "webinar", "2026-05-20")
    assert texts(webinar) != texts(event)  # a webinar is not a career day


def test_user_checklist_overrides_the_shipped_one(store, tmp_path):
    folder = tmp_path / "config" / "templates" / "en" / "checklists"
    folder.mkdir(parents=True)
    (folder / "meetup.txt").write_text("[before]\nBring cards\n[after]\nWrite to the host\n", encoding="utf-8")
    event = core.create_event(store, "Python meetup", "meetup", "2026-06-02")
    assert texts(event) == [("before", "Bring cards"), ("after", "Write to the host")]


@pytest.mark.parametrize("kwargs, field", [
    ({"name": "", "kind": "meetup", "when": "2026-05-14"}, "name"),
    ({"name": "   ", "kind": "meetup", "when": "2026-05-14"}, "name"),
    ({"name": "X", "kind": "party", "when": "2026-05-14"}, "kind"),
    ({"name": "X", "kind": "meetup", "when": "2026-13-45"}, "date"),
    ({"name": "X", "kind": "meetup", "when": "2026-02-30"}, "date"),
    ({"name": "X", "kind": "meetup", "when": "14/05/2026"}, "date"),
])
def test_bad_input_is_refused_and_nothing_written(store, kwargs, field):
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as info:
        core.create_event(store, kwargs["name"], kwargs["kind"], kwargs["when"])
    assert info.value.field == field
    assert store.events() == []
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("day, at, expected", [
    ("2026-05-14", "", "2026-05-14"),
    ("2026-05-14", "9:30", "2026-05-14T09:30"),
    (" 2026-05-14 ", "18.05", "2026-05-14T18:05"),
])
def test_join_when(day, at, expected):
    assert core.join_when(day, at) == expected
    assert core.split_when(expected) == (expected[:10], expected[11:16])


@pytest.mark.parametrize("day, at, field", [
    ("", "", "date"), ("2026-13-45", "", "date"), ("2026-05-14", "25:00", "time"),
    ("2026-05-14", "9", "time"), ("2026-05-14", "09:60", "time"),
])
def test_join_when_refuses(day, at, field):
    with pytest.raises(ValidationError) as info:
        core.join_when(day, at)
    assert info.value.field == field


def test_update_event_keeps_checklist_and_validates(store):
    event = core.create_event(store, "Open day", "open_day", "2026-05-14")
    core.toggle_item(store, event.uid, 0)
    changed = core.update_event(store, event.uid, name="Open day (morning)", kind="company_meeting",
                                date="2026-05-15T10:00", location="Via Roma 1", online=False)
    assert changed.name == "Open day (morning)" and changed.kind == "company_meeting"
    assert changed.checklist[0].done and len(changed.checklist) == len(event.checklist)
    with pytest.raises(ValidationError):
        core.update_event(store, event.uid, date="2026-13-45")
    assert store.event(event.uid).date == "2026-05-15T10:00"


def test_status_cycle(store):
    event = core.create_event(store, "Talk", "webinar", "2026-05-14")
    seen = [event.status]
    for _ in range(3):
        event = core.set_status(store, event.uid, core.next_status(event.status))
        seen.append(event.status)
    assert seen == ["planned", "attended", "skipped", "planned"]


# --- the checklist --------------------------------------------------------------------

def test_toggle_add_edit_remove_and_progress(store):
    event = core.create_event(store, "Conf", "conference", "2026-05-14")
    n_before = core.progress(event)["before"].total
    event = core.toggle_item(store, event.uid, 0)
    event = core.toggle_item(store, event.uid, 1)
    event = core.toggle_item(store, event.uid, 1)
    assert [i.done for i in event.checklist[:2]] == [True, False]
    assert core.progress(event)["before"] == core.PhaseProgress("before", 1, n_before)

    event = core.add_item(store, event.uid, "Book the hotel", "before")
    befores = [i.text for i in event.checklist if i.phase == "before"]
    assert befores[-1] == "Book the hotel" and len(befores) == n_before + 1
    assert [i.phase for i in event.checklist] == sorted((i.phase for i in event.checklist),
                                                        key=["before", "during", "after"].index)

    index = next(n for n, i in enumerate(event.checklist) if i.text == "Book the hotel")
    event = core.edit_item(store, event.uid, index, "Book the hotel near the venue")
    assert event.checklist[index].text == "Book the hotel near the venue"
    event = core.edit_item(store, event.uid, 0, "Done thing, now after", "after")
    assert event.checklist[-1].text == "Done thing, now after" and event.checklist[-1].done
    assert event.checklist[-1].phase == "after"

    total = len(event.checklist)
    event = core.remove_item(store, event.uid, 0)
    assert len(event.checklist) == total - 1

    with pytest.raises(ValidationError):
        core.add_item(store, event.uid, "   ", "before")
    with pytest.raises(ValidationError):
        core.add_item(store, event.uid, "Something", "later")
    with pytest.raises(NetuiError):
        core.toggle_item(store, event.uid, 999)
    # all of it is on disk
    with Store.open(store.path, readonly=True) as again:
        assert texts(again.event(event.uid)) == texts(event)
        assert [i.done for i in again.event(event.uid).checklist] == [i.done for i in event.checklist]


def test_add_item_to_an_empty_phase_keeps_phase_order(store):
    folder = store.path.parent / "config" / "templates" / "en" / "checklists"
    folder.mkdir(parents=True)
    (folder / "other.txt").write_text("[after]\nThank the host\n", encoding="utf-8")
    event = core.create_event(store, "Coffee", "other", "2026-05-14")
    event = core.add_item(store, event.uid, "Read their profile", "before")
    event = core.add_item(store, event.uid, "Listen", "during")
    assert [i.phase for i in event.checklist] == ["before", "during", "after"]


# --- people met --------------------------------------------------------------------------

def test_quick_add_contact(store):
    event = core.create_event(store, "Career day", "career_day", "2026-05-14T09:30")
    contact = core.quick_add_contact(store, event.uid, "Bea", "Rossi", email="bea@example.org",
                                     company="Acme", position="Recruiter", notes="Data team")
    assert contact.source == "event" and contact.email == "bea@example.org"
    assert store.event(event.uid).contact_uids == [contact.uid]
    [met] = store.interactions(contact.uid)
    assert met.kind == "event_met" and met.date == "2026-05-14"
    with pytest.raises(NetuiError, match="already belongs to Bea Rossi"):
        core.quick_add_contact(store, event.uid, "Other", email="BEA@example.org")
    with pytest.raises(ValidationError):
        core.quick_add_contact(store, event.uid, "Cy", email="not-an-email")
    assert len(store.contacts()) == 1 and store.event(event.uid).contact_uids == [contact.uid]


def test_link_and_unlink_existing_contact(store):
    event = core.create_event(store, "Meetup", "meetup", "2026-06-02T18:30")
    ada = store.add_contact(Contact(first_name="Ada", last_name="Lovelace", source="alumni"))
    event = core.link_contact(store, event.uid, ada.uid)
    event = core.link_contact(store, event.uid, ada.uid)  # twice: no duplicate
    assert event.contact_uids == [ada.uid]
    assert [(i.kind, i.date) for i in store.interactions(ada.uid)] == [("event_met", "2026-06-02")]
    assert store.contact(ada.uid).source == "alumni"  # an existing contact keeps its source
    event = core.unlink_contact(store, event.uid, ada.uid)
    assert event.contact_uids == [] and store.contact(ada.uid) is not None
    with pytest.raises(NetuiError):
        core.link_contact(store, event.uid, "nope")


def test_delete_event_keeps_contacts(store):
    event = core.create_event(store, "Meetup", "meetup", "2026-06-02")
    contact = core.quick_add_contact(store, event.uid, "Bea", "Rossi")
    core.delete_event(store, event.uid)
    assert store.events() == [] and store.contact(contact.uid) is not None
    assert store.interactions(contact.uid)


# --- follow-ups ------------------------------------------------------------------------------

def test_follow_up_everyone_one_batch_one_day(store):
    event = core.create_event(store, "Career day", "career_day", "2026-05-14T09:30")
    people = [core.quick_add_contact(store, event.uid, f"Person{n}", "Example", email=f"p{n}@example.org")
              for n in range(5)]
    batch = core.follow_up_everyone(store, event.uid, "2026-05-15")
    assert len(batch.drafts) == 5 and not batch.skipped
    drafts = [d for d in store.drafts() if d.batch_uid == batch.batch_uid]
    assert {d.contact_uid for d in drafts} == {p.uid for p in people}
    assert {d.send_on for d in drafts} == {"2026-05-15"}
    assert {d.template for d in drafts} == {"event_follow_up"}
    assert {d.event_uid for d in drafts} == {event.uid}
    assert all(d.lang == "en" and d.status == "draft" for d in drafts)
    for d, p in zip(sorted(drafts, key=lambda d: d.contact_uid), sorted(people, key=lambda p: p.uid)):
        assert p.first_name in d.body and d.subject
    # again: nobody gets a second draft
    again = core.follow_up_everyone(store, event.uid, "2026-05-16")
    assert again.drafts == [] and len(again.skipped) == 5
    assert len(store.drafts()) == 5


def test_follow_up_renders_everyone_before_writing(store):
    event = core.create_event(store, "Career day", "career_day", "2026-05-14")
    core.quick_add_contact(store, event.uid, "Bea", "Rossi")
    store.set_profile(Profile(language="en"))  # no name: the template cannot be filled
    with pytest.raises(NetuiError, match="profile"):
        core.follow_up_everyone(store, event.uid, "2026-05-15")
    assert store.drafts() == []


def test_follow_up_refusals(store):
    event = core.create_event(store, "Career day", "career_day", "2026-05-14")
    with pytest.raises(NetuiError, match="nobody"):
        core.follow_up_everyone(store, event.uid, "2026-05-15")
    core.quick_add_contact(store, event.uid, "Bea")
    with pytest.raises(ValidationError):
        core.follow_up_everyone(store, event.uid, "2026-02-30")
    assert store.drafts() == []


def test_default_send_on():
    from netui.core.models import Event

    event = Event(name="x", date="2026-05-14T09:30")
    assert core.default_send_on(event, date(2026, 5, 10)) == date(2026, 5, 15)
    assert core.default_send_on(event, date(2026, 6, 1)) == date(2026, 6, 1)


# --- the overview panel ----------------------------------------------------------------------------

def test_upcoming_and_pending_after_items(store):
    today = date(2026, 5, 14)
    past = core.create_event(store, "Past day", "career_day", "2026-05-01")
    core.create_event(store, "Skipped", "meetup", "2026-05-02", status="skipped")
    now = core.create_event(store, "Today", "webinar", "2026-05-14T18:00")
    later = core.create_event(store, "Later", "conference", "2026-06-01")
    core.create_event(store, "Later skipped", "conference", "2026-06-02", status="skipped")
    assert [e.name for e in core.upcoming(store, today)] == ["Today", "Later"]
    assert [e.name for e in core.past(store, today)] == ["Skipped", "Past day"]

    pending = core.pending_after_items(store, today)
    assert {p.event.uid for p in pending} == {past.uid, now.uid}
    assert all(p.item.phase == "after" and not p.item.done for p in pending)
    first = next(p for p in pending if p.event.uid == past.uid)
    core.toggle_item(store, past.uid, first.index)
    assert first.index not in {p.index for p in core.pending_after_items(store, today) if p.event.uid == past.uid}
    core.set_status(store, later.uid, "attended")  # attended early: its after items count
    assert later.uid in {p.event.uid for p in core.pending_after_items(store, today)}


# --- CLI ---------------------------------------------------------------------------------------

def netui(*args, db, config):
    env = {k: v for k, v in os.environ.items() if k != "NETUI_DB"}
    env["NETUI_CONFIG_DIR"] = str(config)
    return subprocess.run([sys.executable, "-m", "netui", "--db", str(db), *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_cli_event_add_and_list(tmp_path):
    db, config = tmp_path / "netui.json", tmp_path / "config"
    netui("profile", "--set", "language=it", db=db, config=config)
    result = netui("event", "add", "Career day [Ingegneria]", "--kind", "career_day", "--date",
                   "2026-05-14T09:30", "--location", "Milano", db=db, config=config)
    assert result.returncode == 0, result.stderr
    # the profile speaks Italian, so the command answers in Italian
    assert result.stdout.startswith("aggiunto Career day [Ingegneria] il 14 mag 2026 09:30")
    netui("event", "add", "Cloud talk", "--kind", "webinar", "--date", "2026-05-20", "--url",
          "https://example.org/talk", "--online", db=db, config=config)
    docs = json.loads(netui("events", "--json", db=db, config=config).stdout)
    assert [d["name"] for d in docs] == ["Career day [Ingegneria]", "Cloud talk"]
    first, second = docs
    assert first["kind"] == "career_day" and first["date"] == "2026-05-14T09:30" and first["location"] == "Milano"
    assert [(i["phase"], i["text"]) for i in first["checklist"]] == \
        [(i.phase, i.text) for i in load_checklist("career_day", "it")]
    assert second["online"] is True and second["url"] == "https://example.org/talk" and "uid" in second
    listing = netui("events", db=db, config=config)
    assert listing.returncode == 0
    assert "Career day [Ingegneria]" in listing.stdout and "Cloud talk" in listing.stdout
    assert "14 mag 2026 09:30" in listing.stdout and "20 mag 2026" in listing.stdout  # dates read in Italian


@pytest.mark.parametrize("args, fragment", [
    (["event", "add", "X", "--kind", "party", "--date", "2026-05-14"], "kind"),
    (["event", "add", "X", "--kind", "meetup", "--date", "2026-13-45"], "2026-13-45"),
    (["event", "add", "", "--kind", "meetup", "--date", "2026-05-14"], "name"),
    (["event", "add", "  ", "--kind", "meetup", "--date", "2026-05-14"], "name"),
    (["event", "add", "X", "--kind", "meetup"], "--date"),
])
def test_cli_event_add_bad_input(tmp_path, args, fragment):
    db, config = tmp_path / "netui.json", tmp_path / "config"
    netui("events", db=db, config=config)  # the file exists
    before = db.read_bytes() if db.exists() else None
    result = netui(*args, db=db, config=config)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert fragment in result.stderr
    assert (db.read_bytes() if db.exists() else None) == before


def test_cli_events_empty(tmp_path):
    result = netui("events", db=tmp_path / "netui.json", config=tmp_path / "config")
    assert result.returncode == 0 and result.stdout.strip() == "no events"
