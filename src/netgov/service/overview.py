"""The figures on the console's home page: decisions by action and by category, within
the reader's scope."""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.actions import Action
from netgov.identity.authorization import visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.store.repositories.decisions import DecisionFilter
from netgov.store.unit_of_work import UnitOfWork


class Overview(msgspec.Struct, frozen=True, kw_only=True):
    """Counts of the decisions ``principal`` may read; categories only for restricted content."""

    total: int
    by_action: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_platform: list[tuple[str, int]]


def overview(
    uow: UnitOfWork, *, principal: Principal | None, since: datetime | None = None, until: datetime | None = None
) -> Overview:
    """Actions come in ladder order (allow first); categories and platforms by count, largest first."""
    scope = visible_scope(principal, Activity.DECISION_READ)
    where = DecisionFilter(since=since, until=until)
    actions = uow.decisions.counts_by("action", scope, where)
    categories = uow.decisions.counts_by("category", scope, where)
    # An allowed post has no category: the repository reports it under "None".
    categories.pop("None", None)
    return Overview(
        total=sum(actions.values()),
        by_action=sorted(actions.items(), key=lambda item: _RANKS.get(item[0], len(_RANKS))),
        by_category=_largest_first(categories),
        by_platform=_largest_first(uow.decisions.counts_by("platform_id", scope, where)),
    )


def decision_platforms(uow: UnitOfWork, *, principal: Principal | None) -> list[str]:
    """The platforms that have decisions ``principal`` may read: the choices of a platform filter."""
    scope = visible_scope(principal, Activity.DECISION_READ)
    return sorted(uow.decisions.counts_by("platform_id", scope, DecisionFilter()))


_RANKS = {action.value: action.rank for action in Action}


def _largest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
