"""Opening cases for the decisions the engine held for human review.

Each held decision gets exactly one case (source ``hold``, source_ref = the decision id):
the unique key on (source, source_ref) makes a rerun, a restart or a second sweeper a
no-op, and a batch that fails leaves nothing half-opened (it commits, or rolls back, whole).

The case's place is the decision's jurisdiction (the content's, or the platform's seat,
copied at intake), else the platform's seat now; a decision with neither, or placed where no
office covers, is not opened and is counted as ``unplaced`` (``netgov coverage`` shows the
gap to close). Category, severity and legal basis come from the enforced rule that held the
content, its severity as the rulebook in force says (the decision's copy if the rule is gone).
"""

from __future__ import annotations

import logging
from datetime import datetime

import msgspec

from netgov.core.actions import Action, Mode, Severity
from netgov.core.decision import RuleHit, decision_from_json
from netgov.core.rulebook.model import Rulebook
from netgov.governance.cases import CaseSource
from netgov.service.case_batch import CaseBatch
from netgov.service.case_opening import NewCase, open_cases
from netgov.service.case_routing import CaseNetwork
from netgov.service.permissions import SYSTEM
from netgov.store.repositories.cases import HeldDecision
from netgov.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class HoldIntake(msgspec.Struct, frozen=True, kw_only=True):
    opened: int  # cases opened now
    unplaced: int  # held decisions that cannot be routed (no place, or no office covers it)
    skipped: int  # held decisions with no enforced rule to cite (logged; should not happen)


def open_cases_for_holds(uow: UnitOfWork, *, rulebook: Rulebook, at: datetime, limit: int) -> HoldIntake:
    """Open up to ``limit`` cases for held decisions that have none, as one batch; the caller commits."""
    network = CaseNetwork.load(uow)
    covered = network.covered()
    cases: list[NewCase] = []
    skipped = 0
    for held in uow.cases.held_without_case(covered=covered, limit=limit):
        hit = _holding_rule(held)
        if hit is None:
            log.warning("decision %s was held but cites no enforced rule; no case opened", held.id)
            skipped += 1
            continue
        cases.append(_new_case(held, hit, rulebook))
    opened = 0
    if cases:  # the staff, their workloads and the calendars are read only when there is work
        batch = CaseBatch.load(uow, network=network)
        opened = sum(result.created for result in open_cases(batch, actor=SYSTEM, cases=cases, at=at))
    return HoldIntake(opened=opened, unplaced=uow.cases.held_unplaced(covered=covered), skipped=skipped)


def _new_case(held: HeldDecision, hit: RuleHit, rulebook: Rulebook) -> NewCase:
    rule = rulebook.rule(hit.rule)
    return NewCase(
        source=CaseSource.HOLD,
        source_ref=held.id,
        jurisdiction=held.place,
        category=hit.category,
        severity=rule.severity if rule is not None else hit.severity,
        regulation=hit.legal_ground.regulation,
        article=hit.legal_ground.article,
        platform_id=held.platform_id,
        content_id=held.content_id,
        decision_id=held.id,
        rule_id=hit.rule,
        summary=f"held for review by rule {hit.rule}: {hit.title}",
    )


def _holding_rule(held: HeldDecision) -> RuleHit | None:
    """The enforced rule that chose the hold; the most severe one when several did."""
    decision = decision_from_json(held.document)
    holding = [h for h in decision.rules if h.mode is Mode.ENFORCE and h.action is Action.HOLD_FOR_REVIEW]
    return max(holding, key=lambda hit: (Severity(hit.severity).rank, hit.rule), default=None)
