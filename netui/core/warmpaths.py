"""Warm paths to a company: who in the network can introduce you there, warmest first.

A first job is found through an introduction more often than through a cold
email. For a company, the paths are the contacts who work there now, who worked
there (`past_companies`), who know someone there (`knows_at`), and who
introduced you to one of those; each is ranked by how warm it is (key tier,
replied before, met, in touch recently, relationship) and says why.

`CompanyIndex` is built once over every contact (one pass, the company
normaliser cached), then answers any company in time proportional to its paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Sequence

from netui.core import vocabulary
from netui.core.companies import CompanyNames, company_key
from netui.core.i18n import N_, TranslatedTexts, format_date
from netui.core.models import Contact, Interaction

#: The kinds of path, warmest kind first, with their base score.
KIND_SCORES = {"works_there": 50, "knows_someone": 40, "worked_there": 25, "introducer": 15}
#: What each relationship adds: a mentor opens doors more readily than a recruiter.
RELATIONSHIP_SCORES = {"mentor": 15, "manager": 10, "former_employer": 5, "current_employer": 5, "peer": 5,
                       "recruiter": 0}
KEY_TIER_SCORE = 20
REPLIED_SCORE = 15
MET_SCORE = 10
RECENT_DAYS, RECENT_SCORE = 90, 15
THIS_YEAR_DAYS, THIS_YEAR_SCORE = 365, 5
MET_KINDS = frozenset({"meeting", "call", "event_met"})
MAX_CHAIN = 8
#: Interactions with an introduced contact after which the introducer deserves a thank-you too.
THANK_INTRODUCER_KINDS = frozenset({"reply_received", "meeting", "call", "event_met"})

#: Every user-visible phrase of a reason, in one place.
LABELS = TranslatedTexts({
    "works_there": N_("works there"),
    "works_there_as": N_("works there as {position}"),
    "worked_there": N_("worked there"),
    "knows_someone": N_("knows someone there"),
    "knows_someone_named": N_("knows someone there: {who}"),
    "introducer": N_("introduced you to {name}, who {what}"),
    "introduced_by": N_("introduced to you by {chain}"),
    "key": N_("key contact"),
    "replied": N_("replied before"),
    "met": N_("met in person or by call"),
    "recent": N_("in touch recently ({date})"),
    "this_year": N_("last contact {date}"),
    "relationship": N_("your {relationship}"),
})


@dataclass(frozen=True, slots=True)
class WarmPath:
    """One way into a company, through one contact."""

    contact: str
    uid: str
    kind: str
    reason: str
    score: int
    #: Who they know there (from `knows_at`), for the introduction request.
    person: str = ""
    #: Who introduced this contact to you, then who introduced that one...
    chain: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"contact": self.contact, "uid": self.uid, "kind": self.kind, "reason": self.reason,
                "score": self.score, "person": self.person, "chain": list(self.chain)}


@dataclass(slots=True)
class CompanyPaths:
    """A company (as the user knows it) and the paths into it, warmest first."""

    company: str
    key: str
    paths: list[WarmPath] = field(default_factory=list)
    #: How many paths there are (more than `paths` when only the warmest were asked for).
    total: int = 0
    #: Companies in the network with a close name (typos), paths or not: suggested, never merged.
    similar: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"company": self.company, "key": self.key, "paths": [p.to_json() for p in self.paths],
                "total": self.total,
                "similar": list(self.similar)}


@dataclass(slots=True)
class _Hit:
    """What one contact has to do with one company, before ranking."""

    contact: Contact
    kind: str
    phrase: str
    person: str = ""
    extra: list[str] = field(default_factory=list)


class CompanyIndex:
    """Every contact's companies (current, past, known-at), by normalised company key."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.names = CompanyNames()
        self.current: dict[str, list[Contact]] = {}
        self.past: dict[str, list[Contact]] = {}
        self.knows: dict[str, list[tuple[Contact, dict[str, str]]]] = {}
        self.by_uid: dict[str, Contact] = {}
        # Grouped by the text as typed first (companies repeat: one normalisation per spelling).
        at: dict[str, list[Contact]] = {}
        before: dict[str, list[Contact]] = {}
        for contact in contacts:
            self.by_uid[contact.uid] = contact
            if contact.company:
                at.setdefault(contact.company, []).append(contact)
            if contact.past_companies:
                for past in contact.past_companies:
                    before.setdefault(past, []).append(contact)
            if contact.knows_at:
                for entry in contact.knows_at:
                    # Weight 0: the spelling of where people work(ed) is the label, when there is one.
                    key = self.names.add(entry.get("company", ""), 0)
                    if key:
                        self.knows.setdefault(key, []).append((contact, entry))
        for spellings, target in ((at, self.current), (before, self.past)):
            for spelling, people in spellings.items():
                key = self.names.add(spelling, len(people))
                if key:
                    target.setdefault(key, []).extend(people)

    def company_counts(self) -> list[tuple[str, str, int]]:
        """(key, label, contacts working there now) for every current company, largest first."""
        counts = [(key, self.names.label(key), len(people)) for key, people in self.current.items()]
        return sorted(counts, key=lambda item: (-item[2], item[1].casefold()))

    def path_count(self, key: str) -> int:
        """How many paths lead into the company `key` (no ranking: cheap, for listings)."""
        direct = {c.uid for c in self.current.get(key, ())}
        direct.update(c.uid for c in self.past.get(key, ()))
        direct.update(c.uid for c, _entry in self.knows.get(key, ()))
        by_uid = self.by_uid
        introducers = {by_uid[uid].introduced_by or "" for uid in direct}
        return len(direct | {uid for uid in introducers if uid in by_uid})

    def chain(self, contact: Contact) -> tuple[str, ...]:
        """Names up the `introduced_by` links: who introduced this contact, and so on."""
        names: list[str] = []
        seen = {contact.uid}
        uid = contact.introduced_by
        while uid and uid not in seen and len(names) < MAX_CHAIN:
            seen.add(uid)
            introducer = self.by_uid.get(uid)
            if introducer is None:
                break
            names.append(introducer.name)
            uid = introducer.introduced_by
        return tuple(names)

    def _hits(self, key: str) -> dict[str, _Hit]:
        hits: dict[str, _Hit] = {}

        def offer(hit: _Hit) -> None:
            old = hits.get(hit.contact.uid)
            if old is None:
                hits[hit.contact.uid] = hit
            elif KIND_SCORES[hit.kind] > KIND_SCORES[old.kind]:
                hit.extra = [old.phrase, *old.extra]
                if not hit.person:
                    hit.person = old.person
                hits[hit.contact.uid] = hit
            else:
                old.extra.append(hit.phrase)
                old.person = old.person or hit.person

        for contact in self.current.get(key, ()):
            position = contact.position.strip()
            phrase = LABELS["works_there_as"].format(position=position) if position else LABELS["works_there"]
            offer(_Hit(contact, "works_there", phrase))
        for contact, entry in self.knows.get(key, ()):
            who = ", ".join(p for p in (entry.get("name", ""), entry.get("note", "")) if p)
            phrase = LABELS["knows_someone_named"].format(who=who) if who else LABELS["knows_someone"]
            offer(_Hit(contact, "knows_someone", phrase, person=entry.get("name", "")))
        for contact in self.past.get(key, ()):
            offer(_Hit(contact, "worked_there", LABELS["worked_there"]))
        for direct in list(hits.values()):
            introducer = self.by_uid.get(direct.contact.introduced_by or "")
            if introducer is None or introducer.uid == direct.contact.uid:
                continue
            phrase = LABELS["introducer"].format(name=direct.contact.name, what=direct.phrase)
            offer(_Hit(introducer, "introducer", phrase))
        return hits

    def paths(self, company: str, interactions_of: Callable[[str], Sequence[Interaction]],
              today: date, *, limit: int | None = None) -> CompanyPaths:
        """The paths into `company`, warmest first (ties by name); with `limit`, only the
        warmest that many are described (`total` still counts them all)."""
        key = company_key(company)
        result = CompanyPaths(company.strip(), key)
        if not key:
            return result
        typed = company.strip()
        if typed.islower() and self.names.spellings(key):
            result.company = self.names.label(key)  # typed in lower case: show the usual spelling
        scored = [(_warmth(hit, interactions_of(hit.contact.uid), today), hit) for hit in self._hits(key).values()]
        scored.sort(key=lambda item: (-item[0].score, item[1].contact.first_name.casefold(),
                                      item[1].contact.last_name.casefold(), item[1].contact.uid))
        result.total = len(scored)
        if limit is not None:
            del scored[limit:]
        result.paths = [_describe(hit, warmth, self.chain(hit.contact)) for warmth, hit in scored]
        result.similar = self.similar(key)
        return result

    def similar(self, key: str, limit: int = 5) -> list[str]:
        """Companies of the network whose name is close to `key`'s (typos), as usually spelled:
        suggested whether or not `key` has paths, never merged into it."""
        from netui.core.companies import similar_keys

        return [self.names.label(other) for other in similar_keys(key, self.names.keys(), limit=limit)]


@dataclass(slots=True)
class _Warmth:
    """How warm one path is, before it is put in words."""

    score: int
    replied: bool
    met: bool
    last: str  # the date of the latest interaction (not a note), or ""
    recency: str  # "recent", "this_year" or ""


def _warmth(hit: _Hit, interactions: Sequence[Interaction], today: date) -> _Warmth:
    contact = hit.contact
    score = KIND_SCORES[hit.kind]
    if contact.tier == "key":
        score += KEY_TIER_SCORE
    replied = met = False
    last = ""
    for item in interactions:
        if item.kind == "reply_received":
            replied = True
        elif item.kind in MET_KINDS:
            met = True
        if item.kind != "note" and item.date > last:
            last = item.date
    score += REPLIED_SCORE * replied + MET_SCORE * met
    recency = ""
    if last:
        try:
            ago = (today - date.fromisoformat(last[:10])).days
        except ValueError:
            ago = None
        if ago is not None and ago <= RECENT_DAYS:
            score += RECENT_SCORE
            recency = "recent"
        elif ago is not None and ago <= THIS_YEAR_DAYS:
            score += THIS_YEAR_SCORE
            recency = "this_year"
    if contact.relationship:
        score += RELATIONSHIP_SCORES.get(contact.relationship, 0)
    return _Warmth(score, replied, met, last[:10], recency)


def _describe(hit: _Hit, warmth: _Warmth, chain: tuple[str, ...]) -> WarmPath:
    """The path with its reason: what links the contact to the company, then what makes it warm."""
    contact = hit.contact
    reasons = [hit.phrase, *hit.extra]
    if chain and hit.kind != "introducer":
        reasons.append(LABELS["introduced_by"].format(chain=" ← ".join(chain)))
    if contact.tier == "key":
        reasons.append(LABELS["key"])
    if warmth.replied:
        reasons.append(LABELS["replied"])
    if warmth.met:
        reasons.append(LABELS["met"])
    if warmth.recency:
        reasons.append(LABELS[warmth.recency].format(date=format_date(warmth.last)))
    if contact.relationship:
        reasons.append(LABELS["relationship"].format(relationship=vocabulary.label("relationship", contact.relationship)))
    return WarmPath(contact.name, contact.uid, hit.kind, " · ".join(reasons), warmth.score, hit.person, chain)


def paths_for_targets(index: CompanyIndex, targets: Iterable[str],
                      interactions_of: Callable[[str], Sequence[Interaction]], today: date) -> list[CompanyPaths]:
    """Paths for each target company, once per company (spellings of one company are one)."""
    seen: set[str] = set()
    found = []
    for target in targets:
        key = company_key(target)
        if key and key not in seen:
            seen.add(key)
            found.append(index.paths(target, interactions_of, today))
    return found

