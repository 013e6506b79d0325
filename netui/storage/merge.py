"""Merge the data file changed on disk (a sync tool, `git pull`, a touch) with the edits in memory.

Compared record by record, by uid, against the state of the last load or save
(`base`): a record changed only on disk is taken, one changed only here is
kept, one changed on both sides differently is a conflict: this side's version
stays in the file and the disk's version is kept whole in a conflict copy next
to the data file, so nothing is lost. A file that was only touched merges to
no change at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from netui.core.i18n import _, ngettext
from netui.storage.atomic import atomic_write


@dataclass(slots=True)
class MergeReport:
    """What a save found on disk and did with it."""

    taken: int = 0  # records added or changed on disk, now in memory
    removed: int = 0  # records deleted on disk, deleted here
    conflicts: list[str] = field(default_factory=list)  # "contacts <uid> (<name>)"
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


def by_uid(table: dict[str, Any] | None) -> dict[str, tuple[str, dict[str, Any]]]:
    """A table of documents as uid -> (doc id, document); documents without a text uid are left out."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for doc_id, doc in (table or {}).items():
        if isinstance(doc, dict) and isinstance(doc.get("uid"), str):
            out.setdefault(doc["uid"], (str(doc_id), doc))
    return out


def write_conflict_copy(data_path: Path, theirs: dict[str, list[dict[str, Any]]], stamp: str) -> Path:
    """The disk's versions of conflicting records, as a netui JSON export `netui import json` reads."""
    target = data_path.with_name(f"{data_path.name}.conflict-{stamp}.json")
    payload = {"format": "netui-export", "contacts": theirs.get("contacts", []),
               **{name: docs for name, docs in theirs.items() if name != "contacts"}}
    atomic_write(target, orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    return target
