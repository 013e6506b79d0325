"""The same-day batch core: create, progress, warnings, mark sent."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.core.errors import DraftingError, NetuiError, ValidationError
from netui.core.followups import follow_up
from netui.core.models import Contact, Profile
from netui.outreach import batch, sending
from netui.storage.store import Store

DAY = "2026-05-12"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))
    opened = Store.open(tmp_path / "netui.json")
    opened.set_profile(Profile(first_name="Ana", last_name="Bianchi", target_sector="data science"))
    yield opened
    opened.close()


def key_contacts(store, n=3):
    names = ["Ada", "Bea", "Cy", "Dan", "Eve"][:n]
    return [store.add_contact(Contact(first_name=name, last_name="Test", emails=[f"{name.lower()}@x.org"],
                                      tier="key")) for name in names]


def test_create_batch_one_draft_each_same_day(store):
    people = key_contacts(store)
    made = batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "call"})
    assert len(made.drafts) == 3
    assert {d.send_on for d in made.drafts} == {DAY}
    assert {d.batch_uid for d in made.drafts} == {made.batch_uid}
    assert all(d.template == "personal" and d.status == "draft" for d in made.drafts)
    assert {d.contact_uid for d in made.drafts} == {c.uid for c in people}
    assert "Hi Ada," in next(d.body for d in made.drafts if d.contact_uid == people[0].uid)
    assert batch.progress(store, made.batch_uid).label == "0 of 3 sent"


def test_create_batch_is_all_or_nothing(store):
    people = key_contacts(store)
    with pytest.raises(DraftingError, match="missing ask"):
        batch.create_batch(store, [c.uid for c in people], DAY)
    assert store.drafts() == []
    with pytest.raises(ValidationError):
        batch.create_batch(store, [c.uid for c in people], "2026-02-30", variables={"ask": "call"})
    with pytest.raises(NetuiError, match="at least one"):
        batch.create_batch(store, [], DAY)


def test_create_batch_twice_skips_pending(store):
    people = key_contacts(store, 2)
    batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "cv"})
    again = batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "cv"})
    assert again.drafts == [] and len(again.skipped) == 2
    assert len(store.drafts()) == 2


def test_mark_sent_logs_interaction_and_progress(store):
    people = key_contacts(store)
    made = batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "call"})
    first = batch.batch_drafts(store, made.batch_uid)[0]
    interaction = sending.mark_sent(store, first.uid, today=date(2026, 5, 12))
    assert interaction.kind == "email_sent" and interaction.date == DAY and interaction.draft_uid == first.uid
    assert store.draft(first.uid).status == "sent"
    state = follow_up(store.contact(first.contact_uid), store.interactions(first.contact_uid), store.profile(),
                      today=date(2026, 5, 12))
    assert state.last_contact == date(2026, 5, 12)
    assert batch.progress(store, made.batch_uid).label == "1 of 3 sent"
    with pytest.raises(NetuiError, match="already"):
        sending.mark_sent(store, first.uid)
    assert len(store.interactions(first.contact_uid)) == 1
    # the next unsent one, wrapping round
    following = batch.next_unsent(store, made.batch_uid, first.uid)
    assert following is not None and following.uid != first.uid and following.status != "sent"


def test_mark_sent_before_the_day_logs_today(store):
    [ada] = key_contacts(store, 1)
    made = batch.create_batch(store, [ada.uid], DAY, variables={"ask": "call"})
    interaction = sending.mark_sent(store, made.drafts[0].uid, today=date(2026, 5, 10))
    assert interaction.date == "2026-05-10"


def test_split_and_end_of_day_warnings(store):
    people = key_contacts(store)
    made = batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "call"})
    drafts = batch.batch_drafts(store, made.batch_uid)
    assert batch.check_send_on(store, drafts[0], DAY) == []
    [split] = batch.check_send_on(store, drafts[0], "2026-05-13")
    assert "2 days" in split.message and "nobody feels second" in split.message
    morning = batch.end_of_day_warnings(store, datetime(2026, 5, 12, 9, 0))
    assert morning == []
    sending.mark_sent(store, drafts[0].uid, today=date(2026, 5, 12))
    evening = batch.end_of_day_warnings(store, datetime(2026, 5, 12, 18, 0))
    assert [w.code for w in evening] == ["batch_end_of_day"]
    assert "2 drafts" in evening[0].message and "1 of 3 sent" in evening[0].message
    later = batch.end_of_day_warnings(store, datetime(2026, 5, 13, 9, 0))
    assert [w.code for w in later] == ["batch_overdue"]
    store.update_draft(store.draft(drafts[1].uid).copy(send_on="2026-05-14"))
    assert "batch_split" in [w.code for w in batch.end_of_day_warnings(store, datetime(2026, 5, 12, 9))]
    batch.set_send_on(store, made.batch_uid, DAY)
    assert batch.progress(store, made.batch_uid).days == (DAY,)


def test_similar_in_batch(store):
    people = key_contacts(store, 2)
    made = batch.create_batch(store, [c.uid for c in people], DAY, variables={"ask": "call"})
    found = batch.similar_in_batch(store, made.batch_uid)
    assert len(found) == 1 and "read" in found[0].message and "%" in found[0].message
    first = made.drafts[0]
    different = "Completely different words about a conference we both attended in Turin last spring."
    assert batch.similar_in_batch(store, made.batch_uid, {first.uid: different}) == []
