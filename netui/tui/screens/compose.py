"""The Compose screen: one email to one contact, from a template, with a live preview.

Left, the editor: the email (subject and body) or, on its second tab, the
template itself. Right, the preview of what the editor produces and the checks
of the method, both updated as you type: the email's own text in the frame that
shows the key (see EmailBody and LiveText), an edited template after a short
pause in typing (a debounce in an exclusive worker). Keys that must work while
the editor has focus are priority bindings on keys TextArea does not use.

The email is plain text the user owns: changing the template, the language or
the request re-renders it only while it has not been edited by hand;
otherwise ctrl+r asks before replacing it.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import (
    Header,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
    TextArea,
)

from netui.core import vocabulary
from netui.core.errors import CommitFailed, DraftingError, NetuiError, ValidationError
from netui.core.i18n import N_, _, ngettext, template_language
from netui.core.models import LANGUAGES, Contact, Draft, Event, Profile, check_date
from netui.outreach import batch as batches
from netui.outreach import channels, drafting, lint, sending
from netui.tui.base import stylesheet
from netui.tui.dialogs.confirm import ConfirmScreen
from netui.tui.dialogs.draft_dialogs import PathPrompt, TextModal
from netui.tui.editing import EditingScreen, values_dict
from netui.tui.keys import _l
from netui.tui.widgets.keybar import KeyBar
from netui.tui.widgets.live_text import LiveText
from netui.tui.widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from netui.outreach.clipboard import CopyResult
    from netui.outreach.mail import OpenResult
    from netui.tui.app import NetuiApp

LANG_LABELS = vocabulary.LANGUAGES
PREVIEW_DELAY = 0.03  # seconds of quiet typing before an edited *template* is compiled again
COPY_TIMEOUT = 2.0
TEMPLATE_PROBLEM = "template"  # the code of a check that the template could not render the email

#: A LinkedIn form's name as the counter and the preview show it.
FORM_LABELS = {"note": N_("note"), "message": N_("message")}
#: A draft field's name in a "not saved" message.
FIELD_LABELS = {"send_on": N_("send on"), "subject": N_("subject"), "body": N_("body"),
                "template": N_("template"), "lang": N_("lang")}
#: Whole sentences per part copied (Italian words them its own way).
COPY_TEXTS = {
    "body": {"empty": N_("The body is empty: nothing to copy."),
             "copied": N_("The body is on the clipboard ({how})."),
             "title": N_("Copy the body"), "what": N_("body")},
    "subject": {"empty": N_("The subject is empty: nothing to copy."),
                "copied": N_("The subject is on the clipboard ({how})."),
                "title": N_("Copy the subject"), "what": N_("subject")},
}


def form_label(form: str) -> str:
    """A LinkedIn form (note, message) in the language of the interface."""
    return _(FORM_LABELS[form]) if form in FORM_LABELS else form


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "email"


def default_eml_path(contact: Contact, day: date) -> Path:
    """`email-ada-lovelace-2026-05-10.eml` in the folder used last time, else Downloads or home
    (netui.outreach.eml_folder)."""
    from netui.outreach.eml_folder import default_folder

    return default_folder() / f"email-{_slug(contact.name)}-{day.isoformat()}.eml"


class EmailBody(TextEditor):
    """The email's body, which calls `changed` itself, in its own turn, on each change.

    Its Changed message reaches the screen only after six hops up the DOM, and the
    frame showing the key is drawn before that: the preview would trail the typing
    by a frame (up to 1/60 s). Called here, the preview shows in that same frame.
    """

    def __init__(self, *args: Any, changed: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._changed = changed

    def on_text_area_changed(self) -> None:
        self._changed()


class EmailField(Input):
    """An Input of the email (subject, send date) that calls `changed` itself, as EmailBody does."""

    def __init__(self, *args: Any, changed: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._changed = changed

    def on_input_changed(self) -> None:
        self._changed()


class PreviewPane(VerticalScroll):
    """The preview's frame: a focus stop (to scroll a long email by keys) that hands what is
    typed to the editor, so that a key typed after tabbing out of the body is never lost."""

    ACCEPTS_TEXT = True  # netui.tui.text_entry: the screen keys are text here too

    def __init__(self, *args: Any, typed: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed = typed

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self._typed(event.character)


class ComposeScreen(EditingScreen[None]):
    """Write (or edit) the email to one contact."""

    CSS_PATH = stylesheet("compose.tcss")

    RECOVERY_KIND = "compose"
    #: Below 100 columns the options take two rows (compose.tcss): on one, the Ask had no room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    #: In the order of use: the key bar leaves out the last ones when the terminal is narrow
    #: (help and the palette list them all). A letter key comes first where an F-key needs fn on a Mac.
    BINDINGS = [
        Binding("ctrl+s", "save", _l("Save"), priority=True),
        Binding("ctrl+b", "copy_body", _l("Copy body"), priority=True),
        Binding("ctrl+l,f4", "mark_sent", _l("Sent"), priority=True),
        Binding("escape", "back", _l("Back")),
        Binding("ctrl+o", "open_mail", _l("Mail app"), priority=True),
        # For a LinkedIn text ctrl+o opens LinkedIn instead of the mail app (check_action picks).
        Binding("ctrl+o", "linkedin_handoff", _l("Copy+LinkedIn"), priority=True),
        Binding("ctrl+g", "copy_subject", _l("Copy subj."), priority=True),
        Binding("ctrl+n,f8", "next_in_batch", _l("Next"), priority=True),
        Binding("ctrl+t", "toggle_editor", _l("Template"), priority=True),
        Binding("ctrl+r", "apply_template", _l("Render"), priority=True),
        Binding("f3", "export_eml", _l(".eml"), priority=True),
        Binding("f2", "save_template", _l("Save tpl"), priority=True),
    ]

    def __init__(self, contact_uid: str, template: str | None = None, draft_uid: str | None = None,
                 *, variables: dict[str, Any] | None = None, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.restore = values_dict(restore or {})  # edits kept in the recovery file, put back on mount
        self.contact_uid = contact_uid
        self.draft_uid = draft_uid
        self.initial_template = template
        self.variables = dict(variables or {})
        self.contact: Contact | None = None
        self.draft: Draft | None = None
        self.template = template or "generic"
        self.lang = "en"
        self.event: Event | None = None
        self._rendered: tuple[str, str] | None = None  # what the template last put in the editors
        self._saved: tuple[str, ...] | None = None  # the values at the last save
        self._fresh: tuple[str, ...] | None = None  # a new email's state as the template first wrote it
        self._loaded_source = ""
        self._loaded_key: tuple[str, str] | None = None
        self._pending_template: str | None = None  # a render error or note to show in the checks
        self._last_render: drafting.RenderedEmail | NetuiError | None = None  # of the template as it is
        self._render_running = False  # a render of the typed template is under way in its thread
        self._render_wanted = False  # the template changed since that render started
        self._ready = False
        self._bindings_state: tuple[bool | None, ...] | None = None  # check_action's answers last shown
        self.channel = channels.Channel()  # where the template's text goes: email or LinkedIn

    # --- building -------------------------------------------------------------

    def _load(self) -> None:
        store = self.store
        self.contact = store.contact(self.contact_uid)
        profile = store.profile()
        self.lang = template_language(profile.language)
        if self.draft_uid:
            self.draft = store.draft(self.draft_uid)
        if self.draft is not None:
            self.contact = store.contact(self.draft.contact_uid) or self.contact
            self.template = self.draft.template
            self.lang = self.draft.lang
            self.event = store.event(self.draft.event_uid) if self.draft.event_uid else None
            self.variables = {**self.draft.variables, **self.variables}
        elif self.initial_template is None and self.contact is not None:
            self.template = "personal" if self.contact.tier == "key" else "generic"

    def compose(self) -> ComposeResult:
        self._load()
        kept = self.restore
        if kept.get("lang") in LANGUAGES:
            self.lang = str(kept["lang"])
        if isinstance(kept.get("template"), str) and kept["template"]:
            self.template = kept["template"]
        templates = sorted({t.name for t in drafting.list_templates()} | {self.template})
        draft = self.draft
        yield Header()
        with Horizontal(id="c-head"):
            yield Static(self._to_line(), id="c-to", markup=False)
            yield LiveText("", id="c-status")
            yield LiveText("", id="c-counter")
        with Horizontal(id="c-options"):
            yield Static(_("Template"), classes="c-label")
            yield Select(vocabulary.TEMPLATES.choices(templates), value=self.template,
                         allow_blank=False, id="c-template", compact=True)
            yield Static(_("Language"), classes="c-label")
            yield Select([(LANG_LABELS[code], code) for code in LANGUAGES], value=self.lang,
                         allow_blank=False, id="c-lang", compact=True)
            yield Static(_("Ask"), classes="c-label")
            yield Input(str(self.variables.get("ask", "")), id="c-ask", compact=True,
                        placeholder=_("call, companies, cv, or your own words"))
            yield Static(_("Send on"), classes="c-label")
            yield EmailField(draft.send_on or "" if draft else "", id="c-send-on", compact=True,
                             placeholder=_("YYYY-MM-DD"), changed=self._email_changed)
        with Horizontal(id="c-main"):
            with Vertical(id="c-editor"):
                with TabbedContent(id="c-tabs"):
                    with TabPane("Email", id="tab-email"):
                        with Horizontal(id="c-subject-row"):
                            yield Static(_("Subject"), classes="c-label")
                            yield EmailField(draft.subject if draft else "", id="c-subject",
                                             placeholder=_("the subject line"), compact=True,
                                             changed=self._email_changed)
                        yield EmailBody(draft.body if draft else "", id="c-body", soft_wrap=True,
                                        tab_behavior="focus", show_line_numbers=False,
                                        changed=self._email_changed)
                    with TabPane(_("Template"), id="tab-template"):
                        yield Static("", id="c-source-note", markup=False)
                        yield TextEditor("", id="c-source", soft_wrap=True, tab_behavior="focus",
                                         show_line_numbers=True)
            with Vertical(id="c-side"):
                with PreviewPane(id="c-preview-box", typed=self._typed_in_preview):
                    yield LiveText("", id="c-preview")
                with VerticalScroll(id="c-checks-box", can_focus=False):
                    yield LiveText("", id="c-checks")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#c-preview-box").border_title = _("Preview")
        self.query_one("#c-checks-box").border_title = _("Checks")
        # ctrl+t switches the editor: the tab row is no focus stop between the send date and the subject.
        self.query_one("#c-tabs", TabbedContent).query_one(Tabs).can_focus = False
        if self.contact is None:
            self.notify(_("This contact no longer exists."), severity="error")
            self.call_after_refresh(self.action_back, True)
            return
        self._load_source()
        if self.draft is None:
            self._rerender(force=True)
        self._saved = None if self.draft is None else self._values()
        self._fresh = self._state() if self.draft is None else None
        if self.restore:
            self._put_back(self.restore)
        self._ready = True
        # The Ask is missing: the render says so by its field, whatever the language of the message.
        last = self._last_render
        needs_ask = (self._pending_template is not None and isinstance(last, DraftingError)
                     and last.field == "ask")
        self.query_one("#c-ask" if needs_ask else "#c-body").focus()
        self._refresh_preview()  # also shows the keys that apply

    def _typed_in_preview(self, text: str) -> None:
        """Text typed in the preview goes at the end of the editor it previews, which takes the focus."""
        editor = self.query_one("#c-source" if self._on_template_tab() else "#c-body", TextArea)
        editor.move_cursor(editor.document.end)
        editor.insert(text)
        editor.focus()

    def _put_back(self, kept: dict[str, Any]) -> None:
        """Fill the editors with edits kept in the recovery file."""
        for selector, key in (("#c-ask", "ask"), ("#c-send-on", "send_on"), ("#c-subject", "subject")):
            if isinstance(kept.get(key), str):
                self.query_one(selector, Input).value = kept[key]
        if isinstance(kept.get("body"), str):
            self.query_one("#c-body", TextArea).load_text(kept["body"])
        self.notify(_("Unsaved edits restored: review them, then ctrl+s saves."), title=_("Recovered"))

    def _to_line(self) -> str:
        contact = self.contact
        if contact is None:
            return _("To: (unknown contact)")
        if self.channel.is_linkedin:
            if contact.linkedin_url.strip():
                line = _("To: {name} on LinkedIn").format(name=contact.name)
            else:
                line = _("To: {name} (no LinkedIn URL)").format(name=contact.name)
        elif contact.email:
            line = _("To: {name} <{email}>").format(name=contact.name, email=contact.email)
        else:
            line = _("To: {name} (no email address)").format(name=contact.name)
        extra = " · ".join(p for p in (contact.position, contact.company) if p)
        return line + (f"  · {extra}" if extra else "")

    # --- values ------------------------------------------------------------------

    @property
    def subject(self) -> str:
        return self.query_one("#c-subject", Input).value

    @property
    def body(self) -> str:
        return self.query_one("#c-body", TextArea).text

    @property
    def source(self) -> str:
        return self.query_one("#c-source", TextArea).text

    def _extra_vars(self) -> dict[str, Any]:
        extra = dict(self.variables)
        ask = self.query_one("#c-ask", Input).value.strip()
        if ask:
            extra["ask"] = ask
        else:
            extra.pop("ask", None)
        return extra

    def _send_on(self) -> str:
        return self.query_one("#c-send-on", Input).value.strip()

    def _values(self) -> tuple[str, ...]:
        return (self.template, self.lang, self.subject, self.body, self._send_on())

    def _state(self) -> tuple[str, ...]:
        """What the user can change: the values and the Ask."""
        return (*self._values(), self.query_one("#c-ask", Input).value)

    @property
    def unsaved(self) -> bool:
        return self._saved != self._values()

    # --- the editing protocol ------------------------------------------------------

    @property
    def form_title(self) -> str:
        return _("the email to {name}").format(name=self.contact.name) if self.contact else _("an email")

    @property
    def is_dirty(self) -> bool:
        """Edits not saved as the draft. A new email counts once it differs from what the
        template first gave it: opening one and leaving loses nothing the user wrote."""
        if not self._ready or not self.is_mounted or not self.unsaved:
            return False
        return bool(self.draft_uid) or self._state() != self._fresh

    def recovery_values(self) -> dict[str, Any]:
        return {"template": self.template, "lang": self.lang, "subject": self.subject, "body": self.body,
                "send_on": self._send_on(), "ask": self.query_one("#c-ask", Input).value}

    def recovery_context(self) -> dict[str, Any]:
        return {"contact_uid": self.contact_uid, "draft_uid": self.draft_uid}

    @classmethod
    def reopen(cls, app: NetuiApp, entry: dict[str, Any]) -> bool:
        """The email again, with the kept text, while its contact exists."""
        contact_uid = entry.get("contact_uid")
        if not isinstance(contact_uid, str) or app.store.contact(contact_uid) is None:
            return False
        draft_uid = entry.get("draft_uid")
        if not isinstance(draft_uid, str) or app.store.draft(draft_uid) is None:
            draft_uid = None
        app.push_screen(cls(contact_uid, draft_uid=draft_uid, restore=entry))
        return True

    @property
    def hand_edited(self) -> bool:
        current = (self.subject, self.body)
        if not any(s.strip() for s in current):
            return False
        return self._rendered != current

    @property
    def template_edited(self) -> bool:
        return self.source != self._loaded_source

    # --- the template ------------------------------------------------------------

    def _load_source(self) -> None:
        note = self.query_one("#c-source-note", Static)
        try:
            info = drafting.find_template(self.template, self.lang)
            text = drafting.template_source(self.template, self.lang)
        except NetuiError as exc:
            text = ""
            note.update(str(exc))
        else:
            if info.origin == "user":
                line = _("{template} ({lang}), your copy: {path}")
            else:
                line = _("{template} ({lang}), shipped; f2 saves your own copy: {path}")
            note.update(line.format(template=self.template, lang=self.lang, path=info.path))
        self._loaded_source = text
        self._loaded_key = (self.template, self.lang)
        self._set_channel(channels.from_source(text))
        self.query_one("#c-source", TextArea).load_text(text)

    def _render_source(self) -> drafting.RenderedEmail:
        profile = self.store.profile()
        email = drafting.render_source(self.source, self.lang, profile, self.contact, self.event,
                                       self._extra_vars(), name=self.template, today=self.netui.today)
        self._set_channel(channels.from_headers(email.headers))
        return email

    def _set_channel(self, channel: channels.Channel) -> None:
        """A LinkedIn text has no subject: its row hides, a character counter shows."""
        changed = channel != self.channel
        self.channel = channel
        if changed:
            self.query_one("#c-to", Static).update(self._to_line())
        self.query_one("#c-subject-row").display = not channel.is_linkedin
        self.query_one("#c-counter").display = channel.is_linkedin

    def _rerender(self, force: bool = False, rendered: drafting.RenderedEmail | NetuiError | None = None) -> None:
        """Put the template's text in the editors (unless edited by hand, or forced);
        `rendered`: a render already made (in the thread), else one is made now."""
        try:
            if isinstance(rendered, NetuiError):
                raise rendered
            if rendered is not None:
                self._set_channel(channels.from_headers(rendered.headers))
            email = rendered if rendered is not None else self._render_source()
            self._last_render = email
        except NetuiError as exc:
            self._last_render = exc
            # A template problem matters for the email only while the template writes it; when
            # the email already has text, say that it was kept (it is not the template's text).
            if self.hand_edited and not force:
                self._pending_template = None
            elif (self.subject + self.body).strip():
                self._pending_template = _("{problem}; the email keeps its earlier text until the "
                                           "template renders").format(problem=exc)
            else:
                self._pending_template = str(exc)
            return
        self._pending_template = None
        if self.hand_edited and not force:
            if (email.subject, email.body) != (self.subject, self.body):
                self._pending_template = _("the template now gives a different text: ctrl+r puts it in the email")
            return
        self._rendered = (email.subject, email.body)
        self.query_one("#c-subject", Input).value = email.subject
        body = self.query_one("#c-body", TextArea)
        if body.text != email.body:
            body.load_text(email.body)

    # --- live preview ------------------------------------------------------------

    def _email_changed(self) -> None:
        """The subject, the body or the send date changed (EmailBody and EmailField call this)."""
        if self._ready:
            self._schedule()

    @on(TextArea.Changed, "#c-source")
    @on(Input.Changed, "#c-ask")
    def _template_input_changed(self) -> None:
        """A template (or the Ask) being typed: rendered in a thread, so that a slow
        template never holds the screen (a render is stopped after about a second
        anyway). One render at a time: keys typed meanwhile are rendered together next."""
        if not self._ready or self.contact is None:
            return
        self._render_wanted = True
        if not self._render_running:
            self._start_render()

    def _start_render(self) -> None:
        assert self.contact is not None
        self._render_wanted = False
        self._render_running = True
        self._render_worker(self.source, self.lang, self.store.profile(), self.contact, self.event,
                            self._extra_vars(), self.template, self.netui.today)

    @work(thread=True, group="render")
    def _render_worker(self, source: str, lang: str, profile: Profile, contact: Contact, event: Event | None,
                       extra: dict[str, Any], name: str, today: date) -> None:
        time.sleep(PREVIEW_DELAY)  # a pause in typing: the keys of a burst render once
        try:
            result: drafting.RenderedEmail | NetuiError = drafting.render_source(
                source, lang, profile, contact, event, extra, name=name, today=today)
        except NetuiError as exc:
            result = exc
        self.app.call_from_thread(self._render_arrived, result)

    def _render_arrived(self, result: drafting.RenderedEmail | NetuiError) -> None:
        """A render from the thread arrived: the editors and the preview follow it, unless
        the text changed meanwhile (then the newest text is rendered instead)."""
        self._render_running = False
        if not self.is_mounted:
            return
        if self._render_wanted:
            self._start_render()
            return
        self._last_render = result
        self._rerender(rendered=result)
        self._schedule()

    @on(Select.Changed, "#c-template")
    @on(Select.Changed, "#c-lang")
    def _template_changed(self) -> None:
        if not self._ready:
            return
        template = self.query_one("#c-template", Select).value
        lang = self.query_one("#c-lang", Select).value
        if (template, lang) == (self.template, self.lang):
            return
        if not self.template_edited:
            self._switch_template(str(template), str(lang))
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self._switch_template(str(template), str(lang))
                return
            # Keep editing: the choices go back to the template being edited.
            for selector, value in (("#c-template", self.template), ("#c-lang", self.lang)):
                select = self.query_one(selector, Select)
                with select.prevent(Select.Changed):
                    select.value = value

        self.app.push_screen(ConfirmScreen(
            _("You edited the template {template} ({lang}) and did not save it (f2). "
              "Switch anyway and drop those edits?").format(template=self.template, lang=self.lang),
            yes=_("Switch, drop edits"), no=_("Keep editing"), danger=True), answered)

    def _switch_template(self, template: str, lang: str) -> None:
        self.template, self.lang = template, lang
        self._load_source()
        self._rerender()
        self._schedule()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        if self._ready:
            self._schedule()
            self._refresh_bindings_if_changed()  # at once: a template's preview waits a little

    def _schedule(self) -> None:
        """Preview the email's own text at once, so that it shows in the same frame as the
        key that changed it (a worker would show it one frame later, up to 1/60 s on top);
        an edited template waits for a pause in typing (compiling it takes longer than a frame)."""
        if self._on_template_tab():
            self._preview_worker()
            return
        self.workers.cancel_group(self, "preview")
        self._refresh_preview()

    @work(exclusive=True, group="preview")
    async def _preview_worker(self) -> None:
        await asyncio.sleep(PREVIEW_DELAY)
        try:
            self._refresh_preview()
        except NoMatches:  # the screen went away while the worker waited
            pass

    def _on_template_tab(self) -> bool:
        return self.query_one("#c-tabs", TabbedContent).active == "tab-template"

    def _refresh_preview(self) -> None:
        """Redraw the preview and the checks from what is in the editors now."""
        contact = self.contact
        if contact is None:
            return
        problems: list[str] = []
        if self._on_template_tab():
            last = self._last_render
            if last is None:  # nothing rendered yet (the tab opened on a template never rendered)
                try:
                    last = self._render_source()
                except NetuiError as exc:
                    last = exc
                self._last_render = last
            if isinstance(last, NetuiError):
                subject, body = "", ""
                problems.append(str(last))
            else:
                subject, body = last.subject, last.body
        else:
            subject, body = self.subject, self.body
            if self._pending_template:
                problems.append(self._pending_template)
        # One list of checks for both panes: the template's problems head it, and the preview
        # repeats those, so that a problem never shows in one pane and not in the other.
        found = [lint.Warning(TEMPLATE_PROBLEM, problem) for problem in problems] + self._checks(subject, body)
        shown = [warning.message for warning in found if warning.code == TEMPLATE_PROBLEM]
        self.query_one("#c-preview", LiveText).update(self._preview_content(contact, subject, body, shown))
        if self.channel.is_linkedin:
            self.query_one("#c-counter", LiveText).update(self._counter_content(body))
        self.query_one("#c-checks", LiveText).update(self._checks_content(found))
        self._update_status()
        self._refresh_bindings_if_changed()

    def _counter_content(self, body: str) -> Content:
        """`note 212/300`: LinkedIn counts every character and refuses a longer text."""
        top = channels.limit(self.channel, self.store.profile()) or 0
        size = channels.length(body)
        style = "bold $error" if size > top else ("$warning" if size > top * 0.9 else "$success")
        over = size > top
        return Content.assemble((f"{form_label(self.channel.form)} ", "dim"), (f"{size:,}/{top:,}", style),
                                ("  " + _("too long") if over else "", "bold $error"))

    def _preview_content(self, contact: Contact, subject: str, body: str, problems: list[str]) -> Content:
        parts: list[Any] = []
        for problem in problems:
            parts.append((f"⚠ {problem}\n\n", "bold $error"))
        # The labels and the values in their own styles: one template per line, split at its value.
        if self.channel.is_linkedin:
            label, _sep, rest = _("To: {value}").partition("{value}")
            parts.append((label, "dim"))
            parts.append(_("{name} on LinkedIn ({form})").format(name=contact.name,
                                                                 form=form_label(self.channel.form)))
            parts.append((rest, "dim"))
            parts.append(("\n" + "─" * 40 + "\n", "dim"))
            parts.append(body)
            return Content.assemble(*parts)
        label, _sep, rest = _("To: {value}").partition("{value}")
        parts.append((label, "dim"))
        parts.append(contact.email or _("(no email address)"))
        parts.append((rest, "dim"))
        label, _sep, rest = _("Subject: {value}").partition("{value}")
        parts.append(("\n" + label, "dim"))
        parts.append((subject or _("(empty)"), "bold"))
        parts.append((rest, "dim"))
        parts.append(("\n" + "─" * 40 + "\n", "dim"))
        parts.append(body)
        return Content.assemble(*parts)

    def _checks(self, subject: str, body: str) -> list[lint.Warning]:
        store = self.store
        profile = store.profile()
        assert self.contact is not None
        found = lint.check_draft(self.template, subject, body, self.contact, profile, self.lang,
                                 channel=self.channel.name, form=self.channel.form)
        draft = store.draft(self.draft_uid) if self.draft_uid else None
        if draft is not None and draft.batch_uid:
            found += batches.similar_in_batch(store, draft.batch_uid, {draft.uid: body}, only=draft.uid)
            send_on = self._send_on()
            if send_on:
                found += batches.check_send_on(store, draft, send_on)
        return found

    @staticmethod
    def _checks_content(found: list[lint.Warning]) -> Content:
        if not found:
            return Content.assemble(("✓ ", "bold $success"), _("No problems found."))
        parts: list[Any] = []
        for index, warning in enumerate(found):
            parts.append(("\n" if index else "") + "")
            parts.append(("⚠ ", "bold $warning"))
            parts.append(warning.message)
        return Content.assemble(*parts)

    def _update_status(self) -> None:
        bits = []
        draft = self.store.draft(self.draft_uid) if self.draft_uid else None
        if draft is None:
            bits.append(_("new draft"))
        else:
            bits.append(vocabulary.DRAFT_STATUSES.label(draft.status))
            if draft.batch_uid:
                progress = batches.progress(self.store, draft.batch_uid)
                bits.append(ngettext("batch {sent} of {total} sent", "batch {sent} of {total} sent",
                                     progress.total).format(sent=progress.sent, total=progress.total))
        if self.unsaved:
            bits.append(_("unsaved"))
        if self.template_edited:
            bits.append(_("template edited"))
        self.query_one("#c-status", LiveText).update(" · ".join(bits))

    # --- bindings that only apply sometimes ----------------------------------------

    #: The actions check_action may hide: keep it in step with check_action below.
    _DYNAMIC_ACTIONS = ("save_template", "next_in_batch", "apply_template", "linkedin_handoff", "open_mail",
                        "export_eml", "copy_subject")

    def _refresh_bindings_if_changed(self) -> None:
        """Refresh the bindings only when a key's state changed: on every refresh the Footer
        removes and mounts all its keys again (two more frames and layouts of work,
        which were done after every key typed)."""
        if not self.is_mounted:  # check_action allows everything until then: nothing to remember
            self.refresh_bindings()
            return
        state = tuple(self.check_action(action, ()) for action in self._DYNAMIC_ACTIONS)
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (False) the keys that do not apply here; Textual 8 dims on None."""
        if not self.is_mounted or not self._ready:
            return True
        if action == "save_template":
            return self._on_template_tab()
        if action == "next_in_batch":
            draft = self.store.draft(self.draft_uid) if self.draft_uid else None
            return draft is not None and bool(draft.batch_uid)
        if action == "apply_template":
            return bool(self.template_edited or self._pending_template or self._on_template_tab())
        if action == "linkedin_handoff":
            return self.channel.is_linkedin
        if action in ("open_mail", "export_eml", "copy_subject"):
            return not self.channel.is_linkedin
        return True

    # --- saving ------------------------------------------------------------------

    def _kept_variables(self) -> dict[str, str]:
        """The template variables to keep on the draft (the Ask as typed now)."""
        kept = {k: str(v) for k, v in self.variables.items()}
        ask = self.query_one("#c-ask", Input).value.strip()
        if ask:
            kept["ask"] = ask
        else:
            kept.pop("ask", None)
        return kept

    def _draft_now(self, status: str | None) -> Draft:
        """The draft as the editors hold it (a new one the first time); raises ValidationError."""
        assert self.contact is not None
        send_on = check_date("send_on", self._send_on())
        existing = self.store.draft(self.draft_uid) if self.draft_uid else None
        if existing is not None:
            return existing.copy(template=self.template, lang=self.lang, subject=self.subject, body=self.body,
                                 send_on=send_on, status=status or existing.status,
                                 variables=self._kept_variables())
        return Draft(contact_uid=self.contact.uid, template=self.template, lang=self.lang, subject=self.subject,
                     body=self.body, send_on=send_on, status=status or "draft",
                     event_uid=self.event.uid if self.event else None, variables=self._kept_variables())

    async def save(self, status: str | None = None, quiet: bool = False) -> Draft | None:
        """Write the draft through the app; errors become a notification and None."""
        store = self.store
        assert self.contact is not None
        values = self._values()
        try:
            draft = self._draft_now(status)
            is_new = store.draft(draft.uid) is None
            stored, _saved = await self.netui.commit(
                lambda: store.add_draft(draft) if is_new else store.update_draft(draft), uids=set())
        except ValidationError as exc:
            field = FIELD_LABELS.get(exc.field)
            self.notify(_("{field}: {message}").format(field=_(field) if field else exc.field.replace("_", " "),
                                                       message=exc.message),
                        title=_("Not saved"), severity="error", markup=False)
            return None
        except CommitFailed:  # the app has said why
            return None
        self.draft_uid = stored.uid
        self.draft = stored
        self._saved = values
        if not quiet:
            self.notify(_("Draft to {name} saved.").format(name=self.contact.name), markup=False)
        self._refresh_preview()
        self.refresh_bindings()
        return stored

    async def action_save(self) -> None:
        await self.save()

    def action_save_template(self) -> None:
        try:
            path = drafting.save_user_template(self.template, self.lang, self.source)
        except NetuiError as exc:
            self.notify(str(exc), title=_("Template not saved"), severity="error", markup=False)
            return
        self._loaded_source = self.source
        self.notify(_("Template saved to {path} (the shipped one is unchanged).").format(path=path), markup=False)
        self._refresh_preview()

    def action_apply_template(self) -> None:
        try:
            self._render_source()
        except NetuiError as exc:
            self.notify(str(exc), title=_("Template"), severity="error", markup=False)
            return
        if not self.hand_edited:
            self._rerender(force=True)
            self._schedule()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._rerender(force=True)
                self._schedule()

        self.app.push_screen(ConfirmScreen(_("Replace the subject and body you edited with the template's text?"),
                                           yes=_("Replace"), no=_("Keep mine")), answered)

    def action_toggle_editor(self) -> None:
        tabs = self.query_one("#c-tabs", TabbedContent)
        if tabs.active == "tab-email":
            tabs.active = "tab-template"
            self.query_one("#c-source", TextArea).focus()
        else:
            tabs.active = "tab-email"
            self.query_one("#c-body", TextArea).focus()

    # --- copy ----------------------------------------------------------------------

    async def action_copy_body(self) -> None:
        await self._copy(self.body, "body")

    async def action_copy_subject(self) -> None:
        await self._copy(self.subject, "subject")

    async def _copy(self, text: str, what: str) -> None:
        if not text.strip():
            self.notify(_(COPY_TEXTS[what]["empty"]), severity="warning")
            return
        if what == "body":
            await self.save(status=None if self._status() == "sent" else "copied", quiet=True)
        self._copy_worker(text, what)

    def _status(self) -> str | None:
        draft = self.store.draft(self.draft_uid) if self.draft_uid else None
        return draft.status if draft else None

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, text: str, what: str) -> None:
        from netui.outreach import clipboard

        try:
            result = clipboard.copy(text, timeout=COPY_TIMEOUT)
        except Exception as exc:  # clipboard.copy never raises; belt and braces
            result = clipboard.CopyResult(False, "pyperclip", _("clipboard copy failed: {problem}").format(problem=exc))
        self.app.call_from_thread(self._copied, text, what, result)

    def _copied(self, text: str, what: str, result: CopyResult) -> None:
        if result.ok:
            self.notify(_(COPY_TEXTS[what]["copied"]).format(how=result.message), title=_("Copied"),
                        markup=False)
            return
        try:
            self.app.copy_to_clipboard(text)
            osc = True
        except Exception:
            osc = False
        from netui.outreach.clipboard import fallback_note

        # The dialog says it all: no toast on top of it.
        note = fallback_note(result, _(COPY_TEXTS[what]["what"]), osc52=osc)

        def answered(choice: str | None) -> None:
            if choice == "eml":
                self.action_export_eml()

        self.app.push_screen(TextModal(_(COPY_TEXTS[what]["title"]), note, text), answered)

    # --- LinkedIn ----------------------------------------------------------------------

    async def action_linkedin_handoff(self) -> None:
        """Copy the text and open the contact's LinkedIn profile, to paste it there."""
        assert self.contact is not None
        if not self.channel.is_linkedin:
            return
        too_long = [w for w in self._checks(self.subject, self.body) if w.code in lint.BLOCKING]
        if too_long:
            self.notify(too_long[0].message, title=_("Not copied"), severity="error", markup=False)
            return
        await self._copy(self.body, "body")
        url = channels.profile_url(self.contact)
        if not url:
            self.notify(channels.no_url_message(self.contact), title=_("No LinkedIn URL"), severity="warning",
                        markup=False, timeout=8)
            return
        self._browser_worker(url)

    @work(thread=True, exclusive=True, group="browser")
    def _browser_worker(self, url: str) -> None:
        try:
            result = channels.open_in_browser(url)
        except Exception as exc:  # open_in_browser never raises; belt and braces
            result = channels.OpenResult(False, _("could not open the browser ({problem})").format(problem=exc))
        self.app.call_from_thread(self._browser_opened, result)

    def _browser_opened(self, result: channels.OpenResult) -> None:
        if result.ok:
            self.notify(_("{opened}: paste the text there, then f4 marks it sent.").format(opened=result.message),
                        markup=False)
        else:
            self.notify(result.message, title=_("Browser"), severity="warning", markup=False, timeout=8)

    # --- mail client and .eml --------------------------------------------------------

    def action_open_mail(self) -> None:
        from netui.outreach.mail import mailto_url, prefer_eml

        assert self.contact is not None
        url = mailto_url(self.contact.email, self.subject, self.body)
        if prefer_eml(url):
            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_export_eml()
                else:
                    self._open_worker(url)

            self.app.push_screen(ConfirmScreen(
                ngettext("This email makes a {count:,}-character mailto: link; some mail clients cut long "
                         "links. Save it as an .eml file instead?",
                         "This email makes a {count:,}-character mailto: link; some mail clients cut long "
                         "links. Save it as an .eml file instead?", len(url)).format(count=len(url)),
                yes=_("Save .eml"), no=_("Open the link anyway")), answered)
            return
        self._open_worker(url)

    @work(thread=True, exclusive=True, group="mailto")
    def _open_worker(self, url: str) -> None:
        from netui.outreach.mail import OpenResult, open_mailto

        try:
            result = open_mailto(url)
        except Exception as exc:
            result = OpenResult(False, "", _("cannot open it: {problem}").format(problem=exc))
        self.app.call_from_thread(self._opened, result)

    def _opened(self, result: OpenResult) -> None:
        if result.ok:
            self.notify(_("Opening your mail client ({how}).").format(how=result.message), markup=False)
        else:
            self.notify(_("Could not open the mail client: {problem}. Copy the body (ctrl+b) or save "
                          "an .eml (f3) instead.").format(problem=result.message),
                        severity="warning", markup=False, timeout=8)

    def action_export_eml(self) -> None:
        assert self.contact is not None
        default = default_eml_path(self.contact, self.netui.today)

        def chosen(path: str | None) -> None:
            if path:
                self._write_eml(path)

        self.app.push_screen(PathPrompt(_("Save the email as an .eml draft (opens in your mail client):"),
                                        str(default), _("Enter saves, escape cancels.")), chosen)

    def _write_eml(self, path: str) -> None:
        from netui.outreach.mail import write_eml

        assert self.contact is not None
        try:
            target = write_eml(path, self.contact.email, self.subject, self.body)
        except NetuiError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
            return
        except OSError as exc:
            self.notify(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc),
                        title=_("Not saved"), severity="error", markup=False)
            return
        from netui.outreach.eml_folder import remember_folder

        remember_folder(target)
        self.notify(_("Saved {path}: open it with your mail client and attach anything needed.").format(path=target),
                    markup=False)

    # --- sending -------------------------------------------------------------------

    async def action_mark_sent(self) -> None:
        if self._status() == "sent":
            self.notify(_("This draft is already marked as sent."), severity="warning")
            return
        draft = await self.save(quiet=True)
        if draft is None:
            return
        today = self.netui.today
        try:
            interaction, _saved = await self.netui.commit(
                lambda: sending.mark_sent(self.store, draft.uid, today=today), uids={draft.contact_uid})
        except (CommitFailed, ValidationError):
            return
        self.notify(sending.sent_message(self.store, draft, interaction), title=_("Marked as sent"), markup=False)
        self._refresh_preview()
        if draft.batch_uid and batches.next_unsent(self.store, draft.batch_uid, draft.uid):
            self.action_next_in_batch()

    def action_next_in_batch(self) -> None:
        draft = self.store.draft(self.draft_uid) if self.draft_uid else None
        if draft is None or not draft.batch_uid:
            return
        following = batches.next_unsent(self.store, draft.batch_uid, draft.uid)
        if following is None:
            self.notify(_("Every other draft of this batch is sent."))
            return

        def go() -> None:
            self._saved = self._values()  # dropped: nothing left to ask about
            self.app.switch_screen(ComposeScreen(following.contact_uid, draft_uid=following.uid))

        self.confirm_drop(go, _("Leave this draft without saving your changes?"))

    # --- leaving -------------------------------------------------------------------

    def action_back(self, force: bool = False) -> None:
        def leave() -> None:
            self._saved = self._values()  # dropped: nothing left to ask about
            if len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            else:
                self.app.switch_mode("drafts")

        if force:
            leave()
        else:
            self.confirm_drop(leave, _("Leave without saving this draft?"))
