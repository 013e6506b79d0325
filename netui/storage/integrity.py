"""Check the records of a loaded file: a bad one is named and set aside, never a crash.

A sync tool, a hand edit or an older netui can leave `"first_name": 12345`, an
event whose date is a number, a name holding terminal escapes, two records with
one uid. Each table is checked field by field over all its records at once
(C-level joins, cheap even for a big network); only the records a
check flags are then validated one by one by the model, which cleans their text
(`netui.core.text`) or refuses them. A refused record goes to the `quarantine`
table of the file, whole, with the reason: `netui doctor` lists them and
`netui doctor --repair` puts back what it can convert safely.

Which tables hold records, and of which model, is said once: `schema.TABLES`.
The big tables are checked as they are read (`store._Table.load`); every other
table of that registry (the profile, the posts, the check-up) document by
document with `check_documents`, so a table added there is checked on load
without anything else to remember.
"""

from __future__ import annotations

import dataclasses
import os
import zlib
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterable

from netui.core import vocabulary
from netui.core.errors import ValidationError
from netui.core.i18n import _
from netui.core.models import (
    DRAFT_STATUSES,
    EVENT_KINDS,
    INTERACTION_KINDS,
    LANGUAGES,
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Event,
    Record,
    check_date,
    new_uid,
)
from netui.core.text import is_clean
from netui.storage import platform
from netui.storage.schema import TABLES

QUARANTINE = "quarantine"
MULTILINE = frozenset({"notes", "summary", "body", "signature"})
#: Fields holding one of a few values: checked on the set of distinct values.
CHOICES: dict[tuple[str, str], tuple[Any, ...]] = {
    ("contacts", "source"): SOURCES, ("contacts", "tier"): TIERS,
    ("contacts", "relationship"): (*RELATIONSHIPS, None, ""),
    ("interactions", "kind"): INTERACTION_KINDS, ("drafts", "lang"): LANGUAGES,
    ("drafts", "status"): DRAFT_STATUSES, ("events", "kind"): EVENT_KINDS,
}
DATES = {("contacts", "connected_on"), ("interactions", "date"), ("drafts", "send_on")}


def _kind(annotation: Any) -> str:
    text = str(annotation).replace(" ", "")
    return {"str": "str", "str|None": "optional", "list[str]": "list", "int|None": "int",
            "int": "int", "dict[str,str]": "map"}.get(text, "other")


def _fields(cls: type[Record]) -> list[tuple[str, str]]:
    dataclass_type: Any = cls
    return [(f.name, _kind(f.type)) for f in dataclasses.fields(dataclass_type) if f.name != "extra"]


def _texts_ok(values: Any, multiline: bool) -> bool:
    """True when every value is text and none holds a control character (TypeError: not all text)."""
    joined = " ".join(values)
    if multiline:
        joined = joined.replace("\n", " ")
    return joined.isprintable() or is_clean(joined, multiline=multiline)


def _column_ok(table: str, name: str, kind: str, values: list[Any]) -> bool:
    """One field over every record of the table: types, text, choices and dates."""
    try:
        if kind == "str":
            if not _texts_ok(values, name in MULTILINE):
                return False
        elif kind == "optional":
            if not _texts_ok(filter(None, values), False):
                return False
        elif kind == "list":
            if set(map(type, values)) - {list} or not _texts_ok(chain.from_iterable(filter(None, values)), False):
                return False
        elif kind == "int":
            if set(map(type, values)) - {int, type(None)}:
                return False
        elif kind == "map":
            if set(map(type, values)) - {dict}:
                return False
            filled = list(filter(None, values))  # most are empty
            if not _texts_ok(chain.from_iterable(map(dict.keys, filled)), False) or \
                    not _texts_ok(chain.from_iterable(map(dict.values, filled)), True):
                return False
    except TypeError:
        return False
    choices = CHOICES.get((table, name))
    distinct = set(values) if choices is not None or (table, name) in DATES else None
    if choices is not None and distinct is not None and distinct - set(choices):
        return False
    if (table, name) in DATES:
        try:
            for value in distinct or ():
                check_date(name, value)
        except ValidationError:
            return False
    return True


def suspects(table: str, cls: type[Record], records: list[Any]) -> list[int]:
    """Indexes of the records that need a closer look (all of them for the small tables)."""
    if cls is Event or len(records) < 64:
        return list(range(len(records)))
    flagged: set[int] = set()
    for name, kind in _fields(cls):
        values = list(map(attrgetter(name), records))
        if not _column_ok(table, name, kind, values):
            flagged.update(i for i, value in enumerate(values)
                           if not _column_ok(table, name, kind, [value]))
    return sorted(flagged)


def examine(record: Any) -> tuple[Any | None, str]:
    """The record validated by the model (its text cleaned), or None and why it was refused."""
    doc = record.to_doc()
    try:
        checked = type(record).from_doc(dict(doc)).validate()
    except ValidationError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - whatever a broken record raises, it is set aside, named
        return None, _("not a valid record ({kind}: {problem})").format(kind=type(exc).__name__, problem=exc)
    if checked.to_doc() != doc:
        return checked, _("control characters or line breaks removed from its text")
    return checked, ""


def quarantine_entry(table: str, doc_id: str, document: dict[str, Any], problem: str) -> dict[str, Any]:
    return {"table": table, "doc_id": doc_id, "document": document, "problem": problem}


def describe(table: str, doc_id: str, record: Any, problem: str) -> str:
    """`contacts document 5 (Ada Lovelace): first_name: expected text, got int`.

    `record` is a record, or the document itself when not even a record could be made of it."""
    label = ""
    for attr in ("name", "topic", "uid"):
        try:
            value = record.get(attr) if isinstance(record, dict) else getattr(record, attr)
        except Exception:  # noqa: BLE001 - a broken record may not even have a name
            continue
        if isinstance(value, str) and value.strip():
            label = value
            break
    table = vocabulary.DATA_TABLES.label(table)
    if label:
        return _("{table} document {doc_id} ({label}): {problem}").format(
            table=table, doc_id=doc_id, label=label, problem=problem)
    return _("{table} document {doc_id}: {problem}").format(table=table, doc_id=doc_id, problem=problem)


# --- repair ---------------------------------------------------------------------------------

def _coerce(kind: str, value: Any) -> Any:
    """A value of the wrong type turned into the right one, when that loses nothing."""
    if kind in ("str", "optional"):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return str(value)
        return value
    if kind == "list":
        if isinstance(value, str):
            return [value] if value.strip() else []
        if isinstance(value, list):
            return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        return value
    if kind == "int":
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        if isinstance(value, float) and value.is_integer():
            return int(value)
    return value


def repair(table: str, document: dict[str, Any]) -> tuple[Record | None, str]:
    """Convert what is safely convertible (a number where text belongs, `"30"` for 30) and validate."""
    cls = TABLES.get(table)
    if cls is None:
        return None, _("unknown table {table}").format(table=repr(table))
    kinds = dict(_fields(cls))
    fixed = {key: _coerce(kinds.get(key, "other"), value) for key, value in document.items()}
    for name in ("date", "due"):  # a number where a date belongs: still refused below unless it is one
        if isinstance(fixed.get(name), int) and not isinstance(fixed.get(name), bool):
            fixed[name] = str(fixed[name])
    try:
        record: Any = cls.from_doc(fixed)
        record = record.validate()
    except ValidationError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a repair that fails leaves the record aside
        return None, f"{type(exc).__name__}: {exc}"
    return record, ""


def fresh_uid() -> str:
    return new_uid()


# --- the tables that are not read as records (the profile, the posts, the check-up) ------------

def check_documents(table: str, documents: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Each document of `table` validated by its model, in place: cleaned text written back,
    a refused document taken out, a second document with a uid already seen given a new one.

    Returns the quarantine entries of the refused documents and one line per document
    changed or refused (for `store.load_problems`).
    """
    cls = TABLES[table]
    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for doc_id, doc in list(documents.items()):
        try:
            record: Any = cls.from_doc(dict(doc))
        except Exception as exc:  # noqa: BLE001 - whatever a broken document raises, it is set aside, named
            checked, problem = None, _("not a valid record ({kind}: {problem})").format(
                kind=type(exc).__name__, problem=exc)
        else:
            checked, problem = examine(record)
        if checked is None:
            del documents[doc_id]
            entries.append(quarantine_entry(table, doc_id, dict(doc), problem))
            problems.append(_("{problem} (set aside: 'netui doctor')").format(
                problem=describe(table, doc_id, doc, problem)))
            continue
        if problem:
            problems.append(describe(table, doc_id, checked, problem))
        uid = getattr(checked, "uid", None)
        if isinstance(uid, str) and uid in seen:
            fresh = new_uid()
            problems.append(_("{table} document {doc_id}: uid {uid} is also used by document {other}; "
                              "this one now has the uid {fresh}").format(
                table=vocabulary.DATA_TABLES.label(table), doc_id=doc_id, uid=uid, other=seen[uid], fresh=fresh))
            checked = checked.copy(uid=fresh)
            uid, problem = fresh, "uid"
        if isinstance(uid, str):
            seen[uid] = doc_id
        if problem:  # changed: the document now holds what the model accepted
            documents[doc_id] = checked.to_doc()
    return entries, problems


# --- the stamp of a checked file ---------------------------------------------------------------
#
# Checking every record costs time at every start, in proportion to the network. A
# file netui wrote itself holds only checked records, so netui leaves a stamp next to
# the file (its size and CRC-32, far cheaper than the checks) and a start that finds the same
# bytes skips the checks. Anything else (a sync tool, an edit, a restore, a stale
# or torn stamp) does not match, and the file is checked in full: the stamp only
# ever saves work, it never lets unchecked bytes through.

STAMP_FORMAT = "netui-checked 1"


def stamp_path(data_path: Path) -> Path:
    return data_path.with_name(f".{data_path.name}.checked")


#: Pieces joined for one CRC call: a file is one small piece a record, and a call per
#: piece costs more than the sum itself (the GIL is free during the sum).
CRC_BATCH = 1024


def content_crc(pieces: Iterable[bytes]) -> tuple[int, int]:
    """(size, CRC-32) of the bytes of a file given as pieces."""
    crc, size = 0, 0
    batch: list[bytes] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == CRC_BATCH:
            joined = b"".join(batch)
            crc, size, batch = zlib.crc32(joined, crc), size + len(joined), []
    if batch:
        joined = b"".join(batch)
        crc, size = zlib.crc32(joined, crc), size + len(joined)
    return size, crc


def stamped_content(data_path: Path, raw: bytes) -> tuple[int, int] | None:
    """(size, CRC-32) of `raw` when the stamp next to the file names exactly these bytes
    (the store keeps them, to tell a touch from a change without a second sum), else None."""
    try:
        text = stamp_path(data_path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    parts = text.split()
    if len(parts) != 4 or " ".join(parts[:2]) != STAMP_FORMAT or parts[2] != str(len(raw)):
        return None
    crc = zlib.crc32(raw)
    return (len(raw), crc) if parts[3] == str(crc) else None


def is_stamped(data_path: Path, raw: bytes) -> bool:
    """True when the stamp next to the file names exactly these bytes."""
    return stamped_content(data_path, raw) is not None


def same_content(raw: bytes, known: tuple[int, int] | None) -> bool:
    """True when `raw` is the content of (size, CRC-32) `known`."""
    return known is not None and len(raw) == known[0] and zlib.crc32(raw) == known[1]


def write_stamp(data_path: Path, size: int, crc: int) -> None:
    """Record that the file of this size and CRC holds only checked records (best effort:
    without it the next start just checks the file again)."""
    target = stamp_path(data_path)
    if not platform.O_NOFOLLOW and target.is_symlink():
        return  # never write through a planted link
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | platform.O_NOFOLLOW | platform.O_BINARY, 0o600)
    except OSError:
        return
    try:
        os.write(fd, f"{STAMP_FORMAT} {size} {crc}\n".encode("ascii"))
    except OSError:
        pass
    finally:
        os.close(fd)
