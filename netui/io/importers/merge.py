"""Plan an import against the contacts already stored: pure, no store.

A row matches an existing contact by uid (netui's own exports), then LinkedIn
URL, then any email, then exact name + company (one company however spelled:
"Ferrari S.p.A." is "FERRARI SPA"). A match only fills what is
empty and adds emails, phones, tags and websites: what the user typed is never
overwritten, and a differing value is reported as a conflict instead. Rows
matching each other (duplicates inside one file) merge the same way, so the
same file imported twice plans nothing the second time. Every lookup is a
dict, so 30,000 rows plan in linear time.

With `theirs` (`netui import json FILE --theirs`, made for a conflict copy) the
file wins instead: a matched contact takes every value the file gives it, and
`plan_theirs` lists the other records whose stored version the file's replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote

from netui.core import vocabulary
from netui.core.companies import company_key
from netui.core.i18n import _, ngettext
from netui.core.models import Contact
from netui.io.importers.common import ImportResult, Location
from netui.storage.merge import Conflict, differences

#: Single-valued fields filled when empty; a different non-empty value is a conflict.
SCALARS = ("first_name", "last_name", "company", "position", "sector", "location", "linkedin_url",
           "birthday", "connected_on", "relationship", "keep_in_touch_days", "notes")
#: Fields a contact keeps even when the file's values are taken (`theirs`).
OWN = frozenset({"uid", "created_at", "updated_at"})
#: What each field is called in the summary, in the current language.
LABELS = vocabulary.FIELDS
_SPACES = re.compile(r"\s+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LINKEDIN_HOST = re.compile(r"^(?:www\.|[a-z]{2,3}\.)?linkedin\.com")


@dataclass(slots=True)
class ImportPlan:
    """What an import would do; the store applies `new` and `updated` in one save.

    `uid_map` sends each incoming uid to the contact it became (an existing one
    or a new one), so a JSON restore can re-point interactions and drafts.
    """

    new: list[Contact]
    updated: list[tuple[Contact, Contact]]
    unchanged: list[Contact]
    conflicts: list[str]
    skipped: list[tuple[Location, str]]
    warnings: list[tuple[Location, str]] = field(default_factory=list)
    uid_map: dict[str, str] = field(default_factory=dict)
    #: With `theirs`: "who: field 'yours' → 'the file's'", one line per value replaced.
    replaced: list[str] = field(default_factory=list)

    @property
    def is_noop(self) -> bool:
        return not self.new and not self.updated


def url_key(url: str) -> str:
    """A LinkedIn URL as a match key: percent-decoded, lower-case, without scheme,
    `www.` or country subdomain, query, fragment or trailing slash."""
    if not url:
        return ""
    key = (unquote(url) if "%" in url else url).strip().casefold()
    key = _SCHEME.sub("", key)
    key = _LINKEDIN_HOST.sub("linkedin.com", key)
    return key.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def name_key(contact: Contact) -> tuple[str, str] | None:
    """(full name, company), casefolded; a company alone identifies a company card."""
    full, company = _norm(f"{contact.first_name} {contact.last_name}"), company_key(contact.company)
    return (full, company) if full or company else None


def _phone_key(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    return digits or _norm(phone)


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(name: str, old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        if name == "linkedin_url":
            return url_key(old) == url_key(new)
        if name == "notes":
            return _norm(new) in _norm(old)
        return _norm(old) == _norm(new)
    return old == new


def _short(value: object) -> str:
    text = _SPACES.sub(" ", str(value)).strip()
    return repr(text if len(text) <= 40 else text[:39] + "…")


class _Planner:
    def __init__(self, existing: list[Contact], theirs: bool = False) -> None:
        self.theirs = theirs
        self.replaced: list[str] = []
        self.originals = {c.uid: c for c in existing}
        self.work: dict[str, Contact] = {}  # new contacts, and copies of the existing ones changed
        self.new_uids: list[str] = []
        self.matched: dict[str, None] = {}  # existing uids matched, in order (a dict keeps order)
        self.conflicts: list[str] = []
        self.by_url: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        for contact in existing:
            self.register(contact, url_key(contact.linkedin_url))

    def current(self, uid: str) -> Contact:
        return self.work.get(uid) or self.originals[uid]

    def register(self, contact: Contact, key: str) -> None:
        if key:
            self.by_url.setdefault(key, contact.uid)
        for email in contact.emails:
            self.by_email.setdefault(email.casefold(), contact.uid)
        nkey = name_key(contact)
        if nkey:
            self.by_name.setdefault(nkey, contact.uid)

    def match(self, contact: Contact, key: str) -> str | None:
        if contact.uid in self.originals or contact.uid in self.work:
            return contact.uid
        if key and key in self.by_url:
            return self.by_url[key]
        for email in contact.emails:
            found = self.by_email.get(email.casefold())
            if found:
                return found
        nkey = name_key(contact)
        found = self.by_name.get(nkey) if nkey else None
        if found:
            other = url_key(self.current(found).linkedin_url)
            if not (key and other and key != other):  # two profiles: two people of the same name
                return found
        return None

    def add(self, contact: Contact, key: str) -> None:
        self.work[contact.uid] = contact
        self.new_uids.append(contact.uid)
        self.register(contact, key)

    def merge(self, uid: str, incoming: Contact, where: str) -> None:
        """Fill what `uid` lacks from `incoming`; copy an existing contact only when it changes."""
        if uid in self.originals:
            self.matched[uid] = None
        target = self.current(uid)
        who = f"{where}: {target.name}" if where else target.name
        changes: dict[str, object] = self._theirs(target, incoming, who) if self.theirs else {}
        if self.theirs:
            self._apply(uid, target, changes)
            return
        same_name = (target.first_name == incoming.first_name and target.last_name == incoming.last_name) or \
            _norm(f"{target.first_name} {target.last_name}") == _norm(f"{incoming.first_name} {incoming.last_name}")
        for name in SCALARS:
            new = getattr(incoming, name)
            if _empty(new) or (same_name and name in ("first_name", "last_name")):
                continue  # the same full name split elsewhere is not news
            old = getattr(target, name)
            if _empty(old):
                changes[name] = new
            elif old != new and not _same(name, old, new):
                self.conflicts.append(_("{who}: kept {field} {old}, the file has {new}").format(
                    who=who, field=LABELS.label(name), old=_short(old), new=_short(new)))
        emails = target.emails
        for email in incoming.emails:
            if email.casefold() in {e.casefold() for e in emails}:
                continue
            owner = self.by_email.get(email.casefold())
            if owner is not None and owner != uid:
                self.conflicts.append(_("{who}: email {email} left out: it belongs to {owner}").format(
                    who=who, email=repr(email), owner=self.current(owner).name))
            else:
                emails = [*emails, email]
        if emails is not target.emails:
            changes["emails"] = emails
        for name, key in (("phones", _phone_key), ("tags", str.casefold), ("websites", _site_key),
                          ("past_companies", company_key)):
            merged = _union(getattr(target, name), getattr(incoming, name), key)
            if merged is not getattr(target, name):
                changes[name] = merged
        known = {_knows_key(e) for e in target.knows_at}
        knows = [e for e in incoming.knows_at if _knows_key(e) not in known]
        if knows:
            changes["knows_at"] = [*target.knows_at, *knows]
        if not target.introduced_by and incoming.introduced_by:
            changes["introduced_by"] = incoming.introduced_by  # re-pointed when the plan is applied
        for name in ("answers", "extra"):
            missing = {k: v for k, v in getattr(incoming, name).items() if k not in getattr(target, name)}
            if missing:
                changes[name] = {**getattr(target, name), **missing}
        self._apply(uid, target, changes)

    def _apply(self, uid: str, target: Contact, changes: dict[str, object]) -> None:
        if not changes:
            return
        if uid in self.originals and uid not in self.work:
            target = self.work[uid] = target.copy()
        for name, value in changes.items():
            setattr(target, name, value)
        self.register(target, url_key(target.linkedin_url) if "linkedin_url" in changes else "")

    def _theirs(self, target: Contact, incoming: Contact, who: str) -> dict[str, object]:
        """Every value of `incoming` that differs from `target`'s (the file wins); an email
        that belongs to another contact is still left out."""
        mine, file_doc = target.to_doc(), incoming.to_doc()
        changes: dict[str, object] = {}
        for name, value in file_doc.items():
            if name in OWN or mine.get(name) == value:
                continue
            if name == "emails":
                value = [e for e in incoming.emails if self._email_free(e, target.uid, who)]
                if value == target.emails:
                    continue
            changes[name] = value
            self.replaced.append(_("{who}: {field} {old} → {new}").format(
                who=who, field=LABELS.label(name), old=_short(mine.get(name)), new=_short(value)))
        return changes

    def _email_free(self, email: str, uid: str, who: str) -> bool:
        owner = self.by_email.get(email.casefold())
        if owner is None or owner == uid:
            return True
        self.conflicts.append(_("{who}: email {email} left out: it belongs to {owner}").format(
            who=who, email=repr(email), owner=self.current(owner).name))
        return False


def _knows_key(entry: dict[str, str]) -> tuple[str, str]:
    return company_key(entry.get("company", "")), _norm(entry.get("name", ""))


def _site_key(url: str) -> str:
    return url.casefold().rstrip("/")


def _union(old: list[str], new: list[str], key) -> list[str]:
    seen = {key(v) for v in old}
    added = []
    for value in new:
        if key(value) not in seen:
            seen.add(key(value))
            added.append(value)
    return [*old, *added] if added else old


def plan_import(existing: list[Contact], incoming: list[Contact] | ImportResult, *,
                skipped: list[tuple[Location, str]] | None = None,
                warnings: list[tuple[Location, str]] | None = None, theirs: bool = False) -> ImportPlan:
    """Plan `incoming` (contacts, or a whole ImportResult) against `existing`.

    `existing` is not modified: updated contacts are copies. New contacts are
    the incoming objects, merged with their duplicates later in the file. With
    `theirs`, a matched contact takes the file's values instead of keeping its own.
    """
    locations: list[str] = []
    if isinstance(incoming, ImportResult):
        skipped = incoming.skipped if skipped is None else skipped
        warnings = incoming.warnings if warnings is None else warnings
        locations = incoming.locations
        incoming = incoming.contacts
    planner = _Planner(existing, theirs)
    uid_map: dict[str, str] = {}
    for i, contact in enumerate(incoming):
        key = url_key(contact.linkedin_url)
        found = planner.match(contact, key)
        if found is None:
            planner.add(contact, key)
            uid_map.setdefault(contact.uid, contact.uid)
        else:
            planner.merge(found, contact, locations[i] if i < len(locations) else "")
            uid_map.setdefault(contact.uid, found)
    updated, unchanged = [], []
    for uid in planner.matched:
        if uid in planner.work:
            updated.append((planner.originals[uid], planner.work[uid]))
        else:
            unchanged.append(planner.originals[uid])
    return ImportPlan(new=[planner.work[u] for u in planner.new_uids], updated=updated, unchanged=unchanged,
                      conflicts=planner.conflicts, skipped=list(skipped or []), warnings=list(warnings or []),
                      uid_map=uid_map, replaced=planner.replaced)


def changed_fields(old: Contact, new: Contact) -> list[str]:
    """The fields an update fills or extends, for the summary."""
    before, after = old.to_doc(), new.to_doc()
    return [k for k in after if k not in ("updated_at",) and before.get(k) != after.get(k)]


def summary_lines(plan: ImportPlan, limit: int | None = None) -> list[str]:
    """The human summary: counts, then skipped rows, conflicts and dropped values.

    `limit` caps each list (the TUI); None lists everything (the CLI).
    """
    def section(title: str, items: list[str]) -> list[str]:
        if not items:
            return []
        shown = items if limit is None else items[:limit]
        more = ([_("  … and {count} more").format(count=len(items) - len(shown))]
                if len(shown) < len(items) else [])
        return [f"{title}:", *(f"  {item}" for item in shown), *more]

    conflicts = ngettext("{count} conflict", "{count} conflicts", len(plan.conflicts)).format(
        count=len(plan.conflicts))
    head = _("{new} new, {updated} updated, {unchanged} unchanged, {skipped} skipped, {conflicts}").format(
        new=len(plan.new), updated=len(plan.updated), unchanged=len(plan.unchanged), skipped=len(plan.skipped),
        conflicts=conflicts)
    return [
        head,
        *section(_("Updated"), [f"{new.name}: {', '.join(LABELS.label(f) for f in changed_fields(old, new))}"
                             for old, new in plan.updated]),
        *section(_("Skipped"), [f"{where}: {why}" for where, why in plan.skipped]),
        *section(_("Replaced by the file's values"), plan.replaced),
        *section(_("Conflicts (your values kept)"), plan.conflicts),
        *section(_("Values left out"), [f"{where}: {why}" for where, why in plan.warnings]),
    ]


@dataclass(slots=True)
class Replacement:
    """A record other than a contact whose stored version (`mine`, None: not here) the
    file's (`theirs`, None: the file says it was deleted) replaces."""

    table: str
    uid: str
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None


def plan_theirs(versions: list[Conflict], plan: ImportPlan, stored: Callable[[str, str], dict[str, Any] | None],
                known_contact: Callable[[str], bool]) -> list[Replacement]:
    """The records of the file (other than contacts, which `plan_import` plans, unless the
    file says one was deleted) that differ from the stored ones, re-pointed at the contacts
    they became; a record of a contact that is neither stored nor imported is left out, as
    a plain import leaves it out."""
    remap = plan.uid_map
    arriving = {c.uid for c in plan.new}
    out = []
    for version in versions:
        if version.table == "contacts" and version.theirs is not None:
            continue  # planned by plan_import, which also matches by email and name
        theirs = dict(version.theirs) if version.theirs is not None else None
        if theirs is not None:
            owner = theirs.get("contact_uid")
            if isinstance(owner, str):
                theirs["contact_uid"] = owner = remap.get(owner, owner)
                if not (owner in arriving or known_contact(owner)):
                    continue
            linked = theirs.get("contact_uids")
            if isinstance(linked, list):
                moved = [remap.get(u, u) if isinstance(u, str) else u for u in linked]
                theirs["contact_uids"] = [u for u in moved if u in arriving or (isinstance(u, str) and known_contact(u))]
        mine = stored(version.table, version.uid)
        if theirs is None and mine is None:
            continue
        if mine is not None and theirs is not None and not differences(mine, theirs):
            continue
        out.append(Replacement(version.table, version.uid, mine, theirs))
    return out


def replacement_lines(replacements: list[Replacement], name_of: Callable[[Replacement], str]) -> list[str]:
    """What `plan_theirs` changes, one line per value, for the summary and the dry run."""
    lines = []
    for change in replacements:
        who = f"{vocabulary.DATA_TABLES.label(change.table)}: {name_of(change)}"
        if change.theirs is None:
            lines.append(_("{who}: deleted, as in the file").format(who=who))
        elif change.mine is None:
            lines.append(_("{who}: added from the file").format(who=who))
        else:
            lines.extend(_("{who}: {field} {old} → {new}").format(
                who=who, field=LABELS.label(name), old=_short(old), new=_short(new))
                for name, old, new in differences(change.mine, change.theirs))
    return lines
