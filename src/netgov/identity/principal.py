"""Principals: a signed-in staff member or a platform's API key, with their grants."""

from __future__ import annotations

import msgspec

from netgov.identity.roles import Role


class Grant(msgspec.Struct, frozen=True, kw_only=True):
    """A role held over a jurisdiction subtree (regulator roles) or one platform."""

    role: Role
    jurisdiction: str | None = None
    platform: str | None = None

    def describe(self) -> str:
        scope = f"platform {self.platform}" if self.role.platform_scoped else f"jurisdiction {self.jurisdiction}"
        return f"{self.role.label} for {scope}"


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # "staff" or "platform"
    id: str
    name: str
    grants: tuple[Grant, ...] = ()

    @property
    def actor(self) -> str:
        """How the audit log names this principal."""
        return f"{self.kind}:{self.id}"

    def has_role(self, *roles: Role) -> bool:
        return any(grant.role in roles for grant in self.grants)


def within(jurisdiction: str, ancestor: str) -> bool:
    """Whether a dotted jurisdiction code lies in the subtree rooted at ``ancestor``."""
    return jurisdiction == ancestor or jurisdiction.startswith(ancestor + ".")
