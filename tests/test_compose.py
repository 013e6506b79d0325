"""The Compose screen, driven by the keyboard (Pilot)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Footer, Input, Select, Static, TextArea

from netui.core.models import Contact, Profile
from netui.storage.store import Store
from netui.tui.app import NetuiApp
from netui.tui.dialogs.confirm import ConfirmScreen as Confirm
from netui.tui.dialogs.draft_dialogs import PathPrompt, TextModal
from netui.tui.screens.compose import ComposeScreen
from tests.support.pilot import settle

SIZE = (120, 36)
TODAY = date(2026, 5, 10)


@pytest.fixture(autouse=True)
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(tmp_path / "config"))


def open_store(tmp_path) -> Store:
    store = Store.open(tmp_path / "netui.json")
    store.set_profile(Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org",
                              target_sector="data science", language="en"))
    return store


def add(store, first="Ada", last="Lovelace", **kw) -> Contact:
    kw.setdefault("emails", [f"{first.lower()}@example.org"])
    return store.add_contact(Contact(first_name=first, last_name=last, **kw))


async def open_compose(pilot, *args, **kwargs) -> ComposeScreen:
    await pilot.pause()
    pilot.app.push_screen(ComposeScreen(*args, **kwargs))
    await pilot.pause()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ComposeScreen)
    return screen


def text_of(screen, selector: str) -> str:
    """What a Static shows, as plain text (user text is never markup)."""
    content = screen.query_one(selector, Static).content
    return getattr(content, "plain", content)


async def test_compose_generic_to_a_mentor_shows_the_checks(tmp_path):
    store = open_store(tmp_path)
    ada = add(store, relationship="mentor", tier="key")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, ada.uid, template="generic")
        assert screen.query_one("#c-template", Select).value == "generic"
        assert "data science" in screen.query_one("#c-subject", Input).value
        preview = text_of(screen, "#c-preview")
        assert "To: ada@example.org" in preview and "Dear Ada," in preview
        checks = text_of(screen, "#c-checks")
        assert "never send them the generic email" in checks
        assert "key contact" in checks
    store.close()


async def test_live_preview_follows_typing(tmp_path):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        body = screen.query_one("#c-body", TextArea)
        assert screen.focused is body
        body.move_cursor(body.document.end)
        await pilot.press(*"PS [Company name] here")
        await settle(pilot)
        preview = text_of(screen, "#c-preview")
        assert "PS [Company name] here" in preview
        assert "text left in brackets: [Company name]" in text_of(screen, "#c-checks")
        # the subject too
        screen.query_one("#c-subject", Input).focus()
        await pilot.press("end", *" - hello")
        await settle(pilot)
        assert "could I ask your advice? - hello" in text_of(screen, "#c-preview")
    store.close()


async def test_a_key_and_its_preview_are_drawn_in_one_frame(tmp_path):
    """Each letter typed in the body is drawn with the preview and the checks in a single
    frame: nothing is left for a later frame (which comes up to 1/60 s after), no layout
    while the preview keeps its number of lines, and the footer is not rebuilt (its keys
    stay the same widgets)."""
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    app = NetuiApp(store, today=TODAY)
    frames = [0]

    def drawn() -> None:  # Textual calls it after each frame, headless too
        frames[0] += 1

    app.post_display_hook = drawn  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        body = screen.query_one("#c-body", TextArea)
        body.cursor_blink = False  # a blink would be a frame of its own
        body.move_cursor(body.document.end)
        await pilot.press("P")  # the first change also marks the draft unsaved
        await settle(pilot)
        keys = list(screen.query_one(Footer).children)
        assert keys
        layouts = [0]

        def laid_out(_screen) -> None:
            layouts[0] += 1

        screen.screen_layout_refresh_signal.subscribe(screen, laid_out, immediate=True)
        typed = "P"
        for key in "S thanks":
            before = frames[0]
            await pilot.press(key if key != " " else "space")
            await settle(pilot)
            typed += key
            assert frames[0] - before == 1, f"{key!r} took {frames[0] - before} frames"
            assert layouts == [0], f"{key!r} made a layout"
            assert body.text.endswith(typed) and body.text in text_of(screen, "#c-preview")
        assert list(screen.query_one(Footer).children) == keys
        subject = screen.query_one("#c-subject", Input)
        subject.cursor_blink = False
        subject.focus()
        await pilot.press("end")
        await settle(pilot)
        before = frames[0]
        await pilot.press("exclamation_mark")  # the subject too (an Input lays out at every key)
        await settle(pilot)
        assert frames[0] - before == 1
        assert f"Subject: {subject.value}" in text_of(screen, "#c-preview") and subject.value.endswith("!")
    store.close()


async def test_a_long_preview_scrolls_and_grows_with_the_body(tmp_path):
    """A preview longer than its box scrolls (keyboard), and a new line typed in the body
    makes it one line taller (a letter does not re-lay it out, a line does)."""
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        body = screen.query_one("#c-body", TextArea)
        body.load_text("\n".join(f"line {n}" for n in range(60)))
        await settle(pilot)
        box = screen.query_one("#c-preview-box", VerticalScroll)
        preview = screen.query_one("#c-preview", Static)
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        height = preview.size.height
        body.move_cursor(body.document.end)
        await pilot.press("enter", *"the end")  # a new line: the preview is laid out again
        await settle(pilot)
        assert preview.size.height == height + 1
        box.focus()
        await pilot.press("end")
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()  # "end" scrolls smoothly
        assert box.scroll_y == box.max_scroll_y > 0
        last = preview.size.height - 1  # the preview's last line is in view, and is the new one
        assert box.scroll_y <= last < box.scroll_y + box.scrollable_content_region.height
        assert preview.render_line(last).text.strip() == "the end"
        # An edit in the middle repaints that line, and the lines drawn are all up to date.
        body.move_cursor((10, 0))
        body.focus()
        await pilot.press("X")
        await settle(pilot)
        drawn = [strip.text.rstrip() for strip in preview.render_lines(Region(0, 0, *preview.size))]
        lines = body.text.split("\n")  # short lines: one preview line each, at the end
        assert drawn[-len(lines):] == lines and lines[10] == "Xline 10"
        assert "line 10" not in drawn
    store.close()


async def test_personal_ask_renders_and_ctrl_s_saves(tmp_path):
    store = open_store(tmp_path)
    ada = add(store, tier="key")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, ada.uid)
        assert screen.query_one("#c-template", Select).value == "personal"  # a key contact
        assert "missing ask" in text_of(screen, "#c-preview")
        assert screen.focused is screen.query_one("#c-ask", Input)
        await pilot.press(*"cv")
        await settle(pilot)
        assert screen.query_one("#c-subject", Input).value == "Would you look at my CV?"
        assert "missing ask" not in text_of(screen, "#c-preview")
        assert "CV" in text_of(screen, "#c-checks")  # mentions the CV, no cv_path
        screen.query_one("#c-send-on", Input).focus()
        await pilot.press(*"2026-05-12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        uid = screen.draft_uid
        assert uid
    with Store.open(tmp_path / "netui.json", readonly=True) as fresh:
        draft = fresh.draft(uid)
        assert draft.subject == "Would you look at my CV?" and draft.template == "personal"
        assert draft.send_on == "2026-05-12" and draft.status == "draft" and "Hi Ada," in draft.body
        assert draft.variables == {"ask": "cv"}
    store.close()


async def test_reopened_draft_keeps_its_ask(tmp_path):
    store = open_store(tmp_path)
    ada = add(store, tier="key")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, ada.uid)
        await pilot.press(*"call")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        uid = screen.draft_uid
    store.close()
    store = Store.open(tmp_path / "netui.json")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(ComposeScreen(ada.uid, draft_uid=uid))
        await settle(pilot)
        assert pilot.app.screen.query_one("#c-ask", Input).value == "call"
    store.close()


async def test_copy_falls_back_to_osc52_and_shows_the_text(tmp_path, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        body = screen.body
        assert screen.focused is screen.query_one("#c-body")  # the key works from the editor
        await pilot.press("ctrl+b")
        await settle(pilot)
        for _ in range(50):
            if isinstance(pilot.app.screen, TextModal):
                break
            await pilot.pause(0.1)
        assert pilot.app.clipboard == body
        modal = pilot.app.screen
        assert isinstance(modal, TextModal)
        assert modal.query_one(TextArea).text == body
        assert "OSC 52" in text_of(modal, "#text-note")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert store.draft(screen.draft_uid).status == "copied"
        await pilot.press("ctrl+g")
        for _ in range(50):
            if isinstance(pilot.app.screen, TextModal):
                break
            await pilot.pause(0.1)
        assert pilot.app.clipboard == screen.subject
    store.close()


async def test_copy_with_a_working_clipboard_notifies(tmp_path, monkeypatch):
    from netui.outreach import clipboard

    monkeypatch.setattr(clipboard, "copy", lambda text, timeout=2.0: clipboard.CopyResult(True, "xclip",
                                                                                         "copied with xclip"))
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert any("copied with xclip" in n.message for n in pilot.app._notifications)
    store.close()


async def test_mark_sent_logs_the_interaction(tmp_path):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        await pilot.press("f4")
        await settle(pilot)
        uid = screen.draft_uid
    with Store.open(tmp_path / "netui.json", readonly=True) as fresh:
        assert fresh.draft(uid).status == "sent"
        [logged] = fresh.interactions(bea.uid)
        assert logged.kind == "email_sent" and logged.date == TODAY.isoformat() and logged.draft_uid == uid
    store.close()


async def test_editing_the_template_previews_live_and_saves_to_config(tmp_path):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    from netui.storage.paths import shipped_templates_dir

    shipped = (shipped_templates_dir() / "en" / "generic.txt.j2").read_text(encoding="utf-8")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        await pilot.press("ctrl+t")
        await settle(pilot)
        source = screen.query_one("#c-source", TextArea)
        assert screen.focused is source
        source.load_text("Subject: Hello {{ contact.first_name }}\n\nA new body for {{ contact.company }}.\n")
        await settle(pilot)
        assert "contact has no company" in text_of(screen, "#c-preview")  # names what is missing
        source.load_text("Subject: Hello {{ contact.first_name }}\n\nJust for {{ contact.first_name }}.\n")
        await settle(pilot)
        assert "Subject: Hello Bea" in text_of(screen, "#c-preview")
        assert "Just for Bea." in text_of(screen, "#c-preview")
        assert screen.body == "Just for Bea.\n"  # not edited by hand: the email follows
        source.load_text("Subject: {{ oops\n\nbody\n")
        await settle(pilot)
        assert "syntax error" in text_of(screen, "#c-preview") and "on line 3" in text_of(screen, "#c-preview")
        source.load_text("Subject: Hello {{ contact.first_name }}\n\nMine.\n")
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
    saved = tmp_path / "config" / "templates" / "en" / "generic.txt.j2"
    assert saved.read_text(encoding="utf-8").endswith("Mine.\n")
    assert (shipped_templates_dir() / "en" / "generic.txt.j2").read_text(encoding="utf-8") == shipped
    store.close()


async def test_switching_template_asks_before_dropping_template_edits(tmp_path):
    """Edits of the template not yet saved (f2) are never dropped silently: switching the
    template or the language asks; keeping them puts the choice back."""
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        first = screen.template
        source = screen.query_one("#c-source", TextArea)
        source.load_text("Subject: Mine\n\nMy own words for {{ contact.first_name }}.\n")
        await settle(pilot)
        select = screen.query_one("#c-template", Select)
        other = "follow_up" if first != "follow_up" else "generic"
        select.value = other
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.template == first and select.value == first
        assert "My own words for Bea." in text_of(screen, "#c-preview")
        assert source.text.startswith("Subject: Mine")
        select.value = other
        await settle(pilot)
        await pilot.press("y")  # switch and drop them
        await settle(pilot)
        assert screen.template == other and not screen.template_edited
        assert "My own words" not in text_of(screen, "#c-preview")
    store.close()


async def test_escape_asks_before_dropping_changes_and_markup_is_safe(tmp_path):
    store = open_store(tmp_path)
    odd = add(store, "[bold]Zoe", "[/] [link=x]", company="[Sales]", emails=["zoe@example.org"])
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, odd.uid)
        assert "[bold]Zoe" in text_of(screen, "#c-to")
        await pilot.press("end", *"[/x]")  # an edit (markup-looking) in the body
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ComposeScreen)
    store.close()


async def test_eml_export_and_long_mailto_offers_eml(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        await pilot.press("f3")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, PathPrompt)
        assert prompt.query_one(Input).value == str(tmp_path / "email-bea-rossi-2026-05-10.eml")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "email-bea-rossi-2026-05-10.eml").read_bytes().startswith(b"X-Unsent: 1")
        screen.query_one("#c-body", TextArea).load_text("long text " * 300)
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        assert ".eml" in pilot.app.screen.message
    store.close()


async def test_store_error_is_a_notification(tmp_path):
    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        store.readonly = True
        store.readonly_reason = "read-only: held by another netui"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.draft_uid is None
        assert any("held by another netui" in n.message for n in pilot.app._notifications)
        store.readonly = False
    store.close()


@pytest.fixture
def xvfb(monkeypatch):
    """A real X server on a display it picks itself, stopped afterwards (skipped without Xvfb/xclip)."""
    import os
    import select
    import shutil
    import subprocess

    if not (shutil.which("Xvfb") and shutil.which("xclip")):
        pytest.skip("needs Xvfb and xclip")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([shutil.which("Xvfb"), "-displayfd", str(write_end), "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready, "Xvfb did not start within 10 s"
        display = ":" + os.read(read_end, 64).decode().strip()
        monkeypatch.setenv("DISPLAY", display)
        yield display
    finally:
        os.close(read_end)
        proc.terminate()
        proc.wait(timeout=5)


async def test_copy_with_a_real_x_clipboard(tmp_path, xvfb):
    import subprocess

    store = open_store(tmp_path)
    bea = add(store, "Bea", "Rossi")
    async with NetuiApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        screen = await open_compose(pilot, bea.uid)
        await pilot.press("ctrl+b")
        for _ in range(100):
            await pilot.pause(0.05)
            if any("on the clipboard" in n.message for n in pilot.app._notifications):
                break
        assert pilot.app.screen is screen  # no fallback modal
        assert any("xclip" in n.message for n in pilot.app._notifications)
        back = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, text=True,
                              timeout=5).stdout
        assert back.rstrip() == screen.body.rstrip()
    store.close()
