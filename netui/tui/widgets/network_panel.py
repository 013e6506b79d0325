"""The overview's side panel: the network at a glance, as bars and a sparkline."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from netui.core import vocabulary
from netui.core.funnel import FunnelRow
from netui.core.i18n import _, ngettext
from netui.core.network_model import OUTREACH_WEEKS, Totals
from netui.tui.widgets.contact_table import DUE_MARK, THANK_MARK, fit

if TYPE_CHECKING:
    from netui.storage.store import Store

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, top: int, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighths of a cell."""
    if top <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def visibility_note(store: Store, today: date) -> Text:
    """The overview panel's lines: this week against the target, the streak, a nudge when
    behind, and the check-up (the same state `netui today` shows, from core.habits)."""
    from netui.core.habits import habits

    profile = store.profile()
    now = habits(store.posts(), profile.posts_per_week, store.checkup(), today)
    state = now.posts
    note = Text(no_wrap=False, overflow="ellipsis")
    if state.target > 0:
        note.append(ngettext("{done} of {count} post this week", "{done} of {count} posts this week",
                             state.target).format(done=state.this_week, count=state.target),
                    "bold yellow" if state.behind else "bold")
        note.append(ngettext(" · streak {count} week", " · streak {count} weeks", state.streak).format(
            count=state.streak) + "\n")
        if state.behind:
            note.append(_("→ post, comment or start a discussion (key 6)") + "\n", "yellow")
    if now.checkup_is_due:
        note.append(_("Reputation check-up due (key 6)"), "bold yellow")
    else:
        days = now.checkup_days_left
        note.append(ngettext("Next check-up in {count} day", "Next check-up in {count} days", days).format(
            count=days), "dim")
    return note


class BarChart(Widget):
    """Labelled horizontal bars, one line each, sized to the widget's width."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    BarChart > .bar-chart--bar { color: $accent; }
    BarChart > .bar-chart--count { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--count"}

    data: reactive[tuple[tuple[str, int], ...]] = reactive((), layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.data))

    def render(self) -> Text:
        if not self.data:
            return Text("—", style="dim")
        width = self.size.width
        label_width = min(14, max(cell_len(label) for label, _ in self.data))
        count_width = max(len(f"{n:,}") for _, n in self.data)
        bar_width = max(1, width - label_width - count_width - 2)
        top = max(n for _, n in self.data)
        bar_style = self.get_component_rich_style("bar-chart--bar")
        count_style = self.get_component_rich_style("bar-chart--count")
        out = Text(no_wrap=True, overflow="crop")
        for i, (label, n) in enumerate(self.data):
            if i:
                out.append("\n")
            out.append(fit(label, label_width) + " ")  # user text: plain, never markup
            drawn = bar(n, top, bar_width)
            out.append(drawn, bar_style)
            out.append(" " * (bar_width - cell_len(drawn) + 1))
            out.append(f"{n:>{count_width},}", count_style)
        return out


#: How many sources the panel names (the most replied first).
FUNNEL_SOURCES = 4


class NetworkPanel(VerticalScroll, can_focus=False):
    """Counts of key contacts, due follow-ups and replies to thank; the network by
    source, which sources lead to replies, meetings and introductions, by sector and
    by company; outreach over the last weeks; upcoming events."""

    DEFAULT_CSS = """
    NetworkPanel { width: 29; padding: 0 1; border-left: vkey $panel-lighten-2; scrollbar-size-vertical: 1; }
    NetworkPanel .panel-title { text-style: bold; color: $text-accent; margin-top: 1; }
    NetworkPanel #panel-counts { margin-top: 0; }
    NetworkPanel Sparkline { height: 1; margin-top: 0; }
    NetworkPanel .panel-note { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="panel-counts")
        yield Static(id="panel-events", classes="panel-note")
        yield Static(id="panel-visibility", classes="panel-note")
        yield Static(_("Which sources work (5, f)"), classes="panel-title")
        yield Static(id="panel-funnel", classes="panel-note")
        yield Static(_("Outreach, last {OUTREACH_WEEKS} weeks").format(OUTREACH_WEEKS=OUTREACH_WEEKS), classes="panel-title")
        yield Sparkline([], id="panel-outreach")
        yield Static(id="panel-outreach-note", classes="panel-note")
        yield Static(_("By source"), classes="panel-title")
        yield BarChart(id="panel-sources")
        yield Static(_("By sector"), classes="panel-title")
        yield BarChart(id="panel-sectors")
        yield Static(_("By company (5: warm paths)"), classes="panel-title")
        yield BarChart(id="panel-companies")

    def update_funnel(self, rows: list[FunnelRow]) -> None:
        """The sources that led somewhere: replies of the contacts reached, then meetings and
        introductions (the whole funnel, by source and sector, is on the Companies view)."""
        reached = sorted((row for row in rows if row.contacted),
                         key=lambda row: (-row.replied, -row.met, -row.intros, -row.contacted))
        text = Text()
        if not reached:
            text.append(_("Nobody reached yet: this fills in as you log outreach."))
        for row in reached[:FUNNEL_SOURCES]:
            if text:
                text.append("\n")
            text.append(vocabulary.SOURCES.label(row.group), "bold")
            text.append(" " + _("{replied} of {contacted} replied").format(
                replied=f"{row.replied:,}", contacted=f"{row.contacted:,}") + "\n")
            text.append("  " + ngettext("{count} met", "{count} met", row.met).format(count=f"{row.met:,}")
                        + " · " + ngettext("{count} introduction", "{count} introductions", row.intros).format(
                            count=f"{row.intros:,}"))
        self.query_one("#panel-funnel", Static).update(text)

    def update_totals(self, totals: Totals, events_note: Text | None = None,
                      visibility_note: Text | None = None, search_over: str | None = None) -> None:
        """Show the figures the owning screen gives (the panel reads no store itself)."""
        counts = Text()
        counts.append(f"{totals.count:,}", "bold")
        counts.append(" " + ngettext("contact", "contacts", totals.count) + "\n")
        counts.append(f"{totals.key:,}", "bold")
        counts.append(" " + ngettext("key contact", "key contacts", totals.key) + "\n")
        counts.append(f"{DUE_MARK} ", "bold yellow")
        counts.append(f"{totals.due:,}", "bold")
        counts.append(" " + (_("due for a follow-up") if totals.due < 1000 else _("due now")) + "\n")
        counts.append(f"{THANK_MARK} ", "bold green")
        counts.append(f"{totals.to_thank:,}", "bold")
        counts.append(" " + ngettext("reply to thank", "replies to thank", totals.to_thank)
                      if totals.to_thank < 10000 else " " + _("to thank"))
        if search_over:  # "The search is over: ..." once a job is recorded (`netui landed`)
            counts.append("\n" + search_over, "bold green")
        self.query_one("#panel-counts", Static).update(counts)
        self.query_one("#panel-sources", BarChart).data = tuple(
            (vocabulary.SOURCES.label(s), n) for s, n in totals.sources())
        self.query_one("#panel-sectors", BarChart).data = tuple(totals.sectors(limit=6))
        self.query_one("#panel-companies", BarChart).data = tuple(totals.companies(limit=6))
        weeks = list(totals.weeks)
        self.query_one("#panel-outreach", Sparkline).data = weeks
        total = sum(weeks)
        this_week = weeks[-1] if weeks else 0
        self.query_one("#panel-outreach-note", Static).update(
            Text(_("{this_week} this week\n{total} in {weeks} weeks").format(
                this_week=f"{this_week:,}", total=f"{total:,}", weeks=OUTREACH_WEEKS)))
        visibility = self.query_one("#panel-visibility", Static)
        visibility.display = visibility_note is not None and bool(visibility_note.plain)
        if visibility_note is not None:
            visibility.update(visibility_note)
        events = self.query_one("#panel-events", Static)
        if events_note is not None and events_note.plain:
            events.update(events_note)
            events.display = True
        else:
            events.display = False
