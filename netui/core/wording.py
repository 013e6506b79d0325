"""Counts in words: "1 draft", "4 drafts".

Every count the user reads goes through `plural`, so that the day the strings
are translated (gettext's `ngettext`), there is one place to change.
"""

from __future__ import annotations

from netui.core.i18n import _


def plural(count: int, one: str, many: str) -> str:
    """`count` and the noun that agrees with it: plural(1, "draft", "drafts") == "1 draft"."""
    return f"{count:,} {one if count == 1 else many}"


def noun(count: int, one: str, many: str) -> str:
    """Only the noun that agrees with `count`, for text that styles the number apart."""
    return one if count == 1 else many


def readonly_notice(reason: str) -> str:
    """The banner of a file open read-only, said once: "READ-ONLY: <why>. Nothing can be changed."

    The store's reason starts "read-only: " and the lock's ends "close it first, or open
    read-only" (right for a CLI write, odd when the app already is read-only)."""
    why = reason.strip()
    if why.lower().startswith("read-only:"):
        why = why[len("read-only:"):].strip()
    for tail in ("; close it first, or open read-only", ", or open read-only"):
        if why.endswith(tail):
            why = why[: -len(tail)] + (_("; close the other netui and open this file again to edit it")
                                       if "another netui" in why else "")
            break
    why = why.rstrip(". ") or _("this data file is open read-only")
    return _("READ-ONLY: {why}. Nothing can be changed.").format(why=why)
