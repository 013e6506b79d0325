"""The data model: plain dataclasses for what netui stores, with validation.

Every record is a dataclass that knows how to become the JSON document the
store writes (`to_doc`) and how to come back from one (`from_doc`). Keys the
program does not know (written by a newer netui or by hand) ride along in
`extra` so that a round trip never drops data.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from sys import intern
from typing import Any, Callable, ClassVar

from netui.core.errors import ValidationError

SOURCES = (
    "family", "friend", "volunteering", "sport", "colleague", "former_colleague",
    "professor", "alumni", "linkedin", "event", "recruiter", "other",
)
RELATIONSHIPS = ("peer", "mentor", "manager", "former_employer", "current_employer", "recruiter")
TIERS = ("key", "network")
INTERACTION_KINDS = (
    "email_sent", "reply_received", "thanked", "meeting", "call", "message",
    "linkedin_comment", "event_met", "note", "intro_requested", "intro_made",
)
EVENT_KINDS = ("webinar", "career_day", "open_day", "conference", "meetup", "company_meeting", "other")
EVENT_STATUSES = ("planned", "attended", "skipped")
DRAFT_STATUSES = ("draft", "ready", "copied", "sent")
CHECKLIST_PHASES = ("before", "during", "after")
LANGUAGES = ("it", "en")

#: Relationships the method says must never get the generic email.
NO_GENERIC_RELATIONSHIPS = frozenset({"mentor", "manager", "former_employer", "current_employer"})

#: The first-meeting questions of the method, asked of every new contact.
FIRST_MEETING_QUESTIONS = (
    "How did you start your career?",
    "What do you like most in your job, and what are its biggest challenges?",
    "Would you choose the same path again?",
)

_EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")


def new_uid() -> str:
    """A stable random id used for every cross-reference."""
    import secrets  # here, not at the top: hashlib and hmac are not needed to open the app

    return secrets.token_hex(8)


def now_iso() -> str:
    """The current local time as an ISO 8601 string with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today_iso() -> str:
    return date.today().isoformat()


# --- field checks -----------------------------------------------------------

def check_email(field_name: str, value: str) -> str:
    value = value.strip()
    if not _EMAIL_RE.match(value):
        raise ValidationError(field_name, f"not an email address: {value!r}")
    return value


def check_date(field_name: str, value: str | None, *, allow_time: bool = False) -> str | None:
    """Accept YYYY-MM-DD (and YYYY-MM-DDTHH:MM when allowed); refuse impossible dates."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(field_name, f"expected a date YYYY-MM-DD, got {value!r}")
    value = value.strip()
    try:
        if allow_time and "T" in value:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?", value):
                raise ValueError
            datetime.fromisoformat(value)
        else:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
    except ValueError:
        wanted = "YYYY-MM-DD or YYYY-MM-DDTHH:MM" if allow_time else "YYYY-MM-DD"
        raise ValidationError(field_name, f"not a valid date ({wanted}): {value!r}") from None
    return value


def check_choice(field_name: str, value: Any, choices: tuple[str, ...], *, optional: bool = False) -> Any:
    if optional and (value is None or value == ""):
        return None
    if value not in choices:
        raise ValidationError(field_name, f"{value!r} is not one of: {', '.join(choices)}")
    return value


def check_str_list(field_name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(field_name, "expected a list of texts")
    return [v.strip() for v in value if v.strip()]


def check_text(field_name: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field_name, f"expected text, got {type(value).__name__}")
    return value


KNOWS_AT_KEYS = ("company", "name", "note")


def check_knows_at(value: Any) -> list[dict[str, str]]:
    """`knows_at` entries as fresh {company, name, note} dicts; a company is required."""
    if not isinstance(value, list):
        raise ValidationError("knows_at", "expected a list of {company, name, note}")
    checked = []
    for entry in value:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k, ""), str) for k in KNOWS_AT_KEYS):
            raise ValidationError("knows_at", "expected a list of {company, name, note}")
        item = {k: entry.get(k, "").strip() for k in KNOWS_AT_KEYS}
        if not item["company"]:
            raise ValidationError("knows_at", "each entry needs a company")
        checked.append(item)
    return checked


def split_list(value: str) -> list[str]:
    """A `;`-separated list as typed on the command line or in a form."""
    return [part.strip() for part in value.split(";") if part.strip()]


# --- records ----------------------------------------------------------------

def _shared(value: Any) -> Any:
    """One shared copy of a repeated text (or of each text of a list)."""
    if value.__class__ is str:
        return intern(value)
    if value.__class__ is list and value and value[0].__class__ is str:
        return [intern(v) if v.__class__ is str else v for v in value]
    return value


class Record:
    """Shared document conversion for every stored dataclass."""

    TABLE: ClassVar[str]

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if isinstance(value, list):
                value = [v.to_doc() if isinstance(v, Record) else v for v in value]
            elif isinstance(value, dict):
                value = dict(value)
            doc[f.name] = value
        extra = getattr(self, "extra", None)
        if extra:
            for key, value in extra.items():
                doc.setdefault(key, value)
        return doc

    #: Fields whose values repeat across records (a company, a sector, an import's
    #: timestamp): one shared string each instead of one per record (~20 MB at 30,000 contacts).
    SHARED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_doc(cls, doc: dict[str, Any]):
        if doc.keys() == cls._field_names():  # every field, nothing unknown: the usual case
            return cls._builder()(doc)
        known = cls._field_names()
        obj = cls(**{k: v for k, v in doc.items() if k in known})  # type: ignore[call-arg]
        extra = {k: v for k, v in doc.items() if k not in known}
        if extra and "extra" in cls.__dataclass_fields__:  # type: ignore[attr-defined]
            obj.extra = extra  # type: ignore[attr-defined]
        for name in cls.SHARED:
            setattr(obj, name, _shared(getattr(obj, name)))
        return obj

    @classmethod
    def _builder(cls) -> Callable[[dict[str, Any]], Any]:
        """A function made for this class that sets each field from a complete document.

        Opening 30,000 contacts spent ~200 ms in `cls(**doc)` and the sharing loop;
        this straight-line code (generated once, as `dataclasses` generates `__init__`)
        takes ~60 ms. Same result as the general path: a test compares them.
        """
        cached = cls.__dict__.get("_builder_cache")
        if cached is None:
            lines = ["def build(doc):", "    obj = new(cls)"]
            fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
            for name in sorted(cls._field_names()):
                if name not in cls.SHARED:
                    lines.append(f"    obj.{name} = doc[{name!r}]")
                elif fields[name].default_factory is list:
                    lines.append(f"    obj.{name} = shared(doc[{name!r}])")
                else:  # inline: a call per field would cost half the gain
                    lines.append(f"    value = doc[{name!r}]")
                    lines.append(f"    obj.{name} = intern(value) if value.__class__ is str else value")
            if "extra" in cls.__dataclass_fields__:  # type: ignore[attr-defined]
                lines.append("    obj.extra = {}")
            lines.append("    return obj")
            scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "shared": _shared, "intern": intern}
            exec("\n".join(lines), scope)  # noqa: S102 - our own field names, no outside input
            cached = scope["build"]
            setattr(cls, "_builder_cache", cached)
        return cached

    @classmethod
    def _field_names(cls) -> frozenset[str]:
        cached = cls.__dict__.get("_names_cache")
        if cached is None:
            cached = frozenset(f.name for f in dataclasses.fields(cls)) - {"extra"}  # type: ignore[arg-type]
            setattr(cls, "_names_cache", cached)
        return cached

    def copy(self, **changes: Any):
        clone = dataclasses.replace(self, **changes)  # type: ignore[type-var]
        for f in dataclasses.fields(clone):  # type: ignore[arg-type]
            value = getattr(clone, f.name)
            if isinstance(value, list) and f.name not in changes:
                setattr(clone, f.name, [v.copy() if isinstance(v, Record) else v for v in value])
            elif isinstance(value, dict) and f.name not in changes:
                setattr(clone, f.name, dict(value))
        return clone


@dataclass(slots=True)
class Contact(Record):
    """A person in the network."""

    TABLE: ClassVar[str] = "contacts"
    SHARED: ClassVar[tuple[str, ...]] = (
        "company", "position", "sector", "location", "source", "relationship", "tier", "tags",
        "connected_on", "created_at", "updated_at", "past_companies")

    uid: str = field(default_factory=new_uid)
    first_name: str = ""
    last_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    position: str = ""
    sector: str = ""
    location: str = ""
    linkedin_url: str = ""
    websites: list[str] = field(default_factory=list)
    birthday: str | None = None
    source: str = "other"
    relationship: str | None = None
    tier: str = "network"
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    keep_in_touch_days: int | None = None
    connected_on: str | None = None
    #: The uid of the contact who introduced this one (warm paths, thank-you offers).
    introduced_by: str | None = None
    #: Companies where this contact knows someone: [{"company", "name", "note"}].
    knows_at: list[dict[str, str]] = field(default_factory=list)
    past_companies: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or (self.emails[0] if self.emails else "") or self.company or "(no name)"

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    def validate(self) -> "Contact":
        """Check every field; raise ValidationError naming the first bad one."""
        for name in ("first_name", "last_name", "company", "position", "sector", "location",
                     "linkedin_url", "notes"):
            setattr(self, name, check_text(name, getattr(self, name)))
        self.first_name = self.first_name.strip()
        self.last_name = self.last_name.strip()
        if not (self.first_name or self.last_name or self.emails or self.company):
            raise ValidationError("first_name", "a contact needs a name, an email or a company")
        self.emails = [check_email("emails", e) for e in check_str_list("emails", self.emails)]
        self.phones = check_str_list("phones", self.phones)
        self.websites = check_str_list("websites", self.websites)
        self.tags = check_str_list("tags", self.tags)
        self.source = check_choice("source", self.source, SOURCES)
        self.relationship = check_choice("relationship", self.relationship, RELATIONSHIPS, optional=True)
        self.tier = check_choice("tier", self.tier, TIERS)
        if self.keep_in_touch_days is not None:
            if isinstance(self.keep_in_touch_days, bool) or not isinstance(self.keep_in_touch_days, int) \
                    or not 1 <= self.keep_in_touch_days <= 3650:
                raise ValidationError("keep_in_touch_days", "expected a whole number of days from 1 to 3650")
        self.connected_on = check_date("connected_on", self.connected_on)
        if self.birthday not in (None, ""):
            if not isinstance(self.birthday, str) or not re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}|--\d{2}-?\d{2}",
                                                                    self.birthday.strip()):
                raise ValidationError("birthday", f"not a date (YYYY-MM-DD or --MM-DD): {self.birthday!r}")
        else:
            self.birthday = None
        if not isinstance(self.answers, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.answers.items()):
            raise ValidationError("answers", "expected question -> answer texts")
        self.past_companies = check_str_list("past_companies", self.past_companies)
        self.knows_at = check_knows_at(self.knows_at)
        if self.introduced_by in (None, ""):
            self.introduced_by = None
        elif not isinstance(self.introduced_by, str) or self.introduced_by == self.uid:
            raise ValidationError("introduced_by", "expected another contact's uid")
        return self


@dataclass(slots=True)
class Interaction(Record):
    """Something that happened with a contact."""

    TABLE: ClassVar[str] = "interactions"
    SHARED: ClassVar[tuple[str, ...]] = ("kind", "date")

    contact_uid: str = ""
    kind: str = "note"
    date: str = field(default_factory=today_iso)
    summary: str = ""
    draft_uid: str | None = None
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> "Interaction":
        if not self.contact_uid:
            raise ValidationError("contact_uid", "an interaction belongs to a contact")
        self.kind = check_choice("kind", self.kind, INTERACTION_KINDS)
        checked = check_date("date", self.date)
        if checked is None:
            raise ValidationError("date", "a date is required")
        self.date = checked
        self.summary = check_text("summary", self.summary)
        return self


@dataclass(slots=True)
class ChecklistItem(Record):
    """One step of an event's before/during/after checklist."""

    TABLE: ClassVar[str] = ""

    text: str = ""
    phase: str = "before"
    done: bool = False

    def validate(self) -> "ChecklistItem":
        self.text = check_text("checklist.text", self.text).strip()
        if not self.text:
            raise ValidationError("checklist.text", "an item needs some text")
        self.phase = check_choice("checklist.phase", self.phase, CHECKLIST_PHASES)
        self.done = bool(self.done)
        return self


@dataclass(slots=True)
class Event(Record):
    """A webinar, career day, conference...: where a network grows."""

    TABLE: ClassVar[str] = "events"

    name: str = ""
    kind: str = "other"
    date: str = field(default_factory=today_iso)
    location: str = ""
    url: str = ""
    online: bool = False
    status: str = "planned"
    checklist: list[ChecklistItem] = field(default_factory=list)
    contact_uids: list[str] = field(default_factory=list)
    notes: str = ""
    uid: str = field(default_factory=new_uid)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Event":
        event = super(Event, cls).from_doc(doc)
        event.checklist = [ChecklistItem.from_doc(i) if isinstance(i, dict) else i for i in event.checklist]
        return event

    def validate(self) -> "Event":
        self.name = check_text("name", self.name).strip()
        if not self.name:
            raise ValidationError("name", "an event needs a name")
        self.kind = check_choice("kind", self.kind, EVENT_KINDS)
        checked = check_date("date", self.date, allow_time=True)
        if checked is None:
            raise ValidationError("date", "a date is required")
        self.date = checked
        self.status = check_choice("status", self.status, EVENT_STATUSES)
        self.location = check_text("location", self.location)
        self.url = check_text("url", self.url)
        self.notes = check_text("notes", self.notes)
        self.online = bool(self.online)
        self.contact_uids = check_str_list("contact_uids", self.contact_uids)
        for item in self.checklist:
            item.validate()
        return self


@dataclass(slots=True)
class Draft(Record):
    """An email prepared in advance, sent on its day."""

    TABLE: ClassVar[str] = "drafts"

    contact_uid: str = ""
    template: str = "generic"
    lang: str = "en"
    subject: str = ""
    body: str = ""
    status: str = "draft"
    send_on: str | None = None
    batch_uid: str | None = None
    event_uid: str | None = None
    #: Template variables the user gave (e.g. `ask`), so a reopened draft keeps them.
    variables: dict[str, str] = field(default_factory=dict)
    uid: str = field(default_factory=new_uid)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> "Draft":
        if not self.contact_uid:
            raise ValidationError("contact_uid", "a draft is addressed to a contact")
        self.lang = check_choice("lang", self.lang, LANGUAGES)
        self.status = check_choice("status", self.status, DRAFT_STATUSES)
        self.send_on = check_date("send_on", self.send_on)
        self.subject = check_text("subject", self.subject)
        self.body = check_text("body", self.body)
        if not isinstance(self.variables, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.variables.items()):
            raise ValidationError("variables", "expected name -> text")
        return self


PROFILE_LIST_KEYS = ("company_traits", "target_companies", "experiences", "questions")


@dataclass(slots=True)
class Profile(Record):
    """You: what the email templates are filled from."""

    TABLE: ClassVar[str] = "profile"

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    current_position: str = ""
    current_company: str = ""
    time_in_role: str = ""
    current_sector: str = ""
    target_sector: str = ""
    target_position: str = ""
    target_location: str = ""
    target_work_type: str = ""
    company_traits: list[str] = field(default_factory=list)
    target_companies: list[str] = field(default_factory=list)
    experiences: list[str] = field(default_factory=list)
    cv_path: str = ""
    signature: str = ""
    language: str = "en"
    cadence_key_days: int = 30
    cadence_network_days: int = 90
    questions: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls) if f.name != "extra")

    def set_value(self, key: str, raw: str) -> None:
        """Set one key from text, as `netui profile --set KEY=VALUE` gives it."""
        if key not in self.keys():
            raise ValidationError(key, f"unknown profile key; known keys: {', '.join(self.keys())}")
        if key in PROFILE_LIST_KEYS:
            setattr(self, key, split_list(raw))
        elif key in ("cadence_key_days", "cadence_network_days"):
            try:
                setattr(self, key, int(raw))
            except ValueError:
                raise ValidationError(key, f"expected a whole number of days, got {raw!r}") from None
        else:
            setattr(self, key, raw.strip())

    def validate(self) -> "Profile":
        for key in self.keys():
            value = getattr(self, key)
            if key in PROFILE_LIST_KEYS:
                setattr(self, key, check_str_list(key, value))
            elif key in ("cadence_key_days", "cadence_network_days"):
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
                    raise ValidationError(key, "expected a whole number of days from 1 to 3650")
            else:
                setattr(self, key, check_text(key, value))
        if self.email:
            self.email = check_email("email", self.email)
        self.language = check_choice("language", self.language, LANGUAGES)
        return self


def parse_name_email(text: str) -> tuple[str, str, str]:
    """Split `"Ada Lovelace <ada@example.org>"` into first name, last name, email.

    A bare email gives no name; a bare name gives no email. The last word of the
    name is the last name.
    """
    text = text.strip()
    email = ""
    match = re.fullmatch(r"(.*?)\s*<([^<>]*)>\s*", text)
    if match:
        text, email = match.group(1).strip().strip('"'), match.group(2).strip()
        email = check_email("email", email)
    elif "@" in text and " " not in text:
        email, text = check_email("email", text), ""
    parts = text.split()
    if not parts:
        return "", "", email
    if len(parts) == 1:
        return parts[0], "", email
    return " ".join(parts[:-1]), parts[-1], email
