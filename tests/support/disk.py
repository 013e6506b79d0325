"""What a sync tool does to the data file between netui's load and its save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from netui.storage.store import serialize


def on_disk(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """The file replaced with another device's version: its data, changed by `change`."""
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(serialize(data))


def set_field(table: str, uid: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets fields of the record `uid` of `table`."""
    def change(data: dict[str, Any]) -> None:
        for doc in data[table].values():
            if doc["uid"] == uid:
                doc.update(values)
    return change
