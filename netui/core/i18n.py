"""Translations: the language netui speaks, its catalogues, text for later, dates.

English is the source language: the text in the code is the msgid, and the
Italian catalogue (netui/locale/it/LC_MESSAGES/netui.mo, compiled from the .po
beside it and committed) gives its translation. Loading a catalogue is one
stdlib `gettext` read of a small file; Babel is a tool for contributors
(extract, update, compile), never imported here.

Which language: `--lang`, else `NETUI_LANG`, else the profile's `language`,
else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English
(`resolve_language`). The command line gives the first two before anything is
opened (`choose_language`); the profile comes when the data file is opened
(`follow_profile`). Templates and checklists follow the same choice.

Text defined at import time (key descriptions, command help, vocabulary labels)
is made with `lazy_gettext`: it becomes the current language's text each time
it is turned into a string, so importing a module never freezes a language.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netui.core.errors import NetuiError

DOMAIN = "netui"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The languages netui speaks (the same as the template languages).
SUPPORTED = ("it", "en")
DEFAULT = "en"
ENV_VAR = "NETUI_LANG"
#: The locale variables, in the order POSIX gives them precedence.
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")

_catalogues: dict[str, _gettext.NullTranslations] = {}
_current = DEFAULT
_active: _gettext.NullTranslations = _gettext.NullTranslations()
_flag: str | None = None  # what --lang said, kept for when the profile is read
_listeners: list[Callable[[str], None]] = []


# --- catalogues ------------------------------------------------------------------

def catalogue(lang: str) -> _gettext.NullTranslations:
    """The translations of `lang` (English: the text itself), loaded once."""
    found = _catalogues.get(lang)
    if found is None:
        if lang == DEFAULT:
            found = _gettext.NullTranslations()
        else:
            found = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        _catalogues[lang] = found
    return found


def set_language(lang: str) -> None:
    """Speak `lang` from now on (an unknown code means English)."""
    global _current, _active
    _current = lang if lang in SUPPORTED else DEFAULT
    _active = catalogue(_current)
    for listener in _listeners:
        listener(_current)


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call `listener(lang)` whenever the language changes (tables that keep resolved text)."""
    _listeners.append(listener)


def current_language() -> str:
    return _current


def gettext(message: str) -> str:
    """`message` in the current language."""
    return _active.gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return _active.ngettext(singular, plural, n)


def translate(message: str, lang: str) -> str:
    """`message` in a given language, whatever the current one (e.g. an Italian draft's warnings)."""
    return catalogue(lang if lang in SUPPORTED else DEFAULT).gettext(message)


# --- text for later ----------------------------------------------------------------

class LazyString:
    """Text that is translated when it is used, not when it is defined.

    `str()` gives the current language's text; formatting, `+`, `%`, comparison
    with a str and str methods work through it, so most code can take it as a
    str. Code that insists on a real str (a type check) gets one with `resolve`.
    """

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return _active.gettext(self.message)

    def __repr__(self) -> str:
        return f"lazy_gettext({self.message!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __len__(self) -> int:
        return len(str(self))

    def __bool__(self) -> bool:
        return bool(self.message)

    def __iter__(self) -> Any:
        return iter(str(self))

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __add__(self, other: str) -> str:
        return str(self) + str(other)

    def __radd__(self, other: str) -> str:
        return str(other) + str(self)

    def __mod__(self, values: Any) -> str:
        return str(self) % values

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyString):
            return self.message == other.message
        return str(self) == other

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __getattr__(self, name: str) -> Any:
        return getattr(str(self), name)


def lazy_gettext(message: str) -> LazyString:
    """Text defined at import time, translated each time it is shown."""
    return LazyString(message)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools know
    """Mark `message` for the catalogue without translating it here (translated where shown)."""
    return message


def resolve(value: Any) -> Any:
    """A real str for a LazyString (for code that checks `isinstance(x, str)`); anything else as is."""
    return str(value) if isinstance(value, LazyString) else value


# --- the language choice ---------------------------------------------------------------

def normalise(code: str | None) -> str | None:
    """`it`, `it_IT.UTF-8`, `IT`, `it-IT` -> "it"; `C`, `POSIX`, empty -> None."""
    if not code:
        return None
    head = code.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return head or None


def language_from_locale(environ: Mapping[str, str]) -> str | None:
    """The language of the locale: the first set of LC_ALL, LC_MESSAGES, LANG."""
    for name in LOCALE_VARS:
        value = environ.get(name)
        if value:
            code = normalise(value)
            return code if code in SUPPORTED else DEFAULT  # C, POSIX, any other language: English
    return None


def _checked(code: str | None, where: str) -> str | None:
    if not code:
        return None
    found = normalise(code)
    if found not in SUPPORTED:
        raise NetuiError(gettext("{where}: unknown language {code}; use one of: {choices}").format(
            where=where, code=repr(code), choices=", ".join(SUPPORTED)))
    return found


def resolve_language(flag: str | None = None, profile_language: str | None = None,
                     environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: `--lang`, NETUI_LANG, the profile's language, the locale, English.

    A flag or NETUI_LANG naming a language netui does not speak is an error (the
    user asked for it); a locale in another language simply means English.
    """
    env = os.environ if environ is None else environ
    for code in (_checked(flag, "--lang"), _checked(env.get(ENV_VAR), ENV_VAR),
                 normalise(profile_language) if normalise(profile_language) in SUPPORTED else None,
                 language_from_locale(env)):
        if code:
            return code
    return DEFAULT


def choose_language(flag: str | None = None) -> str:
    """At start, before the data file is read: remember `--lang` and speak what is known so far."""
    global _flag
    _flag = flag
    lang = resolve_language(flag)
    set_language(lang)
    return lang


def follow_profile(profile_language: str | None) -> str:
    """Once the profile is read: speak the language the whole order gives."""
    lang = resolve_language(_flag, profile_language)
    set_language(lang)
    return lang


def template_language(profile_language: str | None) -> str:
    """The language of templates and checklists when the user picks none: the same order."""
    return resolve_language(_flag, profile_language)


def reset() -> None:
    """Back to English with no flag (for tests that change the language)."""
    global _flag
    _flag = None
    set_language(DEFAULT)


# --- dates ------------------------------------------------------------------------

_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
}


def format_date(value: date | datetime | str | None, lang: str | None = None) -> str:
    """A day as people read it: "2 dic 2026" in Italian, "2 Dec 2026" in English.

    Day, short month, year in both languages: no 02/12 versus 12/02 ambiguity,
    and the Italian month abbreviations are the ones Italian calendars print.
    An ISO text is accepted; text that is not a date comes back unchanged.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value
    months = _MONTHS_SHORT[lang if lang in _MONTHS_SHORT else _current]
    return f"{day.day} {months[day.month - 1]} {day.year}"


class TranslatedTexts(Mapping[str, str]):
    """A module's table of texts (key -> English, marked with `N_`), read in the current language.

    `TEXT["saved"]` gives a real str in the language of the moment, so a screen
    keeps its texts in one table and its code unchanged.
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, key: str) -> str:
        return _active.gettext(self._texts[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)
