"""Routing against the stored network: the jurisdiction tree, its offices and their staff.

``CaseNetwork.load`` reads the tree and the offices once (one per unit of work or sweep
batch); ``Staffing`` reads an office's seated staff with their open cases once, the first
time a case goes there, and asks the pure ``Workload`` for the least-loaded eligible
member. Eligible: seated in the office, not disabled, holding a role that may work cases
(``case.work``) over the office's jurisdiction, below their weekly capacity, and not
recused from the case (``netgov.governance.recusal``). Certifications are not required (yet).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.recusal import recused_ids, refuse_recused
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
from netgov.service.case_timeline import Journal
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import CaseRow, GrantRow, OfficeRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork

# The one "role" routing asks the Workload for: may work cases in the office.
WORKS_CASES = Activity.CASE_WORK.value


@dataclass(frozen=True, slots=True)
class CaseNetwork:
    """The jurisdiction tree and its offices, as routing, moves and escalation see them.

    ``directory`` places every office, even one left on a retired node (its cases still need
    a place). ``routes`` is what new work follows: only offices on active nodes, over the same
    tree, so a retired node takes no new case and work placed in it (an old decision naming a
    merged county) falls through to the route of its nearest active ancestor.
    """

    directory: OfficeDirectory
    routes: OfficeDirectory
    offices: dict[str, OfficeRow]
    retired: frozenset[str]

    @classmethod
    def load(cls, uow: UnitOfWork) -> CaseNetwork:
        jurisdictions = uow.places.jurisdictions()
        retired = frozenset(row.code for row in jurisdictions if row.retired_at is not None)
        tree = JurisdictionTree((row.code, row.parent_code) for row in jurisdictions)
        offices = {row.id: row for row in uow.places.offices()}
        directory = OfficeDirectory(tree, (Office(row.id, row.jurisdiction_code) for row in offices.values()))
        active = (
            Office(row.id, row.jurisdiction_code) for row in offices.values() if row.jurisdiction_code not in retired
        )
        return cls(directory=directory, routes=OfficeDirectory(tree, active), offices=offices, retired=retired)

    def route(self, jurisdiction: str) -> Routed:
        """The lowest office on an active node covering ``jurisdiction``; InvalidRequestError
        naming it when none does."""
        try:
            return self.routes.route(jurisdiction)
        except UnknownJurisdictionError:
            raise InvalidRequestError(f"jurisdiction: no jurisdiction {jurisdiction!r}") from None
        except UncoveredJurisdictionError:
            raise InvalidRequestError(
                f"jurisdiction: no office covers {jurisdiction!r} nor any jurisdiction above it; "
                "add an office (netgov coverage shows every gap)"
            ) from None

    def above(self, office: OfficeRow) -> OfficeRow | None:
        """Where work escalates from ``office``: the route of its node's parent, offices on
        retired nodes skipped; None at the top."""
        parent = self.routes.tree.parent(office.jurisdiction_code)
        routed = None if parent is None else self.routes.covering(parent)
        return None if routed is None else self.offices[routed.office]

    def office(self, office_id: str) -> OfficeRow:
        """An office as a target of a move; InvalidRequestError when unknown or retired."""
        row = self.offices.get(office_id)
        if row is None:
            raise InvalidRequestError(f"office: no office {office_id!r}")
        if row.jurisdiction_code in self.retired:
            raise InvalidRequestError(f"office: {office_id!r} sits in retired jurisdiction {row.jurisdiction_code}")
        return row

    def covered(self) -> tuple[str, ...]:
        """Jurisdictions some office on an active node covers: work placed anywhere else cannot be routed."""
        return tuple(code for code in self.routes.tree.codes if self.routes.covering(code) is not None)


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
    seated = uow.identity.seated_staff([office.id])
    return _members(office, seated, uow.cases.open_counts_by_assignee([member.id for member, _ in seated]))


def _members(
    office: OfficeRow, seated: Iterable[tuple[StaffRow, list[GrantRow]]], counts: Mapping[str, int]
) -> list[StaffMember]:
    """The members of ``seated`` who may work the office's cases, as routing counts them."""
    return [
        StaffMember(
            id=member.id,
            office=office.id,
            roles=frozenset({WORKS_CASES}),
            capacity=max(member.weekly_capacity, 0),
            open_cases=counts.get(member.id, 0),
        )
        for member, grants in seated
        if may_work_in(member, grants, office)
    ]


class Staffing:
    """Who takes the next case in each office, for the length of one unit of work.

    The first case routed to an office reads its eligible staff and their open cases; after
    that a ``Workload`` keeps the count as cases are assigned (and released, when a case
    leaves its assignee), so a batch of hundreds of cases routes in memory and picks exactly
    whom one-at-a-time routing would have picked.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._workloads: dict[str, Workload] = {}
        self._seated: dict[str, str] = {}  # staff id -> the office whose workload counts them

    def read_all(self, offices: Iterable[OfficeRow]) -> None:
        """Read the staff and workload of every office in ``offices`` at once (a batch that
        routes across the country): three queries in all instead of three per office."""
        self._uow.session.flush()
        seated = self._uow.identity.seated_staff()
        counts = self._uow.cases.open_counts_by_assignee([member.id for member, _ in seated])
        by_office: dict[str | None, list[tuple[StaffRow, list[GrantRow]]]] = {}
        for member, grants in seated:
            by_office.setdefault(member.office_id, []).append((member, grants))
        for office in offices:
            self._add(office, _members(office, by_office.get(office.id, ()), counts))

    def assign(self, office: OfficeRow, *, category: str, excluded: Collection[str] = ()) -> str | None:
        """The least-loaded eligible member of ``office`` (counted as one case busier), never
        one of ``excluded`` (staff ids recused from the case); None if nobody."""
        workload = self._workloads.get(office.id)
        if workload is None:
            # Changes this unit of work made (a case moved away from someone) count too.
            self._uow.session.flush()
            workload = self._add(office, eligible_staff(self._uow, office))
        return workload.assign(office.id, category=category, role=WORKS_CASES, excluded=excluded)

    def _add(self, office: OfficeRow, members: list[StaffMember]) -> Workload:
        workload = self._workloads[office.id] = Workload(members, require_certification=False)
        self._seated.update((member.id, office.id) for member in members)
        return workload

    def release(self, staff_id: str | None) -> None:
        """A case left ``staff_id`` (moved away or never written): one fewer for them."""
        if staff_id is None or staff_id not in self._seated:
            return  # not counted here: their office's workload was not read in this unit of work
        workload = self._workloads[self._seated[staff_id]]
        if workload.open_cases(staff_id) > 0:
            workload.release(staff_id)


def assign_by_workload(
    uow: UnitOfWork,
    case: CaseRow,
    office: OfficeRow,
    *,
    actor: Principal,
    reason: str,
    at: datetime,
    staffing: Staffing | None = None,
    journal: Journal | None = None,
) -> str | None:
    """Give the case to the least-loaded eligible member of ``office``, or leave it in the
    office's queue when nobody is eligible; either way the timeline and audit log say so.

    A batch passes its ``staffing`` and ``journal``; the lines are then written with the batch."""
    staffing = staffing or Staffing(uow)
    previous = case.assignee_id
    staff_id = staffing.assign(office, category=case.category, excluded=recused_ids(case.recused))
    # After the choice, as the database would count it: the case was still the previous
    # assignee's while the new one was chosen.
    staffing.release(previous)
    case.assignee_id = staff_id
    lines = journal or Journal()
    lines.note(case, action="case.assign", actor=actor, at=at, **routed_line(office, staff_id, reason))
    if journal is None:
        lines.write(uow)
    return staff_id


def routed_line(office: OfficeRow, staff_id: str | None, reason: str) -> dict[str, str]:
    """The timeline line (kind, reason, column) saying where routing by workload put a case."""
    if staff_id is None:
        why = (
            f"{reason}; nobody in {office.id} is eligible (seated, may work cases, below capacity, "
            "not recused): left in its queue"
        )
        return {"kind": "unassigned", "reason": why, "to_office": office.id}
    return {"kind": "assigned", "reason": f"{reason}; by workload in {office.id}", "staff_id": staff_id}


def require_worker(uow: UnitOfWork, actor: Principal, case: CaseRow, office: OfficeRow) -> None:
    """``case.work`` on the case, not being recused from it; and on a case assigned to
    someone else, ``case.assign`` too."""
    resource = case_resource(office, case.id)
    require(actor, Activity.CASE_WORK, resource)
    refuse_recused_actor(uow, actor, case, doing="work")
    if case.assignee_id is None or actor is SYSTEM or _is_assignee(uow, actor, case):
        return
    if not authorize(actor, Activity.CASE_ASSIGN, resource):
        raise PermissionDeniedError(
            f"case {case.id} is assigned to someone else; only they or a supervisor (case.assign) may work it"
        )


def refuse_recused_actor(uow: UnitOfWork, actor: Principal, case: CaseRow, *, doing: str) -> None:
    """PermissionDeniedError when the actor is a staff member recused from the case (whatever their role)."""
    if case.recused is None or actor.kind != "staff":
        return
    member = uow.identity.staff_by_username(actor.id)
    refuse_recused(case.recused, None if member is None else member.id, who=actor.name, case_id=case.id, doing=doing)


def _is_assignee(uow: UnitOfWork, actor: Principal, case: CaseRow) -> bool:
    member = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
    return member is not None and member.id == case.assignee_id
