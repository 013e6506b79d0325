"""The Events screen (`3`): plan an event, tick its checklist, record the people met, follow up.

Left, the events: upcoming (soonest first), then past (latest first). Right,
the highlighted event: its details, the checklist grouped by phase with the
progress of each, and the people met. Every change goes through `netui.events`;
a store error (read-only file, conflict, disk full) is a notification, never a
crash.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, TypeVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import _, format_date, ngettext, template_language
from netui.core.models import CHECKLIST_PHASES, Contact, Event
from netui.events import service as core
from netui.outreach.batch import Batch
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.event_dialogs import ContactPicker
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.screens.event_forms import EventForm, FollowUpForm, ItemForm, PersonForm
from netui.tui.widgets.keybar import KeyBar

T = TypeVar("T")


STATUS_STYLES = {"planned": "$accent", "attended": "$success", "skipped": "$text-muted"}
STATUS_MARKS = {"planned": "●", "attended": "✓", "skipped": "✗"}
BAR_WIDTH = 12


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> Content:
    filled = round(width * done / total) if total else 0
    style = "$success" if total and done == total else "$accent"
    return Content.assemble(("━" * filled, style), ("━" * (width - filled), "$text-disabled"))


def _item_row(text: str, done: bool) -> Table:
    """A checklist item: the box, then the text wrapping under itself (a hanging indent)."""
    row = Table.grid(padding=(0, 1))
    row.add_column(width=5, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(Text("  [x]" if done else "  [ ]", style="green" if done else "bright_black"),
                Text(text, style="dim" if done else ""))
    return row


class EventList(OptionList):
    """Upcoming and past events; enter goes to the checklist."""


class ChecklistView(OptionList):
    """The checklist grouped by phase; option ids are `item-<index in event.checklist>`."""

    BINDINGS = [
        Binding("space", "screen.toggle_item", _l("Tick")),
        Binding("a", "screen.add_item", _l("Add item")),
        Binding("enter", "screen.edit_item", _l("Edit item")),
        Binding("x,delete", "screen.remove_item", _l("Remove")),
    ]


class PeopleList(OptionList):
    """The people met at the event; option ids are contact uids."""

    BINDINGS = [
        Binding("x,delete", "screen.unlink_contact", _l("Unlink")),
    ]


class EventsScreen(NetuiScreen[None]):
    """Events: upcoming and past, the checklist, the people met, the follow-ups."""

    CSS_PATH = stylesheet("events.tcss")

    BINDINGS = [
        Binding("n", "new_event", _l("New"), tooltip=_l("Plan a new event")),
        Binding("e", "edit_event", _l("Edit"), tooltip=_l("Edit the event's name, kind, date, place, notes")),
        Binding("s", "cycle_status", _l("Status"), tooltip=_l("Status: planned, attended, skipped")),
        Binding("l", "link_contact", _l("Link met"), tooltip=_l("Link a contact you met there")),
        Binding("p", "add_person", _l("New met"), tooltip=_l("Add a new person you met there")),
        Binding("f", "follow_up", _l("Follow up"), tooltip=_l("Follow up everyone met: one draft each, one day")),
        Binding("d", "delete_event", _l("Delete"), tooltip=_l("Delete the event (asks; the people met stay)")),
    ]
    EVENT_ACTIONS = frozenset({"edit_event", "cycle_status", "link_contact", "add_person", "follow_up",
                               "delete_event", "add_item"})
    ITEM_ACTIONS = frozenset({"toggle_item", "edit_item", "remove_item"})

    def __init__(self) -> None:
        super().__init__()
        self.title = _("Events")
        self.current_uid: str | None = None

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="events-body"):
            with Vertical(id="events-left"):
                yield Static(_("Events"), classes="pane-title")
                yield EventList(id="event-list")
            with Vertical(id="event-detail"):
                yield Static("", id="event-head", markup=False)
                yield Static("", id="event-meta", markup=False)
                yield Static("", id="checklist-title", classes="pane-title", markup=False)
                yield ChecklistView(id="checklist")
                yield Static("", id="people-title", classes="pane-title", markup=False)
                yield PeopleList(id="people")
            yield Static(_("No events yet.\n\nPress n to plan one: a webinar, a career day, a conference...\n"
                         "netui prepares a checklist for before, during and after, and helps you "
                         "follow up everyone you meet."), id="events-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_events()
        self.query_one(EventList).focus()

    @on(DataChanged)
    def _data_changed(self) -> None:
        """Events or the people met may have changed (here, on another screen, a reload)."""
        if self.is_mounted:
            self.refresh_events(self.current_uid)

    # --- what is shown -------------------------------------------------------------

    def current_event(self) -> Event | None:
        return self.store.event(self.current_uid) if self.current_uid else None

    def refresh_events(self, select: str | None = None) -> None:
        """Rebuild the list of events and show `select` (or the current, or the first upcoming)."""
        events = self.store.events()
        now = self.today()
        coming = [e for e in events if core.is_upcoming(e, now)]
        gone = sorted((e for e in events if not core.is_upcoming(e, now)), key=lambda e: e.date, reverse=True)
        options: list[Option | None] = []
        options.append(Option(Content.styled(_("Upcoming ({count})").format(count=len(coming)), "bold $text-muted"), id="h-upcoming",
                              disabled=True))
        options.extend(self._event_option(e) for e in coming)
        options.append(Option(Content.styled(_("Past ({count})").format(count=len(gone)), "bold $text-muted"), id="h-past",
                              disabled=True))
        options.extend(self._event_option(e) for e in gone)
        listing = self.query_one(EventList)
        with self.app.batch_update():
            listing.set_options(options)
            uids = [e.uid for e in coming + gone]
            wanted = select if select in uids else (self.current_uid if self.current_uid in uids else None)
            if wanted is None and uids:
                wanted = uids[0]
            if wanted is not None:
                listing.highlighted = listing.get_option_index(wanted)
            self.show_event(wanted)

    def _event_option(self, event: Event) -> Option:
        steps = core.progress(event).values()
        done, total = sum(p.done for p in steps), sum(p.total for p in steps)
        skipped = event.status == "skipped"
        details = [core.when_label(event), core.KIND_LABELS.get(event.kind, event.kind)]
        if total:
            details.append(f"{done}/{total}")
        prompt = Content.assemble(
            (STATUS_MARKS.get(event.status, " ") + " ", STATUS_STYLES.get(event.status, "")),
            (event.name, "dim strike" if skipped else "bold"), "\n",
            ("  " + " · ".join(details), "dim"),
        )
        return Option(prompt, id=event.uid)

    def show_event(self, uid: str | None) -> None:
        """Fill the right pane with the event `uid` (or the empty state)."""
        self.current_uid = uid
        event = self.current_event()
        self.query_one("#event-detail").display = event is not None
        self.query_one("#events-empty").display = event is None and not self.store.events()
        if event is None:
            self.refresh_bindings()
            return
        status = core.STATUS_LABELS.get(event.status, event.status)
        self.query_one("#event-head", Static).update(Content.assemble(
            (event.name, "bold"), "   ",
            (f"{STATUS_MARKS.get(event.status, '')} {status}", STATUS_STYLES.get(event.status, "")),
        ))
        meta = [core.KIND_LABELS.get(event.kind, event.kind), core.when_label(event) +
                ("" if core.event_time(event) else " " + _("(all day)"))]
        place = core.place_label(event)
        if place:
            meta.append(place)
        lines = [Content(" · ".join(meta))]
        if event.notes.strip():
            lines.append(Content(" ".join(event.notes.split())))
        self.query_one("#event-meta", Static).update(Content("\n").join(lines))
        self._fill_checklist(event)
        self._fill_people(event)
        self.refresh_bindings()

    def _fill_checklist(self, event: Event, keep: int | None = None) -> None:
        view = self.query_one(ChecklistView)
        previous = keep if keep is not None else self._highlighted_item()
        steps = core.progress(event)
        done = sum(p.done for p in steps.values())
        total = sum(p.total for p in steps.values())
        self.query_one("#checklist-title", Static).update(
            _("Checklist  {done}/{total} done").format(done=done, total=total) if total
            else _("Checklist: empty (a adds an item)"))
        options: list[Option] = []
        for phase in CHECKLIST_PHASES:
            step = steps[phase]
            if not step.total:
                continue
            options.append(Option(Content.assemble(
                (f"{core.PHASE_LABELS[phase]:<7}", "bold"), " ", progress_bar(step.done, step.total),
                (f" {step.done}/{step.total}", "$success" if step.complete else ""),
            ), id=f"phase-{phase}", disabled=True))
            for index, item in enumerate(event.checklist):
                if item.phase == phase:
                    options.append(Option(_item_row(item.text, item.done), id=f"item-{index}"))
        view.set_options(options)
        if options:
            ids = [o.id for o in options]
            if previous is not None and f"item-{previous}" in ids:
                view.highlighted = ids.index(f"item-{previous}")
            elif previous is not None:
                items = [n for n, o in enumerate(options) if not o.disabled]
                view.highlighted = items[min(len(items) - 1, max(0, previous))] if items else None
            else:
                view.highlighted = next((n for n, o in enumerate(options) if not o.disabled), None)

    def _fill_people(self, event: Event) -> None:
        people = core.people_met(self.store, event)
        self.query_one("#people-title", Static).update(
            _("People met ({count})").format(count=len(people)) if people else
            _("People met: nobody yet (l links a contact, p adds a new one)"))
        view = self.query_one(PeopleList)
        previous = view.highlighted
        view.set_options(Option(Content.assemble(
            (person.name, "bold"),
            ("  " + " · ".join(p for p in (person.position, person.company, person.email) if p), "dim"),
        ), id=person.uid) for person in people)
        if people:
            view.highlighted = min(previous or 0, len(people) - 1)

    def _highlighted_item(self) -> int | None:
        option = self.query_one(ChecklistView).highlighted_option
        if option is None or not (option.id or "").startswith("item-"):
            return None
        return int(option.id[5:]) if option.id else None

    # --- reacting to the lists ---------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#event-list")
    def _event_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option.id != self.current_uid:
            self.show_event(message.option.id)

    @on(OptionList.OptionSelected, "#event-list")
    def _event_selected(self, message: OptionList.OptionSelected) -> None:
        self.show_event(message.option.id)
        self.query_one(ChecklistView).focus()

    @on(OptionList.OptionHighlighted, "#checklist")
    @on(OptionList.OptionHighlighted, "#people")
    def _item_highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # --- which keys apply -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EVENT_ACTIONS or action in self.ITEM_ACTIONS or action == "unlink_contact":
            event = self.current_event()
            if event is None:
                return False
            if action in self.ITEM_ACTIONS:
                return True if self._highlighted_item() is not None else None
            if action == "unlink_contact":
                return True if self.query_one(PeopleList).highlighted_option is not None else None
            if action == "follow_up" and not event.contact_uids:
                return None
        return True

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Command palette entries beyond the screen's own keys (those the app lists itself)."""
        found = [
            (_("Add a checklist item"), _("a step before, during or after (key: a in the checklist)"), "add_item"),
            (_("Tick or untick the checklist item"), _("key: space in the checklist"), "toggle_item"),
            (_("Edit the checklist item"), _("key: enter in the checklist"), "edit_item"),
            (_("Remove the checklist item"), _("key: x in the checklist"), "remove_item"),
            (_("Unlink the person met"), _("they stay in your network (key: x in People met)"), "unlink_contact"),
            (_("Follow up everyone met"), _("one draft each, all sent on the same day (key: f)"), "follow_up"),
        ]
        return [entry for entry in found if self.check_action(entry[2], ()) is True]

    # --- doing things -----------------------------------------------------------------------

    def today(self) -> date:
        """The app's today (fixed in tests and demos)."""
        return self.netui.today

    async def _change(self, work: Callable[[], T], *, uids: list[str] | None = None,
                      form: bool = False) -> T | None:
        """Apply a change through the app: in memory at once, saved to disk in a thread.

        A ValidationError goes up (a form shows it in place); any other refusal
        becomes a notification and None, or, for a `form`, a NetuiError it shows.
        """
        try:
            value, _saved = await self.netui.commit(work, uids=uids)
            return value
        except CommitFailed as exc:  # the app has told the user
            if form:
                raise NetuiError(str(exc)) from None
            return None
        except NetuiError as exc:
            if form:
                raise
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
            return None

    async def _change_or_notify(self, work: Callable[[], T], *, uids: list[str] | None = None) -> T | None:
        """`_change` outside a form: a refused value is a notification too."""
        try:
            return await self._change(work, uids=uids)
        except ValidationError as exc:
            self.notify(f"{exc.field}: {exc.message}", title=_("Not saved"), severity="error", markup=False)
            return None

    def _saved(self, event: Event | None, message: str | None = None) -> None:
        if event is None:
            return
        self.refresh_events(event.uid)
        if message:
            self.notify(message, markup=False)

    def reopen_form(self, entry: dict[str, Any]) -> bool:
        """Open an events form kept in the recovery file (its kind says which) with the kept values."""
        kind = entry.get("kind")
        values = entry.get("values") if isinstance(entry.get("values"), dict) else {}
        event_uid = entry.get("event_uid")
        if kind not in ("event", "event_item", "event_person"):
            return False
        if event_uid:
            if not isinstance(event_uid, str) or self.store.event(event_uid) is None:
                return False
            self.refresh_events(event_uid)
        if kind == "event":
            (self.action_edit_event if event_uid else self.action_new_event)(restore=values)
        elif kind == "event_person":
            self.action_add_person(restore=values)
        elif isinstance(entry.get("index"), int):
            self.action_edit_item(restore=values, index=entry["index"])
        else:
            self.action_add_item(restore=values)
        return True

    # events

    def action_new_event(self, restore: dict[str, Any] | None = None) -> None:
        async def save(values: dict[str, Any]) -> Event | None:
            if not values["kind"]:
                raise ValidationError("kind", _("choose the kind of event"))
            when = core.join_when(values["day"], values["time"])
            return await self._change(lambda: core.create_event(
                self.store, values["name"], values["kind"], when, location=values["location"],
                url=values["url"], online=values["online"], notes=values["notes"], status=values["status"]),
                uids=[], form=True)

        def done(event: Event | None) -> None:
            if event is not None:
                self._saved(event, ngettext("Planned {name}: checklist of {count} item ready",
                                            "Planned {name}: checklist of {count} items ready",
                                            len(event.checklist)).format(name=event.name,
                                                                         count=f"{len(event.checklist):,}"))
                self.query_one(EventList).focus()

        self.app.push_screen(EventForm(_("New event"), save, today=self.today(), restore=restore), done)

    def action_edit_event(self, restore: dict[str, Any] | None = None) -> None:
        event = self.current_event()
        if event is None:
            return

        async def save(values: dict[str, Any]) -> Event | None:
            if not values["kind"]:
                raise ValidationError("kind", _("choose the kind of event"))
            when = core.join_when(values["day"], values["time"])
            return await self._change(lambda: core.update_event(
                self.store, event.uid, name=values["name"], kind=values["kind"], date=when,
                location=values["location"].strip(), url=values["url"].strip(), online=values["online"],
                notes=values["notes"], status=values["status"]), uids=[], form=True)

        self.app.push_screen(EventForm(_("Edit {name}").format(name=event.name), save, event=event, restore=restore), self._saved)

    async def action_cycle_status(self) -> None:
        event = self.current_event()
        if event is None:
            return
        status = core.next_status(event.status)
        changed = await self._change_or_notify(lambda: core.set_status(self.store, event.uid, status), uids=[])
        if changed is not None:
            self._saved(changed, f"{changed.name}: {core.STATUS_LABELS[changed.status].lower()}")

    def action_delete_event(self) -> None:
        event = self.current_event()
        if event is None:
            return
        met = len(event.contact_uids)
        kept = (" " + ngettext("The person met stays in your network.", "The {count} people met stay in your network.",
                               met).format(count=f"{met:,}")) if met else ""

        async def delete() -> None:
            def delete_it() -> bool:
                core.delete_event(self.store, event.uid)
                return True

            done = await self._change_or_notify(delete_it, uids=[])
            if done:
                self.current_uid = None
                self.refresh_events()
                self.notify(_("Deleted {name}").format(name=event.name), markup=False)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(delete(), group="events-delete", exit_on_error=False)

        self.app.push_screen(ConfirmScreen(_("Delete the event {name}?").format(name=event.name) + kept,
                                           yes=_("Delete"), no=_("Keep"),
                                           danger=True), answered)

    # checklist

    async def action_toggle_item(self) -> None:
        index = self._highlighted_item()
        uid = self.current_uid
        if uid is None or index is None:
            return
        changed = await self._change_or_notify(lambda: core.toggle_item(self.store, uid, index), uids=[])
        if changed is not None:
            self._fill_checklist(changed, keep=index)
            self.refresh_events(changed.uid)

    def action_add_item(self, restore: dict[str, Any] | None = None) -> None:
        event = self.current_event()
        if event is None:
            return
        index = self._highlighted_item()
        phase = event.checklist[index].phase if index is not None else _phase_at(self.query_one(ChecklistView))
        added: dict[str, str] = {}

        async def save(values: dict[str, Any]) -> Event | None:
            added["phase"] = values["phase"]
            return await self._change(lambda: core.add_item(self.store, event.uid, values["text"],
                                                            values["phase"]), uids=[], form=True)

        def done(changed: Event | None) -> None:
            if changed is not None:
                self.refresh_events(changed.uid)
                last = max(n for n, i in enumerate(changed.checklist) if i.phase == added["phase"])
                self._fill_checklist(changed, keep=last)
                self.query_one(ChecklistView).focus()

        self.app.push_screen(ItemForm(_("Add a checklist item"), save, phase=phase or "before",
                                      context={"event_uid": event.uid}, restore=restore), done)

    def action_edit_item(self, restore: dict[str, Any] | None = None, index: int | None = None) -> None:
        event = self.current_event()
        index = self._highlighted_item() if index is None else index
        if event is None or index is None or index >= len(event.checklist):
            return

        async def save(values: dict[str, Any]) -> Event | None:
            return await self._change(lambda: core.edit_item(self.store, event.uid, index, values["text"],
                                                             values["phase"]), uids=[], form=True)

        self.app.push_screen(ItemForm(_("Edit the checklist item"), save, item=event.checklist[index],
                                      context={"event_uid": event.uid, "index": index}, restore=restore),
                             self._saved)

    async def action_remove_item(self) -> None:
        event, index = self.current_event(), self._highlighted_item()
        if event is None or index is None:
            return
        text = event.checklist[index].text
        changed = await self._change_or_notify(lambda: core.remove_item(self.store, event.uid, index), uids=[])
        if changed is not None:
            self._fill_checklist(changed, keep=index)
            self.refresh_events(changed.uid)
            self.notify(_("Removed: {text}").format(text=text), markup=False)

    # people met

    def action_link_contact(self) -> None:
        event = self.current_event()
        if event is None:
            return

        async def link(uid: str) -> None:
            changed = await self._change_or_notify(lambda: core.link_contact(self.store, event.uid, uid),
                                                   uids=[uid])
            contact = self.store.contact(uid)
            if changed is not None and contact is not None:
                self._saved(changed, _("{name} linked to {event}").format(name=contact.name, event=changed.name))

        def picked(uid: str | None) -> None:
            if uid is not None:
                self.run_worker(link(uid), group="events-link", exit_on_error=False)

        self.app.push_screen(ContactPicker(self.store.contacts(), set(event.contact_uids),
                                           title=_("Who did you meet at {name}?").format(name=event.name)), picked)

    def action_add_person(self, restore: dict[str, Any] | None = None) -> None:
        event = self.current_event()
        if event is None:
            return

        async def save(values: dict[str, str]) -> Contact | None:
            return await self._change(lambda: core.quick_add_contact(
                self.store, event.uid, values["first"], values["last"], email=values["email"],
                company=values["company"], position=values["position"], notes=values["notes"]), form=True)

        def done(contact: Contact | None) -> None:
            if contact is not None:
                self.refresh_events(event.uid)
                self.notify(_("Added {name}, met at {name2}").format(name=contact.name, name2=event.name), markup=False)

        self.app.push_screen(PersonForm(_("Someone you met at {event}").format(event=event.name), save,
                                        context={"event_uid": event.uid}, restore=restore), done)

    async def action_unlink_contact(self) -> None:
        event = self.current_event()
        option = self.query_one(PeopleList).highlighted_option
        if event is None or option is None or option.id is None:
            return
        contact_uid = option.id
        changed = await self._change_or_notify(lambda: core.unlink_contact(self.store, event.uid, contact_uid),
                                               uids=[])
        contact = self.store.contact(contact_uid)
        if changed is not None:
            self._saved(changed, _("{name} unlinked (still in your network)").format(
                name=contact.name if contact else _("Contact")))

    def action_follow_up(self) -> None:
        event = self.current_event()
        if event is None:
            return
        people = core.people_met(self.store, event)
        if not people:
            self.notify(_("Nobody is linked to this event yet: l links a contact, p adds a new one."),
                        severity="warning")
            return
        already = {d.contact_uid for d in self.store.drafts()
                   if d.event_uid == event.uid and d.template == core.FOLLOW_UP_TEMPLATE}
        skipped = [p for p in people if p.uid in already]
        lang = template_language(self.store.profile().language)

        async def save(values: dict[str, str]) -> Batch | None:
            send_on = values["send_on"].strip()
            batch = await self._change(lambda: core.follow_up_everyone(self.store, event.uid, send_on),
                                       form=True)
            if batch is not None and not batch.drafts:
                raise NetuiError(_("everyone met already has a follow-up draft for this event"))
            return batch

        def done(batch: Batch | None) -> None:
            if batch is not None:
                self.notify(_("{count} follow-up drafts ready to send on {send_on} (Drafts: 2)").format(count=len(batch.drafts), send_on=format_date(batch.send_on)), title=_("Follow-ups"), markup=False)

        self.app.push_screen(FollowUpForm(_("Follow up everyone met at {event}").format(event=event.name), save, people, skipped,
                                          core.default_send_on(event, self.today()), lang), done)


def help_section() -> tuple[str, list[tuple[str, str]]]:
    """The events keys for the help screen: (title, [(key, what it does)])."""
    def rows(bindings: list[Any]) -> list[tuple[str, str]]:
        return [(b.key.replace(",", " / "), str(b.tooltip or b.description)) for b in bindings
                if isinstance(b, Binding)]

    return (_("Events"), [
        *rows(EventsScreen.BINDINGS),
        (_("enter"), _("on an event: go to its checklist")),
        *[(key, _("in the checklist: {what}").format(what=what.lower())) for key, what in rows(ChecklistView.BINDINGS)],
        *[(key, _("in People met: {what}").format(what=what.lower())) for key, what in rows(PeopleList.BINDINGS)],
        ("tab / shift+tab", _("events, checklist, people met; in forms: next / previous field")),
        ("ctrl+s / esc", _("in a form: save / back (asks before dropping changes)")),
    ])


def _phase_at(view: OptionList) -> str | None:
    option = view.highlighted_option
    if option is not None and (option.id or "").startswith("phase-"):
        return option.id[6:] if option.id else None
    return None

