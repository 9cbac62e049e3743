"""What a batch of case work reads once and writes once.

Opening hundreds of cases for held decisions, or escalating every breached case, needs
the same few things for each case: the network to route by, each office's staff and
workload, each office's calendar and the deadline rules. A ``CaseBatch`` reads each of
them once for the unit of work, routes and times every case in memory, and holds the
timeline lines and audit events back in a ``Journal`` to write them together at the end
(``write``). One case at a time (the API's ``open_case``) is a batch of one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netgov.governance.deadline_rules import DeadlineRules
from netgov.service.case_deadlines import Deadlines
from netgov.service.case_routing import CaseNetwork, Staffing
from netgov.service.case_timeline import Journal
from netgov.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CaseBatch:
    uow: UnitOfWork
    network: CaseNetwork
    staffing: Staffing
    deadlines: Deadlines
    journal: Journal
    # Platforms looked up so far: a batch names the same few platforms hundreds of times.
    _platforms: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        uow: UnitOfWork,
        *,
        network: CaseNetwork | None = None,
        rules: DeadlineRules | None = None,
        one_case: bool = False,
    ) -> CaseBatch:
        """A batch over ``uow``; ``network`` and ``rules`` when the caller already read them.

        A batch reads every office's staff, workload and holidays up front, in a few queries;
        ``one_case`` reads only those of the office the case goes to, when it goes there."""
        network = network or CaseNetwork.load(uow)
        staffing = Staffing(uow)
        if not one_case:
            staffing.read_all(network.offices[office_id] for office_id in network.routes.offices)
        deadlines = Deadlines(uow, rules) if one_case else Deadlines.everywhere(uow, rules)
        return cls(uow=uow, network=network, staffing=staffing, deadlines=deadlines, journal=Journal())

    def has_platform(self, platform_id: str) -> bool:
        known = self._platforms.get(platform_id)
        if known is None:
            known = self._platforms[platform_id] = self.uow.places.platform(platform_id) is not None
        return known

    def write(self) -> None:
        """Write the timeline lines and audit events noted so far (after the rows they name)."""
        self.journal.write(self.uow)
