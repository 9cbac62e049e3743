"""The one way services enforce a permission: ask ``authorize`` and refuse with its reason.

``SYSTEM`` is the operator at the machine (CLI commands, seeding); it holds no grants
and is allowed everything, which the audit log records as ``system:netgov``.
"""

from __future__ import annotations

from netgov.errors import PermissionDeniedError
from netgov.identity.authorization import Resource, authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity

SYSTEM = Principal(kind="system", id="netgov", name="netgov")


def require(principal: Principal | None, activity: Activity, resource: Resource) -> None:
    """Return when ``principal`` may perform ``activity`` on ``resource``; else raise
    PermissionDeniedError carrying the reason ``authorize`` gave."""
    if principal is SYSTEM:
        return
    permission = authorize(principal, activity, resource)
    if not permission:
        raise PermissionDeniedError(permission.reason)
