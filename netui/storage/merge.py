"""Merge the data file changed on disk (a sync tool, `git pull`, a touch) with the edits in memory.

Every table of the file is merged, each by its rule (`RULES`), against the
state of the last load or save (`base`): a record changed only on disk is
taken, one changed only here is kept, one changed on both sides differently is
a conflict: this side's version stays in the file and the disk's version is
kept whole in a conflict copy next to the data file, so nothing is lost until
the user chooses (the app asks; `netui import json COPY --theirs` takes the
disk's versions). A file that was only touched merges to no change at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import orjson

from netui.core.errors import StorageError
from netui.core.i18n import _, ngettext
from netui.storage.atomic import atomic_write

#: A table of records with a `uid`: merged record by record.
BY_UID = "by-uid"
#: A table holding one document (the profile, the check-up, the file's meta): merged as one record.
SINGLE = "single"
#: A table of documents with no identity (the quarantine): merged as a set, so it never conflicts.
VALUES = "values"
#: How each table of the file is merged. A table not named here (a newer netui's, a hand-made
#: one) is merged as a set of documents: whatever the table, a save never drops what the disk
#: added to it. A test checks that every table the store knows has its rule here.
RULES: dict[str, str] = {
    "contacts": BY_UID, "interactions": BY_UID, "events": BY_UID, "drafts": BY_UID, "posts": BY_UID,
    "profile": SINGLE, "checkup": SINGLE, "meta": SINGLE,
    "quarantine": VALUES,
}
#: The key of the one record of a SINGLE table.
ONLY = ""
#: The list of the conflicts in a conflict copy (the tables beside it hold the disk's versions).
MANIFEST = "conflicts"
Document = dict[str, Any]


def rule(table: str) -> str:
    return RULES.get(table, VALUES)


def _canonical(doc: Any) -> str:
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def keyed(table: str, docs: dict[str, Any] | None) -> dict[str, tuple[str, Document]]:
    """A table's documents as key -> (doc id, document), the key being what identifies a record
    under the table's rule: its uid, ONLY, or the document itself (without a text uid, a
    record of a BY_UID table is identified by its content too)."""
    out: dict[str, tuple[str, Document]] = {}
    how = rule(table)
    for doc_id, doc in (docs or {}).items():
        if not isinstance(doc, dict):
            continue
        if how == SINGLE:
            out.setdefault(ONLY, (str(doc_id), doc))
        elif how == BY_UID and isinstance(doc.get("uid"), str):
            out.setdefault(doc["uid"], (str(doc_id), doc))
        else:
            out.setdefault("=" + _canonical(doc), (str(doc_id), doc))
    return out


def by_uid(table: dict[str, Any] | None) -> dict[str, tuple[str, Document]]:
    """A table of records as uid -> (doc id, document); documents without a text uid are left out."""
    return {key: value for key, value in keyed("contacts", table).items() if not key.startswith("=")}


#: What one record's merge decides.
KEEP, TAKE, CONFLICT = "keep", "take", "conflict"


def decide(base: Document | None, mine: Document | None, theirs: Document | None) -> str:
    """Three-way: KEEP this side, TAKE the disk's (None: deleted there), or a CONFLICT."""
    if theirs == mine or theirs == base:
        return KEEP
    if mine == base:
        return TAKE
    return CONFLICT


@dataclass(slots=True)
class Conflict:
    """A record changed both here and on disk: the disk's version (`theirs`, None when the
    disk deleted it), waiting for the user to choose; this side's is in the data file."""

    table: str
    uid: str  # ONLY for a single-document table
    theirs: Document | None
    copy: Path | None = None  # the conflict copy that keeps `theirs`

    @property
    def key(self) -> tuple[str, str]:
        return self.table, self.uid


@dataclass(slots=True)
class MergeReport:
    """What a save found on disk and did with it."""

    taken: int = 0  # records added or changed on disk, now in memory
    removed: int = 0  # records deleted on disk, deleted here
    conflicts: list[Conflict] = field(default_factory=list)
    conflict_path: Path | None = None  # the disk's versions of the conflicting records

    @property
    def changed(self) -> bool:
        return bool(self.taken or self.removed or self.conflicts)

    def summary(self) -> str:
        parts = []
        if self.taken:
            parts.append(ngettext("{count} record changed on disk taken", "{count} records changed on disk taken",
                                  self.taken).format(count=self.taken))
        if self.removed:
            parts.append(ngettext("{count} deleted on disk", "{count} deleted on disk",
                                  self.removed).format(count=self.removed))
        if self.conflicts:
            count = len(self.conflicts)
            parts.append(ngettext(
                "{count} changed both here and on disk: yours kept, the disk's version saved in {path}",
                "{count} changed both here and on disk: yours kept, the disk's versions saved in {path}",
                count).format(count=count, path=self.conflict_path))
        return _("The data file was changed by another program: {what}.").format(what="; ".join(parts))

    def theirs_hint(self) -> str:
        """The one line that says how to take the disk's versions from the command line."""
        return _("to take the disk's versions instead of yours: netui import json {path} --theirs").format(
            path=self.conflict_path)


# --- the conflict copy ---------------------------------------------------------------------------

def write_conflict_copy(data_path: Path, conflicts: list[Conflict], stamp: str) -> Path:
    """The disk's versions of conflicting records, as a netui JSON export (`netui import json`
    reads it), with the list of the conflicts (a record deleted on disk has no version)."""
    target = data_path.with_name(f"{data_path.name}.conflict-{stamp}.json")
    number = 1
    while target.exists():  # two merges in one second: never overwrite the first copy
        number += 1
        target = data_path.with_name(f"{data_path.name}.conflict-{stamp}-{number}.json")
    _write_copy(target, conflicts)
    for conflict in conflicts:
        conflict.copy = target
    return target


def _write_copy(target: Path, conflicts: Iterable[Conflict]) -> None:
    payload: dict[str, Any] = {"format": "netui-export", "contacts": [], MANIFEST: []}
    for conflict in conflicts:
        payload[MANIFEST].append({"table": conflict.table, "uid": conflict.uid, "deleted": conflict.theirs is None})
        if conflict.theirs is not None:
            payload.setdefault(conflict.table, []).append(conflict.theirs)
    atomic_write(target, orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")


def conflict_copies(data_path: Path) -> list[Path]:
    """The conflict copies of a data file, oldest first."""
    return sorted(data_path.parent.glob(f"{data_path.name}.conflict-*.json"))


def read_conflict_copy(path: Path) -> list[Conflict]:
    """The conflicts kept in a copy. A copy without the list (an older netui's) counts each
    record in it as one conflict."""
    try:
        payload = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise StorageError(_("cannot read the conflict copy {path}: {problem}").format(
            path=path, problem=getattr(exc, "strerror", None) or exc)) from None
    if not isinstance(payload, dict):
        raise StorageError(_("{path} is not a conflict copy netui wrote").format(path=path))
    versions: dict[tuple[str, str], Document] = {}
    for table, docs in payload.items():
        if isinstance(docs, dict):  # a data file's table: {"1": doc, ...}
            docs = list(docs.values())
        if table in ("format", MANIFEST) or not isinstance(docs, list):
            continue
        for uid, (_doc_id, doc) in keyed(table, {str(n): d for n, d in enumerate(docs)}).items():
            versions[(table, uid)] = doc
    listed = payload.get(MANIFEST)
    if not isinstance(listed, list):
        return [Conflict(table, uid, doc, path) for (table, uid), doc in versions.items()]
    found = []
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("table"), str) \
                or not isinstance(entry.get("uid"), str):
            continue
        where = (entry["table"], entry["uid"])
        theirs = None if entry.get("deleted") else versions.get(where)
        if theirs is None and not entry.get("deleted"):
            continue  # listed without its version: nothing to choose
        found.append(Conflict(where[0], where[1], theirs, path))
    return found


def settle(path: Path, decided: Iterable[tuple[str, str]]) -> bool:
    """Take the decided conflicts out of their copy; the copy itself goes with the last one
    (every version it kept is then in the data file or was turned down). True when removed."""
    done = set(decided)
    left = [c for c in read_conflict_copy(path) if c.key not in done]
    if left:
        _write_copy(path, left)
        return False
    path.unlink(missing_ok=True)
    return True


def same_record(mine: Document | None, theirs: Document | None) -> bool:
    """The two versions hold the same values (when each was last changed aside)."""
    return mine == theirs or (mine is not None and theirs is not None and not differences(mine, theirs))


def differences(mine: Document | None, theirs: Document | None) -> list[tuple[str, Any, Any]]:
    """(field, mine, theirs) for each field the two versions disagree on (None: no such record)."""
    if mine is None or theirs is None:
        return []
    skip = {"updated_at"}
    names = [*mine, *(k for k in theirs if k not in mine)]
    return [(name, mine.get(name), theirs.get(name)) for name in names
            if name not in skip and mine.get(name) != theirs.get(name)]


def record_name(table: str, doc: Document | None, contact_name: Callable[[str], str]) -> str:
    """What a person calls a record: a contact's or an event's name, an interaction or a
    draft by its contact, a post by its topic; `contact_name` names a contact by uid."""
    from netui.core import vocabulary

    doc = doc or {}

    def text(key: str) -> str:
        value = doc.get(key)
        return value.strip() if isinstance(value, str) else ""

    def contact() -> str:
        uid = doc.get("contact_uid")
        return contact_name(uid) if isinstance(uid, str) else ""

    if table == "contacts":
        name = f"{text('first_name')} {text('last_name')}".strip()
        emails = doc.get("emails")
        email = emails[0] if isinstance(emails, list) and emails and isinstance(emails[0], str) else ""
        found = name or email or text("company")
    elif table == "interactions":
        kind = vocabulary.INTERACTION_KINDS.label(text("kind")) if text("kind") else ""
        found = " · ".join(part for part in (contact(), kind, text("date")) if part)
    elif table == "drafts":
        found = " · ".join(part for part in (contact(), text("subject") or text("template")) if part)
    elif table == "events":
        found = " · ".join(part for part in (text("name"), text("date")[:10]) if part)
    elif table == "posts":
        found = text("topic")
    elif table == "profile":
        found = _("your profile")
    elif table == "checkup":
        found = _("the check-up")
    else:
        found = ""
    found = found or text("uid") or _("(no name)")
    return found if len(found) <= 48 else found[:47] + "…"
