"""Which platform a platform-scoped request is about, when the caller does not say."""

from __future__ import annotations

from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.identity.authorization import visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.permissions import SYSTEM


def own_platform(actor: Principal, activity: Activity, platform: str | None) -> str:
    """``platform`` when given, else the one platform the actor holds ``activity`` for (a
    platform's key holds one); PermissionDeniedError when the actor may not ``activity`` at
    all, InvalidRequestError when the platform is ambiguous. Whether the actor may act on
    the platform named is still for ``require`` to say."""
    if platform is not None:
        return platform
    scope = visible_scope(actor, activity)
    if actor is not SYSTEM and scope.empty:
        raise PermissionDeniedError(f"{actor.name} holds no role that may {activity.value}")
    if len(scope.platforms) == 1 and not scope.jurisdictions:
        return scope.platforms[0]
    raise InvalidRequestError("platform: name the platform (you act for several, or for none in particular)")
