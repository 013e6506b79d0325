"""Import N LinkedIn rows into an empty data file: parse, plan, apply, durably saved.

Run: python -m benchmarks.bench_import [--rows 30000] [--repeats N]
Prints one JSON object of samples in seconds.

Each repeat runs in a process of its own, with a new, empty data file
(opened untimed, as netui is open when the user imports), and times what
`netui import linkedin FILE` does: `parse_file`, `plan_import` against the
stored contacts, `apply_plan` (one transaction, one save) until the file is
on disk. The floor reads the same CSV with the stdlib csv module and writes
the resulting data file the floor way (orjson.dumps + write + fsync +
os.replace). The whole `netui import` command is also timed as a process,
for information.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from .bench_save import floor_save
from .gen_linkedin import make_csv


def import_once(source: Path, path: Path) -> tuple[float, int]:
    """Seconds to import `source` into a new, empty data file at `path`; contacts stored."""
    from netui.io.importers import parse_file, plan_import
    from netui.io.importers.apply import apply_plan
    from netui.storage.store import Store

    with Store.open(path) as store:
        start = time.perf_counter()
        result = parse_file("linkedin", source)
        plan = plan_import(store.contacts(), result)
        apply_plan(store, plan, result)
        seconds = time.perf_counter() - start
        contacts = len(store.contacts())
        assert contacts == len(plan.new) > 0 and not store.dirty
    return seconds, contacts


def measure(rows: int, repeats: int) -> dict:
    """Each import in a process of its own (as `netui import` runs), with a new data file."""
    samples, floors, cli = [], [], []
    contacts = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "Connections.csv"
        source.write_bytes(make_csv(rows))
        for i in range(repeats):
            path = folder / f"run{i}" / "netui.json"
            path.parent.mkdir()
            done = subprocess.run([sys.executable, "-m", "benchmarks.bench_import", "--once", str(source),
                                   str(path)], check=True, capture_output=True, text=True)
            seconds, contacts = json.loads(done.stdout.splitlines()[-1])
            samples.append(seconds)
            floors.append(_floor(source, path))
            cli_path = folder / f"cli{i}" / "netui.json"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import sys; from netui.cli.main import main; sys.exit(main())",
                            "--db", str(cli_path), "import", "linkedin", str(source)],
                           check=True, capture_output=True)
            cli.append(time.perf_counter() - start)
    return {"rows": rows, "contacts": contacts, "import": samples, "floor": floors, "cli": cli}


def _floor(source: Path, imported: Path) -> float:
    """Read the CSV with the csv module, then write the imported data the floor way."""
    data = orjson.loads(imported.read_bytes())
    start = time.perf_counter()
    text = source.read_bytes().decode("utf-8-sig")
    sum(1 for _ in csv.reader(io.StringIO(text)))
    read = time.perf_counter() - start
    return read + floor_save(imported.with_name("floor.json"), data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--once", nargs=2, type=Path, metavar=("CSV", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(import_once(*args.once)))
        return
    print(json.dumps(measure(args.rows, args.repeats)))


if __name__ == "__main__":
    main()
