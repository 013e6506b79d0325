"""The Drafts screen (`2`): every draft by status and send day, and the same-day batches.

A table of all drafts (unsent first, by send day), the progress of each batch
("4 of 9 sent"), and the warnings of the method: a batch split over several
days, drafts of a batch still unsent at the end of its day, personalised drafts
that read the same. `b` starts a new batch; enter opens a draft in the compose
screen, where f4 marks it sent and moves to the next one of its batch.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from netui.core import vocabulary
from netui.core.errors import CommitFailed, ValidationError
from netui.core.i18n import _, format_date, ngettext, template_language
from netui.core.models import DRAFT_STATUSES, Draft
from netui.core.today import now_on
from netui.outreach import batch as batches
from netui.outreach import channels, drafting, sending
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.editing import values_dict
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.screens.compose import ComposeScreen, form_label
from netui.tui.screens.draft_batch import BatchForm, BatchRequest
from netui.tui.widgets.keybar import KeyBar

STATUS_STYLE = {"draft": "yellow", "ready": "cyan", "copied": "magenta", "sent": "green"}

T = TypeVar("T")


class DraftsScreen(NetuiScreen[None]):
    """All drafts, batches and their progress."""

    CSS_PATH = stylesheet("drafts.tcss")

    BINDINGS = [
        Binding("enter", "open", _l("Open"), show=True),
        Binding("b", "new_batch", _l("New batch")),
        Binding("s", "mark_sent", _l("Mark sent")),
        Binding("r", "toggle_ready", _l("Ready")),
        Binding("d", "delete", _l("Delete")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="d-summary")
        yield Static("", id="d-warnings")
        yield DataTable(id="d-table", cursor_type="row", zebra_stripes=True)
        yield Static(_("No drafts yet. Press b to prepare a same-day batch for your key contacts, "
                     "or c on a contact in the Network screen (1) to write one email."), id="d-empty",
                     markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Status"), _("Send on"), _("To"), _("Template"), _("Lang"), _("Subject"), _("Batch"))
        self.refresh_drafts()
        table.focus()

    @on(DataChanged)
    def _data_changed(self) -> None:
        """Drafts (or the names of their contacts) may have changed, here or on another screen."""
        if self.is_mounted:
            self.refresh_drafts()

    async def _change(self, change: Callable[[], T], uids: set[str] | None = None) -> T | None:
        """Apply a change through the app (saved in a thread); None when it was refused (and said)."""
        try:
            value, _saved = await self.netui.commit(change, uids=uids if uids is not None else set())
        except ValidationError as exc:
            self.notify(f"{exc.field}: {exc.message}", title=_("Not changed"), severity="error", markup=False)
            return None
        except CommitFailed:
            return None
        return value

    # --- the table ----------------------------------------------------------------

    def ordered(self) -> list[Draft]:
        """Unsent first (draft, ready, copied, then sent), each by send day then name."""
        return batches.ordered_drafts(self.store)

    def refresh_drafts(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        if select is None and table.row_count:
            try:
                select = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            except Exception:
                select = None
        table.clear()
        progress = {p.batch_uid: p for p in batches.all_progress(self.store)}
        drafts = self.ordered()
        kinds: dict[tuple[str, str], str] = {}  # a LinkedIn text has no subject: say what it is
        for draft in drafts:
            if not draft.subject and (draft.template, draft.lang) not in kinds:
                channel = channels.of_template(draft.template, draft.lang)
                kinds[(draft.template, draft.lang)] = (_("(LinkedIn {form})").format(form=form_label(channel.form)) if channel.is_linkedin
                                                       else _("(no subject)"))
            contact = self.store.contact(draft.contact_uid)
            batch = progress.get(draft.batch_uid) if draft.batch_uid else None
            table.add_row(
                Text(vocabulary.DRAFT_STATUSES.label(draft.status), style=STATUS_STYLE.get(draft.status, "")),
                Text(format_date(draft.send_on) or "-"),
                Text(contact.name if contact else _("(deleted contact)")),
                Text(vocabulary.TEMPLATES.label(draft.template)),
                Text(draft.lang),
                Text(draft.subject[:60] or kinds[(draft.template, draft.lang)]),
                Text(ngettext("{sent} of {total} sent", "{sent} of {total} sent", batch.total).format(
                    sent=batch.sent, total=batch.total) if batch else ""),
                key=draft.uid,
            )
        if select:
            for index, draft in enumerate(drafts):
                if draft.uid == select:
                    table.move_cursor(row=index)
                    break
        self.query_one("#d-empty").display = not drafts
        table.display = bool(drafts)
        counts = {s: sum(d.status == s for d in drafts) for s in DRAFT_STATUSES}
        parts: list[Any] = [(ngettext("{count} draft", "{count} drafts", len(drafts)).format(
            count=f"{len(drafts):,}"), "bold")]
        for status in DRAFT_STATUSES:  # "draft: 2", not "2 draft": a status, then its count
            parts.append(("  ·  ", "dim"))
            parts.append((f"{vocabulary.DRAFT_STATUSES.label(status)}: {counts[status]:,}", STATUS_STYLE[status]))
        for prog in progress.values():
            if prog.done:
                continue
            day = ", ".join(format_date(d) for d in prog.days) or _("no day")
            parts.append(("\n" + _("Batch for") + " ", "dim"))
            parts.append((day, "bold"))
            parts.append(": " + ngettext("{sent} of {total} sent", "{sent} of {total} sent", prog.total).format(
                sent=prog.sent, total=prog.total))
        self.query_one("#d-summary", Static).update(Content.assemble(*parts))
        self._warnings(progress)

    def _warnings(self, progress: dict[str, batches.Progress]) -> None:
        found = batches.end_of_day_warnings(self.store, now_on(self.netui.today))
        for prog in progress.values():
            if not prog.done:
                found += batches.similar_in_batch(self.store, prog.batch_uid)
        widget = self.query_one("#d-warnings", Static)
        if not found:
            widget.update("")
            widget.display = False
            return
        widget.display = True
        parts: list[Any] = []
        for index, warning in enumerate(found):
            parts.append(("\n" if index else "") + "")
            parts.append(("⚠ ", "bold $warning"))
            parts.append(warning.message)
        widget.update(Content.assemble(*parts))

    def selected(self) -> Draft | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            uid = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None
        return self.store.draft(uid) if uid else None

    # --- actions ---------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        if self.store.contact(draft.contact_uid) is None:
            self.notify(_("The contact of this draft no longer exists."), severity="error")
            return
        self.app.push_screen(ComposeScreen(draft.contact_uid, draft_uid=draft.uid))

    async def action_mark_sent(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        today = self.netui.today
        interaction = await self._change(lambda: sending.mark_sent(self.store, draft.uid, today=today),
                                         {draft.contact_uid})
        if interaction is None:
            return
        self.notify(sending.sent_message(self.store, draft, interaction), title=_("Marked as sent"), markup=False)
        self.refresh_drafts(select=draft.uid)

    async def action_toggle_ready(self) -> None:
        draft = self.selected()
        if draft is None or draft.status == "sent":
            return
        status = "draft" if draft.status == "ready" else "ready"
        if await self._change(lambda: self.store.update_draft(draft.copy(status=status))) is None:
            return
        self.refresh_drafts(select=draft.uid)

    def action_delete(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        contact = self.store.contact(draft.contact_uid)

        def delete() -> bool:
            self.store.delete_draft(draft.uid)
            return True

        async def answered(yes: bool | None) -> None:
            if yes and await self._change(delete):
                self.refresh_drafts()

        who = contact.name if contact else _("a deleted contact")
        question = _("Delete the {status} draft to {name}?").format(
            status=vocabulary.DRAFT_STATUSES.label(draft.status), name=who)
        self.app.push_screen(ConfirmScreen(question, yes=_("Delete"),
                                           no=_("Keep")), answered)

    def reopen_form(self, entry: dict[str, Any]) -> bool:
        """Open the batch form kept in the recovery file with its ticks and fields."""
        if entry.get("kind") != BatchForm.RECOVERY_KIND:
            return False
        self.action_new_batch(restore=values_dict(entry))
        return True

    def action_new_batch(self, restore: dict[str, Any] | None = None) -> None:
        profile = self.store.profile()
        templates = sorted({t.name for t in drafting.list_templates(template_language(profile.language))})
        if not templates:
            self.notify(_("No templates found."), severity="error")
            return
        form = BatchForm(self.store.contacts(), templates, template_language(profile.language), self.netui.today,
                         restore=restore)
        self.app.push_screen(form, self._create_batch)

    async def _create_batch(self, request: BatchRequest | None) -> None:
        if request is None:
            return
        variables = {"ask": request.ask} if request.ask else {}
        try:
            made, _saved = await self.netui.commit(lambda: batches.create_batch(
                self.store, request.contact_uids, request.send_on, template=request.template, lang=request.lang,
                variables=variables), uids=set())
        except ValidationError as exc:
            self.notify(f"{exc.field}: {exc.message}", title=_("No batch created"), severity="error", markup=False)
            return
        except CommitFailed:
            return
        skipped = ""
        if made.skipped:
            names = ", ".join(c.name for c in made.skipped)
            skipped = " " + _("Skipped (already in an unsent batch): {names}.").format(names=names)
        if not made.drafts:
            self.notify(_("No drafts created.") + skipped, severity="warning", markup=False)
            return
        self.notify(ngettext("{count} draft to send on {day}: now make each one personal.",
                             "{count} drafts to send on {day}: now make each one personal.", len(made.drafts)).format(
                                 count=f"{len(made.drafts):,}", day=format_date(made.send_on))
                    + skipped, title=_("Batch ready"), markup=False, timeout=8)
        first = batches.batch_drafts(self.store, made.batch_uid)[0]
        self.refresh_drafts(select=first.uid)
        self.app.push_screen(ComposeScreen(first.contact_uid, draft_uid=first.uid))
