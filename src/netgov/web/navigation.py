"""What the console offers a principal: menu entries and page parts, by permission.

These only decide what is shown; every request is still decided by the service it calls.
Each entry asks the same question its page's service asks: lists (decisions) appear when
``visible_scope`` gives the principal any scope at all; the audit log, which is read
whole, appears when ``authorize`` allows reading it (``netgov.service.audit_admin``).
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from netgov.identity.authorization import authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_admin import AUDIT_LOG


class MenuItem(msgspec.Struct, frozen=True):
    label: str
    # Relative to where the console is mounted: "/decisions" is /console/decisions.
    path: str


def may_somewhere(principal: Principal | None, activity: Activity) -> bool:
    """Whether ``principal`` may perform ``activity`` on anything at all."""
    return not visible_scope(principal, activity).empty


def _always(principal: Principal) -> bool:
    return True


def _reads_decisions(principal: Principal) -> bool:
    return may_somewhere(principal, Activity.DECISION_READ)


def _reads_coverage(principal: Principal) -> bool:
    return may_somewhere(principal, Activity.COVERAGE_READ)


def _reads_flaggers(principal: Principal) -> bool:
    # The list is public under DSA Art. 22(5): whoever reads notices, or manages flaggers, sees it.
    return may_somewhere(principal, Activity.NOTICE_READ) or may_somewhere(principal, Activity.FLAGGER_MANAGE)


def _reads_audit_log(principal: Principal) -> bool:
    return authorize(principal, Activity.AUDIT_READ, AUDIT_LOG).allowed


_ENTRIES: tuple[tuple[MenuItem, Callable[[Principal], bool]], ...] = (
    (MenuItem("Overview", "/"), _always),
    (MenuItem("Decisions", "/decisions"), _reads_decisions),
    (MenuItem("Coverage", "/coverage"), _reads_coverage),
    (MenuItem("Cases", "/cases"), lambda principal: may_somewhere(principal, Activity.CASE_READ)),
    (MenuItem("Orders", "/orders"), lambda principal: may_somewhere(principal, Activity.ORDER_READ)),
    (MenuItem("Notices", "/notices"), lambda principal: may_somewhere(principal, Activity.NOTICE_READ)),
    (MenuItem("Trusted flaggers", "/flaggers"), _reads_flaggers),
    # Appeals sit with their cases, and the overturn rates name rules and staff: case.read.
    (MenuItem("Appeals", "/appeals"), lambda principal: may_somewhere(principal, Activity.CASE_READ)),
    (MenuItem("Audit log", "/audit"), _reads_audit_log),
)


def menu(principal: Principal | None) -> tuple[MenuItem, ...]:
    """The entries of the console's navigation for ``principal``; nothing when signed out."""
    if principal is None:
        return ()
    return tuple(item for item, offered in _ENTRIES if offered(principal))
