"""LinkedIn drafts: the channel of a template, the length limits, the hand-off (copy, then
the profile in a real browser command) and marking one sent; mostly through the installed
command."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
from datetime import date

import pytest

from netui.core.followups import follow_up
from netui.core.models import Contact, Draft, Profile
from netui.outreach import channels, lint, sending
from netui.outreach.drafting import render, render_source
from netui.storage.store import Store
from tests.conftest import reopen
from tests.support.cli import run_netui

TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("NETUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "netui.json"
    store = Store.open(path)
    store.set_profile(Profile(first_name="Giulia", last_name="Rinaldi", target_sector="renewable energy"))
    store.add_contact(Contact(uid="ada", first_name="Ada", last_name="Lovelace", company="Solare Srl",
                              emails=["ada@example.org"]))
    store.add_contact(Contact(uid="sara", first_name="Sara", last_name="Conti",
                              linkedin_url="https://www.linkedin.com/in/sara-conti-%C4%87"))
    store.close()
    return path


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
        yield display
    finally:
        os.close(read_end)
        proc.terminate()
        proc.wait(timeout=5)


def clipboard_text(display: str) -> str:
    return subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True, timeout=5,
                          env={**os.environ, "DISPLAY": display}).stdout.decode("utf-8")


# --- templates and lint ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("name", channels.LINKEDIN_TEMPLATES)
def test_shipped_linkedin_templates_have_no_subject_and_fit(name, lang):
    profile = Profile(first_name="Giulia", target_sector="energie rinnovabili", target_position="Data Analyst")
    contact = Contact(first_name="Massimiliano", last_name="Conti", company="Solare Mediterraneo Srl")
    email = render(name, lang, profile, contact, None, {"detail": "We met at the Green Jobs Day in Milan"},
                   today=TODAY)
    channel = channels.from_headers(email.headers)
    assert channel == channels.of_template(name, lang)
    assert channel.is_linkedin and channel.form == name.split("_")[1]
    assert email.subject == "" and "Subject" not in email.text and email.text == email.body
    assert "Giulia" in email.body and "Massimiliano" in email.body and "Green Jobs Day" in email.body
    plain = render(name, lang, profile, contact, None, {}, today=TODAY)
    assert "Solare Mediterraneo" in plain.body
    assert channels.length(email.body) <= channels.limit(channel, profile)
    assert "  " not in email.body and ".." not in email.body
    # Nothing but the first name is required: no blank gap, no error.
    bare = render(name, lang, Profile(first_name="Luca"), Contact(emails=["x@example.org"]), None, {})
    assert bare.body.strip().endswith("Luca")


def test_italian_is_formal_by_default():
    profile = Profile(first_name="Giulia")
    contact = Contact(first_name="Sara")
    note = render("linkedin_note", "it", profile, contact, None, {}).body
    message = render("linkedin_message", "it", profile, contact, None, {}).body
    assert note.startswith("Buongiorno Sara,") and "con Lei" in note and "Sua esperienza" in note
    assert "Le è più comodo" in message and " ti " not in message


def test_a_template_without_subject_must_say_linkedin():
    profile, contact = Profile(first_name="Giulia"), Contact(first_name="Sara")
    with pytest.raises(Exception, match="no 'Subject: ...' line"):
        render_source("Form: note\n\nHi\n", "en", profile, contact)
    with pytest.raises(Exception, match="unknown channel 'fax'"):
        render_source("Channel: fax\n\nHi\n", "en", profile, contact)
    email = render_source("Channel: LinkedIn\n\nHi\n", "en", profile, contact)
    assert email.channel == "linkedin" and channels.from_headers(email.headers).form == "message"


def test_length_lint_uses_the_profile_limits():
    profile = Profile(linkedin_note_limit=200)
    contact = Contact(first_name="Sara", linkedin_url="linkedin.com/in/sara")
    found = lint.check_draft("linkedin_note", "", "x" * 201, contact, profile, channel="linkedin", form="note")
    assert [w.code for w in found] == ["linkedin_too_long"]
    assert "201 characters" in found[0].message and "limit is 200" in found[0].message
    assert "linkedin_note_limit" in found[0].message
    assert lint.check_draft("linkedin_note", "", "x" * 200 + "\n\n", contact, profile,
                            channel="linkedin", form="note") == []
    message = lint.check_draft("linkedin_message", "", "y" * 3001, Contact(first_name="Sara"), Profile(),
                               channel="linkedin", form="message")
    assert [w.code for w in message] == ["linkedin_too_long", "no_linkedin_url"]
    assert "3,000" in message[0].message
    # An email still gets the email checks, a LinkedIn text none of them.
    assert "no_email" in [w.code for w in lint.check_draft("generic", "", "b", Contact(first_name="S"), profile)]


def test_profile_url_refuses_what_is_not_a_web_link():
    assert channels.profile_url(Contact(linkedin_url="linkedin.com/in/sara")) == "https://linkedin.com/in/sara"
    assert channels.profile_url(Contact(linkedin_url="javascript:alert(1)")) == ""
    assert channels.profile_url(Contact(linkedin_url="file:///etc/passwd")) == ""
    assert channels.profile_url(Contact(linkedin_url="  ")) == ""


# --- the command line -----------------------------------------------------------------

def test_print_has_no_subject_and_at_most_the_limit(db, config):
    result = run_netui("draft", "Ada", "-t", "linkedin_note", "--print", db=db, config=config)
    assert result.returncode == 0, result.stderr
    assert "Subject" not in result.stdout and result.stdout.startswith("Hi Ada,")
    assert 0 < len(result.stdout.strip()) <= 300
    assert "no LinkedIn profile URL" in result.stderr  # a warning, not an error


def test_a_note_pushed_over_the_limit_fails_naming_the_limit(db, config):
    long = "We met at the Green Jobs Day in Milan and talked about wind farms " * 4
    result = run_netui("draft", "Ada", "-t", "linkedin_note", "--var", f"detail={long}", "--print",
                       db=db, config=config)
    assert result.returncode == 1
    assert "LinkedIn's limit is 300" in result.stderr and "linkedin_note_limit" in result.stderr
    assert long.strip()[:40] in result.stdout  # printed, so it can be shortened
    assert "Traceback" not in result.stderr
    # A free account's lower limit, from the profile.
    assert run_netui("profile", "--set", "linkedin_note_limit=100", db=db, config=config).returncode == 0
    short = run_netui("draft", "Ada", "-t", "linkedin_note", "--print", db=db, config=config)
    assert short.returncode == 1 and "limit is 100" in short.stderr


def test_email_outputs_are_refused_for_linkedin(db, config, tmp_path):
    result = run_netui("draft", "Ada", "-t", "linkedin_message", "--eml", str(tmp_path / "x.eml"),
                       db=db, config=config)
    assert result.returncode == 1 and "not an email" in result.stderr
    assert not (tmp_path / "x.eml").exists()
    opened = run_netui("draft", "Ada", "-t", "generic", "--copy", "--open", db=db, config=config)
    assert opened.returncode == 1 and "--open is for LinkedIn templates" in opened.stderr


def test_templates_shows_each_channel(db, config):
    result = run_netui("templates", "--lang", "it", db=db, config=config)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[1]: line for line in result.stdout.splitlines()}
    assert rows["linkedin_note"].split()[2:4] == ["shipped", "linkedin/note"]
    assert rows["linkedin_message"].split()[3] == "linkedin/message" and rows["generic"].split()[3] == "email"


def test_copy_open_without_url_says_so(db, config, xvfb):
    result = run_netui("draft", "Ada", "-t", "linkedin_message", "--copy", "--open", db=db, config=config,
                       keep_display=True)
    assert result.returncode == 1
    assert "Ada Lovelace has no LinkedIn profile URL" in result.stderr
    assert "the text is on the clipboard" in result.stderr
    assert clipboard_text(xvfb).startswith("Hi Ada,")


def test_copy_open_sends_the_profile_url_to_the_browser(db, config, xvfb, tmp_path):
    record = tmp_path / "opened.txt"
    browser = tmp_path / "record-browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    browser.chmod(0o755)
    result = run_netui("draft", "Sara", "-t", "linkedin_note", "--copy", "--open", db=db, config=config,
                       keep_display=True, env={"BROWSER": str(browser)})
    assert result.returncode == 0, result.stderr
    assert record.read_text().splitlines() == ["https://www.linkedin.com/in/sara-conti-%C4%87"]
    assert "paste the text there" in result.stderr
    assert clipboard_text(xvfb).startswith("Hi Sara,")


def test_a_browser_that_would_take_over_the_terminal_is_not_started(db, config, xvfb, tmp_path):
    record = tmp_path / "opened.txt"
    lynx = tmp_path / "lynx"
    lynx.write_text(f'#!/bin/sh\necho "$1" >> "{record}"\n')
    lynx.chmod(0o755)
    result = run_netui("draft", "Sara", "-t", "linkedin_note", "--copy", "--open", db=db, config=config,
                       keep_display=True, env={"BROWSER": str(lynx)})
    assert result.returncode == 1
    assert "terminal browser" in result.stderr and "https://www.linkedin.com/in/sara-conti-%C4%87" in result.stderr
    assert not record.exists()


# --- marking sent ---------------------------------------------------------------------

def test_marking_a_linkedin_draft_sent_logs_a_message_on_linkedin(db):
    store = Store.open(db)
    email = render("linkedin_message", "en", store.profile(), store.contact("sara"), None, {})
    draft = store.add_draft(Draft(contact_uid="sara", template="linkedin_message", lang="en",
                                  body=email.body))
    interaction = sending.mark_sent(store, draft.uid, today=TODAY)
    store.close()
    on_disk = reopen(db)
    logged = on_disk.interactions("sara")
    assert [(i.kind, i.extra.get("channel")) for i in logged] == [("message", "linkedin")]
    assert logged[0].summary.startswith("LinkedIn message: Hi Sara")
    assert logged[0].uid == interaction.uid and on_disk.draft(draft.uid).status == "sent"
    state = follow_up(on_disk.contact("sara"), logged, on_disk.profile(), today=TODAY)
    assert state.last_contact == TODAY  # the cadence counts it
    raw = json.loads(db.read_text())
    assert next(iter(raw["interactions"].values()))["channel"] == "linkedin"
    on_disk.close()


def test_italian_tu_branches_follow_the_contact_register():
    """The register field comes with another change; a contact type that has it shows the branches work."""
    from dataclasses import dataclass

    @dataclass(slots=True)
    class WithRegister(Contact):
        register: str = ""

    profile = Profile(first_name="Giulia", target_sector="energie rinnovabili")
    friend = WithRegister(first_name="Sara", company="Idro", register="tu")
    note = render("linkedin_note", "it", profile, friend, None, {}).body
    message = render("linkedin_message", "it", profile, friend, None, {}).body
    assert note.startswith("Ciao Sara,") and "con te" in note and "tua esperienza" in note and "Lei" not in note
    assert message.startswith("Ciao Sara,") and "quando ti è più comodo" in message and "Suo" not in message
    formal = render("linkedin_note", "it", profile, WithRegister(first_name="Sara", register="lei"), None, {}).body
    assert formal.startswith("Buongiorno Sara,") and "con Lei" in formal
