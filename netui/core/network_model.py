"""The overview's data: one precomputed row per contact, sort orders, filters, totals.

No Textual here: the table widget only draws what this model hands it, so the
work per keystroke or scroll does not grow with widgets, only with plain lists.
Everything the table shows or searches is computed once per contact (display
cells, sort keys, an accent-folded search key, the follow-up state) and
recomputed for one contact when only that contact changed.
"""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from sys import intern
from typing import Iterable, Sequence, cast

from netui.core import vocabulary
from netui.core.companies import company_key
from netui.core.followups import OUTREACH_KINDS, FollowUp, follow_up
from netui.core.gcpause import gc_paused
from netui.core.i18n import N_, _
from netui.core.models import Contact, Interaction, Profile
from netui.core.names import LAST
from netui.core.names import sort_key as name_sort_key
from netui.core.textsearch import company_has, fold, split_legal_forms, undotted

#: How many weeks of outreach the side panel charts.
OUTREACH_WEEKS = 12

#: Shorter labels for vocabulary values, so a narrow column still reads well.
SOURCE_LABELS = vocabulary.SOURCES

#: How many query results `visible` keeps for going back (a backspace).
RECENT_QUERIES = 16

# LAST (from netui.core.names) sorts after any text: empty cells go last.


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the overview table."""

    key: str
    label: str
    min_width: int
    flex: int = 0        # share of the spare width; 0 = fixed at min_width
    priority: int = 0    # the lowest priority is hidden first when space is short


COLUMNS: tuple[Column, ...] = (
    Column("name", N_("Name"), 13, flex=4, priority=9),
    Column("company", N_("Company"), 9, flex=3, priority=8),
    Column("position", N_("Position"), 9, flex=3, priority=4),
    Column("sector", N_("Sector"), 7, flex=2, priority=5),
    Column("source", N_("Source"), 12, priority=6),
    Column("tier", N_("Tier"), 7, priority=3),
    # Dates show as "12 Dec 2026" (11 cells; company and position gave a cell each, so the
    # same columns fit as with ISO dates); the cells keep ISO, which sorts by the date.
    Column("last_contact", N_("Contacted"), 11, priority=2),
    Column("next_due", N_("Next due"), 11, priority=7),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

_CONTROL = {i: " " for i in range(32)} | {0x7F: " "}


def cell_text(value: str) -> str:
    """User text made safe for one table cell: no newlines, tabs or control characters."""
    if not value or value.isprintable():
        return value
    return value.translate(_CONTROL)


_FOLDED: dict[str, str] = {}


def fast_fold(text: str) -> str:
    """`textsearch.fold`, with a fast path for ASCII and a memo for short accented text
    (names, companies and sectors repeat): the same result, several times quicker."""
    if text.isascii():
        return text.lower()
    folded = _FOLDED.get(text)
    if folded is None:
        folded = fold(text)
        if len(text) <= 64 and len(_FOLDED) < 100_000:
            _FOLDED[text] = folded
    return folded


def search_key(contact: Contact) -> str:
    """`textsearch.contact_key` (identical result, much quicker): one `lower()` when the
    text is ASCII, else folded field by field with the memo."""
    company = undotted(contact.company)
    parts = (contact.first_name, contact.last_name, contact.company, contact.position,
             contact.sector, " ".join(contact.tags), contact.notes, " ".join(contact.emails),
             company if company != contact.company else "")
    joined = "\n".join([p for p in parts if p])
    if joined.isascii():
        return joined.lower()
    return "\n".join([fast_fold(p) for p in parts if p])


#: A query as the filter applies it: the plain words, and each legal form with the word before it.
QueryTerms = tuple[list[str], list[tuple[str, str]]]


def query_words(query: str) -> list[str]:
    return [undotted(word) for word in fast_fold(query).split()]


@dataclass(slots=True)
class Row:
    """What the table needs of one contact, computed once."""

    uid: str
    cells: tuple[str, ...]
    contact: Contact  # what the search key is made from, when the filter first needs it
    tier: str
    source: str
    sector: str
    due: bool
    to_thank: bool
    outreach: tuple[str, ...]  # ISO dates of outreach inside the charted window


def build_row(contact: Contact, state: FollowUp, interactions: Iterable[Interaction],
              window_start: str) -> Row:
    """One contact's row; `window_start` (ISO date) bounds the outreach the panel charts."""
    name = cell_text(contact.name)
    company = cell_text(contact.company.strip())
    position = cell_text(contact.position.strip())
    sector = cell_text(contact.sector.strip())
    source = contact.source
    last = state.last_contact.isoformat() if state.last_contact else ""
    due = state.next_due.isoformat() if state.next_due else ""
    cells = (name, company, position, sector, vocabulary.SOURCES.label(source),
             vocabulary.TIERS.label(contact.tier), intern(last), intern(due))
    outreach = tuple([item.date[:10] for item in interactions
                      if item.kind in OUTREACH_KINDS and item.date[:10] >= window_start]) if interactions else ()
    return Row(contact.uid, cells, contact, contact.tier, source, sector, state.due, state.to_thank, outreach)


def sort_key(row: Row, column: int) -> str:
    """What a column sorts by (computed when a sort order is built, not kept per row:
    a key per cell would cost memory in proportion to the network); empty cells give LAST."""
    if column == 0:  # the one name order, shared with the CLI
        return name_sort_key(row.cells[0], fast_fold)
    if column < 4:  # company, position, sector: case- and accent-insensitive
        return fast_fold(row.cells[column]) or LAST
    if column == 4:
        return row.source
    if column == 5:
        return row.tier
    return row.cells[column] or LAST  # ISO dates


class Totals:
    """The side panel's numbers, kept in step row by row."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.count = 0
        self.key = 0
        self.due = 0
        self.to_thank = 0
        self.by_source: Counter[str] = Counter()
        self.by_sector: Counter[str] = Counter()
        self.sector_label: dict[str, str] = {}
        #: Contacts by company, spellings of one company counted as one (`companies.company_key`).
        self.by_company: Counter[str] = Counter()
        self.company_label: dict[str, str] = {}
        self.weeks = [0] * OUTREACH_WEEKS  # oldest first, the current week last
        self._weeks_of: dict[str, int | None] = {}

    def _week(self, when: str) -> int | None:
        week = self._weeks_of.get(when, -1)
        if week == -1:
            try:
                ago = (self.today - date.fromisoformat(when)).days // 7
            except ValueError:
                ago = -1
            week = OUTREACH_WEEKS - 1 - ago if 0 <= ago < OUTREACH_WEEKS else None
            self._weeks_of[when] = week
        return week

    def apply(self, row: Row, sign: int) -> None:
        self.count += sign
        self.key += sign * (row.tier == "key")
        self.due += sign * row.due
        self.to_thank += sign * row.to_thank
        self.by_source[row.source] += sign
        folded = fast_fold(row.sector) if row.sector else ""
        self.by_sector[folded] += sign
        if folded and folded not in self.sector_label:
            self.sector_label[folded] = row.sector
        company = row.cells[1]
        if company:
            key = company_key(company)
            self.by_company[key] += sign
            if key not in self.company_label:
                self.company_label[key] = company
        for when in row.outreach:
            week = self._week(when)
            if week is not None:
                self.weeks[week] += sign

    def sources(self) -> list[tuple[str, int]]:
        """Sources by count, largest first."""
        return [(s, n) for s, n in self.by_source.most_common() if n > 0]

    def companies(self, limit: int = 6) -> list[tuple[str, int]]:
        """The companies with most contacts (first-seen spelling), the rest as 'other companies'."""
        named = [(self.company_label.get(k, k), n) for k, n in self.by_company.most_common() if n > 0 and k]
        shown = named[:limit]
        rest = sum(n for _, n in named[limit:])
        if rest:
            shown.append((_("other companies"), rest))
        return shown

    def sectors(self, limit: int = 8) -> list[tuple[str, int]]:
        """The largest sectors (with their first-seen spelling); the rest grouped as 'other sectors'."""
        named = [(self.sector_label.get(k, k), n) for k, n in self.by_sector.most_common() if n > 0 and k]
        unknown = self.by_sector.get("", 0)
        shown = named[:limit]
        rest = sum(n for _, n in named[limit:])
        if rest:
            shown.append((_("other sectors"), rest))
        if unknown > 0:
            shown.append((_("(no sector)"), unknown))
        return shown


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user narrowed the table to."""

    query: str = ""
    tier: str | None = None
    source: str | None = None
    due: bool = False
    to_thank: bool = False

    @property
    def active(self) -> bool:
        return bool(self.query.strip() or self.tier or self.source or self.due or self.to_thank)


class NetworkModel:
    """Rows for every contact of a store, with sort orders and filters over them."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.rows: list[Row | None] = []
        self._search_keys: list[str] | None = None  # per row, as a flat list: the filter's hot loop
        self.index: dict[str, int] = {}
        self.version = 0  # bumped whenever a row changes (the side panel redraws then)
        self.totals = Totals(today)
        self._orders: dict[tuple[str, bool], list[int]] = {}
        #: The last filter: its sort, quick filters, (plain words, legal forms) and rows.
        self._last_filter: tuple[tuple[str, bool], Filters, QueryTerms, list[int]] | None = None
        #: Results of the last few queries (a backspace goes back to one without a scan).
        self._recent: dict[tuple[tuple[str, bool], Filters, tuple[str, ...]], list[int]] = {}
        #: What `complete()` builds the other rows from, after `load_first_page`.
        self._rest: tuple[list[Contact], list[Interaction], Profile, list[int]] | None = None

    @property
    def window_start(self) -> str:
        return (self.today - timedelta(days=7 * OUTREACH_WEEKS)).isoformat()

    def __len__(self) -> int:
        return self.totals.count

    @property
    def partial(self) -> bool:
        """True between `load_first_page` and `complete`: only the first page's rows exist."""
        return self._rest is not None

    def load_first_page(self, contacts: Sequence[Contact], interactions: Iterable[Interaction],
                        profile: Profile, page: int) -> None:
        """Build only what the first screen shows: the order by name and its first `page` rows.

        With a big network building every row and the totals takes long enough to be
        seen, and the first frame does not need it. `complete()` builds the rest (the overview calls it
        right after the first frame); until then the totals hold only the count, and
        anything but showing the name order (another sort, a filter, an update, the
        search keys) completes the model first, so no caller ever sees it partial.
        """
        contacts, interactions = list(contacts), list(interactions)
        if len(contacts) <= page:
            self.load(contacts, interactions, profile)
            return
        names = [name_sort_key(cell_text(contact.name), fast_fold) for contact in contacts]
        order = sorted(range(len(contacts)), key=names.__getitem__)
        shown = {contacts[position].uid: position for position in order[:page]}
        history: dict[str, list[Interaction]] = {uid: [] for uid in shown}
        for item in interactions:
            mine = history.get(item.contact_uid)
            if mine is not None:
                mine.append(item)
        rows: list[Row | None] = [None] * len(contacts)
        start = self.window_start
        for uid, position in shown.items():
            contact = contacts[position]
            items = history[uid]
            rows[position] = build_row(contact, follow_up(contact, items, profile, self.today), items, start)
        self.rows = rows
        self.index = {contact.uid: position for position, contact in enumerate(contacts)}
        self.totals = Totals(self.today)
        self.totals.count = len(contacts)
        self._search_keys = None
        self._invalidate()
        self._orders[("name", False)] = order
        self._rest = (contacts, interactions, profile, order)

    def complete(self) -> None:
        """Build every row and the totals after `load_first_page` (nothing to do otherwise)."""
        if self._rest is None:
            return
        contacts, interactions, profile, order = self._rest
        self._rest = None
        self.load(contacts, interactions, profile)
        self._orders[("name", False)] = order  # the same contacts: the same order

    def load(self, contacts: Sequence[Contact], interactions: Iterable[Interaction], profile: Profile) -> None:
        """Build every row (at start, or when many things may have changed)."""
        with gc_paused():  # tens of thousands of new objects, none of them garbage
            self._load(contacts, interactions, profile)
        # The rows live until the next full rebuild: keep the collector from walking them
        # on every full collection (a full collection in the middle of a save stalls the UI).
        gc.freeze()

    def _load(self, contacts: Sequence[Contact], interactions: Iterable[Interaction], profile: Profile) -> None:
        by_contact: dict[str, list[Interaction]] = {}
        for item in interactions:
            by_contact.setdefault(item.contact_uid, []).append(item)
        start = self.window_start
        rows: list[Row | None] = []
        index: dict[str, int] = {}
        totals = Totals(self.today)
        for contact in contacts:
            items = by_contact.get(contact.uid, ())
            state = follow_up(contact, items, profile, self.today)
            row = build_row(contact, state, items, start)
            index[contact.uid] = len(rows)
            rows.append(row)
            totals.apply(row, +1)
        self.rows, self.index, self.totals = rows, index, totals
        self._search_keys = None
        self._invalidate()

    def update(self, uid: str, contact: Contact | None, interactions: Sequence[Interaction],
               profile: Profile) -> None:
        """Recompute one contact's row (None: the contact is gone)."""
        self.complete()
        position = self.index.get(uid)
        if position is not None:
            old = self.rows[position]
            if old is not None:
                self.totals.apply(old, -1)
        if contact is None:
            if position is not None:
                self.rows[position] = None
                if self._search_keys is not None:
                    self._search_keys[position] = ""
                del self.index[uid]
        else:
            state = follow_up(contact, interactions, profile, self.today)
            row = build_row(contact, state, interactions, self.window_start)
            if position is None:
                self.index[uid] = len(self.rows)
                self.rows.append(row)
                if self._search_keys is not None:
                    self._search_keys.append(search_key(contact))
            else:
                self.rows[position] = row
                if self._search_keys is not None:
                    self._search_keys[position] = search_key(contact)
            self.totals.apply(row, +1)
        self.version += 1
        self._last_filter = None
        self._recent.clear()
        if contact is not None or position is not None:
            self._reorder(self.index[uid] if position is None else position, contact is not None,
                          was_listed=position is not None)

    def _reorder(self, position: int, listed: bool, *, was_listed: bool) -> None:
        """Move one changed row within each cached sort order (a binary search, not a re-sort:
        the UI thread stays free while a save runs)."""
        for (column, reverse), order in self._orders.items():
            if was_listed:
                order.remove(position)
            if listed:
                col = COLUMN_INDEX[column]
                low, high = 0, len(order)
                while low < high:
                    middle = (low + high) // 2
                    if self._precedes(order[middle], position, col, reverse):
                        low = middle + 1
                    else:
                        high = middle
                order.insert(low, position)

    def _precedes(self, a: int, b: int, col: int, reverse: bool) -> bool:
        """True when row `a` comes before row `b` in the order `order(col, reverse)` builds."""
        # Sorted positions are of built rows (None only before `complete`); no check on this hot path.
        rows = cast("list[Row]", self.rows)
        row_a, row_b = rows[a], rows[b]
        key_a, key_b = sort_key(row_a, col), sort_key(row_b, col)
        if col and (key_a == LAST) != (key_b == LAST):
            return key_b == LAST  # empty cells last, either way
        if key_a != key_b:
            return key_a > key_b if reverse else key_a < key_b
        if col:
            name_a, name_b = sort_key(row_a, 0), sort_key(row_b, 0)
            if name_a != name_b:
                return name_a < name_b
        return a < b

    @property
    def search_keys(self) -> list[str]:
        """Each row's accent-folded search key ("" for a deleted row), made on first use:
        a third of building the rows, and not needed until the user filters (the overview
        asks for them when the filter opens, before the first key)."""
        self.complete()
        if self._search_keys is None:
            self._search_keys = [search_key(row.contact) if row is not None else "" for row in self.rows]
        return self._search_keys

    def _company_or_form(self, result: list[int], forms: list[tuple[str, str]], keys: list[str]) -> list[int]:
        """The rows whose company is the one typed before each legal form, or whose key has
        the form itself. Companies repeat: each is judged once per query, and a row at an
        accepted company skips the scan of its key."""
        rows = cast("list[Row]", self.rows)
        for form, before in forms:
            judged: dict[str, bool] = {}
            kept = []
            for i in result:
                company = rows[i].contact.company
                accepted = judged.get(company)
                if accepted is None:
                    accepted = judged[company] = company_has(company, before)
                if accepted or form in keys[i]:
                    kept.append(i)
            result = kept
        return result

    def _invalidate(self) -> None:
        self.version += 1
        self._orders.clear()
        self._last_filter = None
        self._recent.clear()

    def row(self, uid: str) -> Row | None:
        self.complete()
        position = self.index.get(uid)
        return None if position is None else self.rows[position]

    def order(self, column: str, reverse: bool = False) -> list[int]:
        """Row positions sorted by a column (ties by name); empty cells last either way."""
        cached = self._orders.get((column, reverse))
        if cached is not None:
            return cached
        self.complete()
        rows = self.rows
        live = [i for i, r in enumerate(rows) if r is not None]
        names = [sort_key(r, 0) if r is not None else "" for r in rows]
        by_name = sorted(live, key=names.__getitem__)
        col = COLUMN_INDEX[column]
        if col == 0:
            result = by_name if not reverse else sorted(by_name, key=names.__getitem__, reverse=True)
        else:
            keys = [sort_key(r, col) if r is not None else LAST for r in rows]
            filled = [i for i in by_name if keys[i] != LAST]
            empty = [i for i in by_name if keys[i] == LAST]
            result = sorted(filled, key=keys.__getitem__, reverse=reverse) + empty
        self._orders[(column, reverse)] = result
        return result

    def visible(self, column: str, reverse: bool, filters: Filters) -> list[int]:
        """Row positions to show, in order. A query that only narrows the last one
        filters the last result instead of every row."""
        if filters.active or (column, reverse) != ("name", False):
            self.complete()
        sort = (column, reverse)
        words = query_words(filters.query)
        plain, forms = split_legal_forms(words)
        base = self.order(column, reverse)
        quick = Filters(tier=filters.tier, source=filters.source, due=filters.due, to_thank=filters.to_thank)
        recent_key = (sort, quick, tuple(words))
        recent = self._recent.get(recent_key)
        if recent is not None:
            self._last_filter = (sort, quick, (plain, forms), recent)
            return recent
        last = self._last_filter
        if last is not None and last[0] == sort and last[1] == quick and _narrows(last[2], plain, forms):
            base, remaining = last[3], [w for w in plain if w not in last[2][0]]
        else:
            remaining = plain
            # Filtered positions are of built rows (None only before `complete`): no check per row
            # in these loops over 30,000 rows.
            rows = cast("list[Row]", self.rows)
            if filters.tier:
                base = [i for i in base if rows[i].tier == filters.tier]
            if filters.source:
                base = [i for i in base if rows[i].source == filters.source]
            if filters.due:
                base = [i for i in base if rows[i].due]
            if filters.to_thank:
                base = [i for i in base if rows[i].to_thank]
        result = base
        keys = self.search_keys if remaining or forms else []
        for word in remaining:
            if len(result) * 4 < len(keys):  # a few rows: test just those
                result = [i for i in result if word in keys[i]]
            else:  # most rows: scan the keys in memory order (~2x quicker), keep the sort order
                hits = {i for i, key in enumerate(keys) if word in key}
                result = [i for i in result if i in hits]
        if forms:  # after the plain words (the word before a form among them): fewer rows are left
            result = self._company_or_form(result, forms, keys)
        self._last_filter = (sort, quick, (plain, forms), result)
        if len(self._recent) >= RECENT_QUERIES:
            del self._recent[next(iter(self._recent))]
        self._recent[recent_key] = result
        return result


def _narrows(old: QueryTerms, plain: list[str], forms: list[tuple[str, str]]) -> bool:
    """True when every row matching the new query (`plain` words and legal `forms`) also
    matches `old`: each old word is inside a new word, and each old legal form is typed
    again after the same word, or is inside a new word (then it is in the key itself).
    The new query's forms are checked again on the narrowed rows either way."""
    old_plain, old_forms = old
    return (all(any(o in n for n in plain) for o in old_plain)
            and all(pair in forms or any(pair[0] in n for n in plain) for pair in old_forms))
