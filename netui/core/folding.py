"""Folding text for comparisons: case and accents ignored, so `noe` finds Noé.

A module of its own, below both the text search and company identity (each
folds, and the search also asks whether a company is the one typed).
"""

from __future__ import annotations

import unicodedata


#: Letters that carry their mark inside them (no decomposition to strip): the plain letters
#: a user types for them ("soren" finds Søren, "lodz" Łódź, "oeuvre" Œuvre).
_PLAIN_LETTERS = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
                  "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k"}


class _WithoutCombining(dict):
    """A `str.translate` table that drops combining marks (accents once decomposed) and
    writes the letters above plainly.

    Filled as characters are first met, so the work per character is one dict
    lookup in C: several times quicker than testing each character in Python.
    """

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        kept: int | str | None = _PLAIN_LETTERS.get(char) or (None if unicodedata.combining(char) else code)
        self[code] = kept
        return kept


_STRIP_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    """Lower-case, accents removed, so comparisons ignore both."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_STRIP_COMBINING)
