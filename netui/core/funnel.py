"""Which sources work: per source and per sector, how far contacts go.

Each figure counts contacts, so the rates compare like with like: of the
contacts of a source, how many you were in touch with, and of those how many replied,
met you (call, meeting, met at an event) and introduced you to someone (an
`intro_made` logged on them, or a contact whose `introduced_by` is them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from netui.core.followups import OUTREACH_KINDS
from netui.core.i18n import N_, _
from netui.core.models import SOURCES, Contact, Interaction
from netui.core.textsearch import fold

MET_KINDS = frozenset({"meeting", "call", "event_met"})
CONTACTED_KINDS = OUTREACH_KINDS | {"intro_requested"}
#: The group of contacts without a sector (shown, so translated where the rows are made).
NO_SECTOR = N_("(no sector)")


@dataclass(slots=True)
class FunnelRow:
    """The funnel of one group of contacts (a source, or a sector)."""

    group: str
    contacts: int = 0
    contacted: int = 0
    replied: int = 0
    met: int = 0
    intros: int = 0

    def rate(self, count: int) -> float | None:
        """`count` as a share of the contacted (None when nobody was contacted)."""
        return round(count / self.contacted, 3) if self.contacted else None

    def to_json(self, group_key: str) -> dict[str, Any]:
        return {group_key: self.group, "contacts": self.contacts, "contacted": self.contacted,
                "replied": self.replied, "met": self.met, "intros": self.intros,
                "contacted_rate": round(self.contacted / self.contacts, 3) if self.contacts else None,
                "reply_rate": self.rate(self.replied), "meet_rate": self.rate(self.met),
                "intro_rate": self.rate(self.intros)}


@dataclass(slots=True)
class Funnel:
    by_source: list[FunnelRow]
    by_sector: list[FunnelRow]

    def to_json(self) -> dict[str, Any]:
        return {"by_source": [r.to_json("source") for r in self.by_source],
                "by_sector": [r.to_json("sector") for r in self.by_sector]}


def funnel(contacts: Iterable[Contact], interactions: Iterable[Interaction]) -> Funnel:
    """The funnel by source (in the vocabulary's order) and by sector (largest first)."""
    contacted: set[str] = set()
    replied: set[str] = set()
    met: set[str] = set()
    introducers: set[str] = set()
    for item in interactions:
        kind = item.kind
        if kind in CONTACTED_KINDS:
            contacted.add(item.contact_uid)
        if kind == "reply_received":
            replied.add(item.contact_uid)
        if kind in MET_KINDS:
            met.add(item.contact_uid)
            contacted.add(item.contact_uid)  # a meeting is contact, even if the email was not logged
        if kind == "intro_made":
            introducers.add(item.contact_uid)
    people = list(contacts)
    for contact in people:
        if contact.introduced_by:
            introducers.add(contact.introduced_by)
    no_sector = _(NO_SECTOR)
    sources: dict[str, FunnelRow] = {}
    sectors: dict[str, FunnelRow] = {}
    for contact in people:
        uid = contact.uid
        sector = contact.sector.strip()
        folded = fold(sector)
        rows = (sources.setdefault(contact.source, FunnelRow(contact.source)),
                sectors.setdefault(folded, FunnelRow(sector or no_sector)))
        for row in rows:
            row.contacts += 1
            row.contacted += uid in contacted or uid in replied or uid in introducers
            row.replied += uid in replied
            row.met += uid in met
            row.intros += uid in introducers
    order = {s: i for i, s in enumerate(SOURCES)}
    by_source = sorted(sources.values(), key=lambda r: (order.get(r.group, len(order)), r.group))
    by_sector = sorted(sectors.values(), key=lambda r: (r.group == no_sector, -r.contacts, r.group.casefold()))
    return Funnel(by_source, by_sector)
