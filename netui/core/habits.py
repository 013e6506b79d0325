"""The two habits beside the follow-ups: posting every week and the periodic check-up.

The overview panel and `netui today` show where the user stands on both; they
get it from `habits`, so the two never disagree. Cheap on purpose (the panel
redraws often): it counts the posts table, which is small, and reads only the
check-up's due date, not its list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from netui.core.models import Checkup, Post
from netui.core.posts import Visibility, visibility


def checkup_due(checkup: Checkup | None, today: date) -> date:
    """When the check-up is due: its stored day, or today before the first round."""
    return date.fromisoformat(checkup.due) if checkup is not None and checkup.due else today


@dataclass(frozen=True, slots=True)
class Habits:
    """This week's posts against the target, and when the check-up is due."""

    today: date
    posts: Visibility
    checkup_due: date

    @property
    def checkup_is_due(self) -> bool:
        return self.checkup_due <= self.today

    @property
    def checkup_days_left(self) -> int:
        """Days until the check-up is due; zero or less once it is."""
        return (self.checkup_due - self.today).days

    def to_json(self) -> dict[str, dict[str, Any]]:
        """The `more` object of `netui today --json` (its keys are documented in README.md)."""
        state = self.posts
        return {
            "posts": {"week": state.week, "done": state.this_week, "target": state.target,
                      "streak": state.streak, "behind": state.behind, "ideas": state.ideas},
            "checkup": {"due": self.checkup_due.isoformat(), "is_due": self.checkup_is_due,
                        "days_left": self.checkup_days_left},
        }


def habits(posts: Iterable[Post], posts_per_week: int, checkup: Checkup | None, today: date) -> Habits:
    """Where the user stands on `today` (the profile's weekly target; the stored check-up or None)."""
    return Habits(today, visibility(posts, posts_per_week, today), checkup_due(checkup, today))
