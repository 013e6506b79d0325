"""What every importer shares: the result type, the refusal error, decoding,
CSV rows with their line numbers, date parsing and the per-row clean-up.

Kept free of any one format so that each format module reads as a mapping
from columns (or properties) to `Contact` fields.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Callable, Iterator

from netui.core.errors import ImportFormatError, ValidationError
from netui.core.i18n import _, ngettext
from netui.core.models import Contact, Record, check_email, now_iso
from netui.core.today import current_day
from netui.core.vocabulary import field_label

Location = str  # "line 12" or "card 3", in the current language


def line_location(number: int) -> Location:
    """Where a CSV row starts, as the user reads it: "line 12"."""
    return _("line {number}").format(number=number)


@dataclass(slots=True)
class ImportResult:
    """Contacts parsed from one file, plus what was left out and why.

    `skipped` are rows or cards that gave no contact; `warnings` are values
    dropped from a contact that was kept (a malformed email, an impossible
    date). `records` carries the other tables of a netui JSON export
    (interactions, events, drafts, profile) for a restore.
    """

    contacts: list[Contact]
    skipped: list[tuple[Location, str]]
    kind: str
    warnings: list[tuple[Location, str]] = field(default_factory=list)
    records: dict[str, list[Record]] = field(default_factory=dict)
    locations: list[Location] = field(default_factory=list)  # parallel to `contacts`


# --- decoding -----------------------------------------------------------------

def decode(data: bytes, what: str) -> str:
    """Bytes to text: BOMs (UTF-8, UTF-16), UTF-16 without BOM, UTF-8, then cp1252.

    A file with NUL bytes that is not UTF-16, or with many control characters,
    is refused as binary: parsing it would only produce garbage contacts.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise ImportFormatError(_("the file is empty: expected {what}").format(what=_(what)))
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", what)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", what)
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        text = _strict(data, "utf-16-le", what)
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] != 0:
        text = _strict(data, "utf-16-be", what)
    elif b"\x00" in data:
        raise ImportFormatError(_("this is a binary file, not {what}").format(what=_(what)))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n" or ch == "\ufffd")
    if controls > max(8, len(sample) // 50):
        raise ImportFormatError(_("this is a binary file, not {what}").format(what=_(what)))
    return text


def _strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFormatError(_("the file looks like {encoding} text but does not decode: not readable as {what}").format(encoding=encoding.upper(), what=_(what))) from None


# --- CSV ----------------------------------------------------------------------

@dataclass(slots=True)
class Table:
    """A CSV file as a header plus rows, each with the line it starts on."""

    header: list[str]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]
    column: dict[str, int]
    #: Rows left out while reading (an unbalanced quote, too many fields), with why: filled as
    #: `rows` is read, so a parser adds them to its skipped rows after its loop (`report`).
    broken: list[tuple[Location, str]] = field(default_factory=list)
    #: Rows read with a remark (one cut short by a spreadsheet), filled the same way.
    warnings: list[tuple[Location, str]] = field(default_factory=list)

    def report(self, result: "ImportResult") -> None:
        """What reading the rows found, into the import's skipped rows and warnings."""
        result.skipped.extend(self.broken)
        result.warnings.extend(self.warnings)

    def get(self, row: list[str], name: str) -> str:
        index = self.column.get(name.casefold())
        if index is None or index >= len(row):
            return ""
        return row[index]

    def filled_rows(self) -> Iterator[tuple[str, list[str], Callable[[str], str]]]:
        """Each row that is not blank, as ("line N", its cells, a getter by column name)."""
        for line, row in self.rows:
            if any(cell.strip() for cell in row):
                row = [unneutralise(cell) for cell in row]
                yield line_location(line), row, partial(self.get, row)


def unneutralise(cell: str) -> str:
    """A cell a CSV export kept from running as a formula (`'=...`, OWASP's way) as it was:
    one quote off a cell whose quotes are followed by a formula start (`''=x` was `'=x`)."""
    if cell[:1] == "'" and cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def given_names(get: Callable[[str], str], first: str = "First Name", middle: str = "Middle Name") -> str:
    """First and middle names joined, each cleaned (address-book CSVs split them)."""
    return " ".join(p for p in (clean_name(get(first)), clean_name(get(middle))) if p)


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(slots=True)
class _ReadState:
    """What the record reader learns once the header is found (the header); what it skipped
    and what it read with a remark."""

    header: list[str] = field(default_factory=list)
    broken: list[tuple[Location, str]] = field(default_factory=list)
    warnings: list[tuple[Location, str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header)


def _unclosed(record_lines: list[str], delimiter: str) -> bool:
    """True when the record ends inside a quoted field (the file ended before the quote closed):
    strictly read it fails, and closing the quote mends it."""
    text = "".join(record_lines)
    if '"' not in text:
        return False

    def reads(source: str) -> bool:
        try:
            list(csv.reader(source.splitlines(keepends=True), delimiter=delimiter, strict=True))
        except csv.Error:
            return False
        return True

    return not reads(text) and reads(text + '"')


def _short_row(state: _ReadState, start: int, row: list[str]) -> bool:
    """A row of one line with fewer fields than the header (not blank): True to read it.

    A spreadsheet that saves a CSV may drop a row's trailing empty fields; such a row ends
    on a filled cell, and is read with its missing columns empty (and a warning). A row
    whose last cell is empty was not cut that way: its fields may have moved, so it is
    left out rather than read into the wrong columns."""
    where, width = line_location(start), state.width
    if row[-1].strip():
        state.warnings.append((where, ngettext(
            "{count} field where the header has {width}: the row ends early, the columns from {column} on read as empty",
            "{count} fields where the header has {width}: the row ends early, the columns from {column} on read as empty",
            len(row)).format(count=len(row), width=width, column=state.header[len(row)] or len(row) + 1)))
        return True
    state.broken.append((where, ngettext(
        "{count} field where the header has {width}, the last one empty (not a row cut short by a spreadsheet); row left out",
        "{count} fields where the header has {width}, the last one empty (not a row cut short by a spreadsheet); row left out",
        len(row)).format(count=len(row), width=width)))
    return False


def _readable(state: _ReadState, start: int, row: list[str], last: list[str] | None, delimiter: str) -> bool:
    """True to read a record of one line (after the header); otherwise why it is left out is
    in `state.broken`. `last`: its lines when it is the file's last record."""
    width = state.width
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        state.broken.append((line_location(start), ngettext(
            "{count} field where the header has {width}; row left out",
            "{count} fields where the header has {width}; row left out",
            len(row)).format(count=len(row), width=width)))
        return False
    if last is not None and _unclosed(last, delimiter):
        state.broken.append((line_location(start), _(
            "a quote is never closed before the end of the file; row left out")))
        return False
    if len(row) < width and any(cell.strip() for cell in row):
        return _short_row(state, start, row)
    return True


def _records(text: str, delimiter: str, state: _ReadState | None = None) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on.

    A quote left open would make the rest of the file one field: a record that
    spans lines yet has fewer fields than the header (or any record with more,
    not blank) is reported in `state.broken` and skipped, and reading starts
    again on the line after its first one, so the rows after it come in whole.
    A quote left open on the last record, and a row of one line with fewer
    fields than the header, are reported too (`_short_row` says which are read).
    """
    state = state or _ReadState()
    lines = _PHYSICAL_LINE.findall(text)
    position = 0  # index in `lines` where the current reader started
    while position < len(lines):
        reader = csv.reader(itertools.islice(lines, position, None), delimiter=delimiter, strict=False)
        start = position + 1
        restart = None
        try:
            for row in reader:
                end = position + reader.line_num  # the last physical line of this record
                width = state.width
                if width and end > start and len(row) < width:
                    state.broken.append((line_location(start), _(
                        "a quote is never closed; row left out, the next line read as a row of its own")))
                    restart = start  # the line after this record's first one (0-based index)
                    break
                last = lines[start - 1:end] if end == len(lines) else None
                if not width or _readable(state, start, row, last, delimiter):
                    yield start, row
                start = end + 1
        except csv.Error as exc:
            raise ImportFormatError(_("line {start}: broken CSV ({exc})").format(start=start, exc=exc)) from None
        if restart is None:
            return
        position = restart


def find_table(text: str, is_header, what: str, *, scan: int = 20) -> Table:
    """Find the header among the first `scan` records (`,` or `;` separated).

    LinkedIn puts a "Notes:" preamble before the header and spreadsheets pad it
    with commas, so a fixed number of lines to skip would be wrong.
    """
    first_line = text.split("\n", 1)[0]
    delimiters = [";", ","] if first_line.count(";") > first_line.count(",") else [",", ";"]
    for delimiter in delimiters:
        state = _ReadState()
        records = _records(text, delimiter, state)
        for _attempt in range(scan):
            try:
                line, row = next(records)
            except StopIteration:
                break
            header = [cell.strip().strip("\ufeff").strip() for cell in row]
            if is_header({cell.casefold() for cell in header}):
                column: dict[str, int] = {}
                for index, name in enumerate(header):
                    column.setdefault(name.casefold(), index)
                state.header = header
                return Table(header, line, records, column, state.broken, state.warnings)
    raise ImportFormatError(refusal(text, what))


def refusal(text: str, what: str) -> str:
    """A one-line reason naming what the file looks like instead."""
    head = text[:2000].lstrip("\ufeff").lstrip()
    what = _(what)
    if head[:11].upper() == "BEGIN:VCARD" or "\nBEGIN:VCARD" in head.upper():
        return _("this is a vCard file, not {what}: import it as vcard").format(what=what)
    if head[:1] in "{[":
        return _("this looks like JSON, not {what}").format(what=what)
    lowered = head.casefold()
    if "connected on" in lowered and "first name" in lowered:
        return _("this looks like a LinkedIn Connections.csv, not {what}: import it as linkedin").format(what=what)
    if "e-mail 1 - value" in lowered or "given name" in lowered:
        return _("this looks like a Google Contacts CSV, not {what}: import it as google").format(what=what)
    if "e-mail address" in lowered and "job title" in lowered:
        return _("this looks like an Outlook CSV, not {what}: import it as outlook").format(what=what)
    return _("not {what}: no header row with the expected columns in the first lines").format(what=what)


def numbered_columns(table: Table, pattern: str) -> list[int]:
    """Indexes of columns like `E-mail 3 - Value`, in the order of their number."""
    regex = re.compile(pattern, re.IGNORECASE)
    found = []
    for index, name in enumerate(table.header):
        match = regex.fullmatch(name)
        if match:
            found.append((int(match.group(1)), index))
    return [index for _, index in sorted(found)]


def multi(value: str) -> list[str]:
    """A Google cell may hold several values joined by ` ::: `."""
    return [part.strip() for part in value.split(":::") if part.strip()]


# --- values -------------------------------------------------------------------

_MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DMY_NAME = re.compile(r"(\d{1,2})[ \-/.]+([A-Za-z]{3,9})\.?[ \-/.,]+(\d{4}|\d{2})\b.*")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b.*")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T.*)?")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= current_day().year % 100 + 1 else 1900
    return year


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """`09 Oct 2024`, `23-Nov-21`, `1/8/18, 6:14 PM` (US order), `2024-10-09` -> ISO.

    English month names are matched by hand: `strptime`'s `%b` follows the
    locale, while LinkedIn writes English whatever the user's language.
    Returns None when the text is no date.
    """
    value = value.strip()
    if not value:
        return None
    match = _ISO.fullmatch(value) or _BASIC.fullmatch(value)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DMY_NAME.fullmatch(value)
    if match:
        month = _MONTHS.get(match.group(2)[:3].casefold())
        return _iso(_year(match.group(3)), month, int(match.group(1))) if month else None
    match = _MDY.fullmatch(value)
    if match:
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if first > 12:  # only a day can be above 12: the file is day-first
            first, second = second, first
        return _iso(year, first, second)
    return None


def parse_birthday(value: str) -> str | None:
    """A birthday as `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.

    Accepts Google's ` --12-25`, vCard's `--1225` and `19901225`, and the
    other `parse_date` forms. None when it is no date.
    """
    value = value.strip()
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", value)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        return f"--{month:02d}-{day:02d}" if _iso(2000, month, day) else None
    return parse_date(value)


_SPACES = re.compile(r"\s+")


def clean_name(value: str) -> str:
    """Trim stray spaces and tabs, collapse runs of whitespace inside."""
    return _SPACES.sub(" ", value).strip()


def clean_notes(value: str) -> str:
    """One line-break convention (`\\n`) whatever the file used."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


class RowBuilder:
    """Turns the fields of one row or card into a validated Contact, or a skip.

    Bad values are dropped with a warning and the rest of the contact kept:
    one malformed email should not cost the user a whole connection.
    """

    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.stamp = now_iso()

    def emails(self, values: list[str], where: Location) -> list[str]:
        kept: list[str] = []
        seen: set[str] = set()
        for value in values:
            value = value.strip()
            if value.casefold().startswith("mailto:"):
                value = value[7:]
            if not value:
                continue
            try:
                value = check_email("emails", value)
            except ValidationError:
                self.result.warnings.append((where, _("dropped {value}: not an email address").format(
                    value=repr(value))))
                continue
            if value.casefold() not in seen:
                seen.add(value.casefold())
                kept.append(value)
        return kept

    def date(self, value: str, where: Location, label: str) -> str | None:
        if not value.strip():
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.result.warnings.append((where, _("dropped {label} {value}: not a date").format(
                label=label, value=repr(value.strip()))))
        return parsed

    def birthday(self, value: str, where: Location) -> str | None:
        if not value.strip() or value.strip() in ("0/0/00", "0000-00-00"):
            return None
        parsed = parse_birthday(value)
        if parsed is None:
            self.result.warnings.append((where, _("dropped birthday {value}: not a date").format(
                value=repr(value.strip()))))
        return parsed

    def add(self, where: Location, **fields: Any) -> Contact | None:
        for key in ("phones", "tags", "websites"):
            if key in fields:
                fields[key] = unique(fields[key])
        fields.setdefault("created_at", self.stamp)
        fields.setdefault("updated_at", self.stamp)
        try:
            contact = Contact(**fields).validate()
        except ValidationError as exc:
            nameless = exc.field == "first_name" and exc.message == _("a contact needs a name, an email or a company")
            reason = _("no name, email or company") if nameless else f"{field_label(exc.field)}: {exc.message}"
            self.result.skipped.append((where, reason))
            return None
        self.result.contacts.append(contact)
        self.result.locations.append(where)
        return contact


def unique(values: list[str]) -> list[str]:
    """Stripped, non-empty, first occurrence kept (case-insensitive)."""
    seen: set[str] = set()
    out = []
    for value in values:
        value = value.strip()
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def label_tags(labels: list[str]) -> list[str]:
    """Google labels (and Gmail vCard categories) as tags: `* myContacts` (every
    contact has it) is dropped, the `* ` of system labels (`* starred`) removed."""
    tags = []
    for label in labels:
        label = label.strip()
        if label.replace(" ", "").casefold() in ("*mycontacts", "mycontacts"):
            continue
        tags.append(label[2:].strip() if label.startswith("* ") else label)
    return tags


def is_linkedin(url: str) -> bool:
    return "linkedin.com/" in url.casefold()
