"""`netui draft` and `netui templates`, through the real command line."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def netui(*args, db, config, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k not in ("NETUI_DB", "DISPLAY", "WAYLAND_DISPLAY")}
    env["NETUI_CONFIG_DIR"] = str(config)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "netui", "--db", str(db), *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


@pytest.fixture
def setup(tmp_path):
    db, config = tmp_path / "netui.json", tmp_path / "config"
    assert netui("add", "Ada Lovelace <ada@example.org>", "--relationship", "mentor", "--tier", "key",
                 db=db, config=config).returncode == 0
    assert netui("profile", "--set", "first_name=Ana", "--set", "last_name=Bianchi",
                 "--set", "target_sector=data science", db=db, config=config).returncode == 0
    return db, config


def test_print_writes_subject_blank_line_body_and_lints_to_stderr(setup):
    db, config = setup
    result = netui("draft", "Ada", "--template", "generic", "--print", db=db, config=config)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0].startswith("Subject: ") and "data science" in lines[0]
    assert lines[1] == "" and lines[2] == "Dear Ada,"
    assert "mentor" in result.stderr and "warning:" in result.stderr  # generic to a mentor
    assert "key contact" in result.stderr


def test_default_is_print_and_vars_and_lang(setup):
    db, config = setup
    result = netui("draft", "ada@example.org", "-t", "personal", "--var", "ask=cv", "--lang", "it",
                   db=db, config=config)
    assert result.returncode == 0, result.stderr
    # Ada has no relationship: Italian emails address her with Lei.
    assert result.stdout.startswith("Subject: ") and "Gentile Ada Lovelace," in result.stdout
    assert "CV" in result.stderr  # CV mentioned, no cv_path


def test_mailto_and_eml(setup, tmp_path):
    db, config = setup
    result = netui("draft", "Ada", "-t", "personal", "--var", "ask=call", "--mailto", db=db, config=config)
    assert result.returncode == 0
    url = result.stdout.strip()
    assert url.startswith("mailto:ada@example.org?subject=") and "%20" in url and "%0D%0A" in url
    target = tmp_path / "out.eml"
    result = netui("draft", "Ada", "-t", "personal", "--var", "ask=call", "--eml", str(target),
                   db=db, config=config)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1" and message["To"] == "ada@example.org"
    assert message["Subject"] == "Could we have a quick call?" and message["From"] is None


def test_copy_without_a_clipboard_is_one_clear_error(setup):
    db, config = setup
    result = netui("draft", "Ada", "-t", "personal", "--var", "ask=call", "--copy", db=db, config=config)
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "could not copy" in result.stderr and "Traceback" not in result.stderr


def test_errors_are_one_line(setup, tmp_path):
    db, config = setup
    for args, fragment in (
        (("draft", "Ada", "-t", "personal"), "missing ask"),
        (("draft", "Nobody", "-t", "generic"), "no contact matches"),
        (("draft", "Ada", "-t", "nope"), "no template 'nope'"),
        (("draft", "Ada", "-t", "generic", "--var", "oops"), "KEY=VALUE"),
        (("draft", "Ada", "-t", "generic", "--mailto", "--eml", str(tmp_path / "x.eml")), "cannot be used together"),
    ):
        result = netui(*args, db=db, config=config)
        assert result.returncode != 0, args
        assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
        assert fragment in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.eml").exists()


def test_missing_profile_field_is_named(tmp_path):
    db, config = tmp_path / "n.json", tmp_path / "config"
    netui("add", "Bea <bea@example.org>", db=db, config=config)
    netui("profile", "--set", "first_name=Ana", db=db, config=config)
    result = netui("draft", "Bea", "-t", "generic", db=db, config=config)
    assert result.returncode == 1 and "fill your profile: Target sector (target_sector)" in result.stderr


def test_templates_lists_origin_and_user_overrides(setup):
    db, config = setup
    result = netui("templates", "--lang", "en", db=db, config=config)
    assert result.returncode == 0
    names = [line.split()[1] for line in result.stdout.splitlines()]
    assert names == ["ask_intro", "event_follow_up", "follow_up", "generic", "job_news", "linkedin_message", "linkedin_note",
                     "personal", "thank_you"]
    channels = {line.split()[1]: line.split()[3] for line in result.stdout.splitlines()}
    assert channels["generic"] == "email" and channels["linkedin_note"] == "linkedin/note"
    assert all(line.split()[0] == "en" and line.split()[2] == "shipped" for line in result.stdout.splitlines())
    mine = config / "templates" / "en" / "generic.txt.j2"
    mine.parent.mkdir(parents=True)
    mine.write_text("Subject: Mine\n\nHello {{ contact.first_name }}\n", encoding="utf-8")
    result = netui("templates", db=db, config=config)
    assert any(line.split()[:3] == ["en", "generic", "user"] for line in result.stdout.splitlines())
    assert any(line.split()[:3] == ["it", "generic", "shipped"] for line in result.stdout.splitlines())
    result = netui("draft", "Ada", "-t", "generic", db=db, config=config)
    assert result.stdout == "Subject: Mine\n\nHello Ada\n"
