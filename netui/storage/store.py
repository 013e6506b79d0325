"""The durable store: the only module that touches TinyDB.

TinyDB gives the file its format (tables of documents keyed by id) and the
table operations. Its storage here is ours: the data lives in memory (reads
never re-read or re-parse the file) and every write is serialized with orjson
and written atomically (`atomic.atomic_write`). Around that: one writer at a
time (`lock.WriterLock`), detection of a file changed on disk by something
else, damage refused rather than overwritten, schema migrations with a backup
first, and rotating backups.

Records come back as dataclasses (`models`); treat them as read-only and pass
a changed copy (`record.copy(...)`) to `update_*`.
"""

from __future__ import annotations

import gc
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from netui.core import vocabulary
from netui.core.errors import (
    ConflictError,
    DamagedFileError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from netui.core.gcpause import gc_paused
from netui.core.i18n import N_, _, ngettext
from netui.core.models import (
    Checkup,
    Contact,
    Draft,
    Event,
    Interaction,
    Post,
    Profile,
    Record,
    check_not_future,
    now_iso,
)
from netui.storage import backups, docstream
from netui.storage.atomic import atomic_write, clean_orphans
from netui.storage.docjson import FragmentCache, TablePending
from netui.storage.docstream import SplitFile
from netui.storage.lock import WriterLock
from netui.storage.merge import (
    CONFLICT,
    KEEP,
    ONLY,
    SINGLE,
    Conflict,
    MergeReport,
    by_uid,
    decide,
    keyed,
    rule,
    write_conflict_copy,
)
from netui.storage.paths import lock_path, real_path
from netui.storage.schema import (
    SCHEMA_VERSION,
    TABLES,
    empty_data,
    migrate,
    schema_version,
    verify,
)

R = TypeVar("R", bound=Record)
#: The tables held as records, read from the file a group of documents at a time.
BIG_TABLES = ("contacts", "interactions", "events", "drafts")
#: The small tables netui itself writes, kept as TinyDB documents. The file may hold more
#: (the quarantine, a table netui does not know): `Store._small_names` lists every one in
#: memory, and the save, a transaction's undo and the merge with the disk all iterate that.
SMALL_TABLES = ("profile", "meta", "posts", "checkup")
JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def serialize(data: dict[str, Any]) -> bytes:
    """UTF-8 (not ASCII-escaped), indented, key-sorted: diffs well under git."""
    return orjson.dumps(data, option=JSON_OPTIONS) + b"\n"


#: "No such record", one whole sentence for each table (Italian gives each noun its gender).
_NOT_FOUND = {
    "contacts": N_("no contact with uid {uid}"),
    "interactions": N_("no interaction with uid {uid}"),
    "events": N_("no event with uid {uid}"),
    "drafts": N_("no draft with uid {uid}"),
    "posts": N_("no post with uid {uid}"),
}


def not_found(table: str, uid: str) -> str:
    """The message for a uid no record of `table` has."""
    return _(_NOT_FOUND.get(table, N_("no record with uid {uid}"))).format(uid=uid)


def parse(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse the data file, refusing damage with the path, line and column."""
    if not raw or raw.isspace():
        raise DamagedFileError(
            _("{path} is empty ({count} bytes): treated as damage, not as a new database; 'netui restore' brings back the newest good backup").format(path=path, count=len(raw)))
    try:
        with gc_paused():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DamagedFileError(
            _("{path} is not valid JSON: line {lineno}, column {colno}: {msg}; it will not be written; 'netui restore' brings back the newest good backup").format(path=path, lineno=exc.lineno, colno=exc.colno, msg=exc.msg)) from None
    check_shape(data, path)
    return data


def check_shape(data: Any, path: Path) -> None:
    """Refuse JSON that is not tables of documents."""
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFileError(_("{path} is not a netui data file (expected tables of documents)").format(path=path))
    for name, table in data.items():
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFileError(_("{path}: table {name} holds something that is not a document").format(path=path, name=repr(name)))


def parse_in_groups(raw: bytes, path: Path, tables: Iterable[str]) -> tuple[dict[str, Any], SplitFile | None]:
    """Parse the file, the big tables' documents left to be read a group at a time
    (`SplitFile.documents`) when the file is laid out as netui writes it at the current
    schema; otherwise (hand-edited, older, damaged) parse it whole, as `parse`."""
    split_file = docstream.split(raw, tables) if raw else None
    if split_file is not None:
        try:
            with gc_paused():
                skeleton = orjson.loads(split_file.skeleton)
        except orjson.JSONDecodeError:
            skeleton = None  # damaged: the whole parse says where
        if isinstance(skeleton, dict) and docstream.skeleton_ok(skeleton, split_file) \
                and schema_version(skeleton) == SCHEMA_VERSION:
            check_shape(skeleton, path)
            return skeleton, split_file
    return parse(raw, path), None


def _copy_tables(data: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """A deep copy of some tables (TinyDB updates documents in place)."""
    return orjson.loads(orjson.dumps({name: data[name] for name in names if name in data},
                                     option=orjson.OPT_NON_STR_KEYS))


def _examine(table: str, doc: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """A document from outside (the disk, a conflict copy) checked by its table's model: the
    document cleaned and what was done, or None and why it is refused. A table without a
    model (the quarantine, a table netui does not know) takes it as it is."""
    from netui.storage import integrity

    cls = TABLES.get(table)
    if cls is None:
        return dict(doc), ""
    try:
        record = cls.from_doc(dict(doc))
    except Exception as exc:  # noqa: BLE001 - a broken document is refused, named, never a crash
        return None, _("not a valid record ({kind}: {problem})").format(kind=type(exc).__name__, problem=exc)
    checked, problem = integrity.examine(record)
    return (checked.to_doc() if checked is not None else None), problem


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when anything rewrites the file: inode, size, mtime."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _MemoryStorage(Storage):
    """TinyDB storage over an in-memory dict; writes go to the store's saver."""

    def __init__(self, data: dict[str, Any], on_write: Callable[[dict[str, Any]], None]) -> None:
        self.data = data
        self.on_write = on_write

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.on_write(data)

    def close(self) -> None:
        pass


class _Table(Generic[R]):
    """One big table: its records as dataclasses, indexed by uid, with their TinyDB doc ids.

    The dataclasses are the only in-memory copy (the parsed documents are
    dropped as they are converted: a dict per document doubled the memory);
    saves turn them back into documents, cached per record. Edits are O(1):
    TinyDB's Table rebuilds the whole table on every operation. The file stays
    a TinyDB file, which
    the tests open with TinyDB's own JSONStorage.
    """

    def __init__(self, store: "Store", cls: type[R]) -> None:
        self.store = store
        self.cls = cls
        self.name = cls.TABLE
        self.by_uid: dict[str, R] = {}
        self.doc_ids: dict[str, str] = {}
        self.next_id = 1
        #: Changed since the last save, for the fragment cache: doc id -> record now (None:
        #: deleted); None: everything (after a load).
        self.pending: TablePending = None
        #: uid -> the record as the file held it (None: not there) for each record changed here
        #: since the last load or save: the base of a merge with a file changed on disk.
        self.base: dict[str, R | None] = {}

    def load(self, groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Take the documents of each group (emptying it) as dataclasses.

        Records that fail the checks of `integrity` are cleaned or, when the model
        refuses them, left out and returned as quarantine entries; every such case
        is named in `store.load_problems`.
        """
        self.by_uid.clear()
        self.doc_ids.clear()
        cls = self.cls
        from_doc = cls.from_doc
        # The builder straight away, unless the class converts more in its own from_doc (Event).
        # (`__func__` of a bound classmethod: the type checker does not model it.)
        own = from_doc.__func__ is Record.from_doc.__func__  # type: ignore[attr-defined]  # see above
        build = cls._builder() if own else from_doc
        complete = cls._field_names()
        self.base = {}
        all_ids: list[str] = []
        all_records: list[R] = []
        for raw_table in groups:
            # A group at a time, in C where possible: ~1,000 documents.
            all_ids.extend(raw_table)
            all_records.extend([build(doc) if doc.keys() == complete else from_doc(doc)
                                for doc in raw_table.values()])
            raw_table.clear()
        quarantined = [] if self.store._stamped else self._check(all_ids, all_records)
        try:
            highest = max(map(int, all_ids), default=0)
        except ValueError:
            highest = self._renumber(all_ids)
        by_uid, doc_ids = self.by_uid, self.doc_ids
        uids = [getattr(record, "uid") for record in all_records]
        by_uid.update(zip(uids, all_records))
        doc_ids.update(zip(uids, all_ids))
        self.next_id = highest + 1
        if len(by_uid) != len(all_records):
            self._separate_duplicates(all_ids, all_records)
        self.pending = None
        return quarantined

    def _check(self, ids: list[str], records: list[R]) -> list[dict[str, Any]]:
        """Clean or set aside the records `integrity` flags (in place); the quarantine entries."""
        from netui.storage import integrity

        flagged = integrity.suspects(self.name, self.cls, records)
        if not flagged:
            return []
        quarantined = []
        dropped = set()
        for index in flagged:
            record = records[index]
            checked, problem = integrity.examine(record)
            uid = getattr(record, "uid", None)
            if isinstance(uid, str) and (checked is None or problem):
                self.base[uid] = record  # changed here, not on disk: a merge keeps this side
            if checked is None:
                dropped.add(index)
                quarantined.append(integrity.quarantine_entry(self.name, ids[index], record.to_doc(), problem))
                self.store.load_problems.append(_("{problem} (set aside: 'netui doctor')").format(
                    problem=integrity.describe(self.name, ids[index], record, problem)))
            else:
                records[index] = checked
                if problem:
                    self.store.load_problems.append(integrity.describe(self.name, ids[index], checked, problem))
        if dropped:
            ids[:] = [doc_id for i, doc_id in enumerate(ids) if i not in dropped]
            records[:] = [record for i, record in enumerate(records) if i not in dropped]
        return quarantined

    def _renumber(self, ids: list[str]) -> int:
        """Document ids that are not numbers get new ones after the highest; the highest."""
        highest = max((int(doc_id) for doc_id in ids if doc_id.isdigit()), default=0)
        for position, doc_id in enumerate(ids):
            if not doc_id.isdigit():
                highest += 1
                ids[position] = str(highest)
                self.store.load_problems.append(
                    _("{table} document {doc_id}: not a number, now document {number}").format(
                        table=vocabulary.DATA_TABLES.label(self.name), doc_id=repr(doc_id), number=highest))
        return highest

    def _separate_duplicates(self, ids: list[str], records: list[R]) -> None:
        """Two records with one uid: the first keeps it, each later one gets a new uid (named)."""
        from netui.core.models import new_uid

        self.by_uid.clear()
        self.doc_ids.clear()
        for doc_id, record in zip(ids, records):
            uid = getattr(record, "uid")
            if uid in self.by_uid:
                fresh = new_uid()
                self.store.load_problems.append(
                    _("{table} document {doc_id}: uid {uid} is also used by document {other}; "
                      "this one now has the uid {fresh}").format(
                        table=vocabulary.DATA_TABLES.label(self.name), doc_id=doc_id, uid=uid,
                        other=self.doc_ids[uid], fresh=fresh))
                record = record.copy(uid=fresh)
                uid = fresh
                self.base[uid] = None  # new here: not on disk under this uid
            self.by_uid[uid] = record
            self.doc_ids[uid] = doc_id

    def mark(self, doc_id: str, record: R | None) -> None:
        """`doc_id` now holds `record` (None: nothing): the next save serializes it."""
        if self.pending is not None:
            self.pending[doc_id] = record

    def take_pending(self) -> tuple[TablePending, list[tuple[str, R]] | None]:
        """What changed since the last call, and every item when everything did."""
        pending, self.pending = self.pending, {}
        return pending, self.items() if pending is None else None

    def items(self) -> list[tuple[str, R]]:
        """(doc id, record) pairs for a save snapshot."""
        doc_ids = self.doc_ids
        return [(doc_ids[uid], record) for uid, record in self.by_uid.items()]

    def get(self, uid: str) -> R | None:
        return self.by_uid.get(uid)

    def require(self, uid: str) -> R:
        record = self.by_uid.get(uid)
        if record is None:
            raise NotFoundError(not_found(self.name, uid))
        return record

    def _remember(self, uid: str) -> None:
        if self.store._undo is not None:
            self.store._undo.append((self, uid, self.doc_ids.get(uid), self.by_uid.get(uid)))

    def _put(self, stored: R, doc_id: str, *, from_disk: bool = False) -> None:
        # Tables hold records with a `uid` (not Profile): Record does not declare one.
        uid = stored.uid  # type: ignore[attr-defined]  # see the comment above
        self._remember(uid)
        old = self.by_uid.get(uid)
        if not from_disk and uid not in self.base:
            self.base[uid] = old
        self.by_uid[uid] = stored
        self.doc_ids[uid] = doc_id
        self.mark(doc_id, stored)
        self.store._record_changed(self.name, old, stored)

    def add(self, record: R) -> R:
        return self.add_many([record])[0]

    def add_many(self, records: list[R]) -> list[R]:
        """Insert records; all are validated first, so a bad one leaves nothing behind."""
        self.store._check_writable()
        prepared = []
        seen: set[str] = set()
        for record in records:
            # Record declares neither `validate` nor `uid`; every table's record class has both.
            record.validate()  # type: ignore[attr-defined]  # see the comment above
            uid = record.uid  # type: ignore[attr-defined]  # see the comment above
            if uid in self.by_uid or uid in seen:
                raise ValueError(_("{table}: uid {uid} already exists").format(
                    table=vocabulary.DATA_TABLES.label(self.name), uid=uid))
            seen.add(uid)
            prepared.append(self.cls.from_doc(record.to_doc()))
        for stored in prepared:
            self._put(stored, str(self.next_id))
            self.next_id += 1
        self.store._changed()
        return prepared

    def update(self, record: R) -> R:
        return self.update_many([record])[0]

    def update_many(self, records: list[R]) -> list[R]:
        """Replace records (validated first); unknown keys ride along in `extra`."""
        self.store._check_writable()
        prepared = []
        for record in records:
            # Record declares neither `validate` nor `uid`; every table's record class has both.
            record.validate()  # type: ignore[attr-defined]  # see the comment above
            uid = record.uid  # type: ignore[attr-defined]  # see the comment above
            if uid not in self.doc_ids:
                raise NotFoundError(not_found(self.name, uid))
            if hasattr(record, "updated_at"):
                record.updated_at = now_iso()
            prepared.append(self.cls.from_doc(record.to_doc()))
        for stored in prepared:
            self._put(stored, self.doc_ids[stored.uid])
        self.store._changed()
        return prepared

    def delete(self, uids: list[str]) -> None:
        self.store._check_writable()
        for uid in uids:
            if uid not in self.doc_ids:
                continue
            self._remember(uid)
            self.mark(self.doc_ids.pop(uid), None)
            old = self.by_uid.pop(uid)
            self.base.setdefault(uid, old)
            self.store._record_changed(self.name, old, None)
        self.store._changed()


class Store:
    """The network on disk and in memory. Open with `Store.open(path)`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.real_path = real_path(self.path)
        self.readonly = False
        self.readonly_reason = ""
        self.dirty = False
        self.revision = 0
        self.schema_version = SCHEMA_VERSION
        self.backup_on_save = True
        self._lock = WriterLock(lock_path(self.path), self.path)
        self._signature: tuple[int, int, int] | None = None
        self._defer_depth = 0
        self._in_transaction = False
        self._undo: list[tuple[Any, ...]] | None = None
        self._fragments = FragmentCache(frozenset(BIG_TABLES))
        self._mutation_lock = threading.RLock()
        self._save_lock = threading.RLock()
        self._data: dict[str, Any] = {}
        self._db: TinyDB
        self.contacts_table: _Table[Contact] = _Table(self, Contact)
        self.interactions_table: _Table[Interaction] = _Table(self, Interaction)
        self.events_table: _Table[Event] = _Table(self, Event)
        self.drafts_table: _Table[Draft] = _Table(self, Draft)
        self._profile_doc_id: int | None = None
        self._by_contact: dict[str, list[Interaction]] | None = None
        #: What the checks at load found and did, one line per record (shown to the user).
        self.load_problems: list[str] = []
        self._stamped = False  # the file is one netui wrote and checked: no checks at load
        self._content: tuple[int, int] | None = None  # (size, CRC-32) of the bytes last written or loaded
        #: The pieces of the last write while their CRC is not taken yet: a save is durable
        #: without it, so it is taken when first needed (an outside change, the stamp at close).
        self._written: list[bytes] | None = None
        #: What the last merge with a file changed on disk did (`take_merge_report`).
        self.merge_report: MergeReport | None = None
        #: The small tables as the file held them at the last load or save: the base of a
        #: merge (what changed here, what changed on disk), like `_Table.base` for the big ones.
        self._small_base: dict[str, Any] = {}
        self._rendered_small: dict[str, Any] = {}  # the small tables of the payload being written

    # --- opening and closing ------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, fallback_readonly: bool = False) -> "Store":
        """Open the data file; take the writer lock unless `readonly`.

        With `fallback_readonly`, a file locked by another netui opens read-only
        (saying so in `readonly_reason`) instead of raising LockedError.
        """
        store = cls(Path(path))
        if not readonly:
            try:
                try:
                    store._take_lock()
                except OSError as exc:
                    raise StorageError(_("cannot write in {path}: {problem}").format(path=exc.filename or path, problem=exc.strerror or exc)) from None
            except LockedError as exc:
                if not fallback_readonly:
                    raise
                readonly = True
                store.readonly_reason = _("read-only: {reason}").format(reason=exc)
            except StorageError as exc:
                if not fallback_readonly:
                    raise
                readonly = True
                store.readonly_reason = _("read-only: {reason}").format(reason=exc)
        store.readonly = readonly
        try:
            store._load()
        except OSError as exc:
            store.close()
            raise StorageError(_("cannot open {path}: {problem}").format(path=exc.filename or path, problem=exc.strerror or exc)) from None
        except BaseException:
            store.close()
            raise
        return store

    def _take_lock(self) -> None:
        backups.ensure_private_dir(self.real_path.parent)
        backups.refuse_linked_folder(self.path)  # saves take backups: refused before any edit, like the lock
        self._lock.acquire()
        clean_orphans(self.real_path.parent, self.real_path.name)

    def _load(self) -> None:
        self._stamped = False
        signature = file_signature(self.real_path)
        if signature is None:
            data = empty_data()
            raw = b""
        else:
            try:
                raw = self.real_path.read_bytes()
            except OSError as exc:
                raise StorageError(_("cannot read {path}: {problem}").format(path=self.path, problem=exc.strerror or exc)) from None
            data, split_file = parse_in_groups(raw, self.path, BIG_TABLES)
            from netui.storage import integrity

            self._content = integrity.stamped_content(self.real_path, raw)
            self._stamped = self._content is not None
            self._written = None
            if split_file is not None:
                try:
                    self._signature = signature
                    self.schema_version = SCHEMA_VERSION
                    self._install(data, split_file)
                    return
                except docstream.NotOurLayout:
                    data = parse(raw, self.path)  # says where the damage is, or reads a hand-edited layout
        self._signature = signature
        version = schema_version(data) if signature is not None else SCHEMA_VERSION
        self.schema_version = version
        if version < 0:
            raise DamagedFileError(_("{path}: schema_version {version} is not a version netui wrote; the file is unchanged (correct meta.schema_version, or 'netui restore')").format(path=self.path, version=version))
        if version > SCHEMA_VERSION:
            self._release_lock()
            self.readonly = True
            self.readonly_reason = _("read-only: {reason}").format(reason=_(
                "{path} was written by a newer netui (schema {version}; this one knows {known}); "
                "upgrade netui to edit it").format(path=self.path, version=version, known=SCHEMA_VERSION))
        elif version < SCHEMA_VERSION:
            data = self._migrate(data, raw)
        raw = b""  # the file's bytes are no longer needed: free them before building records
        self._install(data)
        if signature is None and not self.readonly:
            self._write_payload(self._render()[1])

    def _migrate(self, data: dict[str, Any], raw: bytes) -> dict[str, Any]:
        migrated = migrate(orjson.loads(orjson.dumps(data)))
        try:
            verify(data, migrated)
        except ValueError as exc:
            raise DamagedFileError(_("{path}: cannot migrate safely: {exc}; the file is unchanged").format(path=self.path, exc=exc)) from None
        if self.readonly:
            return migrated
        backups.create_backup(self.path, "pre-migration", payload=raw)
        atomic_write(self.real_path, serialize(migrated))
        reread = parse(self.real_path.read_bytes(), self.path)
        if reread != migrated:
            raise StorageError(_("{path}: the migrated file does not read back the same").format(path=self.path))
        self._signature = file_signature(self.real_path)
        return reread

    def _install(self, data: dict[str, Any], split_file: SplitFile | None = None) -> None:
        """Make `data` the in-memory state: TinyDB over it, the big tables as records
        (their documents from `split_file`, a group at a time, when given)."""
        self._data = data
        self._small_base = _copy_tables(data, self._small_names())
        self._fragments.clear()
        self.load_problems = []
        self._db = TinyDB(storage=lambda: _MemoryStorage(self._data, self._on_tinydb_write))
        quarantined: list[dict[str, Any]] = []
        with gc_paused():  # tens of thousands of new objects, no cycles among them
            for table in self._tables():
                if split_file is not None and table.name in split_file.groups:
                    quarantined += table.load(split_file.documents(table.name))
                else:
                    quarantined += table.load([data.get(table.name) or {}])
        quarantined += self._check_documents(data)
        if quarantined:
            self._set_aside(quarantined)
        # The loaded records live as long as the store: keep the collector from
        # walking them on every full collection (a pause that fell during saves).
        gc.freeze()
        profile_table = data.get("profile") or {}
        self._profile_doc_id = int(next(iter(profile_table))) if profile_table else None
        self._by_contact = None
        self.revision += 1

    def _check_documents(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """Every table of the registry that is not read as records (the profile, the posts,
        the check-up) validated document by document; the quarantine entries."""
        from netui.storage import integrity

        quarantined: list[dict[str, Any]] = []
        for name in TABLES:
            table = data.get(name)
            if name in BIG_TABLES or not isinstance(table, dict) or not table:
                continue
            entries, problems = integrity.check_documents(name, table)
            quarantined += entries
            self.load_problems += problems
        return quarantined

    def _set_aside(self, entries: list[dict[str, Any]]) -> None:
        """Keep refused records whole in the file's `quarantine` table (written with the next save)."""
        from netui.storage.integrity import QUARANTINE

        table = self._data.setdefault(QUARANTINE, {})
        highest = max((int(k) for k in table if str(k).isdigit()), default=0)
        for entry in entries:
            highest += 1
            table[str(highest)] = entry

    def quarantine(self) -> dict[str, dict[str, Any]]:
        """The records set aside because the model refused them, by quarantine id."""
        from netui.storage.integrity import QUARANTINE

        return dict(self._data.get(QUARANTINE) or {})

    def repair_quarantine(self) -> tuple[list[str], list[str]]:
        """Put back every set-aside record that converts safely; (what was put back, what was not)."""
        from netui.storage import integrity

        self._check_writable()
        entries = self.quarantine()
        fixed: list[str] = []
        left: list[str] = []
        with self.transaction():
            table = self._data.get(integrity.QUARANTINE) or {}
            for key, entry in entries.items():
                name, document = entry.get("table"), entry.get("document")
                if not isinstance(name, str) or not isinstance(document, dict):
                    left.append(_("quarantine {key}: not an entry netui wrote").format(key=key))
                    continue
                record, problem = integrity.repair(name, document)
                if record is None:
                    left.append(_("quarantine {key} ({table}): {problem}").format(
                        key=key, table=vocabulary.DATA_TABLES.label(name), problem=problem))
                    continue
                problem = self._put_back(name, record)
                if problem:
                    left.append(_("quarantine {key} ({table}): {problem}").format(
                        key=key, table=vocabulary.DATA_TABLES.label(name), problem=problem))
                    continue
                table.pop(key, None)
                fixed.append(_("quarantine {key} ({table}): put back").format(
                    key=key, table=vocabulary.DATA_TABLES.label(name)))
            if not table:
                self._data.pop(integrity.QUARANTINE, None)
            self._changed()
        return fixed, left

    def _put_back(self, name: str, record: Record) -> str:
        """Add a repaired record to its table; why not, when it cannot go back.

        The profile and the check-up are one document each: one set aside goes back only
        while there is none (a profile or a round started since is newer, and kept)."""
        from netui.storage import integrity

        if isinstance(record, (Profile, Checkup)):
            if self._data.get(name):
                return _("the file has a newer {table} since: this one stays aside").format(
                    table=vocabulary.DATA_TABLES.label(name))
            if isinstance(record, Profile):
                self.set_profile(record)
            else:
                self.set_checkup(record)
            return ""
        if isinstance(record, Post):
            self.add_post(record if self.post(record.uid) is None else record.copy(uid=integrity.fresh_uid()))
            return ""
        big = {t.name: t for t in self._tables()}[name]
        if getattr(record, "uid") in big.by_uid:
            record = record.copy(uid=integrity.fresh_uid())
        big.add(record)
        return ""

    def unsaved_records_entry(self) -> dict[str, Any]:
        """A recovery-file entry holding every record changed here and not yet on disk
        (None: deleted), for when the save at a stop fails."""
        tables: dict[str, dict[str, Any]] = {}
        for table in self._tables():
            changed = {uid: (record.to_doc() if record is not None else None)
                       for uid in table.base for record in [table.by_uid.get(uid)]}
            if changed:
                tables[table.name] = changed
        for name in self._small_names():
            base, mine = keyed(name, self._small_base.get(name)), keyed(name, self._data.get(name))
            changed = {key: (mine[key][1] if key in mine else None) for key in {*base, *mine}
                       if base.get(key, ("", None))[1] != mine.get(key, ("", None))[1]}
            if changed:
                tables[name] = changed
        count = sum(len(t) for t in tables.values())
        title = ngettext("{count} changed record not saved", "{count} changed records not saved", count)
        return {"kind": "records", "title": title.format(count=count), "tables": tables}

    def restore_records_entry(self, entry: dict[str, Any]) -> int:
        """Apply the records of `unsaved_records_entry` again (one save); how many."""
        tables = entry.get("tables")
        if not isinstance(tables, dict):
            raise StorageError(_("the recovery entry holds no records"))
        by_name = {t.name: t for t in self._tables()}
        count = 0
        with self.transaction():
            for name, records in tables.items():
                if not isinstance(records, dict):
                    continue
                table = by_name.get(name)
                if table is None:
                    for key, doc in records.items():
                        if doc is None or isinstance(doc, dict):
                            self.put_document(name, ONLY if rule(name) == SINGLE else key, doc)
                            count += 1
                    continue
                for uid, doc in records.items():
                    if doc is None:
                        if uid in table.by_uid:
                            table.delete([uid])
                            count += 1
                        continue
                    record = table.cls.from_doc(dict(doc))
                    if uid in table.by_uid:
                        table.update(record)
                    else:
                        table.add(record)
                    count += 1
        return count

    def _tables(self) -> tuple[_Table[Any], ...]:
        return (self.contacts_table, self.interactions_table, self.events_table, self.drafts_table)

    def _small_names(self) -> list[str]:
        """Every table in memory that is not one of `_tables()`, known to netui or not."""
        return [name for name in self._data if name not in BIG_TABLES]

    def close(self) -> None:
        try:
            self._write_stamp()
        finally:
            self._release_lock()

    def _release_lock(self) -> None:
        self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reload(self) -> None:
        """Drop in-memory changes and read the file again (after a conflict)."""
        self.dirty = False
        self._load()

    # --- saving -----------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyError(self.readonly_reason or _("{path} is open read-only").format(path=self.path))

    def _on_tinydb_write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._changed()

    def _changed(self) -> None:
        """Something changed in memory: count it, and save unless saves are deferred."""
        self.dirty = True
        self.revision += 1
        if self._defer_depth == 0:
            self.save()

    def _record_changed(self, table: str, old: Any, new: Any) -> None:
        """Keep the per-contact interaction index in step with one record's change."""
        if table != "interactions" or self._by_contact is None:
            return
        if old is not None:
            items = self._by_contact.get(old.contact_uid, [])
            self._by_contact[old.contact_uid] = [i for i in items if i.uid != old.uid]
        if new is not None:
            items = self._by_contact.setdefault(new.contact_uid, [])
            items.append(new)
            items.sort(key=lambda i: i.date)

    def save(self, *, force: bool = False) -> None:
        """Write pending changes durably. Raises ConflictError, StorageError.

        On failure the changes stay in memory (`dirty`) and `save()` can be
        retried; `force=True` overwrites a file changed on disk by something else.
        """
        self._check_writable()
        with self._save_lock:
            if not self.dirty:
                return
            if not force and file_signature(self.real_path) != self._signature:
                self._merge_from_disk()
            bases = [table.base for table in self._tables()]
            for table in self._tables():
                table.base = {}
            try:
                revision, payload = self._render()
                self._write_payload(payload, force=force)
            except BaseException:
                for table, base in zip(self._tables(), bases):  # still changed here: merge bases kept
                    table.base = {**table.base, **base}
                raise
            self._small_base = self._rendered_small
            # A change made while the file was being written is not in it.
            self.dirty = self.revision != revision

    def take_merge_report(self) -> MergeReport | None:
        """The report of the last merge with a file changed on disk (once), or None."""
        report, self.merge_report = self.merge_report, None
        return report

    def _merge_from_disk(self) -> None:
        """The file changed on disk since the last load or save: merge every table of it
        (`_small_names` and the big tables, with whatever tables the disk added): take what
        changed only there, keep what changed only here, keep ours and save theirs aside
        where both changed (`netui.storage.merge`)."""
        from datetime import datetime

        from netui.storage import integrity

        signature = file_signature(self.real_path)
        if signature is None:
            self._signature = None  # deleted on disk: what memory holds is written again
            return
        try:
            raw = self.real_path.read_bytes()
            if integrity.same_content(raw, self._known_content()):  # touched, or copied back as it was
                self._signature = signature
                return
            theirs_data = parse(raw, self.path)
        except (OSError, DamagedFileError) as exc:
            raise ConflictError(_("{path} was changed on disk by another program and cannot be read ({exc}); not overwriting it").format(path=self.path, exc=exc)) from None
        if schema_version(theirs_data) != SCHEMA_VERSION:
            raise ConflictError(_("{path} was changed on disk by another program to schema version {value}; not overwriting it (reload to see it)").format(path=self.path, value=schema_version(theirs_data)))
        report = MergeReport()
        with self._mutation_lock:
            for table in self._tables():
                self._merge_records(table, theirs_data.get(table.name), report)
            small = [name for name in dict.fromkeys([*self._small_names(), *theirs_data]) if name not in BIG_TABLES]
            for name in small:
                self._merge_small(name, theirs_data.get(name), report)
            self._reset_tinydb()
            self._small_base = _copy_tables(theirs_data, small)  # what the disk holds now
            if report.conflicts:
                stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
                report.conflict_path = write_conflict_copy(self.real_path, report.conflicts, stamp)
            self.revision += 1
        self._signature = signature
        self.merge_report = report if report.changed else None

    def _merge_records(self, table: _Table[Any], their_table: dict[str, Any] | None, report: MergeReport) -> None:
        """One big table: its records against the disk's, by uid."""
        from netui.storage import integrity

        theirs = by_uid(their_table)
        for uid in list(dict.fromkeys([*table.by_uid, *theirs])):
            mine = table.by_uid.get(uid)
            mine_doc = mine.to_doc() if mine is not None else None
            their_doc = theirs[uid][1] if uid in theirs else None
            if uid in table.base:
                base = table.base[uid]
                base_doc = base.to_doc() if base is not None else None
            else:
                base_doc = mine_doc
            verdict = decide(base_doc, mine_doc, their_doc)
            if verdict == KEEP:
                continue
            if verdict == CONFLICT:
                report.conflicts.append(Conflict(table.name, uid, their_doc))
                continue
            if their_doc is None:
                self._drop_from_disk(table, uid)
                report.removed += 1
                continue
            checked, problem = _examine(table.name, their_doc)
            if checked is not None and mine_doc is not None and checked == mine_doc:
                continue  # the disk holds what memory holds once cleaned
            if checked is None:
                self._set_aside([integrity.quarantine_entry(table.name, theirs[uid][0], their_doc, problem)])
                self.load_problems.append(integrity.describe(table.name, theirs[uid][0], their_doc, problem))
                continue
            doc_id = table.doc_ids.get(uid)
            if doc_id is None:
                doc_id = str(table.next_id)
                table.next_id += 1
            table._put(table.cls.from_doc(checked), doc_id, from_disk=True)
            report.taken += 1
        for uid in table.base:  # still changed here: compared with what the disk holds from now on
            table.base[uid] = table.cls.from_doc(dict(theirs[uid][1])) if uid in theirs else None

    def _merge_small(self, name: str, their_table: dict[str, Any] | None, report: MergeReport) -> None:
        """One small table (or one netui does not know) against the disk's, by its merge rule."""
        from netui.storage import integrity

        base, mine, theirs = (keyed(name, self._small_base.get(name)), keyed(name, self._data.get(name)),
                              keyed(name, their_table))
        for key in list(dict.fromkeys([*mine, *theirs])):
            mine_doc = mine[key][1] if key in mine else None
            their_doc = theirs[key][1] if key in theirs else None
            verdict = decide(base[key][1] if key in base else None, mine_doc, their_doc)
            if verdict == KEEP:
                continue
            if verdict == CONFLICT:
                report.conflicts.append(Conflict(name, key, their_doc))
                continue
            if their_doc is None:
                self._put_small(name, key, None)
                report.removed += 1
                continue
            checked, problem = _examine(name, their_doc)
            if checked is None:
                self._set_aside([integrity.quarantine_entry(name, theirs[key][0], their_doc, problem)])
                self.load_problems.append(integrity.describe(name, theirs[key][0], their_doc, problem))
                continue
            if checked != mine_doc:
                self._put_small(name, key, checked)
                report.taken += 1

    def _drop_from_disk(self, table: _Table[Any], uid: str) -> None:
        doc_id = table.doc_ids.pop(uid)
        table.mark(doc_id, None)
        old = table.by_uid.pop(uid)
        self._record_changed(table.name, old, None)

    def document(self, table: str, uid: str) -> dict[str, Any] | None:
        """The record `uid` of any table (ONLY for a single-document table) as a document; None: not here."""
        big = {t.name: t for t in self._tables()}.get(table)
        if big is not None:
            record = big.by_uid.get(uid)
            return record.to_doc() if record is not None else None
        found = keyed(table, self._data.get(table)).get(uid)
        return dict(found[1]) if found is not None else None

    def put_document(self, table: str, uid: str, doc: dict[str, Any] | None) -> None:
        """Make the record `uid` of `table` (ONLY for a single-document table) be `doc`, or
        remove it (None): the disk's version chosen over ours, a record put back after a
        crash. The model validates it first; ValidationError leaves everything as it was."""
        self._check_writable()
        checked: dict[str, Any] | None = None
        if doc is not None:
            checked, problem = _examine(table, doc)
            if checked is None:
                from netui.core.errors import ValidationError

                raise ValidationError(table, problem)
        big = {t.name: t for t in self._tables()}.get(table)
        if big is None:
            with self._mutation_lock:
                self._put_small(table, uid, checked)
                self._reset_tinydb()
            self._changed()
        elif checked is None:
            if table == "contacts" and uid in big.by_uid:
                self.delete_contact(uid)  # with its history, as the other side deleted it
            else:
                big.delete([uid])
        elif uid in big.by_uid:
            big.update(big.cls.from_doc(checked))
        else:
            big.add(big.cls.from_doc(checked))

    def _put_small(self, name: str, key: str, doc: dict[str, Any] | None) -> None:
        """Put `doc` (None: remove) as the record `key` of a small table, in place (the caller
        resets TinyDB's view, `_reset_tinydb`)."""
        table = self._data.setdefault(name, {})
        found = keyed(name, table).get(key)
        if doc is None:
            if found is not None:
                del table[found[0]]
        elif found is not None:
            table[found[0]] = doc
        else:
            table[str(max((int(k) for k in table if str(k).isdigit()), default=0) + 1)] = doc

    def _reset_tinydb(self) -> None:
        """TinyDB over the small tables changed behind its back (it caches its next ids)."""
        self._db = TinyDB(storage=lambda: _MemoryStorage(self._data, self._on_tinydb_write))
        profile_table = self._data.get("profile") or {}
        self._profile_doc_id = int(next(iter(profile_table))) if profile_table else None

    def _render(self) -> tuple[int, list[bytes]]:
        """The file's bytes as memory holds them now, and the revision they show.

        Only the records changed since the last save are serialized (`docjson`);
        the cut is taken under the mutation lock, so no change is half in it.
        """
        big = self._fragments.cached_tables
        with self._mutation_lock:
            revision = self.revision
            changes = [(table.name, *table.take_pending()) for table in self._tables()]
            small = {name: list(docs.items()) for name, docs in self._data.items() if name not in big}
            present = {name for name in self._data if name in big}
            self._rendered_small = _copy_tables(self._data, self._small_names())
        try:
            for name, pending, items in changes:
                self._fragments.apply(name, pending, items)
        except BaseException:
            for table in self._tables():  # the cache missed these changes: redo it all next time
                table.pending = None
            raise
        return revision, self._fragments.render(small, present)

    def _write_payload(self, payload: bytes | list[bytes], *, force: bool = False) -> None:
        current = file_signature(self.real_path)
        if current != self._signature and not force:
            raise ConflictError(
                _("{path} was changed on disk by another program since netui loaded it; not overwriting it (reload to see the other changes)").format(path=self.path))
        if current is not None and not os.access(self.real_path, os.W_OK):
            raise StorageError(_("cannot save {path}: permission denied").format(path=self.path))
        if current is not None and self.backup_on_save and backups.due_for_auto_backup(self.path):
            backups.create_backup(self.path, "auto")
        atomic_write(self.real_path, payload)
        self._signature = file_signature(self.real_path)

        self._content, self._written = None, [payload] if isinstance(payload, bytes) else list(payload)

    def _known_content(self) -> tuple[int, int] | None:
        """(size, CRC-32) of what netui last wrote or loaded, the CRC taken now if still owed."""
        if self._written is not None:
            from netui.storage import integrity

            self._content, self._written = integrity.content_crc(self._written), None
        return self._content

    def _write_stamp(self) -> None:
        """Name the bytes last written as checked, so the next start skips the record checks
        (best effort: without it the next start checks them)."""
        if self._written is None:
            return
        from netui.storage import integrity

        content = self._known_content()
        if content is not None and file_signature(self.real_path) == self._signature:
            integrity.write_stamp(self.real_path, *content)

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Group changes into one save; on an exception every change is undone, nothing written."""
        self._check_writable()
        with self._mutation_lock:
            outermost = self._undo is None
            if outermost:
                self._undo = []
                saved_state = (self.dirty, {t.name: t.next_id for t in self._tables()},
                               orjson.dumps({k: self._data[k] for k in self._small_names()},
                                            option=orjson.OPT_NON_STR_KEYS))
            self._defer_depth += 1
            try:
                yield self
            except BaseException:
                self._defer_depth -= 1
                if outermost:
                    self._rollback(*saved_state)
                raise
            self._defer_depth -= 1
            if outermost:
                self._undo = None
        if self._defer_depth == 0 and self.dirty:
            self.save()

    def _rollback(self, dirty: bool, next_ids: dict[str, int], small_tables: bytes) -> None:
        """Replay the undo log backwards: memory is as it was before the transaction."""
        undo, self._undo = self._undo or [], None
        for table, uid, doc_id, old_record in reversed(undo):
            current = table.doc_ids.get(uid)
            if current is not None and current != doc_id:
                table.mark(current, None)
            if old_record is None:
                table.by_uid.pop(uid, None)
                table.doc_ids.pop(uid, None)
            else:
                table.by_uid[uid] = old_record
                table.doc_ids[uid] = doc_id
                table.mark(doc_id, old_record)
        for table in self._tables():
            table.next_id = next_ids[table.name]
        before = orjson.loads(small_tables)
        for name in self._small_names():
            if name not in before:  # made during the transaction
                del self._data[name]
        self._data.update(before)
        self._reset_tinydb()
        self._by_contact = None
        self.revision += 1
        self.dirty = dirty

    @contextmanager
    def deferred(self) -> Iterator["Store"]:
        """Keep changes in memory without saving; the caller calls `save()` later."""
        with self._mutation_lock:
            self._defer_depth += 1
            try:
                yield self
            finally:
                self._defer_depth -= 1

    def backup(self, reason: str = "manual") -> Path:
        if file_signature(self.real_path) is None:
            raise NotFoundError(_("{path} does not exist yet: nothing to back up").format(path=self.path))
        return backups.create_backup(self.path, reason)

    # --- contacts -----------------------------------------------------------

    def contacts(self) -> list[Contact]:
        return list(self.contacts_table.by_uid.values())

    def contact(self, uid: str) -> Contact | None:
        return self.contacts_table.get(uid)

    def add_contact(self, contact: Contact) -> Contact:
        return self.contacts_table.add(contact)

    def update_contact(self, contact: Contact) -> Contact:
        return self.contacts_table.update(contact)

    def add_contacts(self, contacts: list[Contact]) -> None:
        """Add many contacts in one save (imports)."""
        with self.transaction():
            self.contacts_table.add_many(contacts)

    def update_contacts(self, contacts: list[Contact]) -> None:
        """Replace many contacts in one save (imports)."""
        with self.transaction():
            self.contacts_table.update_many(contacts)

    def delete_contact(self, uid: str, *, keep_history: bool = False) -> None:
        """Delete a contact with its interactions and drafts (unless `keep_history`)."""
        self.contacts_table.require(uid)
        with self.transaction():
            if not keep_history:
                self.interactions_table.delete([i.uid for i in self.interactions(uid)])
                self.drafts_table.delete([d.uid for d in self.drafts(uid)])
            for event in self.events():
                if uid in event.contact_uids:
                    self.update_event(event.copy(contact_uids=[u for u in event.contact_uids if u != uid]))
            self.contacts_table.delete([uid])

    def find_contact(self, ref: str) -> Contact:
        """A contact by uid, email address, or a name matching exactly one (see `netui.core.names`)."""
        from netui.core.names import find_one

        return find_one(self.contacts(), ref, self.contacts_table.get)

    def contact_by_email(self, email: str) -> Contact | None:
        folded = email.casefold()
        for contact in self.contacts():
            if any(e.casefold() == folded for e in contact.emails):
                return contact
        return None

    # --- interactions -----------------------------------------------------

    def all_interactions(self) -> Iterable[Interaction]:
        """Every interaction, in no particular order (cheap: no sort, no copy)."""
        return self.interactions_table.by_uid.values()

    def interactions(self, contact_uid: str | None = None) -> list[Interaction]:
        """Interactions (of one contact), oldest first."""
        if contact_uid is None:
            return sorted(self.interactions_table.by_uid.values(), key=lambda i: i.date)
        if self._by_contact is None:
            index: dict[str, list[Interaction]] = {}
            for item in self.interactions_table.by_uid.values():
                index.setdefault(item.contact_uid, []).append(item)
            for items in index.values():
                items.sort(key=lambda i: i.date)
            self._by_contact = index
        return list(self._by_contact.get(contact_uid, []))

    def add_interaction(self, interaction: Interaction) -> Interaction:
        self.contacts_table.require(interaction.contact_uid)
        check_not_future("date", str(interaction.date))
        return self.interactions_table.add(interaction)

    def update_interaction(self, interaction: Interaction) -> Interaction:
        check_not_future("date", str(interaction.date))
        return self.interactions_table.update(interaction)

    def delete_interaction(self, uid: str) -> None:
        self.interactions_table.require(uid)
        self.interactions_table.delete([uid])

    # --- events -----------------------------------------------------------

    def events(self) -> list[Event]:
        return sorted(self.events_table.by_uid.values(), key=lambda e: e.date)

    def event(self, uid: str) -> Event | None:
        return self.events_table.get(uid)

    def add_event(self, event: Event) -> Event:
        return self.events_table.add(event)

    def update_event(self, event: Event) -> Event:
        return self.events_table.update(event)

    def delete_event(self, uid: str) -> None:
        """Delete an event; its contacts stay."""
        self.events_table.require(uid)
        self.events_table.delete([uid])

    # --- drafts -----------------------------------------------------------

    def drafts(self, contact_uid: str | None = None) -> list[Draft]:
        items: Iterable[Draft] = self.drafts_table.by_uid.values()
        if contact_uid is not None:
            items = [d for d in items if d.contact_uid == contact_uid]
        return sorted(items, key=lambda d: (d.send_on or "9999", d.created_at))

    def draft(self, uid: str) -> Draft | None:
        return self.drafts_table.get(uid)

    def add_draft(self, draft: Draft) -> Draft:
        self.contacts_table.require(draft.contact_uid)
        return self.drafts_table.add(draft)

    def update_draft(self, draft: Draft) -> Draft:
        return self.drafts_table.update(draft)

    def delete_draft(self, uid: str) -> None:
        self.drafts_table.require(uid)
        self.drafts_table.delete([uid])

    # --- profile ----------------------------------------------------------

    def profile(self) -> Profile:
        table = self._data.get("profile") or {}
        if not table:
            return Profile()
        return Profile.from_doc(dict(next(iter(table.values()))))

    def set_profile(self, profile: Profile) -> Profile:
        self._check_writable()
        profile.validate()
        doc = profile.to_doc()
        table = self._db.table("profile")
        if self._profile_doc_id is None:
            self._profile_doc_id = table.insert(doc)
        else:
            table.update(doc, doc_ids=[self._profile_doc_id])
        return Profile.from_doc(doc)

    # --- the visibility journal and the check-up (small tables) ----------------

    def _doc_id_of(self, table: str, uid: str) -> int:
        for doc_id, doc in (self._data.get(table) or {}).items():
            if doc.get("uid") == uid:
                return int(doc_id)
        raise NotFoundError(not_found(table, uid))

    def posts(self) -> list[Post]:
        """Posts and ideas: ideas (no date) first, then the newest first."""
        found = [Post.from_doc(dict(doc)) for doc in (self._data.get("posts") or {}).values()]
        ideas = sorted((p for p in found if not p.date), key=lambda p: p.created_at, reverse=True)
        dated = sorted((p for p in found if p.date), key=lambda p: (p.date or "", p.created_at), reverse=True)
        return ideas + dated

    def post(self, uid: str) -> Post | None:
        for doc in (self._data.get("posts") or {}).values():
            if doc.get("uid") == uid:
                return Post.from_doc(dict(doc))
        return None

    def add_post(self, post: Post) -> Post:
        self._check_writable()
        doc = post.validate().to_doc()
        if self.post(post.uid) is not None:
            raise ValueError(_("{table}: uid {uid} already exists").format(
                table=vocabulary.DATA_TABLES.label("posts"), uid=post.uid))
        self._db.table("posts").insert(doc)
        return Post.from_doc(doc)

    def update_post(self, post: Post) -> Post:
        self._check_writable()
        doc = post.validate().to_doc()
        doc_id = self._doc_id_of("posts", post.uid)
        self._db.table("posts").update(doc, doc_ids=[doc_id])
        return Post.from_doc(doc)

    def delete_post(self, uid: str) -> None:
        self._check_writable()
        self._db.table("posts").remove(doc_ids=[self._doc_id_of("posts", uid)])

    def checkup(self) -> Checkup | None:
        """The check-up's state; None before the first round starts."""
        table = self._data.get("checkup") or {}
        if not table:
            return None
        return Checkup.from_doc(dict(next(iter(table.values()))))

    def set_checkup(self, checkup: Checkup) -> Checkup:
        self._check_writable()
        doc = checkup.validate().to_doc()
        table = self._db.table("checkup")
        existing = self._data.get("checkup") or {}
        if existing:
            table.update(doc, doc_ids=[int(next(iter(existing)))])
        else:
            table.insert(doc)
        return Checkup.from_doc(doc)

    # --- for exports and diagnostics -----------------------------------------

    def documents(self) -> dict[str, list[dict[str, Any]]]:
        """Every stored document by table, as plain dicts (exports, `--json`)."""
        docs = {name: [dict(doc) for doc in (self._data.get(name) or {}).values()] for name in TABLES}
        for table in self._tables():
            docs[table.name] = [record.to_doc() for record in table.by_uid.values()]
        return docs


def lock_holder(path: Path) -> int | None:
    """The pid holding the writer lock of `path`, or None when it is free."""
    from netui.storage.lock import is_locked, read_holder

    lock = lock_path(path)
    if not is_locked(lock):
        return None
    return read_holder(lock) or -1


def restore(path: Path, backup: Path) -> Path | None:
    """Bring `backup` back as the data file; the current file is kept as a backup first.

    A current file that does not parse is kept aside as `<name>.damaged-<time>`
    rather than in the rotation, so nothing is ever lost. Returns that path.
    """
    path = Path(path)
    lock = WriterLock(lock_path(path), path)
    backups.ensure_private_dir(real_path(path).parent)
    lock.acquire()
    try:
        payload = backup.read_bytes()
        parse(payload, backup)
        target = real_path(path)
        kept = None
        if target.exists():
            current = target.read_bytes()
            try:
                parse(current, path)
                kept = backups.create_backup(path, "pre-restore", payload=current)
            except DamagedFileError:
                from datetime import datetime

                kept = target.with_name(f"{target.name}.damaged-{datetime.now():%Y%m%dT%H%M%S}")
                atomic_write(kept, current)
        atomic_write(target, payload)
        return kept
    finally:
        lock.release()
