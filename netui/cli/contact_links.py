"""The warm-path options `add` and `edit` share: who introduced a contact, where they know someone,
where they worked before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

import click

from netui.cli.translated import TranslatedOption
from netui.core.companies import parse_knows_at
from netui.core.errors import ValidationError
from netui.core.i18n import _
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import Contact, check_knows_at

if TYPE_CHECKING:
    from netui.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def link_options(function: F) -> F:
    """`--introduced-by`, `--knows-at` and `--past-company` (the last two repeatable)."""
    function = click.option(
        "--past-company", "past_companies", multiple=True, metavar="COMPANY",
        cls=TranslatedOption, help=_l("A company they worked at before. Repeatable; with edit, replaces the list ('' clears it)."),
    )(function)
    function = click.option(
        "--knows-at", "knows_at", multiple=True, metavar='"COMPANY[: NAME[, NOTE]]"',
        cls=TranslatedOption, help=_l('A company where they know someone, e.g. "Ferrari: Anna, HR". Repeatable; with edit, '
             "replaces the list ('' clears it)."),
    )(function)
    function = click.option(
        "--introduced-by", "introduced_by", default=None, metavar="CONTACT",
        cls=TranslatedOption, help=_l("The contact who introduced you (uid, email or name); with edit, '' clears it."),
    )(function)
    return function


def knows_at_entries(values: tuple[str, ...]) -> list[dict[str, str]]:
    """The `--knows-at` values as entries; empty values are dropped (so '' clears)."""
    return check_knows_at([parse_knows_at(v) for v in values if v.strip()])


def apply_links(store: "Store", contact: Contact, introduced_by: str | None, knows_at: tuple[str, ...],
                past_companies: tuple[str, ...]) -> Contact:
    """`contact` with the options that were given (the others unchanged)."""
    if introduced_by is not None:
        if introduced_by.strip():
            introducer = store.find_contact(introduced_by)
            if introducer.uid == contact.uid:
                raise ValidationError("introduced_by", _("a contact cannot introduce themselves"))
            contact.introduced_by = introducer.uid
        else:
            contact.introduced_by = None
    if knows_at:
        contact.knows_at = knows_at_entries(knows_at)
    if past_companies:
        contact.past_companies = [p.strip() for p in past_companies if p.strip()]
    return contact
