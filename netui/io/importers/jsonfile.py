"""netui's own JSON export (see `exporters.export_json`), read back for a restore.

Also accepts the data file itself (tables keyed by document id), so a copy of
`netui.json` can be imported into another data file.
"""

from __future__ import annotations

from typing import Any

import orjson

from netui.core.errors import ImportFormatError, ValidationError
from netui.core.i18n import N_, _
from netui.core.models import (
    Contact,
    Draft,
    Event,
    Interaction,
    Profile,
    Record,
    check_not_future,
    check_uid,
    new_uid,
)
from netui.core.vocabulary import field_label
from netui.io.importers.common import ImportResult, decode, refusal

WHAT = N_("a netui JSON export")
FORMAT = "netui-export"
_TABLES: dict[str, type[Record]] = {"interactions": Interaction, "events": Event, "drafts": Draft}
#: Where a record of each table sits in the file, as a skip reason names it.
_RECORD_PLACES = {"interactions": N_("interaction {number}"), "events": N_("event {number}"),
                  "drafts": N_("draft {number}")}


def _docs(value: Any, table: str) -> list[dict]:
    if value is None:
        return []
    if isinstance(value, dict):  # a TinyDB table: {"1": doc, ...}
        value = list(value.values())
    if not isinstance(value, list) or not all(isinstance(d, dict) for d in value):
        raise ImportFormatError(_("{what}: {table} is not a list of documents").format(what=_(WHAT), table=repr(table)))
    return value


def _load(doc: dict, cls: type[Record], where: str, result: ImportResult) -> Record | None:
    doc = dict(doc)
    uid = doc.get("uid")
    if "uid" in doc and cls is not Profile:
        try:
            check_uid("uid", uid)
        except ValidationError:
            doc["uid"] = new_uid()
            result.warnings.append((where, _("uid {uid} is not a netui id (letters, digits, _ . -): "
                                             "given the new uid {new}").format(uid=repr(uid), new=doc["uid"])))
    try:
        record: Any = cls.from_doc(doc)
        return record.validate()
    except ValidationError as exc:
        result.skipped.append((where, f"{field_label(exc.field)}: {exc.message}"))
        return None
    except TypeError as exc:
        result.skipped.append((where, str(exc)))
        return None


def _happened(record: Record, where: str, result: ImportResult) -> bool:
    """An interaction dated after today is skipped, with why: what is planned belongs in an
    event or a draft's send date (the rule `netui log` and the app apply, `check_not_future`)."""
    if not isinstance(record, Interaction):
        return True
    try:
        check_not_future("date", record.date)
    except ValidationError as exc:
        result.skipped.append((where, f"{field_label(exc.field)}: {exc.message}"))
        return False
    return True


def parse_json(data: bytes) -> ImportResult:
    """Contacts into `contacts`; interactions, events, drafts and profile into `records`."""
    text = decode(data, WHAT).lstrip("\ufeff")
    try:
        payload = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if text.lstrip()[:1] not in "{[":
            raise ImportFormatError(refusal(text, WHAT)) from None
        raise ImportFormatError(_("{what} that is not valid JSON: line {lineno}, column {colno}: {msg}").format(what=_(WHAT), lineno=exc.lineno, colno=exc.colno, msg=exc.msg)) from None
    if not isinstance(payload, dict) or "contacts" not in payload or (
            payload.get("format") not in (None, FORMAT)):
        raise ImportFormatError(_("not {what}: expected an object with a 'contacts' list").format(what=_(WHAT)))
    result = ImportResult([], [], "json")
    for number, doc in enumerate(_docs(payload.get("contacts"), "contacts"), 1):
        where = _("contact {number}").format(number=number)
        contact = _load(doc, Contact, where, result)
        if isinstance(contact, Contact):
            result.contacts.append(contact)
            result.locations.append(where)
    for table, cls in _TABLES.items():
        kept: list[Record] = []
        for number, doc in enumerate(_docs(payload.get(table), table), 1):
            where = _(_RECORD_PLACES[table]).format(number=number)
            record = _load(doc, cls, where, result)
            if record is not None and _happened(record, where, result):
                kept.append(record)
        result.records[table] = kept
    profiles = payload.get("profile")
    if isinstance(profiles, dict) and not all(isinstance(v, dict) for v in profiles.values()):
        profiles = [profiles]  # one profile document, not a table of them
    profiles = _docs(profiles, "profile")
    loaded = [_load(doc, Profile, _("profile"), result) for doc in profiles[:1]]
    result.records["profile"] = [p for p in loaded if p is not None]
    return result
