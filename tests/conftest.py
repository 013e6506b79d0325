"""Shared fixtures: a temporary data file, an app factory over it, a frozen date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import pytest

from netui.core.models import Contact, Draft, Event, Interaction, Profile
from netui.storage.schema import empty_data
from netui.storage.store import Store, serialize

#: The date the UI tests live on: follow-ups and the demo are computed for it.
TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterable[None]:
    """Every test starts in English whatever the machine's locale, and leaves it so."""
    from netui.core import i18n

    for name in ("NETUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's data file lives (not created yet)."""
    return tmp_path / "netui.json"


def write_data_file(path: Path, contacts: Iterable[Contact] = (), interactions: Iterable[Interaction] = (),
                    events: Iterable[Event] = (), drafts: Iterable[Draft] = (),
                    profile: Profile | None = None) -> Path:
    """Write a data file directly (fast for thousands of records), as the store would."""
    data = empty_data()
    for table, records in (("contacts", contacts), ("interactions", interactions), ("events", events),
                           ("drafts", drafts)):
        docs = {str(i + 1): r.validate().to_doc() for i, r in enumerate(records)}
        if docs:
            data[table] = docs
    if profile is not None:
        data["profile"] = {"1": profile.validate().to_doc()}
    path.write_bytes(serialize(data))
    return path


@pytest.fixture
def make_app(db_path: Path) -> Iterable[Callable[..., "NetuiApp"]]:  # noqa: F821
    """A factory: `make_app(contacts=[...], interactions=[...], readonly=False, today=TODAY)`.

    Writes the records to the test's data file, opens a store on it and returns a
    NetuiApp (not running: use `async with app.run_test()`). Stores are closed at
    the end of the test.
    """
    from netui.tui.app import NetuiApp

    opened: list[Store] = []

    def factory(contacts: Iterable[Contact] = (), interactions: Iterable[Interaction] = (),
                events: Iterable[Event] = (), drafts: Iterable[Draft] = (), profile: Profile | None = None,
                *, readonly: bool = False, today: date = TODAY, demo: bool = False,
                path: Path | None = None) -> NetuiApp:
        target = path or db_path
        if not target.exists() and (contacts or interactions or events or drafts or profile):
            write_data_file(target, contacts, interactions, events, drafts, profile)
        store = Store.open(target, readonly=readonly)
        if readonly:
            store.readonly_reason = f"read-only: {target} is held by another netui (pid 4242)"
        opened.append(store)
        return NetuiApp(store, today=today, demo=demo, handle_signals=False)

    yield factory
    for store in opened:
        store.close()


def reopen(path: Path) -> Store:
    """A fresh read-only store on the file: what is really on disk."""
    return Store.open(path, readonly=True)
