"""Hand a finished draft to the user's mail client: a mailto: URL or an .eml file.

mailto: follows RFC 6068 (urlencode's `+` for space is wrong there) and breaks
in some clients beyond ~2,000 characters, so long drafts go as an .eml: an
unsent RFC 5322 message without From, which the client fills in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from netui.core.i18n import _
from netui.storage.atomic import atomic_write

MAILTO_SAFE_LIMIT = 1800


def _addresses(to: str | Sequence[str]) -> list[str]:
    items = [to] if isinstance(to, str) else list(to)
    return [a.strip() for a in items if a and a.strip()]


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto_url(to: str | Sequence[str], subject: str = "", body: str = "") -> str:
    """`mailto:a@b?subject=...&body=...`: UTF-8 percent-encoded, %20 for space, %0D%0A for line breaks."""
    addresses = [parseaddr(a)[1] or a for a in _addresses(to)]  # "Ada <ada@x.org>" -> the address
    url = "mailto:" + ",".join(quote(a, safe="@") for a in addresses)
    fields = []
    if subject:
        fields.append("subject=" + quote(subject.replace("\r", " ").replace("\n", " "), safe=""))
    if body:
        fields.append("body=" + quote(_crlf(body), safe=""))
    return url + ("?" + "&".join(fields) if fields else "")


def prefer_eml(url: str) -> bool:
    """True when the URL is too long for some mail clients: offer the .eml instead."""
    return len(url) > MAILTO_SAFE_LIMIT


def eml_bytes(to: str | Sequence[str], subject: str, body: str, date: datetime | None = None) -> bytes:
    """An unsent draft (X-Unsent: 1, no From) that mail clients open ready to send."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["X-Unsent"] = "1"
    addresses = _addresses(to)
    if addresses:
        msg["To"] = ", ".join(addresses)
    msg["Subject"] = " ".join(subject.split())
    msg["Date"] = format_datetime((date or datetime.now()).astimezone())
    msg.set_content(body, subtype="plain", charset="utf-8")
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    return msg.as_bytes()


def write_eml(path: str | Path, to: str | Sequence[str], subject: str, body: str,
              date: datetime | None = None) -> Path:
    """Write the .eml atomically; raises StorageError (a NetuiError) with the path on failure."""
    target = Path(path).expanduser()
    atomic_write(target, eml_bytes(to, subject, body, date), mode=0o600)
    return target


@dataclass(frozen=True)
class OpenResult:
    ok: bool
    command: str
    message: str


def _opener() -> list[str] | None:
    if sys.platform == "darwin":
        return ["/usr/bin/open"] if Path("/usr/bin/open").exists() else None
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_with_system(target: str, wait: float = 3.0) -> OpenResult:
    """Open a URL or file with the desktop's handler; never raises, never blocks past `wait`."""
    if sys.platform.startswith("win"):
        from netui.storage.platform import windows_start

        try:
            windows_start(target)
        except OSError as exc:
            return OpenResult(False, "startfile", _("cannot open it: {problem}").format(problem=exc))
        return OpenResult(True, "startfile", _("opened"))
    command = _opener()
    if command is None:
        return OpenResult(False, "", _("no opener found: install xdg-utils (xdg-open)"))
    name = Path(command[0]).name
    try:
        with tempfile.TemporaryFile() as errors:
            proc = subprocess.Popen([*command, target], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=errors, start_new_session=True)
            try:
                code = proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                # still running: a handler was found
                return OpenResult(True, name, _("{name} is opening it").format(name=name))
            errors.seek(0)
            detail = errors.read(4000).decode("utf-8", "replace").strip().splitlines()
    except OSError as exc:
        return OpenResult(False, name, _("cannot run {name}: {problem}").format(name=name, problem=exc))
    if code != 0:
        if detail:
            return OpenResult(False, name, _("{name} failed (exit {code}): {problem}").format(
                name=name, code=code, problem=detail[-1]))
        return OpenResult(False, name, _("{name} failed (exit {code})").format(name=name, code=code))
    return OpenResult(True, name, _("opened with {name}").format(name=name))


def open_mailto(url: str) -> OpenResult:
    """Open a mailto: URL in the mail client (xdg-open / open), never raising."""
    return open_with_system(url)
