"""Google Contacts CSV, the current layout (`First Name`, `Labels`,
`E-mail 1 - Value`) and the legacy one (`Given Name`, `Group Membership`,
`Organization 1 - Name`, often UTF-16). See shared/formats.md.
"""

from __future__ import annotations

from netui.core.i18n import N_
from netui.io.importers.common import (
    ImportResult,
    RowBuilder,
    Table,
    clean_name,
    clean_notes,
    decode,
    find_table,
    given_names,
    is_linkedin,
    label_tags,
    multi,
    numbered_columns,
)

WHAT = N_("a Google Contacts CSV")


def _is_header(cells: set[str]) -> bool:
    named = ("first name" in cells and "labels" in cells) or ("given name" in cells and "family name" in cells)
    return named or ("e-mail 1 - value" in cells and ("name" in cells or "first name" in cells))


def _values(table: Table, row: list[str], indexes: list[int]) -> list[str]:
    out: list[str] = []
    for index in indexes:
        if index < len(row):
            out.extend(multi(row[index]))
    return out


def _location(table: Table, row: list[str]) -> str:
    parts = [clean_name(table.get(row, f"Address 1 - {part}")) for part in ("City", "Region", "Country")]
    return ", ".join(p for p in parts if p)


def parse_google(data: bytes) -> ImportResult:
    """Parse the bytes of a Google Contacts CSV (either layout); source `other`."""
    table = find_table(decode(data, WHAT), _is_header, WHAT, scan=3)
    legacy = "given name" in table.column
    emails = numbered_columns(table, r"E-mail (\d+) - Value")
    phones = numbered_columns(table, r"Phone (\d+) - Value")
    sites = []  # (value column, label column): a "LinkedIn" label marks the profile URL
    for value_index in numbered_columns(table, r"Website (\d+) - Value"):
        base = table.header[value_index].casefold()[:-len("value")]
        sites.append((value_index, table.column.get(base + "label", table.column.get(base + "type"))))
    result = ImportResult([], [], "google")
    build = RowBuilder(result)
    for where, row, get in table.filled_rows():
        if legacy:
            first = given_names(get, "Given Name", "Additional Name")
            last = clean_name(get("Family Name"))
            if not (first or last) and clean_name(get("Name")):
                first, _, last = clean_name(get("Name")).rpartition(" ")
                first, last = (first, last) if first else (last, "")
            company, position = get("Organization 1 - Name"), get("Organization 1 - Title")
            labels = get("Group Membership")
        else:
            first = given_names(get)
            last = clean_name(get("Last Name"))
            company, position = get("Organization Name"), get("Organization Title")
            labels = get("Labels")
        tags = label_tags(multi(labels))
        linkedin, websites = "", []
        for value_index, label_index in sites:
            label = row[label_index].strip().casefold() if label_index is not None and label_index < len(row) else ""
            for url in multi(row[value_index]) if value_index < len(row) else []:
                if not linkedin and (label == "linkedin" or is_linkedin(url)):
                    linkedin = url
                else:
                    websites.append(url)
        build.add(
            where, first_name=first, last_name=last, emails=build.emails(_values(table, row, emails), where),
            phones=_values(table, row, phones), company=clean_name(company), position=clean_name(position),
            location=_location(table, row), linkedin_url=linkedin, websites=websites,
            birthday=build.birthday(get("Birthday"), where), notes=clean_notes(get("Notes")), tags=tags,
            source="other",
        )
    table.report(result)
    return result
