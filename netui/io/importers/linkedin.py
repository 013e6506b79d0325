"""LinkedIn `Connections.csv`: the current export (preamble, URL column), the
2018 one (no preamble, no URL), and spreadsheet re-saves (padded preamble,
CRLF, cp1252, short dates). See shared/formats.md.
"""

from __future__ import annotations

from netui.core.errors import ImportFormatError
from netui.core.i18n import N_, _
from netui.io.importers.common import (
    ImportResult,
    RowBuilder,
    clean_name,
    decode,
    find_table,
    line_location,
    refusal,
)

WHAT = N_("a LinkedIn Connections.csv")
REQUIRED = ("first name", "last name", "connected on")


def _is_header(cells: set[str]) -> bool:
    return "first name" in cells and "last name" in cells and (
        "connected on" in cells or "company" in cells or "email address" in cells)


def parse_linkedin(data: bytes) -> ImportResult:
    """Parse the bytes of a Connections.csv into contacts with source `linkedin`."""
    text = decode(data, WHAT)
    table = find_table(text, _is_header, WHAT)
    missing = [name for name in REQUIRED if name not in table.column]
    if missing and ("e-mail address" in table.column or "e-mail 1 - value" in table.column):
        raise ImportFormatError(refusal(text, WHAT))  # Outlook and Google share some column names
    if missing:
        raise ImportFormatError(_("line {header_line}: {what} needs the columns {choices} (missing)").format(header_line=table.header_line, what=_(WHAT), choices=', '.join(n.title() for n in missing)))
    result = ImportResult([], [], "linkedin")
    build = RowBuilder(result)
    col = table.column
    i_first, i_last, i_date = col["first name"], col["last name"], col["connected on"]
    i_url, i_email = col.get("url"), col.get("email address")
    i_company, i_position = col.get("company"), col.get("position")
    width = len(table.header)

    for line, row in table.rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line, or a spreadsheet's row of commas
        if len(row) < width:
            row = row + [""] * (width - len(row))
        where = line_location(line)
        first, last = clean_name(row[i_first]), clean_name(row[i_last])
        url = row[i_url].strip() if i_url is not None else ""
        email = row[i_email] if i_email is not None else ""
        company = clean_name(row[i_company]) if i_company is not None else ""
        position = clean_name(row[i_position]) if i_position is not None else ""
        if not (first or last or url or email.strip() or company or position):
            result.skipped.append((where, _("empty but for the date (a member who hides their data)")))
            continue
        build.add(
            where, first_name=first, last_name=last, linkedin_url=url,
            emails=build.emails([email], where), company=company, position=position,
            connected_on=build.date(row[i_date], where, "Connected On"), source="linkedin",
        )
    table.report(result)
    return result
