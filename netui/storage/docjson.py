"""Serialize the data file incrementally: one cached JSON fragment per record.

Dumping the whole data at every save, or walking every record in Python to
reuse cached fragments, holds the GIL for as long as the network is big (the UI
stalls meanwhile, even with the save in a thread). Each big
table's fragments are kept in file order; the store hands over only the
records changed since the last save (`TablePending`), so a save serializes
those, and the rest is one `bytes.join`. The output is byte-identical to
`orjson.dumps(data, OPT_INDENT_2 | OPT_SORT_KEYS)` plus a final newline.
"""

from __future__ import annotations

from bisect import insort
from typing import Any

import orjson

OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
DOC_INDENT = b"\n    "  # documents sit two levels deep: table -> doc id -> document
SEPARATOR = b",\n"  # between two documents
#: Beyond this many changes at once, sort the ids afresh instead of moving them one by one.
RESORT_AFTER = 256

#: What changed in one big table since the last save: doc id -> the record now (None: deleted);
#: or None when everything must be serialized again (after a load).
TablePending = dict[str, Any] | None


class TableFragments:
    """One big table's documents as indented JSON, in file order (doc ids sorted)."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.text: dict[str, bytes] = {}

    def reset(self, items: list[tuple[str, Any]]) -> None:
        self.text = {doc_id: _line(doc_id, record) + SEPARATOR for doc_id, record in items}
        self.order = sorted(self.text)

    def apply(self, pending: dict[str, Any]) -> None:
        """Serialize the changed records; place new ids, drop deleted ones."""
        text, order = self.text, self.order
        reshape = len(pending) > RESORT_AFTER
        for doc_id, record in pending.items():
            if record is None:
                if text.pop(doc_id, None) is not None and not reshape:
                    order.remove(doc_id)
                continue
            if doc_id not in text and not reshape:
                insort(order, doc_id)
            text[doc_id] = _line(doc_id, record) + SEPARATOR
        if reshape:
            self.order = sorted(text)

    def render(self) -> list[bytes]:
        """The fragments in order, each followed by its separator but the last (no copy of
        the whole: `atomic_write` writes the pieces as they are)."""
        if not self.order:
            return []
        text = self.text
        pieces = [text[doc_id] for doc_id in self.order]
        pieces[-1] = pieces[-1][:-len(SEPARATOR)]
        return pieces


class FragmentCache:
    """The fragments of every big table, kept in step with the store's records."""

    def __init__(self, cached_tables: frozenset[str]) -> None:
        self.cached_tables = cached_tables
        self.tables = {name: TableFragments() for name in cached_tables}

    def clear(self) -> None:
        self.tables = {name: TableFragments() for name in self.cached_tables}

    def apply(self, table: str, pending: TablePending, items: list[tuple[str, Any]] | None) -> None:
        """Bring one table up to date: `pending` changes, or (None) all of `items` afresh."""
        if pending is None:
            self.tables[table].reset(items or [])
        elif pending:
            self.tables[table].apply(pending)

    def render(self, small_tables: dict[str, list[tuple[str, Any]]], present: set[str]) -> list[bytes]:
        """The whole file, as pieces to write in order: the big tables from their fragments
        (those with documents, or named in `present`), the small ones (profile, meta)
        serialized afresh."""
        names = set(small_tables) | present
        names |= {name for name, fragments in self.tables.items() if fragments.order}
        parts: list[bytes] = [b"{\n"]
        for position, name in enumerate(sorted(names)):
            if position:
                parts.append(b",\n")
            parts.append(b"  " + orjson.dumps(name) + b": ")
            fragments = self.tables.get(name)
            if fragments is not None:
                body = fragments.render()
            else:
                items = sorted(small_tables.get(name, []), key=_first)
                body = [b",\n".join([_line(doc_id, doc) for doc_id, doc in items])] if items else []
            if body:
                parts.append(b"{\n")
                parts.extend(body)
                parts.append(b"\n  }")
            else:
                parts.append(b"{}")
        if len(parts) == 1:
            return [b"{}\n"]
        parts.append(b"\n}\n")
        return parts


def _first(pair: tuple[str, Any]) -> str:
    return pair[0]


def _line(doc_id: str, doc: Any) -> bytes:
    """`    "<id>": {...}` for one document (a dict, or a record with `to_doc`)."""
    if hasattr(doc, "to_doc"):
        doc = doc.to_doc()
    return b"    " + orjson.dumps(doc_id) + b": " + orjson.dumps(doc, option=OPTIONS).replace(b"\n", DOC_INDENT)
