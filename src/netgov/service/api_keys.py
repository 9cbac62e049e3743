"""Platform API keys: issued once, stored as a digest, revocable, with last-used time."""

from __future__ import annotations

import time
from datetime import datetime

import msgspec

from netgov.errors import ConflictError, NotAuthenticatedError, NotFoundError
from netgov.identity.authorization import Resource
from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Activity, Role
from netgov.identity.secrets import IssuedKey, parse_key, same_digest
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.store.tables import ApiKeyRow
from netgov.store.unit_of_work import UnitOfWork


class KeyIdentity(msgspec.Struct, frozen=True, kw_only=True):
    lookup: str
    principal: Principal
    jurisdiction: str | None


def issue_key(uow: UnitOfWork, *, actor: Principal, platform_id: str, name: str, at: datetime) -> str:
    """A new key for the platform; the returned token is shown once and never stored."""
    platform = uow.places.platform(platform_id)
    if platform is None:
        raise NotFoundError(f"no platform {platform_id!r}")
    seat = platform.jurisdiction_code
    require(
        actor,
        Activity.API_KEY_MANAGE,
        Resource(kind="platform", id=platform_id, platform=platform_id, jurisdiction=seat),
    )
    key = IssuedKey()
    uow.identity.add(
        ApiKeyRow(
            lookup=key.lookup,
            platform_id=platform_id,
            name=name,
            digest=key.digest,
            created_at=at,
            created_by=actor.actor,
        )
    )
    record(uow, [Entry(actor=actor.actor, action="api_key.issue", object=f"api_key:{key.lookup}", reason=name)], at=at)
    return key.token


def revoke_key(uow: UnitOfWork, *, actor: Principal, lookup: str, reason: str, at: datetime) -> None:
    row = uow.identity.api_key(lookup)
    if row is None:
        raise NotFoundError(f"no API key {lookup!r}")
    platform = uow.places.platform(row.platform_id)
    seat = platform.jurisdiction_code if platform else None
    require(
        actor, Activity.API_KEY_MANAGE, Resource(kind="api_key", id=lookup, platform=row.platform_id, jurisdiction=seat)
    )
    if row.revoked_at is not None:
        raise ConflictError(f"the API key {lookup} was already revoked at {row.revoked_at.isoformat()}")
    row.revoked_at = at
    record(uow, [Entry(actor=actor.actor, action="api_key.revoke", object=f"api_key:{lookup}", reason=reason)], at=at)


class KeyCache:
    """Keys checked in the last ``ttl`` seconds, so a request costs no key lookup.

    A revoked key stops working within ``ttl`` seconds in every process.
    """

    def __init__(self, ttl: float = 5.0) -> None:
        self._ttl = ttl
        self._known: dict[str, tuple[float, KeyIdentity]] = {}

    def get(self, token: str) -> KeyIdentity | None:
        hit = self._known.get(token)
        if hit is None or time.monotonic() - hit[0] > self._ttl:
            return None
        return hit[1]

    def put(self, token: str, identity: KeyIdentity) -> None:
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[token] = (time.monotonic(), identity)


def authenticate_key(uow: UnitOfWork, token: str) -> KeyIdentity:
    lookup = parse_key(token)
    row = uow.identity.api_key(lookup) if lookup else None
    if row is None or not same_digest(row.digest, token):
        raise NotAuthenticatedError("the API key is not valid; send `Authorization: Bearer ngk_...`")
    if row.revoked_at is not None:
        raise NotAuthenticatedError(f"the API key {row.lookup} was revoked at {row.revoked_at.isoformat()}")
    platform = uow.places.platform(row.platform_id)
    name = platform.name if platform else row.platform_id
    principal = Principal(
        kind="platform",
        id=row.platform_id,
        name=name,
        grants=(Grant(role=Role.PLATFORM_CLIENT, platform=row.platform_id),),
    )
    return KeyIdentity(
        lookup=row.lookup, principal=principal, jurisdiction=platform.jurisdiction_code if platform else None
    )
