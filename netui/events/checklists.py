"""Event checklists: what to do before, during and after each kind of event.

Shipped as plain text files the user can copy and edit, so the format is one
item a line under a section header. A user file in the config dir wins over
the shipped one; a bad file gets an error naming the file and line rather than
a silently short checklist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from netui.core.errors import ChecklistError
from netui.core.i18n import _
from netui.core.models import CHECKLIST_PHASES, EVENT_KINDS, LANGUAGES, ChecklistItem
from netui.storage.paths import shipped_templates_dir, user_templates_dir

SECTIONS = {
    "before": "before", "during": "during", "after": "after",
    "prima": "before", "durante": "during", "dopo": "after",
}
MAX_ITEM = 300  # characters in one item


def _section_names(order: Sequence[str]) -> str:
    names = [f"[{name}]" for name in order]
    if len(names) < 2:
        return names[0]
    return _("{names} or {last}").format(names=", ".join(names[:-1]), last=names[-1])


def parse_checklist(text: str, source: str = "<text>", *, sections: Mapping[str, str] = SECTIONS,
                    order: Sequence[str] = CHECKLIST_PHASES) -> list[ChecklistItem]:
    """`[before]` / `[during]` / `[after]` headers (or prima/durante/dopo), then one item a line.

    Other lists (the reputation check-up) pass their own `sections` (header -> section)
    and `order`; an item's `phase` is then its section.
    """
    items: list[ChecklistItem] = []
    phase = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip().lower()
            if name not in sections:
                raise ChecklistError(_("{source}, line {lineno}: unknown section {line}; use {value}").format(source=source, lineno=lineno, line=line, value=_section_names(order)))
            phase = sections[name]
            continue
        if phase is None:
            raise ChecklistError(_("{source}, line {lineno}: an item before any section; start with {value}").format(source=source, lineno=lineno, value=_section_names(order)))
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        if len(line) > MAX_ITEM:
            raise ChecklistError(_("{source}, line {lineno}: an item longer than {MAX_ITEM} characters").format(source=source, lineno=lineno, MAX_ITEM=MAX_ITEM))
        if line:
            items.append(ChecklistItem(text=line, phase=phase))
    if not items:
        raise ChecklistError(_("{source}: the checklist has no items").format(source=source))
    rank = {p: i for i, p in enumerate(order)}
    return sorted(items, key=lambda item: rank[item.phase])  # stable: file order within a phase


def checklist_path(kind: str, lang: str) -> tuple[Path, str]:
    """The file used for a kind and language, and where it comes from: "user" or "shipped"."""
    if kind not in EVENT_KINDS:
        raise ChecklistError(_("unknown event kind {kind}; use one of: {choices}").format(kind=repr(kind), choices=', '.join(EVENT_KINDS)))
    if lang not in LANGUAGES:
        raise ChecklistError(_("unknown language {lang}; use one of: {choices}").format(lang=repr(lang), choices=', '.join(LANGUAGES)))
    for origin, folder in (("user", user_templates_dir()), ("shipped", shipped_templates_dir())):
        path = folder / lang / "checklists" / f"{kind}.txt"
        if path.is_file():
            return path, origin
    raise ChecklistError(_("no checklist for {kind} in {lang} (looked in {yours} and {shipped})").format(kind=kind, lang=lang, yours=user_templates_dir(), shipped=shipped_templates_dir()))


def load_checklist(kind: str, lang: str) -> list[ChecklistItem]:
    """Fresh (all not done) checklist items for an event of this kind."""
    path, _origin = checklist_path(kind, lang)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ChecklistError(_("{path}: not UTF-8 text").format(path=path)) from None
    except OSError as exc:
        raise ChecklistError(_("cannot read {path}: {problem}").format(path=path, problem=exc.strerror or exc)) from None
    return parse_checklist(text, str(path))
