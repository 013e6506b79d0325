"""vCard 2.1, 3.0 and 4.0, parsed by hand.

vobject, the usual library, truncates text at Gmail's unescaped commas, trips
on a BOM and on cards without FN, and needs coaxing for quoted-printable (see
shared/formats.md). The grammar is small enough to read directly: unfold, split
`group.NAME;params:value`, decode quoted-printable, then unescape per property
(text properties are never split on commas; only N, ORG, ADR on `;` and
CATEGORIES on `,`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from netui.core.errors import ValidationError
from netui.core.i18n import N_, _
from netui.core.models import RELATIONSHIPS, SOURCES, TIERS, check_knows_at
from netui.core.text import clean_line
from netui.io.importers.common import (
    ImportFormatError,
    ImportResult,
    RowBuilder,
    clean_notes,
    decode,
    is_linkedin,
    label_tags,
    parse_date,
    refusal,
)

WHAT = N_("a vCard file")
_LINES = re.compile(r"\r\n|\r|\n")  # not str.splitlines: U+2028, \x85... are text in a NOTE
_QP_BYTE = re.compile(rb"=([0-9A-Fa-f]{2})")
_ESCAPE = re.compile(r"\\(.)", re.S)
_UNESCAPED = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_UID = re.compile(r"[0-9a-f]{16}")  # models.new_uid()


@dataclass(slots=True)
class Prop:
    group: str
    name: str
    params: dict[str, list[str]]
    value: str

    def param(self, key: str) -> list[str]:
        return [v.casefold() for v in self.params.get(key, [])]


def unescape(text: str) -> str:
    """`\\n` `\\,` `\\;` `\\:` `\\\\` to what they stand for; other backslashes stay."""
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), text)


def split_escaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not backslash-escaped, then unescape each part."""
    if "\\" not in text:
        return text.split(sep)
    parts, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [unescape(p) for p in parts]


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _is_qp(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _unfold(lines: list[str], version: str) -> list[str]:
    """Logical lines: folding (CRLF + space) and quoted-printable soft breaks (`=` at the end)."""
    out: list[str] = []
    qp_open = False
    for line in lines:
        if qp_open:
            out[-1] = out[-1][:-1] + line
        elif line[:1] in (" ", "\t") and out:
            # 3.0/4.0 remove CRLF and one blank; 2.1 (RFC 822 folding) keeps the blank.
            out[-1] += line if version == "2.1" else line[1:]
        elif line.strip():
            out.append(line)
        else:
            continue
        qp_open = _is_qp(out[-1]) and out[-1].endswith("=")
    return out


def _content_line(line: str) -> Prop | None:
    i = line.find(":")
    if i < 0:
        return None
    if '"' in line[:i]:  # a quoted parameter value may hold a colon
        quoted = False
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == ":" and not quoted:
                break
        else:
            return None
    head, value = line[:i], line[i + 1:]
    parts = _split_outside_quotes(head, ";")
    group, _, name = parts[0].strip().rpartition(".")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        if "=" in part:
            key, _, raw = part.partition("=")
            values = [v.strip().strip('"') for v in _split_outside_quotes(raw, ",")]
        else:
            key, values = ("ENCODING" if part.strip().upper() in _BARE_ENCODINGS else "TYPE"), [part.strip()]
        params.setdefault(key.strip().upper(), []).extend(values)
    encoding = [v.upper() for v in params.get("ENCODING", [])]
    if "BASE64" in encoding or "B" in encoding:
        return None  # photos, sounds, keys: nothing netui keeps
    if "QUOTED-PRINTABLE" in encoding:
        octets = _QP_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), value.encode("utf-8"))
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        try:
            value = octets.decode(charset)
        except (LookupError, UnicodeDecodeError):
            try:
                value = octets.decode("utf-8")
            except UnicodeDecodeError:
                value = octets.decode("cp1252", errors="replace")
    return Prop(group, name.upper(), params, value)


def _cards(text: str) -> list[tuple[list[str], bool, bool]]:
    """Each card's physical lines, whether END:VCARD closed it, and whether it sat inside another.

    A card inside a card (an agent, a bad export) is read as a card of its own.
    """
    cards: list[tuple[list[str], bool, bool]] = []
    open_cards: list[list[str]] = []
    for line in _LINES.split(text):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            open_cards.append([])
            continue
        if marker == "END:VCARD" and open_cards:
            lines = open_cards.pop()
            cards.append((lines, True, bool(open_cards)))
            continue
        if open_cards:
            open_cards[-1].append(line)
    while open_cards:
        lines = open_cards.pop()
        cards.append((lines, False, bool(open_cards)))
    return cards


def _version(lines: list[str]) -> str:
    for line in lines:
        if line.upper().startswith("VERSION:"):
            return line.split(":", 1)[1].strip()
    return "3.0"


def split_display_name(fn: str, family: str, given: str) -> tuple[str, str]:
    """First and last name whose join is FN exactly, guided by N where it fits.

    FN is what the user sees in their address book (Gmail writes commas in it),
    so it is kept whole; N only says where the family name starts.
    """
    def boundary(index: int) -> bool:
        return index <= 0 or index >= len(fn) or fn[index - 1].isspace() or fn[index].isspace()

    if family and fn.endswith(family) and boundary(len(fn) - len(family)):
        return fn[:len(fn) - len(family)].strip(), family
    if family and given and fn.startswith(family + ",") and _norm(fn[len(family) + 1:]) == _norm(given):
        return given, family  # "Family, Given": a display order, not a different name
    if given and fn.startswith(given) and boundary(len(given)):
        return given, fn[len(given):].strip()
    if family:
        index = fn.find(family)
        while index > 0 and not boundary(index):
            index = fn.find(family, index + 1)
        if index > 0:
            return fn[:index].strip(), fn[index:].strip()
    first, _, last = fn.rpartition(" ")
    return (first.strip(), last.strip()) if first.strip() else (fn, "")


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Card:
    """The properties of one card, mapped to Contact fields."""

    def __init__(self, props: list[Prop]) -> None:
        self.by_name: dict[str, list[Prop]] = {}
        for prop in props:
            self.by_name.setdefault(prop.name, []).append(prop)

    def all(self, name: str) -> list[Prop]:
        return self.by_name.get(name, [])

    def text(self, name: str) -> str:
        found = self.all(name)
        return unescape(found[0].value).strip() if found else ""


def _netui_fields(card: _Card, warnings: list[tuple[str, str]], where: str) -> dict:
    """The X-NETUI-* properties our exporter writes, so a round trip keeps them; a value
    netui cannot use is left out with a warning."""
    out: dict = {}

    def dropped(name: str, value: str) -> None:
        warnings.append((where, _("dropped {name} {value}: not a value netui knows").format(
            name=name, value=repr(value))))

    for name, key, choices in (("X-NETUI-SOURCE", "source", SOURCES), ("X-NETUI-TIER", "tier", TIERS),
                               ("X-NETUI-RELATIONSHIP", "relationship", RELATIONSHIPS)):
        value = card.text(name).casefold()
        if value in choices:
            out[key] = value
        elif value:
            dropped(name, card.text(name))
    if card.all("X-NETUI-SECTOR"):
        out["sector"] = card.text("X-NETUI-SECTOR")
    if card.all("X-NETUI-LOCATION"):
        out["location"] = card.text("X-NETUI-LOCATION")
    connected = parse_date(card.text("X-NETUI-CONNECTED-ON"))
    if connected:
        out["connected_on"] = connected
    elif card.text("X-NETUI-CONNECTED-ON"):
        dropped("X-NETUI-CONNECTED-ON", card.text("X-NETUI-CONNECTED-ON"))
    days = card.text("X-NETUI-KEEP-IN-TOUCH-DAYS")
    if days.isdigit() and 1 <= int(days) <= 3650:
        out["keep_in_touch_days"] = int(days)
    elif days:
        dropped("X-NETUI-KEEP-IN-TOUCH-DAYS", days)
    answers = card.text("X-NETUI-ANSWERS")
    if answers:
        try:
            parsed = json.loads(answers)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in parsed.items()):
            out["answers"] = parsed
        else:
            dropped("X-NETUI-ANSWERS", answers[:60])
    register = card.text("X-NETUI-REGISTER").casefold()
    if register in ("tu", "lei"):
        out["register"] = register
    elif register:
        dropped("X-NETUI-REGISTER", card.text("X-NETUI-REGISTER"))
    introducer = card.text("X-NETUI-INTRODUCED-BY")
    if _UID.fullmatch(introducer):
        out["introduced_by"] = introducer  # kept when that contact is in the file or the network
    elif introducer:
        dropped("X-NETUI-INTRODUCED-BY", introducer[:60])
    knows = card.text("X-NETUI-KNOWS-AT")
    if knows:
        try:
            out["knows_at"] = check_knows_at(json.loads(knows))
        except (ValueError, ValidationError):
            dropped("X-NETUI-KNOWS-AT", knows[:60])
    past = [unescape(prop.value).strip() for prop in card.all("X-NETUI-PAST-COMPANY")]
    if any(past):
        out["past_companies"] = [company for company in past if company]
    return out


def _contact_fields(card: _Card, build: RowBuilder, where: str) -> dict:
    emails = build.emails([unescape(p.value) for p in card.all("EMAIL")], where)
    phones = []
    for prop in card.all("TEL"):
        value = unescape(prop.value).strip()
        phones.append(value[4:] if value.casefold().startswith("tel:") else value)
    org = split_escaped(card.all("ORG")[0].value, ";") if card.all("ORG") else [""]
    company = org[0].strip()
    n = split_escaped(card.all("N")[0].value, ";") + [""] * 5 if card.all("N") else [""] * 5
    family = n[0].strip()
    given = " ".join(p.strip() for p in n[1:3] if p.strip())
    fn = card.text("FN")
    if not fn:
        first, last = given, family
    elif not (family or given) and (fn.casefold() == company.casefold()
                                   or fn.casefold() in {e.casefold() for e in emails}):
        first, last = "", ""  # a company card, or a name-less card titled by its email
    else:
        first, last = split_display_name(fn, family, given)
    linkedin, websites = "", []
    for prop in card.all("URL") + card.all("X-SOCIALPROFILE"):
        url = unescape(prop.value).strip()
        if prop.name == "X-SOCIALPROFILE" and "linkedin" not in prop.param("TYPE") and not is_linkedin(url):
            continue
        if not linkedin and ("linkedin" in prop.param("TYPE") or is_linkedin(url)):
            linkedin = url
        elif url:
            websites.append(url)
    tags = label_tags([t for prop in card.all("CATEGORIES") for t in split_escaped(prop.value, ",")])
    notes = "\n".join(clean_notes(unescape(p.value)) for p in card.all("NOTE"))
    location = ""
    if card.all("ADR"):
        adr = split_escaped(card.all("ADR")[0].value, ";") + [""] * 7
        location = ", ".join(p.strip() for p in (adr[3], adr[4], adr[6]) if p.strip())
    fields: dict[str, Any] = dict(first_name=first, last_name=last, emails=emails, phones=phones, company=company,
                  position=card.text("TITLE") or card.text("ROLE"), linkedin_url=linkedin,
                  websites=websites, tags=tags, notes=notes, location=location,
                  birthday=_birthday(card, build, where), source="other")
    uid = card.text("UID")
    if _UID.fullmatch(uid):
        fields["uid"] = uid  # one of ours (an earlier export): a re-import matches it
    elif uid:
        fields["extra"] = {"vcard_uid": clean_line(uid)}  # another app's id, kept aside, not used as ours
    fields.update(_netui_fields(card, build.result.warnings, where))
    return fields


def _birthday(card: _Card, build: RowBuilder, where: str) -> str | None:
    props = card.all("BDAY")
    if not props:
        return None
    value = unescape(props[0].value).strip()
    birthday = build.birthday(value, where)
    omit = props[0].params.get("X-APPLE-OMIT-YEAR")
    if birthday and omit and birthday.startswith(omit[0].strip() + "-"):
        birthday = "--" + birthday[5:]  # Apple writes a yearless birthday as 1604-MM-DD
    return birthday


def parse_vcard(data: bytes) -> ImportResult:
    """Parse the bytes of a .vcf (one or many cards, any version); source `other`."""
    text = decode(data, WHAT).lstrip("\ufeff")
    cards = _cards(text)
    if not cards:
        raise ImportFormatError(refusal(text, WHAT) if "BEGIN:VCARD" not in text.upper()
                                else _("no complete card (BEGIN:VCARD ... END:VCARD) in this vCard file"))
    result = ImportResult([], [], "vcard")
    build = RowBuilder(result)
    for number, (lines, closed, nested) in enumerate(cards, 1):
        where = _("card {number}").format(number=number)
        if not closed:
            result.warnings.append((where, _("no END:VCARD (was the file cut short?)")))
        if nested:
            result.warnings.append((where, _("this card was inside another card; read as a card of its own")))
        props = [p for p in (_content_line(line) for line in _unfold(lines, _version(lines))) if p]
        build.add(where, **_contact_fields(_Card(props), build, where))
    return result
