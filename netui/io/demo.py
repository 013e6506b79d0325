"""A demo network for newcomers: invented people from every source, with history.

`build_demo(path, today)` writes a new data file (it refuses an existing one,
so it can never touch a real network): a filled profile, about thirty contacts
from every source and sector, interactions spread over the past months relative
to `today` (so some follow-ups are due and some replies wait for thanks), an
upcoming event with its checklist, a past one with the people met, and drafts.
Everything is invented; emails use the reserved example.* domains. The demo
speaks the interface language: its tables, one per language, are in
`netui.io.demo_data` (sample data, not interface text: not in the catalogue).
"""

from __future__ import annotations

import copy
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from netui.core.errors import NetuiError
from netui.core.i18n import _, current_language
from netui.core.models import (
    SOURCES,
    ChecklistItem,
    Contact,
    Draft,
    Event,
    Interaction,
    Profile,
)
from netui.core.textsearch import fold
from netui.core.today import current_day
from netui.io.demo_data import DEMOS, DemoData
from netui.storage.store import Store


def _stamp(day: date) -> str:
    return datetime.combine(day, time(9, 0)).astimezone().isoformat(timespec="seconds")


def demo_data(lang: str | None = None) -> DemoData:
    """The demo's tables in `lang` (default: the interface language; English when unknown)."""
    return DEMOS.get(lang or current_language(), DEMOS["en"])


def demo_records(today: date, lang: str | None = None,
                 ) -> tuple[Profile, list[Contact], list[Interaction], list[Event], list[Draft]]:
    """The demo network as records, relative to `today` (fixed in tests: stable output),
    in `lang` (default: the interface language)."""
    data = demo_data(lang)
    profile = Profile(**copy.deepcopy(data.profile))
    contacts = []
    for i, (first, last, company, position, sector, location, source, relationship, tier, tags, notes,
            cadence) in enumerate(data.people):
        slug = fold(f"{first}.{last}").replace(" ", "").replace("ø", "o")
        slug = slug.encode("ascii", "ignore").decode() or f"contact{i}"
        created = today - timedelta(days=220 - i)
        contacts.append(Contact(
            uid=f"demo{i:04d}", first_name=first, last_name=last,
            emails=[f"{slug}@example.{('com', 'org', 'net')[i % 3]}"], phones=[f"+39 3{i:02d} 555 01{i:02d}"],
            company=company, position=position, sector=sector, location=location,
            linkedin_url=f"https://www.linkedin.com/in/{slug.replace('.', '-')}-demo" if source == "linkedin" else "",
            source=source, relationship=relationship, tier=tier, tags=list(tags), notes=notes,
            answers=dict(data.answers.get(i, {})),
            keep_in_touch_days=cadence, connected_on=(today - timedelta(days=400 + 7 * i)).isoformat(),
            created_at=_stamp(created), updated_at=_stamp(created),
        ))
    for index, changes in data.warm_paths.items():
        for name, value in changes.items():
            setattr(contacts[index], name, contacts[value].uid if name == "introduced_by" else copy.deepcopy(value))
    interactions = []
    n = 0
    for index, items in data.history.items():
        for days_ago, kind, summary in items:
            n += 1
            interactions.append(Interaction(uid=f"demoi{n:04d}", contact_uid=contacts[index].uid, kind=kind,
                                            date=(today - timedelta(days=days_ago)).isoformat(),
                                            summary=summary))
    events = []
    for spec in data.events:
        day = (today + timedelta(days=spec.days)).isoformat()
        events.append(Event(
            uid=spec.uid, name=spec.name, kind=spec.kind, date=f"{day}T{spec.time}" if spec.time else day,
            location=spec.location, url=spec.url, online=spec.online, status=spec.status,
            checklist=[ChecklistItem(text, phase, done) for text, phase, done in spec.checklist],
            contact_uids=[contacts[index].uid for index in spec.contacts], notes=spec.notes))
    drafts = [
        Draft(uid=spec.uid, contact_uid=contacts[spec.contact].uid, template=spec.template, lang=data.lang,
              subject=spec.subject, body=spec.body, status=spec.status,
              send_on=None if spec.send_in is None else (today + timedelta(days=spec.send_in)).isoformat(),
              variables=dict(spec.variables), created_at=_stamp(today), updated_at=_stamp(today))
        for spec in data.drafts]
    assert {c.source for c in contacts} == set(SOURCES), "the demo covers every source"
    return profile, contacts, interactions, events, drafts


def build_demo(path: Path, today: date | None = None, lang: str | None = None) -> Path:
    """Write the demo network to `path`, which must not exist yet; returns it.
    It speaks `lang`, by default the interface language (`netui --lang it demo`)."""
    path = Path(path)
    if path.exists():
        raise NetuiError(_("{path} already exists: the demo is only ever written to a new file").format(path=path))
    today = today or current_day()
    profile, contacts, interactions, events, drafts = demo_records(today, lang)
    store = Store.open(path)
    try:
        store.backup_on_save = False
        with store.transaction():
            store.set_profile(profile)
            for contact in contacts:
                store.add_contact(contact)
            for item in interactions:
                store.add_interaction(item)
            for event in events:
                store.add_event(event)
            for draft in drafts:
                store.add_draft(draft)
    finally:
        store.close()
    return path


def temporary_demo(today: date | None = None, lang: str | None = None,
                   ) -> tuple[Path, tempfile.TemporaryDirectory]:
    """A demo file in a new private temporary folder; clean up the folder when done."""
    folder = tempfile.TemporaryDirectory(prefix="netui-demo-")
    return build_demo(Path(folder.name) / "netui-demo.json", today, lang), folder
