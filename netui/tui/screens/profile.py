"""The Profile screen (`4`): you, as the email templates see you.

Every profile field of the design: text fields, lists edited one item a line,
the language, the CV path (checked to exist), the signature and the
keep-in-touch cadences. Beside the form, which templates can already be
rendered and which fields each still misses, updated as you type. ctrl+s saves;
a refused value is shown under its field and gets the focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Header, Input, Select, Static, TextArea

from netui.core import vocabulary
from netui.core.errors import CommitFailed, NetuiError, ValidationError
from netui.core.i18n import N_, _, template_language
from netui.core.models import (
    LANGUAGES,
    PROFILE_INT_KEYS,
    PROFILE_LIST_KEYS,
    Profile,
    check_email,
)
from netui.outreach import drafting
from netui.tui.base import NetuiScreen, stylesheet
from netui.tui.editing import EditingScreen, values_dict
from netui.tui.keys import _l
from netui.tui.messages import DataChanged
from netui.tui.widgets.keybar import KeyBar
from netui.tui.widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from netui.tui.app import NetuiApp

LANG_LABELS = vocabulary.LANGUAGES

#: What an empty field shows (its label and its part of the form: vocabulary.PROFILE_FORM).
PLACEHOLDERS = {
    "email": "you@example.org",
    "current_position": N_("e.g. Data analyst"),
    "time_in_role": N_("e.g. three years"),
    "current_sector": N_("e.g. banking"),
    "target_sector": N_("e.g. renewable energy"),
    "target_position": N_("e.g. data engineer"),
    "target_location": N_("e.g. Milan or remote"),
    "target_work_type": N_("e.g. full time, hybrid"),
    "company_traits": N_("one trait a line"),
    "target_companies": N_("one company a line"),
    "experiences": N_("one experience a line"),
    "cv_path": "~/Documents/cv.pdf",
    "signature": N_("empty: your name, phone and email"),
    "cadence_key_days": N_("days"),
    "cadence_network_days": N_("days"),
    "questions": N_("one question a line (empty: the method's three)"),
    "landed_company": N_("ctrl+p: I found a job (or netui landed)"),
    "landed_on": N_("YYYY-MM-DD"),
    "landed_key_days": N_("days"),
    "landed_network_days": N_("days"),
    "linkedin_note_limit": N_("characters: 300, or 200 on a free account"),
    "linkedin_message_limit": N_("characters"),
    "posts_per_week": N_("your target (0: none)"),
    "checkup_every_days": N_("days"),
}
#: (section, [(key, label, placeholder)]) in the order of the form.
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (part, [(key, label, PLACEHOLDERS.get(key, "")) for key, label in fields])
    for part, fields in vocabulary.PROFILE_FORM]
MULTILINE = set(PROFILE_LIST_KEYS) | {"signature"}
INT_KEYS = tuple(PROFILE_INT_KEYS)
#: A whole-number field's range, one sentence per unit: (as a save error, as a note under the field).
RANGE_TEXTS = {
    "days": (N_("expected a whole number of days from {low} to {high}"),
             N_("a whole number of days from {low} to {high}")),
    "characters": (N_("expected a whole number of characters from {low} to {high}"),
                   N_("a whole number of characters from {low} to {high}")),
    "posts": (N_("expected a whole number of posts from {low} to {high}"),
              N_("a whole number of posts from {low} to {high}")),
}


def range_text(key: str, *, expected: bool) -> str:
    """What a whole-number field accepts, in the language of the interface."""
    low, high, unit = PROFILE_INT_KEYS[key]
    texts = RANGE_TEXTS.get(unit, (N_("expected a whole number from {low} to {high}"),
                                   N_("a whole number from {low} to {high}")))
    return _(texts[0] if expected else texts[1]).format(low=low, high=high)


def cv_status(path_text: str) -> tuple[str, str]:
    """("ok"|"warn"|"", message) for the CV path as typed."""
    text = path_text.strip()
    if not text:
        return "", _("no CV yet: emails that mention it will remind you")
    path = Path(text).expanduser()
    if path.is_file():
        return "ok", _("found ({size} KB): attach it when you send").format(size=f"{path.stat().st_size / 1024:,.0f}")
    if path.is_dir():
        return "warn", _("this is a folder: give the CV file itself")
    return "warn", _("no file at this path")


class ProfileScreen(EditingScreen[None]):
    """Edit your profile; see which templates still miss a field."""

    CSS_PATH = stylesheet("profile.tcss")

    RECOVERY_KIND = "profile"

    BINDINGS = [
        Binding("ctrl+s", "save", _l("Save"), priority=True),
        Binding("escape", "revert", _l("Undo changes")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saved: dict[str, Any] | None = None
        self._shown: Profile | None = None  # the stored profile the form was filled from (or saved)
        self._ready = False

    def compose(self) -> ComposeResult:
        profile = self.store.profile()
        yield Header()
        yield Static("", id="p-status", markup=False)
        with Horizontal(id="p-main"):
            with VerticalScroll(id="p-form"):
                for section, fields in SECTIONS:
                    yield Static(_(section), classes="p-section")
                    for key, label, placeholder in fields:
                        with Horizontal(classes="p-row"):
                            yield Static(_(label), classes="p-label", markup=False)
                            yield self._widget(profile, key, _(placeholder) if placeholder else "")
                        yield Static("", id=f"note-{key}", classes="p-note -empty", markup=False)
            with VerticalScroll(id="p-side"):
                yield Static("", id="p-templates")
        yield KeyBar()

    @staticmethod
    def _widget(profile: Profile, key: str, placeholder: str) -> Widget:
        value = getattr(profile, key)
        if key == "language":
            automatic = (str(vocabulary.AUTOMATIC_LANGUAGE), "")  # not chosen: NETUI_LANG, else the system's
            return Select([automatic, *[(LANG_LABELS[c], c) for c in LANGUAGES]], value=value, allow_blank=False,
                          id=f"f-{key}", compact=True)
        if key in MULTILINE:
            text = "\n".join(value) if isinstance(value, list) else value
            area = TextEditor(text, id=f"f-{key}", soft_wrap=True, tab_behavior="focus", compact=True,
                              placeholder=placeholder)
            return area
        return Input(str(value), id=f"f-{key}", placeholder=placeholder, compact=True,
                     type="integer" if key in INT_KEYS else "text")

    def on_mount(self) -> None:
        self.query_one("#p-side").border_title = _("Templates")
        self._shown = self.store.profile()
        self._saved = self.values()
        self._ready = True
        # The form, not its first field, has the focus on arrival: the screen digits keep
        # switching screens (a field would type them), tab goes into the fields.
        self.query_one("#p-form").focus()
        self._validate_all()
        self._refresh_side()

    @on(DataChanged)
    def _data_changed(self) -> None:
        """The profile may have changed (a reload): show it, unless the form holds edits."""
        current = self.store.profile()
        if self._ready and not self.unsaved and current != self._shown:
            self._load(current)

    # --- the editing protocol --------------------------------------------------------

    @property
    def form_title(self) -> str:
        return _("your profile")

    @property
    def is_dirty(self) -> bool:
        return self.is_mounted and self.unsaved

    def recovery_values(self) -> dict[str, Any]:
        return self.values()

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """Go to the profile (4) and put the kept values in its form."""
        values = values_dict(entry)

        async def reopen() -> None:
            await app.switch_mode("profile")
            screen = app.screen
            if isinstance(screen, NetuiScreen):
                screen.reopen_form({**entry, "values": values})

        app.call_later(reopen)
        return True

    def reopen_form(self, entry: dict[str, Any]) -> bool:
        if entry.get("kind") != self.RECOVERY_KIND:
            return False
        self._fill(values_dict(entry))
        self._validate_all()
        self._refresh_side()
        self.notify(_("Unsaved edits restored: review them, then ctrl+s saves."), title=_("Recovered"))
        return True

    # --- values ---------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key in Profile.keys():
            widgets = self.query(f"#f-{key}")
            if not widgets:
                continue
            widget = widgets.first()
            if isinstance(widget, Select):
                found[key] = widget.value
            elif isinstance(widget, TextArea):
                found[key] = widget.text
            elif isinstance(widget, Input):
                found[key] = widget.value
        return found

    @property
    def unsaved(self) -> bool:
        return self._saved is not None and self.values() != self._saved

    def build(self) -> Profile:
        """The profile the form describes; raises ValidationError naming the field."""
        profile = self.store.profile()
        for key, raw in self.values().items():
            if key in PROFILE_LIST_KEYS:
                setattr(profile, key, [line.strip() for line in raw.splitlines() if line.strip()])
            elif key in INT_KEYS:
                try:
                    setattr(profile, key, int(str(raw).strip()))
                except ValueError:
                    raise ValidationError(key, range_text(key, expected=True)) from None
            elif key == "signature":
                setattr(profile, key, raw.strip("\n"))
            else:
                setattr(profile, key, str(raw).strip())
        return profile.validate()

    def _fill(self, values: dict[str, Any]) -> None:
        """Put `values` (a profile's fields, or a form's kept values) in the widgets."""
        for key, value in values.items():
            widgets = self.query(f"#f-{key}")
            if not widgets or key not in Profile.keys():
                continue
            widget = widgets.first()
            if isinstance(widget, Select):
                if value in LANGUAGES:
                    widget.value = value
            elif isinstance(widget, TextArea):
                widget.load_text("\n".join(value) if isinstance(value, list) else str(value))
            elif isinstance(widget, Input):
                widget.value = str(value)

    def _load(self, profile: Profile) -> None:
        self._shown = profile
        self._ready = False
        self._fill({key: getattr(profile, key) for key in Profile.keys()})
        self._saved = self.values()
        self._ready = True
        self._validate_all()
        self._refresh_side()

    # --- inline validation and the side panel ----------------------------------------

    def _note(self, key: str, message: str, kind: str = "") -> None:
        note = self.query_one(f"#note-{key}", Static)
        note.update(message)
        note.set_class(not message, "-empty")
        for name in ("error", "warn", "ok"):
            note.set_class(kind == name, f"-{name}")

    def _validate_all(self) -> None:
        values = self.values()
        email = values.get("email", "").strip()
        try:
            if email:
                check_email("email", email)
            self._note("email", "")
        except ValidationError as exc:
            self._note("email", exc.message, "error")
        for key in INT_KEYS:
            raw = str(values.get(key, "")).strip()
            low, high, _unit = PROFILE_INT_KEYS[key]
            ok = raw.isdigit() and low <= int(raw) <= high
            self._note(key, "" if ok else range_text(key, expected=False), "" if ok else "error")
        kind, message = cv_status(values.get("cv_path", ""))
        self._note("cv_path", message, kind)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._ready:
            self._validate_all()
            self._side_worker()

    @work(exclusive=True, group="profile-side")
    async def _side_worker(self) -> None:
        import asyncio

        await asyncio.sleep(0.05)
        try:
            self._refresh_side()
        except NoMatches:  # the screen went away while the worker waited
            pass

    def _refresh_side(self) -> None:
        try:
            profile = self.build()
        except ValidationError:
            profile = None
        status = _("unsaved changes: ctrl+s saves") if self.unsaved else _("saved · tab to edit a field")
        self.query_one("#p-status", Static).update(_("Your profile · {status}").format(status=status))
        parts: list[Any] = []
        if profile is None:
            parts.append((_("Fix the fields marked in red to see the templates."), "$error"))
        else:
            lang = template_language(profile.language)
            parts.append((_("Ready to use ({language}):").format(language=LANG_LABELS.get(lang, lang)) + "\n", "bold"))
            for info in drafting.list_templates(lang):
                try:
                    missing = drafting.missing_profile_fields(info.name, lang, profile)
                except NetuiError as exc:
                    parts.extend([("✗ ", "bold $error"), f"{info.name}: {exc}\n"])
                    continue
                if missing:
                    parts.extend([("✗ ", "bold $warning"), (info.name, "bold"),
                                  _(": fill {fields}").format(fields=", ".join(
                                      vocabulary.profile_field(m) for m in missing)) + "\n"])
                else:
                    parts.extend([("✓ ", "bold $success"), (info.name, "bold"), "\n"])
            if not profile.cv_path:
                parts.append(("\n" + _("No CV path: emails that mention your CV will remind you to attach it."),
                              "$text-muted"))
        self.query_one("#p-templates", Static).update(Content.assemble(*parts))

    # --- actions -----------------------------------------------------------------

    def _first_error(self) -> str | None:
        """The first field, in form order, whose note shows an error."""
        for _section, fields in SECTIONS:
            for key, _label, _placeholder in fields:
                if self.query_one(f"#note-{key}", Static).has_class("-error"):
                    return key
        return None

    async def action_save(self) -> None:
        self._validate_all()
        key = self._first_error()
        if key is not None:
            self.query_one(f"#f-{key}").focus()
            message = self.query_one(f"#note-{key}", Static).content
            self.notify(f"{key.replace('_', ' ')}: {getattr(message, 'plain', message)}", title=_("Not saved"),
                        severity="error", markup=False)
            return
        values = self.values()
        try:
            profile = self.build()
            await self.netui.commit(lambda: self.store.set_profile(profile), uids=None)
        except ValidationError as exc:
            self._note(exc.field, exc.message, "error") if self.query(f"#note-{exc.field}") else None
            widgets = self.query(f"#f-{exc.field}")
            if widgets:
                widgets.first().focus()
            self.notify(f"{exc.field.replace('_', ' ')}: {exc.message}", title=_("Not saved"), severity="error",
                        markup=False)
            return
        except CommitFailed:  # the app has said why
            return
        self._saved = values
        self._shown = self.store.profile()
        kind, message = cv_status(profile.cv_path)
        if kind == "warn":
            self.notify(_("Profile saved. CV file: {message}.").format(message=message), severity="warning", markup=False)
        else:
            self.notify(_("Profile saved."))
        self._refresh_side()

    def action_revert(self) -> None:
        """Undo the changes; with none, leave the field for the form, where the digits switch screens."""
        if self.unsaved:
            self._load(self.store.profile())
            self.notify(_("Changes undone."))
        elif isinstance(self.focused, (Input, TextArea, Select)):
            self.query_one("#p-form").focus()
