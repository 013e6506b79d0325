"""The demo network: realistic, complete, stable for a date, and never the user's file."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import TODAY
from textual.widgets import Static

from netui.cli.main import main
from netui.core.errors import NetuiError
from netui.core.followups import follow_ups
from netui.core.models import SOURCES
from netui.io.demo import build_demo, demo_records, temporary_demo
from netui.outreach.drafting import render
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


# --- the demo in Italian ---------------------------------------------------------------

#: Common English words that Italian text never uses (words both languages share,
#: like "a", "in", "me", "team", "start-up", are left out).
ENGLISH_WORDS = frozenset("""
    the and with my his her him she he they them for about on at to of is are was were
    be been has have had will would can could you your our we from by this that these those
    which who what when where after before during each every everyone within over into
    asked sent met works working thanked thank thanks told offered talked suggested replied
    call meeting lunch run runs friend aunt cousin neighbour manager's boss wrote letter
    print list ask write bring follow companies collect stands roles role energy wind solar
    grid forecasting forecast talk dinner alumni's notes detailed portfolio's question promised
    here dear hi again family friends work university sailing hydro recruiter community
""".split())


def _italian_text(records) -> list[str]:
    """Every free text of the Italian demo a user reads: notes, summaries, checklists, drafts."""
    profile, contacts, interactions, events, drafts = records
    texts = [profile.current_position, profile.time_in_role, profile.current_sector, profile.target_sector,
             profile.target_position, profile.target_location, profile.target_work_type,
             *profile.company_traits, *profile.experiences, *profile.questions]
    for c in contacts:
        texts += [c.position, c.sector, c.location, c.notes, *c.tags, *c.answers.values()]
        texts += [f"{k.get('name', '')} {k.get('note', '')}" for k in c.knows_at]
    texts += [i.summary for i in interactions]
    for e in events:
        texts += [e.name, e.location, e.notes, *(item.text for item in e.checklist)]
    texts += [t for d in drafts for t in (d.subject, d.body)]
    return [t for t in texts if t]


def _shape(records) -> dict:
    """What must not depend on the language: who, where from, when, what kind, how many."""
    profile, contacts, interactions, events, drafts = records
    return {
        "contacts": [(c.uid, c.name, c.company, c.emails, c.source, c.relationship, c.tier, c.keep_in_touch_days,
                      len(c.tags), bool(c.notes), sorted(c.answers), c.introduced_by, c.past_companies,
                      [k["company"] for k in c.knows_at], c.connected_on) for c in contacts],
        "interactions": [(i.uid, i.contact_uid, i.kind, i.date) for i in interactions],
        "events": [(e.uid, e.kind, e.date, e.status, e.online, e.url, e.contact_uids,
                    [(item.phase, item.done) for item in e.checklist]) for e in events],
        "drafts": [(d.uid, d.contact_uid, d.template, d.status, d.send_on) for d in drafts],
        "profile": (profile.first_name, profile.email, profile.current_company, profile.target_companies,
                    len(profile.company_traits), len(profile.experiences), len(profile.questions)),
    }


def test_italian_demo_has_the_same_shape_as_the_english_one(tmp_path):
    english, italian = demo_records(TODAY, "en"), demo_records(TODAY, "it")
    assert _shape(italian) == _shape(english)
    states = {}
    for lang in ("en", "it"):
        path = build_demo(tmp_path / f"demo-{lang}.json", TODAY, lang)
        with Store.open(path, readonly=True) as store:
            found = follow_ups(store.contacts(), store.interactions(), store.profile(), TODAY)
            states[lang] = (sorted(uid for uid, s in found.items() if s.due),
                            sorted(uid for uid, s in found.items() if s.to_thank),
                            [(e.uid, e.date, e.status) for e in store.events()])
    assert states["it"] == states["en"]
    assert len(states["it"][0]) >= 3 and len(states["it"][1]) >= 2
    assert demo_records(TODAY, "it")[1][5].to_doc() == italian[1][5].to_doc()  # stable for a day


def test_italian_demo_speaks_italian_through_and_through():
    english, italian = demo_records(TODAY, "en"), demo_records(TODAY, "it")
    assert italian[0].language == "it" and english[0].language == "en"
    assert {d.lang for d in italian[4]} == {"it"}
    offenders = {text: sorted(found) for text in _italian_text(italian)
                 if (found := set(re.findall(r"[a-z']+", text.lower())) & ENGLISH_WORDS)}
    assert offenders == {}
    # the word list does catch the English demo
    assert sum(bool(set(re.findall(r"[a-z']+", t.lower())) & ENGLISH_WORDS) for t in _italian_text(english)) > 50
    # every note, summary and checklist item was translated, not copied
    for en, it in zip(english[1], italian[1]):
        assert (en.notes == it.notes == "") or en.notes != it.notes
    assert all(en.summary != it.summary for en, it in zip(english[2], italian[2]))
    assert all(a.text != b.text for en, it in zip(english[3], italian[3])
               for a, b in zip(en.checklist, it.checklist))
    assert "Mia zia" in italian[1][0].notes


@pytest.mark.parametrize("lang, greetings, sector", [("it", ("Ciao ", "Gentile "), "energie rinnovabili"),
                                                     ("en", ("Hi ", "Dear "), "renewable energy")])
def test_demo_drafts_render_with_the_shipped_templates(tmp_path, monkeypatch, lang, greetings, sector):
    """Every demo draft reopens in the editor: its template renders with what the draft keeps."""
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))  # no user override
    profile, contacts, _interactions, _events, drafts = demo_records(TODAY, lang)
    by_uid = {c.uid: c for c in contacts}
    for draft in drafts:
        email = render(draft.template, draft.lang, profile, by_uid[draft.contact_uid], None, draft.variables,
                       today=TODAY)
        assert email.origin == "shipped" and email.lang == lang
        assert email.subject and email.body.startswith(greetings)
        assert sector in email.body and "Alex Bianchi" in email.body


def test_demo_command_follows_the_interface_language(tmp_path, monkeypatch, capsys):
    assert main(["--lang", "it", "demo", "--db", str(tmp_path / "it.json"), "--no-tui"]) == 0
    assert "rete dimostrativa scritta" in capsys.readouterr().out
    monkeypatch.setenv("NETUI_LANG", "it")
    assert main(["demo", "--db", str(tmp_path / "env.json"), "--no-tui"]) == 0
    for name in ("it.json", "env.json"):
        with Store.open(tmp_path / name, readonly=True) as store:
            assert store.profile().language == "it"
            assert store.contacts()[0].notes.startswith("Mia zia")
            upcoming = next(e for e in store.events() if e.status == "planned")
            assert upcoming.checklist[0].text == "Stampa dieci copie del CV"
    monkeypatch.delenv("NETUI_LANG")
    capsys.readouterr()
    assert main(["--lang", "it", "demo", "--help"]) == 0
    shown = capsys.readouterr().out
    assert "rete dimostrativa" in shown and "--no-tui" in shown


async def test_italian_demo_opens_in_the_app_in_italian(make_app, db_path):
    build_demo(db_path, TODAY, "it")
    app = make_app(demo=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Rete dimostrativa" in str(app.screen.query_one("#banner", Static).content)
        assert app.screen.query_one(ContactTable).row_count == len(demo_records(TODAY, "it")[1])
        assert "1 evento in arrivo" in str(app.screen.query_one("#panel-events", Static).content)
