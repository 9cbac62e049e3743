"""Managing staff accounts and platform API keys, on SQLite and PostgreSQL: who may grant
what, and keys that authenticate until revoked."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from netgov.errors import ConflictError, NotAuthenticatedError, NotFoundError, PermissionDeniedError
from netgov.identity import Grant, Principal, Role
from netgov.identity.secrets import parse_key
from netgov.service.api_keys import KeyCache, authenticate_key, issue_key, revoke_key
from netgov.service.permissions import SYSTEM
from netgov.service.staff import create_staff, principal_of
from tests.service.support import EAST, staff
from tests.service_world import PASSWORD, World

NEW_PASSWORD = "a long enough password"


def _create(world: World, actor: Principal, username: str, *grants: Grant) -> Principal:
    with world.runtime.uow(write=True) as uow:
        row = create_staff(
            uow,
            actor=actor,
            username=username,
            display_name=username.title(),
            password=NEW_PASSWORD,
            grants=grants,
            passwords=world.runtime.passwords,
            at=world.clock(),
        )
        principal = principal_of(uow, row)
        uow.commit()
    return principal


def _officer(jurisdiction: str) -> Grant:
    return Grant(role=Role.REGULATOR_OFFICER, jurisdiction=jurisdiction)


@pytest.fixture(scope="module")
def north_admin(shared_world: World) -> Principal:
    """An administrator of the north province only."""
    return _create(shared_world, SYSTEM, "north_admin", Grant(role=Role.ADMINISTRATOR, jurisdiction="ex.north"))


def _audit(world: World, action: str, obj: str) -> list[tuple[str, str]]:
    with world.runtime.uow() as uow:
        return [(e.actor, e.reason) for e in uow.audit.events() if (e.action, e.object) == (action, obj)]


# --- staff ----------------------------------------------------------------------------


def test_an_administrator_creates_staff_within_their_scope(shared_world: World) -> None:
    created = _create(shared_world, staff(shared_world, "admin"), "new_east", _officer(EAST))
    assert created.grants == (_officer(EAST),)
    assert _audit(shared_world, "staff.create", "staff:new_east") == [
        ("staff:admin", "granted regulator officer for jurisdiction ex.north.harbour.east")
    ]


def test_a_provincial_administrator_grants_inside_the_province(shared_world: World, north_admin: Principal) -> None:
    created = _create(shared_world, north_admin, "harbour_mod", Grant(role=Role.PLATFORM_MODERATOR, platform="chirp"))
    assert created.has_role(Role.PLATFORM_MODERATOR)


@pytest.mark.parametrize(
    "grant",
    [_officer("ex.south"), _officer("ex"), Grant(role=Role.PLATFORM_MODERATOR, platform="marketly")],
    ids=["another province", "the national level", "a platform seated in another province"],
)
def test_a_provincial_administrator_cannot_grant_outside_the_province(
    shared_world: World, north_admin: Principal, grant: Grant
) -> None:
    with pytest.raises(PermissionDeniedError, match=r"North_Admin may staff\.manage only as administrator for"):
        _create(shared_world, north_admin, "outsider", grant)
    assert _missing(shared_world, "outsider")


def test_a_county_officer_cannot_create_staff(shared_world: World) -> None:
    with pytest.raises(PermissionDeniedError, match=r"holds no role that may staff\.manage"):
        _create(shared_world, staff(shared_world, "officer_east"), "friend", _officer(EAST))
    assert _missing(shared_world, "friend")


@pytest.mark.parametrize("username", ["officer_east", "north_admin", "chirp_admin"])
def test_only_a_national_administrator_opens_an_account_without_roles(
    shared_world: World, north_admin: Principal, username: str
) -> None:
    with pytest.raises(PermissionDeniedError):
        _create(shared_world, staff(shared_world, username), f"roleless_by_{username}")
    assert _create(shared_world, staff(shared_world, "admin"), f"roleless_for_{username}").grants == ()


def test_a_username_is_taken_once(shared_world: World) -> None:
    with pytest.raises(ConflictError, match="'auditor' already exists"):
        _create(shared_world, staff(shared_world, "admin"), "auditor", _officer(EAST))


def test_a_new_account_signs_in_with_its_password(shared_world: World) -> None:
    _create(shared_world, staff(shared_world, "admin"), "fresh", _officer(EAST))
    with shared_world.runtime.uow() as uow:
        row = uow.identity.staff_by_username("fresh")
        assert row is not None
        assert shared_world.runtime.passwords.verify(row.password_hash, NEW_PASSWORD)
        assert not shared_world.runtime.passwords.verify(row.password_hash, PASSWORD)


def _missing(world: World, username: str) -> bool:
    with world.runtime.uow() as uow:
        return uow.identity.staff_by_username(username) is None


# --- API keys -------------------------------------------------------------------------


def _issue(world: World, actor: Principal, platform: str) -> str:
    with world.runtime.uow(write=True) as uow:
        token = issue_key(uow, actor=actor, platform_id=platform, name="tests", at=world.clock())
        uow.commit()
    return token


def _revoke(world: World, actor: Principal, token: str, reason: str = "leaked") -> None:
    lookup = parse_key(token)
    assert lookup is not None
    with world.runtime.uow(write=True) as uow:
        revoke_key(uow, actor=actor, lookup=lookup, reason=reason, at=world.clock())
        uow.commit()


def _authenticate(world: World, token: str) -> Principal:
    with world.runtime.uow() as uow:
        return authenticate_key(uow, token).principal


def test_a_platform_admin_issues_a_key_that_speaks_for_their_platform(shared_world: World) -> None:
    token = _issue(shared_world, staff(shared_world, "chirp_admin"), "chirp")
    with shared_world.runtime.uow() as uow:
        identity = authenticate_key(uow, token)
    assert identity.principal.actor == "platform:chirp"
    assert identity.principal.grants == (Grant(role=Role.PLATFORM_CLIENT, platform="chirp"),)
    assert identity.jurisdiction == "ex.north.harbour"
    assert _audit(shared_world, "api_key.issue", f"api_key:{identity.lookup}") == [("staff:chirp_admin", "tests")]


def test_the_key_itself_is_never_stored(shared_world: World) -> None:
    token = _issue(shared_world, staff(shared_world, "chirp_admin"), "chirp")
    with shared_world.runtime.uow() as uow:
        stored = [(k.digest, k.name) for k in uow.identity.api_keys("chirp")]
    assert all(token not in fields for fields in stored)


@pytest.mark.parametrize(
    ("username", "platform"),
    [("chirp_admin", "marketly"), ("chirp_moderator", "chirp"), ("officer_north", "chirp"), ("auditor", "chirp")],
)
def test_only_the_platforms_admin_or_an_administrator_issues_keys(
    shared_world: World, username: str, platform: str
) -> None:
    with pytest.raises(PermissionDeniedError):
        _issue(shared_world, staff(shared_world, username), platform)


def test_an_administrator_issues_keys_for_platforms_in_scope(shared_world: World, north_admin: Principal) -> None:
    assert _authenticate(shared_world, _issue(shared_world, staff(shared_world, "admin"), "marketly")).id == "marketly"
    assert _authenticate(shared_world, _issue(shared_world, north_admin, "chirp")).id == "chirp"
    with pytest.raises(PermissionDeniedError, match="platform marketly"):
        _issue(shared_world, north_admin, "marketly")


def test_a_key_for_an_unknown_platform_is_not_found(shared_world: World) -> None:
    with pytest.raises(NotFoundError, match="no platform 'nowhere'"):
        _issue(shared_world, staff(shared_world, "admin"), "nowhere")


def test_a_revoked_key_no_longer_authenticates(shared_world: World) -> None:
    token = _issue(shared_world, staff(shared_world, "chirp_admin"), "chirp")
    _revoke(shared_world, staff(shared_world, "chirp_admin"), token, reason="left in a public repository")
    with pytest.raises(NotAuthenticatedError, match="was revoked at"):
        _authenticate(shared_world, token)
    assert _audit(shared_world, "api_key.revoke", f"api_key:{parse_key(token)}") == [
        ("staff:chirp_admin", "left in a public repository")
    ]


def test_another_platforms_key_cannot_be_revoked(shared_world: World) -> None:
    token = _issue(shared_world, staff(shared_world, "admin"), "marketly")
    with pytest.raises(PermissionDeniedError):
        _revoke(shared_world, staff(shared_world, "chirp_admin"), token)
    assert _authenticate(shared_world, token).id == "marketly"


def test_revoking_an_unknown_key_is_not_found(shared_world: World) -> None:
    with pytest.raises(NotFoundError):
        _revoke(shared_world, staff(shared_world, "admin"), "ngk_000000000000_nothing")


def _forgeries(world: World) -> Sequence[str]:
    real = world.keys["chirp"]
    return ["", "Bearer " + real, real[:-1], real + "x", "ngk_000000000000_" + real.split("_", 2)[2], "ngk_x_y"]


def test_anything_but_an_issued_key_is_not_authenticated(shared_world: World) -> None:
    for token in _forgeries(shared_world):
        with pytest.raises(NotAuthenticatedError, match="not valid"):
            _authenticate(shared_world, token)


def test_the_key_cache_remembers_identities_for_its_lifetime(shared_world: World) -> None:
    cache, token = KeyCache(ttl=60), shared_world.keys["chirp"]
    with shared_world.runtime.uow() as uow:
        identity = authenticate_key(uow, token)
    assert cache.get(token) is None
    cache.put(token, identity)
    assert cache.get(token) == identity
    assert KeyCache(ttl=-1).get(token) is None


def test_revoking_a_key_twice_keeps_the_first_revocation(shared_world: World) -> None:
    admin = staff(shared_world, "chirp_admin")
    token = _issue(shared_world, admin, "chirp")
    _revoke(shared_world, admin, token, reason="rotated")
    with pytest.raises(ConflictError, match="already revoked at"):
        _revoke(shared_world, admin, token, reason="again")
    assert _audit(shared_world, "api_key.revoke", f"api_key:{parse_key(token)}") == [("staff:chirp_admin", "rotated")]
