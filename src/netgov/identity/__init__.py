"""Who is asking and what they may do: roles, grants, principals and the one
authorization function that decides every request."""

from netgov.identity.authorization import Permission, Resource, authorize, visible_scope
from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Activity, Role

__all__ = ["Activity", "Grant", "Permission", "Principal", "Resource", "Role", "authorize", "visible_scope"]
