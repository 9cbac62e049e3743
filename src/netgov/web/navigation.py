"""What the console offers a principal: menu entries and page parts, by permission.

These only decide what is shown; every request is still decided by the service it calls.
Both use ``visible_scope`` so that the console offers exactly what ``authorize`` would
allow somewhere: an entry appears when the principal holds the activity over any scope.
"""

from __future__ import annotations

import msgspec

from netgov.identity.authorization import visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity


class MenuItem(msgspec.Struct, frozen=True):
    label: str
    # Relative to where the console is mounted: "/decisions" is /console/decisions.
    path: str


_ENTRIES: tuple[tuple[MenuItem, Activity | None], ...] = (
    (MenuItem("Overview", "/"), None),
    (MenuItem("Decisions", "/decisions"), Activity.DECISION_READ),
    (MenuItem("Audit log", "/audit"), Activity.AUDIT_READ),
)


def may_somewhere(principal: Principal | None, activity: Activity) -> bool:
    """Whether ``principal`` may perform ``activity`` on anything at all."""
    return not visible_scope(principal, activity).empty


def menu(principal: Principal | None) -> tuple[MenuItem, ...]:
    """The entries of the console's navigation for ``principal``; nothing when signed out."""
    if principal is None:
        return ()
    return tuple(item for item, needs in _ENTRIES if needs is None or may_somewhere(principal, needs))
