"""The contact screen: view and edit every field, first-meeting answers, the interactions timeline.

The same screen is the new-contact form (`ContactScreen(None)`): it opens in
First name, and tab goes on to Last name, then Email. Validation errors appear
next to the field they are about (`ValidationError.field`); `ctrl+s` saves,
`escape` goes back and asks before dropping unsaved changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from netui.core import vocabulary
from netui.core.companies import format_knows_at, parse_knows_at
from netui.core.followups import follow_up
from netui.core.i18n import N_, _, format_date, ngettext
from netui.core.models import (
    FIRST_MEETING_QUESTIONS,
    REGISTERS,
    RELATIONSHIPS,
    SOURCES,
    TIERS,
    Contact,
    ValidationError,
    question_text,
)
from netui.core.wording import readonly_notice
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.editing import EditingScreen, values_dict
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.widgets.banner import Banner
from netui.tui.widgets.contact_link import ContactLinkField
from netui.tui.widgets.keybar import KeyBar
from netui.tui.widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp


@dataclass(frozen=True)
class Field:
    """One editable field of a contact."""

    name: str
    label: str
    kind: str = "text"  # text | list | select | optional_select | days | textarea | knows | contact
    choices: tuple[str, ...] = ()
    placeholder: str = ""


FIELDS: tuple[Field, ...] = (
    Field("first_name", N_("First name")),
    Field("last_name", N_("Last name")),
    Field("emails", N_("Email"), "list", placeholder=N_("first is the main one; separate with ;")),
    Field("phones", N_("Phone"), "list", placeholder=N_("separate with ;")),
    Field("company", N_("Company")),
    Field("position", N_("Position")),
    Field("sector", N_("Sector")),
    Field("location", N_("Location")),
    Field("source", N_("Source"), "select", SOURCES),
    Field("relationship", N_("Relationship"), "optional_select", RELATIONSHIPS),
    Field("register", N_("Register (it)"), "optional_select", REGISTERS),
    Field("tier", N_("Tier"), "select", TIERS),
    Field("introduced_by", N_("Introduced by"), "contact"),
    Field("knows_at", N_("Knows people at"), "knows", placeholder=N_("Ferrari: Anna, HR; Enel (separate with ;)")),
    Field("past_companies", N_("Past companies"), "list", placeholder=N_("separate with ;")),
    Field("keep_in_touch_days", N_("Cadence, days"), "days",
          placeholder=N_("every N days (empty: 30 for key, 90 for network)")),
    Field("tags", N_("Tags"), "list", placeholder=N_("separate with ; or ,")),
    Field("linkedin_url", N_("LinkedIn"), placeholder="https://www.linkedin.com/in/..."),
    Field("websites", N_("Websites"), "list", placeholder=N_("separate with ;")),
    Field("connected_on", N_("Connected on"), placeholder=N_("YYYY-MM-DD")),
    Field("birthday", N_("Birthday"), placeholder=N_("YYYY-MM-DD or --MM-DD")),
    Field("notes", N_("Notes"), "textarea"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}

KIND_LABELS = vocabulary.INTERACTION_KINDS


def choice_label(value: str, field: str = "source") -> str:
    return vocabulary.TABLES.get(field, vocabulary.SOURCES).label(value)


def split_items(text: str) -> list[str]:
    """A list typed in one line: separated by `;` or `,`."""
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def values_of(contact: Contact) -> dict[str, Any]:
    """The form's text for each field of `contact` (what the widgets hold)."""
    values: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(contact, f.name)
        if f.kind == "list":
            values[f.name] = "; ".join(value)
        elif f.kind == "knows":
            values[f.name] = "; ".join(format_knows_at(entry) for entry in value)
        elif f.kind == "days":
            values[f.name] = "" if value is None else str(value)
        else:
            values[f.name] = value or ""
    values["answers"] = {q: a for q, a in contact.answers.items() if a}
    return values


def apply_values(contact: Contact, values: dict[str, Any]) -> Contact:
    """A copy of `contact` with the form's values; raises ValidationError for text
    that cannot become the field's type (the model checks the rest)."""
    changes: dict[str, Any] = {}
    for f in FIELDS:
        raw = values.get(f.name, "")
        if f.kind == "list":
            changes[f.name] = split_items(raw)
        elif f.kind == "knows":
            changes[f.name] = [parse_knows_at(part) for part in raw.split(";") if part.strip()]
        elif f.kind == "contact":
            changes[f.name] = raw or None
        elif f.kind == "days":
            raw = raw.strip()
            if not raw:
                changes[f.name] = None
            else:
                try:
                    changes[f.name] = int(raw)
                except ValueError:
                    raise ValidationError(f.name, _("expected a whole number of days, e.g. 30")) from None
        elif f.kind == "optional_select":
            changes[f.name] = raw or None
        elif f.kind == "textarea":
            changes[f.name] = raw
        elif f.kind == "select":
            changes[f.name] = raw
        else:
            changes[f.name] = raw.strip() if f.name not in ("first_name", "last_name") else raw
    answers = {q: a.strip() for q, a in values.get("answers", {}).items() if a.strip()}
    changes["answers"] = answers
    return contact.copy(**changes)


def deletion_summary(app: NetuiApp, uid: str) -> str:
    """What deleting a contact takes with it, in words."""
    store = app.store
    contact = store.contact(uid)
    name = contact.name if contact else _("this contact")
    n_int = len(store.interactions(uid))
    n_drafts = len(store.drafts(uid))
    parts = []
    if n_int:
        parts.append(ngettext("{count} interaction", "{count} interactions", n_int).format(count=f"{n_int:,}"))
    if n_drafts:
        parts.append(ngettext("{count} draft", "{count} drafts", n_drafts).format(count=f"{n_drafts:,}"))
    taken = (_("This also deletes the contact's {things}; ").format(things=_(" and ").join(parts)) if parts
             else _("The contact has no interactions or drafts; "))
    return (_("Delete {name}?").format(name=name) + "\n\n" + taken
            + _("events keep their other people. This cannot be undone (the backups keep older copies of the file)."))


async def confirm_and_delete(screen: NetuiScreen[Any], uid: str) -> bool:
    """Ask, then delete a contact with its interactions and drafts. True when deleted."""
    from netui.core.errors import CommitFailed
    from netui.tui.dialogs.confirm import ConfirmScreen

    app = screen.netui
    contact = app.store.contact(uid)
    if contact is None:
        return False
    if not await app.push_screen_wait(ConfirmScreen(deletion_summary(app, uid), yes=_("Delete"),
                                                    no=_("Keep"), danger=True)):
        return False
    try:
        await app.commit(lambda: app.store.delete_contact(uid), uids={uid})
    except CommitFailed:
        return False
    app.notify(_("Deleted {name}.").format(name=contact.name), markup=False)
    return True


class FieldRow(Horizontal):
    """A label, the input and, under it, the field's validation message."""


class TimelineTable(DataTable):
    """The contact's interactions, newest first."""

    BINDINGS = [
        Binding("a", "screen.log", _l("Add"), show=False),
        Binding("delete,backspace", "screen.delete_interaction", _l("Delete interaction")),
    ]

    def on_resize(self) -> None:
        """The summary column takes the width the table has, known only once it is laid out."""
        screen = self.screen
        if isinstance(screen, ContactScreen) and self.display:
            row = self.cursor_row
            screen.refresh_timeline()
            if self.row_count:
                self.move_cursor(row=min(row, self.row_count - 1))


class ContactScreen(EditingScreen[str | None]):
    """View and edit one contact (or a new one); dismisses with its uid after a save."""

    CSS_PATH = stylesheet("contact.tcss")

    RECOVERY_KIND = "contact"

    BINDINGS = [
        Binding("ctrl+s", "save", _l("Save"), priority=True),
        Binding("escape", "back", _l("Back")),
        Binding("ctrl+l", "log", _l("Log interaction")),
        Binding("ctrl+d", "delete", _l("Delete contact"), priority=True),
        # Priority, so that keys typed right after a tab (a fast typist, autotype) land in
        # the next field rather than in the one the tab is leaving.
        Binding("tab", "app.focus_next", _l("Next field"), show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", _l("Previous field"), show=False, priority=True),
    ]

    def __init__(self, uid: str | None, *, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.uid = uid
        self.restore = restore
        self._initial: dict[str, Any] = {}
        self._questions: list[str] = []

    # --- state -----------------------------------------------------------------

    @property
    def contact(self) -> Contact:
        if self.uid is not None:
            found = self.store.contact(self.uid)
            if found is not None:
                return found
        return Contact()

    @property
    def form_title(self) -> str:
        if self.uid is None:
            return _("new contact")
        return self.contact.name

    @property
    def is_dirty(self) -> bool:
        try:
            return self.form_values() != self._initial
        except Exception:  # not composed yet
            return False

    def recovery_values(self) -> dict[str, Any]:
        return self.form_values()

    def recovery_context(self) -> dict[str, Any]:
        return {"uid": self.uid}

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """The contact's form with the kept edits (a new contact's when it was deleted meanwhile)."""
        uid = entry.get("uid")
        if not isinstance(uid, str) or app.store.contact(uid) is None:
            uid = None
        app.push_screen(cls(uid, restore=entry))
        return True

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        contact = self.contact
        readonly = self.store.readonly
        values = values_of(contact)
        profile = self.store.profile()
        questions = list(dict.fromkeys([*FIRST_MEETING_QUESTIONS, *profile.questions, *contact.answers]))
        self._questions = questions
        yield Header()
        yield Banner(id="banner", markup=False)
        with Horizontal(id="contact-body"):
            with VerticalScroll(id="contact-form", can_focus=False):
                yield Static(self._heading(), id="contact-heading")
                for f in FIELDS:
                    if f.kind == "textarea":
                        continue
                    with FieldRow(classes="field-row"):
                        yield Label(_(f.label), classes="field-label")
                        with Vertical(classes="field-input"):
                            yield self._make_input(f, values[f.name], readonly)
                            yield Static("", id=f"error-{f.name}", classes="field-error", markup=False)
                yield Static(_("First-meeting questions"), classes="section-title")
                yield Static(_("Ask them when you meet someone new; the answers stay with the contact. "
                             "Add your own questions in your profile (4)."), classes="section-help")
                for i, question in enumerate(questions):
                    yield Static(question_text(question), classes="question", markup=False)
                    yield TextEditor(values["answers"].get(question, ""), id=f"answer-{i}",
                                     classes="answer", read_only=readonly, tab_behavior="focus", compact=True)
                yield Static("", id="error-answers", classes="field-error", markup=False)
                yield Static(_("Notes"), classes="section-title")
                yield TextEditor(values["notes"], id="input-notes", classes="notes", read_only=readonly,
                                 tab_behavior="focus", compact=True)
                yield Static("", id="error-notes", classes="field-error", markup=False)
            with Vertical(id="contact-side"):
                yield Static(id="followup-status")
                yield Static(_("Interactions"), classes="section-title", id="timeline-title")
                yield Static(id="timeline-help", classes="section-help")
                yield TimelineTable(id="timeline", cursor_type="row", zebra_stripes=True)
                yield Static(id="timeline-detail", markup=False)
        yield KeyBar()

    def _make_input(self, f: Field, value: str, readonly: bool) -> Widget:
        widget_id = f"input-{f.name}"
        if f.kind == "contact":
            return ContactLinkField(value, exclude=self.uid, readonly=readonly, id=widget_id)
        if f.kind in ("select", "optional_select"):
            choices = list(f.choices)
            if value and value not in choices:  # a value from a hand-edited file: shown, and refused on save
                choices.append(value)
            options = [(choice_label(c, f.name), c) for c in choices]
            if f.kind == "select":
                return Select(options, value=value or choices[0], allow_blank=False, id=widget_id,
                              disabled=readonly, compact=True)
            return Select(options, value=value or Select.NULL, allow_blank=True, prompt=_("(none)"),
                          id=widget_id, disabled=readonly, compact=True)
        return Input(value, placeholder=_(f.placeholder) if f.placeholder else "", id=widget_id, disabled=readonly, compact=True,
                     select_on_focus=False)

    def _heading(self) -> Text:
        if self.uid is None:
            return Text(_("New contact"), style="bold")
        contact = self.contact
        heading = Text(contact.name, style="bold")  # user text: plain, never markup
        subtitle = " · ".join(p for p in (contact.position, contact.company) if p)
        if subtitle:
            heading.append("  " + subtitle, style="dim")
        return heading

    def on_mount(self) -> None:
        banner = self.query_one(Banner)
        if self.store.readonly:
            banner.update(readonly_notice(self.store.readonly_reason))
            banner.set_class(True, "-readonly")
            banner.display = True
        else:
            banner.display = False
        self._initial = self.form_values()
        if self.restore and values_dict(self.restore):
            self.set_form_values(values_dict(self.restore))
            self.notify(_("Unsaved edits restored: review them, then ctrl+s saves."), title=_("Recovered"))
        self.refresh_timeline()
        if not self.store.readonly:
            self.query_one("#input-first_name", Input).focus()

    # --- form values ------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in FIELDS:
            widget = self.query_one(f"#input-{f.name}")
            if isinstance(widget, Select):
                values[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                values[f.name] = widget.text
            elif isinstance(widget, (Input, ContactLinkField)):
                values[f.name] = widget.value
        answers = {}
        for i, question in enumerate(self._questions):
            text = self.query_one(f"#answer-{i}", TextArea).text
            if text.strip():
                answers[question] = text
        values["answers"] = answers
        return values

    def set_form_values(self, values: dict[str, Any]) -> None:
        for f in FIELDS:
            if f.name not in values:
                continue
            widget = self.query_one(f"#input-{f.name}")
            value = values[f.name]
            if isinstance(widget, Select):
                options = set(f.choices)
                if value in options:
                    widget.value = value
                elif not value and f.kind == "optional_select":
                    widget.clear()
            elif isinstance(widget, TextArea):
                widget.text = str(value)
            elif isinstance(widget, (Input, ContactLinkField)):
                widget.value = str(value)
        answers = values.get("answers") or {}
        for i, question in enumerate(self._questions):
            if question in answers:
                self.query_one(f"#answer-{i}", TextArea).text = str(answers[question])

    # --- validation messages ----------------------------------------------------------

    def clear_errors(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.display = False
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    def show_error(self, exc: ValidationError) -> None:
        """Put the message next to its field and move the cursor there."""
        name = exc.field if exc.field in FIELD_BY_NAME or exc.field == "answers" else None
        if name is None:
            self.notify(f"{exc.field}: {exc.message}", title=_("Not saved"), severity="error", markup=False)
            return
        error = self.query_one(f"#error-{name}", Static)
        error.update(exc.message)
        error.display = True
        if name in FIELD_BY_NAME:
            widget = self.query_one(f"#input-{name}")
            widget.add_class("-invalid")
            widget.focus()
            self.query_one("#contact-form").scroll_to_widget(widget, animate=False)

    # --- the side: follow-up state and timeline --------------------------------------------

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        """Interactions of this contact changed (logged here, sent from compose...): redraw the side."""
        if self.is_mounted and (message.uids is None or self.uid in message.uids):
            self.refresh_timeline()

    def refresh_timeline(self) -> None:
        status = self.query_one("#followup-status", Static)
        table = self.query_one(TimelineTable)
        help_text = self.query_one("#timeline-help", Static)
        table.clear(columns=True)
        if self.uid is None or self.store.contact(self.uid) is None:
            status.update(Text(_("Save the contact (ctrl+s) to log interactions with it."), style="dim"))
            help_text.display = False
            table.display = False
            self.query_one("#timeline-title").display = False
            self.query_one("#timeline-detail", Static).display = False
            return
        help_text.display = True
        table.display = True
        self.query_one("#timeline-title").display = True
        help_text.update(Text(_("ctrl+l log · enter edit · delete remove"), style="dim"))
        contact = self.contact
        interactions = self.store.interactions(self.uid)
        state = follow_up(contact, interactions, self.store.profile(), self.netui.today)
        text = Text()
        text.append(_("Last contact").ljust(12) + "  ", "dim")
        text.append(format_date(state.last_contact) if state.last_contact else _("never"))
        text.append("\n" + _("Next due").ljust(12) + "  ", "dim")
        if state.next_due:
            text.append(format_date(state.next_due), "bold yellow" if state.due else "")
            if state.due:
                text.append("  " + _("due now"), "bold yellow")
        else:
            text.append(_("—  (the first outreach starts the clock)"))
        text.append("\n" + _("Cadence").ljust(12) + "  ", "dim")
        days = state.cadence_days
        if days is None:
            text.append("—")
        elif contact.keep_in_touch_days:
            text.append(ngettext("every {count} day", "every {count} days", days).format(count=days))
        else:
            text.append(ngettext("every {count} day (default)", "every {count} days (default)", days).format(count=days))
        if state.to_thank:
            text.append("\n♥ " + _("a reply to thank"), "bold green")
        status.update(text)
        table.add_column(_("Date"), key="date", width=11)
        table.add_column(_("Kind"), key="kind", width=14)
        summary_width = max(10, table.size.width - 33) if table.size.width else 18
        table.add_column(_("Summary"), key="summary", width=summary_width)
        for item in reversed(interactions):
            # DataTable reads plain str cells as markup: user text goes in as Text.
            table.add_row(Text(format_date(item.date)), Text(KIND_LABELS.get(item.kind, item.kind)),
                          Text(item.summary.replace("\n", " ")), key=item.uid)

    def _highlighted_interaction(self) -> str | None:
        table = self.query_one(TimelineTable)
        if not table.display or table.row_count == 0:
            return None
        try:
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except Exception:  # noqa: BLE001 - no cursor
            return None
        return key.value

    @on(DataTable.RowHighlighted, "#timeline")
    def _show_detail(self, event: DataTable.RowHighlighted) -> None:
        detail = self.query_one("#timeline-detail", Static)
        item = self.store.interactions_table.get(event.row_key.value or "")
        detail.display = item is not None
        if item is not None:
            detail.update(f"{format_date(item.date)} · {KIND_LABELS.get(item.kind, item.kind)}\n{item.summary or _('(no summary)')}")

    @on(DataTable.RowSelected, "#timeline")
    def _edit_interaction(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_interaction(event.row_key.value)

    def open_interaction(self, interaction_uid: str | None) -> None:
        if self.uid is None or self.store.contact(self.uid) is None:
            self.notify(_("Save the contact first (ctrl+s), then log interactions with it."))
            return
        if interaction_uid is None and self.netui.refuse_if_readonly():
            return
        from netui.tui.dialogs.log_interaction import LogInteractionScreen

        def done(changed: bool | None) -> None:
            if changed:
                self.refresh_timeline()

        self.app.push_screen(LogInteractionScreen(self.uid, interaction_uid), done)

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "delete", "log", "delete_interaction") and self.store.readonly:
            return None
        if action in ("delete", "log") and (self.uid is None or self.store.contact(self.uid) is None):
            return False
        return True

    def action_log(self) -> None:
        self.open_interaction(None)

    def action_edit_interaction(self) -> None:
        item_uid = self._highlighted_interaction()
        if item_uid is not None:
            self.open_interaction(item_uid)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Extra commands for the palette: (title, help, action on this screen)."""
        if self.uid is None or self.store.contact(self.uid) is None:
            return []
        commands = []
        if self._highlighted_interaction() is not None:
            commands.append((_("Edit the highlighted interaction"), _("enter in the interactions list"),
                             "edit_interaction"))
            if not self.store.readonly:
                commands.append((_("Delete the highlighted interaction"), _("delete in the interactions list"),
                                 "delete_interaction"))
        return commands

    def action_delete_interaction(self) -> None:
        from netui.core.errors import CommitFailed
        from netui.tui.dialogs.confirm import ConfirmScreen

        item_uid = self._highlighted_interaction()
        if item_uid is None or self.netui.refuse_if_readonly():
            return
        item = self.store.interactions_table.get(item_uid)
        if item is None:
            return
        question = _("Delete the {kind} of {day}?").format(kind=KIND_LABELS.get(item.kind, item.kind), day=format_date(item.date))
        if item.summary:
            question += f"\n\n{item.summary[:200]}"

        async def run() -> None:
            if not await self.app.push_screen_wait(ConfirmScreen(question, yes=_("Delete"), no=_("Keep"), danger=True)):
                return
            try:
                await self.netui.commit(lambda: self.store.delete_interaction(item_uid), uids={item.contact_uid})
            except CommitFailed:
                return
            self.refresh_timeline()

        self.run_worker(run(), exclusive=True, group="delete-interaction")

    async def action_save(self) -> None:
        from netui.core.errors import CommitFailed

        if self.netui.refuse_if_readonly():
            return
        self.clear_errors()
        values = self.form_values()
        store = self.store
        base = self.contact
        try:
            updated = apply_values(base, values)
            updated.validate()
            self._check_duplicate_email(updated)
        except ValidationError as exc:
            self.show_error(exc)
            return
        is_new = self.uid is None or store.contact(self.uid) is None
        change: Callable[[], Contact] = (lambda: store.add_contact(updated)) if is_new else (
            lambda: store.update_contact(updated))
        try:
            stored, saved = await self.netui.commit(change, uids={updated.uid})
        except ValidationError as exc:
            self.show_error(exc)
            return
        except CommitFailed:
            return
        self.uid = stored.uid
        self._initial = self.form_values()
        # Save and stay (as in an editor): escape leaves. When the save reached memory but
        # not the disk, the header says so and 'Save now' retries.
        self.query_one("#contact-heading", Static).update(self._heading())
        self.refresh_timeline()
        self.refresh_bindings()
        if saved:
            self.notify(_("Saved {name}.").format(name=stored.name), markup=False)

    def _check_duplicate_email(self, contact: Contact) -> None:
        for email in contact.emails:
            other = self.store.contact_by_email(email)
            if other is not None and other.uid != contact.uid:
                raise ValidationError("emails", _("{email} already belongs to {name}").format(email=email, name=other.name))

    def action_back(self) -> None:
        def leave() -> None:
            self._initial = self.form_values()
            self.dismiss(self.uid)

        self.confirm_drop(leave)

    def action_delete(self) -> None:
        if self.uid is None or self.netui.refuse_if_readonly():
            return
        uid = self.uid

        async def run() -> None:
            if await confirm_and_delete(self, uid):
                self._initial = {}
                self.dismiss(None)

        self.run_worker(run(), exclusive=True, group="delete")
