"""The Posts view (`5`): the visibility journal and the reputation check-up.

Left, what you published (posts, articles, comments, discussions) and your
ideas for later (no date), with this week against your weekly target and the
streak of weeks that met it. Right, the reputation and privacy check-up: space
ticks an item; ticking the last one completes the round and sets the next one
`checkup_every_days` later. Every text a user typed is shown as plain text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Select, Static

from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import N_, TranslatedTexts, _, format_date
from netui.core.models import POST_KINDS, ChecklistItem, Post, check_date
from netui.core.posts import nudge, summary_line, visibility
from netui.core.today import current_day
from netui.events import checkup as checkups
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.event_dialogs import FormModal
from netui.tui.editing import reopen_on_screen, values_dict
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

KIND_LABELS = TranslatedTexts({"post": N_("Post"), "article": N_("Article"), "comment": N_("Comment"),
                               "discussion": N_("Discussion")})
EMPTY_POSTS = N_("Nothing yet. Press a to record a post, a comment or a discussion you started; "
                 "leave the date empty to keep an idea for later.")


class PostForm(FormModal[Post]):
    """Topic, kind, date (empty: an idea for later), link and notes.

    An editing screen: quitting asks before dropping what was typed, and a stop
    signal keeps it for the next start, which reopens it from the Posts view.
    """

    FIELD_IDS = {"topic": "f-topic", "kind": "f-kind", "date": "f-date", "url": "f-url", "notes": "f-notes"}
    SUBMIT_SAVES = True
    RECOVERY_KIND = "post"

    def __init__(self, title: str, save: Any, post: Post | None = None, today: date | None = None, *,
                 restore: dict[str, Any] | None = None) -> None:
        super().__init__(title, save, context={"post_uid": post.uid if post else None}, restore=restore)
        self.post = post
        self.today = today or current_day()

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """The Posts view opens the form again (False when the post edited is gone)."""
        return reopen_on_screen(app, "posts", entry, record_key="post_uid", find=app.store.post)

    def set_values(self, values: dict[str, Any]) -> None:
        super().set_values(values)  # the text fields
        if values.get("kind") in POST_KINDS:
            self.query_one("#f-kind", Select).value = values["kind"]

    def compose_fields(self) -> ComposeResult:
        post = self.post
        day = (post.date or "") if post else self.today.isoformat()
        yield self.field(_("Topic"), Input(post.topic if post else "", placeholder=_("What it is about"),
                                        id="f-topic", compact=True))
        yield self.field(_("Kind"), Select([(KIND_LABELS[k], k) for k in POST_KINDS], allow_blank=False,
                                        value=post.kind if post else "post", id="f-kind", compact=True))
        yield self.field(_("Date"), Input(day, placeholder=_("YYYY-MM-DD; empty: an idea for later"), id="f-date",
                                       compact=True))
        yield self.field("Link", Input(post.url if post else "", placeholder="https://...", id="f-url",
                                       compact=True))
        yield self.field(_("Notes"), Input(post.notes if post else "", placeholder=_("Reactions, who commented..."),
                                        id="f-notes", compact=True))

    def values(self) -> dict[str, Any]:
        return {"topic": self.query_one("#f-topic", Input).value,
                "kind": self.query_one("#f-kind", Select).value,
                "date": self.query_one("#f-date", Input).value,
                "url": self.query_one("#f-url", Input).value,
                "notes": self.query_one("#f-notes", Input).value}


class PostsScreen(NetuiScreen[None]):
    """The visibility journal and the reputation check-up."""

    CSS_PATH = stylesheet("posts.tcss")
    #: The posts list has the focus from the start (each change of focus redraws the key bar).
    AUTO_FOCUS = "#v-posts"
    BINDINGS = [
        Binding("a", "add", _l("Add")),
        Binding("e", "edit", _l("Edit")),
        Binding("d", "delete", _l("Delete")),
        Binding("space", "tick", _l("Tick")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._items: list[ChecklistItem] = []  # the check-up items drawn last
        self._stale = False  # data changed while another screen was shown
        self._drawn_on: date | None = None  # the day the week and the check-up were drawn for

    @property
    def today(self) -> date:
        return self.netui.today

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="v-summary")
        with Horizontal(id="v-main"):
            with Vertical(id="v-posts-box"):
                yield Static(_("Posts and ideas"), classes="v-title")
                yield DataTable(id="v-posts", cursor_type="row", zebra_stripes=True)
                yield Static(_(EMPTY_POSTS), id="v-empty", markup=False)
            with Vertical(id="v-checkup-box"):
                yield Static(_("Reputation check-up"), classes="v-title")
                yield Static("", id="v-checkup-status")
                yield DataTable(id="v-checkup", cursor_type="row", show_header=False)
                yield Static("", id="v-checkup-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#v-posts", DataTable).add_columns(_("Date"), _("Kind"), _("Topic"), "Link")
        self.query_one("#v-checkup", DataTable).add_columns("", _("Item"))
        self.refresh_data()
        if self.focused is None:  # no auto focus while the terminal has not the focus
            self.query_one("#v-posts", DataTable).focus()

    @on(DataChanged)
    def _data_changed(self) -> None:
        """Posts, the check-up or the profile may have changed (here, on another screen, a
        reload): redraw now when shown, else when shown again."""
        if self.is_current:
            self.refresh_data()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale or self._drawn_on != self.today:  # a new day may start a new week
            self.refresh_data()

    # --- drawing ----------------------------------------------------------------------

    def refresh_data(self) -> None:
        self._stale = False
        self._drawn_on = self.today
        self._draw_posts()
        self._draw_checkup()

    def _draw_posts(self) -> None:
        posts = self.store.posts()
        state = visibility(posts, self.store.profile().posts_per_week, self.today)
        summary = Text(summary_line(state), style="bold")
        hint = nudge(state)
        if hint:
            summary.append("\n→ " + hint, style="yellow")
        self.query_one("#v-summary", Static).update(summary)
        table = self.query_one("#v-posts", DataTable)
        selected = self._selected(table)
        table.clear()
        for post in posts:
            table.add_row(Text(format_date(post.date) or _("idea"), style="" if post.date else "italic cyan"),
                          Text(KIND_LABELS.get(post.kind, post.kind)), Text(post.topic), Text(post.url),
                          key=post.uid)
        self._restore(table, selected)
        self.query_one("#v-empty").display = not posts

    def _draw_checkup(self) -> None:
        status_widget = self.query_one("#v-checkup-status", Static)
        table = self.query_one("#v-checkup", DataTable)
        selected = self._selected(table)
        table.clear()
        try:
            status = checkups.current(self.store, today=self.today)
        except NetuiError as exc:
            status_widget.update(Text(str(exc), style="red"))
            return
        self._items = list(status.checkup.items)
        line = Text(status.line(), style="bold yellow" if status.is_due else "")
        line.append("\n" + _("space ticks an item"), style="dim")
        status_widget.update(line)
        section = None
        for number, item in enumerate(status.checkup.items, start=1):
            if item.phase != section:
                section = item.phase
                table.add_row(Text(""), Text(checkups.section_title(section, status.checkup.lang), style="bold"),
                              key=f"section-{section}")
            table.add_row(Text("[x]" if item.done else "[ ]", style="green" if item.done else ""),
                          Text(item.text, style="dim" if item.done else ""), key=str(number))
        self._restore(table, selected)

    @staticmethod
    def _selected(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None

    @staticmethod
    def _restore(table: DataTable, key: str | None) -> None:
        if key is None:
            return
        try:
            table.move_cursor(row=table.get_row_index(key))
        except Exception:  # noqa: BLE001 - the row is gone
            pass

    def selected_post(self) -> Post | None:
        uid = self._selected(self.query_one("#v-posts", DataTable))
        return self.store.post(uid) if uid else None

    # --- posts --------------------------------------------------------------------------

    def _post_from(self, values: dict[str, Any], base: Post | None) -> Post:
        day = check_date("date", values["date"]) or None
        fields = dict(topic=values["topic"], kind=values["kind"], date=day, url=values["url"],
                      notes=values["notes"])
        post = base.copy(**fields) if base else Post(**fields)
        return post.validate()

    def reopen_form(self, entry: dict[str, Any]) -> bool:
        """Open the post form kept in the recovery file with the kept values."""
        if entry.get("kind") != PostForm.RECOVERY_KIND:
            return False
        values = values_dict(entry)
        post_uid = entry.get("post_uid")
        if not post_uid:
            self.action_add(restore=values)
            return True
        post = self.store.post(post_uid) if isinstance(post_uid, str) else None
        if post is None:
            return False
        self._restore(self.query_one("#v-posts", DataTable), post.uid)
        self.action_edit(restore=values, post=post)
        return True

    def action_add(self, restore: dict[str, Any] | None = None) -> None:
        if self.netui.refuse_if_readonly():
            return

        async def save(values: dict[str, Any]) -> Post | None:
            post = self._post_from(values, None)
            try:
                stored, _saved = await self.netui.commit(lambda: self.store.add_post(post), uids=())
            except CommitFailed:
                return None
            return stored

        def done(post: Post | None) -> None:
            if post is not None:
                self.refresh_data()
                self._restore(self.query_one("#v-posts", DataTable), post.uid)
                what = (_("Idea kept for later") if post.is_idea
                        else _("{kind} recorded").format(kind=KIND_LABELS[post.kind]))
                self.notify(f"{what}: {post.topic}", markup=False)

        self.app.push_screen(PostForm(_("Record a post (empty date: an idea)"), save, today=self.today,
                                      restore=restore), done)

    def action_edit(self, restore: dict[str, Any] | None = None, post: Post | None = None) -> None:
        post = post or self.selected_post()
        if post is None or self.netui.refuse_if_readonly():
            return

        async def save(values: dict[str, Any]) -> Post | None:
            changed = self._post_from(values, post)
            try:
                stored, _saved = await self.netui.commit(lambda: self.store.update_post(changed), uids=())
            except CommitFailed:
                return None
            return stored

        def done(stored: Post | None) -> None:
            if stored is not None:
                self.refresh_data()

        self.app.push_screen(PostForm(_("Edit the post"), save, post=post, today=self.today, restore=restore),
                             done)

    def action_delete(self) -> None:
        post = self.selected_post()
        if post is None or self.netui.refuse_if_readonly():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(post), group="posts-delete", exit_on_error=False)

        self.app.push_screen(ConfirmScreen(_("Delete {topic}?").format(topic=repr(post.topic)), yes=_("Delete"), no=_("Keep"), danger=True),
                             answered)

    async def _delete(self, post: Post) -> None:
        try:
            await self.netui.commit(lambda: self.store.delete_post(post.uid), uids=())
        except (CommitFailed, ValidationError):
            return
        self.notify(_("Deleted: {topic}").format(topic=post.topic), markup=False)

    @on(DataTable.RowSelected, "#v-posts")
    def _post_chosen(self) -> None:
        self.action_edit()

    @on(DataTable.RowHighlighted, "#v-checkup")
    def _item_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole text of the item under the cursor (the list cuts long ones)."""
        key = event.row_key.value or ""
        text = ""
        if key.isdigit() and int(key) <= len(self._items):
            text = self._items[int(key) - 1].text
        self.query_one("#v-checkup-detail", Static).update(text)

    @on(DataTable.RowSelected, "#v-checkup")
    async def _item_chosen(self) -> None:
        await self.action_tick()

    # --- the check-up -------------------------------------------------------------------

    async def action_tick(self) -> None:
        """Tick (or untick) the check-up item under the cursor; from the posts list, go to the check-up."""
        table = self.query_one("#v-checkup", DataTable)
        if self.focused is not table:
            table.focus()
            return
        key = self._selected(table)
        if not key or not key.isdigit() or self.netui.refuse_if_readonly():
            return
        number = int(key)
        status = checkups.current(self.store, today=self.today)
        done = not status.checkup.items[number - 1].done
        rounds = len(status.checkup.completed)
        try:
            after, _saved = await self.netui.commit(
                lambda: checkups.set_done(self.store, [number], done=done, today=self.today), uids=())
        except CommitFailed:
            return
        if len(after.checkup.completed) > rounds:
            self.notify(_("Check-up complete. The next one is due on {value}.").format(value=format_date(after.due)),
                        title=_("Check-up"), markup=False)
