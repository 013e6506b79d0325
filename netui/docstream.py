"""Parse netui's own data file one group of documents at a time.

One `orjson.loads` of a 30 MB file holds every document as a dict at once:
~75 MB on top of the records built from them, the peak memory of a start.
The file netui writes (orjson, indented by 2, keys sorted) puts each document
of a table on lines of its own, so a big table can be cut, between two
documents, into groups that parse on their own and become records one group
at a time. JSON strings cannot hold a raw newline, so the cuts (at a newline
followed by the indentation of a document key) never fall inside a value.

Anything unexpected (a hand-edited layout, damage) gives None or raises
`NotOurLayout`: the caller then parses the whole file, which also reports
damage with its line and column. Nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import orjson

#: About how many bytes of documents are parsed at once (~1,000 contacts).
GROUP_BYTES = 1 << 20
DOC_SEPARATOR = b',\n    "'  # between two documents of a table
TABLE_END = b"\n  }"        # the line closing a table


class NotOurLayout(Exception):
    """A group did not parse as documents: parse the whole file instead."""


@dataclass(slots=True)
class SplitFile:
    """The file cut in two: everything but the big tables' documents, and those in groups."""

    raw: bytes
    skeleton: bytes  # the file with each split table's documents left out (so `{}`)
    groups: dict[str, list[tuple[int, int]]]  # table -> (start, end) of each group in `raw`

    def documents(self, table: str) -> Iterator[dict[str, Any]]:
        """The table's documents, `{doc id: document}`, one group at a time."""
        view = memoryview(self.raw)
        for start, end in self.groups.get(table, ()):
            try:
                docs = orjson.loads(b"".join((b"{", view[start:end], b"}")))
            except orjson.JSONDecodeError:
                raise NotOurLayout(table) from None
            if not all(type(doc) is dict for doc in docs.values()):
                raise NotOurLayout(table)
            yield docs


def split(raw: bytes, tables: Iterable[str]) -> SplitFile | None:
    """Cut `raw` into a skeleton and groups of documents; None if it is not laid out as netui writes.

    The caller must check that the skeleton parses and holds each split table
    as an empty object (`skeleton_ok`): that proves the cut tables were at the top level.
    """
    if not raw.startswith(b'{\n  "'):
        return None
    regions: list[tuple[int, int, str]] = []
    for name in tables:
        marker = b'\n  ' + orjson.dumps(name) + b': {\n'
        at = raw.find(marker)
        if at == -1:
            continue  # absent or empty (`{}`): nothing to cut
        if raw.find(marker, at + 1) != -1:
            return None  # the same key twice at this indentation: not our layout
        start = at + len(marker) - 1  # at the newline before the first document
        end = raw.find(TABLE_END, start)
        if end == -1:
            return None
        regions.append((start, end, name))
    regions.sort()
    skeleton: list[bytes] = []
    groups: dict[str, list[tuple[int, int]]] = {}
    previous_end = 0
    for start, end, name in regions:
        if start < previous_end:
            return None  # overlapping regions: not our layout
        skeleton.append(raw[previous_end:start])
        previous_end = end
        groups[name] = _groups(raw, start, end)
    skeleton.append(raw[previous_end:])
    return SplitFile(raw, b"".join(skeleton), groups)


def skeleton_ok(skeleton: dict[str, Any], split_file: SplitFile) -> bool:
    """True when every split table is an empty object at the skeleton's top level."""
    return all(skeleton.get(name) == {} for name in split_file.groups)


def _groups(raw: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) spans of about GROUP_BYTES each, cut just before a document separator."""
    spans = []
    position = start
    while position < end:
        cut = raw.find(DOC_SEPARATOR, position + GROUP_BYTES, end)
        if cut == -1:
            cut = end
        spans.append((position, cut))
        position = cut + 1  # past the comma
    return spans
