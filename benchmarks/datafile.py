"""Write a synthetic netui data file: N contacts of ~1 KB (invented names) and M interactions.

Run: python -m benchmarks.datafile PATH --contacts N --interactions M
Written through the store itself (one transaction, one save), so the file is
exactly what netui writes. Prints one JSON object: counts and sizes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from netui.core.models import Profile
from netui.storage.store import Store
from tests.support.datagen import make_contacts, make_interactions

#: The user: the compose templates are filled from it.
PROFILE = Profile(first_name="Ana", last_name="Bianchi", email="ana@example.org", current_position="Analyst",
                  current_company="Initech", target_sector="data science", target_position="Data scientist",
                  target_location="Milano", experiences=["two years of credit-risk models"], language="en")

#: Characters of notes per contact: with the other fields, ~1 KB per contact in the file.
NOTE_SIZE = 220


def write(path: Path, contacts: int, interactions: int, seed: int = 7) -> dict:
    start = time.perf_counter()
    people = make_contacts(contacts, seed=seed, note_size=NOTE_SIZE)
    history = make_interactions(people, interactions, seed=seed) if interactions and people else []
    with Store.open(path) as store:
        with store.transaction():
            store.add_contacts(people)
            for item in history:
                store.add_interaction(item)
            store.set_profile(PROFILE)
    size = path.stat().st_size
    return {
        "path": str(path), "contacts": contacts, "interactions": len(history),
        "file_mb": round(size / 2**20, 1), "bytes_per_contact": round(size / max(1, contacts)),
        "seconds": round(time.perf_counter() - start, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--contacts", type=int, default=30000)
    parser.add_argument("--interactions", type=int, default=1000)
    args = parser.parse_args()
    print(json.dumps(write(args.path, args.contacts, args.interactions)))


if __name__ == "__main__":
    main()
