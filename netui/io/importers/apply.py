"""Apply an import plan to the store: one save, all or nothing, after a backup.

The backup is taken here, once, so every import (the CLI's and the app's
import dialog) can be undone with `netui restore`.
"""

from __future__ import annotations

from dataclasses import dataclass

from netui.core.gcpause import gc_paused
from netui.core.models import Draft, Event, Interaction, Profile
from netui.io.importers.common import ImportResult
from netui.io.importers.merge import ImportPlan
from netui.storage.store import Store


@dataclass
class Applied:
    """What an import changed (for the summary line)."""

    new: int = 0
    updated: int = 0
    records: int = 0


def apply_plan(store: Store, plan: ImportPlan, result: ImportResult) -> Applied:
    """Back up the data file, then write `plan` (and, for a JSON restore, its other
    records) in one transaction."""
    applied = Applied(new=len(plan.new), updated=len(plan.updated))
    _repoint_introductions(store, plan)
    if _changes_anything(plan, result) and store.real_path.exists():
        store.backup("pre-import")
    with gc_paused(), store.transaction():  # a stored copy and a document per contact, all kept
        if plan.new:
            store.contacts_table.add_many(plan.new)
        if plan.updated:
            store.contacts_table.update_many([new for _old, new in plan.updated])
        applied.records = _apply_records(store, plan, result)
    return applied


def _changes_anything(plan: ImportPlan, result: ImportResult) -> bool:
    return bool(plan.new or plan.updated or any(result.records.values()))


def _repoint_introductions(store: Store, plan: ImportPlan) -> None:
    """`introduced_by` of imported contacts to the contact each introducer became; dropped
    when the introducer is neither in the file nor in the store."""
    remap = plan.uid_map
    arriving = {c.uid for c in plan.new} | {new.uid for _old, new in plan.updated}
    for contact in [*plan.new, *(new for _old, new in plan.updated)]:
        uid = contact.introduced_by
        if not uid:
            continue
        uid = remap.get(uid, uid)
        known = uid in arriving or store.contact(uid) is not None
        contact.introduced_by = uid if known and uid != contact.uid else None


def _apply_records(store: Store, plan: ImportPlan, result: ImportResult) -> int:
    """Interactions, events, drafts and profile of a netui JSON export, re-pointed."""
    remap = plan.uid_map
    interactions = [r.copy(contact_uid=remap.get(r.contact_uid, r.contact_uid))
                    for r in result.records.get("interactions", []) if isinstance(r, Interaction)]
    interactions = [r for r in interactions
                    if not store.interactions_table.get(r.uid) and store.contact(r.contact_uid)]
    drafts = [r.copy(contact_uid=remap.get(r.contact_uid, r.contact_uid))
              for r in result.records.get("drafts", []) if isinstance(r, Draft)]
    drafts = [r for r in drafts if not store.draft(r.uid) and store.contact(r.contact_uid)]
    events = []
    for record in result.records.get("events", []):
        if isinstance(record, Event) and not store.event(record.uid):
            linked = [remap.get(u, u) for u in record.contact_uids]
            events.append(record.copy(contact_uids=[u for u in linked if store.contact(u)]))
    store.interactions_table.add_many(interactions)
    store.drafts_table.add_many(drafts)
    store.events_table.add_many(events)
    count = len(interactions) + len(drafts) + len(events)
    for record in result.records.get("profile", []):
        if isinstance(record, Profile) and not store.profile().name and record.name:
            store.set_profile(record)
            count += 1
    return count
