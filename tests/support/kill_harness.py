"""Save in a loop in forked children and SIGKILL them at random moments.

Usage: python kill_harness.py DATA_FILE KILLS SEED. The parent loads a store,
then for each round forks a child that keeps saving (each save bumps a
counter in the profile), waits until the child has opened the file, sleeps a
random few milliseconds, kills the child
with SIGKILL and checks that the file parses and holds every contact. Prints
one JSON line: kills, bad files, temp files seen (proof that kills landed mid-save).
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time

import orjson

from netui.storage.store import Store


def child_loop(path: str, ready: int) -> None:
    store = Store.open(path)
    os.write(ready, b"1")  # open: the saves start now (the kill is timed from here)
    counter = 0
    me = store.profile()
    while True:
        counter += 1
        me.signature = f"save {os.getpid()}-{counter}"
        store.set_profile(me)


def main() -> None:
    path, kills, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    with Store.open(path, readonly=True) as store:
        expected = len(store.contacts())
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    bad, temp_seen, saves_seen = 0, 0, set()
    for _ in range(kills):
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(ready_read)
                child_loop(path, ready_write)
            finally:
                os._exit(0)
        os.close(ready_write)
        # The kill lands at a random moment of the save loop, not while the child is
        # still opening the file (opening takes longer on a busy machine).
        select.select([ready_read], [], [], 30)
        os.close(ready_read)
        time.sleep(rng.uniform(0.0, 0.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        temp_seen += sum(1 for f in os.listdir(folder) if f.startswith(f".{name}.tmp-"))
        try:
            data = orjson.loads(open(path, "rb").read())
        except orjson.JSONDecodeError as exc:
            bad += 1
            print(f"damaged: {exc}", file=sys.stderr)
            continue
        if len(data["contacts"]) != expected:
            bad += 1
            print(f"lost contacts: {len(data['contacts'])}", file=sys.stderr)
        for doc in (data.get("profile") or {}).values():
            saves_seen.add(doc["signature"])
    print(json.dumps({"kills": kills, "bad": bad, "temp_seen": temp_seen,
                      "distinct_versions": len(saves_seen)}))


if __name__ == "__main__":
    main()
