"""What a batch of case work reads once and writes once.

Opening hundreds of cases for held decisions, or escalating every breached case, needs
the same few things for each case: the network to route by, each office's staff and
workload, each office's calendar and the deadline rules. A ``CaseBatch`` reads each of
them once for the unit of work, routes and times every case in memory, and holds the
timeline lines and audit events back in a ``Journal`` to write them together at the end
(``write``). One case at a time (the API's ``open_case``) is a batch of one.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @classmethod
    def load(
        cls, uow: UnitOfWork, *, network: CaseNetwork | None = None, rules: DeadlineRules | None = None
    ) -> CaseBatch:
        """A batch over ``uow``; ``network`` and ``rules`` when the caller already read them."""
        return cls(
            uow=uow,
            network=network or CaseNetwork.load(uow),
            staffing=Staffing(uow),
            deadlines=Deadlines(uow, rules),
            journal=Journal(),
        )

    def write(self) -> None:
        """Write the timeline lines and audit events noted so far (after the rows they name)."""
        self.journal.write(self.uow)
