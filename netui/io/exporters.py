"""Take the network anywhere: vCard 4.0, Google-compatible CSV, full JSON.

vCard and CSV are for other address books, so they carry what those know
(netui's own fields ride in X-NETUI-* vCard properties, which our importer
reads back); the JSON export carries every table and is what `import json`
restores.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

import orjson

from netui.core.models import Contact, Record, now_iso
from netui.storage.schema import SCHEMA_VERSION

JSON_FORMAT = "netui-export"


# --- vCard ----------------------------------------------------------------------

def escape_text(text: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _escape_uri(text: str) -> str:
    """URIs keep their commas; only what would break the line (or our reader) is escaped."""
    return text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets (CRLF + space), never inside a UTF-8 sequence."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [], 1  # the continuation's leading space counts
        current.append(ch)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _vcard_birthday(value: str) -> str:
    """`1990-12-25` -> `19901225`, `--12-25` -> `--1225` (RFC 6350 date forms)."""
    return value.replace("-", "") if not value.startswith("--") else "--" + value[2:].replace("-", "")


def vcard_lines(contact: Contact) -> list[str]:
    """The unfolded content lines of one card."""
    c = contact
    lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//netui//EN", f"UID:{escape_text(c.uid)}",
             f"FN:{escape_text(c.name)}",
             f"N:{escape_text(c.last_name)};{escape_text(c.first_name)};;;"]
    lines += [f"EMAIL:{escape_text(e)}" for e in c.emails]
    lines += [f"TEL;VALUE=text:{escape_text(p)}" for p in c.phones]
    if c.company:
        lines.append(f"ORG:{escape_text(c.company)}")
    if c.position:
        lines.append(f"TITLE:{escape_text(c.position)}")
    if c.linkedin_url:
        lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{_escape_uri(c.linkedin_url)}")
    lines += [f"URL:{_escape_uri(u)}" for u in c.websites]
    if c.birthday:
        lines.append(f"BDAY:{escape_text(_vcard_birthday(c.birthday))}")
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t) for t in c.tags))
    if c.notes:
        lines.append(f"NOTE:{escape_text(c.notes)}")
    if c.location:
        lines.append(f"ADR;TYPE=work:;;;{escape_text(c.location)};;;")
        lines.append(f"X-NETUI-LOCATION:{escape_text(c.location)}")
    lines += [f"X-NETUI-SOURCE:{escape_text(c.source)}", f"X-NETUI-TIER:{escape_text(c.tier)}"]
    if c.relationship:
        lines.append(f"X-NETUI-RELATIONSHIP:{escape_text(c.relationship)}")
    if c.sector:
        lines.append(f"X-NETUI-SECTOR:{escape_text(c.sector)}")
    if c.connected_on:
        lines.append(f"X-NETUI-CONNECTED-ON:{escape_text(c.connected_on)}")
    if c.keep_in_touch_days:
        lines.append(f"X-NETUI-KEEP-IN-TOUCH-DAYS:{c.keep_in_touch_days}")
    if c.answers:
        lines.append("X-NETUI-ANSWERS:" + escape_text(json.dumps(c.answers, ensure_ascii=False)))
    if c.register:
        lines.append(f"X-NETUI-REGISTER:{escape_text(c.register)}")
    # Warm paths: who introduced this contact (their uid, also in this file when the whole
    # network is exported), where they know someone, where they worked before.
    if c.introduced_by:
        lines.append(f"X-NETUI-INTRODUCED-BY:{escape_text(c.introduced_by)}")
    if c.knows_at:
        lines.append("X-NETUI-KNOWS-AT:" + escape_text(json.dumps(c.knows_at, ensure_ascii=False)))
    lines += [f"X-NETUI-PAST-COMPANY:{escape_text(company)}" for company in c.past_companies]
    lines.append("END:VCARD")
    return lines


def export_vcard(contacts: Iterable[Contact]) -> str:
    """All contacts as one vCard 4.0 file (CRLF line ends, folded at 75 octets)."""
    return "".join(fold(line) + "\r\n" for contact in contacts for line in vcard_lines(contact))


# --- Google CSV -------------------------------------------------------------------

GOOGLE_HEAD = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
               "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
               "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
               "Photo", "Labels"]
GOOGLE_ADDRESS = ["Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
                  "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
                  "Address 1 - Country", "Address 1 - Extended Address"]


def _pairs(kind: str, count: int) -> list[str]:
    return [f"{kind} {n} - {part}" for n in range(1, count + 1) for part in ("Label", "Value")]


#: A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """A leading `'` before a cell a spreadsheet would run as a formula (`=HYPERLINK(...)`,
    `+cmd|...`, `@SUM(...)`), as OWASP recommends; our CSV importer takes it off again.

    A value that already looks neutralised (`'=x`, quotes then a formula start) gets one
    more quote too, so the importer's taking one off gives the value back unchanged."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def export_csv(contacts: Iterable[Contact], *, raw: bool = False) -> str:
    """A CSV in Google Contacts' current layout (Google and our importer read it).

    Only what Google knows goes in; netui's own fields (source, tier, sector...)
    travel in the vCard and JSON exports. Cells that a spreadsheet would run as a
    formula are neutralised unless `raw`.
    """
    contacts = list(contacts)
    n_email = max([len(c.emails) for c in contacts] + [1])
    n_phone = max([len(c.phones) for c in contacts] + [1])
    n_site = max([len(c.websites) + bool(c.linkedin_url) for c in contacts] + [1])
    header = GOOGLE_HEAD + _pairs("E-mail", n_email) + _pairs("Phone", n_phone) + GOOGLE_ADDRESS \
        + _pairs("Website", n_site)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for c in contacts:
        birthday = f" {c.birthday}" if c.birthday and c.birthday.startswith("--") else (c.birthday or "")
        labels = " ::: ".join(["* myContacts", *c.tags])
        row = [c.first_name, "", c.last_name, "", "", "", "", "", "", "", c.company, c.position, "",
               birthday, c.notes, "", labels]
        row += _padded([("", e) for e in c.emails], n_email)
        row += _padded([("", p) for p in c.phones], n_phone)
        row += ["", c.location, "", c.location, "", "", "", "", ""]
        sites = ([("LinkedIn", c.linkedin_url)] if c.linkedin_url else []) + [("", u) for u in c.websites]
        row += _padded(sites, n_site)
        writer.writerow(row if raw else [neutralise_cell(cell) for cell in row])
    return out.getvalue()


def _padded(pairs: list[tuple[str, str]], count: int) -> list[str]:
    pairs = pairs + [("", "")] * (count - len(pairs))
    return [cell for pair in pairs for cell in pair]


# --- JSON ---------------------------------------------------------------------------

def _docs(items: Any) -> list[dict[str, Any]]:
    if not items:
        return []
    if isinstance(items, dict):  # a TinyDB table {doc_id: doc}
        items = list(items.values())
    return [i.to_doc() if isinstance(i, Record) else dict(i) for i in items]


def export_json(data: dict[str, Any]) -> bytes:
    """Everything, as the store gives it (lists of docs or records per table).

    Indented and key-sorted like the data file, with a format marker so that
    `import json` knows what it reads.
    """
    profile = data.get("profile")
    if isinstance(profile, Record):
        profile = profile.to_doc()
    elif isinstance(profile, list):
        profile = _docs(profile)[0] if profile else None
    payload = {"format": JSON_FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": now_iso(),
               "profile": profile}
    for table in ("contacts", "interactions", "events", "drafts"):
        payload[table] = _docs(data.get(table))
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
