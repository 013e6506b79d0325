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

from netui.core.errors import (
    ConflictError,
    DamagedFileError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from netui.core.models import (
    Contact,
    Draft,
    Event,
    Interaction,
    Profile,
    Record,
    now_iso,
)
from netui.storage import backups, docstream
from netui.storage.atomic import atomic_write, clean_orphans
from netui.storage.docjson import FragmentCache, TablePending
from netui.storage.docstream import SplitFile
from netui.storage.lock import WriterLock
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
JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def serialize(data: dict[str, Any]) -> bytes:
    """UTF-8 (not ASCII-escaped), indented, key-sorted: diffs well under git."""
    return orjson.dumps(data, option=JSON_OPTIONS) + b"\n"


def parse(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse the data file, refusing damage with the path, line and column."""
    if not raw or raw.isspace():
        raise DamagedFileError(
            f"{path} is empty ({len(raw)} bytes): treated as damage, not as a new database; "
            "'netui restore' brings back the newest good backup")
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DamagedFileError(
            f"{path} is not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}; "
            "it will not be written; 'netui restore' brings back the newest good backup") from None
    finally:
        if enabled:
            gc.enable()
    check_shape(data, path)
    return data


def check_shape(data: Any, path: Path) -> None:
    """Refuse JSON that is not tables of documents."""
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFileError(f"{path} is not a netui data file (expected tables of documents)")
    for name, table in data.items():
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFileError(f"{path}: table {name!r} holds something that is not a document")


def parse_in_groups(raw: bytes, path: Path, tables: Iterable[str]) -> tuple[dict[str, Any], SplitFile | None]:
    """Parse the file, the big tables' documents left to be read a group at a time
    (`SplitFile.documents`) when the file is laid out as netui writes it at the current
    schema; otherwise (hand-edited, older, damaged) parse it whole, as `parse`."""
    split_file = docstream.split(raw, tables) if raw else None
    if split_file is not None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            skeleton = orjson.loads(split_file.skeleton)
        except orjson.JSONDecodeError:
            skeleton = None  # damaged: the whole parse says where
        finally:
            if enabled:
                gc.enable()
        if isinstance(skeleton, dict) and docstream.skeleton_ok(skeleton, split_file) \
                and schema_version(skeleton) == SCHEMA_VERSION:
            check_shape(skeleton, path)
            return skeleton, split_file
    return parse(raw, path), None


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
    dropped as they are converted: a dict per document cost ~35 MB at 30,000
    contacts); saves turn them back into documents, cached per record. Edits
    are O(1): TinyDB's Table rebuilds the whole table on every operation
    (19 ms per edit at 30,000 contacts). The file stays a TinyDB file, which
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

    def load(self, groups: Iterable[dict[str, Any]]) -> None:
        """Take the documents of each group (emptying it) as dataclasses."""
        self.by_uid.clear()
        self.doc_ids.clear()
        cls = self.cls
        from_doc = cls.from_doc
        # The builder straight away, unless the class converts more in its own from_doc (Event).
        build = cls._builder() if from_doc.__func__ is Record.from_doc.__func__ else from_doc  # type: ignore[attr-defined]
        complete = cls._field_names()
        by_uid, doc_ids = self.by_uid, self.doc_ids
        highest = 0
        for raw_table in groups:
            # A group at a time, in C where possible (map, zip, dict.update): ~1,000 documents.
            ids = list(raw_table)
            records = [build(doc) if doc.keys() == complete else from_doc(doc) for doc in raw_table.values()]
            raw_table.clear()
            uids = [record.uid for record in records]
            by_uid.update(zip(uids, records))
            doc_ids.update(zip(uids, ids))
            if ids:
                highest = max(highest, max(map(int, ids)))
        self.next_id = highest + 1
        self.pending = None

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
            raise NotFoundError(f"no {self.name[:-1]} with uid {uid}")
        return record

    def _remember(self, uid: str) -> None:
        if self.store._undo is not None:
            self.store._undo.append((self, uid, self.doc_ids.get(uid), self.by_uid.get(uid)))

    def _put(self, stored: R, doc_id: str) -> None:
        uid = stored.uid  # type: ignore[attr-defined]
        self._remember(uid)
        old = self.by_uid.get(uid)
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
            record.validate()  # type: ignore[attr-defined]
            uid = record.uid  # type: ignore[attr-defined]
            if uid in self.by_uid or uid in seen:
                raise ValueError(f"{self.name}: uid {uid} already exists")
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
            record.validate()  # type: ignore[attr-defined]
            uid = record.uid  # type: ignore[attr-defined]
            if uid not in self.doc_ids:
                raise NotFoundError(f"no {self.name[:-1]} with uid {uid}")
            if hasattr(record, "updated_at"):
                record.updated_at = now_iso()  # type: ignore[attr-defined]
            prepared.append(self.cls.from_doc(record.to_doc()))
        for stored in prepared:
            self._put(stored, self.doc_ids[stored.uid])  # type: ignore[attr-defined]
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
                    raise StorageError(f"cannot write in {exc.filename or path}: {exc.strerror or exc}") from None
            except LockedError as exc:
                if not fallback_readonly:
                    raise
                readonly = True
                store.readonly_reason = f"read-only: {exc}"
            except StorageError as exc:
                if not fallback_readonly:
                    raise
                readonly = True
                store.readonly_reason = f"read-only: {exc}"
        store.readonly = readonly
        try:
            store._load()
        except OSError as exc:
            store.close()
            raise StorageError(f"cannot open {exc.filename or path}: {exc.strerror or exc}") from None
        except BaseException:
            store.close()
            raise
        return store

    def _take_lock(self) -> None:
        backups.ensure_private_dir(self.real_path.parent)
        self._lock.acquire()
        clean_orphans(self.real_path.parent, self.real_path.name)

    def _load(self) -> None:
        signature = file_signature(self.real_path)
        if signature is None:
            data = empty_data()
            raw = b""
        else:
            try:
                raw = self.real_path.read_bytes()
            except OSError as exc:
                raise StorageError(f"cannot read {self.path}: {exc.strerror or exc}") from None
            data, split_file = parse_in_groups(raw, self.path, BIG_TABLES)
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
        if version > SCHEMA_VERSION:
            self._release_lock()
            self.readonly = True
            self.readonly_reason = (
                f"read-only: {self.path} was written by a newer netui (schema {version}; this one "
                f"knows {SCHEMA_VERSION}); upgrade netui to edit it")
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
            raise DamagedFileError(f"{self.path}: cannot migrate safely: {exc}; the file is unchanged") from None
        if self.readonly:
            return migrated
        backups.create_backup(self.path, "pre-migration", payload=raw)
        atomic_write(self.real_path, serialize(migrated))
        reread = parse(self.real_path.read_bytes(), self.path)
        if reread != migrated:
            raise StorageError(f"{self.path}: the migrated file does not read back the same")
        self._signature = file_signature(self.real_path)
        return reread

    def _install(self, data: dict[str, Any], split_file: SplitFile | None = None) -> None:
        """Make `data` the in-memory state: TinyDB over it, the big tables as records
        (their documents from `split_file`, a group at a time, when given)."""
        self._data = data
        self._fragments.clear()
        self._db = TinyDB(storage=lambda: _MemoryStorage(self._data, self._on_tinydb_write))
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, no cycles among them
        try:
            for table in self._tables():
                if split_file is not None and table.name in split_file.groups:
                    table.load(split_file.documents(table.name))
                else:
                    table.load([data.get(table.name) or {}])
        finally:
            if collecting:
                gc.enable()
        # The loaded records live as long as the store: keep the collector from
        # walking them on every full collection (a 100 ms pause during saves at 30k).
        gc.freeze()
        profile_table = data.get("profile") or {}
        self._profile_doc_id = int(next(iter(profile_table))) if profile_table else None
        self._by_contact = None
        self.revision += 1

    def _tables(self) -> tuple[_Table[Any], ...]:
        return (self.contacts_table, self.interactions_table, self.events_table, self.drafts_table)

    def close(self) -> None:
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
            raise ReadOnlyError(self.readonly_reason or f"{self.path} is open read-only")

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
            revision, payload = self._render()
            self._write_payload(payload, force=force)
            # A change made while the file was being written is not in it.
            self.dirty = self.revision != revision

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
                f"{self.path} was changed on disk by another program since netui loaded it; "
                "not overwriting it (reload to see the other changes)")
        if current is not None and not os.access(self.real_path, os.W_OK):
            raise StorageError(f"cannot save {self.path}: permission denied")
        if current is not None and self.backup_on_save and backups.due_for_auto_backup(self.path):
            backups.create_backup(self.path, "auto")
        atomic_write(self.real_path, payload)
        self._signature = file_signature(self.real_path)

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Group changes into one save; on an exception every change is undone, nothing written."""
        self._check_writable()
        with self._mutation_lock:
            outermost = self._undo is None
            if outermost:
                self._undo = []
                saved_state = (self.dirty, {t.name: t.next_id for t in self._tables()},
                               orjson.dumps({k: self._data.get(k) for k in ("profile", "meta")}))
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
        for name, value in orjson.loads(small_tables).items():
            if value is None:
                self._data.pop(name, None)
            else:
                self._data[name] = value
        self._db = TinyDB(storage=lambda: _MemoryStorage(self._data, self._on_tinydb_write))
        profile_table = self._data.get("profile") or {}
        self._profile_doc_id = int(next(iter(profile_table))) if profile_table else None
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
            raise NotFoundError(f"{self.path} does not exist yet: nothing to back up")
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
        return self.interactions_table.add(interaction)

    def update_interaction(self, interaction: Interaction) -> Interaction:
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
        items = self.drafts_table.by_uid.values()
        if contact_uid is not None:
            items = [d for d in items if d.contact_uid == contact_uid]  # type: ignore[assignment]
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
