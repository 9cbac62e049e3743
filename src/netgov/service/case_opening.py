"""Opening a case: checked, routed to an office and a member of its staff, timed, recorded.

``netgov.service.cases.open_case`` is the entry point; ``open_case_once`` here also says
whether the case is new (the API answers 201 or 200 by it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRules
from netgov.governance.routing import Routed, priority
from netgov.identity.authorization import visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_deadlines import due_at
from netgov.service.case_routing import CaseNetwork, assign_by_workload, case_resource
from netgov.service.case_timeline import note
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

_LIMITS = {
    "source_ref": 200,
    "regulation": 200,
    "article": 80,
    "rule_id": 200,
    "platform_id": 64,
    "content_id": 200,
    "decision_id": 64,
    "summary": 4000,
}


@dataclass(frozen=True, slots=True)
class Opened:
    case: CaseRow
    created: bool  # False: a case for (source, source_ref) existed and is returned as it is


def open_case_once(
    uow: UnitOfWork,
    *,
    actor: Principal,
    source: CaseSource,
    source_ref: str,
    jurisdiction: str,
    category: Category,
    severity: Severity,
    regulation: str,
    article: str,
    platform_id: str | None = None,
    content_id: str | None = None,
    decision_id: str | None = None,
    rule_id: str | None = None,
    summary: str = "",
    trusted_flagger: bool = False,
    at: datetime,
    network: CaseNetwork | None = None,
    rules: DeadlineRules | None = None,
) -> Opened:
    """``open_case``, saying whether the case is new. ``network`` and ``rules`` may be passed
    in when many cases are opened in one unit of work (the sweep), to read them once."""
    _check_texts(source_ref=source_ref, regulation=regulation, article=article, summary=summary)
    _check_texts(rule_id=rule_id, platform_id=platform_id, content_id=content_id, decision_id=decision_id)
    if actor is not SYSTEM and visible_scope(actor, Activity.CASE_WORK).empty:
        # Refused before anything about the request is looked up: it tells a caller who may
        # open no case at all nothing about which jurisdictions or cases exist.
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.CASE_WORK.value}")
    existing = uow.cases.by_source(source.value, source_ref)
    if existing is not None:
        require(actor, Activity.CASE_READ, case_resource(_office_of(uow, existing), existing.id))
        return Opened(existing, False)
    routed, office = _routed(uow, network or CaseNetwork.load(uow), actor, jurisdiction)
    if platform_id is not None and uow.places.platform(platform_id) is None:
        raise InvalidRequestError(f"platform_id: no platform {platform_id!r}")
    case = CaseRow(
        id=f"case_{uuid.uuid4().hex[:26]}",
        source=source.value,
        source_ref=source_ref,
        state=CaseState.FILED.value,
        jurisdiction_code=jurisdiction,
        office_id=office.id,
        assignee_id=None,
        category=category.value,
        severity=severity.value,
        priority=priority(severity, source.value, trusted_flagger),
        trusted_flagger=trusted_flagger,
        regulation=regulation.strip(),
        article=article.strip(),
        rule_id=rule_id,
        platform_id=platform_id,
        content_id=content_id,
        decision_id=decision_id,
        summary=summary.strip(),
        opened_at=at,
        updated_at=at,
        deadline_at=due_at(uow, office, category=category.value, source=source.value, start=at, rules=rules),
        warned_at=None,
        escalations=0,
        outcome=None,
        closed_at=None,
    )
    if not uow.cases.add_once(case):
        # Opened by a concurrent request or sweeper since the lookup above: theirs stands.
        raced = uow.cases.by_source(source.value, source_ref)
        assert raced is not None, "add_once refused it for this key"
        return Opened(raced, False)
    fell = routed.fell_back_levels
    up = f", {fell} level(s) up: {jurisdiction} has no office of its own" if fell else ""
    why = f"opened from {source.value} {source_ref}; routed to {office.id}{up}"
    note(uow, case, kind="opened", action="case.open", actor=actor, reason=why, at=at, to_office=office.id)
    assign_by_workload(uow, case, office, actor=actor, reason="routed on opening", at=at)
    return Opened(case, True)


def _routed(uow: UnitOfWork, network: CaseNetwork, actor: Principal, jurisdiction: str) -> tuple[Routed, OfficeRow]:
    """The office a new case in ``jurisdiction`` goes to, which the actor must be able to work in."""
    place = uow.places.jurisdiction(jurisdiction)
    if place is not None and place.retired_at is not None and actor is not SYSTEM:
        raise InvalidRequestError(f"jurisdiction: {jurisdiction!r} is retired; open the case in its successor")
    routed = network.route(jurisdiction)
    office = network.offices[routed.office]
    require(actor, Activity.CASE_WORK, case_resource(office))
    return routed, office


def _office_of(uow: UnitOfWork, case: CaseRow) -> OfficeRow:
    office = uow.places.office(case.office_id)
    assert office is not None, "cases.office_id is a foreign key"
    return office


def _check_texts(**fields: str | None) -> None:
    for name, value in fields.items():
        if value is None:
            continue
        if name != "summary" and not value.strip():
            raise InvalidRequestError(f"{name}: must not be empty")
        if len(value) > _LIMITS[name]:
            raise InvalidRequestError(f"{name}: at most {_LIMITS[name]} characters, not {len(value)}")
