"""The Posts view (key 6), the check-up in it, the overview panel's visibility lines and
Compose with a LinkedIn template: Pilot tests on real files, and snapshots at 80x24 and
120x36."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import webbrowser
from datetime import date, timedelta

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from netui.core.models import Contact, Post, Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.screens.compose import ComposeScreen
from netui.tui.screens.posts import PostForm, PostsScreen
from netui.tui.widgets.network_panel import NetworkPanel
from tests.conftest import reopen
from tests.support.pilot import plain, settle, switch_to

TODAY = date(2026, 3, 18)  # a Wednesday of 2026-W12
SMALL, LARGE = (80, 24), (120, 36)


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def make_store(tmp_path, posts=(), **profile) -> Store:
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", target_sector="data science",
                              language="en", **profile))
    for post in posts:
        store.add_post(post)
    return store


HISTORY = (
    Post(topic="Takeaways from the Green Jobs Day", kind="article", date="2026-03-11",
         url="https://example.org/a/1", created_at="2026-03-11T10:00:00+01:00"),
    Post(topic="Comment on a post about grid data", kind="comment", date="2026-03-04",
         created_at="2026-03-04T10:00:00+01:00"),
    Post(topic="What my thesis taught me about forecasting", created_at="2026-03-01T10:00:00+01:00"),
)


def app_for(store: Store) -> NetuiApp:
    return NetuiApp(store, today=TODAY, handle_signals=False)


def rows(table: DataTable) -> list[list[str]]:
    return [[getattr(cell, "plain", str(cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


# --- the Posts view -------------------------------------------------------------------

async def test_posts_view_reads_dates_in_italian(tmp_path):
    """Italian: the posts' days and the check-up's date read "11 mar 2026", not ISO."""
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", language="it"))
    for post in HISTORY:
        store.add_post(post)
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await switch_to(pilot, "posts", PostsScreen)
        assert [r[0] for r in rows(screen.query_one("#v-posts", DataTable))][1:] == ["11 mar 2026", "4 mar 2026"]
    store.close()


def test_the_check_up_line_reads_its_date_the_language_s_way():
    from netui.core import i18n
    from netui.core.models import Checkup
    from netui.events.checkup import Status

    status = Status(Checkup(items=[], lang="it", due="2026-06-16"), date(2026, 6, 16), TODAY)
    assert status.line() == "next check-up in 90 days (16 Jun 2026)"
    i18n.set_language("it")
    try:
        assert "16 giu 2026" in status.line()
    finally:
        i18n.set_language("en")

async def test_posts_view_shows_week_streak_nudge_and_ideas(tmp_path):
    store = make_store(tmp_path, HISTORY)
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await switch_to(pilot, "posts", PostsScreen)
        summary = plain(screen.query_one("#v-summary", Static))
        assert "0 of 1 post this week (2026-W12)" in summary and "streak 2 weeks" in summary
        assert "one more post this week" in summary and "pick one of your ideas" in summary
        table = screen.query_one("#v-posts", DataTable)
        assert [r[:3] for r in rows(table)] == [
            ["idea", "Post", "What my thesis taught me about forecasting"],
            ["11 Mar 2026", "Article", "Takeaways from the Green Jobs Day"],
            ["4 Mar 2026", "Comment", "Comment on a post about grid data"],
        ]
        assert not screen.query_one("#v-empty").display
    store.close()


async def test_add_edit_and_delete_a_post_reach_the_file(tmp_path):
    path = tmp_path / "netui.json"
    store = make_store(tmp_path)
    async with app_for(store).run_test(size=SMALL) as pilot:
        screen = await switch_to(pilot, "posts", PostsScreen)
        assert screen.query_one("#v-empty").display
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, PostForm) and form.query_one("#f-date", Input).value == "2026-03-18"
        form.query_one("#f-date", Input).value = "2026-02-30"
        form.query_one("#f-topic", Input).focus()
        await pilot.press(*"My first post", "enter")
        await settle(pilot)
        assert "not a valid date" in plain(form.query_one("#form-error", Static))  # the form stays open
        form.query_one("#f-date", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        [idea] = reopen(path).posts()
        assert idea.topic == "My first post" and idea.date is None
        # Edit it: give it today's date, and it counts this week.
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#f-date", Input).value = "2026-03-17"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert reopen(path).posts()[0].date == "2026-03-17"
        assert "1 of 1 post this week" in plain(screen.query_one("#v-summary", Static))
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(pilot)
        assert reopen(path).posts() == []
    store.close()


async def test_ticking_the_whole_check_up_completes_the_round(tmp_path):
    path = tmp_path / "netui.json"
    store = make_store(tmp_path, checkup_every_days=90)
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await switch_to(pilot, "posts", PostsScreen)
        status = plain(screen.query_one("#v-checkup-status", Static))
        assert "check-up due now: 0 of 15 done" in status
        await pilot.press("space")  # from the posts list: go to the check-up
        table = screen.query_one("#v-checkup", DataTable)
        assert screen.focused is table
        await pilot.press("down")  # past the section title, onto item 1
        detail = plain(screen.query_one("#v-checkup-detail", Static))
        assert detail.startswith("Search your full name on Google")
        await pilot.press("space")
        await settle(pilot)
        assert [i.done for i in reopen(path).checkup().items][:2] == [True, False]
        assert "1 of 15 done" in plain(screen.query_one("#v-checkup-status", Static))
        await pilot.press("space")  # untick
        await settle(pilot)
        assert not any(i.done for i in reopen(path).checkup().items)
        for _ in range(20):  # every item, skipping the section titles
            await pilot.press("space")
            await settle(pilot)
            await pilot.press("down")
            if reopen(path).checkup().completed:
                break
        saved = reopen(path).checkup()
        assert saved.completed == [TODAY.isoformat()]
        assert saved.due == (TODAY + timedelta(days=90)).isoformat()
        assert "next check-up in 90 days" in plain(screen.query_one("#v-checkup-status", Static))
        assert any("Check-up complete" in n.message for n in pilot.app._notifications)
    store.close()


async def test_overview_panel_shows_the_week_streak_and_check_up(tmp_path):
    store = make_store(tmp_path, HISTORY)
    store.add_contact(Contact(first_name="Ada", last_name="Lovelace", tier="key"))
    async with app_for(store).run_test(size=LARGE) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        panel = pilot.app.screen.query_one(NetworkPanel)
        text = plain(panel.query_one("#panel-visibility", Static))
        assert "0 of 1 post this week · streak 2 weeks" in text
        assert "post, comment or start a discussion" in text and "check-up due" in text
        await switch_to(pilot, "posts", PostsScreen)
        await pilot.press("a")
        await pilot.pause()
        pilot.app.screen.query_one("#f-topic", Input).value = "Today's post"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.pause(0.2)
        text = plain(pilot.app.screen.query_one("#panel-visibility", Static))
        assert "1 of 1 post this week · streak 3 weeks" in text and "discussion" not in text
    store.close()


# --- Compose with a LinkedIn template -----------------------------------------------------

async def open_compose(pilot, *args, **kwargs) -> ComposeScreen:
    await pilot.pause()
    pilot.app.push_screen(ComposeScreen(*args, **kwargs))
    await pilot.pause()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ComposeScreen)
    return screen


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_compose_linkedin_note_counts_live_and_warns_over_the_limit(tmp_path, size):
    store = make_store(tmp_path, linkedin_note_limit=200)
    ada = store.add_contact(Contact(first_name="Ada", last_name="Lovelace", company="Globex"))
    async with app_for(store).run_test(size=size) as pilot:
        screen = await open_compose(pilot, ada.uid, template="linkedin_note")
        assert not screen.query_one("#c-subject-row").display
        counter = screen.query_one("#c-counter")
        assert counter.display and counter.region.width > 0  # on screen at this size
        size_now = len(screen.body.strip())
        assert plain(counter) == f"note {size_now}/200"
        assert "Subject" not in plain(screen.query_one("#c-preview"))
        body = screen.query_one("#c-body", TextArea)
        body.move_cursor(body.document.end)
        await pilot.press(*("x" * (200 - size_now)))  # on the line after "Thank you, Ana": one newline more
        await settle(pilot)
        assert plain(counter) == "note 201/200  too long"
        checks = plain(screen.query_one("#c-checks"))
        assert "LinkedIn's limit is 200" in checks and "linkedin_note_limit" in checks
        await pilot.press("ctrl+o")  # refused: LinkedIn would not send it
        await settle(pilot)
        assert any("shorten it by 1" in n.message for n in pilot.app._notifications)
        await pilot.press("backspace")
        await settle(pilot)
        assert plain(counter) == "note 200/200"
    store.close()


async def test_handoff_without_url_says_so_and_sent_logs_a_linkedin_message(tmp_path, monkeypatch):
    from netui.tui.dialogs.draft_dialogs import TextModal

    monkeypatch.delenv("DISPLAY", raising=False)  # no clipboard: the text is shown to copy by hand
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    path = tmp_path / "netui.json"
    store = make_store(tmp_path)
    ada = store.add_contact(Contact(first_name="Ada", last_name="Lovelace"))
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await open_compose(pilot, ada.uid, template="linkedin_message")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert any("Ada Lovelace has no LinkedIn profile URL" in n.message for n in pilot.app._notifications)
        assert isinstance(pilot.app.screen, TextModal)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        await pilot.press("f4")
        await settle(pilot)
        uid = screen.draft_uid
    fresh = reopen(path)
    [logged] = fresh.interactions(ada.uid)
    assert logged.kind == "message" and logged.extra["channel"] == "linkedin" and logged.draft_uid == uid
    assert fresh.draft(uid).subject == "" and fresh.draft(uid).template == "linkedin_message"
    fresh.close()
    store.close()


@pytest.fixture
def xvfb(monkeypatch):
    """A real X server (for a real clipboard), on a display it picks itself."""
    binary = shutil.which("Xvfb")
    if binary is None or shutil.which("xclip") is None:
        pytest.skip("Xvfb and xclip are needed (apt-get install xvfb xclip)")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([binary, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
                             "320x240x24"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready, "Xvfb did not start within 10 s"
        display = ":" + os.read(read_end, 64).decode().strip()
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield display
    finally:
        os.close(read_end)
        proc.terminate()
        proc.wait(timeout=5)


async def test_handoff_copies_and_opens_the_profile_in_the_browser(tmp_path, xvfb, monkeypatch):
    record = tmp_path / "opened.txt"
    browser = tmp_path / "record-browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    # webbrowser reads $BROWSER once per process: make it read it again for this test.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    store = make_store(tmp_path)
    sara = store.add_contact(Contact(first_name="Sara", last_name="Conti",
                                     linkedin_url="https://www.linkedin.com/in/sara-conti"))
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await open_compose(pilot, sara.uid, template="linkedin_note")
        await pilot.press("ctrl+o")
        for _ in range(100):
            await settle(pilot)
            if record.exists() and any("paste the text there" in n.message for n in pilot.app._notifications):
                break
        assert record.read_text().splitlines() == ["https://www.linkedin.com/in/sara-conti"]
        copied = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True, timeout=5,
                                env={**os.environ, "DISPLAY": xvfb}).stdout.decode()
        assert copied.strip() == screen.body.strip() and copied.startswith("Hi Sara,")
        assert store.draft(screen.draft_uid).status == "copied"
    store.close()


# --- snapshots ----------------------------------------------------------------------------

def snapshot_store(tmp_path) -> Store:
    store = make_store(tmp_path, HISTORY)
    store.add_contact(Contact(uid="ada", first_name="Ada", last_name="Lovelace", company="Globex",
                              position="Head of Data"))
    from netui.events import checkup

    checkup.set_done(store, [1, 2, 5], today=TODAY)
    return store


async def steady(pilot) -> None:
    await settle(pilot)
    pilot.app.sub_title = "netui.json"
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_posts_view_snapshot(snap_compare, tmp_path, size):
    store = snapshot_store(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.press("6")
        await steady(pilot)

    assert snap_compare(app_for(store), run_before=run_before, terminal_size=size)
    store.close()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
def test_compose_linkedin_snapshot(snap_compare, tmp_path, size):
    store = snapshot_store(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(ComposeScreen("ada", template="linkedin_note",
                                            variables={"detail": "We met at the Green Jobs Day in Milan, "
                                                                 "where you spoke about forecasting wind "
                                                                 "power from satellite data"}))
        await steady(pilot)

    assert snap_compare(app_for(store), run_before=run_before, terminal_size=size)
    store.close()


async def test_drafts_list_names_a_linkedin_text_instead_of_a_missing_subject(tmp_path):
    from netui.core.models import Draft
    from netui.tui.screens.drafts import DraftsScreen

    store = make_store(tmp_path)
    ada = store.add_contact(Contact(first_name="Ada", last_name="Lovelace", emails=["ada@example.org"]))
    store.add_draft(Draft(contact_uid=ada.uid, template="linkedin_note", lang="en", body="Hi Ada"))
    store.add_draft(Draft(contact_uid=ada.uid, template="generic", lang="en", body="Dear Ada"))
    async with app_for(store).run_test(size=LARGE) as pilot:
        screen = await switch_to(pilot, "drafts", DraftsScreen)
        subjects = sorted(r[5] for r in rows(screen.query_one(DataTable)))
        assert subjects == ["(LinkedIn note)", "(no subject)"]
    store.close()
