"""Accent- and case-insensitive search keys: `noe` finds Noé."""

from __future__ import annotations

import unicodedata

from netui.core.models import Contact


class _WithoutCombining(dict):
    """A `str.translate` table that drops combining marks (accents once decomposed).

    Filled as characters are first met, so the work per character is one dict
    lookup in C: several times quicker than testing each character in Python.
    """

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_STRIP_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    """Lower-case, accents removed, so comparisons ignore both."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_STRIP_COMBINING)


def contact_key(contact: Contact) -> str:
    """The text a filter searches: name, company, position, sector, tags, notes, emails."""
    parts = [contact.first_name, contact.last_name, contact.company, contact.position,
             contact.sector, " ".join(contact.tags), contact.notes, " ".join(contact.emails)]
    return fold("\n".join(p for p in parts if p))


def matches(key: str, query: str) -> bool:
    """Every word of the query appears in the key."""
    return all(word in key for word in fold(query).split())
