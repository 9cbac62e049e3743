"""Recording which rulebook versions the service has decided with."""

from __future__ import annotations

from datetime import datetime

import msgspec
from sqlalchemy import select

from netgov.core.rulebook.model import Rulebook
from netgov.service.audit_trail import Entry, record
from netgov.store.tables import RulebookVersionRow
from netgov.store.unit_of_work import UnitOfWork


def register_rulebook(uow: UnitOfWork, rulebook: Rulebook, *, at: datetime) -> bool:
    """Record the version the first time it is used; True when it was new."""
    if uow.session.get(RulebookVersionRow, rulebook.version) is not None:
        return False
    regulations = sorted({f"{r.id} {r.version}" for r in rulebook.regulations})
    summary = {"regulations": regulations, "rules": sorted(rule.id for rule in rulebook.rules)}
    uow.session.add(
        RulebookVersionRow(
            version=rulebook.version,
            first_used_at=at,
            rules=len(rulebook.rules),
            regulations=len(regulations),
            summary=msgspec.json.encode(summary),
        )
    )
    entry = Entry(
        actor="system:netgov", action="rulebook.activate", object=f"rulebook:{rulebook.version}", reason="first use"
    )
    record(uow, [entry], at=at)
    return True


def rulebook_history(uow: UnitOfWork) -> list[RulebookVersionRow]:
    """Every rulebook version the service has decided with, newest first."""
    query = select(RulebookVersionRow).order_by(RulebookVersionRow.first_used_at.desc(), RulebookVersionRow.version)
    return list(uow.session.scalars(query))
