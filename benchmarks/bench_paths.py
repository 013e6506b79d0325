"""Warm paths at N contacts: `netui paths` and the Companies view.

Run: python -m benchmarks.bench_paths DB [--repeats N]
Prints one JSON object of samples in seconds; `entry()` turns them into the report's figures.

The data file (a copy: it is changed) first gets what warm paths read: one contact
in 10 knows someone somewhere, one in 7 worked elsewhere, one in 13 was introduced
by another, and the profile names five target companies in other spellings than
the contacts' ("Acme S.p.A." for "Acme"). Then each repeat runs in a fresh process
(nothing cached, as at a start), with the store already open (untimed):
- paths: index every contact's companies and rank the paths into the five targets,
  what `netui paths` computes;
- view: press 5 on the overview until the Companies view's first frame with its
  paths is drawn (Pilot, headless), and down to the next company;
- baseline: the Drafts screen (2, a table and a key bar, like the Companies view, no
  drafts) opened for the first time the same way, just before (after the Profile
  screen, untimed, took what a first mode switch costs once): what opening a screen
  costs on this machine;
- the same view over a file with the same targets and no contacts, in a process of its
  own: what opening the view costs without data;
- cli: the whole `netui paths --json` command as a process, for information
  (it includes Python's start and reading the file).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from .common import ROOT, SIZE, median_ms

#: The targets, spelled differently from the contacts' companies (tests/support/datagen.py).
TARGETS = ["Acme S.p.A.", "GLOBEX SRL", "Initech", "Hooli GmbH", "Nowhere Ltd"]
TARGET_MS = 500.0  # "well under a second"


def prepare(db: Path) -> None:
    """Give the data file introductions, known-at and past companies, and target companies."""
    import random

    from netui.storage.store import Store
    from tests.support.datagen import COMPANIES

    rng = random.Random(11)
    with Store.open(db) as store:
        contacts = store.contacts()
        changed = []
        for i, contact in enumerate(contacts):
            changes: dict[str, Any] = {}
            if i % 10 == 3:
                changes["knows_at"] = [{"company": rng.choice(COMPANIES), "name": "Anna", "note": "HR"}]
            if i % 7 == 1:
                changes["past_companies"] = [rng.choice(COMPANIES) + " S.r.l."]
            if i % 13 == 5 and i:
                changes["introduced_by"] = contacts[i - 1].uid
            if changes:
                changed.append(contact.copy(**changes))
        store.update_contacts(changed)
        profile = store.profile()
        profile.target_companies = list(TARGETS)
        store.set_profile(profile)


async def _view(store: Any) -> tuple[float, float, int, float]:
    from netui.tui.app import NetuiApp
    from netui.tui.screens.companies import CompaniesScreen

    app = NetuiApp(store, handle_signals=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        deadline = time.perf_counter() + 120
        while app.screen.model is None or app.screen.model.partial:  # rows complete after the first frame
            if time.perf_counter() > deadline:
                raise RuntimeError("the overview did not complete")
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        # What any first screen pays once (Textual's first mode switch): the Profile screen, untimed.
        await app.switch_mode("profile")
        await pilot.pause()
        await app.switch_mode("overview")
        await pilot.pause()
        # The baseline: the Drafts screen (a table, a footer: as the Companies view), opened the same way.
        start = time.perf_counter()
        await pilot.press("2")
        await pilot.pause()
        baseline = time.perf_counter() - start
        await app.switch_mode("overview")
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("5")
        deadline = start + 60
        while not isinstance(app.screen, CompaniesScreen) or app.screen.current is None:
            if time.perf_counter() > deadline:
                raise RuntimeError("the Companies view did not open")
            await pilot.pause(0)
        await pilot.pause()  # its frame
        opened = time.perf_counter() - start
        screen = app.screen
        shown = len(screen.current.paths)
        start = time.perf_counter()
        await pilot.press("down")
        await pilot.pause()
        following = time.perf_counter() - start
        assert screen.current is not None and screen.current.key != "acme"
    return opened, following, shown, baseline


def once(db: Path) -> dict[str, Any]:
    """One fresh measurement of each kind (this process has cached nothing)."""
    from netui.core.companies import company_key
    from netui.core.warmpaths import CompanyIndex, paths_for_targets
    from netui.storage.store import Store

    with Store.open(db, readonly=True) as store:
        store.interactions("")  # the per-contact index: built when the app opens a contact
        start = time.perf_counter()
        index = CompanyIndex(store.contacts())
        found = paths_for_targets(index, store.profile().target_companies, store.interactions, date.today())
        paths = time.perf_counter() - start
        counts = [len(f.paths) for f in found]
        company_key.cache_clear()
        opened, following, shown, baseline = asyncio.run(_view(store))
    return {"paths": paths, "view": opened, "next": following, "baseline": baseline, "counts": counts,
            "shown": shown}


def _once(db: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_paths", str(db), "--once"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def measure(db: Path, repeats: int) -> dict[str, Any]:
    from netui.core.models import Profile
    from netui.storage.store import Store

    prepare(db)
    empty = db.with_name("empty.json")  # the same targets, no contacts: the view without data to index
    with Store.open(empty) as store:
        store.set_profile(Profile(first_name="Ana", target_companies=list(TARGETS)))
    samples: dict[str, list[float]] = {"paths": [], "view": [], "next": [], "baseline": [], "cli": [],
                                       "view_empty": []}
    counts: list[int] = []
    for _ in range(repeats):
        result = _once(db)
        for name in ("paths", "view", "next", "baseline"):
            samples[name].append(result[name])
        samples["view_empty"].append(_once(empty)["view"])
        counts = result["counts"]
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netui", "--db", str(db), "paths", "--json"], cwd=ROOT,
                       capture_output=True, timeout=300, check=True)
        samples["cli"].append(time.perf_counter() - start)
    return {**samples, "paths_per_target": counts}


def entry(result: dict[str, Any]) -> dict[str, Any]:
    """The report's figures, medians in ms. `view_data_ms` is what N contacts add to opening the
    Companies view (against the same view over a file with the same targets and no contacts):
    the view's own work. Met when the paths, the next company and that are each under the target."""
    figures = {"ms": median_ms(result["paths"]), "view_ms": median_ms(result["view"]),
               "empty_view_ms": median_ms(result["view_empty"]),
               "next_company_ms": median_ms(result["next"]), "cli_ms": median_ms(result["cli"]),
               "baseline_ms": median_ms(result["baseline"]), "target_ms": TARGET_MS,
               "paths_per_target": result["paths_per_target"], "n": len(result["paths"])}
    figures["view_data_ms"] = round(figures["view_ms"] - figures["empty_view_ms"], 1)
    figures["met"] = max(figures["ms"], figures["next_company_ms"], figures["view_data_ms"]) <= TARGET_MS
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--once", action="store_true", help="one measurement, in this process (internal)")
    args = parser.parse_args()
    if args.once:
        print(json.dumps(once(args.db)))
    else:
        print(json.dumps(measure(args.db, args.repeats)))


if __name__ == "__main__":
    main()
