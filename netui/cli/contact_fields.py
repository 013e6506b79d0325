"""What `add` and `edit` share besides the warm paths: the register option and the
rule that an email address belongs to one contact, so that both commands accept
and refuse the same things."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

import click

from netui.cli.translated import TranslatedOption
from netui.core.errors import NetuiError
from netui.core.i18n import _
from netui.core.i18n import lazy_gettext as _l
from netui.core.models import REGISTERS

if TYPE_CHECKING:
    from netui.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def register_option(function: F) -> F:
    """`--register tu|lei`."""
    return click.option(
        "--register", type=click.Choice(REGISTERS), default=None, cls=TranslatedOption,
        help=_l("tu or lei in Italian emails (default: lei for mentors, managers, recruiters "
                "and employers, tu for peers, family and friends, else lei)."),
    )(function)


def check_email_free(store: "Store", email: str, uid: str | None = None) -> None:
    """Refuse an address that already belongs to another contact than `uid`."""
    existing = store.contact_by_email(email)
    if existing is not None and existing.uid != uid:
        raise NetuiError(_("{email} already belongs to {name} ({uid})").format(
            email=email, name=existing.name, uid=existing.uid))
