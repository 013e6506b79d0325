"""Contact names, the same everywhere: one sort order and one matcher for TUI and CLI.

Sort order: by the name as it is shown ("First Last"), so first name then last
name, accents and case ignored. The overview shows "Ada Lovelace", so a reader
finds the rows in the alphabetical order of what they read; `netui contacts`
prints the same names in the same order.

Matching (what `netui log CONTACT`, `netui draft CONTACT` accept): a uid, an
email address, or a name, accents and case ignored ("nicolo d'amico" finds
Nicolò D’Amico): the whole name, a first or a last name, the start of the name,
or the start of each of its words in any order ("nic dam"), as long as one contact fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from netui.core.errors import AmbiguousError, NotFoundError
from netui.core.i18n import _
from netui.core.models import Contact
from netui.core.textsearch import fold

#: Sorts after any text: a contact without a name goes last.
LAST = "\uffff"

#: Apostrophes and quotes people type differently ("D'Amico", "D’Amico").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

#: How many candidates an error lists.
LISTED = 8


def sort_key(name: str, fold_text: Callable[[str], str] = fold) -> str:
    """The key of the one name order (pass a memoised fold where speed matters)."""
    return fold_text(name) or LAST


def sorted_by_name(contacts: Iterable[Contact]) -> list[Contact]:
    """Contacts in the name order the overview uses."""
    return sorted(contacts, key=lambda contact: sort_key(contact.name))


def normalise(text: str) -> str:
    """What names are compared on: folded, one kind of apostrophe, single spaces."""
    if text.isascii():
        lowered = text.lower()
        if "`" not in lowered and "  " not in lowered and lowered == lowered.strip():
            return lowered  # the common case, several times quicker
    return " ".join(fold(text).translate(_APOSTROPHES).split())


def _words(text: str) -> list[str]:
    """Words of a normalised name; "d'amico" also gives "damico" and "amico", so each finds it."""
    found: list[str] = []
    for word in text.split():
        found.append(word)
        if "'" in word:
            found.append(word.replace("'", ""))
            found.append(word.rpartition("'")[2])
    return found


def _word_prefixes(query: list[str], name_words: list[str]) -> bool:
    """Each query word starts a different word of the name, in any order ("lovelace ada")."""
    unused = list(name_words)
    for word in query:
        found = next((i for i, candidate in enumerate(unused) if candidate.startswith(word)), None)
        if found is None:
            return False
        del unused[found]
    return True


def match_name(contacts: Sequence[Contact], ref: str) -> list[Contact]:
    """The contacts a typed name means, from the strictest rule that finds any.

    1. the whole name; 2. a whole first or last name; 3. the start of the name, or
    the start of each of its words; 4. the text anywhere in the name.
    """
    query = normalise(ref)
    if not query:
        return []
    names = [(contact, normalise(contact.name)) for contact in contacts]
    exact = [c for c, name in names if name == query]
    if exact:
        return exact
    if " " not in query:  # a whole first or last name is one word (or a few, rarely: checked below)
        whole = [c for c, name in names if query in name.split()
                 and query in (normalise(c.first_name), normalise(c.last_name))]
    else:
        whole = [c for c, name in names if query in name
                 and query in (normalise(c.first_name), normalise(c.last_name))]
    if whole:
        return whole
    query_words = query.split()
    starts = [c for c, name in names if name.startswith(query) or _word_prefixes(query_words, _words(name))]
    if starts:
        return starts
    return [c for c, name in names if query in name]


def closest_names(contacts: Sequence[Contact], ref: str, limit: int = 3) -> list[str]:
    """Names that look like `ref` (a typo, a missing letter), closest first.

    rapidfuzz, as the company names' near matches use: one measure of "close" in netui.
    """
    from rapidfuzz import fuzz, process  # only on this error path: the overview imports this module at start
    query = normalise(ref)
    if not query:
        return []
    by_key: dict[str, str] = {}
    for contact in contacts:
        shown = contact.name
        full = normalise(shown)
        by_key.setdefault(full, shown)
        for part in (contact.first_name, contact.last_name):
            key = normalise(part)
            if key:
                by_key.setdefault(key, shown)
    chosen: list[str] = []
    close = process.extract(query, list(by_key), scorer=fuzz.ratio, limit=limit * 3, score_cutoff=60)
    for key, _score, _index in close:
        if by_key[key] not in chosen:
            chosen.append(by_key[key])
    return chosen[:limit]


def describe(contact: Contact) -> str:
    """A contact as a candidate in a message: name, email, uid."""
    return f"{contact.name} <{contact.email}> ({contact.uid})" if contact.email else f"{contact.name} ({contact.uid})"


def find_one(contacts: Sequence[Contact], ref: str, by_uid: Callable[[str], Contact | None]) -> Contact:
    """The one contact `ref` means (uid, email or name), or an error that says what to type."""
    ref = ref.strip()
    found = by_uid(ref) if ref else None
    if found:
        return found
    if "@" in ref:
        folded = ref.casefold()
        matched = [c for c in contacts if any(e.casefold() == folded for e in c.emails)]
    else:
        matched = match_name(contacts, ref)
    if not matched:
        close = closest_names(contacts, ref)
        hint = (_("; did you mean {names}?").format(names=_(" or ").join(repr(n) for n in close)) if close else
                _("; `netui contacts --search WORD` lists the names"))
        raise NotFoundError(_("no contact matches {ref}{hint}").format(ref=repr(ref), hint=hint))
    if len(matched) > 1:
        listed = "; ".join(describe(c) for c in sorted_by_name(matched)[:LISTED])
        more = _(" and {count} more").format(count=len(matched) - LISTED) if len(matched) > LISTED else ""
        raise AmbiguousError(_("{ref} matches {count} contacts: {listed}{more}; type more of the name, or use the uid or email").format(ref=repr(ref), count=len(matched), listed=listed, more=more))
    return matched[0]
