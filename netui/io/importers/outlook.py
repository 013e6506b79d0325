"""Outlook CSV: Outlook.com (`First Name,...,E-mail Address,...`) and desktop
Outlook (every field quoted, `"Title","First Name",...`). Same column names,
different orders, so columns are looked up by name. See shared/formats.md.
"""

from __future__ import annotations

import re

from netui.core.i18n import N_
from netui.io.importers.common import (
    ImportResult,
    RowBuilder,
    clean_name,
    clean_notes,
    decode,
    find_table,
    given_names,
    is_linkedin,
    unique,
)

WHAT = N_("an Outlook CSV")
EMAIL_COLUMNS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
PHONE_COLUMNS = ("Mobile Phone", "Business Phone", "Business Phone 2", "Home Phone", "Home Phone 2",
                 "Primary Phone", "Other Phone", "Company Main Phone", "Car Phone")
WEB_COLUMNS = ("Web Page", "Personal Web Page")


def _is_header(cells: set[str]) -> bool:
    return "first name" in cells and "e-mail address" in cells and (
        "job title" in cells or "company" in cells or "last name" in cells)


def _location(get) -> str:
    for prefix in ("Business", "Home", "Other"):
        parts = [clean_name(get(f"{prefix} {p}")) for p in ("City", "State", "Country/Region")]
        if any(parts):
            return ", ".join(p for p in parts if p)
    return ""


def parse_outlook(data: bytes) -> ImportResult:
    """Parse the bytes of an Outlook CSV (either layout); source `other`."""
    table = find_table(decode(data, WHAT), _is_header, WHAT, scan=3)
    result = ImportResult([], [], "outlook")
    build = RowBuilder(result)
    for where, _row, get in table.filled_rows():
        first = given_names(get)
        sites = [get(name).strip() for name in WEB_COLUMNS if get(name).strip()]
        linkedin = next((url for url in sites if is_linkedin(url)), "")
        categories = [c for c in re.split(r"[;,]", get("Categories")) if c.strip()]
        build.add(
            where, first_name=first, last_name=clean_name(get("Last Name")),
            emails=build.emails([get(name) for name in EMAIL_COLUMNS], where),
            phones=unique([get(name) for name in PHONE_COLUMNS]),
            company=clean_name(get("Company")), position=clean_name(get("Job Title")),
            location=_location(get), linkedin_url=linkedin, websites=[u for u in sites if u != linkedin],
            birthday=build.birthday(get("Birthday"), where), notes=clean_notes(get("Notes")),
            tags=categories, source="other",
        )
    table.report(result)
    return result
