"""Counts in words ("1 draft", "4 drafts") and the read-only banner.

A count is said with `ngettext`, whose msgids are the English singular and
plural, so each language gives its own forms; `plural` and `noun` are the
same choice for nouns already marked with `N_` elsewhere.
"""

from __future__ import annotations

from netui.core.i18n import _, ngettext


def plural(count: int, one: str, many: str) -> str:
    """`count` and the noun that agrees with it: plural(1, "draft", "drafts") == "1 draft"."""
    return f"{count:,} {ngettext(one, many, count)}"


def noun(count: int, one: str, many: str) -> str:
    """Only the noun that agrees with `count`, for text that styles the number apart."""
    return ngettext(one, many, count)


def _readonly_prefixes() -> tuple[str, ...]:
    """"read-only:" as the store writes it, in English and in the current language."""
    translated = _("read-only: {reason}").format(reason="").strip()
    return tuple({"read-only:", translated.lower()})


def _lock_tails() -> tuple[str, ...]:
    """The end of the lock's reason ("close it there first ..."), both languages; older
    netui wrote "close it first, or open read-only"."""
    english = ("; close it there first (commands that only read it still work)",
               "; close it first, or open read-only", ", or open read-only")
    whole = _("{data_file} is open for writing in another netui ({who}); close it there first (commands that only read it still work)")
    translated = whole[whole.index("({who})") + len("({who})"):] if "({who})" in whole else ""
    return english + ((translated,) if translated and translated not in english else ())


def readonly_notice(reason: str) -> str:
    """The banner of a file open read-only, said once: "READ-ONLY: <why>. Nothing can be changed."

    The store's reason starts "read-only: " and the lock's ends "close it there first"
    (right for a CLI write, odd when the app already is read-only); both are
    recognised in English and in the current language."""
    why = reason.strip()
    for prefix in _readonly_prefixes():
        if prefix and why.lower().startswith(prefix):
            why = why[len(prefix):].strip()
            break
    for tail in _lock_tails():
        if why.endswith(tail):
            why = why[: -len(tail)] + (_("; close the other netui and open this file again to edit it")
                                       if tail != ", or open read-only" else "")
            break
    why = why.rstrip(". ") or _("this data file is open read-only")
    return _("READ-ONLY: {why}. Nothing can be changed.").format(why=why)
