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
from netui.core.i18n import N_, _, lazy_gettext
from netui.core.text import clean_line, clean_multiline
from netui.core.today import current_day

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
POST_KINDS = ("post", "article", "comment", "discussion")
CHECKLIST_PHASES = ("before", "during", "after")
LANGUAGES = ("it", "en")

#: Relationships the method says must never get the generic email.
NO_GENERIC_RELATIONSHIPS = frozenset({"mentor", "manager", "former_employer", "current_employer"})

#: The first-meeting questions of the method, asked of every new contact, by a stable id:
#: answers are stored under the id, so the question can be shown in any language.
QUESTIONS = {
    "career_start": lazy_gettext("How did you start your current career?"),
    "likes_challenges": lazy_gettext(
        "What do you like most about your job? What are the biggest challenges you face?"),
    "same_path": lazy_gettext("Would you choose the same career path if you had to start all over again?"),
}
FIRST_MEETING_QUESTIONS = tuple(QUESTIONS)
#: How answers were keyed before questions had ids (schema 1): the English text.
LEGACY_QUESTIONS = {
    "How did you start your career?": "career_start",
    "What do you like most in your job, and what are its biggest challenges?": "likes_challenges",
    "Would you choose the same path again?": "same_path",
}

#: How an Italian email addresses a contact: informal "tu" or formal "Lei".
REGISTERS = ("tu", "lei")
#: Relationships written to with "Lei" whatever the source; peers get "tu".
FORMAL_RELATIONSHIPS = frozenset({"mentor", "manager", "recruiter", "former_employer", "current_employer"})
INFORMAL_SOURCES = frozenset({"family", "friend"})

#: What a uid may hold: it is written into vCard, iCalendar and CSV lines as it is.
_UID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")


def default_register(relationship: str | None, source: str) -> str:
    """"lei" for mentors, managers, recruiters and employers; "tu" for peers, family and
    friends; "lei" for everyone else (the safe choice with someone you do not know).
    Values of the wrong type (a damaged file) count as unknown."""
    relationship = relationship if isinstance(relationship, str) else None
    source = source if isinstance(source, str) else "other"
    if relationship in FORMAL_RELATIONSHIPS:
        return "lei"
    if relationship == "peer" or source in INFORMAL_SOURCES:
        return "tu"
    return "lei"


def question_text(key: str) -> str:
    """A first-meeting question in the current language (a question of your own as you wrote it)."""
    found = QUESTIONS.get(key)
    return str(found) if found is not None else key


def answers_by_id(answers: dict[str, str]) -> dict[str, str]:
    """Answers keyed by question id: a legacy English question text becomes its id
    (two answers to the same question are kept, one after the other)."""
    if not any(key in LEGACY_QUESTIONS for key in answers):
        return answers
    out: dict[str, str] = {}
    for key, value in answers.items():
        key = LEGACY_QUESTIONS.get(key, key)
        before = out.get(key, "")
        out[key] = f"{before}\n{value}" if before and value and value != before else (before or value)
    return out


def new_uid() -> str:
    """A stable random id used for every cross-reference."""
    import secrets  # here, not at the top: hashlib and hmac are not needed to open the app

    return secrets.token_hex(8)


def now_iso() -> str:
    """The current local time as an ISO 8601 string with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today_iso() -> str:
    return current_day().isoformat()


# --- field checks -----------------------------------------------------------

def check_email(field_name: str, value: str) -> str:
    value = clean_line(value).strip()
    if not _EMAIL_RE.match(value):
        raise ValidationError(field_name, _("not an email address: {value}").format(value=repr(value)))
    return value


def check_date(field_name: str, value: str | None, *, allow_time: bool = False) -> str | None:
    """Accept YYYY-MM-DD (and YYYY-MM-DDTHH:MM when allowed); refuse impossible dates."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(field_name, _("expected a date YYYY-MM-DD, got {value}").format(value=repr(value)))
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
        message = (_("not a valid date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): {value}") if allow_time
                   else _("not a valid date (YYYY-MM-DD): {value}"))
        raise ValidationError(field_name, message.format(value=repr(value))) from None
    return value


def check_choice(field_name: str, value: Any, choices: tuple[str, ...], *, optional: bool = False) -> Any:
    if optional and (value is None or value == ""):
        return None
    if value not in choices:
        raise ValidationError(field_name, _("{value} is not one of: {choices}").format(value=repr(value), choices=', '.join(choices)))
    return value


def check_str_list(field_name: str, value: Any) -> list[str]:
    try:
        joined = "".join(value) if isinstance(value, list) else None
    except TypeError:
        joined = None
    if joined is None:
        raise ValidationError(field_name, _("expected a list of texts"))
    if joined.isprintable():  # the usual case: nothing for the gate to remove
        return [v.strip() for v in value if v.strip()]
    cleaned = [clean_line(v).strip() for v in value]
    return [v for v in cleaned if v]


def check_text(field_name: str, value: Any, *, multiline: bool = False) -> str:
    """Text through the gate of `netui.core.text`: control characters removed, and
    line breaks turned into spaces unless the field holds several lines."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field_name, _("expected text, got {kind}").format(kind=type(value).__name__))
    if value.isprintable():
        return value
    return clean_multiline(value) if multiline else clean_line(value)


def check_uid(field_name: str, value: Any, *, optional: bool = False) -> Any:
    """A record id: letters, digits, `_ . -` (it is written into export lines as it is)."""
    if optional and (value is None or value == ""):
        return None
    if value.__class__ is str and value.isascii() and value.isalnum() and len(value) <= 64:
        return value  # the usual case (new_uid's hex) without the regex
    if not isinstance(value, str) or not _UID_RE.fullmatch(value):
        raise ValidationError(field_name, _("not a valid id (letters, digits, _ . -): {value}").format(value=repr(value)))
    return value


def check_text_map(field_name: str, value: Any) -> dict[str, str]:
    """A name -> text mapping (answers, template variables); names one line, texts several."""
    if value.__class__ is dict and not value:
        return value
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValidationError(field_name, _("expected name -> text"))
    return {clean_line(k): clean_multiline(v) for k, v in value.items()}


def check_not_future(field_name: str, value: str, today: str | None = None) -> str:
    """Something that happened cannot have happened after today."""
    if value[:10] > (today or today_iso()):
        raise ValidationError(field_name, _("{value} is in the future: log what has happened; what is planned belongs in an event or a draft's send date").format(value=value))
    return value


KNOWS_AT_KEYS = ("company", "name", "note")


def check_knows_at(value: Any) -> list[dict[str, str]]:
    """`knows_at` entries as fresh {company, name, note} dicts; a company is required."""
    if not isinstance(value, list):
        raise ValidationError("knows_at", _("expected a list of {company, name, note}"))
    checked = []
    for entry in value:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k, ""), str) for k in KNOWS_AT_KEYS):
            raise ValidationError("knows_at", _("expected a list of {company, name, note}"))
        item = {k: entry.get(k, "").strip() for k in KNOWS_AT_KEYS}
        if not item["company"]:
            raise ValidationError("knows_at", _("each entry needs a company"))
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


#: Values a document holds as they are (immutable, no record inside).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _record_classes() -> list[type]:
    """Every record class (a list field whose type names one holds records to convert)."""
    found, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _doc_value(value: Any) -> Any:
    """A field's value as a document holds it: lists and maps copied, records as documents."""
    if isinstance(value, list):
        return [v.to_doc() if isinstance(v, Record) else v for v in value]
    if isinstance(value, dict):
        return dict(value)
    return value


class Record:
    """Shared document conversion for every stored dataclass."""

    TABLE: ClassVar[str]
    #: Set by @dataclass on each record class; declared so that the type checker knows.
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Each class writes its own fields: never a parent's generated writer (see `_dumper`).
        setattr(cls, "to_doc", Record.to_doc)

    def to_doc(self) -> dict[str, Any]:
        """The record as a document: fields in declaration order, lists and maps copied
        (records in them as documents), unknown keys kept from `extra` after them."""
        dump = self._dumper()
        setattr(type(self), "to_doc", dump)  # later calls go straight to it
        return dump(self)

    @classmethod
    def _dumper(cls) -> Callable[[Any], dict[str, Any]]:
        """A function made for this class that writes the document in one dict display.

        Every save and import turns each record into a document; a loop of getattr and
        isinstance per field was most of an import's cost, so the loop is unrolled once per
        class (as `_builder` is): a text, number or None is taken as it is, anything else
        goes through `_doc_value`. Same result as the loop: a test compares them.
        """
        cached = cls.__dict__.get("_dumper_cache")
        if cached is None:
            records = {sub.__name__ for sub in _record_classes()}
            fields = cls.__dataclass_fields__

            def item(name: str) -> str:
                factory, kind = fields[name].default_factory, str(fields[name].type)
                if factory is list and not any(r in kind for r in records):
                    return f"{name!r}: (v[:] if (v := obj.{name}).__class__ is list else value(v))"
                if factory is dict:
                    return f"{name!r}: (v.copy() if (v := obj.{name}).__class__ is dict else value(v))"
                return f"{name!r}: (v if (v := obj.{name}).__class__ in plain else value(v))"

            items = ", ".join(item(name) for name in cls._doc_order())
            lines = ["def dump(obj):", f"    doc = {{{items}}}"]
            if "extra" in cls.__dataclass_fields__:
                lines += ["    extra = obj.extra", "    if extra:", "        for key, v in extra.items():",
                          "            doc.setdefault(key, v)"]
            lines.append("    return doc")
            scope: dict[str, Any] = {"plain": _PLAIN, "value": _doc_value}
            exec("\n".join(lines), scope)  # noqa: S102 - our own field names, no outside input
            cached = scope["dump"]
            setattr(cls, "_dumper_cache", cached)
        return cached

    #: Fields whose values repeat across records (a company, a sector, an import's
    #: timestamp): one shared string each instead of one per record.
    SHARED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_doc(cls, doc: dict[str, Any]):
        if doc.keys() == cls._field_names():  # every field, nothing unknown: the usual case
            return cls._builder()(doc)
        known = cls._field_names()
        obj = cls(**{k: v for k, v in doc.items() if k in known})
        extra = {k: v for k, v in doc.items() if k not in known}
        if extra and "extra" in cls.__dataclass_fields__:
            setattr(obj, "extra", extra)
        for name in cls.SHARED:
            setattr(obj, name, _shared(getattr(obj, name)))
        return obj

    @classmethod
    def _builder(cls) -> Callable[[dict[str, Any]], Any]:
        """A function made for this class that sets each field from a complete document.

        `cls(**doc)` and the sharing loop were most of opening a big file; this
        straight-line code (generated once, as `dataclasses` generates `__init__`) is
        several times quicker. Same result as the general path: a test compares them.
        """
        cached = cls.__dict__.get("_builder_cache")
        if cached is None:
            lines = ["def build(doc):", "    obj = new(cls)"]
            fields = cls.__dataclass_fields__
            for name in sorted(cls._field_names()):
                if name not in cls.SHARED:
                    lines.append(f"    obj.{name} = doc[{name!r}]")
                elif fields[name].default_factory is list:
                    lines.append(f"    obj.{name} = shared(doc[{name!r}])")
                else:  # inline: a call per field would cost half the gain
                    lines.append(f"    value = doc[{name!r}]")
                    lines.append(f"    obj.{name} = intern(value) if value.__class__ is str else value")
            if "extra" in cls.__dataclass_fields__:
                lines.append("    obj.extra = {}")
            lines.append("    return obj")
            scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "shared": _shared, "intern": intern}
            exec("\n".join(lines), scope)  # noqa: S102 - our own field names, no outside input
            cached = scope["build"]
            setattr(cls, "_builder_cache", cached)
        return cached

    @classmethod
    def _doc_order(cls) -> tuple[str, ...]:
        """The fields a document holds, in declaration order (cached: every save and
        import asks for them once a record)."""
        cached = cls.__dict__.get("_order_cache")
        if cached is None:
            cached = tuple(f.name for f in dataclasses.fields(cls) if f.name != "extra")
            setattr(cls, "_order_cache", cached)
        return cached

    @classmethod
    def _field_names(cls) -> frozenset[str]:
        cached = cls.__dict__.get("_names_cache")
        if cached is None:
            cached = frozenset(f.name for f in dataclasses.fields(cls)) - {"extra"}
            setattr(cls, "_names_cache", cached)
        return cached

    def copy(self, **changes: Any):
        clone = dataclasses.replace(self, **changes)
        for f in dataclasses.fields(clone):
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
        "register", "connected_on", "created_at", "updated_at", "past_companies")

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
    #: "tu" or "lei" in Italian emails; empty until validated (then from the relationship).
    register: str = ""
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
        return full or (self.emails[0] if self.emails else "") or self.company or _("(no name)")

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    def validate(self) -> "Contact":
        """Check every field; raise ValidationError naming the first bad one."""
        self.uid = check_uid("uid", self.uid)
        for name in ("first_name", "last_name", "company", "position", "sector", "location",
                     "linkedin_url"):
            setattr(self, name, check_text(name, getattr(self, name)))
        self.notes = check_text("notes", self.notes, multiline=True)
        self.first_name = self.first_name.strip()
        self.last_name = self.last_name.strip()
        if not (self.first_name or self.last_name or self.emails or self.company):
            raise ValidationError("first_name", _("a contact needs a name, an email or a company"))
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
                raise ValidationError("keep_in_touch_days", _("expected a whole number of days from 1 to 3650"))
        self.connected_on = check_date("connected_on", self.connected_on)
        if self.birthday not in (None, ""):
            if not isinstance(self.birthday, str) or not re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}|--\d{2}-?\d{2}",
                                                                    self.birthday.strip()):
                raise ValidationError("birthday", _("not a date (YYYY-MM-DD or --MM-DD): {birthday}").format(birthday=repr(self.birthday)))
        else:
            self.birthday = None
        self.answers = answers_by_id(check_text_map("answers", self.answers))
        if not self.register:
            self.register = default_register(self.relationship, self.source)
        self.register = check_choice("register", self.register, REGISTERS)
        self.past_companies = check_str_list("past_companies", self.past_companies)
        self.knows_at = check_knows_at(self.knows_at)
        if self.introduced_by in (None, ""):
            self.introduced_by = None
        elif not isinstance(self.introduced_by, str) or self.introduced_by == self.uid:
            raise ValidationError("introduced_by", _("expected another contact's uid"))
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
            raise ValidationError("contact_uid", _("an interaction belongs to a contact"))
        self.contact_uid = check_uid("contact_uid", self.contact_uid)
        self.uid = check_uid("uid", self.uid)
        self.draft_uid = check_uid("draft_uid", self.draft_uid, optional=True)
        self.kind = check_choice("kind", self.kind, INTERACTION_KINDS)
        checked = check_date("date", self.date)
        if checked is None:
            raise ValidationError("date", _("a date is required"))
        self.date = checked
        self.summary = check_text("summary", self.summary, multiline=True)
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
            raise ValidationError("checklist.text", _("an item needs some text"))
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
        if isinstance(event.checklist, list):  # anything else is refused by validate
            event.checklist = [ChecklistItem.from_doc(i) if isinstance(i, dict) else i for i in event.checklist]
        return event

    def validate(self) -> "Event":
        self.name = check_text("name", self.name).strip()
        if not self.name:
            raise ValidationError("name", _("an event needs a name"))
        self.kind = check_choice("kind", self.kind, EVENT_KINDS)
        checked = check_date("date", self.date, allow_time=True)
        if checked is None:
            raise ValidationError("date", _("a date is required"))
        self.date = checked
        self.status = check_choice("status", self.status, EVENT_STATUSES)
        self.location = check_text("location", self.location)
        self.url = check_text("url", self.url)
        self.notes = check_text("notes", self.notes, multiline=True)
        self.online = bool(self.online)
        self.uid = check_uid("uid", self.uid)
        self.contact_uids = [check_uid("contact_uids", u) for u in check_str_list("contact_uids", self.contact_uids)]
        if not isinstance(self.checklist, list) or not all(isinstance(i, ChecklistItem) for i in self.checklist):
            raise ValidationError("checklist", _("expected a list of checklist items"))
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
            raise ValidationError("contact_uid", _("a draft is addressed to a contact"))
        self.contact_uid = check_uid("contact_uid", self.contact_uid)
        self.uid = check_uid("uid", self.uid)
        self.batch_uid = check_uid("batch_uid", self.batch_uid, optional=True)
        self.event_uid = check_uid("event_uid", self.event_uid, optional=True)
        self.template = check_text("template", self.template)
        self.lang = check_choice("lang", self.lang, LANGUAGES)
        self.status = check_choice("status", self.status, DRAFT_STATUSES)
        self.send_on = check_date("send_on", self.send_on)
        self.subject = check_text("subject", self.subject)
        self.body = check_text("body", self.body, multiline=True)
        self.variables = check_text_map("variables", self.variables)
        return self


PROFILE_LIST_KEYS = ("company_traits", "target_companies", "experiences", "questions")
#: Profile keys holding a number of days (1 to 3650).
PROFILE_DAY_KEYS = ("cadence_key_days", "cadence_network_days", "landed_key_days", "landed_network_days")
#: The search's cadences, kept while a found job is recorded so that undoing it restores them.
PROFILE_SAVED_DAY_KEYS = ("search_key_days", "search_network_days")
#: Profile keys holding a date (YYYY-MM-DD) or nothing.
PROFILE_DATE_KEYS = ("landed_on", "search_since")
#: Kept by `netui landed` for its undo; not set by hand (not in `Profile.keys()`).
PROFILE_KEPT_KEYS = ("search_since", "landed_batch_uid", *PROFILE_SAVED_DAY_KEYS)
#: Whole-number profile keys: (lowest, highest, unit) for their messages; the unit is
#: marked for the catalogue and translated where a message names it.
PROFILE_INT_KEYS: dict[str, tuple[int, int, str]] = {
    **{key: (1, 3650, N_("days")) for key in PROFILE_DAY_KEYS},
    "linkedin_note_limit": (1, 10_000, N_("characters")),
    "linkedin_message_limit": (1, 100_000, N_("characters")),
    "posts_per_week": (0, 50, N_("posts")),
    "checkup_every_days": (1, 3650, N_("days")),
}


CHECKUP_SECTIONS = ("search", "profile", "privacy", "cleanup")


@dataclass(slots=True)
class Checkup(Record):
    """The recurring reputation and privacy check-up: this round's items and when the next is due."""

    TABLE: ClassVar[str] = "checkup"

    items: list[ChecklistItem] = field(default_factory=list)
    lang: str = "en"
    #: When the next round is due; None: never done, due now.
    due: str | None = None
    #: The days rounds were completed, oldest first.
    completed: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Checkup":
        checkup = super(Checkup, cls).from_doc(doc)
        if isinstance(checkup.items, list):  # anything else is refused by validate
            checkup.items = [ChecklistItem.from_doc(i) if isinstance(i, dict) else i for i in checkup.items]
        return checkup

    def validate(self) -> "Checkup":
        if not isinstance(self.items, list) or not all(isinstance(i, ChecklistItem) for i in self.items):
            raise ValidationError("items", _("expected a list of checklist items"))
        for item in self.items:
            item.text = check_text("checkup.text", item.text).strip()
            if not item.text:
                raise ValidationError("checkup.text", _("an item needs some text"))
            item.phase = check_choice("checkup.section", item.phase, CHECKUP_SECTIONS)
            item.done = bool(item.done)
        self.lang = check_choice("lang", self.lang, LANGUAGES)
        self.due = check_date("due", self.due)
        self.completed = [d for d in check_str_list("completed", self.completed) if check_date("completed", d)]
        return self


@dataclass(slots=True)
class Post(Record):
    """Something you published (or mean to: an idea has no date yet) to stay visible."""

    TABLE: ClassVar[str] = "posts"

    topic: str = ""
    kind: str = "post"
    url: str = ""
    date: str | None = None
    notes: str = ""
    uid: str = field(default_factory=new_uid)
    created_at: str = field(default_factory=now_iso)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_idea(self) -> bool:
        """No date: an idea in the backlog, not yet published."""
        return not self.date

    def validate(self) -> "Post":
        self.topic = check_text("topic", self.topic).strip()
        if not self.topic:
            raise ValidationError("topic", _("a post needs a topic"))
        self.kind = check_choice("kind", self.kind, POST_KINDS)
        self.url = check_text("url", self.url).strip()
        self.notes = check_text("notes", self.notes)
        self.date = check_date("date", self.date)
        self.uid = check_uid("uid", self.uid)
        self.created_at = check_text("created_at", self.created_at)
        return self


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
    #: "it" or "en"; empty: not chosen, netui follows NETUI_LANG or the locale.
    language: str = ""
    cadence_key_days: int = 30
    cadence_network_days: int = 90
    questions: list[str] = field(default_factory=list)
    #: The job found (`netui landed`): empty while the search goes on.
    landed_company: str = ""
    landed_position: str = ""
    landed_on: str = ""
    search_since: str = ""
    landed_batch_uid: str = ""
    #: The maintenance rhythm the cadences move to once the job is found.
    landed_key_days: int = 90
    landed_network_days: int = 180
    search_key_days: int | None = None
    search_network_days: int | None = None
    linkedin_note_limit: int = 300
    linkedin_message_limit: int = 3000
    posts_per_week: int = 1
    checkup_every_days: int = 90
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """The keys a user sets (`netui profile --set`, the profile screen)."""
        return tuple(f.name for f in dataclasses.fields(cls)
                     if f.name != "extra" and f.name not in PROFILE_KEPT_KEYS)

    def set_value(self, key: str, raw: str) -> None:
        """Set one key from text, as `netui profile --set KEY=VALUE` gives it."""
        if key not in self.keys():
            raise ValidationError(key, _("unknown profile key; known keys: {choices}").format(choices=', '.join(self.keys())))
        if key in PROFILE_LIST_KEYS:
            setattr(self, key, split_list(raw))
        elif key in PROFILE_INT_KEYS:
            try:
                setattr(self, key, int(raw))
            except ValueError:
                unit = PROFILE_INT_KEYS[key][2]
                raise ValidationError(key, _("expected a whole number of {unit}, got {raw}").format(
                    unit=_(unit), raw=repr(raw))) from None
        else:
            setattr(self, key, raw.strip())

    def validate(self) -> "Profile":
        for key in (*self.keys(), *PROFILE_KEPT_KEYS):
            value = getattr(self, key)
            if key in PROFILE_LIST_KEYS:
                setattr(self, key, check_str_list(key, value))
            elif key in PROFILE_SAVED_DAY_KEYS:
                if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                          or not 1 <= value <= 3650):
                    raise ValidationError(key, _("expected a whole number of days from 1 to 3650"))
            elif key in PROFILE_DATE_KEYS:
                setattr(self, key, check_date(key, check_text(key, value)) or "")
            elif key in PROFILE_INT_KEYS:
                low, high, unit = PROFILE_INT_KEYS[key]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    raise ValidationError(key, _("expected a whole number of {unit} from {low} to {high}").format(
                        unit=_(unit), low=low, high=high))
            else:
                setattr(self, key, check_text(key, value, multiline=key == "signature"))
        if self.email:
            self.email = check_email("email", self.email)
        self.language = check_choice("language", self.language, LANGUAGES, optional=True) or ""
        return self


def parse_name_email(text: str) -> tuple[str, str, str]:
    """Split `"Ada Lovelace <ada@example.org>"` into first name, last name, email.

    A bare email gives no name; a bare name gives no email. The last word of the
    name is the last name.
    """
    text = clean_line(text).strip()
    email = ""
    match = re.fullmatch(r"(.*?)\s*<([^<>]*)>\s*", text)
    if match:
        text, email = match.group(1).strip().strip('"'), match.group(2).strip()
        email = check_email("email", email)
    elif "<" in text or ">" in text:
        raise ValidationError("email", _('write the address as "Name <email>": {text}').format(text=repr(text)))
    elif "@" in text and " " not in text:
        email, text = check_email("email", text), ""
    parts = text.split()
    if not parts:
        return "", "", email
    if len(parts) == 1:
        return parts[0], "", email
    return " ".join(parts[:-1]), parts[-1], email
