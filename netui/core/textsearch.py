"""The filter's search: accent- and case-insensitive, `noe` finds Noé, and a company
is found however its legal form is written.

Every word typed must appear in the contact's key (name, company, position,
notes...). A legal form typed after a name ("ferrari spa", "rossi s.r.l.") also
accepts a contact whose company is that name with any legal form or none
("Ferrari", "Ferrari S.r.l."), by the company identity of `netui.core.companies`:
the same rule the paths and the Companies view use. The overview's model
(`network_model`) applies these rules with its own faster loops.
"""

from __future__ import annotations

import re

from netui.core.companies import LEGAL_FORMS, company_key
from netui.core.folding import fold
from netui.core.models import Contact

__all__ = ["fold", "undotted", "contact_key", "search_words", "split_legal_forms", "company_has", "matches"]


#: A dotted abbreviation ("s.p.a.", "S.r.l.", "s.a."): single letters joined by dots.
_DOTTED = re.compile(r"(?<![\w.@])(?:[^\W\d_]\.)+[^\W\d_](?:\.|(?![\w.]))")


def undotted(text: str) -> str:
    """Dotted abbreviations without their dots: "ferrari s.p.a." -> "ferrari spa", so
    that "spa" and "s.p.a." find the same company (emails and web addresses are kept)."""
    if "." not in text:
        return text
    return _DOTTED.sub(lambda found: found.group().replace(".", ""), text)


def contact_key(contact: Contact) -> str:
    """The text a filter searches: name, company, position, sector, tags, notes, emails,
    and the company once more without the dots of its legal form."""
    company = undotted(contact.company)
    parts = [contact.first_name, contact.last_name, contact.company, contact.position,
             contact.sector, " ".join(contact.tags), contact.notes, " ".join(contact.emails),
             company if company != contact.company else ""]
    return fold("\n".join(p for p in parts if p))


def search_words(query: str) -> list[str]:
    """The words a filter looks for, each folded and without the dots of an abbreviation."""
    return [undotted(word) for word in fold(query).split()]


def split_legal_forms(words: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The words that must appear in the key, and each legal form typed right after a
    word, with that word: ["ferrari", "spa"] -> (["ferrari"], [("spa", "ferrari")]).
    A legal form typed alone, first, or after another legal form stays a plain word."""
    plain: list[str] = []
    forms: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if word in LEGAL_FORMS and before and before not in LEGAL_FORMS:
            forms.append((word, before))
        else:
            plain.append(word)
    return plain, forms


def company_has(company: str, word: str) -> bool:
    """True when the company's identity (legal form dropped) contains `word`."""
    return bool(company) and word in company_key(company)


def matches(key: str, query: str, company: str = "") -> bool:
    """Every word of the query appears in the key; a legal form typed after a word may
    instead be met by the contact's `company` being that word's company."""
    plain, forms = split_legal_forms(search_words(query))
    return all(word in key for word in plain) and all(
        form in key or company_has(company, before) for form, before in forms)
