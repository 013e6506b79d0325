"""Company identity: "Ferrari S.p.A.", "FERRARI SPA" and "Ferrari" are one company.

One normaliser (`company_key`) for everything that compares companies: paths
to a company, the Companies view, the funnel, import matching. It ignores case,
accents, punctuation and a trailing legal form (S.p.A., Srl, GmbH, Inc., ...).
Names that are merely close ("Ferari") are never merged: `similar_names`
suggests them, the user decides.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from netui.core.folding import fold

#: Legal forms, as they read once dots are dropped and the rest is split into words.
LEGAL_FORMS = frozenset({
    "spa", "srl", "srls", "snc", "sas", "sapa", "ss", "scarl", "scrl", "coop",
    "inc", "ltd", "llc", "llp", "lp", "gmbh", "ag", "kg", "sa", "se", "plc", "corp", "co",
    "bv", "nv", "oy", "ab", "as", "sarl", "sl", "pty", "limited", "incorporated", "corporation",
})
#: How close (0-100, rapidfuzz's ratio) a different name must be to be suggested.
SIMILAR_CUTOFF = 85

_DOTS = re.compile(r"[.'’]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The identity of a company name: folded, punctuation and a trailing legal form dropped.

    "" for an empty name. Cached: the same few thousand names repeat across contacts.
    """
    text = _DOTS.sub("", fold(name.strip()))
    text = text.replace("&", " and ")
    words = _NOT_WORD.sub(" ", text).split()
    while len(words) > 1:
        for size in (3, 2, 1):  # "s p a" (from "S. p. A."), "s a", then one word
            tail = words[-size:]
            if len(words) > size and (size == 1 or all(len(w) == 1 for w in tail)) \
                    and "".join(tail) in LEGAL_FORMS:
                del words[-size:]
                break
        else:
            break
    if len(words) > 1 and words[-1] == "and":  # "Smith & Co." -> "smith and" -> "smith"
        words.pop()
    return " ".join(words)


def same_company(a: str, b: str) -> bool:
    key = company_key(a)
    return bool(key) and key == company_key(b)


class CompanyNames:
    """The spellings met for each company key; the label shown is the most used one."""

    def __init__(self) -> None:
        self._spellings: dict[str, Counter[str]] = {}

    def add(self, name: str, weight: int = 1) -> str:
        """Record a spelling; return its key ("" for an empty name, not recorded)."""
        key = company_key(name)
        if key:
            self._spellings.setdefault(key, Counter())[name.strip()] += weight
        return key

    def label(self, key: str) -> str:
        spellings = self._spellings.get(key)
        if not spellings:
            return key
        return spellings.most_common(1)[0][0]

    def spellings(self, key: str) -> list[str]:
        return [name for name, _ in (self._spellings.get(key) or Counter()).most_common()]

    def keys(self) -> list[str]:
        return list(self._spellings)


def similar_keys(key: str, keys: Iterable[str], *, limit: int = 5) -> list[str]:
    """Company keys close to `key` but not the same (typos), closest first: suggestions only."""
    from rapidfuzz import (  # here: only a suggestion needs it
        fuzz,
        process,
    )

    if not key:
        return []
    others = [other for other in keys if other and other != key]
    found = process.extract(key, others, scorer=fuzz.ratio, score_cutoff=SIMILAR_CUTOFF, limit=limit)
    return [match for match, _score, _index in found]


def similar_names(name: str, candidates: Iterable[str], *, limit: int = 5) -> list[str]:
    """Candidates whose key is close to `name`'s but not the same (typos): suggestions only."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(company_key(candidate), candidate)
    return [by_key[match] for match in similar_keys(company_key(name), by_key, limit=limit)]


def parse_knows_at(text: str) -> dict[str, str]:
    """`"Ferrari: Anna, HR"` -> {company: Ferrari, name: Anna, note: HR}; name and note optional."""
    company, _, rest = text.partition(":")
    name, _, note = rest.partition(",")
    return {"company": company.strip(), "name": name.strip(), "note": note.strip()}


def format_knows_at(entry: dict[str, str]) -> str:
    """The inverse of `parse_knows_at`."""
    text = entry.get("company", "")
    name, note = entry.get("name", ""), entry.get("note", "")
    if name or note:
        text += f": {name}"
        if note:
            text += f", {note}"
    return text
