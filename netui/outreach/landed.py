"""I found a job: thank everyone who helped, share the news, keep the network alive.

The method ends on two habits: thank everyone who helped during the search,
and do not drop the network once the job is found. Recording the job
(`record_landed`) does three things in one transaction:

- the profile keeps the job (`me.landed_company`, `me.landed_position`,
  `me.landed_on` for the templates) and the day the search started;
- everyone who helped since that day gets a personalised `job_news` draft, all
  in one same-day batch (`batch.create_batch`); each draft names the specific
  help through template variables (`help_call`, `help_meeting`, `help_event`,
  `help_reply`, `help_introduced`, `help_intro_asked`), so the wording stays
  in the templates, in each language;
- the cadences move to the maintenance rhythm (`landed_key_days`,
  `landed_network_days`); the search's are kept for `undo_landed`.

Helping means: a call, a meeting, being met at an event, a reply, introducing
you to someone (a contact whose `introduced_by` names them), or being asked
for an introduction (an `intro_requested` interaction). Emails you sent and
notes are not help. Contacts' own cadences (`keep_in_touch_days`) are the
user's choice and stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from netui.core.errors import NetuiError, ValidationError
from netui.core.i18n import _, ngettext, template_language
from netui.core.models import Contact, Draft, Event, Interaction, Profile, check_date
from netui.core.today import current_day
from netui.outreach.batch import Batch, create_batch
from netui.storage.store import Store

JOB_NEWS_TEMPLATE = "job_news"
#: Interaction kind -> the help it stands for.
HELP_KINDS = {
    "call": "call",
    "meeting": "meeting",
    "event_met": "event",
    "reply_received": "reply",
    "intro_requested": "intro_asked",
}
#: The contact field naming who introduced you to them (a contact uid, a name or an email).
#: The template variable naming each kind of help.
HELP_VARIABLES = {
    "call": "help_call",
    "meeting": "help_meeting",
    "event": "help_event",
    "reply": "help_reply",
    "introduction": "help_introduced",
    "intro_asked": "help_intro_asked",
}
_AND = {"en": " and ", "it": " e "}




@dataclass(frozen=True, slots=True)
class Help:
    """One kind of help from one contact: its latest day, and what it was about."""

    kind: str  # a value of HELP_KINDS, or "introduction"
    day: str
    detail: str = ""  # the event's name; the names of the people introduced
    count: int = 1

    def label(self) -> str:
        """A short line for the dry run and the dialog ("call on 2026-11-03"), in the current language."""
        values = {"day": self.day, "count": self.count}
        if self.kind == "event":
            return _("met at {event} on {day}").format(event=self.detail, day=self.day)
        if self.kind == "introduction":
            return _("introduced you to {names}").format(names=", ".join(self.detail.split("\n")))
        if self.kind == "intro_asked":
            return _("asked for an introduction on {day}").format(day=self.day)
        if self.kind == "reply":
            if self.count == 1:
                return _("replied on {day}").format(**values)
            return ngettext("replied on {day} ({count} time)", "replied on {day} ({count} times)",
                            self.count).format(**values)
        if self.kind == "call":
            if self.count == 1:
                return _("call on {day}").format(**values)
            return ngettext("call on {day} ({count} time)", "call on {day} ({count} times)",
                            self.count).format(**values)
        if self.kind == "meeting":
            if self.count == 1:
                return _("meeting on {day}").format(**values)
            return ngettext("meeting on {day} ({count} time)", "meeting on {day} ({count} times)",
                            self.count).format(**values)
        return _("{kind} on {day}").format(kind=self.kind, day=self.day)


@dataclass(slots=True)
class Helper:
    """A contact who helped during the search, and how."""

    contact: Contact
    helps: list[Help] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(h.label() for h in self.helps)

    def variables(self, lang: str) -> dict[str, str]:
        """The job_news template's variables: every `help_*` key, empty when that help did not happen."""
        found = {name: "" for name in HELP_VARIABLES.values()}
        for item in self.helps:
            key = HELP_VARIABLES[item.kind]
            if item.kind == "event":
                found[key] = item.detail
            elif item.kind == "introduction":
                names = item.detail.split("\n")
                conj = _AND.get(lang, _AND["en"])
                found[key] = names[0] if len(names) == 1 else ", ".join(names[:-1]) + conj + names[-1]
            else:
                found[key] = item.day
        return found


@dataclass(slots=True)
class Landing:
    """What recording the job found did (or, in a dry run, would do)."""

    since: str | None
    helpers: list[Helper]
    profile: Profile
    batch: Batch | None = None


@dataclass(slots=True)
class Undone:
    """What undoing the job found changed."""

    profile: Profile
    removed: int  # drafts of the thank-you batch not yet sent, deleted
    kept: int  # drafts already sent, kept


def search_start(interactions: Iterable[Interaction]) -> str | None:
    """The day the search started by default: the first interaction logged."""
    days = [i.date[:10] for i in interactions if i.date]
    return min(days) if days else None


def _introducer_ref(contact: Contact) -> str:
    """Who introduced you to `contact`: a uid, or (typed by hand) an email or a name; empty when nobody."""
    value = contact.introduced_by
    return value.strip() if isinstance(value, str) else ""


def _resolve(store: Store, ref: str, by_name: dict[str, Contact]) -> Contact | None:
    found = store.contact(ref)
    if found is not None:
        return found
    if "@" in ref:
        return store.contact_by_email(ref)
    return by_name.get(ref.casefold())


def _event_names(events: Iterable[Event]) -> dict[tuple[str, str], str]:
    """(contact uid, day) -> the name of the event where they were met."""
    found: dict[tuple[str, str], str] = {}
    for event in events:
        for uid in event.contact_uids:
            found[(uid, event.date[:10])] = event.name
    return found


def find_helpers(store: Store, since: str) -> list[Helper]:
    """Everyone who helped from `since` on, by name; each with the latest day of each kind of help."""
    events = _event_names(store.events())
    latest: dict[str, dict[str, Help]] = {}
    for item in store.all_interactions():
        kind = HELP_KINDS.get(item.kind)
        day = item.date[:10]
        if kind is None or day < since:
            continue
        detail = ""
        if kind == "event":
            detail = events.get((item.contact_uid, day), "")
            if not detail:
                kind = "meeting"  # met, but at no event netui knows of
        helps = latest.setdefault(item.contact_uid, {})
        old = helps.get(kind)
        if old is None:
            helps[kind] = Help(kind, day, detail)
        elif day >= old.day:
            helps[kind] = Help(kind, day, detail, old.count + 1)
        else:
            helps[kind] = Help(kind, old.day, old.detail, old.count + 1)
    contacts = store.contacts()
    by_name: dict[str, Contact] = {}
    for contact in contacts:
        by_name.setdefault(contact.name.casefold(), contact)
    introduced: dict[str, list[tuple[str, str]]] = {}
    for contact in contacts:
        ref = _introducer_ref(contact)
        if not ref:
            continue
        day = contact.connected_on or contact.created_at[:10]
        introducer = _resolve(store, ref, by_name)
        if day < since or introducer is None or introducer.uid == contact.uid:
            continue
        introduced.setdefault(introducer.uid, []).append((day, contact.name))
    for uid, people in introduced.items():
        people.sort()
        latest.setdefault(uid, {})["introduction"] = Help(
            "introduction", people[-1][0], "\n".join(name for _, name in people), len(people))
    helpers = []
    order = list(HELP_VARIABLES)
    for uid, helps in latest.items():
        helper = store.contact(uid)
        if helper is not None:
            helpers.append(Helper(helper, sorted(helps.values(), key=lambda h: order.index(h.kind))))
    return sorted(helpers, key=lambda h: (h.contact.name.casefold(), h.contact.uid))


def _job(position: str, company: str) -> str:
    """`Data Scientist at Acme`, or whichever of the two is known."""
    if position and company:
        return _("{position} at {company}").format(position=position, company=company)
    return position or company


def _check_job(company: str, position: str, landed_on: str | date) -> tuple[str, str, str]:
    company, position = company.strip(), position.strip()
    if not company:
        raise ValidationError("company", _("say where the job is (the company)"))
    day = landed_on.isoformat() if isinstance(landed_on, date) else check_date("date", landed_on)
    if not day:
        raise ValidationError("date", _("a date is required (YYYY-MM-DD)"))
    return company, position, day


def plan_landing(store: Store, company: str, position: str, landed_on: str | date,
                 since: str | None = None) -> Landing:
    """Who would be thanked and why, and the profile it would give; nothing is written."""
    company, position, day = _check_job(company, position, landed_on)
    profile = store.profile()
    if profile.landed_on:
        where = _job(profile.landed_position, profile.landed_company)
        raise NetuiError(_("a job is already recorded ({where}, {landed_on}): undo it first ('netui landed --undo')").format(where=where, landed_on=profile.landed_on))
    start = check_date("since", since) if since else search_start(store.all_interactions())
    helpers = find_helpers(store, start) if start else []
    changed = profile.copy(
        landed_company=company, landed_position=position, landed_on=day, search_since=start or day,
        search_key_days=profile.cadence_key_days, search_network_days=profile.cadence_network_days,
        cadence_key_days=profile.landed_key_days, cadence_network_days=profile.landed_network_days)
    return Landing(start, helpers, changed.validate())


def record_landed(store: Store, company: str, position: str, landed_on: str | date, *,
                  since: str | None = None, today: date | None = None, lang: str | None = None) -> Landing:
    """Record the job, prepare the thank-you-and-news batch (sent today), switch the cadences.

    One transaction: a template problem (DraftingError) leaves everything as it was.
    """
    landing = plan_landing(store, company, position, landed_on, since)
    send_on = today or current_day()
    with store.transaction():
        profile = store.set_profile(landing.profile)
        if landing.helpers:
            per_contact = {h.contact.uid: dict(h.variables(lang or template_language(profile.language))) for h in landing.helpers}
            landing.batch = create_batch(store, [h.contact.uid for h in landing.helpers], send_on,
                                         template=JOB_NEWS_TEMPLATE, lang=lang, per_contact=per_contact,
                                         skip_uids=set())
            profile = store.set_profile(profile.copy(landed_batch_uid=landing.batch.batch_uid))
    landing.profile = profile
    return landing


def undo_landed(store: Store) -> Undone:
    """Back to the search: the cadences and profile as they were, the unsent thank-you drafts removed."""
    profile = store.profile()
    if not profile.landed_on:
        raise NetuiError(_("no job is recorded: nothing to undo"))
    drafts: list[Draft] = [d for d in store.drafts() if profile.landed_batch_uid
                           and d.batch_uid == profile.landed_batch_uid]
    unsent = [d for d in drafts if d.status != "sent"]
    restored = profile.copy(
        cadence_key_days=profile.search_key_days or profile.cadence_key_days,
        cadence_network_days=profile.search_network_days or profile.cadence_network_days,
        landed_company="", landed_position="", landed_on="", search_since="", landed_batch_uid="",
        search_key_days=None, search_network_days=None)
    with store.transaction():
        for draft in unsent:
            store.delete_draft(draft.uid)
        restored = store.set_profile(restored)
    return Undone(restored, len(unsent), len(drafts) - len(unsent))
