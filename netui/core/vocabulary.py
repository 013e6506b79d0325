"""What each stored word is called on screen, in the current language: one table.

Stored values stay English identifiers (`former_colleague`, `event_met`); what the
user reads is their label from here, translated through the catalogue when it
is shown. Code that shows a stored value takes its label from here instead of
making one with `.replace("_", " ")`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from netui.core import i18n
from netui.core.i18n import N_, LazyString
from netui.core.i18n import lazy_gettext as _l


class Labels(Mapping[str, str]):
    """value -> label in the current language (a str), resolved once per language.

    `label(value)` also names a value the table does not know (a user's own
    template, a value written by a newer netui) by turning `_` into spaces.
    """

    __slots__ = ("_lazy", "_resolved", "_now")

    def __init__(self, lazy: Mapping[str, LazyString | str]) -> None:
        self._lazy = dict(lazy)
        self._resolved: dict[str, dict[str, str]] = {}
        #: The labels in the current language, swapped when it changes: `label` runs once
        #: per row of a 30,000-contact table, so it is one dict lookup.
        self._now = self._in(i18n.current_language())
        i18n.on_language_change(self._follow)

    def _follow(self, lang: str) -> None:
        self._now = self._in(lang)

    def _current(self) -> dict[str, str]:
        return self._now

    def _in(self, lang: str) -> dict[str, str]:
        found = self._resolved.get(lang)
        if found is None:
            found = self._resolved[lang] = {
                value: i18n.translate(text.message, lang) if isinstance(text, LazyString) else text
                for value, text in self._lazy.items()}
        return found

    def __getitem__(self, value: str) -> str:
        return self._current()[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lazy)

    def __len__(self) -> int:
        return len(self._lazy)

    def label(self, value: str | None, lang: str | None = None) -> str:
        """The label of `value` in the current language (or in `lang`)."""
        if value is None:
            return ""
        found = (self._now if lang is None else self._in(lang)).get(value)
        return found if found is not None else value.replace("_", " ")

    def choices(self, values: tuple[str, ...] | list[str] | None = None) -> list[tuple[str, str]]:
        """(label, value) pairs, as a Select takes them, in the table's order (or `values`')."""
        current = self._current()
        return [(current.get(v) or v.replace("_", " "), v) for v in (self._lazy if values is None else values)]


SOURCES = Labels({
    "family": _l("family"),
    "friend": _l("friend"),
    "volunteering": _l("volunteering"),
    "sport": _l("sport"),
    "colleague": _l("colleague"),
    "former_colleague": _l("ex-colleague"),
    "professor": _l("professor"),
    "alumni": _l("alumni"),
    "linkedin": _l("linkedin"),
    "event": _l("event"),
    "recruiter": _l("recruiter"),
    "other": _l("other"),
})
RELATIONSHIPS = Labels({
    "peer": _l("peer"),
    "mentor": _l("mentor"),
    "manager": _l("manager"),
    "former_employer": _l("former employer"),
    "current_employer": _l("current employer"),
    "recruiter": _l("recruiter"),
})
TIERS = Labels({"key": _l("key"), "network": _l("network")})
INTERACTION_KINDS = Labels({
    "email_sent": _l("email sent"),
    "reply_received": _l("reply received"),
    "thanked": _l("thanked"),
    "meeting": _l("meeting"),
    "call": _l("call"),
    "message": _l("message"),
    "linkedin_comment": _l("linkedin comment"),
    "event_met": _l("met at an event"),
    "note": _l("note"),
    "intro_requested": _l("introduction requested"),
    "intro_made": _l("introduction made"),
})
EVENT_KINDS = Labels({
    "webinar": _l("Webinar"),
    "career_day": _l("Career day"),
    "open_day": _l("Open day"),
    "conference": _l("Conference"),
    "meetup": _l("Meetup"),
    "company_meeting": _l("Company meeting"),
    "other": _l("Other"),
})
EVENT_STATUSES = Labels({"planned": _l("Planned"), "attended": _l("Attended"), "skipped": _l("Skipped")})
CHECKLIST_PHASES = Labels({"before": _l("Before"), "during": _l("During"), "after": _l("After")})
DRAFT_STATUSES = Labels({
    "draft": _l("draft"),
    "ready": _l("ready"),
    "copied": _l("copied"),
    "sent": _l("sent"),
})
#: A language is named in itself, whatever language netui speaks.
LANGUAGES = Labels({"it": "Italiano", "en": "English"})
#: The profile's language when none is chosen: netui follows NETUI_LANG, else the system's.
AUTOMATIC_LANGUAGE = _l("Automatic (the system's)")
REGISTERS = Labels({"tu": _l("tu (informal)"), "lei": _l("Lei (formal)")})
#: The shipped templates; a user's own template is named by its file name.
TEMPLATES = Labels({
    "generic": _l("generic"),
    "personal": _l("personal"),
    "thank_you": _l("thank you"),
    "follow_up": _l("follow up"),
    "event_follow_up": _l("event follow-up"),
})
#: The profile form: its parts and the label of each field, in the order the profile screen
#: draws them. Messages name a profile field as this form does (`profile_field`), so what
#: a message asks for is what the user finds on the screen.
PROFILE_FORM: list[tuple[str, list[tuple[str, str]]]] = [
    (N_("You"), [
        ("first_name", N_("First name")),
        ("last_name", N_("Last name")),
        ("email", N_("Email")),
        ("phone", N_("Phone")),
    ]),
    (N_("Where you are now"), [
        ("current_position", N_("Position")),
        ("current_company", N_("Company")),
        ("time_in_role", N_("Time in role")),
        ("current_sector", N_("Sector")),
    ]),
    (N_("What you are looking for"), [
        ("target_sector", N_("Target sector")),
        ("target_position", N_("Target position")),
        ("target_location", N_("Where")),
        ("target_work_type", N_("Kind of work")),
        ("company_traits", N_("Companies you like")),
        ("target_companies", N_("Target companies")),
        ("experiences", N_("Experiences")),
    ]),
    (N_("Sending"), [
        ("cv_path", N_("CV file")),
        ("signature", N_("Signature")),
        ("language", N_("Language")),
        ("cadence_key_days", N_("Key contacts every")),
        ("cadence_network_days", N_("Others every")),
        ("questions", N_("First-meeting questions")),
    ]),
    (N_("Once you have found a job"), [
        ("landed_company", N_("Company")),
        ("landed_position", N_("Position")),
        ("landed_on", N_("Found on")),
        ("landed_key_days", N_("Then key contacts every")),
        ("landed_network_days", N_("Then others every")),
    ]),
    (N_("LinkedIn and visibility"), [
        ("linkedin_note_limit", N_("Connection note limit")),
        ("linkedin_message_limit", N_("Message limit")),
        ("posts_per_week", N_("Posts a week")),
        ("checkup_every_days", N_("Check-up every")),
    ]),
]
#: Each profile field's label on the form, and the part of the form it is in.
PROFILE_FIELDS = Labels({key: _l(label) for _part, fields in PROFILE_FORM for key, label in fields})
_PART_OF = {key: part for part, fields in PROFILE_FORM for key, _label in fields}
_LABELS = [label for _part, fields in PROFILE_FORM for _key, label in fields]
#: Fields whose label the form gives another field too ("Company"): a message says which part.
_SHARED = {key for _part, fields in PROFILE_FORM for key, label in fields if _LABELS.count(label) > 1}


def _part(key: str, lang: str) -> str:
    """The part of the form a field is in, to go inside a sentence ("once you have found a job")."""
    part = i18n.translate(_PART_OF[key], lang)
    return part[:1].lower() + part[1:]


def profile_field(key: str, lang: str | None = None) -> str:
    """A profile field named as the form names it, in the current language (or `lang`):
    "Target sector"; "Company (once you have found a job)" where the label alone names
    two fields. A key the form does not show reads as the key in words."""
    lang = lang or i18n.current_language()
    label = PROFILE_FIELDS.label(key, lang)
    if key not in _SHARED:
        return label
    return i18n.translate(N_("{field} ({part})"), lang).format(field=label, part=_part(key, lang))


def profile_field_and_key(key: str, lang: str | None = None) -> str:
    """The field as the form names it, then the key `netui profile --set` takes:
    "CV file (cv_path)", "Company (once you have found a job, landed_company)"."""
    lang = lang or i18n.current_language()
    label = PROFILE_FIELDS.label(key, lang)
    if key not in _SHARED:
        return i18n.translate(N_("{field} ({key})"), lang).format(field=label, key=key)
    return i18n.translate(N_("{field} ({part}, {key})"), lang).format(field=label, part=_part(key, lang), key=key)


#: The fields of the records, as messages name them ("kept company 'Acme'", "invalid date: ...").
FIELDS = Labels({
    "uid": _l("id"),
    "first_name": _l("first name"),
    "last_name": _l("last name"),
    "emails": _l("email"),
    "phones": _l("phones"),
    "company": _l("company"),
    "position": _l("position"),
    "sector": _l("sector"),
    "location": _l("location"),
    "linkedin_url": _l("LinkedIn URL"),
    "websites": _l("websites"),
    "birthday": _l("birthday"),
    "source": _l("source"),
    "relationship": _l("relationship"),
    "tier": _l("tier"),
    "tags": _l("tags"),
    "notes": _l("notes"),
    "answers": _l("answers"),
    "register": _l("register"),
    "keep_in_touch_days": _l("keep-in-touch days"),
    "connected_on": _l("connected on"),
    "introduced_by": _l("introduced by"),
    "knows_at": _l("knows people at"),
    "past_companies": _l("past companies"),
    "email": _l("email"),
    "name": _l("name"),
    "date": _l("date"),
    "time": _l("time"),
    "kind": _l("kind"),
    "status": _l("status"),
    "topic": _l("topic"),
    "url": _l("URL"),
    "summary": _l("summary"),
    "subject": _l("subject"),
    "body": _l("body"),
    "send_on": _l("send on"),
    "contact_uid": _l("contact"),
    "checklist": _l("checklist"),
    "checklist.text": _l("checklist item"),
    "checkup.text": _l("check-up item"),
})


def field_label(name: str) -> str:
    """What a message calls the field `name` (a name it does not know is shown as it is:
    a profile key or a setting the user typed)."""
    return FIELDS.get(name) or name
#: The tables of the data file, as messages about its records name them ("contacts document 5").
DATA_TABLES = Labels({
    "contacts": _l("contacts"),
    "interactions": _l("interactions"),
    "events": _l("events"),
    "drafts": _l("drafts"),
    "posts": _l("posts"),
    "profile": _l("profile"),
    "checkup": _l("check-up"),
})
#: What you published (`netui posts`).
POST_KINDS = Labels({
    "post": _l("post"),
    "article": _l("article"),
    "comment": _l("comment"),
    "discussion": _l("discussion"),
})
#: Where a template comes from: your templates folder, netui itself, or the compose screen.
TEMPLATE_ORIGINS = Labels({"user": _l("user"), "shipped": _l("shipped"), "edited": _l("edited")})

#: Every table by the name of what it labels.
TABLES: dict[str, Labels] = {
    "source": SOURCES,
    "relationship": RELATIONSHIPS,
    "tier": TIERS,
    "interaction_kind": INTERACTION_KINDS,
    "event_kind": EVENT_KINDS,
    "event_status": EVENT_STATUSES,
    "checklist_phase": CHECKLIST_PHASES,
    "draft_status": DRAFT_STATUSES,
    "language": LANGUAGES,
    "register": REGISTERS,
    "template": TEMPLATES,
    "profile_field": PROFILE_FIELDS,
    "field": FIELDS,
    "data_table": DATA_TABLES,
    "post_kind": POST_KINDS,
    "template_origin": TEMPLATE_ORIGINS,
}


def label(table: str, value: str | None) -> str:
    """`label("source", "former_colleague")` -> "ex-colleague" / "ex collega"."""
    return TABLES[table].label(value)
