"""No text meant for the user bypasses the catalogue: an AST check over `netui/`.

A string literal with words in it, given to a place where the user reads it
(a widget, a notification, a dialog, a key description, click's help and
messages, an exception), must be the argument of `_`, `_l`, `ngettext`, `N_`
(or one of their aliases). Text that is not a word (punctuation, a key name,
an id) passes; so does text the check is told about below, each with why.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netui"

#: Calls that mark text for the catalogue: what they are given is fine.
TRANSLATORS = {"_", "_l", "gettext", "ngettext", "lazy_gettext", "N_", "translate", "pgettext"}

#: Calls whose first positional argument the user reads.
FIRST_ARG = {
    # Textual widgets and their text
    "Static", "Label", "Button", "Checkbox", "RadioButton", "Link", "TabPane", "Tab", "ListItem",
    "Collapsible", "Option", "Markdown", "Rule", "LiveText", "Banner", "Hint",
    "notify", "update", "set_status", "bell_and_say",
    # Rich text and tables: what a screen draws
    "Text", "from_markup", "add_column", "Panel", "Table",
    # netui's dialogs
    "ConfirmScreen", "MessageScreen", "TextScreen", "ErrorScreen", "InfoScreen", "ChoiceScreen",
    # click
    "echo", "secho", "safe_echo", "fail", "warn", "ClickException", "UsageError", "BadParameter",
    "Abort", "confirm", "prompt",
    # netui's way of reporting a problem
    "NetuiError", "ValidationError", "CommitFailed", "DraftingError", "ImportError_", "StoreError",
}

#: Keyword arguments the user reads, whatever is called.
KEYWORDS = {"help", "title", "placeholder", "prompt", "description", "tooltip", "label", "message",
            "yes", "no", "border_title", "border_subtitle", "severity_text", "short_help", "epilog"}

#: Attributes the user reads when they are assigned text.
ATTRIBUTES = {"border_title", "border_subtitle", "sub_title", "title", "tooltip", "placeholder"}

#: Exceptions for programmers (a bug in netui, never shown as a message): not translated.
PROGRAMMER_ERRORS = {"TypeError", "AssertionError", "RuntimeError", "NotImplementedError", "KeyError",
                     "AttributeError", "IndexError"}

#: Lists of messages the user reads later (an import's warnings, a check's problems):
#: what is appended to them is checked like a message.
MESSAGE_LISTS = ("warning", "skipped", "broken", "problem", "notice", "reasons", "errors", "messages")
#: Rich texts and lines being built for the screen: what is appended to them is read too.
DRAWN = re.compile(r"(?:.*_)?(?:text|line|summary|status|label|content)")

#: A word: two letters in a row (text such as "—", "✓", "ctrl+s" names a key or draws, it is not prose).
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
#: What is not prose inside a literal: placeholders, Rich/Content markup, key names, ids.
NOT_PROSE = re.compile(r"https?://\S*|\bnetui\b|\{[^{}]*\}|\[/?[a-z#@ ,.=$'\"0-9_-]*\]|\b(?:ctrl|shift|alt|f\d+|esc|tab|enter)\b"
                       r"|%\(?\w*\)?[sdr]|\$[a-z-]+")

#: Literals the check allows, with why.
ALLOWED = {
    "netui": "the program's name",
    "OK": "the same in both languages",
    "LinkedIn": "a proper name",
    "Email": "the same in both languages",
    "JSON": "a format's name",
    "CSV": "a format's name",
    "vCard": "a format's name",
    "iCalendar": "a format's name",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _prose(text: str) -> bool:
    text = text.strip()
    if not text or text in ALLOWED:
        return False
    return bool(WORD.search(NOT_PROSE.sub(" ", text)))


def _literal_texts(node: ast.expr) -> list[tuple[int, str]]:
    """The prose a value carries outside any translator call: a literal, an f-string's fixed
    parts, either side of `+`, a conditional's branches."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.lineno, node.value)] if _prose(node.value) else []
    if isinstance(node, ast.JoinedStr):
        fixed = "".join(part.value for part in node.values
                        if isinstance(part, ast.Constant) and isinstance(part.value, str))
        return [(node.lineno, fixed)] if _prose(fixed) else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literal_texts(node.left) + (_literal_texts(node.right) if isinstance(node.op, ast.Add) else [])
    if isinstance(node, ast.Tuple):
        return [found for item in node.elts for found in _literal_texts(item)]
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) == "format" and isinstance(node.func, ast.Attribute):
        return _literal_texts(node.func.value)
    return []


def _exception_name(node: ast.expr) -> bool:
    name = _name(node.func) if isinstance(node, ast.Call) else ""
    if name in PROGRAMMER_ERRORS:
        return False
    return name.endswith(("Error", "Exception", "Failed", "Refused")) or name in FIRST_ARG


def _binding_texts(node: ast.Call) -> list[ast.expr]:
    """A key binding's description: `Binding(key, action, description)`."""
    if _name(node.func) == "Binding" and len(node.args) >= 3:
        return [node.args[2]]
    return []


class Checker(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def _report(self, value: ast.expr) -> None:
        for line, text in _literal_texts(value):
            self.findings.append(Finding(self.path, line, text))

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in TRANSLATORS:
            return  # what a translator is given is the msgid itself
        if name == "ValidationError" and len(node.args) >= 2:
            self._report(node.args[1])  # (field, message): the field is a name, the message is read
        elif (name in FIRST_ARG or _exception_name(node)) and node.args:
            self._report(node.args[0])
        if name in ("append", "extend", "add") and isinstance(node.func, ast.Attribute) and node.args:
            receiver = _name(node.func.value).lower()
            if any(word in receiver for word in MESSAGE_LISTS) or DRAWN.fullmatch(receiver):
                self._report(node.args[0])
        if name == "assemble":  # Text.assemble / Content.assemble: (text, style) pairs or plain text
            for part in node.args:
                self._report(part.elts[0] if isinstance(part, ast.Tuple) and part.elts else part)
        for value in _binding_texts(node):
            self._report(value)
        for keyword in node.keywords:
            if keyword.arg in KEYWORDS:
                self._report(keyword.value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in ATTRIBUTES:
                self._report(node.value)
            if isinstance(target, ast.Name) and target.id in ("BINDINGS",):
                self._bindings(node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and node.target.id == "BINDINGS" and node.value is not None:
            self._bindings(node.value)
        self.generic_visit(node)

    def _bindings(self, value: ast.expr) -> None:
        """BINDINGS written as tuples: (key, action, description)."""
        if isinstance(value, (ast.List, ast.Tuple)):
            for item in value.elts:
                if isinstance(item, ast.Tuple) and len(item.elts) >= 3:
                    self._report(item.elts[2])


def findings_in(path: Path) -> list[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    checker = Checker(str(path.relative_to(PACKAGE.parent)))
    checker.visit(tree)
    return checker.findings


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_check_sees_the_whole_package():
    assert len(MODULES) > 80


@pytest.mark.parametrize("source, found", [
    ('self.notify("Saved the file")', ["Saved the file"]),
    ('self.notify(_("Saved the file"))', []),
    ('Static(f"{n} contacts shown")', [" contacts shown"]),
    ('Static(f"{_(\'Shown\')}: {n}")', []),
    ('raise NetuiError("no such contact")', ["no such contact"]),
    ('raise NetuiError(_("no such contact"))', []),
    ('click.option("--x", help="Where to write")', ["Where to write"]),
    ('Binding("s", "save", "Save")', ["Save"]),
    ('BINDINGS = [("s", "save", "Save")]', ["Save"]),
    ('x.border_title = "Preview"', ["Preview"]),
    ('Button("✓", id="ok")', []),
    ('self.notify(_("a") + " and more")', [" and more"]),
    ('raise ValidationError("first_name", "must not be empty")', ["must not be empty"]),
    ('Static("ctrl+s")', []),
    ('Label("{count}")', []),
    ('self.result.warnings.append((where, f"dropped {label}: not a date"))', ["dropped : not a date"]),
    ('raise TypeError(f"not a {kind}")', []),
    ('Input(placeholder="https://www.linkedin.com/in/...")', []),
])
def test_the_check_finds_what_bypasses_the_catalogue(source, found):
    checker = Checker("example.py")
    checker.visit(ast.parse(source))
    assert [f.text for f in checker.findings] == found


def test_no_user_visible_literal_bypasses_the_catalogue():
    findings = [str(f) for path in MODULES for f in findings_in(path)]
    assert not findings, f"{len(findings)} texts bypass the catalogue:\n" + "\n".join(findings)
