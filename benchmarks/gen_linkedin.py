"""A synthetic LinkedIn Connections.csv (invented names), and the time to parse and plan it.

Run: python -m benchmarks.gen_linkedin [N] [-o FILE]   (default 30000 rows)
Writes the file (to a temporary folder unless -o) and prints one JSON object
with the parse and plan times into an empty network and for a re-import.
The issue's budget: 30,000 rows into an empty file in at most 2 s.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from netui.io.importers import parse_linkedin, plan_import

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "no", "zu", "be", "ši", "ça", "ël", "ån", "do", "ve", "ri", "ta"]
COMPANIES = ["Acme", "Globex, Inc.", "Initech", "Umbrella", "Hooli", "Vandelay", "Tyrell", "Wonka"]
POSITIONS = ["Analyst", "Engineer", "Head of Growth 🚀", "Recruiter", "Product Manager", "Consultant"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."\n\n')


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _cell(text: str) -> str:
    return f'"{text}"' if "," in text or '"' in text else text


def make_csv(n: int, seed: int = 11) -> bytes:
    """N rows, newest first, with LinkedIn's mix: ~2% emails, ~2% empty-but-date rows."""
    rng = random.Random(seed)
    lines = [PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(n):
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2025)}"
        if rng.random() < 0.02:
            lines.append(f",,,,,,{date}")
            continue
        first, last = _word(rng), f"{_word(rng)}{i}"
        url = "https://www.linkedin.com/in/" + quote(f"{first}-{last}".lower())
        email = f"p{i}@example.org" if rng.random() < 0.02 else ""
        lines.append(",".join([f" {first}\t" if i % 50 == 0 else first, last, url, email,
                               _cell(rng.choice(COMPANIES)), _cell(rng.choice(POSITIONS)), date]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=30000)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    data = make_csv(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.output or Path(tmp) / "Connections.csv"
        path.write_bytes(data)
        start = time.perf_counter()
        result = parse_linkedin(path.read_bytes())
        parsed = time.perf_counter()
        plan = plan_import([], result)
        planned = time.perf_counter()
        again = plan_import(plan.new, parse_linkedin(path.read_bytes()))
        reimport = time.perf_counter() - planned
    print(json.dumps({
        "rows": args.n, "contacts": len(result.contacts), "skipped": len(result.skipped),
        "parse_s": round(parsed - start, 3), "plan_s": round(planned - parsed, 3),
        "parse_plus_plan_s": round(planned - start, 3),
        "reimport_parse_plus_plan_s": round(reimport, 3),
        "reimport_new": len(again.new), "reimport_updated": len(again.updated),
    }))


if __name__ == "__main__":
    main()
