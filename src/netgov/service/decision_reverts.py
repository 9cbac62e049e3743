"""Reverting a decision found wrong: by an overturned appeal or a dispute body finding for the recipient.

    revert_statement(uow, statement=row, why=Reverted(actor="staff:ana", reason="...", appeal_id=...), at=now)

One path for both, so they cannot drift apart: the statement is marked ``reverted``, the
strikes it added are lifted (they no longer count in ``account.prior_strikes``), and the
platform is sent the effect that undoes the measure (``EffectKind.reverting``: restore the
content, lift the account restriction, remove the label), in the caller's unit of work.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.actions import Action
from netgov.governance.effects import effect_for
from netgov.service.audit_trail import Entry, record
from netgov.service.platform_effects import NewEffect, emit_effect
from netgov.store.tables import PlatformEffectRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

REVERTED = "reverted"


class Reverted(msgspec.Struct, frozen=True, kw_only=True):
    """Who found the decision wrong and why, and the appeal, case or dispute that did."""

    actor: str
    reason: str
    appeal_id: str | None = None
    case_id: str | None = None
    dispute_id: str | None = None


def revert_statement(
    uow: UnitOfWork, *, statement: StatementRow, why: Reverted, at: datetime
) -> PlatformEffectRow | None:
    """Revert the statement's decision; the reverting effect sent, or None when there was
    nothing to send (already reverted, or a measure with no effect to undo)."""
    if not withdraw_statement(uow, statement=statement, why=why, at=at):
        return None
    by = _by(why)
    done = effect_for(Action(statement.measure))
    undo = None if done is None else done.reverting
    if undo is None:
        return None
    new = NewEffect(
        platform_id=statement.platform_id,
        kind=undo,
        reason=f"{statement.measure} of {statement.content_id} reverted ({by}): {why.reason}",
        actor=why.actor,
        content_id=statement.content_id,
        account_id=statement.account_id,
        statement_id=statement.id,
        case_id=why.case_id,
        appeal_id=why.appeal_id,
    )
    return emit_effect(uow, new=new, at=at)


def withdraw_statement(uow: UnitOfWork, *, statement: StatementRow, why: Reverted, at: datetime) -> bool:
    """Mark the statement reverted and lift its strikes, with an audit event; False when it
    was reverted already. The effect is the caller's: a reconsideration sends one per kind."""
    if statement.status == REVERTED:
        return False
    statement.status = REVERTED
    statement.reverted_at = at
    lifted = uow.redress.lift_strikes(statement.id, at=at, reason=why.reason)
    entry = Entry(
        actor=why.actor,
        action="statement.revert",
        object=f"statement:{statement.id}",
        reason=why.reason,
        details={"by": _by(why), "strikes_lifted": lifted},
    )
    record(uow, [entry], at=at)
    return True


def _by(why: Reverted) -> str:
    if why.dispute_id is not None:
        return f"dispute {why.dispute_id}"
    if why.appeal_id is not None:
        return f"appeal {why.appeal_id} overturned"
    return "overturned"
