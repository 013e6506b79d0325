"""Accent- and case-insensitive search keys: `noe` finds Noé."""

from __future__ import annotations

import unicodedata

from .models import Contact


def fold(text: str) -> str:
    """Lower-case, accents removed, so comparisons ignore both."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def contact_key(contact: Contact) -> str:
    """The text a filter searches: name, company, position, sector, tags, notes, emails."""
    parts = [contact.first_name, contact.last_name, contact.company, contact.position,
             contact.sector, " ".join(contact.tags), contact.notes, " ".join(contact.emails)]
    return fold("\n".join(p for p in parts if p))


def matches(key: str, query: str) -> bool:
    """Every word of the query appears in the key."""
    return all(word in key for word in fold(query).split())
