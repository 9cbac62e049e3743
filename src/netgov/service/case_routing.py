"""Routing against the stored network: the jurisdiction tree, its offices and their staff.

``CaseNetwork.load`` reads the tree and the offices once (one per unit of work or sweep
batch); ``route_staff`` reads one office's seated staff with their open cases and asks the
pure ``Workload`` for the least-loaded eligible member. Eligible: seated in the office, not
disabled, holding a role that may work cases (``case.work``) over the office's
jurisdiction, and below their weekly capacity. Certifications are not required (yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.routing import (
    JurisdictionTree,
    Office,
    OfficeDirectory,
    Routed,
    StaffMember,
    UncoveredJurisdictionError,
    UnknownJurisdictionError,
    Workload,
)
from netgov.identity.authorization import Resource, authorize
from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Activity, Role
from netgov.service.case_timeline import note
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import CaseRow, GrantRow, OfficeRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork

# The one "role" routing asks the Workload for: may work cases in the office.
WORKS_CASES = Activity.CASE_WORK.value


@dataclass(frozen=True, slots=True)
class CaseNetwork:
    """The jurisdiction tree and its offices, as routing, moves and escalation see them."""

    directory: OfficeDirectory
    offices: dict[str, OfficeRow]
    retired: frozenset[str]

    @classmethod
    def load(cls, uow: UnitOfWork) -> CaseNetwork:
        jurisdictions = uow.places.jurisdictions()
        tree = JurisdictionTree((row.code, row.parent_code) for row in jurisdictions)
        offices = {row.id: row for row in uow.places.offices()}
        directory = OfficeDirectory(tree, (Office(row.id, row.jurisdiction_code) for row in offices.values()))
        retired = frozenset(row.code for row in jurisdictions if row.retired_at is not None)
        return cls(directory=directory, offices=offices, retired=retired)

    def route(self, jurisdiction: str) -> Routed:
        """The lowest office covering ``jurisdiction``; InvalidRequestError naming it when none does."""
        try:
            return self.directory.route(jurisdiction)
        except UnknownJurisdictionError:
            raise InvalidRequestError(f"jurisdiction: no jurisdiction {jurisdiction!r}") from None
        except UncoveredJurisdictionError:
            raise InvalidRequestError(
                f"jurisdiction: no office covers {jurisdiction!r} nor any jurisdiction above it; "
                "add an office (netgov coverage shows every gap)"
            ) from None

    def office(self, office_id: str) -> OfficeRow:
        """An office as a target of a move; InvalidRequestError when unknown or retired."""
        row = self.offices.get(office_id)
        if row is None:
            raise InvalidRequestError(f"office: no office {office_id!r}")
        if row.jurisdiction_code in self.retired:
            raise InvalidRequestError(f"office: {office_id!r} sits in retired jurisdiction {row.jurisdiction_code}")
        return row

    def covered(self) -> tuple[str, ...]:
        """Jurisdictions some office covers: work placed anywhere else cannot be routed."""
        return tuple(code for code in self.directory.tree.codes if self.directory.covering(code) is not None)


def case_resource(office: OfficeRow, case_id: str = "") -> Resource:
    """A case belongs where the office holding it sits."""
    return Resource(kind="case", id=case_id, jurisdiction=office.jurisdiction_code)


def may_work_in(member: StaffRow, grants: list[GrantRow], office: OfficeRow) -> bool:
    """Whether the member's grants let them work cases held by ``office``."""
    principal = Principal(
        kind="staff",
        id=member.username,
        name=member.display_name,
        grants=tuple(
            Grant(role=Role(g.role), jurisdiction=g.jurisdiction_code, platform=g.platform_id) for g in grants
        ),
    )
    return bool(authorize(principal, Activity.CASE_WORK, case_resource(office)))


def eligible_staff(uow: UnitOfWork, office: OfficeRow) -> list[StaffMember]:
    """The office's seated members who may work its cases, with their open cases counted."""
    seated = [(m, g) for m, g in uow.identity.seated_staff([office.id]) if may_work_in(m, g, office)]
    counts = uow.cases.open_counts_by_assignee([member.id for member, _ in seated])
    return [
        StaffMember(
            id=member.id,
            office=office.id,
            roles=frozenset({WORKS_CASES}),
            capacity=max(member.weekly_capacity, 0),
            open_cases=counts.get(member.id, 0),
        )
        for member, _ in seated
    ]


def route_staff(uow: UnitOfWork, office: OfficeRow, *, category: str) -> str | None:
    """The least-loaded eligible member of ``office`` (staff id); None when nobody is eligible."""
    workload = Workload(eligible_staff(uow, office), require_certification=False)
    return workload.assign(office.id, category=category, role=WORKS_CASES)


def assign_by_workload(
    uow: UnitOfWork, case: CaseRow, office: OfficeRow, *, actor: Principal, reason: str, at: datetime
) -> str | None:
    """Give the case to the least-loaded eligible member of ``office``, or leave it in the
    office's queue when nobody is eligible; either way the timeline and audit log say so."""
    staff_id = route_staff(uow, office, category=case.category)
    case.assignee_id = staff_id
    if staff_id is None:
        why = f"{reason}; nobody in {office.id} is eligible (seated, may work cases, below capacity): left in its queue"
        note(uow, case, kind="unassigned", action="case.assign", actor=actor, reason=why, at=at, to_office=office.id)
    else:
        why = f"{reason}; by workload in {office.id}"
        note(uow, case, kind="assigned", action="case.assign", actor=actor, reason=why, at=at, staff_id=staff_id)
    return staff_id


def require_worker(uow: UnitOfWork, actor: Principal, case: CaseRow, office: OfficeRow) -> None:
    """``case.work`` on the case; and on a case assigned to someone else, ``case.assign`` too."""
    resource = case_resource(office, case.id)
    require(actor, Activity.CASE_WORK, resource)
    if case.assignee_id is None or actor is SYSTEM or _is_assignee(uow, actor, case):
        return
    if not authorize(actor, Activity.CASE_ASSIGN, resource):
        raise PermissionDeniedError(
            f"case {case.id} is assigned to someone else; only they or a supervisor (case.assign) may work it"
        )


def _is_assignee(uow: UnitOfWork, actor: Principal, case: CaseRow) -> bool:
    member = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
    return member is not None and member.id == case.assignee_id
