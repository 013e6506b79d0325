"""Schema versions of the data file and the migrations between them.

Version 0 is a TinyDB file without a `meta` table (a hand-made or early file);
version 1 adds `meta.schema_version`, a `uid` on every record and the default
value of every field the program knows; version 2 adds the contacts' warm-path
fields (`introduced_by`, `knows_at`, `past_companies`), null or empty.
"""

from __future__ import annotations

from typing import Any, Callable

from netui.core.models import (
    Contact,
    Draft,
    Event,
    Interaction,
    Profile,
    Record,
    new_uid,
)

SCHEMA_VERSION = 2
TABLES: dict[str, type[Record]] = {
    "contacts": Contact,
    "interactions": Interaction,
    "events": Event,
    "drafts": Draft,
    "profile": Profile,
}


def schema_version(data: dict[str, Any]) -> int:
    meta = data.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, dict) and isinstance(doc.get("schema_version"), int):
            return doc["schema_version"]
    return 0


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, table in data.items():
        if name in TABLES:
            record_cls = TABLES[name]
            migrated = {}
            for doc_id, doc in table.items():
                doc = dict(doc)
                if name != "profile":
                    doc.setdefault("uid", new_uid())
                migrated[doc_id] = record_cls.from_doc(doc).to_doc()
            out[name] = migrated
        elif name != "meta":
            out[name] = table
    out["meta"] = {"1": {"schema_version": 1}}
    return out


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Contacts gain `introduced_by` (null), `knows_at` and `past_companies` (empty)."""
    out = dict(data)
    contacts = {}
    for doc_id, doc in (data.get("contacts") or {}).items():
        doc = dict(doc)
        doc.setdefault("introduced_by", None)
        doc.setdefault("knows_at", [])
        doc.setdefault("past_companies", [])
        contacts[doc_id] = doc
    if "contacts" in data:
        out["contacts"] = contacts
    out["meta"] = {"1": {"schema_version": 2}}
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring `data` up to SCHEMA_VERSION, one step at a time."""
    version = schema_version(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data


def verify(before: dict[str, Any], after: dict[str, Any]) -> None:
    """A migration may add fields, never lose records: raise if any went missing."""
    for name in TABLES:
        old, new = before.get(name) or {}, after.get(name) or {}
        if set(old) - set(new):
            raise ValueError(f"migration lost records of table {name}")
        for doc_id, doc in old.items():
            lost = [k for k, v in doc.items() if k not in new[doc_id] or (new[doc_id][k] != v and v not in (None, ""))]
            if lost:
                raise ValueError(f"migration changed {name} {doc_id}: {', '.join(lost)}")


def empty_data() -> dict[str, Any]:
    return {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
