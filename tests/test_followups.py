"""Follow-up rules (netui.core.followups) and the overview's row model built on them (no Textual)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import write_data_file
from hypothesis import given, settings
from hypothesis import strategies as st

from netui.cli.main import main
from netui.core.followups import due_contacts, follow_up, follow_ups
from netui.core.models import SOURCES, TIERS, Contact, Interaction, Profile
from netui.core.network_model import COLUMN_KEYS, Filters, NetworkModel, search_key
from netui.core.textsearch import contact_key, matches

TODAY = date(2026, 3, 16)


def on(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def log(kind: str, days_ago: int, uid: str = "c") -> Interaction:
    return Interaction(contact_uid=uid, kind=kind, date=on(days_ago))


def test_last_contact_is_the_latest_outreach_and_next_due_adds_the_cadence():
    contact = Contact(uid="c", first_name="A", tier="network")
    items = [log("email_sent", 50), log("meeting", 20), log("note", 2), log("reply_received", 1)]
    state = follow_up(contact, items, Profile(), TODAY)
    assert state.last_contact == TODAY - timedelta(days=20)  # notes and replies are not outreach
    assert state.cadence_days == 90
    assert state.next_due == TODAY + timedelta(days=70)
    assert not state.due


def test_every_outreach_kind_resets_the_clock():
    contact = Contact(uid="c", first_name="A", tier="key")
    for kind in ("email_sent", "meeting", "call", "message", "linkedin_comment", "event_met", "thanked"):
        state = follow_up(contact, [log("call", 100), log(kind, 3)], Profile(), TODAY)
        assert state.last_contact == TODAY - timedelta(days=3), kind
        assert not state.due, kind


def test_cadence_by_tier_from_the_profile_and_per_contact():
    profile = Profile(cadence_key_days=14, cadence_network_days=60)
    key = Contact(uid="c", first_name="K", tier="key")
    assert follow_up(key, [log("call", 14)], profile, TODAY).due
    assert not follow_up(key, [log("call", 13)], profile, TODAY).due
    network = Contact(uid="c", first_name="N", tier="network")
    assert follow_up(network, [log("call", 60)], profile, TODAY).due
    own = Contact(uid="c", first_name="O", tier="network", keep_in_touch_days=7)
    state = follow_up(own, [log("call", 8)], profile, TODAY)
    assert state.due and state.cadence_days == 7


def test_never_contacted_key_contact_is_due_now_network_is_not():
    key = follow_up(Contact(uid="c", first_name="K", tier="key"), [], Profile(), TODAY)
    assert key.due and key.next_due == TODAY and key.last_contact is None
    network = follow_up(Contact(uid="c", first_name="N", tier="network"), [], Profile(), TODAY)
    assert not network.due and network.next_due is None


def test_to_thank_is_a_reply_without_later_thanks_or_email():
    contact = Contact(uid="c", first_name="A")
    assert follow_up(contact, [log("email_sent", 5), log("reply_received", 3)], Profile(), TODAY).to_thank
    assert not follow_up(contact, [log("reply_received", 3), log("thanked", 2)], Profile(), TODAY).to_thank
    assert not follow_up(contact, [log("reply_received", 3), log("email_sent", 1)], Profile(), TODAY).to_thank
    assert follow_up(contact, [log("thanked", 9), log("reply_received", 3), log("call", 1)], Profile(),
                     TODAY).to_thank
    assert not follow_up(contact, [log("call", 1)], Profile(), TODAY).to_thank


def test_due_list_is_most_overdue_first():
    contacts = [Contact(uid=u, first_name=u, tier="key") for u in ("a", "b", "c")]
    items = [log("call", 40, "a"), log("call", 100, "b"), log("call", 1, "c")]
    assert [c.uid for c, _ in due_contacts(contacts, items, Profile(), TODAY)] == ["b", "a"]


def test_cli_due_list_uses_the_same_rules(tmp_path, capsys):
    path = tmp_path / "netui.json"
    today = date.today()
    contacts = [Contact(uid="a", first_name="Overdue", last_name="Key", tier="key"),
                Contact(uid="b", first_name="Fresh", last_name="Key", tier="key"),
                Contact(uid="c", first_name="Quiet", last_name="Network", tier="network")]
    items = [Interaction(contact_uid="a", kind="call", date=(today - timedelta(days=45)).isoformat()),
             Interaction(contact_uid="b", kind="call", date=(today - timedelta(days=2)).isoformat())]
    write_data_file(path, contacts, items)
    assert main(["--db", str(path), "contacts", "--due", "--json"]) == 0
    listed = [doc["uid"] for doc in json.loads(capsys.readouterr().out)]
    model = NetworkModel(today)
    model.load(contacts, items, Profile())
    due_in_overview = [model.rows[i].uid for i in model.visible("next_due", False, Filters(due=True))]
    assert listed == due_in_overview == ["a"]


# --- the overview's row model ------------------------------------------------------

texts = st.one_of(st.text(alphabet=list("abcdeéèEÉnoöØßİı çÇ[]/-\n\tﬁ\u0301"), max_size=12),
                  st.sampled_from(["Noé", "ZOË", "Łukasz", "ﬁne", "e\u0301"]), st.text(max_size=8))


@settings(max_examples=200, deadline=None)
@given(first=texts, last=texts, company=texts, notes=texts, tags=st.lists(texts, max_size=3))
def test_search_key_is_the_same_as_textsearch(first, last, company, notes, tags):
    contact = Contact(first_name=first, last_name=last, company=company, notes=notes, tags=tags)
    assert search_key(contact) == contact_key(contact)


def naive(contacts, states, column, reverse, filters):
    """What the table must show, computed the slow obvious way."""
    chosen = [c for c in contacts
              if (not filters.tier or c.tier == filters.tier)
              and (not filters.source or c.source == filters.source)
              and (not filters.due or states[c.uid].due)
              and (not filters.to_thank or states[c.uid].to_thank)
              and matches(contact_key(c), filters.query, c.company)]
    return {c.uid for c in chosen}


names = st.sampled_from(["Ada", "Noé", "Zoë", "Bob", "Ana", "Adam", "Łukasz", "", "Ferrari"])
#: Companies and query pieces that exercise a legal form typed after a name ("ferrari" + " spa").
companies = st.sampled_from(["", "Ferrari", "Ferrari S.p.A.", "FERRARI SPA", "Rossi Srl", "Ada SpA", "Spa Srl",
                             "Enel", "Spectre"])
BACKSPACE = "\b"
queries = st.lists(st.sampled_from(["a", "ad", "ada", "ada l", "noe", "NOÉ", "o", "zo", "x", " ", "lo", "d a",
                                    "ferrari", " spa", " s.p.a.", " srl", "rossi", " s", "spa", BACKSPACE]),
                   max_size=8)


@settings(max_examples=100, deadline=None)
@given(people=st.lists(st.tuples(names, names, st.sampled_from(TIERS), st.sampled_from(SOURCES),
                                 st.integers(min_value=-1, max_value=120), companies), min_size=0, max_size=25),
       typed=queries, column=st.sampled_from(COLUMN_KEYS), reverse=st.booleans(),
       due=st.booleans(), thank=st.booleans())
def test_visible_rows_match_the_rules_as_the_user_types(people, typed, column, reverse, due, thank):
    contacts, items = [], []
    for i, (first, last, tier, source, ago, company) in enumerate(people):
        uid = f"u{i}"
        contacts.append(Contact(uid=uid, first_name=first, last_name=last or "X", tier=tier, source=source,
                                company=company))
        if ago >= 0:
            items.append(Interaction(contact_uid=uid, kind="reply_received" if ago % 3 == 0 else "call",
                                     date=on(ago)))
    model = NetworkModel(TODAY)
    model.load(contacts, items, Profile())
    states = follow_ups(contacts, items, Profile(), TODAY)
    query = ""
    for piece in typed:  # typing more, then deleting, then typing: narrowing must never lose rows
        if piece == BACKSPACE:
            query = query[:-1]
        else:
            query = query + piece if len(query) < 16 else piece
        filters = Filters(query=query, due=due, to_thank=thank)
        shown = model.visible(column, reverse, filters)
        assert {model.rows[i].uid for i in shown} == naive(contacts, states, column, reverse, filters)
        assert len(shown) == len(set(shown))


def test_a_legal_form_typed_then_deleted_gives_the_rows_of_each_query():
    """"ferrari spa" accepts Ferrari with any legal form; "ferrari sp" (one key less) is two plain
    words again, which a row outside the first result can match: no narrowing from it."""
    contacts = [Contact(uid="carla", first_name="Carla", company="Ferrari"),
                Contact(uid="ada", first_name="Ada", company="Ferrari S.p.A."),
                Contact(uid="hugo", first_name="Hugo", last_name="Ferrari", company="Spectre")]
    model = NetworkModel(TODAY)
    model.load(contacts, [], Profile())
    shown = lambda query: {model.rows[i].uid for i in model.visible("name", False, Filters(query=query))}  # noqa: E731
    assert shown("ferrari spa") == {"carla", "ada"}  # pasted: no earlier query to narrow from
    assert shown("ferrari sp") == {"ada", "hugo"}
    assert shown("ferrari spa") == {"carla", "ada"}


def test_sort_orders_put_empty_cells_last_both_ways():
    contacts = [Contact(uid="a", first_name="A", company="Zeta"), Contact(uid="b", first_name="B"),
                Contact(uid="c", first_name="C", company="alpha")]
    model = NetworkModel(TODAY)
    model.load(contacts, [], Profile())
    uids = lambda order: [model.rows[i].uid for i in order]  # noqa: E731
    assert uids(model.order("company")) == ["c", "a", "b"]
    assert uids(model.order("company", reverse=True)) == ["a", "c", "b"]


def test_updating_one_contact_gives_the_same_totals_as_a_full_rebuild():
    contacts = [Contact(uid=f"u{i}", first_name=f"P{i}", tier="key" if i % 2 else "network",
                        source=SOURCES[i % len(SOURCES)], sector=["energy", "Energy", "banking", ""][i % 4])
                for i in range(12)]
    items = [Interaction(contact_uid=f"u{i}", kind="call", date=on(i * 9)) for i in range(12)]
    model = NetworkModel(TODAY)
    model.load(contacts, items, Profile())
    # One contact changes tier and gets a new reply; another is deleted; one is added.
    changed = contacts[3].copy(tier="network", sector="retail")
    items.append(Interaction(contact_uid="u3", kind="reply_received", date=on(1)))
    new = Contact(uid="new", first_name="New", tier="key", source="event")
    by_uid = {c.uid: c for c in contacts}
    by_uid["u3"] = changed
    del by_uid["u5"]
    by_uid["new"] = new
    items = [i for i in items if i.contact_uid != "u5"]
    model.update("u3", changed, [i for i in items if i.contact_uid == "u3"], Profile())
    model.update("u5", None, [], Profile())
    model.update("new", new, [], Profile())
    fresh = NetworkModel(TODAY)
    fresh.load(list(by_uid.values()), items, Profile())
    for attr in ("count", "key", "due", "to_thank", "weeks"):
        assert getattr(model.totals, attr) == getattr(fresh.totals, attr), attr
    assert model.totals.sources() == fresh.totals.sources()
    assert sorted(model.totals.sectors()) == sorted(fresh.totals.sectors())
    assert dict(model.totals.sectors())["energy"] == 5  # spellings grouped, accents and case ignored
    assert [model.rows[i].uid for i in model.order("name")] == [fresh.rows[i].uid for i in fresh.order("name")]


@settings(max_examples=60, deadline=None)
@given(people=st.lists(st.tuples(names, st.sampled_from(["Zeta", "alpha", "", "Émile", "beta"]),
                                 st.sampled_from(TIERS), st.integers(min_value=-1, max_value=120)),
                       min_size=1, max_size=15),
       edits=st.lists(st.tuples(st.integers(min_value=0, max_value=20), names,
                                st.sampled_from(["Zeta", "alpha", "", "Émile"]), st.booleans()), max_size=8))
def test_sort_orders_kept_in_step_edit_by_edit_equal_a_fresh_sort(people, edits):
    """A save refreshes one row: each cached order moves that row instead of re-sorting
    every contact, and must end exactly as a fresh model sorts (ties by name, then place)."""
    contacts = {f"u{i}": Contact(uid=f"u{i}", first_name=first or "", last_name="X", company=company, tier=tier)
                for i, (first, company, tier, _ago) in enumerate(people)}
    items = [Interaction(contact_uid=f"u{i}", kind="call", date=on(ago))
             for i, (*_, ago) in enumerate(people) if ago >= 0]
    model = NetworkModel(TODAY)
    model.load(list(contacts.values()), items, Profile())
    for column in COLUMN_KEYS:  # cache every order, both ways
        model.order(column), model.order(column, True)
    for index, first, company, delete in edits:
        uid = f"u{index}"
        if delete:
            contacts.pop(uid, None)
            model.update(uid, None, [], Profile())
        else:
            contact = Contact(uid=uid, first_name=first, last_name="Y", company=company)
            contacts[uid] = contact
            model.update(uid, contact, [i for i in items if i.contact_uid == uid], Profile())
    live = [model.rows[i].uid for i in range(len(model.rows)) if model.rows[i] is not None]
    fresh = NetworkModel(TODAY)
    fresh.load([contacts[uid] for uid in live], [i for i in items if i.contact_uid in contacts], Profile())
    for column in COLUMN_KEYS:
        for reverse in (False, True):
            kept = [model.rows[i].uid for i in model.order(column, reverse)]
            assert kept == [fresh.rows[i].uid for i in fresh.order(column, reverse)], (column, reverse)


@settings(max_examples=60, deadline=None)
@given(people=st.lists(st.tuples(names, names, st.sampled_from(TIERS), st.sampled_from(SOURCES),
                                 st.integers(min_value=-1, max_value=120), companies), min_size=0, max_size=25),
       page=st.integers(min_value=0, max_value=8), column=st.sampled_from(COLUMN_KEYS),
       reverse=st.booleans(), query=st.sampled_from(["", "a", "noe", "zo", "ferrari spa"]), due=st.booleans())
def test_a_model_loaded_first_page_first_answers_as_a_full_one(people, page, column, reverse, query, due):
    """At start a large network builds only its first page of rows; whatever is asked of the
    model next (the name order, another sort, a filter, a row) is what a full load answers."""
    contacts, items = [], []
    for i, (first, last, tier, source, ago, company) in enumerate(people):
        contacts.append(Contact(uid=f"u{i}", first_name=first, last_name=last or "X", tier=tier, source=source,
                                company=company))
        if ago >= 0:
            items.append(Interaction(contact_uid=f"u{i}", kind="reply_received" if ago % 3 else "call",
                                     date=on(ago)))
    full, partial = NetworkModel(TODAY), NetworkModel(TODAY)
    full.load(contacts, items, Profile())
    partial.load_first_page(contacts, items, Profile(), page=page)
    assert len(partial) == len(full)
    uids = lambda positions: [contacts[i].uid for i in positions]  # noqa: E731 - a position is a contact's index
    first = partial.visible("name", False, Filters())  # what the first frame shows
    assert uids(first) == uids(full.visible("name", False, Filters()))
    assert [partial.rows[i].uid for i in first[:page]] == uids(first[:page])
    assert [partial.rows[i].cells for i in first[:page]] == [full.rows[i].cells for i in first[:page]]
    assert partial.partial == (len(contacts) > page)
    filters = Filters(query=query, due=due)
    assert uids(partial.visible(column, reverse, filters)) == uids(full.visible(column, reverse, filters))
    if filters.active or (column, reverse) != ("name", False):
        assert not partial.partial  # anything beyond the first frame's order completes it
    partial.complete()  # what the overview does after the first frame
    assert [r.uid if r else None for r in partial.rows] == [r.uid if r else None for r in full.rows]
    assert partial.totals.count == full.totals.count and partial.totals.due == full.totals.due
    assert partial.totals.sources() == full.totals.sources()
