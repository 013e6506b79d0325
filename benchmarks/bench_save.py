"""Save one edited contact durably, against the floor (orjson.dumps + write + fsync + replace).

Run: python -m benchmarks.bench_save DB [--repeats N]   (edits a copy of DB)
     python -m benchmarks.bench_save [N ...]             (generates N contacts first)
Prints one JSON object (samples in seconds for a DB; a summary per N otherwise).

The save is the store's own: the edit applied in memory (as `NetuiApp.commit`
does, inside `Store.deferred()`), then `Store.save()` until it returns, the
file durably replaced. The floor writes the same data, as the store formats
it, in the same folder: `orjson.dumps`, write, fsync, `os.replace`. (netui
also fsyncs the folder after the replace, so the rename itself is durable;
the floor, as the issue defines it, does not.)
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

from netui.storage.store import Store

#: The store's format (netui.storage.store.JSON_OPTIONS): indented, key-sorted.
JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def floor_save(path: Path, data: dict) -> float:
    """Seconds to serialize `data` as the store does and replace `path` durably."""
    start = time.perf_counter()
    payload = orjson.dumps(data, option=JSON_OPTIONS) + b"\n"
    tmp = path.with_name(f".{path.name}.floor.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return time.perf_counter() - start


def measure_file(db: Path, repeats: int) -> dict:
    """Samples (seconds) of the store's save of one edited contact, and of the floor,
    taken in turns (the disk's mood changes over seconds)."""
    with tempfile.TemporaryDirectory(dir=db.parent) as folder:
        path = Path(folder) / db.name
        shutil.copyfile(db, path)
        data = orjson.loads(path.read_bytes())
        floor_path = Path(folder) / "floor.json"
        saves, floors = [], []
        with Store.open(path) as store:
            contacts = store.contacts()
            gc.collect()
            for i in range(repeats):
                contact = contacts[i * 7919 % len(contacts)]
                edited = contact.copy(notes=f"{contact.notes} (edit {i})")
                start = time.perf_counter()
                with store.deferred():
                    store.update_contact(edited)
                store.save()
                saves.append(time.perf_counter() - start)
                assert not store.dirty, "the save left changes in memory"
                floors.append(floor_save(floor_path, data))
        return {"save": saves, "floor": floors, "file_bytes": path.stat().st_size}


def measure(n: int, repeats: int = 15) -> dict:
    """The old summary: generate N contacts, then the median save and floor (ms)."""
    from .datafile import write

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "netui.json"
        write(path, n, 0)
        result = measure_file(path, repeats)
    save, floor = statistics.median(result["save"]), statistics.median(result["floor"])
    return {"n": n, "file_mb": round(result["file_bytes"] / 2**20, 1), "save_ms": round(save * 1000, 1),
            "floor_ms": round(floor * 1000, 1), "ratio": round(save / floor, 2)}


def main(argv: list[str]) -> None:
    repeats = 15
    if "--repeats" in argv:
        at = argv.index("--repeats")
        repeats = int(argv[at + 1])
        del argv[at:at + 2]
    if argv and not argv[0].isdigit():
        print(json.dumps(measure_file(Path(argv[0]), repeats)))
        return
    sizes = [int(a) for a in argv] or [1000, 30000]
    print(json.dumps([measure(n, repeats) for n in sizes]))


if __name__ == "__main__":
    main(sys.argv[1:])
