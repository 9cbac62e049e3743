"""Which action forms the case page shows a principal: the questions the services ask.

This only decides what is offered. Each form posts to a service that decides again (under
a lock, with the case as it is then), so a form shown a moment too long is refused with
the service's own message, never obeyed.
"""

from __future__ import annotations

import msgspec

from netgov.governance.case_states import CaseState
from netgov.governance.escalation import is_above
from netgov.governance.recusal import is_recused
from netgov.identity.authorization import Resource, authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_routing import CaseNetwork, case_resource, eligible_staff
from netgov.service.case_views import CaseDetail, NextStep
from netgov.store.tables import OfficeRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork


class Choice(msgspec.Struct, frozen=True):
    value: str
    label: str


class Offers(msgspec.Struct, frozen=True, kw_only=True):
    """The forms to show; an empty list or False means the form is not shown."""

    take: bool = False
    steps: list[NextStep] = msgspec.field(default_factory=list)
    assign_to: list[Choice] = msgspec.field(default_factory=list)
    take_over: bool = False
    designate_to: list[Choice] = msgspec.field(default_factory=list)
    transfer_to: list[Choice] = msgspec.field(default_factory=list)
    refer: bool = False
    issue_order: bool = False

    def any(self) -> bool:
        return any(msgspec.structs.astuple(self))


class _Asker:
    """The principal's standing on one case, read once."""

    def __init__(self, uow: UnitOfWork, principal: Principal, detail: CaseDetail) -> None:
        self.uow, self.principal, self.detail = uow, principal, detail
        office = uow.places.office(detail.office_id)
        assert office is not None, "cases.office_id is a foreign key"
        self.office = office
        self.resource = case_resource(office, detail.id)
        member = uow.identity.staff_by_username(principal.id) if principal.kind == "staff" else None
        self.member: StaffRow | None = None if member is None or member.disabled else member
        self.open = detail.state is not CaseState.CLOSED
        self.works = self.may(Activity.CASE_WORK)
        self.assigns = self.may(Activity.CASE_ASSIGN)
        self.mine = self.member is not None and detail.assignee == self.member.username
        case = uow.cases.case(detail.id)
        self.recused = case.recused if case is not None else None
        # As the services: whoever took the decision an appeal reviews does no work on it.
        self.barred = self.member is not None and is_recused(self.recused, self.member.id)
        # As ``require_worker``: a case assigned to someone else needs case.assign as well.
        self.works_this = self.works and (detail.assignee is None or self.mine or self.assigns)

    def may(self, activity: Activity, resource: Resource | None = None) -> bool:
        return bool(authorize(self.principal, activity, resource or self.resource))


def case_offers(uow: UnitOfWork, principal: Principal, detail: CaseDetail) -> Offers:
    """The forms of the case page ``principal`` would have accepted now."""
    asker = _Asker(uow, principal, detail)
    if asker.barred:
        return Offers()
    live = asker.open
    network = CaseNetwork.load(uow) if live and (asker.works or asker.assigns) else None
    return Offers(
        take=live
        and asker.member is not None
        and asker.works
        and not asker.mine
        # Someone else's case is taken only by a supervisor (case.assign).
        and (detail.assignee is None or asker.assigns),
        steps=list(detail.next_steps) if asker.works_this else [],
        assign_to=_staff_choices(asker) if live and asker.assigns else [],
        take_over=network is not None and asker.works and _sits_above(asker, network),
        designate_to=_offices(asker, network, (Activity.CASE_ASSIGN,)) if asker.assigns else [],
        transfer_to=_offices(asker, network, (Activity.CASE_ASSIGN, Activity.CASE_WORK)) if asker.works_this else [],
        refer=asker.may(Activity.REFERRAL_MANAGE),
        issue_order=_issues_orders(asker),
    )


def _staff_choices(asker: _Asker) -> list[Choice]:
    """The office's members who may work its cases, with their load; first: by workload."""
    members = eligible_staff(asker.uow, asker.office)
    names = asker.uow.cases.staff_names([member.id for member in members])
    choices = [Choice("", "by workload (the least-loaded eligible member)")]
    for member in sorted(members, key=lambda m: names[m.id][1]):
        if is_recused(asker.recused, member.id):
            continue
        username, name = names[member.id]
        choices.append(Choice(username, f"{name} ({member.open_cases} open, capacity {member.capacity})"))
    return choices


def _sits_above(asker: _Asker, network: CaseNetwork) -> bool:
    seat = asker.member.office_id if asker.member is not None else None
    if seat is None or seat not in network.directory.offices:
        return False
    return is_above(network.directory, seat, asker.office.id)


def _offices(asker: _Asker, network: CaseNetwork | None, activities: tuple[Activity, ...]) -> list[Choice]:
    """Offices other than the case's, not retired, on which the principal holds one of ``activities``."""
    if network is None:
        return []
    targets: list[OfficeRow] = []
    for office in sorted(network.offices.values(), key=lambda row: row.jurisdiction_code):
        if office.id == asker.office.id or office.jurisdiction_code in network.retired:
            continue
        if any(asker.may(activity, case_resource(office)) for activity in activities):
            targets.append(office)
    return [Choice(office.id, f"{office.name} ({office.jurisdiction_code})") for office in targets]


def _issues_orders(asker: _Asker) -> bool:
    """Whether the principal may issue an order to the case's platform from their seat
    (from the case's office when they sit in none), as ``service.orders`` asks."""
    seat = asker.member.office_id if asker.member is not None else None
    office = (asker.uow.places.office(seat) if seat else None) or asker.office
    where = Resource(kind="order", jurisdiction=office.jurisdiction_code, platform=asker.detail.platform_id)
    return asker.may(Activity.ORDER_ISSUE, where)
