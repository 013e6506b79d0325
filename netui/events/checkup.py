"""The reputation and privacy check-up: a checklist that comes back every few months.

What a recruiter finds when they search your name, a profile consistent with
the CV, LinkedIn's visibility settings, private personal accounts, old posts
cleaned. The items are a text file in the event checklists' format (sections
[search], [profile], [privacy], [cleanup]; a user copy wins), read when a round
starts and kept in the data file with their ticks. Ticking the last item
completes the round: the next one is due `checkup_every_days` later (90 by
default) and starts with every item unticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from netui.core.errors import ChecklistError, NetuiError
from netui.core.habits import checkup_due
from netui.core.i18n import N_, _, format_date, ngettext, template_language, translate
from netui.core.models import (
    CHECKUP_SECTIONS,
    LANGUAGES,
    ChecklistItem,
    Checkup,
    Profile,
)
from netui.core.today import current_day
from netui.events.checklists import parse_checklist
from netui.storage.paths import shipped_templates_dir, user_templates_dir
from netui.storage.store import Store

FILE_NAME = "checkup.txt"
SECTIONS = {
    "search": "search", "profile": "profile", "privacy": "privacy", "cleanup": "cleanup",
    "ricerca": "search", "profilo": "profile", "pulizia": "cleanup",
}
#: A section's title, in the language of the list it heads (`section_title`).
SECTION_TITLES = {"search": N_("Search yourself"), "profile": N_("Profile"), "privacy": N_("Privacy settings"),
                  "cleanup": N_("Clean-up")}


def checkup_path(lang: str) -> tuple[Path, str]:
    """The check-up file for `lang` and where it comes from: "user" or "shipped"."""
    if lang not in LANGUAGES:
        raise ChecklistError(_("unknown language {lang}; use one of: {choices}").format(lang=repr(lang), choices=', '.join(LANGUAGES)))
    for origin, folder in (("user", user_templates_dir()), ("shipped", shipped_templates_dir())):
        path = folder / lang / "checklists" / FILE_NAME
        if path.is_file():
            return path, origin
    raise ChecklistError(_("no check-up list in {lang} (looked in {yours} and {shipped})").format(lang=lang, yours=user_templates_dir(), shipped=shipped_templates_dir()))


def load_items(lang: str) -> list[ChecklistItem]:
    """Fresh (unticked) check-up items in `lang`."""
    path, _origin = checkup_path(lang)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ChecklistError(_("{path}: not UTF-8 text").format(path=path)) from None
    except OSError as exc:
        raise ChecklistError(_("cannot read {path}: {problem}").format(path=path, problem=exc.strerror or exc)) from None
    return parse_checklist(text, str(path), sections=SECTIONS, order=CHECKUP_SECTIONS)


@dataclass(frozen=True, slots=True)
class Status:
    """The check-up as the CLI, the view and the overview show it."""

    checkup: Checkup
    due: date
    today: date

    @property
    def is_due(self) -> bool:
        return self.due <= self.today

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def done(self) -> int:
        return sum(1 for item in self.checkup.items if item.done)

    @property
    def total(self) -> int:
        return len(self.checkup.items)

    @property
    def last_completed(self) -> str | None:
        return self.checkup.completed[-1] if self.checkup.completed else None

    def line(self) -> str:
        """`check-up due now (3 of 15 done)` / `next check-up in 42 days (14 Jun 2026)`."""
        if self.is_due:
            late = -self.days_left
            if late == 0:
                return _("check-up due now: {done} of {total} done").format(done=self.done, total=self.total)
            return ngettext("check-up due since {day} ({count} day): {done} of {total} done",
                            "check-up due since {day} ({count} days): {done} of {total} done", late).format(
                day=format_date(self.due), count=late, done=self.done, total=self.total)
        return ngettext("next check-up in {count} day ({day})", "next check-up in {count} days ({day})",
                        self.days_left).format(count=self.days_left, day=format_date(self.due))


def current(store: Store, profile: Profile | None = None, today: date | None = None) -> Status:
    """The check-up's state; before the first round, a fresh list in the profile's language, due today."""
    today = today or current_day()
    checkup = store.checkup()
    if checkup is None:
        lang = template_language((profile or store.profile()).language)
        checkup = Checkup(items=load_items(lang), lang=lang, due=None)
    due = date.fromisoformat(checkup.due) if checkup.due else today
    return Status(checkup, due, today)


def due_date(store: Store, today: date | None = None) -> date:
    """When the check-up is due, without reading the list (cheap)."""
    return checkup_due(store.checkup(), today or current_day())


def set_done(store: Store, numbers: list[int], done: bool = True, today: date | None = None) -> Status:
    """Tick (or untick) items by their 1-based number; ticking the last one completes the round.

    A completed round is recorded, the next is due `checkup_every_days` after today,
    and its items are read again from the list (all unticked, in the profile's
    language). Raises NetuiError for a number not on the list.
    """
    today = today or current_day()
    profile = store.profile()
    status = current(store, profile, today)
    checkup = status.checkup.copy()
    for number in numbers:
        if not 1 <= number <= len(checkup.items):
            raise NetuiError(_("no check-up item {number}: the list has items 1 to {count}").format(number=number, count=len(checkup.items)))
        checkup.items[number - 1].done = done
    if checkup.items and all(item.done for item in checkup.items):
        checkup.completed = [*checkup.completed, today.isoformat()]
        checkup.due = (today + timedelta(days=profile.checkup_every_days)).isoformat()
        try:  # the next round reads the list again: your edits and your language apply
            checkup.lang = template_language(profile.language)
            checkup.items = load_items(checkup.lang)
        except ChecklistError:
            checkup.items = [item.copy(done=False) for item in checkup.items]
    elif checkup.due is None:
        checkup.due = status.due.isoformat()
    store.set_checkup(checkup)
    return current(store, profile, today)


def section_title(section: str, lang: str) -> str:
    """The title of a section in the list's language (the items under it are in that language too)."""
    title = SECTION_TITLES.get(section)
    return translate(title, lang) if title else section
