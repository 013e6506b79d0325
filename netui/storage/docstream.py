"""Parse netui's own data file one group of documents at a time.

One `orjson.loads` of the whole file holds every document as a dict at once, on
top of the records built from them: the peak memory of a start.
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

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import orjson

#: About how many bytes of documents are parsed at once (~1,000 contacts).
GROUP_BYTES = 1 << 20
DOC_SEPARATOR = b',\n    "'  # between two documents of a table
TABLE_END = b"\n  }"        # the line closing a table
TABLE_LEVEL = re.compile(rb'\n  ["}]')  # a line at the tables' indentation: a key or a close


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
    openers = {b"  " + orjson.dumps(name) + b": {": name for name in tables}
    regions: list[tuple[int, int, str]] = []
    opened: tuple[int, str | None] | None = None
    # One pass over the file finds every line at the tables' indentation: a table's
    # key, or the brace closing a table.
    for match in TABLE_LEVEL.finditer(raw):
        at = match.start()
        if match.group() == TABLE_END:
            if opened is None:
                return None  # a close with no open: not our layout
            if opened[1] is not None:
                regions.append((opened[0], at, opened[1]))
            opened = None
            continue
        if opened is not None:
            return None  # a key inside an open table: not our layout
        line_end = raw.find(b"\n", at + 1)
        line = raw[at + 1:line_end]
        if not line.endswith(b"{"):
            continue  # an empty table, `{}`: nothing to cut
        name = openers.get(line)
        if name is not None and any(region[2] == name for region in regions):
            return None  # the same table twice
        opened = (line_end, name)  # its documents start at this newline (None: not one to cut)
    if opened is not None:
        return None
    skeleton: list[bytes] = []
    groups: dict[str, list[tuple[int, int]]] = {}
    previous_end = 0
    for start, end, name in regions:
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
