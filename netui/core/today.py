"""The one source of "today" for the whole program.

Every "what day is it for the user" question goes through `current_day`: the
follow-up rules, the default date of an interaction or a post, the daily
summary, the app. `NETUI_TODAY=YYYY-MM-DD` fixes that day (tests, demos, and
checking what tomorrow will bring). A test walks the package and fails on any
other reading of the clock, except timestamps that are not the user's day
(file and backup names, mail and calendar stamps), each allowed with a reason.

This module imports nothing of the domain, so every layer can use it.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime

from netui.core.errors import ValidationError
from netui.core.i18n import _

TODAY_ENV = "NETUI_TODAY"


def current_day() -> date:
    """Today, unless NETUI_TODAY fixes another day (refused when it is not a date)."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(TODAY_ENV, _("not a valid date (YYYY-MM-DD): {value}").format(
            value=repr(value))) from None


def now_on(day: date) -> datetime:
    """The clock's time of day on `day`: "now" for rules that look at the hour
    (a batch's day ending) while the day itself comes from `current_day`."""
    return datetime.combine(day, datetime.now().time())
