"""Save one edited contact durably, against the floor (orjson.dumps + write + fsync + replace).

Run: python -m benchmarks.bench_save [N ...]. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

from netui.store import Store, serialize
from tests.support.datagen import make_contacts


def floor_save(path: Path, data: dict) -> float:
    start = time.perf_counter()
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    tmp = path.with_name(".floor.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, payload)
    os.fsync(fd)
    os.close(fd)
    os.replace(tmp, path)
    return time.perf_counter() - start


def measure(n: int, repeats: int = 15) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "netui.json"
        with Store.open(path) as store:
            store.add_contacts(make_contacts(n))
        floor_path = Path(folder) / "floor.json"
        data = orjson.loads(path.read_bytes())
        floors = [floor_save(floor_path, data) for _ in range(repeats)]
        saves = []
        with Store.open(path) as store:
            store.backup_on_save = False  # the hourly backup is measured apart
            contacts = store.contacts()
            for i in range(repeats):
                contact = contacts[i * 7 % len(contacts)]
                start = time.perf_counter()
                store.update_contact(contact.copy(notes=f"edited {i}"))
                saves.append(time.perf_counter() - start)
        return {
            "n": n,
            "file_mb": round(path.stat().st_size / 2**20, 1),
            "save_ms": round(statistics.median(saves) * 1000, 1),
            "floor_ms": round(statistics.median(floors) * 1000, 1),
            "ratio": round(statistics.median(saves) / statistics.median(floors), 2),
        }


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 30000]
    print(json.dumps([measure(n) for n in sizes]))
