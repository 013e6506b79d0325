"""The reputation and privacy check-up: its items in en and it, ticking, and a completed
round moving the due date on; through the installed command and the service."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from netui.core.errors import ChecklistError, NetuiError
from netui.core.models import CHECKUP_SECTIONS, Profile
from netui.events import checkup
from netui.storage.store import Store
from tests.conftest import reopen
from tests.support.cli import run_netui


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(folder))
    return folder


@pytest.mark.parametrize("lang", ["en", "it"])
def test_shipped_list_covers_the_advice(lang):
    items = checkup.load_items(lang)
    assert {i.phase for i in items} == set(CHECKUP_SECTIONS)
    text = "\n".join(i.text for i in items).casefold()
    for needle in ({"en": "google", "it": "google"}, {"en": "photo", "it": "foto"},
                   {"en": "headline", "it": "titolo"}, {"en": "cv", "it": "cv"},
                   {"en": "connections", "it": "collegamenti"}, {"en": "email", "it": "email"},
                   {"en": "instagram", "it": "instagram"}, {"en": "old posts", "it": "vecchi post"}):
        assert needle[lang] in text, needle[lang]
    assert all(not i.done for i in items)


def test_a_user_copy_wins_and_a_bad_one_names_file_and_line(config):
    folder = config / "templates" / "it" / "checklists"
    folder.mkdir(parents=True)
    (folder / "checkup.txt").write_text("[ricerca]\nCercati su Google\n[pulizia]\nVecchi post\n", encoding="utf-8")
    items = checkup.load_items("it")
    assert [(i.phase, i.text) for i in items] == [("search", "Cercati su Google"), ("cleanup", "Vecchi post")]
    (folder / "checkup.txt").write_text("[before]\nSomething\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        checkup.load_items("it")
    assert "checkup.txt, line 1: unknown section [before]" in str(caught.value)
    assert "[search], [profile], [privacy] or [cleanup]" in str(caught.value)


def test_the_next_round_reads_the_list_again_in_the_profile_language(tmp_path):
    store = Store.open(tmp_path / "netui.json")
    day = date(2026, 3, 16)
    status = checkup.set_done(store, [1], today=day)
    assert status.checkup.lang == "en"
    store.set_profile(Profile(language="it"))
    assert checkup.current(store, today=day).checkup.lang == "en"  # a round under way keeps its list
    status = checkup.set_done(store, list(range(1, status.total + 1)), today=day)
    assert status.checkup.lang == "it" and status.checkup.items[0].text.startswith("Cerca il tuo nome")
    assert checkup.section_title(status.checkup.items[0].phase, "it") == "Cercati"
    store.close()


def test_ticking_all_completes_the_round_and_moves_due_on(tmp_path):
    path = tmp_path / "netui.json"
    store = Store.open(path)
    store.set_profile(Profile(language="it", checkup_every_days=60))
    day = date(2026, 3, 16)
    first = checkup.current(store, today=day)
    assert first.is_due and first.due == day and first.checkup.lang == "it"
    assert store.checkup() is None  # looking does not write
    status = checkup.set_done(store, [1, 3], today=day)
    assert status.done == 2 and status.checkup.due == "2026-03-16"
    with pytest.raises(NetuiError, match="no check-up item 99"):
        checkup.set_done(store, [99], today=day)
    later = day + timedelta(days=5)
    status = checkup.set_done(store, list(range(1, status.total + 1)), today=later)
    assert status.due == later + timedelta(days=60) and not status.is_due
    assert status.checkup.completed == [later.isoformat()] and status.done == 0
    assert status.checkup.lang == "it" and status.checkup.items[0].text.startswith("Cerca")
    store.close()
    on_disk = reopen(path)
    assert on_disk.checkup().due == (later + timedelta(days=60)).isoformat()
    on_disk.close()


def test_cli_lists_ticks_and_moves_due_90_days(tmp_path, config):
    db = tmp_path / "netui.json"
    listed = run_netui("checkup", "--json", db=db, config=config)
    assert listed.returncode == 0, listed.stderr
    doc = json.loads(listed.stdout)
    today = date.today()
    assert doc["due"] == today.isoformat() and doc["is_due"] and doc["every_days"] == 90
    assert len(doc["items"]) >= 10 and not any(i["done"] for i in doc["items"])
    ticked = json.loads(run_netui("checkup", "--tick", "2", "--json", db=db, config=config).stdout)
    assert [i["number"] for i in ticked["items"] if i["done"]] == [2]
    text = run_netui("checkup", db=db, config=config).stdout
    assert "1 of" in text and "[x] " in text
    bad = run_netui("checkup", "--tick", "0", db=db, config=config)
    assert bad.returncode == 1 and "no check-up item 0" in bad.stderr and "Traceback" not in bad.stderr
    ticks = [a for n in range(1, len(doc["items"]) + 1) for a in ("--tick", str(n))]
    done = run_netui("checkup", *ticks, "--json", db=db, config=config)
    assert done.returncode == 0, done.stderr
    after = json.loads(done.stdout)
    assert date.fromisoformat(after["due"]) - date.fromisoformat(doc["due"]) == timedelta(days=90)
    assert not after["is_due"] and after["completed"] == [today.isoformat()]
    assert not any(i["done"] for i in after["items"])  # the next round starts fresh
    assert "check-up complete" in done.stderr
    assert "next check-up in 90 days" in run_netui("checkup", db=db, config=config).stdout
