"""Where a draft goes: email, or LinkedIn (a connection note or a private message).

A template says its channel in a header line (`Channel: linkedin`, and
`Form: note` for the note on a connection request); without one it is an
email. LinkedIn has no link that pre-fills a message, so the hand-off is: copy
the text, open the contact's profile in the browser, paste. Marking a LinkedIn
draft sent logs a `message` interaction with `channel: linkedin`, which the
follow-up cadences count like an email.
"""

from __future__ import annotations

import re
import webbrowser
from dataclasses import dataclass
from urllib.parse import urlsplit

from netui.core.errors import NetuiError
from netui.core.i18n import _
from netui.core.models import Contact, Profile

EMAIL = "email"
LINKEDIN = "linkedin"
NOTE = "note"
MESSAGE = "message"
FORMS = (NOTE, MESSAGE)
LINKEDIN_TEMPLATES = ("linkedin_note", "linkedin_message")
#: Browsers that draw inside the terminal: they would take over the app's screen.
TERMINAL_BROWSERS = frozenset({"www-browser", "links", "elinks", "lynx", "w3m", "browsh"})

_CHANNEL_RE = re.compile(r"^Channel:[ \t]*([A-Za-z-]+)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_FORM_RE = re.compile(r"^Form:[ \t]*([A-Za-z-]+)[ \t]*$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Channel:
    """A template's channel ("email" or "linkedin") and, for LinkedIn, its form (note or message)."""

    name: str = EMAIL
    form: str = ""

    @property
    def is_linkedin(self) -> bool:
        return self.name == LINKEDIN

    @property
    def label(self) -> str:
        """`email`, `linkedin note`, `linkedin message`: for lists and the compose screen."""
        return f"{self.name} {self.form}" if self.form else self.name


def from_headers(headers: dict[str, str]) -> Channel:
    """The channel a rendered template declared in its header lines."""
    name = headers.get("Channel", EMAIL).strip().lower() or EMAIL
    if name != LINKEDIN:
        return Channel(EMAIL)
    form = headers.get("Form", MESSAGE).strip().lower()
    return Channel(LINKEDIN, form if form in FORMS else MESSAGE)


def from_source(source: str) -> Channel:
    """The channel of a template's text, read without rendering it (for `netui templates`)."""
    found = _CHANNEL_RE.search(source)
    if not found or found.group(1).lower() != LINKEDIN:
        return Channel(EMAIL)
    form = _FORM_RE.search(source)
    value = form.group(1).lower() if form else MESSAGE
    return Channel(LINKEDIN, value if value in FORMS else MESSAGE)


def of_template(name: str, lang: str) -> Channel:
    """The channel of the effective template `name` in `lang`; email when it cannot be read."""
    from netui.outreach.drafting import template_source

    try:
        return from_source(template_source(name, lang))
    except NetuiError:
        return Channel(EMAIL)


def limit(channel: Channel, profile: Profile) -> int | None:
    """How many characters LinkedIn accepts for this form (from the profile); None for email."""
    if not channel.is_linkedin:
        return None
    return profile.linkedin_note_limit if channel.form == NOTE else profile.linkedin_message_limit


def length(text: str) -> int:
    """Characters as LinkedIn counts them: spaces, punctuation and emoji included; the
    blank lines around the text are not sent."""
    return len(text.strip())


# --- the hand-off -----------------------------------------------------------------

def profile_url(contact: Contact) -> str:
    """The contact's LinkedIn URL as an https link, or "" when there is none.

    Imports give `https://www.linkedin.com/in/...`; a typed `linkedin.com/in/x`
    gets its scheme. Anything that is not http(s) is refused rather than opened.
    """
    url = contact.linkedin_url.strip()
    if not url:
        return ""
    if "://" not in url:
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d)", url):  # javascript:, mailto:... but not host:443
            return ""
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


@dataclass(frozen=True, slots=True)
class OpenResult:
    ok: bool
    message: str


def open_in_browser(url: str) -> OpenResult:
    """Open `url` with Python's webbrowser (which honours $BROWSER); never raises.

    A browser that runs inside the terminal is not started: it would take over
    the screen. Then the URL is given to the user instead.
    """
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return OpenResult(False, _("no web browser found: open {url} yourself").format(url=url))
    name = getattr(browser, "name", "") or type(browser).__name__
    if name.rsplit("/", 1)[-1] in TERMINAL_BROWSERS:
        return OpenResult(False, _("only a terminal browser ({name}) is available: open {url} yourself").format(
            name=name, url=url))
    try:
        opened = browser.open(url)
    except Exception as exc:  # noqa: BLE001 - a browser's failure is a message, never a crash
        return OpenResult(False, _("could not open the browser ({problem}): open {url} yourself").format(
            problem=exc, url=url))
    if not opened:
        return OpenResult(False, _("the browser did not open: open {url} yourself").format(url=url))
    return OpenResult(True, _("opened {url}").format(url=url))


def no_url_message(contact: Contact) -> str:
    return _("{name} has no LinkedIn profile URL: find them on LinkedIn, paste the text there, "
             "and add the URL to the contact for next time").format(name=contact.name)


def sent_summary(channel: Channel, subject: str, body: str, template: str) -> str:
    """The interaction's summary when a draft is marked sent (in the language of the moment:
    it is written into the contact's history)."""
    if not channel.is_linkedin:
        return subject.strip() or _("{template} email").format(template=template)
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if len(first) > 60:
        first = first[:57].rstrip() + "..."
    if channel.form == NOTE:
        if first:
            return _("LinkedIn connection note: {text}").format(text=first)
        return _("LinkedIn connection note")
    if first:
        return _("LinkedIn message: {text}").format(text=first)
    return _("LinkedIn message")
