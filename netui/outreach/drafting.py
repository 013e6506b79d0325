"""Email drafting: find a template, render it in a sandbox, explain what went wrong.

Templates are text the user edits, previewed on every keystroke, so a render
must be fast (compiled templates are cached by source), bounded (caps on size,
time and the operators that multiply data) and must fail with one message the
user can act on ("fill your profile: Target sector (target_sector)", a line number and its
text), never a blank, a traceback or a frozen screen. A template in the user's
config dir overrides the shipped file of the same name; netui only ever writes
to the user's dir.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing

from netui.core import vocabulary
from netui.core.errors import DraftingError, StorageError
from netui.core.i18n import N_, _, current_language, translate
from netui.core.models import LANGUAGES, Contact, Event, Profile, default_register
from netui.core.today import current_day
from netui.storage.atomic import atomic_write
from netui.storage.paths import shipped_templates_dir, user_templates_dir

SUFFIX = ".txt.j2"
TEMPLATE_NAMES = ("generic", "personal", "thank_you", "follow_up", "event_follow_up", "ask_intro")
#: Where a template's text goes, from its `Channel:` header (email when absent).
CHANNELS = ("email", "linkedin")
MAX_SOURCE = 100_000     # characters of template text
MAX_OUTPUT = 200_000     # characters a render may produce
MAX_SIZE = MAX_OUTPUT    # longest string or list an operator, filter or call may build
MAX_INT_BITS = 4096      # no giant integers from ** or *
TIME_LIMIT = 1.0         # seconds a render may take
RESERVED_VARS = frozenset({"me", "contact", "event", "today", "lang", "signature", "require"})
#: What a variable a template requires is for (marked here, translated in the draft's language).
VARIABLE_HINTS = {
    "ask": N_("the request of a personal email: call, companies, cv, or your own words"),
    "company": N_("the company you ask an introduction to: draft it from the Companies view (5), "
                  "or --var company=NAME"),
}
#: The ask's keywords in the other language, so an Italian user can type "aziende" for "companies".
ASK_ALIASES = {"chiamata": "call", "telefonata": "call", "aziende": "companies", "curriculum": "cv"}
NEEDS_EVENT = N_("this template needs an event: draft it from the event")
NEEDS_CONTACT = N_("this template needs a contact")
#: "the profile has no field 'x'", per owner: one whole sentence each, so Italian can say it its way.
NO_FIELD = {
    "profile": N_("the profile has no field {name}"),
    "contact": N_("the contact has no field {name}"),
    "event": N_("the event has no field {name}"),
}

_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_VAR_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER_RE = re.compile(r"([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)")
_TEMPLATE_FILE = "<template>"  # the filename jinja gives templates made from a string


class TemplateInfo(NamedTuple):
    name: str
    lang: str
    path: Path
    origin: str  # "user" or "shipped"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str
    template: str
    lang: str
    origin: str  # "user", "shipped" or "edited"
    path: Path | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def channel(self) -> str:
        """"email", or "linkedin" for a template with `Channel: linkedin` (no subject)."""
        return self.headers.get("Channel", "email").strip().lower() or "email"

    @property
    def text(self) -> str:
        """What `netui draft --print` writes: the Subject line, a blank line, the body
        (a LinkedIn text has no subject: the body alone)."""
        if self.channel != "email":
            return self.body
        return f"Subject: {self.subject}\n\n{self.body}"


# --- what templates see -------------------------------------------------------

class _Missing(Exception):
    """Raised inside a render for an empty required value; becomes a DraftingError."""

    def __init__(self, message: str, kind: str, field_name: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field_name


class _Limit(Exception):
    """Raised inside a render when a cap is hit; becomes a DraftingError."""


def _say(message: str, lang: str | None = None, /, **values: Any) -> str:
    """`message` (marked with N_) in the draft's language, its {names} filled in.

    A problem shown with a draft reads in the draft's language, whatever the app
    speaks (like the lint warnings): `lang`, else the language of the render
    under way, else the current one.
    """
    lang = lang or getattr(_state, "lang", None) or current_language()
    return translate(message, lang).format(**values)


def _no_field(owner: str, name: str | None) -> str:
    message = NO_FIELD.get(owner)
    if message is None:
        return _say(N_("{owner} has no field {name}"), owner=owner, name=repr(name))
    return _say(message, name=repr(name))


def _missing_message(owner: str, name: str) -> tuple[str, str]:
    """What to fill in, in the email's language: a profile field as the profile form names it,
    with the key `netui profile --set` takes."""
    lang = getattr(_state, "lang", None) or current_language()
    if owner == "profile":
        field = vocabulary.profile_field_and_key(name, lang)
        return translate(N_("fill your profile: {field}"), lang).format(field=field), "profile"
    if owner == "contact":
        return translate(N_("contact has no {field}"), lang).format(field=name), "contact"
    return translate(N_("event has no {field}"), lang).format(field=name), "event"


class _Blank(str):
    """An empty field: false in `{% if %}`, an error when printed (never a gap)."""

    owner: str
    field: str

    def __new__(cls, owner: str, name: str) -> "_Blank":
        obj = super().__new__(cls, "")
        obj.owner = owner
        obj.field = name
        return obj


_ALLOWED_FIELDS: dict[type, frozenset[str]] = {}


def _allowed_fields(cls: type) -> frozenset[str]:
    """The fields a template may read of a record class (worked out once per class)."""
    found = _ALLOWED_FIELDS.get(cls)
    if found is None:
        names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        found = _ALLOWED_FIELDS[cls] = frozenset(names | ({"name", "email"} & set(dir(cls))))
    return found


class _Fields:
    """A read-only view of a record: only its data fields, text stripped, lists as tuples."""

    __slots__ = ("_record", "_owner")

    def __init__(self, record: Any, owner: str) -> None:
        self._record = record
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        if name not in _allowed_fields(type(self._record)):
            raise AttributeError(name)
        return _view(getattr(self._record, name), self._owner, name)

    def __repr__(self) -> str:
        return f"<{self._owner}>"


def _view(value: Any, owner: str, name: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return _Blank(owner, name)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return tuple(_Fields(v, owner) if dataclasses.is_dataclass(v) else v for v in value)
    if isinstance(value, dict):
        return dict(value)
    return value


class _Undefined(StrictUndefined):
    """StrictUndefined with messages that name the variable the way the user knows it."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        if isinstance(self._undefined_obj, StrictUndefined):  # report the first link of a chain
            self._undefined_obj._fail_with_undefined_error()
        return super()._fail_with_undefined_error(*args, **kwargs)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        obj, name = self._undefined_obj, self._undefined_name
        if obj is missing:
            if name == "event":
                return _say(NEEDS_EVENT)
            if name == "contact":
                return _say(NEEDS_CONTACT)
            return _say(N_("unknown variable {name}"), name=repr(name))
        if isinstance(obj, _Fields):
            return _no_field(obj._owner, name)
        return super()._undefined_message


def _finalize(value: Any) -> Any:
    if isinstance(value, _Blank):
        message, kind = _missing_message(value.owner, value.field)
        raise _Missing(message, kind, value.field)
    return value


@pass_context
def _require(context: Any, *names: str) -> str:
    """`{% do require("me.target_sector", "contact.first_name", "event", "ask") %}`."""
    for name in names:
        head, _dot, attr = str(name).partition(".")
        value = context.resolve_or_missing(head)
        if head == "event" and (value is missing or value is None):
            raise _Missing(_say(NEEDS_EVENT), "event", "event")
        if head == "contact" and value is missing:
            raise _Missing(_say(NEEDS_CONTACT), "contact", "contact")
        if attr and isinstance(value, _Fields):
            if attr not in _allowed_fields(type(value._record)):
                raise _Limit(_say(N_("require({name}): {problem}"), name=repr(name),
                                  problem=_no_field(value._owner, attr)))
            found = getattr(value, attr)
            if isinstance(found, _Blank) or not found:
                message, kind = _missing_message(value._owner, attr)
                raise _Missing(message, kind, attr)
        elif value is missing or value is None or (isinstance(value, str) and not value.strip()):
            hint = VARIABLE_HINTS.get(name)
            if hint:
                message = _say(N_("missing {name} ({hint})"), name=name, hint=_say(hint))
            else:
                message = _say(N_("missing {name}"), name=name)
            raise _Missing(message, "variable", name)
    return ""


_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
}


@pass_context
def _longdate(context: Any, value: Any) -> str:
    """`{{ event.date|longdate }}`: 12 March 2025 / 12 marzo 2025."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    months = _MONTHS.get(context.get("lang"), _MONTHS["en"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


@pass_context
def _human_list(context: Any, items: Any) -> str:
    """`{{ me.company_traits|human_list }}`: a, b and c / a, b e c."""
    words = [str(i).strip() for i in items if str(i).strip()]
    conj = " e " if context.get("lang") == "it" else " and "
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + conj + words[-1]


#: Italian articled prepositions: preposition -> article -> the two joined.
_ARTICLED = {
    "di": {"il": "del ", "lo": "dello ", "l'": "dell'", "la": "della ", "i": "dei ", "gli": "degli ", "le": "delle "},
    "a": {"il": "al ", "lo": "allo ", "l'": "all'", "la": "alla ", "i": "ai ", "gli": "agli ", "le": "alle "},
    "da": {"il": "dal ", "lo": "dallo ", "l'": "dall'", "la": "dalla ", "i": "dai ", "gli": "dagli ", "le": "dalle "},
    "in": {"il": "nel ", "lo": "nello ", "l'": "nell'", "la": "nella ", "i": "nei ", "gli": "negli ", "le": "nelle "},
    "su": {"il": "sul ", "lo": "sullo ", "l'": "sull'", "la": "sulla ", "i": "sui ", "gli": "sugli ", "le": "sulle "},
}
_ARTICLE_RE = re.compile(r"(il|lo|la|i|gli|le)\s+|(l)['’]\s*", re.IGNORECASE)
_VOWELS = "aeiouàèéìòóùh"


def _lo_word(word: str) -> bool:
    """A masculine word that takes "lo"/"gli": s + consonant, z, gn, ps, pn, x, y."""
    return (word[:1] == "s" and word[1:2] not in _VOWELS and word[1:2] != "") or word[:1] in "zxy" \
        or word[:2] in ("gn", "ps", "pn")


def guess_article(phrase: str) -> str:
    """The Italian definite article a sector name takes, guessed from its words.

    Feminine in -a (and -tà, -zione), plural in -i or -e with a plural adjective,
    masculine for the rest (loanwords like marketing, software, automotive).
    A guess: writing the article in the profile ("le risorse umane") decides it.
    """
    words = phrase.lower().split()
    first, last = words[0], words[-1]
    vowel = first[:1] in _VOWELS
    if first.endswith(("zioni", "sioni", "ioni")) or first.endswith(("ie", "ze", "che", "ghe")) \
            or (len(words) > 1 and first.endswith("e") and last.endswith(("i", "e"))):
        return "le"
    if first.endswith("i"):
        return "gli" if vowel or _lo_word(first) else "i"
    if first.endswith(("a", "tà", "zione", "sione", "ione")):
        return "l'" if vowel else "la"
    return "l'" if vowel else "lo" if _lo_word(first) else "il"


def with_preposition(phrase: str, preposition: str = "di") -> str:
    """`delle energie rinnovabili`, `del marketing`, `dell'informatica`: Italian di/a/da/in/su + article."""
    text = str(phrase).strip()
    forms = _ARTICLED.get(preposition)
    if not text or forms is None:
        return text
    match = _ARTICLE_RE.match(text)
    if match:  # the user wrote the article: it decides
        article = "l'" if match.group(2) else match.group(1).lower()
        text = text[match.end():]
    else:
        article = guess_article(text)
    return forms[article] + text


def _prep(value: Any, preposition: str = "di") -> str:
    """`{{ me.target_sector|prep("di") }}`: the sector with its articled preposition."""
    return with_preposition(str(value), str(preposition))


# --- the sandbox --------------------------------------------------------------

_state = threading.local()

_SAFE_FILTERS = frozenset({
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby",
    "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject",
    "rejectattr", "replace", "reverse", "round", "select", "selectattr", "sort", "string", "title",
    "trim", "truncate", "unique", "upper", "wordcount",
})
_STR_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isdigit", "islower", "isspace", "istitle", "isupper", "join", "lower", "lstrip",
    "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rsplit", "rstrip", "split",
    "splitlines", "startswith", "strip", "swapcase", "title", "upper",
})
_DATE_ATTRS = frozenset({"year", "month", "day", "isoformat", "weekday", "isoweekday"})
TOO_LARGE_NUMBER = N_("the template builds a number too large to handle")
_FORMAT_WIDTH_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _tick() -> None:
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise _Limit(_say(N_("the template took more than {seconds:g} s: is there a loop without end?"),
                          seconds=TIME_LIMIT))


def _too_big(size: int) -> _Limit:
    return _Limit(_say(N_("the template would build {size:,} characters or items; the limit is {limit:,}"),
                       size=size, limit=MAX_SIZE))


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict, set, bytes)) and len(value) > MAX_SIZE:
        raise _too_big(len(value))
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise _Limit(_say(TOO_LARGE_NUMBER))
    return value


def _check_args(args: Any, kwargs: dict[str, Any]) -> None:
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE:
            raise _Limit(_say(N_("the number {number} is too large here (limit {limit:,})"),
                              number=arg, limit=MAX_SIZE))


def _check_format(text: str) -> None:
    for match in _FORMAT_WIDTH_RE.finditer(text):
        for width in match.groups():
            if width == "*" or (width and int(width) > 1000):
                raise _Limit(_say(N_("a width in a {sign} format is too large (limit {limit})"),
                                  sign="%", limit=1000))


def _check_join(sep: Any, items: list[Any]) -> None:
    size = len(str(sep)) * max(len(items) - 1, 0) + sum(len(str(i)) for i in items)
    if size > MAX_SIZE:
        raise _too_big(size)


def _check_replace(text: Any, old: Any, new: Any) -> None:
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    size = len(text) + hits * (len(new) - len(old))
    if size > MAX_SIZE:
        raise _too_big(size)


def _guard_filter(name: str, func: Any) -> Any:
    skip = 2 if hasattr(func, "jinja_pass_arg") else 1

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_args(args[skip:], kwargs)
        if name == "join":
            items = list(args[skip - 1])
            args = (*args[:skip - 1], items, *args[skip:])
            sep = args[skip] if len(args) > skip else kwargs.get("d", "")
            _check_join(sep, items)
        elif name == "replace" and len(args) >= skip + 2:
            _check_replace(args[skip - 1], args[skip], args[skip + 1])
        return _check_size(func(*args, **kwargs))

    return guarded


def _ticking(iterable: Any) -> Any:
    """Every step of a `for` loop checks the clock: a loop that calls nothing (nested
    loops over a long text) would otherwise never meet a check."""
    for item in iterable:
        _tick()
        yield item


class _Generator(CodeGenerator):
    """Routes `~` through a size check (the one operator the sandbox cannot intercept)
    and every `for` loop's items through `_ticking`."""

    def visit_For(self, node: nodes.For, frame: Any) -> None:
        if not node.recursive or node.iter is not None:
            node.iter = nodes.Call(nodes.EnvironmentAttribute("ticking"), [node.iter], [], None, None,
                                   lineno=node.iter.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class DraftEnvironment(ImmutableSandboxedEnvironment):
    """The Jinja2 sandbox for email templates, with caps on size, numbers and time."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self) -> None:
        super().__init__(undefined=_Undefined, keep_trailing_newline=True, autoescape=False,
                         trim_blocks=True, lstrip_blocks=True, finalize=_finalize,
                         extensions=["jinja2.ext.do"])
        self.filters = {n: _guard_filter(n, f) for n, f in self.filters.items() if n in _SAFE_FILTERS}
        self.filters["longdate"] = _longdate
        self.filters["human_list"] = _human_list
        self.filters["prep"] = _prep
        self.ticking = _ticking
        self.globals.pop("lipsum", None)
        self.globals["require"] = _require

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if isinstance(obj, date):
            return attr in _DATE_ATTRS
        return True

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is refused by is_safe_attribute instead

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        _check_args(args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            method = getattr(__obj, "__name__", "")
            if method == "join" and args:
                args = (list(args[0]), *args[1:])
                _check_join(owner, args[0])
            elif method == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "**" and ints and right > 0 and abs(left) > 1:
            if (abs(left).bit_length() - 1) * right > MAX_INT_BITS:
                raise _Limit(_say(N_("{left} ** {right} is too large"), left=left, right=right))
        elif operator == "*":
            if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise _Limit(_say(TOO_LARGE_NUMBER))
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise _too_big(len(seq) * times)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            if len(left) + len(right) > MAX_SIZE:
                raise _too_big(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
        return _check_size(self.binop_table[operator](left, right))

    def checked_concat(self, parts: tuple[Any, ...]) -> str:
        _tick()
        texts = [p if isinstance(p, str) else str(p) for p in parts]
        size = sum(len(t) for t in texts)
        if size > MAX_SIZE:
            raise _too_big(size)
        return "".join(texts)


_ENV = DraftEnvironment()


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Any:
    return _ENV.from_string(source)


def _line_of(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return ""
    text = lines[lineno - 1].strip()
    return text if len(text) <= 100 else text[:97] + "..."


def _located(message: str, lineno: int | None, line: str, lang: str | None = None) -> str:
    """`message on line 5 — its text`: where in the template a problem is."""
    if lineno is None:
        return message
    if line:
        return _say(N_("{message} on line {lineno} — {line}"), lang, message=message, lineno=lineno, line=line)
    return _say(N_("{message} on line {lineno}"), lang, message=message, lineno=lineno)


def compile_source(source: str, lang: str | None = None) -> Any:
    """Compile (cached by source) or raise DraftingError with the line and its text
    (in `lang`, the template's language, when given)."""
    if len(source) > MAX_SOURCE:
        raise DraftingError(_say(N_("the template is longer than {MAX_SOURCE:,} characters"), lang,
                                 MAX_SOURCE=MAX_SOURCE), kind="limit")
    try:
        return _compiled(source)
    except TemplateSyntaxError as exc:
        line = _line_of(source, exc.lineno)
        message = (exc.message or _say(N_("invalid template"), lang)).rstrip(".")
        raise DraftingError(_located(_say(N_("syntax error: {message}"), lang, message=message), exc.lineno, line, lang),
                            kind="syntax", lineno=exc.lineno, line=line) from None


def _template_lineno(exc: BaseException) -> int | None:
    """The innermost traceback frame in the template's code: jinja rewrites it to the template line."""
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILE:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _run(template: Any, context: dict[str, Any], source: str) -> str:
    _state.deadline = time.monotonic() + TIME_LIMIT
    _state.lang = context.get("lang")
    chunks: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _Limit(_say(N_("the email is longer than {limit:,} characters"), limit=MAX_OUTPUT))
            chunks.append(chunk)
            _tick()
        return "".join(chunks)
    except _Missing as exc:
        lineno = _template_lineno(exc)
        raise DraftingError(str(exc), kind=exc.kind, field=exc.field, lineno=lineno,
                            line=_line_of(source, lineno)) from None
    except Exception as exc:  # everything a template can raise becomes one clear message
        lineno = _template_lineno(exc)
        line = _line_of(source, lineno)
        text = str(exc).rstrip(".")
        if isinstance(exc, SecurityError):
            message, kind = _say(N_("refused by the template sandbox: {problem}"), problem=text), "sandbox"
        elif isinstance(exc, _Limit):
            message, kind = _say(N_("refused: {problem}"), problem=text), "limit"
        elif isinstance(exc, UndefinedError):
            message, kind = text, "event" if text == _say(NEEDS_EVENT).rstrip(".") else "undefined"
        elif isinstance(exc, RecursionError):
            message, kind = _say(N_("refused: the template calls itself without end")), "limit"
        elif isinstance(exc, MemoryError):
            message, kind = _say(N_("refused: the template needs too much memory")), "limit"
        elif isinstance(exc, TemplateError):
            message, kind = _say(N_("template error: {problem}"), problem=text), "template"
        else:
            message, kind = _say(N_("template error: {kind}: {problem}"), kind=type(exc).__name__,
                                 problem=text), "template"
        raise DraftingError(_located(message, lineno, line), kind=kind, lineno=lineno, line=line) from None
    finally:
        _state.deadline = None
        _state.lang = None


# --- rendering ----------------------------------------------------------------

def _signature(profile: Profile) -> str:
    if profile.signature.strip():
        return profile.signature.strip()
    lines = [line for line in (profile.name, profile.phone.strip(), profile.email.strip()) if line]
    return "\n".join(lines) if lines else _Blank("profile", "first_name")


def _context(lang: str, profile: Profile, contact: Contact | None, event: Event | None,
             extra_vars: dict[str, Any] | None, today: date | None) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise DraftingError(_("unknown language {lang}; use one of: {choices}").format(lang=repr(lang), choices=', '.join(LANGUAGES)))
    context: dict[str, Any] = {}
    for key, value in (extra_vars or {}).items():
        if not _VAR_RE.fullmatch(key):
            raise DraftingError(_("not a variable name: {key}").format(key=repr(key)), kind="variable", field=key)
        if key in RESERVED_VARS:
            raise DraftingError(_("{key} is filled in by netui and cannot be set as a variable").format(key=repr(key)),
                                kind="variable", field=key)
        context[key] = value.strip() if isinstance(value, str) else value
    if isinstance(context.get("ask"), str):
        context["ask"] = ASK_ALIASES.get(context["ask"].casefold(), context["ask"])
    context.update(me=_Fields(profile, "profile"), today=today or current_day(), lang=lang,
                   signature=_signature(profile))
    if contact is not None:
        if contact.register not in ("tu", "lei"):  # not validated yet: what it would get
            contact = contact.copy(register=default_register(contact.relationship, contact.source))
        context["contact"] = _Fields(contact, "contact")
    if event is not None:
        context["event"] = _Fields(event, "event")
    return context


def _split(text: str, lang: str | None = None) -> tuple[dict[str, str], str]:
    """Header lines, a blank line, the body; the Subject header is required for email
    (a `Channel: linkedin` template has none)."""
    lines = text.split("\n")
    headers: dict[str, str] = {}
    last = None
    index = 0
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if not line.strip():
            if headers:
                break
            continue
        if line[0] in " \t" and last:
            headers[last] = f"{headers[last]} {line.strip()}"
            continue
        match = _HEADER_RE.fullmatch(line)
        if not match:
            raise DraftingError(_say(N_("a template starts with header lines (Subject: ...), then a blank line, "
                                        "then the body; found {value} instead"), lang, value=repr(line[:60])),
                                kind="template")
        last = match.group(1).title()
        headers[last] = match.group(2).strip()
    else:
        index = len(lines)
    channel = headers.get("Channel", "email").strip().lower() or "email"
    if channel not in CHANNELS:
        raise DraftingError(_say(N_("unknown channel {channel}; use one of: {choices}"), lang,
                                 channel=repr(headers["Channel"]), choices=", ".join(CHANNELS)), kind="template")
    if channel == "email" and "Subject" not in headers:
        raise DraftingError(_say(N_("the template has no 'Subject: ...' line"), lang), kind="template")
    body = "\n".join(lines[index + 1:]).strip("\n")
    return headers, (body + "\n" if body.strip() else "")


#: A sentence's full stop right after the dot of an abbreviation ("S.p.A." then "."): a value
#: ending in a dot cannot know that the template ends the sentence after it.
_DOUBLE_STOP = re.compile(r"(?<=[^\W\d_]\.)\.(?!\.)")


def one_stop(text: str) -> str:
    """One dot where an abbreviation ends a sentence ("at Acme S.p.A.", not "S.p.A.."), as
    typography writes it; an ellipsis ("...") stays. Applied to every rendered template, so
    no template (shipped or the user's) has to guard each value that may end in a dot."""
    return _DOUBLE_STOP.sub("", text) if ".." in text else text


def render_source(source: str, lang: str, profile: Profile, contact: Contact | None,
                  event: Event | None = None, extra_vars: dict[str, Any] | None = None, *,
                  name: str = "(edited)", origin: str = "edited", path: Path | None = None,
                  today: date | None = None) -> RenderedEmail:
    """Render template text (e.g. being edited, for the live preview); a problem reads in `lang`."""
    template = compile_source(source, lang if lang in LANGUAGES else None)
    try:
        text = _run(template, _context(lang, profile, contact, event, extra_vars, today), source)
    except DraftingError as exc:
        if exc.kind != "limit":
            raise
        raise DraftingError(_say(N_("{exc} (template {name}, {lang})"), lang, exc=exc, name=name, lang=lang),
                            kind=exc.kind, field=exc.field, lineno=exc.lineno, line=exc.line) from None
    headers, body = _split(one_stop(text), lang)
    return RenderedEmail(subject=headers.get("Subject", ""), body=body, template=name, lang=lang,
                         origin=origin, path=path, headers=headers)


def render(name: str, lang: str, profile: Profile, contact: Contact | None, event: Event | None = None,
           extra_vars: dict[str, Any] | None = None, *, today: date | None = None) -> RenderedEmail:
    """Render the effective template `name` (user override, else shipped) in `lang`."""
    info = find_template(name, lang)
    return render_source(template_source(name, lang), lang, profile, contact, event, extra_vars,
                         name=info.name, origin=info.origin, path=info.path, today=today)


# --- lookup and saving ----------------------------------------------------------

def _check_name(name: str, lang: str) -> None:
    if lang not in LANGUAGES:
        raise DraftingError(_("unknown language {lang}; use one of: {choices}").format(lang=repr(lang), choices=', '.join(LANGUAGES)))
    if not _NAME_RE.fullmatch(name):
        raise DraftingError(_("not a template name: {name} (lower-case letters, digits, _ and -)").format(name=repr(name)))


def _scan(folder: Path) -> dict[str, Path]:
    try:
        return {p.name[:-len(SUFFIX)]: p for p in folder.iterdir()
                if p.name.endswith(SUFFIX) and p.is_file() and _NAME_RE.fullmatch(p.name[:-len(SUFFIX)])}
    except OSError:
        return {}


def list_templates(lang: str | None = None) -> list[TemplateInfo]:
    """Every effective template, per language: a user file hides the shipped one."""
    if lang is not None and lang not in LANGUAGES:
        raise DraftingError(_("unknown language {lang}; use one of: {choices}").format(lang=repr(lang), choices=', '.join(LANGUAGES)))
    found: list[TemplateInfo] = []
    for code in ([lang] if lang else LANGUAGES):
        merged = {n: TemplateInfo(n, code, p, "shipped") for n, p in _scan(shipped_templates_dir() / code).items()}
        merged.update({n: TemplateInfo(n, code, p, "user") for n, p in _scan(user_templates_dir() / code).items()})
        found.extend(sorted(merged.values()))
    return found


def find_template(name: str, lang: str) -> TemplateInfo:
    _check_name(name, lang)
    for origin, folder in (("user", user_templates_dir()), ("shipped", shipped_templates_dir())):
        path = folder / lang / f"{name}{SUFFIX}"
        if path.is_file():
            return TemplateInfo(name, lang, path, origin)
    known = ", ".join(t.name for t in list_templates(lang)) or "none"
    raise DraftingError(_("no template {name} in {lang}; available: {known}").format(name=repr(name), lang=lang, known=known))


def template_source(name: str, lang: str) -> str:
    """The text of the effective template (for the editor, or to render)."""
    path = find_template(name, lang).path
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DraftingError(_("template {path} is not UTF-8 text").format(path=path), kind="io") from None
    except OSError as exc:
        raise DraftingError(_("cannot read template {path}: {problem}").format(path=path, problem=exc.strerror or exc), kind="io") from None


def required_fields(source: str) -> list[str]:
    """What a template declares with require(...): "me.first_name", "contact.first_name", "ask"..."""
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError:
        return []
    found: list[str] = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "require":
            for arg in call.args:
                if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and arg.value not in found:
                    found.append(arg.value)
    return found


def missing_profile_fields(name: str, lang: str, profile: Profile) -> list[str]:
    """Profile fields the template requires that are still empty (for the profile screen)."""
    missing_ = []
    for item in required_fields(template_source(name, lang)):
        head, _dot, attr = item.partition(".")
        if head == "me" and attr and not _view(getattr(profile, attr, ""), "profile", attr):
            missing_.append(attr)
    return missing_


def save_user_template(name: str, lang: str, text: str, *, check: bool = True) -> Path:
    """Write a user template atomically into the config dir (never the shipped file).

    With check, text that does not compile is refused with its line.
    """
    _check_name(name, lang)
    if check:
        compile_source(text, lang)
    elif len(text) > MAX_SOURCE:
        raise DraftingError(_say(N_("the template is longer than {MAX_SOURCE:,} characters"), lang,
                                 MAX_SOURCE=MAX_SOURCE), kind="limit")
    folder = user_templates_dir() / lang
    target = folder / f"{name}{SUFFIX}"
    shipped = shipped_templates_dir().resolve()
    if target.resolve().is_relative_to(shipped):
        raise DraftingError(_("refusing to write into the shipped templates folder {shipped}").format(shipped=shipped), kind="io")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target, text.encode("utf-8"), mode=0o600)
    except StorageError as exc:
        raise DraftingError(str(exc), kind="io") from None
    except OSError as exc:
        raise DraftingError(_("cannot create {folder}: {problem}").format(folder=folder, problem=exc.strerror or exc), kind="io") from None
    return target


def remove_user_template(name: str, lang: str) -> bool:
    """Delete the user's override so the shipped template applies again."""
    _check_name(name, lang)
    target = user_templates_dir() / lang / f"{name}{SUFFIX}"
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DraftingError(_("cannot remove {target}: {problem}").format(target=target, problem=exc.strerror or exc), kind="io") from None
    return True
