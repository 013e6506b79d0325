"""The visibility journal's rules: posts this week against the target, and the streak.

Weeks are ISO weeks (Monday to Sunday), keyed by their Monday, so a week that
spans New Year (2025-12-29 to 2026-01-04 is 2026-W01) is one week, not two.
Only published posts count (an idea has no date) and only up to today (a post
dated later is planned, not done). The CLI, the Posts view and the overview
panel all use these same rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from netui.core.i18n import _, ngettext
from netui.core.models import Post
from netui.core.today import current_day

#: How far back the streak looks: a cap so that a long history stays cheap.
MAX_STREAK_WEEKS = 520


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_label(day: date) -> str:
    """`2026-W01`: the ISO year and week of `day`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def posts_by_week(posts: Iterable[Post], today: date) -> Counter[date]:
    """Published posts per week (keyed by Monday), up to today."""
    counts: Counter[date] = Counter()
    for post in posts:
        if not post.date:
            continue
        try:
            day = date.fromisoformat(post.date[:10])
        except ValueError:
            continue
        if day <= today:
            counts[week_start(day)] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Visibility:
    """Where the user stands this week."""

    this_week: int
    target: int
    #: Weeks in a row that met the target: the finished weeks before this one, plus this
    #: week once it meets the target (a week still under way does not break the streak).
    streak: int
    week: str
    ideas: int

    @property
    def behind(self) -> bool:
        return self.target > 0 and self.this_week < self.target

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.this_week)


def streak(counts: Counter[date], target: int, today: date) -> int:
    """Weeks in a row meeting `target`, counted back from this week (see Visibility.streak)."""
    if target <= 0:
        return 0
    week = week_start(today)
    found = 1 if counts.get(week, 0) >= target else 0
    week -= timedelta(weeks=1)
    for _ in range(MAX_STREAK_WEEKS):
        if counts.get(week, 0) < target:
            break
        found += 1
        week -= timedelta(weeks=1)
    return found


def visibility(posts: Iterable[Post], target: int, today: date | None = None) -> Visibility:
    """This week's count against the weekly target, the streak and the ideas in the backlog."""
    today = today or current_day()
    posts = list(posts)
    counts = posts_by_week(posts, today)
    return Visibility(this_week=counts.get(week_start(today), 0), target=target,
                      streak=streak(counts, target, today), week=week_label(today),
                      ideas=sum(1 for p in posts if not p.date))


def summary_line(state: Visibility) -> str:
    """One line for the CLI and the panel: `1 of 2 posts this week (2026-W01) · streak 3 weeks`."""
    if state.target > 0:
        text = ngettext("{done} of {count} post this week ({week})", "{done} of {count} posts this week ({week})",
                        state.target).format(done=state.this_week, count=state.target, week=state.week)
    else:
        text = _("{done} this week ({week}), no weekly target").format(done=state.this_week, week=state.week)
    return text + ngettext(" · streak {count} week", " · streak {count} weeks", state.streak).format(
        count=state.streak)


def nudge(state: Visibility) -> str:
    """What to do when the week is behind; empty when it is not."""
    if not state.behind:
        return ""
    left = state.remaining
    what = ngettext("one more post", "{count} more posts", left).format(count=left)
    idea = _(" (pick one of your ideas)") if state.ideas else ""
    return _("{what} this week: share a takeaway, comment or start a discussion{idea}").format(what=what, idea=idea)
