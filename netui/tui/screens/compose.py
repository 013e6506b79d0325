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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from netui.core.errors import NetuiError, ValidationError
from netui.core.models import LANGUAGES, Contact, Draft, check_date
from netui.outreach import batch as batches
from netui.outreach import drafting, lint
from netui.tui.dialogs.draft_dialogs import Confirm, PathPrompt, TextModal
from netui.tui.widgets.live_text import LiveText

LANG_LABELS = {"it": "Italiano", "en": "English"}
PREVIEW_DELAY = 0.03  # seconds of quiet typing before an edited *template* is compiled again
COPY_TIMEOUT = 2.0


def today() -> date:
    """Today's date (tests pin it)."""
    return date.today()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "email"


def default_eml_path(contact: Contact, day: date) -> Path:
    """`email-ada-lovelace-2026-05-10.eml` in the folder used last time, else Downloads or home
    (netui.outreach.eml_folder)."""
    from netui.outreach.eml_folder import default_folder

    return default_folder() / f"email-{_slug(contact.name)}-{day.isoformat()}.eml"


class EmailBody(TextArea):
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


class ComposeScreen(Screen):
    """Write (or edit) the email to one contact."""

    DEFAULT_CSS = """
    ComposeScreen #c-head { height: auto; padding: 0 1; }
    ComposeScreen #c-to { width: 1fr; height: 1; padding: 0 1 0 0; text-style: bold; }
    ComposeScreen #c-status { width: auto; height: 1; color: $text-muted; }
    ComposeScreen #c-options { height: auto; padding: 0 1; }
    ComposeScreen .c-label { width: auto; color: $text-muted; padding: 0 1 0 0; }
    ComposeScreen #c-options Select { width: 20; margin-right: 2; }
    ComposeScreen #c-lang { width: 14; }
    ComposeScreen #c-ask { width: 1fr; margin-right: 2; }
    ComposeScreen #c-send-on { width: 14; }
    ComposeScreen #c-main { height: 1fr; }
    ComposeScreen #c-editor { width: 1fr; }
    ComposeScreen #c-editor TabPane { padding: 0; }
    ComposeScreen #c-subject-row { height: 1; margin: 1 0; padding: 0 1; }
    ComposeScreen #c-subject { width: 1fr; }
    ComposeScreen #c-body, ComposeScreen #c-source { height: 1fr; }
    ComposeScreen #c-source-note { color: $text-muted; height: auto; padding: 0 1; }
    ComposeScreen #c-side { width: 1fr; padding: 0 0 0 1; }
    ComposeScreen .c-title { text-style: bold; color: $accent; height: 1; padding: 0 1; }
    ComposeScreen #c-preview-box { height: 2fr; border: round $panel-lighten-2; padding: 0 1; }
    ComposeScreen #c-checks-box { height: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+b", "copy_body", "Copy body", priority=True),
        Binding("ctrl+g", "copy_subject", "Copy subj.", priority=True),
        Binding("ctrl+o", "open_mail", "Mail app", priority=True),
        Binding("f3", "export_eml", ".eml", priority=True),
        Binding("f4", "mark_sent", "Sent", priority=True),
        Binding("ctrl+t", "toggle_editor", "Template", priority=True),
        Binding("ctrl+r", "apply_template", "Render", priority=True),
        Binding("f2", "save_template", "Save tpl", priority=True),
        Binding("f8", "next_in_batch", "Next", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, contact_uid: str, template: str | None = None, draft_uid: str | None = None,
                 *, variables: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.contact_uid = contact_uid
        self.draft_uid = draft_uid
        self.initial_template = template
        self.variables = dict(variables or {})
        self.contact: Contact | None = None
        self.draft: Draft | None = None
        self.template = template or "generic"
        self.lang = "en"
        self.event = None
        self._rendered: tuple[str, str] | None = None  # what the template last put in the editors
        self._saved: tuple[str, ...] | None = None  # the values at the last save
        self._loaded_source = ""
        self._loaded_key: tuple[str, str] | None = None
        self._pending_template: str | None = None  # a render error or note to show in the checks
        self._ready = False
        self._bindings_state: tuple[bool | None, ...] | None = None  # check_action's answers last shown

    # --- building -------------------------------------------------------------

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def _load(self) -> None:
        store = self.store
        self.contact = store.contact(self.contact_uid)
        profile = store.profile()
        self.lang = profile.language
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
        templates = sorted({t.name for t in drafting.list_templates()} | {self.template})
        draft = self.draft
        yield Header()
        with Horizontal(id="c-head"):
            yield Static(self._to_line(), id="c-to", markup=False)
            yield LiveText("", id="c-status")
        with Horizontal(id="c-options"):
            yield Static("Template", classes="c-label")
            yield Select([(n.replace("_", " "), n) for n in templates], value=self.template,
                         allow_blank=False, id="c-template", compact=True)
            yield Static("Language", classes="c-label")
            yield Select([(LANG_LABELS[code], code) for code in LANGUAGES], value=self.lang,
                         allow_blank=False, id="c-lang", compact=True)
            yield Static("Ask", classes="c-label")
            yield Input(str(self.variables.get("ask", "")), id="c-ask", compact=True,
                        placeholder="call, companies, cv, or your own words")
            yield Static("Send on", classes="c-label")
            yield EmailField(draft.send_on or "" if draft else "", id="c-send-on", compact=True,
                             placeholder="YYYY-MM-DD", changed=self._email_changed)
        with Horizontal(id="c-main"):
            with Vertical(id="c-editor"):
                with TabbedContent(id="c-tabs"):
                    with TabPane("Email", id="tab-email"):
                        with Horizontal(id="c-subject-row"):
                            yield Static("Subject", classes="c-label")
                            yield EmailField(draft.subject if draft else "", id="c-subject",
                                             placeholder="the subject line", compact=True,
                                             changed=self._email_changed)
                        yield EmailBody(draft.body if draft else "", id="c-body", soft_wrap=True,
                                        tab_behavior="focus", show_line_numbers=False,
                                        changed=self._email_changed)
                    with TabPane("Template", id="tab-template"):
                        yield Static("", id="c-source-note", markup=False)
                        yield TextArea("", id="c-source", soft_wrap=True, tab_behavior="focus",
                                       show_line_numbers=True)
            with Vertical(id="c-side"):
                with VerticalScroll(id="c-preview-box"):
                    yield LiveText("", id="c-preview")
                with VerticalScroll(id="c-checks-box"):
                    yield LiveText("", id="c-checks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#c-preview-box").border_title = "Preview"
        self.query_one("#c-checks-box").border_title = "Checks"
        if self.contact is None:
            self.notify("This contact no longer exists.", severity="error")
            self.call_after_refresh(self.action_back, True)
            return
        self._load_source()
        if self.draft is None:
            self._rerender(force=True)
        self._saved = None if self.draft is None else self._values()
        self._ready = True
        needs_ask = self._pending_template is not None and "missing ask" in self._pending_template
        self.query_one("#c-ask" if needs_ask else "#c-body").focus()
        self._refresh_preview()  # also shows the keys that apply

    def _to_line(self) -> str:
        contact = self.contact
        if contact is None:
            return "To: (unknown contact)"
        address = f" <{contact.email}>" if contact.email else " (no email address)"
        extra = " · ".join(p for p in (contact.position, contact.company) if p)
        return f"To: {contact.name}{address}" + (f"  · {extra}" if extra else "")

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

    @property
    def unsaved(self) -> bool:
        return self._saved != self._values()

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
            info, text = None, ""
            note.update(str(exc))
        else:
            where = "your copy" if info.origin == "user" else "shipped; f2 saves your own copy"
            note.update(f"{self.template} ({self.lang}), {where}: {info.path}")
        self._loaded_source = text
        self._loaded_key = (self.template, self.lang)
        self.query_one("#c-source", TextArea).load_text(text)

    def _render_source(self) -> drafting.RenderedEmail:
        profile = self.store.profile()
        return drafting.render_source(self.source, self.lang, profile, self.contact, self.event,
                                      self._extra_vars(), name=self.template, today=today())

    def _rerender(self, force: bool = False) -> None:
        """Put the template's text in the editors (unless edited by hand, or forced)."""
        try:
            email = self._render_source()
        except NetuiError as exc:
            # A template problem matters for the email only while the template writes it.
            self._pending_template = None if self.hand_edited and not force else str(exc)
            return
        self._pending_template = None
        if self.hand_edited and not force:
            if (email.subject, email.body) != (self.subject, self.body):
                self._pending_template = "the template now gives a different text: ctrl+r puts it in the email"
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
        if self._ready:
            self._rerender()
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

        self.app.push_screen(Confirm(
            f"You edited the template {self.template} ({self.lang}) and did not save it (f2). "
            "Switch anyway and drop those edits?", yes="Switch, drop edits", no="Keep editing",
            danger=True), answered)

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
        an edited template waits for a pause in typing (compiling takes ~8 ms)."""
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
            try:
                email = self._render_source()
                subject, body = email.subject, email.body
            except NetuiError as exc:
                subject, body = "", ""
                problems.append(str(exc))
        else:
            subject, body = self.subject, self.body
            if self._pending_template:
                problems.append(self._pending_template)
        self.query_one("#c-preview", LiveText).update(self._preview_content(contact, subject, body, problems))
        self.query_one("#c-checks", LiveText).update(self._checks_content(self._checks(subject, body)))
        self._update_status()
        self._refresh_bindings_if_changed()

    def _preview_content(self, contact: Contact, subject: str, body: str, problems: list[str]) -> Content:
        parts: list[Any] = []
        for problem in problems:
            parts.append((f"⚠ {problem}\n\n", "bold $error"))
        parts.append(("To: ", "dim"))
        parts.append(contact.email or "(no email address)")
        parts.append(("\nSubject: ", "dim"))
        parts.append((subject or "(empty)", "bold"))
        parts.append(("\n" + "─" * 40 + "\n", "dim"))
        parts.append(body)
        return Content.assemble(*parts)

    def _checks(self, subject: str, body: str) -> list[lint.Warning]:
        store = self.store
        profile = store.profile()
        assert self.contact is not None
        found = lint.check_draft(self.template, subject, body, self.contact, profile)
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
            return Content.assemble(("✓ ", "bold $success"), "No problems found.")
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
            bits.append("new draft")
        else:
            bits.append(draft.status)
            if draft.batch_uid:
                bits.append("batch " + batches.progress(self.store, draft.batch_uid).label)
        if self.unsaved:
            bits.append("unsaved")
        if self.template_edited:
            bits.append("template edited")
        self.query_one("#c-status", LiveText).update(" · ".join(bits))

    # --- bindings that only apply sometimes ----------------------------------------

    #: The actions check_action may hide: keep it in step with check_action below.
    _DYNAMIC_ACTIONS = ("save_template", "next_in_batch", "apply_template")

    def _refresh_bindings_if_changed(self) -> None:
        """Refresh the bindings only when a key's state changed: on every refresh the Footer
        removes and mounts all its keys again (two more frames and layouts, ~20 ms of work,
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

    def save(self, status: str | None = None, quiet: bool = False) -> Draft | None:
        """Write the draft; errors become a notification and None."""
        store = self.store
        assert self.contact is not None
        try:
            send_on = check_date("send_on", self._send_on())
            existing = store.draft(self.draft_uid) if self.draft_uid else None
            if existing is not None:
                draft = store.update_draft(existing.copy(
                    template=self.template, lang=self.lang, subject=self.subject, body=self.body,
                    send_on=send_on, status=status or existing.status, variables=self._kept_variables()))
            else:
                draft = store.add_draft(Draft(contact_uid=self.contact.uid, template=self.template,
                                              lang=self.lang, subject=self.subject, body=self.body,
                                              send_on=send_on, status=status or "draft",
                                              event_uid=self.event.uid if self.event else None,
                                              variables=self._kept_variables()))
                self.draft_uid = draft.uid
        except ValidationError as exc:
            self.notify(f"{exc.field.replace('_', ' ')}: {exc.message}", title="Not saved",
                        severity="error", markup=False)
            return None
        except NetuiError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return None
        self.draft = draft
        self._saved = self._values()
        if not quiet:
            self.notify(f"Draft to {self.contact.name} saved.", markup=False)
        self._refresh_preview()
        self.refresh_bindings()
        return draft

    def action_save(self) -> None:
        self.save()

    def action_save_template(self) -> None:
        try:
            path = drafting.save_user_template(self.template, self.lang, self.source)
        except NetuiError as exc:
            self.notify(str(exc), title="Template not saved", severity="error", markup=False)
            return
        self._loaded_source = self.source
        self.notify(f"Template saved to {path} (the shipped one is unchanged).", markup=False)
        self._refresh_preview()

    def action_apply_template(self) -> None:
        try:
            self._render_source()
        except NetuiError as exc:
            self.notify(str(exc), title="Template", severity="error", markup=False)
            return
        if not self.hand_edited:
            self._rerender(force=True)
            self._schedule()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._rerender(force=True)
                self._schedule()

        self.app.push_screen(Confirm("Replace the subject and body you edited with the template's text?",
                                     yes="Replace", no="Keep mine"), answered)

    def action_toggle_editor(self) -> None:
        tabs = self.query_one("#c-tabs", TabbedContent)
        if tabs.active == "tab-email":
            tabs.active = "tab-template"
            self.query_one("#c-source", TextArea).focus()
        else:
            tabs.active = "tab-email"
            self.query_one("#c-body", TextArea).focus()

    # --- copy ----------------------------------------------------------------------

    def action_copy_body(self) -> None:
        self._copy(self.body, "body")

    def action_copy_subject(self) -> None:
        self._copy(self.subject, "subject")

    def _copy(self, text: str, what: str) -> None:
        if not text.strip():
            self.notify(f"The {what} is empty: nothing to copy.", severity="warning")
            return
        if what == "body":
            self.save(status=None if self._status() == "sent" else "copied", quiet=True)
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
            result = clipboard.CopyResult(False, "pyperclip", f"clipboard copy failed: {exc}")
        self.app.call_from_thread(self._copied, text, what, result)

    def _copied(self, text: str, what: str, result: Any) -> None:
        if result.ok:
            self.notify(f"The {what} is on the clipboard ({result.message}).", title="Copied", markup=False)
            return
        try:
            self.app.copy_to_clipboard(text)
            osc = True
        except Exception:
            osc = False
        from netui.outreach.clipboard import fallback_note

        # The dialog says it all: no toast on top of it.
        note = fallback_note(result, what, osc52=osc)

        def answered(choice: str | None) -> None:
            if choice == "eml":
                self.action_export_eml()

        self.app.push_screen(TextModal(f"Copy the {what}", note, text), answered)

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

            self.app.push_screen(Confirm(f"This email makes a {len(url):,}-character mailto: link; some mail "
                                         "clients cut long links. Save it as an .eml file instead?",
                                         yes="Save .eml", no="Open the link anyway"), answered)
            return
        self._open_worker(url)

    @work(thread=True, exclusive=True, group="mailto")
    def _open_worker(self, url: str) -> None:
        from netui.outreach.mail import OpenResult, open_mailto

        try:
            result = open_mailto(url)
        except Exception as exc:
            result = OpenResult(False, "", f"cannot open it: {exc}")
        self.app.call_from_thread(self._opened, result)

    def _opened(self, result: Any) -> None:
        if result.ok:
            self.notify(f"Opening your mail client ({result.message}).", markup=False)
        else:
            self.notify(f"Could not open the mail client: {result.message}. Copy the body (ctrl+b) or save "
                        "an .eml (f3) instead.", severity="warning", markup=False, timeout=8)

    def action_export_eml(self) -> None:
        assert self.contact is not None
        default = default_eml_path(self.contact, today())

        def chosen(path: str | None) -> None:
            if path:
                self._write_eml(path)

        self.app.push_screen(PathPrompt("Save the email as an .eml draft (opens in your mail client):",
                                        str(default), "Enter saves, escape cancels."), chosen)

    def _write_eml(self, path: str) -> None:
        from netui.outreach.mail import write_eml

        assert self.contact is not None
        try:
            target = write_eml(path, self.contact.email, self.subject, self.body)
        except NetuiError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        except OSError as exc:
            self.notify(f"cannot write {path}: {exc.strerror or exc}", title="Not saved", severity="error",
                        markup=False)
            return
        from netui.outreach.eml_folder import remember_folder

        remember_folder(target)
        self.notify(f"Saved {target}: open it with your mail client and attach anything needed.",
                    markup=False)

    # --- sending -------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        if self._status() == "sent":
            self.notify("This draft is already marked as sent.", severity="warning")
            return
        draft = self.save(quiet=True)
        if draft is None:
            return
        try:
            interaction = batches.mark_sent(self.store, draft.uid, today=today())
        except NetuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        assert self.contact is not None
        message = f"Sent to {self.contact.name}: logged on {interaction.date}."
        if draft.batch_uid:
            message += f" Batch: {batches.progress(self.store, draft.batch_uid).label}."
        self.notify(message, title="Marked as sent", markup=False)
        self._refresh_preview()
        if draft.batch_uid and batches.next_unsent(self.store, draft.batch_uid, draft.uid):
            self.action_next_in_batch()

    def action_next_in_batch(self) -> None:
        draft = self.store.draft(self.draft_uid) if self.draft_uid else None
        if draft is None or not draft.batch_uid:
            return
        following = batches.next_unsent(self.store, draft.batch_uid, draft.uid)
        if following is None:
            self.notify("Every other draft of this batch is sent.")
            return

        def go(drop: bool | None = True) -> None:
            if drop:
                self.app.switch_screen(ComposeScreen(following.contact_uid, draft_uid=following.uid))

        if self.unsaved:
            self.app.push_screen(Confirm("Leave this draft without saving your changes?", yes="Leave",
                                         no="Stay"), go)
        else:
            go()

    # --- leaving -------------------------------------------------------------------

    def action_back(self, force: bool = False) -> None:
        def leave(yes: bool | None = True) -> None:
            if not yes:
                return
            if len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            else:
                self.app.switch_mode("drafts")

        if not force and self._ready and (self.unsaved and (self.draft_uid or self.subject or self.body)):
            self.app.push_screen(Confirm("Leave without saving this draft?", yes="Leave", no="Stay"), leave)
        else:
            leave()
