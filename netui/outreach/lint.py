"""Checks on a draft before it is sent, from the networking method.

Pure functions over plain values, so the compose screen can run them on every
keystroke and the CLI can print them to stderr. Each returns a list of
Warning(code, message); an empty list means nothing to say. Messages are in
`lang` (the draft's language: an Italian draft gets Italian warnings), else in
the language netui speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Sequence

from netui.core import vocabulary
from netui.core.i18n import N_, catalogue, current_language, translate
from netui.core.models import NO_GENERIC_RELATIONSHIPS, Contact, Profile

GENERIC_TEMPLATES = frozenset({"generic"})
SIMILARITY_THRESHOLD = 0.85

_BRACKETS_RE = re.compile(r"\[[^\[\]\n]{1,80}\]")
_CV_RE = re.compile(
    r"(?<!\w)(cv|c\.v\.|curriculum(?:\s+vitae)?|r(?:ésumé|esumé|ésume)|(?:my|your|the|a)\s+resume)(?!\w)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the name the UI and CLI use
    code: str
    message: str


LintWarning = Warning  # for modules that would rather not shadow the builtin


def _say(lang: str | None, message: str, **values: object) -> str:
    """`message` (marked with N_) in `lang`, its {names} filled in."""
    return translate(message, lang or current_language()).format(**values)


def check_generic_target(template: str, contact: Contact, lang: str | None = None) -> list[Warning]:
    """The generic email is never for mentors, managers, employers; key contacts get a personal one."""
    if template not in GENERIC_TEMPLATES:
        return []
    found = []
    if contact.relationship in NO_GENERIC_RELATIONSHIPS:
        role = vocabulary.RELATIONSHIPS.label(contact.relationship, lang or current_language())
        found.append(Warning("generic_to_relationship", _say(
            lang, N_("{name} is your {role}: never send them the generic email; write a personal one"),
            name=contact.name, role=role)))
    if contact.tier == "key":
        found.append(Warning("generic_to_key", _say(
            lang, N_("{name} is a key contact: a personal email will work better than the generic one"),
            name=contact.name)))
    return found


def check_placeholders(subject: str, body: str, lang: str | None = None) -> list[Warning]:
    """Text left in [Square Brackets] is almost always a placeholder never filled in."""
    hits = _BRACKETS_RE.findall(subject) + _BRACKETS_RE.findall(body)
    if not hits:
        return []
    shown = ", ".join(dict.fromkeys(hits[:5]))
    more = len(hits) - 5
    if more > 0:
        message = catalogue(lang or current_language()).ngettext(
            "text left in brackets: {shown} and {count} more; fill it in or remove it",
            "text left in brackets: {shown} and {count} more; fill it in or remove it", more)
        return [Warning("placeholder", message.format(shown=shown, count=more))]
    return [Warning("placeholder", _say(lang, N_("text left in brackets: {shown}; fill it in or remove it"),
                                        shown=shown))]


def mentions_cv(text: str) -> bool:
    return bool(_CV_RE.search(text))


def check_cv(subject: str, body: str, profile: Profile, lang: str | None = None) -> list[Warning]:
    """A clipboard or mailto: link cannot attach files: remind the user to attach the CV."""
    if not mentions_cv(f"{subject}\n{body}"):
        return []
    if not profile.cv_path.strip():
        return [Warning("cv_no_path", _say(
            lang, N_("the email mentions your CV but your profile has no {field}: fill it in, "
                     "and attach the file in your mail client"),
            field=vocabulary.profile_field_and_key("cv_path", lang or current_language())))]
    name = Path(profile.cv_path.strip()).name
    return [Warning("cv_attach", _say(
        lang, N_("the email mentions your CV: attach {file} in your mail client "
                 "(copying the text cannot attach files)"), file=name))]


def check_contact_email(contact: Contact, lang: str | None = None) -> list[Warning]:
    if contact.emails:
        return []
    return [Warning("no_email", _say(lang, N_("{name} has no email address: add one to send this email"),
                                     name=contact.name))]


def check_subject(subject: str, lang: str | None = None) -> list[Warning]:
    if subject.strip():
        return []
    return [Warning("empty_subject", _say(lang, N_("the subject is empty")))]


#: Lint codes that mean the text cannot be sent as it is (LinkedIn refuses it).
BLOCKING = frozenset({"linkedin_too_long"})


def check_linkedin_length(form: str, body: str, profile: Profile, lang: str | None = None) -> list[Warning]:
    """A connection note (or a message) over LinkedIn's limit will not be sent: the limit
    comes from the profile, since free accounts get fewer characters."""
    note = form == "note"
    top = profile.linkedin_note_limit if note else profile.linkedin_message_limit
    size = len(body.strip())
    if size <= top:
        return []
    if note:
        message = N_("the connection note is {size:,} characters; LinkedIn's limit is {top:,}, as your "
                     "profile sets it under {field}: shorten it by {over:,}")
    else:
        message = N_("the message is {size:,} characters; LinkedIn's limit is {top:,}, as your "
                     "profile sets it under {field}: shorten it by {over:,}")
    field = vocabulary.profile_field_and_key("linkedin_note_limit" if note else "linkedin_message_limit",
                                             lang or current_language())
    return [Warning("linkedin_too_long", _say(lang, message, size=size, top=top, over=size - top, field=field))]


def check_linkedin_url(contact: Contact, lang: str | None = None) -> list[Warning]:
    if contact.linkedin_url.strip():
        return []
    return [Warning("no_linkedin_url", _say(
        lang, N_("{name} has no LinkedIn profile URL: add it to open their page from here"), name=contact.name))]


def check_draft(template: str, subject: str, body: str, contact: Contact, profile: Profile,
                lang: str | None = None, *, channel: str = "email", form: str = "") -> list[Warning]:
    """Every check that looks at one draft, its messages in `lang` (the draft's language).
    For LinkedIn: the length and the profile URL, no subject or email address."""
    if channel == "linkedin":
        return (check_linkedin_length(form, body, profile, lang) + check_linkedin_url(contact, lang)
                + check_placeholders("", body, lang) + check_cv("", body, profile, lang))
    return (check_generic_target(template, contact, lang) + check_contact_email(contact, lang)
            + check_subject(subject, lang) + check_placeholders(subject, body, lang)
            + check_cv(subject, body, profile, lang))


def similarity(a: str, b: str) -> float:
    """How much two bodies read the same, 0..1, comparing words (case and spacing ignored)."""
    words_a = _WORD_RE.findall(a.casefold())
    words_b = _WORD_RE.findall(b.casefold())
    if not words_a and not words_b:
        return 1.0
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def check_similar(drafts: Sequence[tuple[str, str]], threshold: float = SIMILARITY_THRESHOLD,
                  lang: str | None = None) -> list[Warning]:
    """Personalised drafts of one batch that read nearly the same: the method says no copy-paste."""
    found = []
    words = [(label, _WORD_RE.findall(body.casefold())) for label, body in drafts]
    for i, (label_a, a) in enumerate(words):
        for label_b, b in words[i + 1:]:
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                found.append(Warning("similar_drafts", _say(
                    lang, N_("the drafts for {first} and {second} read {ratio:.0%} the same: "
                             "make each one personal"), first=label_a, second=label_b, ratio=ratio)))
    return found
