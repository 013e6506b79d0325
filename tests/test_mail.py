"""mailto: URLs (RFC 6068) and .eml drafts (RFC 5322) that real mail clients accept."""

from __future__ import annotations

import email
import os
import stat
import sys
from datetime import datetime, timezone
from email import policy
from urllib.parse import unquote

import pytest

from netui.core.errors import NetuiError
from netui.outreach.mail import (
    MAILTO_SAFE_LIMIT,
    eml_bytes,
    mailto_url,
    open_mailto,
    prefer_eml,
    write_eml,
)

SUBJECT = "Caffè & idee? #1 per «domani»"
BODY = "Ciao Zoë,\n\nuna riga con spazi, + e = e & e ? e #hash\n100% sì 😊 שלום\n"


def test_mailto_encoding():
    url = mailto_url("zoe@example.org", SUBJECT, BODY)
    assert url.startswith("mailto:zoe@example.org?subject=")
    query = url.split("?", 1)[1]
    assert "+" not in url and " " not in url and "#" not in url
    assert "%20" in query and "%0D%0A" in query and "%23" in query
    assert "%26" in query and "%3F" in query and "%3D" in query and "%2B" in query
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert set(fields) == {"subject", "body"}
    assert unquote(fields["subject"]) == SUBJECT
    assert unquote(fields["body"]) == BODY.replace("\n", "\r\n")
    assert "Caff%C3%A8" in fields["subject"]


def test_mailto_addresses_and_empty_fields():
    assert mailto_url("Zoë Müller <zoe@example.org>") == "mailto:zoe@example.org"
    assert mailto_url(["a@example.org", "b+tag@example.org"], "Hi") == \
        "mailto:a@example.org,b%2Btag@example.org?subject=Hi"
    assert mailto_url("a@example.org", "", "x") == "mailto:a@example.org?body=x"
    assert "%0D%0A" not in mailto_url("a@example.org", "two\nlines")


def test_long_drafts_prefer_eml():
    short = mailto_url("a@example.org", "Hi", "short")
    long = mailto_url("a@example.org", "Hi", "parola " * 400)
    assert not prefer_eml(short) and prefer_eml(long)
    assert len(long) > MAILTO_SAFE_LIMIT == 1800


def parse(data: bytes):
    return email.message_from_bytes(data, policy=policy.default)


def test_eml_is_an_unsent_draft_that_parses():
    when = datetime(2025, 3, 20, 9, 30, tzinfo=timezone.utc)
    data = eml_bytes("Zoë Müller <zoe@example.org>", SUBJECT, BODY, date=when)
    msg = parse(data)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].addr_spec == "zoe@example.org"
    assert msg["To"].addresses[0].display_name == "Zoë Müller"
    assert msg["Subject"] == SUBJECT
    assert msg["From"] is None
    assert msg["MIME-Version"] == "1.0"
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    assert msg["Date"].datetime == when
    assert msg.get_content().replace("\r\n", "\n") == BODY
    headers = data.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in headers  # RFC 2047 for the non-ASCII subject
    assert all(byte < 128 for byte in headers)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))


def test_eml_long_lines_and_ascii_subject():
    body = "word " * 500 + "\n"
    msg = parse(eml_bytes("a@example.org", "Plain subject", body))
    assert msg["Subject"] == "Plain subject"
    assert msg.get_content().replace("\r\n", "\n") == body


def test_write_eml_is_atomic_and_private(tmp_path):
    path = write_eml(tmp_path / "draft.eml", "a@example.org", SUBJECT, BODY)
    assert parse(path.read_bytes())["Subject"] == SUBJECT
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"]
    write_eml(path, "a@example.org", "second", "x\n")
    assert parse(path.read_bytes())["Subject"] == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"]


def test_write_eml_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(NetuiError, match="cannot save"):
        write_eml(tmp_path / "nope" / "draft.eml", "a@example.org", "s", "b")


def fake_tool(folder, name, script):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="xdg-open is the Linux opener")
def test_open_mailto_hands_the_url_to_xdg_open(tmp_path, monkeypatch):
    record = tmp_path / "args"
    fake_tool(tmp_path / "bin", "xdg-open", f'printf "%s" "$1" > "{record}"\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    url = mailto_url("a@example.org", SUBJECT, BODY)
    result = open_mailto(url)
    assert result.ok and result.command == "xdg-open"
    assert record.read_text() == url


@pytest.mark.skipif(sys.platform != "linux", reason="xdg-open is the Linux opener")
def test_open_mailto_never_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = open_mailto("mailto:a@example.org")
    assert not result.ok and "xdg-open" in result.message
    fake_tool(tmp_path / "bin", "xdg-open", 'echo "no method available for opening" >&2\nexit 3\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = open_mailto("mailto:a@example.org")
    assert not result.ok and "exit 3" in result.message and "no method available" in result.message
