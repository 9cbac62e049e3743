"""The one function that decides every request, and the scope filter lists use.

Routes never decide by themselves: they describe the resource and ask ``authorize``.
Every answer carries a reason, shown to the user on denial and kept in the audit log.
"""

from __future__ import annotations

import msgspec

from netgov.identity.principal import Grant, Principal, within
from netgov.identity.roles import ROLE_ACTIVITIES, Activity


class Resource(msgspec.Struct, frozen=True, kw_only=True):
    """What is acted on: its kind and where it belongs (jurisdiction and/or platform)."""

    kind: str
    id: str = ""
    jurisdiction: str | None = None
    platform: str | None = None

    def describe(self) -> str:
        where = [f"jurisdiction {self.jurisdiction}"] if self.jurisdiction else []
        where += [f"platform {self.platform}"] if self.platform else []
        name = f"{self.kind} {self.id}".strip()
        return f"{name} ({', '.join(where)})" if where else name


class Permission(msgspec.Struct, frozen=True):
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def authorize(principal: Principal | None, activity: Activity, resource: Resource) -> Permission:
    if activity is Activity.RULEBOOK_READ:
        return Permission(True, "the rulebook is public")
    if principal is None:
        return Permission(False, "sign in or send an API key first")
    capable = [grant for grant in principal.grants if activity in ROLE_ACTIVITIES[grant.role]]
    if not capable:
        return Permission(False, f"{principal.name} holds no role that may {activity.value}")
    for grant in capable:
        if _covers(grant, resource):
            return Permission(True, f"{principal.name} is {grant.describe()}")
    scopes = "; ".join(grant.describe() for grant in capable)
    return Permission(False, f"{principal.name} may {activity.value} only as {scopes}, not on {resource.describe()}")


def _covers(grant: Grant, resource: Resource) -> bool:
    if grant.role.platform_scoped:
        return grant.platform is not None and resource.platform == grant.platform
    if grant.jurisdiction is None:
        return False
    # A regulator's grant reaches a resource through the resource's jurisdiction; a
    # resource with none (a platform-wide setting) belongs to the national level only.
    if resource.jurisdiction is None:
        return "." not in grant.jurisdiction
    return within(resource.jurisdiction, grant.jurisdiction)


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    """What a list query may return: resources in these subtrees or of these platforms,
    and, for national grants, resources placed in no jurisdiction."""

    jurisdictions: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    unplaced: bool = False

    @property
    def empty(self) -> bool:
        return not (self.jurisdictions or self.platforms or self.unplaced)


def visible_scope(principal: Principal | None, activity: Activity) -> Scope:
    """The filter for lists, consistent with ``authorize`` item by item."""
    if principal is None:
        return Scope()
    capable = [grant for grant in principal.grants if activity in ROLE_ACTIVITIES[grant.role]]
    platforms = tuple(sorted({g.platform for g in capable if g.role.platform_scoped and g.platform}))
    subtrees = tuple(sorted({g.jurisdiction for g in capable if not g.role.platform_scoped and g.jurisdiction}))
    return Scope(jurisdictions=subtrees, platforms=platforms, unplaced=any("." not in code for code in subtrees))
