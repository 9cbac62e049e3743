"""Who a staff command acts as (``--as USERNAME``, else the operator), and the options the
cases, deadlines and orders commands share."""

from __future__ import annotations

import click

from netgov.errors import NotFoundError
from netgov.identity.principal import Principal
from netgov.service.permissions import SYSTEM
from netgov.service.staff import principal_of
from netgov.store.unit_of_work import UnitOfWork

FORMAT = click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output."
)
AS = click.option(
    "--as", "username", default=None, metavar="USERNAME", help="Act as this staff member (default: the operator)."
)
REASON = click.option("--reason", required=True, help="Why; it goes into the case's timeline and the audit log.")


def actor(uow: UnitOfWork, username: str | None) -> Principal:
    """The staff member named by ``--as``, or the operator (``system:netgov``)."""
    if username is None:
        return SYSTEM
    row = uow.identity.staff_by_username(username)
    if row is None:
        raise NotFoundError(f"no staff member {username!r}")
    return principal_of(uow, row)
