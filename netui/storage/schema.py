"""Schema versions of the data file and the migrations between them.

Version 0 is a TinyDB file without a `meta` table (a hand-made or early file);
version 1 adds `meta.schema_version`, a `uid` on every record and the default
value of every field the program knows. Version 2 is one step in parts:
the profile gains the keys of the job found (`landed_*`, `search_*`) at their
defaults; each contact gets a `register` (tu or lei, from its relationship and
source) and its warm-path fields (`introduced_by`, `knows_at`,
`past_companies`, null or empty), and its first-meeting answers are keyed by
question id instead of the English question text. The `posts` table (the
visibility journal) and the `checkup` document need no conversion: they are
created when first used.
"""

from __future__ import annotations

from typing import Any, Callable

from netui.core.i18n import _
from netui.core.models import (
    Checkup,
    Contact,
    Draft,
    Event,
    Interaction,
    Post,
    Profile,
    Record,
    answers_by_id,
    default_register,
    new_uid,
)

SCHEMA_VERSION = 2
TABLES: dict[str, type[Record]] = {
    "contacts": Contact,
    "interactions": Interaction,
    "events": Event,
    "drafts": Draft,
    "profile": Profile,
    "posts": Post,
    "checkup": Checkup,
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


def _v2_profile_landed_keys(data: dict[str, Any]) -> dict[str, Any]:
    """The profile gains the keys of the job found, at their defaults."""
    out = dict(data)
    out["profile"] = {doc_id: Profile.from_doc(dict(doc)).to_doc()
                      for doc_id, doc in (data.get("profile") or {}).items()}
    return out


def _v2_contact_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Each contact gets a register and its warm-path fields; first-meeting answers are
    keyed by question id."""
    out = dict(data)
    contacts = {}
    for doc_id, doc in (data.get("contacts") or {}).items():
        doc = dict(doc)
        if doc.get("register") in (None, ""):  # a wrong value is left to the load checks
            doc["register"] = default_register(doc.get("relationship"), doc.get("source") or "other")
        if isinstance(doc.get("answers"), dict):
            doc["answers"] = answers_by_id(doc["answers"])
        doc.setdefault("introduced_by", None)
        doc.setdefault("knows_at", [])
        doc.setdefault("past_companies", [])
        contacts[doc_id] = doc
    if "contacts" in data:
        out["contacts"] = contacts
    return out


V2_PARTS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (
    _v2_profile_landed_keys,
    _v2_contact_fields,
)


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2: every part of V2_PARTS, in order (each adds fields, none drops any)."""
    out = dict(data)
    for part in V2_PARTS:
        out = part(out)
    meta = {doc_id: dict(doc) for doc_id, doc in (data.get("meta") or {}).items()}
    for doc in meta.values():
        if isinstance(doc.get("schema_version"), int):
            doc["schema_version"] = 2
            break
    else:
        meta["1"] = {"schema_version": 2}
    out["meta"] = meta
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1, 1: _v1_to_v2}


def _same_answers(old: Any, new: Any) -> bool:
    """Answers re-keyed by question id keep every answer text."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return old == new
    return all(any(text in kept for kept in new.values()) for text in old.values())


#: Fields a migration may reshape without losing anything, and how to check it.
_SAME: dict[str, Callable[[Any, Any], bool]] = {"answers": _same_answers}


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
            raise ValueError(_("migration lost records of table {name}").format(name=name))
        for doc_id, doc in old.items():
            lost = [k for k, v in doc.items() if k not in new[doc_id] or (
                new[doc_id][k] != v and v not in (None, "") and not _SAME.get(k, _never)(v, new[doc_id][k]))]
            if lost:
                raise ValueError(_("migration changed {name} {doc_id}: {fields}").format(
                    name=name, doc_id=doc_id, fields=", ".join(lost)))


def _never(old: Any, new: Any) -> bool:
    return False


def empty_data() -> dict[str, Any]:
    return {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
