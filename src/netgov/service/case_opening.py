"""Opening a case: checked, routed to an office and a member of its staff, timed, recorded.

``netgov.service.cases.open_case`` is the entry point; ``open_case_once`` here also says
whether the case is new (the API answers 201 or 200 by it). ``open_cases`` opens many in one
``CaseBatch`` (the sweep); one case is a batch of one, so both take the same path.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import msgspec

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRules
from netgov.governance.recusal import recused_column
from netgov.governance.routing import Routed, priority
from netgov.identity.authorization import visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_batch import CaseBatch
from netgov.service.case_routing import CaseNetwork, case_resource, routed_line
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


@dataclass(frozen=True, slots=True)
class OpenedRef:
    """``Opened`` for a batch: the case's id, not its row (loading each row would cost more
    than opening it)."""

    case_id: str
    created: bool


class NewCase(msgspec.Struct, frozen=True, kw_only=True):
    """What a case is opened about: the arguments of ``open_case`` but the actor and time."""

    source: CaseSource
    source_ref: str
    jurisdiction: str
    category: Category
    severity: Severity
    regulation: str
    article: str
    platform_id: str | None = None
    content_id: str | None = None
    decision_id: str | None = None
    rule_id: str | None = None
    summary: str = ""
    trusted_flagger: bool = False
    # Staff ids who may not work the case (an appeal's original decider): routing skips them.
    recused: tuple[str, ...] = ()


def open_case_once(
    uow: UnitOfWork,
    *,
    actor: Principal,
    new: NewCase,
    at: datetime,
    network: CaseNetwork | None = None,
    rules: DeadlineRules | None = None,
) -> Opened:
    """``open_case``, saying whether the case is new: a batch of one (``open_cases``) after
    looking for the case already opened for (source, source_ref)."""
    _check(new, actor)
    existing = uow.cases.by_source(new.source.value, new.source_ref)
    if existing is not None:
        office = uow.places.office(existing.office_id)
        assert office is not None, "cases.office_id is a foreign key"
        require(actor, Activity.CASE_READ, case_resource(office, existing.id))
        return Opened(existing, False)
    (opened,) = _open_all(CaseBatch.load(uow, network=network, rules=rules, one_case=True), actor, [new], at)
    case = uow.cases.case(opened.case_id)
    assert case is not None, "it was written (or found) just now"
    return Opened(case, opened.created)


def open_cases(batch: CaseBatch, *, actor: Principal, cases: Sequence[NewCase], at: datetime) -> list[OpenedRef]:
    """Open a case for each of ``cases``, routed and timed in memory and written together:
    one insert of the cases, one of their timeline lines, one append to the audit chain.

    Meant for items known to have no case yet (the sweep's query leaves out decisions that
    have one), so nothing is looked up first. One that has a case all the same (a concurrent
    sweeper opened it, or ``cases`` names it twice) is caught by the unique key on (source,
    source_ref): the batch is then written one case at a time and that item returns the
    existing case, ``created`` False. The result is in the order of ``cases``."""
    for new in cases:
        _check(new, actor)
    return _open_all(batch, actor, cases, at)


def _open_all(batch: CaseBatch, actor: Principal, cases: Sequence[NewCase], at: datetime) -> list[OpenedRef]:
    planned = [_planned(batch, actor, new, at) for new in cases]
    if batch.uow.cases.add_cases_once(planned):
        opened = [OpenedRef(str(row["id"]), True) for row in planned]
    else:
        opened = [_one_at_a_time(batch, row) for row in planned]
    batch.write()
    return opened


def _planned(batch: CaseBatch, actor: Principal, new: NewCase, at: datetime) -> dict[str, object]:
    """The new case's row, routed, timed and assigned, with its timeline noted; not yet written."""
    routed, office = _routed(batch.network, actor, new.jurisdiction)
    if new.platform_id is not None and not batch.has_platform(new.platform_id):
        raise InvalidRequestError(f"platform_id: no platform {new.platform_id!r}")
    case_id, source, category = f"case_{uuid.uuid4().hex[:26]}", new.source.value, new.category.value
    staff_id = batch.staffing.assign(office, category=category, excluded=new.recused)
    why = f"opened from {source} {new.source_ref}; routed to {office.id}{_fell_back(batch.network, new, routed)}"
    batch.journal.line(case_id, kind="opened", action="case.open", actor=actor, reason=why, at=at, to_office=office.id)
    routed_to = routed_line(office, staff_id, "routed on opening")
    batch.journal.line(case_id, action="case.assign", actor=actor, at=at, **routed_to)
    deadline = batch.deadlines.due(office, category=category, source=source, start=at)
    return _row(new, case_id=case_id, office=office, staff_id=staff_id, deadline=deadline, at=at)


def _row(
    new: NewCase, *, case_id: str, office: OfficeRow, staff_id: str | None, deadline: datetime, at: datetime
) -> dict[str, object]:
    """Every column of the new case's row."""
    source = new.source.value
    return {
        "id": case_id,
        "source": source,
        "source_ref": new.source_ref,
        "state": CaseState.FILED.value,
        "jurisdiction_code": new.jurisdiction,
        "office_id": office.id,
        "assignee_id": staff_id,
        "category": new.category.value,
        "severity": new.severity.value,
        "priority": priority(new.severity, source, new.trusted_flagger),
        "trusted_flagger": new.trusted_flagger,
        "regulation": new.regulation.strip(),
        "article": new.article.strip(),
        "rule_id": new.rule_id,
        "platform_id": new.platform_id,
        "content_id": new.content_id,
        "decision_id": new.decision_id,
        "summary": new.summary.strip(),
        "recused": recused_column(new.recused),
        "opened_at": at,
        "updated_at": at,
        "deadline_at": deadline,
        "warned_at": None,
        "escalations": 0,
        "outcome": None,
        "closed_at": None,
    }


def _one_at_a_time(batch: CaseBatch, row: dict[str, object]) -> OpenedRef:
    """Write one planned case; when its key is taken, the existing case, and this one's lines dropped."""
    case_id = str(row["id"])
    if batch.uow.cases.add_cases_once([row]):
        return OpenedRef(case_id, True)
    batch.journal.discard(case_id)
    batch.staffing.release(cast(str | None, row["assignee_id"]))
    existing = batch.uow.cases.by_source(str(row["source"]), str(row["source_ref"]))
    assert existing is not None, "the unique key refused it for this (source, source_ref)"
    return OpenedRef(existing.id, False)


def _routed(network: CaseNetwork, actor: Principal, jurisdiction: str) -> tuple[Routed, OfficeRow]:
    """The office a new case in ``jurisdiction`` goes to, which the actor must be able to work in."""
    if jurisdiction in network.retired and actor is not SYSTEM:
        raise InvalidRequestError(f"jurisdiction: {jurisdiction!r} is retired; open the case in its successor")
    routed = network.route(jurisdiction)
    office = network.offices[routed.office]
    require(actor, Activity.CASE_WORK, case_resource(office))
    return routed, office


def _fell_back(network: CaseNetwork, new: NewCase, routed: Routed) -> str:
    """What the timeline says when the case went to an office above its own node."""
    fell = routed.fell_back_levels
    if not fell:
        return ""
    why = "is retired" if new.jurisdiction in network.retired else "has no office of its own"
    return f", {fell} level(s) up: {new.jurisdiction} {why}"


def _check(new: NewCase, actor: Principal) -> None:
    """The request's own fields, and whether the actor may open cases at all."""
    _check_texts(source_ref=new.source_ref, regulation=new.regulation, article=new.article, summary=new.summary)
    _check_texts(
        rule_id=new.rule_id, platform_id=new.platform_id, content_id=new.content_id, decision_id=new.decision_id
    )
    if actor is not SYSTEM and visible_scope(actor, Activity.CASE_WORK).empty:
        # Refused before anything about the request is looked up: it tells a caller who may
        # open no case at all nothing about which jurisdictions or cases exist.
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.CASE_WORK.value}")


def _check_texts(**fields: str | None) -> None:
    for name, value in fields.items():
        if value is None:
            continue
        if name != "summary" and not value.strip():
            raise InvalidRequestError(f"{name}: must not be empty")
        if len(value) > _LIMITS[name]:
            raise InvalidRequestError(f"{name}: at most {_LIMITS[name]} characters, not {len(value)}")
