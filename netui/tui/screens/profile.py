"""The Profile screen (`4`): you, as the email templates see you.

Every profile field of the design: text fields, lists edited one item a line,
the language, the CV path (checked to exist), the signature and the
keep-in-touch cadences. Beside the form, which templates can already be
rendered and which fields each still misses, updated as you type. ctrl+s saves;
a refused value is shown under its field and gets the focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Select, Static, TextArea

from netui.core.errors import NetuiError, ValidationError
from netui.core.models import LANGUAGES, PROFILE_INT_KEYS, PROFILE_LIST_KEYS, Profile, check_email
from netui.outreach import drafting

LANG_LABELS = {"it": "Italiano", "en": "English"}

#: (section, [(key, label, placeholder)]) in the order of the form.
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("You", [
        ("first_name", "First name", ""),
        ("last_name", "Last name", ""),
        ("email", "Email", "you@example.org"),
        ("phone", "Phone", ""),
    ]),
    ("Where you are now", [
        ("current_position", "Position", "e.g. Data analyst"),
        ("current_company", "Company", ""),
        ("time_in_role", "Time in role", "e.g. three years"),
        ("current_sector", "Sector", "e.g. banking"),
    ]),
    ("What you are looking for", [
        ("target_sector", "Target sector", "e.g. renewable energy"),
        ("target_position", "Target position", "e.g. data engineer"),
        ("target_location", "Where", "e.g. Milan or remote"),
        ("target_work_type", "Kind of work", "e.g. full time, hybrid"),
        ("company_traits", "Companies you like", "one trait a line"),
        ("target_companies", "Target companies", "one company a line"),
        ("experiences", "Experiences", "one experience a line"),
    ]),
    ("Sending", [
        ("cv_path", "CV file", "~/Documents/cv.pdf"),
        ("signature", "Signature", "empty: your name, phone and email"),
        ("language", "Language", ""),
        ("cadence_key_days", "Key contacts every", "days"),
        ("cadence_network_days", "Others every", "days"),
        ("questions", "First-meeting questions", "one question a line (empty: the method's three)"),
    ]),
    ("LinkedIn and visibility", [
        ("linkedin_note_limit", "Connection note limit", "characters: 300, or 200 on a free account"),
        ("linkedin_message_limit", "Message limit", "characters"),
        ("posts_per_week", "Posts a week", "your target (0: none)"),
        ("checkup_every_days", "Check-up every", "days"),
    ]),
]
MULTILINE = set(PROFILE_LIST_KEYS) | {"signature"}
INT_KEYS = tuple(PROFILE_INT_KEYS)


def cv_status(path_text: str) -> tuple[str, str]:
    """("ok"|"warn"|"", message) for the CV path as typed."""
    text = path_text.strip()
    if not text:
        return "", "no CV yet: emails that mention it will remind you"
    path = Path(text).expanduser()
    if path.is_file():
        return "ok", f"found ({path.stat().st_size / 1024:,.0f} KB): attach it when you send"
    if path.is_dir():
        return "warn", "this is a folder: give the CV file itself"
    return "warn", "no file at this path"


class ProfileScreen(Screen):
    """Edit your profile; see which templates still miss a field."""

    DEFAULT_CSS = """
    ProfileScreen #p-main { height: 1fr; }
    ProfileScreen #p-form { width: 2fr; padding: 0 1; }
    ProfileScreen #p-side { width: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    ProfileScreen .p-section { text-style: bold; color: $accent; margin: 1 0 0 0; }
    ProfileScreen .p-row { height: auto; }
    ProfileScreen .p-label { width: 24; color: $text-muted; padding: 0 1 0 0; }
    ProfileScreen .p-row > Input, ProfileScreen .p-row > Select { width: 1fr; }
    ProfileScreen .p-row > TextArea { width: 1fr; height: 4; padding: 0; }
    ProfileScreen .p-row > Input, ProfileScreen .p-row > TextArea { background: $boost; }
    ProfileScreen .p-row { margin-bottom: 0; }
    ProfileScreen .p-note { height: auto; padding: 0 0 0 24; color: $text-muted; }
    ProfileScreen .p-note.-error { color: $error; }
    ProfileScreen .p-note.-warn { color: $warning; }
    ProfileScreen .p-note.-ok { color: $success; }
    ProfileScreen .p-note.-empty { display: none; }
    ProfileScreen #p-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "revert", "Undo changes"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saved: dict[str, Any] | None = None
        self._ready = False

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        profile = self.store.profile()
        yield Header()
        yield Static("", id="p-status", markup=False)
        with Horizontal(id="p-main"):
            with VerticalScroll(id="p-form"):
                for section, fields in SECTIONS:
                    yield Static(section, classes="p-section")
                    for key, label, placeholder in fields:
                        with Horizontal(classes="p-row"):
                            yield Static(label, classes="p-label", markup=False)
                            yield self._widget(profile, key, placeholder)
                        yield Static("", id=f"note-{key}", classes="p-note -empty", markup=False)
            with VerticalScroll(id="p-side"):
                yield Static("", id="p-templates")
        yield Footer()

    @staticmethod
    def _widget(profile: Profile, key: str, placeholder: str) -> Any:
        value = getattr(profile, key)
        if key == "language":
            return Select([(LANG_LABELS[c], c) for c in LANGUAGES], value=value, allow_blank=False,
                          id=f"f-{key}", compact=True)
        if key in MULTILINE:
            text = "\n".join(value) if isinstance(value, list) else value
            area = TextArea(text, id=f"f-{key}", soft_wrap=True, tab_behavior="focus", compact=True,
                            placeholder=placeholder)
            return area
        return Input(str(value), id=f"f-{key}", placeholder=placeholder, compact=True,
                     type="integer" if key in INT_KEYS else "text")

    def on_mount(self) -> None:
        self.query_one("#p-side").border_title = "Templates"
        self._saved = self.values()
        self._ready = True
        self.query_one("#f-first_name", Input).focus()
        self._validate_all()
        self._refresh_side()

    def on_screen_resume(self) -> None:
        if self._ready and not self.unsaved:
            self._load(self.store.profile())

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
            else:
                found[key] = widget.value  # type: ignore[attr-defined]
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
                    low, high, unit = PROFILE_INT_KEYS[key]
                    raise ValidationError(key, f"expected a whole number of {unit} from {low} to {high}") from None
            elif key == "signature":
                setattr(profile, key, raw.strip("\n"))
            else:
                setattr(profile, key, str(raw).strip())
        return profile.validate()

    def _load(self, profile: Profile) -> None:
        self._ready = False
        for key in Profile.keys():
            widgets = self.query(f"#f-{key}")
            if not widgets:
                continue
            widget = widgets.first()
            value = getattr(profile, key)
            if isinstance(widget, Select):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.load_text("\n".join(value) if isinstance(value, list) else value)
            else:
                widget.value = str(value)  # type: ignore[attr-defined]
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
            low, high, unit = PROFILE_INT_KEYS[key]
            ok = raw.isdigit() and low <= int(raw) <= high
            self._note(key, "" if ok else f"a whole number of {unit} from {low} to {high}", "" if ok else "error")
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
        status = "unsaved changes: ctrl+s saves" if self.unsaved else "saved"
        self.query_one("#p-status", Static).update(f"Your profile · {status}")
        parts: list[Any] = []
        if profile is None:
            parts.append(("Fix the fields marked in red to see the templates.", "$error"))
        else:
            lang = profile.language
            parts.append((f"Ready to use ({LANG_LABELS.get(lang, lang)}):\n", "bold"))
            for info in drafting.list_templates(lang):
                try:
                    missing = drafting.missing_profile_fields(info.name, lang, profile)
                except NetuiError as exc:
                    parts.extend([("✗ ", "bold $error"), f"{info.name}: {exc}\n"])
                    continue
                if missing:
                    parts.extend([("✗ ", "bold $warning"), (info.name, "bold"),
                                  f": fill {', '.join(m.replace('_', ' ') for m in missing)}\n"])
                else:
                    parts.extend([("✓ ", "bold $success"), (info.name, "bold"), "\n"])
            if not profile.cv_path:
                parts.append(("\nNo CV path: emails that mention your CV will remind you to attach it.",
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

    def action_save(self) -> None:
        self._validate_all()
        key = self._first_error()
        if key is not None:
            self.query_one(f"#f-{key}").focus()
            message = self.query_one(f"#note-{key}", Static).content
            self.notify(f"{key.replace('_', ' ')}: {getattr(message, 'plain', message)}", title="Not saved",
                        severity="error", markup=False)
            return
        try:
            profile = self.build()
            self.store.set_profile(profile)
        except ValidationError as exc:
            self._note(exc.field, exc.message, "error") if self.query(f"#note-{exc.field}") else None
            widgets = self.query(f"#f-{exc.field}")
            if widgets:
                widgets.first().focus()
            self.notify(f"{exc.field.replace('_', ' ')}: {exc.message}", title="Not saved", severity="error",
                        markup=False)
            return
        except NetuiError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self._saved = self.values()
        kind, message = cv_status(profile.cv_path)
        if kind == "warn":
            self.notify(f"Profile saved. CV file: {message}.", severity="warning", markup=False)
        else:
            self.notify("Profile saved.")
        self._refresh_side()

    def action_revert(self) -> None:
        if self.unsaved:
            self._load(self.store.profile())
            self.notify("Changes undone.")
