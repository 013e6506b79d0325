"""The demo network: realistic, complete, stable for a date, and never the user's file."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import TODAY
from textual.widgets import Static

from netui.cli.main import main
from netui.core.errors import NetuiError
from netui.core.followups import follow_ups
from netui.core.models import SOURCES
from netui.io.demo import build_demo, demo_records, temporary_demo
from netui.storage.store import Store
from netui.tui.widgets.contact_table import ContactTable


def test_demo_has_every_source_history_a_due_list_and_an_event(tmp_path):
    path = build_demo(tmp_path / "demo.json", TODAY)
    with Store.open(path, readonly=True) as store:
        contacts = store.contacts()
        assert 25 <= len(contacts) <= 40
        assert {c.source for c in contacts} == set(SOURCES)
        assert {c.tier for c in contacts} == {"key", "network"}
        assert all(c.emails and c.emails[0].rsplit(".", 1)[0].endswith("@example") for c in contacts)
        states = follow_ups(contacts, store.interactions(), store.profile(), TODAY)
        assert sum(s.due for s in states.values()) >= 3
        assert sum(s.to_thank for s in states.values()) >= 2
        assert len(store.interactions()) >= 25
        upcoming = [e for e in store.events() if e.date[:10] >= TODAY.isoformat() and e.status == "planned"]
        assert upcoming and upcoming[0].checklist and upcoming[0].contact_uids
        assert len(store.drafts()) >= 2
        me = store.profile()
        assert me.first_name and me.target_sector and me.current_company
        assert any(c.answers for c in contacts)


def test_demo_is_the_same_for_the_same_day():
    first = demo_records(TODAY)
    again = demo_records(TODAY)
    assert [c.to_doc() for c in first[1]] == [c.to_doc() for c in again[1]]
    assert [i.to_doc() for i in first[2]] == [i.to_doc() for i in again[2]]
    later = demo_records(date(2027, 1, 1))
    assert later[2][0].date > first[2][0].date  # history moves with the day


def test_demo_never_overwrites_a_file(tmp_path):
    real = tmp_path / "netui.json"
    real.write_text('{"precious": {}}', encoding="utf-8")
    with pytest.raises(NetuiError, match="already exists"):
        build_demo(real, TODAY)
    assert real.read_text(encoding="utf-8") == '{"precious": {}}'
    assert main(["demo", "--db", str(real), "--no-tui"]) == 1
    assert real.read_text(encoding="utf-8") == '{"precious": {}}'


def test_demo_command_ignores_the_users_data_file(tmp_path, monkeypatch, capsys):
    real = tmp_path / "real.json"
    monkeypatch.setenv("NETUI_DB", str(real))
    target = tmp_path / "demo.json"
    assert main(["--db", str(real), "demo", "--db", str(target), "--no-tui"]) == 0
    assert target.exists() and not real.exists()
    assert "demo network written" in capsys.readouterr().out
    assert main(["demo", "--no-tui"]) == 1  # nowhere to write: refused, nothing written
    assert not real.exists()


def test_temporary_demo_lives_in_its_own_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_DB", str(tmp_path / "real.json"))
    path, folder = temporary_demo(TODAY)
    try:
        assert path.exists() and path.parent == type(path)(folder.name)
        assert "netui-demo-" in path.parent.name
    finally:
        folder.cleanup()
    assert not path.exists()


async def test_demo_opens_in_the_app_with_a_banner(make_app, db_path):
    build_demo(db_path, TODAY)
    app = make_app(demo=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#banner", Static)
        assert banner.display and "Demo network" in str(banner.content)
        assert "demo network" in app.sub_title
        assert app.screen.query_one(ContactTable).row_count == len(demo_records(TODAY)[1])
        assert "1 upcoming event" in str(app.screen.query_one("#panel-events", Static).content)
